/**
 * "Consider an SPO in every stalking case" (004): a consideration task for the SCU when a
 * case is first recorded as stalking. Runs inside the caller's transaction (the report
 * submission); kept apart from the orders service so intake can call it without a cycle.
 */
import { westYorkshireOrdersPolicy } from '../../domain/orders/index.ts';
import type { RequestContext } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/audit/audit-repository.ts';
import { insertTasks } from '../tasks/repository.ts';
import { hasTaskOfType } from './repository.ts';

const DAY = 86_400_000;

export async function considerSpo(tx: Db, ctx: RequestContext, input: { caseId: string; offences: ReadonlyArray<string | null | undefined>; now: Date }): Promise<string | undefined> {
  const policy = westYorkshireOrdersPolicy;
  if (!input.offences.some((o) => !!o && policy.stalkingOffences.includes(o))) return undefined;
  if (await hasTaskOfType(tx, input.caseId, 'spo-consideration')) return undefined;
  const [id] = await insertTasks(tx, [
    {
      type: 'spo-consideration',
      title: 'Consider a Stalking Protection Order (refer to the SCU on form SPOR1, or record why not)',
      caseId: input.caseId,
      ownerTeam: policy.scuTeam,
      dueAt: new Date(input.now.getTime() + policy.spoConsiderationWithinDays * DAY),
      details: { policy: 'Consider an SPO in every stalking case (004)' },
      createdBy: ctx.actor.id,
    },
  ]);
  return id;
}
