/**
 * What `npm run backup` and `npm run restore` share: recognising a backup file, finding
 * the PostgreSQL client tools, passing credentials to them without putting the password
 * on the command line, noticing an embedded database that is still open, and counting
 * what a database holds so that both commands can say what they did.
 */
import { spawn } from 'node:child_process';
import { constants, accessSync, closeSync, existsSync, openSync, readdirSync, readlinkSync, readSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/platform/db/schema.ts';

/** A problem the operator can fix: printed as one line, exit status 1, no stack trace. */
export class BackupError extends Error {}

export type BackupFormat = 'pglite' | 'postgres';

const GZIP_MAGIC = [0x1f, 0x8b];
const PG_CUSTOM_MAGIC = 'PGDMP';

/** Which kind of backup a file holds, from its first bytes. */
export function backupFormatOf(file: string): BackupFormat {
  if (!existsSync(file)) throw new BackupError(`There is no file ${file}.`);
  const head = Buffer.alloc(8);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (read >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]) return 'pglite';
  if (read >= 5 && head.subarray(0, 5).toString('latin1') === PG_CUSTOM_MAGIC) return 'postgres';
  throw new BackupError(`${file} is not a Vigil backup (neither an embedded database archive nor a pg_dump custom-format file).`);
}

/** The full path of a program on PATH, or undefined. */
export function findOnPath(program: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function requireTool(program: 'pg_dump' | 'pg_restore'): string {
  const found = findOnPath(program);
  if (!found) {
    throw new BackupError(
      `${program} was not found on PATH. Install the PostgreSQL client tools at least as new as the server (Debian: apt-get install postgresql-client).`,
    );
  }
  return found;
}

/**
 * Connection settings for pg_dump and pg_restore. The password goes in PGPASSWORD, not on
 * the command line, where any local user could read it in the process list.
 */
export function libpqConnection(databaseUrl: string): { dbname: string; env: Record<string, string> } {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new BackupError('DATABASE_URL is not a valid postgres:// address.');
  }
  const env: Record<string, string> = {};
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  url.password = '';
  return { dbname: url.toString(), env };
}

/** The database name and host of a URL, for messages (never the password). */
export function describeUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `PostgreSQL database ${decodeURIComponent(url.pathname.slice(1)) || '(default)'} on ${url.hostname}${url.port ? `:${url.port}` : ''}`;
  } catch {
    return 'PostgreSQL database';
  }
}

/** The major version printed by `pg_dump --version` or `pg_restore --version`. */
export async function toolMajorVersion(tool: string): Promise<number> {
  const { stdout } = await run(tool, ['--version'], {}, () => undefined);
  const match = /(\d+)(?:\.\d+)?/.exec(stdout);
  return match ? Number(match[1]) : 0;
}

/**
 * Runs a program, handing each line it writes to stderr to `onLine`, and resolves with
 * its output; rejects with the last lines of stderr when it fails.
 */
export function run(
  program: string,
  args: string[],
  env: Record<string, string>,
  onLine: (line: string) => void,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let partial = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString();
      stderr += chunk.toString();
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
    child.on('error', (error) => reject(new BackupError(`Cannot run ${path.basename(program)}: ${error.message}`)));
    child.on('close', (code) => {
      if (partial) onLine(partial);
      if (code === 0) return resolve({ stdout, stderr });
      const tail = stderr
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !/^\S+: (?:last built-in OID|reading|identifying|creating|processing|dumping|saving|executing|finding|flagging|launching|connecting)/.test(l))
        .slice(-3)
        .join(' | ');
      reject(new BackupError(`${path.basename(program)} failed (exit ${code})${tail ? `: ${tail}` : ''}`));
    });
  });
}

/**
 * Processes (other than this one) that hold files open inside an embedded database
 * folder: a Vigil still running on it. Linux only (reads /proc); elsewhere returns
 * undefined, meaning "cannot tell".
 */
export function processesUsing(dir: string): number[] | undefined {
  if (process.platform !== 'linux' || !existsSync('/proc/self/fd')) return undefined;
  const root = path.resolve(dir) + path.sep;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${entry}/fd/${fd}`).startsWith(root)) {
          found.push(Number(entry));
          break;
        }
      } catch {
        // the process or descriptor went away
      }
    }
  }
  return found;
}

/**
 * Refuses to touch an embedded database that another process has open: two PGlite
 * engines on one folder corrupt it. A postmaster.pid left by a crash is harmless
 * (PGlite recovers on open); one we cannot check is refused.
 */
export function assertNotInUse(dir: string, action: string): void {
  const users = processesUsing(dir);
  if (users && users.length > 0) {
    throw new BackupError(`The embedded database in ${dir} is open in process ${users.join(', ')} (is Vigil running?). Stop Vigil, then ${action}.`);
  }
  if (users === undefined && existsSync(path.join(dir, 'postmaster.pid'))) {
    throw new BackupError(`The embedded database in ${dir} looks open (postmaster.pid is present). Stop Vigil, then ${action}.`);
  }
}

export function isNonEmptyDirectory(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).length > 0;
}

export interface Contents {
  users: number;
  people: number;
  auditEntries: number;
  migrations: number;
}

/** How many users, people, audit entries and applied migrations a Vigil database holds. */
export async function contentsOf(db: Kysely<Database>): Promise<Contents> {
  const count = async (table: string): Promise<number> => {
    const exists = await sql<{ found: string | null }>`select to_regclass(${`public.${table}`})::text as found`.execute(db);
    if (!exists.rows[0]?.found) return 0;
    const result = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    return Number(result.rows[0]?.n ?? 0);
  };
  return {
    users: await count('users'),
    people: await count('people'),
    auditEntries: await count('audit_log'),
    migrations: await count('kysely_migration'),
  };
}

export function describeContents(c: Contents): string {
  return `${c.users} users, ${c.people} people, ${c.auditEntries} audit entries, ${c.migrations} migrations`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** Runs a command's main function: one-line errors and exit status 1 on failure. */
export function runCommand(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      if (error instanceof BackupError) console.error(`${name} failed: ${error.message}`);
      else console.error(`${name} failed:`, error);
      process.exit(1);
    },
  );
}
