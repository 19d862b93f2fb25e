import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/platform/db/schema.ts';
import { inLanes } from './loader.ts';

/**
 * Secondary indexes (not primary keys or unique constraints) of the tables being loaded:
 * dropping them during a bulk load and building each once afterwards is much cheaper than
 * updating them row by row (the pg_trgm GIN index above all).
 */
export async function dropSecondaryIndexes(db: Kysely<Database>, tables: readonly string[]): Promise<string[]> {
  const rows = await sql<{ name: string; definition: string }>`
    select i.indexname as name, i.indexdef as definition
    from pg_indexes i
    where i.schemaname = current_schema() and i.tablename = any(${sql.val([...tables])}::text[])
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)
    order by i.tablename, i.indexname`.execute(db);
  for (const r of rows.rows) await sql`drop index ${sql.ref(r.name)}`.execute(db);
  return rows.rows.map((r) => r.definition);
}

export async function recreateIndexes(db: Kysely<Database>, definitions: readonly string[], lanes: number, progress: (done: number) => void): Promise<void> {
  let done = 0;
  await inLanes(definitions, lanes, async (definition) => {
    await sql.raw(definition).execute(db);
    progress(++done);
  });
}
