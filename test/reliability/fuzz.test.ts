/**
 * Hostile input, property-based: every API operation that takes a body, path parameters
 * or a query, and every page form, gets malformed payloads (wrong types, wrong shapes,
 * huge strings, unicode of every kind, script tags, SQL fragments, template syntax,
 * NUL bytes, prototype-pollution keys, the wrong content type) built around a valid
 * request, so that validation is passed as often as it is failed.
 *
 * Always: no 5xx. A 4xx from the API is problem+json with a title and detail (and the
 * fields at fault for 422); a 4xx from a page is a page with a heading. HTML never
 * carries a hostile string unescaped, neither in the answer nor later, wherever stored
 * values are shown. Object.prototype is never polluted.
 *
 * Operations are enumerated from app.vigilRoutes, so a new operation is fuzzed too.
 */
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiDoc, RouteRecord } from '../../src/platform/http/routes.ts';
import { permissionsFor } from '../../src/domain/access/roles.ts';
import { apiToken, csrfFrom, encodeForm, signInAs, startTestVigil, type Browser } from '../support/app.ts';

const NUM_RUNS = 30;

const vigil = await startTestVigil();
afterAll(async () => {
  const total = Object.values(tried).reduce((a, b) => a + b, 0);
  console.log(
    `fuzz: ${total} cases over ${Object.keys(tried).length} operations; ${failures.length} failing operation(s)${failures.length ? `: ${failures.join('; ')}` : ''}`,
  );
  await vigil.close();
});
const tried: Record<string, number> = {};
const failures: string[] = [];

// ---------------------------------------------------------------- callers and real ids

const db = vigil.deps.db;
const tokens = { administrator: await apiToken(vigil.app, 'administrator'), sergeant: await apiToken(vigil.app, 'detective-sergeant') };
const browsers: Record<'administrator' | 'sergeant', Browser> = {
  administrator: await signInAs(vigil.app, 'administrator'),
  sergeant: await signInAs(vigil.app, 'detective-sergeant'),
};
const targetUser = await vigil.app.inject({
  method: 'POST',
  url: '/api/v1/users',
  headers: { authorization: `Bearer ${tokens.administrator}` },
  payload: { username: 'fuzz-target', displayName: 'Fuzz target', roles: ['call-handler'], teams: ['response'] },
});
const ids = {
  user: (targetUser.json() as { user: { id: string } }).user.id,
  serviceAccount: (await db.selectFrom('users').select('id').where('username', '=', 'demo-integration').executeTakeFirstOrThrow()).id,
  restricted: (await db.selectFrom('people').select('id').where('restricted', '=', true).executeTakeFirstOrThrow()).id,
  task:
    (await sql<{ id: string }>`select id from tasks limit 1`.execute(db).catch(() => ({ rows: [] as Array<{ id: string }> }))).rows[0]?.id ??
    '00000000-0000-4000-8000-00000000f022',
};

/** The sergeant can reach every non-administrative route and is named on the restricted person. */
function callerFor(route: RouteRecord): 'administrator' | 'sergeant' {
  if (typeof route.access === 'string') return 'sergeant';
  const sergeant = permissionsFor(['detective-sergeant']);
  return route.access.anyOf.some((p) => sergeant.has(p)) ? 'sergeant' : 'administrator';
}

function realUrl(route: RouteRecord): string {
  return route.url
    .replace('/:type/', '/person/')
    .replace(/\/([\w-]+)\/:id/g, (_m, collection: string) => {
      if (collection === 'users') return `/users/${route.url.includes('service-token') ? ids.serviceAccount : ids.user}`;
      if (collection === 'tasks') return `/tasks/${ids.task}`;
      return `/${collection}/${ids.restricted}`;
    });
}

// ---------------------------------------------------------------- hostile values

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const SVG = '<svg onload=alert(1)>';
/** Substrings that must never reach HTML unescaped. */
const MARKERS = ['<script>alert(', '<img src=x onerror=', '<svg onload=alert('];
const HOSTILE_STRINGS = [
  SCRIPT,
  IMG,
  SVG,
  'javascript:alert(1)',
  "'; drop table users; --",
  "' or '1'='1",
  '1); select pg_sleep(10); --',
  "admin'--",
  '\u0000',
  'before\u0000after',
  '\u202egnp.exe',
  'Z̷̢̛a̶l̸g̵o̴ t̶e̵x̴t̷',
  '𝕍𝕚𝕘𝕚𝕝',
  '👩‍👩‍👧‍👦'.repeat(40),
  '\uFEFF\u200B\u200D',
  '\ud800',
  'A'.repeat(100_000),
  'é'.repeat(20_000),
  '../../../etc/passwd',
  '{{ 7*7 }}',
  '{% include "views/layout.njk" %}',
  '${7*7}',
  '%s%s%n',
  '__proto__',
  'constructor',
  'NaN',
  '-1',
  '1e309',
  'true',
  'null',
  '[]',
  ' ',
  '',
];

const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(SCRIPT, IMG, SVG, "'; drop table users; --"), fc.string({ maxLength: 12 })).map(([h, s]) => `${s}${h}${s}`) },
);
const hostileScalar = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -1, 0, 1e308),
);
const hostileValue = fc.oneof(
  { weight: 5, arbitrary: hostileScalar },
  fc.array(hostileScalar, { maxLength: 4 }),
  fc.dictionary(hostileString, hostileScalar, { maxKeys: 3 }),
);
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'];

/** A path segment: a hostile string percent-encoded as a browser would, or raw broken encodings. */
const RAW_SEGMENTS = ['%', '%zz', '%ED%A0%80', '%00', '%C0%AF', '..', '%2e%2e%2f%2e%2e%2fadmin', '%252F', ';', '*'];
const pathSegment = fc.oneof(
  { weight: 4, arbitrary: hostileString.filter((s) => s.length > 0).map((s) => encodeURIComponent(Buffer.from(s).toString()).slice(0, 6000)) },
  { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
  { weight: 2, arbitrary: fc.uuid() },
);

// ---------------------------------------------------------------- valid requests to start from

const UNIQUE = '@@unique@@';
const VERSION = '@@version@@';
let unique = 0;

/** A valid body (JSON or form) for each operation; the fuzzer breaks one or more fields of it. */
const VALID: Record<string, Record<string, unknown>> = {
  'POST /api/v1/auth/token': { username: 'fuzz-nobody', password: 'not-the-password' },
  'POST /api/v1/users': { username: UNIQUE, displayName: 'Fuzz user', email: 'fuzz@example.police.uk', roles: ['call-handler'], teams: ['response'], isService: true },
  'PUT /api/v1/users/:id': { displayName: 'Fuzz target', email: '', roles: ['call-handler'], teams: ['response'], version: VERSION },
  'POST /api/v1/users/:id/service-tokens': { label: 'Fuzz token', expiresInDays: 30 },
  'POST /api/v1/tasks/:id/complete': { version: 1, outcome: 'Done' },
  'POST /sign-in': { username: 'fuzz-nobody', password: 'not-the-password' },
  'POST /admin/users': { username: UNIQUE, displayName: 'Fuzz user', email: '', roles: 'call-handler', teams: 'response', password: '' },
  'POST /admin/users/:id': { displayName: 'Fuzz target', email: '', roles: 'call-handler', teams: 'response', version: VERSION },
  'POST /admin/users/:id/service-token': { label: 'Fuzz token', expiresInDays: '30' },
  'POST /people/:id/open': { reason: 'Fuzzing the reason for opening this record' },
  'POST /tasks/:id/complete': { version: '1', outcome: 'Done' },
};

/** Forms that take no input (reset a password, deactivate) get fewer runs: the body can only be ignored. */
const FEW_RUNS = 10;
function takesInput(route: RouteRecord): boolean {
  return `${route.method} ${route.url}` in VALID || !/\/(reset-password|deactivate|reactivate)$/.test(route.url);
}

/** Page forms that take no input and end the fuzzer's own session. */
const NOT_FUZZED = new Set(['POST /sign-out', 'POST /account/sign-out-everywhere']);

function fieldsOf(route: RouteRecord): string[] {
  const valid = VALID[`${route.method} ${route.url}`];
  const fromSchema = (route as ApiDoc).body
    ? Object.keys(((z.toJSONSchema((route as ApiDoc).body!, { io: 'input', unrepresentable: 'any' }) as { properties?: object }).properties ?? {}))
    : [];
  const fields = [...new Set([...Object.keys(valid ?? {}), ...fromSchema])];
  return fields.length ? fields : ['value'];
}

async function resolvePlaceholders(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === UNIQUE) out[key] = `fuzz-${++unique}`;
    else if (value === VERSION) out[key] = (await db.selectFrom('users').select('version').where('id', '=', ids.user).executeTakeFirstOrThrow()).version;
    else out[key] = value;
  }
  return out;
}

interface FuzzBody {
  kind: 'broken' | 'all-hostile' | 'extra-key' | 'wrong-shape';
  body: Record<string, unknown>;
}

/** A request body: a valid one with fields broken, dropped or added, a wrong shape, or a pollution attempt. */
function bodyArbitrary(route: RouteRecord, asForm: boolean): fc.Arbitrary<FuzzBody> {
  const valid = VALID[`${route.method} ${route.url}`] ?? {};
  const fields = fieldsOf(route);
  const value = asForm ? fc.oneof({ weight: 3, arbitrary: hostileString }, fc.array(hostileString, { maxLength: 3 })) : hostileValue;
  const broken = fc
    .tuple(fc.uniqueArray(fc.constantFrom(...fields), { minLength: 1, maxLength: Math.min(2, fields.length) }), fc.array(value, { minLength: 2, maxLength: 2 }), fc.boolean())
    .map(([keys, values, drop]): FuzzBody => {
      const body: Record<string, unknown> = { ...valid };
      keys.forEach((k, i) => (drop && i === 1 ? delete body[k] : (body[k] = values[i])));
      return { kind: 'broken', body };
    });
  const allHostile = fc.record(Object.fromEntries(fields.map((f) => [f, value])), { requiredKeys: [] }).map((body): FuzzBody => ({ kind: 'all-hostile', body }));
  const extraKeys = fc
    .tuple(fc.constantFrom(...POLLUTION_KEYS, 'isAdmin', 'roles[]', 'toString', 'hasOwnProperty', '_csrf2'), value)
    .map(([key, v]): FuzzBody => ({ kind: 'extra-key', body: { ...valid, [key]: v } }));
  const options: Array<fc.Arbitrary<FuzzBody>> = [broken, allHostile, extraKeys];
  if (!asForm) options.push(fc.jsonValue({ maxDepth: 2 }).map((v): FuzzBody => ({ kind: 'wrong-shape', body: v as Record<string, unknown> })));
  return fc.oneof(...options);
}

// ---------------------------------------------------------------- what every answer must look like

function problemsWithApiAnswer(response: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  const s = response.statusCode;
  if (s >= 500) problems.push(`status ${s}: ${response.body.slice(0, 300)}`);
  if (s >= 400) {
    if (!String(response.headers['content-type']).startsWith('application/problem+json')) problems.push(`${s} is not problem+json`);
    try {
      const problem = response.json() as { status?: number; title?: unknown; detail?: unknown; errors?: Array<{ field?: unknown; message?: unknown }> };
      if (problem.status !== s) problems.push('problem.status differs from the HTTP status');
      if (typeof problem.title !== 'string' || !problem.title) problems.push('problem without a title');
      if (typeof problem.detail !== 'string' || !problem.detail) problems.push('problem without a detail');
      if (s === 422) {
        if (!Array.isArray(problem.errors) || problem.errors.length === 0) problems.push('422 without errors');
        else if (problem.errors.some((e) => typeof e.field !== 'string' || typeof e.message !== 'string' || !e.message)) problems.push('an error without a field or message');
      }
    } catch {
      problems.push('problem body is not JSON');
    }
  }
  return problems;
}

function problemsWithPage(response: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  const s = response.statusCode;
  if (s >= 500) problems.push(`status ${s}: ${/<h1[^>]*>([^<]*)/.exec(response.body)?.[1] ?? response.body.slice(0, 200)}`);
  if (s >= 400) {
    if (!String(response.headers['content-type']).startsWith('text/html')) problems.push(`${s} is not a page`);
    if (!/<h1 class="govuk-heading-l">[^<]+<\/h1>|govuk-error-summary/.test(response.body)) problems.push(`${s} page without a heading or error summary`);
    if (s === 422 && !response.body.includes('There is a problem')) problems.push('422 page without "There is a problem"');
  }
  problems.push(...unescaped(response));
  return problems;
}

function unescaped(response: LightMyRequestResponse): string[] {
  if (!String(response.headers['content-type']).startsWith('text/html')) return [];
  return MARKERS.filter((m) => response.body.includes(m)).map((m) => `unescaped ${m} in HTML`);
}

function prototypeIsClean(): string[] {
  const probe = {} as Record<string, unknown>;
  return ['isAdmin', 'polluted', 'roles', 'value'].filter((k) => probe[k] !== undefined).map((k) => `Object.prototype.${k} was polluted`);
}

async function fuzz<T>(
  name: string,
  arbitrary: fc.Arbitrary<T>,
  send: (input: T) => Promise<LightMyRequestResponse>,
  check: (r: LightMyRequestResponse) => string[],
  numRuns = NUM_RUNS,
) {
  try {
    await fc.assert(
      fc.asyncProperty(arbitrary, async (input) => {
        tried[name] = (tried[name] ?? 0) + 1;
        const response = await send(input);
        expect(prototypeIsClean()).toEqual([]);
        expect(check(response)).toEqual([]);
      }),
      { numRuns, endOnFailure: true },
    );
  } catch (error) {
    failures.push(name);
    throw error;
  }
}

// ---------------------------------------------------------------- the operations

const routes = vigil.app.vigilRoutes;
const apiWithBody = routes.filter((r) => r.kind === 'api' && (r as ApiDoc).body);
const apiWithParams = routes.filter((r) => r.kind === 'api' && r.url.includes('/:'));
const apiWithQuery = routes.filter((r) => r.kind === 'api' && (r as ApiDoc).query);
const pageForms = routes.filter((r) => r.kind === 'page' && r.method === 'POST' && !NOT_FUZZED.has(`${r.method} ${r.url}`));
const pagesWithParams = routes.filter((r) => r.kind === 'page' && r.url.includes('/:'));
const key = (r: RouteRecord) => `${r.method} ${r.url}`;

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/xml', 'multipart/form-data; boundary=x'),
);

function serialise(body: unknown, kind: string, type: string): string {
  if (type === 'application/x-www-form-urlencoded') {
    const fields = typeof body === 'object' && body !== null ? Object.entries(body) : [['value', body]];
    return encodeForm(Object.fromEntries(fields.map(([k, v]) => [String(k), typeof v === 'string' ? v : (JSON.stringify(v) ?? '')])));
  }
  const json = JSON.stringify(body) ?? 'null';
  if (kind === 'extra-key' && json.startsWith('{')) {
    // JSON.stringify drops a real __proto__ key: write it into the text the way an attacker would.
    return json.replace(/^\{/, '{"__proto__":{"isAdmin":true,"polluted":true,"roles":["administrator"]},"constructor":{"prototype":{"polluted":true}},');
  }
  return json;
}

describe('API operations with a body answer hostile bodies with a 4xx problem, never a 5xx', () => {
  it.each(apiWithBody.map((r) => [key(r), r] as const))('%s', async (name, route) => {
    const token = tokens[callerFor(route)];
    await fuzz(`${name} (body)`, fc.tuple(bodyArbitrary(route, false), contentType), async ([input, type]) => {
      const body = input.kind === 'wrong-shape' ? input.body : await resolvePlaceholders(input.body);
      return vigil.app.inject({
        method: route.method,
        url: realUrl(route),
        headers: { authorization: `Bearer ${token}`, 'content-type': type },
        payload: serialise(body, input.kind, type),
      });
    }, problemsWithApiAnswer);
  }, 120_000);

  it('a syntactically broken or oversized body is a 4xx problem too', async () => {
    const headers = { authorization: `Bearer ${tokens.administrator}`, 'content-type': 'application/json' };
    for (const payload of ['{', '{"username": }', '\u0000', '[1,2', '"unterminated', '{"a":1}{"b":2}']) {
      const response = await vigil.app.inject({ method: 'POST', url: '/api/v1/users', headers, payload });
      expect(problemsWithApiAnswer(response), payload).toEqual([]);
      expect(response.statusCode).toBe(400);
    }
    const huge = await vigil.app.inject({ method: 'POST', url: '/api/v1/users', headers, payload: JSON.stringify({ displayName: 'x'.repeat(6 * 1024 * 1024) }) });
    expect(huge.statusCode).toBe(413);
    expect(problemsWithApiAnswer(huge)).toEqual([]);
  });
});

describe('API path parameters and queries: hostile values give a 4xx problem, never a 5xx', () => {
  it.each(apiWithParams.map((r) => [key(r), r] as const))('%s', async (name, route) => {
    const token = tokens[callerFor(route)];
    await fuzz(`${name} (params)`, fc.tuple(pathSegment, pathSegment, hostileString.filter((s) => /^[\x20-\x7e]*$/.test(s))), async ([first, second, reason]) => {
      let n = 0;
      const url = route.url.replace(/:\w+/g, () => (n++ === 0 ? first : second));
      const hasBody = route.method !== 'GET';
      return vigil.app.inject({
        method: route.method,
        url,
        headers: { authorization: `Bearer ${token}`, 'vigil-access-reason': reason },
        ...(hasBody ? { payload: {} } : {}),
      });
    }, problemsWithApiAnswer);
  }, 120_000);

  it.each(apiWithQuery.map((r) => [key(r), r] as const))('%s (query)', async (name, route) => {
    const token = tokens[callerFor(route)];
    const query = fc.dictionary(fc.oneof(fc.constantFrom('scope', 'action', 'actor', '__proto__', 'constructor'), hostileString), fc.oneof(hostileString, fc.array(hostileString, { maxLength: 3 })), { maxKeys: 4 });
    await fuzz(`${name} (query)`, query, async (q) => {
      const url = `${realUrl(route)}?${encodeForm(q as Record<string, string | string[]>)}`;
      return vigil.app.inject({ method: route.method, url, headers: { authorization: `Bearer ${token}` } });
    }, problemsWithApiAnswer);
  }, 120_000);
});

describe('page forms answer hostile posts (with a valid CSRF token) with a page, never a 5xx, and escape what they echo', () => {
  it.each(pageForms.map((r) => [key(r), r] as const))('%s', async (name, route) => {
    const anonymous = route.access === 'public';
    let cookie: string;
    let csrf: string;
    if (anonymous) {
      const page = await vigil.app.inject({ method: 'GET', url: '/sign-in' });
      cookie = `vigil_signin=${page.cookies.find((c) => c.name === 'vigil_signin')!.value}`;
      csrf = csrfFrom(page.body);
    } else {
      const browser = browsers[callerFor(route)];
      cookie = browser.cookie;
      csrf = browser.csrf;
    }
    await fuzz(`${name} (form)`, bodyArbitrary(route, true), async (input) => {
      const body = await resolvePlaceholders(input.body);
      const form: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(body)) form[k] = Array.isArray(v) ? v.map(String) : String(v ?? '');
      return vigil.app.inject({
        method: 'POST',
        url: realUrl(route),
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: encodeForm({ ...form, _csrf: csrf }),
      });
    }, problemsWithPage, takesInput(route) ? NUM_RUNS : FEW_RUNS);
  }, 120_000);

  it.each(pagesWithParams.filter((r) => !NOT_FUZZED.has(key(r))).map((r) => [key(r), r] as const))('%s (path parameters)', async (name, route) => {
    const browser = browsers[callerFor(route)];
    await fuzz(`${name} (params)`, fc.tuple(pathSegment, pathSegment), async ([first, second]) => {
      let n = 0;
      const url = route.url.replace(/:\w+/g, () => (n++ === 0 ? first : second));
      return route.method === 'GET' ? browser.get(url) : browser.post(url, {});
    }, problemsWithPage);
  }, 120_000);

  it('GET /audit with hostile filters', async () => {
    const browser = browsers.sergeant;
    await fuzz('GET /audit (query)', fc.record({ action: hostileString, actor: hostileString }, { requiredKeys: [] }), async (q) => browser.get(`/audit?${encodeForm(q)}`), problemsWithPage);
  }, 120_000);
});

describe('stored hostile values are shown escaped everywhere', () => {
  it('a script stored through the API appears escaped on every page that shows users and the audit log', async () => {
    const created = await vigil.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${tokens.administrator}` },
      payload: { username: 'stored-script', displayName: `${SCRIPT}${IMG}`, roles: ['call-handler'], teams: ['response'] },
    });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { user: { id: string } }).user.id;
    const opened = await browsers.sergeant.post(`/people/${ids.restricted}/open`, { reason: `${SVG} opened for the stored script check` });
    expect(opened.statusCode).toBe(200);

    const pages = [
      ['administrator', '/admin/users'],
      ['administrator', `/admin/users/${id}`],
      ['administrator', `/admin/users/${ids.user}`],
      ['administrator', '/audit'],
      ['sergeant', `/audit/person/${ids.restricted}`],
      ['sergeant', '/people'],
      ['sergeant', '/tasks'],
      ['sergeant', '/tasks/team'],
    ] as const;
    let escapedSeen = 0;
    for (const [who, url] of pages) {
      if (!routes.some((r) => r.method === 'GET' && new RegExp(`^${r.url.replace(/:\w+/g, '[^/]+')}$`).test(url))) continue;
      const page = await browsers[who].get(url);
      expect(page.statusCode, url).toBe(200);
      expect(unescaped(page), url).toEqual([]);
      if (page.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;') || page.body.includes('&lt;svg onload=alert(1)&gt;')) escapedSeen++;
    }
    // The users list, the user's own page and the restricted person's audit trail all show a stored value.
    expect(escapedSeen).toBeGreaterThanOrEqual(3);

    // And whatever the fuzzing above managed to store is escaped too.
    const stored = await db.selectFrom('users').select('id').where('display_name', 'like', '%<%').execute();
    for (const user of stored) expect(unescaped(await browsers.administrator.get(`/admin/users/${user.id}`))).toEqual([]);
  });
});

describe('defects the fuzzing found, fixed in src/platform/http/app.ts', () => {
  it('a NUL byte in any text field is refused with a 422, not a 500', async () => {
    const sergeant = browsers.sergeant;
    const answers = [
      await vigil.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'a\u0000b', password: 'x' } }),
      await vigil.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: { authorization: `Bearer ${tokens.administrator}` },
        payload: { username: 'nul-name', displayName: 'a\u0000b', roles: ['call-handler'] },
      }),
      await sergeant.post(`/people/${ids.restricted}/open`, { reason: 'a long enough \u0000 reason' }),
      await sergeant.get('/audit?action=a%00b'),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([422, 422, 422, 422]);
  });

  it('a badly encoded or over-long path parameter gets problem+json (API) or a page, with the security headers', async () => {
    const api = await vigil.app.inject({ method: 'GET', url: '/api/v1/people/%zz', headers: { authorization: `Bearer ${tokens.sergeant}` } });
    const page = await browsers.sergeant.get(`/people/${encodeURIComponent(SCRIPT).repeat(5)}`);
    expect(problemsWithApiAnswer(api)).toEqual([]);
    expect(problemsWithPage(page)).toEqual([]);
    expect(page.headers['content-security-policy']).toBeDefined();
    expect(page.body).not.toContain('<script>alert(1)</script>');
  });
});
