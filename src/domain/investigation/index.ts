/** Investigation rules: allocation, triage, lines of enquiry, s2B, suspect management, finalisation, supervision, prosecution file. */
export type { Issue, LocalDate, Reason, RiskGrade, TaskSuggestion, ValidationResult } from './types.ts';
export { OFFENCES, OFFENCE_CODES, fromClassificationOffence, isStalking, type OffenceCode } from './offences.ts';
export { TEAMS, TEAM_CODES, teamName, type TeamCode } from './teams.ts';
export type {
  AllocationCondition,
  AllocationFlag,
  AllocationPolicy,
  AllocationRule,
  EnquiryPolicy,
  FinalisationPolicy,
  InvestigationEffect,
  InvestigationPolicy,
  ReviewEffect,
  SafeguardEffect,
  SupervisionPolicy,
  TeamRestriction,
} from './policy.ts';
export { westYorkshireAllocationPolicy, westYorkshireInvestigationPolicy } from './west-yorkshire.ts';
export {
  NO_ALLOCATION_RULE,
  recommendAllocation,
  validateAllocationDecision,
  type AllocationDecision,
  type AllocationFacts,
  type AllocationRecommendation,
  type ForbiddenTeam,
} from './allocation.ts';
export { parseAllocationPolicy, type ParsedAllocationPolicy } from './allocation-policy-schema.ts';
export {
  TRIAGE_DIMENSIONS,
  validateTriage,
  type TriageAssessment,
  type TriageDimension,
  type TriageLevel,
  type TriageRecord,
} from './triage.ts';
export { LINES_OF_ENQUIRY, LINE_OF_ENQUIRY_CODES, type LineOfEnquiryCode } from './lines-of-enquiry-catalogue.ts';
export { linesOfEnquiry, type EnquiryFacts, type LineOfEnquiry } from './lines-of-enquiry.ts';
export {
  S2B_TRANSITIONS,
  s2bState,
  transitionS2b,
  validateS2bDecision,
  type S2bDecision,
  type S2bEvent,
  type S2bState,
  type S2bTransition,
} from './s2b.ts';
export { SUSPECT_ACTIONS, type SuspectAction, type SuspectActionDefinition } from './suspect-actions.ts';
export {
  isActionPermitted,
  validateSuspectAction,
  type ActionPermission,
  type SuspectActionInput,
  type VictimConsultation,
} from './suspect.ts';
export { OUTCOME_GROUPS, OUTCOME_TYPES, outcomeType, type OutcomeGroup, type OutcomeType } from './outcomes.ts';
export {
  finalisationTasks,
  isNfaOutcome,
  validateFinalisation,
  type FinalisationInput,
  type Outcome16Details,
} from './finalisation.ts';
export {
  outcomeInconsistentWithVictimWishes,
  type OutcomeInconsistency,
  type VictimWish,
} from './victim-wishes.ts';
export { overdueReviews, supervisionDue, type SupervisionDue, type SupervisionState } from './supervision.ts';
export {
  PROSECUTION_FILE_CHECKLIST,
  prosecutionFileGaps,
  type ProsecutionFile,
  type ProsecutionFileItem,
} from './prosecution-file.ts';
