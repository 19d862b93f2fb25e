import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, signInAs, startTestVigil, type TestVigil } from '../support/app.ts';

let vigil: TestVigil;
let restrictedId: string;
beforeAll(async () => {
  vigil = await startTestVigil();
  restrictedId = (await vigil.deps.db.selectFrom('people').select('id').where('restricted', '=', true).executeTakeFirstOrThrow()).id;
});
afterAll(async () => vigil.close());

describe('restricted records', () => {
  it.each(['investigator', 'call-handler', 'crime-registrar'])('%s, not named, sees only that it exists and whom to contact', async (role) => {
    const browser = await signInAs(vigil.app, role);
    const page = await browser.get(`/people/${restrictedId}`);
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('This record is restricted');
    expect(page.body).toContain('professional standards');
    expect(page.body).not.toContain('Corvin');
    expect(page.body).not.toContain('1984');
    const list = await browser.get('/people');
    expect(list.body).toContain('Restricted record');
    expect(list.body).not.toContain('Corvin');
    const denied = await vigil.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'view-denied').where('actor_username', '=', role).execute();
    expect(denied.length).toBeGreaterThan(0);
  });

  it('a named user must give a reason, which is audited with the view', async () => {
    const browser = await signInAs(vigil.app, 'detective-sergeant');
    const prompt = await browser.get(`/people/${restrictedId}`);
    expect(prompt.statusCode).toBe(403);
    expect(prompt.body).toContain('Why do you need to open this record?');
    expect(prompt.body).not.toContain('Corvin');

    const tooShort = await browser.post(`/people/${restrictedId}/open`, { reason: 'because' });
    expect(tooShort.statusCode).toBe(422);
    expect(tooShort.body).toContain('at least 10 characters');

    const opened = await browser.post(`/people/${restrictedId}/open`, { reason: 'Reviewing the allocation of the linked case' });
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('Corvin');
    const row = await vigil.deps.db
      .selectFrom('audit_log')
      .select(['reason', 'actor_username'])
      .where('record_id', '=', restrictedId)
      .where('action', '=', 'view')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ reason: 'Reviewing the allocation of the linked case', actor_username: 'detective-sergeant' });
  });

  it('the API applies the same rules: 403 with a contact, or a reason header for a named user', async () => {
    const unnamed = await apiToken(vigil.app, 'investigator');
    const denied = await vigil.app.inject({ method: 'GET', url: `/api/v1/people/${restrictedId}`, headers: { authorization: `Bearer ${unnamed}` } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ title: 'Restricted record', contact: expect.stringContaining('professional standards') });
    expect(denied.body).not.toContain('Corvin');

    const named = await apiToken(vigil.app, 'auditor');
    const noReason = await vigil.app.inject({ method: 'GET', url: `/api/v1/people/${restrictedId}`, headers: { authorization: `Bearer ${named}` } });
    expect(noReason.statusCode).toBe(403);
    expect(noReason.json().title).toBe('Reason required');
    const ok = await vigil.app.inject({
      method: 'GET',
      url: `/api/v1/people/${restrictedId}`,
      headers: { authorization: `Bearer ${named}`, 'vigil-access-reason': 'Annual audit of restricted records' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().forenames).toBe('Corvin');
  });

  it('panel members cannot reach person pages or the person API at all', async () => {
    const person = await vigil.deps.db.selectFrom('people').select('id').where('restricted', '=', false).executeTakeFirstOrThrow();
    const browser = await signInAs(vigil.app, 'scrutiny-panel-member');
    expect((await browser.get(`/people/${person.id}`)).statusCode).toBe(403);
    const token = await apiToken(vigil.app, 'scrutiny-panel-member');
    const api = await vigil.app.inject({ method: 'GET', url: `/api/v1/people/${person.id}`, headers: { authorization: `Bearer ${token}` } });
    expect(api.statusCode).toBe(403);
  });
});
