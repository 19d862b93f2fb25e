import { checkBankHolidayChanges } from './bank-holiday-changes.ts';
import type { BankHolidayChanges } from './bank-holiday-changes.ts';
import { ruleBasedBankHolidays } from './bank-holiday-rules.ts';
import type { BankHoliday } from './bank-holiday-rules.ts';
import { englandAndWalesBankHolidayChanges } from './england-and-wales-bank-holiday-changes.ts';
import { addDays, compareLocalDates, isWeekend, yearOf } from './local-date.ts';
import type { LocalDate } from './local-date.ts';

/** Bank holidays and working-day arithmetic for one set of one-off changes. */
export interface WorkingDayCalendar {
  /** Every bank holiday in a year, in date order, with one-off changes applied. */
  bankHolidays(year: number): readonly BankHoliday[];
  /** The bank holiday on a date, if there is one. */
  bankHolidayOn(date: LocalDate): BankHoliday | undefined;
  /** True when the date is a bank holiday (including substitute and one-off days). */
  isBankHoliday(date: LocalDate): boolean;
  /** True on Monday to Friday when the day is not a bank holiday. */
  isWorkingDay(date: LocalDate): boolean;
  /** The first working day strictly after the date. */
  nextWorkingDay(date: LocalDate): LocalDate;
  /**
   * The date `workingDays` working days after `date` (the date itself does not count, so
   * adding 1 to a Friday gives the following Monday unless that is a bank holiday). Adding 0
   * returns the date unchanged.
   */
  addWorkingDays(date: LocalDate, workingDays: number): LocalDate;
  /**
   * Working days after `from` up to and including `to` (negative when `to` is earlier), so
   * `workingDaysBetween(d, addWorkingDays(d, n)) === n`.
   */
  workingDaysBetween(from: LocalDate, to: LocalDate): number;
}

function applyChanges(year: number, changes: BankHolidayChanges): BankHoliday[] {
  const inYear = (date: LocalDate): boolean => yearOf(date) === year;
  const dropped = new Set([
    ...changes.moves.filter((move) => inYear(move.from)).map((move) => move.from),
    ...changes.removals.filter((removal) => inYear(removal.date)).map((removal) => removal.date),
  ]);
  const kept = ruleBasedBankHolidays(year).filter((holiday) => !dropped.has(holiday.date));
  const moved: BankHoliday[] = changes.moves
    .filter((move) => inYear(move.to))
    .map((move) => ({ date: move.to, name: move.name, origin: 'one-off move' }));
  const added: BankHoliday[] = changes.additions
    .filter((addition) => inYear(addition.date))
    .map((addition) => ({ date: addition.date, name: addition.name, origin: 'one-off addition' }));
  return [...kept, ...moved, ...added].sort((a, b) => compareLocalDates(a.date, b.date));
}

function assertWholeNonNegative(workingDays: number): void {
  if (!Number.isInteger(workingDays) || workingDays < 0) {
    throw new RangeError(`The number of working days must be a whole number of 0 or more, not ${workingDays}.`);
  }
}

/**
 * Builds a working-day calendar from the standing England and Wales rules plus one-off
 * changes (by default the published proclamations).
 * @throws Error listing every problem when the changes do not fit the standing rules.
 */
export function createWorkingDayCalendar(
  changes: BankHolidayChanges = englandAndWalesBankHolidayChanges,
): WorkingDayCalendar {
  const problems = checkBankHolidayChanges(changes);
  if (problems.length > 0) {
    throw new Error(`The bank holiday changes cannot be used: ${problems.map((p) => p.message).join(' ')}`);
  }

  const byYear = new Map<number, Map<LocalDate, BankHoliday>>();
  const holidaysIn = (year: number): Map<LocalDate, BankHoliday> => {
    let holidays = byYear.get(year);
    if (!holidays) {
      holidays = new Map(applyChanges(year, changes).map((holiday) => [holiday.date, holiday]));
      byYear.set(year, holidays);
    }
    return holidays;
  };

  const bankHolidayOn = (date: LocalDate): BankHoliday | undefined => holidaysIn(yearOf(date)).get(date);
  const isBankHoliday = (date: LocalDate): boolean => bankHolidayOn(date) !== undefined;
  const isWorkingDay = (date: LocalDate): boolean => !isWeekend(date) && !isBankHoliday(date);

  const nextWorkingDay = (date: LocalDate): LocalDate => {
    let next = addDays(date, 1);
    while (!isWorkingDay(next)) next = addDays(next, 1);
    return next;
  };

  const addWorkingDays = (date: LocalDate, workingDays: number): LocalDate => {
    assertWholeNonNegative(workingDays);
    let result = date;
    for (let counted = 0; counted < workingDays; counted += 1) result = nextWorkingDay(result);
    return result;
  };

  const workingDaysBetween = (from: LocalDate, to: LocalDate): number => {
    if (compareLocalDates(to, from) < 0) return -workingDaysBetween(to, from);
    let count = 0;
    for (let day = addDays(from, 1); compareLocalDates(day, to) <= 0; day = addDays(day, 1)) {
      if (isWorkingDay(day)) count += 1;
    }
    return count;
  };

  return {
    bankHolidays: (year) => [...holidaysIn(year).values()],
    bankHolidayOn,
    isBankHoliday,
    isWorkingDay,
    nextWorkingDay,
    addWorkingDays,
    workingDaysBetween,
  };
}

/** England and Wales working days with the published one-off changes. */
export const englandAndWalesCalendar: WorkingDayCalendar = createWorkingDayCalendar();

export const {
  bankHolidays,
  bankHolidayOn,
  isBankHoliday,
  isWorkingDay,
  nextWorkingDay,
  addWorkingDays,
  workingDaysBetween,
} = englandAndWalesCalendar;
