/**
 * Managing an order once it is granted (DOMAIN.md §10): notification requirements, visits
 * by the subject management plan, supervisor reviews, renewal and moves between forces.
 * All day counts are calendar days (see README.md); dates are London calendar dates.
 */
import {
  addDays,
  addMonths,
  compareLocalDates,
  daysBetween,
  moveInDeadlines,
  notificationDue,
  orderExpiry,
  renewalSubmissionDue,
  spoGrantDeadlines,
  type LocalDate,
  type OrderTerm,
} from '../calendar/index.ts';
import { westYorkshireOrdersPolicy, type OrdersPolicy } from './policy.ts';

export { moveInDeadlines, notificationDue, orderExpiry, renewalSubmissionDue, spoGrantDeadlines };

/** The order's expiry, from its term (fixed or until further order). */
export function expiryOf(grantedOn: LocalDate, term: OrderTerm): LocalDate | null {
  return orderExpiry(grantedOn, term);
}

/** A term as the forms and API give it: whole years and months, or until further order. */
export function termOf(input: { untilFurtherOrder: boolean; years?: number | undefined; months?: number | undefined }): OrderTerm {
  return input.untilFurtherOrder ? 'until further order' : { years: input.years ?? 0, months: input.months ?? 0 };
}

/** An SPO's fixed term must be at least 2 years (Stalking Protection Act 2019 s3); interim orders have no minimum. */
export function spoTermProblem(term: OrderTerm, interim: boolean): string | null {
  if (interim || term === 'until further order') return null;
  const months = (term.years ?? 0) * 12 + (term.months ?? 0);
  return months >= 24 ? null : 'A full Stalking Protection Order lasts at least 2 years, or until further order';
}

export type NotificationKind = 'initial' | 'change-of-name' | 'change-of-address';

export const NOTIFICATION_LABELS: Readonly<Record<NotificationKind, string>> = {
  initial: 'Names and home address after service',
  'change-of-name': 'Change of name',
  'change-of-address': 'Change of home address',
};

/** The last day the subject may notify: day 1 is the day of service or of the change. */
export function notificationDueOn(trigger: LocalDate, policy: OrdersPolicy = westYorkshireOrdersPolicy): LocalDate {
  return notificationDue(trigger, policy.deadlines);
}

/** When the next planned visit is due: the interval after the last visit (or after the initial visit's due date). */
export function nextVisitDue(input: { lastVisitOn: LocalDate | null; initialVisitDue: LocalDate; intervalDays: number }): LocalDate {
  if (input.lastVisitOn === null) return input.initialVisitDue;
  return addDays(input.lastVisitOn, Math.max(1, Math.trunc(input.intervalDays)));
}

/** When the supervisor's next review of the plan is due. */
export function nextReviewDue(lastReviewOn: LocalDate | null, planStartedOn: LocalDate, policy: OrdersPolicy = westYorkshireOrdersPolicy): LocalDate {
  return addMonths(lastReviewOn ?? planStartedOn, policy.planReviewIntervalMonths);
}

export type DueState = 'overdue' | 'due today' | 'due soon' | 'later';

/** How a dated duty stands on a day. */
export function dueState(dueOn: LocalDate, today: LocalDate, policy: OrdersPolicy = westYorkshireOrdersPolicy): DueState {
  const c = compareLocalDates(dueOn, today);
  if (c < 0) return 'overdue';
  if (c === 0) return 'due today';
  return daysBetween(today, dueOn) <= policy.dueSoonDays ? 'due soon' : 'later';
}

/** A plan item drawn from the order's terms: each prohibition or requirement, one line each. */
export interface PlanItem {
  kind: 'prohibition' | 'requirement';
  text: string;
  /** How the offender manager checks it. */
  check: string;
}

function lines(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n|;\s*/)
    .map((l) => l.trim().replace(/\.$/, ''))
    .filter((l) => l.length > 0);
}

/**
 * The starting subject management plan: one item per prohibition and requirement in the
 * order's terms, each with a way to check compliance. The offender manager edits it.
 */
export function planFromTerms(terms: { prohibitions: string | null; requirements: string | null }): PlanItem[] {
  return [
    ...lines(terms.prohibitions).map((text): PlanItem => ({ kind: 'prohibition', text, check: 'Ask the victim and check new reports, PNC and intelligence for any sign of it at each visit' })),
    ...lines(terms.requirements).map((text): PlanItem => ({ kind: 'requirement', text, check: 'Ask for evidence at each visit (for example attendance records) and record it' })),
  ];
}

/** What a renewal submission must show (004): the prompts for evidence. */
export const RENEWAL_EVIDENCE_PROMPTS = [
  'New acts associated with stalking since the order was made, with dates and references',
  'The current risk to the victim, with the latest risk assessment',
  'Why the order is still necessary to protect the victim',
  'Compliance with the order and notification requirements, and any breaches',
] as const;

/** Move out: what the pack sent to the receiving force must hold (004). */
export const TRANSFER_PACK_ITEMS = ['Statement of service', 'Subject management plan', 'Risk information'] as const;

/** The SPO consideration task on a stalking case: the policy's days after the day the case became stalking. */
export function spoConsiderationDue(from: LocalDate, policy: OrdersPolicy = westYorkshireOrdersPolicy): LocalDate {
  return addDays(from, policy.spoConsiderationWithinDays);
}

/** Cross-force cases: consult the other force by the policy's days after the move in or the referral. */
export function crossForceConsultationDue(from: LocalDate, policy: OrdersPolicy = westYorkshireOrdersPolicy): LocalDate {
  return addDays(from, policy.crossForceConsultationWithinDays);
}

/** Move in: the offender manager and first visit deadlines (7 and 14 days by default). */
export function moveInDue(movedInOn: LocalDate, policy: OrdersPolicy = westYorkshireOrdersPolicy) {
  return moveInDeadlines(movedInOn, policy.deadlines);
}
