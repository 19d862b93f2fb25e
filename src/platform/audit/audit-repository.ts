import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

export type Db = Kysely<Database> | Transaction<Database>;

export type AuditAction =
  | 'view'
  | 'view-denied'
  | 'search'
  | 'create'
  | 'update'
  | 'delete'
  | 'export'
  | 'sign-in'
  | 'sign-in-failed'
  | 'sign-out'
  | 'token-issued'
  | 'token-revoked';

export interface AuditEntry {
  actorId: string | null;
  actorUsername: string | null;
  action: AuditAction;
  recordType?: string;
  recordId?: string;
  reason?: string;
  details?: Record<string, unknown>;
  requestId?: string;
}

/** Appends one row to the audit log, in the caller's transaction. */
export async function appendAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insertInto('audit_log').values(auditRow(entry)).execute();
}

function auditRow(entry: AuditEntry) {
  return {
    actor_id: entry.actorId,
    actor_username: entry.actorUsername,
    action: entry.action,
    record_type: entry.recordType ?? null,
    record_id: entry.recordId ?? null,
    reason: entry.reason ?? null,
    details: JSON.stringify(entry.details ?? {}),
    request_id: entry.requestId ?? null,
  };
}

/** Appends several rows to the audit log in one statement, in the caller's transaction. */
export async function appendAudits(db: Db, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(entries.map((entry) => auditRow(entry)))
    .execute();
}

export interface AuditRow {
  id: string;
  at: Date;
  actorUsername: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  reason: string | null;
  requestId: string | null;
}

export async function auditForRecord(db: Db, recordType: string, recordId: string, limit = 500): Promise<AuditRow[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_username', 'action', 'record_type', 'record_id', 'reason', 'request_id'])
    .where('record_type', '=', recordType)
    .where('record_id', '=', recordId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRow);
}

export async function recentAudit(db: Db, filter: { action?: string; actor?: string }, limit = 200): Promise<AuditRow[]> {
  let query = db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_username', 'action', 'record_type', 'record_id', 'reason', 'request_id']);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.actor) query = query.where('actor_username', '=', filter.actor);
  const rows = await query.orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toRow);
}

function toRow(r: {
  id: string;
  at: Date;
  actor_username: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  reason: string | null;
  request_id: string | null;
}): AuditRow {
  return {
    id: String(r.id),
    at: r.at,
    actorUsername: r.actor_username,
    action: r.action,
    recordType: r.record_type,
    recordId: r.record_id,
    reason: r.reason,
    requestId: r.request_id,
  };
}
