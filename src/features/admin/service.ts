import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { isRole, isTeam, ROLES, TEAMS } from '../../domain/access/roles.ts';
import { requirePermission, type RequestContext } from '../../platform/auth/actor.ts';
import { hashPassword, passwordProblem } from '../../platform/auth/passwords.ts';
import { hashSecret, newSecret } from '../../platform/auth/tokens.ts';
import { appendAudit } from '../../platform/audit/audit-repository.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { deleteSessionsForUser, insertApiToken, revokeTokensForUser } from '../auth/repository.ts';
import * as repo from './repository.ts';

/** A form checkbox group arrives as a string, an array or nothing. */
const listOf = (item: z.ZodType<string>) =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item));

const roleCode = z.string().refine(isRole, { message: 'Choose roles from the list' });
const teamCode = z.string().refine(isTeam, { message: 'Choose teams from the list' });

export const createUserInput = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9.-]{1,62}$/, 'Username must be 2 to 63 lower-case letters, numbers, dots or hyphens'),
  displayName: z.string().trim().min(1, 'Enter the name shown to other users').max(120, 'Name must be 120 characters or fewer'),
  email: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.email('Enter an email address in the correct format, like name@example.police.uk').optional()),
  roles: listOf(roleCode).pipe(z.array(z.string()).min(1, 'Choose at least one role')),
  teams: listOf(teamCode),
  isService: z.preprocess((v) => v === true || v === 'true' || v === 'yes', z.boolean()).default(false),
  password: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .superRefine((v, ctx) => {
      const problem = v === undefined ? undefined : passwordProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
});
export type CreateUserInput = z.infer<typeof createUserInput>;

export const updateUserInput = z.object({
  displayName: createUserInput.shape.displayName,
  email: createUserInput.shape.email,
  roles: createUserInput.shape.roles,
  teams: createUserInput.shape.teams,
  version: z.coerce.number().int().positive(),
});
export type UpdateUserInput = z.infer<typeof updateUserInput>;

export const ROLE_OPTIONS = ROLES;
export const TEAM_OPTIONS = TEAMS;

/** A readable one-time password: four groups of letters and digits. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

export async function listUsers(deps: Deps, ctx: RequestContext): Promise<repo.UserSummary[]> {
  requirePermission(ctx.actor, 'admin:users');
  return deps.db.transaction().execute(async (tx) => {
    const users = await repo.listUsers(tx);
    await appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action: 'view', recordType: 'user-list', requestId: ctx.requestId });
    return users;
  });
}

export async function getUser(deps: Deps, ctx: RequestContext, id: string): Promise<repo.UserSummary> {
  requirePermission(ctx.actor, 'admin:users');
  return deps.db.transaction().execute(async (tx) => {
    const user = await repo.getUser(tx, id);
    if (!user) throw new NotFoundError('There is no user with that reference.');
    await appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action: 'view', recordType: 'user', recordId: id, requestId: ctx.requestId });
    return user;
  });
}

export interface CreatedUser {
  user: repo.UserSummary;
  /** Set when Vigil generated the password: shown once, never stored in clear. */
  generatedPassword?: string;
}

export async function createUser(deps: Deps, ctx: RequestContext, input: CreateUserInput): Promise<CreatedUser> {
  requirePermission(ctx.actor, 'admin:users');
  const generatedPassword = input.isService || input.password ? undefined : generatePassword();
  const password = input.password ?? generatedPassword;
  const passwordHash = password ? await hashPassword(password) : null;
  return deps.db.transaction().execute(async (tx) => {
    if (await repo.usernameTaken(tx, input.username)) {
      throw new ValidationError([{ field: 'username', message: 'That username is already in use' }]);
    }
    const id = await repo.insertUser(tx, {
      username: input.username,
      displayName: input.displayName,
      email: input.email ?? null,
      passwordHash,
      isService: input.isService,
      isDemo: false,
      roles: input.roles,
      teams: input.teams,
    });
    await appendAudit(tx, {
      actorId: ctx.actor.id,
      actorUsername: ctx.actor.username,
      action: 'create',
      recordType: 'user',
      recordId: id,
      details: { roles: input.roles, teams: input.teams, isService: input.isService },
      requestId: ctx.requestId,
    });
    const user = (await repo.getUser(tx, id))!;
    return { user, ...(generatedPassword ? { generatedPassword } : {}) };
  });
}

export async function updateUser(deps: Deps, ctx: RequestContext, id: string, input: UpdateUserInput): Promise<repo.UserSummary> {
  requirePermission(ctx.actor, 'admin:users');
  return deps.db.transaction().execute(async (tx) => {
    const before = await repo.getUser(tx, id);
    if (!before) throw new NotFoundError('There is no user with that reference.');
    const saved = await repo.updateUserRow(tx, id, input.version, { displayName: input.displayName, email: input.email ?? null }, deps.clock.now());
    if (!saved) throw staleUser(before, input);
    await repo.replaceRolesAndTeams(tx, id, input.roles, input.teams);
    await appendAudit(tx, {
      actorId: ctx.actor.id,
      actorUsername: ctx.actor.username,
      action: 'update',
      recordType: 'user',
      recordId: id,
      details: { roles: { from: before.roles, to: input.roles }, teams: { from: before.teams, to: input.teams } },
      requestId: ctx.requestId,
    });
    return (await repo.getUser(tx, id))!;
  });
}

function staleUser(current: repo.UserSummary, input: UpdateUserInput): ConflictError {
  const changes: Array<{ field: string; yours: unknown; theirs: unknown }> = [];
  if (current.displayName !== input.displayName) changes.push({ field: 'displayName', yours: input.displayName, theirs: current.displayName });
  if ((current.email ?? undefined) !== input.email) changes.push({ field: 'email', yours: input.email ?? null, theirs: current.email });
  if (current.roles.join() !== [...input.roles].sort().join()) changes.push({ field: 'roles', yours: input.roles, theirs: current.roles });
  if (current.teams.join() !== [...input.teams].sort().join()) changes.push({ field: 'teams', yours: input.teams, theirs: current.teams });
  return new ConflictError('Someone else changed this user while you were editing. Check their changes and save again.', changes);
}

async function setActive(deps: Deps, ctx: RequestContext, id: string, active: boolean): Promise<repo.UserSummary> {
  requirePermission(ctx.actor, 'admin:users');
  return deps.db.transaction().execute(async (tx) => {
    const user = await repo.getUser(tx, id);
    if (!user) throw new NotFoundError('There is no user with that reference.');
    if (!active && user.id === ctx.actor.id) {
      throw new ValidationError([{ field: 'active', message: 'You cannot deactivate your own account' }]);
    }
    await repo.updateUserRow(tx, id, user.version, { active }, deps.clock.now());
    if (!active) {
      await deleteSessionsForUser(tx, id);
      await revokeTokensForUser(tx, id, deps.clock.now());
    }
    await appendAudit(tx, {
      actorId: ctx.actor.id,
      actorUsername: ctx.actor.username,
      action: 'update',
      recordType: 'user',
      recordId: id,
      details: { active },
      requestId: ctx.requestId,
    });
    return (await repo.getUser(tx, id))!;
  });
}

/**
 * Ends every session of a user (they must sign in again) without deactivating the
 * account or revoking API tokens. Returns how many sessions ended.
 */
export async function endUserSessions(deps: Deps, ctx: RequestContext, id: string): Promise<number> {
  requirePermission(ctx.actor, 'admin:users');
  return deps.db.transaction().execute(async (tx) => {
    const user = await repo.getUser(tx, id);
    if (!user) throw new NotFoundError('There is no user with that reference.');
    const ended = await deleteSessionsForUser(tx, id);
    await appendAudit(tx, {
      actorId: ctx.actor.id,
      actorUsername: ctx.actor.username,
      action: 'sign-out',
      recordType: 'user',
      recordId: id,
      details: { everywhere: true, sessionsEnded: ended, byAdministrator: true },
      requestId: ctx.requestId,
    });
    return ended;
  });
}

export const deactivateUser = (deps: Deps, ctx: RequestContext, id: string) => setActive(deps, ctx, id, false);
export const reactivateUser = (deps: Deps, ctx: RequestContext, id: string) => setActive(deps, ctx, id, true);

/** Sets a new one-time password, signs the user out everywhere and returns the password to pass on. */
export async function resetPassword(deps: Deps, ctx: RequestContext, id: string): Promise<string> {
  requirePermission(ctx.actor, 'admin:users');
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await deps.db.transaction().execute(async (tx) => {
    const user = await repo.getUser(tx, id);
    if (!user) throw new NotFoundError('There is no user with that reference.');
    if (user.isService) throw new ValidationError([{ field: 'password', message: 'Service accounts sign in with tokens, not passwords' }]);
    await repo.updateUserRow(tx, id, user.version, { passwordHash }, deps.clock.now());
    await deleteSessionsForUser(tx, id);
    await appendAudit(tx, {
      actorId: ctx.actor.id,
      actorUsername: ctx.actor.username,
      action: 'update',
      recordType: 'user',
      recordId: id,
      details: { passwordReset: true },
      requestId: ctx.requestId,
    });
  });
  return password;
}

export const serviceTokenInput = z.object({
  label: z.string().trim().min(1, 'Enter what the token is for').max(100, 'Label must be 100 characters or fewer'),
  expiresInDays: z.coerce.number().int().min(1, 'Expiry must be at least 1 day').max(730, 'Expiry must be 730 days or fewer').default(365),
});

/** Issues a bearer token for a service account. The token is shown once. */
export async function issueServiceToken(
  deps: Deps,
  ctx: RequestContext,
  userId: string,
  input: z.infer<typeof serviceTokenInput>,
): Promise<{ token: string; expiresAt: Date }> {
  requirePermission(ctx.actor, 'admin:users');
  const token = newSecret();
  const expiresAt = new Date(deps.clock.now().getTime() + input.expiresInDays * 86_400_000);
  await deps.db.transaction().execute(async (tx) => {
    const user = await repo.getUser(tx, userId);
    if (!user) throw new NotFoundError('There is no user with that reference.');
    if (!user.isService) throw new ValidationError([{ field: 'label', message: 'Service tokens can only be issued to service accounts' }]);
    if (!user.active) throw new ValidationError([{ field: 'label', message: 'This service account is deactivated' }]);
    const tokenId = await insertApiToken(tx, { tokenHash: hashSecret(token), userId, label: input.label, kind: 'service', expiresAt });
    await appendAudit(tx, {
      actorId: ctx.actor.id,
      actorUsername: ctx.actor.username,
      action: 'token-issued',
      recordType: 'api-token',
      recordId: tokenId,
      details: { serviceAccount: userId, label: input.label },
      requestId: ctx.requestId,
    });
  });
  return { token, expiresAt };
}
