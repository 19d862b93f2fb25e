import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigil, type TestVigil } from '../support/app.ts';
import { recordNotifiableEvent, recordEvent, viewVictims } from '../../src/features/victims/service.ts';
import { apiClient, contextFor, NEIGHBOUR_HARASSMENT, reportCase, STALKING_AUGUST_2025, type Api } from './support.ts';

let vigil: TestVigil;
let api: Api;

beforeAll(async () => {
  vigil = await startTestVigil();
  api = apiClient(vigil);
  vigil.clock.set('2025-08-18T09:00:00Z');
});
afterAll(async () => vigil.close());

/** Friday 22 August 2025, 10:15 in London (BST). */
const ARREST = new Date('2025-08-22T09:15:00Z');

describe('P8: Victims’ Code timing at service level', () => {
  it('an arrest on Friday 22 August 2025 must be told to an enhanced victim by the end of Tuesday 26 August (Monday is a bank holiday)', async () => {
    const { caseId, victimId } = await reportCase(vigil, api, STALKING_AUGUST_2025());
    vigil.clock.set('2025-08-22T11:00:00Z');
    const ctx = await contextFor(vigil, 'investigator');
    const recorded = await recordEvent(vigil.deps, ctx, caseId, { event: 'arrest', at: ARREST, victimConsulted: null, bailUntil: null, notes: null });
    expect(recorded.duties).toHaveLength(1);
    const [duty] = recorded.duties;
    expect(duty).toMatchObject({ personId: victimId, kind: 'tell-victim', entitlement: 'enhanced' });
    // End of Tuesday 26 August 2025 in London: 23:59:59.999 BST.
    expect(duty!.dueAt.toISOString()).toBe('2025-08-26T22:59:59.999Z');

    const task = await vigil.deps.db.selectFrom('tasks').selectAll().where('id', '=', duty!.taskId).executeTakeFirstOrThrow();
    expect(task.type).toBe('tell-victim');
    expect(task.status).toBe('open');
    expect(task.due_at.toISOString()).toBe('2025-08-26T22:59:59.999Z');
    expect(task.case_id).toBe(caseId);

    const view = await viewVictims(vigil.deps, ctx, caseId);
    expect(view.victims[0]!.entitlement.level).toBe('enhanced');
    expect(view.victims[0]!.duties[0]).toMatchObject({ open: true, overdue: false, event: 'arrest' });
  });

  it('a standard-rights victim of the same arrest is due by the end of Monday 1 September 2025 (five working days)', async () => {
    vigil.clock.set('2025-08-18T09:00:00Z');
    const { caseId } = await reportCase(vigil, api, NEIGHBOUR_HARASSMENT());
    vigil.clock.set('2025-08-22T11:00:00Z');
    const ctx = await contextFor(vigil, 'investigator');
    const recorded = await vigil.deps.db.transaction().execute((tx) => recordNotifiableEvent(tx, ctx, { caseId, event: 'arrest', at: ARREST }));
    expect(recorded.duties).toHaveLength(1);
    expect(recorded.duties[0]!.entitlement).toBe('standard');
    expect(recorded.duties[0]!.dueAt.toISOString()).toBe('2025-09-01T22:59:59.999Z');
  });

  it('through the API: bail without consulting the victim asks for consultation now and before the bail date', async () => {
    vigil.clock.set('2025-08-18T09:00:00Z');
    const { caseId } = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Elowen', surname: 'Mossbank' } }));
    vigil.clock.set('2025-08-22T11:00:00Z');
    const response = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/events`, {
      event: 'bail',
      at: '2025-08-22T10:15:00+01:00',
      victimConsulted: false,
      bailUntil: '2025-09-19',
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const kinds = (response.body.duties as Array<{ kind: string; dueAt: string }>).map((d) => [d.kind, d.dueAt]);
    expect(kinds).toEqual([
      ['tell-victim', '2025-08-26T22:59:59.999Z'],
      ['consult-victim-bail', '2025-08-26T22:59:59.999Z'],
      // The working day before the bail date (Friday 19 September): Thursday 18 September.
      ['consult-victim-bail', '2025-09-18T22:59:59.999Z'],
    ]);
    expect(response.body.prompts.join(' ')).toMatch(/consulted before a bail decision/);
  });

  it('refuses a bail event that does not say whether the victim was consulted, and an event in the future', async () => {
    vigil.clock.set('2025-08-18T09:00:00Z');
    const { caseId } = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Lark', surname: 'Juniper' } }));
    const missing = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/events`, { event: 'bail', at: '2025-08-17T10:00:00+01:00' });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'victimConsulted' })]));
    const future = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/events`, { event: 'arrest', at: '2025-08-25T10:00:00+01:00' });
    expect(future.status).toBe(422);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'at' })]);
    const count = await vigil.deps.db.selectFrom('victim_events').select('id').where('case_id', '=', caseId).execute();
    expect(count).toHaveLength(0);
  });
});
