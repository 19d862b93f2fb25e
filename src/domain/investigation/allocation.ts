import type {
  AllocationCondition,
  AllocationFlag,
  AllocationPolicy,
  AllocationRule,
  InvestigationPolicy,
  TeamRestriction,
} from './policy.ts';
import type { OffenceCode } from './offences.ts';
import { TEAM_CODES, teamName, type TeamCode } from './teams.ts';
import type { Issue, Reason, RiskGrade, ValidationResult } from './types.ts';
import { isBlank, toResult } from './validation.ts';
import { westYorkshireInvestigationPolicy } from './west-yorkshire.ts';

/** The facts a detective sergeant triages a crime on. */
export interface AllocationFacts {
  readonly offence: OffenceCode;
  readonly domesticAbuse: boolean;
  readonly intimateOrExPartner: boolean;
  readonly adultAtRisk: boolean;
  readonly honourBasedAbuse: boolean;
  readonly coerciveControlPersonallyConnected: boolean;
  readonly escalation: {
    readonly prolongedCourseOfConduct: boolean;
    readonly significantCumulativeImpact: boolean;
    readonly escalating: boolean;
  };
  readonly riskGrade: RiskGrade;
}

/** A team the policy does not allow to investigate this crime, and the rule that says so. */
export interface ForbiddenTeam {
  readonly team: TeamCode;
  readonly rule: Reason;
}

/** What the force's policy recommends for this crime. */
export interface AllocationRecommendation {
  readonly policyId: string;
  /** Null when no investigation rule covers the offence (allocate under general crime policy). */
  readonly investigatingTeam: TeamCode | null;
  /** Null when no review rule covers the offence. */
  readonly reviewingSergeantTeam: TeamCode | null;
  readonly forbiddenTeams: readonly ForbiddenTeam[];
  readonly scuLiaisonRequired: boolean;
  readonly considerReclassifyToS4A: boolean;
  /** Every rule that shaped the recommendation, in plain English. */
  readonly reasons: readonly Reason[];
}

/** The detective sergeant's allocation decision. */
export interface AllocationDecision {
  readonly investigatingTeam: TeamCode;
  /** Required when the team differs from the recommendation. */
  readonly overrideReason?: string;
}

export const NO_ALLOCATION_RULE: Reason = {
  code: 'allocation.no-rule',
  text: 'The stalking allocation policy does not cover this offence: allocate it under the force’s general crime allocation policy.',
};

function flagValue(facts: AllocationFacts, flag: AllocationFlag): boolean {
  switch (flag) {
    case 'prolongedCourseOfConduct':
    case 'significantCumulativeImpact':
    case 'escalating':
      return facts.escalation[flag];
    default:
      return facts[flag];
  }
}

function conditionHolds(condition: AllocationCondition, facts: AllocationFacts): boolean {
  if ('offenceIn' in condition) return condition.offenceIn.includes(facts.offence);
  if ('flag' in condition) return flagValue(facts, condition.flag);
  if ('riskIn' in condition) return condition.riskIn.includes(facts.riskGrade);
  if ('not' in condition) return !conditionHolds(condition.not, facts);
  if ('all' in condition) return condition.all.every((part) => conditionHolds(part, facts));
  return condition.any.some((part) => conditionHolds(part, facts));
}

function ruleReason(rule: AllocationRule<unknown>): Reason {
  return { code: rule.id, text: rule.reason };
}

function teamsForbiddenBy(restriction: TeamRestriction): TeamCode[] {
  const { onlyTeams, forbidTeams = [] } = restriction;
  const outsideOnly = onlyTeams ? TEAM_CODES.filter((team) => !onlyTeams.includes(team)) : [];
  return [...forbidTeams, ...outsideOnly];
}

function forbiddenTeams(rules: readonly AllocationRule<TeamRestriction>[]): ForbiddenTeam[] {
  const forbidden = new Map<TeamCode, Reason>();
  for (const rule of rules) {
    for (const team of teamsForbiddenBy(rule.then)) {
      if (!forbidden.has(team)) forbidden.set(team, ruleReason(rule));
    }
  }
  return [...forbidden].map(([team, rule]) => ({ team, rule }));
}

function evaluate(policy: AllocationPolicy, facts: AllocationFacts) {
  const matches = <E>(rules: readonly AllocationRule<E>[]) => rules.filter((rule) => conditionHolds(rule.when, facts));
  return {
    review: matches(policy.reviewRules)[0],
    investigation: matches(policy.investigationRules)[0],
    safeguards: matches(policy.safeguardRules),
  };
}

/**
 * Recommends the investigating team, the reviewing sergeant's team, the teams that may
 * not investigate, and whether SCU liaison or reclassification to s4A is needed.
 */
export function recommendAllocation(
  facts: AllocationFacts,
  policy: InvestigationPolicy = westYorkshireInvestigationPolicy,
): AllocationRecommendation {
  const { review, investigation, safeguards } = evaluate(policy.allocation, facts);
  const restricting = investigation ? [...safeguards, investigation] : safeguards;
  const reasons = [review, investigation, ...safeguards]
    .filter((rule) => rule !== undefined)
    .map(ruleReason);
  return {
    policyId: policy.id,
    investigatingTeam: investigation?.then.investigatingTeam ?? null,
    reviewingSergeantTeam: review?.then.reviewingSergeantTeam ?? null,
    forbiddenTeams: forbiddenTeams(restricting),
    scuLiaisonRequired: safeguards.some((rule) => rule.then.scuLiaisonRequired === true),
    considerReclassifyToS4A: safeguards.some((rule) => rule.then.promptReclassifyToS4A === true),
    reasons: investigation ? reasons : [...reasons, NO_ALLOCATION_RULE],
  };
}

/**
 * Checks a sergeant's allocation against the recommendation: a forbidden team is
 * refused, naming the policy rule; a different team from the one recommended needs a reason.
 */
export function validateAllocationDecision(
  recommendation: AllocationRecommendation,
  decision: AllocationDecision,
): ValidationResult {
  const errors: Issue[] = [];
  const chosen = decision.investigatingTeam;
  const forbidden = recommendation.forbiddenTeams.find((entry) => entry.team === chosen);
  if (forbidden) {
    errors.push({
      code: 'allocation.team-forbidden',
      field: 'investigatingTeam',
      message: `${teamName(chosen)} cannot be allocated this crime. Policy rule ${forbidden.rule.code}: ${forbidden.rule.text}`,
    });
  }
  const recommended = recommendation.investigatingTeam;
  if (recommended !== null && chosen !== recommended && isBlank(decision.overrideReason)) {
    errors.push({
      code: 'allocation.override-reason-required',
      field: 'overrideReason',
      message: `The policy recommends allocation to: ${teamName(recommended)}. Record why you have chosen ${teamName(chosen)} instead.`,
    });
  }
  return toResult(errors);
}
