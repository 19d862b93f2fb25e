import type {
  BehaviourCode,
  CallerCapacityCode,
  ChannelCode,
  EffectCode,
  IndicatorCode,
  OrderTypeCode,
  OtherCrimeKindCode,
  RelationshipCode,
} from './intake-options.ts';
import type { OffenceCode } from './offences.ts';

/** A calendar date, 'YYYY-MM-DD'. */
export type LocalDate = string;

/** A message with a stable code, for reasons, prompts, evidence and findings. */
export interface CodedMessage<Code extends string = string> {
  readonly code: Code;
  readonly text: string;
}

/** One occasion of conduct: a single act, or a run of the same acts over a period. */
export interface Occasion {
  /** The date, or the first date of a period. */
  readonly date: LocalDate;
  /** The last date of a period, if the occasion covers more than one day. */
  readonly until?: LocalDate;
  /**
   * How many separate times it happened in the period (for example 30 texts
   * since Monday). Defaults to 1; each time counts as an occasion.
   */
  readonly times?: number;
  readonly channels: readonly ChannelCode[];
  readonly behaviours: readonly BehaviourCode[];
  /** The victim feared, on this occasion, that violence would be used. */
  readonly causedFearOfViolence: boolean;
  readonly raciallyOrReligiouslyAggravated: boolean;
  /** The court order this occasion breached, if any. */
  readonly breachedOrder?: OrderTypeCode;
  /**
   * Which of the report's victims the occasion was aimed at (references from
   * `ClassificationFacts.victims`). Omitted: all of them.
   */
  readonly victims?: readonly string[];
}

/** An occasion from an earlier report linked to this one (same parties). */
export interface LinkedOccasion extends Occasion {
  /** How the earlier report was recorded, if it was recorded as a crime. */
  readonly recordedAs?: OffenceCode;
}

/** A court order in force between the parties. */
export interface ActiveOrder {
  readonly type: OrderTypeCode;
  readonly madeOn?: LocalDate;
}

/** What the report says, as the classification rules need it. */
export interface ClassificationFacts {
  readonly callerCapacity?: CallerCapacityCode;
  readonly relationship: RelationshipCode;
  /** References to the victims in the report (ids or names); at least one. */
  readonly victims: readonly string[];
  readonly suspectKnown: boolean;
  /** The occasions in this report. */
  readonly occasions: readonly Occasion[];
  /** Occasions from linked earlier reports, counted towards the course of conduct. */
  readonly linkedOccasions: readonly LinkedOccasion[];
  readonly effects: readonly EffectCode[];
  readonly indicators: readonly IndicatorCode[];
  readonly activeOrders: readonly ActiveOrder[];
  /** Breaches recorded since the order was made, before this report. */
  readonly earlierBreachesSinceOrder: number;
  /**
   * The officer's view of whether the conduct is controlling or coercive.
   * Omitted: not yet considered.
   */
  readonly controllingOrCoercive?: boolean;
  /** Other crimes committed alongside the conduct, for the principal crime rule. */
  readonly otherCrimes: readonly OtherCrimeKindCode[];
}

/** The FOUR indicators of stalking (004, 003). */
export type FourIndicator = 'fixated' | 'obsessive' | 'unwanted' | 'repeated';

/** One FOUR indicator and the evidence in the facts that supports it. */
export interface FourIndicatorAssessment {
  readonly present: boolean;
  readonly evidence: readonly CodedMessage[];
}

/** The FOUR assessment: met only when every indicator has supporting evidence. */
export interface FourAssessment {
  readonly met: boolean;
  readonly indicators: Readonly<Record<FourIndicator, FourIndicatorAssessment>>;
}

/** Whether the conduct is a course of conduct, and on what basis. */
export interface CourseOfConduct {
  readonly met: boolean;
  /**
   * 'occasions': two or more for one victim; 'victims': at least one for each
   * of two or more victims; 'breaches': two or more breaches of an order.
   */
  readonly basis: 'occasions' | 'victims' | 'breaches' | null;
  /** Occasions in this report (each time counted). */
  readonly occasionsInReport: number;
  /** Occasions from linked earlier reports (each time counted). */
  readonly linkedOccasions: number;
  /** Met only because of the linked earlier reports. */
  readonly metThroughLinkedReports: boolean;
}

/** Breaches of orders: in this report, before it, and in all. */
export interface BreachTally {
  readonly inReport: number;
  readonly earlier: number;
  readonly total: number;
  readonly ordersBreached: readonly OrderTypeCode[];
}

/** How a crime outside these rules is treated alongside the course of conduct. */
export type OtherCrimeDecision = 'record-as-well' | 'record-instead' | 'absorbed' | 'check-with-registrar';

/** The suggestion the rules make, with the reasons for every step. */
export interface ClassificationSuggestion {
  /** Whether the facts show a crime to record (including one outside these rules). */
  readonly isCrime: boolean;
  /** The principal offence among those these rules classify, or null. */
  readonly principal: OffenceCode | null;
  /** Offences to record as well as the principal one. */
  readonly alsoRecord: readonly OffenceCode[];
  readonly otherCrimes: readonly { readonly kind: OtherCrimeKindCode; readonly decision: OtherCrimeDecision }[];
  readonly courseOfConduct: CourseOfConduct;
  readonly breaches: BreachTally;
  readonly four: FourAssessment;
  /** Acts associated with stalking found on any occasion. */
  readonly stalkingActs: readonly BehaviourCode[];
  /** The ex-partner rule applied. */
  readonly exPartnerRule: boolean;
  /** Anything pointing to stalking: acts, fixation, obsession or the ex-partner rule. */
  readonly stalkingIndicatorsPresent: boolean;
  readonly flags: { readonly domesticAbuse: boolean; readonly cyberEnabled: boolean };
  readonly reasons: readonly CodedMessage[];
  readonly prompts: readonly CodedMessage[];
}

/** A message shown next to a form field (or listed in a problem+json). */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}
