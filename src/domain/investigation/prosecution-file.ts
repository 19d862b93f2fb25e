import type { Issue } from './types.ts';
import { isBlank } from './validation.ts';

/** What the police file for a charging decision contains (national stalking protocol, DOMAIN.md §9). */
export interface ProsecutionFile {
  readonly dashAttached: boolean;
  readonly screeningToolAttached: boolean;
  readonly victimPersonalStatement: 'taken' | 'offered-declined' | 'not-offered';
  /** The victim's wishes on a restraining order: undefined when not asked. */
  readonly restrainingOrderWanted?: boolean;
  readonly restrainingOrderTerms?: readonly string[];
  /** Special measures needs have been assessed (whether or not any are needed). */
  readonly specialMeasuresAssessed: boolean;
  /** A summary of the history showing the course of conduct. */
  readonly courseOfConductSummary?: string;
  readonly bailOrRemandRecommendation?: string;
}

/** The checklist, in the order a prosecution pack presents it. */
export const PROSECUTION_FILE_CHECKLIST = {
  dash: {
    title: 'DASH risk assessment',
    missing: 'Attach the DASH risk assessment.',
    complete: (file: ProsecutionFile) => file.dashAttached,
  },
  'screening-tool': {
    title: 'Stalking screening tool',
    missing: 'Attach the completed stalking screening tool.',
    complete: (file: ProsecutionFile) => file.screeningToolAttached,
  },
  'victim-personal-statement': {
    title: 'Victim personal statement',
    missing: 'Take a victim personal statement, or record that one was offered and declined.',
    complete: (file: ProsecutionFile) => file.victimPersonalStatement !== 'not-offered',
  },
  'restraining-order-wishes': {
    title: 'Victim’s wishes on a restraining order',
    missing: 'Ask the victim whether they want a restraining order and record the answer.',
    complete: (file: ProsecutionFile) => file.restrainingOrderWanted !== undefined,
  },
  'restraining-order-terms': {
    title: 'Restraining order terms',
    missing: 'The victim wants a restraining order: record the terms they need (for example no contact, exclusion zones).',
    complete: (file: ProsecutionFile) => file.restrainingOrderWanted !== true || (file.restrainingOrderTerms ?? []).length > 0,
  },
  'special-measures': {
    title: 'Special measures needs',
    missing: 'Assess and record whether the victim and witnesses need special measures.',
    complete: (file: ProsecutionFile) => file.specialMeasuresAssessed,
  },
  'course-of-conduct': {
    title: 'History showing the course of conduct',
    missing: 'Summarise the history of incidents that shows the course of conduct.',
    complete: (file: ProsecutionFile) => !isBlank(file.courseOfConductSummary),
  },
  'bail-remand': {
    title: 'Bail or remand recommendation',
    missing: 'Record the recommendation on bail or remand, with conditions to protect the victim.',
    complete: (file: ProsecutionFile) => !isBlank(file.bailOrRemandRecommendation),
  },
} as const;

export type ProsecutionFileItem = keyof typeof PROSECUTION_FILE_CHECKLIST;

/** The items the file is missing under the national stalking protocol, in checklist order. */
export function prosecutionFileGaps(file: ProsecutionFile): Issue[] {
  return (Object.keys(PROSECUTION_FILE_CHECKLIST) as ProsecutionFileItem[])
    .filter((item) => !PROSECUTION_FILE_CHECKLIST[item].complete(file))
    .map((item) => ({ code: `prosecution-file.${item}-missing`, field: item, message: PROSECUTION_FILE_CHECKLIST[item].missing }));
}
