import type { RelationshipCode } from './intake-options.ts';

/**
 * A force's crime recording and classification policy. Everything here is a
 * force choice or an unverified national rule, so it is data, not code
 * (DOMAIN.md §3).
 */
export interface ClassificationPolicy {
  /** Record all ex-partner harassment as stalking in the first instance (West Yorkshire, 004). */
  readonly exPartnerHarassmentIsStalking: boolean;
  /**
   * Relationships in which controlling or coercive behaviour is recorded under
   * Serious Crime Act 2015 s76 rather than the Protection from Harassment Act.
   * 001 and 004 limit this to ongoing intimate or family relationships.
   */
  readonly coerciveControlRelationships: readonly RelationshipCode[];
  /**
   * Record stalking and harassment in all cases, as well as any other crimes
   * (reported current guidance, year unverified). When false, the older
   * principal crime rule applies: stalking and s76 absorb assaults up to s20,
   * and other crimes are recorded in preference to harassment (001).
   */
  readonly recordHarassmentRegardlessOfOtherCrimes: boolean;
  /**
   * Suggest stalking (outside the ex-partner rule) only when the acts are ones
   * associated with stalking AND there is evidence the suspect is fixated or
   * obsessive. When false, acts associated with stalking are enough.
   */
  readonly stalkingNeedsFixationOrObsession: boolean;
  /** Occasions of contact at or above which the suspect's contact counts as evidence of fixation. */
  readonly fixationContactThreshold: number;
  /** Hours from the report within which the crime decision must be recorded. */
  readonly crimeRecordingDeadlineHours: number;
}

/** West Yorkshire Police policy (004), the default. */
export const westYorkshireClassificationPolicy: ClassificationPolicy = {
  exPartnerHarassmentIsStalking: true,
  coerciveControlRelationships: ['current-intimate-partner', 'family'],
  recordHarassmentRegardlessOfOtherCrimes: true,
  stalkingNeedsFixationOrObsession: true,
  fixationContactThreshold: 10,
  crimeRecordingDeadlineHours: 24,
};

const millisecondsPerHour = 60 * 60 * 1000;

/** When the crime decision for a report made at `reportedAt` is due under the policy. */
export function crimeRecordingDeadline(
  reportedAt: Date,
  policy: ClassificationPolicy = westYorkshireClassificationPolicy,
): Date {
  return new Date(reportedAt.getTime() + policy.crimeRecordingDeadlineHours * millisecondsPerHour);
}
