import type { Answers } from './answers.ts';
import type { Grading } from './grading.ts';
import type { ToolDefinition } from './tool.ts';

/** Initial screening at first contact, or the enhanced assessment after speaking to the victim. */
export const ASSESSMENT_STAGES = ['initial', 'enhanced'] as const;
export type AssessmentStage = (typeof ASSESSMENT_STAGES)[number];

/**
 * Where the answers came from. When the victim will not engage, the assessment is still
 * completed from police systems and officer observation, and marked as such.
 */
export const ASSESSMENT_SOURCES = ['victim', 'police-information-and-observation'] as const;
export type AssessmentSource = (typeof ASSESSMENT_SOURCES)[number];

/** A completed assessment. It embeds the tool as it was, so wording and version are kept. */
export interface Assessment {
  readonly tool: Readonly<ToolDefinition>;
  readonly stage: AssessmentStage;
  readonly source: AssessmentSource;
  readonly answers: Answers;
  readonly grading: Grading;
  readonly completedAt: Date;
}

/** What the requirement and timeliness rules need to know about a completed assessment. */
export interface AssessmentRecord {
  readonly toolId: string;
  readonly stage: AssessmentStage;
  readonly completedAt: Date;
  /** Tools its answers opened, e.g. the stalking questions after DASH question 8. */
  readonly openedToolIds: readonly string[];
}

/** Summarises an assessment for the requirement and timeliness rules. */
export function toRecord(assessment: Assessment): AssessmentRecord {
  return {
    toolId: assessment.tool.id,
    stage: assessment.stage,
    completedAt: assessment.completedAt,
    openedToolIds: assessment.grading.openedToolIds,
  };
}
