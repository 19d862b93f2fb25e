import type { FieldError } from '../errors.ts';

export interface PageError {
  text: string;
  href: string;
  field: string;
}

/** Field errors in the shape the GOV.UK error summary and fields expect: one per field, linked to it. */
export function pageErrors(errors: FieldError[]): PageError[] {
  const seen = new Set<string>();
  const result: PageError[] = [];
  for (const e of errors) {
    const field = e.field.split('.')[0] || e.field;
    if (seen.has(field)) continue;
    seen.add(field);
    result.push({ text: e.message, href: `#${field}`, field });
  }
  return result;
}
