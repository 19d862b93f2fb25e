import type { TestVigil } from '../support/app.ts';

/** Bearer-token JSON calls for people tests. */
export function api(vigil: TestVigil, token: string) {
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    vigil.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...headers }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  return {
    get: (url: string, headers?: Record<string, string>) => call('GET', url, undefined, headers),
    post: (url: string, payload: unknown) => call('POST', url, payload),
    put: (url: string, payload: unknown) => call('PUT', url, payload),
  };
}

export async function userId(vigil: TestVigil, username: string): Promise<string> {
  return (await vigil.deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

/** A report with parties and one occasion, written straight to the database (the intake flow is another capability). */
export async function insertReport(
  vigil: TestVigil,
  input: { reference: string; createdBy: string; reportedAt: string; parties: Array<{ personId: string; role: 'victim' | 'suspect' | 'reporter' | 'witness' }>; occurredFrom?: string },
): Promise<string> {
  const db = vigil.deps.db;
  const { id } = await db
    .insertInto('reports')
    .values({ reference: input.reference, reported_at: input.reportedAt, created_by: input.createdBy, status: 'submitted' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('report_parties').values(input.parties.map((p) => ({ report_id: id, person_id: p.personId, role: p.role }))).execute();
  if (input.occurredFrom) await db.insertInto('occasions').values({ report_id: id, occurred_from: input.occurredFrom }).execute();
  return id;
}

export async function insertOrder(
  vigil: TestVigil,
  input: { type: string; subjectId: string; protectedIds: string[]; madeOn: string; expiresOn?: string | null; status?: 'active' | 'expired' | 'discharged'; prohibitions?: string; court?: string },
): Promise<string> {
  const db = vigil.deps.db;
  const { id } = await db
    .insertInto('orders')
    .values({
      type: input.type,
      subject_person_id: input.subjectId,
      made_on: input.madeOn,
      expires_on: input.expiresOn ?? null,
      status: input.status ?? 'active',
      prohibitions: input.prohibitions ?? null,
      court: input.court ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.protectedIds.length > 0) await db.insertInto('order_protected_persons').values(input.protectedIds.map((p) => ({ order_id: id, person_id: p }))).execute();
  return id;
}
