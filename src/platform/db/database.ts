import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations/index.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** PGlite only: the embedded engine, for backup and restore. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… for a PostgreSQL server; absent for the embedded database. */
  databaseUrl?: string;
  /** Embedded database folder; absent means in memory. */
  dataDir?: string;
  /** Embedded database: start from a data directory dump (tests use a migrated template). */
  loadDataDir?: Blob;
  poolSize?: number;
  /** How long a query may wait for a free connection before it fails (PostgreSQL). */
  poolWaitSeconds?: number;
}

const DATE_OID = 1082;
const INT8_OID = 20;
const identity = (value: string): string => value;

/** A clear, single-line problem with the database, safe to show on the console. */
export class DatabaseUnavailableError extends Error {}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10, options.poolWaitSeconds ?? 30);
  return openPGlite(options);
}

async function openPostgres(url: string, poolSize: number, poolWaitSeconds: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: poolWaitSeconds * 1000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === DATE_OID ? identity : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its server must not take the process down.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseUnavailableError(`Cannot connect to the PostgreSQL database (${describe(error)}).`);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

async function openPGlite(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { pg_trgm },
      // The engine runs inside Vigil's process, so its buffer pool is Vigil's memory.
      // PostgreSQL's 128 MB default made the process 370 MB before serving anything; 64 MB
      // saved about 120 MB at peak at force scale with the same response times, as
      // the operating system caches the data files anyway (docs/scaling.md).
      startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=64MB'],
      parsers: { [DATE_OID]: identity, [INT8_OID]: identity },
    });
  } catch (error) {
    throw new DatabaseUnavailableError(`Cannot open the embedded database (${describe(error)}).`);
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

function describe(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { code?: string; message?: string };
    if (e.code && e.message) return `${e.code}: ${e.message}`;
    if (e.message) return e.message;
  }
  return String(error);
}

/** Brings the schema up to date. Returns the names of the migrations applied now. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function databaseIsHealthy(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
