import { z } from 'zod';

/** A calendar date with no time of day and no zone, as an ISO string 'YYYY-MM-DD'. */
export type LocalDate = string;

/** Day of the week, 0 = Sunday … 6 = Saturday (as `Date.prototype.getUTCDay`). */
export type DayOfWeek = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

const longDateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

interface DateParts {
  year: number;
  month: number;
  day: number;
}

function splitIsoDate(value: string): DateParts | undefined {
  const match = ISO_DATE_PATTERN.exec(value);
  if (!match) return undefined;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function partsOf(date: LocalDate): DateParts {
  const parts = splitIsoDate(date);
  if (!parts || !partsAreValid(parts)) throw new RangeError(invalidDateMessage(date));
  return parts;
}

function partsAreValid({ year, month, day }: DateParts): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function invalidDateMessage(value: string): string {
  return `"${value}" is not a valid date. Use the form YYYY-MM-DD, for example 2025-08-22.`;
}

/** UTC midnight of the date, in milliseconds since the epoch (setUTCFullYear avoids the 0–99 → 19xx quirk). */
function utcMidnightMs({ year, month, day }: DateParts): number {
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  return instant.getTime();
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** The date of a UTC midnight (or any instant, read in UTC). */
function fromUtcInstant(instant: Date): LocalDate {
  return `${pad(instant.getUTCFullYear(), 4)}-${pad(instant.getUTCMonth() + 1, 2)}-${pad(instant.getUTCDate(), 2)}`;
}

/** Days since 1970-01-01 (negative before). */
function toEpochDay(date: LocalDate): number {
  return utcMidnightMs(partsOf(date)) / MS_PER_DAY;
}

function fromEpochDay(epochDay: number): LocalDate {
  return fromUtcInstant(new Date(epochDay * MS_PER_DAY));
}

/** Number of days in a month (month 1–12), allowing for leap years. */
export function daysInMonth(year: number, month: number): number {
  const instant = new Date(0);
  instant.setUTCFullYear(year, month, 0);
  return instant.getUTCDate();
}

/** True when the value is a real calendar date written 'YYYY-MM-DD' (so '2025-02-29' is false). */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const parts = splitIsoDate(value);
  return parts !== undefined && partsAreValid(parts);
}

/**
 * Checks that a string is a real 'YYYY-MM-DD' date and returns it.
 * @throws RangeError with a plain-English message saying what form is expected.
 */
export function parseLocalDate(value: string): LocalDate {
  if (!isLocalDate(value)) throw new RangeError(invalidDateMessage(value));
  return value;
}

/** Zod schema for a 'YYYY-MM-DD' calendar date, for validating input and configuration. */
export const localDateSchema = z
  .string()
  .refine(isLocalDate, { message: 'Enter a real date in the form YYYY-MM-DD, for example 2025-08-22.' });

/** Builds a date from its year, month (1–12) and day; throws if there is no such date. */
export function localDateFromParts(year: number, month: number, day: number): LocalDate {
  return parseLocalDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
}

/** The year of a date. */
export function yearOf(date: LocalDate): number {
  return partsOf(date).year;
}

/** The date `days` calendar days after `date` (before it when negative). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * The date `months` calendar months after `date` (before it when negative). The day is
 * clamped to the end of the target month, so 31 January + 1 month is 28 (or 29) February.
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = partsOf(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return localDateFromParts(targetYear, targetMonth, targetDay);
}

/** The date `years` years after `date`, clamped like {@link addMonths} (29 February + 1 year = 28 February). */
export function addYears(date: LocalDate, years: number): LocalDate {
  return addMonths(date, years * 12);
}

/** Orders two dates: negative when a is earlier, 0 when equal, positive when a is later. */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return toEpochDay(a) - toEpochDay(b);
}

/** Calendar days from a to b (negative when b is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** The day of the week of a date, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): DayOfWeek {
  return new Date(utcMidnightMs(partsOf(date))).getUTCDay() as DayOfWeek;
}

/** True on Saturdays and Sundays. */
export function isWeekend(date: LocalDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

/** A date written for people, e.g. '30 June 2026'. */
export function formatLocalDate(date: LocalDate): string {
  return longDateFormat.format(new Date(utcMidnightMs(partsOf(date))));
}
