import { addDays, addMonths } from './local-date.ts';
import type { LocalDate } from './local-date.ts';

/** How long an order lasts: a fixed term, or until a further order of the court. */
export type OrderTerm = { years?: number; months?: number } | 'until further order';

/** Order-management time limits. All are calendar days or months, not working days. */
export interface OrderDeadlinePolicy {
  /** Offender manager's first visit after a Stalking Protection Order is granted. */
  initialVisitWithinDays: number;
  /** Renewal submission to the SCU, at the latest this many months before expiry. */
  renewalMonthsBeforeExpiry: number;
  /**
   * Statutory notification of name and home address (Stalking Protection Act 2019 s9): within
   * a period of this many days beginning with the day of service or of the change, so the day
   * itself counts as the first day.
   */
  notificationPeriodDays: number;
  /** Subject under an order moves into the force area: offender manager allocated within. */
  moveInAllocationWithinDays: number;
  /** Subject under an order moves into the force area: first visit within. */
  moveInFirstVisitWithinDays: number;
}

/** West Yorkshire Police stalking and harassment policy (004) and the Stalking Protection Act 2019. */
export const westYorkshireOrderDeadlinePolicy: OrderDeadlinePolicy = {
  initialVisitWithinDays: 7,
  renewalMonthsBeforeExpiry: 3,
  notificationPeriodDays: 3,
  moveInAllocationWithinDays: 7,
  moveInFirstVisitWithinDays: 14,
};

/** Deadlines that follow from granting a Stalking Protection Order. */
export interface SpoGrantDeadlines {
  initialVisitDue: LocalDate;
  /** The anniversary date on which a fixed-term order ends, or null for until further order. */
  expiresOn: LocalDate | null;
  /** The last day to submit a renewal, or null for an order with no expiry. */
  renewalDue: LocalDate | null;
}

/**
 * The date a fixed-term order ends: the grant date plus the term, with month ends clamped
 * (an order granted 31 August for 6 months ends 28 or 29 February). Null for an order until
 * further order.
 */
export function orderExpiry(grantedOn: LocalDate, term: OrderTerm): LocalDate | null {
  if (term === 'until further order') return null;
  return addMonths(grantedOn, (term.years ?? 0) * 12 + (term.months ?? 0));
}

/** The last day to submit a renewal of an order expiring on `expiresOn`. */
export function renewalSubmissionDue(
  expiresOn: LocalDate,
  policy: OrderDeadlinePolicy = westYorkshireOrderDeadlinePolicy,
): LocalDate {
  return addMonths(expiresOn, -policy.renewalMonthsBeforeExpiry);
}

/** Initial visit, expiry and renewal deadlines for a Stalking Protection Order granted on a date. */
export function spoGrantDeadlines(
  grantedOn: LocalDate,
  term: OrderTerm,
  policy: OrderDeadlinePolicy = westYorkshireOrderDeadlinePolicy,
): SpoGrantDeadlines {
  const expiresOn = orderExpiry(grantedOn, term);
  return {
    initialVisitDue: addDays(grantedOn, policy.initialVisitWithinDays),
    expiresOn,
    renewalDue: expiresOn === null ? null : renewalSubmissionDue(expiresOn, policy),
  };
}

/**
 * The last day the subject may notify the police of their name(s) and home address, counting
 * the day the order was served (or the day the name or address changed) as the first day.
 */
export function notificationDue(
  servedOrChangedOn: LocalDate,
  policy: OrderDeadlinePolicy = westYorkshireOrderDeadlinePolicy,
): LocalDate {
  return addDays(servedOrChangedOn, policy.notificationPeriodDays - 1);
}

/** Deadlines when a subject under an order moves into the force area. */
export interface MoveInDeadlines {
  allocateOffenderManagerBy: LocalDate;
  firstVisitBy: LocalDate;
}

/** Offender manager allocation and first visit deadlines for a subject who moved in on a date. */
export function moveInDeadlines(
  movedInOn: LocalDate,
  policy: OrderDeadlinePolicy = westYorkshireOrderDeadlinePolicy,
): MoveInDeadlines {
  return {
    allocateOffenderManagerBy: addDays(movedInOn, policy.moveInAllocationWithinDays),
    firstVisitBy: addDays(movedInOn, policy.moveInFirstVisitWithinDays),
  };
}
