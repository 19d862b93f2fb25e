import { sql, type Kysely } from 'kysely';

/**
 * Risk settings and plans per victim (issue 6).
 *
 * risk_settings: what a force changes on its risk settings pages, one versioned row per
 * setting ('bands:<tool id>' for a tool's score bands, 'plan-review' for the review
 * intervals by grade). No row means the default policy applies.
 *
 * risk_plans: one plan per victim on a case instead of one per case. An existing plan
 * goes to the case's victim; on a case with several victims each victim gets a copy of it
 * (it covered them all), which officers can then tailor. A case with no recorded victim
 * keeps its plan with no victim.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table risk_settings (
      key text primary key,
      value jsonb not null,
      version integer not null default 1,
      updated_by uuid references users(id),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`alter table risk_plans add column victim_person_id uuid references people(id)`.execute(db);
  await sql`alter table risk_plans drop constraint risk_plans_case_id_key`.execute(db);
  await sql`
    insert into risk_plans (case_id, victim_person_id, risk_grade, reviewed_on, review_date, actions, disclosures,
                            created_by, updated_by, created_at, updated_at, version)
    select p.case_id, v.person_id, p.risk_grade, p.reviewed_on, p.review_date, p.actions, p.disclosures,
           p.created_by, p.updated_by, p.created_at, p.updated_at, p.version
    from risk_plans p join case_victims v on v.case_id = p.case_id
    where p.victim_person_id is null`.execute(db);
  await sql`
    delete from risk_plans p
    where p.victim_person_id is null and exists (select 1 from case_victims v where v.case_id = p.case_id)`.execute(db);
  await sql`create unique index risk_plans_case_victim_key on risk_plans (case_id, victim_person_id) nulls not distinct`.execute(db);
  await sql`create index risk_plans_victim_idx on risk_plans (victim_person_id)`.execute(db);
}
