import { sql, type Kysely } from 'kysely';

/**
 * Allocation, investigation, supervision and finalisation (issue 7): the detective
 * sergeant's triage and allocation decisions (every one kept, so reassignments have a
 * history), the investigation log (supervisor reviews and stalking champion advice as
 * their own entry types), the s2B search warrant decision, suspect actions with the
 * details their rules need, finalisations (kept when a case is reopened) and the
 * prosecution file checklist. Lines of enquiry are tasks (type 'line-of-enquiry').
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table investigation_allocations (
      id uuid primary key default gen_random_uuid(),
      seq bigint generated always as identity,
      case_id uuid not null references cases(id) on delete cascade,
      facts jsonb not null,
      recommendation jsonb not null,
      triage jsonb not null,
      rationale text not null,
      investigating_team text not null,
      officer_user_id uuid references users(id),
      override_reason text,
      decided_by uuid not null references users(id),
      decided_at timestamptz not null
    )`.execute(db);
  await sql`create index investigation_allocations_case_idx on investigation_allocations (case_id, seq)`.execute(db);

  await sql`
    create table investigation_log (
      id uuid primary key default gen_random_uuid(),
      seq bigint generated always as identity,
      case_id uuid not null references cases(id) on delete cascade,
      entry_type text not null check (entry_type in (
        'note', 'triage', 'allocation', 'plan', 'supervisor-review', 'spoc-advice', 'scu-review',
        's2b', 'suspect-action', 'finalisation', 'reopening')),
      text text not null,
      details jsonb not null default '{}'::jsonb,
      author_id uuid references users(id),
      at timestamptz not null
    )`.execute(db);
  await sql`create index investigation_log_case_idx on investigation_log (case_id, seq)`.execute(db);
  await sql`create index investigation_log_type_idx on investigation_log (entry_type, case_id, at)`.execute(db);

  await sql`
    create table investigation_s2b_events (
      id uuid primary key default gen_random_uuid(),
      seq bigint generated always as identity,
      case_id uuid not null references cases(id) on delete cascade,
      state text not null check (state in ('considered', 'applied', 'granted', 'refused', 'executed', 'result', 'not-used')),
      on_date date not null,
      text text,
      evidence_found boolean,
      recorded_by uuid references users(id),
      recorded_at timestamptz not null
    )`.execute(db);
  await sql`create index investigation_s2b_case_idx on investigation_s2b_events (case_id, seq)`.execute(db);

  await sql`
    create table investigation_suspect_actions (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id) on delete cascade,
      person_id uuid references people(id),
      action text not null check (action in (
        'arrest', 'voluntary-attendance', 'bail', 'released-under-investigation', 'charge', 'remand',
        'words-of-advice', 'mediation', 'harassment-warning')),
      historic boolean not null default false,
      occurred_at timestamptz not null,
      rationale text,
      conditions text[] not null default '{}',
      bail_until date,
      victim_consulted boolean,
      victim_consultation_note text,
      police_action_id uuid,
      recorded_by uuid references users(id),
      recorded_at timestamptz not null
    )`.execute(db);
  await sql`create index investigation_suspect_actions_case_idx on investigation_suspect_actions (case_id, occurred_at)`.execute(db);

  await sql`
    create table investigation_finalisations (
      id uuid primary key default gen_random_uuid(),
      seq bigint generated always as identity,
      case_id uuid not null references cases(id) on delete cascade,
      outcome_code integer not null check (outcome_code between 1 and 22),
      rationale text,
      investigation_done boolean not null,
      suspect_named boolean not null,
      investigating_team text,
      outcome16 jsonb,
      victim_uses_support_services boolean not null default false,
      warnings jsonb not null default '[]'::jsonb,
      task_ids uuid[] not null default '{}',
      finalised_by uuid not null references users(id),
      finalised_at timestamptz not null,
      reopened_by uuid references users(id),
      reopened_at timestamptz,
      reopen_reason text
    )`.execute(db);
  await sql`create index investigation_finalisations_case_idx on investigation_finalisations (case_id, seq)`.execute(db);

  await sql`
    create table investigation_prosecution_files (
      case_id uuid primary key references cases(id) on delete cascade,
      dash_attached boolean not null default false,
      screening_tool_attached boolean not null default false,
      victim_personal_statement text not null default 'not-offered' check (victim_personal_statement in ('taken', 'offered-declined', 'not-offered')),
      restraining_order_wanted boolean,
      restraining_order_terms text[] not null default '{}',
      special_measures_assessed boolean not null default false,
      special_measures_notes text,
      course_of_conduct_summary text,
      bail_or_remand_recommendation text,
      updated_by uuid references users(id),
      updated_at timestamptz not null,
      version integer not null default 1
    )`.execute(db);
}
