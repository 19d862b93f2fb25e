import { sql, type Kysely } from 'kysely';

/**
 * Merging duplicate people, and undoing it: the merged record stays (pointing at the
 * record it joined) and every row that moved is listed, so a split puts back exactly
 * what the merge moved.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table people add column merged_into uuid references people(id)`.execute(db);
  await sql`
    create table person_merges (
      id uuid primary key default gen_random_uuid(),
      survivor_id uuid not null references people(id),
      merged_id uuid not null references people(id),
      reason text not null,
      moved jsonb not null,
      merged_by uuid not null references users(id),
      merged_at timestamptz not null,
      split_by uuid references users(id),
      split_at timestamptz,
      split_reason text
    )`.execute(db);
  await sql`create index person_merges_people on person_merges (survivor_id, merged_id)`.execute(db);
}
