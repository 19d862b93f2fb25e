/** Opens a database that a test's server process has left behind and checks it page by page with amcheck. */
import { PGlite } from '@electric-sql/pglite';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';

export interface OpenedDatabase {
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function openEmbedded(dataDir: string): Promise<OpenedDatabase> {
  const db = await PGlite.create({ dataDir, extensions: { pg_trgm, amcheck } });
  return {
    query: async <T>(text: string, params: unknown[] = []) => (await db.query<T>(text, params)).rows,
    close: () => db.close(),
  };
}

export async function openServer(url: string): Promise<OpenedDatabase> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    query: async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[],
    close: () => client.end(),
  };
}

/**
 * Every heap page of every table (verify_heapam) and every B-tree index, including that
 * each heap tuple is in its indexes (bt_index_check with heapallindexed). Returns the
 * problems found: none for a database that recovered cleanly.
 */
export async function integrityProblems(db: OpenedDatabase): Promise<string[]> {
  await db.query('create extension if not exists amcheck');
  const problems: string[] = [];
  const tables = await db.query<{ name: string }>(
    `select c.oid::regclass::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r'`,
  );
  for (const { name } of tables) {
    const rows = await db.query<{ msg: string }>(`select msg from verify_heapam($1::regclass)`, [name]);
    for (const row of rows) problems.push(`${name}: ${row.msg}`);
  }
  const indexes = await db.query<{ name: string }>(
    `select c.oid::regclass::text as name from pg_index i
     join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam join pg_namespace n on n.oid = c.relnamespace
     where am.amname = 'btree' and n.nspname = 'public'`,
  );
  for (const { name } of indexes) {
    try {
      await db.query(`select bt_index_check($1::regclass, true)`, [name]);
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`);
    }
  }
  if (tables.length === 0 || indexes.length === 0) problems.push('no tables or indexes found to check');
  return problems;
}
