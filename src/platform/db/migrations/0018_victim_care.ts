import { sql, type Kysely } from 'kysely';

/**
 * Victim care, second part: the victim's withdrawal of support (shared with finalisation,
 * which reads it for outcome 16), the victim personal statement and special measures
 * assessment, and the form (printed page or PDF) of each safety pack given.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table victim_withdrawals (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id) on delete cascade,
      person_id uuid not null references people(id),
      withdrawn_on date,
      reasons text,
      statement_taken boolean not null default false,
      statement_taken_on date,
      support_details_given boolean not null default false,
      support_details text,
      follow_up_on date,
      follow_up_task_id uuid references tasks(id) on delete set null,
      evidence_led_considered boolean not null default false,
      evidence_led_decision text check (evidence_led_decision in ('proceed', 'not-proceed')),
      evidence_led_rationale text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      updated_by uuid references users(id),
      version integer not null default 1,
      unique (case_id, person_id)
    )`.execute(db);

  await sql`
    create table victim_court_support (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id) on delete cascade,
      person_id uuid not null references people(id),
      vps_offered_on date,
      vps_taken_on date,
      vps_updated_on date,
      measures_assessed_on date,
      measures_needs text[] not null default '{}',
      measures_considered text[] not null default '{}',
      measures_decision text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      updated_by uuid references users(id),
      version integer not null default 1,
      unique (case_id, person_id)
    )`.execute(db);

  await sql`alter table victim_safety_packs add column format text not null default 'printed' check (format in ('printed', 'pdf'))`.execute(db);
}
