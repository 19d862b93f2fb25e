/** Oversight: redaction for scrutiny panels, dip sampling, case reviews and the recommendations register. */
export type { LocalDate } from './local-date.ts';
export { localDateSchema } from './local-date.ts';
export { createSeededRandom, seededShuffle } from './random.ts';
export type { SeededRandom } from './random.ts';

export {
  ALWAYS_REMOVED_FIELDS,
  PERSON_REFERENCE_FIELDS,
  PERSON_ROLES,
  REDACTION_KINDS,
  REDACTION_PLACEHOLDERS,
  ROLE_LABEL_NOUNS,
} from './redaction-data.ts';
export type { PersonRole, RedactionKind } from './redaction-data.ts';
export {
  assignRoleLabels,
  createRedactor,
  emptyRedactionReport,
  findIdentifierLeaks,
  redactCase,
  redactObject,
  redactText,
} from './redaction.ts';
export type {
  CaseIdentifiers,
  IdentifiedPerson,
  PanelPerson,
  PersonalDetails,
  Redacted,
  RedactedText,
  RedactionHints,
  RedactionReport,
  Redactor,
  RedactorOptions,
} from './redaction.ts';

export {
  apportion,
  buildSample,
  caseFilterSchema,
  matchesFilter,
  quotaSchema,
  sampleCriteriaSchema,
  sampleRequestSchema,
  stratumSchema,
} from './sampling.ts';
export type {
  CaseFilter,
  CaseSummary,
  Quota,
  QuotaReport,
  Sample,
  SampleCriteria,
  SampleOutcome,
  SampleProblem,
  SampleRequest,
  SampleWarning,
  SampledCase,
  Stratum,
  StratumReport,
} from './sampling.ts';

export { INSPECTION_CRITERIA, PANEL_QUESTIONS, RATING_LABELS, REVIEW_RATINGS, standardReviewForm } from './review-form.ts';
export type { QuestionSection, ReviewForm, ReviewQuestion, ReviewRating } from './review-form.ts';
export { westYorkshireOversightPolicy } from './policy.ts';
export type { OversightPolicy, ReferralRecipient } from './policy.ts';
export { caseReviewSchema, summariseReviews, urgentReferralFor, validateReview } from './reviews.ts';
export type {
  CaseReview,
  QuestionSummary,
  ReviewAnswer,
  ReviewProblem,
  ReviewProblemCode,
  ReviewValidation,
  ReviewsSummary,
  UrgentReferral,
} from './reviews.ts';

export {
  RECOMMENDATION_SOURCE_KINDS,
  RECOMMENDATION_STATUSES,
  RECOMMENDATION_TRANSITIONS,
  STATUS_LABELS,
  isOverdue,
  newRecommendationSchema,
  openRecommendation,
  overdueRecommendations,
  recommendationSourceSchema,
  transitionRecommendation,
} from './recommendations.ts';
export type {
  Evidence,
  NewRecommendation,
  Recommendation,
  RecommendationSource,
  RecommendationStatus,
  StatusChange,
  TransitionOutcome,
  TransitionProblem,
  TransitionProblemCode,
  TransitionRequest,
} from './recommendations.ts';
