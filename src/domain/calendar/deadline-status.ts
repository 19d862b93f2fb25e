import type { Clock } from '../clock.ts';
import type { LocalDate } from './local-date.ts';
import { endOfLondonDay } from './london-time.ts';

/** A deadline is either an exact instant or a calendar date meaning "by the end of that day in London". */
export type Due = Date | LocalDate;

/** Where an open deadline stands now. */
export type DeadlineStatus = 'on time' | 'due soon' | 'overdue';

/** The instant a deadline passes: the instant itself, or 23:59:59.999 London time on a due date. */
export function dueInstant(due: Due): Date {
  return typeof due === 'string' ? endOfLondonDay(due) : due;
}

/** True once the deadline has passed (a due date is overdue from the start of the next London day). */
export function isOverdue(due: Due, clock: Clock): boolean {
  return clock.now().getTime() > dueInstant(due).getTime();
}

/**
 * Where an open deadline stands: overdue once passed, due soon within `dueSoonWithinMs` of
 * passing, otherwise on time.
 */
export function deadlineStatus(due: Due, clock: Clock, dueSoonWithinMs: number): DeadlineStatus {
  const remainingMs = dueInstant(due).getTime() - clock.now().getTime();
  if (remainingMs < 0) return 'overdue';
  return remainingMs <= dueSoonWithinMs ? 'due soon' : 'on time';
}
