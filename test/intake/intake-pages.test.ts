import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, startTestVigil, type Browser, type TestVigil } from '../support/app.ts';

let vigil: TestVigil;
let browser: Browser;
beforeAll(async () => {
  vigil = await startTestVigil();
  browser = await signInAs(vigil.app, 'call-handler');
});
afterAll(async () => vigil.close());

function versionOn(html: string): string {
  return /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
}

async function start(): Promise<string> {
  const created = await browser.post('/reports/new');
  expect(created.statusCode).toBe(303);
  const match = /^\/reports\/([0-9a-f-]{36})\/caller$/.exec(created.headers.location as string);
  expect(match).not.toBeNull();
  return match![1]!;
}

async function answer(id: string, page: string, form: Record<string, string | string[]>) {
  const current = await browser.get(`/reports/${id}/${page}`);
  expect(current.statusCode).toBe(200);
  return browser.post(`/reports/${id}/${page}`, { version: versionOn(current.body), action: 'continue', ...form });
}

describe('the report question flow', () => {
  it('records P1 in six pages and lands on the submitted report with its case', async () => {
    const id = await start();
    const pages: Array<[string, Record<string, string | string[]>]> = [
      ['caller', { callerCapacity: 'victim', relationship: 'ex-intimate-partner' }],
      ['people', { 'victim.forenames': 'Tamsin', 'victim.surname': 'Hawthorne', suspectKnown: 'yes', 'suspect.forenames': 'Orrin', 'suspect.surname': 'Dunmore' }],
      [
        'conduct',
        {
          account: 'He has texted me 30 times since Monday and waited outside my work on Tuesday and Thursday.',
          'occasions[0].date': '2026-11-16',
          'occasions[0].endDate': '2026-11-19',
          'occasions[0].times': '30',
          'occasions[0].channels': 'text',
          'occasions[0].behaviours': 'contacting',
          'occasions[0].fearOfViolence': 'no',
          'occasions[1].date': '2026-11-17',
          'occasions[1].channels': 'in-person',
          'occasions[1].behaviours': 'loitering',
          'occasions[1].fearOfViolence': 'no',
          'occasions[2].date': '2026-11-19',
          'occasions[2].channels': 'in-person',
          'occasions[2].behaviours': 'loitering',
          'occasions[2].fearOfViolence': 'no',
        },
      ],
      ['effects', { effects: ['changed-route'] }],
      [
        'response',
        {
          'thrive.threat': 'medium',
          'thrive.harm': 'medium',
          'thrive.risk': 'high',
          response: 'priority',
          responseRationale: 'Waiting at her workplace twice this week.',
          evidenceAdvice: 'Keep a diary and every message; do not reply.',
        },
      ],
    ];
    let next = '';
    for (const [page, form] of pages) {
      const response = await answer(id, page, form);
      expect(response.statusCode, `${page}: ${response.body.slice(0, 300)}`).toBe(303);
      next = response.headers.location as string;
    }
    expect(next).toBe(`/reports/${id}/check`);
    const check = await browser.get(next);
    expect(check.body).toContain('Stalking');
    expect(check.body).toMatch(/ex-partner/i);
    expect(check.body).toContain('Domestic abuse');
    expect(check.body).toContain('Cyber-enabled');
    expect(check.body).not.toContain('govuk-error-summary');
    const submitted = await browser.post(`/reports/${id}/submit`, { version: versionOn(check.body) });
    expect(submitted.statusCode).toBe(303);
    const page = await browser.get(submitted.headers.location as string);
    expect(page.body).toContain('Report submitted');
    const caseLink = /href="\/cases\/([0-9a-f-]{36})"/.exec(page.body);
    expect(caseLink).not.toBeNull();
    const casePage = await browser.get(`/cases/${caseLink![1]}`);
    expect(casePage.statusCode).toBe(200);
    expect(casePage.body).toContain('suggested, not yet confirmed');
    expect(casePage.body).toContain('Triage and allocate the investigation');
  });

  it('keeps what was typed when a page has errors, and shows them in the error summary beside the fields', async () => {
    const id = await start();
    const response = await answer(id, 'conduct', {
      account: 'Messages every night.',
      'occasions[0].date': 'not a date',
      'occasions[0].place': 'The bus station',
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('href="#occasions.0.date"');
    expect(response.body).toContain('Enter a real date');
    const again = await browser.get(`/reports/${id}/conduct`);
    expect(again.body).toContain('Messages every night.');
    expect(again.body).toContain('The bus station');
    expect(again.body).toContain('value="not a date"');
  });

  it('adds and removes occasion rows without JavaScript', async () => {
    const id = await start();
    const page = await browser.get(`/reports/${id}/conduct`);
    const added = await browser.post(`/reports/${id}/conduct`, { version: versionOn(page.body), action: 'add-occasion', account: 'x', 'occasions[0].date': '2026-11-01' });
    expect(added.statusCode).toBe(200);
    expect(added.body).toContain('Occasion 2');
    const removed = await browser.post(`/reports/${id}/conduct`, { version: versionOn(added.body), action: 'remove-0', account: 'x', 'occasions[0].date': '2026-11-01', 'occasions[1].date': '2026-11-02' });
    expect(removed.body).not.toContain('Occasion 2');
    expect(removed.body).toContain('value="2026-11-02"');
  });

  it('lists what is missing on the check page, linked to the page that asks it, and will not submit', async () => {
    const id = await start();
    await answer(id, 'caller', { callerCapacity: 'victim', relationship: 'stranger' });
    const check = await browser.get(`/reports/${id}/check`);
    expect(check.body).toContain('govuk-error-summary');
    expect(check.body).toContain(`href="/reports/${id}/people#victim.surname"`);
    const submit = await browser.post(`/reports/${id}/submit`, { version: versionOn(check.body) });
    expect(submit.statusCode).toBe(422);
    const row = await vigil.deps.db.selectFrom('reports').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('draft');
  });

  it("keeps another officer's draft private", async () => {
    const id = await start();
    const other = await signInAs(vigil.app, 'attending-officer');
    expect((await other.get(`/reports/${id}/caller`)).statusCode).toBe(403);
  });
});
