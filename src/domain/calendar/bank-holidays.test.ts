import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bankHolidayChangesSchema, checkBankHolidayChanges } from './bank-holiday-changes.ts';
import { easterSunday, ruleBasedBankHolidays } from './bank-holiday-rules.ts';
import { englandAndWalesBankHolidayChanges } from './england-and-wales-bank-holiday-changes.ts';
import { dayOfWeek, isWeekend } from './local-date.ts';
import { bankHolidayOn, bankHolidays, createWorkingDayCalendar, isBankHoliday } from './working-days.ts';

const dates = (year: number): string[] => bankHolidays(year).map((holiday) => holiday.date);
const years = fc.integer({ min: 1980, max: 2100 });

describe('easterSunday', () => {
  it.each([
    [1981, '1981-04-19'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2020, '2020-04-12'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter %i is %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('is always a Sunday between 22 March and 25 April (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 4099 }), (year) => {
        const easter = easterSunday(year);
        expect(dayOfWeek(easter)).toBe(0);
        expect(easter.slice(5) >= '03-22' && easter.slice(5) <= '04-25').toBe(true);
      }),
    );
  });
});

describe('published England and Wales bank holidays', () => {
  it.each([
    [2020, ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28']],
    [
      2022,
      [
        '2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02',
        '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27',
      ],
    ],
    [2023, ['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26']],
    [2025, ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26']],
    [2026, ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']],
    [2027, ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28']],
    [1995, ['1995-01-02', '1995-04-14', '1995-04-17', '1995-05-08', '1995-05-29', '1995-08-28', '1995-12-25', '1995-12-26']],
    [2002, ['2002-01-01', '2002-03-29', '2002-04-01', '2002-05-06', '2002-06-03', '2002-06-04', '2002-08-26', '2002-12-25', '2002-12-26']],
    [2011, ['2011-01-03', '2011-04-22', '2011-04-25', '2011-04-29', '2011-05-02', '2011-05-30', '2011-08-29', '2011-12-26', '2011-12-27']],
    [2012, ['2012-01-02', '2012-04-06', '2012-04-09', '2012-05-07', '2012-06-04', '2012-06-05', '2012-08-27', '2012-12-25', '2012-12-26']],
  ])('%i matches the published list', (year, expected) => {
    expect(dates(year)).toEqual(expected);
  });

  it('names one-off days and says where they came from', () => {
    expect(bankHolidayOn('2022-06-02')).toEqual({ date: '2022-06-02', name: 'Spring bank holiday', origin: 'one-off move' });
    expect(bankHolidayOn('2022-09-19')?.origin).toBe('one-off addition');
    expect(bankHolidayOn('2023-05-08')?.name).toBe('Bank holiday for the coronation of King Charles III');
    expect(bankHolidayOn('2025-08-25')).toEqual({ date: '2025-08-25', name: 'Summer bank holiday', origin: 'rule' });
  });

  it.each(['2020-05-04', '2022-05-30', '1995-05-01', '2002-05-27', '2012-05-28'])(
    'the standing holiday moved away from %s is no longer a holiday',
    (date) => {
      expect(isBankHoliday(date)).toBe(false);
    },
  );
});

describe('substitute days', () => {
  it.each([
    ['Saturday', 2027, [['2027-12-27', 'Christmas Day', '2027-12-25'], ['2027-12-28', 'Boxing Day', '2027-12-26']]],
    ['Sunday', 2022, [['2022-12-26', 'Boxing Day', undefined], ['2022-12-27', 'Christmas Day', '2022-12-25']]],
    ['Friday', 2026, [['2026-12-25', 'Christmas Day', undefined], ['2026-12-28', 'Boxing Day', '2026-12-26']]],
    ['Thursday', 2025, [['2025-12-25', 'Christmas Day', undefined], ['2025-12-26', 'Boxing Day', undefined]]],
  ])('Christmas on a %s (%i)', (_weekday, year, expected) => {
    const christmas = ruleBasedBankHolidays(year).filter((holiday) => holiday.date.slice(5, 7) === '12');
    expect(christmas.map((h) => [h.date, h.name, h.substituteFor])).toEqual(expected);
  });

  it.each([
    [2022, '2022-01-03'],
    [2023, '2023-01-02'],
    [2021, '2021-01-01'],
  ])("New Year's Day %i is observed on %s", (year, expected) => {
    expect(ruleBasedBankHolidays(year)[0]).toMatchObject({ date: expected, name: "New Year's Day" });
  });
});

describe('rule-based bank holidays (properties, 1980 to 2100)', () => {
  it('there are exactly 8 each year, all on different dates within the year', () => {
    fc.assert(
      fc.property(years, (year) => {
        const holidays = ruleBasedBankHolidays(year);
        expect(holidays).toHaveLength(8);
        expect(new Set(holidays.map((h) => h.date)).size).toBe(8);
        expect(holidays.every((h) => h.date.startsWith(`${year}-`))).toBe(true);
      }),
      { numRuns: 121 },
    );
  });

  it('every substitute day is a weekday and replaces a holiday that fell at a weekend', () => {
    fc.assert(
      fc.property(years, (year) => {
        for (const holiday of ruleBasedBankHolidays(year).filter((h) => h.substituteFor !== undefined)) {
          expect(isWeekend(holiday.date)).toBe(false);
          expect(isWeekend(holiday.substituteFor ?? '')).toBe(true);
        }
      }),
      { numRuns: 121 },
    );
  });

  it('no bank holiday, including one-off days, falls at a weekend', () => {
    fc.assert(
      fc.property(years, (year) => {
        expect(bankHolidays(year).filter((h) => isWeekend(h.date))).toEqual([]);
      }),
      { numRuns: 121 },
    );
  });
});

describe('one-off changes data', () => {
  it('the published England and Wales changes fit the standing rules', () => {
    expect(checkBankHolidayChanges(englandAndWalesBankHolidayChanges)).toEqual([]);
    expect(bankHolidayChangesSchema.safeParse(englandAndWalesBankHolidayChanges).success).toBe(true);
  });

  it('lets a force administrator add a new proclamation supplied as JSON', () => {
    const fromAdmin = bankHolidayChangesSchema.parse(
      JSON.parse(
        JSON.stringify({
          ...englandAndWalesBankHolidayChanges,
          additions: [...englandAndWalesBankHolidayChanges.additions, { date: '2030-07-12', name: 'Example celebration' }],
          moves: [...englandAndWalesBankHolidayChanges.moves, { from: '2030-05-06', to: '2030-05-10', name: 'Early May (moved)' }],
        }),
      ),
    );
    const calendar = createWorkingDayCalendar(fromAdmin);
    expect(calendar.isBankHoliday('2030-07-12')).toBe(true);
    expect(calendar.isBankHoliday('2030-05-10')).toBe(true);
    expect(calendar.isBankHoliday('2030-05-06')).toBe(false);
    expect(isBankHoliday('2030-07-12')).toBe(false);
  });

  it('applies a cancellation', () => {
    const calendar = createWorkingDayCalendar({
      additions: [],
      moves: [],
      removals: [{ date: '2031-08-25', reason: 'Example cancellation' }],
    });
    expect(calendar.isBankHoliday('2031-08-25')).toBe(false);
    expect(calendar.bankHolidays(2031)).toHaveLength(7);
  });

  it('fills in missing lists and explains bad entries in plain English', () => {
    expect(bankHolidayChangesSchema.parse({})).toEqual({ additions: [], moves: [], removals: [] });
    const result = bankHolidayChangesSchema.safeParse({ additions: [{ date: '2030-02-30', name: ' ' }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'Enter a real date in the form YYYY-MM-DD, for example 2025-08-22.',
      'Give the bank holiday a name.',
    ]);
  });

  it.each([
    [
      'a move from a day that is not a standing holiday',
      { additions: [], moves: [{ from: '2030-05-07', to: '2030-05-10', name: 'Early May' }], removals: [] },
      ['not-a-standing-holiday'],
      '7 May 2030 is not a standing bank holiday, so it cannot be moved or cancelled.',
    ],
    [
      'a move into another year',
      { additions: [], moves: [{ from: '2030-12-26', to: '2031-01-02', name: 'Boxing Day' }], removals: [] },
      ['move-changes-year'],
      'The move of Boxing Day from 26 December 2030 to 2 January 2031 crosses into another year; record it as a cancellation and an addition instead.',
    ],
    [
      'an addition on an existing holiday',
      { additions: [{ date: '2030-12-25', name: 'Extra' }], moves: [], removals: [] },
      ['already-a-holiday'],
      '25 December 2030 is already a bank holiday, so "Extra" cannot be added on that date.',
    ],
    [
      'a cancellation of a day that is not a holiday',
      { additions: [], moves: [], removals: [{ date: '2030-03-03', reason: 'Example' }] },
      ['not-a-standing-holiday'],
      '3 March 2030 is not a standing bank holiday, so it cannot be moved or cancelled.',
    ],
  ])('rejects %s', (_case, changes, codes, firstMessage) => {
    const problems = checkBankHolidayChanges(changes);
    expect(problems.map((p) => p.code)).toEqual(codes);
    expect(problems[0]?.message).toBe(firstMessage);
    expect(() => createWorkingDayCalendar(changes)).toThrow(firstMessage);
  });

  it('allows an addition on a date whose standing holiday has been moved away', () => {
    const changes = {
      additions: [{ date: '2030-05-27', name: 'Example' }],
      moves: [{ from: '2030-05-27', to: '2030-05-28', name: 'Spring bank holiday' }],
      removals: [],
    };
    expect(checkBankHolidayChanges(changes)).toEqual([]);
    expect(createWorkingDayCalendar(changes).bankHolidays(2030).map((h) => h.date)).toContain('2030-05-28');
  });
});
