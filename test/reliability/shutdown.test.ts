/**
 * Graceful shutdown: SIGTERM while requests are in flight. Every request the server had
 * already received is answered (and its write committed), new connections are refused,
 * the database is closed (PGlite removes its postmaster.pid only on a clean close) and
 * the process exits 0.
 */
import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, temporaryDirectory, type RunningServer } from '../support/server.ts';
import { openEmbedded, openServer, type OpenedDatabase } from './integrity.ts';
import { createEmptyPostgresDatabase } from './support.ts';

const DEMO_PASSWORD = 'shutdown-test-demo-password';
const IN_FLIGHT = 16;

async function adminToken(server: RunningServer): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'administrator', password: DEMO_PASSWORD }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

async function shutdownWithRequestsInFlight(env: Record<string, string>, open: () => Promise<OpenedDatabase>, afterClose: () => void): Promise<void> {
  const server = await startServer(env);
  const token = await adminToken(server);
  const runId = Date.now().toString(36);
  // Set when SIGTERM is sent; each answer records whether it came after (a flag, not a
  // timestamp: an answer in the same millisecond before the signal must not count).
  let signalled = false;
  const exitCode = new Promise<number | null>((resolve) => server.process.on('exit', (code) => resolve(code)));

  // Each creation hashes a password (argon2), so the batch takes a while to drain. node:http
  // tells us when each request has been written in full, so SIGTERM comes only once every
  // request has reached the server and at least one has been answered.
  let written = 0;
  let answered = 0;
  let allWritten!: () => void;
  let firstAnswer!: () => void;
  const allWrittenP = new Promise<void>((resolve) => (allWritten = resolve));
  const firstAnswerP = new Promise<void>((resolve) => (firstAnswer = resolve));
  const requests = Array.from({ length: IN_FLIGHT }, (_, n) =>
    new Promise<{ status: number; afterSignal: boolean; body: string }>((resolve) => {
      const payload = JSON.stringify({ username: `shutdown-${runId}-${n}`, displayName: `Shutdown ${n}`, roles: ['investigator'], password: `a-long-password-${n}` });
      const request = httpRequest(`${server.url}/api/v1/users`, {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: `Bearer ${token}` },
      });
      request.on('finish', () => {
        if (++written === IN_FLIGHT) allWritten();
      });
      request.on('response', (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => {
          if (++answered === 1) firstAnswer();
          resolve({ status: response.statusCode ?? 0, afterSignal: signalled, body });
        });
      });
      request.on('error', (error) => resolve({ status: 0, afterSignal: signalled, body: error.message }));
      request.end(payload);
    }),
  );
  await allWrittenP;
  await firstAnswerP;
  await new Promise((resolve) => setTimeout(resolve, 100));
  const stillOpen = IN_FLIGHT - answered;
  signalled = true;
  server.process.kill('SIGTERM');
  const results = await Promise.all(requests);

  expect(
    results.map((r) => r.status),
    `every request in flight at SIGTERM is answered with 201; got ${JSON.stringify(results.filter((r) => r.status !== 201))}\nserver output:\n${server.output()}`,
  ).toEqual(Array.from({ length: IN_FLIGHT }, () => 201));
  const afterSignal = results.filter((r) => r.afterSignal).length;
  expect(stillOpen, 'requests still unanswered when SIGTERM was sent').toBeGreaterThan(0);
  expect(afterSignal, 'requests answered after SIGTERM').toBe(stillOpen);
  expect(await exitCode, `exit code; server output:\n${server.output()}`).toBe(0);
  expect(server.output()).toContain('SIGTERM received: finishing requests in flight');
  await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  afterClose();

  const db = await open();
  try {
    const rows = await db.query<{ username: string }>(`select username from users where username like $1`, [`shutdown-${runId}-%`]);
    expect(rows).toHaveLength(IN_FLIGHT);
  } finally {
    await db.close();
  }
}

describe('graceful shutdown on SIGTERM', () => {
  const data = temporaryDirectory('vigil-shutdown-');
  afterAll(() => data.remove());

  it('embedded database: finishes requests in flight, closes the database and exits 0', { timeout: 240_000 }, async () => {
    await shutdownWithRequestsInFlight(
      { DATA_DIR: data.dir, VIGIL_DEMO_PASSWORD: DEMO_PASSWORD, DATABASE_URL: '', LOG_LEVEL: 'info' },
      () => openEmbedded(data.dir),
      () => expect(existsSync(path.join(data.dir, 'postmaster.pid')), 'PGlite closed cleanly').toBe(false),
    );
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL: finishes requests in flight and exits 0', { timeout: 240_000 }, async () => {
    const database = await createEmptyPostgresDatabase(process.env.TEST_DATABASE_URL!, 'vigil_shutdown');
    try {
      await shutdownWithRequestsInFlight(
        { DATABASE_URL: database.url, VIGIL_DEMO: 'true', VIGIL_DEMO_PASSWORD: DEMO_PASSWORD, LOG_LEVEL: 'info' },
        () => openServer(database.url),
        () => undefined,
      );
    } finally {
      await database.drop();
    }
  });
});
