import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import { addDays } from './local-date.ts';
import { endOfLondonDay, londonDateOf, startOfLondonDay, todayInLondon } from './london-time.ts';
import { localDateArbitrary } from './test-arbitraries.ts';

describe('londonDateOf', () => {
  it.each([
    ['2025-08-22T22:59:59.999Z', '2025-08-22', 'late evening in BST'],
    ['2025-08-22T23:00:00.000Z', '2025-08-23', 'midnight BST is 23:00 UTC'],
    ['2025-01-10T23:30:00.000Z', '2025-01-10', 'GMT: London and UTC agree'],
    ['2025-03-30T00:59:59.000Z', '2025-03-30', 'just before clocks go forward'],
    ['2025-10-25T23:30:00.000Z', '2025-10-26', 'night the clocks go back, still BST'],
    ['2025-10-26T23:30:00.000Z', '2025-10-26', 'after the clocks went back'],
  ])('%s is %s in London (%s)', (instant, expected) => {
    expect(londonDateOf(new Date(instant))).toBe(expected);
  });

  it('reads today from an injected clock', () => {
    expect(todayInLondon(fixedClock('2025-06-30T23:15:00Z'))).toBe('2025-07-01');
  });
});

describe('start and end of a London day', () => {
  it.each([
    ['2025-08-26', '2025-08-25T23:00:00.000Z', '2025-08-26T22:59:59.999Z'],
    ['2025-01-10', '2025-01-10T00:00:00.000Z', '2025-01-10T23:59:59.999Z'],
    ['2025-03-30', '2025-03-30T00:00:00.000Z', '2025-03-30T22:59:59.999Z'],
    ['2025-10-26', '2025-10-25T23:00:00.000Z', '2025-10-26T23:59:59.999Z'],
  ])('%s runs from %s to %s', (date, start, end) => {
    expect(startOfLondonDay(date).toISOString()).toBe(start);
    expect(endOfLondonDay(date).toISOString()).toBe(end);
  });

  it('refuses an invalid date rather than returning an invalid instant', () => {
    expect(() => endOfLondonDay('2025-02-30')).toThrow(RangeError);
  });

  it('round-trips: the start and end of a London day fall on that day, and the next instant is the next day (property)', () => {
    fc.assert(
      fc.property(localDateArbitrary(), (date) => {
        const end = endOfLondonDay(date);
        expect(londonDateOf(startOfLondonDay(date))).toBe(date);
        expect(londonDateOf(end)).toBe(date);
        expect(londonDateOf(new Date(end.getTime() + 1))).toBe(addDays(date, 1));
        expect(londonDateOf(new Date(startOfLondonDay(date).getTime() - 1))).toBe(addDays(date, -1));
      }),
    );
  });

  it('every London day lasts 23, 24 or 25 hours (property)', () => {
    fc.assert(
      fc.property(localDateArbitrary(), (date) => {
        const hours = (endOfLondonDay(date).getTime() + 1 - startOfLondonDay(date).getTime()) / 3_600_000;
        expect([23, 24, 25]).toContain(hours);
      }),
    );
  });
});
