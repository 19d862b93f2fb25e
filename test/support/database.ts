import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts';

/**
 * A fresh, migrated database for one test file. With TEST_DATABASE_URL set the tests
 * run on that PostgreSQL server, each file in a database of its own; otherwise on an
 * in-memory PGlite started from a migrated snapshot.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  return serverUrl ? createPostgresDatabase(serverUrl) : createPGliteDatabase();
}

export function testDatabaseKind(): 'postgres' | 'pglite' {
  return process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
}

let snapshot: Promise<Blob> | undefined;

async function migratedSnapshot(): Promise<Blob> {
  const handle = await openDatabase({});
  await migrateToLatest(handle.db);
  const dump = await handle.pglite!.dumpDataDir('none');
  await handle.close();
  return dump;
}

async function createPGliteDatabase(): Promise<DatabaseHandle> {
  snapshot ??= migratedSnapshot();
  return openDatabase({ loadDataDir: await snapshot });
}

async function createPostgresDatabase(serverUrl: string): Promise<DatabaseHandle> {
  const name = `vigil_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

