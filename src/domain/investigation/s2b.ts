import type { OffenceCode } from './offences.ts';
import type { InvestigationPolicy } from './policy.ts';
import type { Issue, LocalDate, ValidationResult } from './types.ts';
import { isBlank, isLocalDate, toResult } from './validation.ts';
import { westYorkshireInvestigationPolicy } from './west-yorkshire.ts';

/** One step in the life of the s2B search warrant decision (DOMAIN.md §2, §7; 001 rec 9). */
export type S2bEvent =
  | { readonly state: 'considered'; readonly on: LocalDate }
  | { readonly state: 'applied'; readonly on: LocalDate; readonly grounds: string }
  | { readonly state: 'granted'; readonly on: LocalDate }
  | { readonly state: 'refused'; readonly on: LocalDate; readonly reason: string }
  | { readonly state: 'executed'; readonly on: LocalDate }
  | { readonly state: 'result'; readonly on: LocalDate; readonly evidenceFound: boolean; readonly summary: string }
  | { readonly state: 'not-used'; readonly on: LocalDate; readonly reason: string };

export type S2bState = S2bEvent['state'];

/** The recorded s2B decision: its events in order. The current state is the last event's. */
export interface S2bDecision {
  readonly events: readonly S2bEvent[];
}

/** Which states may follow each state; 'none' is before anything is recorded. */
export const S2B_TRANSITIONS: Readonly<Record<S2bState | 'none', readonly S2bState[]>> = {
  none: ['considered'],
  considered: ['applied', 'not-used'],
  applied: ['granted', 'refused'],
  granted: ['executed', 'not-used'],
  refused: ['applied', 'not-used'],
  executed: ['result'],
  result: [],
  'not-used': ['considered'],
};

const STATE_WORDS: Readonly<Record<S2bState | 'none', string>> = {
  none: 'nothing recorded yet',
  considered: 'considered',
  applied: 'applied for',
  granted: 'granted',
  refused: 'refused',
  executed: 'executed',
  result: 'result recorded',
  'not-used': 'not used',
};

/** The current state of the decision, or 'none' when nothing has been recorded. */
export function s2bState(decision: S2bDecision): S2bState | 'none' {
  return decision.events.at(-1)?.state ?? 'none';
}

function requiredText(event: S2bEvent): { field: string; value: string; message: string } | undefined {
  switch (event.state) {
    case 'applied':
      return { field: 'grounds', value: event.grounds, message: 'Record the grounds given to the magistrate.' };
    case 'refused':
      return { field: 'reason', value: event.reason, message: 'Record why the magistrate refused the warrant.' };
    case 'result':
      return { field: 'summary', value: event.summary, message: 'Summarise what the search found or did not find.' };
    case 'not-used':
      return { field: 'reason', value: event.reason, message: 'Record why a search warrant is not being used.' };
    default:
      return undefined;
  }
}

function stepIssues(from: S2bState | 'none', previousOn: LocalDate | undefined, event: S2bEvent): Issue[] {
  const issues: Issue[] = [];
  if (!S2B_TRANSITIONS[from].includes(event.state)) {
    const allowed = S2B_TRANSITIONS[from].map((state) => STATE_WORDS[state]).join(' or ');
    issues.push({
      code: 's2b.illegal-transition',
      field: 'state',
      message: `The warrant cannot be ${STATE_WORDS[event.state]} when its status is "${STATE_WORDS[from]}". Next it can be: ${allowed || 'nothing, the decision is complete'}.`,
    });
  }
  if (!isLocalDate(event.on)) {
    issues.push({ code: 's2b.date-invalid', field: 'on', message: 'Enter the date as YYYY-MM-DD.' });
  } else if (previousOn !== undefined && event.on < previousOn) {
    issues.push({
      code: 's2b.date-before-previous',
      field: 'on',
      message: `The date cannot be before the previous step on ${previousOn}.`,
    });
  }
  const text = requiredText(event);
  if (text && isBlank(text.value)) {
    issues.push({ code: `s2b.${text.field}-required`, field: text.field, message: text.message });
  }
  return issues;
}

export type S2bTransition =
  | { readonly ok: true; readonly decision: S2bDecision }
  | { readonly ok: false; readonly errors: readonly Issue[] };

/** Records the next step of the s2B decision, refusing steps that are out of order or incomplete. */
export function transitionS2b(decision: S2bDecision, event: S2bEvent): S2bTransition {
  const errors = stepIssues(s2bState(decision), decision.events.at(-1)?.on, event);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, decision: { events: [...decision.events, event] } };
}

/**
 * Validates a whole s2B record for audit: for a stalking offence a decision must be
 * recorded and must not stop at "considered"; every step must be legal and complete.
 */
export function validateS2bDecision(
  decision: S2bDecision,
  offence: OffenceCode,
  policy: InvestigationPolicy = westYorkshireInvestigationPolicy,
): ValidationResult {
  const errors: Issue[] = [];
  const eligible = policy.enquiries.s2bOffences.includes(offence);
  let state: S2bState | 'none' = 'none';
  let previousOn: LocalDate | undefined;
  for (const event of decision.events) {
    errors.push(...stepIssues(state, previousOn, event));
    state = event.state;
    previousOn = event.on;
  }
  if (!eligible && decision.events.some((event) => event.state === 'applied')) {
    errors.push({
      code: 's2b.offence-not-eligible',
      field: 'state',
      message: 'A search warrant under s2B can only be sought for stalking.',
    });
  }
  if (eligible && (state === 'none' || state === 'considered')) {
    errors.push({
      code: 's2b.decision-required',
      field: 'state',
      message: 'Record whether a search warrant under s2B will be applied for, or why it will not be used.',
    });
  }
  return toResult(errors);
}
