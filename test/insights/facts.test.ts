import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toActor, type RequestContext } from '../../src/platform/auth/actor.ts';
import { liveFacts, liveFactsCtes, refreshStaleFacts, storedFacts } from '../../src/features/insights/repository.ts';
import { forceDashboard, type Dashboard } from '../../src/features/insights/service.ts';
import { startTestVigil, type TestVigil } from '../support/app.ts';
import { buildDataset, PERIOD, type Dataset } from './dataset.ts';
import { task } from './factory.ts';

/**
 * The dashboard reads stored per-case facts, refreshed before each measurement for the
 * cases that triggers marked as changed. These tests hold the stored facts to the facts
 * computed from the source tables, and check that every table the facts read marks a
 * case when it changes.
 */
let vigil: TestVigil;
let data: Dataset;

const lead: RequestContext = {
  actor: toActor({ id: '00000000-0000-4000-8000-000000000001', username: 'test-lead', displayName: 'Test', roles: ['force-lead'], teams: ['scu'], isService: false }),
  requestId: 'test',
};

beforeAll(async () => {
  vigil = await startTestVigil();
  vigil.clock.set('2026-11-25T10:00:00Z');
  data = await buildDataset(vigil.deps.db);
}, 120_000);

afterAll(async () => {
  await vigil?.close();
});

async function allCaseIds(): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select id from cases`.execute(vigil.deps.db);
  return rows.map((r) => r.id);
}

async function markers(caseId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from insight_stale_cases where case_id = ${caseId}`.execute(vigil.deps.db);
  return Number(rows[0]!.n);
}

function figure(d: Dashboard, id: string): { n: number | null; d: number | null } {
  const f = d.figures.find((x) => x.definition.id === id)!;
  return { n: f.numerator, d: f.denominator };
}

describe('stored dashboard facts', () => {
  it('equal the facts computed from the source tables once refreshed', async () => {
    const ids = await allCaseIds();
    expect(ids.length).toBeGreaterThanOrEqual(7);
    await refreshStaleFacts(vigil.deps.db);
    expect(await storedFacts(vigil.deps.db, ids)).toEqual(await liveFacts(vigil.deps.db, ids));
    expect(await refreshStaleFacts(vigil.deps.db)).toBe(0);
  });

  it('a change after one measurement shows in the next, with nothing else done', async () => {
    const before = await forceDashboard(vigil.deps, lead, { period: PERIOD });
    // C4 had no tasks: an overdue one makes it an avoidable delay.
    await task(vigil.deps.db, data.c.c4.id, { dueAt: '2026-11-01T10:00:00Z' });
    expect(await markers(data.c.c4.id)).toBeGreaterThan(0);
    const after = await forceDashboard(vigil.deps, lead, { period: PERIOD });
    expect(figure(after, 'avoidable-delay').n).toBe(figure(before, 'avoidable-delay').n! + 1);
    expect(await markers(data.c.c4.id)).toBe(0);
  });

  it('judges what is overdue at the time of asking, not at the time of the refresh', async () => {
    await task(vigil.deps.db, data.c.c7.id, { dueAt: '2026-12-01T10:00:00Z' });
    const c7Period = { from: '2026-08-01', to: '2026-08-31' };
    const now = await forceDashboard(vigil.deps, lead, { period: c7Period });
    expect(figure(now, 'avoidable-delay').n).toBe(0);
    vigil.clock.set('2026-12-02T10:00:00Z');
    try {
      const later = await forceDashboard(vigil.deps, lead, { period: c7Period });
      expect(figure(later, 'avoidable-delay').n).toBe(1);
    } finally {
      vigil.clock.set('2026-11-25T10:00:00Z');
    }
  });

  it('every table the facts read has a trigger that marks the case when a row changes', async () => {
    const text = liveFactsCtes().compile(vigil.deps.db).sql;
    const read = new Set([...text.matchAll(/\b(?:from|join)\s+([a-z0-9_]+)/g)].map((m) => m[1]!));
    const ctes = new Set([...text.matchAll(/\b([a-z0-9_]+) as \(/g)].map((m) => m[1]!));
    const tables = [...read].filter((t) => !ctes.has(t) && t !== 'cohort' && t !== 'unnest').sort();
    expect(tables).toContain('tasks');
    const { rows } = await sql<{ name: string }>`
      select distinct c.relname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where t.tgname like '%insight_stale' and not t.tgisinternal`.execute(vigil.deps.db);
    const triggered = new Set(rows.map((r) => r.name));
    // The case row itself is read by the cohort; a new case is marked by its own trigger.
    triggered.add('cases');
    expect(tables.filter((t) => !triggered.has(t))).toEqual([]);
  });

  it.each([
    ['a report is updated', (id: string) => sql`update reports set crime_decided_at = crime_decided_at where id in (select report_id from case_reports where case_id = ${id})`],
    ['an occasion is updated', (id: string) => sql`update occasions set channels = channels where report_id in (select report_id from case_reports where case_id = ${id})`],
    ['a task is updated', (id: string) => sql`update tasks set due_at = due_at where case_id = ${id}`],
    ['the case is updated', (id: string) => sql`update cases set status = status where id = ${id}`],
    ['a risk assessment is updated', (id: string) => sql`update risk_assessments set completed_at = completed_at where case_id = ${id}`],
    ['an outcome is deleted', (id: string) => sql`delete from victim_case_outcomes where case_id = ${id}`],
  ])('marks the case stale when %s', async (_label, change) => {
    const id = data.c.c1.id;
    await refreshStaleFacts(vigil.deps.db);
    expect(await markers(id)).toBe(0);
    await change(id).execute(vigil.deps.db);
    expect(await markers(id)).toBeGreaterThan(0);
    await refreshStaleFacts(vigil.deps.db);
    expect(await storedFacts(vigil.deps.db, [id])).toEqual(await liveFacts(vigil.deps.db, [id]));
  });

  it('forgets the facts of a deleted case', async () => {
    const id = data.c.c6.id;
    await refreshStaleFacts(vigil.deps.db);
    expect(await storedFacts(vigil.deps.db, [id])).toHaveLength(1);
    await sql`delete from cases where id = ${id}`.execute(vigil.deps.db);
    expect(await storedFacts(vigil.deps.db, [id])).toEqual([]);
    expect(await refreshStaleFacts(vigil.deps.db)).toBe(0);
  });
});
