import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedConduct } from '../../src/demo/conduct.ts';
import { seededRandom } from '../../src/demo/random.ts';
import { apiToken, startTestVigil, type TestVigil } from '../support/app.ts';

let vigil: TestVigil;
let users: Map<string, string>;
beforeAll(async () => {
  vigil = await startTestVigil();
  const rows = await vigil.deps.db.selectFrom('users').select(['id', 'username']).execute();
  users = new Map(rows.map((r) => [r.username, r.id]));
});
afterAll(async () => vigil.close());

async function occasionTimes(caseId: string): Promise<number[]> {
  const rows = await vigil.deps.db
    .selectFrom('occasions as o')
    .innerJoin('case_reports as cr', 'cr.report_id', 'o.report_id')
    .select('o.occurred_from')
    .where('cr.case_id', '=', caseId)
    .orderBy('o.occurred_from')
    .execute();
  return rows.map((r) => r.occurred_from.getTime());
}

describe('demo courses of conduct', () => {
  it('seeds three rich, deterministic cases with escalation called out', async () => {
    const steps: string[] = [];
    const first = await vigil.deps.db.transaction().execute((tx) => seedConduct(tx, { random: seededRandom(7), users, progress: (step, done) => steps.push(`${step} ${done}`) }));
    const second = await vigil.deps.db.transaction().execute((tx) => seedConduct(tx, { random: seededRandom(7), users }));
    expect(first.caseIds).toHaveLength(3);
    expect(steps).toEqual(['Demo courses of conduct 1', 'Demo courses of conduct 2', 'Demo courses of conduct 3']);
    for (const [i, caseId] of first.caseIds.entries()) {
      const times = await occasionTimes(caseId);
      expect(times.length).toBeGreaterThanOrEqual(10);
      expect(times.length).toBeLessThanOrEqual(40);
      expect(await occasionTimes(second.caseIds[i]!)).toEqual(times);
    }
    const token = await apiToken(vigil.app, 'investigator');
    const timeline = await vigil.app.inject({ method: 'GET', url: `/api/v1/cases/${first.caseIds[0]}/timeline`, headers: { authorization: `Bearer ${token}` } });
    const body = timeline.json();
    expect(body.escalation.escalating).toBe(true);
    expect(body.escalation.callouts.map((c: { code: string }) => c.code)).toEqual(expect.arrayContaining(['threats', 'breaches', 'frequency-rising', 'online-to-in-person', 'closer-to-victim', 'third-parties', 'property']));
    expect(new Set(body.rows.map((r: { kind: string }) => r.kind))).toEqual(new Set(['occasion', 'breach', 'report', 'classification', 'order', 'risk', 'police-action', 'contact', 'referral', 'task']));
    const p4 = await vigil.deps.db.selectFrom('case_victims').select('person_id').where('case_id', '=', first.caseIds[1]!).execute();
    expect(p4).toHaveLength(2);
    const p11 = await vigil.app.inject({ method: 'GET', url: `/api/v1/cases/${first.caseIds[2]}/timeline`, headers: { authorization: `Bearer ${token}` } });
    expect(p11.json().escalation.suggestions.map((s: { code: string }) => s.code)).toContain('reclassify-malicious-communications');
  });
});
