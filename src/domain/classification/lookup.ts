/** An entry in a reference list, identified by a stable code. */
export interface Coded {
  readonly code: string;
}

/** A reference-list entry with a plain-English label (a form option). */
export interface CodedOption extends Coded {
  readonly label: string;
}

/**
 * The entry with the given code. Codes are typed from the list itself, so a
 * missing entry is a programming error and throws.
 */
export function byCode<T extends Coded>(list: readonly T[], code: T['code']): T {
  const found = list.find((entry) => entry.code === code);
  if (found === undefined) throw new Error(`No entry with code "${code}"`);
  return found;
}

/** Whether `value` is one of the codes in the list (for checking untrusted input). */
export function isCodeIn<T extends Coded>(list: readonly T[], value: unknown): value is T['code'] {
  return typeof value === 'string' && list.some((entry) => entry.code === value);
}

/** The plain-English labels for some codes, joined for a sentence ("a, b and c"). */
export function labelsOf<T extends CodedOption>(list: readonly T[], codes: readonly T['code'][]): string {
  return joinAsList(codes.map((code) => byCode(list, code).label.toLowerCase()));
}

/** Joins items as an English list: "a", "a and b", "a, b and c". */
export function joinAsList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
