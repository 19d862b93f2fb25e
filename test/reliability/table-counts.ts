/** Exact row counts of every table, to prove a use case wrote nothing (or only what it should). */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/platform/db/schema.ts';

export async function tableNames(db: Kysely<Database>): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
    order by table_name`.execute(db);
  return result.rows.map((r) => r.name);
}

/** count(*) of every table in one query (exact, not the planner's estimate). */
export async function tableCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const names = await tableNames(db);
  const parts = names.map((name) => sql`select ${name} as name, count(*)::int as n from ${sql.table(name)}`);
  const result = await sql<{ name: string; n: number }>`${sql.join(parts, sql` union all `)}`.execute(db);
  return Object.fromEntries(result.rows.map((r) => [r.name, r.n]));
}
