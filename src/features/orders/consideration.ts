/**
 * "Consider an SPO in every stalking case" (004): a consideration task for the SCU when a
 * case is first recorded as stalking, whether the report starts as stalking or the case is
 * reclassified to stalking later (a crime decision or a confirmed reclassification). Runs
 * inside the caller's transaction; kept apart from the orders service so intake and cases
 * can call it without a cycle. One rule, used by every caller: no second task while one is
 * open or done, or once an SPO has been referred on the case.
 */
import { dueInstant, londonDateOf } from '../../domain/calendar/index.ts';
import { spoConsiderationDue, westYorkshireOrdersPolicy } from '../../domain/orders/index.ts';
import type { RequestContext } from '../../platform/auth/actor.ts';
import { appendAudit, type Db } from '../../platform/audit/audit-repository.ts';
import { insertTasks } from '../tasks/repository.ts';
import { spoConsidered } from './repository.ts';

export async function considerSpo(
  tx: Db,
  ctx: RequestContext,
  input: { caseId: string; offences: ReadonlyArray<string | null | undefined>; now: Date; trigger?: 'report' | 'reclassified' },
): Promise<string | undefined> {
  const policy = westYorkshireOrdersPolicy;
  if (!input.offences.some((o) => !!o && policy.stalkingOffences.includes(o))) return undefined;
  if (await spoConsidered(tx, input.caseId)) return undefined;
  const trigger = input.trigger ?? 'report';
  const [id] = await insertTasks(tx, [
    {
      type: 'spo-consideration',
      title:
        trigger === 'reclassified'
          ? 'The case is now recorded as stalking: consider a Stalking Protection Order (refer to the SCU on form SPOR1, or record why not)'
          : 'Consider a Stalking Protection Order (refer to the SCU on form SPOR1, or record why not)',
      caseId: input.caseId,
      ownerTeam: policy.scuTeam,
      dueAt: dueInstant(spoConsiderationDue(londonDateOf(input.now), policy)),
      details: { policy: 'Consider an SPO in every stalking case (004)', trigger },
      createdBy: ctx.actor.id,
    },
  ]);
  if (trigger === 'reclassified') {
    await appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action: 'create', recordType: 'task', recordId: id!, details: { type: 'spo-consideration', caseId: input.caseId, trigger }, requestId: ctx.requestId });
  }
  return id;
}

/** The hook for a classification change: call it after the case's classification is set (it does nothing unless the case is now stalking). */
export function considerSpoOnReclassification(tx: Db, ctx: RequestContext, input: { caseId: string; offence: string | null; alsoRecord: readonly string[]; now: Date }): Promise<string | undefined> {
  return considerSpo(tx, ctx, { caseId: input.caseId, offences: [input.offence, ...input.alsoRecord], now: input.now, trigger: 'reclassified' });
}
