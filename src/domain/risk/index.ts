/** Risk assessment and risk management rules (DOMAIN.md §5–6, issue 6). */
export { RISK_GRADES, RISK_GRADE_MEANINGS, gradeRank, isHigherGrade, type RiskGrade } from './grades.ts';
export type { Reason, Outcome } from './reason.ts';
export type { LocalDate } from './dates.ts';
export {
  TOOL_KINDS,
  toolDefinitionSchema,
  parseToolDefinition,
  checkBands,
  snapshotTool,
  findQuestion,
  type ToolKind,
  type ToolDefinition,
  type ToolQuestion,
  type FollowUp,
  type GradeBand,
  type ToolDefinitionError,
  type ToolParseResult,
} from './tool.ts';
export {
  DASH_TOOL_ID,
  STALKING_QUESTIONS_TOOL_ID,
  SDASH_TOOL_ID,
  DEFAULT_DASH_BANDS,
  DASH_2009,
  DASH_STALKING_QUESTIONS,
  SDASH,
  DEFAULT_TOOLS,
  DASH_2009_V1,
  SUPERSEDED_TOOLS,
} from './default-tools.ts';
export {
  ANSWER_VALUES,
  ANSWER_LABELS,
  answersSchema,
  openedFollowUps,
  requiredQuestions,
  yesQuestionIds,
  checkAnswers,
  type AnswerValue,
  type Answer,
  type Answers,
  type OpenedFollowUps,
} from './answers.ts';
export {
  gradeAssessment,
  applyJudgement,
  endorseGrading,
  gradeForScore,
  bandsFor,
  type Grading,
  type GradeOptions,
  type ProfessionalJudgement,
  type RecordedJudgement,
  type Endorsement,
} from './grading.ts';
export {
  ASSESSMENT_STAGES,
  ASSESSMENT_SOURCES,
  toRecord,
  type AssessmentStage,
  type AssessmentSource,
  type Assessment,
  type AssessmentRecord,
} from './assessment.ts';
export { westYorkshireRiskPolicy, checkRiskPolicy, type RiskPolicy } from './policy.ts';
export {
  MAX_PLAN_REVIEW_DAYS,
  applyRiskSettings,
  thresholdsOf,
  checkForceBands,
  bandsFromThresholds,
  checkPlanReviewDays,
  type RiskSettings,
  type BandThresholds,
  type FieldReason,
  type FieldOutcome,
} from './settings.ts';
export {
  evaluateMarac,
  maracReferralSummary,
  type MaracInput,
  type MaracCriterion,
  type MaracEvaluation,
  type MaracSummaryInput,
} from './marac.ts';
export {
  REQUIREMENT_CODES,
  assessmentRequirements,
  canCloseInitialInvestigation,
  type CaseRiskFacts,
  type RequirementCode,
  type AssessmentRequirement,
  type AssessmentRequirements,
  type RequirementException,
} from './requirements.ts';
export { assessmentTimeliness, type StageTimeliness } from './timeliness.ts';
export { REASSESSMENT_TRIGGERS, reassessmentReasons, type ReassessmentTrigger, type RiskEvent } from './reassessment.ts';
export {
  RARA_CATEGORIES,
  ACTION_STATUSES,
  validatePlan,
  planReviewStatus,
  type RaraCategory,
  type ActionStatus,
  type PlanAction,
  type RiskManagementPlan,
  type PlanReviewStatus,
} from './plan.ts';
export { UNSAFE_ADVICE, GOOD_ADVICE, type AdviceEntry } from './advice-data.ts';
export { ADVICE_METHODS, checkAdvice, type AdviceMethod, type AdviceItem, type AdviceWarning, type AdviceCheck } from './advice.ts';
export { checkRiskDisclosures, type RiskDisclosure } from './disclosure.ts';
export { HOMICIDE_TIMELINE, type TimelineStage } from './escalation.ts';
