/**
 * Force policy for the course-of-conduct rules. Every number here is a force
 * choice or a product assumption (none is set by statute), so it is data.
 */
export interface ConductPolicy {
  /**
   * A finalised case still takes new reports automatically for this many months
   * after it was finalised (open cases always do). Default 12: the MARAC
   * "12 months" window used elsewhere (DOMAIN.md §5); a product assumption.
   */
  readonly recentCaseWindowMonths: number;
  /**
   * When the suspect matches an open or recent case but none of the victims do,
   * join that case anyway (conduct towards two or more people is one course of
   * conduct, PHA 1997 s7(3)(b); scenario P4). When false, a new case is created.
   */
  readonly joinOnSharedSuspectAlone: boolean;
  readonly escalation: {
    /** Occasions (each time counted) needed before a change in frequency is judged. */
    readonly minimumOccasionsForTrend: number;
    /** Days the conduct must span before a change in frequency is judged. */
    readonly minimumSpanDays: number;
    /** The later half must have at least this many times the occasions of the earlier half. */
    readonly frequencyRiseFactor: number;
    /** …and at least this many more occasions than the earlier half. */
    readonly frequencyRiseMinimumIncrease: number;
  };
  readonly serialPerpetrator: {
    /** A suspect linked to this many victims or more (across all cases) is a possible serial perpetrator. DOMAIN.md §4: two. */
    readonly minimumVictims: number;
    /** Hours the intelligence unit and the SCU have to consider PDP and MAPPA referral. A force choice. */
    readonly reviewWithinHours: number;
  };
  readonly batch: {
    /** Most rows accepted in one paste or upload. */
    readonly maximumRows: number;
    /** Longest "what happened" text accepted, in characters. */
    readonly maximumDescriptionLength: number;
  };
}

/** The default (West Yorkshire-based) policy. */
export const defaultConductPolicy: ConductPolicy = {
  recentCaseWindowMonths: 12,
  joinOnSharedSuspectAlone: true,
  escalation: {
    minimumOccasionsForTrend: 4,
    minimumSpanDays: 14,
    frequencyRiseFactor: 1.5,
    frequencyRiseMinimumIncrease: 2,
  },
  serialPerpetrator: {
    minimumVictims: 2,
    reviewWithinHours: 72,
  },
  batch: {
    maximumRows: 500,
    maximumDescriptionLength: 2000,
  },
};
