/**
 * The benchmark suite: `npm run bench` (see docs/scaling.md).
 *
 *   npm run bench -- [--targets pglite,postgres] [--iterations 40] [--concurrency 50] [--seconds 15]
 *                    [--only matching,history,report,case,timeline,tasks,daily,dashboard]
 *
 * PGlite: the embedded database in DATA_DIR (default ./data-bench), filled with synthetic
 * data first if it is empty (`--scale`, default small). PostgreSQL: DATABASE_URL, which must
 * already hold synthetic data (`npm run synth`). For each target: p50/p95/p99 and
 * throughput of each endpoint, the bare SQL time of its main query and the ratio, server
 * memory (RSS), and requests per second and errors under `--concurrency` clients. Results
 * go to bench-results/<date>.json and .md as well as the console.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { findOpenCase } from '../src/features/cases/repository.ts';
import { occasionsOfCase } from '../src/features/conduct/repository.ts';
import { historyFor } from '../src/features/people/history.ts';
import { casesInvolving } from '../src/features/people/history-repository.ts';
import { candidateLookup, findCandidates } from '../src/features/people/matching.ts';
import { findCandidateIds, type CandidateLookup } from '../src/features/people/repository.ts';
import { openTasksFor } from '../src/features/tasks/repository.ts';
import * as insightsRepo from '../src/features/insights/repository.ts';
import { forceDashboard } from '../src/features/insights/service.ts';
import { queryKeys } from '../src/domain/people/index.ts';
import { systemClock } from '../src/domain/clock.ts';
import { toActor, type RequestContext } from '../src/platform/auth/actor.ts';
import { loadConfig } from '../src/platform/config.ts';
import { migrateToLatest, openDatabase, type DatabaseHandle, type DatabaseKind } from '../src/platform/db/database.ts';
import type { Database } from '../src/platform/db/schema.ts';
import type { Deps } from '../src/platform/deps.ts';
import { DEFAULT_DEMO_PASSWORD } from '../src/demo/seed.ts';
import { spellingVariant } from './synth/names.ts';
import { seededRandom } from '../src/demo/random.ts';
import { synthesise, type ScaleName } from './synth/generate.ts';
import type { LoadInput, LoadRequest, LoadResult } from './bench/load.ts';
import { summarise, time, type Summary } from './bench/stats.ts';
import { buildServer, SERVER_NODE_ARGS } from './build.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

interface EndpointResult {
  name: string;
  how: string;
  target?: string;
  available: boolean;
  note?: string;
  summary?: Summary;
  sql?: Summary;
  sqlQuery?: string;
  ratio?: number;
}

interface TargetResult {
  target: DatabaseKind;
  data: { reports: number; people: number; cases: number; occasions: number; tasks: number };
  inProcess: EndpointResult[];
  http: EndpointResult[];
  rssMb: { idle: number; afterSequential: number; peak: number };
  load?: LoadResult & { concurrency: number; seconds: number; driver: string; serverErrors: string[] };
  startupSeconds: number;
}

interface Samples {
  caseIds: string[];
  busiestCaseId: string;
  busiestOccasions: number;
  personIds: string[];
  names: Array<{ forename: string; surname: string; dateOfBirth?: string }>;
  suspectVictimPairs: Array<{ suspect: string; victim: string }>;
}

async function pickSamples(db: Kysely<Database>): Promise<Samples> {
  const cases = await sql<{ id: string }>`select id from cases where restricted = false order by md5(id::text) limit 60`.execute(db);
  const busiest = await sql<{ id: string; n: string }>`
    select cr.case_id as id, count(*)::text as n from case_reports cr join occasions o on o.report_id = cr.report_id
    group by cr.case_id order by count(*) desc limit 1`.execute(db);
  const persons = await sql<{ id: string }>`select suspect_person_id as id from cases where suspect_person_id is not null and restricted = false order by md5(id::text) limit 60`.execute(db);
  const names = await sql<{ forenames: string; surname: string; date_of_birth: string | null }>`
    select n.forenames, n.surname, p.date_of_birth from person_names n join people p on p.id = n.person_id
    where n.kind = 'primary' and p.restricted = false order by md5(n.id::text) limit 60`.execute(db);
  const pairs = await sql<{ suspect: string; victim: string }>`
    select c.suspect_person_id as suspect, v.person_id as victim from cases c join case_victims v on v.case_id = c.id
    where c.suspect_person_id is not null order by md5(c.id::text) limit 60`.execute(db);
  const random = seededRandom(42);
  return {
    caseIds: cases.rows.map((r) => r.id),
    busiestCaseId: busiest.rows[0]!.id,
    busiestOccasions: Number(busiest.rows[0]!.n),
    personIds: persons.rows.map((r) => r.id),
    // Half the searches carry a misspelt surname, as call handlers hear names; a third give a date of birth.
    names: names.rows.map((r, i) => ({
      forename: r.forenames,
      surname: i % 2 === 0 ? spellingVariant(random, r.surname) : r.surname,
      ...(i % 3 === 0 && r.date_of_birth ? { dateOfBirth: r.date_of_birth } : {}),
    })),
    suspectVictimPairs: pairs.rows,
  };
}

async function counts(db: Kysely<Database>): Promise<TargetResult['data']> {
  const row = await sql<{ reports: string; people: string; cases: string; occasions: string; tasks: string }>`
    select (select count(*) from reports)::text as reports, (select count(*) from people)::text as people, (select count(*) from cases)::text as cases,
           (select count(*) from occasions)::text as occasions, (select count(*) from tasks)::text as tasks`.execute(db);
  const r = row.rows[0]!;
  return { reports: Number(r.reports), people: Number(r.people), cases: Number(r.cases), occasions: Number(r.occasions), tasks: Number(r.tasks) };
}

async function contextFor(db: Kysely<Database>, username: string): Promise<RequestContext> {
  const user = await db.selectFrom('users').select(['id', 'username', 'display_name', 'is_service']).where('username', '=', username).executeTakeFirstOrThrow();
  const roles = await db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute();
  const teams = await db.selectFrom('user_teams').select('team_code').where('user_id', '=', user.id).execute();
  return {
    actor: toActor({ id: user.id, username: user.username, displayName: user.display_name, roles: roles.map((r) => r.role), teams: teams.map((t) => t.team_code), isService: user.is_service }),
    requestId: 'bench',
  };
}

function lookupFor(name: Samples['names'][number]): CandidateLookup {
  return candidateLookup(queryKeys({ referenceDate: new Date().toISOString().slice(0, 10), forename: name.forename, surname: name.surname, ...(name.dateOfBirth ? { dob: name.dateOfBirth } : {}) }));
}

/** The endpoints the suite times, by the key `--only` takes. */
const ENDPOINT_KEYS = ['matching', 'history', 'report', 'case', 'timeline', 'tasks', 'daily', 'dashboard'];

type Want = (key: string) => boolean;

/** The last 12 months as the dashboard's repository takes them (London midnights). */
function twelveMonths(now: Date): { fromInstant: Date; toInstant: Date } {
  const to = new Date(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  return { fromInstant: new Date(to.getTime() - 365 * 86_400_000), toInstant: new Date(to.getTime() + 86_400_000) };
}

/** Bare SQL of each endpoint's main query, timed on the same samples as the endpoint. */
async function bareSql(db: Kysely<Database>, s: Samples, n: number, caseTeam: string[], want: Want): Promise<Record<string, { query: string; summary: Summary }>> {
  const pick = <T>(list: T[], i: number) => list[i % list.length]!;
  const queries: Record<string, { query: string; iterations?: number; run: (i: number) => Promise<unknown> }> = {
    matching: { query: 'findCandidateIds (pg_trgm, sound, birth date, identifiers)', run: (i) => findCandidateIds(db, lookupFor(pick(s.names, i)), 100) },
    history: { query: 'casesInvolving (cases where the person is suspect or victim)', run: (i) => casesInvolving(db, pick(s.personIds, i)) },
    report: { query: 'findOpenCase (the case a new report joins)', run: (i) => findOpenCase(db, pick(s.suspectVictimPairs, i).suspect, [pick(s.suspectVictimPairs, i).victim]) },
    case: { query: 'the case row with its reports (select ... from cases join case_reports join reports)', run: (i) => sql`select c.*, r.reference, r.reported_at from cases c join case_reports cr on cr.case_id = c.id join reports r on r.id = cr.report_id where c.id = ${pick(s.caseIds, i)}`.execute(db) },
    timeline: { query: `occasionsOfCase (${s.busiestOccasions} occasions)`, run: () => occasionsOfCase(db, s.busiestCaseId) },
    tasks: { query: 'openTasksFor (team tasks, 500 rows)', run: () => openTasksFor(db, { teams: caseTeam }) },
    daily: { query: 'cases with a report in the last 24 hours', run: () => sql`select c.id, c.reference, c.offence from cases c join case_reports cr on cr.case_id = c.id join reports r on r.id = cr.report_id where r.reported_at > now() - interval '24 hours'`.execute(db) },
    dashboard: { query: 'measureAll (the case-facts aggregate behind every indicator, 12 months)', iterations: Math.max(5, Math.floor(n / 4)), run: () => db.transaction().execute(async (tx) => { await insightsRepo.analyticsSession(tx); return insightsRepo.measureAll(tx, twelveMonths(new Date()), new Date()); }) },
  };
  const out: Record<string, { query: string; summary: Summary }> = {};
  for (const [key, q] of Object.entries(queries)) {
    if (!want(key)) continue;
    out[key] = { query: q.query, summary: summarise(await time(q.iterations ?? n, q.iterations ? 1 : 3, q.run)) };
  }
  return out;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function rssOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

interface Server {
  url: string;
  pid: number;
  /** The server's log so far (warnings and errors only). */
  output(): string;
  startupSeconds: number;
  stop(): Promise<void>;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const began = Date.now();
  const child = spawn(process.execPath, SERVER_NODE_ARGS, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', VIGIL_DEMO: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  while (!output.includes('Vigil is running')) {
    if (child.exitCode !== null) throw new Error(`Vigil exited:\n${output}`);
    if (Date.now() - began > 300_000) {
      child.kill('SIGKILL');
      throw new Error(`Vigil did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => output,
    startupSeconds: (Date.now() - began) / 1000,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function apiToken(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (response.status !== 201) throw new Error(`Token for ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** Signs in through the page form, as a browser does, and returns the session cookie. */
async function signIn(url: string, username: string, password: string): Promise<string> {
  const page = await fetch(`${url}/sign-in`);
  const preCookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const response = await fetch(`${url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: preCookie },
    body: new URLSearchParams({ _csrf: csrf, username, password }).toString(),
  });
  const session = response.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('vigil_session='));
  if (!session) throw new Error(`Sign-in as ${username} failed: ${response.status}`);
  return session;
}

function reportAnswers(i: number): Record<string, unknown> {
  const random = seededRandom(1000 + i);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const victim = { forenames: `Benchra${i % 97}`, surname: spellingVariant(random, 'Quistreth'), town: 'Northtown' };
  return {
    callerCapacity: 'victim',
    relationship: 'ex-intimate-partner',
    victim,
    suspectKnown: 'yes',
    suspect: { forenames: 'Dorvane', surname: `Ashkettle${i % 13}`, approximateAge: 40 },
    account: 'He keeps messaging me after I asked him to stop.',
    occasions: [{ date: yesterday, times: 5, channels: ['text'], behaviours: ['contacting'] }],
    effects: [],
    indicators: [],
    thrive: { threat: 'medium', harm: 'medium', risk: 'medium' },
    response: 'priority',
    responseRationale: 'Repeated contact: attend today.',
    evidenceAdvice: 'Keep every message and a diary.',
  };
}

async function httpTimings(server: Server, s: Samples, n: number, password: string, want: Want): Promise<{ results: EndpointResult[]; loadMix: LoadRequest[] }> {
  const sergeantCookie = await signIn(server.url, 'detective-sergeant', password);
  const leadCookie = await signIn(server.url, 'force-lead', password);
  const callHandlerToken = await apiToken(server.url, 'call-handler', password);
  const sergeantToken = await apiToken(server.url, 'detective-sergeant', password);
  const pick = <T>(list: T[], i: number) => list[i % list.length]!;
  const page = (cookie: string) => ({ cookie });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  const endpoints: Array<{ name: string; how: string; key: string; request: (i: number) => LoadRequest; iterations?: number; load?: boolean }> = [
    { name: 'Person matching', how: 'POST /api/v1/people/match', key: 'matching', request: (i) => ({ method: 'POST', path: '/api/v1/people/match', headers: bearer(callHandlerToken), body: JSON.stringify(pick(s.names, i)) }), load: true },
    { name: 'History panel', how: 'GET /people/:id/history', key: 'history', request: (i) => ({ method: 'GET', path: `/people/${pick(s.personIds, i)}/history`, headers: page(sergeantCookie) }), load: true },
    { name: 'Report creation', how: 'POST /api/v1/reports', key: 'report', request: (i) => ({ method: 'POST', path: '/api/v1/reports', headers: bearer(callHandlerToken), body: JSON.stringify(reportAnswers(i)) }), iterations: Math.max(10, Math.floor(n / 2)) },
    { name: 'Case page', how: 'GET /cases/:id', key: 'case', request: (i) => ({ method: 'GET', path: `/cases/${pick(s.caseIds, i)}`, headers: page(sergeantCookie) }), load: true },
    { name: `Timeline (${s.busiestOccasions} occasions)`, how: 'GET /cases/:id/timeline', key: 'timeline', request: () => ({ method: 'GET', path: `/cases/${s.busiestCaseId}/timeline`, headers: page(sergeantCookie) }), load: true },
    { name: 'Task list (team)', how: 'GET /tasks/team', key: 'tasks', request: () => ({ method: 'GET', path: '/tasks/team', headers: page(sergeantCookie) }), load: true },
    { name: 'Task list (API)', how: 'GET /api/v1/tasks', key: 'tasks', request: () => ({ method: 'GET', path: '/api/v1/tasks', headers: bearer(sergeantToken) }) },
    { name: 'Daily meeting page', how: 'GET /insights/daily', key: 'daily', request: () => ({ method: 'GET', path: '/insights/daily', headers: page(leadCookie) }), iterations: Math.max(5, Math.floor(n / 4)) },
    { name: 'Dashboard (12 months)', how: 'GET /insights', key: 'dashboard', request: () => ({ method: 'GET', path: '/insights', headers: page(leadCookie) }), iterations: Math.max(5, Math.floor(n / 4)) },
  ];
  const results: EndpointResult[] = [];
  const loadMix: LoadRequest[] = [];
  for (const e of endpoints.filter((x) => want(x.key))) {
    const send = async (i: number) => {
      const r = e.request(i);
      const response = await fetch(`${server.url}${r.path}`, { method: r.method, headers: r.headers, ...(r.body ? { body: r.body } : {}) });
      await response.arrayBuffer();
      return response.status;
    };
    const probeStarted = performance.now();
    const probe = await send(0);
    const probeMs = performance.now() - probeStarted;
    if (probe === 404) {
      results.push({ name: e.name, how: e.how, target: e.key, available: false, note: 'not available (the route is not in this build)' });
      continue;
    }
    if (probe >= 400) {
      results.push({ name: e.name, how: e.how, target: e.key, available: false, note: `not available (answered ${probe})` });
      continue;
    }
    let failures = 0;
    // A slow endpoint (seconds a request) is warmed by the probe only.
    const samples = await time(e.iterations ?? n, probeMs > 2000 ? 0 : 2, async (i) => {
      const status = await send(i + 1);
      if (status >= 400) failures++;
    });
    results.push({ name: e.name, how: e.how, target: e.key, available: true, summary: summarise(samples), ...(failures ? { note: `${failures} failed` } : {}) });
    if (e.load) for (let i = 0; i < 10; i++) loadMix.push(e.request(i));
  }
  return { results, loadMix };
}

async function runLoad(server: Server, mix: LoadRequest[], concurrency: number, seconds: number): Promise<LoadResult & { peakRssMb: number }> {
  const input: LoadInput = { url: server.url, concurrency, durationMs: seconds * 1000, requests: mix };
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/load.ts', JSON.stringify(input)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  let peak = 0;
  const sampler = setInterval(() => void rssOf(server.pid).then((m) => (peak = Math.max(peak, m.rss))), 250);
  await new Promise<void>((resolve) => child.on('exit', () => resolve()));
  clearInterval(sampler);
  return { ...(JSON.parse(output.trim()) as LoadResult), peakRssMb: peak };
}

async function benchTarget(kind: DatabaseKind, options: { dataDir: string; databaseUrl?: string; iterations: number; concurrency: number; seconds: number; scale: ScaleName; password: string; only: Set<string> | undefined }): Promise<TargetResult> {
  const want: Want = (key) => !options.only || options.only.has(key);
  console.log(`\n== ${kind === 'pglite' ? `PGlite (${options.dataDir})` : 'PostgreSQL (DATABASE_URL)'} ==`);
  const handle: DatabaseHandle = await openDatabase(kind === 'pglite' ? { dataDir: options.dataDir } : { databaseUrl: options.databaseUrl!, poolSize: 10 });
  await migrateToLatest(handle.db);
  let data = await counts(handle.db);
  if (data.reports === 0) {
    if (kind !== 'pglite') throw new Error('DATABASE_URL holds no reports: run `npm run synth -- --scale force` against it first.');
    console.log(`The embedded database is empty: loading synthetic data (${options.scale} scale) first.`);
    await synthesise(handle.db, kind, { scale: options.scale, seed: 20261125, asOf: new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000), password: options.password });
    data = await counts(handle.db);
  }
  console.log(`Data: ${data.reports.toLocaleString('en-GB')} reports, ${data.people.toLocaleString('en-GB')} people, ${data.cases.toLocaleString('en-GB')} cases, ${data.occasions.toLocaleString('en-GB')} occasions, ${data.tasks.toLocaleString('en-GB')} tasks`);
  const samples = await pickSamples(handle.db);
  const deps: Deps = { db: handle.db, dbKind: handle.kind, clock: systemClock, config: loadConfig({ ...process.env, ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}) }) };
  const callHandler = await contextFor(handle.db, 'call-handler');
  const sergeant = await contextFor(handle.db, 'detective-sergeant');
  const pick = <T>(list: T[], i: number) => list[i % list.length]!;

  console.log('Timing bare SQL and the services in process...');
  const sqlTimes = await bareSql(handle.db, samples, options.iterations, sergeant.actor.teams, want);
  const inProcess: EndpointResult[] = [];
  if (want('matching')) {
    inProcess.push({
      name: 'Person matching (findCandidates)', how: 'service, in process', target: 'matching', available: true,
      summary: summarise(await time(options.iterations, 3, (i) => findCandidates(deps, callHandler, { ...pick(samples.names, i), aliases: [], phones: [], emails: [], handles: [], vehicles: [] }))),
    });
  }
  if (want('history')) {
    inProcess.push({
      name: 'History panel (historyFor)', how: 'service, in process', target: 'history', available: true,
      summary: summarise(await time(options.iterations, 3, (i) => historyFor(deps, sergeant, [pick(samples.personIds, i)]))),
    });
  }
  if (want('dashboard')) {
    const lead = await contextFor(handle.db, 'force-lead');
    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    inProcess.push({ name: 'Dashboard (forceDashboard, 12 months)', how: 'service, in process', target: 'dashboard', available: true, summary: summarise(await time(5, 1, () => forceDashboard(deps, lead, { period: { from, to } }))) });
  }
  for (const r of inProcess) if (r.target && sqlTimes[r.target] && r.summary) Object.assign(r, { sql: sqlTimes[r.target]!.summary, sqlQuery: sqlTimes[r.target]!.query, ratio: r.summary.p50 / sqlTimes[r.target]!.summary.p50 });
  await handle.close();

  console.log('Starting a Vigil server process...');
  const server = await startServer(kind === 'pglite' ? { DATA_DIR: options.dataDir, DATABASE_URL: '' } : { DATABASE_URL: options.databaseUrl! });
  try {
    const idle = await rssOf(server.pid);
    console.log(`Server up in ${server.startupSeconds.toFixed(1)} s, RSS ${idle.rss.toFixed(0)} MB. Timing endpoints over HTTP...`);
    const { results: http, loadMix } = await httpTimings(server, samples, options.iterations, options.password, want);
    for (const r of http) if (r.target && sqlTimes[r.target] && r.summary) Object.assign(r, { sql: sqlTimes[r.target]!.summary, sqlQuery: sqlTimes[r.target]!.query, ratio: r.summary.p50 / sqlTimes[r.target]!.summary.p50 });
    const after = await rssOf(server.pid);
    const end = await rssOf(server.pid);
    if (options.seconds <= 0 || loadMix.length === 0) {
      return { target: kind, data, inProcess, http, rssMb: { idle: idle.rss, afterSequential: after.rss, peak: end.peak }, startupSeconds: server.startupSeconds };
    }
    console.log(`Load: ${options.concurrency} clients for ${options.seconds} s...`);
    const logBefore = server.output().length;
    const load = await runLoad(server, loadMix, options.concurrency, options.seconds);
    const serverErrors = [...new Set([...server.output().slice(logBefore).matchAll(/"message":"([^"\\]{0,160})/g)].map((m) => m[1]!))].slice(0, 5);
    const afterLoad = await rssOf(server.pid);
    return {
      target: kind,
      data,
      inProcess,
      http,
      rssMb: { idle: idle.rss, afterSequential: after.rss, peak: Math.max(afterLoad.peak, load.peakRssMb) },
      load: { ...load, concurrency: options.concurrency, seconds: options.seconds, driver: 'scripts/bench/load.ts (node:http, keep-alive; autocannon is not installed)', serverErrors },
      startupSeconds: server.startupSeconds,
    };
  } finally {
    await server.stop();
  }
}

const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '-' : v < 10 ? v.toFixed(2) : v.toFixed(0));

function markdown(results: TargetResult[], started: Date): string {
  const lines = [`# Vigil benchmark, ${started.toISOString()}`, ''];
  for (const t of results) {
    lines.push(`## ${t.target === 'pglite' ? 'PGlite' : 'PostgreSQL'}`, '');
    lines.push(`Data: ${t.data.reports.toLocaleString('en-GB')} reports, ${t.data.people.toLocaleString('en-GB')} people, ${t.data.cases.toLocaleString('en-GB')} cases, ${t.data.occasions.toLocaleString('en-GB')} occasions, ${t.data.tasks.toLocaleString('en-GB')} tasks. Server start ${t.startupSeconds.toFixed(1)} s.`, '');
    lines.push('| endpoint | how | n | p50 ms | p95 ms | p99 ms | per s (one client) | bare SQL p50 ms | ratio | main query |', '|---|---|---|---|---|---|---|---|---|---|');
    for (const r of [...t.inProcess, ...t.http]) {
      if (!r.available || !r.summary) {
        lines.push(`| ${r.name} | ${r.how} | | | | | | | | ${r.note ?? 'not available'} |`);
        continue;
      }
      lines.push(`| ${r.name} | ${r.how} | ${r.summary.n} | ${ms(r.summary.p50)} | ${ms(r.summary.p95)} | ${ms(r.summary.p99)} | ${r.summary.throughput.toFixed(1)} | ${ms(r.sql?.p50)} | ${r.ratio ? r.ratio.toFixed(1) : '-'} | ${r.sqlQuery ?? ''}${r.note ? ` (${r.note})` : ''} |`);
    }
    lines.push('', `Server RSS: ${t.rssMb.idle.toFixed(0)} MB idle, ${t.rssMb.afterSequential.toFixed(0)} MB after the timings, ${t.rssMb.peak.toFixed(0)} MB peak.`, '');
    if (t.load) {
      lines.push(`Under load (${t.load.concurrency} clients, ${t.load.seconds} s, mix of the GET endpoints and matching; ${t.load.driver}): ${t.load.requestsPerSecond.toFixed(1)} requests/s, ${t.load.requests} requests, ${t.load.errors} errors${t.load.errors ? ` (${JSON.stringify(t.load.statuses)})` : ''}, latency p50 ${ms(t.load.p50)} ms, p95 ${ms(t.load.p95)} ms, p99 ${ms(t.load.p99)} ms.`, '');
      if (t.load.serverErrors.length > 0) lines.push(`Server errors logged under load: ${t.load.serverErrors.map((e) => `"${e}"`).join('; ')}`, '');
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      targets: { type: 'string' },
      iterations: { type: 'string', default: '40' },
      concurrency: { type: 'string', default: '50' },
      seconds: { type: 'string', default: '15' },
      scale: { type: 'string', default: 'small' },
      'data-dir': { type: 'string' },
      only: { type: 'string' },
    },
  });
  const only = values.only ? new Set(values.only.split(',').map((k) => k.trim())) : undefined;
  for (const key of only ?? []) if (!ENDPOINT_KEYS.includes(key)) throw new Error(`--only: ${key} is not one of ${ENDPOINT_KEYS.join(', ')}`);
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const targets = (values.targets ?? (databaseUrl ? 'pglite,postgres' : 'pglite')).split(',') as DatabaseKind[];
  const options = {
    dataDir: path.resolve(values['data-dir'] ?? process.env.DATA_DIR ?? 'data-bench'),
    databaseUrl,
    iterations: Number(values.iterations),
    concurrency: Number(values.concurrency),
    seconds: Number(values.seconds),
    scale: values.scale as ScaleName,
    only,
    password: process.env.VIGIL_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
  };
  await buildServer(); // the server is run as `npm start` runs it
  const started = new Date();
  const results: TargetResult[] = [];
  for (const target of targets) {
    if (target === 'postgres' && !databaseUrl) {
      console.log('\nPostgreSQL: not measured (set DATABASE_URL to a database filled by `npm run synth`).');
      continue;
    }
    results.push(await benchTarget(target, options));
  }
  const text = markdown(results, started);
  console.log(`\n${text}`);
  const dir = path.join(ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const stem = started.toISOString().replace(/[:.]/g, '-');
  writeFileSync(path.join(dir, `${stem}.json`), JSON.stringify({ started, node: process.version, results }, null, 2));
  writeFileSync(path.join(dir, `${stem}.md`), `${text}\n`);
  console.log(`Results written to bench-results/${stem}.json and .md`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
