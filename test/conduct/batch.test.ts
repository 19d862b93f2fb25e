import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, signInAs, startTestVigil, type TestVigil } from '../support/app.ts';
import { person, report, submit, userId } from './fixtures.ts';

let vigil: TestVigil;
let caseId: string;
let reportId: string;
let token: string;
beforeAll(async () => {
  vigil = await startTestVigil();
  vigil.clock.set('2026-11-25T10:00:00Z');
  const db = vigil.deps.db;
  const handler = await userId(db, 'call-handler');
  const victim = await person(db, 'Nerys', 'Foxglove');
  const suspect = await person(db, 'Quill', 'Dunmore');
  const r = await report(db, { createdBy: handler, reportedAt: '2026-03-10T10:00:00Z', victims: [victim], suspect, occasions: [{ at: '2026-03-01T10:00:00Z', channels: ['text'], description: 'First text' }] });
  reportId = r.id;
  caseId = (await submit(vigil, 'call-handler', r, { suspect, victims: [victim], at: '2026-03-10T10:00:00Z' })).caseId;
  token = await apiToken(vigil.app, 'investigator');
});
afterAll(async () => vigil.close());

async function occasionCount(): Promise<number> {
  const rows = await vigil.deps.db.selectFrom('occasions').select('id').where('report_id', '=', reportId).execute();
  return rows.length;
}

const HEADER = 'Date,Time,Channel,What happened,Place,Behaviours';

describe('adding a batch of occasions through the API', () => {
  const post = (payload: unknown, query = '', contentType = 'application/json') =>
    vigil.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/occasions/batch${query}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  it('saves nothing when any row has a problem, and lists each row’s problem', async () => {
    const before = await occasionCount();
    const csv = `${HEADER}\n04/03/2026,09:15,text,"Texted, twice",,contacting\n31/02/2026,10:00,text,Bad date,,\n05/03/2026,10:00,pigeon,Bad channel,,`;
    const response = await post({ reportId, csv });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const errors = response.json().errors as Array<{ field: string; message: string }>;
    expect(errors[0]!.message).toContain('2 rows have problems. Nothing has been saved');
    expect(errors.map((e) => e.field)).toEqual(expect.arrayContaining(['rows.3.date', 'rows.4.channel']));
    expect(await occasionCount()).toBe(before);
  });

  it('previews without saving', async () => {
    const before = await occasionCount();
    const response = await post({ reportId, csv: `${HEADER}\n04/03/2026,09:15,text,Hello,,\nnope,10:00,text,x,,`, preview: true });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ preview: true, saved: 0 });
    expect(response.json().rows.map((r: { valid: boolean }) => r.valid)).toEqual([true, false]);
    expect(await occasionCount()).toBe(before);
  });

  it('saves only the valid rows when asked, in one go', async () => {
    const before = await occasionCount();
    const csv = `${HEADER}\n06/03/2026,09:15,text,"Asked where she was",,contacting\n07/03/2026,18:00,in person,Waited at her work,Outside her work,loitering; watching or spying\nnot a date,10:00,text,Bad,,`;
    const response = await post({ reportId, csv, validRowsOnly: true });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ saved: 2, skippedRows: [4] });
    expect(await occasionCount()).toBe(before + 2);
    const saved = await vigil.deps.db.selectFrom('occasions').select(['channels', 'behaviours', 'place', 'occurred_from']).where('report_id', '=', reportId).where('description', '=', 'Waited at her work').executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ channels: ['in-person'], behaviours: ['loitering', 'watching-or-spying'], place: 'Outside her work' });
    expect(saved.occurred_from.toISOString()).toBe('2026-03-07T18:00:00.000Z');
    const audit = await vigil.deps.db.selectFrom('audit_log').select('details').where('record_id', '=', caseId).where('action', '=', 'create').execute();
    expect(audit.some((a) => (a.details as { occasionsAdded?: number }).occasionsAdded === 2)).toBe(true);
  });

  it('finds rows that are already recorded', async () => {
    const response = await post({ reportId, csv: `${HEADER}\n06/03/2026,09:15,text,Asked where she was,,contacting` });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors.map((e: { message: string }) => e.message).join(' ')).toContain('already recorded on this case');
  });

  it('asks for confirmation of dates outside the case window', async () => {
    const csv = `${HEADER}\n01/01/2026,09:00,email,An email before anything else on the case,,`;
    const first = await post({ reportId, csv });
    expect(first.statusCode).toBe(422);
    expect(first.json().errors[0].message).toContain('outside this case’s dates');
    const confirmed = await post({ reportId, csv, confirmOutsideWindow: true });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().saved).toBe(1);
  });

  it('accepts text/csv with the report in the query, and JSON rows', async () => {
    const csv = await post(`${HEADER}\n08/03/2026,07:30,phone call,Rang 5 times,,contacting`, `?reportId=${reportId}`, 'text/csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.json().saved).toBe(1);
    const rows = await post({ reportId, rows: [{ date: '2026-03-09', time: '2pm', channel: 'email', whatHappened: 'Sent "apology", then threats', behaviours: ['threats'] }] });
    expect(rows.statusCode).toBe(200);
    const saved = await vigil.deps.db.selectFrom('occasions').select(['behaviours', 'description']).where('report_id', '=', reportId).where('description', 'like', 'Sent%').executeTakeFirstOrThrow();
    expect(saved).toEqual({ behaviours: ['threats-of-violence'], description: 'Sent "apology", then threats' });
  });

  it('refuses a report that is not in the case, and callers without case write access', async () => {
    const other = await vigil.deps.db.selectFrom('reports').select('id').where('id', '!=', reportId).executeTakeFirst();
    if (other) {
      const response = await post({ reportId: other.id, csv: `${HEADER}\n10/03/2026,07:30,text,Hi,,` });
      expect(response.statusCode).toBe(422);
    }
    const handlerToken = await apiToken(vigil.app, 'call-handler');
    const refused = await vigil.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/occasions/batch`, headers: { authorization: `Bearer ${handlerToken}` }, payload: { reportId, csv: 'x' } });
    expect(refused.statusCode).toBe(403);
  });

  it('adds a single occasion with codes checked', async () => {
    const bad = await vigil.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/occasions`, headers: { authorization: `Bearer ${token}` }, payload: { reportId, occurredAt: '2026-03-11T10:00:00Z', channels: ['fax'], description: 'x' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('channels');
    const ok = await vigil.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/occasions`, headers: { authorization: `Bearer ${token}` }, payload: { reportId, occurredAt: '2026-03-11T10:00:00Z', channels: ['text'], behaviours: ['contacting'], description: 'One more text', times: 4 } });
    expect(ok.statusCode).toBe(201);
  });
});

describe('the batch page', () => {
  it('previews rows with their problems, refuses to save while any has one, then saves and shows them on the timeline', async () => {
    const browser = await signInAs(vigil.app, 'investigator');
    const form = await browser.get(`/cases/${caseId}/occasions/batch`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Add occasions from a diary');
    expect(form.body).toContain('<textarea');

    const bad = `${HEADER}\n12/03/2026,09:00,text,Good row,,\n12/13/2026,09:00,text,Bad row,,`;
    const preview = await browser.post(`/cases/${caseId}/occasions/batch`, { reportId, csv: bad, action: 'preview' });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('1 row can be saved; 1 has a problem');
    expect(preview.body).toContain('Row 3: “12/13/2026” is not a real date');
    expect(preview.body).toContain('Good row');

    const before = await occasionCount();
    const refused = await browser.post(`/cases/${caseId}/occasions/batch`, { reportId, csv: bad, action: 'save' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('govuk-error-summary');
    expect(refused.body).toContain('Nothing has been saved');
    expect(refused.body).toContain('href="#csv"');
    expect(refused.body).toContain('Bad row');
    expect(await occasionCount()).toBe(before);

    const saved = await browser.post(`/cases/${caseId}/occasions/batch`, { reportId, csv: bad, action: 'save', validRowsOnly: 'yes' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/cases/${caseId}/timeline?added=1`);
    expect(await occasionCount()).toBe(before + 1);
    const timeline = await browser.get(String(saved.headers.location));
    expect(timeline.body).toContain('1 occasion added to the case.');
    expect(timeline.body).toContain('Good row');
  });
});
