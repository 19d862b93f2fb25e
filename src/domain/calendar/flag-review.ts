import { addMonths, compareLocalDates, formatLocalDate } from './local-date.ts';
import type { LocalDate } from './local-date.ts';

/** When flags are reviewed before they expire. */
export interface FlagReviewPolicy {
  reviewMonthsBeforeExpiry: number;
}

/** West Yorkshire Police (004): flags are reviewed within the month before expiry. */
export const westYorkshireFlagReviewPolicy: FlagReviewPolicy = {
  reviewMonthsBeforeExpiry: 1,
};

/** The date a flag's review task is due (month ends clamped: 31 March expiry gives 28/29 February). */
export function flagReviewDue(
  expiresOn: LocalDate,
  policy: FlagReviewPolicy = westYorkshireFlagReviewPolicy,
): LocalDate {
  return addMonths(expiresOn, -policy.reviewMonthsBeforeExpiry);
}

/** The life of a flag: set on `startsOn`, in force up to and including `expiresOn`. */
export interface FlagPeriod {
  startsOn: LocalDate;
  expiresOn: LocalDate;
}

/** A reason with a stable code and a plain-English message. */
export interface FlagReviewReason {
  code: 'incidents-during-flag' | 'no-incidents-during-flag' | 'check-national-systems';
  message: string;
}

/** What the review should propose, and why. */
export interface FlagReviewProposal {
  action: 'extend' | 'remove';
  /** Incident dates that fell during the flag's life, in date order. */
  incidentsDuringFlag: LocalDate[];
  reasons: FlagReviewReason[];
}

/**
 * Proposes extending a flag if any incident involving the subject was recorded during its
 * life (after the day it was set, up to its expiry), otherwise removing it. Incidents on the
 * day the flag was set are taken to be the ones that led to it and do not count.
 */
export function proposeFlagReview(flag: FlagPeriod, incidentDates: readonly LocalDate[]): FlagReviewProposal {
  const during = incidentDates
    .filter((date) => compareLocalDates(date, flag.startsOn) > 0 && compareLocalDates(date, flag.expiresOn) <= 0)
    .sort(compareLocalDates);
  const period = `while the flag was in force (${formatLocalDate(flag.startsOn)} to ${formatLocalDate(flag.expiresOn)})`;
  const latest = during.at(-1);

  if (latest === undefined) {
    return {
      action: 'remove',
      incidentsDuringFlag: [],
      reasons: [
        {
          code: 'no-incidents-during-flag',
          message: `No incidents involving the subject were recorded ${period}, so the flag should be removed.`,
        },
        {
          code: 'check-national-systems',
          message: 'Vigil only holds local records: check national systems (PNC and PND) for incidents before removing the flag.',
        },
      ],
    };
  }
  const counted = during.length === 1 ? '1 incident involving the subject was' : `${during.length} incidents involving the subject were`;
  return {
    action: 'extend',
    incidentsDuringFlag: during,
    reasons: [
      {
        code: 'incidents-during-flag',
        message: `${counted} recorded ${period}, the latest on ${formatLocalDate(latest)}, so the flag should be extended.`,
      },
    ],
  };
}
