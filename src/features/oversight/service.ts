import { z } from 'zod';
import { londonDateOf } from '../../domain/calendar/index.ts';
import { offence as offenceInfo, offenceCodes } from '../../domain/classification/index.ts';
import { outcomeType } from '../../domain/investigation/index.ts';
import {
  RATING_LABELS,
  RECOMMENDATION_TRANSITIONS,
  REVIEW_RATINGS,
  STATUS_LABELS,
  buildSample,
  createRedactor,
  findIdentifierLeaks,
  newRecommendationSchema,
  overdueRecommendations,
  sampleRequestSchema,
  standardReviewForm,
  summariseReviews,
  transitionRecommendation,
  urgentReferralFor,
  validateReview,
  westYorkshireOversightPolicy,
  type CaseFilter,
  type CaseIdentifiers,
  type CaseReview,
  type CaseSummary,
  type Recommendation,
  type RecommendationStatus,
  type Redactor,
  type ReviewsSummary,
  type Sample,
} from '../../domain/oversight/index.ts';
import { requirePermission, type RequestContext } from '../../platform/auth/actor.ts';
import { appendAudit, type AuditAction, type Db } from '../../platform/audit/audit-repository.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { insertTasks } from '../tasks/repository.ts';
import * as repo from './repository.ts';

// ---------------------------------------------------------------------------
// Plumbing

async function audit(tx: Db, ctx: RequestContext, action: AuditAction, recordType: string, recordId: string | undefined, details: Record<string, unknown> = {}): Promise<void> {
  await appendAudit(tx, {
    actorId: ctx.actor.id,
    actorUsername: ctx.actor.username,
    action,
    recordType,
    ...(recordId ? { recordId } : {}),
    details,
    requestId: ctx.requestId,
  });
}

function requireAny(ctx: RequestContext, ...permissions: Array<'oversight:manage' | 'panel:review'>): void {
  if (!permissions.some((p) => ctx.actor.permissions.has(p))) throw new ForbiddenError();
}

function zodFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || 'body', message: issue.message }));
}

export function offenceTitle(code: string | null): string {
  if (!code) return 'Not classified';
  return offenceCodes.includes(code as never) ? offenceInfo(code as never).title : code;
}

export function outcomeTitle(code: number | null | undefined): string {
  if (code === null || code === undefined) return 'No outcome recorded';
  return `Outcome ${code}: ${outcomeType(code)?.title ?? 'unknown'}`;
}

const flagWords: Array<[keyof CaseFilter, string, string]> = [
  ['domesticAbuse', 'domestic abuse', 'not domestic abuse'],
  ['cyberEnabled', 'cyber-enabled', 'not cyber-enabled'],
  ['hasBreach', 'with a breach of an order', 'without a breach of an order'],
  ['nonCrime', 'non-crime incidents', 'crimes (not non-crime incidents)'],
  ['historicWarning', 'suspect has a historic warning notice', 'suspect has no historic warning notice'],
];

/** A filter in plain words, for pages and the published report. */
export function describeFilter(filter: CaseFilter): string {
  const parts: string[] = [];
  if (filter.finalisedFrom || filter.finalisedTo) {
    parts.push(`finalised ${filter.finalisedFrom ? `from ${filter.finalisedFrom}` : ''}${filter.finalisedFrom && filter.finalisedTo ? ' ' : ''}${filter.finalisedTo ? `to ${filter.finalisedTo}` : ''}`);
  }
  if (filter.classifications) parts.push(filter.classifications.map(offenceTitle).join(' or '));
  if (filter.outcomeCodes) parts.push(`outcome ${filter.outcomeCodes.join(', ')}`);
  for (const [key, yes, no] of flagWords) {
    if (filter[key] === true) parts.push(yes);
    if (filter[key] === false) parts.push(no);
  }
  return parts.length > 0 ? parts.join('; ') : 'any finalised case';
}

// ---------------------------------------------------------------------------
// Sample builder

export const createSampleInput = z.object({
  title: z.string().trim().min(1, 'Give the sample a title, for example "Scrutiny panel, spring 2026"').max(200, 'The title must be 200 characters or fewer'),
  request: sampleRequestSchema,
});
export type CreateSampleInput = z.input<typeof createSampleInput>;

export interface SavedSampleView {
  sample: repo.SampleRow;
  result: Pick<Sample, 'eligible' | 'strata' | 'quotas' | 'warnings'>;
  request: Sample['request'];
  criteria: string;
  cases: Array<repo.SampleCaseRow & { label: string }>;
  observations: repo.ObservationRow[];
  reviewsByCase: Record<string, number>;
}

function toSummary(row: repo.PopulationRow): CaseSummary {
  return {
    id: row.id,
    finalisedOn: londonDateOf(row.finalisedAt),
    classification: row.offence ?? 'unclassified',
    outcomeCode: row.outcomeCode,
    domesticAbuse: row.domesticAbuse,
    cyberEnabled: row.cyberEnabled,
    hasBreach: row.hasBreach,
    nonCrime: row.nonCrime,
    historicWarning: row.historicWarning,
  };
}

/** Draws a sample from the finished cases and saves it with the request that reproduces it. */
export async function createSample(deps: Deps, ctx: RequestContext, input: unknown): Promise<{ id: string; sample: Sample }> {
  requirePermission(ctx.actor, 'oversight:manage');
  const parsed = createSampleInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(zodFieldErrors(parsed.error));
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const population = (await repo.samplingPopulation(tx)).map(toSummary);
    const outcome = buildSample(population, parsed.data.request);
    if (!outcome.ok) throw new ValidationError(outcome.problems.map((p) => ({ field: 'request', message: p.message })));
    const { sample } = outcome;
    const id = await repo.insertSample(tx, {
      title: parsed.data.title,
      request: sample.request,
      result: { eligible: sample.eligible, strata: sample.strata, quotas: sample.quotas, warnings: sample.warnings },
      by: ctx.actor.id,
      at: now,
      cases: sample.cases,
    });
    await audit(tx, ctx, 'create', 'oversight-sample', id, { cases: sample.cases.length, eligible: sample.eligible, seed: sample.request.seed });
    return { id, sample };
  });
}

export async function listSamples(deps: Deps, ctx: RequestContext): Promise<repo.SampleRow[]> {
  requireAny(ctx, 'oversight:manage', 'panel:review');
  return deps.db.transaction().execute(async (tx) => {
    const rows = await repo.listSamples(tx);
    await audit(tx, ctx, 'view', 'oversight-samples', undefined, { count: rows.length });
    return rows;
  });
}

async function loadSample(tx: Db, sampleId: string): Promise<repo.SampleRow> {
  const sample = await repo.getSample(tx, sampleId);
  if (!sample) throw new NotFoundError('There is no sample with that reference.');
  return sample;
}

/** A saved sample for the force: the cases drawn (with their references), the groups and any shortfalls. */
export async function viewSample(deps: Deps, ctx: RequestContext, sampleId: string): Promise<SavedSampleView> {
  requirePermission(ctx.actor, 'oversight:manage');
  return deps.db.transaction().execute(async (tx) => {
    const sample = await loadSample(tx, sampleId);
    const [cases, observations] = await Promise.all([repo.sampleCases(tx, sampleId), repo.observationsOf(tx, sampleId)]);
    await audit(tx, ctx, 'view', 'oversight-sample', sampleId, { cases: cases.length });
    const request = sample.request as Sample['request'];
    return {
      sample,
      result: sample.result as SavedSampleView['result'],
      request,
      criteria: describeFilter(request.criteria),
      cases: cases.map((c) => ({ ...c, label: `Case ${c.position}` })),
      observations,
      reviewsByCase: Object.fromEntries(cases.map((c) => [c.id, c.reviewCount])),
    };
  });
}

// ---------------------------------------------------------------------------
// Redaction: everything a panel sees is built here from the case's own identifiers

function identifiersOf(people: repo.PanelPersonRow[], material: repo.CaseMaterial | undefined): CaseIdentifiers {
  const handles = material?.occasions.map((o) => o.accountName ?? '').filter((h) => h.trim().length > 0) ?? [];
  return {
    people: people.map((p) => ({
      id: p.id,
      role: p.role,
      names: [`${p.forenames} ${p.surname}`.trim()].filter((n) => n.length > 0),
      aliases: p.aliases,
      phones: p.phones,
      emails: p.emails,
      handles: p.handles,
      vehicleRegistrations: p.vehicles,
      addresses: p.addresses,
      postcodes: p.postcodes,
      datesOfBirth: p.dateOfBirth ? [p.dateOfBirth] : [],
    })),
    other: { handles },
  };
}

/** Identifiers of every case in a sample, for the last check on sample-wide pages. */
async function sampleIdentifiers(tx: Db, cases: repo.SampleCaseRow[]): Promise<Map<string, { identifiers: CaseIdentifiers; redactor: Redactor }>> {
  const result = new Map<string, { identifiers: CaseIdentifiers; redactor: Redactor }>();
  for (const c of cases) {
    const [people, material] = await Promise.all([repo.peopleOfCase(tx, c.caseId), repo.caseMaterial(tx, c.caseId)]);
    const identifiers = identifiersOf(people, material);
    result.set(c.id, { identifiers, redactor: createRedactor(identifiers) });
  }
  return result;
}

function combined(all: Iterable<{ identifiers: CaseIdentifiers }>): CaseIdentifiers {
  const people: CaseIdentifiers['people'][number][] = [];
  const handles: string[] = [];
  for (const { identifiers } of all) {
    people.push(...identifiers.people);
    handles.push(...(identifiers.other?.handles ?? []));
  }
  return { people, other: { handles } };
}

/** The last check before anything is served to a panel: refuse rather than show a known identifier. */
function assertNoLeaks(output: unknown, identifiers: CaseIdentifiers): void {
  const leaks = findIdentifierLeaks(JSON.stringify(output), identifiers);
  if (leaks.length > 0) throw new Error(`Redaction check failed (${leaks.map((l) => l.kind).join(', ')}); nothing was shown.`);
}

function labelOf(code: string | null | undefined): string {
  if (!code) return '';
  return code.replace(/[-_]/g, ' ');
}

export interface PanelCaseView {
  sampleId: string;
  sampleTitle: string;
  sampleCaseId: string;
  label: string;
  stratum: string;
  people: Array<{ label: string; role: string }>;
  summary: {
    classification: string;
    alsoRecorded: string[];
    domesticAbuse: boolean;
    cyberEnabled: boolean;
    outcome: string;
    firstReported: Date | null;
    finalisedOn: Date | null;
  };
  reports: Array<{ number: number; reportedAt: Date; relationship: string; account: string; effects: string[]; thrive: string; response: string; crimeDecision: string; crimeDecisionRationale: string; crimeDecidedAt: Date | null }>;
  occasions: Array<{ from: Date; to: Date | null; place: string; channels: string[]; platform: string; behaviours: string[]; fearOfViolence: boolean; times: number; description: string; breach: boolean }>;
  classifications: Array<{ offence: string; status: string; rationale: string; at: Date }>;
  riskAssessments: Array<{ stage: string; grade: string; completedAt: Date; endorsed: boolean }>;
  riskPlans: Array<{ grade: string; reviewedOn: string; reviewDate: string; actions: number }>;
  contacts: Array<{ at: Date; initiatedBy: string; chasingUpdate: boolean; method: string; discussed: string }>;
  events: Array<{ event: string; at: Date; outcome: string }>;
  policeActions: Array<{ kind: string; at: Date; notes: string }>;
  orders: Array<{ type: string; status: string; madeOn: string }>;
  tasks: Array<{ title: string; dueAt: Date; status: string; completedAt: Date | null; late: boolean }>;
}

function redactedCase(
  sample: repo.SampleRow,
  sampleCase: repo.SampleCaseRow,
  material: repo.CaseMaterial,
  redactor: Redactor,
  people: repo.PanelPersonRow[],
): PanelCaseView {
  const r = (text: string | null | undefined): string => (text ? redactor.redactText(text).text : '');
  const thrive = (t: Record<string, unknown> | null) =>
    t ? ['threat', 'harm', 'risk'].map((k) => `${k} ${typeof t[k] === 'string' ? String(t[k]) : 'not recorded'}`).join(', ') : '';
  return {
    sampleId: sample.id,
    sampleTitle: r(sample.title),
    sampleCaseId: sampleCase.id,
    label: `Case ${sampleCase.position}`,
    stratum: r(sampleCase.stratum),
    people: people.map((p) => ({ label: redactor.labels.get(p.id) ?? '[person]', role: p.role })),
    summary: {
      classification: offenceTitle(material.offence),
      alsoRecorded: material.alsoRecord.map(offenceTitle),
      domesticAbuse: material.domesticAbuse,
      cyberEnabled: material.cyberEnabled,
      outcome: outcomeTitle(material.outcome?.code),
      firstReported: material.reports[0]?.reportedAt ?? null,
      finalisedOn: material.finalisedAt ?? material.outcome?.at ?? null,
    },
    reports: material.reports.map((x, i) => ({
      number: i + 1,
      reportedAt: x.reportedAt,
      relationship: labelOf(x.relationship),
      account: r(x.account),
      effects: x.effects.map(labelOf),
      thrive: thrive(x.thrive),
      response: labelOf(x.response),
      crimeDecision: labelOf(x.crimeDecision) || 'not yet decided',
      crimeDecisionRationale: r(x.crimeDecisionRationale),
      crimeDecidedAt: x.crimeDecidedAt,
    })),
    occasions: material.occasions.map((o) => ({
      from: o.from,
      to: o.to,
      place: r(o.place),
      channels: o.channels.map(labelOf),
      platform: r(o.platform),
      behaviours: o.behaviours.map(labelOf),
      fearOfViolence: o.fearOfViolence,
      times: o.times,
      description: r(o.description),
      breach: o.breach,
    })),
    classifications: material.classifications.map((c) => ({ offence: offenceTitle(c.offence), status: c.status, rationale: r(c.rationale), at: c.at })),
    riskAssessments: material.riskAssessments.map((a) => ({ stage: a.stage, grade: a.finalGrade ?? 'not graded', completedAt: a.completedAt, endorsed: a.endorsedAt !== null })),
    riskPlans: material.riskPlans,
    contacts: material.contacts.map((c) => ({ at: c.at, initiatedBy: c.initiatedBy, chasingUpdate: c.chasingUpdate, method: labelOf(c.method), discussed: r(c.discussed) })),
    events: material.events.map((e) => ({ event: labelOf(e.event), at: e.at, outcome: e.outcomeCode ? outcomeTitle(e.outcomeCode) : '' })),
    policeActions: material.policeActions.map((a) => ({ kind: labelOf(a.kind), at: a.at, notes: r([a.notes, a.conditions].filter(Boolean).join(' Conditions: ')) })),
    orders: material.orders.map((o) => ({ type: labelOf(o.type), status: o.status, madeOn: o.madeOn })),
    tasks: material.tasks.map((t) => ({
      title: r(t.title),
      dueAt: t.dueAt,
      status: t.status,
      completedAt: t.completedAt,
      late: (t.completedAt ?? new Date(8.64e15)).getTime() > t.dueAt.getTime() && t.status !== 'cancelled',
    })),
  };
}

async function loadSampleCase(tx: Db, sampleId: string, sampleCaseId: string): Promise<{ sample: repo.SampleRow; sampleCase: repo.SampleCaseRow; cases: repo.SampleCaseRow[] }> {
  const sample = await loadSample(tx, sampleId);
  const cases = await repo.sampleCases(tx, sampleId);
  const sampleCase = cases.find((c) => c.id === sampleCaseId);
  if (!sampleCase) throw new NotFoundError('There is no such case in this sample.');
  return { sample, sampleCase, cases };
}

// ---------------------------------------------------------------------------
// The panel workspace

export interface PanelSampleView {
  id: string;
  title: string;
  createdAt: Date;
  criteria: string;
  cases: Array<{ sampleCaseId: string; label: string; stratum: string; reviewCount: number; reviewedByMe: boolean; referred: boolean }>;
  observations: Array<{ id: string; text: string; response: string | null; respondedAt: Date | null }>;
}

/** A sample as the panel sees it: numbered cases, never case references or ids. */
export async function panelSample(deps: Deps, ctx: RequestContext, sampleId: string): Promise<PanelSampleView> {
  requirePermission(ctx.actor, 'panel:review');
  return deps.db.transaction().execute(async (tx) => {
    const sample = await loadSample(tx, sampleId);
    const [cases, observations, reviews] = await Promise.all([repo.sampleCases(tx, sampleId), repo.observationsOf(tx, sampleId), repo.reviewsOfSample(tx, sampleId)]);
    const all = combined((await sampleIdentifiers(tx, cases)).values());
    const redactor = createRedactor(all, { namesAs: 'placeholder' });
    const request = sample.request as Sample['request'];
    const view: PanelSampleView = {
      id: sample.id,
      title: redactor.redactText(sample.title).text,
      createdAt: sample.createdAt,
      criteria: redactor.redactText(describeFilter(request.criteria)).text,
      cases: cases.map((c) => ({
        sampleCaseId: c.id,
        label: `Case ${c.position}`,
        stratum: redactor.redactText(c.stratum).text,
        reviewCount: c.reviewCount,
        reviewedByMe: reviews.some((r) => r.sampleCaseId === c.id && r.reviewerId === ctx.actor.id),
        referred: c.referredAt !== null,
      })),
      observations: observations.map((o) => ({ id: o.id, text: redactor.redactText(o.text).text, response: o.response ? redactor.redactText(o.response).text : null, respondedAt: o.respondedAt })),
    };
    assertNoLeaks(view, all);
    await audit(tx, ctx, 'view', 'oversight-sample', sampleId, { redacted: true });
    return view;
  });
}

export interface PanelCaseWithReview {
  view: PanelCaseView;
  review: repo.ReviewRow | null;
}

/** One sampled case, redacted on the server, with the reviewer's own review if there is one. */
export async function panelCase(deps: Deps, ctx: RequestContext, sampleId: string, sampleCaseId: string): Promise<PanelCaseWithReview> {
  requirePermission(ctx.actor, 'panel:review');
  return deps.db.transaction().execute(async (tx) => {
    const { sample, sampleCase } = await loadSampleCase(tx, sampleId, sampleCaseId);
    const [people, material] = await Promise.all([repo.peopleOfCase(tx, sampleCase.caseId), repo.caseMaterial(tx, sampleCase.caseId)]);
    if (!material) throw new NotFoundError('There is no such case in this sample.');
    const identifiers = identifiersOf(people, material);
    const redactor = createRedactor(identifiers);
    const view = redactedCase(sample, sampleCase, material, redactor, people);
    const own = await repo.getReview(tx, sampleCase.id, ctx.actor.id);
    const review = own ? { ...own, ...redactReviewText(own, redactor) } : null;
    assertNoLeaks({ view, review }, identifiers);
    await audit(tx, ctx, 'view', 'oversight-sample-case', sampleCase.id, { sampleId, caseId: sampleCase.caseId, redacted: true });
    return { view, review };
  });
}

function redactReviewText(review: repo.ReviewRow, redactor: Redactor): Pick<repo.ReviewRow, 'answers' | 'riskConcern' | 'summary'> {
  const r = (text: string | null | undefined) => (text ? redactor.redactText(text).text : text);
  return {
    answers: review.answers.map((a) => ({ ...a, ...(a.comment ? { comment: r(a.comment) ?? '' } : {}) })),
    riskConcern: r(review.riskConcern) ?? null,
    summary: r(review.summary) ?? null,
  };
}

const optionalText = (max: number, label: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`).optional());

export const reviewInput = z.object({
  answers: z
    .array(
      z.object({
        questionId: z.string().min(1).max(100),
        rating: z.enum(REVIEW_RATINGS, 'Choose met, partly met, not met or not applicable'),
        comment: optionalText(4000, 'A comment'),
      }),
    )
    .max(100),
  victimAtRiskNow: z.boolean().default(false),
  riskConcern: optionalText(4000, 'The description of the concern'),
  summary: optionalText(8000, 'The summary'),
  version: z.number().int().positive().optional(),
});
export type ReviewInput = z.input<typeof reviewInput>;

export interface SavedReview {
  id: string;
  version: number;
  referral: { dueBy: Date; taskIds: string[] } | null;
}

/**
 * Saves a reviewer's form for one sampled case. "Victim may be at risk now" sends the
 * case back to the force at once: a task to the SCU and to each force lead, due within
 * the policy's hours, the first time any reviewer raises it on that case.
 */
export async function saveReview(deps: Deps, ctx: RequestContext, sampleId: string, sampleCaseId: string, input: unknown): Promise<SavedReview> {
  requirePermission(ctx.actor, 'panel:review');
  const parsed = reviewInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(zodFieldErrors(parsed.error));
  const data = parsed.data;
  const candidate: CaseReview = {
    sampleCaseId,
    reviewerId: ctx.actor.id,
    answers: data.answers.map((a) => ({ questionId: a.questionId, rating: a.rating, ...(a.comment ? { comment: a.comment } : {}) })),
    victimAtRiskNow: data.victimAtRiskNow,
    ...(data.riskConcern ? { riskConcern: data.riskConcern } : {}),
    ...(data.summary ? { summary: data.summary } : {}),
  };
  const checked = validateReview(candidate, standardReviewForm, westYorkshireOversightPolicy);
  if (!checked.ok) {
    throw new ValidationError(
      checked.problems.map((p) => ({
        field: p.code === 'risk-concern-required' ? 'riskConcern' : p.code === 'comment-required' ? `answers.${p.questionId}.comment` : p.questionId ? `answers.${p.questionId}` : 'answers',
        message: p.message,
      })),
    );
  }
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const { sampleCase } = await loadSampleCase(tx, sampleId, sampleCaseId);
    const values = { answers: checked.review.answers, victimAtRiskNow: checked.review.victimAtRiskNow, riskConcern: checked.review.riskConcern ?? null, summary: checked.review.summary ?? null };
    const existing = await repo.getReview(tx, sampleCase.id, ctx.actor.id);
    let id: string;
    let version: number;
    if (existing) {
      if (data.version !== undefined && data.version !== existing.version) throw new ConflictError('You saved this review in another window since you opened it. Reload the page to see the latest version.');
      if (!(await repo.updateReview(tx, existing.id, existing.version, values, now))) throw new ConflictError('This review changed while you were saving it. Reload the page and try again.');
      id = existing.id;
      version = existing.version + 1;
    } else {
      id = await repo.insertReview(tx, sampleCase.id, ctx.actor.id, values, now);
      version = 1;
    }
    let referral: SavedReview['referral'] = null;
    const urgent = urgentReferralFor(checked.review, deps.clock, westYorkshireOversightPolicy);
    if (urgent && (await repo.markReferred(tx, sampleCase.id, now))) {
      const details = { code: urgent.code, concern: urgent.concern, message: urgent.message, sampleId, sampleCaseId: sampleCase.id };
      const title = 'Scrutiny panel: the victim may be at risk now. Review the case at once';
      const tasks = [];
      for (const recipient of urgent.recipients) {
        if (recipient === 'stalking_coordination_unit') {
          tasks.push({ type: 'oversight-victim-at-risk', title, caseId: sampleCase.caseId, ownerTeam: 'scu', dueAt: urgent.dueBy, details, createdBy: ctx.actor.id });
        } else {
          const leads = await repo.activeUsersWithRole(tx, 'force-lead');
          for (const lead of leads) tasks.push({ type: 'oversight-victim-at-risk', title, caseId: sampleCase.caseId, ownerUserId: lead, dueAt: urgent.dueBy, details, createdBy: ctx.actor.id });
          if (leads.length === 0) tasks.push({ type: 'oversight-victim-at-risk', title, caseId: sampleCase.caseId, ownerTeam: 'scu', dueAt: urgent.dueBy, details: { ...details, noForceLead: true }, createdBy: ctx.actor.id });
        }
      }
      const taskIds = await insertTasks(tx, tasks);
      referral = { dueBy: urgent.dueBy, taskIds };
      await audit(tx, ctx, 'create', 'oversight-referral', sampleCase.id, { sampleId, caseId: sampleCase.caseId, taskIds, dueBy: urgent.dueBy.toISOString() });
    }
    await audit(tx, ctx, existing ? 'update' : 'create', 'oversight-review', id, { sampleId, sampleCaseId: sampleCase.id, victimAtRiskNow: values.victimAtRiskNow });
    return { id, version, referral };
  });
}

export const observationInput = z.object({
  text: z.string().trim().min(1, 'Enter the observation').max(8000, 'The observation must be 8,000 characters or fewer'),
});

/** The panel records an observation for the force to answer. */
export async function addObservation(deps: Deps, ctx: RequestContext, sampleId: string, input: unknown): Promise<string> {
  requirePermission(ctx.actor, 'panel:review');
  const parsed = observationInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(zodFieldErrors(parsed.error));
  return deps.db.transaction().execute(async (tx) => {
    await loadSample(tx, sampleId);
    const id = await repo.insertObservation(tx, { sampleId, text: parsed.data.text, by: ctx.actor.id, at: deps.clock.now() });
    await audit(tx, ctx, 'create', 'oversight-observation', id, { sampleId });
    return id;
  });
}

export const responseInput = z.object({
  response: z.string().trim().min(1, 'Enter the force’s response').max(8000, 'The response must be 8,000 characters or fewer'),
  version: z.coerce.number().int().positive('Reload the page and try again'),
});

/** The force responds in writing to one observation. */
export async function respondToObservation(deps: Deps, ctx: RequestContext, sampleId: string, observationId: string, input: unknown): Promise<void> {
  requirePermission(ctx.actor, 'oversight:manage');
  const parsed = responseInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(zodFieldErrors(parsed.error));
  await deps.db.transaction().execute(async (tx) => {
    await loadSample(tx, sampleId);
    const observation = (await repo.observationsOf(tx, sampleId)).find((o) => o.id === observationId);
    if (!observation) throw new NotFoundError('There is no such observation on this sample.');
    if (!(await repo.respondToObservation(tx, observationId, sampleId, parsed.data.version, { text: parsed.data.response, by: ctx.actor.id, at: deps.clock.now() }))) {
      throw new ConflictError('Someone else has responded to this observation since you opened the page. Reload it to see their response.');
    }
    await audit(tx, ctx, 'update', 'oversight-observation', observationId, { sampleId, response: true });
  });
}

// ---------------------------------------------------------------------------
// The panel report

export interface PanelReport {
  id: string;
  title: string;
  createdAt: Date;
  criteria: string;
  caseCount: number;
  reviewCount: number;
  strata: Array<{ label: string; target: number; selected: number }>;
  summary: ReviewsSummary;
  sections: Array<{ section: 'panel' | 'inspection'; title: string; questions: ReviewsSummary['questions'] }>;
  cases: Array<{
    label: string;
    stratum: string;
    classification: string;
    outcome: string;
    domesticAbuse: boolean;
    cyberEnabled: boolean;
    reviews: number;
    referred: boolean;
    ratings: Array<{ questionId: string; title: string; counts: Record<string, number> }>;
    comments: string[];
    summaries: string[];
  }>;
  observations: Array<{ id: string; text: string; response: string | null; respondedAt: Date | null; version: number }>;
  ratingLabels: Record<string, string>;
}

/** The panel's findings: per-case summaries, aggregate ratings and observations with the force's responses. Fully anonymised. */
export async function panelReport(deps: Deps, ctx: RequestContext, sampleId: string, exported = false): Promise<PanelReport> {
  requireAny(ctx, 'panel:review', 'oversight:manage');
  return deps.db.transaction().execute(async (tx) => {
    const sample = await loadSample(tx, sampleId);
    const [cases, observations, reviews] = await Promise.all([repo.sampleCases(tx, sampleId), repo.observationsOf(tx, sampleId), repo.reviewsOfSample(tx, sampleId)]);
    const perCase = await sampleIdentifiers(tx, cases);
    const all = combined(perCase.values());
    const sampleRedactor = createRedactor(all, { namesAs: 'placeholder' });
    const domainReviews: CaseReview[] = reviews.map((r) => ({
      sampleCaseId: r.sampleCaseId,
      reviewerId: r.reviewerId,
      answers: r.answers.map((a) => ({ questionId: a.questionId, rating: a.rating as CaseReview['answers'][number]['rating'], ...(a.comment ? { comment: a.comment } : {}) })),
      victimAtRiskNow: r.victimAtRiskNow,
    }));
    const summary = summariseReviews(domainReviews, standardReviewForm);
    const request = sample.request as Sample['request'];
    const result = sample.result as SavedSampleView['result'];
    const caseViews: PanelReport['cases'] = [];
    for (const c of cases) {
      const material = await repo.caseMaterial(tx, c.caseId);
      const redactor = perCase.get(c.id)?.redactor ?? sampleRedactor;
      const mine = reviews.filter((r) => r.sampleCaseId === c.id);
      const r = (t: string | null | undefined) => (t ? redactor.redactText(t).text : '');
      caseViews.push({
        label: `Case ${c.position}`,
        stratum: r(c.stratum),
        classification: offenceTitle(material?.offence ?? null),
        outcome: outcomeTitle(material?.outcome?.code),
        domesticAbuse: material?.domesticAbuse ?? false,
        cyberEnabled: material?.cyberEnabled ?? false,
        reviews: mine.length,
        referred: c.referredAt !== null,
        ratings: standardReviewForm.questions.map((q) => {
          const counts: Record<string, number> = { met: 0, partly_met: 0, not_met: 0, not_applicable: 0 };
          for (const review of mine) {
            const answer = review.answers.find((a) => a.questionId === q.id);
            if (answer) counts[answer.rating] = (counts[answer.rating] ?? 0) + 1;
          }
          return { questionId: q.id, title: q.title, counts };
        }),
        comments: mine.flatMap((review) =>
          review.answers
            .filter((a) => a.comment)
            .map((a) => `${standardReviewForm.questions.find((q) => q.id === a.questionId)?.title ?? a.questionId}: ${r(a.comment)}`),
        ),
        summaries: mine.map((review) => r(review.summary)).filter((s) => s.length > 0),
      });
    }
    const report: PanelReport = {
      id: sample.id,
      title: sampleRedactor.redactText(sample.title).text,
      createdAt: sample.createdAt,
      criteria: sampleRedactor.redactText(describeFilter(request.criteria)).text,
      caseCount: cases.length,
      reviewCount: reviews.length,
      strata: result.strata.map((s) => ({ label: sampleRedactor.redactText(s.label).text, target: s.target, selected: s.selected })),
      summary,
      sections: (['panel', 'inspection'] as const).map((section) => ({
        section,
        title: section === 'panel' ? 'The panel’s questions' : 'Inspection criteria',
        questions: summary.questions.filter((q) => q.section === section),
      })),
      cases: caseViews,
      observations: observations.map((o) => ({
        id: o.id,
        text: sampleRedactor.redactText(o.text).text,
        response: o.response ? sampleRedactor.redactText(o.response).text : null,
        respondedAt: o.respondedAt,
        version: o.version,
      })),
      ratingLabels: { ...RATING_LABELS },
    };
    assertNoLeaks(report, all);
    await audit(tx, ctx, exported ? 'export' : 'view', 'oversight-report', sampleId, { cases: cases.length, reviews: reviews.length });
    return report;
  });
}

// ---------------------------------------------------------------------------
// Recommendations register

function toDomain(row: repo.RecommendationRow): Recommendation {
  return {
    id: row.id,
    source: { kind: row.sourceKind as Recommendation['source']['kind'], title: row.sourceTitle, ...(row.sourceReference ? { reference: row.sourceReference } : {}) },
    text: row.text,
    owner: row.owner,
    due: row.dueOn,
    status: row.status,
    evidence: row.evidence,
    realityTestingNotes: row.realityTestingNotes,
    history: row.history as Recommendation['history'],
  };
}

export interface RegisterView {
  today: string;
  recommendations: Array<repo.RecommendationRow & { overdue: boolean; statusLabel: string }>;
  overdue: Array<repo.RecommendationRow & { statusLabel: string }>;
}

export async function recommendationsRegister(deps: Deps, ctx: RequestContext): Promise<RegisterView> {
  requirePermission(ctx.actor, 'oversight:manage');
  const today = londonDateOf(deps.clock.now());
  return deps.db.transaction().execute(async (tx) => {
    const rows = await repo.listRecommendations(tx);
    const overdueIds = new Set(overdueRecommendations(rows.map(toDomain), today).map((r) => r.id));
    const overdueOrder = overdueRecommendations(rows.map(toDomain), today).map((r) => r.id);
    await audit(tx, ctx, 'view', 'oversight-recommendations', undefined, { count: rows.length, overdue: overdueIds.size });
    const withLabels = rows.map((r) => ({ ...r, overdue: overdueIds.has(r.id), statusLabel: STATUS_LABELS[r.status] }));
    return {
      today,
      recommendations: withLabels,
      overdue: overdueOrder.map((id) => withLabels.find((r) => r.id === id)!).filter(Boolean),
    };
  });
}

export const recommendationInput = newRecommendationSchema.extend({
  sampleId: z.uuid('Not a valid sample reference').optional(),
});

export async function createRecommendation(deps: Deps, ctx: RequestContext, input: unknown): Promise<string> {
  requirePermission(ctx.actor, 'oversight:manage');
  const parsed = recommendationInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(zodFieldErrors(parsed.error));
  const r = parsed.data;
  return deps.db.transaction().execute(async (tx) => {
    if (r.sampleId) await loadSample(tx, r.sampleId);
    const id = await repo.insertRecommendation(tx, {
      sourceKind: r.source.kind,
      sourceTitle: r.source.title,
      sourceReference: r.source.reference?.trim() ? r.source.reference.trim() : null,
      sampleId: r.sampleId ?? null,
      text: r.text,
      owner: r.owner,
      dueOn: r.due,
      by: ctx.actor.id,
      at: deps.clock.now(),
    });
    await audit(tx, ctx, 'create', 'oversight-recommendation', id, { source: r.source.kind });
    return id;
  });
}

export async function viewRecommendation(deps: Deps, ctx: RequestContext, id: string): Promise<repo.RecommendationRow & { overdue: boolean; statusLabel: string; allowed: RecommendationStatus[] }> {
  requirePermission(ctx.actor, 'oversight:manage');
  const today = londonDateOf(deps.clock.now());
  return deps.db.transaction().execute(async (tx) => {
    const row = await repo.getRecommendation(tx, id);
    if (!row) throw new NotFoundError('There is no recommendation with that reference.');
    await audit(tx, ctx, 'view', 'oversight-recommendation', id);
    return {
      ...row,
      overdue: overdueRecommendations([toDomain(row)], today).length === 1,
      statusLabel: STATUS_LABELS[row.status],
      allowed: [...RECOMMENDATION_TRANSITIONS[row.status]],
    };
  });
}

const statusValues = ['open', 'in_progress', 'implemented', 'reality_tested', 'closed'] as const;

export const transitionInput = z.object({
  to: z.enum(statusValues, 'Choose the new status'),
  note: optionalText(4000, 'The note'),
  evidence: optionalText(4000, 'The evidence'),
  evidenceReference: optionalText(500, 'The evidence reference'),
  version: z.coerce.number().int().positive('Reload the page and try again'),
});

export const actionInput = z.object({
  kind: z.enum(['action', 'evidence'], 'Choose whether this is an action or evidence'),
  text: z.string().trim().min(1, 'Enter the action or evidence').max(4000, 'Enter 4,000 characters or fewer'),
  reference: optionalText(500, 'The reference'),
  version: z.coerce.number().int().positive('Reload the page and try again'),
});

/** Moves a recommendation on (evidence for implemented, a reality-testing note for reality tested, reasons for closing early or going back). */
export async function transition(deps: Deps, ctx: RequestContext, id: string, input: unknown): Promise<void> {
  requirePermission(ctx.actor, 'oversight:manage');
  const parsed = transitionInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(zodFieldErrors(parsed.error));
  const data = parsed.data;
  const now = deps.clock.now();
  const on = londonDateOf(now);
  await deps.db.transaction().execute(async (tx) => {
    const row = await repo.getRecommendation(tx, id);
    if (!row) throw new NotFoundError('There is no recommendation with that reference.');
    if (row.version !== data.version) throw new ConflictError('Someone else has changed this recommendation since you opened it. Reload the page to see the changes.');
    const outcome = transitionRecommendation(toDomain(row), {
      to: data.to,
      by: ctx.actor.displayName,
      on,
      ...(data.note ? { note: data.note } : {}),
      ...(data.evidence ? { evidence: [{ description: data.evidence, addedBy: ctx.actor.displayName, addedOn: on, ...(data.evidenceReference ? { reference: data.evidenceReference } : {}) }] } : {}),
    });
    if (!outcome.ok) {
      throw new ValidationError(
        outcome.problems.map((p) => ({ field: p.code === 'evidence-required' ? 'evidence' : p.code === 'not-allowed' ? 'to' : 'note', message: p.message })),
      );
    }
    const next = outcome.recommendation;
    const saved = await repo.saveRecommendation(
      tx,
      id,
      row.version,
      { status: next.status, actions: row.actions, evidence: [...next.evidence], realityTestingNotes: [...next.realityTestingNotes], history: [...next.history] },
      now,
    );
    if (!saved) throw new ConflictError('Someone else has changed this recommendation since you opened it. Reload the page to see the changes.');
    await audit(tx, ctx, 'update', 'oversight-recommendation', id, { from: row.status, to: next.status });
  });
}

/** Records an action taken or a piece of evidence against a recommendation, without changing its status. */
export async function addActionOrEvidence(deps: Deps, ctx: RequestContext, id: string, input: unknown): Promise<void> {
  requirePermission(ctx.actor, 'oversight:manage');
  const parsed = actionInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(zodFieldErrors(parsed.error));
  const data = parsed.data;
  const now = deps.clock.now();
  const on = londonDateOf(now);
  await deps.db.transaction().execute(async (tx) => {
    const row = await repo.getRecommendation(tx, id);
    if (!row) throw new NotFoundError('There is no recommendation with that reference.');
    if (row.status === 'closed') throw new ValidationError([{ field: 'text', message: 'This recommendation is closed; nothing more can be added to it.' }]);
    const actions = data.kind === 'action' ? [...row.actions, { text: data.text, by: ctx.actor.displayName, on }] : row.actions;
    const evidence =
      data.kind === 'evidence'
        ? [...row.evidence, { description: data.text, addedBy: ctx.actor.displayName, addedOn: on, ...(data.reference ? { reference: data.reference } : {}) }]
        : row.evidence;
    if (!(await repo.saveRecommendation(tx, id, data.version, { status: row.status, actions, evidence, realityTestingNotes: row.realityTestingNotes, history: row.history }, now))) {
      throw new ConflictError('Someone else has changed this recommendation since you opened it. Reload the page to see the changes.');
    }
    await audit(tx, ctx, 'update', 'oversight-recommendation', id, { added: data.kind });
  });
}

export { RATING_LABELS, REVIEW_RATINGS, STATUS_LABELS, standardReviewForm };

/** A sample title for the panel's list of samples: generic patterns only (each sample's own page checks its cases' identifiers). */
export function panelTitle(title: string): string {
  return createRedactor({ people: [] }).redactText(title).text;
}
