import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPeople, type SeededPeople } from '../../src/demo/people.ts';
import { seededRandom } from '../../src/demo/random.ts';
import { apiToken, startTestVigil, type TestVigil } from '../support/app.ts';
import { api } from './support.ts';

let vigil: TestVigil;
let seeded: SeededPeople;

beforeAll(async () => {
  vigil = await startTestVigil();
  vigil.clock.set('2025-11-25T10:00:00Z');
  const users = new Map((await vigil.deps.db.selectFrom('users').select(['username', 'id']).execute()).map((u) => [u.username, u.id]));
  seeded = await vigil.deps.db.transaction().execute((tx) => seedPeople(tx, { random: seededRandom(20261125), users }));
});
afterAll(async () => vigil.close());

describe('demo people', () => {
  it('include the P9 pair: "Jon Smyth", about 39, same town finds John Smith with his restraining order in force', async () => {
    const client = api(vigil, await apiToken(vigil.app, 'call-handler'));
    const { candidates } = (await client.post('/api/v1/people/match', { forename: 'Jon', surname: 'Smyth', age: { about: 39 }, address: { town: 'Ashby Vale' } })).json();
    expect(candidates[0]).toMatchObject({ personId: seeded.johnSmith, band: 'strong' });
    const history = (await client.get(`/api/v1/people/${seeded.johnSmith}/history`)).json();
    expect(history.orders[0]).toMatchObject({ typeLabel: 'Restraining order', active: true, protectedPersons: [{ id: seeded.sarahJones, name: 'Sarah Jones' }] });
  });

  it('include a serial stalker with an SPO, an expired order, historic PIN and HN1, flags and three other victims', async () => {
    const client = api(vigil, await apiToken(vigil.app, 'stalking-coordination-unit'));
    const history = (await client.get(`/api/v1/people/${seeded.serialStalker}/history`)).json();
    expect(history.orders.map((o: { type: string; active: boolean }) => `${o.type}:${o.active}`)).toEqual(['stalking-protection-order:true', 'restraining-order:false']);
    expect(history.warningNotices.map((w: { kind: string }) => w.kind).sort()).toEqual(['HN1', 'PIN']);
    expect(history.flags.map((f: { type: string }) => f.type).sort()).toEqual(['notify-if', 'stalking-perpetrator']);
    expect(history.otherVictims).toHaveLength(3);
    const reviews = await vigil.deps.db.selectFrom('tasks').select('due_at').where('type', '=', 'flag-review').execute();
    expect(reviews.length).toBeGreaterThanOrEqual(3);
    // Four spellings of one Facebook account across two records: one search finds both.
    const { candidates } = (await client.post('/api/v1/people/match', { handles: [{ platform: 'Facebook', handle: 'facebook.com/doriankettleby79' }] })).json();
    expect(candidates.filter((c: { reasons: Array<{ code: string }> }) => c.reasons.some((r) => r.code === 'handle-match'))).toHaveLength(2);
  });

  it('include bail conditions, and victims\' addresses are stored protected', async () => {
    const bail = await vigil.deps.db.selectFrom('orders').select(['type', 'status']).where('type', '=', 'bail-conditions').execute();
    expect(bail).toEqual([{ type: 'bail-conditions', status: 'active' }]);
    const sarah = await vigil.deps.db.selectFrom('person_addresses').select('protected').where('person_id', '=', seeded.sarahJones).execute();
    expect(sarah).toEqual([{ protected: true }]);
  });

  it('are the same for the same seed', async () => {
    const names = async () =>
      (await vigil.deps.db.selectFrom('people').select(['forenames', 'surname', 'date_of_birth']).where('id', 'in', seeded.ids).orderBy('created_at').orderBy('surname').orderBy('forenames').execute()).map(
        (p) => `${p.forenames} ${p.surname} ${p.date_of_birth}`,
      );
    const first = await names();
    const again = await startTestVigil();
    try {
      const users = new Map((await again.deps.db.selectFrom('users').select(['username', 'id']).execute()).map((u) => [u.username, u.id]));
      const other = await again.deps.db.transaction().execute((tx) => seedPeople(tx, { random: seededRandom(20261125), users }));
      const second = (await again.deps.db.selectFrom('people').select(['forenames', 'surname', 'date_of_birth']).where('id', 'in', other.ids).orderBy('created_at').orderBy('surname').orderBy('forenames').execute()).map(
        (p) => `${p.forenames} ${p.surname} ${p.date_of_birth}`,
      );
      expect(second.sort()).toEqual([...first].sort());
      expect(first.length).toBe(seeded.ids.length);
    } finally {
      await again.close();
    }
  });
});
