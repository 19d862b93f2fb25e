/**
 * npm run backup / npm run restore, round trip: data created through the app (users,
 * a restricted record opened with a reason, a denial) is backed up, restored into a
 * fresh place, and every table, the audit log included, is identical afterwards. The
 * restored database still refuses audit log changes and still accepts the old tokens.
 */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/database.ts';
import { apiToken } from '../support/app.ts';
import { temporaryDirectory } from '../support/server.ts';
import { bearer, createEmptyPostgresDatabase, runScript, snapshotOf, vigilOn, type InProcessVigil } from './support.ts';

const work = temporaryDirectory('vigil-backup-');
afterAll(() => work.remove());

/** Writes through the HTTP layer that leave users, tokens and audit rows of several kinds. Returns the admin token. */
async function createData(vigil: InProcessVigil): Promise<{ adminToken: string; created: string[] }> {
  const { app, handle } = vigil;
  const adminToken = await apiToken(app, 'administrator');
  const created: string[] = [];
  for (const username of ['backup-check-one', 'backup-check-two', 'backup-check-three']) {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(adminToken),
      payload: { username, displayName: `Backup ${username}`, roles: ['investigator'], teams: ['cid'] },
    });
    expect(response.statusCode).toBe(201);
    created.push(username);
  }
  const restricted = await handle.db.selectFrom('people').select('id').where('restricted', '=', true).executeTakeFirstOrThrow();
  const sergeant = await apiToken(app, 'detective-sergeant');
  const opened = await app.inject({
    method: 'GET',
    url: `/api/v1/people/${restricted.id}`,
    headers: { ...bearer(sergeant), 'vigil-access-reason': 'Checking the backup keeps reasons' },
  });
  expect(opened.statusCode).toBe(200);
  const investigator = await apiToken(app, 'investigator');
  const denied = await app.inject({ method: 'GET', url: `/api/v1/people/${restricted.id}`, headers: bearer(investigator) });
  expect(denied.statusCode).toBe(403);
  const audit = await handle.db.selectFrom('audit_log').select(['action', 'reason']).execute();
  expect(audit.some((r) => r.action === 'view' && r.reason === 'Checking the backup keeps reasons')).toBe(true);
  expect(audit.some((r) => r.action === 'view-denied')).toBe(true);
  return { adminToken, created };
}

/** The restored database is a working Vigil: old tokens still work and the audit log is still append-only. */
async function checkRestoredWorks(target: { dataDir?: string; databaseUrl?: string }, adminToken: string, created: string[]): Promise<void> {
  const restored = await vigilOn(target);
  try {
    const users = await restored.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(adminToken) });
    expect(users.statusCode).toBe(200);
    const names = (users.json() as { users: Array<{ username: string }> }).users.map((u) => u.username);
    for (const username of created) expect(names).toContain(username);
    await expect(sql`update audit_log set action = 'tampered'`.execute(restored.handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(restored.handle.db)).rejects.toThrow(/append-only/);
  } finally {
    await restored.close();
  }
}

describe('backup and restore of the embedded database', () => {
  it('round-trips every table and the audit log, refuses to overwrite without --force, and keeps the old folder with it', { timeout: 180_000 }, async () => {
    const source = path.join(work.dir, 'source');
    const vigil = await vigilOn({ dataDir: source, seed: true });
    const { adminToken, created } = await createData(vigil);

    // A running Vigil (here: this process) holds the folder open: backup must refuse.
    const whileOpen = await runScript('backup', ['--out', path.join(work.dir, 'refused.tgz')], { DATA_DIR: source });
    expect(whileOpen.status).toBe(1);
    expect(whileOpen.stderr.trim().split('\n')).toHaveLength(1);
    expect(whileOpen.stderr).toMatch(/^Backup failed: The embedded database in .* is open in process \d+ \(is Vigil running\?\)/);
    expect(existsSync(path.join(work.dir, 'refused.tgz'))).toBe(false);
    await vigil.close();

    const before = await openDatabase({ dataDir: source });
    const original = await snapshotOf(before.db);
    await before.close();
    expect(original.audit_log!.length).toBeGreaterThan(5);

    const file = path.join(work.dir, 'vigil.tgz');
    const backup = await runScript('backup', ['--out', file], { DATA_DIR: source });
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(backup.stdout).toContain('archiving the data directory');
    expect(backup.stdout.trim().split('\n').at(-1)).toMatch(new RegExp(`^Backup complete: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(.+; 18 users, \\d+ people, ${original.audit_log!.length} audit entries, \\d+ migrations\\)$`));
    expect(statSync(file).mode & 0o777).toBe(0o600);

    // Backing up to a file that exists is refused rather than overwriting it.
    const again = await runScript('backup', ['--out', file], { DATA_DIR: source });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');

    const target = path.join(work.dir, 'restored');
    const restore = await runScript('restore', [file], { DATA_DIR: target });
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    expect(restore.stdout.trim().split('\n').at(-1)).toMatch(/^Restore complete: .*restored \(18 users, .*\)$/);

    const after = await openDatabase({ dataDir: target });
    expect(await snapshotOf(after.db)).toEqual(original);
    await after.close();
    await checkRestoredWorks({ dataDir: target }, adminToken, created);

    const refused = await runScript('restore', [file], { DATA_DIR: target });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^Restore failed: .*restored already holds data\. To replace it, stop Vigil and run again with --force/);

    const forced = await runScript('restore', [file, '--force'], { DATA_DIR: target });
    expect(forced.status).toBe(0);
    const kept = readdirSync(work.dir).filter((name) => name.startsWith('restored.before-restore-'));
    expect(kept).toHaveLength(1);
    expect(readdirSync(work.dir).some((name) => name.includes('.restoring-'))).toBe(false);
    const reopened = await openDatabase({ dataDir: target });
    expect(await snapshotOf(reopened.db)).toEqual(original);
    await reopened.close();
  });

  it('gives one clear line for files that are not backups, a missing file, or the wrong kind of database', { timeout: 120_000 }, async () => {
    const notBackup = await runScript('restore', [path.join(import.meta.dirname, 'support.ts')], { DATA_DIR: path.join(work.dir, 'never') });
    expect(notBackup.status).toBe(1);
    expect(notBackup.stderr).toMatch(/^Restore failed: .*support\.ts is not a Vigil backup/);
    expect(existsSync(path.join(work.dir, 'never'))).toBe(false);

    const missing = await runScript('restore', [path.join(work.dir, 'nothing.tgz')], { DATA_DIR: path.join(work.dir, 'never') });
    expect(missing.stderr).toMatch(/^Restore failed: There is no file .*nothing\.tgz\.\n$/);

    const usage = await runScript('restore', [], {});
    expect(usage.status).toBe(1);
    expect(usage.stderr).toContain('Usage: npm run restore -- FILE');

    const noDatabase = await runScript('backup', ['--out', path.join(work.dir, 'x.tgz')], { DATA_DIR: path.join(work.dir, 'empty') });
    expect(noDatabase.status).toBe(1);
    expect(noDatabase.stderr).toMatch(/^Backup failed: There is no embedded database in .*empty/);

    const gzipped = path.join(work.dir, 'looks-embedded.tgz');
    writeFileSync(gzipped, gzipSync('not a database'));
    const wrongKind = await runScript('restore', [gzipped], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(wrongKind.status).toBe(1);
    expect(wrongKind.stderr).toContain('is an embedded database backup; unset DATABASE_URL');

    const corrupt = await runScript('restore', [gzipped], { DATA_DIR: path.join(work.dir, 'from-corrupt') });
    expect(corrupt.status).toBe(1);
    expect(corrupt.stderr).toMatch(/^Restore failed: /);
    expect(existsSync(path.join(work.dir, 'from-corrupt'))).toBe(false);
    expect(readdirSync(work.dir).some((name) => name.includes('.restoring-'))).toBe(false);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('backup and restore on PostgreSQL', () => {
  it('round-trips every table and the audit log through pg_dump and pg_restore, and refuses a non-empty target without --force', { timeout: 180_000 }, async () => {
    const serverUrl = process.env.TEST_DATABASE_URL!;
    const source = await createEmptyPostgresDatabase(serverUrl);
    const target = await createEmptyPostgresDatabase(serverUrl);
    try {
      const vigil = await vigilOn({ databaseUrl: source.url, seed: true });
      const { adminToken, created } = await createData(vigil);
      const original = await snapshotOf(vigil.handle.db);
      await vigil.close();

      const file = path.join(work.dir, 'vigil.dump');
      const backup = await runScript('backup', ['--out', file], { DATABASE_URL: source.url });
      expect(backup.stderr).toBe('');
      expect(backup.status).toBe(0);
      expect(backup.stdout).toContain('dumped public.audit_log');
      expect(backup.stdout.trim().split('\n').at(-1)).toMatch(new RegExp(`^Backup complete: .*vigil\\.dump \\(.+; 18 users, \\d+ people, ${original.audit_log!.length} audit entries, \\d+ migrations\\)$`));
      expect(backup.stdout).not.toContain('postgres:postgres');
      expect(statSync(file).mode & 0o777).toBe(0o600);

      const wrongKind = await runScript('restore', [file], { DATA_DIR: path.join(work.dir, 'pg-into-embedded') });
      expect(wrongKind.status).toBe(1);
      expect(wrongKind.stderr).toContain('is a PostgreSQL backup; set DATABASE_URL');

      const restore = await runScript('restore', [file], { DATABASE_URL: target.url });
      expect(restore.stderr).toBe('');
      expect(restore.status).toBe(0);
      expect(restore.stdout.trim().split('\n').at(-1)).toMatch(/^Restore complete: PostgreSQL database vigil_rel_\w+ on .*\(18 users, /);

      const check = await openDatabase({ databaseUrl: target.url, poolSize: 1 });
      expect(await snapshotOf(check.db)).toEqual(original);
      await check.close();
      await checkRestoredWorks({ databaseUrl: target.url }, adminToken, created);

      const refused = await runScript('restore', [file], { DATABASE_URL: target.url });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/^Restore failed: the PostgreSQL database vigil_rel_\w+ on .* already holds \d+ tables\. To replace them, stop Vigil and run again with --force\.\n$/);

      const forced = await runScript('restore', [file, '--force'], { DATABASE_URL: target.url });
      expect(forced.stderr).toBe('');
      expect(forced.status).toBe(0);
      const recheck = await openDatabase({ databaseUrl: target.url, poolSize: 1 });
      expect(await snapshotOf(recheck.db)).toEqual(original);
      await recheck.close();

      const unreachable = await runScript('backup', ['--out', path.join(work.dir, 'never.dump')], { DATABASE_URL: 'postgres://vigil:wrong@127.0.0.1:1/nothing' });
      expect(unreachable.status).toBe(1);
      expect(unreachable.stderr).toMatch(/^Backup failed: Cannot connect to the PostgreSQL database/);
      expect(unreachable.stderr).not.toContain('wrong');
    } finally {
      await source.drop();
      await target.drop();
    }
  });
});
