/**
 * Orders and offender management (issue 8): the orders register, the SPO process stage by
 * stage, management after grant (offender manager, notification requirements, visits by the
 * subject management plan, supervisor reviews, renewal, moves between forces), breaches and
 * the orders due page. Every use case checks its permission first, then does the work and
 * its audit rows in one transaction.
 */
import { z } from 'zod';
import type { Permission } from '../../domain/access/index.ts';
import { addDays, compareLocalDates, dueInstant, isLocalDate, londonDateOf, todayInLondon, victimNotificationDue, type LocalDate } from '../../domain/calendar/index.ts';
import { behaviours as behaviourOptions, channels as channelOptions, relationships as relationshipOptions } from '../../domain/classification/index.ts';
import {
  APPLICANTS,
  APPLICANT_LABELS,
  APPLICATION_DECISIONS,
  APPLICATION_DECISION_LABELS,
  APPLICATION_KINDS,
  APPLICATION_KIND_LABELS,
  APPLICATION_STAGES,
  APPLICATION_STAGE_LABELS,
  APPLICATION_STAGE_PERMISSION,
  APPLICATION_TASK_TYPES,
  GRANT_TASKS,
  NOTIFICATION_LABELS,
  RENEWAL_EVIDENCE,
  ORDER_TYPE_CODES,
  RENEWAL_EVIDENCE_PROMPTS,
  SPO_STAGE_LABELS,
  SPO_STAGE_PERMISSION,
  SPO_STAGES,
  TRANSFER_PACK_ITEMS,
  applicationProblems,
  applicationTransitionProblem,
  assessBreach,
  authorityProblems,
  crossForceConsultationDue,
  decisionProblems,
  decisionsFor,
  draftProblems,
  isFinalApplication,
  nextApplicationStages,
  nextTaskAfter,
  renewalEndProblem,
  breachRuleFor,
  dueState,
  expiryOf,
  isSpoType,
  moveInDue,
  nextReviewDue,
  nextSpoStages,
  nextVisitDue,
  notificationDueOn,
  orderTypeInfo,
  planFromTerms,
  renewalSubmissionDue,
  spoGrantDeadlines,
  spoTermProblem,
  termOf,
  transitionProblem,
  westYorkshireOrdersPolicy,
  type ApplicationDecision,
  type ApplicationStage,
  type ApplicationState,
  type ApplicationTask,
  type DueState,
  type NotificationKind,
  type SpoStage,
} from '../../domain/orders/index.ts';
import { requirePermission, type RequestContext } from '../../platform/auth/actor.ts';
import { appendAudit, type AuditAction, type Db } from '../../platform/audit/audit-repository.ts';
import { ConflictError, ForbiddenError, NotFoundError, RestrictedRecordError, ValidationError, type FieldError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import * as cases from '../cases/repository.ts';
import { createSubmittedReportIn } from '../intake/service.ts';
import { DEFAULT_RESTRICTED_CONTACT } from '../people/labels.ts';
import { isNamedOnRecord } from '../people/repository.ts';
import { requestReassessment } from '../risk/service.ts';
import { insertTasks, type NewTask } from '../tasks/repository.ts';
import * as repo from './repository.ts';
import { runUseCase } from '../../platform/db/use-case.ts';
import { caseForChange } from '../cases/access.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const POLICY = westYorkshireOrdersPolicy;

// ---------------------------------------------------------------------------
// Plumbing

function audit(tx: Db, ctx: RequestContext, action: AuditAction, recordType: string, recordId: string, details: Record<string, unknown> = {}) {
  return appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action, recordType, recordId, details, requestId: ctx.requestId });
}

function requireAny(ctx: RequestContext, permissions: readonly Permission[]): void {
  if (!permissions.some((p) => ctx.actor.permissions.has(p))) throw new ForbiddenError();
}

/** Restricted subjects and cases: only users named on the record see the order. */
async function assertNotRestricted(tx: Db, ctx: RequestContext, order: repo.OrderRecord): Promise<void> {
  const checks: Array<{ type: string; id: string; restricted: boolean; contact: string | null }> = [
    { type: 'person', id: order.subjectPersonId, restricted: order.subjectRestricted, contact: order.subjectRestrictedContact },
    ...(order.caseId ? [{ type: 'case', id: order.caseId, restricted: order.caseRestricted, contact: null }] : []),
  ];
  for (const c of checks) {
    if (c.restricted && !(await isNamedOnRecord(tx, c.type, c.id, ctx.actor.id))) {
      await audit(tx, ctx, 'view-denied', 'order', order.id, { restricted: true, via: c.type });
      throw new RestrictedRecordError(c.contact ?? DEFAULT_RESTRICTED_CONTACT);
    }
  }
}

async function loadOrder(tx: Db, ctx: RequestContext, id: string): Promise<repo.OrderRecord> {
  const order = await repo.getOrder(tx, id);
  if (!order) throw new NotFoundError('There is no order with that reference.');
  await assertNotRestricted(tx, ctx, order);
  return order;
}

function conflict(): never {
  throw new ConflictError('Someone else changed this record since you opened it. Reload it to see the latest version.');
}

function localDate(label: string) {
  return z.string(`Enter the ${label}`).trim().min(1, `Enter the ${label}`).refine(isLocalDate, `Enter a real ${label}`);
}
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`)
    .optional()
    .transform((v) => v || undefined);
const requiredText = (max: number, message: string) => z.string(message).trim().min(1, message).max(max, `Use ${max.toLocaleString('en-GB')} characters or fewer`);
const yesNo = z.preprocess((v) => v === true || v === 'yes' || v === 'true', z.boolean());
const uuidList = (message: string) => z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.uuid(message)).max(20, 'Choose 20 or fewer'));
const optionalUuid = (message: string) => z.preprocess((v) => (v === '' ? undefined : v), z.uuid(message).optional());
const optionalDate = (label: string) => z.preprocess((v) => (v === '' || v === null ? undefined : v), localDate(label).optional());
const optionalInt = (min: number, max: number, label: string) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number(`Enter ${label} as a number`).int(`Enter ${label} as a whole number`).min(min, `${label} must be ${min} or more`).max(max, `${label} must be ${max} or fewer`).optional());

function taskDueOn(date: LocalDate): Date {
  return dueInstant(date);
}

// ---------------------------------------------------------------------------
// The register

export const orderInput = z
  .object({
    type: z.enum(ORDER_TYPE_CODES, 'Choose the type of order'),
    subjectPersonId: z.uuid('Choose the subject of the order'),
    protectedPersonIds: uuidList('Choose the protected people from the list').refine((l) => l.length > 0, 'Choose at least one protected person'),
    caseId: optionalUuid('Not a valid case reference'),
    court: optionalText(200, 'The court'),
    madeOn: localDate('date the order was made'),
    untilFurtherOrder: yesNo.default(false),
    expiresOn: optionalDate('expiry date'),
    servedOn: optionalDate('date of service'),
    prohibitions: requiredText(4000, 'Enter the prohibitions (or conditions) of the order'),
    requirements: optionalText(4000, 'The requirements'),
    movedInOn: optionalDate('date the subject moved into the force area'),
    fromForce: optionalText(120, 'The force'),
  })
  .superRefine((o, ctx) => {
    if (!o.untilFurtherOrder && !o.expiresOn) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'Enter the expiry date, or say the order lasts until further order' });
    if (o.untilFurtherOrder && o.expiresOn) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'An order until further order has no expiry date' });
    if (o.expiresOn && compareLocalDates(o.expiresOn, o.madeOn) <= 0) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'The expiry date must be after the date the order was made' });
    if (o.servedOn && compareLocalDates(o.servedOn, o.madeOn) < 0) ctx.addIssue({ code: 'custom', path: ['servedOn'], message: 'The date of service must be on or after the date the order was made' });
    if (o.movedInOn && !o.fromForce) ctx.addIssue({ code: 'custom', path: ['fromForce'], message: 'Enter the force the subject moved from' });
    if (o.protectedPersonIds.includes(o.subjectPersonId)) ctx.addIssue({ code: 'custom', path: ['protectedPersonIds'], message: 'The subject cannot also be a protected person' });
  });
export type OrderInput = z.infer<typeof orderInput>;

/** Registers an order of any type. SPOs (and subjects moving in under one) start offender management. */
export async function createOrder(deps: Deps, ctx: RequestContext, input: OrderInput): Promise<{ id: string }> {
  requirePermission(ctx.actor, 'orders:manage');
  const now = deps.clock.now();
  return runUseCase(deps, async (tx) => {
    for (const id of [input.subjectPersonId, ...input.protectedPersonIds]) {
      if (!(await repo.personExists(tx, id))) throw new ValidationError([{ field: id === input.subjectPersonId ? 'subjectPersonId' : 'protectedPersonIds', message: 'That person is not on record' }]);
    }
    if (input.caseId) await caseForChange(tx, ctx, input.caseId, 'orders');
    const id = await repo.insertOrder(tx, {
      type: input.type,
      subjectPersonId: input.subjectPersonId,
      protectedPersonIds: input.protectedPersonIds,
      caseId: input.caseId ?? null,
      court: input.court ?? null,
      madeOn: input.madeOn,
      expiresOn: input.expiresOn ?? null,
      untilFurtherOrder: input.untilFurtherOrder,
      servedOn: input.servedOn ?? null,
      prohibitions: input.prohibitions,
      requirements: input.requirements ?? null,
      ownerTeam: isSpoType(input.type) ? POLICY.offenderManagementTeam : null,
      movedInOn: input.movedInOn ?? null,
      fromForce: input.fromForce ?? null,
      createdBy: ctx.actor.id,
    });
    await audit(tx, ctx, 'create', 'order', id, { type: input.type, caseId: input.caseId ?? null });
    const order = (await repo.getOrder(tx, id))!;
    if (input.movedInOn) await startMoveIn(tx, ctx, order, input.movedInOn, now);
    else if (isSpoType(input.type)) await startManagement(tx, ctx, order, now);
    if (input.fromForce && !input.movedInOn) {
      await consultOtherForce(tx, ctx, { caseId: order.caseId, key: 'orderId', id: order.id }, { force: input.fromForce, from: londonDateOf(now), title: `Order referred by ${input.fromForce}: consult them about its terms, the subject’s management and the victim` });
    }
    return { id };
  });
}

function orderTask(order: repo.OrderRecord, t: Omit<NewTask, 'caseId' | 'details' | 'createdBy'> & { details?: Record<string, unknown> }, by: string): NewTask {
  return { ...t, caseId: order.caseId, details: { orderId: order.id, ...(t.details ?? {}) }, createdBy: by };
}

/**
 * After a grant: the subject management plan from the order's terms, the initial visit
 * within 7 days, the notification requirement if the order has been served, and the
 * allocation of an offender manager.
 */
async function startManagement(tx: Db, ctx: RequestContext, order: repo.OrderRecord, now: Date): Promise<string[]> {
  const due = spoGrantDeadlines(order.madeOn, 'until further order', POLICY.deadlines);
  const taskIds: string[] = [];
  if (!(await repo.getPlan(tx, order.id))) {
    await repo.insertPlan(tx, { orderId: order.id, items: planFromTerms(order), startedOn: order.madeOn, notes: null, by: ctx.actor.id, at: now });
  }
  const [visitTask, allocateTask] = await insertTasks(tx, [
    orderTask(order, { type: 'order-initial-visit', title: `Initial visit to the subject of the order (due by ${due.initialVisitDue})`, ownerTeam: POLICY.offenderManagementTeam, dueAt: taskDueOn(due.initialVisitDue) }, ctx.actor.id),
    orderTask(order, { type: 'order-allocate-manager', title: 'Allocate an offender manager for the subject of the order', ownerTeam: POLICY.offenderManagementTeam, dueAt: taskDueOn(due.initialVisitDue) }, ctx.actor.id),
  ]);
  taskIds.push(visitTask!, allocateTask!);
  await repo.insertVisit(tx, { orderId: order.id, kind: 'initial', dueOn: due.initialVisitDue, taskId: visitTask! });
  if (order.servedOn) taskIds.push(await addNotificationDue(tx, ctx, order, 'initial', order.servedOn, null));
  return taskIds;
}

async function startMoveIn(tx: Db, ctx: RequestContext, order: repo.OrderRecord, movedInOn: LocalDate, now: Date): Promise<void> {
  const due = moveInDue(movedInOn, POLICY);
  if (!(await repo.getPlan(tx, order.id))) {
    await repo.insertPlan(tx, { orderId: order.id, items: planFromTerms(order), startedOn: movedInOn, notes: null, by: ctx.actor.id, at: now });
  }
  const [allocateTask, visitTask] = await insertTasks(tx, [
    orderTask(order, { type: 'order-allocate-manager', title: `Subject moved in from ${order.fromForce ?? 'another force'}: allocate an offender manager by ${due.allocateOffenderManagerBy}`, ownerTeam: POLICY.offenderManagementTeam, dueAt: taskDueOn(due.allocateOffenderManagerBy) }, ctx.actor.id),
    orderTask(order, { type: 'order-initial-visit', title: `Subject moved in: first visit by ${due.firstVisitBy}`, ownerTeam: POLICY.offenderManagementTeam, dueAt: taskDueOn(due.firstVisitBy) }, ctx.actor.id),
  ]);
  void allocateTask;
  await repo.insertVisit(tx, { orderId: order.id, kind: 'move-in', dueOn: due.firstVisitBy, taskId: visitTask! });
  await repo.insertTransfer(tx, { orderId: order.id, direction: 'in', movedOn: movedInOn, otherForce: order.fromForce ?? 'Not recorded', pack: {}, by: ctx.actor.id });
  const force = order.fromForce ?? 'the force the subject moved from';
  await consultOtherForce(tx, ctx, { caseId: order.caseId, key: 'orderId', id: order.id }, { force, from: movedInOn, title: `Subject moved in from ${force}: consult them for the statement of service, management plan and risk information` });
  await audit(tx, ctx, 'create', 'order-transfer', order.id, { direction: 'in', movedOn: movedInOn });
}

async function addNotificationDue(tx: Db, ctx: RequestContext, order: repo.OrderRecord, kind: NotificationKind, triggerOn: LocalDate, details: string | null): Promise<string> {
  const dueOn = notificationDueOn(triggerOn, POLICY);
  const [taskId] = await insertTasks(tx, [
    orderTask(order, { type: 'order-notification', title: `Notification requirement: ${NOTIFICATION_LABELS[kind].toLowerCase()}, due in person by ${dueOn}`, ownerTeam: POLICY.offenderManagementTeam, dueAt: taskDueOn(dueOn), details: { kind } }, ctx.actor.id),
  ]);
  const id = await repo.insertNotification(tx, { orderId: order.id, kind, triggerOn, dueOn, details, by: ctx.actor.id, taskId: taskId! });
  await audit(tx, ctx, 'create', 'order-notification', id, { orderId: order.id, kind, dueOn });
  return taskId!;
}

// ---------------------------------------------------------------------------
// Reading an order

export interface DueItem {
  orderId: string;
  kind: 'visit' | 'notification' | 'allocate-manager' | 'plan-review' | 'renewal' | 'expiry' | 'hearing';
  label: string;
  dueOn: LocalDate;
  state: DueState;
  team: string;
  subjectName: string;
  orderType: string;
  caseId: string | null;
  caseReference: string | null;
}

export interface OrderView {
  order: repo.OrderRecord;
  typeLabel: string;
  statute: string;
  inForce: boolean;
  plan: repo.PlanRecord | undefined;
  visits: repo.VisitRecord[];
  notifications: repo.NotificationRecord[];
  reviews: repo.ReviewRecord[];
  breaches: repo.BreachRecord[];
  transfers: Awaited<ReturnType<typeof repo.transfersOf>>;
  due: DueItem[];
  renewalDue: LocalDate | null;
  renewalPrompts: readonly string[];
  managers: Array<{ id: string; name: string }>;
  today: LocalDate;
  applications: ApplicationView['application'][];
  history: repo.HistoryRecord[];
}

function inForce(order: repo.OrderRecord, today: LocalDate): boolean {
  return order.status === 'active' && compareLocalDates(order.madeOn, today) <= 0 && (order.expiresOn === null || compareLocalDates(order.expiresOn, today) >= 0);
}

/** What is due on one order: open visits, notifications, allocation, plan review, renewal. */
function dueItemsOf(
  order: repo.OrderRecord,
  facts: { visits: repo.VisitRecord[]; notifications: repo.NotificationRecord[]; planStartedOn: string | undefined; lastReviewOn: string | undefined; applications: repo.ApplicationRecord[]; hearings: Map<string, LocalDate> },
  today: LocalDate,
): DueItem[] {
  if (order.status !== 'active') return [];
  const base = { orderId: order.id, team: order.ownerTeam ?? POLICY.offenderManagementTeam, subjectName: order.subjectName, orderType: order.type, caseId: order.caseId, caseReference: order.caseReference };
  const items: DueItem[] = [];
  const add = (kind: DueItem['kind'], label: string, dueOn: LocalDate) => items.push({ ...base, kind, label, dueOn, state: dueState(dueOn, today, POLICY) });
  for (const v of facts.visits.filter((x) => x.orderId === order.id && !x.visitedOn)) add('visit', v.kind === 'initial' ? 'Initial visit' : v.kind === 'move-in' ? 'First visit after moving in' : 'Planned visit', v.dueOn);
  for (const n of facts.notifications.filter((x) => x.orderId === order.id && !x.receivedOn)) add('notification', `Notification: ${NOTIFICATION_LABELS[n.kind].toLowerCase()}`, n.dueOn);
  const managed = isSpoType(order.type) || order.movedInOn !== null;
  if (managed && !order.offenderManagerId) {
    add('allocate-manager', 'Allocate an offender manager', order.movedInOn ? moveInDue(order.movedInOn, POLICY).allocateOffenderManagerBy : spoGrantDeadlines(order.madeOn, 'until further order', POLICY.deadlines).initialVisitDue);
  }
  if (facts.planStartedOn) add('plan-review', 'Supervisor review of the management plan', nextReviewDue(facts.lastReviewOn ?? null, facts.planStartedOn, POLICY));
  const open = facts.applications.filter((a) => a.orderId === order.id && !isFinalApplication(stateOf(a)));
  const renewing = open.some((a) => a.kind === 'renewal');
  if (order.expiresOn && isSpoType(order.type) && order.type !== 'interim-stalking-protection-order' && !renewing) add('renewal', 'Renewal submission (with evidence)', renewalSubmissionDue(order.expiresOn, POLICY.deadlines));
  else if (order.expiresOn && managed) add('expiry', 'Order expires', order.expiresOn);
  for (const a of open) {
    const hearingOn = facts.hearings.get(a.id);
    if (a.stage === 'hearing-listed' && hearingOn) add('hearing', `Court hearing: ${APPLICATION_KIND_LABELS[a.kind].toLowerCase()} application`, hearingOn);
  }
  return items;
}

export async function viewOrder(deps: Deps, ctx: RequestContext, id: string): Promise<OrderView> {
  requireAny(ctx, ['cases:read', 'orders:manage', 'orders:authorise']);
  const today = todayInLondon(deps.clock);
  return runUseCase(deps, async (tx) => {
    const order = await loadOrder(tx, ctx, id);
    const [applications, history] = await Promise.all([repo.applicationsOf(tx, [id]), repo.historyOf(tx, id)]);
    const hearings = await repo.hearingDates(tx, applications.filter((a) => a.stage === 'hearing-listed').map((a) => a.id));
    const [plan, visits, notifications, reviews, breaches, transfers, managers] = await Promise.all([
      repo.getPlan(tx, id),
      repo.visitsOf(tx, [id]),
      repo.notificationsOf(tx, [id]),
      repo.reviewsOf(tx, id),
      repo.breachesOf(tx, id),
      repo.transfersOf(tx, id),
      repo.usersWithRole(tx, 'offender-manager'),
    ]);
    const info = orderTypeInfo(order.type);
    await audit(tx, ctx, 'view', 'order', id);
    return {
      order,
      typeLabel: info?.label ?? order.type,
      statute: info?.statute ?? '',
      inForce: inForce(order, today),
      plan,
      visits,
      notifications,
      reviews,
      breaches,
      transfers,
      due: dueItemsOf(order, { visits, notifications, planStartedOn: plan?.startedOn, lastReviewOn: reviews[0]?.reviewedOn, applications, hearings }, today).sort((a, b) => compareLocalDates(a.dueOn, b.dueOn)),
      applications: applications.map(labelled),
      history,
      renewalDue: order.expiresOn && isSpoType(order.type) ? renewalSubmissionDue(order.expiresOn, POLICY.deadlines) : null,
      renewalPrompts: RENEWAL_EVIDENCE_PROMPTS,
      managers,
      today,
    };
  });
}

export interface CaseOrders {
  caseRecord: cases.CaseRecord;
  parties: cases.PartyName[];
  orders: Array<repo.OrderRecord & { typeLabel: string; inForce: boolean }>;
  applications: Array<repo.SpoRecord & { stageLabel: string; next: SpoStage[] }>;
  canRefer: boolean;
  canRegister: boolean;
}

/** Orders involving the case's people, and SPO applications on the case. */
export async function ordersForCase(deps: Deps, ctx: RequestContext, caseId: string): Promise<CaseOrders> {
  requirePermission(ctx.actor, 'cases:read');
  const today = todayInLondon(deps.clock);
  return runUseCase(deps, async (tx) => {
    const caseRecord = await caseForChange(tx, ctx, caseId, 'orders');
    const parties = await cases.partiesOfCase(tx, caseId);
    const orders = await repo.ordersInvolving(tx, parties.map((p) => p.personId));
    const applications = await repo.spoOfCase(tx, caseId);
    await audit(tx, ctx, 'view', 'case', caseId, { area: 'orders' });
    return {
      caseRecord,
      parties,
      orders: orders.map((o) => ({ ...o, typeLabel: orderTypeInfo(o.type)?.label ?? o.type, inForce: inForce(o, today) })),
      applications: applications.map((a) => ({ ...a, stageLabel: SPO_STAGE_LABELS[a.stage as SpoStage] ?? a.stage, next: [...nextSpoStages(a.stage as SpoStage)] })),
      canRefer: ctx.actor.permissions.has('cases:write'),
      canRegister: ctx.actor.permissions.has('orders:manage'),
    };
  });
}

// ---------------------------------------------------------------------------
// The SPO process

export const referralInput = z.object({
  subjectPersonId: z.uuid('Choose the subject'),
  protectedPersonIds: uuidList('Choose the people the order would protect').refine((l) => l.length > 0, 'Choose at least one person the order would protect'),
  referredOn: localDate('date of the referral'),
  actsOfStalking: requiredText(8000, 'Describe the acts associated with stalking the subject has carried out'),
  riskToVictim: requiredText(8000, 'Describe the risk associated with stalking the subject poses'),
  whyNecessary: requiredText(8000, 'Explain why an order is necessary to protect the victim'),
  proposedProhibitions: requiredText(4000, 'Enter the proposed prohibitions'),
  proposedRequirements: optionalText(4000, 'The proposed requirements'),
  victimViews: optionalText(4000, 'The victim’s views'),
  crossForce: yesNo.default(false),
  otherForce: optionalText(120, 'The other force'),
}).superRefine((r, ctx) => {
  if (r.crossForce && !r.otherForce) ctx.addIssue({ code: 'custom', path: ['otherForce'], message: 'Enter the other force (where the victim or subject lives)' });
});
export type ReferralInput = z.infer<typeof referralInput>;

/** SPOR1: the officer in the case refers an SPO to the SCU. */
export async function referSpo(deps: Deps, ctx: RequestContext, caseId: string, input: ReferralInput): Promise<{ id: string }> {
  requirePermission(ctx.actor, SPO_STAGE_PERMISSION.referred);
  const now = deps.clock.now();
  return runUseCase(deps, async (tx) => {
    await caseForChange(tx, ctx, caseId, 'orders');
    const parties = await cases.partiesOfCase(tx, caseId);
    const errors: FieldError[] = [];
    if (!parties.some((p) => p.role === 'suspect' && p.personId === input.subjectPersonId)) errors.push({ field: 'subjectPersonId', message: 'Choose a suspect on this case as the subject' });
    if (input.protectedPersonIds.some((id) => !parties.some((p) => p.role === 'victim' && p.personId === id))) errors.push({ field: 'protectedPersonIds', message: 'Choose victims on this case as the protected people' });
    if (errors.length) throw new ValidationError(errors);
    const { subjectPersonId, protectedPersonIds, referredOn, ...referral } = input;
    const id = await repo.insertSpo(tx, { caseId, subjectPersonId, protectedPersonIds, referral: { ...referral, referredOn }, createdBy: ctx.actor.id, at: now });
    await repo.insertStage(tx, 'spo_stages', { applicationId: id, stage: 'referred', stageOn: referredOn, by: ctx.actor.id, ownerTeam: POLICY.scuTeam, details: { form: 'SPOR1' }, at: now });
    for (const taskId of await repo.openTaskIdsOfType(tx, { caseId, type: 'spo-consideration' })) await repo.closeTaskDone(tx, taskId, { outcome: 'Referred to the SCU', by: ctx.actor.id, at: now });
    await insertTasks(tx, [{ type: 'spo-scu-decision', title: 'SCU: decide on the SPO referral (SPOR1)', caseId, ownerTeam: POLICY.scuTeam, dueAt: new Date(now.getTime() + 7 * DAY), details: { spoApplicationId: id }, createdBy: ctx.actor.id }]);
    if (input.crossForce && input.otherForce) {
      await consultOtherForce(tx, ctx, { caseId, key: 'spoApplicationId', id }, { force: input.otherForce, from: referredOn, title: `Cross-force SPO: consult ${input.otherForce} and legal services about the application` });
    }
    await audit(tx, ctx, 'create', 'spo-application', id, { caseId, stage: 'referred' });
    return { id };
  });
}

const stageBase = { version: z.coerce.number('Reload the page and try again').int().positive(), stageOn: localDate('date of this stage') };
export const stageInput = z.discriminatedUnion('stage', [
  z.object({ stage: z.literal('scu-approved'), ...stageBase, reason: requiredText(4000, 'Give the SCU’s reasons') }),
  z.object({ stage: z.literal('scu-declined'), ...stageBase, reason: requiredText(4000, 'Give the SCU’s reasons') }),
  z.object({
    stage: z.literal('application-prepared'),
    ...stageBase,
    statement: requiredText(20000, 'Enter the overarching statement'),
    proposedProhibitions: requiredText(4000, 'Enter the proposed prohibitions'),
    proposedRequirements: optionalText(4000, 'The proposed requirements'),
    interimSought: yesNo.default(false),
    untilFurtherOrder: yesNo.default(false),
    termYears: optionalInt(2, 20, 'The term in years'),
  }),
  z.object({
    stage: z.literal('authorised'),
    ...stageBase,
    necessary: optionalText(4000, 'Necessary'),
    proportionate: optionalText(4000, 'Proportionate'),
    justified: optionalText(4000, 'Justified'),
    humanRightsSubject: optionalText(4000, 'The subject’s human rights'),
    humanRightsVictim: optionalText(4000, 'The victim’s human rights'),
  }),
  z.object({ stage: z.literal('not-authorised'), ...stageBase, reason: optionalText(4000, 'The reason') }),
  z.object({ stage: z.literal('hearing-listed'), ...stageBase, court: requiredText(200, 'Enter the court'), hearingOn: localDate('hearing date') }),
  z.object({
    stage: z.literal('interim-granted'),
    ...stageBase,
    court: requiredText(200, 'Enter the court'),
    prohibitions: requiredText(4000, 'Enter the prohibitions the court made'),
    requirements: optionalText(4000, 'The requirements'),
    servedOn: optionalDate('date of service'),
    expiresOn: optionalDate('date the interim order ends'),
  }),
  z.object({
    stage: z.literal('granted'),
    ...stageBase,
    court: requiredText(200, 'Enter the court'),
    prohibitions: requiredText(4000, 'Enter the prohibitions the court made'),
    requirements: optionalText(4000, 'The requirements'),
    servedOn: optionalDate('date of service'),
    untilFurtherOrder: yesNo.default(false),
    termYears: optionalInt(0, 20, 'The term in years'),
    termMonths: optionalInt(0, 11, 'The months'),
  }),
  z.object({ stage: z.literal('refused'), ...stageBase, reason: requiredText(4000, 'Give the court’s reasons') }),
  z.object({ stage: z.literal('withdrawn'), ...stageBase, reason: requiredText(4000, 'Give the reason for withdrawing') }),
], { error: () => 'Choose the stage to record' });
export type StageInput = z.infer<typeof stageInput>;

/** The permission a stage needs, for routes that decide before parsing everything. */
export function permissionForStage(stage: unknown): Permission | undefined {
  return (SPO_STAGES as readonly unknown[]).includes(stage) ? SPO_STAGE_PERMISSION[stage as SpoStage] : undefined;
}

const STAGE_TASKS: Partial<Record<SpoStage, string[]>> = {
  'scu-approved': ['spo-scu-decision'],
  'scu-declined': ['spo-scu-decision'],
  'application-prepared': ['spo-prepare-application'],
  authorised: ['spo-authorise'],
  'not-authorised': ['spo-authorise'],
  'hearing-listed': ['spo-list-hearing'],
  'interim-granted': ['spo-hearing-outcome'],
  granted: ['spo-hearing-outcome'],
  refused: ['spo-hearing-outcome'],
  withdrawn: ['spo-scu-decision', 'spo-prepare-application', 'spo-authorise', 'spo-list-hearing', 'spo-hearing-outcome'],
};

export interface StageResult {
  stage: SpoStage;
  orderId: string | null;
  taskIds: string[];
}

/** Records the next stage of an SPO application: dated, owned by the recorder, audited. */
export async function recordStage(deps: Deps, ctx: RequestContext, applicationId: string, input: StageInput): Promise<StageResult> {
  requirePermission(ctx.actor, SPO_STAGE_PERMISSION[input.stage]);
  const now = deps.clock.now();
  return runUseCase(deps, async (tx) => {
    const spo = await repo.getSpo(tx, applicationId);
    if (!spo) throw new NotFoundError('There is no SPO application with that reference.');
    const caseRecord = await caseForChange(tx, ctx, spo.caseId, 'orders');
    if (spo.version !== input.version) conflict();
    const problem = transitionProblem(spo.stage as SpoStage, input.stage);
    if (problem) throw new ValidationError([problem]);
    if (input.stage === 'authorised' || input.stage === 'not-authorised') {
      const problems = authorityProblems(input.stage, input);
      if (problems.length) throw new ValidationError(problems);
    }
    if (input.stage === 'application-prepared' && !input.untilFurtherOrder && input.termYears === undefined) {
      throw new ValidationError([{ field: 'termYears', message: 'Enter the term sought (at least 2 years), or say until further order' }]);
    }
    if (input.stage === 'granted') {
      if (!input.untilFurtherOrder && input.termYears === undefined && input.termMonths === undefined) throw new ValidationError([{ field: 'termYears', message: 'Enter the term of the order, or say until further order' }]);
      const termProblem = spoTermProblem(termOf({ untilFurtherOrder: input.untilFurtherOrder, years: input.termYears, months: input.termMonths }), false);
      if (termProblem) throw new ValidationError([{ field: 'termYears', message: termProblem }]);
    }
    if ((input.stage === 'interim-granted' || input.stage === 'granted') && input.servedOn && compareLocalDates(input.servedOn, input.stageOn) < 0) {
      throw new ValidationError([{ field: 'servedOn', message: 'The date of service must be on or after the date the order was granted' }]);
    }

    const { version: _version, stage, stageOn, ...details } = input;
    void _version;
    const patch: Parameters<typeof repo.updateSpo>[3] = { stage };
    if (stage === 'application-prepared') patch.application = JSON.stringify(details);
    if (stage === 'authorised' || stage === 'not-authorised') patch.authority = JSON.stringify({ ...details, decision: stage, decidedOn: stageOn, by: ctx.actor.id });
    if (stage === 'hearing-listed') patch.hearing = JSON.stringify(details);

    const taskIds: string[] = [];
    let orderId: string | null = null;
    for (const id of await repo.openSpoTaskIds(tx, spo.id, STAGE_TASKS[stage] ?? [])) await repo.closeTaskDone(tx, id, { outcome: SPO_STAGE_LABELS[stage], by: ctx.actor.id, at: now });
    const spoTask = (type: string, title: string, ownerTeam: string, dueAt: Date): NewTask => ({ type, title, caseId: spo.caseId, ownerTeam, dueAt, details: { spoApplicationId: spo.id }, createdBy: ctx.actor.id });

    if (stage === 'scu-approved') taskIds.push(...(await insertTasks(tx, [spoTask('spo-prepare-application', 'Prepare the SPO application (overarching statement and SPO1) for superintendent authority', POLICY.scuTeam, new Date(now.getTime() + 7 * DAY))])));
    if (stage === 'application-prepared') {
      taskIds.push(...(await insertTasks(tx, [spoTask('spo-authorise', 'Authorise the SPO application: necessary, proportionate, justified, human rights of both parties', 'cid', new Date(now.getTime() + 2 * DAY))])));
      const reassessment = await requestReassessment(tx, ctx, { caseId: spo.caseId, event: { kind: 'order-application' }, now });
      if (reassessment) taskIds.push(reassessment);
    }
    if (stage === 'authorised') taskIds.push(...(await insertTasks(tx, [spoTask('spo-list-hearing', 'Apply to the magistrates’ court and record the hearing date', POLICY.scuTeam, new Date(now.getTime() + 3 * DAY))])));
    if (stage === 'hearing-listed' && input.stage === 'hearing-listed') taskIds.push(...(await insertTasks(tx, [spoTask('spo-hearing-outcome', `Record the outcome of the hearing at ${input.court}`, POLICY.scuTeam, taskDueOn(input.hearingOn))])));
    if (input.stage === 'interim-granted' || input.stage === 'granted') {
      const full = input.stage === 'granted';
      const expiresOn = input.stage === 'granted' ? expiryOf(input.stageOn, termOf({ untilFurtherOrder: input.untilFurtherOrder, years: input.termYears, months: input.termMonths })) : (input.expiresOn ?? null);
      orderId = await repo.insertOrder(tx, {
        type: full ? 'stalking-protection-order' : 'interim-stalking-protection-order',
        subjectPersonId: spo.subjectPersonId,
        protectedPersonIds: spo.protectedPersonIds,
        caseId: spo.caseId,
        court: input.court,
        madeOn: input.stageOn,
        expiresOn,
        untilFurtherOrder: expiresOn === null,
        servedOn: input.servedOn ?? null,
        prohibitions: input.prohibitions,
        requirements: input.requirements ?? null,
        ownerTeam: POLICY.offenderManagementTeam,
        spoApplicationId: spo.id,
        createdBy: ctx.actor.id,
      });
      if (full) patch.order_id = orderId;
      else patch.interim_order_id = orderId;
      await audit(tx, ctx, 'create', 'order', orderId, { type: full ? 'stalking-protection-order' : 'interim-stalking-protection-order', spoApplicationId: spo.id });
      if (full && spo.interimOrderId) {
        const interim = await repo.getOrder(tx, spo.interimOrderId);
        if (interim && interim.status === 'active') {
          await repo.updateOrder(tx, interim.id, interim.version, { status: 'expired', status_reason: 'Replaced by the full order' }, now);
          await audit(tx, ctx, 'update', 'order', interim.id, { status: 'expired', replacedBy: orderId });
        }
      }
      const order = (await repo.getOrder(tx, orderId))!;
      const victimDue = victimNotificationDue(now, 'enhanced').dueAt;
      taskIds.push(
        ...(await insertTasks(
          tx,
          GRANT_TASKS.filter((t) => t.type !== 'order-allocate-manager').map((t) =>
            orderTask(order, { type: t.type, title: t.title, ownerTeam: t.type === 'spo-tell-victim' ? (caseRecord.ownerTeam ?? POLICY.scuTeam) : POLICY.scuTeam, dueAt: t.type === 'spo-tell-victim' ? victimDue : new Date(now.getTime() + DAY) }, ctx.actor.id),
          ),
        )),
      );
      taskIds.push(...(await startManagement(tx, ctx, order, now)));
    }

    if (!(await repo.updateSpo(tx, spo.id, spo.version, patch, now))) conflict();
    await repo.insertStage(tx, 'spo_stages', { applicationId: spo.id, stage, stageOn, by: ctx.actor.id, ownerTeam: ctx.actor.teams[0] ?? null, details, at: now });
    await audit(tx, ctx, 'update', 'spo-application', spo.id, { stage, stageOn, orderId });
    return { stage, orderId, taskIds };
  });
}

export interface SpoView {
  application: repo.SpoRecord;
  stageLabel: string;
  caseRecord: cases.CaseRecord;
  parties: cases.PartyName[];
  stages: Array<repo.StageRecord & { label: string }>;
  next: Array<{ stage: SpoStage; label: string; allowed: boolean }>;
}

export async function viewSpo(deps: Deps, ctx: RequestContext, applicationId: string): Promise<SpoView> {
  requireAny(ctx, ['cases:read', 'orders:manage', 'orders:authorise']);
  return runUseCase(deps, async (tx) => {
    const application = await repo.getSpo(tx, applicationId);
    if (!application) throw new NotFoundError('There is no SPO application with that reference.');
    const caseRecord = await caseForChange(tx, ctx, application.caseId, 'orders');
    const [parties, stages] = await Promise.all([cases.partiesOfCase(tx, application.caseId), repo.stagesOf(tx, 'spo_stages', applicationId)]);
    await audit(tx, ctx, 'view', 'spo-application', applicationId);
    const stage = application.stage as SpoStage;
    return {
      application,
      stageLabel: SPO_STAGE_LABELS[stage] ?? stage,
      caseRecord,
      parties,
      stages: stages.map((s) => ({ ...s, label: SPO_STAGE_LABELS[s.stage as SpoStage] ?? s.stage })),
      next: nextSpoStages(stage).map((s) => ({ stage: s, label: SPO_STAGE_LABELS[s], allowed: ctx.actor.permissions.has(SPO_STAGE_PERMISSION[s]) })),
    };
  });
}

// ---------------------------------------------------------------------------
// Management after grant

export const managerInput = z.object({ version: z.coerce.number('Reload the page and try again').int().positive(), offenderManagerId: z.uuid('Choose the offender manager'), intervalDays: optionalInt(1, 366, 'The days between visits') });

export async function allocateManager(deps: Deps, ctx: RequestContext, orderId: string, input: z.infer<typeof managerInput>): Promise<void> {
  requirePermission(ctx.actor, 'orders:manage');
  const now = deps.clock.now();
  await runUseCase(deps, async (tx) => {
    const order = await loadOrder(tx, ctx, orderId);
    const user = await repo.userInfo(tx, input.offenderManagerId);
    if (!user || !user.active || !user.roles.includes('offender-manager')) throw new ValidationError([{ field: 'offenderManagerId', message: 'Choose an offender manager' }]);
    if (!(await repo.updateOrder(tx, order.id, input.version, { offender_manager_id: user.id, manager_allocated_on: londonDateOf(now), ...(input.intervalDays ? { visit_interval_days: input.intervalDays } : {}) }, now))) conflict();
    for (const id of await repo.openOrderTaskIds(tx, order.id, ['order-allocate-manager'])) await repo.closeTaskDone(tx, id, { outcome: `Allocated to ${user.name}`, by: ctx.actor.id, at: now });
    await audit(tx, ctx, 'update', 'order', order.id, { offenderManagerId: user.id });
  });
}

export const visitInput = z.object({ visitedOn: localDate('date of the visit'), notes: requiredText(8000, 'Record what was found at the visit') });

/** Records a visit: the earliest open visit is done, and the next planned visit is scheduled by the plan's interval. */
export async function recordVisit(deps: Deps, ctx: RequestContext, orderId: string, input: z.infer<typeof visitInput>): Promise<{ nextVisitDue: LocalDate | null }> {
  requirePermission(ctx.actor, 'orders:manage');
  const now = deps.clock.now();
  const today = londonDateOf(now);
  if (compareLocalDates(input.visitedOn, today) > 0) throw new ValidationError([{ field: 'visitedOn', message: 'The date of the visit must be today or in the past' }]);
  return runUseCase(deps, async (tx) => {
    const order = await loadOrder(tx, ctx, orderId);
    if (order.status !== 'active') throw new ValidationError([{ field: 'visitedOn', message: 'The order is no longer in force' }]);
    const visits = await repo.visitsOf(tx, [order.id]);
    const open = visits.find((v) => !v.visitedOn);
    let visitId: string;
    if (open) {
      if (!(await repo.markVisited(tx, open.id, { visitedOn: input.visitedOn, by: ctx.actor.id, notes: input.notes }))) conflict();
      if (open.taskId) await repo.closeTaskDone(tx, open.taskId, { outcome: `Visited on ${input.visitedOn}`, by: ctx.actor.id, at: now });
      visitId = open.id;
    } else {
      visitId = await repo.insertVisit(tx, { orderId: order.id, kind: 'planned', dueOn: input.visitedOn, taskId: null });
      await repo.markVisited(tx, visitId, { visitedOn: input.visitedOn, by: ctx.actor.id, notes: input.notes });
    }
    let next: LocalDate | null = null;
    if (order.expiresOn === null || compareLocalDates(order.expiresOn, input.visitedOn) > 0) {
      next = nextVisitDue({ lastVisitOn: input.visitedOn, initialVisitDue: input.visitedOn, intervalDays: order.visitIntervalDays ?? POLICY.defaultVisitIntervalDays });
      const [taskId] = await insertTasks(tx, [orderTask(order, { type: 'order-visit', title: `Visit the subject of the order (by the management plan), due by ${next}`, ownerUserId: order.offenderManagerId, ownerTeam: order.offenderManagerId ? null : POLICY.offenderManagementTeam, dueAt: taskDueOn(next) }, ctx.actor.id)]);
      await repo.insertVisit(tx, { orderId: order.id, kind: 'planned', dueOn: next, taskId: taskId! });
    }
    await audit(tx, ctx, 'create', 'order-visit', visitId, { orderId: order.id, visitedOn: input.visitedOn, nextVisitDue: next });
    return { nextVisitDue: next };
  });
}

export const notificationDueInput = z.object({
  kind: z.enum(['initial', 'change-of-name', 'change-of-address'], 'Choose what the subject must notify'),
  triggerOn: localDate('date of service or of the change'),
  details: optionalText(2000, 'Details'),
});

/** A notification requirement falls due: after service (initial) or after a change of name or address. */
export async function notificationRequired(deps: Deps, ctx: RequestContext, orderId: string, input: z.infer<typeof notificationDueInput>): Promise<{ dueOn: LocalDate }> {
  requirePermission(ctx.actor, 'orders:manage');
  const now = deps.clock.now();
  return runUseCase(deps, async (tx) => {
    const order = await loadOrder(tx, ctx, orderId);
    if (!isSpoType(order.type)) throw new ValidationError([{ field: 'kind', message: 'Only Stalking Protection Orders carry notification requirements' }]);
    if (input.kind === 'initial' && !order.servedOn) {
      if (!(await repo.updateOrder(tx, order.id, order.version, { served_on: input.triggerOn }, now))) conflict();
    }
    await addNotificationDue(tx, ctx, order, input.kind, input.triggerOn, input.details ?? null);
    return { dueOn: notificationDueOn(input.triggerOn, POLICY) };
  });
}

export const notificationReceivedInput = z.object({ receivedOn: localDate('date the subject notified'), station: optionalText(200, 'The police station') });

export async function notificationReceived(deps: Deps, ctx: RequestContext, orderId: string, notificationId: string, input: z.infer<typeof notificationReceivedInput>): Promise<{ late: boolean }> {
  requirePermission(ctx.actor, 'orders:manage');
  const now = deps.clock.now();
  return runUseCase(deps, async (tx) => {
    const order = await loadOrder(tx, ctx, orderId);
    const n = (await repo.notificationsOf(tx, [order.id])).find((x) => x.id === notificationId);
    if (!n) throw new NotFoundError('There is no such notification requirement on this order.');
    if (n.receivedOn) throw new ConflictError('This notification has already been recorded.');
    if (compareLocalDates(input.receivedOn, n.triggerOn) < 0) throw new ValidationError([{ field: 'receivedOn', message: 'The notification cannot be before the date of service or change' }]);
    await repo.markNotified(tx, n.id, { receivedOn: input.receivedOn, station: input.station ?? null });
    if (n.taskId) await repo.closeTaskDone(tx, n.taskId, { outcome: `Notified on ${input.receivedOn}`, by: ctx.actor.id, at: now });
    const late = compareLocalDates(input.receivedOn, n.dueOn) > 0;
    await audit(tx, ctx, 'update', 'order-notification', n.id, { orderId: order.id, receivedOn: input.receivedOn, late });
    return { late };
  });
}

export const planInput = z.object({
  items: requiredText(8000, 'Enter the plan: one item a line'),
  intervalDays: optionalInt(1, 366, 'The days between visits'),
  notes: optionalText(4000, 'Notes'),
  version: z.coerce.number('Reload the page and try again').int().positive(),
});

export async function savePlan(deps: Deps, ctx: RequestContext, orderId: string, input: z.infer<typeof planInput>): Promise<void> {
  requirePermission(ctx.actor, 'orders:manage');
  const now = deps.clock.now();
  await runUseCase(deps, async (tx) => {
    const order = await loadOrder(tx, ctx, orderId);
    const items = input.items
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .map((text) => ({ kind: 'item', text, check: '' }));
    const plan = await repo.getPlan(tx, order.id);
    if (!plan) await repo.insertPlan(tx, { orderId: order.id, items, startedOn: londonDateOf(now), notes: input.notes ?? null, by: ctx.actor.id, at: now });
    else if (!(await repo.updatePlan(tx, order.id, input.version, { items, notes: input.notes ?? null, by: ctx.actor.id, at: now }))) conflict();
    if (input.intervalDays && input.intervalDays !== order.visitIntervalDays) {
      if (!(await repo.updateOrder(tx, order.id, order.version, { visit_interval_days: input.intervalDays }, now))) conflict();
    }
    await audit(tx, ctx, 'update', 'order-plan', order.id, { items: items.length, intervalDays: input.intervalDays ?? null });
  });
}

export const reviewInput = z.object({
  reviewedOn: localDate('date of the review'),
  riskFactors: requiredText(4000, 'Record the risk factors'),
  positiveChanges: requiredText(4000, 'Record any positive changes (or "none")'),
  compliance: requiredText(4000, 'Record compliance with the order'),
  judgement: requiredText(4000, 'Record the officer’s judgement'),
  changes: requiredText(4000, 'Record the changes to the plan (or "none")'),
});

/** A supervisor's review of the subject management plan. */
export async function recordReview(deps: Deps, ctx: RequestContext, orderId: string, input: z.infer<typeof reviewInput>): Promise<{ id: string }> {
  requireAny(ctx, ['orders:manage', 'risk:endorse']);
  return runUseCase(deps, async (tx) => {
    const order = await loadOrder(tx, ctx, orderId);
    const id = await repo.insertReview(tx, { orderId: order.id, by: ctx.actor.id, ...input });
    await audit(tx, ctx, 'create', 'order-review', id, { orderId: order.id });
    return { id };
  });
}

export const moveOutInput = z.object({ movedOn: localDate('date the subject moved'), toForce: requiredText(120, 'Enter the force the subject moved to'), riskInformation: requiredText(8000, 'Summarise the risk information for the receiving force') });

/** The subject moves out: the transfer pack and a task to notify the receiving force. */
export async function moveOut(deps: Deps, ctx: RequestContext, orderId: string, input: z.infer<typeof moveOutInput>): Promise<{ pack: Record<string, unknown> }> {
  requirePermission(ctx.actor, 'orders:manage');
  const now = deps.clock.now();
  return runUseCase(deps, async (tx) => {
    const order = await loadOrder(tx, ctx, orderId);
    const plan = await repo.getPlan(tx, order.id);
    const pack = {
      items: TRANSFER_PACK_ITEMS,
      statementOfService: { court: order.court, madeOn: order.madeOn, servedOn: order.servedOn, expiresOn: order.expiresOn, prohibitions: order.prohibitions, requirements: order.requirements },
      managementPlan: plan?.items ?? [],
      riskInformation: input.riskInformation,
    };
    await repo.insertTransfer(tx, { orderId: order.id, direction: 'out', movedOn: input.movedOn, otherForce: input.toForce, pack, by: ctx.actor.id });
    await insertTasks(tx, [orderTask(order, { type: 'order-notify-receiving-force', title: `Send the transfer pack to ${input.toForce} and consult them and legal services`, ownerTeam: POLICY.scuTeam, dueAt: new Date(now.getTime() + DAY) }, ctx.actor.id)]);
    await audit(tx, ctx, 'create', 'order-transfer', order.id, { direction: 'out', toForce: input.toForce });
    return { pack };
  });
}

// ---------------------------------------------------------------------------
// Breaches

export const breachInput = z.object({
  victimPersonId: z.uuid('Choose the protected person'),
  occurredOn: localDate('date of the breach'),
  time: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time like 14:30').optional()),
  channels: z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(channelOptions.map((c) => c.code) as [string, ...string[]], 'Choose how from the list')).min(1, 'Choose how the subject breached the order')),
  behaviours: z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(behaviourOptions.map((b) => b.code) as [string, ...string[]], 'Choose what happened from the list')).min(1, 'Choose what the subject did')),
  place: optionalText(200, 'Place'),
  fearOfViolence: yesNo.default(false),
  relationship: z.enum(relationshipOptions.map((r) => r.code) as [string, ...string[]], 'Choose how the subject is related to the protected person'),
  account: requiredText(20000, 'Describe the breach in the caller’s words'),
});
export type BreachInput = z.infer<typeof breachInput>;

export interface BreachResult {
  breachId: string;
  breachNumber: number;
  reportId: string;
  caseId: string;
  courseOfConductPrompt: string | null;
  taskIds: string[];
}

/**
 * A breach of any order. The breach is recorded as a report through the intake service
 * (so it is classified, joins the course of conduct and gets its first tasks, including
 * the crime decision), then: the breach row with its number, an urgent arrest task, a risk
 * reassessment task, a task to tell the victim, and from the second breach the course of
 * conduct prompt with a task to reconsider the classification.
 */
export async function recordBreach(deps: Deps, ctx: RequestContext, orderId: string, input: BreachInput): Promise<BreachResult> {
  requireAny(ctx, ['orders:manage', 'reports:create']);
  const now = deps.clock.now();
  if (compareLocalDates(input.occurredOn, londonDateOf(now)) > 0) throw new ValidationError([{ field: 'occurredOn', message: 'The date of the breach must be today or in the past' }]);
  return runUseCase(deps, async (tx) => {
    const order = await loadOrder(tx, ctx, orderId);
    if (!order.protectedPersons.some((p) => p.id === input.victimPersonId)) throw new ValidationError([{ field: 'victimPersonId', message: 'Choose a person the order protects' }]);
    if (order.status !== 'active' || compareLocalDates(input.occurredOn, order.madeOn) < 0 || (order.expiresOn && compareLocalDates(input.occurredOn, order.expiresOn) > 0)) {
      throw new ValidationError([{ field: 'occurredOn', message: 'The order was not in force on that date' }]);
    }
    const info = orderTypeInfo(order.type);
    const rule = breachRuleFor(order.type);
    const submitted = await createSubmittedReportIn(tx, deps, ctx, {
      callerCapacity: 'victim',
      relationship: input.relationship,
      victim: { personId: input.victimPersonId },
      suspectKnown: 'yes',
      suspect: { personId: order.subjectPersonId },
      account: input.account,
      occasions: [
        {
          date: input.occurredOn,
          ...(input.time ? { time: input.time } : {}),
          ...(input.place ? { place: input.place } : {}),
          channels: input.channels,
          behaviours: input.behaviours,
          fearOfViolence: input.fearOfViolence,
          description: `Breach of the ${(info?.label ?? order.type).toLowerCase()} made on ${order.madeOn}`,
          ...(rule ? { breachedOrder: rule } : {}),
        },
      ],
      effects: input.fearOfViolence ? ['fear-of-violence'] : [],
      indicators: [],
      thrive: { threat: 'high', harm: 'high', risk: 'high' },
      response: 'priority',
      responseRationale: 'A breach of a court order: urgent arrest is the standard (force policy).',
      evidenceAdvice: 'Keep every message and note the time and place of any sighting; do not reply.',
    });
    await repo.markOccasionsAsBreach(tx, submitted.reportId, order.id);
    const caseRecord = (await cases.getCase(tx, submitted.caseId))!;
    const assessment = assessBreach(
      { orderType: order.type, breachOccasions: await repo.breachOccasions(tx, order.id), recording: { offence: caseRecord.offence, alsoRecord: caseRecord.alsoRecord } },
      POLICY,
    );
    const breachId = await repo.insertBreach(tx, { orderId: order.id, reportId: submitted.reportId, caseId: submitted.caseId, breachNumber: assessment.breachNumber, occurredAt: new Date(`${input.occurredOn}T${input.time ?? '12:00'}:00Z`), prompt: assessment.courseOfConductPrompt, by: ctx.actor.id, at: now });

    const base = { caseId: submitted.caseId, reportId: submitted.reportId, createdBy: ctx.actor.id, details: { orderId: order.id, breachId } };
    const tasks: NewTask[] = [
      { ...base, type: 'breach-arrest', title: `Urgent: arrest the subject for breach ${assessment.breachNumber} of the ${(info?.label ?? 'order').toLowerCase()}`, ownerTeam: 'response', dueAt: new Date(now.getTime() + assessment.arrestWithinHours * HOUR) },
      { ...base, type: 'breach-tell-victim', title: 'Tell the protected person about the breach and what the police are doing', ownerTeam: caseRecord.ownerTeam ?? 'response', dueAt: victimNotificationDue(now, 'enhanced').dueAt },
    ];
    if (assessment.recordAsCrime && !rule) {
      tasks.push({ ...base, type: 'breach-record-crime', title: `Record the breach as a crime (${info?.statute ?? 'the order’s breach offence'})`, ownerTeam: 'crime-management-unit', dueAt: new Date(now.getTime() + 24 * HOUR) });
    }
    if (assessment.courseOfConductPrompt && (await repo.openTaskIdsOfType(tx, { reportId: submitted.reportId, type: 'reconsider-classification' })).length === 0) {
      tasks.push({ ...base, type: 'reconsider-classification', title: 'Reconsider the classification: two breaches after an order are a course of conduct', ownerTeam: 'crime-management-unit', dueAt: new Date(now.getTime() + 24 * HOUR), details: { ...base.details, prompt: assessment.courseOfConductPrompt } });
    }
    const taskIds = [...submitted.taskIds, ...(await insertTasks(tx, tasks))];
    if ((await repo.openTaskIdsOfType(tx, { reportId: submitted.reportId, type: 'risk-reassessment' })).length === 0) {
      const reassessment = await requestReassessment(tx, ctx, { caseId: submitted.caseId, event: { kind: 'breach' }, now });
      if (reassessment) taskIds.push(reassessment);
    }
    await audit(tx, ctx, 'create', 'order-breach', breachId, { orderId: order.id, reportId: submitted.reportId, breachNumber: assessment.breachNumber, courseOfConduct: assessment.courseOfConductPrompt !== null });
    return { breachId, breachNumber: assessment.breachNumber, reportId: submitted.reportId, caseId: submitted.caseId, courseOfConductPrompt: assessment.courseOfConductPrompt, taskIds };
  });
}

// ---------------------------------------------------------------------------
// Orders due

export interface DueList {
  team: string | null;
  items: DueItem[];
  overdue: number;
}

/** What is due or overdue on orders in force, by team, soonest first. */
export async function ordersDue(deps: Deps, ctx: RequestContext, team: string | undefined): Promise<DueList> {
  requireAny(ctx, ['orders:manage', 'orders:authorise']);
  const today = todayInLondon(deps.clock);
  return runUseCase(deps, async (tx) => {
    const orders = await repo.activeManagedOrders(tx);
    const ids = orders.map((o) => o.id);
    const [visits, notifications, plans, reviews, applications] = await Promise.all([repo.visitsOf(tx, ids), repo.notificationsOf(tx, ids), repo.plansOf(tx, ids), repo.lastReviewOn(tx, ids), repo.applicationsOf(tx, ids)]);
    const hearings = await repo.hearingDates(tx, applications.filter((a) => a.stage === 'hearing-listed').map((a) => a.id));
    const visible: repo.OrderRecord[] = [];
    for (const o of orders) {
      const restricted = (o.subjectRestricted && !(await isNamedOnRecord(tx, 'person', o.subjectPersonId, ctx.actor.id))) || (o.caseRestricted && o.caseId && !(await isNamedOnRecord(tx, 'case', o.caseId, ctx.actor.id)));
      if (!restricted) visible.push(o);
    }
    const items = visible
      .flatMap((o) => dueItemsOf(o, { visits, notifications, planStartedOn: plans.get(o.id), lastReviewOn: reviews.get(o.id), applications, hearings }, today))
      .filter((i) => i.state !== 'later' || i.kind === 'renewal' || i.kind === 'visit' || i.kind === 'hearing')
      .filter((i) => !team || i.team === team)
      .sort((a, b) => compareLocalDates(a.dueOn, b.dueOn) || a.subjectName.localeCompare(b.subjectName));
    await appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action: 'view', recordType: 'orders-due', details: { team: team ?? null, items: items.length }, requestId: ctx.requestId });
    return { team: team ?? null, items, overdue: items.filter((i) => i.state === 'overdue').length };
  });
}

export { NOTIFICATION_LABELS, SPO_STAGE_LABELS };

// ---------------------------------------------------------------------------
// Cross-force cases: consult the other force

/**
 * A subject moving in under another force's order, an order referred by another force, or a
 * cross-force SPO referral: a task for the SCU to consult the other force (and legal
 * services), due by the policy's days after the move or referral. One open task per record.
 */
async function consultOtherForce(
  tx: Db,
  ctx: RequestContext,
  target: { caseId: string | null; key: 'orderId' | 'spoApplicationId'; id: string },
  input: { force: string; from: LocalDate; title: string },
): Promise<string | undefined> {
  if (await repo.hasOpenTaskFor(tx, 'order-consult-other-force', target.key, target.id)) return undefined;
  const dueOn = crossForceConsultationDue(input.from, POLICY);
  const [id] = await insertTasks(tx, [
    { type: 'order-consult-other-force', title: `${input.title} (by ${dueOn})`, caseId: target.caseId, ownerTeam: POLICY.scuTeam, dueAt: taskDueOn(dueOn), details: { [target.key]: target.id, otherForce: input.force }, createdBy: ctx.actor.id },
  ]);
  await audit(tx, ctx, 'create', 'task', id!, { type: 'order-consult-other-force', [target.key]: target.id, otherForce: input.force, dueOn });
  return id;
}

// ---------------------------------------------------------------------------
// Applications to renew, vary or discharge an order

const evidenceText = optionalText(8000, 'The evidence');
export const applicationInput = z.object({
  kind: z.enum(APPLICATION_KINDS, 'Choose whether the application is to renew, vary or discharge the order'),
  applicant: z.enum(APPLICANTS, 'Choose who applied'),
  appliedOn: localDate('date of the application'),
  grounds: requiredText(8000, 'Enter the grounds for the application'),
  evidence: z
    .object({ newActs: evidenceText, currentRisk: evidenceText, stillNecessary: evidenceText, compliance: evidenceText, summary: evidenceText })
    .optional()
    .transform((e) => e ?? {}),
  proposedProhibitions: optionalText(4000, 'The proposed prohibitions'),
  proposedRequirements: optionalText(4000, 'The proposed requirements'),
}).superRefine(
  (draft, ctx) => {
    for (const p of draftProblems(draft)) ctx.addIssue({ code: 'custom', path: p.field.split('.'), message: p.message });
  },
  // Run even when other fields are wrong, so the form shows every problem at once.
  { when: () => true },
);
export type ApplicationInput = z.infer<typeof applicationInput>;

function applicationTask(order: repo.OrderRecord, applicationId: string, task: ApplicationTask, dueAt: Date, by: string): NewTask {
  return orderTask(order, { type: task.type, title: task.title, ownerTeam: task.owner === 'authorising' ? POLICY.authorisingTeam : POLICY.scuTeam, dueAt, details: { orderApplicationId: applicationId } }, by);
}

/** Records an application to renew, vary or discharge an order, by the police or the subject, and sends it to the SCU for its report. */
export async function createApplication(deps: Deps, ctx: RequestContext, orderId: string, input: ApplicationInput): Promise<{ id: string; taskIds: string[] }> {
  requirePermission(ctx.actor, APPLICATION_STAGE_PERMISSION.applied);
  const now = deps.clock.now();
  const today = londonDateOf(now);
  return runUseCase(deps, async (tx) => {
    const order = await loadOrder(tx, ctx, orderId);
    const problems = applicationProblems({ ...input, evidence: input.evidence }, order, today);
    const open = (await repo.applicationsOf(tx, [order.id])).find((a) => a.kind === input.kind && !isFinalApplication(stateOf(a)));
    if (open) problems.unshift({ field: 'kind', message: `There is already an open ${APPLICATION_KIND_LABELS[input.kind].toLowerCase()} application on this order: record its next stage instead` });
    if (problems.length) throw new ValidationError(problems);
    const proposed = input.kind === 'variation' ? { prohibitions: input.proposedProhibitions ?? null, requirements: input.proposedRequirements ?? null } : {};
    const id = await repo.insertApplication(tx, { orderId: order.id, kind: input.kind, applicant: input.applicant, appliedOn: input.appliedOn, grounds: input.grounds, evidence: input.evidence, proposed, by: ctx.actor.id, at: now });
    await repo.insertStage(tx, 'order_application_stages', { applicationId: id, stage: 'applied', stageOn: input.appliedOn, by: ctx.actor.id, ownerTeam: ctx.actor.teams[0] ?? null, details: { applicant: input.applicant, kind: input.kind }, at: now });
    const next = nextTaskAfter({ kind: input.kind, stage: 'applied' })!;
    const taskIds = await insertTasks(tx, [applicationTask(order, id, next, taskDueOn(addDays(today, next.withinDays ?? 0)), ctx.actor.id)]);
    await audit(tx, ctx, 'create', 'order-application', id, { orderId: order.id, kind: input.kind, applicant: input.applicant, stage: 'applied', stageOn: input.appliedOn });
    return { id, taskIds };
  });
}

function stateOf(a: repo.ApplicationRecord): ApplicationState {
  return { kind: a.kind, stage: a.stage as ApplicationStage, decision: a.decision };
}

const applicationStageBase = { version: z.coerce.number('Reload the page and try again').int().positive(), stageOn: localDate('date of this stage') };
export const applicationStageInput = z.discriminatedUnion(
  'stage',
  [
    z.object({ stage: z.literal('scu-report'), ...applicationStageBase, report: requiredText(20000, 'Enter the SCU’s report'), offenderManagerViews: requiredText(8000, 'Record the offender manager’s views') }),
    z.object({ stage: z.literal('legal-advice'), ...applicationStageBase, adviser: optionalText(200, 'The adviser'), advice: requiredText(20000, 'Record the legal advice') }),
    z.object({
      stage: z.literal('decided'),
      ...applicationStageBase,
      decision: z.preprocess((v) => (v === '' ? undefined : v), z.enum(APPLICATION_DECISIONS, 'Choose the decision').optional()),
      reasons: optionalText(8000, 'The reasons'),
      necessary: optionalText(4000, 'Necessary'),
      proportionate: optionalText(4000, 'Proportionate'),
      justified: optionalText(4000, 'Justified'),
      humanRightsSubject: optionalText(4000, 'The subject’s human rights'),
      humanRightsVictim: optionalText(4000, 'The victim’s human rights'),
    }),
    z.object({ stage: z.literal('hearing-listed'), ...applicationStageBase, court: requiredText(200, 'Enter the court'), hearingOn: localDate('hearing date') }),
    z.object({
      stage: z.literal('granted'),
      ...applicationStageBase,
      court: optionalText(200, 'The court'),
      newExpiresOn: optionalDate('date the renewed order ends'),
      untilFurtherOrder: yesNo.default(false),
      prohibitions: optionalText(4000, 'The prohibitions'),
      requirements: optionalText(4000, 'The requirements'),
      reasons: optionalText(4000, 'The court’s reasons'),
    }),
    z.object({ stage: z.literal('refused'), ...applicationStageBase, court: optionalText(200, 'The court'), reasons: requiredText(4000, 'Give the court’s reasons') }),
    z.object({ stage: z.literal('withdrawn'), ...applicationStageBase, reason: requiredText(4000, 'Give the reason the application was withdrawn') }),
  ],
  { error: () => 'Choose the stage to record' },
);
export type ApplicationStageInput = z.infer<typeof applicationStageInput>;

/** The permission a stage of an application needs, for routes that decide before parsing everything. */
export function permissionForApplicationStage(stage: unknown): Permission | undefined {
  return (APPLICATION_STAGES as readonly unknown[]).includes(stage) ? APPLICATION_STAGE_PERMISSION[stage as ApplicationStage] : undefined;
}

const MANAGEMENT_TASKS = ['order-initial-visit', 'order-visit', 'order-notification', 'order-allocate-manager'] as const;

export interface ApplicationStageResult {
  stage: ApplicationStage;
  orderId: string;
  taskIds: string[];
}

/**
 * Records the next stage of an application: dated, owned by the recorder's team, audited.
 * The court's grant changes the order (a new end date, new terms, or discharged) and keeps
 * what it was in the order's history; the court's decision either way sets a task to tell
 * the victim.
 */
export async function recordApplicationStage(deps: Deps, ctx: RequestContext, applicationId: string, input: ApplicationStageInput): Promise<ApplicationStageResult> {
  requirePermission(ctx.actor, APPLICATION_STAGE_PERMISSION[input.stage]);
  const now = deps.clock.now();
  const today = londonDateOf(now);
  return runUseCase(deps, async (tx) => {
    const application = await repo.getApplication(tx, applicationId);
    if (!application) throw new NotFoundError('There is no application with that reference.');
    const order = await loadOrder(tx, ctx, application.orderId);
    if (application.version !== input.version) conflict();
    const problem = applicationTransitionProblem(stateOf(application), input.stage);
    if (problem) throw new ValidationError([problem]);
    const errors: FieldError[] = [];
    if (compareLocalDates(input.stageOn, today) > 0) errors.push({ field: 'stageOn', message: 'The date of this stage must be today or in the past' });
    else if (compareLocalDates(input.stageOn, application.appliedOn) < 0) errors.push({ field: 'stageOn', message: 'The date of this stage cannot be before the application' });
    if (input.stage === 'decided') errors.push(...decisionProblems({ ...input, decision: input.decision, kind: application.kind, applicant: application.applicant }));
    if (input.stage === 'granted') {
      if (order.status !== 'active') errors.push({ field: 'stage', message: 'The order is no longer in force, so the court’s grant cannot be applied to it' });
      if (application.kind === 'renewal') {
        const endProblem = renewalEndProblem({ currentExpiresOn: order.expiresOn, grantedOn: input.stageOn, newExpiresOn: input.newExpiresOn, untilFurtherOrder: input.untilFurtherOrder });
        if (endProblem) errors.push(endProblem);
      }
      if (application.kind === 'variation' && !input.prohibitions) errors.push({ field: 'prohibitions', message: 'Enter the prohibitions as the court varied them' });
    }
    if (errors.length) throw new ValidationError(errors);

    const { version: _version, stage, stageOn, ...details } = input;
    void _version;
    const patch: Parameters<typeof repo.updateApplication>[3] = { stage };
    if (input.stage === 'decided') patch.decision = input.decision!;
    if (input.stage === 'granted' || input.stage === 'refused') patch.outcome = JSON.stringify({ result: input.stage, decidedOn: stageOn, ...details });

    for (const id of await repo.openApplicationTaskIds(tx, application.id, APPLICATION_TASK_TYPES)) {
      await repo.closeTaskDone(tx, id, { outcome: APPLICATION_STAGE_LABELS[stage], by: ctx.actor.id, at: now });
    }
    const taskIds: string[] = [];
    const newState: ApplicationState = { kind: application.kind, stage, decision: input.stage === 'decided' ? input.decision! : application.decision };
    const next = nextTaskAfter(newState);
    if (next) {
      const dueOn = input.stage === 'hearing-listed' && next.withinDays === null ? input.hearingOn : addDays(today, next.withinDays ?? 0);
      taskIds.push(...(await insertTasks(tx, [applicationTask(order, application.id, next, taskDueOn(dueOn), ctx.actor.id)])));
    }

    if (input.stage === 'granted') taskIds.push(...(await applyGrant(tx, ctx, order, application, input, now)));
    if (input.stage === 'granted' || input.stage === 'refused') {
      const caseRecord = order.caseId ? await cases.getCase(tx, order.caseId) : undefined;
      const kind = APPLICATION_KIND_LABELS[application.kind].toLowerCase();
      taskIds.push(
        ...(await insertTasks(tx, [
          orderTask(
            order,
            {
              type: 'order-application-tell-victim',
              title: `Tell the protected person the court ${input.stage === 'granted' ? 'granted' : 'refused'} the ${kind} application, and what it means for the order`,
              ownerTeam: caseRecord?.ownerTeam ?? POLICY.scuTeam,
              dueAt: victimNotificationDue(now, 'enhanced').dueAt,
              details: { orderApplicationId: application.id },
            },
            ctx.actor.id,
          ),
        ])),
      );
    }

    if (!(await repo.updateApplication(tx, application.id, application.version, patch, now))) conflict();
    await repo.insertStage(tx, 'order_application_stages', { applicationId: application.id, stage, stageOn, by: ctx.actor.id, ownerTeam: ctx.actor.teams[0] ?? null, details, at: now });
    await audit(tx, ctx, 'update', 'order-application', application.id, { orderId: order.id, stage, stageOn, ...(input.stage === 'decided' ? { decision: input.decision } : {}) });
    return { stage, orderId: order.id, taskIds };
  });
}

/** The court granted the application: change the order, keep what it was, and set the follow-up tasks. */
async function applyGrant(tx: Db, ctx: RequestContext, order: repo.OrderRecord, application: repo.ApplicationRecord, input: Extract<ApplicationStageInput, { stage: 'granted' }>, now: Date): Promise<string[]> {
  let change: repo.HistoryRecord['change'];
  let before: Record<string, unknown>;
  let after: Record<string, unknown>;
  let orderPatch: Parameters<typeof repo.updateOrder>[3];
  const court = input.court ?? order.court ?? 'the court';
  if (application.kind === 'renewal') {
    change = 'renewed';
    before = { expiresOn: order.expiresOn, untilFurtherOrder: order.untilFurtherOrder };
    after = { expiresOn: input.untilFurtherOrder ? null : input.newExpiresOn!, untilFurtherOrder: input.untilFurtherOrder };
    orderPatch = { expires_on: input.untilFurtherOrder ? null : input.newExpiresOn!, until_further_order: input.untilFurtherOrder };
  } else if (application.kind === 'variation') {
    change = 'varied';
    before = { prohibitions: order.prohibitions, requirements: order.requirements };
    after = { prohibitions: input.prohibitions!, requirements: input.requirements ?? null };
    orderPatch = { prohibitions: input.prohibitions!, requirements: input.requirements ?? null };
  } else {
    change = 'discharged';
    before = { status: order.status, statusReason: order.statusReason };
    after = { status: 'discharged', statusReason: `Discharged by ${court} on ${input.stageOn}` };
    orderPatch = { status: 'discharged', status_reason: `Discharged by ${court} on ${input.stageOn}` };
  }
  if (!(await repo.updateOrder(tx, order.id, order.version, orderPatch, now))) conflict();
  await repo.insertHistory(tx, { orderId: order.id, applicationId: application.id, change, changedOn: input.stageOn, before, after, by: ctx.actor.id, at: now });
  await audit(tx, ctx, 'update', 'order', order.id, { change, applicationId: application.id, before, after });

  const tasks: NewTask[] = [];
  const due = taskDueOn(addDays(londonDateOf(now), 1));
  if (isSpoType(order.type)) {
    tasks.push(orderTask(order, { type: 'spo-update-pnc', title: `Update PNC: the order was ${change} on ${input.stageOn}`, ownerTeam: POLICY.scuTeam, dueAt: due, details: { orderApplicationId: application.id } }, ctx.actor.id));
  }
  if (change === 'varied') {
    tasks.push(
      orderTask(order, { type: 'order-update-plan', title: 'The order was varied: update the subject management plan to its new terms', ownerUserId: order.offenderManagerId, ownerTeam: order.offenderManagerId ? null : POLICY.offenderManagementTeam, dueAt: taskDueOn(addDays(londonDateOf(now), POLICY.deadlines.initialVisitWithinDays)), details: { orderApplicationId: application.id } }, ctx.actor.id),
    );
  }
  if (change === 'discharged') await repo.cancelOrderTasks(tx, order.id, MANAGEMENT_TASKS, { outcome: 'The order was discharged', by: ctx.actor.id, at: now });
  return insertTasks(tx, tasks);
}

export interface ApplicationView {
  application: repo.ApplicationRecord & { kindLabel: string; applicantLabel: string; stageLabel: string; decisionLabel: string | null };
  order: repo.OrderRecord;
  typeLabel: string;
  stages: Array<repo.StageRecord & { label: string }>;
  next: Array<{ stage: ApplicationStage; label: string; allowed: boolean }>;
  decisions: Array<{ code: ApplicationDecision; label: string }>;
  renewalEvidence: typeof RENEWAL_EVIDENCE;
}

export async function viewApplication(deps: Deps, ctx: RequestContext, applicationId: string): Promise<ApplicationView> {
  requireAny(ctx, ['cases:read', 'orders:manage', 'orders:authorise']);
  return runUseCase(deps, async (tx) => {
    const application = await repo.getApplication(tx, applicationId);
    if (!application) throw new NotFoundError('There is no application with that reference.');
    const order = await loadOrder(tx, ctx, application.orderId);
    const stages = await repo.stagesOf(tx, 'order_application_stages', application.id);
    await audit(tx, ctx, 'view', 'order-application', application.id, { orderId: order.id });
    return {
      application: labelled(application),
      order,
      typeLabel: orderTypeInfo(order.type)?.label ?? order.type,
      stages: stages.map((s) => ({ ...s, label: APPLICATION_STAGE_LABELS[s.stage as ApplicationStage] ?? s.stage })),
      next: nextApplicationStages(stateOf(application)).map((s) => ({ stage: s, label: APPLICATION_STAGE_LABELS[s], allowed: ctx.actor.permissions.has(APPLICATION_STAGE_PERMISSION[s]) })),
      decisions: decisionsFor(application.applicant).map((code) => ({ code, label: APPLICATION_DECISION_LABELS[code] })),
      renewalEvidence: RENEWAL_EVIDENCE,
    };
  });
}

function labelled(a: repo.ApplicationRecord): ApplicationView['application'] {
  return {
    ...a,
    kindLabel: APPLICATION_KIND_LABELS[a.kind],
    applicantLabel: APPLICANT_LABELS[a.applicant],
    stageLabel: a.stage === 'decided' && a.decision === 'do-not-apply' ? 'Closed: the force decided not to apply' : (APPLICATION_STAGE_LABELS[a.stage as ApplicationStage] ?? a.stage),
    decisionLabel: a.decision ? APPLICATION_DECISION_LABELS[a.decision] : null,
  };
}
