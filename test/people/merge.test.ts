import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, signInAs, startTestVigil, type TestVigil } from '../support/app.ts';
import { baseAnswers, P1_OCCASIONS } from '../intake/fixtures.ts';

let vigil: TestVigil;
let handler: string;
let sergeant: string;
let first: { suspectId: string; caseId: string };
let second: { suspectId: string; caseId: string };

async function api(token: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const response = await vigil.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload: payload as object } : {}) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk the JSON freely
  return { status: response.statusCode, body: response.json() as Record<string, any> };
}

async function report(victim: Record<string, unknown>, suspect: Record<string, unknown>) {
  const created = await api(handler, 'POST', '/api/v1/reports', baseAnswers({ relationship: 'acquaintance', victim, suspect, occasions: P1_OCCASIONS }));
  expect(created.status).toBe(201);
  const read = await api(handler, 'GET', `/api/v1/reports/${created.body.reportId}`);
  return { suspectId: read.body.answers.suspect.personId as string, caseId: created.body.caseId as string };
}

/** Every row anywhere that refers to either person, as text, found through the catalogue. */
async function rowsAbout(ids: string[]): Promise<string[]> {
  const refs = await sql<{ t: string; c: string }>`
    select cl.relname as t, a.attname as c from pg_constraint k
    join pg_class cl on cl.oid = k.conrelid join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
    where k.contype = 'f' and k.confrelid = 'people'::regclass and cl.relname not in ('people', 'person_merges')`.execute(vigil.deps.db);
  const out: string[] = [];
  for (const { t, c } of refs.rows) {
    const rows = await sql<{ row: unknown }>`select to_jsonb(x) as row from ${sql.id(t)} x where ${sql.id(c)} = any(${ids}::uuid[])`.execute(vigil.deps.db);
    out.push(...rows.rows.map((r) => `${t}.${c}: ${JSON.stringify(r.row)}`));
  }
  return out.sort();
}

beforeAll(async () => {
  vigil = await startTestVigil();
  handler = await apiToken(vigil.app, 'call-handler');
  sergeant = await apiToken(vigil.app, 'detective-sergeant');
  first = await report({ forenames: 'Maren', surname: 'Holt' }, { forenames: 'Orrin', surname: 'Dunmore', dateOfBirth: '1984-03-02', phone: '07700 900461' });
  second = await report({ forenames: 'Nell', surname: 'Pascoe' }, { forenames: 'Orin', surname: 'Dunmoor', dateOfBirth: '1984-03-02', phone: '+44 7700 900461' });
  expect(first.suspectId).not.toBe(second.suspectId);
});
afterAll(async () => vigil.close());

describe('duplicate people', () => {
  it('lists two records sharing a phone number and a date of birth with a name that sounds the same', async () => {
    const listed = await api(sergeant, 'GET', '/api/v1/people/duplicates');
    expect(listed.status).toBe(200);
    const pair = (listed.body as unknown as Array<{ a: { id: string }; b: { id: string }; shared: string[] }>).find((p) => [p.a.id, p.b.id].sort().join() === [first.suspectId, second.suspectId].sort().join());
    expect(pair).toBeDefined();
    expect(pair!.shared).toEqual(expect.arrayContaining(['the same phone number', 'the same date of birth and a name that sounds the same']));
  });

  it('is closed to a call handler', async () => {
    expect((await api(handler, 'GET', '/api/v1/people/duplicates')).status).toBe(403);
    expect((await api(handler, 'POST', `/api/v1/people/${first.suspectId}/merge`, { mergedPersonId: second.suspectId, reason: 'The same man, same phone.' })).status).toBe(403);
  });

  it('refuses a merge without a real reason, and saves nothing', async () => {
    const before = await rowsAbout([first.suspectId, second.suspectId]);
    const refused = await api(sergeant, 'POST', `/api/v1/people/${first.suspectId}/merge`, { mergedPersonId: second.suspectId, reason: 'same' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ field: 'reason' });
    expect(await rowsAbout([first.suspectId, second.suspectId])).toEqual(before);
  });

  it('merges through the pages with a reason, then a split restores every record exactly', async () => {
    const before = await rowsAbout([first.suspectId, second.suspectId]);
    const browser = await signInAs(vigil.app, 'detective-sergeant');
    const compare = await browser.get(`/people/${first.suspectId}/merge/${second.suspectId}`);
    expect(compare.statusCode).toBe(200);
    expect(compare.body).toContain('Orin Dunmoor');

    const noChoice = await browser.post(`/people/${first.suspectId}/merge/${second.suspectId}`, { reason: 'Same date of birth and phone; the victim named both.' });
    expect(noChoice.statusCode).toBe(422);
    expect(noChoice.body).toContain('Choose which record to keep');

    const merged = await browser.post(`/people/${first.suspectId}/merge/${second.suspectId}`, {
      keep: first.suspectId,
      reason: 'Same date of birth and phone; the victim named both.',
      firstVersion: /name="firstVersion" value="(\d+)"/.exec(compare.body)![1]!,
      secondVersion: /name="secondVersion" value="(\d+)"/.exec(compare.body)![1]!,
    });
    expect(merged.statusCode).toBe(303);

    const kept = await api(sergeant, 'GET', `/api/v1/people/${first.suspectId}/history`);
    const caseIds = (kept.body.cases as Array<{ caseId: string }>).map((c) => c.caseId);
    expect(caseIds).toEqual(expect.arrayContaining([first.caseId, second.caseId]));
    const gone = await browser.get(`/people/${second.suspectId}`);
    expect(gone.body).toContain('This record was merged into');
    const names = await vigil.deps.db.selectFrom('person_names').select(['forenames', 'surname', 'kind']).where('person_id', '=', first.suspectId).execute();
    expect(names).toEqual(expect.arrayContaining([expect.objectContaining({ forenames: 'Orin', surname: 'Dunmoor', kind: 'alias' })]));
    const listed = await api(sergeant, 'GET', '/api/v1/people/duplicates');
    expect((listed.body as unknown as Array<{ a: { id: string }; b: { id: string } }>).some((p) => p.a.id === second.suspectId || p.b.id === second.suspectId)).toBe(false);

    const history = await browser.get(`/people/${first.suspectId}/merges`);
    const mergeId = /action="\/people\/merges\/([0-9a-f-]{36})\/split"/.exec(history.body)![1]!;
    const split = await api(sergeant, 'POST', `/api/v1/people/merges/${mergeId}/split`, { reason: 'Different men: the victim has now seen both.' });
    expect(split.status).toBe(200);
    expect(split.body.restored).toBeGreaterThan(0);
    expect(await rowsAbout([first.suspectId, second.suspectId])).toEqual(before);
    const again = await api(sergeant, 'POST', `/api/v1/people/merges/${mergeId}/split`, { reason: 'Pressed twice by mistake, again.' });
    expect(again.status).toBe(409);
  });

  it('refuses a merge of records changed since they were compared', async () => {
    const stale = await api(sergeant, 'POST', `/api/v1/people/${first.suspectId}/merge`, { mergedPersonId: second.suspectId, reason: 'Same man: same phone and birth date.', keptVersion: 1, mergedVersion: 1 });
    expect(stale.status).toBe(409);
  });
});
