import { sql } from 'kysely';
import type { Db } from '../../platform/audit/audit-repository.ts';

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  active: boolean;
  isService: boolean;
  isDemo: boolean;
  roles: string[];
  teams: string[];
  version: number;
  updatedAt: Date;
}

function selectUsers(db: Db) {
  return db.selectFrom('users as u').select((eb) => [
    'u.id',
    'u.username',
    'u.display_name',
    'u.email',
    'u.active',
    'u.is_service',
    'u.is_demo',
    'u.version',
    'u.updated_at',
    eb
      .selectFrom('user_roles')
      .select(sql<string[]>`coalesce(array_agg(role order by role), '{}')`.as('r'))
      .whereRef('user_roles.user_id', '=', 'u.id')
      .as('roles'),
    eb
      .selectFrom('user_teams')
      .select(sql<string[]>`coalesce(array_agg(team_code order by team_code), '{}')`.as('t'))
      .whereRef('user_teams.user_id', '=', 'u.id')
      .as('teams'),
  ]);
}

type Row = {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  active: boolean;
  is_service: boolean;
  is_demo: boolean;
  version: number;
  updated_at: Date;
  roles: string[] | null;
  teams: string[] | null;
};

function toSummary(r: Row): UserSummary {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    email: r.email,
    active: r.active,
    isService: r.is_service,
    isDemo: r.is_demo,
    roles: r.roles ?? [],
    teams: r.teams ?? [],
    version: r.version,
    updatedAt: r.updated_at,
  };
}

export async function listUsers(db: Db): Promise<UserSummary[]> {
  const rows = await selectUsers(db).orderBy('u.active', 'desc').orderBy('u.username').execute();
  return rows.map(toSummary);
}

export async function getUser(db: Db, id: string): Promise<UserSummary | undefined> {
  const row = await selectUsers(db).where('u.id', '=', id).executeTakeFirst();
  return row ? toSummary(row) : undefined;
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  return !!row;
}

export interface NewUser {
  username: string;
  displayName: string;
  email: string | null;
  passwordHash: string | null;
  isService: boolean;
  isDemo: boolean;
  roles: string[];
  teams: string[];
}

export async function insertUser(db: Db, user: NewUser): Promise<string> {
  const { id } = await db
    .insertInto('users')
    .values({
      username: user.username,
      display_name: user.displayName,
      email: user.email,
      password_hash: user.passwordHash,
      is_service: user.isService,
      is_demo: user.isDemo,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceRolesAndTeams(db, id, user.roles, user.teams);
  return id;
}

export async function replaceRolesAndTeams(db: Db, userId: string, roles: string[], teams: string[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  await db.deleteFrom('user_teams').where('user_id', '=', userId).execute();
  if (roles.length) await db.insertInto('user_roles').values(roles.map((role) => ({ user_id: userId, role }))).execute();
  if (teams.length) await db.insertInto('user_teams').values(teams.map((team_code) => ({ user_id: userId, team_code }))).execute();
}

/** Updates the user's own row when the version still matches; returns false when someone else saved first. */
export async function updateUserRow(
  db: Db,
  id: string,
  expectedVersion: number,
  changes: { displayName?: string; email?: string | null; active?: boolean; passwordHash?: string },
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.email !== undefined ? { email: changes.email } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
      ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
      updated_at: at,
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
