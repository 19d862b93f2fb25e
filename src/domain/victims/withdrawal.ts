import { isLocalDate, type LocalDate } from '../calendar/index.ts';

/**
 * A victim's withdrawal of support for a prosecution (DOMAIN.md §8 outcome 16, §12). One
 * record per victim per case, kept by victim care and read by finalisation: outcome 16 is
 * checked against this record, never against a separate copy.
 */
export interface WithdrawalRecord {
  /** The day the victim said they no longer support a prosecution. */
  readonly withdrawnOn: LocalDate | null;
  /** The victim's reasons, recorded sensitively. */
  readonly reasons: string | null;
  /** A full statement of the victim's reasons has been taken, and when. */
  readonly statementTaken: boolean;
  readonly statementTakenOn: LocalDate | null;
  /** Specialist support was offered with contact details, and which. */
  readonly supportDetailsGiven: boolean;
  readonly supportDetails: string | null;
  /** The follow-up contact agreed with the victim (it creates a task). */
  readonly followUpOn: LocalDate | null;
  /** An evidence-led prosecution was considered, with the decision and why. */
  readonly evidenceLedConsidered: boolean;
  readonly evidenceLedDecision: EvidenceLedDecision | null;
  readonly evidenceLedRationale: string | null;
}

export const EVIDENCE_LED_DECISIONS = ['proceed', 'not-proceed'] as const;
export type EvidenceLedDecision = (typeof EVIDENCE_LED_DECISIONS)[number];
export const EVIDENCE_LED_DECISION_LABELS: Record<EvidenceLedDecision, string> = {
  proceed: 'Proceed with an evidence-led prosecution',
  'not-proceed': 'Not enough evidence to proceed without the victim',
};

export const EMPTY_WITHDRAWAL: WithdrawalRecord = {
  withdrawnOn: null,
  reasons: null,
  statementTaken: false,
  statementTakenOn: null,
  supportDetailsGiven: false,
  supportDetails: null,
  followUpOn: null,
  evidenceLedConsidered: false,
  evidenceLedDecision: null,
  evidenceLedRationale: null,
};

export interface WithdrawalProblem {
  readonly field: keyof WithdrawalRecord;
  readonly message: string;
}

const blank = (s: string | null | undefined): boolean => !s || s.trim().length === 0;

/**
 * Checks a withdrawal record saved from victim care, given today's London date. Every
 * problem is returned at once, each by its field. Items can be recorded over several
 * visits, but each item recorded must be complete: a statement taken has its date, support
 * given says what, an evidence-led consideration has its decision and reason.
 */
export function checkWithdrawal(record: WithdrawalRecord, today: LocalDate): WithdrawalProblem[] {
  const problems: WithdrawalProblem[] = [];
  const add = (field: keyof WithdrawalRecord, message: string) => problems.push({ field, message });
  if (!record.withdrawnOn) add('withdrawnOn', 'Enter the date the victim withdrew their support');
  else if (record.withdrawnOn > today) add('withdrawnOn', 'The date the victim withdrew their support cannot be in the future');
  if (blank(record.reasons) || record.reasons!.trim().length < 5) add('reasons', 'Record the victim’s reasons for withdrawing their support');
  if (record.statementTaken) {
    if (!record.statementTakenOn) add('statementTakenOn', 'Enter the date the statement of reasons was taken');
    else if (record.statementTakenOn > today) add('statementTakenOn', 'The date the statement was taken cannot be in the future');
  } else if (record.statementTakenOn) {
    add('statementTaken', 'Say that the statement of reasons was taken, or remove its date');
  }
  if (record.supportDetailsGiven && blank(record.supportDetails)) add('supportDetails', 'Say which support services and contact details were given');
  if (record.followUpOn && record.withdrawnOn && isLocalDate(record.withdrawnOn) && record.followUpOn < record.withdrawnOn) {
    add('followUpOn', 'The follow-up contact must be on or after the day the victim withdrew');
  }
  if (record.evidenceLedConsidered) {
    if (!record.evidenceLedDecision) add('evidenceLedDecision', 'Choose the decision on an evidence-led prosecution');
    if (blank(record.evidenceLedRationale) || record.evidenceLedRationale!.trim().length < 10) add('evidenceLedRationale', 'Explain the decision on an evidence-led prosecution (at least 10 characters)');
  } else if (record.evidenceLedDecision) {
    add('evidenceLedConsidered', 'Say that an evidence-led prosecution was considered, or remove the decision');
  }
  return problems;
}

/** What finalisation with outcome 16 is given by hand (the older API shape). */
export interface Outcome16Given {
  readonly victimReasons?: string | undefined;
  readonly statementOfReasons?: boolean | undefined;
  readonly specialistSupportOffered?: boolean | undefined;
  readonly evidenceLedConsidered?: boolean | undefined;
  readonly followUpContactDate?: string | undefined;
}

/** The five outcome 16 items (DOMAIN.md §8) as the withdrawal record holds them. */
export function outcome16FromWithdrawal(record: WithdrawalRecord | null): Required<Outcome16Given> {
  const r = record ?? EMPTY_WITHDRAWAL;
  return {
    victimReasons: r.reasons ?? '',
    statementOfReasons: r.statementTaken,
    specialistSupportOffered: r.supportDetailsGiven,
    evidenceLedConsidered: r.evidenceLedConsidered,
    followUpContactDate: r.followUpOn ?? '',
  };
}

/**
 * The withdrawal record after finalisation adds what the officer gave there. What was
 * given fills in or replaces what was recorded (text that is not blank, a date, an item
 * now done); nothing given there can undo an item already recorded in victim care. Dates
 * finalisation does not ask for (when the victim withdrew, when the statement was taken)
 * stay as recorded, blank until someone enters them in victim care.
 */
export function mergeWithdrawal(record: WithdrawalRecord | null, given: Outcome16Given | undefined): WithdrawalRecord {
  const r = record ?? EMPTY_WITHDRAWAL;
  if (!given) return r;
  return {
    ...r,
    reasons: blank(given.victimReasons) ? r.reasons : given.victimReasons!.trim(),
    statementTaken: r.statementTaken || given.statementOfReasons === true,
    supportDetailsGiven: r.supportDetailsGiven || given.specialistSupportOffered === true,
    evidenceLedConsidered: r.evidenceLedConsidered || given.evidenceLedConsidered === true,
    // A date given that is not a real date is kept, so finalisation refuses it by its field.
    followUpOn: blank(given.followUpContactDate) ? r.followUpOn : given.followUpContactDate!.trim(),
  };
}

/** True when two records say the same thing (so finalisation need not save the record again). */
export function sameWithdrawal(a: WithdrawalRecord, b: WithdrawalRecord): boolean {
  return (Object.keys(EMPTY_WITHDRAWAL) as Array<keyof WithdrawalRecord>).every((k) => a[k] === b[k]);
}
