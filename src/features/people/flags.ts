import { z } from 'zod';
import { isTeam } from '../../domain/access/roles.ts';
import { compareLocalDates, endOfLondonDay, flagReviewDue, formatLocalDate, isLocalDate, londonDateOf, proposeFlagReview, todayInLondon, type FlagReviewProposal } from '../../domain/calendar/index.ts';
import { requirePermission, type RequestContext } from '../../platform/auth/actor.ts';
import { appendAudit, type Db } from '../../platform/audit/audit-repository.ts';
import { ConflictError, NotFoundError, RestrictedRecordError, ValidationError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { insertTasks } from '../tasks/repository.ts';
import * as history from './history-repository.ts';
import { toFlagView, type FlagView } from './history.ts';
import { DEFAULT_RESTRICTED_CONTACT, FLAG_TYPES, flagTypeLabel } from './labels.ts';
import * as repo from './repository.ts';

/** The team that reviews flags before they expire (DOMAIN.md §11: the stalking coordination unit). */
export const FLAG_REVIEW_TEAM = 'scu';
export const FLAG_REVIEW_TASK = 'flag-review';
export const NOTIFY_IF_TASK = 'notify-if-flag';

const flagTypeCodes = FLAG_TYPES.map((t) => t.code) as [string, ...string[]];
const date = (message: string) => z.preprocess((v) => (v === '' ? undefined : v), z.string({ message }).refine(isLocalDate, message));
const optionalDate = (message: string) => z.preprocess((v) => (v === '' ? undefined : v), z.string({ message }).refine(isLocalDate, message).optional());

export const addFlagInput = z
  .object({
    type: z.enum(flagTypeCodes, 'Choose the type of flag'),
    reason: z.string({ message: 'Enter why the flag is being set' }).trim().min(5, 'Enter why the flag is being set').max(1000, 'Reason must be 1,000 characters or fewer'),
    startsOn: optionalDate('Enter a real start date'),
    expiresOn: date('Enter a real expiry date'),
    notifyTeam: z.preprocess((v) => (v === '' ? undefined : v), z.string().refine(isTeam, 'Choose a team from the list').optional()),
  })
  .superRefine((v, ctx) => {
    if (v.type === 'notify-if' && !v.notifyTeam) ctx.addIssue({ code: 'custom', path: ['notifyTeam'], message: 'Choose the team to notify' });
    if (v.startsOn && compareLocalDates(v.expiresOn, v.startsOn) <= 0) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'The expiry date must be after the start date' });
  });
export type AddFlagInput = z.infer<typeof addFlagInput>;

async function personFor(tx: Db, ctx: RequestContext, personId: string): Promise<repo.PersonRecord> {
  const person = await repo.getPerson(tx, personId);
  if (!person) throw new NotFoundError('There is no person with that reference.');
  if (person.restricted && !(await repo.isNamedOnRecord(tx, 'person', personId, ctx.actor.id))) {
    throw new RestrictedRecordError(person.restrictedContact ?? DEFAULT_RESTRICTED_CONTACT);
  }
  return person;
}

function reviewTask(ctx: RequestContext, flag: { id: string; personId: string; type: string; expiresOn: string }) {
  const due = flagReviewDue(flag.expiresOn);
  return {
    type: FLAG_REVIEW_TASK,
    title: `Review flag (${flagTypeLabel(flag.type)}) before it expires on ${formatLocalDate(flag.expiresOn)}`,
    ownerTeam: FLAG_REVIEW_TEAM,
    ownerUserId: ctx.actor.id,
    dueAt: endOfLondonDay(due),
    details: { flagId: flag.id, personId: flag.personId, expiresOn: flag.expiresOn, reviewDue: due },
    createdBy: ctx.actor.id,
  };
}

/**
 * Sets a flag on a person (stalking victim or perpetrator, "notify if" naming the team to
 * tell, or another warning marker) with a reason, start and expiry, and creates the review
 * task due one month before expiry (`flagReviewDue`), in one transaction with its audit row.
 */
export async function addFlag(deps: Deps, ctx: RequestContext, personId: string, input: AddFlagInput): Promise<{ flagId: string; reviewDue: string }> {
  requirePermission(ctx.actor, 'people:write');
  const startsOn = input.startsOn ?? todayInLondon(deps.clock);
  if (compareLocalDates(input.expiresOn, startsOn) <= 0) throw new ValidationError([{ field: 'expiresOn', message: 'The expiry date must be after the start date' }]);
  return deps.db.transaction().execute(async (tx) => {
    await personFor(tx, ctx, personId);
    const notifyTeam = input.type === 'notify-if' ? (input.notifyTeam ?? null) : null;
    const flagId = await history.insertFlag(tx, { personId, type: input.type, reason: input.reason, startsOn, expiresOn: input.expiresOn, notifyTeam, createdBy: ctx.actor.id });
    const task = reviewTask(ctx, { id: flagId, personId, type: input.type, expiresOn: input.expiresOn });
    await insertTasks(tx, [task]);
    await appendAudit(tx, {
      actorId: ctx.actor.id,
      actorUsername: ctx.actor.username,
      action: 'update',
      recordType: 'person',
      recordId: personId,
      details: { flag: 'added', flagId, type: input.type, startsOn, expiresOn: input.expiresOn, notifyTeam },
      requestId: ctx.requestId,
    });
    return { flagId, reviewDue: task.details.reviewDue };
  });
}

export interface FlagReview {
  person: { id: string; name: string };
  flag: FlagView;
  reviewDue: string | null;
  openTask: { id: string; dueAt: Date } | null;
  /** Dates of incidents involving the person, all of them (the proposal counts those during the flag's life). */
  incidentDates: string[];
  proposal: FlagReviewProposal | null;
}

/**
 * The review of a flag: incidents involving the person (occasions of reports they are a
 * party to, or on their cases) and the proposal from `proposeFlagReview`: extend if any
 * fell during the flag's life, otherwise remove (after checking national systems).
 */
export async function flagReview(deps: Deps, ctx: RequestContext, personId: string, flagId: string): Promise<FlagReview> {
  requirePermission(ctx.actor, 'people:read');
  const today = todayInLondon(deps.clock);
  return deps.db.transaction().execute(async (tx) => {
    const person = await personFor(tx, ctx, personId);
    const flag = await history.getFlag(tx, personId, flagId);
    if (!flag) throw new NotFoundError('There is no flag with that reference on this person.');
    const incidentDates = [...new Set((await history.incidentInstants(tx, personId)).map(londonDateOf))].sort(compareLocalDates);
    const proposal = flag.expiresOn ? proposeFlagReview({ startsOn: flag.startsOn, expiresOn: flag.expiresOn }, incidentDates) : null;
    const openTask = (await history.openFlagReviewTask(tx, flagId)) ?? null;
    await appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action: 'view', recordType: 'person', recordId: personId, details: { view: 'flag-review', flagId }, requestId: ctx.requestId });
    return {
      person: { id: person.id, name: `${person.forenames} ${person.surname}` },
      flag: toFlagView(flag, today),
      reviewDue: flag.expiresOn ? flagReviewDue(flag.expiresOn) : null,
      openTask,
      incidentDates,
      proposal,
    };
  });
}

export const flagDecisionInput = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('extend'),
    expiresOn: date('Enter a real new expiry date'),
    reason: z.string({ message: 'Enter the reason for extending the flag' }).trim().min(5, 'Enter the reason for extending the flag').max(1000, 'Reason must be 1,000 characters or fewer'),
    version: z.coerce.number().int().positive(),
  }),
  z.object({
    decision: z.literal('remove'),
    reason: z.string({ message: 'Enter the reason for removing the flag' }).trim().min(5, 'Enter the reason for removing the flag').max(1000, 'Reason must be 1,000 characters or fewer'),
    version: z.coerce.number().int().positive(),
  }),
], { error: () => 'Choose whether to extend or remove the flag' });
export type FlagDecisionInput = z.infer<typeof flagDecisionInput>;

/**
 * Records the review decision: extend to a new expiry (and a new review task one month
 * before it) or remove the flag. Closes the open review task. Stale versions are refused.
 */
export async function decideFlagReview(deps: Deps, ctx: RequestContext, personId: string, flagId: string, input: FlagDecisionInput): Promise<void> {
  requirePermission(ctx.actor, 'people:write');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await personFor(tx, ctx, personId);
    const flag = await history.getFlag(tx, personId, flagId);
    if (!flag) throw new NotFoundError('There is no flag with that reference on this person.');
    if (flag.status !== 'active') throw new ConflictError('This flag has already been removed.');
    if (input.decision === 'extend') {
      if (flag.expiresOn && compareLocalDates(input.expiresOn, flag.expiresOn) <= 0) {
        throw new ValidationError([{ field: 'expiresOn', message: `The new expiry date must be after ${formatLocalDate(flag.expiresOn)}` }]);
      }
      if (!(await history.extendFlag(tx, flagId, input.version, input.expiresOn))) throw new ConflictError('Someone else changed this flag since you opened the page. Reload it and review again.');
      await history.closeFlagReviewTasks(tx, flagId, { outcome: `Extended to ${input.expiresOn}: ${input.reason}`, by: ctx.actor.id, at: now });
      await insertTasks(tx, [reviewTask(ctx, { id: flagId, personId, type: flag.type, expiresOn: input.expiresOn })]);
    } else {
      if (!(await history.removeFlag(tx, flagId, input.version, { by: ctx.actor.id, at: now, reason: input.reason }))) {
        throw new ConflictError('Someone else changed this flag since you opened the page. Reload it and review again.');
      }
      await history.closeFlagReviewTasks(tx, flagId, { outcome: `Removed: ${input.reason}`, by: ctx.actor.id, at: now });
    }
    await appendAudit(tx, {
      actorId: ctx.actor.id,
      actorUsername: ctx.actor.username,
      action: 'update',
      recordType: 'person',
      recordId: personId,
      details: { flag: input.decision === 'extend' ? 'extended' : 'removed', flagId, ...(input.decision === 'extend' ? { from: flag.expiresOn, to: input.expiresOn } : {}) },
      requestId: ctx.requestId,
    });
  });
}

/**
 * For the intake flow, inside its own transaction: when people with an active "notify if"
 * flag appear in a new report, tell the named team at once with a task (due now) on the
 * report. Returns the ids of the tasks created.
 */
export async function notifyIfFlagAlerts(
  tx: Db,
  input: { personIds: readonly string[]; reportId: string; actorId: string | null; now: Date },
): Promise<string[]> {
  const flags = await history.activeNotifyFlags(tx, input.personIds, londonDateOf(input.now));
  return insertTasks(
    tx,
    flags.map((f) => ({
      type: NOTIFY_IF_TASK,
      title: 'A person with a "notify if" flag appears in a new report',
      reportId: input.reportId,
      ownerTeam: f.notifyTeam,
      dueAt: input.now,
      details: { flagId: f.flagId, personId: f.personId },
      createdBy: input.actorId,
    })),
  );
}
