import { sql, type Kysely } from 'kysely';
import { seededRandom } from '../../src/demo/random.ts';
import { ensureTeams, markDemoSeeded, seedDemo, DEFAULT_DEMO_PASSWORD } from '../../src/demo/seed.ts';
import type { DatabaseKind } from '../../src/platform/db/database.ts';
import type { Database } from '../../src/platform/db/schema.ts';
import { DAY, uuidFrom, type SynthContext } from './context.ts';
import { synthGroups } from './groups/index.ts';
import { makePeoplePool } from './groups/people.ts';
import { dropSecondaryIndexes, recreateIndexes } from './indexes.ts';
import { BulkLoader, inLanes } from './loader.ts';
import { planCases } from './plan.ts';
import { progressBar } from './progress.ts';
import { analyticsSession, FACTS_CHUNK, refreshFactsOf } from '../../src/features/insights/repository.ts';

export const SCALES = {
  tiny: { reports: 300, people: 200 },
  small: { reports: 2_000, people: 1_200 },
  force: { reports: 100_000, people: 60_000 },
  national: { reports: 1_000_000, people: 600_000 },
} as const;
export type ScaleName = keyof typeof SCALES;

export interface SynthOptions {
  scale: ScaleName;
  seed: number;
  /** The latest instant in the data; the same seed and instant give the same data. */
  asOf: Date;
  /** Years of reports before `asOf`. */
  years?: number;
  /** Override the scale's report and people counts. */
  reports?: number;
  people?: number;
  /** Password of the demo users created when the database has none. */
  password?: string;
  quiet?: boolean;
  /** Check foreign keys row by row even when the database user could skip them. */
  checkForeignKeys?: boolean;
  /** Drop secondary indexes for the load and build them afterwards (default: from 50,000 reports). */
  dropIndexes?: boolean;
}

export interface SynthResult {
  rows: Record<string, number>;
  /** Seconds spent writing each table. */
  tableSeconds: Record<string, number>;
  reports: number;
  cases: number;
  seconds: number;
  rowsPerSecond: number;
}

export class SynthRefused extends Error {}

/**
 * Fills an empty, migrated database with synthetic casework. Demo users (named after their
 * role) are created if there are none, so the data can be used through the app at once.
 */
export async function synthesise(db: Kysely<Database>, kind: DatabaseKind, options: SynthOptions): Promise<SynthResult> {
  const started = Date.now();
  const existing = await db.selectFrom('reports').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) throw new SynthRefused(`The database already holds ${existing.n} reports: synthetic data goes into an empty database (drop it or use a new DATA_DIR).`);
  await ensureTeams(db);
  const hasUsers = await db.selectFrom('users').select('id').where('username', '=', 'call-handler').executeTakeFirst();
  if (!hasUsers) await seedDemo(db, { password: options.password ?? DEFAULT_DEMO_PASSWORD, seed: options.seed });
  const userRows = await db.selectFrom('users').select(['id', 'username']).execute();
  const users = new Map(userRows.map((u) => [u.username, u.id]));

  const scale = SCALES[options.scale];
  const targetReports = options.reports ?? scale.reports;
  const peopleCount = options.people ?? Math.max(20, Math.round((scale.people / scale.reports) * targetReports));
  const random = seededRandom(options.seed);
  const uuid = uuidFrom(seededRandom(options.seed ^ 0x5bd1e995));
  const asOf = options.asOf;
  const start = new Date(asOf.getTime() - (options.years ?? 3) * 365 * DAY);
  const groups = synthGroups();
  const superuser = await sql<{ rolsuper: boolean }>`select rolsuper from pg_roles where rolname = current_user`.execute(db);
  const skipTriggers = options.checkForeignKeys !== true && superuser.rows[0]?.rolsuper === true;
  // PostgreSQL: two connections write, build indexes and compute facts at once (one
  // backend inserting was the bottleneck on two cores). PGlite has one connection.
  const lanes = kind === 'pglite' ? 1 : 2;
  const loader = new BulkLoader(db, groups.flatMap((g) => g.tables), kind === 'pglite' ? 10_000 : 20_000, skipTriggers, lanes);
  const people = makePeoplePool({ random, uuid }, peopleCount);
  const ctx: SynthContext = { random, uuid, users, asOf, start, people, loader };
  const quiet = options.quiet ?? false;
  const dropIndexes = options.dropIndexes ?? targetReports >= 50_000;
  const dropped = dropIndexes ? await dropSecondaryIndexes(db, groups.flatMap((g) => g.tables.map((t) => t.name))) : [];

  for (const group of groups) {
    if (!group.begin) continue;
    const bar = progressBar(`Synthetic ${group.name}`, peopleCount, 'people', { quiet });
    await group.begin(ctx, async (done) => {
      bar.update(done);
      await loader.maybeFlush();
    });
    bar.finish();
  }

  const bar = progressBar('Synthetic reports', targetReports, 'reports', { quiet });
  const planner = planCases(ctx, targetReports);
  let reportNumber = 0;
  let caseNumber = 0;
  for (let kase = planner.next(); kase; kase = planner.next()) {
    kase.reference = `C-${kase.createdAt.getUTCFullYear()}-${String(++caseNumber).padStart(6, '0')}`;
    for (const r of kase.reports) r.reference = `R-${r.reportedAt.getUTCFullYear()}-${String(++reportNumber).padStart(6, '0')}`;
    for (const group of groups) group.emit?.(ctx, kase);
    if ((caseNumber & 63) === 0) {
      bar.update(reportNumber);
      await loader.maybeFlush();
    }
  }
  await loader.finish();
  bar.finish();

  if (dropped.length > 0) {
    const indexBar = progressBar('Building indexes', dropped.length, 'indexes', { quiet });
    await recreateIndexes(db, dropped, lanes, (done) => indexBar.update(done));
    indexBar.finish();
  }
  // The loader writes with triggers off, so no case was marked for the dashboard's facts:
  // compute them all now.
  const { rows: caseRows } = await sql<{ id: string }>`select id from cases order by id`.execute(db);
  const factsBar = progressBar('Dashboard facts', caseRows.length, 'cases', { quiet });
  const chunks: string[][] = [];
  for (let i = 0; i < caseRows.length; i += FACTS_CHUNK) chunks.push(caseRows.slice(i, i + FACTS_CHUNK).map((r) => r.id));
  let factsDone = 0;
  await inLanes(chunks, lanes, async (chunk) => {
    await db.transaction().execute(async (tx) => {
      await analyticsSession(tx);
      await refreshFactsOf(tx, chunk);
    });
    factsBar.update((factsDone += chunk.length));
  });
  await sql`delete from insight_stale_cases`.execute(db);
  factsBar.finish();
  await sql`select setval('report_reference_seq', ${reportNumber})`.execute(db);
  await sql`select setval('case_reference_seq', ${caseNumber})`.execute(db);
  if (!quiet) process.stdout.write('  Updating planner statistics (ANALYZE)\n');
  await sql`analyze`.execute(db);
  await db
    .insertInto('app_settings')
    .values({ key: 'synthetic', value: JSON.stringify({ scale: options.scale, seed: options.seed, asOf: asOf.toISOString(), reports: reportNumber, people: peopleCount }) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
    .execute();
  const demoMarked = await db.selectFrom('app_settings').select('key').where('key', '=', 'demo_seeded').executeTakeFirst();
  if (!demoMarked) await markDemoSeeded(db, asOf);

  const rows = Object.fromEntries(loader.written);
  const total = Object.values(rows).reduce((a, b) => a + b, 0);
  const seconds = (Date.now() - started) / 1000;
  return { rows, tableSeconds: Object.fromEntries([...loader.timings].map(([t, ms]) => [t, ms / 1000])), reports: reportNumber, cases: caseNumber, seconds, rowsPerSecond: total / seconds };
}

