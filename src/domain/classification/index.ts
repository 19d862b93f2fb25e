/**
 * Classification of stalking and harassment reports: reference data, the
 * "think stalking first" rules, checks on an officer's choice, and the crime
 * registrar's audit. Pure: no I/O, policy passed in as data.
 */
export { classify } from './classify.ts';
export {
  NON_CRIME,
  reviewClassificationChoice,
  validateClassificationChoice,
  type ClassificationChoice,
} from './choice.ts';
export { auditFindings, type AuditFindingCode, type AuditRecord, type RecordedClassification } from './audit.ts';
export {
  crimeRecordingDeadline,
  westYorkshireClassificationPolicy,
  type ClassificationPolicy,
} from './policy.ts';
export {
  byPrincipalRank,
  offence,
  offenceCodes,
  offences,
  type HomeOfficeClassification,
  type OffenceCode,
  type OffenceFamily,
  type OffenceInfo,
} from './offences.ts';
export {
  behaviours,
  callerCapacities,
  channels,
  effects,
  indicators,
  orderTypes,
  otherCrimeKinds,
  relationships,
  type BehaviourCode,
  type BehaviourInfo,
  type CallerCapacityCode,
  type ChannelCode,
  type ChannelInfo,
  type EffectCode,
  type EffectKind,
  type IndicatorCode,
  type OrderTypeCode,
  type OtherCrimeKindCode,
  type RelationshipCode,
} from './intake-options.ts';
export { byCode, isCodeIn, type CodedOption } from './lookup.ts';
export { fourIndicators } from './four.ts';
export type {
  ActiveOrder,
  BreachTally,
  ClassificationFacts,
  ClassificationSuggestion,
  CodedMessage,
  CourseOfConduct,
  FieldError,
  FourAssessment,
  FourIndicator,
  FourIndicatorAssessment,
  LinkedOccasion,
  LocalDate,
  Occasion,
  OtherCrimeDecision,
} from './types.ts';
