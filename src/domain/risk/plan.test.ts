import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import { planReviewStatus, validatePlan, type PlanAction, type RiskManagementPlan } from './plan.ts';
import { westYorkshireRiskPolicy as policy } from './policy.ts';

const action: PlanAction = {
  category: 'reduce', description: 'Apply for bail conditions: no contact, not to enter Leeds Road', owner: 'PC 4567 Khan',
  reviewDate: '2025-06-10', status: 'planned',
};

const plan: RiskManagementPlan = { riskGrade: 'high', reviewedOn: '2025-06-05', reviewDate: '2025-06-12', actions: [action] };

describe('validatePlan', () => {
  it('accepts a complete plan', () => {
    expect(validatePlan(plan, policy)).toEqual({ ok: true, value: plan });
  });

  it.each<[string, Partial<RiskManagementPlan>, string[]]>([
    ['no actions', { actions: [] }, ['plan-no-actions']],
    ['no review date', { reviewDate: '' }, ['plan-review-date-missing']],
    ['a review date before the plan', { reviewDate: '2025-06-01' }, ['plan-review-date-before-plan']],
    ['a high-risk review more than 7 days away', { reviewDate: '2025-06-13' }, ['plan-review-date-too-late']],
    ['an action without owner or description', { actions: [{ ...action, owner: ' ', description: '' }] }, ['action-description-missing', 'action-owner-missing']],
    ['an action without a review date', { actions: [{ ...action, reviewDate: '2025-02-30' }] }, ['action-review-date-missing']],
    ['an action with an unknown category', { actions: [{ ...action, category: 'ignore' as PlanAction['category'] }] }, ['action-category-invalid']],
    ['an action with a bad due date', { actions: [{ ...action, dueDate: 'soon' }] }, ['action-due-date-invalid']],
  ])('refuses a plan with %s', (_case, change, codes) => {
    const outcome = validatePlan({ ...plan, ...change }, policy);
    expect(!outcome.ok && outcome.reasons.map((r) => r.code)).toEqual(codes);
  });

  it('says by when a plan must be reviewed for its risk level', () => {
    const outcome = validatePlan({ ...plan, riskGrade: 'medium', reviewDate: '2025-08-01' }, policy);
    expect(!outcome.ok && outcome.reasons[0]?.message).toBe('A medium-risk plan must be reviewed within 28 days, by 3 July 2025.');
  });
});

describe('planReviewStatus', () => {
  it.each<[string, string, number]>([
    ['2025-06-01T12:00:00Z', 'scheduled', 11],
    ['2025-06-09T12:00:00Z', 'due', 3],
    ['2025-06-12T12:00:00Z', 'due', 0],
    ['2025-06-13T12:00:00Z', 'overdue', -1],
    ['2025-06-12T23:30:00Z', 'overdue', -1], // 00:30 on 13 June in UK summer time
  ])('at %s the review is %s', (now, status, days) => {
    expect(planReviewStatus(plan, policy, fixedClock(now))).toMatchObject({ status, daysUntilReview: days });
  });

  it('lists unfinished actions past their own review date', () => {
    const finished = { ...action, description: 'Fit alarm', status: 'done' as const };
    const result = planReviewStatus({ ...plan, actions: [action, finished] }, policy, fixedClock('2025-06-11T12:00:00Z'));
    expect(result.overdueActions).toEqual([action]);
  });
});
