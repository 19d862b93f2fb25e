import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  compareLocalDates,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  formatLocalDate,
  isLocalDate,
  isWeekend,
  localDateFromParts,
  localDateSchema,
  parseLocalDate,
} from './local-date.ts';
import { localDateArbitrary } from './test-arbitraries.ts';

describe('isLocalDate and parseLocalDate', () => {
  it.each(['2025-08-22', '2024-02-29', '2000-02-29', '1980-01-01', '2100-12-31'])('accepts %s', (value) => {
    expect(isLocalDate(value)).toBe(true);
    expect(parseLocalDate(value)).toBe(value);
  });

  it.each([
    '2025-02-29',
    '1900-02-29',
    '2025-13-01',
    '2025-00-10',
    '2025-04-31',
    '2025-8-22',
    '22/08/2025',
    '2025-08-22T10:00:00Z',
    '',
  ])('rejects %j with a message saying what form is expected', (value) => {
    expect(isLocalDate(value)).toBe(false);
    expect(() => parseLocalDate(value)).toThrow(/not a valid date\. Use the form YYYY-MM-DD/);
  });

  it('rejects values that are not strings', () => {
    expect(isLocalDate(20250822)).toBe(false);
    expect(isLocalDate(new Date('2025-08-22'))).toBe(false);
  });

  it('has a zod schema with a plain-English message', () => {
    expect(localDateSchema.safeParse('2025-08-22').success).toBe(true);
    const result = localDateSchema.safeParse('2025-02-30');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Enter a real date in the form YYYY-MM-DD, for example 2025-08-22.');
  });

  it('builds dates from parts, including years below 100, and refuses impossible ones', () => {
    expect(localDateFromParts(2026, 6, 30)).toBe('2026-06-30');
    expect(localDateFromParts(50, 1, 2)).toBe('0050-01-02');
    expect(() => localDateFromParts(2026, 6, 31)).toThrow(RangeError);
  });
});

describe('addDays and daysBetween', () => {
  it.each([
    ['2025-08-22', 1, '2025-08-23'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2025-03-30', 1, '2025-03-31'],
    ['2025-03-03', 7, '2025-03-10'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(days);
  });

  it('daysBetween inverts addDays (property)', () => {
    fc.assert(
      fc.property(localDateArbitrary(), fc.integer({ min: -2000, max: 2000 }), (date, days) => {
        expect(daysBetween(date, addDays(date, days))).toBe(days);
      }),
    );
  });
});

describe('addMonths and addYears clamp to the end of the month', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2025-08-31', 6, '2026-02-28'],
    ['2027-03-03', -3, '2026-12-03'],
    ['2025-11-15', 3, '2026-02-15'],
    ['2025-01-15', -13, '2023-12-15'],
    ['2026-05-31', -1, '2026-04-30'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2025-03-03', 2, '2027-03-03'],
  ])('%s + %i years = %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });

  it('lands in the right month, on the same day or the last day of a shorter month (property)', () => {
    fc.assert(
      fc.property(localDateArbitrary(), fc.integer({ min: -240, max: 240 }), (date, months) => {
        const result = addMonths(date, months);
        const [year, month, day] = date.split('-').map(Number) as [number, number, number];
        const [resultYear, resultMonth, resultDay] = result.split('-').map(Number) as [number, number, number];
        expect(resultYear * 12 + resultMonth - (year * 12 + month)).toBe(months);
        expect(resultDay).toBe(Math.min(day, daysInMonth(resultYear, resultMonth)));
      }),
    );
  });

  it('is monotonic: a later start never gives an earlier result (property)', () => {
    fc.assert(
      fc.property(localDateArbitrary(), localDateArbitrary(), fc.integer({ min: -60, max: 60 }), (a, b, months) => {
        const [earlier, later] = compareLocalDates(a, b) <= 0 ? [a, b] : [b, a];
        expect(compareLocalDates(addMonths(earlier, months), addMonths(later, months))).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe('days of the week, comparison and formatting', () => {
  it.each([
    ['2025-08-22', 5, false],
    ['2025-08-23', 6, true],
    ['2025-08-24', 0, true],
    ['2025-08-25', 1, false],
    ['2000-01-01', 6, true],
  ] as const)('%s is day %i (weekend: %s)', (date, day, weekend) => {
    expect(dayOfWeek(date)).toBe(day);
    expect(isWeekend(date)).toBe(weekend);
  });

  it('compares dates in calendar order, not only as text', () => {
    expect(compareLocalDates('2025-08-22', '2025-08-26')).toBeLessThan(0);
    expect(compareLocalDates('2025-08-26', '2025-08-22')).toBeGreaterThan(0);
    expect(compareLocalDates('2025-08-22', '2025-08-22')).toBe(0);
    expect(['2026-01-01', '2025-12-31', '2025-02-01'].sort(compareLocalDates)).toEqual([
      '2025-02-01',
      '2025-12-31',
      '2026-01-01',
    ]);
  });

  it('formats dates for people in UK style', () => {
    expect(formatLocalDate('2026-06-30')).toBe('30 June 2026');
    expect(formatLocalDate('2025-08-01')).toBe('1 August 2025');
  });
});
