import { sql } from 'kysely';
import type { Db } from '../../platform/audit/audit-repository.ts';

export interface CaseRecord {
  id: string;
  reference: string;
  suspectPersonId: string | null;
  status: 'open' | 'finalised';
  offence: string | null;
  alsoRecord: string[];
  domesticAbuse: boolean;
  cyberEnabled: boolean;
  flagCorrections: Record<string, unknown>;
  ownerTeam: string | null;
  ownerUserId: string | null;
  finalisedAt: Date | null;
  restricted: boolean;
  restrictedContact: string | null;
  createdAt: Date;
  version: number;
  victimIds: string[];
}

/** The most recent open case between this suspect and any of these victims. */
export async function findOpenCase(db: Db, suspectPersonId: string, victimIds: string[]): Promise<string | undefined> {
  if (victimIds.length === 0) return undefined;
  const row = await db
    .selectFrom('cases as c')
    .innerJoin('case_victims as v', 'v.case_id', 'c.id')
    .select('c.id')
    .where('c.suspect_person_id', '=', suspectPersonId)
    .where('v.person_id', 'in', victimIds)
    .where('c.status', '=', 'open')
    .orderBy('c.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

export async function getCase(db: Db, id: string): Promise<CaseRecord | undefined> {
  const row = await db
    .selectFrom('cases as c')
    .select((eb) => [
      'c.id',
      'c.reference',
      'c.suspect_person_id',
      'c.status',
      'c.offence',
      'c.also_record',
      'c.domestic_abuse',
      'c.cyber_enabled',
      'c.flag_corrections',
      'c.owner_team',
      'c.owner_user_id',
      'c.finalised_at',
      'c.restricted',
      'c.restricted_contact',
      'c.created_at',
      'c.version',
      eb
        .selectFrom('case_victims')
        .select(sql<string[]>`coalesce(array_agg(person_id::text), '{}')`.as('ids'))
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
    domesticAbuse: row.domestic_abuse,
    cyberEnabled: row.cyber_enabled,
    flagCorrections: row.flag_corrections,
    ownerTeam: row.owner_team,
    ownerUserId: row.owner_user_id,
    finalisedAt: row.finalised_at,
    restricted: row.restricted,
    restrictedContact: row.restricted_contact,
    createdAt: row.created_at,
    version: row.version,
    victimIds: row.victim_ids ?? [],
  };
}

export async function setCurrentClassification(
  db: Db,
  caseId: string,
  change: { offence: string | null; alsoRecord: string[]; at: Date },
): Promise<void> {
  await db
    .updateTable('cases')
    .set({ offence: change.offence, also_record: change.alsoRecord, updated_at: change.at, version: sql`version + 1` })
    .where('id', '=', caseId)
    .execute();
}

/** Sets the team and officer the case is allocated to, if the case is still at the version read (investigation). */
export async function setAllocation(
  db: Db,
  caseId: string,
  expectedVersion: number,
  change: { ownerTeam: string | null; ownerUserId: string | null; at: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('cases')
    .set({ owner_team: change.ownerTeam, owner_user_id: change.ownerUserId, updated_at: change.at, version: sql`version + 1` })
    .where('id', '=', caseId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Finalises or reopens the case, if it is still at the version read (investigation). */
export async function setCaseStatus(
  db: Db,
  caseId: string,
  expectedVersion: number,
  change: { status: 'open' | 'finalised'; at: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('cases')
    .set({ status: change.status, finalised_at: change.status === 'finalised' ? change.at : null, updated_at: change.at, version: sql`version + 1` })
    .where('id', '=', caseId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setFlags(
  db: Db,
  caseId: string,
  expectedVersion: number,
  change: { domesticAbuse: boolean; cyberEnabled: boolean; corrections: Record<string, unknown>; at: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('cases')
    .set({
      domestic_abuse: change.domesticAbuse,
      cyber_enabled: change.cyberEnabled,
      flag_corrections: JSON.stringify(change.corrections),
      updated_at: change.at,
      version: sql`version + 1`,
    })
    .where('id', '=', caseId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface ClassificationRow {
  id: string;
  offence: string;
  alsoRecord: string[];
  reasons: Array<{ code: string; text: string }>;
  rationale: string | null;
  status: 'proposed' | 'confirmed' | 'rejected' | 'superseded';
  proposedBy: string | null;
  proposedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
}

export async function insertClassification(
  db: Db,
  c: {
    caseId: string;
    offence: string;
    alsoRecord: string[];
    reasons: unknown[];
    rationale: string | null;
    status: 'proposed' | 'confirmed';
    proposedBy: string | null;
    at: Date;
    decidedBy?: string | null;
  },
): Promise<string> {
  const row = await db
    .insertInto('classifications')
    .values({
      case_id: c.caseId,
      offence: c.offence,
      also_record: c.alsoRecord,
      reasons: JSON.stringify(c.reasons),
      rationale: c.rationale,
      status: c.status,
      proposed_by: c.proposedBy,
      proposed_at: c.at,
      decided_by: c.status === 'confirmed' ? (c.decidedBy ?? c.proposedBy) : null,
      decided_at: c.status === 'confirmed' ? c.at : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Marks earlier confirmed classifications of the case as superseded. */
export async function supersedeConfirmed(db: Db, caseId: string, exceptId: string): Promise<void> {
  await db
    .updateTable('classifications')
    .set({ status: 'superseded' })
    .where('case_id', '=', caseId)
    .where('status', '=', 'confirmed')
    .where('id', '!=', exceptId)
    .execute();
}

export async function decideClassification(
  db: Db,
  id: string,
  decision: { status: 'confirmed' | 'rejected'; by: string; reason: string | null; at: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('classifications')
    .set({ status: decision.status, decided_by: decision.by, decided_at: decision.at, decision_reason: decision.reason })
    .where('id', '=', id)
    .where('status', '=', 'proposed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function classificationHistory(db: Db, caseId: string): Promise<Array<ClassificationRow & { proposedByName: string | null; decidedByName: string | null }>> {
  const rows = await db
    .selectFrom('classifications as c')
    .leftJoin('users as p', 'p.id', 'c.proposed_by')
    .leftJoin('users as d', 'd.id', 'c.decided_by')
    .select([
      'c.id',
      'c.offence',
      'c.also_record',
      'c.reasons',
      'c.rationale',
      'c.status',
      'c.proposed_by',
      'c.proposed_at',
      'c.decided_by',
      'c.decided_at',
      'c.decision_reason',
      'p.display_name as proposed_by_name',
      'd.display_name as decided_by_name',
    ])
    .where('c.case_id', '=', caseId)
    .orderBy('c.proposed_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    offence: r.offence,
    alsoRecord: r.also_record,
    reasons: r.reasons as Array<{ code: string; text: string }>,
    rationale: r.rationale,
    status: r.status,
    proposedBy: r.proposed_by,
    proposedAt: r.proposed_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
    proposedByName: r.proposed_by_name,
    decidedByName: r.decided_by_name,
  }));
}

export interface CaseReportSummary {
  id: string;
  reference: string;
  reportedAt: Date;
  crimeDecision: string | null;
  suggestion: Record<string, unknown> | null;
  relationship: string | null;
  indicators: string[];
}

export async function reportsOfCase(db: Db, caseId: string): Promise<CaseReportSummary[]> {
  const rows = await db
    .selectFrom('reports as r')
    .innerJoin('case_reports as cr', 'cr.report_id', 'r.id')
    .select(['r.id', 'r.reference', 'r.reported_at', 'r.crime_decision', 'r.suggestion', 'r.relationship', 'r.indicators'])
    .where('cr.case_id', '=', caseId)
    .orderBy('r.reported_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    reportedAt: r.reported_at,
    crimeDecision: r.crime_decision,
    suggestion: r.suggestion as Record<string, unknown> | null,
    relationship: r.relationship,
    indicators: r.indicators,
  }));
}

export interface PartyName {
  personId: string;
  name: string;
  role: 'victim' | 'suspect';
  restricted: boolean;
}

export async function partiesOfCase(db: Db, caseId: string): Promise<PartyName[]> {
  const victims = await db
    .selectFrom('case_victims as v')
    .innerJoin('people as p', 'p.id', 'v.person_id')
    .select(['p.id', 'p.forenames', 'p.surname', 'p.restricted'])
    .where('v.case_id', '=', caseId)
    .execute();
  // The case's suspect first, then anyone else named as a suspect on its reports.
  const suspects = await db
    .selectFrom('people as p')
    .leftJoin('cases as c', (join) => join.onRef('c.suspect_person_id', '=', 'p.id').on('c.id', '=', caseId))
    .select(['p.id', 'p.forenames', 'p.surname', 'p.restricted', 'c.id as principal'])
    // One set of ids (a union, not "or"), so the people are read by key rather than scanned.
    .where('p.id', 'in', (eb) =>
      eb
        .selectFrom('cases')
        .select('suspect_person_id as person_id')
        .where('id', '=', caseId)
        .where('suspect_person_id', 'is not', null)
        .union(
          eb
            .selectFrom('report_parties as rp')
            .innerJoin('case_reports as cr', 'cr.report_id', 'rp.report_id')
            .select('rp.person_id')
            .where('cr.case_id', '=', caseId)
            .where('rp.role', '=', 'suspect')
            .where('rp.person_id', 'is not', null),
        ),
    )
    .orderBy(sql`c.id is null`)
    .orderBy('p.surname')
    .execute();
  return [
    ...victims.map((p) => ({ personId: p.id, name: `${p.forenames} ${p.surname}`, role: 'victim' as const, restricted: p.restricted })),
    ...suspects.map((p) => ({ personId: p.id, name: `${p.forenames} ${p.surname}`, role: 'suspect' as const, restricted: p.restricted })),
  ];
}

export async function upsertFindings(db: Db, caseId: string, findings: Array<{ code: string; text: string }>): Promise<void> {
  for (const f of findings) {
    const open = await db
      .selectFrom('registrar_findings')
      .select('id')
      .where('case_id', '=', caseId)
      .where('code', '=', f.code)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (open) await db.updateTable('registrar_findings').set({ text: f.text }).where('id', '=', open.id).execute();
    else await db.insertInto('registrar_findings').values({ case_id: caseId, code: f.code, text: f.text }).execute();
  }
}

export interface FindingRow {
  id: string;
  caseId: string;
  caseReference: string;
  code: string;
  text: string;
  createdAt: Date;
}

export async function openFindings(db: Db, limit = 200): Promise<FindingRow[]> {
  const rows = await db
    .selectFrom('registrar_findings as f')
    .innerJoin('cases as c', 'c.id', 'f.case_id')
    .select(['f.id', 'f.case_id', 'c.reference', 'f.code', 'f.text', 'f.created_at'])
    .where('f.status', '=', 'open')
    .orderBy('f.created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, caseId: r.case_id, caseReference: r.reference, code: r.code, text: r.text, createdAt: r.created_at }));
}

export async function decideFinding(db: Db, id: string, decision: { status: 'accepted' | 'dismissed'; reason: string; by: string; at: Date }): Promise<boolean> {
  const result = await db
    .updateTable('registrar_findings')
    .set({ status: decision.status, decision_reason: decision.reason, decided_by: decision.by, decided_at: decision.at })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
