/** SQL for orders, the SPO process and offender management. The only place this capability writes SQL. */
import { sql } from 'kysely';
import type { Db } from '../../platform/audit/audit-repository.ts';

export interface OrderRecord {
  id: string;
  type: string;
  subjectPersonId: string;
  subjectName: string;
  subjectRestricted: boolean;
  subjectRestrictedContact: string | null;
  caseId: string | null;
  caseReference: string | null;
  caseRestricted: boolean;
  court: string | null;
  madeOn: string;
  expiresOn: string | null;
  untilFurtherOrder: boolean;
  servedOn: string | null;
  status: 'active' | 'expired' | 'discharged' | 'refused' | 'applied';
  statusReason: string | null;
  prohibitions: string | null;
  requirements: string | null;
  offenderManagerId: string | null;
  offenderManagerName: string | null;
  managerAllocatedOn: string | null;
  ownerTeam: string | null;
  spoApplicationId: string | null;
  visitIntervalDays: number | null;
  movedInOn: string | null;
  fromForce: string | null;
  protectedPersons: Array<{ id: string; name: string; restricted: boolean }>;
  version: number;
}

export interface NewOrder {
  type: string;
  subjectPersonId: string;
  protectedPersonIds: string[];
  caseId: string | null;
  court: string | null;
  madeOn: string;
  expiresOn: string | null;
  untilFurtherOrder: boolean;
  servedOn: string | null;
  prohibitions: string | null;
  requirements: string | null;
  status?: 'active' | 'expired' | 'discharged' | 'refused' | 'applied';
  ownerTeam: string | null;
  spoApplicationId?: string | null;
  movedInOn?: string | null;
  fromForce?: string | null;
  createdBy: string;
}

export async function insertOrder(db: Db, o: NewOrder): Promise<string> {
  const { id } = await db
    .insertInto('orders')
    .values({
      type: o.type,
      subject_person_id: o.subjectPersonId,
      case_id: o.caseId,
      court: o.court,
      made_on: o.madeOn,
      expires_on: o.expiresOn,
      until_further_order: o.untilFurtherOrder,
      served_on: o.servedOn,
      prohibitions: o.prohibitions,
      requirements: o.requirements,
      status: o.status ?? 'active',
      owner_team: o.ownerTeam,
      spo_application_id: o.spoApplicationId ?? null,
      moved_in_on: o.movedInOn ?? null,
      from_force: o.fromForce ?? null,
      created_by: o.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (o.protectedPersonIds.length > 0) {
    await db.insertInto('order_protected_persons').values([...new Set(o.protectedPersonIds)].map((person_id) => ({ order_id: id, person_id }))).execute();
  }
  return id;
}

const personName = sql<string>`p.forenames || ' ' || p.surname`;

function selectOrders(db: Db) {
  return db
    .selectFrom('orders as o')
    .innerJoin('people as p', 'p.id', 'o.subject_person_id')
    .leftJoin('cases as c', 'c.id', 'o.case_id')
    .leftJoin('users as u', 'u.id', 'o.offender_manager_id')
    .select([
      'o.id',
      'o.type',
      'o.subject_person_id',
      personName.as('subject_name'),
      'p.restricted as subject_restricted',
      'p.restricted_contact as subject_restricted_contact',
      'o.case_id',
      'c.reference as case_reference',
      'c.restricted as case_restricted',
      'o.court',
      'o.made_on',
      'o.expires_on',
      'o.until_further_order',
      'o.served_on',
      'o.status',
      'o.status_reason',
      'o.prohibitions',
      'o.requirements',
      'o.offender_manager_id',
      'u.display_name as manager_name',
      'o.manager_allocated_on',
      'o.owner_team',
      'o.spo_application_id',
      'o.visit_interval_days',
      'o.moved_in_on',
      'o.from_force',
      'o.version',
    ]);
}

type OrderSelect = Awaited<ReturnType<ReturnType<typeof selectOrders>['execute']>>[number];

async function toOrders(db: Db, rows: OrderSelect[]): Promise<OrderRecord[]> {
  if (rows.length === 0) return [];
  const protectedRows = await db
    .selectFrom('order_protected_persons as op')
    .innerJoin('people as p', 'p.id', 'op.person_id')
    .select(['op.order_id', 'p.id', personName.as('name'), 'p.restricted'])
    .where('op.order_id', 'in', rows.map((r) => r.id))
    .orderBy('op.added_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    subjectPersonId: r.subject_person_id,
    subjectName: r.subject_name ?? 'Name not recorded',
    subjectRestricted: r.subject_restricted,
    subjectRestrictedContact: r.subject_restricted_contact,
    caseId: r.case_id,
    caseReference: r.case_reference,
    caseRestricted: r.case_restricted ?? false,
    court: r.court,
    madeOn: r.made_on,
    expiresOn: r.expires_on,
    untilFurtherOrder: r.until_further_order,
    servedOn: r.served_on,
    status: r.status,
    statusReason: r.status_reason,
    prohibitions: r.prohibitions,
    requirements: r.requirements,
    offenderManagerId: r.offender_manager_id,
    offenderManagerName: r.manager_name,
    managerAllocatedOn: r.manager_allocated_on,
    ownerTeam: r.owner_team,
    spoApplicationId: r.spo_application_id,
    visitIntervalDays: r.visit_interval_days,
    movedInOn: r.moved_in_on,
    fromForce: r.from_force,
    protectedPersons: protectedRows.filter((p) => p.order_id === r.id).map((p) => ({ id: p.id, name: p.name ?? 'Name not recorded', restricted: p.restricted })),
    version: r.version,
  }));
}

export async function getOrder(db: Db, id: string): Promise<OrderRecord | undefined> {
  const rows = await selectOrders(db).where('o.id', '=', id).execute();
  return (await toOrders(db, rows))[0];
}

export async function ordersOfCase(db: Db, caseId: string): Promise<OrderRecord[]> {
  const rows = await selectOrders(db).where('o.case_id', '=', caseId).orderBy('o.made_on', 'desc').execute();
  return toOrders(db, rows);
}

/** Orders made against any of these people or protecting them. */
export async function ordersInvolving(db: Db, personIds: readonly string[]): Promise<OrderRecord[]> {
  if (personIds.length === 0) return [];
  const rows = await selectOrders(db)
    .where((eb) =>
      eb.or([
        eb('o.subject_person_id', 'in', personIds),
        eb.exists(eb.selectFrom('order_protected_persons as op').select('op.order_id').whereRef('op.order_id', '=', 'o.id').where('op.person_id', 'in', personIds)),
      ]),
    )
    .orderBy('o.made_on', 'desc')
    .execute();
  return toOrders(db, rows);
}

export async function activeManagedOrders(db: Db): Promise<OrderRecord[]> {
  const rows = await selectOrders(db).where('o.status', '=', 'active').orderBy('o.made_on').execute();
  return toOrders(db, rows);
}

export async function updateOrder(
  db: Db,
  id: string,
  version: number,
  patch: Partial<{
    status: OrderRecord['status'];
    status_reason: string | null;
    offender_manager_id: string | null;
    manager_allocated_on: string | null;
    visit_interval_days: number | null;
    served_on: string | null;
    prohibitions: string | null;
    requirements: string | null;
    expires_on: string | null;
    until_further_order: boolean;
    court: string | null;
    case_id: string | null;
  }>,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('orders')
    .set({ ...patch, updated_at: at, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function userInfo(db: Db, id: string): Promise<{ id: string; name: string; roles: string[]; active: boolean } | undefined> {
  const user = await db.selectFrom('users').select(['id', 'display_name', 'active']).where('id', '=', id).executeTakeFirst();
  if (!user) return undefined;
  const roles = await db.selectFrom('user_roles').select('role').where('user_id', '=', id).execute();
  return { id: user.id, name: user.display_name, roles: roles.map((r) => r.role), active: user.active };
}

export async function usersWithRole(db: Db, role: string): Promise<Array<{ id: string; name: string }>> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.display_name'])
    .where('r.role', '=', role)
    .where('u.active', '=', true)
    .orderBy('u.display_name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name }));
}

export async function personExists(db: Db, id: string): Promise<boolean> {
  return !!(await db.selectFrom('people').select('id').where('id', '=', id).executeTakeFirst());
}

export async function hasTaskOfType(db: Db, caseId: string, type: string): Promise<boolean> {
  return !!(await db.selectFrom('tasks').select('id').where('case_id', '=', caseId).where('type', '=', type).executeTakeFirst());
}

export async function openTaskIdsOfType(db: Db, where: { caseId?: string; reportId?: string; type: string }): Promise<string[]> {
  let query = db.selectFrom('tasks').select('id').where('type', '=', where.type).where('status', '=', 'open');
  if (where.caseId) query = query.where('case_id', '=', where.caseId);
  if (where.reportId) query = query.where('report_id', '=', where.reportId);
  return (await query.execute()).map((r) => r.id);
}

/** Closes one open task by id, whatever its version (the work it asked for is done). */
export async function closeTaskDone(db: Db, id: string, change: { outcome: string; by: string; at: Date }): Promise<void> {
  await db
    .updateTable('tasks')
    .set({ status: 'done', outcome: change.outcome, completed_by: change.by, completed_at: change.at, version: sql`version + 1` })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .execute();
}

// ---------------------------------------------------------------------------
// SPO applications and stages

export interface SpoRecord {
  id: string;
  caseId: string;
  subjectPersonId: string;
  protectedPersonIds: string[];
  stage: string;
  referral: Record<string, unknown>;
  application: Record<string, unknown>;
  authority: Record<string, unknown>;
  hearing: Record<string, unknown>;
  orderId: string | null;
  interimOrderId: string | null;
  createdAt: Date;
  version: number;
}

export interface StageRecord {
  id: string;
  stage: string;
  stageOn: string;
  recordedAt: Date;
  recordedBy: string;
  recordedByName: string;
  ownerTeam: string | null;
  details: Record<string, unknown>;
}

export async function insertSpo(db: Db, s: { caseId: string; subjectPersonId: string; protectedPersonIds: string[]; referral: Record<string, unknown>; createdBy: string; at: Date }): Promise<string> {
  const { id } = await db
    .insertInto('spo_applications')
    .values({
      case_id: s.caseId,
      subject_person_id: s.subjectPersonId,
      protected_person_ids: s.protectedPersonIds,
      stage: 'referred',
      referral: JSON.stringify(s.referral),
      created_by: s.createdBy,
      updated_at: s.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

function toSpo(r: {
  id: string;
  case_id: string;
  subject_person_id: string;
  protected_person_ids: string[];
  stage: string;
  referral: Record<string, unknown>;
  application: Record<string, unknown>;
  authority: Record<string, unknown>;
  hearing: Record<string, unknown>;
  order_id: string | null;
  interim_order_id: string | null;
  created_at: Date;
  version: number;
}): SpoRecord {
  return {
    id: r.id,
    caseId: r.case_id,
    subjectPersonId: r.subject_person_id,
    protectedPersonIds: r.protected_person_ids,
    stage: r.stage,
    referral: r.referral,
    application: r.application,
    authority: r.authority,
    hearing: r.hearing,
    orderId: r.order_id,
    interimOrderId: r.interim_order_id,
    createdAt: r.created_at,
    version: r.version,
  };
}

export async function getSpo(db: Db, id: string): Promise<SpoRecord | undefined> {
  const r = await db.selectFrom('spo_applications').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toSpo(r) : undefined;
}

export async function spoOfCase(db: Db, caseId: string): Promise<SpoRecord[]> {
  const rows = await db.selectFrom('spo_applications').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
  return rows.map(toSpo);
}

export async function updateSpo(
  db: Db,
  id: string,
  version: number,
  patch: Partial<{ stage: string; application: string; authority: string; hearing: string; order_id: string; interim_order_id: string }>,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('spo_applications')
    .set({ ...patch, updated_at: at, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The stage tables: an SPO application's stages, and those of renewals, variations and discharges. */
export type StageTable = 'spo_stages' | 'order_application_stages';

export interface NewStage {
  applicationId: string;
  stage: string;
  stageOn: string;
  by: string;
  ownerTeam: string | null;
  details: Record<string, unknown>;
  at: Date;
}

export async function insertStage(db: Db, table: StageTable, s: NewStage): Promise<string> {
  const { id } = await db
    .insertInto(table)
    .values({ application_id: s.applicationId, stage: s.stage, stage_on: s.stageOn, recorded_by: s.by, recorded_at: s.at, owner_team: s.ownerTeam, details: JSON.stringify(s.details) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** An application's stages in the order they were recorded. */
export async function stagesOf(db: Db, table: StageTable, applicationId: string): Promise<StageRecord[]> {
  const base = db
    .selectFrom(`${table} as s` as 'spo_stages as s')
    .innerJoin('users as u', 'u.id', 's.recorded_by')
    .select(['s.id', 's.stage', 's.stage_on', 's.recorded_at', 's.recorded_by', 'u.display_name', 's.owner_team', 's.details'])
    .where('s.application_id', '=', applicationId);
  // Application stages carry a sequence, as two can be recorded in the same instant.
  const ordered = table === 'order_application_stages' ? base.orderBy(sql`s.seq`) : base.orderBy('s.recorded_at').orderBy('s.stage_on').orderBy('s.id');
  const rows = await ordered.execute();
  return rows.map((r) => ({ id: r.id, stage: r.stage, stageOn: r.stage_on, recordedAt: r.recorded_at, recordedBy: r.recorded_by, recordedByName: r.display_name, ownerTeam: r.owner_team, details: r.details }));
}

// ---------------------------------------------------------------------------
// Management: plan, visits, notifications, reviews, transfers

export interface PlanRecord {
  items: Array<{ kind: string; text: string; check: string }>;
  startedOn: string;
  notes: string | null;
  version: number;
}

export async function getPlan(db: Db, orderId: string): Promise<PlanRecord | undefined> {
  const r = await db.selectFrom('order_plans').selectAll().where('order_id', '=', orderId).executeTakeFirst();
  return r ? { items: r.items as PlanRecord['items'], startedOn: r.started_on, notes: r.notes, version: r.version } : undefined;
}

export async function insertPlan(db: Db, p: { orderId: string; items: unknown[]; startedOn: string; notes: string | null; by: string; at: Date }): Promise<void> {
  await db.insertInto('order_plans').values({ order_id: p.orderId, items: JSON.stringify(p.items), started_on: p.startedOn, notes: p.notes, updated_by: p.by, updated_at: p.at }).execute();
}

export async function updatePlan(db: Db, orderId: string, version: number, p: { items: unknown[]; notes: string | null; by: string; at: Date }): Promise<boolean> {
  const result = await db
    .updateTable('order_plans')
    .set({ items: JSON.stringify(p.items), notes: p.notes, updated_by: p.by, updated_at: p.at, version: sql`version + 1` })
    .where('order_id', '=', orderId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface VisitRecord {
  id: string;
  orderId: string;
  kind: 'initial' | 'planned' | 'move-in';
  dueOn: string;
  visitedOn: string | null;
  visitedByName: string | null;
  notes: string | null;
  taskId: string | null;
}

export async function insertVisit(db: Db, v: { orderId: string; kind: VisitRecord['kind']; dueOn: string; taskId: string | null }): Promise<string> {
  const { id } = await db.insertInto('order_visits').values({ order_id: v.orderId, kind: v.kind, due_on: v.dueOn, task_id: v.taskId }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function visitsOf(db: Db, orderIds: readonly string[]): Promise<VisitRecord[]> {
  if (orderIds.length === 0) return [];
  const rows = await db
    .selectFrom('order_visits as v')
    .leftJoin('users as u', 'u.id', 'v.visited_by')
    .select(['v.id', 'v.order_id', 'v.kind', 'v.due_on', 'v.visited_on', 'u.display_name', 'v.notes', 'v.task_id'])
    .where('v.order_id', 'in', orderIds)
    .orderBy('v.due_on')
    .orderBy('v.created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, orderId: r.order_id, kind: r.kind, dueOn: r.due_on, visitedOn: r.visited_on, visitedByName: r.display_name, notes: r.notes, taskId: r.task_id }));
}

export async function markVisited(db: Db, id: string, v: { visitedOn: string; by: string; notes: string | null }): Promise<boolean> {
  const result = await db.updateTable('order_visits').set({ visited_on: v.visitedOn, visited_by: v.by, notes: v.notes }).where('id', '=', id).where('visited_on', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface NotificationRecord {
  id: string;
  orderId: string;
  kind: 'initial' | 'change-of-name' | 'change-of-address';
  triggerOn: string;
  dueOn: string;
  receivedOn: string | null;
  station: string | null;
  details: string | null;
  taskId: string | null;
}

export async function insertNotification(db: Db, n: { orderId: string; kind: NotificationRecord['kind']; triggerOn: string; dueOn: string; details: string | null; by: string; taskId: string | null }): Promise<string> {
  const { id } = await db
    .insertInto('order_notifications')
    .values({ order_id: n.orderId, kind: n.kind, trigger_on: n.triggerOn, due_on: n.dueOn, details: n.details, recorded_by: n.by, task_id: n.taskId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function notificationsOf(db: Db, orderIds: readonly string[]): Promise<NotificationRecord[]> {
  if (orderIds.length === 0) return [];
  const rows = await db.selectFrom('order_notifications').selectAll().where('order_id', 'in', orderIds).orderBy('due_on').orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, orderId: r.order_id, kind: r.kind, triggerOn: r.trigger_on, dueOn: r.due_on, receivedOn: r.received_on, station: r.station, details: r.details, taskId: r.task_id }));
}

export async function markNotified(db: Db, id: string, n: { receivedOn: string; station: string | null }): Promise<boolean> {
  const result = await db.updateTable('order_notifications').set({ received_on: n.receivedOn, station: n.station }).where('id', '=', id).where('received_on', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface ReviewRecord {
  id: string;
  reviewedOn: string;
  reviewedByName: string;
  riskFactors: string;
  positiveChanges: string;
  compliance: string;
  judgement: string;
  changes: string;
}

export async function insertReview(db: Db, r: { orderId: string; reviewedOn: string; by: string; riskFactors: string; positiveChanges: string; compliance: string; judgement: string; changes: string }): Promise<string> {
  const { id } = await db
    .insertInto('order_reviews')
    .values({ order_id: r.orderId, reviewed_on: r.reviewedOn, reviewed_by: r.by, risk_factors: r.riskFactors, positive_changes: r.positiveChanges, compliance: r.compliance, judgement: r.judgement, changes: r.changes })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function reviewsOf(db: Db, orderId: string): Promise<ReviewRecord[]> {
  const rows = await db
    .selectFrom('order_reviews as r')
    .innerJoin('users as u', 'u.id', 'r.reviewed_by')
    .select(['r.id', 'r.reviewed_on', 'u.display_name', 'r.risk_factors', 'r.positive_changes', 'r.compliance', 'r.judgement', 'r.changes'])
    .where('r.order_id', '=', orderId)
    .orderBy('r.reviewed_on', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, reviewedOn: r.reviewed_on, reviewedByName: r.display_name, riskFactors: r.risk_factors, positiveChanges: r.positive_changes, compliance: r.compliance, judgement: r.judgement, changes: r.changes }));
}

export async function lastReviewOn(db: Db, orderIds: readonly string[]): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  if (orderIds.length === 0) return map;
  const rows = await db.selectFrom('order_reviews').select(['order_id', sql<string>`max(reviewed_on)::text`.as('last')]).where('order_id', 'in', orderIds).groupBy('order_id').execute();
  for (const r of rows) map.set(r.order_id, r.last);
  return map;
}

export async function plansOf(db: Db, orderIds: readonly string[]): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  if (orderIds.length === 0) return map;
  const rows = await db.selectFrom('order_plans').select(['order_id', 'started_on']).where('order_id', 'in', orderIds).execute();
  for (const r of rows) map.set(r.order_id, r.started_on);
  return map;
}

export async function insertTransfer(db: Db, t: { orderId: string; direction: 'in' | 'out'; movedOn: string; otherForce: string; pack: Record<string, unknown>; by: string }): Promise<string> {
  const { id } = await db
    .insertInto('order_transfers')
    .values({ order_id: t.orderId, direction: t.direction, moved_on: t.movedOn, other_force: t.otherForce, pack: JSON.stringify(t.pack), recorded_by: t.by })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function transfersOf(db: Db, orderId: string) {
  return db.selectFrom('order_transfers').select(['id', 'direction', 'moved_on', 'other_force', 'pack', 'recorded_at']).where('order_id', '=', orderId).orderBy('recorded_at').execute();
}

// ---------------------------------------------------------------------------
// Breaches

export interface BreachRecord {
  id: string;
  orderId: string;
  reportId: string | null;
  reportReference: string | null;
  caseId: string | null;
  breachNumber: number;
  occurredAt: Date;
  courseOfConductPrompt: string | null;
  recordedAt: Date;
}

export async function insertBreach(db: Db, b: { orderId: string; reportId: string; caseId: string; breachNumber: number; occurredAt: Date; prompt: string | null; by: string; at: Date }): Promise<string> {
  const { id } = await db
    .insertInto('order_breaches')
    .values({ order_id: b.orderId, report_id: b.reportId, case_id: b.caseId, breach_number: b.breachNumber, occurred_at: b.occurredAt, course_of_conduct_prompt: b.prompt, recorded_by: b.by, recorded_at: b.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function breachesOf(db: Db, orderId: string): Promise<BreachRecord[]> {
  const rows = await db
    .selectFrom('order_breaches as b')
    .leftJoin('reports as r', 'r.id', 'b.report_id')
    .select(['b.id', 'b.order_id', 'b.report_id', 'r.reference', 'b.case_id', 'b.breach_number', 'b.occurred_at', 'b.course_of_conduct_prompt', 'b.recorded_at'])
    .where('b.order_id', '=', orderId)
    .orderBy('b.occurred_at')
    .execute();
  return rows.map((r) => ({ id: r.id, orderId: r.order_id, reportId: r.report_id, reportReference: r.reference, caseId: r.case_id, breachNumber: r.breach_number, occurredAt: r.occurred_at, courseOfConductPrompt: r.course_of_conduct_prompt, recordedAt: r.recorded_at }));
}

/** Marks every occasion of a report as a breach of this order. */
export async function markOccasionsAsBreach(db: Db, reportId: string, orderId: string): Promise<void> {
  await db.updateTable('occasions').set({ breached_order_id: orderId }).where('report_id', '=', reportId).execute();
}

/** Every occasion recorded as breaching this order, for the conduct rules. */
export async function breachOccasions(db: Db, orderId: string) {
  const rows = await db
    .selectFrom('occasions')
    .select(['id', 'occurred_from', 'channels', 'behaviours', 'place', 'fear_of_violence', 'times', 'breached_order_id'])
    .where('breached_order_id', '=', orderId)
    .orderBy('occurred_from')
    .execute();
  return rows.map((r) => ({ id: r.id, at: r.occurred_from, channels: r.channels, behaviours: r.behaviours, place: r.place, fearOfViolence: r.fear_of_violence, times: r.times, breachedOrderId: r.breached_order_id }));
}

/** Open tasks of a type created for one order (the order's id is in the task's details). */
export async function openOrderTaskIds(db: Db, orderId: string, types: readonly string[]): Promise<string[]> {
  if (types.length === 0) return [];
  const rows = await db
    .selectFrom('tasks')
    .select('id')
    .where('type', 'in', types)
    .where('status', '=', 'open')
    .where(sql<boolean>`details->>'orderId' = ${orderId}`)
    .execute();
  return rows.map((r) => r.id);
}

/** Open tasks of these types created for one SPO application. */
export async function openSpoTaskIds(db: Db, applicationId: string, types: readonly string[]): Promise<string[]> {
  if (types.length === 0) return [];
  const rows = await db
    .selectFrom('tasks')
    .select('id')
    .where('type', 'in', types)
    .where('status', '=', 'open')
    .where(sql<boolean>`details->>'spoApplicationId' = ${applicationId}`)
    .execute();
  return rows.map((r) => r.id);
}


// ---------------------------------------------------------------------------
// Applications to renew, vary or discharge an order, and the order's history

export interface ApplicationRecord {
  id: string;
  orderId: string;
  kind: 'renewal' | 'variation' | 'discharge';
  applicant: 'police' | 'subject';
  appliedOn: string;
  grounds: string;
  evidence: Record<string, unknown>;
  proposed: Record<string, unknown>;
  stage: string;
  decision: 'apply' | 'do-not-apply' | 'support' | 'oppose' | null;
  outcome: Record<string, unknown>;
  createdAt: Date;
  createdByName: string;
  version: number;
}

export async function insertApplication(
  db: Db,
  a: { orderId: string; kind: ApplicationRecord['kind']; applicant: ApplicationRecord['applicant']; appliedOn: string; grounds: string; evidence: Record<string, unknown>; proposed: Record<string, unknown>; by: string; at: Date },
): Promise<string> {
  const { id } = await db
    .insertInto('order_applications')
    .values({
      order_id: a.orderId,
      kind: a.kind,
      applicant: a.applicant,
      applied_on: a.appliedOn,
      grounds: a.grounds,
      evidence: JSON.stringify(a.evidence),
      proposed: JSON.stringify(a.proposed),
      stage: 'applied',
      created_by: a.by,
      created_at: a.at,
      updated_at: a.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

function selectApplications(db: Db) {
  return db
    .selectFrom('order_applications as a')
    .innerJoin('users as u', 'u.id', 'a.created_by')
    .select(['a.id', 'a.order_id', 'a.kind', 'a.applicant', 'a.applied_on', 'a.grounds', 'a.evidence', 'a.proposed', 'a.stage', 'a.decision', 'a.outcome', 'a.created_at', 'u.display_name', 'a.version']);
}

type ApplicationSelect = Awaited<ReturnType<ReturnType<typeof selectApplications>['execute']>>[number];

function toApplication(r: ApplicationSelect): ApplicationRecord {
  return {
    id: r.id,
    orderId: r.order_id,
    kind: r.kind,
    applicant: r.applicant,
    appliedOn: r.applied_on,
    grounds: r.grounds,
    evidence: r.evidence,
    proposed: r.proposed,
    stage: r.stage,
    decision: r.decision,
    outcome: r.outcome,
    createdAt: r.created_at,
    createdByName: r.display_name,
    version: r.version,
  };
}

export async function getApplication(db: Db, id: string): Promise<ApplicationRecord | undefined> {
  const r = await selectApplications(db).where('a.id', '=', id).executeTakeFirst();
  return r ? toApplication(r) : undefined;
}

export async function applicationsOf(db: Db, orderIds: readonly string[]): Promise<ApplicationRecord[]> {
  if (orderIds.length === 0) return [];
  const rows = await selectApplications(db).where('a.order_id', 'in', orderIds).orderBy('a.created_at').orderBy('a.id').execute();
  return rows.map(toApplication);
}

export async function updateApplication(
  db: Db,
  id: string,
  version: number,
  patch: Partial<{ stage: string; decision: ApplicationRecord['decision']; outcome: string }>,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('order_applications')
    .set({ ...patch, updated_at: at, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Open tasks of these types created for one application to the court. */
export async function openApplicationTaskIds(db: Db, applicationId: string, types: readonly string[]): Promise<string[]> {
  if (types.length === 0) return [];
  const rows = await db
    .selectFrom('tasks')
    .select('id')
    .where('type', 'in', types)
    .where('status', '=', 'open')
    .where(sql<boolean>`details->>'orderApplicationId' = ${applicationId}`)
    .execute();
  return rows.map((r) => r.id);
}

/** Cancels open tasks of these types on an order (the order no longer needs them). */
export async function cancelOrderTasks(db: Db, orderId: string, types: readonly string[], change: { outcome: string; by: string; at: Date }): Promise<number> {
  if (types.length === 0) return 0;
  const result = await db
    .updateTable('tasks')
    .set({ status: 'cancelled', outcome: change.outcome, completed_by: change.by, completed_at: change.at, version: sql`version + 1` })
    .where('type', 'in', types)
    .where('status', '=', 'open')
    .where(sql<boolean>`details->>'orderId' = ${orderId}`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface HistoryRecord {
  id: string;
  applicationId: string | null;
  change: 'renewed' | 'varied' | 'discharged';
  changedOn: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  recordedByName: string;
  recordedAt: Date;
}

export async function insertHistory(db: Db, h: { orderId: string; applicationId: string | null; change: HistoryRecord['change']; changedOn: string; before: Record<string, unknown>; after: Record<string, unknown>; by: string; at: Date }): Promise<string> {
  const { id } = await db
    .insertInto('order_history')
    .values({ order_id: h.orderId, application_id: h.applicationId, change: h.change, changed_on: h.changedOn, before: JSON.stringify(h.before), after: JSON.stringify(h.after), recorded_by: h.by, recorded_at: h.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function historyOf(db: Db, orderId: string): Promise<HistoryRecord[]> {
  const rows = await db
    .selectFrom('order_history as h')
    .innerJoin('users as u', 'u.id', 'h.recorded_by')
    .select(['h.id', 'h.application_id', 'h.change', 'h.changed_on', 'h.before', 'h.after', 'u.display_name', 'h.recorded_at'])
    .where('h.order_id', '=', orderId)
    .orderBy('h.seq')
    .execute();
  return rows.map((r) => ({ id: r.id, applicationId: r.application_id, change: r.change, changedOn: r.changed_on, before: r.before, after: r.after, recordedByName: r.display_name, recordedAt: r.recorded_at }));
}

/** Whether a case has an SPO consideration task open or done, or an SPO application (either means an SPO is being or was considered). */
export async function spoConsidered(db: Db, caseId: string): Promise<boolean> {
  const task = await db.selectFrom('tasks').select('id').where('case_id', '=', caseId).where('type', '=', 'spo-consideration').where('status', 'in', ['open', 'done']).executeTakeFirst();
  if (task) return true;
  return !!(await db.selectFrom('spo_applications').select('id').where('case_id', '=', caseId).executeTakeFirst());
}

/** Open tasks of a type whose details name this record (`orderId` or `spoApplicationId`). */
export async function hasOpenTaskFor(db: Db, type: string, key: 'orderId' | 'spoApplicationId', id: string): Promise<boolean> {
  const row = await db
    .selectFrom('tasks')
    .select('id')
    .where('type', '=', type)
    .where('status', '=', 'open')
    .where(sql<boolean>`details->>${key} = ${id}`)
    .executeTakeFirst();
  return !!row;
}

/** The hearing date of each application's latest listing. */
export async function hearingDates(db: Db, applicationIds: readonly string[]): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  if (applicationIds.length === 0) return map;
  const rows = await db
    .selectFrom('order_application_stages')
    .select(['application_id', sql<string>`details->>'hearingOn'`.as('hearing_on')])
    .where('application_id', 'in', applicationIds)
    .where('stage', '=', 'hearing-listed')
    .orderBy('seq')
    .execute();
  for (const r of rows) if (r.hearing_on) map.set(r.application_id, r.hearing_on);
  return map;
}
