import type { Issue, ValidationResult } from './types.ts';
import { isBlank, toResult } from './validation.ts';

export type TriageLevel = 'low' | 'medium' | 'high';

/** One dimension of the triage: a level and the sergeant's reasoning for it. */
export interface TriageAssessment {
  readonly level?: TriageLevel;
  readonly text?: string;
}

/** A detective sergeant's triage of a crime for allocation, as recorded on the investigation log. */
export interface TriageRecord {
  readonly threat?: TriageAssessment;
  readonly risk?: TriageAssessment;
  readonly harm?: TriageAssessment;
  readonly complexity?: TriageAssessment;
  readonly rationale?: string;
}

export const TRIAGE_DIMENSIONS = ['threat', 'risk', 'harm', 'complexity'] as const;
export type TriageDimension = (typeof TRIAGE_DIMENSIONS)[number];
const LEVELS: readonly string[] = ['low', 'medium', 'high'] satisfies TriageLevel[];

function dimensionIssues(dimension: TriageDimension, assessment: TriageAssessment | undefined): Issue[] {
  const issues: Issue[] = [];
  if (assessment?.level === undefined || !LEVELS.includes(assessment.level)) {
    issues.push({
      code: 'triage.level-required',
      field: `${dimension}.level`,
      message: `Choose the level of ${dimension}: low, medium or high.`,
    });
  }
  if (isBlank(assessment?.text)) {
    issues.push({
      code: 'triage.text-required',
      field: `${dimension}.text`,
      message: `Explain your assessment of ${dimension}.`,
    });
  }
  return issues;
}

/**
 * Validates a triage record: threat, risk, harm and complexity each need a level and an
 * explanation, and the allocation decision needs a rationale (reference 004, DOMAIN.md §7).
 */
export function validateTriage(record: TriageRecord): ValidationResult {
  const errors = TRIAGE_DIMENSIONS.flatMap((dimension) => dimensionIssues(dimension, record[dimension]));
  if (isBlank(record.rationale)) {
    errors.push({
      code: 'triage.rationale-required',
      field: 'rationale',
      message: 'Record the rationale for your triage and allocation decision.',
    });
  }
  return toResult(errors);
}
