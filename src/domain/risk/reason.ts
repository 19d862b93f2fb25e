/**
 * A plain-English explanation with a stable machine-readable code. Used for refusals,
 * warnings, criteria met and reasons a task is due.
 */
export interface Reason {
  readonly code: string;
  readonly message: string;
}

/** The result of a rule that either produces a value or refuses with reasons. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reasons: readonly Reason[] };

/** Wraps a value as a successful outcome. */
export function accept<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

/** Builds a refusal from one or more reasons. */
export function refuse<T>(...reasons: Reason[]): Outcome<T> {
  return { ok: false, reasons };
}

/** True when the text is missing or only whitespace. */
export function isBlank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}

/** "1 yes answer" / "14 yes answers". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
