import { requirePermission, type RequestContext } from '../../platform/auth/actor.ts';
import { appendAudit, auditForRecord, recentAudit, type AuditRow } from '../../platform/audit/audit-repository.ts';
import type { Deps } from '../../platform/deps.ts';

export const AUDITABLE_RECORD_TYPES = ['person', 'user', 'report', 'case'] as const;

/** "Who has accessed this record": supervisors and auditors. Looking is itself audited. */
export async function whoAccessed(deps: Deps, ctx: RequestContext, recordType: string, recordId: string): Promise<AuditRow[]> {
  requirePermission(ctx.actor, 'audit:view');
  return deps.db.transaction().execute(async (tx) => {
    const rows = await auditForRecord(tx, recordType, recordId);
    await appendAudit(tx, {
      actorId: ctx.actor.id,
      actorUsername: ctx.actor.username,
      action: 'view',
      recordType: 'audit-trail',
      recordId: `${recordType}:${recordId}`,
      requestId: ctx.requestId,
    });
    return rows;
  });
}

export async function recentActivity(deps: Deps, ctx: RequestContext, filter: { action?: string; actor?: string }): Promise<AuditRow[]> {
  requirePermission(ctx.actor, 'audit:view');
  return deps.db.transaction().execute(async (tx) => {
    const rows = await recentAudit(tx, filter);
    await appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action: 'view', recordType: 'audit-log', requestId: ctx.requestId });
    return rows;
  });
}
