import { sql } from 'kysely';
import type { Db } from '../../platform/audit/audit-repository.ts';
import type { CourtSupportRecord, SpecialMeasure, SpecialMeasuresNeed, WithdrawalRecord } from '../../domain/victims/index.ts';

// ---------------------------------------------------------------------------
// The case and its victims

export interface VictimCase {
  id: string;
  reference: string;
  status: 'open' | 'finalised';
  offence: string | null;
  suggestedOffence: string | null;
  alsoRecord: string[];
  domesticAbuse: boolean;
  ownerTeam: string | null;
  ownerUserId: string | null;
  restricted: boolean;
  restrictedContact: string | null;
  mergedIntoCaseId: string | null;
}

export async function getCase(db: Db, id: string): Promise<VictimCase | undefined> {
  const row = await db
    .selectFrom('cases as c')
    .select((eb) => [
      'c.id',
      'c.reference',
      'c.status',
      'c.offence',
      'c.also_record',
      'c.domestic_abuse',
      'c.owner_team',
      'c.owner_user_id',
      'c.restricted',
      'c.restricted_contact',
      'c.merged_into_case_id',
      eb
        .selectFrom('reports as r')
        .innerJoin('case_reports as cr', 'cr.report_id', 'r.id')
        .select(sql<string | null>`r.suggestion->>'principal'`.as('p'))
        .whereRef('cr.case_id', '=', 'c.id')
        .where('r.suggestion', 'is not', null)
        .orderBy('r.reported_at', 'desc')
        .limit(1)
        .as('suggested'),
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    offence: row.offence,
    suggestedOffence: row.suggested ?? null,
    alsoRecord: row.also_record,
    domesticAbuse: row.domestic_abuse,
    ownerTeam: row.owner_team,
    ownerUserId: row.owner_user_id,
    restricted: row.restricted,
    restrictedContact: row.restricted_contact,
    mergedIntoCaseId: row.merged_into_case_id,
  };
}

export interface VictimPerson {
  personId: string;
  forenames: string;
  surname: string;
  dateOfBirth: string | null;
}

export async function victimsOfCase(db: Db, caseId: string): Promise<VictimPerson[]> {
  const rows = await db
    .selectFrom('case_victims as v')
    .innerJoin('people as p', 'p.id', 'v.person_id')
    .select(['p.id', 'p.forenames', 'p.surname', 'p.date_of_birth'])
    .where('v.case_id', '=', caseId)
    .orderBy('p.surname')
    .orderBy('p.forenames')
    .execute();
  return rows.map((r) => ({ personId: r.id, forenames: r.forenames, surname: r.surname, dateOfBirth: r.date_of_birth }));
}

export interface VictimReportFacts {
  indicators: string[];
  firstReportedAt: Date | null;
  reportsAsVictim: number;
}

/** Intake indicators on this case's reports that name the person as victim, and how many reports anywhere name them so. */
export async function reportFactsForVictim(db: Db, caseId: string, personId: string): Promise<VictimReportFacts> {
  const onCase = await db
    .selectFrom('reports as r')
    .innerJoin('case_reports as cr', 'cr.report_id', 'r.id')
    .innerJoin('report_parties as rp', 'rp.report_id', 'r.id')
    .select(['r.indicators', 'r.reported_at'])
    .where('cr.case_id', '=', caseId)
    .where('rp.person_id', '=', personId)
    .where('rp.role', '=', 'victim')
    .orderBy('r.reported_at')
    .execute();
  const counted = await db
    .selectFrom('report_parties as rp')
    .innerJoin('reports as r', 'r.id', 'rp.report_id')
    .select(sql<number>`count(distinct r.id)::int`.as('n'))
    .where('rp.person_id', '=', personId)
    .where('rp.role', '=', 'victim')
    .where('r.status', '=', 'submitted')
    .executeTakeFirstOrThrow();
  return {
    indicators: [...new Set(onCase.flatMap((r) => r.indicators))],
    firstReportedAt: onCase[0]?.reported_at ?? null,
    reportsAsVictim: counted.n,
  };
}

// ---------------------------------------------------------------------------
// Profiles and the named contact

export interface ProfileRow {
  id: string;
  caseId: string;
  personId: string;
  raisedToEnhanced: boolean;
  raiseReason: string | null;
  language: string | null;
  interpreterNeeded: boolean;
  preferredMethod: string | null;
  safeTimes: string | null;
  safeToLeaveMessage: boolean | null;
  otherNeeds: string | null;
  contactUserId: string | null;
  contactName: string | null;
  contactRole: 'officer-in-case' | 'spoc' | null;
  updatedAt: Date;
  version: number;
}

/** Creates the profiles a case's victims do not yet have. */
export async function ensureProfiles(db: Db, caseId: string, personIds: string[]): Promise<void> {
  if (personIds.length === 0) return;
  await db
    .insertInto('victim_profiles')
    .values(personIds.map((person_id) => ({ case_id: caseId, person_id })))
    .onConflict((oc) => oc.columns(['case_id', 'person_id']).doNothing())
    .execute();
}

export async function profilesOfCase(db: Db, caseId: string): Promise<ProfileRow[]> {
  const rows = await db
    .selectFrom('victim_profiles as v')
    .leftJoin('users as u', 'u.id', 'v.contact_user_id')
    .selectAll('v')
    .select('u.display_name as contact_name')
    .where('v.case_id', '=', caseId)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    personId: r.person_id,
    raisedToEnhanced: r.raised_to_enhanced,
    raiseReason: r.raise_reason,
    language: r.language,
    interpreterNeeded: r.interpreter_needed,
    preferredMethod: r.preferred_method,
    safeTimes: r.safe_times,
    safeToLeaveMessage: r.safe_to_leave_message,
    otherNeeds: r.other_needs,
    contactUserId: r.contact_user_id,
    contactName: r.contact_name,
    contactRole: r.contact_role,
    updatedAt: r.updated_at,
    version: r.version,
  }));
}

export interface ProfileChange {
  raisedToEnhanced: boolean;
  raiseReason: string | null;
  language: string | null;
  interpreterNeeded: boolean;
  preferredMethod: string | null;
  safeTimes: string | null;
  safeToLeaveMessage: boolean | null;
  otherNeeds: string | null;
  contactUserId: string | null;
  contactRole: 'officer-in-case' | 'spoc' | null;
}

export async function updateProfile(db: Db, id: string, expectedVersion: number, change: ProfileChange, by: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('victim_profiles')
    .set({
      raised_to_enhanced: change.raisedToEnhanced,
      raise_reason: change.raiseReason,
      language: change.language,
      interpreter_needed: change.interpreterNeeded,
      preferred_method: change.preferredMethod,
      safe_times: change.safeTimes,
      safe_to_leave_message: change.safeToLeaveMessage,
      other_needs: change.otherNeeds,
      contact_user_id: change.contactUserId,
      contact_role: change.contactRole,
      updated_at: at,
      updated_by: by,
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertHandover(
  db: Db,
  h: { caseId: string; personId: string; fromUserId: string | null; toUserId: string | null; role: string | null; reason: string | null; at: Date; by: string },
): Promise<void> {
  await db
    .insertInto('victim_contact_handovers')
    .values({ case_id: h.caseId, person_id: h.personId, from_user_id: h.fromUserId, to_user_id: h.toUserId, role: h.role, reason: h.reason, at: h.at, by_user_id: h.by })
    .execute();
}

export interface HandoverRow {
  personId: string;
  fromName: string | null;
  toName: string | null;
  role: string | null;
  reason: string | null;
  at: Date;
}

export async function handoversOfCase(db: Db, caseId: string): Promise<HandoverRow[]> {
  const rows = await db
    .selectFrom('victim_contact_handovers as h')
    .leftJoin('users as f', 'f.id', 'h.from_user_id')
    .leftJoin('users as t', 't.id', 'h.to_user_id')
    .select(['h.person_id', 'f.display_name as from_name', 't.display_name as to_name', 'h.role', 'h.reason', 'h.at'])
    .where('h.case_id', '=', caseId)
    .orderBy('h.at', 'desc')
    .orderBy('h.seq', 'desc')
    .execute();
  return rows.map((r) => ({ personId: r.person_id, fromName: r.from_name, toName: r.to_name, role: r.role, reason: r.reason, at: r.at }));
}

export interface ContactCandidate {
  id: string;
  displayName: string;
  roles: string[];
}

/** Active users who can be a victim's named contact: those whose roles let them contact victims. */
export async function contactCandidates(db: Db, roles: readonly string[]): Promise<ContactCandidate[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.display_name', sql<string[]>`array_agg(r.role order by r.role)`.as('roles')])
    .where('u.active', '=', true)
    .where('u.is_service', '=', false)
    .where('r.role', 'in', [...roles])
    .groupBy(['u.id', 'u.display_name'])
    .orderBy('u.display_name')
    .execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, roles: r.roles }));
}

export async function teamsOfUser(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('user_teams').select('team_code').where('user_id', '=', userId).orderBy('team_code').execute();
  return rows.map((r) => r.team_code);
}

// ---------------------------------------------------------------------------
// Events and duties

export async function insertEvent(
  db: Db,
  e: { caseId: string; event: string; at: Date; victimConsulted: boolean | null; bailUntil: string | null; outcomeCode: number | null; notes: string | null; by: string },
): Promise<string> {
  const row = await db
    .insertInto('victim_events')
    .values({
      case_id: e.caseId,
      event: e.event,
      occurred_at: e.at,
      victim_consulted: e.victimConsulted,
      bail_until: e.bailUntil,
      outcome_code: e.outcomeCode,
      notes: e.notes,
      recorded_by: e.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface EventRow {
  id: string;
  event: string;
  occurredAt: Date;
  victimConsulted: boolean | null;
  bailUntil: string | null;
  outcomeCode: number | null;
  notes: string | null;
  recordedByName: string | null;
}

export async function eventsOfCase(db: Db, caseId: string): Promise<EventRow[]> {
  const rows = await db
    .selectFrom('victim_events as e')
    .leftJoin('users as u', 'u.id', 'e.recorded_by')
    .select(['e.id', 'e.event', 'e.occurred_at', 'e.victim_consulted', 'e.bail_until', 'e.outcome_code', 'e.notes', 'u.display_name'])
    .where('e.case_id', '=', caseId)
    .orderBy('e.occurred_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    event: r.event,
    occurredAt: r.occurred_at,
    victimConsulted: r.victim_consulted,
    bailUntil: r.bail_until,
    outcomeCode: r.outcome_code,
    notes: r.notes,
    recordedByName: r.display_name,
  }));
}

export async function insertDuty(
  db: Db,
  d: { eventId: string; caseId: string; personId: string; kind: 'tell-victim' | 'consult-victim-bail'; entitlement: 'enhanced' | 'standard'; dueAt: Date; taskId: string },
): Promise<string> {
  const row = await db
    .insertInto('victim_duties')
    .values({ event_id: d.eventId, case_id: d.caseId, person_id: d.personId, kind: d.kind, entitlement: d.entitlement, due_at: d.dueAt, task_id: d.taskId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface DutyRow {
  id: string;
  eventId: string;
  event: string;
  eventAt: Date;
  caseId: string;
  personId: string;
  kind: 'tell-victim' | 'consult-victim-bail';
  entitlement: 'enhanced' | 'standard';
  dueAt: Date;
  taskId: string | null;
  taskStatus: 'open' | 'done' | 'cancelled' | null;
  doneAt: Date | null;
}

function selectDuties(db: Db) {
  return db
    .selectFrom('victim_duties as d')
    .innerJoin('victim_events as e', 'e.id', 'd.event_id')
    .leftJoin('tasks as t', 't.id', 'd.task_id')
    .select(['d.id', 'd.event_id', 'e.event', 'e.occurred_at', 'd.case_id', 'd.person_id', 'd.kind', 'd.entitlement', 'd.due_at', 'd.task_id', 't.status as task_status', 'd.done_at', 't.completed_at']);
}

type DutySelect = Awaited<ReturnType<ReturnType<typeof selectDuties>['execute']>>[number];

function toDuty(r: DutySelect): DutyRow {
  return {
    id: r.id,
    eventId: r.event_id,
    event: r.event,
    eventAt: r.occurred_at,
    caseId: r.case_id,
    personId: r.person_id,
    kind: r.kind,
    entitlement: r.entitlement,
    dueAt: r.due_at,
    taskId: r.task_id,
    taskStatus: r.task_status,
    // A duty closed through the task list counts as done when its task was completed.
    doneAt: r.done_at ?? (r.task_status === 'done' ? r.completed_at : null),
  };
}

export async function dutiesOfCase(db: Db, caseId: string): Promise<DutyRow[]> {
  const rows = await selectDuties(db).where('d.case_id', '=', caseId).orderBy('d.due_at').execute();
  return rows.map(toDuty);
}

/** Marks duties done by a contact and closes their tasks. Returns the duties it closed. */
export async function completeDuties(db: Db, caseId: string, personId: string, dutyIds: string[], done: { contactId: string; by: string; at: Date }): Promise<string[]> {
  if (dutyIds.length === 0) return [];
  const rows = await db
    .updateTable('victim_duties')
    .set({ done_at: done.at, done_contact_id: done.contactId })
    .where('id', 'in', dutyIds)
    .where('case_id', '=', caseId)
    .where('person_id', '=', personId)
    .where('done_at', 'is', null)
    .returning(['id', 'task_id'])
    .execute();
  const taskIds = rows.map((r) => r.task_id).filter((t): t is string => !!t);
  if (taskIds.length > 0) {
    await db
      .updateTable('tasks')
      .set({ status: 'done', outcome: 'Victim told (recorded on the contact log)', completed_by: done.by, completed_at: done.at, version: sql`version + 1` })
      .where('id', 'in', taskIds)
      .where('status', '=', 'open')
      .execute();
  }
  return rows.map((r) => r.id);
}

export interface OverdueDuty {
  dutyId: string;
  taskId: string;
  caseId: string;
  caseReference: string;
  restricted: boolean;
  personId: string;
  event: string;
  eventAt: Date;
  kind: 'tell-victim' | 'consult-victim-bail';
  entitlement: 'enhanced' | 'standard';
  dueAt: Date;
  ownerTeam: string | null;
  ownerName: string | null;
  chases: number;
}

/** Open duties past their due time for tasks owned by these teams, the longest overdue first. */
export async function overdueDuties(db: Db, teams: string[], now: Date, limit = 500): Promise<OverdueDuty[]> {
  if (teams.length === 0) return [];
  const rows = await db
    .selectFrom('victim_duties as d')
    .innerJoin('victim_events as e', 'e.id', 'd.event_id')
    .innerJoin('tasks as t', 't.id', 'd.task_id')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .leftJoin('users as u', 'u.id', 't.owner_user_id')
    .select((eb) => [
      'd.id',
      'd.task_id',
      'd.case_id',
      'c.reference',
      'c.restricted',
      'd.person_id',
      'e.event',
      'e.occurred_at',
      'd.kind',
      'd.entitlement',
      'd.due_at',
      't.owner_team',
      'u.display_name',
      eb
        .selectFrom('victim_contacts as vc')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('vc.case_id', '=', 'd.case_id')
        .where('vc.chasing_update', '=', true)
        .as('chases'),
    ])
    .where('t.status', '=', 'open')
    .where('d.done_at', 'is', null)
    .where('d.due_at', '<', now)
    .where('t.owner_team', 'in', teams)
    .orderBy('d.due_at')
    .orderBy('c.reference')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    dutyId: r.id,
    taskId: r.task_id!,
    caseId: r.case_id,
    caseReference: r.reference,
    restricted: r.restricted,
    personId: r.person_id,
    event: r.event,
    eventAt: r.occurred_at,
    kind: r.kind,
    entitlement: r.entitlement,
    dueAt: r.due_at,
    ownerTeam: r.owner_team,
    ownerName: r.display_name,
    chases: r.chases ?? 0,
  }));
}

// ---------------------------------------------------------------------------
// Contact log

export interface NewContact {
  caseId: string;
  personId: string;
  at: Date;
  initiatedBy: 'victim' | 'police' | 'other';
  chasingUpdate: boolean;
  method: string;
  discussed: string;
  safetyAdvice: string | null;
  victimWish: 'supports-prosecution' | 'does-not-support' | 'undecided' | null;
  by: string;
}

export async function insertContact(db: Db, c: NewContact): Promise<string> {
  const row = await db
    .insertInto('victim_contacts')
    .values({
      case_id: c.caseId,
      person_id: c.personId,
      occurred_at: c.at,
      initiated_by: c.initiatedBy,
      chasing_update: c.chasingUpdate,
      method: c.method,
      discussed: c.discussed,
      safety_advice: c.safetyAdvice,
      victim_wish: c.victimWish,
      recorded_by: c.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface ContactRow {
  id: string;
  personId: string;
  at: Date;
  initiatedBy: 'victim' | 'police' | 'other';
  chasingUpdate: boolean;
  method: string;
  discussed: string;
  safetyAdvice: string | null;
  victimWish: string | null;
  recordedByName: string | null;
}

export async function contactsOfCase(db: Db, caseId: string): Promise<ContactRow[]> {
  const rows = await db
    .selectFrom('victim_contacts as c')
    .leftJoin('users as u', 'u.id', 'c.recorded_by')
    .select(['c.id', 'c.person_id', 'c.occurred_at', 'c.initiated_by', 'c.chasing_update', 'c.method', 'c.discussed', 'c.safety_advice', 'c.victim_wish', 'u.display_name'])
    .where('c.case_id', '=', caseId)
    .orderBy('c.occurred_at', 'desc')
    .orderBy('c.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    at: r.occurred_at,
    initiatedBy: r.initiated_by,
    chasingUpdate: r.chasing_update,
    method: r.method,
    discussed: r.discussed,
    safetyAdvice: r.safety_advice,
    victimWish: r.victim_wish,
    recordedByName: r.display_name,
  }));
}

// ---------------------------------------------------------------------------
// Referrals

export interface ReferralRow {
  id: string;
  personId: string;
  serviceCode: string;
  status: 'offered' | 'declined' | 'made' | 'taken-up';
  consent: boolean;
  consentNote: string | null;
  offeredAt: Date | null;
  madeAt: Date | null;
  takenUpAt: Date | null;
  declinedAt: Date | null;
  outcome: string | null;
  updatedAt: Date;
  version: number;
}

function toReferral(r: {
  id: string;
  person_id: string;
  service_code: string;
  status: ReferralRow['status'];
  consent: boolean;
  consent_note: string | null;
  offered_at: Date | null;
  made_at: Date | null;
  taken_up_at: Date | null;
  declined_at: Date | null;
  outcome: string | null;
  updated_at: Date;
  version: number;
}): ReferralRow {
  return {
    id: r.id,
    personId: r.person_id,
    serviceCode: r.service_code,
    status: r.status,
    consent: r.consent,
    consentNote: r.consent_note,
    offeredAt: r.offered_at,
    madeAt: r.made_at,
    takenUpAt: r.taken_up_at,
    declinedAt: r.declined_at,
    outcome: r.outcome,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

const referralColumns = [
  'id',
  'person_id',
  'service_code',
  'status',
  'consent',
  'consent_note',
  'offered_at',
  'made_at',
  'taken_up_at',
  'declined_at',
  'outcome',
  'updated_at',
  'version',
] as const;

export async function referralsOfCase(db: Db, caseId: string): Promise<ReferralRow[]> {
  const rows = await db.selectFrom('victim_referrals').select(referralColumns).where('case_id', '=', caseId).orderBy('created_at').execute();
  return rows.map(toReferral);
}

export async function getReferral(db: Db, caseId: string, id: string): Promise<ReferralRow | undefined> {
  const row = await db.selectFrom('victim_referrals').select(referralColumns).where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();
  return row ? toReferral(row) : undefined;
}

const STATUS_COLUMN = { offered: 'offered_at', declined: 'declined_at', made: 'made_at', 'taken-up': 'taken_up_at' } as const;

export async function insertReferral(
  db: Db,
  r: { caseId: string; personId: string; serviceCode: string; status: ReferralRow['status']; consent: boolean; consentNote: string | null; outcome: string | null; by: string; at: Date },
): Promise<string> {
  const row = await db
    .insertInto('victim_referrals')
    .values({
      case_id: r.caseId,
      person_id: r.personId,
      service_code: r.serviceCode,
      status: r.status,
      consent: r.consent,
      consent_note: r.consentNote,
      consent_recorded_at: r.consent ? r.at : null,
      offered_at: r.at,
      [STATUS_COLUMN[r.status]]: r.at,
      outcome: r.outcome,
      created_by: r.by,
      updated_at: r.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateReferral(
  db: Db,
  id: string,
  expectedVersion: number,
  change: { status: ReferralRow['status']; consent: boolean; consentNote: string | null; consentNewlyGiven: boolean; outcome: string | null; at: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('victim_referrals')
    .set({
      status: change.status,
      consent: change.consent,
      consent_note: change.consentNote,
      ...(change.consentNewlyGiven ? { consent_recorded_at: change.at } : {}),
      [STATUS_COLUMN[change.status]]: change.at,
      outcome: change.outcome,
      updated_at: change.at,
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------
// Safety packs

export async function insertPack(db: Db, p: { caseId: string; personId: string; at: Date; how: 'in-person' | 'post' | 'email' | 'through-advocate'; format: 'printed' | 'pdf'; contactId: string; by: string }): Promise<string> {
  const row = await db
    .insertInto('victim_safety_packs')
    .values({ case_id: p.caseId, person_id: p.personId, given_at: p.at, given_how: p.how, format: p.format, contact_id: p.contactId, given_by: p.by })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface PackRow {
  id: string;
  personId: string;
  givenAt: Date;
  givenHow: string;
  format: 'printed' | 'pdf';
  givenByName: string | null;
}

export async function packsOfCase(db: Db, caseId: string): Promise<PackRow[]> {
  const rows = await db
    .selectFrom('victim_safety_packs as p')
    .leftJoin('users as u', 'u.id', 'p.given_by')
    .select(['p.id', 'p.person_id', 'p.given_at', 'p.given_how', 'p.format', 'u.display_name'])
    .where('p.case_id', '=', caseId)
    .orderBy('p.given_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, personId: r.person_id, givenAt: r.given_at, givenHow: r.given_how, format: r.format, givenByName: r.display_name }));
}

// ---------------------------------------------------------------------------
// The case outcome (for the victim-wish check)

export interface OutcomeRow {
  outcomeCode: number;
  recordedAt: Date;
  inconsistentAt: Date | null;
  inconsistencyReason: string | null;
  inconsistencyTaskId: string | null;
}

export async function getOutcome(db: Db, caseId: string): Promise<OutcomeRow | undefined> {
  const row = await db.selectFrom('victim_case_outcomes').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  return row
    ? { outcomeCode: row.outcome_code, recordedAt: row.recorded_at, inconsistentAt: row.inconsistent_at, inconsistencyReason: row.inconsistency_reason, inconsistencyTaskId: row.inconsistency_task_id }
    : undefined;
}

/** Records the case's outcome; a new outcome clears any earlier inconsistency flag. */
export async function upsertOutcome(db: Db, o: { caseId: string; outcomeCode: number; at: Date; eventId: string | null }): Promise<void> {
  await db
    .insertInto('victim_case_outcomes')
    .values({ case_id: o.caseId, outcome_code: o.outcomeCode, recorded_at: o.at, event_id: o.eventId })
    .onConflict((oc) =>
      oc.column('case_id').doUpdateSet({ outcome_code: o.outcomeCode, recorded_at: o.at, event_id: o.eventId, inconsistent_at: null, inconsistency_reason: null, inconsistency_task_id: null }),
    )
    .execute();
}

/** Removes the case's outcome when the investigation is reopened (investigation). */
export async function clearOutcome(db: Db, caseId: string): Promise<void> {
  await db.deleteFrom('victim_case_outcomes').where('case_id', '=', caseId).execute();
}

export async function markInconsistent(db: Db, caseId: string, flag: { at: Date; reason: string; taskId: string }): Promise<void> {
  await db
    .updateTable('victim_case_outcomes')
    .set({ inconsistent_at: flag.at, inconsistency_reason: flag.reason, inconsistency_task_id: flag.taskId })
    .where('case_id', '=', caseId)
    .execute();
}

// ---------------------------------------------------------------------------
// Withdrawal of support (shared with finalisation)

export interface WithdrawalRow extends WithdrawalRecord {
  id: string;
  caseId: string;
  personId: string;
  followUpTaskId: string | null;
  updatedAt: Date;
  updatedByName: string | null;
  version: number;
}

/** The withdrawal records of a case, the most recently changed first. */
export async function withdrawalsOfCase(db: Db, caseId: string): Promise<WithdrawalRow[]> {
  const rows = await db
    .selectFrom('victim_withdrawals as w')
    .leftJoin('users as u', 'u.id', 'w.updated_by')
    .selectAll('w')
    .select('u.display_name as updated_by_name')
    .where('w.case_id', '=', caseId)
    .orderBy('w.updated_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    personId: r.person_id,
    withdrawnOn: r.withdrawn_on,
    reasons: r.reasons,
    statementTaken: r.statement_taken,
    statementTakenOn: r.statement_taken_on,
    supportDetailsGiven: r.support_details_given,
    supportDetails: r.support_details,
    followUpOn: r.follow_up_on,
    followUpTaskId: r.follow_up_task_id,
    evidenceLedConsidered: r.evidence_led_considered,
    evidenceLedDecision: r.evidence_led_decision,
    evidenceLedRationale: r.evidence_led_rationale,
    updatedAt: r.updated_at,
    updatedByName: r.updated_by_name,
    version: r.version,
  }));
}

function withdrawalColumns(w: WithdrawalRecord) {
  return {
    withdrawn_on: w.withdrawnOn,
    reasons: w.reasons,
    statement_taken: w.statementTaken,
    statement_taken_on: w.statementTakenOn,
    support_details_given: w.supportDetailsGiven,
    support_details: w.supportDetails,
    follow_up_on: w.followUpOn,
    evidence_led_considered: w.evidenceLedConsidered,
    evidence_led_decision: w.evidenceLedDecision,
    evidence_led_rationale: w.evidenceLedRationale,
  };
}

export async function insertWithdrawal(db: Db, w: WithdrawalRecord & { caseId: string; personId: string; by: string; at: Date }): Promise<string> {
  const row = await db
    .insertInto('victim_withdrawals')
    .values({ case_id: w.caseId, person_id: w.personId, ...withdrawalColumns(w), updated_by: w.by, updated_at: w.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Saves a withdrawal record if nobody changed it since the version read. */
export async function updateWithdrawal(db: Db, id: string, expectedVersion: number, w: WithdrawalRecord, by: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('victim_withdrawals')
    .set({ ...withdrawalColumns(w), updated_by: by, updated_at: at, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setWithdrawalFollowUpTask(db: Db, id: string, taskId: string | null): Promise<void> {
  await db.updateTable('victim_withdrawals').set({ follow_up_task_id: taskId }).where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------
// Victim personal statement and special measures

export interface CourtSupportRow extends CourtSupportRecord {
  id: string;
  personId: string;
  updatedAt: Date;
  updatedByName: string | null;
  version: number;
}

export async function courtSupportOfCase(db: Db, caseId: string): Promise<CourtSupportRow[]> {
  const rows = await db
    .selectFrom('victim_court_support as s')
    .leftJoin('users as u', 'u.id', 's.updated_by')
    .selectAll('s')
    .select('u.display_name as updated_by_name')
    .where('s.case_id', '=', caseId)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    vpsOfferedOn: r.vps_offered_on,
    vpsTakenOn: r.vps_taken_on,
    vpsUpdatedOn: r.vps_updated_on,
    measuresAssessedOn: r.measures_assessed_on,
    measuresNeeds: r.measures_needs as SpecialMeasuresNeed[],
    measuresConsidered: r.measures_considered as SpecialMeasure[],
    measuresDecision: r.measures_decision,
    updatedAt: r.updated_at,
    updatedByName: r.updated_by_name,
    version: r.version,
  }));
}

function courtSupportColumns(s: CourtSupportRecord) {
  return {
    vps_offered_on: s.vpsOfferedOn,
    vps_taken_on: s.vpsTakenOn,
    vps_updated_on: s.vpsUpdatedOn,
    measures_assessed_on: s.measuresAssessedOn,
    measures_needs: [...s.measuresNeeds],
    measures_considered: [...s.measuresConsidered],
    measures_decision: s.measuresDecision,
  };
}

export async function insertCourtSupport(db: Db, s: CourtSupportRecord & { caseId: string; personId: string; by: string; at: Date }): Promise<string> {
  const row = await db
    .insertInto('victim_court_support')
    .values({ case_id: s.caseId, person_id: s.personId, ...courtSupportColumns(s), updated_by: s.by, updated_at: s.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCourtSupport(db: Db, id: string, expectedVersion: number, s: CourtSupportRecord, by: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('victim_court_support')
    .set({ ...courtSupportColumns(s), updated_by: by, updated_at: at, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
