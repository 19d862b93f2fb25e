/**
 * Sessions: the absolute timeout beside the idle one, "sign out everywhere" for a user
 * and for an administrator, and the password policy (length and the common-password list).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCommonPassword, passwordProblem } from '../../src/platform/auth/passwords.ts';
import { loadConfig, ConfigError } from '../../src/platform/config.ts';
import { apiToken, signInAs, startTestVigil, type Browser, type TestVigil } from '../support/app.ts';

let vigil: TestVigil;
beforeAll(async () => {
  vigil = await startTestVigil({ sessionIdleMinutes: 30, sessionAbsoluteHours: 12 });
});
afterAll(async () => vigil?.close());

const MINUTE = 60_000;

async function signedIn(browser: Browser): Promise<boolean> {
  const response = await browser.get('/');
  return response.statusCode === 200;
}

async function userId(username: string): Promise<string> {
  const row = await vigil.deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return row.id;
}

async function sessionsOf(username: string): Promise<number> {
  const rows = await vigil.deps.db.selectFrom('sessions').select('id_hash').where('user_id', '=', await userId(username)).execute();
  return rows.length;
}

describe('configuration', () => {
  it('reads SESSION_ABSOLUTE_HOURS, defaulting to 12 and refusing nonsense', () => {
    expect(loadConfig({}).sessionAbsoluteHours).toBe(12);
    expect(loadConfig({ SESSION_ABSOLUTE_HOURS: '8' }).sessionAbsoluteHours).toBe(8);
    expect(() => loadConfig({ SESSION_ABSOLUTE_HOURS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ SESSION_ABSOLUTE_HOURS: 'twelve' })).toThrow(ConfigError);
  });
});

describe('idle and absolute timeouts', () => {
  it('keeps an active session alive past the idle limit, then ends it at the absolute limit', async () => {
    const browser = await signInAs(vigil.app, 'investigator');
    // Active every 20 minutes for 11 hours 40 minutes: never idle for 30 minutes.
    for (let elapsed = 0; elapsed < 11 * 60 + 40; elapsed += 20) {
      vigil.clock.advance(20 * MINUTE);
      expect(await signedIn(browser), `still signed in after ${elapsed + 20} minutes of activity`).toBe(true);
    }
    // Just past 12 hours after signing in: gone, however active.
    vigil.clock.advance(21 * MINUTE);
    const response = await browser.get('/');
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/sign-in');
    // And the session row is deleted, not just ignored.
    expect(await signedIn(browser)).toBe(false);
  });

  it('still ends a session left idle for longer than the idle limit', async () => {
    const browser = await signInAs(vigil.app, 'auditor');
    vigil.clock.advance(29 * MINUTE);
    expect(await signedIn(browser)).toBe(true);
    vigil.clock.advance(31 * MINUTE);
    expect(await signedIn(browser)).toBe(false);
  });

  it('a shorter absolute limit applies even when the idle limit is longer', async () => {
    const strict = await startTestVigil({ sessionIdleMinutes: 24 * 60, sessionAbsoluteHours: 1 });
    try {
      const browser = await signInAs(strict.app, 'call-handler');
      strict.clock.advance(59 * MINUTE);
      expect((await browser.get('/')).statusCode).toBe(200);
      strict.clock.advance(2 * MINUTE);
      expect((await browser.get('/')).statusCode).toBe(302);
    } finally {
      await strict.close();
    }
  });
});

describe('sign out everywhere', () => {
  it('a user ends all their own sessions from the account page; other users and their API tokens are untouched', async () => {
    const laptop = await signInAs(vigil.app, 'detective-sergeant');
    const desktop = await signInAs(vigil.app, 'detective-sergeant');
    const colleague = await signInAs(vigil.app, 'stalking-champion');
    const token = await apiToken(vigil.app, 'detective-sergeant');
    expect(await sessionsOf('detective-sergeant')).toBeGreaterThanOrEqual(2);

    const home = await laptop.get('/');
    expect(home.body).toContain('href="/account"');
    const account = await laptop.get('/account');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('<h1 class="govuk-heading-l">Your account</h1>');
    expect(account.body).toContain('Sign out everywhere');

    const response = await laptop.post('/account/sign-out-everywhere');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/signed-out?everywhere=yes');
    const cleared = response.cookies.find((c) => c.name === 'vigil_session');
    expect(cleared?.value ?? '').toBe('');

    expect(await signedIn(laptop)).toBe(false);
    expect(await signedIn(desktop)).toBe(false);
    expect(await sessionsOf('detective-sergeant')).toBe(0);
    expect(await signedIn(colleague)).toBe(true);
    const api = await vigil.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: { authorization: `Bearer ${token}` } });
    expect(api.statusCode).toBe(200);

    const audit = await vigil.deps.db
      .selectFrom('audit_log')
      .select(['details', 'record_id'])
      .where('action', '=', 'sign-out')
      .where('actor_username', '=', 'detective-sergeant')
      .where('record_type', '=', 'user')
      .executeTakeFirstOrThrow();
    expect((audit.details as { everywhere: boolean }).everywhere).toBe(true);
    expect(audit.record_id).toBe(await userId('detective-sergeant'));
    expect((audit.details as { sessionsEnded: number }).sessionsEnded).toBeGreaterThanOrEqual(2);

    const page = await vigil.app.inject({ method: 'GET', url: '/signed-out?everywhere=yes' });
    expect(page.body).toContain('Every session you had in Vigil has ended');
  });

  it("an administrator signs a user out everywhere from the user's page, without deactivating or revoking tokens", async () => {
    const admin = await signInAs(vigil.app, 'administrator');
    const target = await signInAs(vigil.app, 'offender-manager');
    const token = await apiToken(vigil.app, 'offender-manager');
    const id = await userId('offender-manager');

    const page = await admin.get(`/admin/users/${id}`);
    expect(page.body).toContain(`action="/admin/users/${id}/sign-out-everywhere"`);
    const response = await admin.post(`/admin/users/${id}/sign-out-everywhere`);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/admin/users/${id}?saved=signed-out`);
    expect((await admin.get(response.headers.location as string)).body).toContain('Signed out everywhere');

    expect(await signedIn(target)).toBe(false);
    expect(await signedIn(admin)).toBe(true);
    const user = await vigil.deps.db.selectFrom('users').select('active').where('id', '=', id).executeTakeFirstOrThrow();
    expect(user.active).toBe(true);
    const api = await vigil.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: { authorization: `Bearer ${token}` } });
    expect(api.statusCode).toBe(200);
    // The user can sign in again straight away.
    expect(await signedIn(await signInAs(vigil.app, 'offender-manager'))).toBe(true);
  });

  it('the API equivalent answers with the number of sessions ended, and only administrators may call it', async () => {
    await signInAs(vigil.app, 'intelligence-analyst');
    const id = await userId('intelligence-analyst');
    const adminToken = await apiToken(vigil.app, 'administrator');
    const ok = await vigil.app.inject({ method: 'POST', url: `/api/v1/users/${id}/sign-out-everywhere`, headers: { authorization: `Bearer ${adminToken}` } });
    expect(ok.statusCode).toBe(200);
    expect((ok.json() as { sessionsEnded: number }).sessionsEnded).toBeGreaterThanOrEqual(1);
    expect(await sessionsOf('intelligence-analyst')).toBe(0);
    const other = await apiToken(vigil.app, 'force-lead');
    const refused = await vigil.app.inject({ method: 'POST', url: `/api/v1/users/${id}/sign-out-everywhere`, headers: { authorization: `Bearer ${other}` } });
    expect(refused.statusCode).toBe(403);
  });
});

describe('password policy', () => {
  it.each([
    ['short1', 'Password must be 12 characters or more'],
    ['elevenchars', 'Password must be 12 characters or more'],
    ['password1234', 'Password is too common and easy to guess. Choose a different password'],
    ['Password123456', 'Password is too common and easy to guess. Choose a different password'],
    ['qwertyuiop123', 'Password is too common and easy to guess. Choose a different password'],
    ['passw0rd99999', 'Password is too common and easy to guess. Choose a different password'],
    ['aaaaaaaaaaaaaaa', 'Password is too common and easy to guess. Choose a different password'],
    ['Correct Horse Battery Staple', 'Password is too common and easy to guess. Choose a different password'],
    ['x'.repeat(201), 'Password must be 200 characters or fewer'],
    ['lantern-orchard-meadow', undefined],
    ['test-password-123', undefined],
  ])('%s → %s', (password, expected) => {
    expect(passwordProblem(password)).toBe(expected);
  });

  it('recognises common passwords whatever their case and punctuation', () => {
    expect(isCommonPassword('Q-W-E-R-T-Y-U-I-O-P')).toBe(true);
    expect(isCommonPassword('plum-harbour-kettle')).toBe(false);
  });

  it('an administrator setting a common password sees the GOV.UK error beside the field', async () => {
    const admin = await signInAs(vigil.app, 'administrator');
    const response = await admin.post('/admin/users', {
      username: 'weak-password-user',
      displayName: 'Weak password',
      roles: 'call-handler',
      teams: 'response',
      password: 'Password123456',
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('Password is too common and easy to guess. Choose a different password');
    const created = await vigil.deps.db.selectFrom('users').select('id').where('username', '=', 'weak-password-user').executeTakeFirst();
    expect(created).toBeUndefined();
  });
});
