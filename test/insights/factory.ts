import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/platform/db/schema.ts';

/**
 * A hand-built dataset for the insights tests, written by direct inserts so that every
 * figure has an answer that can be worked out on paper (see dataset.ts).
 */

type Row = Record<string, unknown>;
let seq = 0;

function param(v: unknown) {
  if (v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v)) return sql`${JSON.stringify(v)}::jsonb`;
  if (Array.isArray(v)) return sql`${v}::text[]`;
  return sql`${v}`;
}

/** Inserts one row and returns its id. */
export async function insert(db: Kysely<Database>, table: string, row: Row): Promise<string> {
  const keys = Object.keys(row);
  const { rows } = await sql<{ id?: string; case_id?: string }>`insert into ${sql.table(table)} (${sql.join(keys.map((k) => sql.ref(k)))}) values (${sql.join(keys.map((k) => param(row[k])))}) returning *`.execute(db);
  return (rows[0]?.id ?? rows[0]?.case_id ?? '') as string;
}

export async function userId(db: Kysely<Database>, username: string): Promise<string> {
  const row = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return row.id;
}

export async function person(db: Kysely<Database>, gender: string | null, name = 'Test'): Promise<string> {
  return insert(db, 'people', { forenames: name, surname: `Person${++seq}`, gender });
}

export interface ReportSpec {
  reportedAt: string;
  submittedAt?: string;
  crime?: 'crime' | 'non-crime' | null;
  decidedAt?: string;
  dueAt?: string;
  relationship?: string;
  occasions?: Array<{ at?: string; channels?: string[]; breachedOrderId?: string }>;
}

export interface CaseSpec {
  reference?: string;
  createdAt: string;
  offence: string | null;
  alsoRecord?: string[];
  da?: boolean;
  team?: string | null;
  status?: 'open' | 'finalised';
  victimGenders?: Array<string | null>;
  suspectId?: string;
  victimIds?: string[];
  reports?: ReportSpec[];
}

export interface BuiltCase {
  id: string;
  reference: string;
  victimIds: string[];
  suspectId: string;
  reportIds: string[];
}

export async function buildCase(db: Kysely<Database>, createdBy: string, spec: CaseSpec): Promise<BuiltCase> {
  const reference = spec.reference ?? `TC-${String(++seq).padStart(5, '0')}`;
  const suspectId = spec.suspectId ?? (await person(db, 'Male', 'Suspect'));
  const victimIds = spec.victimIds ?? [];
  if (!spec.victimIds) for (const g of spec.victimGenders ?? ['Female']) victimIds.push(await person(db, g, 'Victim'));
  const id = await insert(db, 'cases', {
    reference,
    suspect_person_id: suspectId,
    status: spec.status ?? 'open',
    offence: spec.offence,
    also_record: spec.alsoRecord ?? [],
    domestic_abuse: spec.da ?? false,
    owner_team: spec.team ?? null,
    created_at: new Date(spec.createdAt),
  });
  for (const v of victimIds) await insert(db, 'case_victims', { case_id: id, person_id: v });
  const reportIds: string[] = [];
  for (const r of spec.reports ?? [{ reportedAt: spec.createdAt, crime: 'crime' as const }]) {
    const reportedAt = new Date(r.reportedAt);
    const due = r.dueAt ? new Date(r.dueAt) : new Date(reportedAt.getTime() + 24 * 3_600_000);
    const decided = r.decidedAt ? new Date(r.decidedAt) : new Date(reportedAt.getTime() + 3_600_000);
    const reportId = await insert(db, 'reports', {
      reference: `TR-${String(++seq).padStart(5, '0')}`,
      status: 'submitted',
      reported_at: reportedAt,
      submitted_at: r.submittedAt ? new Date(r.submittedAt) : reportedAt,
      relationship: r.relationship ?? 'ex-intimate-partner',
      recording_due_at: due,
      crime_decision: r.crime === undefined ? 'crime' : r.crime,
      crime_decided_at: r.crime === null ? null : decided,
      created_by: createdBy,
    });
    reportIds.push(reportId);
    await insert(db, 'case_reports', { case_id: id, report_id: reportId, link_reason: 'test' });
    await insert(db, 'report_parties', { report_id: reportId, person_id: suspectId, role: 'suspect' });
    for (const v of victimIds) await insert(db, 'report_parties', { report_id: reportId, person_id: v, role: 'victim' });
    for (const o of r.occasions ?? [{ channels: ['text'] }]) {
      await insert(db, 'occasions', { report_id: reportId, occurred_from: new Date(o.at ?? r.reportedAt), channels: o.channels ?? ['text'], breached_order_id: o.breachedOrderId ?? null });
    }
  }
  return { id, reference, victimIds, suspectId, reportIds };
}

export function hoursAfter(iso: string, hours: number): Date {
  return new Date(new Date(iso).getTime() + hours * 3_600_000);
}

export async function assessment(db: Kysely<Database>, caseId: string, stage: 'initial' | 'enhanced', completedAt: Date, finalGrade: 'standard' | 'medium' | 'high' = 'standard'): Promise<void> {
  await insert(db, 'risk_assessments', {
    case_id: caseId,
    stage,
    source: 'victim',
    tool_id: 'dash',
    tool_version: '2009',
    tool: {},
    answers: {},
    grading: {},
    score: 0,
    band_grade: finalGrade,
    final_grade: finalGrade,
    completed_at: completedAt,
  });
}

export async function plan(db: Kysely<Database>, caseId: string, reviewDate: string, grade: 'standard' | 'medium' | 'high' = 'standard'): Promise<void> {
  await insert(db, 'risk_plans', { case_id: caseId, risk_grade: grade, reviewed_on: '2026-01-01', review_date: reviewDate });
}

export async function task(db: Kysely<Database>, caseId: string, t: { type?: string; dueAt: string; status?: 'open' | 'done' | 'cancelled'; completedAt?: string }): Promise<string> {
  return insert(db, 'tasks', {
    type: t.type ?? 'evidence-capture',
    title: 'Test task',
    case_id: caseId,
    owner_team: 'cid',
    due_at: new Date(t.dueAt),
    status: t.status ?? 'open',
    completed_at: t.completedAt ? new Date(t.completedAt) : null,
  });
}

export async function duty(db: Kysely<Database>, caseId: string, personId: string, dueAt: string, doneAt: string | null): Promise<void> {
  const eventId = await insert(db, 'victim_events', { case_id: caseId, event: 'arrest', occurred_at: hoursAfter(dueAt, -24) });
  const taskId = await task(db, caseId, { type: 'victim-update', dueAt, status: doneAt ? 'done' : 'open', ...(doneAt ? { completedAt: doneAt } : {}) });
  await insert(db, 'victim_duties', { event_id: eventId, case_id: caseId, person_id: personId, kind: 'tell-victim', entitlement: 'enhanced', due_at: new Date(dueAt), task_id: taskId, done_at: doneAt ? new Date(doneAt) : null });
}

export async function referral(db: Kysely<Database>, caseId: string, personId: string, status: 'offered' | 'made' | 'taken-up' | 'declined'): Promise<void> {
  await insert(db, 'victim_referrals', { case_id: caseId, person_id: personId, service_code: 'paladin', status, offered_at: new Date('2026-05-01T10:00:00Z') });
}

export async function chase(db: Kysely<Database>, caseId: string, personId: string, at: string): Promise<void> {
  await insert(db, 'victim_contacts', { case_id: caseId, person_id: personId, occurred_at: new Date(at), initiated_by: 'victim', chasing_update: true, method: 'phone', discussed: 'Asked for an update' });
}

export async function outcome(db: Kysely<Database>, caseId: string, code: number, at: string): Promise<void> {
  await insert(db, 'victim_case_outcomes', { case_id: caseId, outcome_code: code, recorded_at: new Date(at) });
}
