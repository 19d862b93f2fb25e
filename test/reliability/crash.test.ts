/**
 * Crash safety: the real server takes a stream of writes, each acknowledged only once
 * committed; it is killed with SIGKILL mid-stream (no shutdown code runs), restarted on
 * the same database, and every acknowledged write must be there with its audit entry.
 * The database must open without help and pass amcheck on every table and index.
 *
 * Also `npm run test:crash`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, temporaryDirectory, type RunningServer } from '../support/server.ts';
import { integrityProblems, openEmbedded, openServer, type OpenedDatabase } from './integrity.ts';
import { createEmptyPostgresDatabase } from './support.ts';

const DEMO_PASSWORD = 'crash-test-demo-password';
const ACKNOWLEDGED_BEFORE_KILL = 40;
const WRITERS = 6;

async function adminToken(server: RunningServer): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'administrator', password: DEMO_PASSWORD }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

interface StreamResult {
  acknowledged: string[];
  attempted: string[];
  failedInFlight: number;
}

/**
 * WRITERS clients create users back to back. Once ACKNOWLEDGED_BEFORE_KILL have been
 * acknowledged the server is killed while the others are still in flight.
 */
async function writeUntilKilled(server: RunningServer, token: string, runId: string): Promise<StreamResult> {
  const acknowledged: string[] = [];
  const attempted: string[] = [];
  let failedInFlight = 0;
  let killed = false;
  let next = 0;
  const writer = async () => {
    while (!killed) {
      const n = next++;
      const username = `crash-${runId}-${n}`;
      attempted.push(username);
      try {
        const response = await fetch(`${server.url}/api/v1/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          // Every fifth has a password, so hashing varies the timing of the stream.
          body: JSON.stringify({
            username,
            displayName: `Crash test ${n}`,
            roles: ['call-handler'],
            teams: ['response'],
            ...(n % 5 === 0 ? { password: `a-long-password-${n}` } : { isService: true }),
          }),
        });
        const body = (await response.json()) as { user?: { username: string } };
        if (response.status !== 201) throw new Error(`unexpected ${response.status}: ${JSON.stringify(body)}`);
        expect(body.user?.username).toBe(username);
        acknowledged.push(username);
        if (acknowledged.length >= ACKNOWLEDGED_BEFORE_KILL && !killed) {
          killed = true;
          server.process.kill('SIGKILL');
        }
      } catch (error) {
        if (!killed) throw error;
        failedInFlight++;
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
  return { acknowledged, attempted, failedInFlight };
}

async function crashAndRecover(env: Record<string, string>, open: () => Promise<OpenedDatabase>): Promise<void> {
  const runId = Date.now().toString(36);
  const first = await startServer(env);
  const token = await adminToken(first);
  const stream = await writeUntilKilled(first, token, runId);
  expect(await first.stop()).toBeNull(); // killed by a signal, not exited
  expect(first.process.signalCode).toBe('SIGKILL');
  expect(first.output()).not.toContain('SIGTERM received');
  expect(stream.acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);
  // The kill really was mid-stream: other writers had requests outstanding.
  expect(stream.failedInFlight).toBeGreaterThan(0);

  const second = await startServer(env);
  try {
    expect(second.output()).toContain('database schema is up to date');
    expect(second.output()).not.toContain('loading demo data');
    const health = await fetch(`${second.url}/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: { status: 'ok' } });
    // The token issued before the crash is itself an acknowledged write.
    const users = await fetch(`${second.url}/api/v1/users`, { headers: { authorization: `Bearer ${token}` } });
    expect(users.status).toBe(200);
    const present = new Set(((await users.json()) as { users: Array<{ username: string }> }).users.map((u) => u.username));
    const lost = stream.acknowledged.filter((u) => !present.has(u));
    expect(lost, 'acknowledged writes lost in the crash').toEqual([]);
    // Writes still work after recovery.
    const after = await fetch(`${second.url}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ username: `crash-${runId}-after`, displayName: 'After the crash', roles: ['auditor'], isService: true }),
    });
    expect(after.status).toBe(201);
  } finally {
    expect(await second.stop('SIGTERM')).toBe(0);
  }

  const db = await open();
  try {
    // No half-saved use case: every user the stream created, acknowledged or not, has its audit entry.
    const rows = await db.query<{ username: string; audited: boolean }>(
      `select u.username, exists (select 1 from audit_log a where a.action = 'create' and a.record_type = 'user' and a.record_id = u.id::text) as audited
       from users u where u.username like $1`,
      [`crash-${runId}-%`],
    );
    expect(rows.filter((r) => !r.audited).map((r) => r.username)).toEqual([]);
    const stored = new Set(rows.map((r) => r.username));
    for (const username of stream.acknowledged) expect(stored.has(username), username).toBe(true);
    expect(rows.length).toBeLessThanOrEqual(stream.attempted.length + 1);
    expect(await integrityProblems(db)).toEqual([]);
  } finally {
    await db.close();
  }
}

describe('crash safety (SIGKILL during a stream of writes)', () => {
  const data = temporaryDirectory('vigil-crash-');
  afterAll(() => data.remove());

  it('embedded database: every acknowledged write survives and the database opens cleanly', { timeout: 300_000 }, async () => {
    await crashAndRecover({ DATA_DIR: data.dir, VIGIL_DEMO_PASSWORD: DEMO_PASSWORD, DATABASE_URL: '' }, () => openEmbedded(data.dir));
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL: every acknowledged write survives and the database opens cleanly', { timeout: 300_000 }, async () => {
    const database = await createEmptyPostgresDatabase(process.env.TEST_DATABASE_URL!, 'vigil_crash');
    try {
      await crashAndRecover({ DATABASE_URL: database.url, VIGIL_DEMO: 'true', VIGIL_DEMO_PASSWORD: DEMO_PASSWORD }, () => openServer(database.url));
    } finally {
      await database.drop();
    }
  });
});
