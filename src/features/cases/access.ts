import type { RequestContext } from '../../platform/auth/actor.ts';
import { appendAudit, type Db } from '../../platform/audit/audit-repository.ts';
import { NotFoundError, RestrictedRecordError } from '../../platform/errors.ts';
import { DEFAULT_RESTRICTED_CONTACT } from '../people/labels.ts';
import { isNamedOnRecord } from '../people/repository.ts';
import { checkRestrictedAccess } from '../people/service.ts';
import { getCase, type CaseRecord } from './repository.ts';

/**
 * Opens a case for reading. A restricted case opens only for users named on it, who must
 * give a reason (audited with the view); anyone else learns only whom to contact, and the
 * refusal is audited.
 */
export async function caseForRead(tx: Db, ctx: RequestContext, caseId: string, reason: string | undefined): Promise<{ record: CaseRecord; reason: string | undefined }> {
  const record = await getCase(tx, caseId);
  if (!record) throw new NotFoundError('There is no case with that reference.');
  const given = await checkRestrictedAccess(tx, ctx, { type: 'case', id: record.id, restricted: record.restricted, contact: record.restrictedContact }, reason);
  return { record, reason: given };
}

/**
 * Opens a case for a change. A restricted case opens only for users named on it (the
 * change carries its own reason); a refusal is audited with the area that was refused.
 */
export async function caseForChange(tx: Db, ctx: RequestContext, caseId: string, area: string): Promise<CaseRecord> {
  const record = await getCase(tx, caseId);
  if (!record) throw new NotFoundError('There is no case with that reference.');
  if (record.restricted && !(await isNamedOnRecord(tx, 'case', record.id, ctx.actor.id))) {
    await appendAudit(tx, {
      actorId: ctx.actor.id,
      actorUsername: ctx.actor.username,
      action: 'view-denied',
      recordType: 'case',
      recordId: record.id,
      details: { restricted: true, area },
      requestId: ctx.requestId,
    });
    throw new RestrictedRecordError(record.restrictedContact ?? DEFAULT_RESTRICTED_CONTACT);
  }
  return record;
}
