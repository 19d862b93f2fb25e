import { FORENAME_GROUPS, type ForenameGroup } from '../data/nicknames.ts';

/** How two forenames relate through the forename table. */
export type NicknameRelation =
  | { kind: 'short-form'; shortForm: 'first' | 'second' }
  | { kind: 'same-name' }
  | { kind: 'shared-short-forms' };

const GROUPS_BY_NAME: ReadonlyMap<string, readonly ForenameGroup[]> = indexGroups(FORENAME_GROUPS);

function indexGroups(groups: readonly ForenameGroup[]): Map<string, ForenameGroup[]> {
  const index = new Map<string, ForenameGroup[]>();
  for (const group of groups) {
    for (const name of [...group.full, ...group.short]) index.set(name, [...(index.get(name) ?? []), group]);
  }
  return index;
}

function groupId(group: ForenameGroup): string {
  return group.full[0] ?? '';
}

/** Ids of the forename groups a normalised forename belongs to ('jon' -> ['john']). Stored as search keys. */
export function forenameGroupIds(forename: string): string[] {
  return (GROUPS_BY_NAME.get(forename) ?? []).map(groupId);
}

/**
 * How two different normalised forenames are related in the forename table, if at all:
 * one a short form of the other (Jon, John), both formal forms of one name (Catherine,
 * Kathryn), or both short forms of one name (Kate, Katie).
 */
export function nicknameRelation(a: string, b: string): NicknameRelation | undefined {
  const shared = (GROUPS_BY_NAME.get(a) ?? []).filter((group) => (GROUPS_BY_NAME.get(b) ?? []).includes(group));
  const group = shared[0];
  if (group === undefined || a === b) return undefined;
  const aIsFull = group.full.includes(a);
  const bIsFull = group.full.includes(b);
  if (aIsFull && bIsFull) return { kind: 'same-name' };
  if (aIsFull) return { kind: 'short-form', shortForm: 'second' };
  if (bIsFull) return { kind: 'short-form', shortForm: 'first' };
  return { kind: 'shared-short-forms' };
}
