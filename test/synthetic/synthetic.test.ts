import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesise, type SynthResult } from '../../scripts/synth/generate.ts';
import { liveFacts, refreshStaleFacts, storedFacts } from '../../src/features/insights/repository.ts';
import { findCandidates } from '../../src/features/people/matching.ts';
import type { Database } from '../../src/platform/db/schema.ts';
import { apiToken, signInAs, startTestVigil, type TestVigil } from '../support/app.ts';
import { createTestDatabase } from '../support/database.ts';
import { contextFor } from '../victims/support.ts';

const AS_OF = new Date('2026-11-20T09:00:00Z');

/** A fingerprint of the generated data that leaves out the demo users' random ids. */
async function digest(db: Kysely<Database>): Promise<string> {
  const parts = await Promise.all([
    sql<{ v: string }>`select string_agg(forenames || surname || coalesce(date_of_birth::text, ''), ',' order by forenames, surname, date_of_birth) as v from people`.execute(db),
    sql<{ v: string }>`select string_agg(reference || reported_at::text || coalesce(crime_decision, ''), ',' order by reference) as v from reports`.execute(db),
    sql<{ v: string }>`select string_agg(reference || offence || status || coalesce(suspect_person_id::text, ''), ',' order by reference) as v from cases`.execute(db),
    sql<{ v: string }>`select string_agg(id::text || occurred_from::text || array_to_string(channels, '/'), ',' order by id) as v from occasions`.execute(db),
    sql<{ v: string }>`select count(*)::text as v from tasks`.execute(db),
  ]);
  return createHash('sha256').update(parts.map((p) => p.rows[0]?.v ?? '').join('|')).digest('hex');
}

describe('synthetic data at tiny scale', () => {
  let vigil: TestVigil;
  let result: SynthResult;

  beforeAll(async () => {
    vigil = await startTestVigil();
    result = await synthesise(vigil.deps.db, vigil.handle.kind, { scale: 'tiny', seed: 7, asOf: AS_OF, quiet: true });
  }, 120_000);
  afterAll(async () => vigil.close());

  it('loads the tiny scale with every table group filled', async () => {
    expect(result.reports).toBe(300);
    const count = async (table: keyof Database) => Number((await vigil.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('reports')).toBe(300);
    for (const table of ['cases', 'occasions', 'tasks', 'report_parties', 'person_names', 'person_identifiers', 'classifications', 'police_actions', 'risk_assessments', 'victim_contacts', 'victim_case_outcomes'] as const) {
      expect(await count(table), table).toBeGreaterThan(0);
    }
    expect(result.rows.reports).toBe(300);
  });

  it('computes the dashboard facts of every case, as the source tables give them', async () => {
    const { rows } = await sql<{ id: string }>`select id from cases order by id`.execute(vigil.deps.db);
    const ids = rows.map((r) => r.id);
    expect(await storedFacts(vigil.deps.db, ids)).toEqual(await liveFacts(vigil.deps.db, ids));
    expect(await refreshStaleFacts(vigil.deps.db)).toBe(0);
  });

  it('follows the distributions: about half domestic abuse, most digital, repeat victims and serial suspects', async () => {
    const db = vigil.deps.db;
    const shares = await sql<{ da: number; cyber: number }>`
      select avg(case when domestic_abuse then 1.0 else 0 end)::float as da, avg(case when cyber_enabled then 1.0 else 0 end)::float as cyber from cases`.execute(db);
    expect(shares.rows[0]!.da).toBeGreaterThan(0.3);
    expect(shares.rows[0]!.da).toBeLessThan(0.7);
    expect(shares.rows[0]!.cyber).toBeGreaterThan(0.6);
    const serial = await sql<{ n: string }>`select count(*)::text as n from (select suspect_person_id from cases c join case_victims v on v.case_id = c.id where suspect_person_id is not null group by suspect_person_id having count(distinct v.person_id) >= 2) s`.execute(db);
    const repeat = await sql<{ n: string }>`select count(*)::text as n from (select person_id from case_victims group by person_id having count(*) >= 2) r`.execute(db);
    expect(Number(serial.rows[0]!.n)).toBeGreaterThan(0);
    expect(Number(repeat.rows[0]!.n)).toBeGreaterThan(0);
    const outcomes = await sql<{ code: number; n: string }>`select outcome_code as code, count(*)::text as n from victim_case_outcomes group by 1 order by 2 desc`.execute(db);
    expect(outcomes.rows.map((r) => r.code)).toContain(16);
    const total = outcomes.rows.reduce((sum, r) => sum + Number(r.n), 0);
    const evidential = outcomes.rows.filter((r) => r.code === 15 || r.code === 16).reduce((sum, r) => sum + Number(r.n), 0);
    expect(evidential / total).toBeGreaterThan(0.4);
  });

  it('gives the same data for the same seed and a different data set for another seed', async () => {
    const handles = [await createTestDatabase(), await createTestDatabase(), await createTestDatabase()];
    try {
      for (const [i, seed] of [7, 7, 8].entries()) await synthesise(handles[i]!.db, handles[i]!.kind, { scale: 'tiny', seed, asOf: AS_OF, quiet: true });
      const [first, second, third] = await Promise.all(handles.map((h) => digest(h.db)));
      expect(second).toBe(first);
      expect(third).not.toBe(first);
    } finally {
      for (const h of handles) await h.close();
    }
  }, 120_000);

  it('refuses to load into a database that already holds reports', async () => {
    await expect(synthesise(vigil.deps.db, vigil.handle.kind, { scale: 'tiny', seed: 7, asOf: AS_OF, quiet: true })).rejects.toThrow(/already holds/);
  });

  it('serves the case page, timeline, history panel and task lists on synthetic data', async () => {
    const db = vigil.deps.db;
    const busiest = await sql<{ id: string; suspect: string }>`
      select c.id, c.suspect_person_id as suspect from cases c join case_reports cr on cr.case_id = c.id
      where c.restricted = false and c.suspect_person_id is not null group by c.id order by count(*) desc, c.id limit 1`.execute(db);
    const { id, suspect } = busiest.rows[0]!;
    const browser = await signInAs(vigil.app, 'detective-sergeant');
    for (const url of [`/cases/${id}`, `/cases/${id}/timeline`, `/people/${suspect}/history`, '/tasks', '/tasks/team', '/people']) {
      const page = await browser.get(url);
      expect(page.statusCode, url).toBe(200);
    }
    const timeline = await browser.get(`/cases/${id}/timeline`);
    expect(timeline.body).toContain('<svg');
    const token = await apiToken(vigil.app, 'detective-sergeant');
    const api = await vigil.app.inject({ method: 'GET', url: `/api/v1/cases/${id}/timeline`, headers: { authorization: `Bearer ${token}` } });
    expect(api.statusCode).toBe(200);
  });

  it('finds a synthetic person by a misspelt surname through the app\u2019s matching', async () => {
    const person = await vigil.deps.db
      .selectFrom('person_names')
      .innerJoin('people', 'people.id', 'person_names.person_id')
      .select(['people.id', 'person_names.forenames', 'person_names.surname'])
      .where('person_names.kind', '=', 'primary')
      .where('people.restricted', '=', false)
      .where('people.created_by', 'is', null)
      .orderBy('people.id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const misspelt = person.surname.replace(/[aeiou]/, (v) => (v === 'e' ? 'a' : 'e'));
    const ctx = await contextFor(vigil, 'call-handler');
    const result = await findCandidates(vigil.deps, ctx, { forename: person.forenames, surname: misspelt, aliases: [], phones: [], emails: [], handles: [], vehicles: [] });
    expect(result.candidates.map((c) => c.personId)).toContain(person.id);
  });
});

describe('bulk loader values', () => {
  it('writes JSON for json columns and array literals for text arrays', async () => {
    const { cellText } = await import('../../scripts/synth/loader.ts');
    expect(cellText([], 'jsonb')).toBe('[]');
    expect(cellText([], 'text[]')).toBe('{}');
    expect(cellText(['a "b"', 'c\\d'], 'text[]')).toBe('{"a \\"b\\"","c\\\\d"}');
    expect(cellText({ a: 1 }, 'jsonb')).toBe('{"a":1}');
    expect(cellText(true)).toBe('t');
    expect(cellText(null, 'jsonb')).toBeNull();
  });
});
