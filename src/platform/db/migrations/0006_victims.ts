import { sql, type Kysely } from 'kysely';

/**
 * Victim care (Victims' Code): a profile per victim per case (entitlement raised by hand,
 * communication needs, named point of contact and its handovers), events the victim must
 * be told about and the duties they create, the contact log, referrals to support
 * services with consent, safety information packs given, and the case outcome as the
 * victim-wish check needs it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table victim_profiles (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id) on delete cascade,
      person_id uuid not null references people(id),
      raised_to_enhanced boolean not null default false,
      raise_reason text,
      language text,
      interpreter_needed boolean not null default false,
      preferred_method text check (preferred_method in ('phone', 'text', 'email', 'in-person', 'letter', 'video')),
      safe_times text,
      safe_to_leave_message boolean,
      other_needs text,
      contact_user_id uuid references users(id),
      contact_role text check (contact_role in ('officer-in-case', 'spoc')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      updated_by uuid references users(id),
      version integer not null default 1,
      unique (case_id, person_id)
    )`.execute(db);

  await sql`
    create table victim_contact_handovers (
      id uuid primary key default gen_random_uuid(),
      seq bigint generated always as identity,
      case_id uuid not null references cases(id) on delete cascade,
      person_id uuid not null references people(id),
      from_user_id uuid references users(id),
      to_user_id uuid references users(id),
      role text,
      reason text,
      at timestamptz not null,
      by_user_id uuid references users(id)
    )`.execute(db);
  await sql`create index victim_contact_handovers_idx on victim_contact_handovers (case_id, person_id, at)`.execute(db);

  await sql`
    create table victim_events (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id) on delete cascade,
      event text not null,
      occurred_at timestamptz not null,
      victim_consulted boolean,
      bail_until date,
      outcome_code integer check (outcome_code between 1 and 22),
      notes text,
      recorded_by uuid references users(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index victim_events_case_idx on victim_events (case_id, occurred_at)`.execute(db);

  await sql`
    create table victim_contacts (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id) on delete cascade,
      person_id uuid not null references people(id),
      occurred_at timestamptz not null,
      initiated_by text not null check (initiated_by in ('victim', 'police', 'other')),
      chasing_update boolean not null default false,
      method text not null check (method in ('phone', 'text', 'email', 'in-person', 'letter', 'video')),
      discussed text not null,
      safety_advice text,
      victim_wish text check (victim_wish in ('supports-prosecution', 'does-not-support', 'undecided')),
      recorded_by uuid references users(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index victim_contacts_case_idx on victim_contacts (case_id, person_id, occurred_at)`.execute(db);

  await sql`
    create table victim_duties (
      id uuid primary key default gen_random_uuid(),
      event_id uuid not null references victim_events(id) on delete cascade,
      case_id uuid not null references cases(id) on delete cascade,
      person_id uuid not null references people(id),
      kind text not null check (kind in ('tell-victim', 'consult-victim-bail')),
      entitlement text not null check (entitlement in ('enhanced', 'standard')),
      due_at timestamptz not null,
      task_id uuid references tasks(id) on delete set null,
      done_at timestamptz,
      done_contact_id uuid references victim_contacts(id)
    )`.execute(db);
  await sql`create index victim_duties_case_idx on victim_duties (case_id, person_id)`.execute(db);
  await sql`create index victim_duties_due_idx on victim_duties (due_at) where done_at is null`.execute(db);

  await sql`
    create table victim_referrals (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id) on delete cascade,
      person_id uuid not null references people(id),
      service_code text not null,
      status text not null check (status in ('offered', 'declined', 'made', 'taken-up')),
      consent boolean not null default false,
      consent_note text,
      consent_recorded_at timestamptz,
      offered_at timestamptz,
      made_at timestamptz,
      taken_up_at timestamptz,
      declined_at timestamptz,
      outcome text,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index victim_referrals_case_idx on victim_referrals (case_id, person_id)`.execute(db);

  await sql`
    create table victim_safety_packs (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id) on delete cascade,
      person_id uuid not null references people(id),
      given_at timestamptz not null,
      given_how text not null check (given_how in ('in-person', 'post', 'email', 'through-advocate')),
      contact_id uuid references victim_contacts(id),
      given_by uuid references users(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index victim_safety_packs_case_idx on victim_safety_packs (case_id, person_id)`.execute(db);

  await sql`
    create table victim_case_outcomes (
      case_id uuid primary key references cases(id) on delete cascade,
      outcome_code integer not null check (outcome_code between 1 and 22),
      recorded_at timestamptz not null,
      event_id uuid references victim_events(id) on delete set null,
      inconsistent_at timestamptz,
      inconsistency_reason text,
      inconsistency_task_id uuid references tasks(id) on delete set null
    )`.execute(db);
}
