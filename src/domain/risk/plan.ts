import type { Clock } from '../clock.ts';
import { addDays, daysBetween, formatDate, isLocalDate, today, type LocalDate } from './dates.ts';
import type { RiskGrade } from './grades.ts';
import type { RiskPolicy } from './policy.ts';
import { accept, isBlank, refuse, type Outcome, type Reason } from './reason.ts';

/** RARA: Remove, Avoid, Reduce, Accept (DOMAIN.md §6). */
export const RARA_CATEGORIES = {
  remove: 'Remove the risk, for example arrest or remand the suspect.',
  avoid: 'Avoid the risk, for example a refuge or rehousing.',
  reduce: 'Reduce the risk, for example bail conditions, orders, target hardening or alarms.',
  accept: 'Accept and monitor the risk that remains.',
} as const;

export type RaraCategory = keyof typeof RARA_CATEGORIES;

export const ACTION_STATUSES = ['planned', 'in-progress', 'done', 'not-done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface PlanAction {
  readonly category: RaraCategory;
  readonly description: string;
  /** Who is responsible for the action. */
  readonly owner: string;
  readonly reviewDate: LocalDate;
  /** When the action should be done, if it has a deadline. */
  readonly dueDate?: LocalDate;
  readonly status: ActionStatus;
}

/** A structured risk management plan for an assessed victim. */
export interface RiskManagementPlan {
  readonly riskGrade: RiskGrade;
  /** When the plan was made or last reviewed. */
  readonly reviewedOn: LocalDate;
  readonly reviewDate: LocalDate;
  readonly actions: readonly PlanAction[];
}

function actionProblems(action: PlanAction, index: number): Reason[] {
  const label = `Action ${index + 1}`;
  const problems: Reason[] = [];
  if (!(action.category in RARA_CATEGORIES)) {
    problems.push({ code: 'action-category-invalid', message: `${label} needs a category: remove, avoid, reduce or accept.` });
  }
  if (isBlank(action.description)) problems.push({ code: 'action-description-missing', message: `${label} needs a description of what will be done.` });
  if (isBlank(action.owner)) problems.push({ code: 'action-owner-missing', message: `${label} needs an owner: who will do it.` });
  if (!isLocalDate(action.reviewDate)) problems.push({ code: 'action-review-date-missing', message: `${label} needs a review date.` });
  if (action.dueDate !== undefined && !isLocalDate(action.dueDate)) {
    problems.push({ code: 'action-due-date-invalid', message: `${label} has a due date that is not a real date.` });
  }
  return problems;
}

function reviewDateProblems(plan: RiskManagementPlan, policy: RiskPolicy): Reason[] {
  if (!isLocalDate(plan.reviewedOn)) return [{ code: 'plan-date-missing', message: 'The plan needs the date it was made or last reviewed.' }];
  if (!isLocalDate(plan.reviewDate)) return [{ code: 'plan-review-date-missing', message: 'The plan needs a review date.' }];
  const maxDays = policy.planReview.maxIntervalDays[plan.riskGrade];
  const days = daysBetween(plan.reviewedOn, plan.reviewDate);
  if (days < 0) return [{ code: 'plan-review-date-before-plan', message: 'The review date is before the date of the plan.' }];
  if (days > maxDays) {
    return [{
      code: 'plan-review-date-too-late',
      message: `A ${plan.riskGrade}-risk plan must be reviewed within ${maxDays} days, by ${formatDate(addDays(plan.reviewedOn, maxDays))}.`,
    }];
  }
  return [];
}

/**
 * Checks a risk management plan: at least one action, each with a category, description,
 * owner and review date, and a plan review date within the force's interval for the grade.
 */
export function validatePlan(plan: RiskManagementPlan, policy: RiskPolicy): Outcome<RiskManagementPlan> {
  const problems = [
    ...(plan.actions.length === 0
      ? [{ code: 'plan-no-actions', message: 'A risk management plan needs at least one action (remove, avoid, reduce or accept).' }]
      : []),
    ...plan.actions.flatMap(actionProblems),
    ...reviewDateProblems(plan, policy),
  ];
  return problems.length > 0 ? refuse(...problems) : accept(plan);
}

export interface PlanReviewStatus {
  /** overdue: the review date has passed; due: it is within the policy's notice period. */
  readonly status: 'overdue' | 'due' | 'scheduled';
  /** Negative when overdue. */
  readonly daysUntilReview: number;
  /** Unfinished actions whose own review date has passed. */
  readonly overdueActions: readonly PlanAction[];
}

/** Whether a plan's review is overdue or due, and which actions are past their review date. */
export function planReviewStatus(plan: RiskManagementPlan, policy: RiskPolicy, clock: Clock): PlanReviewStatus {
  const now = today(clock);
  const daysUntilReview = daysBetween(now, plan.reviewDate);
  const status = daysUntilReview < 0 ? 'overdue' : daysUntilReview <= policy.planReview.dueSoonDays ? 'due' : 'scheduled';
  const finished: readonly ActionStatus[] = ['done', 'not-done'];
  const overdueActions = plan.actions.filter((a) => !finished.includes(a.status) && a.reviewDate < now);
  return { status, daysUntilReview, overdueActions };
}
