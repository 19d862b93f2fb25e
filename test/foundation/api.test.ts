import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, startTestVigil, type TestVigil } from '../support/app.ts';
import { testDatabaseKind } from '../support/database.ts';

let vigil: TestVigil;
beforeAll(async () => {
  vigil = await startTestVigil();
});
afterAll(async () => vigil.close());

describe('the JSON API', () => {
  it('issues a user token and accepts it end to end', async () => {
    const token = await apiToken(vigil.app, 'administrator');
    const list = await vigil.app.inject({ method: 'GET', url: '/api/v1/users', headers: { authorization: `Bearer ${token}` } });
    expect(list.statusCode).toBe(200);
    const usernames = (list.json() as { users: Array<{ username: string }> }).users.map((u) => u.username);
    expect(usernames).toContain('call-handler');
    expect(list.body).not.toContain('password');
  });

  it('refuses a wrong password with a problem response and no token', async () => {
    const response = await vigil.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'administrator', password: 'wrong' } });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 401, detail: 'The username or password is not correct.' });
  });

  it('lists the fields at fault in a problem response', async () => {
    const token = await apiToken(vigil.app, 'administrator');
    const response = await vigil.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${token}` },
      payload: { username: '!!', roles: ['no-such-role'] },
    });
    expect(response.statusCode).toBe(422);
    const fields = (response.json() as { errors: Array<{ field: string }> }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['username', 'displayName', 'roles.0']));
  });

  it('lets an administrator create a service account and issue it a token that works', async () => {
    const token = await apiToken(vigil.app, 'administrator');
    const auth = { authorization: `Bearer ${token}` };
    const created = await vigil.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: auth,
      payload: { username: 'records-bridge', displayName: 'Records bridge', roles: ['auditor'], isService: true },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().user.id as string;
    const issued = await vigil.app.inject({ method: 'POST', url: `/api/v1/users/${id}/service-tokens`, headers: auth, payload: { label: 'Nightly audit export' } });
    expect(issued.statusCode).toBe(201);
    const serviceToken = issued.json().token as string;
    const person = await vigil.deps.db.selectFrom('people').select('id').where('restricted', '=', false).executeTakeFirstOrThrow();
    const read = await vigil.app.inject({ method: 'GET', url: `/api/v1/people/${person.id}`, headers: { authorization: `Bearer ${serviceToken}` } });
    expect(read.statusCode).toBe(200);
    const audited = await vigil.deps.db.selectFrom('audit_log').select('actor_username').where('record_id', '=', person.id).executeTakeFirstOrThrow();
    expect(audited.actor_username).toBe('records-bridge');
  });

  it('rejects an unknown bearer token and anonymous calls', async () => {
    const bad = await vigil.app.inject({ method: 'GET', url: '/api/v1/users', headers: { authorization: 'Bearer nonsense' } });
    expect(bad.statusCode).toBe(401);
    const anonymous = await vigil.app.inject({ method: 'GET', url: '/api/v1/users' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('does not accept a session cookie in place of a bearer token', async () => {
    const page = await vigil.app.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie: 'vigil_session=anything' } });
    expect(page.statusCode).toBe(401);
  });

  it('describes every API route in OpenAPI 3', async () => {
    const response = await vigil.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    const apiRoutes = vigil.app.vigilRoutes.filter((r) => r.kind === 'api' && r.url.startsWith('/api/v1'));
    expect(apiRoutes.length).toBeGreaterThan(5);
    for (const route of apiRoutes) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${path}`).toBeDefined();
    }
    expect(doc.paths['/api/v1/auth/token']?.post).toMatchObject({ requestBody: expect.anything() });
  });

  it('reports database status on /health', async () => {
    const response = await vigil.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: { kind: testDatabaseKind(), status: 'ok' } });
  });

  it('answers unknown API paths with problem+json 404', async () => {
    const response = await vigil.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});
