import { sql } from 'kysely';
import type { ActorRecord } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/audit/audit-repository.ts';

export interface UserWithSecrets extends ActorRecord {
  passwordHash: string | null;
  active: boolean;
}

/** Roles and teams as arrays, aggregated in the same query as the user. */
function userColumns(db: Db) {
  return db
    .selectFrom('users as u')
    .select((eb) => [
      'u.id',
      'u.username',
      'u.display_name',
      'u.password_hash',
      'u.active',
      'u.is_service',
      eb
        .selectFrom('user_roles')
        .select(sql<string[]>`coalesce(array_agg(role order by role), '{}')`.as('roles'))
        .whereRef('user_roles.user_id', '=', 'u.id')
        .as('roles'),
      eb
        .selectFrom('user_teams')
        .select(sql<string[]>`coalesce(array_agg(team_code order by team_code), '{}')`.as('teams'))
        .whereRef('user_teams.user_id', '=', 'u.id')
        .as('teams'),
    ]);
}

type UserRow = {
  id: string;
  username: string;
  display_name: string;
  password_hash: string | null;
  active: boolean;
  is_service: boolean;
  roles: string[] | null;
  teams: string[] | null;
};

function toUser(row: UserRow): UserWithSecrets {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    active: row.active,
    isService: row.is_service,
    roles: row.roles ?? [],
    teams: row.teams ?? [],
  };
}

export async function findUserByUsername(db: Db, username: string): Promise<UserWithSecrets | undefined> {
  const row = await userColumns(db)
    .where(sql`lower(u.username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/** Users whose email matches, ignoring case (more than one means the match is ambiguous). */
export async function findUsersByEmail(db: Db, email: string): Promise<UserWithSecrets[]> {
  const rows = await userColumns(db).where(sql`lower(u.email)`, '=', email.toLowerCase()).limit(2).execute();
  return rows.map(toUser);
}

export async function findActiveUserById(db: Db, id: string): Promise<UserWithSecrets | undefined> {
  const row = await userColumns(db).where('u.id', '=', id).where('u.active', '=', true).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function recentSignInFailures(db: Db, username: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('sign_in_failures')
    .select(sql<number>`count(*)::int`.as('n'))
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function recordSignInFailure(db: Db, username: string, at: Date): Promise<void> {
  await db.insertInto('sign_in_failures').values({ username: username.toLowerCase(), at }).execute();
}

export async function clearSignInFailures(db: Db, username: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where(sql`lower(username)`, '=', username.toLowerCase()).execute();
}

export interface SessionRow {
  userId: string;
  csrfToken: string;
  lastSeenAt: Date;
  createdAt: Date;
}

export async function createSession(db: Db, idHash: string, userId: string, csrfToken: string, at: Date): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id_hash: idHash, user_id: userId, csrf_token: csrfToken, created_at: at, last_seen_at: at })
    .execute();
}

export async function findSession(db: Db, idHash: string): Promise<SessionRow | undefined> {
  const row = await db
    .selectFrom('sessions')
    .select(['user_id', 'csrf_token', 'last_seen_at', 'created_at'])
    .where('id_hash', '=', idHash)
    .executeTakeFirst();
  return row ? { userId: row.user_id, csrfToken: row.csrf_token, lastSeenAt: row.last_seen_at, createdAt: row.created_at } : undefined;
}

export async function touchSession(db: Db, idHash: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Ends every session of a user; returns how many there were. */
export async function deleteSessionsForUser(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function countSessionsForUser(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('sessions')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function deleteIdleSessions(db: Db, idleSince: Date): Promise<void> {
  await db.deleteFrom('sessions').where('last_seen_at', '<', idleSince).execute();
}

export async function insertApiToken(
  db: Db,
  token: { tokenHash: string; userId: string; label: string; kind: 'user' | 'service'; expiresAt: Date | null },
): Promise<string> {
  const row = await db
    .insertInto('api_tokens')
    .values({
      token_hash: token.tokenHash,
      user_id: token.userId,
      label: token.label,
      kind: token.kind,
      expires_at: token.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findLiveToken(db: Db, tokenHash: string, now: Date): Promise<{ userId: string } | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .select('user_id')
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
  return row ? { userId: row.user_id } : undefined;
}

export async function revokeTokensForUser(db: Db, userId: string, at: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}
