import { sql, type Kysely } from 'kysely';

/**
 * Oversight (issue 10): dip samples saved with the request that reproduces them, the
 * cases drawn (each with its own id, so panel pages never carry a case id), panel
 * reviews of each case, the panel's observations with the force's response, and the
 * recommendations register.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table oversight_samples (
      id uuid primary key default gen_random_uuid(),
      title text not null,
      request jsonb not null,
      result jsonb not null,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);

  await sql`
    create table oversight_sample_cases (
      id uuid primary key default gen_random_uuid(),
      sample_id uuid not null references oversight_samples(id) on delete cascade,
      case_id uuid not null references cases(id),
      position integer not null,
      stratum text not null,
      referred_at timestamptz,
      unique (sample_id, case_id),
      unique (sample_id, position)
    )`.execute(db);

  await sql`
    create table oversight_reviews (
      id uuid primary key default gen_random_uuid(),
      sample_case_id uuid not null references oversight_sample_cases(id) on delete cascade,
      reviewer_id uuid not null references users(id),
      answers jsonb not null,
      victim_at_risk_now boolean not null default false,
      risk_concern text,
      summary text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      unique (sample_case_id, reviewer_id)
    )`.execute(db);

  await sql`
    create table oversight_observations (
      id uuid primary key default gen_random_uuid(),
      sample_id uuid not null references oversight_samples(id) on delete cascade,
      text text not null,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      response text,
      responded_by uuid references users(id),
      responded_at timestamptz,
      version integer not null default 1
    )`.execute(db);
  await sql`create index oversight_observations_sample_idx on oversight_observations (sample_id, created_at)`.execute(db);

  await sql`
    create table oversight_recommendations (
      id uuid primary key default gen_random_uuid(),
      source_kind text not null,
      source_title text not null,
      source_reference text,
      sample_id uuid references oversight_samples(id) on delete set null,
      text text not null,
      owner text not null,
      due_on date not null,
      status text not null default 'open' check (status in ('open', 'in_progress', 'implemented', 'reality_tested', 'closed')),
      actions jsonb not null default '[]'::jsonb,
      evidence jsonb not null default '[]'::jsonb,
      reality_testing_notes jsonb not null default '[]'::jsonb,
      history jsonb not null default '[]'::jsonb,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index oversight_recommendations_due_idx on oversight_recommendations (status, due_on)`.execute(db);
}
