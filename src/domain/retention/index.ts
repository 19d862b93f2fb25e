export { DEFAULT_RETENTION_POLICY, type MopiGroup, type MopiGroupPolicy, type RetentionPolicy } from './policy.ts';
export {
  addDays,
  addYears,
  assessRetention,
  defaultNextReview,
  isRealDay,
  mopiGroup,
  nextReviewProblem,
  queueStatus,
  type QueueStatus,
  type RetentionAssessment,
  type RetentionFacts,
  type RetentionState,
} from './rules.ts';
