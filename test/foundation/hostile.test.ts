import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, signInAs, startTestVigil, type TestVigil } from '../support/app.ts';

let vigil: TestVigil;
beforeAll(async () => {
  vigil = await startTestVigil();
});
afterAll(async () => vigil.close());

describe('hostile input at the edge', () => {
  it('refuses a NUL character with a 422 naming the field, even before sign-in', async () => {
    const response = await vigil.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'admin\u0000istrator', password: 'x' } });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([{ field: 'username', message: expect.stringContaining('null byte') }]);
  });

  it('answers a malformed address with the usual problem response and security headers', async () => {
    const response = await vigil.app.inject({ method: 'GET', url: '/api/v1/users/%E0%A4%A' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.body).not.toContain('%E0');
  });

  it('answers a malformed page address with a page, not JSON', async () => {
    const browser = await signInAs(vigil.app, 'investigator');
    const response = await browser.get('/people/%E0%A4%A');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('says what is wrong with a body that is not JSON', async () => {
    const token = await apiToken(vigil.app, 'administrator');
    const response = await vigil.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toBe('The body is not valid JSON.');
  });
});
