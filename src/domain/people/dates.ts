import type { LocalDate } from './types.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A calendar date split into its parts. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** The parts of an ISO date, or undefined if it is not a real calendar date. */
export function parseLocalDate(date: LocalDate): DateParts | undefined {
  const match = ISO_DATE.exec(date);
  if (match === null) return undefined;
  const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isRealDate(parts) ? parts : undefined;
}

export function isRealDate({ year, month, day }: DateParts): boolean {
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** Age in completed years on a date (someone born on 29 February has a birthday on 1 March in other years). */
export function ageOn(birth: DateParts, on: DateParts): number {
  const hadBirthday = on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (hadBirthday ? 0 : 1);
}

/** A date in UK style: '4 May 1986'. */
export function formatUkDate({ year, month, day }: DateParts): string {
  return `${day} ${MONTH_NAMES[month - 1] ?? ''} ${year}`;
}
