import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, signInAs, startTestVigil, type Browser, type TestVigil } from '../support/app.ts';
import { baseAnswers, P1_OCCASIONS } from '../intake/fixtures.ts';

let vigil: TestVigil;
let investigator: string;
let callHandler: string;
let caseId: string;

beforeAll(async () => {
  vigil = await startTestVigil();
  investigator = await apiToken(vigil.app, 'investigator');
  callHandler = await apiToken(vigil.app, 'call-handler');
  const created = await api(callHandler, 'POST', '/api/v1/reports', baseAnswers({ occasions: P1_OCCASIONS }));
  expect(created.status).toBe(201);
  caseId = created.body.caseId;
});
afterAll(async () => vigil.close());

async function api(token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  const response = await vigil.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload: payload as object } : {}) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk the JSON freely
  return { status: response.statusCode, body: response.json() as Record<string, any> };
}

const versionOn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';

describe('the course-of-conduct summary', () => {
  let page: Browser;
  beforeAll(async () => {
    page = await signInAs(vigil.app, 'investigator');
  });

  it('starts from the text generated from the timeline', async () => {
    const read = await api(investigator, 'GET', `/api/v1/cases/${caseId}/summary`);
    expect(read.status).toBe(200);
    expect(read.body.generated).toMatch(/^32 occasions between/);
    expect(read.body.saved).toBeNull();
    const shown = await page.get(`/cases/${caseId}/summary`);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain(read.body.generated);
  });

  it('saves an edited summary, shows it on the timeline, and regenerates on demand without saving', async () => {
    const form = await page.get(`/cases/${caseId}/summary`);
    const edited = 'Since 16 November he has texted her about 30 times and twice waited outside her workplace. She has changed her route home.';
    const saved = await page.post(`/cases/${caseId}/summary`, { version: versionOn(form.body), action: 'save', text: edited });
    expect(saved.statusCode).toBe(303);
    const timeline = await page.get(`/cases/${caseId}/timeline`);
    expect(timeline.body).toContain(edited);
    expect(timeline.body).toContain('Summary edited by');

    const regenerated = await page.post(`/cases/${caseId}/summary`, { version: versionOn((await page.get(`/cases/${caseId}/summary`)).body), action: 'regenerate', text: edited });
    expect(regenerated.statusCode).toBe(200);
    expect(regenerated.body).toContain('It is not saved until you save it');
    const still = await api(investigator, 'GET', `/api/v1/cases/${caseId}/summary`);
    expect(still.body.saved.text).toBe(edited);
  });

  it('refuses an empty summary with the message by the field, and a stale version with a conflict', async () => {
    const form = await page.get(`/cases/${caseId}/summary`);
    const version = versionOn(form.body);
    const empty = await page.post(`/cases/${caseId}/summary`, { version, action: 'save', text: '   ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('govuk-error-summary');
    expect(empty.body).toContain('Enter the summary');

    const first = await api(investigator, 'PUT', `/api/v1/cases/${caseId}/summary`, { version: Number(version), text: 'First edit.' });
    expect(first.status).toBe(200);
    expect(first.body.saved.text).toBe('First edit.');
    const stale = await api(investigator, 'PUT', `/api/v1/cases/${caseId}/summary`, { version: Number(version), text: 'Second edit, from an old copy.' });
    expect(stale.status).toBe(409);
    const after = await api(investigator, 'GET', `/api/v1/cases/${caseId}/summary`);
    expect(after.body.saved.text).toBe('First edit.');
  });

  it('says when the conduct has changed since the summary was saved', async () => {
    const before = await api(investigator, 'GET', `/api/v1/cases/${caseId}/summary`);
    expect(before.body.outdated).toBe(false);
    const reportId = (await vigil.deps.db.selectFrom('case_reports').select('report_id').where('case_id', '=', caseId).executeTakeFirstOrThrow()).report_id;
    const added = await api(investigator, 'POST', `/api/v1/cases/${caseId}/occasions`, { reportId, occurredAt: '2026-11-21T17:30:00Z', channels: ['in-person'], behaviours: ['loitering'], description: 'Waited outside her workplace again.' });
    expect(added.status, JSON.stringify(added.body)).toBeLessThan(300);
    const after = await api(investigator, 'GET', `/api/v1/cases/${caseId}/summary`);
    expect(after.body.outdated).toBe(true);
  });

  it('is read-only for a call handler and closed to the scrutiny panel', async () => {
    const refused = await api(callHandler, 'PUT', `/api/v1/cases/${caseId}/summary`, { version: 0, text: 'Not mine to write.' });
    expect(refused.status).toBe(403);
    const panel = await apiToken(vigil.app, 'scrutiny-panel-member');
    expect((await api(panel, 'GET', `/api/v1/cases/${caseId}/summary`)).status).toBe(403);
  });
});
