/**
 * Applications to the court about an order already made (DOMAIN.md §10, West Yorkshire 004):
 * renewal (submitted no later than 3 months before expiry, with evidence), variation and
 * discharge. The police or the subject may apply (a subject never applies to renew). Each
 * application goes through dated stages: the SCU's report (with the offender manager), legal
 * advice (always for a discharge), the detective superintendent's decision, the hearing and
 * the court's outcome. Only the decision needs `orders:authorise`.
 */
import type { Permission } from '../access/index.ts';
import { compareLocalDates, type LocalDate } from '../calendar/index.ts';
import { RENEWAL_EVIDENCE_PROMPTS } from './management.ts';
import { authorityProblems, type AuthorityRecord, type StageProblem } from './spo.ts';

export const APPLICATION_KINDS = ['renewal', 'variation', 'discharge'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

export const APPLICATION_KIND_LABELS: Readonly<Record<ApplicationKind, string>> = {
  renewal: 'Renewal',
  variation: 'Variation',
  discharge: 'Discharge',
};

export const APPLICANTS = ['police', 'subject'] as const;
export type Applicant = (typeof APPLICANTS)[number];

export const APPLICANT_LABELS: Readonly<Record<Applicant, string>> = {
  police: 'The police (chief officer)',
  subject: 'The subject of the order',
};

export const APPLICATION_STAGES = ['applied', 'scu-report', 'legal-advice', 'decided', 'hearing-listed', 'granted', 'refused', 'withdrawn'] as const;
export type ApplicationStage = (typeof APPLICATION_STAGES)[number];

export const APPLICATION_STAGE_LABELS: Readonly<Record<ApplicationStage, string>> = {
  applied: 'Application recorded',
  'scu-report': 'SCU report (with the offender manager)',
  'legal-advice': 'Legal advice',
  decided: 'Detective superintendent’s decision',
  'hearing-listed': 'Court hearing listed',
  granted: 'Granted by the court',
  refused: 'Refused by the court',
  withdrawn: 'Withdrawn',
};

/**
 * The superintendent's decision. On a police application: apply to the court, or do not
 * (which closes it). On the subject's application: the force's position at court.
 */
export const APPLICATION_DECISIONS = ['apply', 'do-not-apply', 'support', 'oppose'] as const;
export type ApplicationDecision = (typeof APPLICATION_DECISIONS)[number];

export const APPLICATION_DECISION_LABELS: Readonly<Record<ApplicationDecision, string>> = {
  apply: 'Apply to the court',
  'do-not-apply': 'Do not apply',
  support: 'Support the subject’s application',
  oppose: 'Oppose the subject’s application',
};

export function decisionsFor(applicant: Applicant): readonly ApplicationDecision[] {
  return applicant === 'police' ? ['apply', 'do-not-apply'] : ['support', 'oppose'];
}

/** The permission each stage needs: the decision is the detective superintendent's and nothing else is. */
export const APPLICATION_STAGE_PERMISSION: Readonly<Record<ApplicationStage, Permission>> = {
  applied: 'orders:manage',
  'scu-report': 'orders:manage',
  'legal-advice': 'orders:manage',
  decided: 'orders:authorise',
  'hearing-listed': 'orders:manage',
  granted: 'orders:manage',
  refused: 'orders:manage',
  withdrawn: 'orders:manage',
};

/** Where an application stands: its kind, the stage it reached and the superintendent's decision, once made. */
export interface ApplicationState {
  kind: ApplicationKind;
  stage: ApplicationStage;
  decision?: ApplicationDecision | null | undefined;
}

const OPEN_ENDS: readonly ApplicationStage[] = ['withdrawn'];

/**
 * The stages that may follow. Every application has the SCU's report first; a discharge
 * must then have legal advice before the decision (renewal and variation may have it);
 * a decision not to apply closes a police application, any other decision leads to a
 * hearing; a hearing may be listed again (adjourned) before the court's outcome.
 */
export function nextApplicationStages(state: ApplicationState): readonly ApplicationStage[] {
  switch (state.stage) {
    case 'applied':
      return ['scu-report', ...OPEN_ENDS];
    case 'scu-report':
      return state.kind === 'discharge' ? ['legal-advice', ...OPEN_ENDS] : ['legal-advice', 'decided', ...OPEN_ENDS];
    case 'legal-advice':
      return ['decided', ...OPEN_ENDS];
    case 'decided':
      return state.decision === 'do-not-apply' ? [] : ['hearing-listed', ...OPEN_ENDS];
    case 'hearing-listed':
      return ['hearing-listed', 'granted', 'refused', ...OPEN_ENDS];
    default:
      return [];
  }
}

export function isFinalApplication(state: ApplicationState): boolean {
  return nextApplicationStages(state).length === 0;
}

/** Why a move from one stage to another is not allowed, or null when it is. */
export function applicationTransitionProblem(state: ApplicationState, to: ApplicationStage): StageProblem | null {
  const next = nextApplicationStages(state);
  if (next.includes(to)) return null;
  if (next.length === 0) {
    const why = state.decision === 'do-not-apply' ? 'the force decided not to apply' : APPLICATION_STAGE_LABELS[state.stage].toLowerCase();
    return { field: 'stage', message: `The application is closed (${why}): no further stages can be recorded` };
  }
  return { field: 'stage', message: `After "${APPLICATION_STAGE_LABELS[state.stage]}" the next stage must be one of: ${next.map((s) => APPLICATION_STAGE_LABELS[s]).join('; ')}` };
}

/** The renewal evidence, one answer per prompt (RENEWAL_EVIDENCE_PROMPTS, in the same order). */
export const RENEWAL_EVIDENCE_KEYS = ['newActs', 'currentRisk', 'stillNecessary', 'compliance'] as const;
export type RenewalEvidenceKey = (typeof RENEWAL_EVIDENCE_KEYS)[number];

export const RENEWAL_EVIDENCE: ReadonlyArray<{ key: RenewalEvidenceKey; prompt: string }> = RENEWAL_EVIDENCE_KEYS.map((key, i) => ({ key, prompt: RENEWAL_EVIDENCE_PROMPTS[i]! }));

/** What is known about the order when an application is made. */
export interface OrderFacts {
  status: string;
  expiresOn: LocalDate | null;
  prohibitions: string | null;
  requirements: string | null;
}

/** A new application as the form or API gives it. */
export interface ApplicationDraft {
  kind: ApplicationKind;
  applicant: Applicant;
  appliedOn: LocalDate;
  /** Renewal: one answer per evidence prompt (RENEWAL_EVIDENCE). */
  evidence: Partial<Record<RenewalEvidenceKey, string | undefined>>;
  proposedProhibitions?: string | undefined;
  proposedRequirements?: string | undefined;
}

/**
 * Problems with a new application that need nothing but the application itself (so a form
 * can show them with its other errors): a renewal is the police's, with every evidence
 * prompt answered; a variation states the terms proposed.
 */
export function draftProblems(draft: { kind?: unknown; applicant?: unknown; evidence?: unknown; proposedProhibitions?: unknown }): StageProblem[] {
  const problems: StageProblem[] = [];
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  if (draft.kind === 'renewal') {
    if (draft.applicant === 'subject') problems.push({ field: 'applicant', message: 'Only the police apply to renew an order' });
    const evidence = (draft.evidence && typeof draft.evidence === 'object' ? draft.evidence : {}) as Record<string, unknown>;
    for (const { key, prompt } of RENEWAL_EVIDENCE) {
      if (!text(evidence[key])) problems.push({ field: `evidence.${key}`, message: `Give the evidence: ${prompt.charAt(0).toLowerCase()}${prompt.slice(1)}` });
    }
  }
  if (draft.kind === 'variation' && !text(draft.proposedProhibitions)) problems.push({ field: 'proposedProhibitions', message: 'Enter the prohibitions as they would read after the variation' });
  return problems;
}

/** Problems with a new application, given the order it is about and today. */
export function applicationProblems(draft: ApplicationDraft, order: OrderFacts, today: LocalDate): StageProblem[] {
  const problems: StageProblem[] = [];
  if (order.status !== 'active') problems.push({ field: 'kind', message: 'The order is no longer in force, so it cannot be renewed, varied or discharged' });
  if (compareLocalDates(draft.appliedOn, today) > 0) problems.push({ field: 'appliedOn', message: 'The date of the application must be today or in the past' });
  if (draft.kind === 'renewal' && order.expiresOn === null) problems.push({ field: 'kind', message: 'The order lasts until further order, so there is nothing to renew' });
  problems.push(...draftProblems(draft));
  if (draft.kind === 'variation') {
    const prohibitions = draft.proposedProhibitions?.trim() ?? '';
    const requirements = draft.proposedRequirements?.trim() ?? '';
    if (prohibitions && prohibitions === (order.prohibitions ?? '').trim() && requirements === (order.requirements ?? '').trim()) {
      problems.push({ field: 'proposedProhibitions', message: 'The proposed terms are the same as the order’s terms: change the prohibitions or the requirements' });
    }
  }
  return problems;
}

/** The superintendent's decision: a decision that fits the applicant, reasons, and on a police renewal or variation the authority tests. */
export function decisionProblems(input: { kind: ApplicationKind; applicant: Applicant; decision: string | undefined; reasons: string | undefined } & AuthorityRecord): StageProblem[] {
  const allowed = decisionsFor(input.applicant);
  if (!input.decision || !allowed.includes(input.decision as ApplicationDecision)) {
    return [{ field: 'decision', message: `Choose: ${allowed.map((d) => APPLICATION_DECISION_LABELS[d].toLowerCase()).join(' or ')}` }];
  }
  const problems: StageProblem[] = [];
  if (!input.reasons?.trim()) problems.push({ field: 'reasons', message: 'Give the reasons for the decision' });
  if (input.decision === 'apply' && input.kind !== 'discharge') problems.push(...authorityProblems('authorised', input));
  return problems;
}

/** A renewal's new end: after the current one, and after the date of the court's decision. */
export function renewalEndProblem(input: { currentExpiresOn: LocalDate | null; grantedOn: LocalDate; newExpiresOn: LocalDate | undefined; untilFurtherOrder: boolean }): StageProblem | null {
  if (input.untilFurtherOrder) return input.newExpiresOn ? { field: 'newExpiresOn', message: 'An order renewed until further order has no end date' } : null;
  if (!input.newExpiresOn) return { field: 'newExpiresOn', message: 'Enter the date the renewed order ends, or say it lasts until further order' };
  if (input.currentExpiresOn && compareLocalDates(input.newExpiresOn, input.currentExpiresOn) <= 0) return { field: 'newExpiresOn', message: 'The renewed order must end after the date the order ends now' };
  if (compareLocalDates(input.newExpiresOn, input.grantedOn) <= 0) return { field: 'newExpiresOn', message: 'The renewed order must end after the court’s decision' };
  return null;
}

/** A task that waits for the next step: its type, title, owner and how many calendar days it has (product defaults, like the SPO process's). */
export interface ApplicationTask {
  type: string;
  title: string;
  owner: 'scu' | 'authorising';
  /** Calendar days from the stage; null for the outcome, which is due on the hearing date. */
  withinDays: number | null;
}

const NEXT_TASK: Readonly<Partial<Record<ApplicationStage, ApplicationTask>>> = {
  applied: { type: 'order-application-scu-report', title: 'SCU: review the application with the offender manager and write the report', owner: 'scu', withinDays: 7 },
  'scu-report': { type: 'order-application-decision', title: 'Decide on the application (detective superintendent)', owner: 'authorising', withinDays: 2 },
  'legal-advice': { type: 'order-application-decision', title: 'Decide on the application (detective superintendent)', owner: 'authorising', withinDays: 2 },
  decided: { type: 'order-application-hearing', title: 'Apply to (or answer at) the court and record the hearing date', owner: 'scu', withinDays: 3 },
  'hearing-listed': { type: 'order-application-outcome', title: 'Record the court’s decision on the application', owner: 'scu', withinDays: null },
};

/** The task for whoever takes the next step after a stage; for a discharge the SCU's report is followed by legal advice. None once the application is closed. */
export function nextTaskAfter(state: ApplicationState): ApplicationTask | undefined {
  if (isFinalApplication(state)) return undefined;
  if (state.stage === 'scu-report' && state.kind === 'discharge') return { type: 'order-application-legal-advice', title: 'Get legal advice on the discharge application', owner: 'scu', withinDays: 7 };
  return NEXT_TASK[state.stage];
}

/** Every task type an application creates (closed when a later stage is recorded). */
export const APPLICATION_TASK_TYPES = ['order-application-scu-report', 'order-application-legal-advice', 'order-application-decision', 'order-application-hearing', 'order-application-outcome'] as const;
