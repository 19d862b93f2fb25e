import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createVigil } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import type { Deps } from '../../src/platform/deps.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { TestClock } from './clock.ts';
import { createTestDatabase } from './database.ts';

export const TEST_PASSWORD = 'test-password-123';

export interface TestVigil {
  app: FastifyInstance;
  deps: Deps;
  clock: TestClock;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

/** A Vigil with a fresh database holding the demo users (password TEST_PASSWORD). */
export async function startTestVigil(overrides: Partial<Config> = {}): Promise<TestVigil> {
  const handle = await createTestDatabase();
  await seedDemo(handle.db, { password: TEST_PASSWORD, seed: 1 });
  const clock = new TestClock();
  const config = { ...loadConfig({}), ...overrides };
  const deps: Deps = { db: handle.db, dbKind: handle.kind, clock, config };
  const app = await createVigil(deps);
  await app.ready();
  return {
    app,
    deps,
    clock,
    handle,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

export interface Browser {
  cookie: string;
  csrf: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, form?: Record<string, string | string[]>): Promise<LightMyRequestResponse>;
}

function encodeForm(form: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return params.toString();
}

function cookieFrom(response: LightMyRequestResponse, name: string): string | undefined {
  const found = response.cookies.find((c) => c.name === name);
  return found?.value;
}

export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('No CSRF token on the page');
  return match[1];
}

/** Signs in through the real sign-in form and returns a cookie-carrying client. */
export async function signInAs(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Browser> {
  const page = await app.inject({ method: 'GET', url: '/sign-in' });
  const preCookie = cookieFrom(page, 'vigil_signin')!;
  const response = await app.inject({
    method: 'POST',
    url: '/sign-in',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `vigil_signin=${preCookie}` },
    payload: encodeForm({ _csrf: csrfFrom(page.body), username, password }),
  });
  const session = cookieFrom(response, 'vigil_session');
  if (response.statusCode !== 303 || !session) throw new Error(`Sign-in as ${username} failed: ${response.statusCode}`);
  const cookie = `vigil_session=${session}`;
  const home = await app.inject({ method: 'GET', url: '/', headers: { cookie } });
  const csrf = csrfFrom(home.body);
  return {
    cookie,
    csrf,
    get: (url) => app.inject({ method: 'GET', url, headers: { cookie } }),
    post: (url, form = {}) =>
      app.inject({
        method: 'POST',
        url,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: encodeForm({ _csrf: csrf, ...form }),
      }),
  };
}

export async function apiToken(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username, password } });
  if (response.statusCode !== 201) throw new Error(`Token for ${username} failed: ${response.statusCode} ${response.body}`);
  return (response.json() as { token: string }).token;
}

export { encodeForm };
