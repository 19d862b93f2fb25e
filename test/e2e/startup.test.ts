import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVER_NODE_ARGS } from '../../scripts/build.ts';
import { startServer, temporaryDirectory } from '../support/server.ts';

const root = path.resolve(import.meta.dirname, '../..');
const data = temporaryDirectory('vigil-start-');
afterAll(() => data.remove());

describe('starting Vigil', () => {
  it('exits with one clear line when DATABASE_URL cannot be reached', { timeout: 90_000 }, () => {
    const result = spawnSync(process.execPath, SERVER_NODE_ARGS, {
      cwd: root,
      env: { ...process.env, DATABASE_URL: 'postgres://vigil:wrong@127.0.0.1:1/nothing', PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    const errorLines = result.stderr.trim().split('\n');
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(/^Vigil cannot start: Cannot connect to the PostgreSQL database/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('migrates, loads demo data with progress on first start, restarts without reloading, and stops cleanly on SIGTERM', { timeout: 240_000 }, async () => {
    const env = { DATA_DIR: data.dir, VIGIL_DEMO_PASSWORD: 'a-test-demo-password' };
    const first = await startServer(env);
    expect(first.output()).toMatch(/applied \d+ migration/);
    expect(first.output()).toMatch(/Demo users\s+\[#+\] 14\/14/);
    expect(first.output()).toContain('(the value of VIGIL_DEMO_PASSWORD)');
    const health = await fetch(`${first.url}/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: { kind: 'pglite' } });
    expect(await first.stop('SIGTERM')).toBe(0);

    const second = await startServer(env);
    expect(second.output()).toContain('schema is up to date');
    expect(second.output()).not.toContain('loading demo data');
    const token = await fetch(`${second.url}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'call-handler', password: 'a-test-demo-password' }),
    });
    expect(token.status).toBe(201);
    expect(await second.stop('SIGTERM')).toBe(0);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('runs the same migrations and app on PostgreSQL when DATABASE_URL is set', { timeout: 180_000 }, async () => {
    const serverUrl = process.env.TEST_DATABASE_URL!;
    const name = `vigil_start_${Date.now()}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    try {
      const server = await startServer({ DATABASE_URL: url.toString(), VIGIL_DEMO: 'true', VIGIL_DEMO_PASSWORD: 'a-test-demo-password' });
      expect(server.output()).toMatch(/applied \d+ migration/);
      const health = await fetch(`${server.url}/health`);
      expect(await health.json()).toMatchObject({ status: 'ok', database: { kind: 'postgres', status: 'ok' } });
      expect(await server.stop('SIGTERM')).toBe(0);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
