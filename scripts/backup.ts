/**
 * npm run backup [-- --out FILE]
 *
 * Embedded database (no DATABASE_URL): a gzip'd tarball of DATA_DIR made by PGlite
 * itself. Vigil must be stopped: two engines on one folder would corrupt it.
 * PostgreSQL (DATABASE_URL set): pg_dump in custom format, consistent while Vigil runs.
 *
 * The file holds personal data: it is written with mode 0600, to a temporary name first
 * and renamed when complete, so a failed backup never leaves a file that looks whole.
 */
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { ConfigError, loadConfig } from '../src/platform/config.ts';
import { DatabaseUnavailableError, openDatabase } from '../src/platform/db/database.ts';
import {
  assertNotInUse,
  BackupError,
  contentsOf,
  describeContents,
  describeUrl,
  formatBytes,
  libpqConnection,
  requireTool,
  run,
  runCommand,
  timestamp,
  toolMajorVersion,
} from './backup-support.ts';

const USAGE = 'Usage: npm run backup [-- --out FILE]';

function parse(): { out?: string } {
  try {
    const { values } = parseArgs({ options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: false });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    return { out: values.out };
  } catch (error) {
    throw new BackupError(`${(error as Error).message}. ${USAGE}`);
  }
}

function outputFile(requested: string | undefined, kind: 'pglite' | 'postgres'): string {
  const file = path.resolve(requested ?? path.join('backups', `vigil-${kind === 'pglite' ? 'embedded' : 'postgres'}-${timestamp()}.${kind === 'pglite' ? 'tgz' : 'dump'}`));
  if (existsSync(file)) throw new BackupError(`${file} already exists; choose another --out.`);
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

async function backupEmbedded(dataDir: string, requestedOut: string | undefined): Promise<void> {
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    throw new BackupError(`There is no embedded database in ${dataDir} (set DATA_DIR to its folder).`);
  }
  assertNotInUse(dataDir, 'run the backup again');
  const out = outputFile(requestedOut, 'pglite');
  console.log(`Vigil backup: embedded database in ${dataDir}`);
  console.log('  opening the database');
  const handle = await openDatabase({ dataDir });
  const partial = `${out}.partial`;
  try {
    const contents = await contentsOf(handle.db);
    console.log(`  it holds ${describeContents(contents)}`);
    console.log('  checkpointing');
    await sql`checkpoint`.execute(handle.db);
    console.log('  archiving the data directory');
    const archive = await handle.pglite!.dumpDataDir('gzip');
    writeFileSync(partial, Buffer.from(await archive.arrayBuffer()), { mode: 0o600 });
    chmodSync(partial, 0o600);
    renameSync(partial, out);
    console.log(`Backup complete: ${out} (${formatBytes(statSync(out).size)}; ${describeContents(contents)})`);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    await handle.close();
  }
}

async function backupPostgres(databaseUrl: string, requestedOut: string | undefined): Promise<void> {
  const pgDump = requireTool('pg_dump');
  const where = describeUrl(databaseUrl);
  console.log(`Vigil backup: ${where}`);
  const handle = await openDatabase({ databaseUrl, poolSize: 1 });
  let contents;
  let serverMajor: number;
  try {
    contents = await contentsOf(handle.db);
    const version = await sql<{ v: string }>`select current_setting('server_version_num') as v`.execute(handle.db);
    serverMajor = Math.floor(Number(version.rows[0]?.v ?? 0) / 10000);
  } finally {
    await handle.close();
  }
  const toolMajor = await toolMajorVersion(pgDump);
  if (toolMajor < serverMajor) {
    throw new BackupError(`pg_dump ${toolMajor} cannot dump a PostgreSQL ${serverMajor} server; install postgresql-client ${serverMajor} or newer.`);
  }
  console.log(`  it holds ${describeContents(contents)}`);
  const out = outputFile(requestedOut, 'postgres');
  const partial = `${out}.partial`;
  const { dbname, env } = libpqConnection(databaseUrl);
  try {
    await run(pgDump, ['--format=custom', '--verbose', `--file=${partial}`, `--dbname=${dbname}`], env, (line) => {
      const table = /dumping contents of table "?([^"\s]+)"?(?:\."?([^"\s]+)"?)?/.exec(line);
      if (table) console.log(`  dumped ${table[2] ?? table[1]}`);
    });
    chmodSync(partial, 0o600);
    renameSync(partial, out);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  console.log(`Backup complete: ${out} (${formatBytes(statSync(out).size)}; ${describeContents(contents)})`);
}

runCommand('Backup', async () => {
  const { out } = parse();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new BackupError(error.message);
    throw error;
  }
  try {
    if (config.databaseUrl) await backupPostgres(config.databaseUrl, out);
    else await backupEmbedded(config.dataDir, out);
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) throw new BackupError(error.message);
    if (error instanceof pg.DatabaseError) throw new BackupError(`the database refused: ${error.message}`);
    throw error;
  }
});
