import type { Issue, ValidationResult } from './types.ts';

/** True when a free-text answer is missing or only whitespace. */
export function isBlank(text: string | undefined | null): boolean {
  return text === undefined || text === null || text.trim() === '';
}

/** Builds a validation result from the errors and warnings collected by a rule set. */
export function toResult(errors: readonly Issue[], warnings: readonly Issue[] = []): ValidationResult {
  return { ok: errors.length === 0, errors, warnings };
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True when `text` is a real calendar date written 'YYYY-MM-DD'. */
export function isLocalDate(text: string | undefined): text is string {
  if (text === undefined || !LOCAL_DATE.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}
