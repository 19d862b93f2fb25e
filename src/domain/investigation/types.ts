/** A calendar date, 'YYYY-MM-DD'. */
export type LocalDate = string;

/** A reason shown to users: a stable code for machines and plain English for people. */
export interface Reason {
  readonly code: string;
  readonly text: string;
}

/** One problem found by a validation rule, tied to the input field it concerns. */
export interface Issue {
  readonly code: string;
  readonly field: string;
  readonly message: string;
}

/**
 * The result of validating a user's decision. `ok` is false when there is any error;
 * warnings never block, they ask the user to think again.
 */
export interface ValidationResult {
  readonly ok: boolean;
  readonly errors: readonly Issue[];
  readonly warnings: readonly Issue[];
}

/** Risk grades used by DASH and the stalking screening tool. */
export type RiskGrade = 'standard' | 'medium' | 'high';

/** A task this module suggests; the service layer creates, assigns and tracks it. */
export interface TaskSuggestion {
  readonly code: string;
  readonly title: string;
  readonly assignTo: 'officer-in-case' | 'supervisor' | 'scu';
  readonly why: string;
  readonly dueOn?: LocalDate;
}
