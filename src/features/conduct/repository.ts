import { sql } from 'kysely';
import type { Db } from '../../platform/audit/audit-repository.ts';
import type { CaseLinkEventKind, PoliceActionKind } from '../../platform/db/schema.ts';

/** The only place the course-of-conduct feature writes SQL. */

export interface ConductCase {
  id: string;
  reference: string;
  suspectPersonId: string | null;
  status: 'open' | 'finalised';
  offence: string | null;
  alsoRecord: string[];
  restricted: boolean;
  restrictedContact: string | null;
  createdAt: Date;
  finalisedAt: Date | null;
  version: number;
  mergedIntoCaseId: string | null;
  mergedIntoReference: string | null;
  victimIds: string[];
}

export async function getCase(db: Db, id: string): Promise<ConductCase | undefined> {
  const row = await db
    .selectFrom('cases as c')
    .leftJoin('cases as m', 'm.id', 'c.merged_into_case_id')
    .select((eb) => [
      'c.id',
      'c.reference',
      'c.suspect_person_id',
      'c.status',
      'c.offence',
      'c.also_record',
      'c.restricted',
      'c.restricted_contact',
      'c.created_at',
      'c.finalised_at',
      'c.version',
      'c.merged_into_case_id',
      'm.reference as merged_into_reference',
      eb
        .selectFrom('case_victims')
        .select(sql<string[]>`coalesce(array_agg(person_id::text order by person_id), '{}')`.as('ids'))
        .whereRef('case_victims.case_id', '=', 'c.id')
        .as('victim_ids'),
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    reference: row.reference,
    suspectPersonId: row.suspect_person_id,
    status: row.status,
    offence: row.offence,
    alsoRecord: row.also_record,
    restricted: row.restricted,
    restrictedContact: row.restricted_contact,
    createdAt: row.created_at,
    finalisedAt: row.finalised_at,
    version: row.version,
    mergedIntoCaseId: row.merged_into_case_id,
    mergedIntoReference: row.merged_into_reference,
    victimIds: row.victim_ids ?? [],
  };
}

export async function caseIdByReference(db: Db, reference: string): Promise<string | undefined> {
  const row = await db.selectFrom('cases').select('id').where(sql`upper(reference)`, '=', reference.trim().toUpperCase()).executeTakeFirst();
  return row?.id;
}

export async function reportByReference(db: Db, reference: string): Promise<{ id: string; reference: string } | undefined> {
  return db.selectFrom('reports').select(['id', 'reference']).where(sql`upper(reference)`, '=', reference.trim().toUpperCase()).executeTakeFirst();
}

export async function reportExists(db: Db, id: string): Promise<{ id: string; reference: string } | undefined> {
  return db.selectFrom('reports').select(['id', 'reference']).where('id', '=', id).executeTakeFirst();
}

/** Cases with this suspect, with their victims: the candidates for a new report to join. */
export async function casesWithSuspect(db: Db, suspectPersonId: string) {
  const rows = await db
    .selectFrom('cases as c')
    .select((eb) => [
      'c.id',
      'c.reference',
      'c.suspect_person_id',
      'c.status',
      'c.finalised_at',
      'c.created_at',
      'c.merged_into_case_id',
      eb
        .selectFrom('case_victims')
        .select(sql<string[]>`coalesce(array_agg(person_id::text), '{}')`.as('ids'))
        .whereRef('case_victims.case_id', '=', 'c.id')
        .as('victim_ids'),
    ])
    .where('c.suspect_person_id', '=', suspectPersonId)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    suspectPersonId: r.suspect_person_id,
    status: r.status,
    finalisedAt: r.finalised_at,
    createdAt: r.created_at,
    mergedInto: r.merged_into_case_id,
    victimPersonIds: r.victim_ids ?? [],
  }));
}

async function nextCaseNumber(db: Db): Promise<number> {
  const { rows } = await sql<{ n: string }>`select nextval('case_reference_seq'::regclass)::text as n`.execute(db);
  return Number(rows[0]!.n);
}

/** Case references look like C-2026-000123 (the same form intake uses). */
export async function nextCaseReference(db: Db, year: number): Promise<string> {
  return `C-${year}-${String(await nextCaseNumber(db)).padStart(6, '0')}`;
}

export async function insertCase(
  db: Db,
  c: { reference: string; suspectPersonId: string | null; restricted: boolean; restrictedContact: string | null; domesticAbuse: boolean; cyberEnabled: boolean; at: Date },
): Promise<string> {
  const row = await db
    .insertInto('cases')
    .values({
      reference: c.reference,
      suspect_person_id: c.suspectPersonId,
      restricted: c.restricted,
      restricted_contact: c.restrictedContact,
      domestic_abuse: c.domesticAbuse,
      cyber_enabled: c.cyberEnabled,
      created_at: c.at,
      updated_at: c.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function addVictims(db: Db, caseId: string, personIds: readonly string[]): Promise<void> {
  if (personIds.length === 0) return;
  await db
    .insertInto('case_victims')
    .values([...new Set(personIds)].map((person_id) => ({ case_id: caseId, person_id })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function removeVictims(db: Db, caseId: string, personIds: readonly string[]): Promise<void> {
  if (personIds.length === 0) return;
  await db.deleteFrom('case_victims').where('case_id', '=', caseId).where('person_id', 'in', [...personIds]).execute();
}

export async function linkReports(db: Db, caseId: string, reportIds: readonly string[], link: { by: string | null; reason: string; at: Date }): Promise<void> {
  if (reportIds.length === 0) return;
  await db
    .insertInto('case_reports')
    .values(reportIds.map((report_id) => ({ case_id: caseId, report_id, linked_by: link.by, link_reason: link.reason, linked_at: link.at })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function unlinkReports(db: Db, caseId: string, reportIds: readonly string[]): Promise<void> {
  if (reportIds.length === 0) return;
  await db.deleteFrom('case_reports').where('case_id', '=', caseId).where('report_id', 'in', [...reportIds]).execute();
}

/** The cases a report is in. */
export async function casesOfReport(db: Db, reportId: string): Promise<Array<{ caseId: string; reference: string }>> {
  const rows = await db
    .selectFrom('case_reports as cr')
    .innerJoin('cases as c', 'c.id', 'cr.case_id')
    .select(['c.id', 'c.reference'])
    .where('cr.report_id', '=', reportId)
    .orderBy('cr.linked_at')
    .execute();
  return rows.map((r) => ({ caseId: r.id, reference: r.reference }));
}

/** Victims named (with a person record) on these reports. */
export async function victimsOfReports(db: Db, reportIds: readonly string[]): Promise<Array<{ reportId: string; personId: string }>> {
  if (reportIds.length === 0) return [];
  const rows = await db
    .selectFrom('report_parties')
    .select(['report_id', 'person_id'])
    .where('report_id', 'in', [...reportIds])
    .where('role', '=', 'victim')
    .where('person_id', 'is not', null)
    .execute();
  return rows.map((r) => ({ reportId: r.report_id, personId: r.person_id! }));
}

/** Bumps the case's version if it is still the one the user read. */
export async function touchCase(db: Db, caseId: string, expectedVersion: number | null, at: Date): Promise<boolean> {
  let query = db.updateTable('cases').set({ version: sql`version + 1`, updated_at: at }).where('id', '=', caseId);
  if (expectedVersion !== null) query = query.where('version', '=', expectedVersion);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertLinkEvent(
  db: Db,
  e: { caseId: string; kind: CaseLinkEventKind; otherCaseId?: string | null; reportIds?: readonly string[]; reason: string; details?: Record<string, unknown>; at: Date; by: string | null },
): Promise<void> {
  await db
    .insertInto('case_link_events')
    .values({
      case_id: e.caseId,
      kind: e.kind,
      other_case_id: e.otherCaseId ?? null,
      report_ids: sql`${sql.val([...(e.reportIds ?? [])])}::uuid[]`,
      reason: e.reason,
      details: JSON.stringify(e.details ?? {}),
      at: e.at,
      by_user_id: e.by,
    })
    .execute();
}

export interface LinkEventRow {
  id: string;
  kind: CaseLinkEventKind;
  otherCaseId: string | null;
  otherCaseReference: string | null;
  reportReferences: string[];
  reason: string;
  details: Record<string, unknown>;
  at: Date;
  byName: string | null;
}

export async function linkEvents(db: Db, caseId: string): Promise<LinkEventRow[]> {
  const rows = await db
    .selectFrom('case_link_events as e')
    .leftJoin('cases as o', 'o.id', 'e.other_case_id')
    .leftJoin('users as u', 'u.id', 'e.by_user_id')
    .select((eb) => [
      'e.id',
      'e.kind',
      'e.other_case_id',
      'o.reference as other_reference',
      'e.reason',
      'e.details',
      'e.at',
      'u.display_name',
      eb
        .selectFrom('reports as r')
        .select(sql<string[]>`coalesce(array_agg(r.reference order by r.reference), '{}')`.as('refs'))
        .where(sql<boolean>`r.id = any(e.report_ids)`)
        .as('report_refs'),
    ])
    .where('e.case_id', '=', caseId)
    .orderBy('e.at', 'desc')
    .orderBy('e.seq', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    otherCaseId: r.other_case_id,
    otherCaseReference: r.other_reference,
    reportReferences: r.report_refs ?? [],
    reason: r.reason,
    details: r.details,
    at: r.at,
    byName: r.display_name,
  }));
}

// ---- Timeline: one query per kind of row, for the whole case ----

export interface CaseReportRow {
  id: string;
  reference: string;
  status: 'draft' | 'submitted';
  reportedAt: Date;
  crimeDecision: 'crime' | 'non-crime' | null;
  crimeDecidedAt: Date | null;
  linkedAt: Date;
  linkReason: string;
  otherCases: number;
  suggestedPrincipal: string | null;
}

export async function reportsOfCase(db: Db, caseId: string): Promise<CaseReportRow[]> {
  const rows = await db
    .selectFrom('case_reports as cr')
    .innerJoin('reports as r', 'r.id', 'cr.report_id')
    .select((eb) => [
      'r.id',
      'r.reference',
      'r.status',
      'r.reported_at',
      'r.crime_decision',
      'r.crime_decided_at',
      'cr.linked_at',
      'cr.link_reason',
      sql<string | null>`r.suggestion->>'principal'`.as('principal'),
      eb
        .selectFrom('case_reports as o')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('o.report_id', '=', 'r.id')
        .whereRef('o.case_id', '<>', 'cr.case_id')
        .as('other_cases'),
    ])
    .where('cr.case_id', '=', caseId)
    .orderBy('r.reported_at')
    .orderBy('r.reference')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    status: r.status,
    reportedAt: r.reported_at,
    crimeDecision: r.crime_decision,
    crimeDecidedAt: r.crime_decided_at,
    linkedAt: r.linked_at,
    linkReason: r.link_reason,
    otherCases: Number(r.other_cases ?? 0),
    suggestedPrincipal: r.principal,
  }));
}

export interface OccasionRow {
  id: string;
  reportId: string;
  reportReference: string;
  occurredFrom: Date;
  occurredTo: Date | null;
  place: string | null;
  channels: string[];
  platform: string | null;
  behaviours: string[];
  fearOfViolence: boolean;
  times: number;
  description: string | null;
  breachedOrderId: string | null;
}

export async function occasionsOfCase(db: Db, caseId: string): Promise<OccasionRow[]> {
  const rows = await db
    .selectFrom('occasions as o')
    .innerJoin('case_reports as cr', 'cr.report_id', 'o.report_id')
    .innerJoin('reports as r', 'r.id', 'o.report_id')
    .select([
      'o.id',
      'o.report_id',
      'r.reference',
      'o.occurred_from',
      'o.occurred_to',
      'o.place',
      'o.channels',
      'o.platform',
      'o.behaviours',
      'o.fear_of_violence',
      'o.times',
      'o.description',
      'o.breached_order_id',
    ])
    .where('cr.case_id', '=', caseId)
    .orderBy('o.occurred_from')
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reportId: r.report_id,
    reportReference: r.reference,
    occurredFrom: r.occurred_from,
    occurredTo: r.occurred_to,
    place: r.place,
    channels: r.channels,
    platform: r.platform,
    behaviours: r.behaviours,
    fearOfViolence: r.fear_of_violence,
    times: r.times,
    description: r.description,
    breachedOrderId: r.breached_order_id,
  }));
}

export interface ClassificationRow {
  id: string;
  offence: string;
  alsoRecord: string[];
  status: 'proposed' | 'confirmed' | 'rejected' | 'superseded';
  proposedAt: Date;
  decidedAt: Date | null;
  rationale: string | null;
  decisionReason: string | null;
}

export async function classificationsOfCase(db: Db, caseId: string): Promise<ClassificationRow[]> {
  const rows = await db
    .selectFrom('classifications')
    .select(['id', 'offence', 'also_record', 'status', 'proposed_at', 'decided_at', 'rationale', 'decision_reason'])
    .where('case_id', '=', caseId)
    .orderBy('proposed_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    offence: r.offence,
    alsoRecord: r.also_record,
    status: r.status,
    proposedAt: r.proposed_at,
    decidedAt: r.decided_at,
    rationale: r.rationale,
    decisionReason: r.decision_reason,
  }));
}

export interface OrderRow {
  id: string;
  type: string;
  status: string;
  madeOn: string;
  expiresOn: string | null;
  court: string | null;
  prohibitions: string | null;
  protectedPersons: number;
}

/** Orders on the case, or against its suspect protecting one of its victims. */
export async function ordersOfCase(db: Db, caseId: string, suspectPersonId: string | null): Promise<OrderRow[]> {
  const rows = await db
    .selectFrom('orders as o')
    .select((eb) => [
      'o.id',
      'o.type',
      'o.status',
      'o.made_on',
      'o.expires_on',
      'o.court',
      'o.prohibitions',
      eb
        .selectFrom('order_protected_persons as p')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('p.order_id', '=', 'o.id')
        .as('protected_count'),
    ])
    .where((eb) =>
      eb.or([
        eb('o.case_id', '=', caseId),
        ...(suspectPersonId
          ? [
              eb.and([
                eb('o.subject_person_id', '=', suspectPersonId),
                eb.exists(
                  eb
                    .selectFrom('order_protected_persons as p')
                    .innerJoin('case_victims as v', 'v.person_id', 'p.person_id')
                    .select('p.order_id')
                    .whereRef('p.order_id', '=', 'o.id')
                    .where('v.case_id', '=', caseId),
                ),
              ]),
            ]
          : []),
      ]),
    )
    .orderBy('o.made_on')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    status: r.status,
    madeOn: String(r.made_on).slice(0, 10),
    expiresOn: r.expires_on ? String(r.expires_on).slice(0, 10) : null,
    court: r.court,
    prohibitions: r.prohibitions,
    protectedPersons: Number(r.protected_count ?? 0),
  }));
}

export interface PoliceActionRow {
  id: string;
  kind: PoliceActionKind;
  occurredAt: Date;
  bailUntil: string | null;
  conditions: string | null;
  notes: string | null;
}

export async function policeActionsOfCase(db: Db, caseId: string): Promise<PoliceActionRow[]> {
  const rows = await db
    .selectFrom('police_actions')
    .select(['id', 'kind', 'occurred_at', 'bail_until', 'conditions', 'notes'])
    .where('case_id', '=', caseId)
    .orderBy('occurred_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    occurredAt: r.occurred_at,
    bailUntil: r.bail_until ? String(r.bail_until).slice(0, 10) : null,
    conditions: r.conditions,
    notes: r.notes,
  }));
}

export interface CaseTaskRow {
  id: string;
  type: string;
  title: string;
  status: 'open' | 'done' | 'cancelled';
  createdAt: Date;
  dueAt: Date;
  completedAt: Date | null;
  ownerTeam: string | null;
}

export async function tasksOfCase(db: Db, caseId: string): Promise<CaseTaskRow[]> {
  const rows = await db
    .selectFrom('tasks')
    .select(['id', 'type', 'title', 'status', 'created_at', 'due_at', 'completed_at', 'owner_team'])
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    title: r.title,
    status: r.status,
    createdAt: r.created_at,
    dueAt: r.due_at,
    completedAt: r.completed_at,
    ownerTeam: r.owner_team,
  }));
}

export interface RiskAssessmentRow {
  id: string;
  stage: 'initial' | 'enhanced';
  toolId: string;
  score: number;
  finalGrade: string | null;
  completedAt: Date;
  endorsedAt: Date | null;
}

export async function riskAssessmentsOfCase(db: Db, caseId: string): Promise<RiskAssessmentRow[]> {
  const rows = await db
    .selectFrom('risk_assessments')
    .select(['id', 'stage', 'tool_id', 'score', 'final_grade', 'completed_at', 'endorsed_at'])
    .where('case_id', '=', caseId)
    .orderBy('completed_at')
    .execute();
  return rows.map((r) => ({ id: r.id, stage: r.stage, toolId: r.tool_id, score: r.score, finalGrade: r.final_grade, completedAt: r.completed_at, endorsedAt: r.endorsed_at }));
}

export interface VictimContactRow {
  id: string;
  occurredAt: Date;
  initiatedBy: 'victim' | 'police' | 'other';
  chasingUpdate: boolean;
  method: string;
  victimWish: string | null;
}

export async function victimContactsOfCase(db: Db, caseId: string): Promise<VictimContactRow[]> {
  const rows = await db
    .selectFrom('victim_contacts')
    .select(['id', 'occurred_at', 'initiated_by', 'chasing_update', 'method', 'victim_wish'])
    .where('case_id', '=', caseId)
    .orderBy('occurred_at')
    .execute();
  return rows.map((r) => ({ id: r.id, occurredAt: r.occurred_at, initiatedBy: r.initiated_by, chasingUpdate: r.chasing_update, method: r.method, victimWish: r.victim_wish }));
}

export interface ReferralRow {
  id: string;
  serviceCode: string;
  status: 'offered' | 'declined' | 'made' | 'taken-up';
  at: Date;
  takenUpAt: Date | null;
}

export async function referralsOfCase(db: Db, caseId: string): Promise<ReferralRow[]> {
  const rows = await db
    .selectFrom('victim_referrals')
    .select(['id', 'service_code', 'status', 'offered_at', 'made_at', 'created_at', 'taken_up_at'])
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, serviceCode: r.service_code, status: r.status, at: r.offered_at ?? r.made_at ?? r.created_at, takenUpAt: r.taken_up_at }));
}

// ---- Writes for batch occasions, police actions, merging ----

export interface NewOccasion {
  reportId: string;
  occurredFrom: Date;
  channels: string[];
  behaviours: string[];
  place: string | null;
  description: string;
  fearOfViolence?: boolean;
  times?: number;
  breachedOrderId?: string | null;
}

export async function insertOccasions(db: Db, occasions: readonly NewOccasion[]): Promise<string[]> {
  if (occasions.length === 0) return [];
  const rows = await db
    .insertInto('occasions')
    .values(
      occasions.map((o) => ({
        report_id: o.reportId,
        occurred_from: o.occurredFrom,
        channels: o.channels,
        behaviours: o.behaviours,
        place: o.place,
        description: o.description,
        fear_of_violence: o.fearOfViolence ?? false,
        times: o.times ?? 1,
        breached_order_id: o.breachedOrderId ?? null,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function insertPoliceAction(
  db: Db,
  a: { caseId: string; personId: string | null; kind: PoliceActionKind; occurredAt: Date; bailUntil: string | null; conditions: string | null; notes: string | null; by: string | null },
): Promise<string> {
  const row = await db
    .insertInto('police_actions')
    .values({
      case_id: a.caseId,
      person_id: a.personId,
      kind: a.kind,
      occurred_at: a.occurredAt,
      bail_until: a.bailUntil,
      conditions: a.conditions,
      notes: a.notes,
      recorded_by: a.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Moves what belongs to the conduct from one case to another (reports, victims, orders, open tasks, police actions). */
export async function moveCaseContents(db: Db, fromCaseId: string, toCaseId: string, link: { by: string | null; reason: string; at: Date }): Promise<string[]> {
  const reports = await db.selectFrom('case_reports').select('report_id').where('case_id', '=', fromCaseId).execute();
  const reportIds = reports.map((r) => r.report_id);
  await linkReports(db, toCaseId, reportIds, link);
  await db.deleteFrom('case_reports').where('case_id', '=', fromCaseId).execute();
  const victims = await db.selectFrom('case_victims').select('person_id').where('case_id', '=', fromCaseId).execute();
  await addVictims(
    db,
    toCaseId,
    victims.map((v) => v.person_id),
  );
  await db.updateTable('orders').set({ case_id: toCaseId }).where('case_id', '=', fromCaseId).execute();
  await db.updateTable('tasks').set({ case_id: toCaseId }).where('case_id', '=', fromCaseId).where('status', '=', 'open').execute();
  await db.updateTable('police_actions').set({ case_id: toCaseId }).where('case_id', '=', fromCaseId).execute();
  return reportIds;
}

export async function markMerged(db: Db, caseId: string, intoCaseId: string, at: Date): Promise<void> {
  await db
    .updateTable('cases')
    .set({ merged_into_case_id: intoCaseId, merged_at: at, updated_at: at, version: sql`version + 1` })
    .where('id', '=', caseId)
    .execute();
}

export async function setSuspectAndRestriction(
  db: Db,
  caseId: string,
  change: { suspectPersonId?: string | null; restricted?: boolean; restrictedContact?: string | null },
): Promise<void> {
  const set: Record<string, unknown> = {};
  if (change.suspectPersonId !== undefined) set.suspect_person_id = change.suspectPersonId;
  if (change.restricted !== undefined) set.restricted = change.restricted;
  if (change.restrictedContact !== undefined) set.restricted_contact = change.restrictedContact;
  if (Object.keys(set).length === 0) return;
  await db.updateTable('cases').set(set).where('id', '=', caseId).execute();
}

/** Names on a case's record_access carried to another case (restrictions are kept, never loosened). */
export async function copyRecordAccess(db: Db, fromCaseId: string, toCaseId: string, grantedBy: string | null): Promise<void> {
  const rows = await db.selectFrom('record_access').select('user_id').where('record_type', '=', 'case').where('record_id', '=', fromCaseId).execute();
  if (rows.length === 0) return;
  await db
    .insertInto('record_access')
    .values(rows.map((r) => ({ record_type: 'case', record_id: toCaseId, user_id: r.user_id, granted_by: grantedBy })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function isNamedOnCase(db: Db, caseId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('record_access')
    .select('user_id')
    .where('record_type', '=', 'case')
    .where('record_id', '=', caseId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return !!row;
}

export async function nameOnCase(db: Db, caseId: string, userId: string, grantedBy: string | null): Promise<void> {
  await db
    .insertInto('record_access')
    .values({ record_type: 'case', record_id: caseId, user_id: userId, granted_by: grantedBy })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The latest confirmed classification of a case, if any. */
export async function confirmedOffence(db: Db, caseId: string): Promise<{ offence: string; alsoRecord: string[] } | undefined> {
  const row = await db
    .selectFrom('classifications')
    .select(['offence', 'also_record'])
    .where('case_id', '=', caseId)
    .where('status', '=', 'confirmed')
    .orderBy('decided_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { offence: row.offence, alsoRecord: row.also_record } : undefined;
}

// ---------------------------------------------------------------------------
// The edited course-of-conduct summary
// ---------------------------------------------------------------------------

export interface SavedSummary {
  text: string;
  generatedFrom: string;
  editedBy: string;
  editedByName: string;
  editedAt: Date;
  version: number;
}

export async function getSummary(db: Db, caseId: string): Promise<SavedSummary | undefined> {
  const row = await db
    .selectFrom('case_summaries as s')
    .innerJoin('users as u', 'u.id', 's.edited_by')
    .select(['s.text', 's.generated_from', 's.edited_by', 'u.display_name', 's.edited_at', 's.version'])
    .where('s.case_id', '=', caseId)
    .executeTakeFirst();
  return row && { text: row.text, generatedFrom: row.generated_from, editedBy: row.edited_by, editedByName: row.display_name, editedAt: row.edited_at, version: row.version };
}

/** Saves the summary if nobody has saved it since `expectedVersion` was read (0: not saved before). */
export async function saveSummary(db: Db, caseId: string, expectedVersion: number, s: { text: string; generatedFrom: string; by: string; at: Date }): Promise<boolean> {
  if (expectedVersion === 0) {
    const inserted = await db
      .insertInto('case_summaries')
      .values({ case_id: caseId, text: s.text, generated_from: s.generatedFrom, edited_by: s.by, edited_at: s.at })
      .onConflict((oc) => oc.column('case_id').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const updated = await db
    .updateTable('case_summaries')
    .set({ text: s.text, generated_from: s.generatedFrom, edited_by: s.by, edited_at: s.at, version: sql`version + 1` })
    .where('case_id', '=', caseId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** How many distinct victims a suspect has across every case, and the count at the last serial perpetrator alert. */
export async function victimsOfSuspect(db: Db, personId: string): Promise<{ victims: number; alertedAtVictims: number }> {
  const counted = await db
    .selectFrom('case_victims as cv')
    .innerJoin('cases as c', 'c.id', 'cv.case_id')
    .select(sql<number>`count(distinct cv.person_id)::int`.as('n'))
    .where('c.suspect_person_id', '=', personId)
    .where('cv.person_id', '<>', personId)
    .executeTakeFirstOrThrow();
  const last = await db
    .selectFrom('tasks')
    .select(sql<number>`coalesce(max((details->>'victims')::int), 0)`.as('n'))
    .where('type', '=', 'serial-perpetrator-review')
    .where(sql<boolean>`details->>'personId' = ${personId}`)
    .executeTakeFirstOrThrow();
  return { victims: counted.n, alertedAtVictims: last.n };
}
