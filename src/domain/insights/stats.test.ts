import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHours, formatPercent, formatRatio, median, rate } from './stats.ts';

describe('rates and medians', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, 10, 0], 10],
  ])('median of %j is %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('the median lies between the smallest and largest value and does not depend on order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 50 }), (values) => {
        const m = median(values)!;
        expect(m).toBeGreaterThanOrEqual(Math.min(...values));
        expect(m).toBeLessThanOrEqual(Math.max(...values));
        expect(median([...values].reverse())).toBe(m);
      }),
    );
  });

  it.each([
    [1, 3, '33.3%'],
    [2, 3, '66.7%'],
    [1, 2, '50%'],
    [0, 4, '0%'],
    [0, 0, '–'],
  ])('%i of %i is %s', (n, d, shown) => {
    expect(formatPercent(rate(n, d).value)).toBe(shown);
  });

  it('formats ratios and hours', () => {
    expect(formatRatio(1, 2)).toBe('0.5 : 1');
    expect(formatRatio(3, 0)).toBe('–');
    expect(formatHours(4)).toBe('4 hours');
    expect(formatHours(96)).toBe('4 days');
    expect(formatHours(null)).toBe('–');
  });
});
