/**
 * Retention under Management of Police Information (MoPI): the four review groups and
 * their periods, as force policy data. DOMAIN.md §14 says only that records are reviewed
 * under MoPI; the source documents give no periods. The defaults below are our reading of
 * the College of Policing APP on information management (retention, review and disposal)
 * and are marked as assumptions: a force sets its own before relying on them.
 */

export type MopiGroup = 1 | 2 | 3 | 4;

export interface MopiGroupPolicy {
  group: MopiGroup;
  label: string;
  /** Years from the anchor date (finalisation, or the last report) to the first review. */
  firstReviewYears: number;
  /** Years between reviews once a reviewer decides to keep the record. */
  reviewEveryYears: number;
  /** Keep at least until the subject would be this age (group 1). */
  retainUntilAge?: number;
  /** Plain words on what happens at review. */
  atReview: string;
  /** True where the value is ours, not taken from a verified source. */
  assumption: boolean;
}

export interface RetentionPolicy {
  groups: Record<MopiGroup, MopiGroupPolicy>;
  /** Offences that put a detected case in group 1 (certain public protection matters). */
  groupOneOffences: readonly string[];
  /** Offences that put a detected case in group 2 (other sexual, violent or serious offences). */
  groupTwoOffences: readonly string[];
  /** A suspect who is, or was, the subject of one of these orders puts the case in group 1. */
  groupOneOrderTypes: readonly string[];
  /** Domestic abuse cases are at least group 2. */
  domesticAbuseAtLeastGroupTwo: boolean;
  /** Home Office outcome codes meaning no suspect was identified (undetected: group 4 unless group 1). */
  undetectedOutcomeCodes: readonly number[];
  /** How far ahead the review queue looks, in days. */
  queueLookaheadDays: number;
  /** Which values are assumptions, in plain words, for the README and the queue page. */
  assumptions: readonly string[];
}

export const DEFAULT_RETENTION_POLICY: RetentionPolicy = {
  groups: {
    1: {
      group: 1,
      label: 'Group 1: certain public protection matters',
      firstReviewYears: 10,
      reviewEveryYears: 10,
      retainUntilAge: 100,
      atReview: 'Kept until the subject would be 100 years old; reviewed every 10 years to check it is still adequate and necessary.',
      assumption: false,
    },
    2: {
      group: 2,
      label: 'Group 2: other sexual, violent or serious offences',
      firstReviewYears: 10,
      reviewEveryYears: 10,
      atReview: 'Reviewed after a 10-year clear period; kept only if the risk the subject poses still justifies it.',
      assumption: false,
    },
    3: {
      group: 3,
      label: 'Group 3: all other offences',
      firstReviewYears: 6,
      reviewEveryYears: 6,
      atReview: 'Reviewed for deletion after a 6-year clear period.',
      assumption: false,
    },
    4: {
      group: 4,
      label: 'Group 4: undetected crime and non-crime incidents',
      firstReviewYears: 6,
      reviewEveryYears: 6,
      atReview: 'Reviewed for deletion 6 years after the last report or finalisation.',
      assumption: true,
    },
  },
  groupOneOffences: [
    // Specified violent offences (putting people in fear of violence, stalking with fear of
    // violence or serious alarm or distress, and their racially or religiously aggravated form).
    'harassment-fear-of-violence',
    'stalking-fear-alarm-distress',
    'racially-or-religiously-aggravated-harassment-fear',
  ],
  groupTwoOffences: [
    'stalking',
    'breach-restraining-order',
    'breach-stalking-protection-order',
    'controlling-or-coercive-behaviour',
    'racially-or-religiously-aggravated-harassment',
  ],
  groupOneOrderTypes: ['stalking-protection-order', 'interim-stalking-protection-order'],
  domesticAbuseAtLeastGroupTwo: true,
  undetectedOutcomeCodes: [14, 18],
  queueLookaheadDays: 90,
  assumptions: [
    'The periods of groups 1 to 3 follow the APP on information management as we read it; they are not taken from the source documents.',
    'Group 4 (undetected crime and non-crime incidents, 6 years) is our own grouping: MoPI treats undetected crime by the seriousness of the offence.',
    'Which offences fall in groups 1 and 2 (s4, s4A and their aggravated form in group 1; s2A, breaches, s76 and aggravated s2 in group 2) is our assumption.',
    'A suspect who is or was the subject of a stalking protection order puts the case in group 1; domestic abuse cases are at least group 2.',
    'Where the subject’s date of birth is unknown, group 1 records have no end date and are reviewed every 10 years.',
  ],
};
