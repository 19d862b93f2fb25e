import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCandidates } from '../../src/features/people/matching.ts';
import { historyFor } from '../../src/features/people/history.ts';
import { toActor } from '../../src/platform/auth/actor.ts';
import { apiToken, signInAs, startTestVigil, type TestVigil } from '../support/app.ts';
import { api, insertOrder } from './support.ts';

let vigil: TestVigil;
let johnId: string;
let sarahId: string;
let orderId: string;
let callHandler: ReturnType<typeof api>;

beforeAll(async () => {
  vigil = await startTestVigil();
  vigil.clock.set('2025-09-15T10:00:00Z');
  const officer = api(vigil, await apiToken(vigil.app, 'investigator'));
  const john = await officer.post('/api/v1/people', {
    forenames: 'John',
    surname: 'Smith',
    dateOfBirth: '1986-05-04',
    gender: 'Male',
    addresses: [{ line: '14 Mill Lane', town: 'Leeds', postcode: 'LS6 2AB' }],
    phones: ['07700 900123'],
  });
  expect(john.statusCode, john.body).toBe(201);
  johnId = john.json().id;
  const sarah = await officer.post('/api/v1/people', { forenames: 'Sarah', surname: 'Jones', dateOfBirth: '1988-11-02', gender: 'Female' });
  sarahId = sarah.json().id;
  // Decoys that share parts of the name.
  for (const [forenames, surname, dateOfBirth] of [
    ['Joan', 'Smithers', '1950-01-01'],
    ['John', 'Smith', '2001-07-30'],
    ['Jonathan', 'Smythe', '1986-05-04'],
  ] as const) {
    expect((await officer.post('/api/v1/people', { forenames, surname, dateOfBirth })).statusCode).toBe(201);
  }
  orderId = await insertOrder(vigil, {
    type: 'restraining-order',
    subjectId: johnId,
    protectedIds: [sarahId],
    madeOn: '2024-03-01',
    expiresOn: '2029-03-01',
    court: 'Leeds Magistrates Court',
    prohibitions: 'Not to contact Sarah Jones directly or indirectly; not to enter Elm Street',
  });
  callHandler = api(vigil, await apiToken(vigil.app, 'call-handler'));
});
afterAll(async () => vigil.close());

describe('P9: history at the point of report', () => {
  it('a query for "Jon Smyth", about 39, same town, puts John Smith born 4 May 1986 first as a strong match, with reasons', async () => {
    const response = await callHandler.post('/api/v1/people/match', { forename: 'Jon', surname: 'Smyth', age: { about: 39 }, address: { town: 'Leeds' } });
    expect(response.statusCode, response.body).toBe(200);
    const { candidates, referenceDate } = response.json();
    expect(referenceDate).toBe('2025-09-15');
    expect(candidates[0]).toMatchObject({ personId: johnId, restricted: false, name: 'John Smith', dateOfBirth: '1986-05-04', band: 'strong' });
    const codes = candidates[0].reasons.map((r: { code: string }) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['forename-nickname', 'surname-phonetic', 'age-in-range', 'town-match']));
    // The younger John Smith conflicts on age and scores lower.
    const younger = candidates.find((c: { personId: string; dateOfBirth: string }) => c.dateOfBirth === '2001-07-30');
    if (younger) expect(younger.score).toBeLessThan(candidates[0].score);
  });

  it('the history panel for the match shows the active restraining order protecting Sarah Jones, before anything is saved', async () => {
    const reportsBefore = await vigil.deps.db.selectFrom('reports').select('id').execute();
    const response = await callHandler.get(`/api/v1/people/${johnId}/history`);
    expect(response.statusCode, response.body).toBe(200);
    const history = response.json();
    expect(history.hasActiveOrder).toBe(true);
    expect(history.orders).toHaveLength(1);
    expect(history.orders[0]).toMatchObject({
      id: orderId,
      typeLabel: 'Restraining order',
      role: 'subject',
      active: true,
      expiresOn: '2029-03-01',
      protectedPersons: [{ id: sarahId, restricted: false, name: 'Sarah Jones' }],
    });
    expect(history.orders[0].prohibitions).toContain('Not to contact Sarah Jones');
    expect(history.otherVictims).toEqual([expect.objectContaining({ victim: { id: sarahId, restricted: false, name: 'Sarah Jones' }, via: ['order'] })]);
    // Looking is not saving: no report was created.
    expect(await vigil.deps.db.selectFrom('reports').select('id').execute()).toHaveLength(reportsBefore.length);
  });

  it('the same works through the services the intake flow calls, and both reads are audited', async () => {
    const row = await vigil.deps.db.selectFrom('users').select(['id', 'username', 'display_name']).where('username', '=', 'call-handler').executeTakeFirstOrThrow();
    const ctx = { actor: toActor({ id: row.id, username: row.username, displayName: row.display_name, roles: ['call-handler'], teams: ['response'], isService: false }), requestId: 'p9-service' };
    const result = await findCandidates(vigil.deps, ctx, { forename: 'Jon', surname: 'Smyth', age: { about: 39 }, address: { town: 'Leeds' }, aliases: [], phones: [], emails: [], handles: [], vehicles: [] });
    expect(result.candidates[0]?.personId).toBe(johnId);
    const [history] = await historyFor(vigil.deps, ctx, [johnId, sarahId]);
    expect(history?.restricted).toBe(false);
    if (history && !history.restricted) expect(history.orders.map((o) => o.active)).toEqual([true]);
    const audit = await vigil.deps.db.selectFrom('audit_log').select(['action', 'record_type', 'record_id']).where('request_id', '=', 'p9-service').execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'search', record_type: 'person-match', record_id: null },
        { action: 'view', record_type: 'person', record_id: johnId },
        { action: 'view', record_type: 'person', record_id: sarahId },
      ]),
    );
  });

  it('Sarah Jones\'s history shows the order protecting her and who it is against', async () => {
    const history = (await callHandler.get(`/api/v1/people/${sarahId}/history`)).json();
    expect(history.orders[0]).toMatchObject({ role: 'protected', active: true, subject: { id: johnId, name: 'John Smith' } });
  });

  it('the search page (POST, no names in the URL) shows the match with its score and reasons, and the history page shows the order', async () => {
    const browser = await signInAs(vigil.app, 'call-handler');
    const page = await browser.post('/people/search', { forename: 'Jon', surname: 'Smyth', ageAbout: '39', town: 'Leeds' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('John Smith');
    expect(page.body).toMatch(/Strong match: \d+ out of 100/);
    expect(page.body).toContain('Forename &quot;Jon&quot; is a common short form of &quot;John&quot;');
    expect(page.body).toContain(`/people/${johnId}/history`);
    const history = await browser.get(`/people/${johnId}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('In force now: Restraining order against this person');
    expect(history.body).toContain('Sarah Jones');
    expect(history.body.match(/<h1[\s>]/g)).toHaveLength(1);
  });

  it('an order that has passed its expiry date is shown as past, not in force', async () => {
    vigil.clock.set('2029-03-02T10:00:00Z');
    try {
      // Tokens last 12 hours, so take a new one at the new time.
      const later = api(vigil, await apiToken(vigil.app, 'call-handler'));
      const history = (await later.get(`/api/v1/people/${johnId}/history`)).json();
      expect(history.orders[0].active).toBe(false);
      expect(history.hasActiveOrder).toBe(false);
    } finally {
      vigil.clock.set('2025-09-15T10:00:00Z');
    }
  });
});
