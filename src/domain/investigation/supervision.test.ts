import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import { addDays } from './dates.ts';
import type { InvestigationPolicy } from './policy.ts';
import { overdueReviews, supervisionDue } from './supervision.ts';
import type { RiskGrade } from './types.ts';
import { westYorkshireInvestigationPolicy } from './west-yorkshire.ts';

describe('supervisionDue', () => {
  it.each<[RiskGrade, string]>([
    ['high', '2025-03-08'],
    ['medium', '2025-03-15'],
    ['standard', '2025-03-29'],
  ])('%s risk: review after 1 March is due on %s', (riskGrade, dueOn) => {
    const due = supervisionDue(
      { lastReviewOn: '2025-03-01', recordedOn: '2025-02-01', riskGrade },
      fixedClock('2025-03-05T12:00:00Z'),
    );
    expect(due.dueOn).toBe(dueOn);
    expect(due.overdue).toBe(false);
  });

  it('counts from the date recorded when there has been no review', () => {
    const due = supervisionDue({ recordedOn: '2025-02-01', riskGrade: 'standard' }, fixedClock('2025-03-05T12:00:00Z'));
    expect(due).toEqual({ dueOn: '2025-03-01', intervalDays: 28, overdue: true, daysUntilDue: -4 });
  });

  it('is not overdue on the due date itself, in London time', () => {
    // 23:30 UTC on 7 March is 23:30 GMT: still 7 March. 23:30 UTC on 7 July is 00:30 BST on 8 July.
    const winter = supervisionDue(
      { lastReviewOn: '2025-02-28', recordedOn: '2025-02-01', riskGrade: 'high' },
      fixedClock('2025-03-07T23:30:00Z'),
    );
    expect(winter).toEqual(expect.objectContaining({ dueOn: '2025-03-07', overdue: false, daysUntilDue: 0 }));
    const summer = supervisionDue(
      { lastReviewOn: '2025-06-30', recordedOn: '2025-06-01', riskGrade: 'high' },
      fixedClock('2025-07-07T23:30:00Z'),
    );
    expect(summer).toEqual(expect.objectContaining({ dueOn: '2025-07-07', overdue: true, daysUntilDue: -1 }));
  });

  it('uses the force’s intervals', () => {
    const policy: InvestigationPolicy = {
      ...westYorkshireInvestigationPolicy,
      supervision: { reviewIntervalDays: { high: 3, medium: 10, standard: 20 } },
    };
    const due = supervisionDue(
      { lastReviewOn: '2025-03-01', recordedOn: '2025-03-01', riskGrade: 'high' },
      fixedClock('2025-03-01T09:00:00Z'),
      policy,
    );
    expect(due.dueOn).toBe('2025-03-04');
  });

  it('property: overdue exactly when today is after the due date, which is the interval after the last review', () => {
    const day = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2020-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 120 }), fc.constantFrom<RiskGrade>('high', 'medium', 'standard'), (last, elapsed, risk) => {
        const today = addDays(last, elapsed);
        const due = supervisionDue({ lastReviewOn: last, recordedOn: last, riskGrade: risk }, fixedClock(`${today}T12:00:00Z`));
        const interval = westYorkshireInvestigationPolicy.supervision.reviewIntervalDays[risk];
        expect(due.dueOn).toBe(addDays(last, interval));
        expect(due.daysUntilDue).toBe(interval - elapsed);
        expect(due.overdue).toBe(elapsed > interval);
      }),
    );
  });
});

describe('overdueReviews', () => {
  it('lists only overdue cases, most overdue first', () => {
    const cases = [
      { id: 'a', lastReviewOn: '2025-03-01', recordedOn: '2025-01-01', riskGrade: 'standard' as const },
      { id: 'b', lastReviewOn: '2025-03-01', recordedOn: '2025-01-01', riskGrade: 'high' as const },
      { id: 'c', recordedOn: '2025-01-01', riskGrade: 'medium' as const },
    ];
    const overdue = overdueReviews(cases, fixedClock('2025-03-20T10:00:00Z'));
    expect(overdue.map((o) => [o.case.id, o.due.daysUntilDue])).toEqual([
      ['c', -64],
      ['b', -12],
    ]);
  });
});
