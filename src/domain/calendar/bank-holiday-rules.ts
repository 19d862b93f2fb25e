import { addDays, dayOfWeek, daysInMonth, isWeekend, localDateFromParts } from './local-date.ts';
import type { DayOfWeek, LocalDate } from './local-date.ts';

/** Where a bank holiday comes from: the standing rules, or a one-off change in the data file. */
export type BankHolidayOrigin = 'rule' | 'one-off addition' | 'one-off move';

/** One bank holiday in England and Wales. */
export interface BankHoliday {
  date: LocalDate;
  name: string;
  origin: BankHolidayOrigin;
  /** Set on substitute days: the weekend date the holiday fell on. */
  substituteFor?: LocalDate;
}

/** Names of the eight standing bank holidays, as published on GOV.UK. */
export const ruleBasedBankHolidayNames = {
  newYear: "New Year's Day",
  goodFriday: 'Good Friday',
  easterMonday: 'Easter Monday',
  earlyMay: 'Early May bank holiday',
  spring: 'Spring bank holiday',
  summer: 'Summer bank holiday',
  christmas: 'Christmas Day',
  boxingDay: 'Boxing Day',
} as const;

const MONDAY: DayOfWeek = 1;

/**
 * Easter Sunday in the Gregorian calendar (the anonymous Gregorian, or Meeus/Jones/Butcher,
 * computus).
 */
export function easterSunday(year: number): LocalDate {
  const golden = year % 19;
  const century = Math.floor(year / 100);
  const yearOfCentury = year % 100;
  const leapCenturies = Math.floor(century / 4);
  const centuryRemainder = century % 4;
  const lunarCorrection = Math.floor((century + 8) / 25);
  const solarCorrection = Math.floor((century - lunarCorrection + 1) / 3);
  const epact = (19 * golden + century - leapCenturies - solarCorrection + 15) % 30;
  const leapYearsInCentury = Math.floor(yearOfCentury / 4);
  const yearRemainder = yearOfCentury % 4;
  const weekday = (32 + 2 * centuryRemainder + 2 * leapYearsInCentury - epact - yearRemainder) % 7;
  const adjustment = Math.floor((golden + 11 * epact + 22 * weekday) / 451);
  const monthAndDay = epact + weekday - 7 * adjustment + 114;
  return localDateFromParts(year, Math.floor(monthAndDay / 31), (monthAndDay % 31) + 1);
}

function firstMondayOf(year: number, month: number): LocalDate {
  const first = localDateFromParts(year, month, 1);
  return addDays(first, (MONDAY - dayOfWeek(first) + 7) % 7);
}

function lastMondayOf(year: number, month: number): LocalDate {
  const last = localDateFromParts(year, month, daysInMonth(year, month));
  return addDays(last, -((dayOfWeek(last) - MONDAY + 7) % 7));
}

/**
 * Places fixed-date holidays. Those on a weekday keep their date; each one that falls at a
 * weekend moves, in date order, to the next weekday not already a holiday. So Christmas on a
 * Sunday gives Boxing Day on Monday 26 and Christmas (substitute) on Tuesday 27.
 */
function withSubstituteDays(fixed: readonly { date: LocalDate; name: string }[]): BankHoliday[] {
  const placed: BankHoliday[] = fixed
    .filter((holiday) => !isWeekend(holiday.date))
    .map((holiday) => ({ ...holiday, origin: 'rule' }));
  const taken = new Set(placed.map((holiday) => holiday.date));
  for (const holiday of fixed.filter((h) => isWeekend(h.date))) {
    let substitute = addDays(holiday.date, 1);
    while (isWeekend(substitute) || taken.has(substitute)) substitute = addDays(substitute, 1);
    taken.add(substitute);
    placed.push({ date: substitute, name: holiday.name, origin: 'rule', substituteFor: holiday.date });
  }
  return placed;
}

/**
 * The eight standing bank holidays in England and Wales for a year, with substitute days,
 * in date order, before any one-off changes. The rules match the law since 1978, when the
 * early May bank holiday began.
 */
export function ruleBasedBankHolidays(year: number): BankHoliday[] {
  const easter = easterSunday(year);
  const names = ruleBasedBankHolidayNames;
  const movable: BankHoliday[] = [
    { date: addDays(easter, -2), name: names.goodFriday, origin: 'rule' },
    { date: addDays(easter, 1), name: names.easterMonday, origin: 'rule' },
    { date: firstMondayOf(year, 5), name: names.earlyMay, origin: 'rule' },
    { date: lastMondayOf(year, 5), name: names.spring, origin: 'rule' },
    { date: lastMondayOf(year, 8), name: names.summer, origin: 'rule' },
  ];
  const newYear = withSubstituteDays([{ date: localDateFromParts(year, 1, 1), name: names.newYear }]);
  const christmas = withSubstituteDays([
    { date: localDateFromParts(year, 12, 25), name: names.christmas },
    { date: localDateFromParts(year, 12, 26), name: names.boxingDay },
  ]);
  return [...newYear, ...movable, ...christmas].sort((a, b) => a.date.localeCompare(b.date));
}
