/**
 * The SPO process through the API: referral to grant with every stage dated, owned and
 * audited; permissions per stage (only the authorising superintendent authorises); P7's
 * dates; management after grant (notification, visits, due page); moving in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigil, type TestVigil } from '../support/app.ts';
import { AUTHORITY, REFERRAL, apiClient, runStages, stagesToGrant, stalkingCase, type Api, type Json } from './support.ts';

let vigil: TestVigil;
let api: Api;

beforeAll(async () => {
  vigil = await startTestVigil();
  vigil.clock.set('2025-02-17T09:00:00Z');
  api = apiClient(vigil);
}, 120_000);
afterAll(async () => vigil?.close());

async function referral() {
  const c = await stalkingCase(vigil, api);
  const created = await api.call('investigator', 'POST', `/api/v1/cases/${c.caseId}/spo-applications`, REFERRAL(c.suspectId!, c.victimId));
  expect(created.status).toBe(201);
  return { ...c, spoId: created.body.id as string };
}

async function tasksOf(caseId: string): Promise<Json[]> {
  return vigil.deps.db.selectFrom('tasks').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute() as unknown as Json[];
}

describe('SPO consideration and referral', () => {
  it('a stalking report creates an SPO consideration task, which the referral closes', async () => {
    const c = await stalkingCase(vigil, api, { victim: ['Nerys', 'Larkspur'], suspect: ['Orrin', 'Quill'] });
    const before = (await tasksOf(c.caseId)).filter((t) => t.type === 'spo-consideration');
    expect(before).toHaveLength(1);
    expect(before[0]!.status).toBe('open');
    const created = await api.call('investigator', 'POST', `/api/v1/cases/${c.caseId}/spo-applications`, REFERRAL(c.suspectId!, c.victimId));
    expect(created.status).toBe(201);
    const after = await tasksOf(c.caseId);
    expect(after.find((t) => t.type === 'spo-consideration')!.status).toBe('done');
    expect(after.find((t) => t.type === 'spo-scu-decision')).toMatchObject({ status: 'open', owner_team: 'scu' });
  });

  it('refuses a referral naming someone who is not on the case, listing the fields', async () => {
    const c = await stalkingCase(vigil, api, { victim: ['Cerys', 'Mossbank'], suspect: ['Hollis', 'Rookwood'] });
    const bad = await api.call('investigator', 'POST', `/api/v1/cases/${c.caseId}/spo-applications`, REFERRAL(c.victimId, c.suspectId!));
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: Json) => e.field).sort()).toEqual(['protectedPersonIds', 'subjectPersonId']);
  });
});

describe('permissions per stage', () => {
  let spoId: string;
  beforeAll(async () => {
    spoId = (await referral()).spoId;
  });

  async function attempt(who: string, body: Record<string, unknown>) {
    const current = await api.call('stalking-coordination-unit', 'GET', `/api/v1/spo-applications/${spoId}`);
    return api.call(who, 'POST', `/api/v1/spo-applications/${spoId}/stages`, { ...body, version: current.body.application.version });
  }

  it.each([
    ['scu-approved', { stage: 'scu-approved', stageOn: '2025-02-18', reason: 'Meets the tests.' }, ['investigator', 'authorising-superintendent', 'detective-sergeant', 'call-handler']],
    ['application-prepared', { stage: 'application-prepared', stageOn: '2025-02-20', statement: 'Statement.', proposedProhibitions: 'No contact', termYears: 2 }, ['investigator', 'authorising-superintendent']],
    ['authorised', { stage: 'authorised', stageOn: '2025-02-21', ...AUTHORITY }, ['stalking-coordination-unit', 'offender-manager', 'detective-sergeant', 'force-lead', 'investigator']],
    ['hearing-listed', { stage: 'hearing-listed', stageOn: '2025-02-24', court: 'Corrowick Magistrates Court', hearingOn: '2025-03-03' }, ['authorising-superintendent', 'investigator']],
    ['granted', { stage: 'granted', stageOn: '2025-03-03', court: 'Corrowick Magistrates Court', prohibitions: 'No contact', termYears: 2 }, ['authorising-superintendent', 'investigator', 'detective-sergeant']],
  ] as const)('%s: refused to %j, then recorded by the proper role', async (stage, body, refused) => {
    for (const who of refused) expect((await attempt(who, body)).status, `${who} recording ${stage}`).toBe(403);
    const who = stage === 'authorised' ? 'authorising-superintendent' : 'stalking-coordination-unit';
    const done = await attempt(who, body);
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(done.body.stage).toBe(stage);
  });

  it('records who, when and which team for every stage, and audits each', async () => {
    const view = await api.call('stalking-coordination-unit', 'GET', `/api/v1/spo-applications/${spoId}`);
    expect(view.body.stages.map((s: Json) => [s.stage, s.stageOn])).toEqual([
      ['referred', '2025-02-17'],
      ['scu-approved', '2025-02-18'],
      ['application-prepared', '2025-02-20'],
      ['authorised', '2025-02-21'],
      ['hearing-listed', '2025-02-24'],
      ['granted', '2025-03-03'],
    ]);
    expect(view.body.stages.find((s: Json) => s.stage === 'authorised').recordedByName).toMatch(/Authorising superintendent/);
    expect(view.body.stages.every((s: Json) => s.ownerTeam)).toBe(true);
    const audited = await vigil.deps.db.selectFrom('audit_log').select(['details', 'actor_username']).where('record_type', '=', 'spo-application').where('record_id', '=', spoId).where('action', 'in', ['create', 'update']).orderBy('id').execute();
    expect(audited.map((a) => (a.details as Json).stage)).toEqual(['referred', 'scu-approved', 'application-prepared', 'authorised', 'hearing-listed', 'granted']);
    expect(audited.find((a) => (a.details as Json).stage === 'authorised')!.actor_username).toBe('authorising-superintendent');
  });

  it('refuses a stage out of order, and authority without every test answered', async () => {
    const other = await referral();
    const v = async () => (await api.call('stalking-coordination-unit', 'GET', `/api/v1/spo-applications/${other.spoId}`)).body.application.version;
    const early = await api.call('authorising-superintendent', 'POST', `/api/v1/spo-applications/${other.spoId}/stages`, { stage: 'authorised', stageOn: '2025-02-18', ...AUTHORITY, version: await v() });
    expect(early.status).toBe(422);
    expect(early.body.errors[0].field).toBe('stage');
    await runStages(api, other.spoId, stagesToGrant('2025-03-03').slice(0, 2));
    const thin = await api.call('authorising-superintendent', 'POST', `/api/v1/spo-applications/${other.spoId}/stages`, { stage: 'authorised', stageOn: '2025-02-21', necessary: 'Yes', version: await v() });
    expect(thin.status).toBe(422);
    expect(thin.body.errors.map((e: Json) => e.field)).toEqual(['proportionate', 'justified', 'humanRightsSubject', 'humanRightsVictim']);
    const stale = await api.call('authorising-superintendent', 'POST', `/api/v1/spo-applications/${other.spoId}/stages`, { stage: 'authorised', stageOn: '2025-02-21', ...AUTHORITY, version: 1 });
    expect(stale.status).toBe(409);
  });
});

describe('P7: a full SPO granted on 3 March 2025 for two years', () => {
  let orderId: string;
  let caseId: string;
  beforeAll(async () => {
    const r = await referral();
    caseId = r.caseId;
    vigil.clock.set('2025-03-03T15:00:00Z');
    const granted = await runStages(api, r.spoId, stagesToGrant('2025-03-03', '2025-03-03'));
    orderId = granted.body.orderId;
  });

  it('creates the order with its expiry, and the grant tasks: tell the victim, set the flag, update PNC', async () => {
    const view = await api.call('offender-manager', 'GET', `/api/v1/orders/${orderId}`);
    expect(view.status).toBe(200);
    expect(view.body.order).toMatchObject({ type: 'stalking-protection-order', madeOn: '2025-03-03', expiresOn: '2027-03-03', servedOn: '2025-03-03', status: 'active' });
    expect(view.body.renewalDue).toBe('2026-12-03');
    const types = (await tasksOf(caseId)).filter((t) => t.status === 'open').map((t) => t.type);
    expect(types).toEqual(expect.arrayContaining(['spo-tell-victim', 'spo-set-flag', 'spo-update-pnc', 'order-allocate-manager', 'order-initial-visit', 'order-notification']));
    expect(types).not.toContain('spo-hearing-outcome');
  });

  it('the initial visit is due by 10 March 2025 and notification by 5 March (service on 3 March is day 1)', async () => {
    const view = await api.call('offender-manager', 'GET', `/api/v1/orders/${orderId}`);
    expect(view.body.visits).toEqual([expect.objectContaining({ kind: 'initial', dueOn: '2025-03-10', visitedOn: null })]);
    expect(view.body.notifications).toEqual([expect.objectContaining({ kind: 'initial', dueOn: '2025-03-05', receivedOn: null })]);
    const visitTask = (await tasksOf(caseId)).find((t) => t.type === 'order-initial-visit')!;
    // Due by the end of 10 March, London time (GMT in March).
    expect(new Date(visitTask.due_at).toISOString()).toBe('2025-03-10T23:59:59.999Z');
    expect(view.body.due.map((d: Json) => [d.kind, d.dueOn])).toEqual(
      expect.arrayContaining([
        ['notification', '2025-03-05'],
        ['visit', '2025-03-10'],
        ['allocate-manager', '2025-03-10'],
        ['renewal', '2026-12-03'],
      ]),
    );
  });

  it('shows an overdue notification on the orders due page for the team, and clears it when the subject notifies', async () => {
    vigil.clock.set('2025-03-06T09:00:00Z');
    const due = await api.call('offender-manager', 'GET', '/api/v1/orders/due?team=offender-management');
    const mine = due.body.items.filter((i: Json) => i.orderId === orderId);
    expect(mine.find((i: Json) => i.kind === 'notification')).toMatchObject({ state: 'overdue', dueOn: '2025-03-05' });
    expect(mine.find((i: Json) => i.kind === 'visit')).toMatchObject({ state: 'due soon' });
    const other = await api.call('offender-manager', 'GET', '/api/v1/orders/due?team=cid');
    expect(other.body.items.filter((i: Json) => i.orderId === orderId)).toEqual([]);
    const view = await api.call('offender-manager', 'GET', `/api/v1/orders/${orderId}`);
    const received = await api.call('offender-manager', 'POST', `/api/v1/orders/${orderId}/notifications/${view.body.notifications[0].id}/received`, { receivedOn: '2025-03-06', station: 'Corrowick' });
    expect(received.status).toBe(200);
    expect(received.body.late).toBe(true);
    const after = await api.call('offender-manager', 'GET', '/api/v1/orders/due?team=offender-management');
    expect(after.body.items.filter((i: Json) => i.orderId === orderId && i.kind === 'notification')).toEqual([]);
  });

  it('allocating the manager and the initial visit schedule the next visit by the plan', async () => {
    const view = await api.call('offender-manager', 'GET', `/api/v1/orders/${orderId}`);
    const om = view.body.managers[0].id;
    expect((await api.call('offender-manager', 'POST', `/api/v1/orders/${orderId}/manager`, { version: view.body.order.version, offenderManagerId: om, intervalDays: 14 })).status).toBe(200);
    const visit = await api.call('offender-manager', 'POST', `/api/v1/orders/${orderId}/visits`, { visitedOn: '2025-03-06', notes: 'At home; aware of the terms.' });
    expect(visit.status).toBe(201);
    expect(visit.body.nextVisitDue).toBe('2025-03-20');
    const tasks = await tasksOf(caseId);
    expect(tasks.find((t) => t.type === 'order-initial-visit')!.status).toBe('done');
    expect(tasks.find((t) => t.type === 'order-allocate-manager')!.status).toBe('done');
    expect(tasks.find((t) => t.type === 'order-visit')).toMatchObject({ status: 'open', owner_user_id: om });
    const plan = await api.call('offender-manager', 'GET', `/api/v1/orders/${orderId}`);
    expect(plan.body.plan.items.map((i: Json) => i.text)).toEqual(['Not to contact Elowen Brackenridge', 'not to go within 200 metres of her home', 'Attend a stalking perpetrator programme']);
  });

  it('a change of address starts a new 3-day notification requirement', async () => {
    const r = await api.call('offender-manager', 'POST', `/api/v1/orders/${orderId}/notifications`, { kind: 'change-of-address', triggerOn: '2025-03-30' });
    expect(r.status).toBe(201);
    expect(r.body.dueOn).toBe('2025-04-01');
  });

  it('a supervisor (detective sergeant) reviews the plan; an investigator cannot', async () => {
    const review = await api.call('detective-sergeant', 'POST', `/api/v1/orders/${orderId}/reviews`, { reviewedOn: '2025-06-03', riskFactors: 'Fixation persists', positiveChanges: 'Attending the programme', compliance: 'Full', judgement: 'Medium risk', changes: 'None' });
    expect(review.status).toBe(201);
    expect((await api.call('investigator', 'POST', `/api/v1/orders/${orderId}/reviews`, { reviewedOn: '2025-06-03', riskFactors: 'a', positiveChanges: 'b', compliance: 'c', judgement: 'd', changes: 'e' })).status).toBe(403);
  });
});

describe('P7: a subject under an SPO from another force moves in on 1 July 2025', () => {
  it('needs an offender manager by 8 July and a first visit by 15 July', async () => {
    vigil.clock.set('2025-07-01T10:00:00Z');
    const c = await stalkingCase(vigil, api, { victim: ['Saffron', 'Nettlefold'], suspect: ['Peregrine', 'Ironwood'] });
    const created = await api.call('offender-manager', 'POST', '/api/v1/orders', {
      type: 'stalking-protection-order',
      subjectPersonId: c.suspectId,
      protectedPersonIds: [c.victimId],
      caseId: c.caseId,
      court: 'Westmarch Magistrates Court',
      madeOn: '2024-10-01',
      expiresOn: '2026-10-01',
      prohibitions: 'Not to contact Saffron Nettlefold',
      movedInOn: '2025-07-01',
      fromForce: 'Westmarch Constabulary',
    });
    expect(created.status).toBe(201);
    const view = await api.call('offender-manager', 'GET', `/api/v1/orders/${created.body.id}`);
    expect(view.body.due.map((d: Json) => [d.kind, d.dueOn])).toEqual(expect.arrayContaining([['allocate-manager', '2025-07-08'], ['visit', '2025-07-15']]));
    expect(view.body.transfers).toEqual([expect.objectContaining({ direction: 'in', other_force: 'Westmarch Constabulary' })]);
    const out = await api.call('offender-manager', 'POST', `/api/v1/orders/${created.body.id}/moves-out`, { movedOn: '2025-09-01', toForce: 'Eastmoor Police', riskInformation: 'High risk; see S-DASH.' });
    expect(out.status).toBe(201);
    expect(out.body.pack.items).toEqual(['Statement of service', 'Subject management plan', 'Risk information']);
    expect(out.body.pack.statementOfService.prohibitions).toBe('Not to contact Saffron Nettlefold');
  });

  it('refuses an order with no expiry and no "until further order", and unknown types', async () => {
    const r = await api.call('offender-manager', 'POST', '/api/v1/orders', { type: 'banning-order', subjectPersonId: '00000000-0000-4000-8000-000000000000', protectedPersonIds: [], madeOn: '2025-02-30', prohibitions: '' });
    expect(r.status).toBe(422);
    expect(r.body.errors.map((e: Json) => e.field)).toEqual(expect.arrayContaining(['type', 'protectedPersonIds', 'madeOn', 'prohibitions']));
    expect((await api.call('investigator', 'POST', '/api/v1/orders', {})).status).toBe(403);
  });
});
