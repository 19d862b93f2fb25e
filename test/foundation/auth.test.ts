import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFrom, encodeForm, signInAs, startTestVigil, TEST_PASSWORD, type TestVigil } from '../support/app.ts';

let vigil: TestVigil;
beforeAll(async () => {
  vigil = await startTestVigil();
});
afterAll(async () => vigil.close());

async function attempt(username: string, password: string) {
  const page = await vigil.app.inject({ method: 'GET', url: '/sign-in' });
  const pre = page.cookies.find((c) => c.name === 'vigil_signin')!.value;
  return vigil.app.inject({
    method: 'POST',
    url: '/sign-in',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `vigil_signin=${pre}` },
    payload: encodeForm({ _csrf: csrfFrom(page.body), username, password }),
  });
}

async function auditCount(action: string, username: string): Promise<number> {
  const rows = await vigil.deps.db.selectFrom('audit_log').select('id').where('action', '=', action).where('actor_username', '=', username).execute();
  return rows.length;
}

describe('signing in and out', () => {
  it('redirects an anonymous visitor to the sign-in page', async () => {
    const response = await vigil.app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/sign-in');
  });

  it('signs in with the right password, sets a secure-by-default session cookie and audits it', async () => {
    const response = await attempt('investigator', TEST_PASSWORD);
    expect(response.statusCode).toBe(303);
    const cookie = response.cookies.find((c) => c.name === 'vigil_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(await auditCount('sign-in', 'investigator')).toBeGreaterThan(0);
  });

  it('gives the same generic message for a wrong password and an unknown user', async () => {
    const wrong = await attempt('auditor', 'not-the-password');
    const unknown = await attempt('nobody-at-all', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const message = 'The username or password is not correct.';
    expect(wrong.body).toContain(message);
    expect(unknown.body).toContain(message);
    expect(wrong.body).toContain('govuk-error-summary');
    expect(await auditCount('sign-in-failed', 'auditor')).toBe(1);
    expect(await auditCount('sign-in-failed', 'nobody-at-all')).toBe(1);
  });

  it('throttles an account after 5 failures in 15 minutes, even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('force-lead', `wrong-${i}`)).statusCode).toBe(401);
    const blocked = await attempt('force-lead', TEST_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('Too many failed sign-in attempts');
    vigil.clock.advance(16 * 60_000);
    expect((await attempt('force-lead', TEST_PASSWORD)).statusCode).toBe(303);
  });

  it('refuses a form without a valid CSRF token', async () => {
    const browser = await signInAs(vigil.app, 'administrator');
    const response = await vigil.app.inject({
      method: 'POST',
      url: '/sign-out',
      headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: encodeForm({ _csrf: 'forged' }),
    });
    expect(response.statusCode).toBe(403);
    expect((await browser.get('/')).statusCode).toBe(200);
  });

  it('signs out, ending the session', async () => {
    const browser = await signInAs(vigil.app, 'call-handler');
    const out = await browser.post('/sign-out');
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/signed-out');
    expect((await browser.get('/')).statusCode).toBe(302);
    expect(await auditCount('sign-out', 'call-handler')).toBe(1);
  });

  it('ends a session after the configured idle time', async () => {
    const browser = await signInAs(vigil.app, 'crime-registrar');
    vigil.clock.advance((vigil.deps.config.sessionIdleMinutes - 1) * 60_000);
    expect((await browser.get('/')).statusCode).toBe(200);
    vigil.clock.advance((vigil.deps.config.sessionIdleMinutes + 1) * 60_000);
    expect((await browser.get('/')).statusCode).toBe(302);
  });
});
