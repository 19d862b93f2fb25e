import { sql, type Kysely } from 'kysely';

/**
 * The casework model: people with names, aliases and identifiers; reports (incidents)
 * with their parties and occasions; cases (courses of conduct) that reports join;
 * classifications with history; tasks; orders, flags and historic warning notices.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence report_reference_seq`.execute(db);
  await sql`create sequence case_reference_seq`.execute(db);

  await sql`
    alter table people
      add column age_min integer,
      add column age_max integer,
      add column description text,
      add column created_by uuid references users(id)`.execute(db);

  await sql`
    create table person_names (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id) on delete cascade,
      kind text not null check (kind in ('primary', 'alias')),
      forenames text not null,
      surname text not null,
      full_key text not null,
      forename_phonetic text not null,
      surname_phonetic text not null
    )`.execute(db);
  await sql`create index person_names_person_idx on person_names (person_id)`.execute(db);
  await sql`create index person_names_trgm on person_names using gin (full_key gin_trgm_ops)`.execute(db);
  await sql`create index person_names_surname_phonetic on person_names (surname_phonetic)`.execute(db);

  await sql`
    create table person_identifiers (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id) on delete cascade,
      kind text not null check (kind in ('phone', 'email', 'handle', 'vehicle', 'address', 'postcode', 'town')),
      value text not null,
      normalised text not null,
      platform text,
      protected boolean not null default false,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index person_identifiers_lookup on person_identifiers (kind, normalised)`.execute(db);
  await sql`create index person_identifiers_person_idx on person_identifiers (person_id)`.execute(db);

  await sql`
    create table cases (
      id uuid primary key default gen_random_uuid(),
      reference text not null unique,
      suspect_person_id uuid references people(id),
      status text not null default 'open' check (status in ('open', 'finalised')),
      offence text,
      also_record text[] not null default '{}',
      domestic_abuse boolean not null default false,
      cyber_enabled boolean not null default false,
      flag_corrections jsonb not null default '{}'::jsonb,
      owner_team text references teams(code),
      owner_user_id uuid references users(id),
      restricted boolean not null default false,
      restricted_contact text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      finalised_at timestamptz,
      version integer not null default 1
    )`.execute(db);
  await sql`create index cases_suspect_idx on cases (suspect_person_id)`.execute(db);

  await sql`
    create table case_victims (
      case_id uuid not null references cases(id) on delete cascade,
      person_id uuid not null references people(id),
      primary key (case_id, person_id)
    )`.execute(db);
  await sql`create index case_victims_person_idx on case_victims (person_id)`.execute(db);

  await sql`
    create table reports (
      id uuid primary key default gen_random_uuid(),
      reference text not null unique,
      status text not null default 'draft' check (status in ('draft', 'submitted')),
      answers jsonb not null default '{}'::jsonb,
      reported_at timestamptz not null,
      submitted_at timestamptz,
      caller_capacity text,
      relationship text,
      account text,
      effects text[] not null default '{}',
      indicators text[] not null default '{}',
      suspect_known boolean,
      thrive jsonb,
      response text,
      evidence_advice text,
      suggestion jsonb,
      recording_due_at timestamptz,
      crime_decision text check (crime_decision in ('crime', 'non-crime')),
      crime_decision_rationale text,
      crime_decided_at timestamptz,
      crime_decided_by uuid references users(id),
      created_by uuid not null references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index reports_status_idx on reports (status, created_by)`.execute(db);

  await sql`
    create table case_reports (
      case_id uuid not null references cases(id) on delete cascade,
      report_id uuid not null references reports(id) on delete cascade,
      linked_at timestamptz not null default now(),
      linked_by uuid references users(id),
      link_reason text not null,
      primary key (case_id, report_id)
    )`.execute(db);
  await sql`create index case_reports_report_idx on case_reports (report_id)`.execute(db);

  await sql`
    create table report_parties (
      id uuid primary key default gen_random_uuid(),
      report_id uuid not null references reports(id) on delete cascade,
      person_id uuid references people(id),
      role text not null check (role in ('victim', 'suspect', 'reporter', 'witness')),
      description text
    )`.execute(db);
  await sql`create index report_parties_report_idx on report_parties (report_id)`.execute(db);
  await sql`create index report_parties_person_idx on report_parties (person_id)`.execute(db);

  await sql`
    create table occasions (
      id uuid primary key default gen_random_uuid(),
      report_id uuid not null references reports(id) on delete cascade,
      occurred_from timestamptz not null,
      occurred_to timestamptz,
      place text,
      channels text[] not null default '{}',
      platform text,
      account_name text,
      behaviours text[] not null default '{}',
      fear_of_violence boolean not null default false,
      times integer not null default 1 check (times >= 1),
      description text,
      breached_order_id uuid,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index occasions_report_idx on occasions (report_id, occurred_from)`.execute(db);

  await sql`
    create table classifications (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id) on delete cascade,
      offence text not null,
      also_record text[] not null default '{}',
      reasons jsonb not null default '[]'::jsonb,
      rationale text,
      status text not null check (status in ('proposed', 'confirmed', 'rejected', 'superseded')),
      proposed_by uuid references users(id),
      proposed_at timestamptz not null default now(),
      decided_by uuid references users(id),
      decided_at timestamptz,
      decision_reason text
    )`.execute(db);
  await sql`create index classifications_case_idx on classifications (case_id, proposed_at)`.execute(db);

  await sql`
    create table tasks (
      id uuid primary key default gen_random_uuid(),
      type text not null,
      title text not null,
      case_id uuid references cases(id) on delete cascade,
      report_id uuid references reports(id) on delete cascade,
      owner_user_id uuid references users(id),
      owner_team text references teams(code),
      due_at timestamptz not null,
      status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
      details jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now(),
      created_by uuid references users(id),
      completed_at timestamptz,
      completed_by uuid references users(id),
      outcome text,
      version integer not null default 1
    )`.execute(db);
  await sql`create index tasks_team_idx on tasks (owner_team, status, due_at)`.execute(db);
  await sql`create index tasks_user_idx on tasks (owner_user_id, status, due_at)`.execute(db);
  await sql`create index tasks_case_idx on tasks (case_id, status)`.execute(db);

  await sql`
    create table registrar_findings (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id) on delete cascade,
      code text not null,
      text text not null,
      status text not null default 'open' check (status in ('open', 'accepted', 'dismissed')),
      decision_reason text,
      decided_by uuid references users(id),
      decided_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index registrar_findings_open on registrar_findings (case_id, code) where status = 'open'`.execute(db);

  await sql`
    create table orders (
      id uuid primary key default gen_random_uuid(),
      type text not null,
      subject_person_id uuid not null references people(id),
      case_id uuid references cases(id),
      court text,
      made_on date not null,
      expires_on date,
      status text not null default 'active' check (status in ('active', 'expired', 'discharged', 'refused', 'applied')),
      prohibitions text,
      requirements text,
      created_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index orders_subject_idx on orders (subject_person_id)`.execute(db);

  await sql`
    create table order_protected_persons (
      order_id uuid not null references orders(id) on delete cascade,
      person_id uuid not null references people(id),
      primary key (order_id, person_id)
    )`.execute(db);
  await sql`create index order_protected_person_idx on order_protected_persons (person_id)`.execute(db);

  await sql`
    create table flags (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id) on delete cascade,
      type text not null,
      reason text,
      starts_on date not null,
      expires_on date,
      status text not null default 'active' check (status in ('active', 'removed', 'expired')),
      created_at timestamptz not null default now(),
      created_by uuid references users(id)
    )`.execute(db);
  await sql`create index flags_person_idx on flags (person_id)`.execute(db);

  await sql`
    create table warning_notices (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id) on delete cascade,
      kind text not null check (kind in ('PIN', 'HN1')),
      issued_on date not null,
      issuing_force text,
      notes text
    )`.execute(db);
  await sql`create index warning_notices_person_idx on warning_notices (person_id)`.execute(db);
}
