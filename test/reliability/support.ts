/** Helpers shared by the reliability tests: real databases on disk, scripts run as processes. */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { createVigil } from '../../src/app.ts';
import { systemClock } from '../../src/domain/clock.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts';
import type { Database } from '../../src/platform/db/schema.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { TEST_PASSWORD } from '../support/app.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ScriptResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs scripts/<name>.ts as `npm run <name>` would, with only the given database settings. */
export function runScript(name: string, args: string[], env: Record<string, string>): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const base = { ...process.env };
    delete base.DATABASE_URL;
    delete base.DATA_DIR;
    const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], {
      cwd: ROOT,
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A new, empty database on the TEST_DATABASE_URL server. */
export async function createEmptyPostgresDatabase(serverUrl: string, prefix = 'vigil_rel'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export interface InProcessVigil {
  app: FastifyInstance;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

/** A Vigil on an existing database (on disk or on a server), optionally migrated and seeded first. */
export async function vigilOn(options: { dataDir?: string; databaseUrl?: string; seed?: boolean }): Promise<InProcessVigil> {
  const handle = await openDatabase({ dataDir: options.dataDir, databaseUrl: options.databaseUrl, poolSize: 3 });
  if (options.seed) {
    await migrateToLatest(handle.db);
    await seedDemo(handle.db, { password: TEST_PASSWORD, seed: 7 });
  }
  const config = { ...loadConfig({}), ...(options.dataDir ? { dataDir: options.dataDir } : {}), databaseUrl: options.databaseUrl };
  const app = await createVigil({ db: handle.db, dbKind: handle.kind, clock: systemClock, config });
  await app.ready();
  return {
    app,
    handle,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

/** Every row of every table in the public schema, as sorted JSON lines: two databases with equal snapshots hold the same data. */
export async function snapshotOf(db: Kysely<Database>): Promise<Record<string, string[]>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const snapshot: Record<string, string[]> = {};
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
    snapshot[name] = rows.rows.map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).sort();
  }
  return snapshot;
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** Waits for a promise or fails after `ms` with a message, so a hung server fails the test instead of the run. */
export async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
