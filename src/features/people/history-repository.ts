import { sql } from 'kysely';
import type { Db } from '../../platform/audit/audit-repository.ts';

export interface ReportAppearance {
  reportId: string;
  reference: string;
  role: 'victim' | 'suspect' | 'reporter' | 'witness';
  reportedAt: Date;
  status: string;
  crimeDecision: string | null;
  caseIds: string[];
}

export interface CaseAppearance {
  caseId: string;
  reference: string;
  role: 'victim' | 'suspect';
  status: string;
  offence: string | null;
  restricted: boolean;
  restrictedContact: string | null;
  createdAt: Date;
}

export interface OrderRow {
  id: string;
  type: string;
  role: 'subject' | 'protected';
  subjectPersonId: string;
  caseId: string | null;
  court: string | null;
  madeOn: string;
  expiresOn: string | null;
  status: string;
  prohibitions: string | null;
  requirements: string | null;
  version: number;
}

export interface PersonRef {
  id: string;
  forenames: string;
  surname: string;
  restricted: boolean;
  restrictedContact: string | null;
}

export interface FlagRow {
  id: string;
  personId: string;
  type: string;
  reason: string | null;
  startsOn: string;
  expiresOn: string | null;
  status: 'active' | 'removed' | 'expired';
  notifyTeam: string | null;
  createdAt: Date;
  createdBy: string | null;
  createdByName: string | null;
  removedAt: Date | null;
  removedByName: string | null;
  removalReason: string | null;
  version: number;
}

export interface WarningNoticeRow {
  id: string;
  kind: 'PIN' | 'HN1';
  issuedOn: string;
  issuingForce: string | null;
  notes: string | null;
}

export interface OtherVictimRow {
  suspectId: string;
  victimId: string;
  via: 'case' | 'report' | 'order';
  reference: string | null;
}

export async function reportsInvolving(db: Db, personId: string): Promise<ReportAppearance[]> {
  const rows = await db
    .selectFrom('report_parties as rp')
    .innerJoin('reports as r', 'r.id', 'rp.report_id')
    .select(['r.id', 'r.reference', 'rp.role', 'r.reported_at', 'r.status', 'r.crime_decision'])
    .select((eb) =>
      eb.fn.coalesce(
        eb.selectFrom('case_reports as cr').select(sql<string[]>`array_agg(cr.case_id::text)`.as('ids')).whereRef('cr.report_id', '=', 'r.id'),
        sql<string[]>`'{}'::text[]`,
      ).as('case_ids'),
    )
    .where('rp.person_id', '=', personId)
    .orderBy('r.reported_at', 'desc')
    .execute();
  return rows.map((r) => ({
    reportId: r.id,
    reference: r.reference,
    role: r.role,
    reportedAt: r.reported_at,
    status: r.status,
    crimeDecision: r.crime_decision,
    caseIds: r.case_ids ?? [],
  }));
}

export async function casesInvolving(db: Db, personId: string): Promise<CaseAppearance[]> {
  const columns = ['c.id', 'c.reference', 'c.status', 'c.offence', 'c.restricted', 'c.restricted_contact', 'c.created_at'] as const;
  const [asVictim, asSuspect] = await Promise.all([
    db.selectFrom('case_victims as v').innerJoin('cases as c', 'c.id', 'v.case_id').select(columns).where('v.person_id', '=', personId).execute(),
    db.selectFrom('cases as c').select(columns).where('c.suspect_person_id', '=', personId).execute(),
  ]);
  const toRow = (role: 'victim' | 'suspect') => (r: (typeof asVictim)[number]): CaseAppearance => ({
    caseId: r.id,
    reference: r.reference,
    role,
    status: r.status,
    offence: r.offence,
    restricted: r.restricted,
    restrictedContact: r.restricted_contact,
    createdAt: r.created_at,
  });
  return [...asVictim.map(toRow('victim')), ...asSuspect.map(toRow('suspect'))].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

export async function ordersInvolving(db: Db, personId: string): Promise<OrderRow[]> {
  const columns = ['o.id', 'o.type', 'o.subject_person_id', 'o.case_id', 'o.court', 'o.made_on', 'o.expires_on', 'o.status', 'o.prohibitions', 'o.requirements', 'o.version'] as const;
  const [subject, protectedBy] = await Promise.all([
    db.selectFrom('orders as o').select(columns).where('o.subject_person_id', '=', personId).execute(),
    db.selectFrom('order_protected_persons as op').innerJoin('orders as o', 'o.id', 'op.order_id').select(columns).where('op.person_id', '=', personId).execute(),
  ]);
  const toRow = (role: 'subject' | 'protected') => (r: (typeof subject)[number]): OrderRow => ({
    id: r.id,
    type: r.type,
    role,
    subjectPersonId: r.subject_person_id,
    caseId: r.case_id,
    court: r.court,
    madeOn: r.made_on,
    expiresOn: r.expires_on,
    status: r.status,
    prohibitions: r.prohibitions,
    requirements: r.requirements,
    version: r.version,
  });
  return [...subject.map(toRow('subject')), ...protectedBy.map(toRow('protected'))].sort((a, b) => (a.madeOn < b.madeOn ? 1 : a.madeOn > b.madeOn ? -1 : 0));
}

/** The people each order protects. */
export async function protectedPersonsOf(db: Db, orderIds: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (orderIds.length === 0) return map;
  const rows = await db.selectFrom('order_protected_persons').select(['order_id', 'person_id']).where('order_id', 'in', orderIds).orderBy('person_id').execute();
  for (const r of rows) map.set(r.order_id, [...(map.get(r.order_id) ?? []), r.person_id]);
  return map;
}

export async function personRefs(db: Db, ids: readonly string[]): Promise<Map<string, PersonRef>> {
  const map = new Map<string, PersonRef>();
  if (ids.length === 0) return map;
  const rows = await db.selectFrom('people').select(['id', 'forenames', 'surname', 'restricted', 'restricted_contact']).where('id', 'in', [...new Set(ids)]).execute();
  for (const r of rows) map.set(r.id, { id: r.id, forenames: r.forenames, surname: r.surname, restricted: r.restricted, restrictedContact: r.restricted_contact });
  return map;
}

function selectFlags(db: Db) {
  return db
    .selectFrom('flags as f')
    .leftJoin('users as cu', 'cu.id', 'f.created_by')
    .leftJoin('users as ru', 'ru.id', 'f.removed_by')
    .select([
      'f.id',
      'f.person_id',
      'f.type',
      'f.reason',
      'f.starts_on',
      'f.expires_on',
      'f.status',
      'f.notify_team',
      'f.created_at',
      'f.created_by',
      'cu.display_name as created_by_name',
      'f.removed_at',
      'ru.display_name as removed_by_name',
      'f.removal_reason',
      'f.version',
    ]);
}

function toFlag(r: Awaited<ReturnType<ReturnType<typeof selectFlags>['execute']>>[number]): FlagRow {
  return {
    id: r.id,
    personId: r.person_id,
    type: r.type,
    reason: r.reason,
    startsOn: r.starts_on,
    expiresOn: r.expires_on,
    status: r.status,
    notifyTeam: r.notify_team,
    createdAt: r.created_at,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    removedAt: r.removed_at,
    removedByName: r.removed_by_name,
    removalReason: r.removal_reason,
    version: r.version,
  };
}

export async function flagsOf(db: Db, personId: string): Promise<FlagRow[]> {
  const rows = await selectFlags(db).where('f.person_id', '=', personId).orderBy('f.starts_on', 'desc').orderBy('f.created_at', 'desc').execute();
  return rows.map(toFlag);
}

export async function getFlag(db: Db, personId: string, flagId: string): Promise<FlagRow | undefined> {
  const row = await selectFlags(db).where('f.person_id', '=', personId).where('f.id', '=', flagId).executeTakeFirst();
  return row ? toFlag(row) : undefined;
}

export async function warningNoticesOf(db: Db, personId: string): Promise<WarningNoticeRow[]> {
  const rows = await db
    .selectFrom('warning_notices')
    .select(['id', 'kind', 'issued_on', 'issuing_force', 'notes'])
    .where('person_id', '=', personId)
    .orderBy('issued_on', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, issuedOn: r.issued_on, issuingForce: r.issuing_force, notes: r.notes }));
}

/** Records a warning notice (PIN or HN1) given to a person, as history. */
export async function insertWarningNotice(db: Db, notice: { personId: string; kind: 'PIN' | 'HN1'; issuedOn: string; issuingForce?: string | null; notes: string | null }): Promise<string> {
  const row = await db
    .insertInto('warning_notices')
    .values({ person_id: notice.personId, kind: notice.kind, issued_on: notice.issuedOn, issuing_force: notice.issuingForce ?? null, notes: notice.notes })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Other victims of the suspects connected to a person: if the person is a suspect, their
 * victims; if a victim, the other victims of their suspects. Through cases (suspect and
 * victims), reports (suspect and victim parties) and orders (subject and protected persons).
 */
export async function otherVictims(db: Db, personId: string): Promise<OtherVictimRow[]> {
  // The person's suspects are found first through indexed lookups, then only their links
  // are read (a CTE of every link in the force, used twice, was materialised in full: about
  // a second a call at force scale).
  const result = await sql<{ suspect_id: string; victim_id: string; via: 'case' | 'report' | 'order'; reference: string | null }>`
    with suspects as (
      select ${personId}::uuid as id
      union
      select c.suspect_person_id from case_victims v join cases c on c.id = v.case_id
       where v.person_id = ${personId} and c.suspect_person_id is not null
      union
      select s.person_id from report_parties v
        join report_parties s on s.report_id = v.report_id and s.role = 'suspect' and s.person_id is not null
       where v.person_id = ${personId} and v.role = 'victim'
      union
      select o.subject_person_id from order_protected_persons op join orders o on o.id = op.order_id
       where op.person_id = ${personId}
    ),
    links as (
      select c.suspect_person_id as suspect_id, v.person_id as victim_id, 'case' as via, c.reference
        from cases c join case_victims v on v.case_id = c.id
       where c.suspect_person_id in (select id from suspects)
      union all
      select s.person_id, v.person_id, 'report', r.reference
        from report_parties s
        join report_parties v on v.report_id = s.report_id and v.role = 'victim' and v.person_id is not null
        join reports r on r.id = s.report_id
       where s.role = 'suspect' and s.person_id in (select id from suspects)
      union all
      select o.subject_person_id, op.person_id, 'order', null
        from orders o join order_protected_persons op on op.order_id = o.id
       where o.subject_person_id in (select id from suspects)
    )
    select distinct l.suspect_id, l.victim_id, l.via, l.reference
      from links l
     where l.victim_id <> ${personId}
     order by l.suspect_id, l.victim_id, l.via`.execute(db);
  return result.rows.map((r) => ({ suspectId: r.suspect_id, victimId: r.victim_id, via: r.via, reference: r.reference }));
}

/**
 * Dates (instants) of incidents involving a person: each occasion of a report they are a
 * party to, or of a report on a case they are victim or suspect in; a report without
 * occasions counts on the day it was reported.
 */
export async function incidentInstants(db: Db, personId: string): Promise<Date[]> {
  const result = await sql<{ at: Date }>`
    with involved as (
      select report_id from report_parties where person_id = ${personId}
      union
      select cr.report_id from case_reports cr join case_victims v on v.case_id = cr.case_id where v.person_id = ${personId}
      union
      select cr.report_id from case_reports cr join cases c on c.id = cr.case_id where c.suspect_person_id = ${personId}
    )
    select coalesce(o.occurred_from, r.reported_at) as at
      from involved i
      join reports r on r.id = i.report_id
      left join occasions o on o.report_id = r.id
     order by at`.execute(db);
  return result.rows.map((r) => new Date(r.at));
}

export interface NewFlag {
  personId: string;
  type: string;
  reason: string;
  startsOn: string;
  expiresOn: string;
  notifyTeam: string | null;
  createdBy: string | null;
}

export async function insertFlag(db: Db, flag: NewFlag): Promise<string> {
  const { id } = await db
    .insertInto('flags')
    .values({
      person_id: flag.personId,
      type: flag.type,
      reason: flag.reason,
      starts_on: flag.startsOn,
      expires_on: flag.expiresOn,
      notify_team: flag.notifyTeam,
      created_by: flag.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function extendFlag(db: Db, flagId: string, expectedVersion: number, expiresOn: string): Promise<boolean> {
  const result = await db
    .updateTable('flags')
    .set({ expires_on: expiresOn, version: sql`version + 1` })
    .where('id', '=', flagId)
    .where('version', '=', expectedVersion)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function removeFlag(db: Db, flagId: string, expectedVersion: number, change: { by: string; at: Date; reason: string }): Promise<boolean> {
  const result = await db
    .updateTable('flags')
    .set({ status: 'removed', removed_at: change.at, removed_by: change.by, removal_reason: change.reason, version: sql`version + 1` })
    .where('id', '=', flagId)
    .where('version', '=', expectedVersion)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Closes the open review tasks of one flag. */
export async function closeFlagReviewTasks(db: Db, flagId: string, change: { outcome: string; by: string; at: Date }): Promise<number> {
  const result = await db
    .updateTable('tasks')
    .set({ status: 'done', outcome: change.outcome, completed_by: change.by, completed_at: change.at, version: sql`version + 1` })
    .where('type', '=', 'flag-review')
    .where('status', '=', 'open')
    .where(sql<boolean>`details->>'flagId' = ${flagId}`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function openFlagReviewTask(db: Db, flagId: string): Promise<{ id: string; dueAt: Date } | undefined> {
  const row = await db
    .selectFrom('tasks')
    .select(['id', 'due_at'])
    .where('type', '=', 'flag-review')
    .where('status', '=', 'open')
    .where(sql<boolean>`details->>'flagId' = ${flagId}`)
    .executeTakeFirst();
  return row ? { id: row.id, dueAt: row.due_at } : undefined;
}

/** Active "notify if" flags on any of the people, with the team to tell. */
export async function activeNotifyFlags(db: Db, personIds: readonly string[], today: string): Promise<Array<{ flagId: string; personId: string; notifyTeam: string }>> {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('flags')
    .select(['id', 'person_id', 'notify_team'])
    .where('person_id', 'in', personIds)
    .where('type', '=', 'notify-if')
    .where('status', '=', 'active')
    .where('notify_team', 'is not', null)
    .where((eb) => eb.or([eb('expires_on', 'is', null), eb('expires_on', '>=', today)]))
    .execute();
  return rows.map((r) => ({ flagId: r.id, personId: r.person_id, notifyTeam: r.notify_team! }));
}
