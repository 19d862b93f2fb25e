import { sql, type Kysely } from 'kysely';

/** Accounts, sessions, tokens, the append-only audit log and restricted-record access. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await sql`
    create table teams (
      code text primary key,
      name text not null
    )`.execute(db);

  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      username text not null,
      display_name text not null,
      email text,
      password_hash text,
      active boolean not null default true,
      is_service boolean not null default false,
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create unique index users_username_key on users (lower(username))`.execute(db);

  await sql`
    create table user_roles (
      user_id uuid not null references users(id) on delete cascade,
      role text not null,
      primary key (user_id, role)
    )`.execute(db);

  await sql`
    create table user_teams (
      user_id uuid not null references users(id) on delete cascade,
      team_code text not null references teams(code),
      primary key (user_id, team_code)
    )`.execute(db);

  await sql`
    create table sessions (
      id_hash text primary key,
      user_id uuid not null references users(id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index sessions_user_idx on sessions (user_id)`.execute(db);

  await sql`
    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique,
      user_id uuid not null references users(id) on delete cascade,
      label text not null,
      kind text not null check (kind in ('user', 'service')),
      created_at timestamptz not null default now(),
      expires_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);

  await sql`
    create table sign_in_failures (
      id bigint generated always as identity primary key,
      username text not null,
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index sign_in_failures_idx on sign_in_failures (lower(username), at)`.execute(db);

  await sql`
    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor_id uuid,
      actor_username text,
      action text not null,
      record_type text,
      record_id text,
      reason text,
      details jsonb not null default '{}'::jsonb,
      request_id text
    )`.execute(db);
  await sql`create index audit_log_record_idx on audit_log (record_type, record_id, at desc)`.execute(db);
  await sql`create index audit_log_actor_idx on audit_log (actor_id, at desc)`.execute(db);

  // The audit log is append-only for everyone who connects, the application included.
  await sql`
    create function audit_log_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only: % is not allowed', tg_op;
    end
    $$`.execute(db);
  await sql`
    create trigger audit_log_no_update_or_delete before update or delete on audit_log
    for each row execute function audit_log_is_append_only()`.execute(db);
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_is_append_only()`.execute(db);

  await sql`
    create table record_access (
      record_type text not null,
      record_id uuid not null,
      user_id uuid not null references users(id) on delete cascade,
      granted_by uuid references users(id),
      granted_at timestamptz not null default now(),
      primary key (record_type, record_id, user_id)
    )`.execute(db);

  await sql`
    create table app_settings (
      key text primary key,
      value text not null
    )`.execute(db);

  await sql`
    create table people (
      id uuid primary key default gen_random_uuid(),
      forenames text not null,
      surname text not null,
      date_of_birth date,
      gender text,
      restricted boolean not null default false,
      restricted_contact text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index people_name_trgm on people using gin ((forenames || ' ' || surname) gin_trgm_ops)`.execute(db);
}
