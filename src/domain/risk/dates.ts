import type { Clock } from '../clock.ts';

/** A calendar date, 'YYYY-MM-DD'. */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

/** Police forces in England and Wales work in UK local time. */
const FORCE_TIME_ZONE = 'Europe/London';

function parts(date: LocalDate): { year: number; month: number; day: number } {
  const match = LOCAL_DATE.exec(date);
  if (!match) throw new Error(`"${date}" is not a date in the form YYYY-MM-DD`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function fromUtc(instant: Date): LocalDate {
  return instant.toISOString().slice(0, 10);
}

function toUtc(date: LocalDate): Date {
  const { year, month, day } = parts(date);
  return new Date(Date.UTC(year, month - 1, day));
}

/** True when the text is a real calendar date in the form YYYY-MM-DD. */
export function isLocalDate(text: unknown): text is LocalDate {
  if (typeof text !== 'string' || !LOCAL_DATE.test(text)) return false;
  return fromUtc(toUtc(text)) === text;
}

/** Today's date in UK local time according to the clock. */
export function today(clock: Clock): LocalDate {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: FORCE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
  }).format(clock.now());
}

/** The date a number of days later (or earlier, if negative). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtc(new Date(toUtc(date).getTime() + days * MS_PER_DAY));
}

/**
 * The same day a number of months later (or earlier, if negative). When that month is
 * shorter, the last day of the month is used (29 February + 12 months = 28 February).
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = parts(date);
  const firstOfTarget = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(day, lastDay));
  return fromUtc(firstOfTarget);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / MS_PER_DAY);
}

/** A date as people write it: "4 March 2025". */
export function formatDate(date: LocalDate): string {
  const { year, month, day } = parts(date);
  return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
}
