import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/demo/random.ts';
import { seedInvestigation } from '../../src/demo/investigation.ts';
import { startTestVigil, type TestVigil } from '../support/app.ts';
import { apiClient, reportCase, STALKING_AUGUST_2025, STRANGER_P4 } from './support.ts';

let vigil: TestVigil;

beforeAll(async () => {
  vigil = await startTestVigil();
  vigil.clock.set('2025-08-18T09:00:00Z');
});
afterAll(async () => vigil.close());

describe('demo investigation', () => {
  it('allocates, plans, reviews, manages the suspect and finalises on the cases after the victim care ones', async () => {
    const api = apiClient(vigil);
    for (let i = 0; i < 6; i += 1) {
      const answers = i % 2 === 0 ? STALKING_AUGUST_2025({ victim: { forenames: `Demo${i}`, surname: 'Harrowgate' }, suspect: { forenames: `Demos${i}`, surname: 'Fenwright' } }) : STRANGER_P4({ victim: { forenames: `Demo${i}`, surname: 'Kilbride' }, suspect: { forenames: `Stranger${i}`, surname: 'Ollerton' } });
      await reportCase(vigil, api, answers);
    }
    const users = new Map((await vigil.deps.db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
    const steps: number[] = [];
    await vigil.deps.db.transaction().execute((tx) => seedInvestigation(tx, { random: seededRandom(1), users, progress: (_s, done) => steps.push(done) }));
    expect(steps).toEqual([1, 2, 3]);
    expect(await vigil.deps.db.selectFrom('investigation_allocations').select('id').execute()).toHaveLength(3);
    const log = await vigil.deps.db.selectFrom('investigation_log').select('entry_type').execute();
    expect(log.map((l) => l.entry_type)).toEqual(expect.arrayContaining(['spoc-advice', 'supervisor-review', 's2b', 'suspect-action', 'finalisation']));
    const finalised = await vigil.deps.db.selectFrom('cases').select('id').where('status', '=', 'finalised').execute();
    expect(finalised).toHaveLength(1);
    const outcome = await vigil.deps.db.selectFrom('victim_case_outcomes').select('outcome_code').where('case_id', '=', finalised[0]!.id).executeTakeFirstOrThrow();
    expect(outcome.outcome_code).toBe(16);
    const triage = await vigil.deps.db.selectFrom('tasks').select('status').where('type', '=', 'allocation-triage').where('status', '=', 'open').execute();
    expect(triage.length).toBeGreaterThanOrEqual(1);
  });
});
