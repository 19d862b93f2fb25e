/**
 * The recommendations register: recommendations from inspections and panels, with
 * owners, due dates, evidence of implementation and reality testing (DOMAIN.md §13;
 * reference 002 Part B).
 */
import { z } from 'zod';
import { localDateSchema } from './local-date.ts';
import type { LocalDate } from './local-date.ts';

export const RECOMMENDATION_STATUSES = ['open', 'in_progress', 'implemented', 'reality_tested', 'closed'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

export const STATUS_LABELS: Readonly<Record<RecommendationStatus, string>> = {
  open: 'Open',
  in_progress: 'In progress',
  implemented: 'Implemented',
  reality_tested: 'Reality tested',
  closed: 'Closed',
};

export const RECOMMENDATION_SOURCE_KINDS = ['inspection', 'scrutiny_panel', 'cps_panel', 'internal_review', 'other'] as const;

/** Where a recommendation came from, e.g. inspection "HMIC Living in fear 2017", reference "Recommendation 11". */
export const recommendationSourceSchema = z.object({
  kind: z.enum(RECOMMENDATION_SOURCE_KINDS),
  title: z.string().trim().min(1, 'Name the report or panel the recommendation came from'),
  reference: z.string().trim().optional(),
});
export type RecommendationSource = z.infer<typeof recommendationSourceSchema>;

/** A new recommendation as entered in the register. */
export const newRecommendationSchema = z.object({
  source: recommendationSourceSchema,
  text: z.string().trim().min(1, 'Enter the recommendation'),
  owner: z.string().trim().min(1, 'Name who owns the recommendation'),
  due: localDateSchema,
});
export type NewRecommendation = z.infer<typeof newRecommendationSchema>;

export interface Evidence {
  description: string;
  addedBy: string;
  addedOn: LocalDate;
  /** Link to or reference for the document, where there is one. */
  reference?: string;
}

export interface StatusChange {
  from: RecommendationStatus;
  to: RecommendationStatus;
  by: string;
  on: LocalDate;
  note?: string;
}

export interface Recommendation extends NewRecommendation {
  id: string;
  status: RecommendationStatus;
  evidence: readonly Evidence[];
  /** Notes from checking that the change has taken hold in practice. */
  realityTestingNotes: readonly { note: string; by: string; on: LocalDate }[];
  history: readonly StatusChange[];
}

export interface TransitionRequest {
  to: RecommendationStatus;
  by: string;
  on: LocalDate;
  /** Reason for the change; required for reality testing, closing early and going back a step. */
  note?: string;
  /** Evidence added with this change. */
  evidence?: readonly Evidence[];
}

export type TransitionProblemCode =
  | 'not-allowed'
  | 'evidence-required'
  | 'reality-testing-note-required'
  | 'reason-required';

export interface TransitionProblem {
  code: TransitionProblemCode;
  message: string;
}

export type TransitionOutcome =
  | { ok: true; recommendation: Recommendation }
  | { ok: false; problems: TransitionProblem[] };

/** Which statuses each status may move to. Closed is final. */
export const RECOMMENDATION_TRANSITIONS: Readonly<Record<RecommendationStatus, readonly RecommendationStatus[]>> = {
  open: ['in_progress', 'implemented', 'closed'],
  in_progress: ['open', 'implemented', 'closed'],
  implemented: ['in_progress', 'reality_tested', 'closed'],
  reality_tested: ['in_progress', 'closed'],
  closed: [],
};

/** Creates a register entry in the open state. */
export function openRecommendation(id: string, details: NewRecommendation): Recommendation {
  return { ...details, id, status: 'open', evidence: [], realityTestingNotes: [], history: [] };
}

function isBackwards(from: RecommendationStatus, to: RecommendationStatus): boolean {
  return RECOMMENDATION_STATUSES.indexOf(to) < RECOMMENDATION_STATUSES.indexOf(from);
}

function problemsFor(rec: Recommendation, request: TransitionRequest, evidence: readonly Evidence[]): TransitionProblem[] {
  const { to } = request;
  const from = rec.status;
  if (!RECOMMENDATION_TRANSITIONS[from].includes(to)) {
    return [{ code: 'not-allowed', message: `A recommendation that is ${STATUS_LABELS[from].toLowerCase()} cannot be moved to ${STATUS_LABELS[to].toLowerCase()}.` }];
  }
  const hasNote = request.note !== undefined && request.note.trim().length > 0;
  const problems: TransitionProblem[] = [];
  if (to === 'implemented' && evidence.length === 0) {
    problems.push({ code: 'evidence-required', message: 'Add evidence that the recommendation has been implemented.' });
  }
  if (to === 'reality_tested' && !hasNote) {
    problems.push({
      code: 'reality-testing-note-required',
      message: 'Record how the change was reality tested (for example who was spoken to or which cases were checked) and what was found.',
    });
  }
  const closingEarly = to === 'closed' && from !== 'reality_tested';
  if ((closingEarly || isBackwards(from, to)) && !hasNote) {
    problems.push({
      code: 'reason-required',
      message: closingEarly
        ? 'Give a reason for closing a recommendation that has not been reality tested.'
        : `Give a reason for moving the recommendation back to ${STATUS_LABELS[to].toLowerCase()}.`,
    });
  }
  return problems;
}

/**
 * Moves a recommendation to a new status, returning a new object (the input is not
 * changed). Implemented needs evidence (already held or given now); reality tested
 * needs a reality-testing note; closing before reality testing, or going back a
 * step, needs a reason.
 */
export function transitionRecommendation(rec: Recommendation, request: TransitionRequest): TransitionOutcome {
  const evidence = [...rec.evidence, ...(request.evidence ?? [])];
  const problems = problemsFor(rec, request, evidence);
  if (problems.length > 0) return { ok: false, problems };
  const note = request.note?.trim();
  const change: StatusChange = { from: rec.status, to: request.to, by: request.by, on: request.on, ...(note ? { note } : {}) };
  return {
    ok: true,
    recommendation: {
      ...rec,
      status: request.to,
      evidence,
      realityTestingNotes:
        request.to === 'reality_tested' && note
          ? [...rec.realityTestingNotes, { note, by: request.by, on: request.on }]
          : rec.realityTestingNotes,
      history: [...rec.history, change],
    },
  };
}

/** Whether a recommendation is past its due date and not yet implemented. */
export function isOverdue(rec: Recommendation, today: LocalDate): boolean {
  return (rec.status === 'open' || rec.status === 'in_progress') && rec.due < today;
}

/** Overdue recommendations, the longest overdue first. */
export function overdueRecommendations(recs: readonly Recommendation[], today: LocalDate): Recommendation[] {
  return recs.filter((r) => isOverdue(r, today)).sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : 1));
}
