import { westYorkshireOrderDeadlinePolicy, type OrderDeadlinePolicy } from '../calendar/index.ts';

/** Force policy for order management. West Yorkshire (004) is the default. */
export interface OrdersPolicy {
  /** Offences that make a case a stalking case, so an SPO must be considered. */
  stalkingOffences: readonly string[];
  deadlines: OrderDeadlinePolicy;
  /** Urgent arrest after a breach: the arrest task is due this many hours after the breach is recorded. */
  breachArrestWithinHours: number;
  /** Visits after the initial one, when the management plan does not say: every this many days. */
  defaultVisitIntervalDays: number;
  /** Supervisor review of the subject management plan: every this many months. */
  planReviewIntervalMonths: number;
  /** "Due soon" on the orders due page: within this many days. */
  dueSoonDays: number;
  /** The SPO consideration task on a stalking case is due this many calendar days after the report. */
  spoConsiderationWithinDays: number;
  /** Which team considers and refers SPOs, and makes the SCU decision. */
  scuTeam: string;
  /** Which team manages subjects of orders. */
  offenderManagementTeam: string;
  /** Cross-force cases (a subject moving in, an order or SPO referral from another force): consult the other force within this many calendar days. */
  crossForceConsultationWithinDays: number;
  /** Which team the authorising (detective) superintendent's decisions are sent to. */
  authorisingTeam: string;
}

export const westYorkshireOrdersPolicy: OrdersPolicy = {
  stalkingOffences: ['stalking', 'stalking-fear-alarm-distress', 'breach-stalking-protection-order'],
  deadlines: westYorkshireOrderDeadlinePolicy,
  breachArrestWithinHours: 1,
  defaultVisitIntervalDays: 28,
  planReviewIntervalMonths: 3,
  dueSoonDays: 7,
  spoConsiderationWithinDays: 7,
  scuTeam: 'scu',
  offenderManagementTeam: 'offender-management',
  crossForceConsultationWithinDays: 7,
  authorisingTeam: 'cid',
};
