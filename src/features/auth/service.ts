import { toActor, type Actor } from '../../platform/auth/actor.ts';
import { decoyPasswordHash, verifyPassword } from '../../platform/auth/passwords.ts';
import { hashSecret, newSecret } from '../../platform/auth/tokens.ts';
import { appendAudit } from '../../platform/audit/audit-repository.ts';
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

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
}

/** The user behind a session cookie, or undefined when it is unknown, idle too long or the user is deactivated. */
export async function resolveSession(deps: Deps, sessionSecret: string): Promise<ResolvedSession | undefined> {
  const idHash = hashSecret(sessionSecret);
  const now = deps.clock.now();
  const session = await repo.findSession(deps.db, idHash);
  if (!session) return undefined;
  const idleMs = deps.config.sessionIdleMinutes * 60_000;
  if (now.getTime() - session.lastSeenAt.getTime() > idleMs) {
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
