import { z } from 'zod';
import { londonDateOf, todayInLondon } from '../../domain/calendar/index.ts';
import {
  assessRetention,
  DEFAULT_RETENTION_POLICY,
  defaultNextReview,
  nextReviewProblem,
  queueStatus,
  type QueueStatus,
  type RetentionAssessment,
  type RetentionFacts,
  type RetentionPolicy,
} from '../../domain/retention/index.ts';
import { offence as offenceInfo, offenceCodes, type OffenceCode } from '../../domain/classification/offences.ts';
import { requirePermission, type RequestContext } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-repository.ts';
import { NotFoundError, RestrictedRecordError, ValidationError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { checkRestrictedAccess } from '../people/service.ts';
import * as repo from './repository.ts';

/** The force's retention policy. Data, not code: a force replaces it with its own. */
export const retentionPolicy: RetentionPolicy = DEFAULT_RETENTION_POLICY;

export const decisionInput = z
  .object({
    decision: z.enum(['retain', 'delete'], { message: 'Select whether to keep the record or delete its personal data' }),
    reason: z.string().trim().min(10, 'Enter the reason for your decision (at least 10 characters)').max(2000, 'Reason must be 2000 characters or fewer'),
    nextReviewOn: z.string().trim().optional(),
    confirm: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.decision === 'retain' && !value.nextReviewOn) ctx.addIssue({ code: 'custom', path: ['nextReviewOn'], message: 'Enter the date of the next review' });
    if (value.decision === 'delete' && value.confirm !== 'yes') {
      ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'Confirm that you understand the personal data cannot be recovered' });
    }
  });
export type DecisionInput = z.infer<typeof decisionInput>;

function offenceTitle(code: string | null): string {
  if (!code) return 'Not yet recorded';
  return offenceCodes.includes(code as OffenceCode) ? offenceInfo(code as OffenceCode).title : code;
}

function factsOf(row: repo.RetentionCaseRow): RetentionFacts {
  const { crime, nonCrime } = row.crimeDecisions;
  return {
    status: row.status,
    offence: row.offence,
    domesticAbuse: row.domesticAbuse,
    crimeDecision: nonCrime > 0 && crime === 0 ? 'non-crime' : crime > 0 ? 'crime' : null,
    outcomeCode: row.outcomeCode,
    finalisedOn: row.finalisedAt ? londonDateOf(row.finalisedAt) : null,
    lastReportOn: row.lastReportAt ? londonDateOf(row.lastReportAt) : null,
    subjectDateOfBirth: row.subjectDateOfBirth,
    subjectOrderTypes: row.subjectOrderTypes,
    lastDecision: row.lastDecision ? { decision: row.lastDecision.decision, nextReviewOn: row.lastDecision.nextReviewOn } : null,
  };
}

export interface QueueItem {
  id: string;
  reference: string;
  offence: string;
  restricted: boolean;
  assessment: RetentionAssessment;
  status: QueueStatus;
  lastDecision: repo.RetentionCaseRow['lastDecision'];
}

export interface RetentionQueue {
  today: string;
  items: QueueItem[];
  counts: { overdue: number; due: number; soon: number; later: number; active: number; deleted: number };
  show: 'due' | 'all';
}

const ORDER: Record<QueueStatus, number> = { overdue: 0, due: 1, soon: 2, later: 3, none: 4 };

/** Cases due (or soon due) for a MoPI review. The list holds references and codes only, no names. */
export async function retentionQueue(deps: Deps, ctx: RequestContext, show: 'due' | 'all' = 'due'): Promise<RetentionQueue> {
  requirePermission(ctx.actor, 'retention:review');
  const today = todayInLondon(deps.clock);
  return deps.db.transaction().execute(async (tx) => {
    const rows = await repo.retentionFactsOfAllCases(tx);
    const counts = { overdue: 0, due: 0, soon: 0, later: 0, active: 0, deleted: 0 };
    const items: QueueItem[] = [];
    for (const row of rows) {
      const assessment = assessRetention(factsOf(row), retentionPolicy);
      const status = queueStatus(assessment, today, retentionPolicy);
      if (assessment.state === 'deleted') counts.deleted += 1;
      else if (status === 'none') counts.active += 1;
      else counts[status] += 1;
      const wanted = show === 'all' ? status !== 'none' : status === 'overdue' || status === 'due' || status === 'soon';
      if (wanted) items.push({ id: row.id, reference: row.reference, offence: offenceTitle(row.offence), restricted: row.restricted, assessment, status, lastDecision: row.lastDecision });
    }
    items.sort((a, b) => ORDER[a.status] - ORDER[b.status] || (a.assessment.reviewOn ?? '').localeCompare(b.assessment.reviewOn ?? '') || a.reference.localeCompare(b.reference));
    await appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action: 'view', recordType: 'retention-queue', details: { show, listed: items.length }, requestId: ctx.requestId });
    return { today, items, counts, show };
  });
}

export interface CaseRetentionView {
  id: string;
  reference: string;
  offence: string;
  status: 'open' | 'finalised';
  restricted: boolean;
  restrictedContact: string | null;
  outcomeCode: number | null;
  finalisedOn: string | null;
  assessment: RetentionAssessment;
  queueStatus: QueueStatus;
  today: string;
  suggestedNextReview: string;
  activeOrders: number;
  people: { total: number; onlyHere: number };
  history: repo.ReviewHistoryRow[];
  groupPolicy: RetentionPolicy['groups'][1];
  assumptions: readonly string[];
  /** Why no decision can be made now, if so. */
  blocked: string | null;
}

/** The review page of one case: its group, dates, what deletion would remove and the decisions so far. */
export async function caseRetention(deps: Deps, ctx: RequestContext, caseId: string): Promise<CaseRetentionView> {
  requirePermission(ctx.actor, 'retention:review');
  const today = todayInLondon(deps.clock);
  return deps.db.transaction().execute(async (tx) => {
    const row = await repo.retentionFactsOfCase(tx, caseId);
    if (!row) throw new NotFoundError('There is no case with that reference.');
    const facts = factsOf(row);
    const assessment = assessRetention(facts, retentionPolicy);
    const people = await repo.peopleOfCase(tx, caseId);
    const history = await repo.reviewHistory(tx, caseId);
    await appendAudit(tx, {
      actorId: ctx.actor.id,
      actorUsername: ctx.actor.username,
      action: 'view',
      recordType: 'case',
      recordId: caseId,
      details: { retentionReview: true },
      requestId: ctx.requestId,
    });
    return {
      id: row.id,
      reference: row.reference,
      offence: offenceTitle(row.offence),
      status: row.status,
      restricted: row.restricted,
      restrictedContact: row.restrictedContact,
      outcomeCode: row.outcomeCode,
      finalisedOn: facts.finalisedOn,
      assessment,
      queueStatus: queueStatus(assessment, today, retentionPolicy),
      today,
      suggestedNextReview: defaultNextReview(assessment.group, today, retentionPolicy),
      activeOrders: row.activeOrders,
      people: { total: people.all.length, onlyHere: people.onlyHere.length },
      history,
      groupPolicy: retentionPolicy.groups[assessment.group],
      assumptions: retentionPolicy.assumptions,
      blocked: blockedReason(assessment, row.activeOrders),
    };
  });
}

function blockedReason(assessment: RetentionAssessment, activeOrders: number): string | null {
  if (assessment.state === 'deleted') return 'The personal data of this case has already been deleted under MoPI review.';
  if (assessment.state === 'active') return 'This case is open. It is reviewed for retention once it is finalised.';
  if (activeOrders > 0) return 'An order made on this case is still in force. Review the case after the order ends.';
  return null;
}

export interface DecisionResult {
  decision: 'retain' | 'delete';
  reviewId: string;
  nextReviewOn: string | null;
  scrubbed: Record<string, number>;
}

/**
 * Records a MoPI review decision. Keep: the reason and the next review date. Delete: the
 * case's free text is overwritten and the people who appear only on it lose their names,
 * dates of birth, identifiers and addresses; the case row (offence, flags, dates, outcome)
 * stays for statistics, and the decision and its audit entry are kept for good. One
 * transaction: if any step fails, nothing is changed.
 */
export async function decideRetention(deps: Deps, ctx: RequestContext, caseId: string, input: DecisionInput): Promise<DecisionResult> {
  requirePermission(ctx.actor, 'retention:review');
  const now = deps.clock.now();
  const today = todayInLondon(deps.clock);
  // A restricted case: only users named on it may decide, and the decision's reason is the
  // access reason. A refusal's audit entry is committed before the refusal is raised.
  const refused = await deps.db.transaction().execute(async (tx) => {
    const row = await repo.retentionFactsOfCase(tx, caseId);
    if (!row?.restricted) return undefined;
    try {
      await checkRestrictedAccess(tx, ctx, { type: 'case', id: caseId, restricted: true, contact: row.restrictedContact }, input.reason);
      return undefined;
    } catch (error) {
      if (error instanceof RestrictedRecordError) return error;
      throw error;
    }
  });
  if (refused) throw refused;
  return deps.db.transaction().execute(async (tx) => {
    const row = await repo.retentionFactsOfCase(tx, caseId);
    if (!row) throw new NotFoundError('There is no case with that reference.');
    await checkRestrictedAccess(tx, ctx, { type: 'case', id: caseId, restricted: row.restricted, contact: row.restrictedContact }, input.reason);
    const assessment = assessRetention(factsOf(row), retentionPolicy);
    const blocked = blockedReason(assessment, input.decision === 'delete' ? row.activeOrders : 0);
    if (blocked) throw new ValidationError([{ field: 'decision', message: blocked }]);
    let nextReviewOn: string | null = null;
    let scrubbed: Record<string, number> = {};
    let peopleDeleted: string[] = [];
    if (input.decision === 'retain') {
      nextReviewOn = input.nextReviewOn ?? '';
      const problem = nextReviewProblem(nextReviewOn, assessment.group, today, retentionPolicy);
      if (problem) throw new ValidationError([{ field: 'nextReviewOn', message: problem }]);
    } else {
      const people = await repo.peopleOfCase(tx, caseId);
      peopleDeleted = people.onlyHere;
      scrubbed = await repo.scrubCase(tx, caseId, peopleDeleted);
    }
    const reviewId = await repo.insertReview(tx, {
      caseId,
      decision: input.decision,
      group: assessment.group,
      reason: input.reason,
      dueOn: assessment.reviewOn,
      nextReviewOn,
      scrubbed,
      decidedBy: ctx.actor.id,
      decidedAt: now,
    });
    await appendAudit(tx, {
      actorId: ctx.actor.id,
      actorUsername: ctx.actor.username,
      action: input.decision === 'delete' ? 'delete' : 'update',
      recordType: 'case',
      recordId: caseId,
      reason: input.reason,
      details: {
        retentionReview: reviewId,
        decision: input.decision,
        mopiGroup: assessment.group,
        dueOn: assessment.reviewOn,
        ...(nextReviewOn ? { nextReviewOn } : {}),
        ...(input.decision === 'delete' ? { scrubbed, peopleDeleted } : {}),
      },
      requestId: ctx.requestId,
    });
    return { decision: input.decision, reviewId, nextReviewOn, scrubbed };
  });
}
