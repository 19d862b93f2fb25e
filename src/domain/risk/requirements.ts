import type { AssessmentRecord } from './assessment.ts';
import type { RiskPolicy } from './policy.ts';
import { accept, isBlank, refuse, type Outcome, type Reason } from './reason.ts';

/** The facts about a case that decide which risk assessments it needs. */
export interface CaseRiskFacts {
  readonly offence: 'stalking' | 'harassment' | 'other';
  /** The parties are personally connected. */
  readonly domestic: boolean;
  readonly incidentCount: number;
  readonly victimVeryFrightened: boolean;
  readonly assessments: readonly AssessmentRecord[];
}

export const REQUIREMENT_CODES = ['initial-screening', 'enhanced-assessment', 'stalking-questions', 'stalking-screening'] as const;
export type RequirementCode = (typeof REQUIREMENT_CODES)[number];

const MISSING_MESSAGES: Readonly<Record<RequirementCode, string>> = {
  'initial-screening': 'The initial risk screening has not been completed',
  'enhanced-assessment': 'The enhanced (full) risk assessment has not been completed',
  'stalking-questions': 'The stalking questions have not been answered',
  'stalking-screening': 'The stalking screening (S-DASH) has not been completed',
};

/** One assessment the case needs, why, and whether it has been done. */
export interface AssessmentRequirement {
  readonly code: RequirementCode;
  readonly why: string;
  readonly satisfied: boolean;
  /** Tools that satisfy it; empty means any tool. */
  readonly acceptedToolIds: readonly string[];
}

export interface AssessmentRequirements {
  readonly requirements: readonly AssessmentRequirement[];
  /** Problems with what has been done, e.g. "sdash-alone". */
  readonly gaps: readonly Reason[];
}

/** A recorded reason for not completing a required assessment. */
export interface RequirementException {
  readonly requirement: RequirementCode;
  readonly reason: string;
}

function hasTool(facts: CaseRiskFacts, toolIds: readonly string[]): boolean {
  return facts.assessments.some((a) => toolIds.includes(a.toolId));
}

function stalkingQuestionsWhy(facts: CaseRiskFacts, policy: RiskPolicy): string | undefined {
  if (facts.offence === 'stalking') return 'The stalking questions must be answered because the case is stalking.';
  const opened = facts.assessments.some((a) => a.openedToolIds.some((id) => policy.requiredTools.stalkingQuestions.includes(id)));
  return opened ? 'The stalking questions must be answered because the assessment opened them (DASH question 8 was answered yes).' : undefined;
}

function stalkingScreeningWhy(facts: CaseRiskFacts, policy: RiskPolicy): string | undefined {
  const grounds = [
    ...(facts.incidentCount >= policy.stalkingScreeningMinimumIncidents ? [`there have been ${facts.incidentCount} incidents`] : []),
    ...(facts.victimVeryFrightened ? ['the victim is very frightened'] : []),
  ];
  return grounds.length > 0
    ? `Stalking screening is needed alongside the full risk assessment because ${grounds.join(' and ')}.`
    : undefined;
}

/**
 * Which risk assessments a case needs and whether each is done (DOMAIN.md §5). Every stalking
 * or harassment crime, domestic or not, and every domestic case, needs an initial screening and
 * an enhanced assessment; stalking cases and DASH question 8 "yes" need the stalking questions;
 * stalking screening goes alongside (never instead of) the full assessment.
 */
export function assessmentRequirements(facts: CaseRiskFacts, policy: RiskPolicy): AssessmentRequirements {
  const isStalkingOrHarassment = facts.offence !== 'other';
  if (!isStalkingOrHarassment && !facts.domestic) return { requirements: [], gaps: [] };
  const subject = isStalkingOrHarassment ? 'Every stalking or harassment crime, domestic or not,' : 'Every domestic abuse case';
  const { enhanced, stalkingQuestions, stalkingScreening } = policy.requiredTools;
  const requirements: AssessmentRequirement[] = [
    {
      code: 'initial-screening',
      why: `${subject} needs an initial risk screening at first contact.`,
      satisfied: facts.assessments.some((a) => a.stage === 'initial'),
      acceptedToolIds: [],
    },
    {
      code: 'enhanced-assessment',
      why: `${subject} needs an enhanced risk assessment, completed with the victim or, if they will not engage, from police information and officer observation.`,
      satisfied: hasTool(facts, enhanced),
      acceptedToolIds: enhanced,
    },
  ];
  const questionsWhy = stalkingQuestionsWhy(facts, policy);
  if (questionsWhy) {
    requirements.push({ code: 'stalking-questions', why: questionsWhy, satisfied: hasTool(facts, stalkingQuestions), acceptedToolIds: stalkingQuestions });
  }
  const screeningWhy = isStalkingOrHarassment ? stalkingScreeningWhy(facts, policy) : undefined;
  if (screeningWhy) {
    requirements.push({ code: 'stalking-screening', why: screeningWhy, satisfied: hasTool(facts, stalkingScreening), acceptedToolIds: stalkingScreening });
  }
  const screeningAlone = hasTool(facts, stalkingScreening) && !hasTool(facts, enhanced);
  const gaps: Reason[] = screeningAlone
    ? [{
        code: 'sdash-alone',
        message: 'Stalking screening has been done without a full risk assessment. S-DASH is a screening tool, not a full risk assessment: on its own it misses the effect on the victim. Complete a DASH as well.',
      }]
    : [];
  return { requirements, gaps };
}

/**
 * Whether the initial investigation can be closed: every required assessment must be done
 * or have a recorded reason why not. Refused with one reason per missing assessment.
 */
export function canCloseInitialInvestigation(
  facts: CaseRiskFacts,
  exceptions: readonly RequirementException[],
  policy: RiskPolicy,
): Outcome<AssessmentRequirements> {
  const result = assessmentRequirements(facts, policy);
  const excused = new Set(exceptions.filter((e) => !isBlank(e.reason)).map((e) => e.requirement));
  const blocking = result.requirements
    .filter((r) => !r.satisfied && !excused.has(r.code))
    .map((r) => ({
      code: `missing-${r.code}`,
      message: `${MISSING_MESSAGES[r.code]} and no reason has been recorded. ${r.why}`,
    }));
  return blocking.length > 0 ? refuse(...blocking) : accept(result);
}
