import { sql, type Kysely } from 'kysely';

/**
 * Risk assessment and risk management (issue 6): questionnaire tools a force loads,
 * completed assessments (each keeping the tool as it was used, its answers, grading,
 * professional judgement and a detective sergeant's endorsement), reasons recorded for
 * not completing a required assessment, MARAC referrals, risk management plans (RARA
 * actions and what the victim has been told) and safety advice given.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table risk_tools (
      id uuid primary key default gen_random_uuid(),
      tool_id text not null,
      version text not null,
      name text not null,
      kind text not null,
      definition jsonb not null,
      loaded_by uuid references users(id),
      loaded_at timestamptz not null default now(),
      unique (tool_id, version)
    )`.execute(db);

  await sql`
    create table risk_assessments (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id) on delete cascade,
      victim_person_id uuid references people(id),
      stage text not null check (stage in ('initial', 'enhanced')),
      source text not null check (source in ('victim', 'police-information-and-observation')),
      source_note text,
      tool_id text not null,
      tool_version text not null,
      tool jsonb not null,
      answers jsonb not null,
      supplement_tool jsonb,
      supplement_answers jsonb,
      grading jsonb not null,
      score integer not null,
      band_grade text check (band_grade in ('standard', 'medium', 'high')),
      final_grade text check (final_grade in ('standard', 'medium', 'high')),
      completed_at timestamptz not null,
      completed_by uuid references users(id),
      endorsed_by uuid references users(id),
      endorsed_at timestamptz,
      created_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index risk_assessments_case_idx on risk_assessments (case_id, completed_at)`.execute(db);

  await sql`
    create table risk_requirement_exceptions (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id) on delete cascade,
      victim_person_id uuid references people(id),
      requirement text not null,
      reason text not null,
      recorded_by uuid references users(id),
      recorded_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index risk_requirement_exceptions_case_idx on risk_requirement_exceptions (case_id)`.execute(db);

  await sql`
    create table marac_referrals (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id) on delete cascade,
      victim_person_id uuid references people(id),
      assessment_id uuid not null references risk_assessments(id) on delete cascade,
      criteria jsonb not null,
      summary text not null,
      task_id uuid references tasks(id) on delete set null,
      referred_on date not null,
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index marac_referrals_case_idx on marac_referrals (case_id, referred_on)`.execute(db);
  await sql`create index marac_referrals_victim_idx on marac_referrals (victim_person_id, referred_on)`.execute(db);

  await sql`
    create table risk_plans (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null unique references cases(id) on delete cascade,
      risk_grade text not null check (risk_grade in ('standard', 'medium', 'high')),
      reviewed_on date not null,
      review_date date not null,
      actions jsonb not null default '[]'::jsonb,
      disclosures jsonb not null default '[]'::jsonb,
      created_by uuid references users(id),
      updated_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);

  await sql`
    create table risk_advice (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id) on delete cascade,
      advice_id text,
      text text not null,
      method text not null check (method in ('in-person', 'leaflet', 'email', 'phone')),
      given_on date not null,
      warnings jsonb not null default '[]'::jsonb,
      recorded_by uuid references users(id),
      recorded_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index risk_advice_case_idx on risk_advice (case_id, given_on)`.execute(db);
}
