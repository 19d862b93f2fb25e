import { z } from 'zod';
import { requirePermission, type RequestContext } from '../../platform/auth/actor.ts';
import { appendAudit, type Db } from '../../platform/audit/audit-repository.ts';
import { NotFoundError, ReasonRequiredError, RestrictedRecordError, ValidationError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import * as repo from './repository.ts';

export const accessReason = z
  .string()
  .trim()
  .min(10, 'Give a reason of at least 10 characters for opening this restricted record')
  .max(500, 'Reason must be 500 characters or fewer');

const DEFAULT_RESTRICTED_CONTACT = 'the professional standards department';

/**
 * The need-to-know gate for restricted records. Users not named on the record learn
 * only that it exists and whom to contact; named users must give a reason, which is
 * audited with the view.
 */
export async function checkRestrictedAccess(
  db: Db,
  ctx: RequestContext,
  record: { type: string; id: string; restricted: boolean; contact: string | null },
  reason: string | undefined,
): Promise<string | undefined> {
  if (!record.restricted) return undefined;
  const named = await repo.isNamedOnRecord(db, record.type, record.id, ctx.actor.id);
  if (!named) {
    await appendAudit(db, {
      actorId: ctx.actor.id,
      actorUsername: ctx.actor.username,
      action: 'view-denied',
      recordType: record.type,
      recordId: record.id,
      details: { restricted: true },
      requestId: ctx.requestId,
    });
    throw new RestrictedRecordError(record.contact ?? DEFAULT_RESTRICTED_CONTACT);
  }
  if (reason === undefined) throw new ReasonRequiredError();
  const parsed = accessReason.safeParse(reason);
  if (!parsed.success) throw new ValidationError([{ field: 'reason', message: parsed.error.issues[0]?.message ?? 'Give a reason' }]);
  return parsed.data;
}

export async function listPeople(deps: Deps, ctx: RequestContext): Promise<repo.PersonListItem[]> {
  requirePermission(ctx.actor, 'people:read');
  return deps.db.transaction().execute(async (tx) => {
    const people = await repo.listPeople(tx, ctx.actor.id, 200);
    await appendAudit(tx, {
      actorId: ctx.actor.id,
      actorUsername: ctx.actor.username,
      action: 'search',
      recordType: 'person-list',
      details: { results: people.length },
      requestId: ctx.requestId,
    });
    return people;
  });
}

/**
 * Opens a person record. Restricted records need the user to be named on them and a
 * reason. The audit row is written in the same transaction as the read, and a denial is
 * audited too.
 */
export async function viewPerson(deps: Deps, ctx: RequestContext, id: string, reason?: string): Promise<repo.PersonRecord> {
  requirePermission(ctx.actor, 'people:read');
  const outcome = await deps.db.transaction().execute(async (tx) => {
    const person = await repo.getPerson(tx, id);
    if (!person) return { error: new NotFoundError('There is no person with that reference.') };
    try {
      const given = await checkRestrictedAccess(tx, ctx, { type: 'person', id, restricted: person.restricted, contact: person.restrictedContact }, reason);
      await appendAudit(tx, {
        actorId: ctx.actor.id,
        actorUsername: ctx.actor.username,
        action: 'view',
        recordType: 'person',
        recordId: id,
        ...(given ? { reason: given } : {}),
        requestId: ctx.requestId,
      });
      return { person };
    } catch (error) {
      // The denial's audit row must still be committed.
      return { error };
    }
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.person;
}
