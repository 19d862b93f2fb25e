import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, signInAs, startTestVigil, type TestVigil } from '../support/app.ts';
import { api, insertOrder, insertReport, userId } from './support.ts';

let vigil: TestVigil;
beforeAll(async () => {
  vigil = await startTestVigil();
});
afterAll(async () => vigil.close());

async function newPerson(token: string, body: Record<string, unknown>): Promise<string> {
  const response = await api(vigil, token).post('/api/v1/people', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

describe('person records', () => {
  it('a call handler adds a person with aliases, identifiers and an address through the form, and sees them on the person page', async () => {
    const browser = await signInAs(vigil.app, 'call-handler');
    const form = await browser.get('/people/new');
    expect(form.statusCode).toBe(200);
    for (const id of ['forenames', 'surname', 'aliases-0-forenames', 'dob-day', 'phones-0', 'emails-0', 'handles-0-handle', 'vehicles-0', 'addresses-0-line']) {
      expect(form.body).toContain(`for="${id}"`);
    }
    const created = await browser.post('/people/new', {
      forenames: 'Marcus',
      surname: 'Pellow',
      aliasForenames: ['Mark', ''],
      aliasSurname: ['Pelow', ''],
      'dob-day': '3',
      'dob-month': '2',
      'dob-year': '1979',
      gender: 'Male',
      description: 'Tall, shaved head, tattoo of a swallow on the left hand',
      phones: ['07700 900456', ''],
      emails: ['Marcus.Pellow@example.com', ''],
      handlePlatform: ['Instagram', ''],
      handle: ['@MarcusP_79', ''],
      vehicles: ['ab12 cde', ''],
      addressLine: ['2 Harbour Row'],
      addressTown: ['Porthaven'],
      addressPostcode: ['PL1 2AB'],
    });
    expect(created.statusCode, created.body).toBe(303);
    const location = String(created.headers.location);
    expect(location).toMatch(/^\/people\/[0-9a-f-]{36}\?saved=created$/);
    const page = await browser.get(location);
    expect(page.statusCode).toBe(200);
    for (const text of ['Marcus Pellow', 'Mark Pelow', '3 February 1979', '07700 900456', 'Marcus.Pellow@example.com', '@MarcusP_79 (Instagram)', 'ab12 cde', '2 Harbour Row, Porthaven, PL1 2AB', 'Who has accessed this record']) {
      expect(page.body).toContain(text);
    }
    const id = location.split('/')[2]!.split('?')[0]!;
    const keys = await vigil.deps.db.selectFrom('person_identifiers').select(['kind', 'normalised']).where('person_id', '=', id).orderBy('kind').orderBy('normalised').execute();
    expect(keys).toEqual([
      { kind: 'email', normalised: 'marcus.pellow@example.com' },
      { kind: 'handle', normalised: 'instagram:marcusp_79' },
      { kind: 'phone', normalised: '+447700900456' },
      { kind: 'postcode', normalised: 'PL1 2AB' },
      { kind: 'town', normalised: 'porthaven' },
      { kind: 'vehicle', normalised: 'AB12CDE' },
    ]);
    const names = await vigil.deps.db.selectFrom('person_names').select(['kind', 'full_key', 'surname_phonetic']).where('person_id', '=', id).orderBy('kind', 'desc').execute();
    expect(names).toEqual([
      { kind: 'primary', full_key: 'marcus pellow', surname_phonetic: expect.any(String) },
      { kind: 'alias', full_key: 'mark pelow', surname_phonetic: expect.any(String) },
    ]);
    const audit = await vigil.deps.db.selectFrom('audit_log').select('action').where('record_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'view']));
  });

  it('refuses bad input with an error summary and a message by each field, keeping what was typed', async () => {
    const browser = await signInAs(vigil.app, 'call-handler');
    const page = await browser.post('/people/new', {
      forenames: '',
      surname: 'Pellow',
      phones: ['', '12'],
      handlePlatform: ['Facebook'],
      handle: [''],
      'dob-day': '31',
      'dob-month': '2',
      'dob-year': '1990',
      ageMin: '40',
      ageMax: '30',
    });
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('There is a problem');
    expect(page.body).toContain('href="#forenames"');
    expect(page.body).toContain('href="#phones-0"');
    expect(page.body).toContain('href="#handles-0-handle"');
    expect(page.body).toContain('href="#dob-day"');
    expect(page.body).toContain('href="#ageMax"');
    expect(page.body).toContain('id="phones-0-error"');
    expect(page.body).toContain('value="12"');
    expect(await vigil.deps.db.selectFrom('people').select('id').where('surname', '=', 'Pellow').where('forenames', '=', '').execute()).toHaveLength(0);
  });

  it('edits a person with a version check: a stale save is refused and shows what changed', async () => {
    const token = await apiToken(vigil.app, 'investigator');
    const id = await newPerson(token, { forenames: 'Nadia', surname: 'Okafor', aliases: [{ forenames: 'Nad', surname: 'Okafor' }] });
    const browser = await signInAs(vigil.app, 'investigator');
    const form = await browser.get(`/people/${id}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Nad"');
    const saved = await browser.post(`/people/${id}/edit`, { version: '1', forenames: 'Nadia', surname: 'Okafor-Reid', aliasForenames: ['Nad'], aliasSurname: ['Okafor'] });
    expect(saved.statusCode).toBe(303);
    const stale = await browser.post(`/people/${id}/edit`, { version: '1', forenames: 'Nadia', surname: 'Okafor' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this person');
    expect(stale.body).toContain('Okafor-Reid');
    const person = (await api(vigil, token).get(`/api/v1/people/${id}`)).json();
    expect(person).toMatchObject({ surname: 'Okafor-Reid', version: 2, aliases: [{ forenames: 'Nad', surname: 'Okafor' }] });
    const apiStale = await api(vigil, token).put(`/api/v1/people/${id}`, { version: 1, forenames: 'N', surname: 'O' });
    expect(apiStale.statusCode).toBe(409);
    expect(apiStale.headers['content-type']).toContain('application/problem+json');
    const keys = await vigil.deps.db.selectFrom('person_names').select('full_key').where('person_id', '=', id).orderBy('full_key').execute();
    expect(keys.map((k) => k.full_key)).toEqual(['nad okafor', 'nadia okafor reid']);
  });

  it('the API lists the fields at fault', async () => {
    const response = await api(vigil, await apiToken(vigil.app, 'call-handler')).post('/api/v1/people', { forenames: 'A', surname: 'B', phones: ['not a phone'], emails: ['nope'] });
    expect(response.statusCode).toBe(422);
    const fields = response.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['phones.0', 'emails.0']));
  });

  it('describes the people endpoints in the OpenAPI document', async () => {
    const doc = (await vigil.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/v1/people/match'] ?? {})).toEqual(['post']);
    expect(Object.keys(doc.paths['/api/v1/people/{id}/history'] ?? {})).toEqual(['get']);
    expect(Object.keys(doc.paths['/api/v1/people/{id}/flags'] ?? {})).toEqual(['post']);
    expect(Object.keys(doc.paths['/api/v1/people/{id}'] ?? {}).sort()).toEqual(['get', 'put']);
  });

  it('the "Who has accessed this record" link leads to the audit trail of the person for a supervisor', async () => {
    const id = await newPerson(await apiToken(vigil.app, 'investigator'), { forenames: 'Audra', surname: 'Penrose' });
    const browser = await signInAs(vigil.app, 'detective-sergeant');
    const page = await browser.get(`/people/${id}`);
    expect(page.body).toContain(`href="/audit/person/${id}"`);
    const trail = await browser.get(`/audit/person/${id}`);
    expect(trail.statusCode).toBe(200);
    expect(trail.body).toContain('detective-sergeant');
    expect((await browser.get(`/people/${id}/history`)).body).toContain(`href="/audit/person/${id}"`);
  });

  it('users who can only read people cannot add or edit them', async () => {
    const browser = await signInAs(vigil.app, 'intelligence-analyst');
    expect((await browser.get('/people/new')).statusCode).toBe(403);
    const response = await api(vigil, await apiToken(vigil.app, 'intelligence-analyst')).post('/api/v1/people', { forenames: 'A', surname: 'B' });
    expect(response.statusCode).toBe(403);
  });
});

describe('every record a person appears in', () => {
  it('lists reports with their role, cases as victim or suspect, and orders as subject or protected person', async () => {
    const token = await apiToken(vigil.app, 'investigator');
    const victim = await newPerson(token, { forenames: 'Ivy', surname: 'Marchbank' });
    const suspect = await newPerson(token, { forenames: 'Owen', surname: 'Tregear' });
    const creator = await userId(vigil, 'investigator');
    await insertReport(vigil, { reference: 'R-APP-1', createdBy: creator, reportedAt: '2026-01-05T09:00:00Z', parties: [{ personId: victim, role: 'victim' }, { personId: suspect, role: 'suspect' }] });
    await insertReport(vigil, { reference: 'R-APP-2', createdBy: creator, reportedAt: '2026-02-05T09:00:00Z', parties: [{ personId: victim, role: 'witness' }] });
    const { id: caseId } = await vigil.deps.db.insertInto('cases').values({ reference: 'C-APP-1', suspect_person_id: suspect }).returning('id').executeTakeFirstOrThrow();
    await vigil.deps.db.insertInto('case_victims').values({ case_id: caseId, person_id: victim }).execute();
    await insertOrder(vigil, { type: 'spo', subjectId: suspect, protectedIds: [victim], madeOn: '2026-03-01', expiresOn: '2028-03-01' });
    const person = (await api(vigil, token).get(`/api/v1/people/${victim}`)).json();
    const rows = person.appearances.map((a: { kind: string; reference: string; roleLabel: string }) => `${a.kind} ${a.reference} ${a.roleLabel}`).sort();
    expect(rows).toEqual(['case C-APP-1 Victim', 'order Stalking Protection Order Protected person', 'report R-APP-1 Victim', 'report R-APP-2 Witness']);
    const suspectView = (await api(vigil, token).get(`/api/v1/people/${suspect}`)).json();
    expect(suspectView.appearances.map((a: { roleLabel: string }) => a.roleLabel).sort()).toEqual(['Subject of order', 'Suspect', 'Suspect']);
    // The order was stored under the older code 'spo'; its history gives the current one.
    const suspectHistory = (await api(vigil, token).get(`/api/v1/people/${suspect}/history`)).json();
    expect(suspectHistory.orders.map((o: { type: string }) => o.type)).toEqual(['stalking-protection-order']);
    const page = await (await signInAs(vigil.app, 'investigator')).get(`/people/${victim}`);
    expect(page.body).toContain('R-APP-2');
    expect(page.body).toContain('Protected person');
  });
});

describe("a victim's address is protected", () => {
  let victim: string;
  beforeAll(async () => {
    const token = await apiToken(vigil.app, 'detective-sergeant');
    victim = await newPerson(token, { forenames: 'Rhiannon', surname: 'Vell', addresses: [{ line: '9 Quayside Terrace', town: 'Porthaven', postcode: 'PL4 9ZZ', protected: true }] });
    const { id: caseId } = await vigil.deps.db.insertInto('cases').values({ reference: 'C-PROT-1', owner_team: 'cid' }).returning('id').executeTakeFirstOrThrow();
    await vigil.deps.db.insertInto('case_victims').values({ case_id: caseId, person_id: victim }).execute();
  });

  it('is stored protected and withheld from users with no case linking them to the victim (page and API)', async () => {
    const stored = await vigil.deps.db.selectFrom('person_addresses').select('protected').where('person_id', '=', victim).execute();
    expect(stored).toEqual([{ protected: true }]);
    for (const role of ['call-handler', 'stalking-champion', 'offender-manager']) {
      const page = await (await signInAs(vigil.app, role)).get(`/people/${victim}`);
      expect(page.statusCode).toBe(200);
      expect(page.body, role).not.toContain('Quayside');
      expect(page.body).toContain('1 protected address is withheld');
      const json = (await api(vigil, await apiToken(vigil.app, role)).get(`/api/v1/people/${victim}`)).json();
      expect(json.addresses).toEqual([]);
      expect(json.withheldAddresses).toBe(1);
      expect(JSON.stringify(json)).not.toContain('Quayside');
    }
  });

  it('is shown to an officer whose team owns a case the victim is on', async () => {
    const page = await (await signInAs(vigil.app, 'investigator')).get(`/people/${victim}`);
    expect(page.body).toContain('9 Quayside Terrace');
    const json = (await api(vigil, await apiToken(vigil.app, 'investigator')).get(`/api/v1/people/${victim}`)).json();
    expect(json.addresses).toEqual([expect.objectContaining({ line: '9 Quayside Terrace', protected: true })]);
  });

  it("is shown to an officer whose team owns a case where the person is the suspect, and not to others", async () => {
    const token = await apiToken(vigil.app, 'detective-sergeant');
    const suspect = await newPerson(token, { forenames: 'Corwen', surname: 'Delamere', addresses: [{ line: '4 Saltings Row', town: 'Porthaven', postcode: 'PL4 8ZZ', protected: true }] });
    await vigil.deps.db.insertInto('cases').values({ reference: 'C-PROT-2', owner_team: 'cid', suspect_person_id: suspect }).execute();
    const seen = (await api(vigil, await apiToken(vigil.app, 'investigator')).get(`/api/v1/people/${suspect}`)).json();
    expect(seen.addresses).toEqual([expect.objectContaining({ line: '4 Saltings Row', protected: true })]);
    const withheld = (await api(vigil, await apiToken(vigil.app, 'call-handler')).get(`/api/v1/people/${suspect}`)).json();
    expect(withheld.addresses).toEqual([]);
    expect(withheld.withheldAddresses).toBe(1);
  });

  it('survives an edit by someone who cannot see it, and a new address for a known victim is protected automatically', async () => {
    const browser = await signInAs(vigil.app, 'call-handler');
    const form = await browser.get(`/people/${victim}/edit`);
    expect(form.body).not.toContain('Quayside');
    expect(form.body).toContain('1 protected address you cannot see');
    const saved = await browser.post(`/people/${victim}/edit`, { version: '1', forenames: 'Rhiannon', surname: 'Vell', addressLine: ['1 New Street'], addressTown: ['Porthaven'], addressPostcode: [''] });
    expect(saved.statusCode, saved.body).toBe(303);
    const stored = await vigil.deps.db.selectFrom('person_addresses').select(['line', 'protected']).where('person_id', '=', victim).orderBy('line').execute();
    expect(stored).toEqual([
      { line: '1 New Street', protected: true },
      { line: '9 Quayside Terrace', protected: true },
    ]);
  });
});
