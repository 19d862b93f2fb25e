import { DEFAULT_RETENTION_POLICY, type MopiGroup, type RetentionPolicy } from './policy.ts';

/** What the rules need to know about a case. Dates are ISO calendar days (YYYY-MM-DD). */
export interface RetentionFacts {
  status: 'open' | 'finalised';
  offence: string | null;
  domesticAbuse: boolean;
  /** 'non-crime' only when every report on the case was decided a non-crime incident. */
  crimeDecision: 'crime' | 'non-crime' | null;
  /** Home Office outcome code of the finalisation in force, if any. */
  outcomeCode: number | null;
  finalisedOn: string | null;
  /** The latest day a report on the case was made. */
  lastReportOn: string | null;
  /** The suspect's date of birth, if known. */
  subjectDateOfBirth: string | null;
  /** Types of the orders the suspect is or was subject to. */
  subjectOrderTypes: readonly string[];
  /** The latest review decision on the case, if any. */
  lastDecision: { decision: 'retain' | 'delete'; nextReviewOn: string | null } | null;
}

export type RetentionState = 'active' | 'scheduled' | 'deleted';

export interface RetentionAssessment {
  group: MopiGroup;
  groupLabel: string;
  reasons: string[];
  state: RetentionState;
  /** The day the review period runs from. */
  anchorOn: string | null;
  /** When the case is next due for review (null while the case is open, or once deleted). */
  reviewOn: string | null;
  /** Group 1: the day the subject would reach the retention age. */
  retainUntil: string | null;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Adds whole years to a calendar day; 29 February becomes 28 February in a common year. */
export function addYears(day: string, years: number): string {
  if (!ISO_DAY.test(day)) throw new Error(`Not a calendar day: ${day}`);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const lastOfMonth = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastOfMonth)).padStart(2, '0')}`;
}

export function addDays(day: string, days: number): string {
  const at = new Date(`${day}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** True for a YYYY-MM-DD string naming a day that exists. */
export function isRealDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const at = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === value;
}

const later = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a > b ? a : b);

/** The MoPI group of a case, with the reasons in plain words. */
export function mopiGroup(facts: RetentionFacts, policy: RetentionPolicy = DEFAULT_RETENTION_POLICY): { group: MopiGroup; reasons: string[] } {
  if (facts.crimeDecision === 'non-crime') return { group: 4, reasons: ['Recorded as a non-crime incident'] };
  const orders = facts.subjectOrderTypes.filter((t) => policy.groupOneOrderTypes.includes(t));
  if (orders.length > 0) return { group: 1, reasons: ['The suspect is or was subject to a stalking protection order'] };
  if (facts.offence && policy.groupOneOffences.includes(facts.offence)) {
    return { group: 1, reasons: ['The offence is a specified violent offence (fear of violence, or serious alarm or distress)'] };
  }
  if (facts.outcomeCode !== null && policy.undetectedOutcomeCodes.includes(facts.outcomeCode)) {
    return { group: 4, reasons: [`Undetected: finalised with outcome ${facts.outcomeCode} (no suspect identified)`] };
  }
  if (facts.offence && policy.groupTwoOffences.includes(facts.offence)) {
    return { group: 2, reasons: ['The offence is a serious or violent offence in the force’s group 2 list'] };
  }
  if (facts.domesticAbuse && policy.domesticAbuseAtLeastGroupTwo) return { group: 2, reasons: ['Domestic abuse'] };
  return { group: 3, reasons: [facts.offence ? 'Any other offence' : 'No offence recorded yet'] };
}

/** The group, the review date and the state of a case under the force's retention policy. */
export function assessRetention(facts: RetentionFacts, policy: RetentionPolicy = DEFAULT_RETENTION_POLICY): RetentionAssessment {
  const { group, reasons } = mopiGroup(facts, policy);
  const rules = policy.groups[group];
  const anchorOn = later(facts.finalisedOn, facts.lastReportOn);
  const retainUntil = rules.retainUntilAge !== undefined && facts.subjectDateOfBirth ? addYears(facts.subjectDateOfBirth, rules.retainUntilAge) : null;
  const base = { group, groupLabel: rules.label, reasons, anchorOn, retainUntil };
  if (facts.lastDecision?.decision === 'delete') return { ...base, state: 'deleted', reviewOn: null };
  // An open crime is being worked; its review clock starts at finalisation. A non-crime incident is never finalised.
  if (facts.status === 'open' && facts.crimeDecision !== 'non-crime') {
    return { ...base, reasons: [...reasons, 'Open: reviewed once finalised'], state: 'active', reviewOn: null };
  }
  if (anchorOn === null) return { ...base, state: 'active', reviewOn: null };
  let reviewOn = facts.lastDecision?.decision === 'retain' && facts.lastDecision.nextReviewOn ? facts.lastDecision.nextReviewOn : addYears(anchorOn, rules.firstReviewYears);
  if (retainUntil !== null && retainUntil < reviewOn) reviewOn = retainUntil;
  return { ...base, state: 'scheduled', reviewOn };
}

export type QueueStatus = 'overdue' | 'due' | 'soon' | 'later' | 'none';

/** Where a case stands against today: due (today or before), soon (within the lookahead) or later. */
export function queueStatus(assessment: RetentionAssessment, today: string, policy: RetentionPolicy = DEFAULT_RETENTION_POLICY): QueueStatus {
  if (assessment.reviewOn === null) return 'none';
  if (assessment.reviewOn < today) return 'overdue';
  if (assessment.reviewOn === today) return 'due';
  if (assessment.reviewOn <= addDays(today, policy.queueLookaheadDays)) return 'soon';
  return 'later';
}

/** The next review a reviewer is offered when keeping a record: the group's review interval from today. */
export function defaultNextReview(group: MopiGroup, today: string, policy: RetentionPolicy = DEFAULT_RETENTION_POLICY): string {
  return addYears(today, policy.groups[group].reviewEveryYears);
}

/** Checks a reviewer's "keep until" date: after today and no further than the group's interval. */
export function nextReviewProblem(nextReviewOn: string, group: MopiGroup, today: string, policy: RetentionPolicy = DEFAULT_RETENTION_POLICY): string | undefined {
  if (!isRealDay(nextReviewOn)) return 'Next review date must be a real date';
  if (nextReviewOn <= today) return 'Next review date must be in the future';
  const latest = defaultNextReview(group, today, policy);
  if (nextReviewOn > latest) return `Next review date must be no later than ${latest} (${policy.groups[group].reviewEveryYears} years for group ${group})`;
  return undefined;
}
