/**
 * npm run restore -- FILE [--force] [--no-privileges]
 *
 * Restores a backup made by `npm run backup` into the database Vigil is configured to
 * use: DATA_DIR for the embedded database, DATABASE_URL for PostgreSQL. A target that
 * already holds data is refused unless --force is given.
 *
 * Embedded: the archive is unpacked into a new folder beside DATA_DIR and checked; only
 * then is it moved into place. With --force the old folder is kept beside it as
 * DATA_DIR.before-restore-<time>, never deleted.
 * PostgreSQL: pg_restore in one transaction (all or nothing); with --force it drops and
 * recreates the objects in the backup (--clean --if-exists).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { ConfigError, loadConfig } from '../src/platform/config.ts';
import { DatabaseUnavailableError, openDatabase } from '../src/platform/db/database.ts';
import {
  assertNotInUse,
  BackupError,
  backupFormatOf,
  contentsOf,
  describeContents,
  describeUrl,
  isNonEmptyDirectory,
  libpqConnection,
  requireTool,
  run,
  runCommand,
  timestamp,
} from './backup-support.ts';

const USAGE = 'Usage: npm run restore -- FILE [--force] [--no-privileges]';

interface Options {
  file: string;
  force: boolean;
  noPrivileges: boolean;
}

function parse(): Options {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        force: { type: 'boolean', default: false },
        'no-privileges': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
  } catch (error) {
    throw new BackupError(`${(error as Error).message}. ${USAGE}`);
  }
  if (parsed.values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (parsed.positionals.length !== 1) throw new BackupError(`name one backup file to restore. ${USAGE}`);
  return { file: path.resolve(parsed.positionals[0]!), force: !!parsed.values.force, noPrivileges: !!parsed.values['no-privileges'] };
}

async function restoreEmbedded(options: Options, dataDir: string): Promise<void> {
  const target = path.resolve(dataDir);
  const occupied = isNonEmptyDirectory(target);
  if (occupied) {
    assertNotInUse(target, 'run the restore again');
    if (!options.force) {
      throw new BackupError(
        `${target} already holds data. To replace it, stop Vigil and run again with --force (the current folder is kept as ${path.basename(target)}.before-restore-<time>).`,
      );
    }
  }
  console.log(`Vigil restore: ${options.file} into the embedded database in ${target}`);
  const stamp = timestamp();
  const staging = `${target}.restoring-${stamp}`;
  mkdirSync(path.dirname(target), { recursive: true });
  rmSync(staging, { recursive: true, force: true });
  let contents;
  try {
    console.log('  unpacking the archive');
    const archive = new Blob([readFileSync(options.file)]);
    let handle;
    try {
      handle = await openDatabase({ dataDir: staging, loadDataDir: archive });
    } catch (error) {
      throw new BackupError(`the archive could not be opened as a database: ${(error as Error).message}`);
    }
    try {
      console.log('  checking the restored database');
      contents = await contentsOf(handle.db);
      if (contents.migrations === 0) throw new BackupError('the archive holds a database, but not a Vigil one (no migrations recorded).');
      await sql`checkpoint`.execute(handle.db);
    } finally {
      await handle.close();
    }
    if (occupied) {
      const kept = `${target}.before-restore-${stamp}`;
      renameSync(target, kept);
      console.log(`  kept the previous database as ${kept}`);
    } else if (existsSync(target)) {
      rmSync(target, { recursive: true });
    }
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  console.log(`Restore complete: ${target} (${describeContents(contents)})`);
}

async function tablesIn(databaseUrl: string): Promise<number> {
  const handle = await openDatabase({ databaseUrl, poolSize: 1 });
  try {
    const result = await sql<{ tables: string | number }>`
      select count(*) as tables
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'`.execute(handle.db);
    return Number(result.rows[0]?.tables ?? 0);
  } finally {
    await handle.close();
  }
}

async function restorePostgres(options: Options, databaseUrl: string): Promise<void> {
  const pgRestore = requireTool('pg_restore');
  const where = describeUrl(databaseUrl);
  const tables = await tablesIn(databaseUrl);
  if (tables > 0 && !options.force) {
    throw new BackupError(`the ${where} already holds ${tables} tables. To replace them, stop Vigil and run again with --force.`);
  }
  console.log(`Vigil restore: ${options.file} into the ${where}`);
  const { dbname, env } = libpqConnection(databaseUrl);
  const args = ['--verbose', '--no-owner', '--single-transaction', '--exit-on-error', `--dbname=${dbname}`];
  if (options.force && tables > 0) args.push('--clean', '--if-exists');
  if (options.noPrivileges) args.push('--no-privileges');
  args.push(options.file);
  await run(pgRestore, args, env, (line) => {
    const table = /processing data for table "?([^"\s]+)"?(?:\."?([^"\s]+)"?)?/.exec(line);
    if (table) console.log(`  restored ${table[2] ?? table[1]}`);
  });
  const handle = await openDatabase({ databaseUrl, poolSize: 1 });
  let contents;
  try {
    contents = await contentsOf(handle.db);
  } finally {
    await handle.close();
  }
  console.log(`Restore complete: ${where} (${describeContents(contents)})`);
}

runCommand('Restore', async () => {
  const options = parse();
  const format = backupFormatOf(options.file);
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new BackupError(error.message);
    throw error;
  }
  if (format === 'pglite' && config.databaseUrl) {
    throw new BackupError(`${path.basename(options.file)} is an embedded database backup; unset DATABASE_URL and set DATA_DIR to restore it.`);
  }
  if (format === 'postgres' && !config.databaseUrl) {
    throw new BackupError(`${path.basename(options.file)} is a PostgreSQL backup; set DATABASE_URL to the (empty) database to restore it into.`);
  }
  try {
    if (config.databaseUrl) await restorePostgres(options, config.databaseUrl);
    else await restoreEmbedded(options, config.dataDir);
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) throw new BackupError(error.message);
    if (error instanceof pg.DatabaseError) throw new BackupError(`the database refused: ${error.message}`);
    throw error;
  }
});
