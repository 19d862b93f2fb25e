import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { toActor } from '../../src/platform/auth/actor.ts';
import type { Database } from '../../src/platform/db/schema.ts';
import { joinOrCreateCase, type JoinOrCreateResult } from '../../src/features/conduct/service.ts';
import type { TestVigil } from '../support/app.ts';

export async function userId(db: Kysely<Database>, username: string): Promise<string> {
  return (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

export async function contextFor(db: Kysely<Database>, username: string, role: string = username) {
  const id = await userId(db, username);
  return { actor: toActor({ id, username, displayName: username, roles: [role], teams: ['cid'], isService: false }), requestId: randomUUID() };
}

export async function person(db: Kysely<Database>, forenames: string, surname: string, restricted = false): Promise<string> {
  const row = await db.insertInto('people').values({ forenames, surname, restricted }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

let counter = 0;

export interface FixtureOccasion {
  at: string;
  channels: string[];
  behaviours?: string[];
  place?: string;
  description?: string;
  fearOfViolence?: boolean;
  times?: number;
  breachedOrderId?: string;
}

/** A submitted report with its parties and occasions, inserted directly. */
export async function report(
  db: Kysely<Database>,
  input: { createdBy: string; reportedAt: string; victims: string[]; suspect: string | null; occasions: FixtureOccasion[] },
): Promise<{ id: string; reference: string }> {
  counter += 1;
  const reference = `R-T-${process.pid}-${counter}-${randomUUID().slice(0, 6)}`;
  const { id } = await db
    .insertInto('reports')
    .values({ reference, status: 'submitted', reported_at: input.reportedAt, submitted_at: input.reportedAt, created_by: input.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  const parties = [
    ...input.victims.map((p) => ({ report_id: id, person_id: p, role: 'victim' as const })),
    ...(input.suspect ? [{ report_id: id, person_id: input.suspect, role: 'suspect' as const }] : [{ report_id: id, person_id: null, role: 'suspect' as const, description: 'Unknown man' }]),
  ];
  await db.insertInto('report_parties').values(parties).execute();
  if (input.occasions.length > 0) {
    await db
      .insertInto('occasions')
      .values(
        input.occasions.map((o) => ({
          report_id: id,
          occurred_from: o.at,
          channels: o.channels,
          behaviours: o.behaviours ?? ['contacting'],
          place: o.place ?? null,
          description: o.description ?? 'Fixture occasion',
          fear_of_violence: o.fearOfViolence ?? false,
          times: o.times ?? 1,
          breached_order_id: o.breachedOrderId ?? null,
        })),
      )
      .execute();
  }
  return { id, reference };
}

/** What intake does on submission: put the report in its course of conduct. */
export async function submit(
  vigil: TestVigil,
  username: string,
  r: { id: string },
  parties: { suspect: string | null; victims: string[]; at: string; restricted?: boolean },
): Promise<JoinOrCreateResult> {
  const ctx = await contextFor(vigil.deps.db, username);
  return vigil.deps.db.transaction().execute((tx) =>
    joinOrCreateCase(tx, ctx, {
      reportId: r.id,
      suspectPersonId: parties.suspect,
      victimPersonIds: parties.victims,
      at: new Date(parties.at),
      ...(parties.restricted ? { newCase: { restricted: true } } : {}),
    }),
  );
}

export async function caseVersion(db: Kysely<Database>, caseId: string): Promise<number> {
  return (await db.selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()).version;
}

export async function caseReference(db: Kysely<Database>, caseId: string): Promise<string> {
  return (await db.selectFrom('cases').select('reference').where('id', '=', caseId).executeTakeFirstOrThrow()).reference;
}

export async function reportsIn(db: Kysely<Database>, caseId: string): Promise<string[]> {
  const rows = await db.selectFrom('case_reports').select('report_id').where('case_id', '=', caseId).execute();
  return rows.map((r) => r.report_id).sort();
}
