/**
 * Renewal, variation and discharge applications through the API: who applied, the grounds
 * and evidence (the renewal prompts), every stage dated, owned and audited, the permission
 * of each stage (only the authorising superintendent decides), and the court's outcome,
 * which changes the order, keeps its history and sets a task to tell the victim.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigil, type TestVigil } from '../support/app.ts';
import { AUTHORITY, apiClient, stalkingCase, type Api, type Json } from './support.ts';

let vigil: TestVigil;
let api: Api;

beforeAll(async () => {
  vigil = await startTestVigil();
  vigil.clock.set('2025-02-17T09:00:00Z');
  api = apiClient(vigil);
}, 120_000);
afterAll(async () => vigil?.close());

/** A full SPO made on 3 March 2025 for two years (ends 3 March 2027), served the same day, on a stalking case. */
async function spoOrder(victim: [string, string], suspect: [string, string]) {
  vigil.clock.set('2025-03-03T15:00:00Z');
  const c = await stalkingCase(vigil, api, { victim, suspect });
  const created = await api.call('offender-manager', 'POST', '/api/v1/orders', {
    type: 'stalking-protection-order',
    subjectPersonId: c.suspectId,
    protectedPersonIds: [c.victimId],
    caseId: c.caseId,
    court: 'Corrowick Magistrates Court',
    madeOn: '2025-03-03',
    expiresOn: '2027-03-03',
    servedOn: '2025-03-03',
    prohibitions: `Not to contact ${victim.join(' ')}\nNot to go within 200 metres of her home`,
    requirements: 'Attend a stalking perpetrator programme',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { ...c, orderId: created.body.id as string };
}

const EVIDENCE = {
  newActs: 'Two sightings near her home in October 2026 (reports attached).',
  currentRisk: 'S-DASH on 1 November 2026: high.',
  stillNecessary: 'He remains fixated; without the order he would resume contact.',
  compliance: 'Notified on time; one breach in June 2026.',
};

async function apply(orderId: string, body: Record<string, unknown>, who = 'stalking-coordination-unit') {
  return api.call(who, 'POST', `/api/v1/orders/${orderId}/applications`, body);
}

async function stage(who: string, applicationId: string, body: Record<string, unknown>) {
  const current = await api.call('stalking-coordination-unit', 'GET', `/api/v1/order-applications/${applicationId}`);
  return api.call(who, 'POST', `/api/v1/order-applications/${applicationId}/stages`, { ...body, version: current.body.application.version });
}

async function tasks(orderId: string): Promise<Json[]> {
  const rows = await vigil.deps.db.selectFrom('tasks').selectAll().orderBy('created_at').execute();
  return (rows as unknown as Json[]).filter((t) => t.details.orderId === orderId);
}

describe('renewal: submitted with evidence, authorised, granted with a new end date', () => {
  let order: Awaited<ReturnType<typeof spoOrder>>;
  let applicationId: string;
  beforeAll(async () => {
    order = await spoOrder(['Morwenna', 'Ashdown'], ['Tobias', 'Wrenfield']);
    vigil.clock.set('2026-11-20T10:00:00Z');
  });

  it('refuses a renewal without every piece of evidence, or applied for by the subject, naming each field', async () => {
    const thin = await apply(order.orderId, { kind: 'renewal', applicant: 'subject', appliedOn: '2026-11-20', grounds: 'Continued risk.', evidence: { newActs: EVIDENCE.newActs } });
    expect(thin.status).toBe(422);
    expect(thin.body.errors.map((e: Json) => e.field)).toEqual(['applicant', 'evidence.currentRisk', 'evidence.stillNecessary', 'evidence.compliance']);
    expect((await apply(order.orderId, { kind: 'renewal', applicant: 'police', appliedOn: '2026-11-20', grounds: 'Risk', evidence: EVIDENCE }, 'investigator')).status).toBe(403);
    expect((await apply(order.orderId, { kind: 'renewal', applicant: 'police', appliedOn: '2026-11-21', grounds: 'Risk', evidence: EVIDENCE })).body.errors).toEqual([expect.objectContaining({ field: 'appliedOn' })]);
  });

  it('records the application, sends it to the SCU and takes the renewal off the due list', async () => {
    const before = await api.call('offender-manager', 'GET', `/api/v1/orders/${order.orderId}`);
    expect(before.body.due.find((d: Json) => d.kind === 'renewal')).toMatchObject({ dueOn: '2026-12-03' });
    const created = await apply(order.orderId, { kind: 'renewal', applicant: 'police', appliedOn: '2026-11-20', grounds: 'The risk continues.', evidence: EVIDENCE });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    applicationId = created.body.id;
    const scuTask = (await tasks(order.orderId)).find((t) => t.type === 'order-application-scu-report')!;
    expect(scuTask).toMatchObject({ status: 'open', owner_team: 'scu' });
    expect(new Date(scuTask.due_at).toISOString()).toBe('2026-11-27T23:59:59.999Z');
    const after = await api.call('offender-manager', 'GET', `/api/v1/orders/${order.orderId}`);
    expect(after.body.due.find((d: Json) => d.kind === 'renewal')).toBeUndefined();
    expect(after.body.applications).toEqual([expect.objectContaining({ id: applicationId, kind: 'renewal', applicant: 'police', stage: 'applied', evidence: expect.objectContaining(EVIDENCE) })]);
    const again = await apply(order.orderId, { kind: 'renewal', applicant: 'police', appliedOn: '2026-11-20', grounds: 'Again', evidence: EVIDENCE });
    expect(again.status).toBe(422);
    expect(again.body.errors[0]).toMatchObject({ field: 'kind', message: expect.stringMatching(/already an open renewal/) });
  });

  it('takes the SCU report, then only the superintendent decides, answering the authority tests', async () => {
    vigil.clock.set('2026-11-24T10:00:00Z');
    const future = await stage('stalking-coordination-unit', applicationId, { stage: 'scu-report', stageOn: '2026-11-25', report: 'r', offenderManagerViews: 'v' });
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'stageOn', message: expect.stringMatching(/today or in the past/) })]);
    const early = await stage('authorising-superintendent', applicationId, { stage: 'decided', stageOn: '2026-11-20', decision: 'apply', reasons: 'Needed', ...AUTHORITY });
    expect(early.status).toBe(422);
    expect(early.body.errors[0].field).toBe('stage');
    expect((await stage('stalking-coordination-unit', applicationId, { stage: 'scu-report', stageOn: '2026-11-21', report: 'Renewal supported.', offenderManagerViews: 'Agrees: still fixated.' })).status).toBe(201);
    for (const who of ['stalking-coordination-unit', 'offender-manager', 'detective-sergeant', 'investigator']) {
      expect((await stage(who, applicationId, { stage: 'decided', stageOn: '2026-11-23', decision: 'apply', reasons: 'Needed', ...AUTHORITY })).status, who).toBe(403);
    }
    const wrong = await stage('authorising-superintendent', applicationId, { stage: 'decided', stageOn: '2026-11-23', decision: 'support', reasons: 'x' });
    expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'decision' })]);
    const thin = await stage('authorising-superintendent', applicationId, { stage: 'decided', stageOn: '2026-11-23', decision: 'apply', necessary: 'Yes' });
    expect(thin.status).toBe(422);
    expect(thin.body.errors.map((e: Json) => e.field)).toEqual(['reasons', 'proportionate', 'justified', 'humanRightsSubject', 'humanRightsVictim']);
    const decided = await stage('authorising-superintendent', applicationId, { stage: 'decided', stageOn: '2026-11-23', decision: 'apply', reasons: 'The evidence shows continued risk.', ...AUTHORITY });
    expect(decided.status, JSON.stringify(decided.body)).toBe(201);
    const open = (await tasks(order.orderId)).filter((t) => t.status === 'open' && t.type.startsWith('order-application-')).map((t) => t.type);
    expect(open).toEqual(['order-application-hearing']);
  });

  it('lists the hearing on the orders due page, and a stale version is refused', async () => {
    expect((await stage('stalking-coordination-unit', applicationId, { stage: 'hearing-listed', stageOn: '2026-11-24', court: 'Corrowick Magistrates Court', hearingOn: '2026-12-10' })).status).toBe(201);
    const due = await api.call('offender-manager', 'GET', '/api/v1/orders/due?team=offender-management');
    expect(due.body.items.find((i: Json) => i.orderId === order.orderId && i.kind === 'hearing')).toMatchObject({ dueOn: '2026-12-10', label: 'Court hearing: renewal application' });
    const stale = await api.call('stalking-coordination-unit', 'POST', `/api/v1/order-applications/${applicationId}/stages`, { stage: 'granted', stageOn: '2026-11-24', newExpiresOn: '2029-03-03', version: 1 });
    expect(stale.status).toBe(409);
  });

  it('the grant sets the new end date, keeps the old one in the history, and sets the victim and PNC tasks', async () => {
    vigil.clock.set('2026-12-10T16:00:00Z');
    const early = await stage('stalking-coordination-unit', applicationId, { stage: 'granted', stageOn: '2026-12-10', newExpiresOn: '2027-01-01' });
    expect(early.status).toBe(422);
    expect(early.body.errors).toEqual([expect.objectContaining({ field: 'newExpiresOn' })]);
    const granted = await stage('stalking-coordination-unit', applicationId, { stage: 'granted', stageOn: '2026-12-10', newExpiresOn: '2029-03-03', reasons: 'Risk continues.' });
    expect(granted.status, JSON.stringify(granted.body)).toBe(201);
    const view = await api.call('offender-manager', 'GET', `/api/v1/orders/${order.orderId}`);
    expect(view.body.order).toMatchObject({ expiresOn: '2029-03-03', status: 'active' });
    expect(view.body.renewalDue).toBe('2028-12-03');
    expect(view.body.history).toEqual([expect.objectContaining({ change: 'renewed', changedOn: '2026-12-10', applicationId, before: { expiresOn: '2027-03-03', untilFurtherOrder: false }, after: { expiresOn: '2029-03-03', untilFurtherOrder: false } })]);
    const all = await tasks(order.orderId);
    const victim = all.find((t) => t.type === 'order-application-tell-victim')!;
    expect(victim.title).toMatch(/granted the renewal application/);
    // Victims' Code enhanced service: by the end of the next working day (Friday 11 December 2026).
    expect(new Date(victim.due_at).toISOString()).toBe('2026-12-11T23:59:59.999Z');
    expect(all.find((t) => t.type === 'spo-update-pnc' && t.details.orderApplicationId === applicationId)).toMatchObject({ status: 'open' });
    expect(all.filter((t) => t.status === 'open' && t.type.startsWith('order-application-') && t.type !== 'order-application-tell-victim')).toEqual([]);
  });

  it('every stage is dated, owned and audited, and the application is closed', async () => {
    const view = await api.call('stalking-coordination-unit', 'GET', `/api/v1/order-applications/${applicationId}`);
    expect(view.body.stages.map((s: Json) => [s.stage, s.stageOn])).toEqual([
      ['applied', '2026-11-20'],
      ['scu-report', '2026-11-21'],
      ['decided', '2026-11-23'],
      ['hearing-listed', '2026-11-24'],
      ['granted', '2026-12-10'],
    ]);
    expect(view.body.stages.every((s: Json) => s.ownerTeam && s.recordedByName)).toBe(true);
    expect(view.body.stages.find((s: Json) => s.stage === 'decided').recordedByName).toMatch(/Authorising superintendent/);
    expect(view.body.next).toEqual([]);
    expect(view.body.application).toMatchObject({ decision: 'apply', stageLabel: 'Granted by the court' });
    const audited = await vigil.deps.db.selectFrom('audit_log').select(['action', 'details', 'actor_username']).where('record_type', '=', 'order-application').where('record_id', '=', applicationId).where('action', 'in', ['create', 'update']).orderBy('id').execute();
    expect(audited.map((a) => (a.details as Json).stage)).toEqual(['applied', 'scu-report', 'decided', 'hearing-listed', 'granted']);
    expect(audited.find((a) => (a.details as Json).stage === 'decided')!.actor_username).toBe('authorising-superintendent');
    const orderAudit = await vigil.deps.db.selectFrom('audit_log').select('details').where('record_type', '=', 'order').where('record_id', '=', order.orderId).where('action', '=', 'update').execute();
    expect(orderAudit.map((a) => (a.details as Json).change)).toContain('renewed');
    const closed = await stage('stalking-coordination-unit', applicationId, { stage: 'withdrawn', stageOn: '2026-12-10', reason: 'Too late' });
    expect(closed.status).toBe(422);
    expect(closed.body.errors[0].message).toMatch(/closed/);
  });
});

describe('variation applied for by the subject', () => {
  it('the force supports it; the court varies the terms; the old terms stay in the history', async () => {
    const order = await spoOrder(['Linnea', 'Stourbridge'], ['Caspian', 'Holloway']);
    vigil.clock.set('2025-09-01T10:00:00Z');
    const before = (await api.call('offender-manager', 'GET', `/api/v1/orders/${order.orderId}`)).body.order;
    const same = await apply(order.orderId, { kind: 'variation', applicant: 'subject', appliedOn: '2025-09-01', grounds: 'Work', proposedProhibitions: before.prohibitions, proposedRequirements: before.requirements });
    expect(same.body.errors).toEqual([expect.objectContaining({ field: 'proposedProhibitions', message: expect.stringMatching(/same as the order/) })]);
    const created = await apply(order.orderId, { kind: 'variation', applicant: 'subject', appliedOn: '2025-09-01', grounds: 'His new job is on her street.', proposedProhibitions: 'Not to contact Linnea Stourbridge', evidence: { summary: 'Letter from his employer.' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    vigil.clock.set('2025-09-20T10:00:00Z');
    expect((await stage('offender-manager', id, { stage: 'scu-report', stageOn: '2025-09-02', report: 'The street is where she lives: oppose in part.', offenderManagerViews: 'Compliant so far.' })).status).toBe(201);
    expect((await stage('authorising-superintendent', id, { stage: 'decided', stageOn: '2025-09-03', decision: 'apply', reasons: 'x', ...AUTHORITY })).body.errors).toEqual([expect.objectContaining({ field: 'decision' })]);
    expect((await stage('authorising-superintendent', id, { stage: 'decided', stageOn: '2025-09-03', decision: 'support', reasons: 'A narrower exclusion still protects her.' })).status).toBe(201);
    expect((await stage('stalking-coordination-unit', id, { stage: 'hearing-listed', stageOn: '2025-09-04', court: 'Corrowick Magistrates Court', hearingOn: '2025-09-20' })).status).toBe(201);
    // Adjourned: listed again.
    expect((await stage('stalking-coordination-unit', id, { stage: 'hearing-listed', stageOn: '2025-09-20', court: 'Corrowick Magistrates Court', hearingOn: '2025-09-27' })).status).toBe(201);
    vigil.clock.set('2025-09-27T15:00:00Z');
    expect((await stage('stalking-coordination-unit', id, { stage: 'granted', stageOn: '2025-09-27' })).body.errors).toEqual([expect.objectContaining({ field: 'prohibitions' })]);
    const granted = await stage('stalking-coordination-unit', id, { stage: 'granted', stageOn: '2025-09-27', prohibitions: 'Not to contact Linnea Stourbridge\nNot to enter her house', requirements: 'Attend a stalking perpetrator programme' });
    expect(granted.status, JSON.stringify(granted.body)).toBe(201);
    const view = await api.call('offender-manager', 'GET', `/api/v1/orders/${order.orderId}`);
    expect(view.body.order).toMatchObject({ prohibitions: 'Not to contact Linnea Stourbridge\nNot to enter her house', expiresOn: '2027-03-03' });
    expect(view.body.history).toEqual([expect.objectContaining({ change: 'varied', before: { prohibitions: before.prohibitions, requirements: before.requirements }, after: { prohibitions: 'Not to contact Linnea Stourbridge\nNot to enter her house', requirements: 'Attend a stalking perpetrator programme' } })]);
    const types = (await tasks(order.orderId)).filter((t) => t.status === 'open').map((t) => t.type);
    expect(types).toEqual(expect.arrayContaining(['order-application-tell-victim', 'order-update-plan', 'spo-update-pnc']));
    const app = await api.call('offender-manager', 'GET', `/api/v1/order-applications/${id}`);
    expect(app.body.application).toMatchObject({ applicant: 'subject', decision: 'support', applicantLabel: 'The subject of the order' });
  });
});

describe('discharge: SCU report, legal advice, the detective superintendent’s decision', () => {
  let order: Awaited<ReturnType<typeof spoOrder>>;
  beforeAll(async () => {
    order = await spoOrder(['Rosalind', 'Thornbury'], ['Lucan', 'Everleigh']);
    vigil.clock.set('2025-10-01T10:00:00Z');
  });

  async function throughTo(id: string, decision: string) {
    expect((await stage('stalking-coordination-unit', id, { stage: 'scu-report', stageOn: '2025-10-02', report: 'Reviewed with the offender manager.', offenderManagerViews: 'Still a risk.' })).status).toBe(201);
    const skip = await stage('authorising-superintendent', id, { stage: 'decided', stageOn: '2025-10-03', decision, reasons: 'x' });
    expect(skip.status).toBe(422);
    expect(skip.body.errors[0].message).toMatch(/Legal advice/);
    expect((await stage('stalking-coordination-unit', id, { stage: 'legal-advice', stageOn: '2025-10-06', adviser: 'Force legal services', advice: 'No grounds to discharge.' })).status).toBe(201);
    expect((await stage('authorising-superintendent', id, { stage: 'decided', stageOn: '2025-10-07', decision, reasons: 'Considered the report and advice.' })).status).toBe(201);
    expect((await stage('stalking-coordination-unit', id, { stage: 'hearing-listed', stageOn: '2025-10-08', court: 'Corrowick Magistrates Court', hearingOn: '2025-10-20' })).status).toBe(201);
  }

  it('the subject’s application is opposed and refused: the order stands and the victim is told', async () => {
    const created = await apply(order.orderId, { kind: 'discharge', applicant: 'subject', appliedOn: '2025-10-01', grounds: 'He says he has moved on.' }, 'offender-manager');
    expect(created.status).toBe(201);
    vigil.clock.set('2025-10-08T10:00:00Z');
    await throughTo(created.body.id, 'oppose');
    vigil.clock.set('2025-10-20T15:00:00Z');
    expect((await stage('stalking-coordination-unit', created.body.id, { stage: 'refused', stageOn: '2025-10-20', court: 'Corrowick Magistrates Court', reasons: 'The risk remains.' })).status).toBe(201);
    const view = await api.call('offender-manager', 'GET', `/api/v1/orders/${order.orderId}`);
    expect(view.body.order.status).toBe('active');
    expect(view.body.history).toEqual([]);
    const victim = (await tasks(order.orderId)).find((t) => t.type === 'order-application-tell-victim')!;
    expect(victim.title).toMatch(/refused the discharge application/);
    expect((await api.call('offender-manager', 'GET', `/api/v1/order-applications/${created.body.id}`)).body.application.outcome).toMatchObject({ result: 'refused', decidedOn: '2025-10-20', reasons: 'The risk remains.' });
  });

  it('a police discharge granted: the order is discharged, its management tasks cancelled, nothing more is due', async () => {
    vigil.clock.set('2025-11-03T10:00:00Z');
    const before = (await tasks(order.orderId)).filter((t) => t.status === 'open').map((t) => t.type);
    expect(before).toEqual(expect.arrayContaining(['order-initial-visit', 'order-allocate-manager']));
    const created = await apply(order.orderId, { kind: 'discharge', applicant: 'police', appliedOn: '2025-11-03', grounds: 'The victim has emigrated; the subject is in prison for 10 years.' });
    expect(created.status).toBe(201);
    expect((await stage('stalking-coordination-unit', created.body.id, { stage: 'scu-report', stageOn: '2025-11-03', report: 'Support discharge.', offenderManagerViews: 'Agree.' })).status).toBe(201);
    expect((await stage('stalking-coordination-unit', created.body.id, { stage: 'legal-advice', stageOn: '2025-11-03', advice: 'Grounds to discharge.' })).status).toBe(201);
    expect((await stage('authorising-superintendent', created.body.id, { stage: 'decided', stageOn: '2025-11-03', decision: 'apply', reasons: 'No longer necessary.' })).status).toBe(201);
    expect((await stage('stalking-coordination-unit', created.body.id, { stage: 'hearing-listed', stageOn: '2025-11-03', court: 'Corrowick Magistrates Court', hearingOn: '2025-11-03' })).status).toBe(201);
    expect((await stage('stalking-coordination-unit', created.body.id, { stage: 'granted', stageOn: '2025-11-03', court: 'Corrowick Magistrates Court' })).status).toBe(201);
    const view = await api.call('offender-manager', 'GET', `/api/v1/orders/${order.orderId}`);
    expect(view.body.order).toMatchObject({ status: 'discharged', statusReason: 'Discharged by Corrowick Magistrates Court on 2025-11-03' });
    expect(view.body.history).toEqual([expect.objectContaining({ change: 'discharged', before: { status: 'active', statusReason: null } })]);
    expect(view.body.due).toEqual([]);
    const after = await tasks(order.orderId);
    for (const type of ['order-initial-visit', 'order-allocate-manager', 'order-notification']) {
      expect(after.filter((t) => t.type === type).map((t) => t.status), type).not.toContain('open');
    }
    expect(after.find((t) => t.type === 'order-initial-visit')).toMatchObject({ status: 'cancelled', outcome: 'The order was discharged' });
    const due = await api.call('offender-manager', 'GET', '/api/v1/orders/due');
    expect(due.body.items.filter((i: Json) => i.orderId === order.orderId)).toEqual([]);
    const late = await apply(order.orderId, { kind: 'variation', applicant: 'subject', appliedOn: '2025-11-03', grounds: 'x', proposedProhibitions: 'None' });
    expect(late.status).toBe(422);
    expect(late.body.errors[0].message).toMatch(/no longer in force/);
  });
});

describe('a police application the superintendent decides not to make', () => {
  it('closes: no hearing can follow', async () => {
    const order = await spoOrder(['Perpetua', 'Hawksmoor'], ['Dashiell', 'Brackwater']);
    vigil.clock.set('2025-06-02T10:00:00Z');
    const created = await apply(order.orderId, { kind: 'variation', applicant: 'police', appliedOn: '2025-06-02', grounds: 'Add her new workplace.', proposedProhibitions: 'Not to contact Perpetua Hawksmoor\nNot to go within 200 metres of her home or workplace' });
    expect(created.status).toBe(201);
    expect((await stage('stalking-coordination-unit', created.body.id, { stage: 'scu-report', stageOn: '2025-06-02', report: 'Evidence thin.', offenderManagerViews: 'No sightings at work.' })).status).toBe(201);
    expect((await stage('authorising-superintendent', created.body.id, { stage: 'decided', stageOn: '2025-06-02', decision: 'do-not-apply', reasons: 'No evidence he has gone to her workplace.' })).status).toBe(201);
    const view = await api.call('stalking-coordination-unit', 'GET', `/api/v1/order-applications/${created.body.id}`);
    expect(view.body.next).toEqual([]);
    expect(view.body.application.stageLabel).toMatch(/decided not to apply/);
    const hearing = await stage('stalking-coordination-unit', created.body.id, { stage: 'hearing-listed', stageOn: '2025-06-02', court: 'Court', hearingOn: '2025-06-20' });
    expect(hearing.status).toBe(422);
    expect(hearing.body.errors[0].message).toMatch(/decided not to apply/);
    expect((await tasks(order.orderId)).filter((t) => t.status === 'open' && t.type.startsWith('order-application-'))).toEqual([]);
  });
});

describe('permissions per stage', () => {
  it.each([
    ['scu-report', { stage: 'scu-report', stageOn: '2025-06-03', report: 'r', offenderManagerViews: 'v' }, ['investigator', 'authorising-superintendent', 'detective-sergeant', 'call-handler', 'crime-registrar']],
    ['legal-advice', { stage: 'legal-advice', stageOn: '2025-06-03', advice: 'a' }, ['investigator', 'authorising-superintendent', 'detective-sergeant']],
    ['decided', { stage: 'decided', stageOn: '2025-06-03', decision: 'oppose', reasons: 'r' }, ['stalking-coordination-unit', 'offender-manager', 'detective-sergeant', 'force-lead', 'investigator']],
    ['hearing-listed', { stage: 'hearing-listed', stageOn: '2025-06-03', court: 'c', hearingOn: '2025-06-30' }, ['authorising-superintendent', 'investigator']],
    ['refused', { stage: 'refused', stageOn: '2025-06-03', reasons: 'r' }, ['authorising-superintendent', 'investigator', 'detective-sergeant']],
  ] as const)('%s: refused to %j, then recorded by the proper role', async (name, body, refused) => {
    const rows = await vigil.deps.db.selectFrom('order_applications').select(['id', 'kind', 'applicant', 'stage']).where('kind', '=', 'discharge').where('applicant', '=', 'subject').where('grounds', '=', 'Permission test').execute();
    let id = rows[0]?.id;
    if (!id) {
      const order = await spoOrder(['Isaura', 'Penhallow'], ['Quentin', 'Marchbank']);
      vigil.clock.set('2025-06-03T10:00:00Z');
      id = (await apply(order.orderId, { kind: 'discharge', applicant: 'subject', appliedOn: '2025-06-03', grounds: 'Permission test' })).body.id as string;
    }
    for (const who of refused) expect((await stage(who, id, body)).status, `${who} recording ${name}`).toBe(403);
    const who = name === 'decided' ? 'authorising-superintendent' : 'stalking-coordination-unit';
    const done = await stage(who, id, body);
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(done.body.stage).toBe(name);
  });

  it('reading an application is open to caseworkers, and unknown ids are not found', async () => {
    const missing = await api.call('stalking-coordination-unit', 'GET', '/api/v1/order-applications/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect((await api.call('stalking-coordination-unit', 'POST', '/api/v1/orders/00000000-0000-4000-8000-000000000000/applications', { kind: 'discharge', applicant: 'subject', appliedOn: '2025-06-03', grounds: 'x' })).status).toBe(404);
  });
});
