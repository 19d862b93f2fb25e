import type { LineOfEnquiryCode } from './lines-of-enquiry-catalogue.ts';
import type { OffenceCode } from './offences.ts';
import type { TeamCode } from './teams.ts';
import type { RiskGrade } from './types.ts';

/** Yes/no facts about a case that allocation rules can test. */
export type AllocationFlag =
  | 'domesticAbuse'
  | 'intimateOrExPartner'
  | 'adultAtRisk'
  | 'honourBasedAbuse'
  | 'coerciveControlPersonallyConnected'
  | 'prolongedCourseOfConduct'
  | 'significantCumulativeImpact'
  | 'escalating';

/** A condition in an allocation rule, written as data so a force can supply its own. */
export type AllocationCondition =
  | { readonly offenceIn: readonly OffenceCode[] }
  | { readonly flag: AllocationFlag }
  | { readonly riskIn: readonly RiskGrade[] }
  | { readonly not: AllocationCondition }
  | { readonly all: readonly AllocationCondition[] }
  | { readonly any: readonly AllocationCondition[] };

/** A rule: when the condition holds, the effect applies, for the stated reason. */
export interface AllocationRule<Effect> {
  /** Stable identifier, shown when the rule refuses something. */
  readonly id: string;
  readonly when: AllocationCondition;
  readonly then: Effect;
  /** The policy in plain English. */
  readonly reason: string;
}

/** Teams a rule allows (all others are forbidden) or forbids outright. */
export interface TeamRestriction {
  readonly onlyTeams?: readonly TeamCode[];
  readonly forbidTeams?: readonly TeamCode[];
}

export interface ReviewEffect {
  readonly reviewingSergeantTeam: TeamCode;
}

export interface InvestigationEffect extends TeamRestriction {
  readonly investigatingTeam: TeamCode;
}

export interface SafeguardEffect extends TeamRestriction {
  readonly scuLiaisonRequired?: boolean;
  readonly promptReclassifyToS4A?: boolean;
}

/**
 * A force's allocation matrix. Review and investigation rules are ordered and the first
 * matching rule wins; every matching safeguard rule applies. Team restrictions come from
 * the matching safeguards and the winning investigation rule.
 */
export interface AllocationPolicy {
  readonly reviewRules: readonly AllocationRule<ReviewEffect>[];
  readonly investigationRules: readonly AllocationRule<InvestigationEffect>[];
  readonly safeguardRules: readonly AllocationRule<SafeguardEffect>[];
}

export interface EnquiryPolicy {
  /** Offences for which the s2B search warrant decision is prompted and recorded. */
  readonly s2bOffences: readonly OffenceCode[];
  /** Default days from plan creation to each line's due date. */
  readonly dueDays: Readonly<Record<LineOfEnquiryCode, number>>;
}

export interface FinalisationPolicy {
  /** Outcome types that mean no further action against the suspect. */
  readonly nfaOutcomes: readonly number[];
  /** Shortest rationale accepted as "thorough" for stalking NFA without further investigation. */
  readonly nfaRationaleMinLength: number;
  /** Teams that count as specialist crime units for sign-off. */
  readonly specialistTeams: readonly TeamCode[];
  /** Role that must finalise stalking not investigated by a specialist unit. */
  readonly nonSpecialistFinaliserRole: string;
  /** Whether outcome 18 with a named suspect is refused or only challenged. */
  readonly outcome18WithNamedSuspect: 'refuse' | 'warn';
}

export interface SupervisionPolicy {
  /** Days between supervisory reviews, by current risk grade. */
  readonly reviewIntervalDays: Readonly<Record<RiskGrade, number>>;
}

/** Everything a force configures for allocation, investigation and finalisation. */
export interface InvestigationPolicy {
  readonly id: string;
  readonly name: string;
  readonly stalkingOffences: readonly OffenceCode[];
  readonly allocation: AllocationPolicy;
  readonly enquiries: EnquiryPolicy;
  readonly finalisation: FinalisationPolicy;
  readonly supervision: SupervisionPolicy;
}
