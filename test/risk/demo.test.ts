import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedRisk } from '../../src/demo/risk.ts';
import { seededRandom } from '../../src/demo/random.ts';
import { apiToken, startTestVigil, type TestVigil } from '../support/app.ts';
import { newCase, P4_OCCASIONS } from './support.ts';

let vigil: TestVigil;
beforeAll(async () => {
  vigil = await startTestVigil();
});
afterAll(async () => vigil.close());

describe('demo risk data', () => {
  it('does nothing without cases, then grades three demo cases with one MARAC referral and a plan', async () => {
    const db = vigil.deps.db;
    const users = new Map((await db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
    await db.transaction().execute((tx) => seedRisk(tx, { random: seededRandom(1), users }));
    expect(await db.selectFrom('risk_assessments').select('id').execute()).toEqual([]);

    const token = await apiToken(vigil.app, 'call-handler');
    for (let i = 0; i < 3; i++) await newCase(vigil, token, { occasions: P4_OCCASIONS.slice(0, 1) });
    await db.transaction().execute((tx) => seedRisk(tx, { random: seededRandom(1), users }));
    const grades = await db.selectFrom('risk_assessments').select(['tool_id', 'final_grade', 'score']).orderBy('created_at').execute();
    expect(grades.filter((g) => g.tool_id === 'dash-2009').map((g) => g.final_grade).sort()).toEqual(['high', 'high', 'standard']);
    expect(grades.filter((g) => g.tool_id === 'sdash')).toHaveLength(3);
    expect((await db.selectFrom('marac_referrals').select('summary').execute()).length).toBeGreaterThanOrEqual(1);
    expect(await db.selectFrom('risk_plans').select('risk_grade').execute()).toHaveLength(2);
  });
});
