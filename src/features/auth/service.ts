import { toActor, type Actor } from '../../platform/auth/actor.ts';
import { decoyPasswordHash, verifyPassword } from '../../platform/auth/passwords.ts';
import { hashSecret, newSecret } from '../../platform/auth/tokens.ts';
import { appendAudit } from '../../platform/audit/audit-repository.ts';
import type { IdTokenClaims } from '../../platform/auth/oidc.ts';
import { TooManyRequestsError, UnauthenticatedError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import * as repo from './repository.ts';

export const SIGN_IN_FAILURE_LIMIT = 5;
export const SIGN_IN_WINDOW_MINUTES = 15;
const USER_TOKEN_HOURS = 12;
/** Sessions are touched at most this often, so reading a page is not always a write. */
const TOUCH_INTERVAL_MS = 60_000;

export const GENERIC_SIGN_IN_FAILURE = 'The username or password is not correct.';
export const THROTTLED_MESSAGE = `Too many failed sign-in attempts. Wait ${SIGN_IN_WINDOW_MINUTES} minutes and try again, or ask an administrator to reset your password.`;

/**
 * Checks a username and password. Failures are audited and counted; after
 * SIGN_IN_FAILURE_LIMIT failures in the window the account is throttled whether or
 * not it exists, so nothing reveals which usernames are real.
 */
async function authenticate(deps: Deps, username: string, password: string, requestId: string, channel: string): Promise<Actor> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MINUTES * 60_000);
  const name = username.trim();
  // Failures are recorded and committed before the error is raised.
  const outcome = await deps.db.transaction().execute(async (tx): Promise<Actor | 'failed' | 'throttled'> => {
    const failures = await repo.recentSignInFailures(tx, name, since);
    const user = await repo.findUserByUsername(tx, name);
    if (failures >= SIGN_IN_FAILURE_LIMIT) {
      await appendAudit(tx, {
        actorId: user?.id ?? null,
        actorUsername: name.slice(0, 100),
        action: 'sign-in-failed',
        details: { channel, throttled: true },
        requestId,
      });
      return 'throttled';
    }
    const hash = user?.active && user.passwordHash ? user.passwordHash : await decoyPasswordHash();
    const ok = (await verifyPassword(hash, password)) && !!user?.active && !!user.passwordHash;
    if (!ok || !user) {
      await repo.recordSignInFailure(tx, name.slice(0, 100), now);
      await appendAudit(tx, {
        actorId: user?.id ?? null,
        actorUsername: name.slice(0, 100),
        action: 'sign-in-failed',
        details: { channel },
        requestId,
      });
      return 'failed';
    }
    await repo.clearSignInFailures(tx, name);
    return toActor(user);
  });
  if (outcome === 'throttled') throw new TooManyRequestsError(THROTTLED_MESSAGE);
  if (outcome === 'failed') throw new UnauthenticatedError(GENERIC_SIGN_IN_FAILURE);
  return outcome;
}

export interface NewSession {
  actor: Actor;
  /** Goes in the cookie; only its hash is stored. */
  sessionSecret: string;
  csrfToken: string;
}

export async function signIn(deps: Deps, username: string, password: string, requestId: string): Promise<NewSession> {
  const actor = await authenticate(deps, username, password, requestId, 'web');
  const sessionSecret = newSecret();
  const csrfToken = newSecret();
  await deps.db.transaction().execute(async (tx) => {
    await repo.createSession(tx, hashSecret(sessionSecret), actor.id, csrfToken, deps.clock.now());
    await appendAudit(tx, { actorId: actor.id, actorUsername: actor.username, action: 'sign-in', details: { channel: 'web' }, requestId });
  });
  return { actor, sessionSecret, csrfToken };
}

export const OIDC_NO_ACCOUNT = 'You signed in with your force account, but it is not linked to a Vigil account. Ask a Vigil administrator to add you, with the same email address.';

/**
 * Signs in a user the force's OpenID Connect provider has vouched for. The claims are
 * already verified (src/platform/auth/oidc.ts); this maps them to an existing, active,
 * non-service Vigil account (by email, or by the configured claim against the username).
 * Accounts are never created here: roles and teams stay in Vigil. Failures are audited.
 */
export async function signInWithOidc(deps: Deps, claims: IdTokenClaims, requestId: string): Promise<NewSession> {
  const matchClaim = deps.config.oidc?.matchClaim ?? 'email';
  const value = claims[matchClaim];
  const outcome = await deps.db.transaction().execute(async (tx): Promise<Actor | string> => {
    let user: repo.UserWithSecrets | undefined;
    let problem: string | undefined;
    if (typeof value !== 'string' || value === '') problem = 'claim-missing';
    else if (matchClaim === 'email' && claims.email_verified === false) problem = 'email-not-verified';
    else if (matchClaim === 'email') {
      const found = await repo.findUsersByEmail(tx, value);
      if (found.length > 1) problem = 'email-ambiguous';
      user = found[0];
    } else user = await repo.findUserByUsername(tx, value);
    if (!problem && (!user || !user.active || user.isService)) problem = 'no-account';
    if (problem || !user) {
      await appendAudit(tx, {
        actorId: user?.id ?? null,
        actorUsername: (typeof value === 'string' ? value : claims.sub).slice(0, 100),
        action: 'sign-in-failed',
        details: { channel: 'oidc', problem, subject: claims.sub },
        requestId,
      });
      return problem ?? 'no-account';
    }
    return toActor(user);
  });
  if (typeof outcome === 'string') throw new UnauthenticatedError(OIDC_NO_ACCOUNT);
  const sessionSecret = newSecret();
  const csrfToken = newSecret();
  await deps.db.transaction().execute(async (tx) => {
    await repo.createSession(tx, hashSecret(sessionSecret), outcome.id, csrfToken, deps.clock.now());
    await appendAudit(tx, { actorId: outcome.id, actorUsername: outcome.username, action: 'sign-in', details: { channel: 'oidc', subject: claims.sub }, requestId });
  });
  return { actor: outcome, sessionSecret, csrfToken };
}

/** Records a sign-in through the provider that failed before Vigil had verified claims (bad state, bad token). */
export async function recordOidcFailure(deps: Deps, code: string, requestId: string): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    await appendAudit(tx, { actorId: null, actorUsername: null, action: 'sign-in-failed', details: { channel: 'oidc', problem: code }, requestId });
  });
}

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
}

/**
 * The user behind a session cookie, or undefined when it is unknown, idle too long
 * (SESSION_IDLE_MINUTES), older than the absolute limit (SESSION_ABSOLUTE_HOURS, however
 * active) or the user is deactivated.
 */
export async function resolveSession(deps: Deps, sessionSecret: string): Promise<ResolvedSession | undefined> {
  const idHash = hashSecret(sessionSecret);
  const now = deps.clock.now();
  const session = await repo.findSession(deps.db, idHash);
  if (!session) return undefined;
  const idleMs = deps.config.sessionIdleMinutes * 60_000;
  const absoluteMs = deps.config.sessionAbsoluteHours * 3_600_000;
  if (now.getTime() - session.lastSeenAt.getTime() > idleMs || now.getTime() - session.createdAt.getTime() > absoluteMs) {
    await repo.deleteSession(deps.db, idHash);
    return undefined;
  }
  const user = await repo.findActiveUserById(deps.db, session.userId);
  if (!user || user.isService) {
    await repo.deleteSession(deps.db, idHash);
    return undefined;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await repo.touchSession(deps.db, idHash, now);
  return { actor: toActor(user), csrfToken: session.csrfToken };
}

export async function signOut(deps: Deps, sessionSecret: string, actor: Actor, requestId: string): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    await repo.deleteSession(tx, hashSecret(sessionSecret));
    await appendAudit(tx, { actorId: actor.id, actorUsername: actor.username, action: 'sign-out', requestId });
  });
}

/**
 * "Sign out everywhere": ends every session of the signed-in user, this one included.
 * API tokens are left alone (they have their own expiry; an administrator revokes them
 * by deactivating the account).
 */
export async function signOutEverywhere(deps: Deps, actor: Actor, requestId: string): Promise<number> {
  return deps.db.transaction().execute(async (tx) => {
    const ended = await repo.deleteSessionsForUser(tx, actor.id);
    await appendAudit(tx, {
      actorId: actor.id,
      actorUsername: actor.username,
      action: 'sign-out',
      recordType: 'user',
      recordId: actor.id,
      details: { everywhere: true, sessionsEnded: ended },
      requestId,
    });
    return ended;
  });
}

export interface AccountSummary {
  activeSessions: number;
  idleMinutes: number;
  absoluteHours: number;
}

/** What the account page shows about the signed-in user's own sessions. */
export async function accountSummary(deps: Deps, actor: Actor): Promise<AccountSummary> {
  const activeSessions = await repo.countSessionsForUser(deps.db, actor.id);
  return { activeSessions, idleMinutes: deps.config.sessionIdleMinutes, absoluteHours: deps.config.sessionAbsoluteHours };
}

export interface IssuedToken {
  token: string;
  tokenType: 'Bearer';
  expiresAt: Date;
}

/** POST /api/v1/auth/token: a bearer token for a user, valid for USER_TOKEN_HOURS. */
export async function issueUserToken(deps: Deps, username: string, password: string, requestId: string): Promise<IssuedToken> {
  const actor = await authenticate(deps, username, password, requestId, 'api');
  const token = newSecret();
  const expiresAt = new Date(deps.clock.now().getTime() + USER_TOKEN_HOURS * 3_600_000);
  await deps.db.transaction().execute(async (tx) => {
    const id = await repo.insertApiToken(tx, { tokenHash: hashSecret(token), userId: actor.id, label: 'API sign-in', kind: 'user', expiresAt });
    await appendAudit(tx, { actorId: actor.id, actorUsername: actor.username, action: 'token-issued', recordType: 'api-token', recordId: id, requestId });
  });
  return { token, tokenType: 'Bearer', expiresAt };
}

export async function resolveBearerToken(deps: Deps, token: string): Promise<Actor | undefined> {
  const found = await repo.findLiveToken(deps.db, hashSecret(token), deps.clock.now());
  if (!found) return undefined;
  const user = await repo.findActiveUserById(deps.db, found.userId);
  return user ? toActor(user) : undefined;
}
