import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** postgres://… when running on a PostgreSQL server. */
  databaseUrl?: string;
  /** Folder of the embedded database when no DATABASE_URL is set. */
  dataDir: string;
  /** PostgreSQL: connections in the pool, and how long a request may wait for one. */
  databasePoolSize: number;
  databasePoolWaitSeconds: number;
  /** Demo mode loads demo users and data. On by default for the embedded database. */
  demo: boolean;
  demoPassword?: string;
  sessionIdleMinutes: number;
  /** Sign users out this long after sign-in, however active they have been. */
  sessionAbsoluteHours: number;
  /** Always mark the session cookie Secure (otherwise only when the request came over TLS). */
  cookieSecure: boolean;
  /** Trust X-Forwarded-* from a reverse proxy. */
  trustProxy: boolean;
  logLevel: string;
  /** Seed for the deterministic demo data. */
  demoSeed: number;
  /** Set when OIDC_* is configured. */
  oidc?: OidcConfig;
}

/** Optional sign-in through the force's OpenID Connect provider. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  /** Shown on the sign-in button: "Sign in with …". */
  providerName: string;
  /** The claim that identifies a Vigil user: 'email' is matched to the user's email, any other claim to the username. */
  matchClaim: string;
}

export class ConfigError extends Error {}

const OIDC_REQUIRED = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL'] as const;

function oidcFrom(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const set = OIDC_REQUIRED.filter((name) => env[name]);
  if (set.length === 0) return undefined;
  const missing = OIDC_REQUIRED.filter((name) => !env[name]);
  if (missing.length > 0) throw new ConfigError(`OpenID Connect sign-in needs ${missing.join(', ')} as well as ${set.join(', ')}.`);
  for (const name of ['OIDC_ISSUER', 'OIDC_REDIRECT_URL'] as const) {
    let url: URL;
    try {
      url = new URL(env[name]!);
    } catch {
      throw new ConfigError(`${name} must be a URL.`);
    }
    const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) throw new ConfigError(`${name} must use https (http only for localhost).`);
  }
  return {
    issuer: env.OIDC_ISSUER!,
    clientId: env.OIDC_CLIENT_ID!,
    clientSecret: env.OIDC_CLIENT_SECRET!,
    redirectUrl: env.OIDC_REDIRECT_URL!,
    providerName: env.OIDC_PROVIDER_NAME || 'your force account',
    matchClaim: env.OIDC_MATCH_CLAIM || 'email',
  };
}

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
    databasePoolSize: intFrom(env, 'DATABASE_POOL_SIZE', 10, 1, 500),
    databasePoolWaitSeconds: intFrom(env, 'DATABASE_POOL_WAIT_SECONDS', 30, 1, 600),
    demo: boolFrom(env, 'VIGIL_DEMO', !databaseUrl),
    demoPassword: env.VIGIL_DEMO_PASSWORD || undefined,
    sessionIdleMinutes: intFrom(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: intFrom(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 7 * 24),
    cookieSecure: boolFrom(env, 'COOKIE_SECURE', false),
    trustProxy: boolFrom(env, 'TRUST_PROXY', false),
    logLevel: env.LOG_LEVEL || 'info',
    demoSeed: intFrom(env, 'VIGIL_DEMO_SEED', 20261125, 0, 2 ** 31 - 1),
    oidc: oidcFrom(env),
  };
}
