import { sql, type Kysely } from 'kysely';

/**
 * One row of dashboard facts per case, kept current by marking a case stale whenever
 * anything the facts read changes, and refreshing the stale cases before each measurement
 * (src/features/insights/facts.ts). Facts that depend on the time of asking (overdue
 * tasks, duties due, plans past review) are stored as the dates they are judged by.
 */
const CASE_ID_TABLES = [
  'case_reports',
  'victim_case_outcomes',
  'risk_assessments',
  'risk_plans',
  'tasks',
  'victim_referrals',
  'victim_duties',
  'victim_contacts',
  'orders',
  'investigation_allocations',
  'investigation_s2b_events',
  'police_actions',
  'investigation_suspect_actions',
  'investigation_prosecution_files',
  'spo_applications',
  'order_breaches',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table insight_case_facts (
      case_id uuid primary key references cases(id) on delete cascade,
      crime boolean not null,
      crime_decisions integer not null,
      crime_on_time integer not null,
      breach boolean not null,
      spo_breached boolean not null,
      allocated_team text,
      s2b_considered boolean not null,
      s2b_used boolean not null,
      charged boolean not null,
      file_complete boolean not null,
      restraining_order_requested boolean not null,
      spo_considered boolean not null,
      outcome_code integer,
      hours_to_initial double precision,
      hours_to_enhanced double precision,
      initial_done boolean not null,
      enhanced_done boolean not null,
      has_plan boolean not null,
      plan_review_date date,
      open_task_due_at timestamptz,
      task_done_late boolean not null,
      referral_offered boolean not null,
      referral_made boolean not null,
      referral_taken_up boolean not null,
      duties_done integer not null,
      duties_on_time integer not null,
      undone_duty_due_ats timestamptz[] not null,
      chases integer not null,
      spo_applied boolean not null,
      spo_granted boolean not null,
      refreshed_at timestamptz not null default now()
    )`.execute(db);
  // One marker per case per writing transaction. A refresh deletes only the markers its
  // snapshot sees, so a change committed while it runs leaves its marker for the next one.
  await sql`create table insight_stale_cases (case_id uuid not null, xid bigint not null, primary key (case_id, xid))`.execute(db);

  await sql`
    create function insight_case_changed() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'DELETE' and new.case_id is not null then
        insert into insight_stale_cases (case_id, xid) values (new.case_id, txid_current()) on conflict do nothing;
      end if;
      if tg_op <> 'INSERT' and old.case_id is not null then
        insert into insight_stale_cases (case_id, xid) values (old.case_id, txid_current()) on conflict do nothing;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create function insight_case_row_changed() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'DELETE' then
        insert into insight_stale_cases (case_id, xid) values (new.id, txid_current()) on conflict do nothing;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create function insight_report_changed() returns trigger language plpgsql as $$
    begin
      insert into insight_stale_cases (case_id, xid)
        select case_id, txid_current() from case_reports where report_id = (case when tg_op = 'DELETE' then old.id else new.id end)
        on conflict do nothing;
      return null;
    end $$`.execute(db);
  await sql`
    create function insight_occasion_changed() returns trigger language plpgsql as $$
    begin
      insert into insight_stale_cases (case_id, xid)
        select case_id, txid_current() from case_reports
        where report_id in (case when tg_op = 'DELETE' then old.report_id else new.report_id end,
                            case when tg_op = 'UPDATE' then old.report_id else null end)
        on conflict do nothing;
      return null;
    end $$`.execute(db);

  for (const table of CASE_ID_TABLES) {
    await sql`create trigger ${sql.raw(`${table}_insight_stale`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function insight_case_changed()`.execute(db);
  }
  await sql`create trigger cases_insight_stale after insert or update on cases for each row execute function insight_case_row_changed()`.execute(db);
  await sql`create trigger reports_insight_stale after update or delete on reports for each row execute function insight_report_changed()`.execute(db);
  await sql`create trigger occasions_insight_stale after insert or update or delete on occasions for each row execute function insight_occasion_changed()`.execute(db);

  // Every existing case starts stale: the first measurement computes its facts.
  await sql`insert into insight_stale_cases (case_id, xid) select id, 0 from cases`.execute(db);
}
