import { sql, type Kysely } from 'kysely';

/**
 * Insights (issue 11): indexes only. The dashboard's cohort is cases by the time they were
 * first recorded; the daily meeting reads recent crime decisions and submissions; historic
 * warnings are counted by date; breaches are read by case.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists cases_created_idx on cases (created_at)`.execute(db);
  await sql`create index if not exists cases_team_created_idx on cases (owner_team, created_at)`.execute(db);
  await sql`create index if not exists reports_crime_decided_idx on reports (crime_decided_at) where crime_decision = 'crime'`.execute(db);
  await sql`create index if not exists reports_submitted_idx on reports (submitted_at) where status = 'submitted'`.execute(db);
  await sql`create index if not exists warning_notices_issued_idx on warning_notices (issued_on)`.execute(db);
  await sql`create index if not exists order_breaches_case_idx on order_breaches (case_id)`.execute(db);
  await sql`create index if not exists tasks_type_status_case_idx on tasks (type, status, case_id)`.execute(db);
  // Covering indexes: the case facts read a few narrow columns of wide rows (answers, tools).
  await sql`create index if not exists reports_facts_idx on reports (id) include (status, reported_at, crime_decision, crime_decided_at, recording_due_at)`.execute(db);
  await sql`create index if not exists risk_assessments_facts_idx on risk_assessments (case_id, stage, completed_at)`.execute(db);
  await sql`create index if not exists occasions_breach_idx on occasions (report_id) where breached_order_id is not null`.execute(db);
}
