import { sql } from 'kysely';
import type { Db } from '../../platform/audit/audit-repository.ts';

export interface ReportRecord {
  id: string;
  reference: string;
  status: 'draft' | 'submitted';
  answers: Record<string, unknown>;
  reportedAt: Date;
  submittedAt: Date | null;
  suggestion: Record<string, unknown> | null;
  recordingDueAt: Date | null;
  crimeDecision: 'crime' | 'non-crime' | null;
  crimeDecisionRationale: string | null;
  crimeDecidedAt: Date | null;
  createdBy: string;
  version: number;
  caseIds: string[];
}

async function nextNumber(db: Db, sequence: 'report_reference_seq' | 'case_reference_seq'): Promise<number> {
  const { rows } = await sql<{ n: string }>`select nextval(${sequence}::regclass)::text as n`.execute(db);
  return Number(rows[0]!.n);
}

export async function nextReportReference(db: Db, year: number): Promise<string> {
  return `R-${year}-${String(await nextNumber(db, 'report_reference_seq')).padStart(6, '0')}`;
}

export async function insertDraft(db: Db, draft: { reference: string; reportedAt: Date; createdBy: string; answers: Record<string, unknown> }): Promise<string> {
  const row = await db
    .insertInto('reports')
    .values({ reference: draft.reference, reported_at: draft.reportedAt, created_by: draft.createdBy, answers: JSON.stringify(draft.answers) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function getReport(db: Db, id: string): Promise<ReportRecord | undefined> {
  const row = await db
    .selectFrom('reports as r')
    .select((eb) => [
      'r.id',
      'r.reference',
      'r.status',
      'r.answers',
      'r.reported_at',
      'r.submitted_at',
      'r.suggestion',
      'r.recording_due_at',
      'r.crime_decision',
      'r.crime_decision_rationale',
      'r.crime_decided_at',
      'r.created_by',
      'r.version',
      eb
        .selectFrom('case_reports')
        .select(sql<string[]>`coalesce(array_agg(case_id::text), '{}')`.as('ids'))
        .whereRef('case_reports.report_id', '=', 'r.id')
        .as('case_ids'),
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    answers: row.answers,
    reportedAt: row.reported_at,
    submittedAt: row.submitted_at,
    suggestion: row.suggestion as Record<string, unknown> | null,
    recordingDueAt: row.recording_due_at,
    crimeDecision: row.crime_decision,
    crimeDecisionRationale: row.crime_decision_rationale,
    crimeDecidedAt: row.crime_decided_at,
    createdBy: row.created_by,
    version: row.version,
    caseIds: row.case_ids ?? [],
  };
}

export async function saveAnswers(db: Db, id: string, version: number, answers: Record<string, unknown>, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('reports')
    .set({ answers: JSON.stringify(answers), updated_at: at, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface SubmittedFields {
  callerCapacity: string;
  relationship: string;
  account: string;
  effects: string[];
  indicators: string[];
  suspectKnown: boolean;
  thrive: Record<string, unknown>;
  response: string;
  evidenceAdvice: string;
  suggestion: Record<string, unknown>;
  recordingDueAt: Date;
  answers: Record<string, unknown>;
}

export async function markSubmitted(db: Db, id: string, version: number, fields: SubmittedFields, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('reports')
    .set({
      status: 'submitted',
      submitted_at: at,
      caller_capacity: fields.callerCapacity,
      relationship: fields.relationship,
      account: fields.account,
      effects: fields.effects,
      indicators: fields.indicators,
      suspect_known: fields.suspectKnown,
      thrive: JSON.stringify(fields.thrive),
      response: fields.response,
      evidence_advice: fields.evidenceAdvice,
      suggestion: JSON.stringify(fields.suggestion),
      recording_due_at: fields.recordingDueAt,
      answers: JSON.stringify(fields.answers),
      updated_at: at,
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertParty(db: Db, party: { reportId: string; personId: string | null; role: 'victim' | 'suspect' | 'reporter' | 'witness'; description?: string | null }): Promise<void> {
  await db
    .insertInto('report_parties')
    .values({ report_id: party.reportId, person_id: party.personId, role: party.role, description: party.description ?? null })
    .execute();
}

export interface NewOccasion {
  reportId: string;
  occurredFrom: Date;
  occurredTo: Date | null;
  place: string | null;
  channels: string[];
  platform: string | null;
  accountName: string | null;
  behaviours: string[];
  fearOfViolence: boolean;
  times: number;
  description: string | null;
  breachedOrderId: string | null;
}

export async function insertOccasions(db: Db, occasions: NewOccasion[]): Promise<void> {
  if (occasions.length === 0) return;
  await db
    .insertInto('occasions')
    .values(
      occasions.map((o) => ({
        report_id: o.reportId,
        occurred_from: o.occurredFrom,
        occurred_to: o.occurredTo,
        place: o.place,
        channels: o.channels,
        platform: o.platform,
        account_name: o.accountName,
        behaviours: o.behaviours,
        fear_of_violence: o.fearOfViolence,
        times: o.times,
        description: o.description,
        breached_order_id: o.breachedOrderId,
      })),
    )
    .execute();
}

export interface OrderBetween {
  id: string;
  type: string;
  madeOn: string;
}

/** Active orders made against the suspect that protect the victim. */
export async function activeOrdersBetween(db: Db, suspectId: string, victimId: string): Promise<OrderBetween[]> {
  const rows = await db
    .selectFrom('orders as o')
    .innerJoin('order_protected_persons as p', 'p.order_id', 'o.id')
    .select(['o.id', 'o.type', 'o.made_on'])
    .where('o.subject_person_id', '=', suspectId)
    .where('p.person_id', '=', victimId)
    .where('o.status', '=', 'active')
    .orderBy('o.made_on', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, type: r.type, madeOn: r.made_on }));
}

export async function breachesOfOrder(db: Db, orderId: string): Promise<number> {
  const row = await db
    .selectFrom('occasions')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('breached_order_id', '=', orderId)
    .executeTakeFirstOrThrow();
  return row.n;
}

export interface EarlierOccasion {
  occurredFrom: Date;
  occurredTo: Date | null;
  channels: string[];
  behaviours: string[];
  fearOfViolence: boolean;
  times: number;
  recordedAs: string | null;
}

/** Occasions in the case's other reports, with how each case was recorded. */
export async function occasionsOfCase(db: Db, caseId: string, exceptReportId: string): Promise<EarlierOccasion[]> {
  const rows = await db
    .selectFrom('occasions as o')
    .innerJoin('case_reports as cr', 'cr.report_id', 'o.report_id')
    .innerJoin('cases as c', 'c.id', 'cr.case_id')
    .select(['o.occurred_from', 'o.occurred_to', 'o.channels', 'o.behaviours', 'o.fear_of_violence', 'o.times', 'c.offence'])
    .where('cr.case_id', '=', caseId)
    .where('o.report_id', '!=', exceptReportId)
    .orderBy('o.occurred_from')
    .execute();
  return rows.map((r) => ({
    occurredFrom: r.occurred_from,
    occurredTo: r.occurred_to,
    channels: r.channels,
    behaviours: r.behaviours,
    fearOfViolence: r.fear_of_violence,
    times: r.times,
    recordedAs: r.offence,
  }));
}

export async function setCrimeDecision(
  db: Db,
  id: string,
  version: number,
  decision: { decision: 'crime' | 'non-crime'; rationale: string | null; by: string; at: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('reports')
    .set({
      crime_decision: decision.decision,
      crime_decision_rationale: decision.rationale,
      crime_decided_by: decision.by,
      crime_decided_at: decision.at,
      updated_at: decision.at,
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface DraftSummary {
  id: string;
  reference: string;
  reportedAt: Date;
  updatedAt: Date;
}

export async function draftsBy(db: Db, userId: string): Promise<DraftSummary[]> {
  const rows = await db
    .selectFrom('reports')
    .select(['id', 'reference', 'reported_at', 'updated_at'])
    .where('created_by', '=', userId)
    .where('status', '=', 'draft')
    .orderBy('updated_at', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => ({ id: r.id, reference: r.reference, reportedAt: r.reported_at, updatedAt: r.updated_at }));
}

export interface AwaitingDecision {
  id: string;
  reference: string;
  submittedAt: Date | null;
  recordingDueAt: Date | null;
}

export async function awaitingCrimeDecision(db: Db, limit = 200): Promise<AwaitingDecision[]> {
  const rows = await db
    .selectFrom('reports')
    .select(['id', 'reference', 'submitted_at', 'recording_due_at'])
    .where('status', '=', 'submitted')
    .where('crime_decision', 'is', null)
    .orderBy('recording_due_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, reference: r.reference, submittedAt: r.submitted_at, recordingDueAt: r.recording_due_at }));
}
