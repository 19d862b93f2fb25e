/**
 * Course of conduct rules (issue 5): which case a report joins, pattern and
 * escalation analysis with suggestions, and batch occasions from a diary.
 * Pure: no I/O, time passed in, force policy as data.
 */
export { defaultConductPolicy, type ConductPolicy } from './policy.ts';
export { decideCaseForReport, recentCaseCutoff, type CandidateCase, type JoinDecision, type JoinMatch, type ReportParties } from './auto-join.ts';
export {
  analyseConduct,
  conductSuggestions,
  escalationCallouts,
  inTimeOrder,
  type Callout,
  type CalloutCode,
  type CaseRecording,
  type ConductAnalysis,
  type ConductOccasion,
  type Suggestion,
  type SuggestionCode,
  type WeekCount,
} from './escalation.ts';
export { serialPerpetratorAlert, type SerialAlert, type SerialAlertTask, type SuspectVictims } from './serial.ts';
export { PLACE_KIND_LABELS, placeKindOf, type PlaceKind } from './places.ts';
export {
  batchToSave,
  occasionKey,
  parseBehaviour,
  parseChannel,
  parseDiaryDate,
  parseDiaryTime,
  parseOccasionBatch,
  splitCsv,
  type BatchColumn,
  type BatchOccasion,
  type BatchOptions,
  type BatchParseResult,
  type BatchRowResult,
  type RowMessage,
} from './csv.ts';
export { londonInstant, londonWallClock, sayDate, weekStartOf } from './time.ts';
