/**
 * Demo data for orders and offender management: the demo SPO (from the people demo data) under
 * management with an offender manager, a plan from its terms, visits and notifications, one visit
 * overdue, and a renewal application waiting for the superintendent's decision; and an SPO
 * application on a stalking case waiting for the superintendent's authority.
 * Call after the demo people and reports; does nothing when they are missing.
 */
import type { Kysely, Transaction } from 'kysely';
import { addDays, dueInstant, londonDateOf } from '../domain/calendar/index.ts';
import { notificationDueOn, planFromTerms, spoGrantDeadlines, westYorkshireOrdersPolicy } from '../domain/orders/index.ts';
import type { Database } from '../platform/db/schema.ts';
import * as repo from '../features/orders/repository.ts';
import { insertTasks } from '../features/tasks/repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface SeedOrdersOptions {
  random: () => number;
  /** Demo user ids by username (role code). */
  users: ReadonlyMap<string, string>;
  progress?: (step: string, done: number, total: number) => void;
}

export async function seedOrders(tx: Db, options: SeedOrdersOptions): Promise<void> {
  const progress = options.progress ?? (() => undefined);
  const om = options.users.get('offender-manager');
  const scu = options.users.get('stalking-coordination-unit');
  const investigator = options.users.get('investigator');
  if (!om || !scu || !investigator) return;
  const latest = await tx.selectFrom('cases').select('created_at').orderBy('created_at', 'desc').executeTakeFirst();
  const now = latest?.created_at ?? new Date();
  const today = londonDateOf(now);

  // 1. The demo SPO under management.
  const spo = await tx.selectFrom('orders').select('id').where('type', '=', 'stalking-protection-order').where('status', '=', 'active').orderBy('made_on').executeTakeFirst();
  if (spo) {
    const order = (await repo.getOrder(tx, spo.id))!;
    await repo.updateOrder(tx, order.id, order.version, { offender_manager_id: om, manager_allocated_on: addDays(order.madeOn, 2), served_on: order.madeOn, visit_interval_days: 28 }, now);
    if (!(await repo.getPlan(tx, order.id))) await repo.insertPlan(tx, { orderId: order.id, items: planFromTerms(order), startedOn: order.madeOn, notes: null, by: om, at: now });
    const initialDue = spoGrantDeadlines(order.madeOn, 'until further order').initialVisitDue;
    const initial = await repo.insertVisit(tx, { orderId: order.id, kind: 'initial', dueOn: initialDue, taskId: null });
    await repo.markVisited(tx, initial, { visitedOn: addDays(order.madeOn, 5), by: om, notes: 'Seen at home; terms explained; notification made the day after service.' });
    const served = await repo.insertNotification(tx, { orderId: order.id, kind: 'initial', triggerOn: order.madeOn, dueOn: notificationDueOn(order.madeOn), details: null, by: om, taskId: null });
    await repo.markNotified(tx, served, { receivedOn: addDays(order.madeOn, 1), station: 'Corrowick police station' });
    await repo.insertReview(tx, { orderId: order.id, reviewedOn: addDays(order.madeOn, 92), by: options.users.get('detective-sergeant') ?? om, riskFactors: 'Fixation on both victims persists', positiveChanges: 'Attending the perpetrator programme', compliance: 'No breaches known', judgement: 'High risk: keep monthly visits', changes: 'None' });
    const overdueOn = addDays(today, -3);
    const fresh = (await repo.getOrder(tx, order.id))!;
    const [visitTask] = await insertTasks(tx, [{ type: 'order-visit', title: `Visit the subject of the order (by the management plan), due by ${overdueOn}`, caseId: fresh.caseId, ownerUserId: om, dueAt: dueInstant(overdueOn), details: { orderId: order.id }, createdBy: om }]);
    await repo.insertVisit(tx, { orderId: order.id, kind: 'planned', dueOn: overdueOn, taskId: visitTask! });
    const moved = addDays(today, -1);
    const [noteTask] = await insertTasks(tx, [{ type: 'order-notification', title: 'Notification requirement: change of home address', caseId: fresh.caseId, ownerTeam: westYorkshireOrdersPolicy.offenderManagementTeam, dueAt: dueInstant(notificationDueOn(moved)), details: { orderId: order.id, kind: 'change-of-address' }, createdBy: om }]);
    await repo.insertNotification(tx, { orderId: order.id, kind: 'change-of-address', triggerOn: moved, dueOn: notificationDueOn(moved), details: 'Reported by the victim: he may have moved to Dunmere', by: om, taskId: noteTask! });

    // A renewal, reported on by the SCU and waiting for the superintendent's decision.
    if (fresh.expiresOn) {
      const appliedOn = addDays(today, -4);
      const evidence = { newActs: 'Seen twice near the victim’s home last month (linked reports)', currentRisk: 'S-DASH high at the last review', stillNecessary: 'Fixation persists; the order is what keeps him away', compliance: 'Notifications on time; no breaches known' };
      const applicationId = await repo.insertApplication(tx, { orderId: order.id, kind: 'renewal', applicant: 'police', appliedOn, grounds: 'The risk to both victims continues', evidence, proposed: {}, by: scu, at: now });
      await repo.insertStage(tx, 'order_application_stages', { applicationId, stage: 'applied', stageOn: appliedOn, by: scu, ownerTeam: 'scu', details: { applicant: 'police', kind: 'renewal' }, at: now });
      await repo.insertStage(tx, 'order_application_stages', { applicationId, stage: 'scu-report', stageOn: addDays(appliedOn, 2), by: scu, ownerTeam: 'scu', details: { report: 'Renewal supported', offenderManagerViews: 'Agrees: still fixated' }, at: new Date(now.getTime() + 1000) });
      const application = (await repo.getApplication(tx, applicationId))!;
      await repo.updateApplication(tx, applicationId, application.version, { stage: 'scu-report' }, now);
      await insertTasks(tx, [{ type: 'order-application-decision', title: 'Decide on the application (detective superintendent)', caseId: fresh.caseId, ownerTeam: westYorkshireOrdersPolicy.authorisingTeam, dueAt: dueInstant(addDays(today, 1)), details: { orderId: order.id, orderApplicationId: applicationId }, createdBy: scu }]);
    }
  }
  progress('Demo orders', 1, 2);

  // 2. An SPO application waiting for the superintendent's authority.
  const stalking = await tx.selectFrom('cases').select(['id', 'suspect_person_id', 'created_at']).where('status', '=', 'open').where('restricted', '=', false).where('suspect_person_id', 'is not', null).where((eb) => eb.or([eb('offence', '=', 'stalking'), eb('offence', 'is', null)])).orderBy('reference').executeTakeFirst();
  if (stalking?.suspect_person_id) {
    const victims = await tx.selectFrom('case_victims').select('person_id').where('case_id', '=', stalking.id).execute();
    if (victims.length > 0) {
      const referredOn = londonDateOf(stalking.created_at);
      const id = await repo.insertSpo(tx, {
        caseId: stalking.id,
        subjectPersonId: stalking.suspect_person_id,
        protectedPersonIds: victims.map((v) => v.person_id),
        referral: { referredOn, actsOfStalking: 'Repeated messages and waiting outside her workplace', riskToVictim: 'Escalating; fixated', whyNecessary: 'Warnings have not stopped him', proposedProhibitions: 'Not to contact the victim; not to go within 200 metres of her workplace' },
        createdBy: investigator,
        at: now,
      });
      await repo.insertStage(tx, 'spo_stages', { applicationId: id, stage: 'referred', stageOn: referredOn, by: investigator, ownerTeam: 'scu', details: { form: 'SPOR1' }, at: now });
      await repo.insertStage(tx, 'spo_stages', { applicationId: id, stage: 'scu-approved', stageOn: addDays(referredOn, 1), by: scu, ownerTeam: 'scu', details: { reason: 'Meets the tests' }, at: new Date(now.getTime() + 1000) });
      await repo.insertStage(tx, 'spo_stages', { applicationId: id, stage: 'application-prepared', stageOn: addDays(referredOn, 2), by: scu, ownerTeam: 'scu', details: { statement: 'Overarching statement attached', proposedProhibitions: 'Not to contact the victim', termYears: 2 }, at: new Date(now.getTime() + 2000) });
      const spoRow = (await repo.getSpo(tx, id))!;
      await repo.updateSpo(tx, id, spoRow.version, { stage: 'application-prepared', application: JSON.stringify({ statement: 'Overarching statement attached', proposedProhibitions: 'Not to contact the victim', termYears: 2 }) }, now);
      await insertTasks(tx, [{ type: 'spo-authorise', title: 'Authorise the SPO application: necessary, proportionate, justified, human rights of both parties', caseId: stalking.id, ownerTeam: 'cid', dueAt: new Date(now.getTime() + 2 * 86_400_000), details: { spoApplicationId: id }, createdBy: scu }]);
    }
  }
  progress('Demo orders', 2, 2);
}
