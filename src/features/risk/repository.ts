import { sql } from 'kysely';
import type { Answers, Grading, RiskGrade, ToolDefinition } from '../../domain/risk/index.ts';
import type { Db } from '../../platform/audit/audit-repository.ts';

/* Tools ------------------------------------------------------------------ */

export interface LoadedTool {
  id: string;
  definition: ToolDefinition;
  loadedAt: Date;
  loadedByName: string | null;
}

export async function loadedTools(db: Db): Promise<LoadedTool[]> {
  const rows = await db
    .selectFrom('risk_tools as t')
    .leftJoin('users as u', 'u.id', 't.loaded_by')
    .select(['t.id', 't.definition', 't.loaded_at', 'u.display_name'])
    .orderBy('t.loaded_at')
    .orderBy('t.tool_id')
    .execute();
  return rows.map((r) => ({ id: r.id, definition: r.definition as unknown as ToolDefinition, loadedAt: r.loaded_at, loadedByName: r.display_name }));
}

export async function toolVersionExists(db: Db, toolId: string, version: string): Promise<boolean> {
  const row = await db.selectFrom('risk_tools').select('id').where('tool_id', '=', toolId).where('version', '=', version).executeTakeFirst();
  return !!row;
}

export async function insertTool(db: Db, tool: ToolDefinition, by: string, at: Date): Promise<string> {
  const row = await db
    .insertInto('risk_tools')
    .values({ tool_id: tool.id, version: tool.version, name: tool.name, kind: tool.kind, definition: JSON.stringify(tool), loaded_by: by, loaded_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/* Case facts ------------------------------------------------------------- */

export interface CaseRiskContext {
  reports: Array<{ id: string; reportedAt: Date; crimeDecision: string | null; effects: string[]; suggestion: Record<string, unknown> | null }>;
  /** Start of every occasion of every report on the case. */
  occasionStarts: Date[];
  victims: Array<{ personId: string; name: string }>;
  suspectName: string | null;
}

export async function caseRiskContext(db: Db, caseId: string): Promise<CaseRiskContext> {
  const reports = await db
    .selectFrom('reports as r')
    .innerJoin('case_reports as cr', 'cr.report_id', 'r.id')
    .select(['r.id', 'r.reported_at', 'r.crime_decision', 'r.effects', 'r.suggestion'])
    .where('cr.case_id', '=', caseId)
    .orderBy('r.reported_at')
    .execute();
  const occasions = await db
    .selectFrom('occasions as o')
    .innerJoin('case_reports as cr', 'cr.report_id', 'o.report_id')
    .select('o.occurred_from')
    .where('cr.case_id', '=', caseId)
    .orderBy('o.occurred_from')
    .execute();
  const victims = await db
    .selectFrom('case_victims as v')
    .innerJoin('people as p', 'p.id', 'v.person_id')
    .select(['p.id', 'p.forenames', 'p.surname'])
    .where('v.case_id', '=', caseId)
    .orderBy('p.surname')
    .orderBy('p.forenames')
    .execute();
  const suspect = await db
    .selectFrom('cases as c')
    .innerJoin('people as p', 'p.id', 'c.suspect_person_id')
    .select(['p.forenames', 'p.surname'])
    .where('c.id', '=', caseId)
    .executeTakeFirst();
  return {
    reports: reports.map((r) => ({
      id: r.id,
      reportedAt: r.reported_at,
      crimeDecision: r.crime_decision,
      effects: r.effects,
      suggestion: r.suggestion,
    })),
    occasionStarts: occasions.map((o) => o.occurred_from),
    victims: victims.map((v) => ({ personId: v.id, name: `${v.forenames} ${v.surname}` })),
    suspectName: suspect ? `${suspect.forenames} ${suspect.surname}` : null,
  };
}

/* Assessments ------------------------------------------------------------ */

export interface AssessmentRow {
  id: string;
  caseId: string;
  victimPersonId: string | null;
  stage: 'initial' | 'enhanced';
  source: 'victim' | 'police-information-and-observation';
  sourceNote: string | null;
  tool: ToolDefinition;
  answers: Answers;
  supplementTool: ToolDefinition | null;
  supplementAnswers: Answers | null;
  grading: Grading;
  completedAt: Date;
  completedByName: string | null;
  endorsedByName: string | null;
  endorsedAt: Date | null;
  version: number;
}

function selectAssessments(db: Db) {
  return db
    .selectFrom('risk_assessments as a')
    .leftJoin('users as c', 'c.id', 'a.completed_by')
    .leftJoin('users as e', 'e.id', 'a.endorsed_by')
    .select([
      'a.id',
      'a.case_id',
      'a.victim_person_id',
      'a.stage',
      'a.source',
      'a.source_note',
      'a.tool',
      'a.answers',
      'a.supplement_tool',
      'a.supplement_answers',
      'a.grading',
      'a.completed_at',
      'c.display_name as completed_by_name',
      'e.display_name as endorsed_by_name',
      'a.endorsed_at',
      'a.version',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectAssessments>['execute']>>[number];

function toAssessment(r: Row): AssessmentRow {
  return {
    id: r.id,
    caseId: r.case_id,
    victimPersonId: r.victim_person_id,
    stage: r.stage,
    source: r.source,
    sourceNote: r.source_note,
    tool: r.tool as unknown as ToolDefinition,
    answers: r.answers as unknown as Answers,
    supplementTool: r.supplement_tool as unknown as ToolDefinition | null,
    supplementAnswers: r.supplement_answers as unknown as Answers | null,
    grading: r.grading as unknown as Grading,
    completedAt: r.completed_at,
    completedByName: r.completed_by_name,
    endorsedByName: r.endorsed_by_name,
    endorsedAt: r.endorsed_at,
    version: r.version,
  };
}

export async function assessmentsOfCase(db: Db, caseId: string): Promise<AssessmentRow[]> {
  const rows = await selectAssessments(db).where('a.case_id', '=', caseId).orderBy('a.completed_at').orderBy('a.created_at').execute();
  return rows.map(toAssessment);
}

export async function getAssessment(db: Db, caseId: string, id: string): Promise<AssessmentRow | undefined> {
  const row = await selectAssessments(db).where('a.case_id', '=', caseId).where('a.id', '=', id).executeTakeFirst();
  return row ? toAssessment(row) : undefined;
}

export interface NewAssessment {
  caseId: string;
  victimPersonId: string | null;
  stage: 'initial' | 'enhanced';
  source: 'victim' | 'police-information-and-observation';
  sourceNote: string | null;
  tool: ToolDefinition;
  answers: Answers;
  supplementTool: ToolDefinition | null;
  supplementAnswers: Answers | null;
  grading: Grading;
  completedAt: Date;
  completedBy: string | null;
}

export async function insertAssessment(db: Db, a: NewAssessment): Promise<string> {
  const row = await db
    .insertInto('risk_assessments')
    .values({
      case_id: a.caseId,
      victim_person_id: a.victimPersonId,
      stage: a.stage,
      source: a.source,
      source_note: a.sourceNote,
      tool_id: a.tool.id,
      tool_version: a.tool.version,
      tool: JSON.stringify(a.tool),
      answers: JSON.stringify(a.answers),
      supplement_tool: a.supplementTool ? JSON.stringify(a.supplementTool) : null,
      supplement_answers: a.supplementAnswers ? JSON.stringify(a.supplementAnswers) : null,
      grading: JSON.stringify(a.grading),
      score: a.grading.score,
      band_grade: a.grading.bandGrade,
      final_grade: a.grading.finalGrade,
      completed_at: a.completedAt,
      completed_by: a.completedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Records an endorsement when the assessment is still at the version read and not yet endorsed. */
export async function endorseAssessment(db: Db, id: string, expectedVersion: number, change: { grading: Grading; by: string; at: Date }): Promise<boolean> {
  const result = await db
    .updateTable('risk_assessments')
    .set({
      grading: JSON.stringify(change.grading),
      final_grade: change.grading.finalGrade,
      endorsed_by: change.by,
      endorsed_at: change.at,
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('endorsed_by', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/* Requirement exceptions --------------------------------------------------- */

export interface ExceptionRow {
  id: string;
  victimPersonId: string | null;
  requirement: string;
  reason: string;
  recordedAt: Date;
  recordedByName: string | null;
}

export async function exceptionsOfCase(db: Db, caseId: string): Promise<ExceptionRow[]> {
  const rows = await db
    .selectFrom('risk_requirement_exceptions as x')
    .leftJoin('users as u', 'u.id', 'x.recorded_by')
    .select(['x.id', 'x.victim_person_id', 'x.requirement', 'x.reason', 'x.recorded_at', 'u.display_name'])
    .where('x.case_id', '=', caseId)
    .orderBy('x.recorded_at')
    .execute();
  return rows.map((r) => ({ id: r.id, victimPersonId: r.victim_person_id, requirement: r.requirement, reason: r.reason, recordedAt: r.recorded_at, recordedByName: r.display_name }));
}

export async function insertException(db: Db, x: { caseId: string; victimPersonId: string | null; requirement: string; reason: string; by: string; at: Date }): Promise<string> {
  const row = await db
    .insertInto('risk_requirement_exceptions')
    .values({ case_id: x.caseId, victim_person_id: x.victimPersonId, requirement: x.requirement, reason: x.reason, recorded_by: x.by, recorded_at: x.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/* MARAC ------------------------------------------------------------------ */

export interface ReferralRow {
  id: string;
  victimPersonId: string | null;
  assessmentId: string;
  criteria: Array<{ code: string; message: string }>;
  summary: string;
  taskId: string | null;
  referredOn: string;
}

export async function referralsOfCase(db: Db, caseId: string): Promise<ReferralRow[]> {
  const rows = await db
    .selectFrom('marac_referrals')
    .select(['id', 'victim_person_id', 'assessment_id', 'criteria', 'summary', 'task_id', 'referred_on'])
    .where('case_id', '=', caseId)
    .orderBy('referred_on')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    victimPersonId: r.victim_person_id,
    assessmentId: r.assessment_id,
    criteria: r.criteria as Array<{ code: string; message: string }>,
    summary: r.summary,
    taskId: r.task_id,
    referredOn: r.referred_on,
  }));
}

/** The date of the victim's most recent MARAC referral on any case. */
export async function lastReferralOn(db: Db, victimPersonId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('marac_referrals')
    .select(sql<string | null>`max(referred_on)::text`.as('last'))
    .where('victim_person_id', '=', victimPersonId)
    .executeTakeFirst();
  return row?.last ?? undefined;
}

export async function insertReferral(
  db: Db,
  r: { caseId: string; victimPersonId: string | null; assessmentId: string; criteria: unknown[]; summary: string; taskId: string | null; referredOn: string; by: string },
): Promise<string> {
  const row = await db
    .insertInto('marac_referrals')
    .values({
      case_id: r.caseId,
      victim_person_id: r.victimPersonId,
      assessment_id: r.assessmentId,
      criteria: JSON.stringify(r.criteria),
      summary: r.summary,
      task_id: r.taskId,
      referred_on: r.referredOn,
      created_by: r.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function hasOpenTaskOfType(db: Db, caseId: string, type: string): Promise<boolean> {
  const row = await db.selectFrom('tasks').select('id').where('case_id', '=', caseId).where('type', '=', type).where('status', '=', 'open').executeTakeFirst();
  return !!row;
}

/* Plans ------------------------------------------------------------------ */

export interface StoredAction {
  category: 'remove' | 'avoid' | 'reduce' | 'accept';
  description: string;
  owner: string;
  reviewDate: string;
  dueDate?: string;
  status: 'planned' | 'in-progress' | 'done' | 'not-done';
}

export interface StoredDisclosure {
  information: string;
  told: boolean;
  toldOn?: string;
  reasonNotTold?: string;
}

export interface PlanRow {
  id: string;
  caseId: string;
  /** The victim the plan is for; null only on a case with no recorded victim. */
  victimPersonId: string | null;
  riskGrade: RiskGrade;
  reviewedOn: string;
  reviewDate: string;
  actions: StoredAction[];
  disclosures: StoredDisclosure[];
  updatedAt: Date;
  updatedByName: string | null;
  version: number;
}

function selectPlans(db: Db) {
  return db
    .selectFrom('risk_plans as p')
    .leftJoin('users as u', 'u.id', 'p.updated_by')
    .select(['p.id', 'p.case_id', 'p.victim_person_id', 'p.risk_grade', 'p.reviewed_on', 'p.review_date', 'p.actions', 'p.disclosures', 'p.updated_at', 'u.display_name', 'p.version']);
}

type PlanDbRow = Awaited<ReturnType<ReturnType<typeof selectPlans>['execute']>>[number];

function toPlan(r: PlanDbRow): PlanRow {
  return {
    id: r.id,
    caseId: r.case_id,
    victimPersonId: r.victim_person_id,
    riskGrade: r.risk_grade,
    reviewedOn: r.reviewed_on,
    reviewDate: r.review_date,
    actions: r.actions as StoredAction[],
    disclosures: r.disclosures as StoredDisclosure[],
    updatedAt: r.updated_at,
    updatedByName: r.display_name,
    version: r.version,
  };
}

/** Every victim's plan on the case. */
export async function plansOfCase(db: Db, caseId: string): Promise<PlanRow[]> {
  const rows = await selectPlans(db).where('p.case_id', '=', caseId).orderBy('p.created_at').orderBy('p.id').execute();
  return rows.map(toPlan);
}

/** One victim's plan (victim null: the plan of a case with no recorded victim). */
export async function planFor(db: Db, caseId: string, victimPersonId: string | null): Promise<PlanRow | undefined> {
  const query = selectPlans(db).where('p.case_id', '=', caseId);
  const row = await (victimPersonId === null ? query.where('p.victim_person_id', 'is', null) : query.where('p.victim_person_id', '=', victimPersonId)).executeTakeFirst();
  return row ? toPlan(row) : undefined;
}

export interface PlanChange {
  victimPersonId: string | null;
  riskGrade: RiskGrade;
  reviewedOn: string;
  reviewDate: string;
  actions: StoredAction[];
  disclosures: StoredDisclosure[];
  by: string;
  at: Date;
}

/** Inserts a victim's first plan; undefined when someone else made one first. */
export async function insertPlan(db: Db, caseId: string, p: PlanChange): Promise<string | undefined> {
  const row = await db
    .insertInto('risk_plans')
    .values({
      case_id: caseId,
      victim_person_id: p.victimPersonId,
      risk_grade: p.riskGrade,
      reviewed_on: p.reviewedOn,
      review_date: p.reviewDate,
      actions: JSON.stringify(p.actions),
      disclosures: JSON.stringify(p.disclosures),
      created_by: p.by,
      updated_by: p.by,
      created_at: p.at,
      updated_at: p.at,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Saves a victim's plan when it is still at the version read; false when someone else saved first. */
export async function updatePlan(db: Db, planId: string, expectedVersion: number, p: PlanChange): Promise<boolean> {
  const result = await db
    .updateTable('risk_plans')
    .set({
      risk_grade: p.riskGrade,
      reviewed_on: p.reviewedOn,
      review_date: p.reviewDate,
      actions: JSON.stringify(p.actions),
      disclosures: JSON.stringify(p.disclosures),
      updated_by: p.by,
      updated_at: p.at,
      version: sql`version + 1`,
    })
    .where('id', '=', planId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/* Force settings ----------------------------------------------------------- */

export interface SettingRow {
  key: string;
  value: unknown;
  version: number;
  updatedAt: Date;
  updatedByName: string | null;
}

export async function settingRows(db: Db): Promise<SettingRow[]> {
  const rows = await db
    .selectFrom('risk_settings as s')
    .leftJoin('users as u', 'u.id', 's.updated_by')
    .select(['s.key', 's.value', 's.version', 's.updated_at', 'u.display_name'])
    .orderBy('s.key')
    .execute();
  return rows.map((r) => ({ key: r.key, value: r.value, version: r.version, updatedAt: r.updated_at, updatedByName: r.display_name }));
}

/** Saves a setting the first time; false when someone else saved it first. */
export async function insertSetting(db: Db, key: string, value: unknown, by: string, at: Date): Promise<boolean> {
  const row = await db
    .insertInto('risk_settings')
    .values({ key, value: JSON.stringify(value), updated_by: by, updated_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return !!row;
}

/** Changes a setting when it is still at the version read; false when someone else saved first. */
export async function updateSetting(db: Db, key: string, expectedVersion: number, value: unknown, by: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('risk_settings')
    .set({ value: JSON.stringify(value), updated_by: by, updated_at: at, version: sql`version + 1` })
    .where('key', '=', key)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/* Advice ----------------------------------------------------------------- */

export interface AdviceRow {
  id: string;
  adviceId: string | null;
  text: string;
  method: 'in-person' | 'leaflet' | 'email' | 'phone';
  givenOn: string;
  warnings: Array<{ code: string; message: string }>;
  recordedAt: Date;
  recordedByName: string | null;
}

export async function adviceOfCase(db: Db, caseId: string): Promise<AdviceRow[]> {
  const rows = await db
    .selectFrom('risk_advice as a')
    .leftJoin('users as u', 'u.id', 'a.recorded_by')
    .select(['a.id', 'a.advice_id', 'a.text', 'a.method', 'a.given_on', 'a.warnings', 'a.recorded_at', 'u.display_name'])
    .where('a.case_id', '=', caseId)
    .orderBy('a.given_on')
    .orderBy('a.recorded_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    adviceId: r.advice_id,
    text: r.text,
    method: r.method,
    givenOn: r.given_on,
    warnings: r.warnings as Array<{ code: string; message: string }>,
    recordedAt: r.recorded_at,
    recordedByName: r.display_name,
  }));
}

export async function insertAdvice(
  db: Db,
  a: { caseId: string; adviceId: string | null; text: string; method: AdviceRow['method']; givenOn: string; warnings: unknown[]; by: string; at: Date },
): Promise<string> {
  const row = await db
    .insertInto('risk_advice')
    .values({
      case_id: a.caseId,
      advice_id: a.adviceId,
      text: a.text,
      method: a.method,
      given_on: a.givenOn,
      warnings: JSON.stringify(a.warnings),
      recorded_by: a.by,
      recorded_at: a.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
