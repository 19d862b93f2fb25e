import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, signInAs, startTestVigil, type TestVigil } from '../support/app.ts';

let vigil: TestVigil;
beforeAll(async () => {
  vigil = await startTestVigil();
});
afterAll(async () => vigil.close());

const NON_ADMIN_ROLES = ['call-handler', 'investigator', 'detective-sergeant', 'force-lead', 'auditor', 'scrutiny-panel-member'];

describe('administration is for administrators only', () => {
  it.each(NON_ADMIN_ROLES)('%s gets 403 from admin pages and the admin API', async (role) => {
    const browser = await signInAs(vigil.app, role);
    expect((await browser.get('/admin/users')).statusCode).toBe(403);
    expect((await browser.post('/admin/users', { username: 'x', displayName: 'X', roles: 'auditor' })).statusCode).toBe(403);
    const token = await apiToken(vigil.app, role);
    const api = await vigil.app.inject({ method: 'GET', url: '/api/v1/users', headers: { authorization: `Bearer ${token}` } });
    expect(api.statusCode).toBe(403);
    expect(api.headers['content-type']).toContain('application/problem+json');
  });
});

describe('managing users', () => {
  it('creates a user with several roles and a team, shows a one-time password that works', async () => {
    const admin = await signInAs(vigil.app, 'administrator');
    const created = await admin.post('/admin/users', {
      username: 'd.okafor',
      displayName: 'Dana Okafor',
      roles: ['investigator', 'stalking-champion'],
      teams: ['cid'],
      isService: 'false',
    });
    expect(created.statusCode).toBe(200);
    const password = /id="generated-password">([^<]+)</.exec(created.body)?.[1];
    expect(password).toMatch(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
    const user = await signInAs(vigil.app, 'd.okafor', password);
    const home = await user.get('/');
    expect(home.body).toContain('Dana Okafor');
    expect(home.body).toContain('Investigator, Stalking champion (SPOC)');
    expect(home.body).toContain('CID');
  });

  it('shows errors next to the fields and saves nothing when the input is wrong', async () => {
    const admin = await signInAs(vigil.app, 'administrator');
    const before = await vigil.deps.db.selectFrom('users').select('id').execute();
    const response = await admin.post('/admin/users', { username: 'Bad Name!', displayName: '' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('href="#username"');
    expect(response.body).toContain('Choose at least one role');
    expect(response.body).toContain('Enter the name shown to other users');
    const after = await vigil.deps.db.selectFrom('users').select('id').execute();
    expect(after.length).toBe(before.length);
  });

  it('refuses a duplicate username', async () => {
    const admin = await signInAs(vigil.app, 'administrator');
    const response = await admin.post('/admin/users', { username: 'auditor', displayName: 'Another', roles: 'auditor' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('That username is already in use');
  });

  it('resets a password: the old one stops working, the new one works', async () => {
    const admin = await signInAs(vigil.app, 'administrator');
    const target = await vigil.deps.db.selectFrom('users').select('id').where('username', '=', 'offender-manager').executeTakeFirstOrThrow();
    const session = await signInAs(vigil.app, 'offender-manager');
    const reset = await admin.post(`/admin/users/${target.id}/reset-password`);
    const password = /id="generated-password">([^<]+)</.exec(reset.body)?.[1];
    expect(password).toBeTruthy();
    expect((await session.get('/')).statusCode).toBe(302);
    await expect(signInAs(vigil.app, 'offender-manager')).rejects.toThrow();
    await expect(signInAs(vigil.app, 'offender-manager', password)).resolves.toBeTruthy();
  });

  it('deactivates an account: sessions end, tokens stop working, sign-in is refused', async () => {
    const admin = await signInAs(vigil.app, 'administrator');
    const target = await vigil.deps.db.selectFrom('users').select('id').where('username', '=', 'intelligence-analyst').executeTakeFirstOrThrow();
    const session = await signInAs(vigil.app, 'intelligence-analyst');
    const token = await apiToken(vigil.app, 'intelligence-analyst');
    expect((await admin.post(`/admin/users/${target.id}/deactivate`)).statusCode).toBe(303);
    expect((await session.get('/')).statusCode).toBe(302);
    const api = await vigil.app.inject({ method: 'GET', url: '/api/v1/people/00000000-0000-0000-0000-000000000000', headers: { authorization: `Bearer ${token}` } });
    expect(api.statusCode).toBe(401);
    await expect(signInAs(vigil.app, 'intelligence-analyst')).rejects.toThrow();
  });

  it('detects a concurrent edit and shows what changed instead of overwriting', async () => {
    const admin = await signInAs(vigil.app, 'administrator');
    const target = await vigil.deps.db.selectFrom('users').select(['id', 'version']).where('username', '=', 'stalking-champion').executeTakeFirstOrThrow();
    const first = await admin.post(`/admin/users/${target.id}`, {
      version: String(target.version),
      displayName: 'Champion renamed first',
      roles: 'stalking-champion',
      teams: 'neighbourhood',
    });
    expect(first.statusCode).toBe(303);
    const stale = await admin.post(`/admin/users/${target.id}`, {
      version: String(target.version),
      displayName: 'Champion renamed second',
      roles: 'stalking-champion',
      teams: 'neighbourhood',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this user');
    expect(stale.body).toContain('Champion renamed first');
    const row = await vigil.deps.db.selectFrom('users').select('display_name').where('id', '=', target.id).executeTakeFirstOrThrow();
    expect(row.display_name).toBe('Champion renamed first');
  });
});
