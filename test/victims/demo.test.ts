import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/demo/random.ts';
import { seedVictims } from '../../src/demo/victims.ts';
import { startTestVigil, type TestVigil } from '../support/app.ts';
import { apiClient, NEIGHBOUR_HARASSMENT, reportCase, STALKING_AUGUST_2025 } from './support.ts';

let vigil: TestVigil;

beforeAll(async () => {
  vigil = await startTestVigil();
  vigil.clock.set('2025-08-18T09:00:00Z');
});
afterAll(async () => vigil.close());

describe('demo victim care', () => {
  it('seeds a told victim, an overdue bail update and a P12 flag on the first three cases, the same every run', async () => {
    const api = apiClient(vigil);
    await reportCase(vigil, api, STALKING_AUGUST_2025());
    await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Elowen', surname: 'Mossbank' } }));
    await reportCase(vigil, api, NEIGHBOUR_HARASSMENT());
    const users = new Map((await vigil.deps.db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
    const steps: number[] = [];
    await vigil.deps.db.transaction().execute((tx) => seedVictims(tx, { random: seededRandom(1), users, progress: (_s, done) => steps.push(done) }));
    expect(steps).toEqual([1, 2, 3]);
    const count = async (table: 'victim_profiles' | 'victim_events' | 'victim_contacts' | 'victim_referrals' | 'victim_safety_packs') => (await vigil.deps.db.selectFrom(table).select('id').execute()).length;
    expect(await count('victim_profiles')).toBe(3);
    expect(await count('victim_events')).toBe(3);
    expect(await count('victim_contacts')).toBe(4);
    expect(await count('victim_referrals')).toBe(2);
    expect(await count('victim_safety_packs')).toBe(1);
    const flagged = await vigil.deps.db.selectFrom('victim_case_outcomes').selectAll().execute();
    expect(flagged).toHaveLength(1);
    expect(flagged[0]!.inconsistent_at).not.toBeNull();
    const open = await vigil.deps.db.selectFrom('victim_duties').select(['kind', 'done_at']).where('done_at', 'is', null).execute();
    expect(open.map((d) => d.kind).sort()).toEqual(['consult-victim-bail', 'tell-victim', 'tell-victim']);
  });
});
