import { sql, type Kysely } from 'kysely';

/**
 * People: structured addresses (a victim's address is protected), the date an age range
 * was stated, keys that let a forename match its short forms (Kate and Katherine), a
 * loose email key, and flags that name whom to notify and record their removal.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table people add column age_stated_on date`.execute(db);

  await sql`
    create table person_addresses (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id) on delete cascade,
      line text,
      town text,
      postcode text,
      protected boolean not null default false,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index person_addresses_person_idx on person_addresses (person_id)`.execute(db);

  await sql`alter table person_names add column forename_groups text[] not null default '{}'`.execute(db);
  await sql`create index person_names_forename_groups on person_names using gin (forename_groups)`.execute(db);
  await sql`create index person_names_phonetic_pair on person_names (surname_phonetic, forename_phonetic)`.execute(db);

  await sql`alter table person_identifiers add column loose_key text`.execute(db);
  await sql`create index person_identifiers_loose on person_identifiers (kind, loose_key) where loose_key is not null`.execute(db);

  await sql`
    alter table flags
      add column notify_team text references teams(code),
      add column removed_at timestamptz,
      add column removed_by uuid references users(id),
      add column removal_reason text,
      add column version integer not null default 1`.execute(db);
}
