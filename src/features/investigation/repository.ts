import { sql } from 'kysely';
import type { Db } from '../../platform/audit/audit-repository.ts';

// ---------------------------------------------------------------------------
// Allocation (every decision kept: the latest is in force, earlier ones are the reassignment history)

export interface AllocationRow {
  id: string;
  facts: Record<string, unknown>;
  recommendation: Record<string, unknown>;
  triage: Record<string, unknown>;
  rationale: string;
  investigatingTeam: string;
  officerUserId: string | null;
  officerName: string | null;
  overrideReason: string | null;
  decidedByName: string | null;
  decidedAt: Date;
}

export async function insertAllocation(
  db: Db,
  a: {
    caseId: string;
    facts: unknown;
    recommendation: unknown;
    triage: unknown;
    rationale: string;
    investigatingTeam: string;
    officerUserId: string | null;
    overrideReason: string | null;
    by: string;
    at: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto('investigation_allocations')
    .values({
      case_id: a.caseId,
      facts: JSON.stringify(a.facts),
      recommendation: JSON.stringify(a.recommendation),
      triage: JSON.stringify(a.triage),
      rationale: a.rationale,
      investigating_team: a.investigatingTeam,
      officer_user_id: a.officerUserId,
      override_reason: a.overrideReason,
      decided_by: a.by,
      decided_at: a.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Allocations of the case, newest first. */
export async function allocationsOfCase(db: Db, caseId: string): Promise<AllocationRow[]> {
  const rows = await db
    .selectFrom('investigation_allocations as a')
    .leftJoin('users as o', 'o.id', 'a.officer_user_id')
    .leftJoin('users as d', 'd.id', 'a.decided_by')
    .select([
      'a.id',
      'a.facts',
      'a.recommendation',
      'a.triage',
      'a.rationale',
      'a.investigating_team',
      'a.officer_user_id',
      'o.display_name as officer_name',
      'a.override_reason',
      'd.display_name as decided_by_name',
      'a.decided_at',
    ])
    .where('a.case_id', '=', caseId)
    .orderBy('a.seq', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    facts: r.facts,
    recommendation: r.recommendation,
    triage: r.triage,
    rationale: r.rationale,
    investigatingTeam: r.investigating_team,
    officerUserId: r.officer_user_id,
    officerName: r.officer_name,
    overrideReason: r.override_reason,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at,
  }));
}

export interface OfficerCandidate {
  id: string;
  displayName: string;
}

/** Active users who can be the officer in the case (they hold one of these roles). */
export async function officerCandidates(db: Db, roles: readonly string[]): Promise<OfficerCandidate[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.display_name'])
    .distinct()
    .where('u.active', '=', true)
    .where('u.is_service', '=', false)
    .where('r.role', 'in', [...roles])
    .orderBy('u.display_name')
    .execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name }));
}

/** The latest finished risk grade on the case, if any (from the risk assessments). */
export async function latestRiskGrade(db: Db, caseId: string): Promise<'standard' | 'medium' | 'high' | null> {
  const row = await db
    .selectFrom('risk_assessments')
    .select('final_grade')
    .where('case_id', '=', caseId)
    .where('final_grade', 'is not', null)
    .orderBy('completed_at', 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return (row?.final_grade as 'standard' | 'medium' | 'high' | undefined) ?? null;
}

export async function riskAssessmentCount(db: Db, caseId: string): Promise<number> {
  const row = await db.selectFrom('risk_assessments').select(sql<number>`count(*)::int`.as('n')).where('case_id', '=', caseId).executeTakeFirstOrThrow();
  return row.n;
}

// ---------------------------------------------------------------------------
// The investigation log

export const LOG_ENTRY_TYPES = [
  'note',
  'triage',
  'allocation',
  'plan',
  'supervisor-review',
  'spoc-advice',
  'scu-review',
  's2b',
  'suspect-action',
  'finalisation',
  'reopening',
] as const;
export type LogEntryType = (typeof LOG_ENTRY_TYPES)[number];

export interface LogRow {
  id: string;
  entryType: LogEntryType;
  text: string;
  details: Record<string, unknown>;
  authorName: string | null;
  at: Date;
}

export async function insertLogEntry(
  db: Db,
  e: { caseId: string; entryType: LogEntryType; text: string; details?: Record<string, unknown>; by: string | null; at: Date },
): Promise<string> {
  const row = await db
    .insertInto('investigation_log')
    .values({ case_id: e.caseId, entry_type: e.entryType, text: e.text, details: JSON.stringify(e.details ?? {}), author_id: e.by, at: e.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Log entries of the case, newest first. */
export async function logOfCase(db: Db, caseId: string): Promise<LogRow[]> {
  const rows = await db
    .selectFrom('investigation_log as l')
    .leftJoin('users as u', 'u.id', 'l.author_id')
    .select(['l.id', 'l.entry_type', 'l.text', 'l.details', 'u.display_name', 'l.at'])
    .where('l.case_id', '=', caseId)
    .orderBy('l.seq', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, entryType: r.entry_type as LogEntryType, text: r.text, details: r.details, authorName: r.display_name, at: r.at }));
}

// ---------------------------------------------------------------------------
// s2B search warrant decision

export interface S2bRow {
  id: string;
  state: 'considered' | 'applied' | 'granted' | 'refused' | 'executed' | 'result' | 'not-used';
  on: string;
  text: string | null;
  evidenceFound: boolean | null;
  recordedByName: string | null;
}

export async function s2bEventsOfCase(db: Db, caseId: string): Promise<S2bRow[]> {
  const rows = await db
    .selectFrom('investigation_s2b_events as s')
    .leftJoin('users as u', 'u.id', 's.recorded_by')
    .select(['s.id', 's.state', 's.on_date', 's.text', 's.evidence_found', 'u.display_name'])
    .where('s.case_id', '=', caseId)
    .orderBy('s.seq')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    state: r.state,
    on: String(r.on_date).slice(0, 10),
    text: r.text,
    evidenceFound: r.evidence_found,
    recordedByName: r.display_name,
  }));
}

export async function insertS2bEvent(
  db: Db,
  e: { caseId: string; state: S2bRow['state']; on: string; text: string | null; evidenceFound: boolean | null; by: string; at: Date },
): Promise<string> {
  const row = await db
    .insertInto('investigation_s2b_events')
    .values({ case_id: e.caseId, state: e.state, on_date: e.on, text: e.text, evidence_found: e.evidenceFound, recorded_by: e.by, recorded_at: e.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

// ---------------------------------------------------------------------------
// Suspect actions

export interface SuspectActionRow {
  id: string;
  action: string;
  historic: boolean;
  occurredAt: Date;
  rationale: string | null;
  conditions: string[];
  bailUntil: string | null;
  victimConsulted: boolean | null;
  victimConsultationNote: string | null;
  recordedByName: string | null;
}

export async function insertSuspectAction(
  db: Db,
  a: {
    caseId: string;
    personId: string | null;
    action: string;
    historic: boolean;
    occurredAt: Date;
    rationale: string | null;
    conditions: string[];
    bailUntil: string | null;
    victimConsulted: boolean | null;
    victimConsultationNote: string | null;
    policeActionId: string | null;
    by: string;
    at: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto('investigation_suspect_actions')
    .values({
      case_id: a.caseId,
      person_id: a.personId,
      action: a.action,
      historic: a.historic,
      occurred_at: a.occurredAt,
      rationale: a.rationale,
      conditions: a.conditions,
      bail_until: a.bailUntil,
      victim_consulted: a.victimConsulted,
      victim_consultation_note: a.victimConsultationNote,
      police_action_id: a.policeActionId,
      recorded_by: a.by,
      recorded_at: a.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function suspectActionsOfCase(db: Db, caseId: string): Promise<SuspectActionRow[]> {
  const rows = await db
    .selectFrom('investigation_suspect_actions as a')
    .leftJoin('users as u', 'u.id', 'a.recorded_by')
    .select(['a.id', 'a.action', 'a.historic', 'a.occurred_at', 'a.rationale', 'a.conditions', 'a.bail_until', 'a.victim_consulted', 'a.victim_consultation_note', 'u.display_name'])
    .where('a.case_id', '=', caseId)
    .orderBy('a.occurred_at', 'desc')
    .orderBy('a.recorded_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    historic: r.historic,
    occurredAt: r.occurred_at,
    rationale: r.rationale,
    conditions: r.conditions,
    bailUntil: r.bail_until ? String(r.bail_until).slice(0, 10) : null,
    victimConsulted: r.victim_consulted,
    victimConsultationNote: r.victim_consultation_note,
    recordedByName: r.display_name,
  }));
}

// ---------------------------------------------------------------------------
// Finalisation

export interface FinalisationRow {
  id: string;
  outcomeCode: number;
  rationale: string | null;
  investigationDone: boolean;
  suspectNamed: boolean;
  investigatingTeam: string | null;
  outcome16: Record<string, unknown> | null;
  victimUsesSupportServices: boolean;
  warnings: Array<{ code: string; field: string; message: string }>;
  taskIds: string[];
  finalisedByName: string | null;
  finalisedAt: Date;
  reopenedByName: string | null;
  reopenedAt: Date | null;
  reopenReason: string | null;
}

export async function insertFinalisation(
  db: Db,
  f: {
    caseId: string;
    outcomeCode: number;
    rationale: string | null;
    investigationDone: boolean;
    suspectNamed: boolean;
    investigatingTeam: string | null;
    outcome16: Record<string, unknown> | null;
    victimUsesSupportServices: boolean;
    warnings: unknown[];
    by: string;
    at: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto('investigation_finalisations')
    .values({
      case_id: f.caseId,
      outcome_code: f.outcomeCode,
      rationale: f.rationale,
      investigation_done: f.investigationDone,
      suspect_named: f.suspectNamed,
      investigating_team: f.investigatingTeam,
      outcome16: f.outcome16 ? JSON.stringify(f.outcome16) : null,
      victim_uses_support_services: f.victimUsesSupportServices,
      warnings: JSON.stringify(f.warnings),
      finalised_by: f.by,
      finalised_at: f.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setFinalisationTasks(db: Db, id: string, taskIds: string[]): Promise<void> {
  await db.updateTable('investigation_finalisations').set({ task_ids: taskIds }).where('id', '=', id).execute();
}

/** Finalisations of the case, newest first. */
export async function finalisationsOfCase(db: Db, caseId: string): Promise<FinalisationRow[]> {
  const rows = await db
    .selectFrom('investigation_finalisations as f')
    .leftJoin('users as b', 'b.id', 'f.finalised_by')
    .leftJoin('users as r', 'r.id', 'f.reopened_by')
    .select([
      'f.id',
      'f.outcome_code',
      'f.rationale',
      'f.investigation_done',
      'f.suspect_named',
      'f.investigating_team',
      'f.outcome16',
      'f.victim_uses_support_services',
      'f.warnings',
      'f.task_ids',
      'b.display_name as finalised_by_name',
      'f.finalised_at',
      'r.display_name as reopened_by_name',
      'f.reopened_at',
      'f.reopen_reason',
    ])
    .where('f.case_id', '=', caseId)
    .orderBy('f.seq', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    outcomeCode: r.outcome_code,
    rationale: r.rationale,
    investigationDone: r.investigation_done,
    suspectNamed: r.suspect_named,
    investigatingTeam: r.investigating_team,
    outcome16: r.outcome16,
    victimUsesSupportServices: r.victim_uses_support_services,
    warnings: r.warnings as FinalisationRow['warnings'],
    taskIds: r.task_ids,
    finalisedByName: r.finalised_by_name,
    finalisedAt: r.finalised_at,
    reopenedByName: r.reopened_by_name,
    reopenedAt: r.reopened_at,
    reopenReason: r.reopen_reason,
  }));
}

export async function markReopened(db: Db, id: string, r: { by: string; at: Date; reason: string }): Promise<boolean> {
  const result = await db
    .updateTable('investigation_finalisations')
    .set({ reopened_by: r.by, reopened_at: r.at, reopen_reason: r.reason })
    .where('id', '=', id)
    .where('reopened_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** True when any victim on the case has a referral to a support service made or taken up. */
export async function victimUsesSupportServices(db: Db, caseId: string): Promise<boolean> {
  const row = await db
    .selectFrom('victim_referrals')
    .select('id')
    .where('case_id', '=', caseId)
    .where('status', 'in', ['made', 'taken-up'])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

// ---------------------------------------------------------------------------
// Prosecution file

export interface ProsecutionFileRow {
  dashAttached: boolean;
  screeningToolAttached: boolean;
  victimPersonalStatement: 'taken' | 'offered-declined' | 'not-offered';
  restrainingOrderWanted: boolean | null;
  restrainingOrderTerms: string[];
  specialMeasuresAssessed: boolean;
  specialMeasuresNotes: string | null;
  courseOfConductSummary: string | null;
  bailOrRemandRecommendation: string | null;
  updatedByName: string | null;
  updatedAt: Date | null;
  version: number;
}

export type ProsecutionFileChange = Omit<ProsecutionFileRow, 'updatedByName' | 'updatedAt' | 'version'>;

export async function getProsecutionFile(db: Db, caseId: string): Promise<ProsecutionFileRow | undefined> {
  const r = await db
    .selectFrom('investigation_prosecution_files as p')
    .leftJoin('users as u', 'u.id', 'p.updated_by')
    .selectAll('p')
    .select('u.display_name')
    .where('p.case_id', '=', caseId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    dashAttached: r.dash_attached,
    screeningToolAttached: r.screening_tool_attached,
    victimPersonalStatement: r.victim_personal_statement,
    restrainingOrderWanted: r.restraining_order_wanted,
    restrainingOrderTerms: r.restraining_order_terms,
    specialMeasuresAssessed: r.special_measures_assessed,
    specialMeasuresNotes: r.special_measures_notes,
    courseOfConductSummary: r.course_of_conduct_summary,
    bailOrRemandRecommendation: r.bail_or_remand_recommendation,
    updatedByName: r.display_name,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

const fileColumns = (c: ProsecutionFileChange) => ({
  dash_attached: c.dashAttached,
  screening_tool_attached: c.screeningToolAttached,
  victim_personal_statement: c.victimPersonalStatement,
  restraining_order_wanted: c.restrainingOrderWanted,
  restraining_order_terms: c.restrainingOrderTerms,
  special_measures_assessed: c.specialMeasuresAssessed,
  special_measures_notes: c.specialMeasuresNotes,
  course_of_conduct_summary: c.courseOfConductSummary,
  bail_or_remand_recommendation: c.bailOrRemandRecommendation,
});

/** Creates the file (when expectedVersion is null) or updates it at the version read. False when someone else saved first. */
export async function saveProsecutionFile(db: Db, caseId: string, expectedVersion: number | null, change: ProsecutionFileChange, by: string, at: Date): Promise<boolean> {
  if (expectedVersion === null) {
    const inserted = await db
      .insertInto('investigation_prosecution_files')
      .values({ case_id: caseId, ...fileColumns(change), updated_by: by, updated_at: at })
      .onConflict((oc) => oc.column('case_id').doNothing())
      .returning('case_id')
      .executeTakeFirst();
    return inserted !== undefined;
  }
  const result = await db
    .updateTable('investigation_prosecution_files')
    .set({ ...fileColumns(change), updated_by: by, updated_at: at, version: sql`version + 1` })
    .where('case_id', '=', caseId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------
// Supervision

export interface SupervisionCaseRow {
  caseId: string;
  reference: string;
  ownerTeam: string | null;
  createdAt: Date;
  lastReviewAt: Date | null;
  riskGrade: 'standard' | 'medium' | 'high' | null;
}

/** Open cases with their last supervisor review and latest risk grade (for the overdue reviews list). */
export async function openCasesForSupervision(db: Db, limit = 2000): Promise<SupervisionCaseRow[]> {
  const rows = await db
    .selectFrom('cases as c')
    .select((eb) => [
      'c.id',
      'c.reference',
      'c.owner_team',
      'c.created_at',
      eb
        .selectFrom('investigation_log as l')
        .select(sql<Date | null>`max(l.at)`.as('m'))
        .whereRef('l.case_id', '=', 'c.id')
        .where('l.entry_type', '=', 'supervisor-review')
        .as('last_review_at'),
      eb
        .selectFrom('risk_assessments as a')
        .select('a.final_grade')
        .whereRef('a.case_id', '=', 'c.id')
        .where('a.final_grade', 'is not', null)
        .orderBy('a.completed_at', 'desc')
        .limit(1)
        .as('grade'),
    ])
    .where('c.status', '=', 'open')
    .where('c.merged_into_case_id', 'is', null)
    .orderBy('c.created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    caseId: r.id,
    reference: r.reference,
    ownerTeam: r.owner_team,
    createdAt: r.created_at,
    lastReviewAt: r.last_review_at ? new Date(r.last_review_at) : null,
    riskGrade: (r.grade as SupervisionCaseRow['riskGrade']) ?? null,
  }));
}

// ---------------------------------------------------------------------------
// Lines of enquiry (tasks of type 'line-of-enquiry', the catalogue code in details.code)

export const LINE_OF_ENQUIRY_TASK = 'line-of-enquiry';

/** Catalogue codes of the lines of enquiry already on the case (in any state). */
export async function enquiryCodesOfCase(db: Db, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('tasks')
    .select(sql<string>`details->>'code'`.as('code'))
    .where('case_id', '=', caseId)
    .where('type', '=', LINE_OF_ENQUIRY_TASK)
    .execute();
  return rows.map((r) => r.code);
}

/** Closes the open line of enquiry with this catalogue code, e.g. the s2B line once the decision is made. */
export async function closeOpenEnquiry(db: Db, caseId: string, code: string, change: { outcome: string; by: string; at: Date }): Promise<number> {
  const result = await db
    .updateTable('tasks')
    .set({ status: 'done', outcome: change.outcome, completed_by: change.by, completed_at: change.at, version: sql`version + 1` })
    .where('case_id', '=', caseId)
    .where('type', '=', LINE_OF_ENQUIRY_TASK)
    .where('status', '=', 'open')
    .where(sql<boolean>`details->>'code' = ${code}`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
