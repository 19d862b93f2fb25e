import { addDays, addMonths, compareLocalDates, daysBetween, isLocalDate, localDateFromParts, type LocalDate } from '../calendar/index.ts';

/** A reporting period: whole London calendar days, both ends included. */
export interface Period {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

/** One slot of a trend chart: a calendar month (or the part of it inside the period). */
export interface Bucket {
  /** 'YYYY-MM', the key SQL groups on (to_char(... 'YYYY-MM')). */
  readonly key: string;
  readonly label: string;
  readonly from: LocalDate;
  readonly to: LocalDate;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The longest period a dashboard may ask for (about three years): keeps a query bounded. */
export const MAX_PERIOD_DAYS = 366 * 3;

/** The last twelve whole months up to and including today: the default dashboard period. */
export function defaultPeriod(today: LocalDate): Period {
  return { from: addDays(addMonths(today, -12), 1), to: today };
}

/** Why a period cannot be used, or null when it can. */
export function periodProblem(from: string, to: string): string | null {
  if (!isLocalDate(from)) return 'Enter the start of the period as a real date';
  if (!isLocalDate(to)) return 'Enter the end of the period as a real date';
  if (compareLocalDates(from, to) > 0) return 'The start of the period must be on or before its end';
  if (daysBetween(from, to) > MAX_PERIOD_DAYS) return 'Choose a period of three years or less';
  return null;
}

/** The month a date falls in, as the bucket key 'YYYY-MM'. */
export function monthKey(date: LocalDate): string {
  return date.slice(0, 7);
}

function monthStart(date: LocalDate): LocalDate {
  return `${date.slice(0, 7)}-01`;
}

/** The calendar months a period touches, each cut to the period: contiguous, in order, no gaps or overlaps. */
export function monthBuckets(period: Period): Bucket[] {
  const buckets: Bucket[] = [];
  let start = monthStart(period.from);
  while (compareLocalDates(start, period.to) <= 0) {
    const next = addMonths(start, 1);
    const last = addDays(next, -1);
    const from = compareLocalDates(start, period.from) < 0 ? period.from : start;
    const to = compareLocalDates(last, period.to) > 0 ? period.to : last;
    const [y, m] = start.split('-').map(Number) as [number, number];
    buckets.push({ key: monthKey(start), label: `${MONTHS[m - 1]} ${y}`, from, to });
    start = next;
  }
  return buckets;
}

/** The bucket holding a date, or undefined when the date is outside them. */
export function bucketOf(buckets: readonly Bucket[], date: LocalDate): Bucket | undefined {
  return buckets.find((b) => compareLocalDates(b.from, date) <= 0 && compareLocalDates(date, b.to) <= 0);
}

/**
 * Lays grouped rows (keyed 'YYYY-MM') onto the period's buckets: every bucket appears once,
 * in order, with `empty` where the query returned nothing; rows outside the period are dropped.
 */
export function fillBuckets<T>(buckets: readonly Bucket[], rows: ReadonlyMap<string, T>, empty: () => T): Array<{ bucket: Bucket; value: T }> {
  return buckets.map((bucket) => ({ bucket, value: rows.get(bucket.key) ?? empty() }));
}

/** A date from its parts, for forms. */
export function dateFromParts(year: number, month: number, day: number): LocalDate {
  return localDateFromParts(year, month, day);
}
