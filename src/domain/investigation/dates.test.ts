import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, localDateInLondon } from './dates.ts';

describe('dates', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-30', -30)).toBe('2025-02-28');
  });

  it('property: daysBetween undoes addDays', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20000 }), fc.integer({ min: -1000, max: 1000 }), (start, n) => {
        const from = addDays('1990-01-01', start);
        expect(daysBetween(from, addDays(from, n))).toBe(n);
      }),
    );
  });

  it('gives the London calendar date, including in summer time', () => {
    expect(localDateInLondon(new Date('2025-01-15T23:59:00Z'))).toBe('2025-01-15');
    expect(localDateInLondon(new Date('2025-07-15T23:30:00Z'))).toBe('2025-07-16');
  });
});
