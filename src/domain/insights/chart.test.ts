import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chartGeometry, niceMax } from './chart.ts';

describe('chart geometry', () => {
  it.each([
    [0, 1],
    [1, 1],
    [3, 5],
    [7, 10],
    [12, 20],
    [140, 200],
    [5e-324, 1],
  ])('axis top for %d is %d', (v, top) => {
    expect(niceMax(v)).toBe(top);
  });

  it('draws bars inside the plot, taller for larger values, none for missing values', () => {
    const g = chartGeometry([
      { label: 'Jan', value: 2 },
      { label: 'Feb', value: 4 },
      { label: 'Mar', value: null },
    ]);
    expect(g.max).toBe(5);
    expect(g.bars[1]!.height).toBeGreaterThan(g.bars[0]!.height);
    expect(g.bars[2]!.height).toBe(0);
    expect(g.line.split(' ')).toHaveLength(2);
  });

  it('percent charts run from 0% to 100%', () => {
    const g = chartGeometry([{ label: 'Jan', value: 0.5 }], { percent: true });
    expect(g.ticks.map((t) => t.label)).toEqual(['0%', '25%', '50%', '75%', '100%']);
    expect(g.bars[0]!.height).toBeCloseTo((g.plot.bottom - g.plot.top) / 2, 0);
  });

  it('every bar stays within the plot area, whatever the values', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ min: 0, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 36 }), (values) => {
        const g = chartGeometry(values.map((v, i) => ({ label: String(i), value: v })));
        for (const b of g.bars) {
          expect(b.y).toBeGreaterThanOrEqual(g.plot.top - 0.1);
          expect(b.y + b.height).toBeLessThanOrEqual(g.plot.bottom + 0.1);
          expect(b.x).toBeGreaterThanOrEqual(g.plot.left);
          expect(b.x + b.width).toBeLessThanOrEqual(g.plot.right + 0.1);
        }
      }),
    );
  });
});
