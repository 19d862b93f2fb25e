import type { FieldError } from '../../platform/errors.ts';
import type { PageError } from '../../platform/http/forms.ts';

/** Form bodies: a field sent once is a string, sent several times an array. */
export type FormBody = Record<string, unknown>;

export function all(body: FormBody, name: string): string[] {
  const value = body[name];
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => String(v));
}

export function one(body: FormBody, name: string): string {
  const value = body[name];
  return Array.isArray(value) ? String(value[0] ?? '') : value === undefined || value === null ? '' : String(value);
}

/** A GOV.UK date input (`prefix-day`, `-month`, `-year`): '' when blank, 'invalid' when partly filled or not a number. */
export function dateFrom(body: FormBody, prefix: string): string {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => one(body, `${prefix}-${part}`).trim());
  if (!day && !month && !year) return '';
  if (!/^\d{1,2}$/.test(day ?? '') || !/^\d{1,2}$/.test(month ?? '') || !/^\d{4}$/.test(year ?? '')) return 'invalid';
  return `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
}

/** The person form as the input schema expects it (parallel lists become rows). */
export function personFormInput(body: FormBody): Record<string, unknown> {
  const aliasForenames = all(body, 'aliasForenames');
  const aliasSurnames = all(body, 'aliasSurname');
  const platforms = all(body, 'handlePlatform');
  const handles = all(body, 'handle');
  const lines = all(body, 'addressLine');
  const towns = all(body, 'addressTown');
  const postcodes = all(body, 'addressPostcode');
  const protectedRows = new Set(all(body, 'addressProtected'));
  const filled = (v: string) => v.trim() !== '';
  // Blank rows are dropped here, so error paths ('phones.1') match the rows shown again.
  return {
    forenames: one(body, 'forenames'),
    surname: one(body, 'surname'),
    aliases: aliasForenames.map((forenames, i) => ({ forenames, surname: aliasSurnames[i] ?? '' })).filter((a) => filled(a.forenames) || filled(a.surname)),
    dateOfBirth: dateFrom(body, 'dob'),
    ageMin: one(body, 'ageMin'),
    ageMax: one(body, 'ageMax'),
    gender: one(body, 'gender'),
    description: one(body, 'description'),
    phones: all(body, 'phones').filter(filled),
    emails: all(body, 'emails').filter(filled),
    vehicles: all(body, 'vehicles').filter(filled),
    handles: handles.map((handle, i) => ({ platform: platforms[i] ?? '', handle })).filter((h) => filled(h.handle) || filled(h.platform)),
    addresses: lines
      .map((line, i) => ({ line, town: towns[i] ?? '', postcode: postcodes[i] ?? '', protected: protectedRows.has(String(i)) }))
      .filter((a) => filled(a.line) || filled(a.town) || filled(a.postcode)),
    ...(body.version !== undefined ? { version: one(body, 'version') } : {}),
  };
}

/**
 * Field errors for a page: each linked to the field's id, paths written with hyphens
 * ('phones.1' -> '#phones-1'); dates link to their day box.
 */
export function personPageErrors(errors: FieldError[]): PageError[] {
  const seen = new Set<string>();
  const result: PageError[] = [];
  for (const e of errors) {
    const field = e.field === 'dateOfBirth' ? 'dob' : e.field.replace(/\./g, '-');
    if (seen.has(field)) continue;
    seen.add(field);
    const href = field === 'dob' || field === 'expiresOn' || field === 'startsOn' || field === 'newExpiresOn' ? `#${field}-day` : `#${field}`;
    result.push({ text: e.message, href, field });
  }
  return result;
}

/** The matching form as the match query schema expects it. */
export function matchFormInput(body: FormBody): Record<string, unknown> {
  const about = one(body, 'ageAbout').trim();
  const dob = dateFrom(body, 'dob');
  const address = { line: one(body, 'addressLine'), town: one(body, 'town'), postcode: one(body, 'postcode') };
  const handle = one(body, 'handle').trim();
  const gender = one(body, 'gender');
  const aliasForename = one(body, 'aliasForename');
  const aliasSurname = one(body, 'aliasSurname');
  return {
    forename: one(body, 'forename'),
    surname: one(body, 'surname'),
    aliases: aliasForename.trim() || aliasSurname.trim() ? [{ forename: aliasForename, surname: aliasSurname }] : [],
    ...(dob ? { dateOfBirth: dob } : {}),
    ...(about ? { age: { about: /^\d{1,3}$/.test(about) ? Number(about) : -1 } } : {}),
    ...(gender ? { gender } : {}),
    phones: all(body, 'phone'),
    emails: all(body, 'email'),
    vehicles: all(body, 'vehicle'),
    handles: handle ? [{ platform: one(body, 'handlePlatform'), handle }] : [],
    ...(address.line.trim() || address.town.trim() || address.postcode.trim() ? { address } : {}),
  };
}

/** Error ids on the matching form. */
export function matchPageErrors(errors: FieldError[]): PageError[] {
  const seen = new Set<string>();
  const result: PageError[] = [];
  const ids: Record<string, string> = { dateOfBirth: 'dob', age: 'ageAbout', 'age.about': 'ageAbout', 'handles.0.handle': 'handle', 'phones.0': 'phone', 'emails.0': 'email', 'vehicles.0': 'vehicle', 'address.postcode': 'postcode', 'address.town': 'town', 'address.line': 'addressLine' };
  for (const e of errors) {
    const field = ids[e.field] ?? e.field.split('.')[0] ?? e.field;
    if (seen.has(field)) continue;
    seen.add(field);
    result.push({ text: e.field === 'age.about' ? 'Enter an age in whole years, like 39' : e.message, href: field === 'dob' ? '#dob-day' : `#${field}`, field });
  }
  return result;
}
