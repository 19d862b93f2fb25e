/**
 * London wall-clock helpers for the conduct rules: occasions are told in local time
 * (a diary says "14:30 on 3 March"), stored as instants.
 */
import { addDays, dayOfWeek, londonDateOf as calendarLondonDateOf, type LocalDate } from '../calendar/index.ts';

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const longDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });

/** 'YYYY-MM-DD HH:MM' in London at an instant. */
export function londonWallClock(instant: Date): string {
  const parts = wallClock.formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/**
 * The instant of a London date and time. In the hour that does not exist when the
 * clocks go forward, the time is read as GMT; in the hour that happens twice when
 * they go back, the first (BST) one is taken.
 */
export function londonInstant(date: LocalDate, hour: number, minute: number): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const asUtc = new Date(0);
  asUtc.setUTCFullYear(y, m - 1, d);
  asUtc.setUTCHours(hour, minute, 0, 0);
  const wanted = `${date} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  const summer = new Date(asUtc.getTime() - 3_600_000);
  if (londonWallClock(summer) === wanted) return summer;
  return asUtc;
}

/** The Monday starting the London week an instant falls in. */
export function weekStartOf(instant: Date): LocalDate {
  const date = londonDateOf(instant);
  const day = dayOfWeek(date);
  return addDays(date, -((day + 6) % 7));
}

/** A date for people, e.g. '3 March 2026', read in London. */
export function sayDate(instant: Date): string {
  return longDate.format(instant);
}

const dateCache = new Map<number, LocalDate>();

/**
 * The London calendar date of an instant. Memoised by the hour (London's offset is
 * always a whole number of hours), since formatting dates is the slow part of
 * analysing hundreds of occasions.
 */
export function londonDateOf(instant: Date): LocalDate {
  const ms = instant.getTime();
  const hour = Math.floor(ms / 3_600_000);
  let date = dateCache.get(hour);
  if (date === undefined) {
    if (dateCache.size > 50_000) dateCache.clear();
    date = calendarLondonDateOf(new Date(hour * 3_600_000));
    dateCache.set(hour, date);
  }
  return date;
}
