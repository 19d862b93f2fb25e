import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, compareLocalDates, daysBetween } from '../calendar/index.ts';
import { localDateArbitrary } from '../calendar/test-arbitraries.ts';
import { bucketOf, defaultPeriod, fillBuckets, monthBuckets, monthKey, periodProblem, type Period } from './period.ts';

const periodArb: fc.Arbitrary<Period> = fc
  .tuple(localDateArbitrary('2000-01-01', '2040-12-31'), fc.integer({ min: 0, max: 800 }))
  .map(([from, length]) => ({ from, to: addDays(from, length) }));

describe('month buckets (properties)', () => {
  it('cover the period exactly: first starts at its start, last ends at its end, each follows the last with no gap or overlap', () => {
    fc.assert(
      fc.property(periodArb, (period) => {
        const buckets = monthBuckets(period);
        expect(buckets[0]!.from).toBe(period.from);
        expect(buckets.at(-1)!.to).toBe(period.to);
        for (let i = 1; i < buckets.length; i++) expect(buckets[i]!.from).toBe(addDays(buckets[i - 1]!.to, 1));
        for (const b of buckets) expect(compareLocalDates(b.from, b.to)).toBeLessThanOrEqual(0);
        const days = buckets.reduce((s, b) => s + daysBetween(b.from, b.to) + 1, 0);
        expect(days).toBe(daysBetween(period.from, period.to) + 1);
      }),
    );
  });

  it('every date in the period falls in exactly one bucket, the one with its month key; dates outside fall in none', () => {
    fc.assert(
      fc.property(periodArb, fc.integer({ min: -40, max: 840 }), (period, offset) => {
        const buckets = monthBuckets(period);
        const date = addDays(period.from, offset);
        const inside = compareLocalDates(period.from, date) <= 0 && compareLocalDates(date, period.to) <= 0;
        const holding = buckets.filter((b) => compareLocalDates(b.from, date) <= 0 && compareLocalDates(date, b.to) <= 0);
        expect(holding.length).toBe(inside ? 1 : 0);
        if (inside) {
          expect(bucketOf(buckets, date)?.key).toBe(monthKey(date));
        } else expect(bucketOf(buckets, date)).toBeUndefined();
      }),
    );
  });

  it('keys are distinct and in order; each bucket lies within one month', () => {
    fc.assert(
      fc.property(periodArb, (period) => {
        const buckets = monthBuckets(period);
        const keys = buckets.map((b) => b.key);
        expect(new Set(keys).size).toBe(keys.length);
        expect([...keys].sort()).toEqual(keys);
        for (const b of buckets) expect(monthKey(b.from)).toBe(monthKey(b.to));
      }),
    );
  });

  it('filling keeps every bucket once, in order, and drops rows outside the period', () => {
    fc.assert(
      fc.property(periodArb, fc.array(localDateArbitrary('1999-01-01', '2043-12-31'), { maxLength: 30 }), (period, dates) => {
        const buckets = monthBuckets(period);
        const rows = new Map(dates.map((d) => [monthKey(d), 1]));
        const filled = fillBuckets(buckets, rows, () => 0);
        expect(filled.map((f) => f.bucket)).toEqual(buckets);
        for (const f of filled) expect(f.value).toBe(rows.has(f.bucket.key) ? 1 : 0);
      }),
    );
  });
});

describe('periods', () => {
  it.each([
    ['2026-01-01', '2026-12-31', null],
    ['2026-02-30', '2026-12-31', 'Enter the start of the period as a real date'],
    ['2026-01-01', 'soon', 'Enter the end of the period as a real date'],
    ['2026-05-01', '2026-04-30', 'The start of the period must be on or before its end'],
    ['2020-01-01', '2026-01-01', 'Choose a period of three years or less'],
  ])('%s to %s', (from, to, problem) => {
    expect(periodProblem(from, to)).toBe(problem);
  });

  it('defaults to the last twelve months, today included', () => {
    expect(defaultPeriod('2026-11-25')).toEqual({ from: '2025-11-26', to: '2026-11-25' });
    expect(monthBuckets(defaultPeriod('2026-11-25')).map((b) => b.label)).toEqual([
      'Nov 2025', 'Dec 2025', 'Jan 2026', 'Feb 2026', 'Mar 2026', 'Apr 2026', 'May 2026', 'Jun 2026', 'Jul 2026', 'Aug 2026', 'Sep 2026', 'Oct 2026', 'Nov 2026',
    ]);
  });

  it('cuts the first and last months to the period', () => {
    const b = monthBuckets({ from: '2026-01-15', to: '2026-03-03' });
    expect(b.map((x) => [x.key, x.from, x.to])).toEqual([
      ['2026-01', '2026-01-15', '2026-01-31'],
      ['2026-02', '2026-02-01', '2026-02-28'],
      ['2026-03', '2026-03-01', '2026-03-03'],
    ]);
  });
});
