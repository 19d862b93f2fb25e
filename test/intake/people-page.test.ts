import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, signInAs, startTestVigil, type Browser, type TestVigil } from '../support/app.ts';
import { victimNotificationDue } from '../../src/domain/calendar/index.ts';
import { baseAnswers, P1_OCCASIONS } from './fixtures.ts';

let vigil: TestVigil;
let browser: Browser;
let token: string;
let earlier: { reportId: string; reference: string; suspectId: string };

beforeAll(async () => {
  vigil = await startTestVigil();
  browser = await signInAs(vigil.app, 'call-handler');
  token = await apiToken(vigil.app, 'call-handler');
  const created = await api('POST', '/api/v1/reports', baseAnswers({
    suspect: { forenames: 'Orrin', surname: 'Dunmore', dateOfBirth: '1984-03-02', phone: '07700 900123' },
    occasions: P1_OCCASIONS,
  }));
  expect(created.status).toBe(201);
  const read = await api('GET', `/api/v1/reports/${created.body.reportId}`);
  earlier = { reportId: created.body.reportId, reference: read.body.reference, suspectId: read.body.answers.suspect.personId };
});
afterAll(async () => vigil.close());

async function api(method: 'GET' | 'POST', url: string, payload?: unknown) {
  const response = await vigil.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload: payload as object } : {}) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk the JSON freely
  return { status: response.statusCode, body: response.json() as Record<string, any> };
}

async function draft(): Promise<string> {
  const created = await browser.post('/reports/new');
  return /\/reports\/([0-9a-f-]{36})\//.exec(created.headers.location as string)![1]!;
}

const versionOn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';

async function press(id: string, action: string, form: Record<string, string>) {
  const page = await browser.get(`/reports/${id}/people`);
  return browser.post(`/reports/${id}/people`, { version: versionOn(page.body), action, ...form });
}

describe('the people page of the report flow', () => {
  it('offers the existing record of a suspect typed again, with their history, and links it only when chosen', async () => {
    const id = await draft();
    const typed = { 'victim.forenames': 'Pell', 'victim.surname': 'Varrow', suspectKnown: 'yes', 'suspect.forenames': 'Orin', 'suspect.surname': 'Dunmore', 'suspect.phone': '07700900123' };
    const checked = await press(id, 'check-people', typed);
    expect(checked.statusCode).toBe(200);
    expect(checked.body).toContain('Existing records that may be this person');
    expect(checked.body).toContain(`value="use:suspect:${earlier.suspectId}"`);
    expect(checked.body).toContain('What the force already knows');
    expect(checked.body).toContain(earlier.reference);
    expect(checked.body).not.toContain('name="suspect.personId"');

    const linked = await press(id, `use:suspect:${earlier.suspectId}`, typed);
    expect(linked.statusCode).toBe(200);
    expect(linked.body).toContain(`name="suspect.personId" value="${earlier.suspectId}"`);
    expect(linked.body).toContain('Linked to an existing record');
    expect(linked.body).not.toContain(`value="use:suspect:${earlier.suspectId}"`);

    const undone = await press(id, 'unlink:suspect', { ...typed, 'suspect.personId': earlier.suspectId });
    expect(undone.body).not.toContain('name="suspect.personId"');
    expect(undone.body).toContain(`value="use:suspect:${earlier.suspectId}"`);
  });

  it('adds and removes further victims and suspects without losing what was typed', async () => {
    const id = await draft();
    const added = await press(id, 'add-victim', { 'victim.surname': 'Varrow', suspectKnown: 'yes', 'suspect.surname': 'Kell' });
    expect(added.body).toContain('Victim 2');
    expect(added.body).toContain('name="otherVictims.0.surname"');
    expect(added.body).toContain('value="Varrow"');

    const two = await press(id, 'add-suspect', { 'victim.surname': 'Varrow', 'otherVictims.0.surname': 'Quill', suspectKnown: 'yes', 'suspect.surname': 'Kell' });
    expect(two.body).toContain('Suspect 2');
    expect(two.body).toContain('value="Quill"');

    const removed = await press(id, 'remove-victim-0', { 'victim.surname': 'Varrow', 'otherVictims.0.surname': 'Quill', suspectKnown: 'yes', 'suspect.surname': 'Kell' });
    expect(removed.body).not.toContain('Victim 2');
    expect(removed.body).not.toContain('value="Quill"');
  });

  it('refuses a further victim with no name, with the message by the field', async () => {
    const id = await draft();
    const refused = await press(id, 'continue', { 'victim.surname': 'Varrow', 'otherVictims.0.surname': '', 'otherVictims.0.town': 'Northtown', suspectKnown: 'no' });
    // The page itself only needs its own fields; the missing name is caught when the report is checked.
    expect(refused.statusCode).toBe(303);
    const check = await browser.get(`/reports/${id}/check`);
    expect(check.body).toContain('Enter the name of victim 2, or remove them');
  });
});

describe('a report with two victims and two suspects', () => {
  it('records every party, puts both victims on the case and treats two occasions towards them as a course of conduct', async () => {
    const created = await api('POST', '/api/v1/reports', baseAnswers({
      relationship: 'neighbour',
      victim: { forenames: 'Ada', surname: 'Brisk' },
      otherVictims: [{ forenames: 'Bel', surname: 'Brisk' }],
      suspect: { forenames: 'Cato', surname: 'Fenn' },
      otherSuspects: [{ forenames: 'Dray', surname: 'Fenn' }],
      occasions: [
        { date: '2026-11-18', channels: ['in-person'], behaviours: ['threats-of-violence'], fearOfViolence: true },
        { date: '2026-11-20', channels: ['in-person'], behaviours: ['threats-of-violence'], fearOfViolence: true },
      ],
    }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.suggestion.courseOfConduct).toMatchObject({ met: true });
    const kase = await api('GET', `/api/v1/cases/${created.body.caseId}`);
    const names = (kase.body.parties as Array<{ role: string; name: string }>).map((p) => `${p.role}:${p.name}`);
    expect(names).toEqual(expect.arrayContaining(['victim:Ada Brisk', 'victim:Bel Brisk', 'suspect:Cato Fenn', 'suspect:Dray Fenn']));
    const victims = await vigil.deps.db.selectFrom('case_victims').select('person_id').where('case_id', '=', created.body.caseId).execute();
    expect(victims).toHaveLength(2);
  });

  it('refuses other suspects when the suspect is said to be unknown, and saves nothing', async () => {
    const before = await vigil.deps.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const refused = await api('POST', '/api/v1/reports', baseAnswers({ suspectKnown: 'no', suspect: undefined, otherSuspects: [{ surname: 'Fenn' }], occasions: P1_OCCASIONS }));
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('remove the other suspects');
    const after = await vigil.deps.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('the first contact with the victim', () => {
  async function contactDue(answers: Record<string, unknown>): Promise<string> {
    const created = await api('POST', '/api/v1/reports', answers);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const kase = await api('GET', `/api/v1/cases/${created.body.caseId}`);
    return (kase.body.openTasks as Array<{ type: string; dueAt: string }>).find((t) => t.type === 'victim-contact')!.dueAt;
  }

  it.each([
    ['stalking (enhanced service)', baseAnswers({ victim: { forenames: 'Wren', surname: 'Aldous' }, suspect: { forenames: 'Yale', surname: 'Corbet' }, occasions: P1_OCCASIONS }), 'enhanced'],
    [
      'one threatening message from an acquaintance to an adult (standard service)',
      baseAnswers({
        relationship: 'acquaintance',
        victim: { forenames: 'Ives', surname: 'Marrable' },
        suspect: { forenames: 'Jory', surname: 'Pentreath' },
        occasions: [{ date: '2026-11-20', channels: ['email'], behaviours: ['threats-of-violence'] }],
      }),
      'standard',
    ],
  ] as const)('is due by the Victims’ Code deadline for the victim’s service: %s', async (_, answers, level) => {
    const due = await contactDue(answers);
    expect(due).toBe(victimNotificationDue(vigil.clock.now(), level).dueAt.toISOString());
  });

  it('differs between the two services, so the test above can tell them apart', () => {
    const now = vigil.clock.now();
    expect(victimNotificationDue(now, 'enhanced').dueAt.getTime()).toBeLessThan(victimNotificationDue(now, 'standard').dueAt.getTime());
  });
});
