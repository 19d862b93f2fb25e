import { z } from 'zod';
import {
  analyseConduct,
  batchToSave,
  decideCaseForReport,
  defaultConductPolicy,
  occasionKey,
  parseOccasionBatch,
  serialPerpetratorAlert,
  type BatchParseResult,
  type CaseRecording,
  type ConductAnalysis,
  type ConductOccasion,
  type ConductPolicy,
  type JoinMatch,
  type Suggestion,
} from '../../domain/conduct/index.ts';
import { behaviours as behaviourList, channels as channelList } from '../../domain/classification/index.ts';
import { requirePermission, type RequestContext } from '../../platform/auth/actor.ts';
import { appendAudit, type AuditAction, type Db } from '../../platform/audit/audit-repository.ts';
import { ConflictError, NotFoundError, RestrictedRecordError, ValidationError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import type { PoliceActionKind } from '../../platform/db/schema.ts';
import { checkRestrictedAccess } from '../people/service.ts';
import { insertTasks } from '../tasks/repository.ts';
import * as repo from './repository.ts';
import { ROW_KINDS, buildRows, summarise, type RowKind, type TimelineRow } from './timeline.ts';
import { runUseCase } from '../../platform/db/use-case.ts';

const DEFAULT_RESTRICTED_CONTACT = 'the professional standards department';

async function audit(tx: Db, ctx: RequestContext, action: AuditAction, recordType: string, recordId: string, details: Record<string, unknown> = {}, reason?: string): Promise<void> {
  await appendAudit(tx, {
    actorId: ctx.actor.id,
    actorUsername: ctx.actor.username,
    action,
    recordType,
    recordId,
    details,
    ...(reason ? { reason } : {}),
    requestId: ctx.requestId,
  });
}

function occasionsForAnalysis(rows: readonly repo.OccasionRow[]): ConductOccasion[] {
  return rows.map((o) => ({
    id: o.id,
    at: o.occurredFrom,
    channels: o.channels,
    behaviours: o.behaviours,
    place: o.place,
    fearOfViolence: o.fearOfViolence,
    times: o.times,
    breachedOrderId: o.breachedOrderId,
  }));
}

function recordingOf(c: repo.ConductCase, classifications: readonly repo.ClassificationRow[], reports: readonly repo.CaseReportRow[]): CaseRecording {
  const confirmed = [...classifications].reverse().find((k) => k.status === 'confirmed');
  if (confirmed) return { offence: confirmed.offence, alsoRecord: confirmed.alsoRecord };
  if (c.offence) return { offence: c.offence, alsoRecord: c.alsoRecord };
  const latest = [...reports].reverse().find((r) => r.suggestedPrincipal);
  return { offence: latest?.suggestedPrincipal ?? null };
}

// ---------------------------------------------------------------------------
// Joining a new report to a case (called by intake on submission)
// ---------------------------------------------------------------------------

export interface JoinOrCreateInput {
  reportId: string;
  /** The confirmed suspect's person record, or null when unknown. */
  suspectPersonId: string | null;
  /** The report's victims' person records. */
  victimPersonIds: string[];
  /** When the report was submitted (the clock's now). */
  at: Date;
  /** Used only when a new case is opened. */
  newCase?: { domesticAbuse?: boolean; cyberEnabled?: boolean; restricted?: boolean; restrictedContact?: string | null };
  policy?: ConductPolicy;
}

export interface JoinOrCreateResult {
  caseId: string;
  caseReference: string;
  /** True when the report joined an existing case; false when a new case was opened (or it was already in one). */
  joined: boolean;
  /** Plain English: which case and why. Also kept as the case_reports link reason. */
  reason: string;
  match: JoinMatch | null;
  /** Other open or recent cases that also matched, for the officer to link by hand. */
  otherMatches: Array<{ id: string; reference: string }>;
  /** Prompts for the officer from the whole course of conduct (e.g. reconsider harassment, P2; MC series, P11). */
  suggestions: Suggestion[];
}

/**
 * Puts a submitted report into its course of conduct: joins the open or recent case
 * with the same confirmed suspect and victim (or, by policy, the same suspect), or
 * opens a new case. Runs inside the caller's transaction and writes the link, the
 * link history and the audit rows there. The caller (intake) has already checked its
 * own permission. Call it after the report's parties and occasions are saved, so the
 * suggestions see the new occasions. Idempotent: a report already in a case stays there.
 */
export async function joinOrCreateCase(tx: Db, ctx: RequestContext, input: JoinOrCreateInput): Promise<JoinOrCreateResult> {
  const placed = await placeReport(tx, ctx, input);
  if (input.suspectPersonId) await alertIfSerialPerpetrator(tx, ctx, input.suspectPersonId, placed.caseId, input.at, input.policy ?? defaultConductPolicy);
  return placed;
}

/** A possible serial perpetrator: tasks for the intelligence unit and the SCU (once per new victim count). */
async function alertIfSerialPerpetrator(tx: Db, ctx: RequestContext, suspectId: string, caseId: string, at: Date, policy: ConductPolicy): Promise<void> {
  const alert = serialPerpetratorAlert(await repo.victimsOfSuspect(tx, suspectId), policy);
  if (!alert) return;
  const dueAt = new Date(at.getTime() + alert.dueWithinHours * 3_600_000);
  const details = { personId: suspectId, victims: alert.victims, reason: alert.reason };
  await insertTasks(
    tx,
    alert.tasks.map((t) => ({ type: SERIAL_PERPETRATOR_TASK, title: t.title, caseId, ownerTeam: t.team, dueAt, details, createdBy: ctx.actor.id })),
  );
  await audit(tx, ctx, 'update', 'person', suspectId, { alert: 'serial-perpetrator', victims: alert.victims });
}

/** The task type of a serial perpetrator alert; its details hold the person and the victim count. */
export const SERIAL_PERPETRATOR_TASK = 'serial-perpetrator-review';

async function placeReport(tx: Db, ctx: RequestContext, input: JoinOrCreateInput): Promise<JoinOrCreateResult> {
  const policy = input.policy ?? defaultConductPolicy;
  const already = await repo.casesOfReport(tx, input.reportId);
  if (already.length > 0) {
    const first = already[0]!;
    return {
      caseId: first.caseId,
      caseReference: first.reference,
      joined: false,
      reason: `The report is already in case ${first.reference}.`,
      match: null,
      otherMatches: [],
      suggestions: await suggestionsFor(tx, first.caseId),
    };
  }
  const candidates = input.suspectPersonId ? await repo.casesWithSuspect(tx, input.suspectPersonId) : [];
  const decision = decideCaseForReport({ suspectPersonId: input.suspectPersonId, victimPersonIds: input.victimPersonIds, at: input.at }, candidates, policy);
  const by = ctx.actor.id;
  if (decision.join) {
    await repo.linkReports(tx, decision.caseId, [input.reportId], { by, reason: decision.reason, at: input.at });
    await repo.addVictims(tx, decision.caseId, decision.newVictimIds);
    await repo.touchCase(tx, decision.caseId, null, input.at);
    await repo.insertLinkEvent(tx, {
      caseId: decision.caseId,
      kind: 'auto-join',
      reportIds: [input.reportId],
      reason: decision.reason,
      details: { match: decision.match, newVictims: decision.newVictimIds.length, otherMatches: decision.otherMatches.map((m) => m.reference) },
      at: input.at,
      by,
    });
    await audit(tx, ctx, 'update', 'case', decision.caseId, { reportJoined: input.reportId, match: decision.match });
    return {
      caseId: decision.caseId,
      caseReference: decision.caseReference,
      joined: true,
      reason: decision.reason,
      match: decision.match,
      otherMatches: [...decision.otherMatches],
      suggestions: await suggestionsFor(tx, decision.caseId),
    };
  }
  const restricted = input.newCase?.restricted ?? false;
  const reference = await repo.nextCaseReference(tx, input.at.getUTCFullYear());
  const caseId = await repo.insertCase(tx, {
    reference,
    suspectPersonId: input.suspectPersonId,
    restricted,
    restrictedContact: restricted ? (input.newCase?.restrictedContact ?? DEFAULT_RESTRICTED_CONTACT) : null,
    domesticAbuse: input.newCase?.domesticAbuse ?? false,
    cyberEnabled: input.newCase?.cyberEnabled ?? false,
    at: input.at,
  });
  if (restricted) await repo.nameOnCase(tx, caseId, by, by);
  await repo.addVictims(tx, caseId, input.victimPersonIds);
  await repo.linkReports(tx, caseId, [input.reportId], { by, reason: decision.reason, at: input.at });
  await repo.insertLinkEvent(tx, { caseId, kind: 'new-case', reportIds: [input.reportId], reason: decision.reason, details: { code: decision.code }, at: input.at, by });
  await audit(tx, ctx, 'create', 'case', caseId, { reportId: input.reportId, code: decision.code });
  return { caseId, caseReference: reference, joined: false, reason: decision.reason, match: null, otherMatches: [], suggestions: await suggestionsFor(tx, caseId) };
}

async function suggestionsFor(tx: Db, caseId: string): Promise<Suggestion[]> {
  const c = await repo.getCase(tx, caseId);
  if (!c) return [];
  const [occasions, classifications, reports] = await Promise.all([repo.occasionsOfCase(tx, caseId), repo.classificationsOfCase(tx, caseId), repo.reportsOfCase(tx, caseId)]);
  return [...analyseConduct(occasionsForAnalysis(occasions), recordingOf(c, classifications, reports)).suggestions];
}

// ---------------------------------------------------------------------------
// Access to a case
// ---------------------------------------------------------------------------

type Outcome<T> = { value: T } | { error: unknown };

function unwrap<T>(outcome: Outcome<T>): T {
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}

/** Opens a case for reading: restricted cases need a named user and a reason (audited). Denials are audited and committed. */
async function openCase(tx: Db, ctx: RequestContext, caseId: string, reason: string | undefined): Promise<{ c: repo.ConductCase; reason: string | undefined }> {
  const c = await repo.getCase(tx, caseId);
  if (!c) throw new NotFoundError('There is no case with that reference.');
  const given = await checkRestrictedAccess(tx, ctx, { type: 'case', id: c.id, restricted: c.restricted, contact: c.restrictedContact }, reason);
  return { c, reason: given };
}

/** Opens a case for a change: restricted cases need the user to be named on them (the change's own reason is audited). */
async function caseForChange(tx: Db, ctx: RequestContext, caseId: string, label = 'this case'): Promise<repo.ConductCase> {
  const c = await repo.getCase(tx, caseId);
  if (!c) throw new NotFoundError(`There is no case with that reference (${label}).`);
  if (c.restricted && !(await repo.isNamedOnCase(tx, c.id, ctx.actor.id))) {
    await audit(tx, ctx, 'view-denied', 'case', c.id, { restricted: true });
    throw new RestrictedRecordError(c.restrictedContact ?? DEFAULT_RESTRICTED_CONTACT);
  }
  if (c.mergedIntoCaseId) {
    throw new ValidationError([{ field: 'case', message: `Case ${c.reference} was merged into case ${c.mergedIntoReference ?? ''}. Make changes there.` }]);
  }
  return c;
}

function checkVersion(c: repo.ConductCase, version: number): void {
  if (c.version !== version) {
    throw new ConflictError(`Case ${c.reference} was changed by someone else since you opened it. Reload the page to see the changes, then try again.`, [
      { field: 'version', yours: version, theirs: c.version },
    ]);
  }
}

// ---------------------------------------------------------------------------
// Timeline
// ---------------------------------------------------------------------------

export interface TimelineView {
  case: repo.ConductCase;
  rows: TimelineRow[];
  analysis: ConductAnalysis;
  summary: string;
  reports: repo.CaseReportRow[];
  counts: Record<RowKind, number>;
}

/** The rows, analysis and generated summary of a case the caller may already see. */
async function timelineOf(tx: Db, c: repo.ConductCase, now: Date): Promise<Omit<TimelineView, 'case'>> {
  const [reports, occasions, classifications, orders, policeActions, tasks, riskAssessments, contacts, referrals] = await Promise.all([
    repo.reportsOfCase(tx, c.id),
    repo.occasionsOfCase(tx, c.id),
    repo.classificationsOfCase(tx, c.id),
    repo.ordersOfCase(tx, c.id, c.suspectPersonId),
    repo.policeActionsOfCase(tx, c.id),
    repo.tasksOfCase(tx, c.id),
    repo.riskAssessmentsOfCase(tx, c.id),
    repo.victimContactsOfCase(tx, c.id),
    repo.referralsOfCase(tx, c.id),
  ]);
  const rows = buildRows({ reports, occasions, classifications, orders, policeActions, tasks, riskAssessments, contacts, referrals }, now);
  const analysis = analyseConduct(occasionsForAnalysis(occasions), recordingOf(c, classifications, reports));
  const counts = Object.fromEntries(ROW_KINDS.map((k) => [k, rows.filter((r) => r.kind === k).length])) as Record<RowKind, number>;
  return { rows, analysis, summary: summarise(analysis, reports.length), reports, counts };
}

/** Everything on one case's timeline. One query per kind of row; audited as a view of the case. */
export async function viewTimeline(deps: Deps, ctx: RequestContext, caseId: string, reason?: string): Promise<TimelineView & { saved: repo.SavedSummary | undefined }> {
  requirePermission(ctx.actor, 'cases:read');
  const outcome = await deps.db.transaction().execute(async (tx): Promise<Outcome<TimelineView & { saved: repo.SavedSummary | undefined }>> => {
    try {
      const { c, reason: given } = await openCase(tx, ctx, caseId, reason);
      const view = await timelineOf(tx, c, deps.clock.now());
      const saved = await repo.getSummary(tx, c.id);
      await audit(tx, ctx, 'view', 'case', c.id, { view: 'timeline', rows: view.rows.length }, given);
      return { value: { case: c, ...view, saved } };
    } catch (error) {
      return { error };
    }
  });
  return unwrap(outcome);
}

// ---------------------------------------------------------------------------
// The course-of-conduct summary: generated, edited before use, regenerated on demand
// ---------------------------------------------------------------------------

export interface CaseSummaryView {
  case: repo.ConductCase;
  /** What Vigil writes from the timeline now. */
  generated: string;
  /** The officer's edited text, if saved. */
  saved: repo.SavedSummary | undefined;
  /** True when the conduct has changed since the saved text was written from it. */
  outdated: boolean;
}

export async function caseSummary(deps: Deps, ctx: RequestContext, caseId: string, reason?: string): Promise<CaseSummaryView> {
  requirePermission(ctx.actor, 'cases:read');
  const outcome = await deps.db.transaction().execute(async (tx): Promise<Outcome<CaseSummaryView>> => {
    try {
      const { c, reason: given } = await openCase(tx, ctx, caseId, reason);
      const generated = (await timelineOf(tx, c, deps.clock.now())).summary;
      const saved = await repo.getSummary(tx, c.id);
      await audit(tx, ctx, 'view', 'case', c.id, { view: 'summary' }, given);
      return { value: { case: c, generated, saved, outdated: !!saved && saved.generatedFrom !== generated } };
    } catch (error) {
      return { error };
    }
  });
  return unwrap(outcome);
}

export const summaryInput = z.object({
  text: z.string({ error: 'Enter the summary' }).trim().min(1, 'Enter the summary').max(10000, 'The summary must be 10,000 characters or fewer'),
  version: z.coerce.number({ error: 'The version you read is missing' }).int().min(0, 'The version you read is missing'),
});

/** Saves the edited summary; refused if someone else saved it since the version read. */
export async function saveCaseSummary(deps: Deps, ctx: RequestContext, caseId: string, input: z.infer<typeof summaryInput>): Promise<void> {
  requirePermission(ctx.actor, 'cases:write');
  await runUseCase(deps, async (tx) => {
    const c = await caseForChange(tx, ctx, caseId);
    const generated = (await timelineOf(tx, c, deps.clock.now())).summary;
    const saved = await repo.saveSummary(tx, c.id, input.version, { text: input.text, generatedFrom: generated, by: ctx.actor.id, at: deps.clock.now() });
    if (!saved) throw new ConflictError('Someone else saved this summary since you opened it. Reload it to see their text, then make your change again.');
    await audit(tx, ctx, 'update', 'case', c.id, { change: 'summary', version: input.version + 1 });
  });
}

// ---------------------------------------------------------------------------
// Links: link, unlink, merge, split
// ---------------------------------------------------------------------------

const reason = z
  .string({ error: 'Give a reason' })
  .trim()
  .min(10, 'Give a reason of at least 10 characters')
  .max(2000, 'The reason must be 2,000 characters or fewer');
const version = z.coerce.number({ error: 'Reload the page and try again' }).int().positive('Reload the page and try again');

export const linkInput = z.object({
  reportReference: z.string({ error: 'Enter the report reference' }).trim().min(1, 'Enter the report reference, for example R-2026-000123').max(40, 'Enter a report reference, for example R-2026-000123'),
  reason,
  version,
});
export const unlinkInput = z.object({ reportId: z.uuid('Choose a report to unlink'), reason, version });
export const mergeInput = z.object({
  caseReference: z.string({ error: 'Enter the reference of the case to merge in' }).trim().min(1, 'Enter the reference of the case to merge in, for example C-2026-000045').max(40, 'Enter a case reference, for example C-2026-000045'),
  reason,
  version,
});
export const splitInput = z.object({
  reportIds: z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.uuid('Choose reports from the list')).min(1, 'Select the reports to move to a new case')),
  reason,
  version,
});

export interface CaseLinks {
  case: repo.ConductCase;
  reports: repo.CaseReportRow[];
  events: repo.LinkEventRow[];
}

/** The reports in a case and the history of its links. Audited as a view. */
export async function viewLinks(deps: Deps, ctx: RequestContext, caseId: string, reason?: string): Promise<CaseLinks> {
  requirePermission(ctx.actor, 'cases:read');
  const outcome = await deps.db.transaction().execute(async (tx): Promise<Outcome<CaseLinks>> => {
    try {
      const { c, reason: given } = await openCase(tx, ctx, caseId, reason);
      const [reports, events] = await Promise.all([repo.reportsOfCase(tx, c.id), repo.linkEvents(tx, c.id)]);
      await audit(tx, ctx, 'view', 'case', c.id, { view: 'links' }, given);
      return { value: { case: c, reports, events } };
    } catch (error) {
      return { error };
    }
  });
  return unwrap(outcome);
}

/** Links a report to this case by hand (a report may be in several cases). */
export async function linkReport(deps: Deps, ctx: RequestContext, caseId: string, input: z.infer<typeof linkInput>): Promise<{ reportId: string; reportReference: string }> {
  requirePermission(ctx.actor, 'cases:write');
  return runUseCase(deps, async (tx) => {
    const c = await caseForChange(tx, ctx, caseId);
    checkVersion(c, input.version);
    const report = await repo.reportByReference(tx, input.reportReference);
    if (!report) throw new ValidationError([{ field: 'reportReference', message: `There is no report with the reference ${input.reportReference}` }]);
    const cases = await repo.casesOfReport(tx, report.id);
    if (cases.some((k) => k.caseId === c.id)) throw new ValidationError([{ field: 'reportReference', message: `Report ${report.reference} is already in this case` }]);
    const now = deps.clock.now();
    await repo.linkReports(tx, c.id, [report.id], { by: ctx.actor.id, reason: input.reason, at: now });
    await repo.addVictims(
      tx,
      c.id,
      (await repo.victimsOfReports(tx, [report.id])).map((v) => v.personId),
    );
    await repo.touchCase(tx, c.id, input.version, now);
    await repo.insertLinkEvent(tx, { caseId: c.id, kind: 'link', reportIds: [report.id], reason: input.reason, details: { alsoIn: cases.map((k) => k.reference) }, at: now, by: ctx.actor.id });
    await audit(tx, ctx, 'update', 'case', c.id, { linkedReport: report.id }, input.reason);
    return { reportId: report.id, reportReference: report.reference };
  });
}

/** Takes a report out of this case. It must stay in at least one case, and the case must keep at least one report. */
export async function unlinkReport(deps: Deps, ctx: RequestContext, caseId: string, input: z.infer<typeof unlinkInput>): Promise<void> {
  requirePermission(ctx.actor, 'cases:write');
  await runUseCase(deps, async (tx) => {
    const c = await caseForChange(tx, ctx, caseId);
    checkVersion(c, input.version);
    const cases = await repo.casesOfReport(tx, input.reportId);
    if (!cases.some((k) => k.caseId === c.id)) throw new ValidationError([{ field: 'reportId', message: 'That report is not in this case' }]);
    if (cases.length === 1) {
      throw new ValidationError([{ field: 'reportId', message: 'This report is in no other case. To take it out of this case, split it into a new case instead.' }]);
    }
    const reports = await repo.reportsOfCase(tx, c.id);
    if (reports.length <= 1) throw new ValidationError([{ field: 'reportId', message: 'A case must keep at least one report. Merge this case into another instead.' }]);
    const now = deps.clock.now();
    await repo.unlinkReports(tx, c.id, [input.reportId]);
    await repo.touchCase(tx, c.id, input.version, now);
    await repo.insertLinkEvent(tx, { caseId: c.id, kind: 'unlink', reportIds: [input.reportId], reason: input.reason, details: { stillIn: cases.filter((k) => k.caseId !== c.id).map((k) => k.reference) }, at: now, by: ctx.actor.id });
    await audit(tx, ctx, 'update', 'case', c.id, { unlinkedReport: input.reportId }, input.reason);
  });
}

/**
 * Merges another case into this one: its reports, victims, orders, open tasks and
 * police actions move here; its classification history stays with it; it is marked
 * as merged and takes no more reports. Restrictions are kept: if either case is
 * restricted the merged case is, and everyone named on either stays named. People's
 * own restrictions (for example a protected victim) are on their person records and
 * are not changed.
 */
export async function mergeCases(deps: Deps, ctx: RequestContext, caseId: string, input: z.infer<typeof mergeInput>): Promise<{ mergedCaseId: string; mergedReference: string; reportsMoved: number }> {
  requirePermission(ctx.actor, 'cases:write');
  return runUseCase(deps, async (tx) => {
    const target = await caseForChange(tx, ctx, caseId);
    checkVersion(target, input.version);
    const otherId = await repo.caseIdByReference(tx, input.caseReference);
    if (!otherId) throw new ValidationError([{ field: 'caseReference', message: `There is no case with the reference ${input.caseReference}` }]);
    if (otherId === target.id) throw new ValidationError([{ field: 'caseReference', message: 'Enter a different case: a case cannot be merged into itself' }]);
    const source = await caseForChange(tx, ctx, otherId, input.caseReference);
    if (target.suspectPersonId && source.suspectPersonId && target.suspectPersonId !== source.suspectPersonId) {
      throw new ValidationError([
        { field: 'caseReference', message: `Case ${source.reference} has a different suspect. If they are the same person, merge their person records first.` },
      ]);
    }
    const now = deps.clock.now();
    const link = { by: ctx.actor.id, reason: `Merged from case ${source.reference}: ${input.reason}`, at: now };
    const moved = await repo.moveCaseContents(tx, source.id, target.id, link);
    const restricted = target.restricted || source.restricted;
    await repo.setSuspectAndRestriction(tx, target.id, {
      ...(target.suspectPersonId === null && source.suspectPersonId ? { suspectPersonId: source.suspectPersonId } : {}),
      ...(restricted && !target.restricted ? { restricted: true, restrictedContact: source.restrictedContact ?? DEFAULT_RESTRICTED_CONTACT } : {}),
    });
    await repo.copyRecordAccess(tx, source.id, target.id, ctx.actor.id);
    if (restricted) await repo.copyRecordAccess(tx, target.id, source.id, ctx.actor.id);
    await repo.markMerged(tx, source.id, target.id, now);
    await repo.touchCase(tx, target.id, input.version, now);
    const details = { targetRestricted: target.restricted, sourceRestricted: source.restricted, victimsBefore: { target: target.victimIds.length, source: source.victimIds.length } };
    await repo.insertLinkEvent(tx, { caseId: target.id, kind: 'merge-in', otherCaseId: source.id, reportIds: moved, reason: input.reason, details, at: now, by: ctx.actor.id });
    await repo.insertLinkEvent(tx, { caseId: source.id, kind: 'merged-into', otherCaseId: target.id, reportIds: moved, reason: input.reason, details, at: now, by: ctx.actor.id });
    await audit(tx, ctx, 'update', 'case', target.id, { mergedIn: source.id, reports: moved.length }, input.reason);
    await audit(tx, ctx, 'update', 'case', source.id, { mergedInto: target.id }, input.reason);
    return { mergedCaseId: source.id, mergedReference: source.reference, reportsMoved: moved.length };
  });
}

/**
 * Moves some reports out of this case into a new case with the same suspect. The new
 * case's victims are those named on the moved reports (or this case's, if none are
 * named); victims named only on the moved reports leave this case. Restrictions and
 * the names on them are carried to the new case.
 */
export async function splitCase(deps: Deps, ctx: RequestContext, caseId: string, input: z.infer<typeof splitInput>): Promise<{ caseId: string; caseReference: string }> {
  requirePermission(ctx.actor, 'cases:write');
  return runUseCase(deps, async (tx) => {
    const c = await caseForChange(tx, ctx, caseId);
    checkVersion(c, input.version);
    const reports = await repo.reportsOfCase(tx, c.id);
    const inCase = new Set(reports.map((r) => r.id));
    const moving = [...new Set(input.reportIds)];
    if (moving.some((id) => !inCase.has(id))) throw new ValidationError([{ field: 'reportIds', message: 'Choose reports that are in this case' }]);
    if (moving.length >= reports.length) throw new ValidationError([{ field: 'reportIds', message: 'Leave at least one report in this case' }]);
    const now = deps.clock.now();
    const reference = await repo.nextCaseReference(tx, now.getUTCFullYear());
    const newId = await repo.insertCase(tx, {
      reference,
      suspectPersonId: c.suspectPersonId,
      restricted: c.restricted,
      restrictedContact: c.restricted ? (c.restrictedContact ?? DEFAULT_RESTRICTED_CONTACT) : null,
      domesticAbuse: false,
      cyberEnabled: false,
      at: now,
    });
    if (c.restricted) {
      await repo.copyRecordAccess(tx, c.id, newId, ctx.actor.id);
      await repo.nameOnCase(tx, newId, ctx.actor.id, ctx.actor.id);
    }
    const parties = await repo.victimsOfReports(tx, [...inCase]);
    const movingSet = new Set(moving);
    const movedVictims = new Set(parties.filter((p) => movingSet.has(p.reportId)).map((p) => p.personId));
    const remainingVictims = new Set(parties.filter((p) => !movingSet.has(p.reportId)).map((p) => p.personId));
    await repo.addVictims(tx, newId, movedVictims.size > 0 ? [...movedVictims] : c.victimIds);
    if (remainingVictims.size > 0) await repo.removeVictims(tx, c.id, [...movedVictims].filter((v) => !remainingVictims.has(v)));
    await repo.unlinkReports(tx, c.id, moving);
    await repo.linkReports(tx, newId, moving, { by: ctx.actor.id, reason: `Split from case ${c.reference}: ${input.reason}`, at: now });
    await repo.touchCase(tx, c.id, input.version, now);
    await repo.insertLinkEvent(tx, { caseId: c.id, kind: 'split-out', otherCaseId: newId, reportIds: moving, reason: input.reason, at: now, by: ctx.actor.id });
    await repo.insertLinkEvent(tx, { caseId: newId, kind: 'split-from', otherCaseId: c.id, reportIds: moving, reason: input.reason, at: now, by: ctx.actor.id });
    await audit(tx, ctx, 'create', 'case', newId, { splitFrom: c.id, reports: moving.length }, input.reason);
    await audit(tx, ctx, 'update', 'case', c.id, { splitInto: newId, reports: moving.length }, input.reason);
    return { caseId: newId, caseReference: reference };
  });
}

// ---------------------------------------------------------------------------
// Batch occasions
// ---------------------------------------------------------------------------

const yes = z.preprocess((v) => v === true || v === 'true' || v === 'yes' || v === 'on' || (Array.isArray(v) && v.includes('yes')), z.boolean());

export const batchInput = z.object({
  reportId: z.uuid('Choose the report the occasions belong to'),
  csv: z.string({ error: 'Paste the occasions' }).max(1_000_000, 'Paste at most 1 MB of text at a time'),
  validRowsOnly: yes.default(false),
  confirmOutsideWindow: yes.default(false),
});

export interface BatchPreview {
  case: repo.ConductCase;
  reports: repo.CaseReportRow[];
  result: BatchParseResult;
}

export interface BatchSaved {
  saved: number;
  occasionIds: string[];
  skippedRows: number[];
  result: BatchParseResult;
}

async function parseForCase(tx: Db, c: repo.ConductCase, csv: string, now: Date): Promise<{ result: BatchParseResult; reports: repo.CaseReportRow[] }> {
  const [reports, occasions] = await Promise.all([repo.reportsOfCase(tx, c.id), repo.occasionsOfCase(tx, c.id)]);
  const existing = new Set(occasions.flatMap((o) => o.channels.map((ch) => occasionKey(o.occurredFrom, ch, o.description ?? ''))));
  const first = occasions[0]?.occurredFrom;
  const result = parseOccasionBatch(csv, { now, existing, window: first ? { from: first, to: now } : null });
  return { result, reports };
}

/** The reports a batch can be added to (for the form). */
export async function batchForm(deps: Deps, ctx: RequestContext, caseId: string): Promise<{ case: repo.ConductCase; reports: repo.CaseReportRow[] }> {
  requirePermission(ctx.actor, 'cases:write');
  return runUseCase(deps, async (tx) => {
    const c = await caseForChange(tx, ctx, caseId);
    const reports = await repo.reportsOfCase(tx, c.id);
    await audit(tx, ctx, 'view', 'case', c.id, { view: 'batch-occasions' });
    return { case: c, reports };
  });
}

/** Checks a batch without saving anything: every row with its problems. */
export async function previewBatch(deps: Deps, ctx: RequestContext, caseId: string, csv: string): Promise<BatchPreview> {
  requirePermission(ctx.actor, 'cases:write');
  return runUseCase(deps, async (tx) => {
    const c = await caseForChange(tx, ctx, caseId);
    const { result, reports } = await parseForCase(tx, c, csv, deps.clock.now());
    await audit(tx, ctx, 'view', 'case', c.id, { view: 'batch-preview', rows: result.rows.length });
    return { case: c, reports, result };
  });
}

/**
 * Saves a batch of occasions to one report of the case, in one transaction. Nothing is
 * saved while any row has a problem, unless the user chose to save only the rows
 * without problems; dates outside the case's window need confirming.
 */
export async function saveBatch(deps: Deps, ctx: RequestContext, caseId: string, input: z.infer<typeof batchInput>): Promise<BatchSaved> {
  requirePermission(ctx.actor, 'cases:write');
  return runUseCase(deps, async (tx) => {
    const c = await caseForChange(tx, ctx, caseId);
    const now = deps.clock.now();
    const { result, reports } = await parseForCase(tx, c, input.csv, now);
    if (!reports.some((r) => r.id === input.reportId)) throw new ValidationError([{ field: 'reportId', message: 'Choose a report that is in this case' }]);
    const decision = batchToSave(result, { validRowsOnly: input.validRowsOnly, confirmOutsideWindow: input.confirmOutsideWindow });
    if (!decision.ok) {
      const errors = [{ field: 'csv', message: decision.reason }];
      throw Object.assign(new ValidationError(errors), { batch: result });
    }
    const ids = await repo.insertOccasions(
      tx,
      decision.occasions.map((o) => ({ reportId: input.reportId, occurredFrom: o.at, channels: [o.channel], behaviours: [...o.behaviours], place: o.place, description: o.description })),
    );
    await repo.touchCase(tx, c.id, null, now);
    await audit(tx, ctx, 'create', 'case', c.id, { occasionsAdded: ids.length, reportId: input.reportId, skippedRows: decision.skippedRows });
    return { saved: ids.length, occasionIds: ids, skippedRows: [...decision.skippedRows], result };
  });
}

/** The parsed batch carried by a refused save, so the page can show each row's problems. */
export function batchOf(error: unknown): BatchParseResult | undefined {
  return error && typeof error === 'object' && 'batch' in error ? (error as { batch: BatchParseResult }).batch : undefined;
}

// ---------------------------------------------------------------------------
// A single occasion, and police actions
// ---------------------------------------------------------------------------

export const occasionInput = z.object({
  reportId: z.uuid('Choose the report the occasion belongs to'),
  occurredAt: z.coerce.date({ error: 'Enter when it happened as a date and time, for example 2026-03-03T14:30:00Z' }),
  channels: z.array(z.string()).min(1, 'Give at least one channel'),
  behaviours: z.array(z.string()).default([]),
  place: z.string().trim().max(500).nullish().transform((v) => v || null),
  description: z.string().trim().min(1, 'Say what happened').max(2000, 'What happened must be 2,000 characters or fewer'),
  fearOfViolence: z.boolean().default(false),
  times: z.number().int().min(1).max(10_000).default(1),
  breachedOrderId: z.uuid().nullish().transform((v) => v ?? null),
});

/** Adds one occasion; the channels and behaviours are checked against the reference lists through the batch rules. */
export async function addOccasion(deps: Deps, ctx: RequestContext, caseId: string, input: z.infer<typeof occasionInput>): Promise<{ occasionId: string }> {
  requirePermission(ctx.actor, 'cases:write');
  const badChannel = input.channels.find((ch) => !channelList.some((c) => c.code === ch));
  const badBehaviour = input.behaviours.find((b) => !behaviourList.some((x) => x.code === b));
  const errors = [
    ...(badChannel ? [{ field: 'channels', message: `“${badChannel}” is not a channel code` }] : []),
    ...(badBehaviour ? [{ field: 'behaviours', message: `“${badBehaviour}” is not a behaviour code` }] : []),
    ...(input.occurredAt.getTime() > deps.clock.now().getTime() ? [{ field: 'occurredAt', message: 'When it happened must not be in the future' }] : []),
  ];
  if (errors.length > 0) throw new ValidationError(errors);
  return runUseCase(deps, async (tx) => {
    const c = await caseForChange(tx, ctx, caseId);
    const reports = await repo.reportsOfCase(tx, c.id);
    if (!reports.some((r) => r.id === input.reportId)) throw new ValidationError([{ field: 'reportId', message: 'Choose a report that is in this case' }]);
    const [id] = await repo.insertOccasions(tx, [
      {
        reportId: input.reportId,
        occurredFrom: input.occurredAt,
        channels: input.channels,
        behaviours: input.behaviours,
        place: input.place,
        description: input.description,
        fearOfViolence: input.fearOfViolence,
        times: input.times,
        breachedOrderId: input.breachedOrderId,
      },
    ]);
    await repo.touchCase(tx, c.id, null, deps.clock.now());
    await audit(tx, ctx, 'create', 'case', c.id, { occasionAdded: id, reportId: input.reportId });
    return { occasionId: id! };
  });
}

export const POLICE_ACTION_KINDS = [
  'arrest',
  'voluntary-interview',
  'interview',
  'bail',
  'bail-varied',
  'released-under-investigation',
  'released-without-charge',
  'charge',
  'remand',
  'release-from-custody',
] as const satisfies readonly PoliceActionKind[];

export const policeActionInput = z.object({
  kind: z.enum(POLICE_ACTION_KINDS, { error: 'Choose the kind of police action' }),
  occurredAt: z.coerce.date({ error: 'Enter when it happened' }),
  bailUntil: z.iso.date('Enter the bail date as YYYY-MM-DD').nullish().transform((v) => v ?? null),
  conditions: z.string().trim().max(2000).nullish().transform((v) => v || null),
  notes: z.string().trim().max(2000).nullish().transform((v) => v || null),
});

/** Records an arrest, interview, bail, charge or release on the case's suspect. */
export async function recordPoliceAction(deps: Deps, ctx: RequestContext, caseId: string, input: z.infer<typeof policeActionInput>): Promise<{ id: string }> {
  requirePermission(ctx.actor, 'investigation:manage');
  return runUseCase(deps, async (tx) => {
    const c = await caseForChange(tx, ctx, caseId);
    if ((input.kind === 'bail' || input.kind === 'bail-varied') && !input.conditions) {
      throw new ValidationError([{ field: 'conditions', message: 'Give the bail conditions' }]);
    }
    const id = await repo.insertPoliceAction(tx, { caseId: c.id, personId: c.suspectPersonId, ...input, by: ctx.actor.id });
    await audit(tx, ctx, 'create', 'police-action', id, { caseId: c.id, kind: input.kind });
    return { id };
  });
}
