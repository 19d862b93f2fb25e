import { sql } from 'kysely';
import type { Db } from '../../platform/audit/audit-repository.ts';
import type { MovedRow } from '../../platform/db/schema.ts';

/** A column anywhere in the schema that refers to a person, and the key of its table. */
interface PersonReference {
  table: string;
  column: string;
  key: string[];
}

/** Tables that describe merges themselves: never moved by a merge. */
const NOT_MOVED = new Set(['people', 'person_merges']);

/**
 * Every column that refers to a person, read from the catalogue so tables added by
 * later capabilities are included without a list to keep up to date.
 */
async function personReferences(db: Db): Promise<PersonReference[]> {
  const result = await sql<{ table_name: string; column_name: string; key: string[] | null }>`
    select cl.relname as table_name, a.attname as column_name,
      (select array_agg(ka.attname::text order by ka.attnum)
         from pg_index i join pg_attribute ka on ka.attrelid = i.indrelid and ka.attnum = any(i.indkey)
        where i.indrelid = c.conrelid and i.indisprimary) as key
    from pg_constraint c
    join pg_class cl on cl.oid = c.conrelid
    join pg_namespace n on n.oid = cl.relnamespace
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = 'people'::regclass and n.nspname = current_schema()
    order by cl.relname, a.attname`.execute(db);
  return result.rows
    .filter((r) => !NOT_MOVED.has(r.table_name) && r.key && r.key.length > 0)
    .map((r) => ({ table: r.table_name, column: r.column_name, key: r.key! }));
}

const ident = (name: string) => sql.id(name);

function keyCondition(key: Record<string, unknown>) {
  return sql.join(
    Object.entries(key).map(([column, value]) => sql`${ident(column)}::text = ${String(value)}`),
    sql` and `,
  );
}

/**
 * Moves every row that refers to `fromId` over to `toId`, one row at a time, and lists
 * what moved. A row that cannot move because the other person already has the same one
 * (both victims on one case, say) stays where it is: it is a duplicate of a row that
 * already refers to `toId`.
 */
export async function moveReferences(db: Db, fromId: string, toId: string): Promise<MovedRow[]> {
  const moved: MovedRow[] = [];
  let n = 0;
  for (const ref of await personReferences(db)) {
    const keys = await sql<{ key: Record<string, unknown> }>`
      select json_build_object(${sql.join(ref.key.flatMap((k) => [sql.lit(k), ident(k)]))}) as key
      from ${ident(ref.table)} where ${ident(ref.column)} = ${fromId}`.execute(db);
    for (const { key } of keys.rows) {
      const savepoint = ident(`person_move_${++n}`);
      await sql`savepoint ${savepoint}`.execute(db);
      try {
        await sql`update ${ident(ref.table)} set ${ident(ref.column)} = ${toId} where ${keyCondition(key)}`.execute(db);
        await sql`release savepoint ${savepoint}`.execute(db);
        moved.push({ table: ref.table, column: ref.column, key });
      } catch (error) {
        if ((error as { code?: string }).code !== '23505') throw error;
        await sql`rollback to savepoint ${savepoint}`.execute(db);
      }
    }
  }
  return moved;
}

/** Puts back what a merge moved: each row listed returns from `toId` to `fromId`. */
export async function moveBack(db: Db, rows: readonly MovedRow[], fromId: string, toId: string): Promise<number> {
  let count = 0;
  for (const row of rows) {
    // Where the person column is part of the key, the row is now found under the other person.
    const key = Object.fromEntries(Object.entries(row.key).map(([column, value]) => [column, column === row.column ? toId : value]));
    const result = await sql`update ${ident(row.table)} set ${ident(row.column)} = ${fromId} where ${keyCondition(key)} and ${ident(row.column)} = ${toId} returning 1`.execute(db);
    count += result.rows.length;
  }
  return count;
}

/** The merged person's primary names become aliases of the person kept; their ids are returned to restore them on a split. */
export async function primaryNamesOf(db: Db, personId: string): Promise<string[]> {
  const rows = await db.selectFrom('person_names').select('id').where('person_id', '=', personId).where('kind', '=', 'primary').execute();
  return rows.map((r) => r.id);
}

export async function setNameKind(db: Db, ids: readonly string[], kind: 'primary' | 'alias'): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('person_names').set({ kind }).where('id', 'in', ids).execute();
}

export async function setMergedInto(db: Db, personId: string, into: string | null, at: Date): Promise<void> {
  await db
    .updateTable('people')
    .set({ merged_into: into, updated_at: at, version: sql`version + 1` })
    .where('id', '=', personId)
    .execute();
}

export interface MergeRecord {
  id: string;
  survivorId: string;
  mergedId: string;
  reason: string;
  moved: { rows: MovedRow[]; primaryNameIds: string[] };
  mergedByName: string;
  mergedAt: Date;
  splitByName: string | null;
  splitAt: Date | null;
  splitReason: string | null;
}

export async function insertMerge(
  db: Db,
  m: { survivorId: string; mergedId: string; reason: string; moved: { rows: MovedRow[]; primaryNameIds: string[] }; by: string; at: Date },
): Promise<string> {
  const row = await db
    .insertInto('person_merges')
    .values({ survivor_id: m.survivorId, merged_id: m.mergedId, reason: m.reason, moved: JSON.stringify(m.moved), merged_by: m.by, merged_at: m.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function mergeQuery(db: Db) {
  return db
    .selectFrom('person_merges as m')
    .innerJoin('users as mu', 'mu.id', 'm.merged_by')
    .leftJoin('users as su', 'su.id', 'm.split_by')
    .select(['m.id', 'm.survivor_id', 'm.merged_id', 'm.reason', 'm.moved', 'mu.display_name as merged_by_name', 'm.merged_at', 'su.display_name as split_by_name', 'm.split_at', 'm.split_reason']);
}

function toMerge(r: Awaited<ReturnType<ReturnType<typeof mergeQuery>['executeTakeFirstOrThrow']>>): MergeRecord {
  return {
    id: r.id,
    survivorId: r.survivor_id,
    mergedId: r.merged_id,
    reason: r.reason,
    moved: r.moved,
    mergedByName: r.merged_by_name,
    mergedAt: r.merged_at,
    splitByName: r.split_by_name,
    splitAt: r.split_at,
    splitReason: r.split_reason,
  };
}

export async function getMerge(db: Db, id: string): Promise<MergeRecord | undefined> {
  const row = await mergeQuery(db).where('m.id', '=', id).executeTakeFirst();
  return row && toMerge(row);
}

/** Merges a person took part in, either way, newest first. */
export async function mergesOf(db: Db, personId: string): Promise<MergeRecord[]> {
  const rows = await mergeQuery(db)
    .where((eb) => eb.or([eb('m.survivor_id', '=', personId), eb('m.merged_id', '=', personId)]))
    .orderBy('m.merged_at', 'desc')
    .execute();
  return rows.map(toMerge);
}

/** Marks a merge undone, unless it already was (another officer at the same moment). */
export async function markSplit(db: Db, id: string, s: { by: string; at: Date; reason: string }): Promise<boolean> {
  const result = await db
    .updateTable('person_merges')
    .set({ split_by: s.by, split_at: s.at, split_reason: s.reason })
    .where('id', '=', id)
    .where('split_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A pair of people who may be one person, and what they share. */
export interface DuplicatePair {
  a: string;
  b: string;
  shared: string[];
}

/**
 * Pairs of people (not merged) who share a phone number, email address, social media
 * account or vehicle, or the same date of birth with names that sound alike. Set-based:
 * grouped on indexed columns, never a comparison of every person with every other.
 */
export async function duplicatePairs(db: Db, limit: number): Promise<DuplicatePair[]> {
  const result = await sql<{ a: string; b: string; shared: string[] }>`
    with identifiers as (
      select i.kind, i.normalised, array_agg(distinct i.person_id) as ids
      from person_identifiers i join people p on p.id = i.person_id and p.merged_into is null
      where i.kind in ('phone', 'email', 'handle', 'vehicle')
      group by i.kind, i.normalised
      having count(distinct i.person_id) between 2 and 5
    ),
    by_identifier as (
      select least(x, y) as a, greatest(x, y) as b, kind as shared
      from identifiers, unnest(ids) as x, unnest(ids) as y where x < y
    ),
    by_birth as (
      select least(n1.person_id, n2.person_id) as a, greatest(n1.person_id, n2.person_id) as b, 'date-of-birth-and-name' as shared
      from person_names n1
      join people p1 on p1.id = n1.person_id and p1.merged_into is null and p1.date_of_birth is not null
      join person_names n2 on n2.surname_phonetic = n1.surname_phonetic and n2.person_id > n1.person_id
      join people p2 on p2.id = n2.person_id and p2.merged_into is null and p2.date_of_birth = p1.date_of_birth
    )
    select a, b, array_agg(distinct shared) as shared
    from (select * from by_identifier union all select * from by_birth) pairs
    group by a, b
    order by count(distinct shared) desc, a, b
    limit ${limit}`.execute(db);
  return result.rows.map((r) => ({ a: r.a, b: r.b, shared: r.shared }));
}
