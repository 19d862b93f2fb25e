import { sql, type Kysely } from 'kysely';

/**
 * Applications to renew, vary or discharge an order (issue 8): who applied, the grounds and
 * evidence, every stage dated and owned, the superintendent's decision and the court's
 * outcome; and the order's history, one row for each change an outcome made to it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table order_applications (
      id uuid primary key default gen_random_uuid(),
      order_id uuid not null references orders(id) on delete cascade,
      kind text not null check (kind in ('renewal', 'variation', 'discharge')),
      applicant text not null check (applicant in ('police', 'subject')),
      applied_on date not null,
      grounds text not null,
      evidence jsonb not null default '{}'::jsonb,
      proposed jsonb not null default '{}'::jsonb,
      stage text not null,
      decision text check (decision is null or decision in ('apply', 'do-not-apply', 'support', 'oppose')),
      outcome jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now(),
      created_by uuid not null references users(id),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index order_applications_order_idx on order_applications (order_id, created_at)`.execute(db);

  await sql`
    create table order_application_stages (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references order_applications(id) on delete cascade,
      stage text not null,
      stage_on date not null,
      recorded_at timestamptz not null default now(),
      recorded_by uuid not null references users(id),
      owner_team text references teams(code),
      details jsonb not null default '{}'::jsonb,
      seq bigserial not null
    )`.execute(db);
  await sql`create index order_application_stages_idx on order_application_stages (application_id, seq)`.execute(db);

  await sql`
    create table order_history (
      id uuid primary key default gen_random_uuid(),
      order_id uuid not null references orders(id) on delete cascade,
      application_id uuid references order_applications(id) on delete set null,
      change text not null check (change in ('renewed', 'varied', 'discharged')),
      changed_on date not null,
      before jsonb not null default '{}'::jsonb,
      after jsonb not null default '{}'::jsonb,
      recorded_by uuid not null references users(id),
      recorded_at timestamptz not null default now(),
      seq bigserial not null
    )`.execute(db);
  await sql`create index order_history_order_idx on order_history (order_id, seq)`.execute(db);
}
