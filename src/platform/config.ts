import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** postgres://… when running on a PostgreSQL server. */
  databaseUrl?: string;
  /** Folder of the embedded database when no DATABASE_URL is set. */
  dataDir: string;
  /** Demo mode loads demo users and data. On by default for the embedded database. */
  demo: boolean;
  demoPassword?: string;
  sessionIdleMinutes: number;
  /** Always mark the session cookie Secure (otherwise only when the request came over TLS). */
  cookieSecure: boolean;
  /** Trust X-Forwarded-* from a reverse proxy. */
  trustProxy: boolean;
  logLevel: string;
  /** Seed for the deterministic demo data. */
  demoSeed: number;
}

export class ConfigError extends Error {}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

function boolFrom(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false.`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://.');
  }
  return {
    port: intFrom(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    demo: boolFrom(env, 'VIGIL_DEMO', !databaseUrl),
    demoPassword: env.VIGIL_DEMO_PASSWORD || undefined,
    sessionIdleMinutes: intFrom(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    cookieSecure: boolFrom(env, 'COOKIE_SECURE', false),
    trustProxy: boolFrom(env, 'TRUST_PROXY', false),
    logLevel: env.LOG_LEVEL || 'info',
    demoSeed: intFrom(env, 'VIGIL_DEMO_SEED', 20261125, 0, 2 ** 31 - 1),
  };
}
