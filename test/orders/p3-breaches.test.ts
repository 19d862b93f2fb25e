/**
 * Scenario P3 through the orders capability: a man convicted of stalking has a restraining
 * order protecting his ex-partner. Twelve months later he walks past her home once (a breach
 * of the order only); two weeks later he messages her: the second breach, a course of conduct,
 * a prompt to record stalking or harassment as well, and a risk reassessment task. Every breach
 * is a report of its own, with an urgent arrest task and a task to tell her.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPerson } from '../../src/features/people/repository.ts';
import { startTestVigil, type TestVigil } from '../support/app.ts';
import { apiClient, type Api, type Json } from './support.ts';

let vigil: TestVigil;
let api: Api;
let orderId: string;
let victimId: string;

const breach = (overrides: Record<string, unknown>) => ({ victimPersonId: victimId, relationship: 'ex-intimate-partner', fearOfViolence: false, ...overrides });

beforeAll(async () => {
  vigil = await startTestVigil();
  api = apiClient(vigil);
  const person = (forenames: string, surname: string, dateOfBirth: string) => insertPerson(vigil.deps.db, { forenames, surname, dateOfBirth, gender: null, restricted: false, restrictedContact: null });
  const subject = await person('Jasper', 'Thistledown', '1980-02-02');
  victimId = await person('Gwendolyn', 'Applewhite', '1984-07-07');
  vigil.clock.set('2024-03-01T10:00:00Z');
  const made = await api.call('offender-manager', 'POST', '/api/v1/orders', {
    type: 'restraining-order',
    subjectPersonId: subject,
    protectedPersonIds: [victimId],
    court: 'Corrowick Crown Court',
    madeOn: '2024-03-01',
    untilFurtherOrder: true,
    prohibitions: 'Not to contact Gwendolyn Applewhite directly or indirectly; not to go to Orchard Close',
  });
  expect(made.status).toBe(201);
  orderId = made.body.id;
}, 120_000);
afterAll(async () => vigil?.close());

async function tasksOfReport(reportId: string) {
  return vigil.deps.db.selectFrom('tasks').select(['type', 'title', 'owner_team', 'due_at', 'details', 'status']).where('report_id', '=', reportId).execute();
}

describe('P3: breaches of a restraining order', () => {
  let first: Json;

  it('P3: he walks past her home once, twelve months later: a breach of the order only, with arrest, risk and victim tasks', async () => {
    vigil.clock.set('2025-03-03T18:00:00Z');
    const r = await api.call('attending-officer', 'POST', `/api/v1/orders/${orderId}/breaches`, breach({ occurredOn: '2025-03-03', time: '17:00', place: 'Orchard Close', channels: ['in-person'], behaviours: ['other'], account: 'He walked past my house once this evening.' }));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    first = r.body;
    expect(first.breachNumber).toBe(1);
    expect(first.courseOfConductPrompt).toBeNull();
    const report = await api.call('attending-officer', 'GET', `/api/v1/reports/${first.reportId}`);
    expect(report.body.suggestion.principal).toBe('breach-restraining-order');
    expect(report.body.suggestion.alsoRecord).toEqual([]);
    const tasks = await tasksOfReport(first.reportId);
    const types = tasks.map((t) => t.type);
    expect(types).toEqual(expect.arrayContaining(['crime-decision', 'breach-arrest', 'risk-reassessment', 'breach-tell-victim']));
    expect(types).not.toContain('reconsider-classification');
    const arrest = tasks.find((t) => t.type === 'breach-arrest')!;
    expect(arrest.owner_team).toBe('response');
    expect(new Date(arrest.due_at).getTime() - vigil.clock.now().getTime()).toBe(3_600_000);
  });

  it('P3: two weeks later he messages her: the second breach, a course of conduct, the prompt to record stalking or harassment as well, and a risk reassessment', async () => {
    vigil.clock.set('2025-03-17T20:00:00Z');
    const r = await api.call('offender-manager', 'POST', `/api/v1/orders/${orderId}/breaches`, breach({ occurredOn: '2025-03-17', time: '19:30', channels: ['text'], behaviours: ['contacting'], account: 'He sent me a text message tonight.' }));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.breachNumber).toBe(2);
    expect(r.body.courseOfConductPrompt).toMatch(/two breaches after an order are a course of conduct, so record stalking or harassment as well/);
    expect(r.body.caseId).toBe(first.caseId);
    const report = await api.call('offender-manager', 'GET', `/api/v1/reports/${r.body.reportId}`);
    // The classification rules agree (the same P3 rule, not a copy): stalking as well as the breach.
    expect([report.body.suggestion.principal, ...report.body.suggestion.alsoRecord].sort()).toEqual(['breach-restraining-order', 'stalking']);
    expect(report.body.suggestion.prompts.map((p: Json) => p.code)).toEqual(expect.arrayContaining(['recordCourseOfConductWithBreach', 'reassessRisk']));
    const tasks = await tasksOfReport(r.body.reportId);
    const types = tasks.map((t) => t.type);
    expect(types).toEqual(expect.arrayContaining(['breach-arrest', 'risk-reassessment', 'breach-tell-victim', 'reconsider-classification']));
    expect(types.filter((t) => t === 'risk-reassessment')).toHaveLength(1);
    expect(types.filter((t) => t === 'reconsider-classification')).toHaveLength(1);
  });

  it('the order page lists both breaches with their reports and the prompt; the timeline data holds them as breaches', async () => {
    const view = await api.call('offender-manager', 'GET', `/api/v1/orders/${orderId}`);
    expect(view.body.breaches.map((b: Json) => b.breachNumber)).toEqual([1, 2]);
    expect(view.body.breaches[1].courseOfConductPrompt).toMatch(/course of conduct/);
    const occasions = await vigil.deps.db.selectFrom('occasions').select('breached_order_id').where('breached_order_id', '=', orderId).execute();
    expect(occasions).toHaveLength(2);
  });

  it('refuses a breach before the order was made, or against someone the order does not protect', async () => {
    const early = await api.call('offender-manager', 'POST', `/api/v1/orders/${orderId}/breaches`, breach({ occurredOn: '2024-01-01', channels: ['text'], behaviours: ['contacting'], account: 'Before the order.' }));
    expect(early.status).toBe(422);
    expect(early.body.errors[0].field).toBe('occurredOn');
    const stranger = await api.call('offender-manager', 'POST', `/api/v1/orders/${orderId}/breaches`, breach({ victimPersonId: '00000000-0000-4000-8000-000000000000', occurredOn: '2025-03-10', channels: ['text'], behaviours: ['contacting'], account: 'x' }));
    expect(stranger.status).toBe(422);
    expect(stranger.body.errors[0].field).toBe('victimPersonId');
    expect((await api.call('intelligence-analyst', 'POST', `/api/v1/orders/${orderId}/breaches`, breach({ occurredOn: '2025-03-10', channels: ['text'], behaviours: ['contacting'], account: 'x' }))).status).toBe(403);
  });
});

describe('breach of an order the classification rules do not count', () => {
  it('a non-molestation order breach still gets its report, a task to record the crime, arrest, risk and victim tasks', async () => {
    vigil.clock.set('2025-05-01T10:00:00Z');
    const subject = await insertPerson(vigil.deps.db, { forenames: 'Marlowe', surname: 'Sorrelby', dateOfBirth: '1979-01-01', gender: null, restricted: false, restrictedContact: null });
    const victim = await insertPerson(vigil.deps.db, { forenames: 'Lark', surname: 'Pebblebrook', dateOfBirth: '1990-01-01', gender: null, restricted: false, restrictedContact: null });
    const made = await api.call('stalking-coordination-unit', 'POST', '/api/v1/orders', { type: 'non-molestation-order', subjectPersonId: subject, protectedPersonIds: [victim], court: 'Corrowick Family Court', madeOn: '2025-01-10', expiresOn: '2026-01-10', prohibitions: 'Not to molest Lark Pebblebrook' });
    expect(made.status).toBe(201);
    const r = await api.call('stalking-coordination-unit', 'POST', `/api/v1/orders/${made.body.id}/breaches`, { victimPersonId: victim, relationship: 'ex-intimate-partner', occurredOn: '2025-04-30', channels: ['phone-call'], behaviours: ['contacting'], account: 'He rang me.' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const types = (await tasksOfReport(r.body.reportId)).map((t) => t.type);
    expect(types).toEqual(expect.arrayContaining(['breach-record-crime', 'breach-arrest', 'breach-tell-victim']));
    // The risk capability's reassessment request (a breach is one of its triggers) is on the case.
    const onCase = await vigil.deps.db.selectFrom('tasks').select(['type', 'details']).where('case_id', '=', r.body.caseId).where('type', '=', 'risk-reassessment').execute();
    expect(onCase).toHaveLength(1);
    expect((onCase[0]!.details as Json).event).toBe('breach');
  });
});
