import type { FieldError } from '../errors.ts';

export interface PageError {
  text: string;
  href: string;
  field: string;
}

/** Field errors in the shape the GOV.UK error summary and fields expect: one per field, linked to the field's id (its full name). */
export function pageErrors(errors: FieldError[]): PageError[] {
  const seen = new Set<string>();
  const result: PageError[] = [];
  for (const e of errors) {
    // A value inside a list (roles.0) belongs to the list's field (roles).
    const field = e.field.replace(/\.\d+$/, '');
    if (seen.has(field)) continue;
    seen.add(field);
    result.push({ text: e.message, href: `#${field}`, field });
  }
  return result;
}

/**
 * Turns flat form field names into nested values: `victim.surname` and
 * `occasions[0].date` become `{ victim: { surname } }` and `{ occasions: [{ date }] }`.
 * Keys that could reach the prototype are dropped.
 */
export function unflatten(body: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    const path = name.split(/\.|\[(\d+)\]\.?/).filter((part) => part !== undefined && part !== '');
    if (path.some((part) => part === '__proto__' || part === 'constructor' || part === 'prototype')) continue;
    if (path.some((part) => /^\d+$/.test(part) && Number(part) > 500)) continue;
    let target: Record<string, unknown> | unknown[] = result;
    path.forEach((part, i) => {
      const last = i === path.length - 1;
      const key: string | number = /^\d+$/.test(part) ? Number(part) : part;
      const container = target as Record<string | number, unknown>;
      if (last) {
        container[key] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(path[i + 1]!);
      if (container[key] === undefined || typeof container[key] !== 'object') container[key] = nextIsIndex ? [] : {};
      target = container[key] as Record<string, unknown>;
    });
  }
  return result;
}

/** A posted form, as the form body parser gives it. */
export type FormBody = Record<string, unknown>;

/** The posted form of a page request (an empty one when nothing was posted). */
export function bodyOf(request: { body?: unknown }): FormBody {
  return (request.body ?? {}) as FormBody;
}

/** One text field of a posted form: the first value when the field was sent twice, '' when absent. */
export function one(body: FormBody, key: string): string {
  const v = body[key];
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
}

/** A checkbox group or repeated field of a posted form: its non-empty text values. */
export function many(body: FormBody, key: string): string[] {
  const v = body[key];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string' && x !== '');
}
