import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, compareLocalDates, isWeekend } from './local-date.ts';
import { localDateArbitrary } from './test-arbitraries.ts';
import { addWorkingDays, isBankHoliday, isWorkingDay, nextWorkingDay, workingDaysBetween } from './working-days.ts';

const workingDayCounts = fc.integer({ min: 1, max: 60 });

describe('isWorkingDay', () => {
  it.each([
    ['2025-08-22', true, 'Friday'],
    ['2025-08-23', false, 'Saturday'],
    ['2025-08-24', false, 'Sunday'],
    ['2025-08-25', false, 'summer bank holiday'],
    ['2025-08-26', true, 'Tuesday'],
    ['2022-06-02', false, 'spring bank holiday moved for the Platinum Jubilee'],
    ['2022-06-03', false, 'Platinum Jubilee'],
    ['2022-05-30', true, 'the usual spring bank holiday date, moved in 2022'],
    ['2022-09-19', false, 'State Funeral'],
    ['2020-05-08', false, 'VE day'],
    ['2020-05-04', true, 'the usual early May date, moved in 2020'],
  ])('%s: %s (%s)', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });
});

describe('addWorkingDays and nextWorkingDay', () => {
  it.each([
    ['2025-08-22', 1, '2025-08-26', 'over a weekend and the summer bank holiday'],
    ['2025-08-22', 5, '2025-09-01', 'five working days past the bank holiday'],
    ['2025-04-17', 1, '2025-04-22', 'Easter: Maundy Thursday to the Tuesday after Easter Monday'],
    ['2026-04-02', 1, '2026-04-07', 'Easter 2026'],
    ['2025-12-24', 1, '2025-12-29', 'Christmas Eve 2025'],
    ['2026-12-24', 1, '2026-12-29', 'Christmas 2026 with Boxing Day substitute'],
    ['2027-12-24', 1, '2027-12-29', 'Christmas 2027 with both substitutes'],
    ['2022-12-23', 1, '2022-12-28', 'Christmas 2022 on a Sunday'],
    ['2022-06-01', 1, '2022-06-06', 'Platinum Jubilee 2022'],
    ['2022-09-16', 1, '2022-09-20', 'State Funeral 2022'],
    ['2023-05-05', 1, '2023-05-09', 'coronation 2023'],
    ['2025-08-25', 1, '2025-08-26', 'starting on a bank holiday'],
    ['2025-08-23', 0, '2025-08-23', 'adding nothing leaves the date alone'],
  ])('%s + %i working days = %s (%s)', (date, days, expected) => {
    expect(addWorkingDays(date, days)).toBe(expected);
    expect(workingDaysBetween(date, expected)).toBe(days);
  });

  it('nextWorkingDay skips weekends and bank holidays', () => {
    expect(nextWorkingDay('2025-08-22')).toBe('2025-08-26');
    expect(nextWorkingDay('2025-08-26')).toBe('2025-08-27');
  });

  it.each([-1, 1.5, Number.NaN])('refuses %d working days with a plain-English message', (days) => {
    expect(() => addWorkingDays('2025-08-22', days)).toThrow(/whole number of 0 or more/);
  });

  it('always lands on a working day when n >= 1 (property)', () => {
    fc.assert(
      fc.property(localDateArbitrary(), workingDayCounts, (date, n) => {
        const result = addWorkingDays(date, n);
        expect(isWorkingDay(result)).toBe(true);
        expect(isWeekend(result) || isBankHoliday(result)).toBe(false);
      }),
    );
  });

  it('is strictly increasing in n (property)', () => {
    fc.assert(
      fc.property(localDateArbitrary(), fc.integer({ min: 0, max: 59 }), (date, n) => {
        expect(compareLocalDates(addWorkingDays(date, n), addWorkingDays(date, n + 1))).toBeLessThan(0);
      }),
    );
  });

  it('workingDaysBetween inverts addWorkingDays, both ways round (property)', () => {
    fc.assert(
      fc.property(localDateArbitrary(), fc.integer({ min: 0, max: 60 }), (date, n) => {
        const later = addWorkingDays(date, n);
        expect(workingDaysBetween(date, later)).toBe(n);
        expect(workingDaysBetween(later, date)).toBe(0 - n);
      }),
    );
  });

  it('returns the first day on which n working days have passed (property)', () => {
    fc.assert(
      fc.property(localDateArbitrary(), workingDayCounts, (date, n) => {
        const result = addWorkingDays(date, n);
        expect(workingDaysBetween(date, addDays(result, -1))).toBe(n - 1);
        expect(nextWorkingDay(addWorkingDays(date, n - 1))).toBe(result);
      }),
    );
  });
});
