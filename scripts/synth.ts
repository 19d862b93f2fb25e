/**
 * Synthetic data at force or national scale, deterministic for a seed:
 *
 *   npm run synth -- --scale tiny|small|force|national [--seed N] [--as-of 2026-11-25T09:00:00Z]
 *                    [--reports N] [--people N] [--drop-indexes yes|no] [--quiet]
 *
 * Writes into DATABASE_URL (PostgreSQL) or the embedded database in DATA_DIR, which must
 * hold no reports yet. Everyone in the data is invented. See docs/scaling.md.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/platform/config.ts';
import { migrateToLatest, openDatabase } from '../src/platform/db/database.ts';
import { SCALES, SynthRefused, synthesise, type ScaleName } from './synth/generate.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'small' },
      seed: { type: 'string', default: '20261125' },
      'as-of': { type: 'string' },
      reports: { type: 'string' },
      people: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      'drop-indexes': { type: 'string' },
    },
  });
  const scale = values.scale as ScaleName;
  if (!(scale in SCALES)) throw new SynthRefused(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new SynthRefused('--seed must be a whole number');
  const asOf = values['as-of'] ? new Date(values['as-of']) : new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  if (Number.isNaN(asOf.getTime())) throw new SynthRefused('--as-of must be a date and time (2026-11-25T09:00:00Z)');
  const reports = values.reports ? Number(values.reports) : undefined;
  if (reports !== undefined && !(Number.isInteger(reports) && reports > 0)) throw new SynthRefused('--reports must be a positive whole number');

  const people = values.people ? Number(values.people) : undefined;
  if (people !== undefined && !(Number.isInteger(people) && people >= 20)) throw new SynthRefused('--people must be a whole number of at least 20');
  const config = loadConfig();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 4 });
  try {
    console.log(`Synthetic data: ${scale} scale, seed ${seed}, up to ${asOf.toISOString()}, into ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${config.dataDir}`}`);
    await migrateToLatest(handle.db);
    const result = await synthesise(handle.db, handle.kind, { scale, seed, asOf, reports, people, password: config.demoPassword, quiet: values.quiet,
      ...(values['drop-indexes'] ? { dropIndexes: values['drop-indexes'] === 'yes' } : {}) });
    const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
    console.log(`Synthetic data: ${result.reports.toLocaleString('en-GB')} reports in ${result.cases.toLocaleString('en-GB')} cases, ${total.toLocaleString('en-GB')} rows in ${result.seconds.toFixed(1)} s (${Math.round(result.rowsPerSecond).toLocaleString('en-GB')} rows/s)`);
    for (const [table, n] of Object.entries(result.rows)) {
      console.log(`  ${table.padEnd(26)} ${n.toLocaleString('en-GB').padStart(12)} rows ${(result.tableSeconds[table] ?? 0).toFixed(1).padStart(7)} s`);
    }
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof SynthRefused ? `Synthetic data: ${error.message}` : error);
  process.exit(1);
});
