import type { Clock } from '../clock.ts';
import { addDays, localDateFromParts, parseLocalDate } from './local-date.ts';
import type { LocalDate } from './local-date.ts';

/** Deadlines in England and Wales are read on UK civil time (GMT in winter, BST in summer). */
const LONDON_TIME_ZONE = 'Europe/London';

const londonWallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockInLondon(instant: Date): WallClock {
  const parts = londonWallClock.formatToParts(instant);
  const field = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value);
  return {
    year: field('year'),
    month: field('month'),
    day: field('day'),
    hour: field('hour'),
    minute: field('minute'),
    second: field('second'),
  };
}

/** How far London's clocks are ahead of UTC at an instant, in milliseconds (0 or 3,600,000 today). */
function londonOffsetMs(instant: Date): number {
  const wall = wallClockInLondon(instant);
  const wallAsUtc = new Date(0);
  wallAsUtc.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  wallAsUtc.setUTCHours(wall.hour, wall.minute, wall.second);
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  return wallAsUtc.getTime() - wholeSeconds;
}

/** The calendar date in London at an instant, e.g. 23:30 UTC on 22 August 2025 is 23 August (BST). */
export function londonDateOf(instant: Date): LocalDate {
  const { year, month, day } = wallClockInLondon(instant);
  return localDateFromParts(year, month, day);
}

/** Today's date in London according to a clock. */
export function todayInLondon(clock: Clock): LocalDate {
  return londonDateOf(clock.now());
}

/**
 * The instant London's day begins (00:00 local). UK clocks change at 01:00 UTC, so local
 * midnight always exists exactly once.
 */
export function startOfLondonDay(date: LocalDate): Date {
  const utcMidnight = new Date(`${parseLocalDate(date)}T00:00:00.000Z`);
  const guess = new Date(utcMidnight.getTime() - londonOffsetMs(utcMidnight));
  return new Date(utcMidnight.getTime() - londonOffsetMs(guess));
}

/** The last instant of a London day (23:59:59.999 local), as used for "by the end of" deadlines. */
export function endOfLondonDay(date: LocalDate): Date {
  return new Date(startOfLondonDay(addDays(date, 1)).getTime() - 1);
}
