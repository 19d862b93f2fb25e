import { sql, type RawBuilder } from 'kysely';
import { RISK_TASK_TYPES_FOR_INSIGHTS } from './constants.ts';
import {
  BREACH_CODES,
  HARASSMENT_CODES,
  MALICIOUS_COMMUNICATIONS_CODES,
  SPECIALIST_TEAMS,
  SPO_APPLIED_STAGES,
  SPO_GRANTED_STAGES,
  SPO_TYPE,
  STALKING_AND_HARASSMENT_CODES,
  STALKING_CODES,
} from '../../domain/insights/index.ts';
import type { Db } from '../../platform/audit/audit-repository.ts';

/**
 * Every figure on the insights pages is measured here, set-based: one "case facts" query
 * joins each case in the cohort to one pre-aggregated row per child table (reports, risk
 * assessments, plans, tasks, referrals, Victims' Code duties, contacts, orders), and each
 * indicator is a small definition over those facts. The whole dashboard is one aggregate
 * query over the facts; a drill-down is the same facts filtered by the indicator's
 * predicate. No query runs per case.
 */

export interface Filters {
  /** London midnight at the start of the period, and at the day after its end. */
  readonly fromInstant: Date;
  readonly toInstant: Date;
  readonly team?: string | undefined;
  readonly domesticAbuse?: boolean | undefined;
  readonly victimGender?: string | undefined;
}

type Sql<T = unknown> = RawBuilder<T>;

function list(values: readonly string[]): Sql {
  return sql`(${sql.join(values.map((v) => sql`${v}`))})`;
}

/** Cases matching the filters other than the period (team, DA, victim gender), as a predicate on `c`. */
function caseFilter(f: Filters): Sql<boolean> {
  const parts: Sql[] = [sql`c.merged_into_case_id is null`];
  if (f.team) parts.push(sql`c.owner_team = ${f.team}`);
  if (f.domesticAbuse !== undefined) parts.push(sql`c.domestic_abuse = ${f.domesticAbuse}`);
  if (f.victimGender) {
    parts.push(
      f.victimGender === 'not-recorded'
        ? sql`exists (select 1 from case_victims cv join people p on p.id = cv.person_id where cv.case_id = c.id and p.gender is null)`
        : sql`exists (select 1 from case_victims cv join people p on p.id = cv.person_id where cv.case_id = c.id and p.gender = ${f.victimGender})`,
    );
  }
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}

/** The cohort: cases first recorded in the period that match the filters. */
function cohortWhere(f: Filters): Sql<boolean> {
  return sql<boolean>`c.created_at >= ${f.fromInstant} and c.created_at < ${f.toInstant} and ${caseFilter(f)}`;
}

/**
 * The child-table CTEs behind the stored facts, for the cases in a CTE named `cohort`
 * (columns `id`, `owner_team`), ending in `lf`: one row per case of what the facts table
 * stores. Nothing here depends on the time of asking; what does (overdue tasks, duties
 * due, plans past review) is kept as the dates it is judged by.
 */
export function liveFactsCtes(): Sql {
  return sql`
    rep as (
      select cr.case_id,
        min(r.reported_at) as first_reported_at,
        count(*) filter (where r.crime_decision = 'crime')::int as crime_decisions,
        count(*) filter (where r.crime_decision = 'crime' and r.crime_decided_at <= r.recording_due_at)::int as crime_on_time,
        bool_or(r.crime_decision = 'crime') as crime
      from case_reports cr join reports r on r.id = cr.report_id
      where cr.case_id in (select id from cohort) and r.status = 'submitted'
      group by cr.case_id
    ),
    brc as (
      select cr.case_id, true as breach, bool_or(o2.type = ${SPO_TYPE}) as spo_breach
      from case_reports cr join occasions oc on oc.report_id = cr.report_id
      left join orders o2 on o2.id = oc.breached_order_id
      where cr.case_id in (select id from cohort) and oc.breached_order_id is not null
      group by cr.case_id
    ),
    ra as (
      select case_id,
        min(completed_at) filter (where stage = 'initial') as first_initial_at,
        min(completed_at) filter (where stage = 'enhanced') as first_enhanced_at
      from risk_assessments where case_id in (select id from cohort) group by case_id
    ),
    pl as (
      select case_id, min(review_date) as review_date
      from risk_plans where case_id in (select id from cohort) group by case_id
    ),
    tk as (
      select case_id,
        min(due_at) filter (where status = 'open') as open_due_at,
        coalesce(bool_or(status = 'done' and completed_at > due_at), false) as done_late
      from tasks
      where case_id in (select id from cohort) and status in ('open', 'done')
      group by case_id
    ),
    vr as (
      select case_id,
        true as offered,
        bool_or(status in ('made', 'taken-up') or made_at is not null) as made,
        bool_or(status = 'taken-up' or taken_up_at is not null) as taken_up
      from victim_referrals where case_id in (select id from cohort) group by case_id
    ),
    vd as (
      select d.case_id,
        count(*) filter (where d.done_at is not null)::int as duties_done,
        count(*) filter (where d.done_at is not null and d.done_at <= d.due_at)::int as duties_on_time,
        coalesce(array_agg(d.due_at) filter (where d.done_at is null), '{}') as undone_due_ats
      from victim_duties d left join tasks t on t.id = d.task_id
      where d.case_id in (select id from cohort) and (t.status is null or t.status <> 'cancelled' or d.done_at is not null)
      group by d.case_id
    ),
    vc as (
      select case_id, count(*)::int as chases
      from victim_contacts where case_id in (select id from cohort) and chasing_update
      group by case_id
    ),
    spo as (
      select case_id, true as applied, bool_or(status in ('active', 'expired', 'discharged')) as granted
      from orders where case_id in (select id from cohort) and type = ${SPO_TYPE}
      group by case_id
    ),
    alloc as (
      select distinct on (case_id) case_id, investigating_team
      from investigation_allocations where case_id in (select id from cohort) order by case_id, seq desc
    ),
    s2b as (
      select case_id, true as considered, bool_or(state in ('applied', 'granted', 'refused', 'executed', 'result')) as used
      from investigation_s2b_events where case_id in (select id from cohort) group by case_id
    ),
    chg as (
      select case_id from police_actions where kind = 'charge' and case_id in (select id from cohort)
      union
      select case_id from investigation_suspect_actions where action = 'charge' and not historic and case_id in (select id from cohort)
    ),
    pf as (
      select case_id, restraining_order_wanted,
        (dash_attached and screening_tool_attached and victim_personal_statement <> 'not-offered'
          and restraining_order_wanted is not null
          and (restraining_order_wanted is not true or cardinality(restraining_order_terms) > 0)
          and special_measures_assessed
          and coalesce(btrim(course_of_conduct_summary), '') <> ''
          and coalesce(btrim(bail_or_remand_recommendation), '') <> '') as complete
      from investigation_prosecution_files where case_id in (select id from cohort)
    ),
    spoa as (
      select case_id,
        bool_or(stage in ${list(SPO_APPLIED_STAGES)}) as applied,
        bool_or(stage in ${list(SPO_GRANTED_STAGES)}) as granted
      from spo_applications where case_id in (select id from cohort) group by case_id
    ),
    spoc as (
      select case_id from tasks where type = 'spo-consideration' and status = 'done' and case_id in (select id from cohort)
      union
      select case_id from spo_applications where case_id in (select id from cohort)
    ),
    obr as (
      select ob.case_id, true as breach, bool_or(o3.type = ${SPO_TYPE}) as spo_breach
      from order_breaches ob join orders o3 on o3.id = ob.order_id
      where ob.case_id in (select id from cohort) group by ob.case_id
    ),
    lf as (
      select c.id as case_id,
        coalesce(rep.crime, false) as crime,
        coalesce(rep.crime_decisions, 0) as crime_decisions,
        coalesce(rep.crime_on_time, 0) as crime_on_time,
        (brc.breach is not null or obr.breach is not null) as breach,
        (coalesce(brc.spo_breach, false) or coalesce(obr.spo_breach, false)) as spo_breached,
        alloc.investigating_team as allocated_team,
        s2b.considered is not null as s2b_considered,
        coalesce(s2b.used, false) as s2b_used,
        (o.outcome_code = 1 or chg.case_id is not null) is true as charged,
        coalesce(pf.complete, false) as file_complete,
        coalesce(pf.restraining_order_wanted, false) as restraining_order_requested,
        spoc.case_id is not null as spo_considered,
        o.outcome_code,
        (extract(epoch from (ra.first_initial_at - rep.first_reported_at)) / 3600.0)::float8 as hours_to_initial,
        (extract(epoch from (ra.first_enhanced_at - rep.first_reported_at)) / 3600.0)::float8 as hours_to_enhanced,
        ra.first_initial_at is not null as initial_done,
        ra.first_enhanced_at is not null as enhanced_done,
        pl.case_id is not null as has_plan,
        pl.review_date as plan_review_date,
        tk.open_due_at as open_task_due_at,
        coalesce(tk.done_late, false) as task_done_late,
        coalesce(vr.offered, false) as referral_offered,
        coalesce(vr.made, false) as referral_made,
        coalesce(vr.taken_up, false) as referral_taken_up,
        coalesce(vd.duties_done, 0) as duties_done,
        coalesce(vd.duties_on_time, 0) as duties_on_time,
        coalesce(vd.undone_due_ats, '{}') as undone_duty_due_ats,
        coalesce(vc.chases, 0) as chases,
        (coalesce(spo.applied, false) or coalesce(spoa.applied, false)) as spo_applied,
        (coalesce(spo.granted, false) or coalesce(spoa.granted, false)) as spo_granted
      from cohort c
      left join rep on rep.case_id = c.id
      left join brc on brc.case_id = c.id
      left join victim_case_outcomes o on o.case_id = c.id
      left join ra on ra.case_id = c.id
      left join pl on pl.case_id = c.id
      left join tk on tk.case_id = c.id
      left join vr on vr.case_id = c.id
      left join vd on vd.case_id = c.id
      left join vc on vc.case_id = c.id
      left join spo on spo.case_id = c.id
      left join alloc on alloc.case_id = c.id
      left join s2b on s2b.case_id = c.id
      left join (select distinct case_id from chg) chg on chg.case_id = c.id
      left join pf on pf.case_id = c.id
      left join spoa on spoa.case_id = c.id
      left join (select distinct case_id from spoc) spoc on spoc.case_id = c.id
      left join obr on obr.case_id = c.id
    )`;
}

/** The stored columns of `insight_case_facts`, in the order `lf` gives them. */
const FACT_COLUMNS = [
  'crime', 'crime_decisions', 'crime_on_time', 'breach', 'spo_breached', 'allocated_team', 's2b_considered', 's2b_used', 'charged',
  'file_complete', 'restraining_order_requested', 'spo_considered', 'outcome_code', 'hours_to_initial', 'hours_to_enhanced', 'initial_done',
  'enhanced_done', 'has_plan', 'plan_review_date', 'open_task_due_at', 'task_done_late', 'referral_offered', 'referral_made',
  'referral_taken_up', 'duties_done', 'duties_on_time', 'undone_duty_due_ats', 'chases', 'spo_applied', 'spo_granted',
] as const;

/**
 * Brings the stored facts up to date: removes the markers of cases changed since the last
 * refresh (triggers mark a case whenever anything its facts read changes) and recomputes
 * those cases. The recomputation reads a snapshot taken after the markers were removed, so
 * it sees every change they stood for; a change committed after the removal keeps its own
 * marker for the next refresh. Returns how many cases were refreshed.
 */
export async function refreshStaleFacts(db: Db): Promise<number> {
  const { rows: marked } = await sql<{ case_id: string }>`
    delete from insight_stale_cases where exists (select 1 from insight_stale_cases) returning case_id`.execute(db);
  const caseIds = [...new Set(marked.map((r) => r.case_id))];
  let refreshed = 0;
  for (let i = 0; i < caseIds.length; i += FACTS_CHUNK) refreshed += await refreshFactsOf(db, caseIds.slice(i, i + FACTS_CHUNK));
  return refreshed;
}

/** Cases a refresh statement recomputes at most (a large backlog is done in steps). */
export const FACTS_CHUNK = 10_000;

/** Recomputes the stored facts of the given cases from the source tables. */
export async function refreshFactsOf(db: Db, caseIds: readonly string[]): Promise<number> {
  if (caseIds.length === 0) return 0;
  const cols = sql.join(FACT_COLUMNS.map((c) => sql.ref(c)));
  const updates = sql.join(FACT_COLUMNS.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`));
  const { rows } = await sql<{ n: number }>`
    with cohort as (select c.id, c.owner_team from cases c where c.id = any(${sql.val(caseIds)}::uuid[])),
    ${liveFactsCtes()},
    written as (
      insert into insight_case_facts (case_id, ${cols}, refreshed_at)
      select case_id, ${cols}, now() from lf
      on conflict (case_id) do update set ${updates}, refreshed_at = excluded.refreshed_at
      returning 1
    )
    select count(*)::int as n from written`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Facts of every case as computed from the source tables now (for checking the stored facts). */
export async function liveFacts(db: Db, caseIds: readonly string[]): Promise<Array<Record<string, unknown>>> {
  if (caseIds.length === 0) return [];
  const { rows } = await sql<Record<string, unknown>>`
    with cohort as (select c.id, c.owner_team from cases c where c.id = any(${sql.val(caseIds)}::uuid[])),
    ${liveFactsCtes()}
    select case_id, ${sql.join(FACT_COLUMNS.map((c) => sql.ref(c)))} from lf order by case_id`.execute(db);
  return rows;
}

/** The stored facts of the given cases, as `liveFacts` gives them. */
export async function storedFacts(db: Db, caseIds: readonly string[]): Promise<Array<Record<string, unknown>>> {
  if (caseIds.length === 0) return [];
  const { rows } = await sql<Record<string, unknown>>`
    select case_id, ${sql.join(FACT_COLUMNS.map((c) => sql.ref(c)))} from insight_case_facts
    where case_id = any(${sql.val(caseIds)}::uuid[]) order by case_id`.execute(db);
  return rows;
}

/**
 * The facts CTEs: `cohort` (the cases) and `f` (one row per case with everything the
 * indicators read), from the stored facts. `now` decides what is overdue. Call
 * `refreshStaleFacts` first.
 */
function factsCtes(f: Filters, now: Date): Sql {
  const today = sql`(${now}::timestamptz at time zone 'Europe/London')::date`;
  return sql`
    cohort as not materialized (
      select c.id, c.reference, c.restricted, c.offence, c.also_record, c.domestic_abuse, c.owner_team, c.status, c.created_at
      from cases c
      where ${cohortWhere(f)}
    ),
    f as (
      select c.id, c.reference, c.restricted, c.offence, c.domestic_abuse, c.owner_team, c.status, c.created_at,
        to_char(c.created_at at time zone 'Europe/London', 'YYYY-MM') as month,
        x.crime, x.crime_decisions, x.crime_on_time,
        c.offence in ${list(STALKING_CODES)} as stalking,
        c.offence in ${list(HARASSMENT_CODES)} as harassment,
        c.offence in ${list(MALICIOUS_COMMUNICATIONS_CODES)} as malcomms,
        (x.breach or c.offence in ${list(BREACH_CODES)}) as breach,
        (c.offence in ${list(STALKING_AND_HARASSMENT_CODES)} or c.also_record && array[${sql.join(STALKING_AND_HARASSMENT_CODES.map((v) => sql`${v}`))}]::text[]) as course_of_conduct,
        (x.spo_breached or c.offence = 'breach-stalking-protection-order') as spo_breached,
        coalesce(x.allocated_team, c.owner_team) as allocated_team,
        x.s2b_considered, x.s2b_used, x.charged, x.file_complete, x.restraining_order_requested, x.spo_considered, x.outcome_code,
        x.hours_to_initial, x.hours_to_enhanced, x.initial_done, x.enhanced_done, x.has_plan,
        (x.has_plan and (x.plan_review_date >= ${today} or c.status = 'finalised')) as plan_up_to_date,
        (coalesce(x.open_task_due_at < ${now}, false) or x.task_done_late) as delayed,
        x.referral_offered, x.referral_made, x.referral_taken_up,
        x.duties_done + cardinality(array(select 1 from unnest(x.undone_duty_due_ats) as due(at) where due.at < ${now})) as duties_due,
        x.duties_on_time, x.chases, x.spo_applied, x.spo_granted
      from cohort c
      join insight_case_facts x on x.case_id = c.id
    )`;
}

/**
 * For the rest of the transaction, no JIT compilation: the dashboard's one aggregate query
 * has hundreds of small expressions, and compiling them costs far more than running them
 * (seconds against milliseconds when the planner's row estimate is high).
 */
export async function analyticsSession(db: Db): Promise<void> {
  await sql`set local jit = off`.execute(db);
}

// ---------------------------------------------------------------------------
// The indicators: each one small definition over the facts `f`.

/** How an indicator is measured. Predicates are over one row of `f`. */
export type Measure =
  | { type: 'count'; where: Sql<boolean> }
  | { type: 'sum'; column: string; where: Sql<boolean> }
  | { type: 'rate'; numerator: Sql<boolean>; denominator: Sql<boolean> }
  | { type: 'ratio'; numerator: Sql<boolean>; denominator: Sql<boolean> }
  | { type: 'sum-rate'; numerator: string; denominator: string; gap: Sql<boolean> }
  | { type: 'median-hours'; hours: string; where: Sql<boolean> };

const crime = (p: Sql<boolean>) => sql<boolean>`(f.crime and ${p})`;

export const MEASURES: Record<string, Measure> = {
  'recorded-stalking': { type: 'count', where: crime(sql`f.stalking`) },
  'recorded-harassment': { type: 'count', where: crime(sql`f.harassment`) },
  'recorded-malicious-communications': { type: 'count', where: crime(sql`f.malcomms`) },
  'harassment-to-stalking': { type: 'ratio', numerator: crime(sql`f.harassment`), denominator: crime(sql`f.stalking`) },
  'recorded-on-time': { type: 'sum-rate', numerator: 'crime_on_time', denominator: 'crime_decisions', gap: sql`f.crime_on_time < f.crime_decisions` },
  'initial-risk-da': { type: 'rate', numerator: sql`f.domestic_abuse and f.initial_done`, denominator: sql`f.domestic_abuse` },
  'initial-risk-non-da': { type: 'rate', numerator: sql`not f.domestic_abuse and f.initial_done`, denominator: sql`not f.domestic_abuse` },
  'enhanced-risk-da': { type: 'rate', numerator: sql`f.domestic_abuse and f.enhanced_done`, denominator: sql`f.domestic_abuse` },
  'enhanced-risk-non-da': { type: 'rate', numerator: sql`not f.domestic_abuse and f.enhanced_done`, denominator: sql`not f.domestic_abuse` },
  'median-hours-to-initial': { type: 'median-hours', hours: 'hours_to_initial', where: sql`f.initial_done and f.hours_to_initial is not null` },
  'median-hours-to-enhanced': { type: 'median-hours', hours: 'hours_to_enhanced', where: sql`f.enhanced_done and f.hours_to_enhanced is not null` },
  'risk-plan-present': { type: 'rate', numerator: sql`(f.initial_done or f.enhanced_done) and f.has_plan`, denominator: sql`(f.initial_done or f.enhanced_done)` },
  'risk-plan-reviewed': { type: 'rate', numerator: sql`f.plan_up_to_date`, denominator: sql`f.has_plan` },
  'specialist-allocation': { type: 'rate', numerator: sql`f.allocated_team in ${list(SPECIALIST_TEAMS)}`, denominator: sql`f.allocated_team is not null` },
  's2b-considered': { type: 'rate', numerator: crime(sql`f.stalking and f.s2b_considered`), denominator: crime(sql`f.stalking`) },
  's2b-used': { type: 'rate', numerator: crime(sql`f.stalking and f.s2b_used`), denominator: crime(sql`f.stalking`) },
  'prosecution-file-complete': { type: 'rate', numerator: sql`f.charged and f.file_complete`, denominator: sql`f.charged` },
  'spo-considered': { type: 'rate', numerator: crime(sql`f.stalking and f.spo_considered`), denominator: crime(sql`f.stalking`) },
  'restraining-order-requested': { type: 'rate', numerator: sql`f.charged and f.restraining_order_requested`, denominator: sql`f.charged` },
  'avoidable-delay': { type: 'rate', numerator: sql`f.delayed`, denominator: sql`true` },
  'referral-offered': { type: 'rate', numerator: sql`f.referral_offered`, denominator: sql`true` },
  'referral-made': { type: 'rate', numerator: sql`f.referral_made`, denominator: sql`f.referral_offered` },
  'referral-taken-up': { type: 'rate', numerator: sql`f.referral_taken_up`, denominator: sql`f.referral_made` },
  'victim-updates-on-time': { type: 'sum-rate', numerator: 'duties_on_time', denominator: 'duties_due', gap: sql`f.duties_on_time < f.duties_due` },
  'victim-chases': { type: 'sum', column: 'chases', where: sql`f.chases > 0` },
  'spo-applied': { type: 'count', where: sql`f.spo_applied` },
  'spo-granted': { type: 'rate', numerator: sql`f.spo_granted`, denominator: sql`f.spo_applied` },
  'spo-breached': { type: 'count', where: sql`f.spo_breached` },
  'breach-course-of-conduct': { type: 'rate', numerator: sql`f.breach and f.course_of_conduct`, denominator: sql`f.breach` },
  'charge-rate': { type: 'rate', numerator: sql`f.outcome_code = 1`, denominator: sql`f.outcome_code is not null` },
  'outcome-16-rate': { type: 'rate', numerator: sql`f.outcome_code = 16`, denominator: sql`f.outcome_code is not null` },
  'outcome-18-rate': { type: 'rate', numerator: sql`f.outcome_code = 18`, denominator: sql`f.outcome_code is not null` },
};

/** Indicators measured outside the case facts (their own query). */
export const SPECIAL_MEASURES = ['historic-warnings'] as const;

export type Side = 'numerator' | 'denominator' | 'gap';

/** The aggregate columns of one measure: `n` (and `d`) for its id. */
function aggregates(id: string, m: Measure): Sql[] {
  const n = sql.ref(`${id}:n`);
  const d = sql.ref(`${id}:d`);
  switch (m.type) {
    case 'count':
      return [sql`count(*) filter (where ${m.where})::int as ${n}`];
    case 'sum':
      return [sql`coalesce(sum(${sql.ref(`f.${m.column}`)}), 0)::int as ${n}`, sql`count(*) filter (where ${m.where})::int as ${d}`];
    case 'rate':
    case 'ratio':
      return [sql`count(*) filter (where ${m.numerator})::int as ${n}`, sql`count(*) filter (where ${m.denominator})::int as ${d}`];
    case 'sum-rate':
      return [sql`coalesce(sum(${sql.ref(`f.${m.numerator}`)}), 0)::int as ${n}`, sql`coalesce(sum(${sql.ref(`f.${m.denominator}`)}), 0)::int as ${d}`];
    case 'median-hours':
      return [
        sql`(percentile_cont(0.5) within group (order by ${sql.ref(`f.${m.hours}`)}) filter (where ${m.where}))::float8 as ${n}`,
        sql`count(*) filter (where ${m.where})::int as ${d}`,
      ];
  }
}

/** The predicate behind one side of an indicator: the cases its figure counts. */
export function sidePredicate(m: Measure, side: Side): Sql<boolean> | undefined {
  switch (m.type) {
    case 'count':
      return side === 'numerator' ? m.where : undefined;
    case 'sum':
      return side === 'numerator' ? m.where : undefined;
    case 'median-hours':
      return side === 'numerator' ? m.where : undefined;
    case 'rate':
    case 'ratio':
      return side === 'numerator' ? m.numerator : side === 'denominator' ? m.denominator : m.type === 'rate' ? sql<boolean>`(${m.denominator}) and not (${m.numerator})` : undefined;
    case 'sum-rate':
      return side === 'numerator' ? sql<boolean>`${sql.ref(`f.${m.numerator}`)} > 0` : side === 'denominator' ? sql<boolean>`${sql.ref(`f.${m.denominator}`)} > 0` : m.gap;
  }
}

export interface MeasureValue {
  n: number | null;
  d: number | null;
}

export type MeasureValues = Record<string, MeasureValue>;

function readValues(row: Record<string, unknown>, ids: readonly string[]): MeasureValues {
  const out: MeasureValues = {};
  for (const id of ids) {
    const n = row[`${id}:n`];
    const d = row[`${id}:d`];
    out[id] = { n: n === null || n === undefined ? null : Number(n), d: d === null || d === undefined ? null : Number(d) };
  }
  return out;
}

/** Every case-facts indicator for the cohort, in one aggregate query. */
export async function measureAll(db: Db, f: Filters, now: Date): Promise<MeasureValues & { cases: MeasureValue }> {
  const ids = Object.keys(MEASURES);
  const cols = ids.flatMap((id) => aggregates(id, MEASURES[id]!));
  const { rows } = await sql<Record<string, unknown>>`with ${factsCtes(f, now)} select count(*)::int as "cases:n", ${sql.join(cols)} from f`.execute(db);
  const row = rows[0] ?? {};
  return { ...readValues(row, ids), cases: { n: Number(row['cases:n'] ?? 0), d: null } };
}

/** The same indicators per calendar month of first recording, in one grouped query. */
export async function measureByMonth(db: Db, f: Filters, now: Date, ids: readonly string[]): Promise<Map<string, MeasureValues>> {
  const cols = ids.flatMap((id) => aggregates(id, MEASURES[id]!));
  const { rows } = await sql<Record<string, unknown>>`with ${factsCtes(f, now)} select f.month, ${sql.join(cols)} from f group by f.month order by f.month`.execute(db);
  return new Map(rows.map((r) => [String(r.month), readValues(r, ids)]));
}

export interface OutcomeCount {
  code: number;
  count: number;
}

/** Outcome types of the cohort's cases. */
export async function outcomeMix(db: Db, f: Filters, now: Date): Promise<OutcomeCount[]> {
  const { rows } = await sql<{ code: number; count: number }>`
    with ${factsCtes(f, now)}
    select f.outcome_code as code, count(*)::int as count from f where f.outcome_code is not null group by f.outcome_code order by f.outcome_code`.execute(db);
  return rows.map((r) => ({ code: Number(r.code), count: Number(r.count) }));
}

export interface GenderOutcome {
  gender: string | null;
  code: number;
  count: number;
}

/** Outcome types by the gender of each victim on the case (a case with two victims counts for each). */
export async function outcomesByVictimGender(db: Db, f: Filters): Promise<GenderOutcome[]> {
  const { rows } = await sql<{ gender: string | null; code: number; count: number }>`
    select p.gender, o.outcome_code as code, count(*)::int as count
    from cases c
    join victim_case_outcomes o on o.case_id = c.id
    join case_victims cv on cv.case_id = c.id
    join people p on p.id = cv.person_id
    where ${cohortWhere(f)}
    group by p.gender, o.outcome_code
    order by p.gender nulls last, o.outcome_code`.execute(db);
  return rows.map((r) => ({ gender: r.gender, code: Number(r.code), count: Number(r.count) }));
}

/** Historic warning notices dated in the period, on suspects of cases that match the filters (any date). */
export async function historicWarnings(db: Db, f: Filters): Promise<number> {
  const from = sql`(${f.fromInstant}::timestamptz at time zone 'Europe/London')::date`;
  const to = sql`(${f.toInstant}::timestamptz at time zone 'Europe/London')::date`;
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from warning_notices w
    where w.issued_on >= ${from} and w.issued_on < ${to}
      and exists (select 1 from cases c where c.suspect_person_id = w.person_id and ${caseFilter(f)})`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

// ---------------------------------------------------------------------------
// Drill-down: the cases behind a figure

export interface CaseListRow {
  id: string;
  reference: string;
  restricted: boolean;
  offence: string | null;
  domesticAbuse: boolean;
  ownerTeam: string | null;
  status: string;
  createdAt: Date;
}

interface CaseListDbRow {
  id: string;
  reference: string;
  restricted: boolean;
  offence: string | null;
  domestic_abuse: boolean;
  owner_team: string | null;
  status: string;
  created_at: Date;
}

function caseRow(r: CaseListDbRow): CaseListRow {
  return { id: r.id, reference: r.reference, restricted: r.restricted, offence: r.offence, domesticAbuse: r.domestic_abuse, ownerTeam: r.owner_team, status: r.status, createdAt: new Date(r.created_at) };
}

/** Cases behind one side of an indicator, newest first; `limit + 1` rows are fetched so the caller knows there are more. */
export async function casesBehind(db: Db, f: Filters, now: Date, where: Sql<boolean>, limit: number): Promise<CaseListRow[]> {
  const { rows } = await sql<CaseListDbRow>`
    with ${factsCtes(f, now)}
    select f.id, f.reference, f.restricted, f.offence, f.domestic_abuse, f.owner_team, f.status, f.created_at
    from f where ${where} order by f.created_at desc, f.reference limit ${limit + 1}`.execute(db);
  return rows.map(caseRow);
}

/** Cases whose suspect has a warning notice dated in the period. */
export async function casesWithWarnings(db: Db, f: Filters, limit: number): Promise<CaseListRow[]> {
  const from = sql`(${f.fromInstant}::timestamptz at time zone 'Europe/London')::date`;
  const to = sql`(${f.toInstant}::timestamptz at time zone 'Europe/London')::date`;
  const { rows } = await sql<CaseListDbRow>`
    select c.id, c.reference, c.restricted, c.offence, c.domestic_abuse, c.owner_team, c.status, c.created_at
    from cases c
    where ${caseFilter(f)} and exists (select 1 from warning_notices w where w.person_id = c.suspect_person_id and w.issued_on >= ${from} and w.issued_on < ${to})
    order by c.created_at desc, c.reference limit ${limit + 1}`.execute(db);
  return rows.map(caseRow);
}

/** Cases of the cohort with a given outcome type (for the outcome mix table). */
export function outcomePredicate(code: number): Sql<boolean> {
  return sql<boolean>`f.outcome_code = ${code}`;
}

// ---------------------------------------------------------------------------
// Problem profile

export interface Counted {
  key: string | null;
  count: number;
}

/** How many people were victims (or suspects) on how many reports of the cohort: 1, 2, 3-4, 5 or more. */
export async function repeatDistribution(db: Db, f: Filters, role: 'victim' | 'suspect'): Promise<Counted[]> {
  const { rows } = await sql<{ key: string; count: number }>`
    with per as (
      select rp.person_id, count(distinct rp.report_id)::int as n
      from cases c join case_reports cr on cr.case_id = c.id join report_parties rp on rp.report_id = cr.report_id
      where ${cohortWhere(f)} and rp.role = ${role} and rp.person_id is not null
      group by rp.person_id
    )
    select case when n = 1 then '1' when n = 2 then '2' when n <= 4 then '3 to 4' else '5 or more' end as key, count(*)::int as count
    from per group by 1 order by min(n)`.execute(db);
  return rows.map((r) => ({ key: r.key, count: Number(r.count) }));
}

/** Suspects with cases against two or more different victims, counting only cohort cases: how many victims each. */
export async function serialPerpetrators(db: Db, f: Filters): Promise<Counted[]> {
  const { rows } = await sql<{ key: string; count: number }>`
    with per as (
      select c.suspect_person_id, count(distinct cv.person_id)::int as victims
      from cases c join case_victims cv on cv.case_id = c.id
      where ${cohortWhere(f)} and c.suspect_person_id is not null
      group by c.suspect_person_id having count(distinct cv.person_id) >= 2
    )
    select case when victims = 2 then '2 victims' when victims <= 4 then '3 to 4 victims' else '5 or more victims' end as key, count(*)::int as count
    from per group by 1 order by min(victims)`.execute(db);
  return rows.map((r) => ({ key: r.key, count: Number(r.count) }));
}

/** Occasions of the cohort's reports by channel (an occasion with two channels counts for each). */
export async function channels(db: Db, f: Filters): Promise<Counted[]> {
  const { rows } = await sql<{ key: string; count: number }>`
    select ch as key, count(*)::int as count
    from cases c join case_reports cr on cr.case_id = c.id join occasions o on o.report_id = cr.report_id
    cross join lateral unnest(o.channels) as ch
    where ${cohortWhere(f)}
    group by ch order by count(*) desc, ch`.execute(db);
  return rows.map((r) => ({ key: r.key, count: Number(r.count) }));
}

/** Reports of the cohort by the relationship between victim and suspect. */
export async function relationships(db: Db, f: Filters): Promise<Counted[]> {
  const { rows } = await sql<{ key: string | null; count: number }>`
    select r.relationship as key, count(*)::int as count
    from cases c join case_reports cr on cr.case_id = c.id join reports r on r.id = cr.report_id
    where ${cohortWhere(f)} and r.status = 'submitted'
    group by r.relationship order by count(*) desc, r.relationship nulls last`.execute(db);
  return rows.map((r) => ({ key: r.key, count: Number(r.count) }));
}

/** Cohort cases by owning team (Vigil's unit of area until forces record a policing area). */
export async function byTeam(db: Db, f: Filters): Promise<Counted[]> {
  const { rows } = await sql<{ key: string | null; count: number }>`
    select c.owner_team as key, count(*)::int as count from cases c where ${cohortWhere(f)}
    group by c.owner_team order by count(*) desc, c.owner_team nulls last`.execute(db);
  return rows.map((r) => ({ key: r.key, count: Number(r.count) }));
}

// ---------------------------------------------------------------------------
// Daily management meeting

export interface DailyRow extends CaseListRow {
  at: Date | null;
  detail: string | null;
}

interface DailyDbRow extends CaseListDbRow {
  at: Date | null;
  detail: string | null;
}

function dailyRow(r: DailyDbRow): DailyRow {
  return { ...caseRow(r), at: r.at ? new Date(r.at) : null, detail: r.detail };
}

const CASE_COLS = sql`c.id, c.reference, c.restricted, c.offence, c.domestic_abuse, c.owner_team, c.status, c.created_at`;

/** Stalking and harassment crimes recorded (crime decision made) since an instant. */
export async function newCrimes(db: Db, since: Date, limit: number): Promise<DailyRow[]> {
  const { rows } = await sql<DailyDbRow>`
    select ${CASE_COLS}, max(r.crime_decided_at) as at, null::text as detail
    from reports r join case_reports cr on cr.report_id = r.id join cases c on c.id = cr.case_id
    where r.crime_decision = 'crime' and r.crime_decided_at >= ${since}
      and c.offence in ${list(STALKING_AND_HARASSMENT_CODES)} and c.merged_into_case_id is null
    group by c.id order by max(r.crime_decided_at) desc limit ${limit}`.execute(db);
  return rows.map(dailyRow);
}

/**
 * Open cases graded high risk: the latest assessment's final grade, or a plan's grade.
 * Only cases with some high grade can qualify, so those are found first by index and
 * each one's latest assessment read after, rather than the latest of every case.
 */
export async function highRisk(db: Db, limit: number): Promise<DailyRow[]> {
  const { rows } = await sql<DailyDbRow>`
    with candidates as (
      select case_id from risk_assessments where final_grade = 'high'
      union
      select case_id from risk_plans where risk_grade = 'high'
    )
    select ${CASE_COLS}, l.completed_at as at, coalesce(l.final_grade, p.risk_grade) as detail
    from candidates k
    join cases c on c.id = k.case_id
    left join lateral (
      select ra.final_grade, ra.completed_at from risk_assessments ra where ra.case_id = c.id order by ra.completed_at desc limit 1
    ) l on true
    left join lateral (
      select rp.risk_grade from risk_plans rp where rp.case_id = c.id order by rp.risk_grade = 'high' desc limit 1
    ) p on true
    where c.status = 'open' and c.merged_into_case_id is null and (l.final_grade = 'high' or p.risk_grade = 'high')
    order by l.completed_at desc nulls last, c.reference limit ${limit}`.execute(db);
  return rows.map(dailyRow);
}

/** Overdue risk assessment tasks, and risk management plans past their review date, on open cases. */
export async function overdueRisk(db: Db, now: Date, limit: number): Promise<DailyRow[]> {
  const today = sql`(${now}::timestamptz at time zone 'Europe/London')::date`;
  const { rows } = await sql<DailyDbRow>`
    select * from (
      select ${CASE_COLS}, t.due_at as at, t.title as detail
      from tasks t join cases c on c.id = t.case_id
      where t.status = 'open' and t.due_at < ${now} and t.type in ${list(RISK_TASK_TYPES_FOR_INSIGHTS)} and c.status = 'open'
      union all
      select ${CASE_COLS}, p.review_date::timestamptz as at, 'Risk management plan review' as detail
      from risk_plans p join cases c on c.id = p.case_id
      where p.review_date < ${today} and c.status = 'open'
    ) x order by at limit ${limit}`.execute(db);
  return rows.map(dailyRow);
}

/** Victims' Code updates past their deadline and not given. */
export async function overdueVictimUpdates(db: Db, now: Date, limit: number): Promise<DailyRow[]> {
  const { rows } = await sql<DailyDbRow>`
    select ${CASE_COLS}, d.due_at as at, e.event as detail
    from victim_duties d join victim_events e on e.id = d.event_id join cases c on c.id = d.case_id
    left join tasks t on t.id = d.task_id
    where d.done_at is null and d.due_at < ${now} and (t.id is null or t.status = 'open')
    order by d.due_at limit ${limit}`.execute(db);
  return rows.map(dailyRow);
}

export interface SpoRow {
  orderId: string;
  caseId: string | null;
  caseReference: string | null;
  restricted: boolean;
  status: string;
  madeOn: string;
  expiresOn: string | null;
}

/** Stalking protection orders in force that expire before a date (renewal due), and applications awaiting a decision. */
export async function spoDeadlines(db: Db, expiringBefore: string, limit: number): Promise<SpoRow[]> {
  const { rows } = await sql<{ id: string; case_id: string | null; reference: string | null; restricted: boolean | null; status: string; made_on: string; expires_on: string | null }>`
    select o.id, o.case_id, c.reference, c.restricted, o.status, to_char(o.made_on, 'YYYY-MM-DD') as made_on, to_char(o.expires_on, 'YYYY-MM-DD') as expires_on
    from orders o left join cases c on c.id = o.case_id
    where o.type = ${SPO_TYPE} and ((o.status = 'active' and o.expires_on is not null and o.expires_on <= ${expiringBefore}::date) or o.status = 'applied')
    order by o.expires_on nulls last limit ${limit}`.execute(db);
  return rows.map((r) => ({ orderId: r.id, caseId: r.case_id, caseReference: r.reference, restricted: !!r.restricted, status: r.status, madeOn: r.made_on, expiresOn: r.expires_on }));
}

/** Reports of breaches of an order submitted since an instant. */
export async function recentBreaches(db: Db, since: Date, limit: number): Promise<DailyRow[]> {
  const { rows } = await sql<DailyDbRow>`
    select ${CASE_COLS}, max(r.submitted_at) as at, string_agg(distinct coalesce(o2.type, c.offence), ', ') as detail
    from reports r join case_reports cr on cr.report_id = r.id join cases c on c.id = cr.case_id
    left join occasions oc on oc.report_id = r.id and oc.breached_order_id is not null
    left join orders o2 on o2.id = oc.breached_order_id
    where r.status = 'submitted' and r.submitted_at >= ${since}
      and (oc.id is not null or c.offence in ${list(BREACH_CODES)})
    group by c.id order by max(r.submitted_at) desc limit ${limit}`.execute(db);
  return rows.map(dailyRow);
}

export interface SerialAlert {
  personId: string;
  victims: number;
  cases: number;
  latestCaseId: string;
  latestReference: string;
  latestRestricted: boolean;
  at: Date;
}

/** Suspects named on a report since an instant who have cases against two or more different victims. */
export async function serialAlerts(db: Db, since: Date, limit: number): Promise<SerialAlert[]> {
  const { rows } = await sql<{ person_id: string; victims: number; cases: number; case_id: string; reference: string; restricted: boolean; at: Date }>`
    with recent as (
      select c.suspect_person_id as person_id, c.id as case_id, c.reference, c.restricted, r.submitted_at as at,
        row_number() over (partition by c.suspect_person_id order by r.submitted_at desc) as rn
      from reports r join case_reports cr on cr.report_id = r.id join cases c on c.id = cr.case_id
      where r.status = 'submitted' and r.submitted_at >= ${since} and c.suspect_person_id is not null
    ),
    serial as (
      select c.suspect_person_id as person_id, count(distinct cv.person_id)::int as victims, count(distinct c.id)::int as cases
      from cases c join case_victims cv on cv.case_id = c.id
      where c.suspect_person_id in (select person_id from recent) and c.merged_into_case_id is null
      group by c.suspect_person_id having count(distinct cv.person_id) >= 2
    )
    select s.person_id, s.victims, s.cases, r.case_id, r.reference, r.restricted, r.at
    from serial s join recent r on r.person_id = s.person_id and r.rn = 1
    order by s.victims desc, r.at desc limit ${limit}`.execute(db);
  return rows.map((r) => ({ personId: r.person_id, victims: Number(r.victims), cases: Number(r.cases), latestCaseId: r.case_id, latestReference: r.reference, latestRestricted: r.restricted, at: new Date(r.at) }));
}
