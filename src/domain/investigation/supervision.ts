import type { Clock } from '../clock.ts';
import { addDays, daysBetween, localDateInLondon } from './dates.ts';
import type { InvestigationPolicy } from './policy.ts';
import type { LocalDate, RiskGrade } from './types.ts';
import { westYorkshireInvestigationPolicy } from './west-yorkshire.ts';

/** What supervision timing depends on for one open case. */
export interface SupervisionState {
  /** Date of the last supervisory review; undefined if never reviewed. */
  readonly lastReviewOn?: LocalDate;
  /** Date the crime was recorded: the clock starts here until the first review. */
  readonly recordedOn: LocalDate;
  readonly riskGrade: RiskGrade;
}

export interface SupervisionDue {
  readonly dueOn: LocalDate;
  readonly intervalDays: number;
  readonly overdue: boolean;
  /** Days until due (0 on the due date); negative when overdue. */
  readonly daysUntilDue: number;
}

/**
 * When the next supervisory review is due and whether it is overdue today (Europe/London).
 * Intervals by risk grade come from the force policy (DOMAIN.md §7; defaults unverified).
 */
export function supervisionDue(
  state: SupervisionState,
  clock: Clock,
  policy: InvestigationPolicy = westYorkshireInvestigationPolicy,
): SupervisionDue {
  const intervalDays = policy.supervision.reviewIntervalDays[state.riskGrade];
  const dueOn = addDays(state.lastReviewOn ?? state.recordedOn, intervalDays);
  const daysUntilDue = daysBetween(localDateInLondon(clock.now()), dueOn);
  return { dueOn, intervalDays, overdue: daysUntilDue < 0, daysUntilDue };
}

/** The cases whose review is overdue, most overdue first. */
export function overdueReviews<T extends SupervisionState>(
  cases: readonly T[],
  clock: Clock,
  policy: InvestigationPolicy = westYorkshireInvestigationPolicy,
): { readonly case: T; readonly due: SupervisionDue }[] {
  return cases
    .map((item) => ({ case: item, due: supervisionDue(item, clock, policy) }))
    .filter(({ due }) => due.overdue)
    .sort((a, b) => a.due.daysUntilDue - b.due.daysUntilDue);
}
