import { sql } from 'kysely';
import type { Db } from '../../platform/audit/audit-repository.ts';

// ---------------------------------------------------------------------------
// The sampling population

/** One case that could be sampled, with the facts the sampler filters on. */
export interface PopulationRow {
  id: string;
  offence: string | null;
  domesticAbuse: boolean;
  cyberEnabled: boolean;
  outcomeCode: number | null;
  /** When the case was finalised: the case's own date, else the outcome's, else the last non-crime decision's. */
  finalisedAt: Date;
  hasBreach: boolean;
  nonCrime: boolean;
  historicWarning: boolean;
}

/**
 * Cases that are finished: finalised, or with a final outcome recorded, or non-crime
 * incidents (every report decided non-crime). Merged-away and restricted cases are left
 * out: a restricted case is need-to-know and never goes to a panel.
 */
export async function samplingPopulation(db: Db): Promise<PopulationRow[]> {
  const result = await sql<{
    id: string;
    offence: string | null;
    domestic_abuse: boolean;
    cyber_enabled: boolean;
    outcome_code: number | null;
    finalised_at: Date | string;
    has_breach: boolean;
    non_crime: boolean;
    historic_warning: boolean;
  }>`
    with facts as (
      select
        c.id, c.offence, c.also_record, c.domestic_abuse, c.cyber_enabled, c.status, c.finalised_at, c.suspect_person_id,
        o.outcome_code, o.recorded_at,
        (select count(*) from case_reports cr where cr.case_id = c.id) as report_count,
        (select count(*) from case_reports cr join reports r on r.id = cr.report_id where cr.case_id = c.id and r.crime_decision = 'non-crime') as non_crime_count,
        (select max(r.crime_decided_at) from case_reports cr join reports r on r.id = cr.report_id where cr.case_id = c.id) as decided_at,
        exists (select 1 from case_reports cr join occasions oc on oc.report_id = cr.report_id where cr.case_id = c.id and oc.breached_order_id is not null) as breached_occasion,
        exists (select 1 from warning_notices w where w.person_id = c.suspect_person_id) as historic_warning
      from cases c
      left join victim_case_outcomes o on o.case_id = c.id
      where c.merged_into_case_id is null and c.restricted = false
    )
    select
      id, offence, domestic_abuse, cyber_enabled, outcome_code,
      coalesce(finalised_at, recorded_at, decided_at) as finalised_at,
      (breached_occasion or coalesce(offence, '') like 'breach-%' or exists (select 1 from unnest(also_record) a where a like 'breach-%')) as has_breach,
      (report_count > 0 and report_count = non_crime_count) as non_crime,
      historic_warning
    from facts
    where (status = 'finalised' or outcome_code is not null or (report_count > 0 and report_count = non_crime_count))
      and coalesce(finalised_at, recorded_at, decided_at) is not null
    order by id`.execute(db);
  return result.rows.map((r) => ({
    id: r.id,
    offence: r.offence,
    domesticAbuse: r.domestic_abuse,
    cyberEnabled: r.cyber_enabled,
    outcomeCode: r.outcome_code === null ? null : Number(r.outcome_code),
    finalisedAt: new Date(r.finalised_at),
    hasBreach: r.has_breach,
    nonCrime: r.non_crime,
    historicWarning: r.historic_warning,
  }));
}

// ---------------------------------------------------------------------------
// Samples

export interface SampleRow {
  id: string;
  title: string;
  request: Record<string, unknown>;
  result: Record<string, unknown>;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: Date;
  caseCount: number;
}

export async function insertSample(
  db: Db,
  s: { title: string; request: unknown; result: unknown; by: string; at: Date; cases: Array<{ caseId: string; stratum: string }> },
): Promise<string> {
  const row = await db
    .insertInto('oversight_samples')
    .values({ title: s.title, request: JSON.stringify(s.request), result: JSON.stringify(s.result), created_by: s.by, created_at: s.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (s.cases.length > 0) {
    await db
      .insertInto('oversight_sample_cases')
      .values(s.cases.map((c, i) => ({ sample_id: row.id, case_id: c.caseId, position: i + 1, stratum: c.stratum })))
      .execute();
  }
  return row.id;
}

function sampleQuery(db: Db) {
  return db
    .selectFrom('oversight_samples as s')
    .leftJoin('users as u', 'u.id', 's.created_by')
    .select((eb) => [
      's.id',
      's.title',
      's.request',
      's.result',
      's.created_by',
      'u.display_name',
      's.created_at',
      eb.selectFrom('oversight_sample_cases as sc').select(sql<number>`count(*)::int`.as('n')).whereRef('sc.sample_id', '=', 's.id').as('case_count'),
    ]);
}

type SampleSelect = Awaited<ReturnType<ReturnType<typeof sampleQuery>['executeTakeFirstOrThrow']>>;

function toSample(r: SampleSelect): SampleRow {
  return {
    id: r.id,
    title: r.title,
    request: r.request,
    result: r.result,
    createdBy: r.created_by,
    createdByName: r.display_name,
    createdAt: r.created_at,
    caseCount: Number(r.case_count ?? 0),
  };
}

export async function listSamples(db: Db): Promise<SampleRow[]> {
  return (await sampleQuery(db).orderBy('s.created_at', 'desc').limit(200).execute()).map(toSample);
}

export async function getSample(db: Db, id: string): Promise<SampleRow | undefined> {
  const row = await sampleQuery(db).where('s.id', '=', id).executeTakeFirst();
  return row ? toSample(row) : undefined;
}

export interface SampleCaseRow {
  id: string;
  sampleId: string;
  caseId: string;
  caseReference: string;
  position: number;
  stratum: string;
  referredAt: Date | null;
  reviewCount: number;
}

export async function sampleCases(db: Db, sampleId: string): Promise<SampleCaseRow[]> {
  const rows = await db
    .selectFrom('oversight_sample_cases as sc')
    .innerJoin('cases as c', 'c.id', 'sc.case_id')
    .select((eb) => [
      'sc.id',
      'sc.sample_id',
      'sc.case_id',
      'c.reference',
      'sc.position',
      'sc.stratum',
      'sc.referred_at',
      eb.selectFrom('oversight_reviews as r').select(sql<number>`count(*)::int`.as('n')).whereRef('r.sample_case_id', '=', 'sc.id').as('review_count'),
    ])
    .where('sc.sample_id', '=', sampleId)
    .orderBy('sc.position')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    sampleId: r.sample_id,
    caseId: r.case_id,
    caseReference: r.reference,
    position: r.position,
    stratum: r.stratum,
    referredAt: r.referred_at,
    reviewCount: Number(r.review_count ?? 0),
  }));
}

export async function markReferred(db: Db, sampleCaseId: string, at: Date): Promise<boolean> {
  const result = await db.updateTable('oversight_sample_cases').set({ referred_at: at }).where('id', '=', sampleCaseId).where('referred_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------
// Material for a panel: read here, redacted in the service before anything is shown

export interface PanelPersonRow {
  id: string;
  role: 'victim' | 'suspect' | 'witness' | 'reporter';
  forenames: string;
  surname: string;
  dateOfBirth: string | null;
  aliases: string[];
  phones: string[];
  emails: string[];
  handles: string[];
  vehicles: string[];
  addresses: string[];
  postcodes: string[];
  towns: string[];
}

/** Everyone linked to a case, in order of appearance (victims, the suspect, then other parties by report), with every identifier. */
export async function peopleOfCase(db: Db, caseId: string): Promise<PanelPersonRow[]> {
  const linked = await sql<{ person_id: string; role: PanelPersonRow['role']; ord: number; reported_at: Date | null }>`
    select v.person_id, 'victim' as role, 0 as ord, null::timestamptz as reported_at from case_victims v where v.case_id = ${caseId}
    union all
    select c.suspect_person_id, 'suspect', 1, null from cases c where c.id = ${caseId} and c.suspect_person_id is not null
    union all
    select p.person_id, p.role, 2, r.reported_at
      from report_parties p join case_reports cr on cr.report_id = p.report_id join reports r on r.id = p.report_id
      where cr.case_id = ${caseId} and p.person_id is not null
    order by ord, reported_at nulls first, person_id`.execute(db);
  const order: Array<{ id: string; role: PanelPersonRow['role'] }> = [];
  for (const row of linked.rows) if (!order.some((o) => o.id === row.person_id)) order.push({ id: row.person_id, role: row.role });
  if (order.length === 0) return [];
  const ids = order.map((o) => o.id);
  const [people, names, identifiers, addresses] = await Promise.all([
    db.selectFrom('people').select(['id', 'forenames', 'surname', 'date_of_birth']).where('id', 'in', ids).execute(),
    db.selectFrom('person_names').select(['person_id', 'forenames', 'surname']).where('person_id', 'in', ids).execute(),
    db.selectFrom('person_identifiers').select(['person_id', 'kind', 'value']).where('person_id', 'in', ids).execute(),
    db.selectFrom('person_addresses').select(['person_id', 'line', 'town', 'postcode']).where('person_id', 'in', ids).execute(),
  ]);
  return order.flatMap(({ id, role }) => {
    const p = people.find((x) => x.id === id);
    if (!p) return [];
    const own = identifiers.filter((i) => i.person_id === id);
    const values = (kind: string) => own.filter((i) => i.kind === kind).map((i) => i.value);
    const addressRows = addresses.filter((a) => a.person_id === id);
    const primary = `${p.forenames} ${p.surname}`.trim();
    return [
      {
        id,
        role,
        forenames: p.forenames,
        surname: p.surname,
        dateOfBirth: p.date_of_birth,
        aliases: names.map((n) => (n.person_id === id ? `${n.forenames} ${n.surname}`.trim() : '')).filter((n) => n && n !== primary),
        phones: values('phone'),
        emails: values('email'),
        handles: values('handle'),
        vehicles: values('vehicle'),
        addresses: [...values('address'), ...addressRows.map((a) => [a.line, a.town].filter(Boolean).join(', ')).filter(Boolean), ...addressRows.map((a) => a.line ?? '').filter(Boolean)],
        postcodes: [...values('postcode'), ...addressRows.map((a) => a.postcode ?? '').filter(Boolean)],
        towns: [...values('town'), ...addressRows.map((a) => a.town ?? '').filter(Boolean)],
      },
    ];
  });
}

export interface CaseMaterial {
  offence: string | null;
  alsoRecord: string[];
  domesticAbuse: boolean;
  cyberEnabled: boolean;
  status: string;
  createdAt: Date;
  finalisedAt: Date | null;
  outcome: { code: number; at: Date } | null;
  reports: Array<{
    id: string;
    reportedAt: Date;
    relationship: string | null;
    account: string | null;
    effects: string[];
    thrive: Record<string, unknown> | null;
    response: string | null;
    crimeDecision: string | null;
    crimeDecisionRationale: string | null;
    crimeDecidedAt: Date | null;
  }>;
  occasions: Array<{
    reportId: string;
    from: Date;
    to: Date | null;
    place: string | null;
    channels: string[];
    platform: string | null;
    accountName: string | null;
    behaviours: string[];
    fearOfViolence: boolean;
    times: number;
    description: string | null;
    breach: boolean;
  }>;
  classifications: Array<{ offence: string; status: string; rationale: string | null; at: Date }>;
  riskAssessments: Array<{ stage: string; finalGrade: string | null; completedAt: Date; endorsedAt: Date | null }>;
  /** One per victim, soonest review first (victims are not named to the panel). */
  riskPlans: Array<{ grade: string; reviewedOn: string; reviewDate: string; actions: number }>;
  contacts: Array<{ at: Date; initiatedBy: string; chasingUpdate: boolean; method: string; discussed: string }>;
  events: Array<{ event: string; at: Date; outcomeCode: number | null }>;
  policeActions: Array<{ kind: string; at: Date; notes: string | null; conditions: string | null }>;
  orders: Array<{ type: string; status: string; madeOn: string }>;
  tasks: Array<{ type: string; title: string; dueAt: Date; status: string; completedAt: Date | null }>;
}

/** The case material a panel reviews, unredacted: the service redacts it. */
export async function caseMaterial(db: Db, caseId: string): Promise<CaseMaterial | undefined> {
  const c = await db
    .selectFrom('cases as c')
    .leftJoin('victim_case_outcomes as o', 'o.case_id', 'c.id')
    .select(['c.offence', 'c.also_record', 'c.domestic_abuse', 'c.cyber_enabled', 'c.status', 'c.created_at', 'c.finalised_at', 'o.outcome_code', 'o.recorded_at'])
    .where('c.id', '=', caseId)
    .executeTakeFirst();
  if (!c) return undefined;
  const [reports, occasions, classifications, risks, plans, contacts, events, actions, orders, tasks] = await Promise.all([
    db
      .selectFrom('reports as r')
      .innerJoin('case_reports as cr', 'cr.report_id', 'r.id')
      .select(['r.id', 'r.reported_at', 'r.relationship', 'r.account', 'r.effects', 'r.thrive', 'r.response', 'r.crime_decision', 'r.crime_decision_rationale', 'r.crime_decided_at'])
      .where('cr.case_id', '=', caseId)
      .orderBy('r.reported_at')
      .execute(),
    db
      .selectFrom('occasions as o')
      .innerJoin('case_reports as cr', 'cr.report_id', 'o.report_id')
      .select(['o.report_id', 'o.occurred_from', 'o.occurred_to', 'o.place', 'o.channels', 'o.platform', 'o.account_name', 'o.behaviours', 'o.fear_of_violence', 'o.times', 'o.description', 'o.breached_order_id'])
      .where('cr.case_id', '=', caseId)
      .orderBy('o.occurred_from')
      .execute(),
    db.selectFrom('classifications').select(['offence', 'status', 'rationale', 'proposed_at']).where('case_id', '=', caseId).orderBy('proposed_at').execute(),
    db.selectFrom('risk_assessments').select(['stage', 'final_grade', 'completed_at', 'endorsed_at']).where('case_id', '=', caseId).orderBy('completed_at').execute(),
    db.selectFrom('risk_plans').select(['risk_grade', 'reviewed_on', 'review_date', 'actions']).where('case_id', '=', caseId).orderBy('review_date').execute(),
    db.selectFrom('victim_contacts').select(['occurred_at', 'initiated_by', 'chasing_update', 'method', 'discussed']).where('case_id', '=', caseId).orderBy('occurred_at').execute(),
    db.selectFrom('victim_events').select(['event', 'occurred_at', 'outcome_code']).where('case_id', '=', caseId).orderBy('occurred_at').execute(),
    db.selectFrom('police_actions').select(['kind', 'occurred_at', 'notes', 'conditions']).where('case_id', '=', caseId).orderBy('occurred_at').execute(),
    db.selectFrom('orders').select(['type', 'status', 'made_on']).where('case_id', '=', caseId).orderBy('made_on').execute(),
    db.selectFrom('tasks').select(['type', 'title', 'due_at', 'status', 'completed_at']).where('case_id', '=', caseId).where('type', 'not like', 'oversight-%').orderBy('created_at').execute(),
  ]);
  return {
    offence: c.offence,
    alsoRecord: c.also_record,
    domesticAbuse: c.domestic_abuse,
    cyberEnabled: c.cyber_enabled,
    status: c.status,
    createdAt: c.created_at,
    finalisedAt: c.finalised_at,
    outcome: c.outcome_code !== null && c.recorded_at ? { code: c.outcome_code, at: c.recorded_at } : null,
    reports: reports.map((r) => ({
      id: r.id,
      reportedAt: r.reported_at,
      relationship: r.relationship,
      account: r.account,
      effects: r.effects,
      thrive: r.thrive,
      response: r.response,
      crimeDecision: r.crime_decision,
      crimeDecisionRationale: r.crime_decision_rationale,
      crimeDecidedAt: r.crime_decided_at,
    })),
    occasions: occasions.map((o) => ({
      reportId: o.report_id,
      from: o.occurred_from,
      to: o.occurred_to,
      place: o.place,
      channels: o.channels,
      platform: o.platform,
      accountName: o.account_name,
      behaviours: o.behaviours,
      fearOfViolence: o.fear_of_violence,
      times: o.times,
      description: o.description,
      breach: o.breached_order_id !== null,
    })),
    classifications: classifications.map((x) => ({ offence: x.offence, status: x.status, rationale: x.rationale, at: x.proposed_at })),
    riskAssessments: risks.map((r) => ({ stage: r.stage, finalGrade: r.final_grade, completedAt: r.completed_at, endorsedAt: r.endorsed_at })),
    riskPlans: plans.map((plan) => ({ grade: plan.risk_grade, reviewedOn: String(plan.reviewed_on), reviewDate: String(plan.review_date), actions: Array.isArray(plan.actions) ? plan.actions.length : 0 })),
    contacts: contacts.map((x) => ({ at: x.occurred_at, initiatedBy: x.initiated_by, chasingUpdate: x.chasing_update, method: x.method, discussed: x.discussed })),
    events: events.map((e) => ({ event: e.event, at: e.occurred_at, outcomeCode: e.outcome_code })),
    policeActions: actions.map((a) => ({ kind: a.kind, at: a.occurred_at, notes: a.notes, conditions: a.conditions })),
    orders: orders.map((o) => ({ type: o.type, status: o.status, madeOn: String(o.made_on) })),
    tasks: tasks.map((t) => ({ type: t.type, title: t.title, dueAt: t.due_at, status: t.status, completedAt: t.completed_at })),
  };
}

// ---------------------------------------------------------------------------
// Reviews

export interface ReviewRow {
  id: string;
  sampleCaseId: string;
  reviewerId: string;
  answers: Array<{ questionId: string; rating: string; comment?: string }>;
  victimAtRiskNow: boolean;
  riskConcern: string | null;
  summary: string | null;
  updatedAt: Date;
  version: number;
}

function toReview(r: {
  id: string;
  sample_case_id: string;
  reviewer_id: string;
  answers: unknown[];
  victim_at_risk_now: boolean;
  risk_concern: string | null;
  summary: string | null;
  updated_at: Date;
  version: number;
}): ReviewRow {
  return {
    id: r.id,
    sampleCaseId: r.sample_case_id,
    reviewerId: r.reviewer_id,
    answers: r.answers as ReviewRow['answers'],
    victimAtRiskNow: r.victim_at_risk_now,
    riskConcern: r.risk_concern,
    summary: r.summary,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

const REVIEW_COLUMNS = ['id', 'sample_case_id', 'reviewer_id', 'answers', 'victim_at_risk_now', 'risk_concern', 'summary', 'updated_at', 'version'] as const;

export async function reviewsOfSample(db: Db, sampleId: string): Promise<ReviewRow[]> {
  const rows = await db
    .selectFrom('oversight_reviews')
    .select([...REVIEW_COLUMNS])
    .where('sample_case_id', 'in', db.selectFrom('oversight_sample_cases').select('id').where('sample_id', '=', sampleId))
    .orderBy('created_at')
    .execute();
  return rows.map(toReview);
}

export async function getReview(db: Db, sampleCaseId: string, reviewerId: string): Promise<ReviewRow | undefined> {
  const row = await db.selectFrom('oversight_reviews').select([...REVIEW_COLUMNS]).where('sample_case_id', '=', sampleCaseId).where('reviewer_id', '=', reviewerId).executeTakeFirst();
  return row ? toReview(row) : undefined;
}

export interface ReviewValues {
  answers: unknown[];
  victimAtRiskNow: boolean;
  riskConcern: string | null;
  summary: string | null;
}

export async function insertReview(db: Db, sampleCaseId: string, reviewerId: string, v: ReviewValues, at: Date): Promise<string> {
  const row = await db
    .insertInto('oversight_reviews')
    .values({
      sample_case_id: sampleCaseId,
      reviewer_id: reviewerId,
      answers: JSON.stringify(v.answers),
      victim_at_risk_now: v.victimAtRiskNow,
      risk_concern: v.riskConcern,
      summary: v.summary,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateReview(db: Db, id: string, expectedVersion: number, v: ReviewValues, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('oversight_reviews')
    .set({ answers: JSON.stringify(v.answers), victim_at_risk_now: v.victimAtRiskNow, risk_concern: v.riskConcern, summary: v.summary, updated_at: at, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Users holding a role, for tasks addressed to a role rather than a team (the force lead). */
export async function activeUsersWithRole(db: Db, role: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select('u.id')
    .where('r.role', '=', role)
    .where('u.active', '=', true)
    .orderBy('u.username')
    .execute();
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------------------
// Observations and the force's responses

export interface ObservationRow {
  id: string;
  sampleId: string;
  text: string;
  createdAt: Date;
  response: string | null;
  respondedAt: Date | null;
  version: number;
}

export async function observationsOf(db: Db, sampleId: string): Promise<ObservationRow[]> {
  const rows = await db
    .selectFrom('oversight_observations')
    .select(['id', 'sample_id', 'text', 'created_at', 'response', 'responded_at', 'version'])
    .where('sample_id', '=', sampleId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, sampleId: r.sample_id, text: r.text, createdAt: r.created_at, response: r.response, respondedAt: r.responded_at, version: r.version }));
}

export async function insertObservation(db: Db, o: { sampleId: string; text: string; by: string; at: Date }): Promise<string> {
  const row = await db.insertInto('oversight_observations').values({ sample_id: o.sampleId, text: o.text, created_by: o.by, created_at: o.at }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function respondToObservation(db: Db, id: string, sampleId: string, expectedVersion: number, r: { text: string; by: string; at: Date }): Promise<boolean> {
  const result = await db
    .updateTable('oversight_observations')
    .set({ response: r.text, responded_by: r.by, responded_at: r.at, version: sql`version + 1` })
    .where('id', '=', id)
    .where('sample_id', '=', sampleId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------
// Recommendations register

export interface RecommendationRow {
  id: string;
  sourceKind: string;
  sourceTitle: string;
  sourceReference: string | null;
  sampleId: string | null;
  text: string;
  owner: string;
  dueOn: string;
  status: 'open' | 'in_progress' | 'implemented' | 'reality_tested' | 'closed';
  actions: Array<{ text: string; by: string; on: string }>;
  evidence: Array<{ description: string; addedBy: string; addedOn: string; reference?: string }>;
  realityTestingNotes: Array<{ note: string; by: string; on: string }>;
  history: Array<{ from: string; to: string; by: string; on: string; note?: string }>;
  createdAt: Date;
  version: number;
}

const RECOMMENDATION_COLUMNS = [
  'id',
  'source_kind',
  'source_title',
  'source_reference',
  'sample_id',
  'text',
  'owner',
  'due_on',
  'status',
  'actions',
  'evidence',
  'reality_testing_notes',
  'history',
  'created_at',
  'version',
] as const;

function toRecommendation(r: {
  id: string;
  source_kind: string;
  source_title: string;
  source_reference: string | null;
  sample_id: string | null;
  text: string;
  owner: string;
  due_on: string;
  status: RecommendationRow['status'];
  actions: unknown[];
  evidence: unknown[];
  reality_testing_notes: unknown[];
  history: unknown[];
  created_at: Date;
  version: number;
}): RecommendationRow {
  return {
    id: r.id,
    sourceKind: r.source_kind,
    sourceTitle: r.source_title,
    sourceReference: r.source_reference,
    sampleId: r.sample_id,
    text: r.text,
    owner: r.owner,
    dueOn: localDate(r.due_on),
    status: r.status,
    actions: r.actions as RecommendationRow['actions'],
    evidence: r.evidence as RecommendationRow['evidence'],
    realityTestingNotes: r.reality_testing_notes as RecommendationRow['realityTestingNotes'],
    history: r.history as RecommendationRow['history'],
    createdAt: r.created_at,
    version: r.version,
  };
}

/** Date columns come back as strings or as Dates depending on the driver. */
function localDate(value: unknown): string {
  if (value instanceof Date) return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
  return String(value).slice(0, 10);
}

export async function listRecommendations(db: Db): Promise<RecommendationRow[]> {
  const rows = await db.selectFrom('oversight_recommendations').select([...RECOMMENDATION_COLUMNS]).orderBy('due_on').orderBy('created_at').limit(500).execute();
  return rows.map(toRecommendation);
}

export async function getRecommendation(db: Db, id: string): Promise<RecommendationRow | undefined> {
  const row = await db.selectFrom('oversight_recommendations').select([...RECOMMENDATION_COLUMNS]).where('id', '=', id).executeTakeFirst();
  return row ? toRecommendation(row) : undefined;
}

export async function insertRecommendation(
  db: Db,
  r: { sourceKind: string; sourceTitle: string; sourceReference: string | null; sampleId: string | null; text: string; owner: string; dueOn: string; by: string; at: Date },
): Promise<string> {
  const row = await db
    .insertInto('oversight_recommendations')
    .values({
      source_kind: r.sourceKind,
      source_title: r.sourceTitle,
      source_reference: r.sourceReference,
      sample_id: r.sampleId,
      text: r.text,
      owner: r.owner,
      due_on: r.dueOn,
      created_by: r.by,
      created_at: r.at,
      updated_at: r.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function saveRecommendation(
  db: Db,
  id: string,
  expectedVersion: number,
  r: Pick<RecommendationRow, 'status' | 'actions' | 'evidence' | 'realityTestingNotes' | 'history'>,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('oversight_recommendations')
    .set({
      status: r.status,
      actions: JSON.stringify(r.actions),
      evidence: JSON.stringify(r.evidence),
      reality_testing_notes: JSON.stringify(r.realityTestingNotes),
      history: JSON.stringify(r.history),
      updated_at: at,
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
