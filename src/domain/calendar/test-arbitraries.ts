/** fast-check generators shared by this folder's property tests (test support only). */
import fc from 'fast-check';
import { addDays, daysBetween } from './local-date.ts';
import type { LocalDate } from './local-date.ts';

/** Any calendar date from `from` to `to` inclusive (default 1980 to 2100). */
export function localDateArbitrary(from: LocalDate = '1980-01-01', to: LocalDate = '2100-12-31'): fc.Arbitrary<LocalDate> {
  return fc.integer({ min: 0, max: daysBetween(from, to) }).map((offset) => addDays(from, offset));
}
