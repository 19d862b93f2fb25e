import { sql } from 'kysely';
import type { Db } from '../../platform/audit/audit-repository.ts';

export interface NewTask {
  type: string;
  title: string;
  caseId?: string | null;
  reportId?: string | null;
  ownerUserId?: string | null;
  ownerTeam?: string | null;
  dueAt: Date;
  details?: Record<string, unknown>;
  createdBy: string | null;
}

export interface TaskRow {
  id: string;
  type: string;
  title: string;
  caseId: string | null;
  caseReference: string | null;
  reportId: string | null;
  reportReference: string | null;
  ownerUserId: string | null;
  ownerName: string | null;
  ownerTeam: string | null;
  dueAt: Date;
  status: 'open' | 'done' | 'cancelled';
  details: Record<string, unknown>;
  createdAt: Date;
  completedAt: Date | null;
  outcome: string | null;
  version: number;
}

export async function insertTasks(db: Db, tasks: NewTask[]): Promise<string[]> {
  if (tasks.length === 0) return [];
  const rows = await db
    .insertInto('tasks')
    .values(
      tasks.map((t) => ({
        type: t.type,
        title: t.title,
        case_id: t.caseId ?? null,
        report_id: t.reportId ?? null,
        owner_user_id: t.ownerUserId ?? null,
        owner_team: t.ownerTeam ?? null,
        due_at: t.dueAt,
        details: JSON.stringify(t.details ?? {}),
        created_by: t.createdBy,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

function selectTasks(db: Db) {
  return db
    .selectFrom('tasks as t')
    .leftJoin('cases as c', 'c.id', 't.case_id')
    .leftJoin('reports as r', 'r.id', 't.report_id')
    .leftJoin('users as u', 'u.id', 't.owner_user_id')
    .select([
      't.id',
      't.type',
      't.title',
      't.case_id',
      'c.reference as case_reference',
      't.report_id',
      'r.reference as report_reference',
      't.owner_user_id',
      'u.display_name as owner_name',
      't.owner_team',
      't.due_at',
      't.status',
      't.details',
      't.created_at',
      't.completed_at',
      't.outcome',
      't.version',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectTasks>['execute']>>[number];

function toTask(r: Row): TaskRow {
  return {
    id: r.id,
    type: r.type,
    title: r.title,
    caseId: r.case_id,
    caseReference: r.case_reference,
    reportId: r.report_id,
    reportReference: r.report_reference,
    ownerUserId: r.owner_user_id,
    ownerName: r.owner_name,
    ownerTeam: r.owner_team,
    dueAt: r.due_at,
    status: r.status,
    details: r.details,
    createdAt: r.created_at,
    completedAt: r.completed_at,
    outcome: r.outcome,
    version: r.version,
  };
}

/** Open tasks, earliest due first, so what is overdue comes first. */
export async function openTasksFor(db: Db, owner: { userId?: string; teams?: string[] }, limit = 500): Promise<TaskRow[]> {
  let query = selectTasks(db).where('t.status', '=', 'open');
  if (owner.userId) query = query.where('t.owner_user_id', '=', owner.userId);
  if (owner.teams) {
    if (owner.teams.length === 0) return [];
    query = query.where('t.owner_team', 'in', owner.teams);
  }
  const rows = await query.orderBy('t.due_at').orderBy('t.created_at').limit(limit).execute();
  return rows.map(toTask);
}

export async function tasksForCase(db: Db, caseId: string): Promise<TaskRow[]> {
  const rows = await selectTasks(db).where('t.case_id', '=', caseId).orderBy('t.status').orderBy('t.due_at').execute();
  return rows.map(toTask);
}

export async function tasksForReport(db: Db, reportId: string): Promise<TaskRow[]> {
  const rows = await selectTasks(db).where('t.report_id', '=', reportId).orderBy('t.status').orderBy('t.due_at').execute();
  return rows.map(toTask);
}

export async function getTask(db: Db, id: string): Promise<TaskRow | undefined> {
  const row = await selectTasks(db).where('t.id', '=', id).executeTakeFirst();
  return row ? toTask(row) : undefined;
}

export async function closeTask(
  db: Db,
  id: string,
  expectedVersion: number,
  change: { status: 'done' | 'cancelled'; outcome: string | null; by: string; at: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('tasks')
    .set({ status: change.status, outcome: change.outcome, completed_by: change.by, completed_at: change.at, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Closes the open tasks of a type on a case or report, e.g. when the work they ask for is done. */
export async function closeOpenTasksOfType(
  db: Db,
  where: { caseId?: string; reportId?: string; type: string },
  change: { outcome: string; by: string; at: Date },
): Promise<number> {
  let query = db
    .updateTable('tasks')
    .set({ status: 'done', outcome: change.outcome, completed_by: change.by, completed_at: change.at, version: sql`version + 1` })
    .where('type', '=', where.type)
    .where('status', '=', 'open');
  if (where.caseId) query = query.where('case_id', '=', where.caseId);
  if (where.reportId) query = query.where('report_id', '=', where.reportId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
