import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts';
import { migrationProvider } from '../../src/platform/db/migrations/index.ts';

/** Migration 0016 moves each case's plan to its victims: one plan per victim. */
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openDatabase({});
  const migrator = new Migrator({ db: handle.db, provider: migrationProvider });
  const before = await migrator.migrateTo('0015_retention');
  expect(before.error).toBeUndefined();
});
afterAll(async () => handle.close());

describe('migration 0016: plans per victim', () => {
  it('gives each victim the case’s existing plan, keeps a plan with no victim, and allows one plan per victim', async () => {
    const db = handle.db;
    const person = async (surname: string) => (await sql<{ id: string }>`insert into people (forenames, surname) values ('Test', ${surname}) returning id`.execute(db)).rows[0]!.id;
    const kase = async (reference: string) => (await sql<{ id: string }>`insert into cases (reference) values (${reference}) returning id`.execute(db)).rows[0]!.id;
    const [one, two, none] = [await kase('CASE-ONE'), await kase('CASE-TWO'), await kase('CASE-NONE')];
    const [a, b, c] = [await person('Alder'), await person('Beech'), await person('Cedar')];
    await sql`insert into case_victims (case_id, person_id) values (${one}, ${a}), (${two}, ${b}), (${two}, ${c})`.execute(db);
    for (const [caseId, version] of [[one, 3], [two, 2], [none, 1]] as const) {
      await sql`insert into risk_plans (case_id, risk_grade, reviewed_on, review_date, actions, version)
        values (${caseId}, 'high', '2026-11-01', '2026-11-08', ${JSON.stringify([{ category: 'reduce', description: 'Alarm', owner: 'PC 1', reviewDate: '2026-11-05', status: 'planned' }])}, ${version})`.execute(db);
    }

    const migrator = new Migrator({ db, provider: migrationProvider });
    const result = await migrator.migrateTo('0016_risk_settings');
    expect(result.error).toBeUndefined();

    const plans = await sql<{ case_id: string; victim_person_id: string | null; version: number; actions: unknown[] }>`
      select case_id, victim_person_id, version, actions from risk_plans order by case_id, victim_person_id`.execute(db);
    const key = (caseId: string, victim: string | null) => plans.rows.find((p) => p.case_id === caseId && p.victim_person_id === victim);
    expect(plans.rows).toHaveLength(4);
    expect(key(one, a)).toMatchObject({ version: 3 });
    expect(key(two, b)).toMatchObject({ version: 2, actions: [{ description: 'Alarm' }] });
    expect(key(two, c)).toMatchObject({ version: 2, actions: [{ description: 'Alarm' }] });
    expect(key(none, null)).toMatchObject({ version: 1 });

    // One plan per victim, and one victimless plan per case.
    await expect(sql`insert into risk_plans (case_id, victim_person_id, risk_grade, reviewed_on, review_date) values (${two}, ${b}, 'standard', '2026-11-01', '2026-12-01')`.execute(db)).rejects.toThrow();
    await expect(sql`insert into risk_plans (case_id, risk_grade, reviewed_on, review_date) values (${none}, 'standard', '2026-11-01', '2026-12-01')`.execute(db)).rejects.toThrow();
    await sql`insert into risk_plans (case_id, victim_person_id, risk_grade, reviewed_on, review_date) values (${one}, ${b}, 'standard', '2026-11-01', '2026-12-01')`.execute(db);
    const settings = await sql<{ n: number }>`select count(*)::int as n from risk_settings`.execute(db);
    expect(settings.rows[0]?.n).toBe(0);
  });
});
