import { z } from 'zod';
import { offence as offenceInfo, offenceCodes, type ClassificationSuggestion } from '../../domain/classification/index.ts';
import { requirePermission, type RequestContext } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-repository.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { tasksForCase, type TaskRow } from '../tasks/repository.ts';
import * as repo from './repository.ts';
import { caseForRead } from './access.ts';
import { considerSpoOnReclassification } from '../orders/consideration.ts';

export interface CurrentClassification {
  offence: string | null;
  title: string;
  homeOfficeCode: string | null;
  alsoRecord: Array<{ code: string; title: string }>;
  confirmed: boolean;
  reasons: Array<{ code: string; text: string }>;
  rationale: string | null;
}

export interface CaseView {
  record: repo.CaseRecord;
  parties: repo.PartyName[];
  reports: repo.CaseReportSummary[];
  classification: CurrentClassification;
  prompts: Array<{ code: string; text: string }>;
  history: Awaited<ReturnType<typeof repo.classificationHistory>>;
  openTasks: Array<TaskRow & { overdue: boolean }>;
}

function titleOf(code: string | null): string {
  if (!code) return 'Not yet classified';
  return offenceCodes.includes(code as never) ? offenceInfo(code as never).title : code;
}

function homeOfficeOf(code: string | null): string | null {
  if (!code || !offenceCodes.includes(code as never)) return null;
  return offenceInfo(code as never).homeOffice.code;
}

/** The classification in force: the latest confirmed one, or the rules' suggestion on the latest report. */
function currentClassification(history: CaseView['history'], latest: ClassificationSuggestion | undefined): CurrentClassification {
  const confirmed = history.find((c) => c.status === 'confirmed');
  if (confirmed) {
    return {
      offence: confirmed.offence,
      title: titleOf(confirmed.offence),
      homeOfficeCode: homeOfficeOf(confirmed.offence),
      alsoRecord: confirmed.alsoRecord.map((code) => ({ code, title: titleOf(code) })),
      confirmed: true,
      reasons: confirmed.reasons,
      rationale: confirmed.rationale,
    };
  }
  const principal = latest?.principal ?? null;
  return {
    offence: principal,
    title: titleOf(principal),
    homeOfficeCode: homeOfficeOf(principal),
    alsoRecord: (latest?.alsoRecord ?? []).map((code) => ({ code, title: titleOf(code) })),
    confirmed: false,
    reasons: [...(latest?.reasons ?? [])],
    rationale: null,
  };
}

/** A case as the case page and the API show it. Audited; restricted cases need a named user and a reason. */
export async function viewCase(deps: Deps, ctx: RequestContext, id: string, reason?: string): Promise<CaseView> {
  requirePermission(ctx.actor, 'cases:read');
  const outcome = await deps.db.transaction().execute(async (tx) => {
    try {
      const { record } = await caseForRead(tx, ctx, id, reason);
      const [parties, reports, history, tasks] = await Promise.all([
        repo.partiesOfCase(tx, id),
        repo.reportsOfCase(tx, id),
        repo.classificationHistory(tx, id),
        tasksForCase(tx, id),
      ]);
      const latest = [...reports].reverse().find((r) => r.suggestion)?.suggestion as unknown as ClassificationSuggestion | undefined;
      const now = deps.clock.now();
      await appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action: 'view', recordType: 'case', recordId: id, ...(reason ? { reason } : {}), requestId: ctx.requestId });
      const view: CaseView = {
        record,
        parties,
        reports,
        classification: currentClassification(history, latest),
        prompts: [...(latest?.prompts ?? [])],
        history,
        openTasks: tasks.filter((t) => t.status === 'open').map((t) => ({ ...t, overdue: t.dueAt.getTime() < now.getTime() })),
      };
      return { view };
    } catch (error) {
      return { error };
    }
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.view;
}

const offenceCode = z.enum(offenceCodes as unknown as [string, ...string[]], 'Choose an offence from the list');

export const proposalInput = z.object({
  principal: offenceCode,
  alsoRecord: z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(offenceCode)),
  rationale: z.string().trim().min(10, 'Explain why the classification should change (at least 10 characters)').max(4000, 'Rationale must be 4,000 characters or fewer'),
});

/** Any officer working the case may propose a new classification; a detective sergeant or the CMU confirms it. */
export async function proposeClassification(deps: Deps, ctx: RequestContext, caseId: string, input: z.infer<typeof proposalInput>): Promise<string> {
  requirePermission(ctx.actor, 'cases:write');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const record = await repo.getCase(tx, caseId);
    if (!record) throw new NotFoundError('There is no case with that reference.');
    const id = await repo.insertClassification(tx, {
      caseId,
      offence: input.principal,
      alsoRecord: input.alsoRecord.filter((c) => c !== input.principal),
      reasons: [],
      rationale: input.rationale,
      status: 'proposed',
      proposedBy: ctx.actor.id,
      at: now,
    });
    await appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action: 'create', recordType: 'classification', recordId: id, details: { caseId, offence: input.principal }, requestId: ctx.requestId });
    return id;
  });
}

export const decisionInput = z.object({
  decision: z.enum(['confirm', 'reject'], 'Choose whether to confirm or reject the proposal'),
  reason: z.string().trim().max(4000).optional().transform((v) => v || undefined),
});

export async function decideProposal(deps: Deps, ctx: RequestContext, caseId: string, classificationId: string, input: z.infer<typeof decisionInput>): Promise<void> {
  requirePermission(ctx.actor, 'classification:confirm');
  if (input.decision === 'reject' && !input.reason) throw new ValidationError([{ field: 'reason', message: 'Give a reason for rejecting the proposal' }]);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const history = await repo.classificationHistory(tx, caseId);
    const proposal = history.find((c) => c.id === classificationId);
    if (!proposal) throw new NotFoundError('There is no such proposal on this case.');
    const status = input.decision === 'confirm' ? 'confirmed' : 'rejected';
    if (!(await repo.decideClassification(tx, classificationId, { status, by: ctx.actor.id, reason: input.reason ?? null, at: now }))) {
      throw new ConflictError('This proposal has already been decided.');
    }
    if (status === 'confirmed') {
      await repo.supersedeConfirmed(tx, caseId, classificationId);
      await repo.setCurrentClassification(tx, caseId, { offence: proposal.offence, alsoRecord: proposal.alsoRecord, at: now });
      await considerSpoOnReclassification(tx, ctx, { caseId, offence: proposal.offence, alsoRecord: proposal.alsoRecord, now });
    }
    await appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action: 'update', recordType: 'classification', recordId: classificationId, details: { caseId, status }, requestId: ctx.requestId });
  });
}

export async function registrarQueue(deps: Deps, ctx: RequestContext): Promise<repo.FindingRow[]> {
  requirePermission(ctx.actor, 'registrar:audit');
  return deps.db.transaction().execute(async (tx) => {
    const rows = await repo.openFindings(tx);
    await appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action: 'view', recordType: 'registrar-queue', details: { count: rows.length }, requestId: ctx.requestId });
    return rows;
  });
}

export const findingDecisionInput = z.object({
  decision: z.enum(['accepted', 'dismissed'], 'Choose accept or dismiss'),
  reason: z.string().trim().min(5, 'Give a reason for your decision').max(2000, 'Reason must be 2,000 characters or fewer'),
});

export async function decideFinding(deps: Deps, ctx: RequestContext, id: string, input: z.infer<typeof findingDecisionInput>): Promise<void> {
  requirePermission(ctx.actor, 'registrar:audit');
  await deps.db.transaction().execute(async (tx) => {
    if (!(await repo.decideFinding(tx, id, { status: input.decision, reason: input.reason, by: ctx.actor.id, at: deps.clock.now() }))) {
      throw new ConflictError('This finding has already been decided or does not exist.');
    }
    await appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action: 'update', recordType: 'registrar-finding', recordId: id, details: { decision: input.decision }, requestId: ctx.requestId });
  });
}
