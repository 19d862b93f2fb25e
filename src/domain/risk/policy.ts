import type { AssessmentStage } from './assessment.ts';
import { DASH_TOOL_ID, SDASH_TOOL_ID, STALKING_QUESTIONS_TOOL_ID } from './default-tools.ts';
import type { RiskGrade } from './grades.ts';
import type { ReassessmentTrigger } from './reassessment.ts';
import { checkBands, type GradeBand, type ToolDefinition, type ToolDefinitionError } from './tool.ts';

/** A force's risk assessment and management settings. */
export interface RiskPolicy {
  readonly name: string;
  /** Score bands by tool id, overriding the tool's own bands. */
  readonly bands: Readonly<Record<string, readonly GradeBand[]>>;
  /** MARAC referral criteria (SafeLives). */
  readonly marac: {
    /** Yes answers for "visible high risk" (national threshold 14) ... */
    readonly visibleHighRiskScore: number;
    /** ... on these tools. */
    readonly visibleHighRiskToolIds: readonly string[];
    /** "Potential escalation": this many incidents ... */
    readonly escalationIncidents: number;
    /** ... within this many months. */
    readonly escalationWindowMonths: number;
    /** "Repeat": any further incident within this many months of the last referral. */
    readonly repeatWindowMonths: number;
  };
  /** Which tools satisfy each requirement. */
  readonly requiredTools: {
    /** Full risk assessments; a screening tool never counts. */
    readonly enhanced: readonly string[];
    /** The stalking questions required in stalking cases or after DASH question 8. */
    readonly stalkingQuestions: readonly string[];
    /** Stalking screening (S-DASH), required alongside the full assessment in the cases below. */
    readonly stalkingScreening: readonly string[];
  };
  /** Stalking screening is required from this many incidents, or when the victim is very frightened. */
  readonly stalkingScreeningMinimumIncidents: number;
  /** Target hours from report to each assessment stage. */
  readonly timelinessTargetHours: Readonly<Record<AssessmentStage, number>>;
  readonly planReview: {
    /** Longest time from a plan (or its last review) to its next review, by risk grade. */
    readonly maxIntervalDays: Readonly<Record<RiskGrade, number>>;
    /** A review is "due" this many days before its date. */
    readonly dueSoonDays: number;
  };
  /** Events that make a reassessment due. */
  readonly reassessOn: readonly ReassessmentTrigger[];
}

/**
 * West Yorkshire Police defaults. From the sources: DASH for every stalking and harassment
 * report, domestic or not (004); the 14 yes-answer MARAC threshold (national); 3 incidents in
 * 12 months and the 12-month repeat window (SafeLives, usual practice). Not from a source and
 * set by the force: the 24-hour timeliness targets (the example) and the plan review
 * intervals.
 */
export const westYorkshireRiskPolicy: RiskPolicy = {
  name: 'West Yorkshire Police',
  bands: {},
  marac: {
    visibleHighRiskScore: 14,
    visibleHighRiskToolIds: [DASH_TOOL_ID],
    escalationIncidents: 3,
    escalationWindowMonths: 12,
    repeatWindowMonths: 12,
  },
  requiredTools: {
    enhanced: [DASH_TOOL_ID],
    stalkingQuestions: [STALKING_QUESTIONS_TOOL_ID, SDASH_TOOL_ID],
    stalkingScreening: [SDASH_TOOL_ID, STALKING_QUESTIONS_TOOL_ID],
  },
  stalkingScreeningMinimumIncidents: 2,
  timelinessTargetHours: { initial: 24, enhanced: 24 },
  planReview: { maxIntervalDays: { high: 7, medium: 28, standard: 56 }, dueSoonDays: 3 },
  reassessOn: ['new-incident', 'breach', 'suspect-arrested', 'suspect-released', 'bail-changed', 'order-application', 'escalation-found'],
};

/** Checks a policy's band overrides against the tools they apply to. */
export function checkRiskPolicy(policy: RiskPolicy, tools: readonly ToolDefinition[]): ToolDefinitionError[] {
  return Object.entries(policy.bands).flatMap(([toolId, bands]) => {
    const tool = tools.find((t) => t.id === toolId);
    if (!tool) {
      const path = `bands.${toolId}`;
      return [{ code: 'unknown-tool', path, message: `${path}: no tool with id "${toolId}" is loaded` }];
    }
    return checkBands(bands, tool.questions.length, `bands.${toolId}`);
  });
}
