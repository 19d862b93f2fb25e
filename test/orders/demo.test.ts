import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/demo/random.ts';
import { seedOrders } from '../../src/demo/orders.ts';
import { insertPerson } from '../../src/features/people/repository.ts';
import { startTestVigil, type TestVigil } from '../support/app.ts';
import { apiClient, stalkingCase, type Json } from './support.ts';

let vigil: TestVigil;
beforeAll(async () => {
  vigil = await startTestVigil();
  vigil.clock.set('2025-02-17T09:00:00Z');
}, 120_000);
afterAll(async () => vigil?.close());

describe('demo orders', () => {
  it('puts the demo SPO under management with an overdue visit, and an SPO application awaiting authority', async () => {
    const api = apiClient(vigil);
    await stalkingCase(vigil, api);
    // The people demo data's SPO.
    const subject = await insertPerson(vigil.deps.db, { forenames: 'Dorian', surname: 'Kettleby', dateOfBirth: '1979-05-05', gender: null, restricted: false, restrictedContact: null });
    const victim = await insertPerson(vigil.deps.db, { forenames: 'Elowen', surname: 'Foxglove', dateOfBirth: '1990-05-05', gender: null, restricted: false, restrictedContact: null });
    const { id } = await vigil.deps.db.insertInto('orders').values({ type: 'stalking-protection-order', subject_person_id: subject, made_on: '2024-03-03', expires_on: '2026-03-03', court: 'Corrowick Magistrates Court', prohibitions: 'Not to contact Elowen Foxglove; not to go within 200 metres of her home', requirements: 'Notify every name and address' }).returning('id').executeTakeFirstOrThrow();
    await vigil.deps.db.insertInto('order_protected_persons').values({ order_id: id, person_id: victim }).execute();
    const users = new Map((await vigil.deps.db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
    const steps: number[] = [];
    await vigil.deps.db.transaction().execute((tx) => seedOrders(tx, { random: seededRandom(1), users, progress: (_s, done) => steps.push(done) }));
    expect(steps).toEqual([1, 2]);
    const view = await api.call('offender-manager', 'GET', `/api/v1/orders/${id}`);
    expect(view.status).toBe(200);
    expect(view.body.order.offenderManagerName).toMatch(/Offender manager/);
    expect(view.body.plan.items).toHaveLength(3);
    expect(view.body.due.find((d: Json) => d.kind === 'visit').state).toBe('overdue');
    expect(view.body.applications).toEqual([expect.objectContaining({ kind: 'renewal', stage: 'scu-report' })]);
    const renewal = await api.call('authorising-superintendent', 'GET', `/api/v1/order-applications/${view.body.applications[0].id}`);
    expect(renewal.body.next.find((n: Json) => n.stage === 'decided').allowed).toBe(true);
    const apps = await vigil.deps.db.selectFrom('spo_applications').select(['id', 'stage']).execute();
    expect(apps).toEqual([expect.objectContaining({ stage: 'application-prepared' })]);
    const spo = await api.call('authorising-superintendent', 'GET', `/api/v1/spo-applications/${apps[0]!.id}`);
    expect(spo.body.next.find((n: Json) => n.stage === 'authorised').allowed).toBe(true);
    expect(spo.body.stages.map((s: Json) => s.stage)).toEqual(['referred', 'scu-approved', 'application-prepared']);
  });
});
