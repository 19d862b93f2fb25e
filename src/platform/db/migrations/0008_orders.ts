import { sql, type Kysely } from 'kysely';

/**
 * Orders and offender management (issue 8): the register's extra fields on `orders`, the
 * SPO process with every stage, and after grant the subject management plan, visits,
 * notification requirements, supervisor reviews, breaches and moves between forces.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table orders
      add column until_further_order boolean not null default false,
      add column served_on date,
      add column offender_manager_id uuid references users(id),
      add column manager_allocated_on date,
      add column owner_team text references teams(code),
      add column spo_application_id uuid,
      add column status_reason text,
      add column visit_interval_days integer check (visit_interval_days is null or visit_interval_days between 1 and 366),
      add column moved_in_on date,
      add column from_force text,
      add column created_by uuid references users(id),
      add column updated_at timestamptz not null default now()`.execute(db);
  await sql`create index orders_case_idx on orders (case_id)`.execute(db);
  await sql`alter table order_protected_persons add column added_at timestamptz not null default now()`.execute(db);

  await sql`
    create table spo_applications (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id) on delete cascade,
      subject_person_id uuid not null references people(id),
      protected_person_ids uuid[] not null default '{}',
      stage text not null,
      referral jsonb not null default '{}'::jsonb,
      application jsonb not null default '{}'::jsonb,
      authority jsonb not null default '{}'::jsonb,
      hearing jsonb not null default '{}'::jsonb,
      order_id uuid references orders(id),
      interim_order_id uuid references orders(id),
      created_at timestamptz not null default now(),
      created_by uuid references users(id),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index spo_applications_case_idx on spo_applications (case_id)`.execute(db);

  await sql`
    create table spo_stages (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references spo_applications(id) on delete cascade,
      stage text not null,
      stage_on date not null,
      recorded_at timestamptz not null default now(),
      recorded_by uuid not null references users(id),
      owner_team text references teams(code),
      details jsonb not null default '{}'::jsonb
    )`.execute(db);
  await sql`create index spo_stages_application_idx on spo_stages (application_id, recorded_at)`.execute(db);

  await sql`
    create table order_plans (
      order_id uuid primary key references orders(id) on delete cascade,
      items jsonb not null default '[]'::jsonb,
      started_on date not null,
      notes text,
      updated_at timestamptz not null default now(),
      updated_by uuid references users(id),
      version integer not null default 1
    )`.execute(db);

  await sql`
    create table order_visits (
      id uuid primary key default gen_random_uuid(),
      order_id uuid not null references orders(id) on delete cascade,
      kind text not null check (kind in ('initial', 'planned', 'move-in')),
      due_on date not null,
      visited_on date,
      visited_by uuid references users(id),
      notes text,
      task_id uuid references tasks(id) on delete set null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index order_visits_order_idx on order_visits (order_id, due_on)`.execute(db);

  await sql`
    create table order_notifications (
      id uuid primary key default gen_random_uuid(),
      order_id uuid not null references orders(id) on delete cascade,
      kind text not null check (kind in ('initial', 'change-of-name', 'change-of-address')),
      trigger_on date not null,
      due_on date not null,
      received_on date,
      station text,
      details text,
      recorded_by uuid references users(id),
      task_id uuid references tasks(id) on delete set null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index order_notifications_order_idx on order_notifications (order_id, due_on)`.execute(db);

  await sql`
    create table order_reviews (
      id uuid primary key default gen_random_uuid(),
      order_id uuid not null references orders(id) on delete cascade,
      reviewed_on date not null,
      reviewed_by uuid not null references users(id),
      risk_factors text not null,
      positive_changes text not null,
      compliance text not null,
      judgement text not null,
      changes text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index order_reviews_order_idx on order_reviews (order_id, reviewed_on)`.execute(db);

  await sql`
    create table order_breaches (
      id uuid primary key default gen_random_uuid(),
      order_id uuid not null references orders(id) on delete cascade,
      report_id uuid references reports(id) on delete set null,
      case_id uuid references cases(id) on delete set null,
      breach_number integer not null check (breach_number >= 1),
      occurred_at timestamptz not null,
      course_of_conduct_prompt text,
      recorded_by uuid not null references users(id),
      recorded_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index order_breaches_order_idx on order_breaches (order_id, occurred_at)`.execute(db);

  await sql`
    create table order_transfers (
      id uuid primary key default gen_random_uuid(),
      order_id uuid not null references orders(id) on delete cascade,
      direction text not null check (direction in ('in', 'out')),
      moved_on date not null,
      other_force text not null,
      pack jsonb not null default '{}'::jsonb,
      recorded_by uuid not null references users(id),
      recorded_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index order_transfers_order_idx on order_transfers (order_id)`.execute(db);
}
