/**
 * Cross-force cases set a task to consult the other force (a subject moving in, an order
 * referred by another force, a cross-force SPO referral); and a case reclassified to
 * stalking later (at the crime decision, or by a confirmed reclassification) gets the SPO
 * consideration task once, never twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigil, type TestVigil } from '../support/app.ts';
import { NEIGHBOUR_HARASSMENT } from '../victims/support.ts';
import { REFERRAL, apiClient, stalkingCase, type Api, type Json } from './support.ts';
import { reportCase } from '../victims/support.ts';

let vigil: TestVigil;
let api: Api;

beforeAll(async () => {
  vigil = await startTestVigil();
  api = apiClient(vigil);
}, 120_000);
afterAll(async () => vigil?.close());

async function caseTasks(caseId: string, type: string): Promise<Json[]> {
  return (await vigil.deps.db.selectFrom('tasks').selectAll().where('case_id', '=', caseId).where('type', '=', type).orderBy('created_at').execute()) as unknown as Json[];
}

describe('cross-force: consult the other force', () => {
  it('a subject moving in on 1 July 2025: consult the force by 8 July, alongside the 7-day manager and 14-day visit', async () => {
    vigil.clock.set('2025-07-01T10:00:00Z');
    const c = await stalkingCase(vigil, api, { victim: ['Aurelia', 'Penrose'], suspect: ['Silas', 'Blackthorn'] });
    const created = await api.call('offender-manager', 'POST', '/api/v1/orders', {
      type: 'stalking-protection-order',
      subjectPersonId: c.suspectId,
      protectedPersonIds: [c.victimId],
      caseId: c.caseId,
      madeOn: '2024-10-01',
      expiresOn: '2026-10-01',
      prohibitions: 'Not to contact Aurelia Penrose',
      movedInOn: '2025-07-01',
      fromForce: 'Westmarch Constabulary',
    });
    expect(created.status).toBe(201);
    const [consult] = await caseTasks(c.caseId, 'order-consult-other-force');
    expect(consult).toMatchObject({ status: 'open', owner_team: 'scu' });
    expect(consult!.title).toMatch(/Westmarch Constabulary/);
    expect(consult!.details).toMatchObject({ orderId: created.body.id, otherForce: 'Westmarch Constabulary' });
    expect(new Date(consult!.due_at).toISOString()).toBe('2025-07-08T22:59:59.999Z');
    const view = await api.call('offender-manager', 'GET', `/api/v1/orders/${created.body.id}`);
    expect(view.body.due.map((d: Json) => [d.kind, d.dueOn])).toEqual(expect.arrayContaining([['allocate-manager', '2025-07-08'], ['visit', '2025-07-15']]));
  });

  it('an order referred by another force (no move) also sets the consultation task; an order from this force does not', async () => {
    vigil.clock.set('2025-07-02T10:00:00Z');
    const c = await stalkingCase(vigil, api, { victim: ['Ottilie', 'Marchmont'], suspect: ['Jago', 'Fairweather'] });
    const base = { type: 'restraining-order', subjectPersonId: c.suspectId, protectedPersonIds: [c.victimId], caseId: c.caseId, madeOn: '2025-06-01', untilFurtherOrder: true, prohibitions: 'No contact' };
    expect((await api.call('offender-manager', 'POST', '/api/v1/orders', base)).status).toBe(201);
    expect(await caseTasks(c.caseId, 'order-consult-other-force')).toEqual([]);
    const referred = await api.call('offender-manager', 'POST', '/api/v1/orders', { ...base, fromForce: 'Eastmoor Police' });
    expect(referred.status).toBe(201);
    const tasks = await caseTasks(c.caseId, 'order-consult-other-force');
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.title).toMatch(/referred by Eastmoor Police/);
    expect(new Date(tasks[0]!.due_at).toISOString()).toBe('2025-07-09T22:59:59.999Z');
  });

  it('a cross-force SPO referral needs the other force and sets the task, due 7 days after the referral', async () => {
    vigil.clock.set('2025-02-17T09:00:00Z');
    const c = await stalkingCase(vigil, api, { victim: ['Henrietta', 'Quarles'], suspect: ['Barnaby', 'Coldridge'] });
    const missing = await api.call('investigator', 'POST', `/api/v1/cases/${c.caseId}/spo-applications`, { ...REFERRAL(c.suspectId!, c.victimId), crossForce: true });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'otherForce' })]);
    const made = await api.call('investigator', 'POST', `/api/v1/cases/${c.caseId}/spo-applications`, { ...REFERRAL(c.suspectId!, c.victimId), crossForce: true, otherForce: 'Northmoor Police' });
    expect(made.status).toBe(201);
    const [consult] = await caseTasks(c.caseId, 'order-consult-other-force');
    expect(consult!.details).toMatchObject({ spoApplicationId: made.body.id, otherForce: 'Northmoor Police' });
    expect(consult!.title).toMatch(/legal services/);
    expect(new Date(consult!.due_at).toISOString()).toBe('2025-02-24T23:59:59.999Z');
    const audited = await vigil.deps.db.selectFrom('audit_log').select('details').where('record_type', '=', 'task').where('record_id', '=', consult!.id).execute();
    expect(audited).toHaveLength(1);
  });
});

describe('SPO consideration when a case is reclassified to stalking', () => {
  it('harassment by a neighbour has no consideration task; recording stalking at the crime decision sets one, due 7 days on', async () => {
    vigil.clock.set('2025-08-12T10:00:00Z');
    const c = await reportCase(vigil, api, NEIGHBOUR_HARASSMENT({ victim: { forenames: 'Piers', surname: 'Underhill' }, suspect: { forenames: 'Godric', surname: 'Ashcombe', approximateAge: 50 } }));
    expect(await caseTasks(c.caseId, 'spo-consideration')).toEqual([]);
    const report = await api.call('crime-registrar', 'GET', `/api/v1/reports/${c.reportId}`);
    const decided = await api.call('crime-registrar', 'POST', `/api/v1/reports/${c.reportId}/crime-decision`, { version: report.body.version, decision: 'crime', principal: 'stalking', alsoRecord: [], rationale: 'He fixates on the victim: the threats and damage are a stalking pattern.' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const tasks = await caseTasks(c.caseId, 'spo-consideration');
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ status: 'open', owner_team: 'scu' });
    expect(tasks[0]!.details).toMatchObject({ trigger: 'reclassified' });
    expect(new Date(tasks[0]!.due_at).toISOString()).toBe('2025-08-19T22:59:59.999Z');
  });

  it('a confirmed reclassification to stalking sets it once; confirming stalking again, or after the task is done, adds no second task', async () => {
    vigil.clock.set('2025-08-13T10:00:00Z');
    const c = await reportCase(vigil, api, NEIGHBOUR_HARASSMENT({ victim: { forenames: 'Wilfred', surname: 'Castellan' }, suspect: { forenames: 'Ambrose', surname: 'Tillingham', approximateAge: 60 } }));
    const propose = async (principal: string) => {
      const p = await api.call('investigator', 'POST', `/api/v1/cases/${c.caseId}/classifications`, { principal, alsoRecord: [], rationale: 'New evidence of fixation and surveillance.' });
      expect(p.status, JSON.stringify(p.body)).toBe(201);
      const d = await api.call('detective-sergeant', 'POST', `/api/v1/cases/${c.caseId}/classifications/${p.body.classificationId}/decision`, { decision: 'confirm' });
      expect(d.status, JSON.stringify(d.body)).toBe(200);
    };
    await propose('harassment');
    expect(await caseTasks(c.caseId, 'spo-consideration')).toEqual([]);
    await propose('stalking');
    expect(await caseTasks(c.caseId, 'spo-consideration')).toHaveLength(1);
    await propose('stalking');
    expect(await caseTasks(c.caseId, 'spo-consideration')).toHaveLength(1);
    const [task] = await caseTasks(c.caseId, 'spo-consideration');
    await vigil.deps.db.updateTable('tasks').set({ status: 'done', outcome: 'Not needed: no risk' }).where('id', '=', task!.id).execute();
    await propose('harassment');
    await propose('stalking');
    expect(await caseTasks(c.caseId, 'spo-consideration')).toHaveLength(1);
  });

  it('a case that began as stalking keeps its one task when the crime decision confirms stalking', async () => {
    vigil.clock.set('2025-02-17T09:00:00Z');
    const c = await stalkingCase(vigil, api, { victim: ['Clemency', 'Rowntree'], suspect: ['Evander', 'Mallory'] });
    expect(await caseTasks(c.caseId, 'spo-consideration')).toHaveLength(1);
    const report = await api.call('crime-registrar', 'GET', `/api/v1/reports/${c.reportId}`);
    expect((await api.call('crime-registrar', 'POST', `/api/v1/reports/${c.reportId}/crime-decision`, { version: report.body.version, decision: 'crime', principal: 'stalking', alsoRecord: [] })).status).toBe(200);
    expect(await caseTasks(c.caseId, 'spo-consideration')).toHaveLength(1);
  });
});
