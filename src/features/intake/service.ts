import {
  auditFindings,
  classify,
  NON_CRIME,
  reviewClassificationChoice,
  validateClassificationChoice,
  westYorkshireClassificationPolicy,
  crimeRecordingDeadline,
  type ClassificationSuggestion,
  type LinkedOccasion,
} from '../../domain/classification/index.ts';
import { victimNotificationDue } from '../../domain/calendar/index.ts';
import { fromClassificationOffence, recommendAllocation } from '../../domain/investigation/index.ts';
import { requirePermission, type RequestContext } from '../../platform/auth/actor.ts';
import { appendAudit, type Db } from '../../platform/audit/audit-repository.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { fieldErrors } from '../../platform/http/routes.ts';
import * as cases from '../cases/repository.ts';
import { joinOrCreateCase } from '../conduct/service.ts';
import { historyFor, type PersonHistory } from '../people/history.ts';
import { findCandidates, matchQueryInput, type MatchCandidate } from '../people/matching.ts';
import { insertPerson, nameUserOnRecord, replaceParticulars } from '../people/repository.ts';
import { breachRuleFor } from '../../domain/orders/index.ts';
import { considerSpo, considerSpoOnReclassification } from '../orders/consideration.ts';
import { insertTasks, closeOpenTasksOfType, type NewTask } from '../tasks/repository.ts';
import { entitlementOnCase } from '../victims/service.ts';
import { answersSchema, factsFrom, submissionSchema, type Answers, type PersonAnswer, type Submission } from './answers.ts';
import * as repo from './repository.ts';

const HOUR = 3_600_000;

export type PageName = 'caller' | 'people' | 'conduct' | 'effects' | 'response';

function audit(db: Db, ctx: RequestContext, action: 'view' | 'create' | 'update', recordType: string, recordId: string, details?: Record<string, unknown>) {
  return appendAudit(db, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action, recordType, recordId, details, requestId: ctx.requestId });
}

/** Drafts are private to the person who started them; submitted reports to anyone who can read reports. */
function assertCanOpen(ctx: RequestContext, report: repo.ReportRecord): void {
  if (report.status === 'draft' && report.createdBy !== ctx.actor.id) {
    throw new ForbiddenError('This draft belongs to another officer.');
  }
}

export async function startReport(deps: Deps, ctx: RequestContext): Promise<string> {
  requirePermission(ctx.actor, 'reports:create');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const reference = await repo.nextReportReference(tx, now.getUTCFullYear());
    const id = await repo.insertDraft(tx, { reference, reportedAt: now, createdBy: ctx.actor.id, answers: {} });
    await audit(tx, ctx, 'create', 'report', id, { status: 'draft' });
    return id;
  });
}

export async function openReport(deps: Deps, ctx: RequestContext, id: string): Promise<repo.ReportRecord> {
  requirePermission(ctx.actor, 'reports:read');
  return deps.db.transaction().execute(async (tx) => {
    const report = await repo.getReport(tx, id);
    if (!report) throw new NotFoundError('There is no report with that reference.');
    assertCanOpen(ctx, report);
    await audit(tx, ctx, 'view', 'report', id);
    return report;
  });
}

/** The answers so far, read leniently: anything that does not parse is left out. */
export function readAnswers(raw: Record<string, unknown>): Answers {
  const result: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(answersSchema.shape)) {
    if (!(key in raw)) continue;
    const parsed = (schema as { safeParse(v: unknown): { success: boolean; data?: unknown } }).safeParse(raw[key]);
    if (parsed.success && parsed.data !== undefined) result[key] = parsed.data;
  }
  return result as Answers;
}

/**
 * Saves what was typed on one page of the draft, whether or not it is valid, so
 * nothing typed is lost; the page's own check decides whether the user moves on.
 */
export async function saveDraftPage(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  version: number,
  values: Record<string, unknown>,
): Promise<number> {
  requirePermission(ctx.actor, 'reports:create');
  return deps.db.transaction().execute(async (tx) => {
    const report = await repo.getReport(tx, id);
    if (!report) throw new NotFoundError('There is no report with that reference.');
    assertCanOpen(ctx, report);
    if (report.status !== 'draft') throw new ConflictError('This report has already been submitted.');
    const merged = { ...report.answers, ...values };
    if (!(await repo.saveAnswers(tx, id, version, merged, deps.clock.now()))) {
      throw new ConflictError('This draft was changed in another window. Reload it to see the latest answers.');
    }
    await audit(tx, ctx, 'update', 'report', id, { fields: Object.keys(values) });
    return version + 1;
  });
}

interface CaseContext {
  caseId?: string;
  linkedOccasions: LinkedOccasion[];
  activeOrders: Array<{ type: 'restraining-order' | 'stalking-protection-order'; madeOn: string; id: string }>;
  earlierBreaches: number;
}

const ORDER_TYPES = new Set(['restraining-order', 'stalking-protection-order']);

/** What the force already holds between these people: the open case, its occasions, orders and breaches. */
async function caseContext(db: Db, suspectId: string | undefined, victimId: string | undefined, reportId: string): Promise<CaseContext> {
  if (!suspectId || !victimId) return { linkedOccasions: [], activeOrders: [], earlierBreaches: 0 };
  const caseId = await cases.findOpenCase(db, suspectId, [victimId]);
  const earlier = caseId ? await repo.occasionsOfCase(db, caseId, reportId) : [];
  const orders = (await repo.activeOrdersBetween(db, suspectId, victimId)).map((o) => ({ ...o, type: breachRuleFor(o.type) ?? o.type })).filter((o) => ORDER_TYPES.has(o.type));
  const earlierBreaches = orders[0] ? await repo.breachesOfOrder(db, orders[0].id) : 0;
  return {
    ...(caseId ? { caseId } : {}),
    linkedOccasions: earlier.map((o) => ({
      date: o.occurredFrom.toISOString().slice(0, 10),
      ...(o.occurredTo ? { until: o.occurredTo.toISOString().slice(0, 10) } : {}),
      times: o.times,
      channels: o.channels as LinkedOccasion['channels'],
      behaviours: o.behaviours as LinkedOccasion['behaviours'],
      causedFearOfViolence: o.fearOfViolence,
      raciallyOrReligiouslyAggravated: false,
      ...(o.recordedAs ? { recordedAs: o.recordedAs as LinkedOccasion['recordedAs'] } : {}),
    })),
    activeOrders: orders.map((o) => ({ type: o.type as 'restraining-order', madeOn: o.madeOn, id: o.id })),
    earlierBreaches,
  };
}

/** How many existing records are offered for each person typed on the people page. */
const OFFERED_PER_PERSON = 3;

/** Existing records that may be one of the people typed in so far, with what the force knows about each. */
export interface PeopleMatches {
  /** By form slot: `victim`, `suspect`, `otherVictims.0`, `otherSuspects.1`. */
  candidates: Record<string, MatchCandidate[]>;
  histories: Record<string, PersonHistory>;
}

/** The people page's slots that name someone not yet linked to a record. */
function unlinkedPeople(answers: Answers): Array<[string, PersonAnswer]> {
  const slots: Array<[string, PersonAnswer | undefined]> = [
    ['victim', answers.victim],
    ...(answers.otherVictims ?? []).map((p, i): [string, PersonAnswer] => [`otherVictims.${i}`, p]),
  ];
  if (answers.suspectKnown === 'yes') {
    slots.push(['suspect', answers.suspect], ...(answers.otherSuspects ?? []).map((p, i): [string, PersonAnswer] => [`otherSuspects.${i}`, p]));
  }
  return slots.filter((slot): slot is [string, PersonAnswer] => {
    const p = slot[1];
    return !!p && !p.personId && !!(p.surname || p.forenames || p.phone || p.email || p.socialHandle);
  });
}

/**
 * Before a report creates anyone new, the people already on record who may be the same
 * person (strong and possible matches only), and the history of each: orders, cases,
 * flags and warnings. Nothing is linked until the officer chooses.
 */
export async function matchPeople(deps: Deps, ctx: RequestContext, answers: Answers): Promise<PeopleMatches> {
  requirePermission(ctx.actor, 'reports:create');
  const candidates: Record<string, MatchCandidate[]> = {};
  for (const [slot, p] of unlinkedPeople(answers)) {
    const query = matchQueryInput.safeParse({
      forename: p.forenames,
      surname: p.surname,
      dateOfBirth: p.dateOfBirth,
      ...(p.approximateAge ? { age: { about: p.approximateAge } } : {}),
      phones: p.phone ? [p.phone] : [],
      emails: p.email ? [p.email] : [],
      handles: p.socialHandle ? [{ platform: p.socialPlatform, handle: p.socialHandle }] : [],
      ...(p.town ? { address: { town: p.town } } : {}),
    });
    if (!query.success) continue;
    const found = (await findCandidates(deps, ctx, query.data)).candidates.filter((c) => c.band !== 'weak').slice(0, OFFERED_PER_PERSON);
    if (found.length) candidates[slot] = found;
  }
  const open = Object.values(candidates).flatMap((list) => list.filter((c) => !c.restricted).map((c) => c.personId));
  const histories = open.length ? await historyFor(deps, ctx, open) : [];
  return { candidates, histories: Object.fromEntries(histories.map((h) => [h.personId, h])) };
}

export interface Preview {
  report: repo.ReportRecord;
  answers: Answers;
  suggestion: ClassificationSuggestion;
  /** What still stops the report being submitted. */
  problems: Array<{ field: string; message: string }>;
}

/** The check-your-answers view: the suggested classification with reasons and what is missing. */
export async function previewReport(deps: Deps, ctx: RequestContext, id: string): Promise<Preview> {
  requirePermission(ctx.actor, 'reports:create');
  return deps.db.transaction().execute(async (tx) => {
    const report = await repo.getReport(tx, id);
    if (!report) throw new NotFoundError('There is no report with that reference.');
    assertCanOpen(ctx, report);
    const answers = readAnswers(report.answers);
    const context = await caseContext(tx, answers.suspect?.personId, answers.victim?.personId, id);
    const suggestion = classify(factsFrom(answers, contextFacts(context)), westYorkshireClassificationPolicy);
    const strict = submissionSchema(deps.clock.now()).safeParse(report.answers);
    await audit(tx, ctx, 'view', 'report', id, { page: 'check' });
    return { report, answers, suggestion, problems: strict.success ? [] : fieldErrors(strict.error) };
  });
}

function contextFacts(context: CaseContext) {
  return {
    linkedOccasions: context.linkedOccasions,
    activeOrders: context.activeOrders.map((o) => ({ type: o.type, madeOn: o.madeOn })),
    earlierBreachesSinceOrder: context.earlierBreaches,
  };
}

/**
 * The person record for someone named on the report: the one the officer chose, or a new
 * record holding what was typed (names, phone, email, account and town), so the next
 * report about them finds it. A victim's town is a protected address.
 */
async function resolvePerson(tx: Db, ctx: RequestContext, answer: PersonAnswer, options: { restricted: boolean; role: 'victim' | 'suspect' }): Promise<string> {
  if (answer.personId) {
    const found = await tx.selectFrom('people').select('id').where('id', '=', answer.personId).executeTakeFirst();
    if (!found) throw new ValidationError([{ field: options.role, message: 'The person chosen no longer exists. Search again.' }]);
    return answer.personId;
  }
  const name = { forenames: answer.forenames ?? '', surname: answer.surname ?? 'Not known' };
  const id = await insertPerson(tx, {
    ...name,
    dateOfBirth: answer.dateOfBirth ?? null,
    gender: null,
    restricted: options.restricted,
    restrictedContact: options.restricted ? 'the professional standards department' : null,
  });
  await replaceParticulars(
    tx,
    id,
    name,
    {
      aliases: [],
      phones: answer.phone ? [answer.phone] : [],
      emails: answer.email ? [answer.email] : [],
      handles: answer.socialHandle ? [{ platform: answer.socialPlatform ?? '', handle: answer.socialHandle }] : [],
      vehicles: [],
      addresses: answer.town ? [{ line: null, town: answer.town, postcode: null, protected: options.role === 'victim' }] : [],
    },
    { keepProtectedAddresses: false },
  );
  if (options.restricted) await nameUserOnRecord(tx, 'person', id, ctx.actor.id, ctx.actor.id);
  await audit(tx, ctx, 'create', 'person', id);
  return id;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

function atDate(date: string, time: string | undefined): Date {
  return new Date(`${date}T${time ?? '12:00'}:00Z`);
}

export interface Submitted {
  reportId: string;
  caseId: string;
  joinedExistingCase: boolean;
  suggestion: ClassificationSuggestion;
  taskIds: string[];
}

/**
 * Submits a draft: checks every answer, then in one transaction records the people,
 * occasions and report, joins or opens the course of conduct, suggests the
 * classification and creates the first tasks. Any failure saves nothing.
 */
export async function submitReport(deps: Deps, ctx: RequestContext, id: string, version: number): Promise<Submitted> {
  requirePermission(ctx.actor, 'reports:create');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const report = await repo.getReport(tx, id);
    if (!report) throw new NotFoundError('There is no report with that reference.');
    assertCanOpen(ctx, report);
    if (report.status !== 'draft') throw new ConflictError('This report has already been submitted.');
    const parsed = submissionSchema(now).safeParse(report.answers);
    if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
    return recordSubmission(tx, deps, ctx, report, version, parsed.data, now);
  });
}

/** Creates and submits a report in one call (the API's POST /reports). */
export async function createSubmittedReport(deps: Deps, ctx: RequestContext, answers: Record<string, unknown>): Promise<Submitted> {
  requirePermission(ctx.actor, 'reports:create');
  const now = deps.clock.now();
  const parsed = submissionSchema(now).safeParse(answers);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  return deps.db.transaction().execute(async (tx) => {
    const reference = await repo.nextReportReference(tx, now.getUTCFullYear());
    const id = await repo.insertDraft(tx, { reference, reportedAt: now, createdBy: ctx.actor.id, answers });
    const report = (await repo.getReport(tx, id))!;
    return recordSubmission(tx, deps, ctx, report, report.version, parsed.data, now);
  });
}

/**
 * Creates and submits a report inside the caller's own transaction, for a capability that
 * records a report as part of its use case (a breach of an order). The caller checks the
 * permission first.
 */
export async function createSubmittedReportIn(tx: Db, deps: Deps, ctx: RequestContext, answers: Record<string, unknown>): Promise<Submitted> {
  const now = deps.clock.now();
  const parsed = submissionSchema(now).safeParse(answers);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  const reference = await repo.nextReportReference(tx, now.getUTCFullYear());
  const id = await repo.insertDraft(tx, { reference, reportedAt: now, createdBy: ctx.actor.id, answers });
  const report = (await repo.getReport(tx, id))!;
  return recordSubmission(tx, deps, ctx, report, report.version, parsed.data, now);
}

async function recordSubmission(
  tx: Db,
  deps: Deps,
  ctx: RequestContext,
  report: repo.ReportRecord,
  version: number,
  answers: Submission,
  now: Date,
): Promise<Submitted> {
  const restrictedVictim = answers.indicators.includes('victim-works-for-force');
  const restrictedSuspect = answers.indicators.includes('suspect-works-for-force');
  const victimId = await resolvePerson(tx, ctx, answers.victim, { restricted: restrictedVictim, role: 'victim' });
  const otherVictimIds: string[] = [];
  for (const other of answers.otherVictims) otherVictimIds.push(await resolvePerson(tx, ctx, other, { restricted: false, role: 'victim' }));
  const suspectKnown = answers.suspectKnown === 'yes';
  const suspectId = suspectKnown && answers.suspect ? await resolvePerson(tx, ctx, answers.suspect, { restricted: restrictedSuspect, role: 'suspect' }) : null;
  const otherSuspectIds: string[] = [];
  if (suspectKnown) for (const other of answers.otherSuspects) otherSuspectIds.push(await resolvePerson(tx, ctx, other, { restricted: false, role: 'suspect' }));

  const context = await caseContext(tx, suspectId ?? undefined, victimId, report.id);
  const suggestion = classify(factsFrom(answers, contextFacts(context)), westYorkshireClassificationPolicy);

  for (const personId of unique([victimId, ...otherVictimIds])) await repo.insertParty(tx, { reportId: report.id, personId, role: 'victim' });
  await repo.insertParty(tx, {
    reportId: report.id,
    personId: suspectId,
    role: 'suspect',
    description: suspectId ? null : (answers.suspect?.description ?? 'Not known'),
  });
  for (const personId of unique(otherSuspectIds).filter((id) => id !== suspectId)) await repo.insertParty(tx, { reportId: report.id, personId, role: 'suspect' });
  await repo.insertOccasions(
    tx,
    answers.occasions.map((o) => ({
      reportId: report.id,
      occurredFrom: atDate(o.date!, o.time),
      occurredTo: o.endDate ? atDate(o.endDate, '23:59') : null,
      place: o.place ?? null,
      channels: o.channels,
      platform: o.platform ?? null,
      accountName: o.accountName ?? null,
      behaviours: o.behaviours,
      fearOfViolence: o.fearOfViolence,
      times: o.times ?? 1,
      description: o.description ?? null,
      breachedOrderId: o.breachedOrder ? (context.activeOrders.find((a) => a.type === o.breachedOrder)?.id ?? null) : null,
    })),
  );

  const recordingDueAt = crimeRecordingDeadline(report.reportedAt, westYorkshireClassificationPolicy);
  const saved = await repo.markSubmitted(
    tx,
    report.id,
    version,
    {
      callerCapacity: answers.callerCapacity,
      relationship: answers.relationship,
      account: answers.account,
      effects: answers.effects,
      indicators: answers.indicators,
      suspectKnown: answers.suspectKnown === 'yes',
      thrive: answers.thrive,
      response: answers.response,
      evidenceAdvice: answers.evidenceAdvice,
      suggestion: suggestion as unknown as Record<string, unknown>,
      recordingDueAt,
      answers: {
        ...answers,
        victim: { ...answers.victim, personId: victimId },
        otherVictims: answers.otherVictims.map((v, i) => ({ ...v, personId: otherVictimIds[i] })),
        ...(suspectId ? { suspect: { ...answers.suspect, personId: suspectId } } : {}),
        otherSuspects: suspectKnown ? answers.otherSuspects.map((v, i) => ({ ...v, personId: otherSuspectIds[i] })) : [],
      },
    },
    now,
  );
  if (!saved) throw new ConflictError('This draft was changed in another window. Reload it and submit again.');

  const joined = await joinOrCreateCase(tx, ctx, {
    reportId: report.id,
    suspectPersonId: suspectId,
    victimPersonIds: unique([victimId, ...otherVictimIds]),
    at: now,
    newCase: {
      domesticAbuse: suggestion.flags.domesticAbuse,
      cyberEnabled: suggestion.flags.cyberEnabled,
      restricted: restrictedVictim || restrictedSuspect,
      restrictedContact: restrictedVictim || restrictedSuspect ? 'the professional standards department' : null,
    },
  });
  const caseId = joined.caseId;

  const entitlement = (await entitlementOnCase(tx, caseId, victimId)).level;
  const taskIds = await insertTasks(tx, firstTasks({ caseId, reportId: report.id, suggestion, answers, now, recordingDueAt, entitlement, createdBy: ctx.actor.id }));
  await considerSpo(tx, ctx, { caseId, offences: [suggestion.principal, ...suggestion.alsoRecord], now });
  await audit(tx, ctx, 'update', 'report', report.id, { status: 'submitted', caseId, joinedExistingCase: joined.joined });
  return { reportId: report.id, caseId, joinedExistingCase: joined.joined, suggestion, taskIds };
}

/** The work a new report creates, with owners and due times. */
function firstTasks(input: {
  caseId: string;
  reportId: string;
  suggestion: ClassificationSuggestion;
  answers: Submission;
  now: Date;
  recordingDueAt: Date;
  /** The victim's Victims' Code service, which sets when they must first be contacted. */
  entitlement: 'enhanced' | 'standard';
  createdBy: string;
}): NewTask[] {
  const { caseId, reportId, suggestion, answers, now, createdBy } = input;
  const base = { caseId, reportId, createdBy };
  const tasks: NewTask[] = [
    { ...base, type: 'crime-decision', title: 'Decide whether this report is a crime and confirm its classification', ownerTeam: 'crime-management-unit', dueAt: input.recordingDueAt },
    { ...base, type: 'initial-risk-assessment', title: 'Complete the initial risk screening with the victim', ownerTeam: 'response', dueAt: new Date(now.getTime() + 4 * HOUR) },
    {
      ...base,
      type: 'victim-contact',
      title: 'Contact the victim: explain what happens next and give safety advice',
      ownerTeam: 'response',
      dueAt: victimNotificationDue(now, input.entitlement).dueAt,
    },
    { ...base, type: 'evidence-capture', title: 'Secure the evidence: messages, call records, CCTV and devices', ownerTeam: 'response', dueAt: new Date(now.getTime() + 48 * HOUR) },
  ];
  const offence = suggestion.principal ? fromClassificationOffence(suggestion.principal) : undefined;
  if (offence) {
    const allocation = recommendAllocation({
      offence,
      domesticAbuse: suggestion.flags.domesticAbuse,
      intimateOrExPartner: answers.relationship === 'current-intimate-partner' || answers.relationship === 'ex-intimate-partner',
      adultAtRisk: answers.indicators.includes('adult-at-risk'),
      honourBasedAbuse: answers.indicators.includes('honour-based-abuse'),
      coerciveControlPersonallyConnected: false,
      escalation: { prolongedCourseOfConduct: false, significantCumulativeImpact: false, escalating: false },
      riskGrade: 'standard',
    });
    tasks.push({
      ...base,
      type: 'allocation-triage',
      title: 'Triage and allocate the investigation',
      ownerTeam: allocation.reviewingSergeantTeam ?? 'cid',
      dueAt: new Date(now.getTime() + 24 * HOUR),
      details: { recommendedTeam: allocation.investigatingTeam, reasons: allocation.reasons.map((r) => r.text) },
    });
  }
  for (const prompt of suggestion.prompts) {
    if (prompt.code === 'reassessRisk') {
      tasks.push({ ...base, type: 'risk-reassessment', title: 'Reassess the risk: a further breach of the order', ownerTeam: 'response', dueAt: new Date(now.getTime() + 24 * HOUR), details: { prompt: prompt.text } });
    }
    if (['reconsiderHarassment', 'maliciousCommunicationsSeries', 'recordCourseOfConductWithBreach'].includes(prompt.code)) {
      tasks.push({ ...base, type: 'reconsider-classification', title: 'Reconsider the classification: a course of conduct', ownerTeam: 'crime-management-unit', dueAt: input.recordingDueAt, details: { prompt: prompt.text } });
    }
  }
  return tasks;
}

export interface CrimeDecisionInput {
  version: number;
  decision: 'crime' | 'non-crime';
  principal?: string;
  alsoRecord: string[];
  rationale?: string;
  domesticAbuse?: boolean;
  cyberEnabled?: boolean;
  flagCorrectionReason?: string;
}

export interface CrimeDecisionResult {
  notices: Array<{ code: string; text: string }>;
  findings: Array<{ code: string; text: string }>;
}

/**
 * The crime decision: a crime with its classification, or a non-crime incident
 * with a rationale. Harassment where stalking indicators are present needs a
 * "why is this not stalking?" rationale. Corrections to the derived flags need a reason.
 */
export async function decideCrime(deps: Deps, ctx: RequestContext, reportId: string, input: CrimeDecisionInput): Promise<CrimeDecisionResult> {
  requirePermission(ctx.actor, 'crime:decide');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const report = await repo.getReport(tx, reportId);
    if (!report) throw new NotFoundError('There is no report with that reference.');
    if (report.status !== 'submitted' || !report.suggestion) throw new ValidationError([{ field: 'decision', message: 'Submit the report before recording the crime decision' }]);
    const suggestion = report.suggestion as unknown as ClassificationSuggestion;
    const principal = input.decision === 'non-crime' ? NON_CRIME : (input.principal ?? '');
    const choice = { principal, alsoRecord: input.decision === 'crime' ? input.alsoRecord : [] };
    const errors = validateClassificationChoice(choice, suggestion, input.rationale);
    if (input.decision === 'crime' && !input.principal) errors.unshift({ field: 'principal', message: 'Choose the offence to record' });
    const caseId = report.caseIds[0];
    const current = caseId ? await cases.getCase(tx, caseId) : undefined;
    const flagsChanged =
      !!current &&
      ((input.domesticAbuse !== undefined && input.domesticAbuse !== current.domesticAbuse) ||
        (input.cyberEnabled !== undefined && input.cyberEnabled !== current.cyberEnabled));
    if (flagsChanged && !input.flagCorrectionReason?.trim()) {
      errors.push({ field: 'flagCorrectionReason', message: 'Give a reason for correcting the domestic abuse or cyber-enabled flag' });
    }
    if (errors.length) throw new ValidationError(errors);
    if (!(await repo.setCrimeDecision(tx, reportId, input.version, { decision: input.decision, rationale: input.rationale?.trim() || null, by: ctx.actor.id, at: now }))) {
      throw new ConflictError('This report was changed by someone else. Reload it to see the latest version.');
    }
    const findings = auditFindings({
      recorded: { principal: principal as typeof NON_CRIME, alsoRecord: choice.alsoRecord as never[], ...(input.rationale ? { rationale: input.rationale } : {}) },
      suggestion,
    });
    if (caseId && current) {
      if (input.decision === 'crime') {
        const classificationId = await cases.insertClassification(tx, {
          caseId,
          offence: principal,
          alsoRecord: choice.alsoRecord,
          reasons: suggestion.reasons as unknown[],
          rationale: input.rationale?.trim() || null,
          status: 'confirmed',
          proposedBy: ctx.actor.id,
          at: now,
        });
        await cases.supersedeConfirmed(tx, caseId, classificationId);
        await cases.setCurrentClassification(tx, caseId, { offence: principal, alsoRecord: choice.alsoRecord, at: now });
        await considerSpoOnReclassification(tx, ctx, { caseId, offence: principal, alsoRecord: choice.alsoRecord, now });
      }
      if (flagsChanged) {
        const fresh = (await cases.getCase(tx, caseId))!;
        await cases.setFlags(tx, caseId, fresh.version, {
          domesticAbuse: input.domesticAbuse ?? current.domesticAbuse,
          cyberEnabled: input.cyberEnabled ?? current.cyberEnabled,
          corrections: { ...current.flagCorrections, [now.toISOString()]: { by: ctx.actor.username, reason: input.flagCorrectionReason?.trim() } },
          at: now,
        });
      }
      await cases.upsertFindings(tx, caseId, findings);
      await closeOpenTasksOfType(tx, { reportId, type: 'crime-decision' }, { outcome: input.decision, by: ctx.actor.id, at: now });
    }
    await audit(tx, ctx, 'update', 'report', reportId, { crimeDecision: input.decision, principal: input.decision === 'crime' ? principal : null });
    return { notices: reviewClassificationChoice(choice, suggestion), findings };
  });
}

export async function myDrafts(deps: Deps, ctx: RequestContext): Promise<repo.DraftSummary[]> {
  requirePermission(ctx.actor, 'reports:create');
  return repo.draftsBy(deps.db, ctx.actor.id);
}

export async function awaitingCrimeDecision(deps: Deps, ctx: RequestContext): Promise<repo.AwaitingDecision[]> {
  requirePermission(ctx.actor, 'crime:decide');
  return repo.awaitingCrimeDecision(deps.db);
}
