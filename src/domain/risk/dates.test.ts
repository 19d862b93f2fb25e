import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import { addDays, addMonths, daysBetween, formatDate, isLocalDate, today } from './dates.ts';

const date = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('dates', () => {
  it.each<[string, number, string]>([
    ['2024-02-29', 12, '2025-02-28'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2025-06-15', -12, '2024-06-15'],
    ['2025-03-31', -1, '2025-02-28'],
  ])('%s plus %i months is %s', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });

  it.each<[string, boolean]>([['2025-02-28', true], ['2025-02-29', false], ['2025-13-01', false], ['2025-1-01', false]])('%s is a real date: %s', (text, valid) => {
    expect(isLocalDate(text)).toBe(valid);
  });

  it('uses UK local time for today', () => {
    expect(today(fixedClock('2025-06-12T23:30:00Z'))).toBe('2025-06-13');
    expect(today(fixedClock('2025-01-12T23:30:00Z'))).toBe('2025-01-12');
  });

  it('formats dates in plain English', () => {
    expect(formatDate('2025-03-04')).toBe('4 March 2025');
  });

  it('adding days and counting them agree', () => {
    fc.assert(fc.property(date, fc.integer({ min: -800, max: 800 }), (d, n) => {
      expect(daysBetween(d, addDays(d, n))).toBe(n);
    }));
  });

  it('adding months never overshoots the target month and keeps the day where it exists', () => {
    fc.assert(fc.property(date, fc.integer({ min: -24, max: 24 }), (d, n) => {
      const result = addMonths(d, n);
      expect(isLocalDate(result)).toBe(true);
      const monthIndex = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7));
      expect(monthIndex(result) - monthIndex(d)).toBe(n);
      expect(Number(result.slice(8))).toBeLessThanOrEqual(Number(d.slice(8)));
    }));
  });
});
