import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/audit/audit-repository.ts';

/** What replaces free text when a case's personal data is deleted. */
export const DELETED_TEXT = '[deleted under MoPI review]';
/** What replaces a deleted person's names. */
export const DELETED_NAME = '[deleted]';

export interface RetentionCaseRow {
  id: string;
  reference: string;
  status: 'open' | 'finalised';
  offence: string | null;
  domesticAbuse: boolean;
  restricted: boolean;
  restrictedContact: string | null;
  finalisedAt: Date | null;
  lastReportAt: Date | null;
  crimeDecisions: { crime: number; nonCrime: number; undecided: number };
  outcomeCode: number | null;
  subjectDateOfBirth: string | null;
  subjectOrderTypes: string[];
  activeOrders: number;
  lastDecision: { decision: 'retain' | 'delete'; nextReviewOn: string | null; reason: string; decidedAt: Date; decidedBy: string } | null;
}

type RawRow = {
  id: string;
  reference: string;
  status: 'open' | 'finalised';
  offence: string | null;
  domestic_abuse: boolean;
  restricted: boolean;
  restricted_contact: string | null;
  finalised_at: Date | null;
  last_report_at: Date | string | null;
  crime: number;
  non_crime: number;
  undecided: number;
  outcome_code: number | null;
  subject_dob: string | null;
  subject_order_types: string[] | null;
  active_orders: number;
  decision: 'retain' | 'delete' | null;
  next_review_on: string | null;
  decision_reason: string | null;
  decided_at: Date | string | null;
  decided_by: string | null;
};

/** One query for the facts the retention rules need, for one case or every case not merged into another. */
async function loadFacts(db: Db, caseId?: string): Promise<RetentionCaseRow[]> {
  const only = caseId ? sql`and c.id = ${caseId}` : sql``;
  const result = await sql<RawRow>`
    select c.id, c.reference, c.status, c.offence, c.domestic_abuse, c.restricted, c.restricted_contact, c.finalised_at,
      (select max(r.reported_at) from case_reports cr join reports r on r.id = cr.report_id where cr.case_id = c.id) as last_report_at,
      (select count(*)::int from case_reports cr join reports r on r.id = cr.report_id where cr.case_id = c.id and r.crime_decision = 'crime') as crime,
      (select count(*)::int from case_reports cr join reports r on r.id = cr.report_id where cr.case_id = c.id and r.crime_decision = 'non-crime') as non_crime,
      (select count(*)::int from case_reports cr join reports r on r.id = cr.report_id where cr.case_id = c.id and r.crime_decision is null) as undecided,
      (select f.outcome_code from investigation_finalisations f where f.case_id = c.id and f.reopened_at is null order by f.finalised_at desc limit 1) as outcome_code,
      s.date_of_birth as subject_dob,
      (select array_agg(distinct o.type) from orders o where o.subject_person_id = c.suspect_person_id) as subject_order_types,
      (select count(*)::int from orders o where o.case_id = c.id and o.status = 'active') as active_orders,
      d.decision, d.next_review_on, d.reason as decision_reason, d.decided_at, d.decided_by
    from cases c
    left join people s on s.id = c.suspect_person_id
    left join lateral (
      select rr.decision, rr.next_review_on, rr.reason, rr.decided_at, u.display_name as decided_by
      from retention_reviews rr join users u on u.id = rr.decided_by
      where rr.case_id = c.id order by rr.decided_at desc, rr.id desc limit 1
    ) d on true
    where c.merged_into_case_id is null ${only}
    order by c.reference`.execute(db);
  return result.rows.map((row) => ({
    id: row.id,
    reference: row.reference,
    status: row.status,
    offence: row.offence,
    domesticAbuse: row.domestic_abuse,
    restricted: row.restricted,
    restrictedContact: row.restricted_contact,
    finalisedAt: row.finalised_at,
    lastReportAt: row.last_report_at === null ? null : new Date(row.last_report_at),
    crimeDecisions: { crime: row.crime, nonCrime: row.non_crime, undecided: row.undecided },
    outcomeCode: row.outcome_code,
    subjectDateOfBirth: row.subject_dob,
    subjectOrderTypes: row.subject_order_types ?? [],
    activeOrders: row.active_orders,
    lastDecision:
      row.decision === null
        ? null
        : {
            decision: row.decision,
            nextReviewOn: row.next_review_on,
            reason: row.decision_reason ?? '',
            decidedAt: new Date(row.decided_at!),
            decidedBy: row.decided_by ?? '',
          },
  }));
}

export const retentionFactsOfAllCases = (db: Db) => loadFacts(db);
export const retentionFactsOfCase = async (db: Db, caseId: string) => (await loadFacts(db, caseId))[0];

export async function insertReview(
  db: Db,
  review: {
    caseId: string;
    decision: 'retain' | 'delete';
    group: number;
    reason: string;
    dueOn: string | null;
    nextReviewOn: string | null;
    scrubbed: Record<string, number>;
    decidedBy: string;
    decidedAt: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto('retention_reviews')
    .values({
      case_id: review.caseId,
      decision: review.decision,
      mopi_group: review.group,
      reason: review.reason,
      due_on: review.dueOn,
      next_review_on: review.nextReviewOn,
      scrubbed: JSON.stringify(review.scrubbed),
      decided_by: review.decidedBy,
      decided_at: review.decidedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface ReviewHistoryRow {
  decision: 'retain' | 'delete';
  group: number;
  reason: string;
  nextReviewOn: string | null;
  decidedBy: string;
  decidedAt: Date;
}

export async function reviewHistory(db: Db, caseId: string): Promise<ReviewHistoryRow[]> {
  const rows = await db
    .selectFrom('retention_reviews as r')
    .innerJoin('users as u', 'u.id', 'r.decided_by')
    .select(['r.decision', 'r.mopi_group', 'r.reason', 'r.next_review_on', 'u.display_name', 'r.decided_at'])
    .where('r.case_id', '=', caseId)
    .orderBy('r.decided_at', 'desc')
    .execute();
  return rows.map((r) => ({
    decision: r.decision,
    group: r.mopi_group,
    reason: r.reason,
    nextReviewOn: r.next_review_on,
    decidedBy: r.display_name,
    decidedAt: r.decided_at,
  }));
}

/** The people on a case, and which of them appear on no other case, report or order (their records are deleted with it). */
export async function peopleOfCase(db: Db, caseId: string): Promise<{ all: string[]; onlyHere: string[] }> {
  const result = await sql<{ id: string; elsewhere: boolean }>`
    with here_reports as (select report_id from case_reports where case_id = ${caseId}),
    here as (
      select person_id as id from case_victims where case_id = ${caseId}
      union select suspect_person_id from cases where id = ${caseId} and suspect_person_id is not null
      union select person_id from report_parties where report_id in (select report_id from here_reports) and person_id is not null
      union select person_id from police_actions where case_id = ${caseId} and person_id is not null
      union select person_id from investigation_suspect_actions where case_id = ${caseId} and person_id is not null
      union select person_id from victim_profiles where case_id = ${caseId}
      union select person_id from victim_contacts where case_id = ${caseId}
    )
    select h.id,
      (exists (select 1 from case_victims v where v.person_id = h.id and v.case_id <> ${caseId})
       or exists (select 1 from cases c where c.suspect_person_id = h.id and c.id <> ${caseId})
       or exists (select 1 from report_parties p where p.person_id = h.id and p.report_id not in (select report_id from here_reports))
       or exists (select 1 from orders o where o.subject_person_id = h.id and (o.case_id is null or o.case_id <> ${caseId}))
       or exists (select 1 from order_protected_persons op join orders o on o.id = op.order_id where op.person_id = h.id and (o.case_id is null or o.case_id <> ${caseId}))
       or exists (select 1 from people m where m.merged_into = h.id)
       or exists (select 1 from people p2 where p2.id = h.id and p2.merged_into is not null)
      ) as elsewhere
    from here h`.execute(db);
  return { all: result.rows.map((r) => r.id), onlyHere: result.rows.filter((r) => !r.elsewhere).map((r) => r.id) };
}

/** One scrub: a table, which of its rows belong to the case, and what to overwrite. */
interface Scrub {
  table: string;
  /** SQL condition on the table's rows, given the case id. */
  rows: (caseId: string) => RawBuilder<unknown>;
  /** Column → replacement: 'text' (free text, only where not null), 'null', 'json-object', 'json-array', 'text-array'. */
  set: Record<string, 'text' | 'null' | 'json-object' | 'json-array' | 'text-array'>;
}

const reportsOf = (caseId: string) => sql`(select report_id from case_reports where case_id = ${caseId})`;
const ordersOf = (caseId: string) => sql`(select id from orders where case_id = ${caseId})`;

/**
 * Every place free text about a case is kept. Codes, dates, flags and outcomes stay, so the
 * case still counts in statistics; anything typed by a person is overwritten. The deletion
 * test searches every table for the words it typed, so a new table of free text that is
 * missing here fails it.
 */
const SCRUBS: Scrub[] = [
  { table: 'reports', rows: (id) => sql`id in ${reportsOf(id)}`, set: { answers: 'json-object', account: 'text', evidence_advice: 'text', crime_decision_rationale: 'text', suggestion: 'null' } },
  { table: 'occasions', rows: (id) => sql`report_id in ${reportsOf(id)}`, set: { place: 'text', account_name: 'text', description: 'text' } },
  { table: 'report_parties', rows: (id) => sql`report_id in ${reportsOf(id)}`, set: { description: 'text' } },
  { table: 'classifications', rows: (id) => sql`case_id = ${id}`, set: { rationale: 'text', decision_reason: 'text' } },
  { table: 'registrar_findings', rows: (id) => sql`case_id = ${id}`, set: { decision_reason: 'text' } },
  { table: 'case_link_events', rows: (id) => sql`case_id = ${id}`, set: { reason: 'text' } },
  { table: 'case_summaries', rows: (id) => sql`case_id = ${id}`, set: { text: 'text' } },
  { table: 'police_actions', rows: (id) => sql`case_id = ${id}`, set: { conditions: 'text', notes: 'text' } },
  // Task titles can name the victim ("Tell the victim: … (name)"); the task type stays for counting.
  { table: 'tasks', rows: (id) => sql`(case_id = ${id} or report_id in ${reportsOf(id)})`, set: { title: 'text', outcome: 'text' } },
  { table: 'risk_assessments', rows: (id) => sql`case_id = ${id}`, set: { source_note: 'text', answers: 'json-object', supplement_answers: 'null' } },
  { table: 'risk_requirement_exceptions', rows: (id) => sql`case_id = ${id}`, set: { reason: 'text' } },
  { table: 'marac_referrals', rows: (id) => sql`case_id = ${id}`, set: { summary: 'text' } },
  { table: 'risk_plans', rows: (id) => sql`case_id = ${id}`, set: { actions: 'json-array', disclosures: 'json-array' } },
  { table: 'risk_advice', rows: (id) => sql`case_id = ${id}`, set: { text: 'text' } },
  { table: 'victim_profiles', rows: (id) => sql`case_id = ${id}`, set: { raise_reason: 'text', language: 'null', safe_times: 'text', other_needs: 'text' } },
  { table: 'victim_contact_handovers', rows: (id) => sql`case_id = ${id}`, set: { reason: 'text' } },
  { table: 'victim_events', rows: (id) => sql`case_id = ${id}`, set: { notes: 'text' } },
  { table: 'victim_contacts', rows: (id) => sql`case_id = ${id}`, set: { discussed: 'text', safety_advice: 'text', victim_wish: 'text' } },
  { table: 'victim_referrals', rows: (id) => sql`case_id = ${id}`, set: { consent_note: 'text' } },
  { table: 'victim_case_outcomes', rows: (id) => sql`case_id = ${id}`, set: { inconsistency_reason: 'text' } },
  { table: 'investigation_allocations', rows: (id) => sql`case_id = ${id}`, set: { rationale: 'text', override_reason: 'text' } },
  { table: 'investigation_log', rows: (id) => sql`case_id = ${id}`, set: { text: 'text', details: 'json-object' } },
  { table: 'investigation_s2b_events', rows: (id) => sql`case_id = ${id}`, set: { text: 'text' } },
  { table: 'investigation_suspect_actions', rows: (id) => sql`case_id = ${id}`, set: { rationale: 'text', victim_consultation_note: 'text', conditions: 'text-array' } },
  { table: 'investigation_finalisations', rows: (id) => sql`case_id = ${id}`, set: { rationale: 'text', reopen_reason: 'text' } },
  {
    table: 'investigation_prosecution_files',
    rows: (id) => sql`case_id = ${id}`,
    set: { special_measures_notes: 'text', course_of_conduct_summary: 'text', bail_or_remand_recommendation: 'text', restraining_order_terms: 'text-array' },
  },
  { table: 'orders', rows: (id) => sql`case_id = ${id}`, set: { prohibitions: 'text', requirements: 'text', status_reason: 'text' } },
  { table: 'order_plans', rows: (id) => sql`order_id in ${ordersOf(id)}`, set: { notes: 'text' } },
  { table: 'order_visits', rows: (id) => sql`order_id in ${ordersOf(id)}`, set: { notes: 'text' } },
  { table: 'order_notifications', rows: (id) => sql`order_id in ${ordersOf(id)}`, set: { details: 'text' } },
  { table: 'order_reviews', rows: (id) => sql`order_id in ${ordersOf(id)}`, set: { risk_factors: 'text', positive_changes: 'text', compliance: 'text', judgement: 'text', changes: 'text' } },
  { table: 'order_breaches', rows: (id) => sql`case_id = ${id} or order_id in ${ordersOf(id)}`, set: { course_of_conduct_prompt: 'text' } },
  {
    table: 'oversight_reviews',
    rows: (id) => sql`sample_case_id in (select id from oversight_sample_cases where case_id = ${id})`,
    set: { risk_concern: 'text', summary: 'text' },
  },
];

function replacement(column: string, kind: Scrub['set'][string]): RawBuilder<unknown> {
  const col = sql.ref(column);
  switch (kind) {
    case 'text':
      return sql`${col} = case when ${col} is null then null else ${DELETED_TEXT} end`;
    case 'null':
      return sql`${col} = null`;
    case 'json-object':
      return sql`${col} = case when ${col} is null then null else '{}'::jsonb end`;
    case 'json-array':
      return sql`${col} = case when ${col} is null then null else '[]'::jsonb end`;
    case 'text-array':
      return sql`${col} = case when ${col} is null then null else '{}'::text[] end`;
  }
}

/** Tables that exist in this database (other capabilities add theirs over time). */
async function existingTables(db: Db): Promise<Set<string>> {
  const result = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(db);
  return new Set(result.rows.map((r) => r.name));
}

/**
 * Overwrites the free text of a case and deletes the personal details of the people who
 * appear only on it. Returns how many rows each step touched, for the review record.
 */
export async function scrubCase(db: Db, caseId: string, peopleOnlyHere: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const tables = await existingTables(db);
  for (const scrub of SCRUBS) {
    if (!tables.has(scrub.table)) continue;
    const sets = sql.join(Object.entries(scrub.set).map(([column, kind]) => replacement(column, kind)));
    // Counted through returning: both drivers report it the same way.
    const result = await sql<{ n: number }>`
      with changed as (update ${sql.table(scrub.table)} set ${sets} where ${scrub.rows(caseId)} returning 1)
      select count(*)::int as n from changed`.execute(db);
    counts[scrub.table] = result.rows[0]?.n ?? 0;
  }
  if (peopleOnlyHere.length > 0) {
    const ids = peopleOnlyHere;
    const del = async (table: 'person_identifiers' | 'person_addresses') =>
      Number((await db.deleteFrom(table).where('person_id', 'in', ids).executeTakeFirst()).numDeletedRows);
    counts.person_identifiers = await del('person_identifiers');
    counts.person_addresses = await del('person_addresses');
    counts.person_aliases = Number((await db.deleteFrom('person_names').where('person_id', 'in', ids).where('kind', '=', 'alias').executeTakeFirst()).numDeletedRows);
    await db
      .updateTable('person_names')
      .set({ forenames: DELETED_NAME, surname: DELETED_NAME, full_key: '', forename_phonetic: '', surname_phonetic: '', forename_groups: sql`'{}'::text[]` })
      .where('person_id', 'in', ids)
      .execute();
    const people = await db
      .updateTable('people')
      .set({ forenames: DELETED_NAME, surname: DELETED_NAME, date_of_birth: null, description: null, age_stated_on: null, restricted_contact: null })
      .where('id', 'in', ids)
      .executeTakeFirst();
    counts.people = Number(people.numUpdatedRows);
    await db
      .updateTable('flags')
      .set({ reason: sql`case when reason is null then null else ${DELETED_TEXT} end`, removal_reason: sql`case when removal_reason is null then null else ${DELETED_TEXT} end` })
      .where('person_id', 'in', ids)
      .execute();
    await db.updateTable('warning_notices').set({ notes: null }).where('person_id', 'in', ids).execute();
    await db
      .updateTable('person_merges')
      .set({ reason: DELETED_TEXT })
      .where((eb) => eb.or([eb('survivor_id', 'in', ids), eb('merged_id', 'in', ids)]))
      .execute();
  }
  return counts;
}
