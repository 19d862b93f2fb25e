import type { LocalDate } from '../calendar/index.ts';

/**
 * The victim personal statement (Victims' Code right 7) and the special measures
 * assessment for giving evidence (Youth Justice and Criminal Evidence Act 1999, ss.16 to 30).
 * One record per victim per case, kept by victim care.
 */
export interface CourtSupportRecord {
  readonly vpsOfferedOn: LocalDate | null;
  readonly vpsTakenOn: LocalDate | null;
  readonly vpsUpdatedOn: LocalDate | null;
  readonly measuresAssessedOn: LocalDate | null;
  readonly measuresNeeds: readonly SpecialMeasuresNeed[];
  readonly measuresConsidered: readonly SpecialMeasure[];
  readonly measuresDecision: string | null;
}

export const SPECIAL_MEASURES_NEEDS = [
  { code: 'fear-or-distress', label: 'Fear or distress about giving evidence (intimidated witness)' },
  { code: 'under-18', label: 'Under 18 when giving evidence' },
  { code: 'mental-health', label: 'Mental disorder, or significant impairment of intelligence and social functioning' },
  { code: 'physical', label: 'Physical disability or disorder' },
  { code: 'communication', label: 'Difficulty communicating or understanding questions' },
] as const;
export type SpecialMeasuresNeed = (typeof SPECIAL_MEASURES_NEEDS)[number]['code'];

export const SPECIAL_MEASURES = [
  { code: 'screens', label: 'Screens, so the victim does not see the defendant' },
  { code: 'live-link', label: 'Giving evidence by live link' },
  { code: 'evidence-in-private', label: 'Evidence in private (public gallery cleared)' },
  { code: 'wigs-and-gowns', label: 'Removal of wigs and gowns' },
  { code: 'video-recorded-interview', label: 'Video-recorded interview as evidence in chief' },
  { code: 'pre-recorded-cross-examination', label: 'Pre-recorded cross-examination' },
  { code: 'intermediary', label: 'An intermediary' },
  { code: 'communication-aids', label: 'Aids to communication' },
] as const;
export type SpecialMeasure = (typeof SPECIAL_MEASURES)[number]['code'];

export const SPECIAL_MEASURES_NEED_CODES = SPECIAL_MEASURES_NEEDS.map((n) => n.code) as [SpecialMeasuresNeed, ...SpecialMeasuresNeed[]];
export const SPECIAL_MEASURE_CODES = SPECIAL_MEASURES.map((m) => m.code) as [SpecialMeasure, ...SpecialMeasure[]];

export const EMPTY_COURT_SUPPORT: CourtSupportRecord = {
  vpsOfferedOn: null,
  vpsTakenOn: null,
  vpsUpdatedOn: null,
  measuresAssessedOn: null,
  measuresNeeds: [],
  measuresConsidered: [],
  measuresDecision: null,
};

export interface CourtSupportProblem {
  readonly field: keyof CourtSupportRecord;
  readonly message: string;
}

/**
 * Checks the record given today's London date: no date in the future; a statement is
 * offered before (or when) it is taken, and taken before it is updated; an assessment has
 * its date and decision, and needs or measures recorded without an assessment date are refused.
 */
export function checkCourtSupport(record: CourtSupportRecord, today: LocalDate): CourtSupportProblem[] {
  const problems: CourtSupportProblem[] = [];
  const add = (field: keyof CourtSupportRecord, message: string) => problems.push({ field, message });
  const future = (field: keyof CourtSupportRecord, value: LocalDate | null, what: string) => {
    if (value && value > today) {
      add(field, `The date ${what} cannot be in the future`);
      return true;
    }
    return false;
  };
  future('vpsOfferedOn', record.vpsOfferedOn, 'the statement was offered');
  future('vpsTakenOn', record.vpsTakenOn, 'the statement was taken');
  future('vpsUpdatedOn', record.vpsUpdatedOn, 'the statement was updated');
  if (record.vpsTakenOn && !record.vpsOfferedOn) add('vpsOfferedOn', 'Enter the date the statement was offered: it must be offered before it is taken');
  else if (record.vpsTakenOn && record.vpsOfferedOn && record.vpsTakenOn < record.vpsOfferedOn) add('vpsTakenOn', 'The statement cannot be taken before it was offered');
  if (record.vpsUpdatedOn && !record.vpsTakenOn) add('vpsTakenOn', 'Enter the date the statement was taken: it must be taken before it is updated');
  else if (record.vpsUpdatedOn && record.vpsTakenOn && record.vpsUpdatedOn < record.vpsTakenOn) add('vpsUpdatedOn', 'The statement cannot be updated before it was taken');

  const anyAssessment = record.measuresNeeds.length > 0 || record.measuresConsidered.length > 0 || !!record.measuresDecision?.trim();
  if (record.measuresAssessedOn) {
    future('measuresAssessedOn', record.measuresAssessedOn, 'of the assessment');
    if (!record.measuresDecision || record.measuresDecision.trim().length < 5) add('measuresDecision', 'Record the decision on special measures (which to ask the court for, or why none)');
  } else if (anyAssessment) {
    add('measuresAssessedOn', 'Enter the date of the special measures assessment');
  }
  return problems;
}

/** Where the victim personal statement stands, for the page and the prosecution file. */
export function personalStatementState(record: CourtSupportRecord | null): 'not-offered' | 'offered' | 'taken' | 'updated' {
  if (!record || !record.vpsOfferedOn) return record?.vpsTakenOn ? 'taken' : 'not-offered';
  if (record.vpsUpdatedOn) return 'updated';
  if (record.vpsTakenOn) return 'taken';
  return 'offered';
}
