import { sql, type Kysely } from 'kysely';

/**
 * Course of conduct: the history of how reports were joined to, linked to, unlinked
 * from, merged into and split out of cases (each with its reason), cases merged into
 * another, and police actions on a case (arrest, interview, bail, charge, release).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table cases
      add column merged_into_case_id uuid references cases(id),
      add column merged_at timestamptz`.execute(db);

  await sql`
    create table case_link_events (
      id uuid primary key default gen_random_uuid(),
      seq bigint generated always as identity,
      case_id uuid not null references cases(id) on delete cascade,
      kind text not null check (kind in ('auto-join', 'new-case', 'link', 'unlink', 'merge-in', 'merged-into', 'split-out', 'split-from')),
      other_case_id uuid references cases(id) on delete set null,
      report_ids uuid[] not null default '{}',
      reason text not null,
      details jsonb not null default '{}'::jsonb,
      at timestamptz not null default now(),
      by_user_id uuid references users(id)
    )`.execute(db);
  await sql`create index case_link_events_case_idx on case_link_events (case_id, at)`.execute(db);

  await sql`
    create table police_actions (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id) on delete cascade,
      person_id uuid references people(id),
      kind text not null check (kind in (
        'arrest', 'voluntary-interview', 'interview', 'bail', 'bail-varied', 'released-under-investigation',
        'released-without-charge', 'charge', 'remand', 'release-from-custody')),
      occurred_at timestamptz not null,
      bail_until date,
      conditions text,
      notes text,
      recorded_by uuid references users(id),
      created_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index police_actions_case_idx on police_actions (case_id, occurred_at)`.execute(db);
}
