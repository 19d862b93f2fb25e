import { permissionsFor, type Permission } from '../../domain/access/roles.ts';
import { ForbiddenError } from '../errors.ts';

/** Who is acting: a signed-in user or a service account. Passed to every service call. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  teams: string[];
  isService: boolean;
  permissions: ReadonlySet<Permission>;
}

export interface ActorRecord {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  teams: string[];
  isService: boolean;
}

export function toActor(record: ActorRecord): Actor {
  return { ...record, permissions: permissionsFor(record.roles) };
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

/** The first line of every service: refuse unless the actor holds the permission. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new ForbiddenError();
}

/** Panel members only ever see redacted data. */
export function isPanelOnly(actor: Actor): boolean {
  return actor.permissions.has('panel:review') && actor.permissions.size === 1;
}

/** Context for one request: who, and a reference to correlate audit rows and logs. */
export interface RequestContext {
  actor: Actor;
  requestId: string;
}
