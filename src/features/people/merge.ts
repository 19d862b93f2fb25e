import { z } from 'zod';
import { requirePermission, type RequestContext } from '../../platform/auth/actor.ts';
import { appendAudit, type Db } from '../../platform/audit/audit-repository.ts';
import { ConflictError, NotFoundError, RestrictedRecordError, ValidationError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { DEFAULT_RESTRICTED_CONTACT } from './labels.ts';
import * as merges from './merge-repository.ts';
import * as repo from './repository.ts';
import { runUseCase } from '../../platform/db/use-case.ts';

/** How many likely duplicate pairs the list shows at once. */
const DUPLICATES_SHOWN = 100;

const SHARED_LABELS: Record<string, string> = {
  phone: 'the same phone number',
  email: 'the same email address',
  handle: 'the same social media account',
  vehicle: 'the same vehicle',
  'date-of-birth-and-name': 'the same date of birth and a name that sounds the same',
};

function audit(tx: Db, ctx: RequestContext, action: 'view' | 'update', personId: string, details: Record<string, unknown>) {
  return appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action, recordType: 'person', recordId: personId, details, requestId: ctx.requestId });
}

/** A person as the duplicates and merge pages show them. */
export interface PersonSide {
  id: string;
  name: string;
  dateOfBirth: string | null;
  ageRange: string | null;
  gender: string | null;
  version: number;
  particulars: repo.StoredParticulars;
}

export interface DuplicateView {
  a: PersonSide;
  b: PersonSide;
  shared: string[];
}

async function sides(tx: Db, ids: readonly string[]): Promise<Map<string, PersonSide>> {
  const people = await repo.peopleWithParticulars(tx, ids);
  return new Map(
    people.map(({ person: p, particulars }) => [
      p.id,
      {
        id: p.id,
        name: `${p.forenames} ${p.surname}`.trim(),
        dateOfBirth: p.dateOfBirth,
        ageRange: p.ageMin !== null && p.ageMax !== null ? `${p.ageMin} to ${p.ageMax}` : null,
        gender: p.gender,
        version: p.version,
        particulars,
      },
    ]),
  );
}

/**
 * People who may be one person: they share an identifier, or a date of birth and a name
 * that sounds the same. Restricted records are left out unless the user is named on them.
 * Nothing is merged from here; the officer compares and decides.
 */
export async function likelyDuplicates(deps: Deps, ctx: RequestContext): Promise<DuplicateView[]> {
  requirePermission(ctx.actor, 'people:merge');
  return deps.db.transaction().execute(async (tx) => {
    const pairs = await merges.duplicatePairs(tx, DUPLICATES_SHOWN);
    const ids = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
    const people = await repo.getPeople(tx, ids);
    const named = await repo.namedRecords(tx, 'person', people.filter((p) => p.restricted).map((p) => p.id), ctx.actor.id);
    const visible = new Set(people.filter((p) => !p.restricted || named.has(p.id)).map((p) => p.id));
    const shown = pairs.filter((p) => visible.has(p.a) && visible.has(p.b));
    const bySide = await sides(tx, [...new Set(shown.flatMap((p) => [p.a, p.b]))]);
    await appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action: 'view', recordType: 'people', details: { view: 'duplicates', pairs: shown.length }, requestId: ctx.requestId });
    return shown.map((p) => ({ a: bySide.get(p.a)!, b: bySide.get(p.b)!, shared: p.shared.map((s) => SHARED_LABELS[s] ?? s) }));
  });
}

/** Opens a person for a merge: they must exist, not be merged already, and be open to the user if restricted. */
async function personForMerge(tx: Db, ctx: RequestContext, id: string): Promise<repo.PersonRecord> {
  const person = await repo.getPerson(tx, id);
  if (!person) throw new NotFoundError('There is no person with that reference.');
  if (person.restricted && !(await repo.isNamedOnRecord(tx, 'person', id, ctx.actor.id))) {
    await appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action: 'view-denied', recordType: 'person', recordId: id, details: { restricted: true, area: 'merge' }, requestId: ctx.requestId });
    throw new RestrictedRecordError(person.restrictedContact ?? DEFAULT_RESTRICTED_CONTACT);
  }
  return person;
}

/** Two people side by side before a merge. */
export async function compareForMerge(deps: Deps, ctx: RequestContext, firstId: string, secondId: string): Promise<{ first: PersonSide; second: PersonSide }> {
  requirePermission(ctx.actor, 'people:merge');
  if (firstId === secondId) throw new ValidationError([{ field: 'otherPersonId', message: 'Choose two different people to compare' }]);
  return runUseCase(deps, async (tx) => {
    for (const id of [firstId, secondId]) {
      const person = await personForMerge(tx, ctx, id);
      if (person.mergedInto) throw new ValidationError([{ field: 'otherPersonId', message: 'One of these records has already been merged into another. Compare the record it joined.' }]);
    }
    const bySide = await sides(tx, [firstId, secondId]);
    await audit(tx, ctx, 'view', firstId, { view: 'merge-compare', with: secondId });
    await audit(tx, ctx, 'view', secondId, { view: 'merge-compare', with: firstId });
    return { first: bySide.get(firstId)!, second: bySide.get(secondId)! };
  });
}

const mergeReason = z
  .string({ error: 'Say why these records are the same person' })
  .trim()
  .min(10, 'Say why these records are the same person, in at least 10 characters')
  .max(2000, 'The reason must be 2,000 characters or fewer');

export const mergeInput = z.object({
  /** The record that goes: its names become aliases of the kept record and its links move there. */
  mergedPersonId: z.uuid('Choose the record to merge into this one'),
  reason: mergeReason,
  /** Versions of both records as read, so a change made meanwhile is not merged unseen. */
  keptVersion: z.coerce.number().int().min(1).optional(),
  mergedVersion: z.coerce.number().int().min(1).optional(),
});
export type MergeInput = z.infer<typeof mergeInput>;

/**
 * Merges one person into another with a reason: every link (reports, cases, orders,
 * flags, identifiers, names as aliases, risk and victim records) moves to the kept
 * record, the merged record points at it, and the rows moved are listed so a split can
 * put back exactly what moved. One transaction, audited on both records.
 */
export async function mergePeople(deps: Deps, ctx: RequestContext, keptId: string, input: MergeInput): Promise<{ mergeId: string; moved: number }> {
  requirePermission(ctx.actor, 'people:merge');
  if (keptId === input.mergedPersonId) throw new ValidationError([{ field: 'mergedPersonId', message: 'A record cannot be merged into itself' }]);
  return runUseCase(deps, async (tx) => {
    const kept = await personForMerge(tx, ctx, keptId);
    const merged = await personForMerge(tx, ctx, input.mergedPersonId);
    if (kept.mergedInto || merged.mergedInto) throw new ValidationError([{ field: 'mergedPersonId', message: 'One of these records has already been merged into another' }]);
    if ((input.keptVersion && input.keptVersion !== kept.version) || (input.mergedVersion && input.mergedVersion !== merged.version)) {
      throw new ConflictError('One of these records changed since you compared them. Compare them again before merging.');
    }
    const at = deps.clock.now();
    const primaryNameIds = await merges.primaryNamesOf(tx, merged.id);
    const rows = await merges.moveReferences(tx, merged.id, kept.id);
    await merges.setNameKind(tx, primaryNameIds, 'alias');
    await merges.setMergedInto(tx, merged.id, kept.id, at);
    await merges.setMergedInto(tx, kept.id, null, at);
    const mergeId = await merges.insertMerge(tx, { survivorId: kept.id, mergedId: merged.id, reason: input.reason, moved: { rows, primaryNameIds }, by: ctx.actor.id, at });
    await audit(tx, ctx, 'update', kept.id, { merge: mergeId, kept: true, from: merged.id, moved: rows.length, reason: input.reason });
    await audit(tx, ctx, 'update', merged.id, { merge: mergeId, mergedInto: kept.id, moved: rows.length, reason: input.reason });
    return { mergeId, moved: rows.length };
  });
}

export const splitInput = z.object({
  reason: z
    .string({ error: 'Say why the merge is being undone' })
    .trim()
    .min(10, 'Say why the merge is being undone, in at least 10 characters')
    .max(2000, 'The reason must be 2,000 characters or fewer'),
});

/** Undoes a merge: the rows it moved go back, the merged person's names are primary again, and the record stands alone. */
export async function splitMerge(deps: Deps, ctx: RequestContext, mergeId: string, input: z.infer<typeof splitInput>): Promise<{ personId: string; restored: number }> {
  requirePermission(ctx.actor, 'people:merge');
  return runUseCase(deps, async (tx) => {
    const merge = await merges.getMerge(tx, mergeId);
    if (!merge) throw new NotFoundError('There is no merge with that reference.');
    if (merge.splitAt) throw new ConflictError('This merge has already been undone.');
    const kept = await personForMerge(tx, ctx, merge.survivorId);
    await personForMerge(tx, ctx, merge.mergedId);
    if (kept.mergedInto) throw new ValidationError([{ field: 'reason', message: 'The kept record has since been merged into another. Undo that merge first.' }]);
    const at = deps.clock.now();
    if (!(await merges.markSplit(tx, merge.id, { by: ctx.actor.id, at, reason: input.reason }))) throw new ConflictError('This merge has already been undone.');
    const restored = await merges.moveBack(tx, merge.moved.rows, merge.mergedId, merge.survivorId);
    await merges.setNameKind(tx, merge.moved.primaryNameIds, 'primary');
    await merges.setMergedInto(tx, merge.mergedId, null, at);
    await merges.setMergedInto(tx, merge.survivorId, null, at);
    await audit(tx, ctx, 'update', merge.survivorId, { split: merge.id, restored, reason: input.reason });
    await audit(tx, ctx, 'update', merge.mergedId, { split: merge.id, restored, reason: input.reason });
    return { personId: merge.mergedId, restored };
  });
}

/** The merges a person took part in, with who did them and why. */
export async function mergeHistory(deps: Deps, ctx: RequestContext, personId: string): Promise<{ person: PersonSide; merges: Array<merges.MergeRecord & { otherId: string; otherName: string; kept: boolean }> }> {
  requirePermission(ctx.actor, 'people:read');
  return runUseCase(deps, async (tx) => {
    await personForMerge(tx, ctx, personId);
    const list = await merges.mergesOf(tx, personId);
    const others = await sides(tx, [personId, ...list.map((m) => (m.survivorId === personId ? m.mergedId : m.survivorId))]);
    await audit(tx, ctx, 'view', personId, { view: 'merges' });
    return {
      person: others.get(personId)!,
      merges: list.map((m) => {
        const otherId = m.survivorId === personId ? m.mergedId : m.survivorId;
        return { ...m, otherId, otherName: others.get(otherId)?.name ?? 'Another person', kept: m.survivorId === personId };
      }),
    };
  });
}
