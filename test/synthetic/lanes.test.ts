import { describe, expect, it } from 'vitest';
import { inLanes, splitIntoLanes, type TableSpec } from '../../scripts/synth/loader.ts';

const batch = (name: string, chars: number) => ({
  spec: { name, columns: [['c', 'text']] } as TableSpec,
  columns: [['x'.repeat(chars)]],
  rows: 1,
});

describe('spreading a flush over connections', () => {
  it.each([
    { lanes: 1, sizes: [5, 3, 2], expected: [['a', 'b', 'c']] },
    { lanes: 2, sizes: [5, 3, 2], expected: [['a'], ['b', 'c']] },
    { lanes: 2, sizes: [1, 1, 1, 1], expected: [['a', 'c'], ['b', 'd']] },
    { lanes: 3, sizes: [9], expected: [['a']] },
  ])('$lanes lanes for sizes $sizes', ({ lanes, sizes, expected }) => {
    const batches = sizes.map((n, i) => batch(String.fromCharCode(97 + i), n));
    expect(splitIntoLanes(batches, lanes).map((lane) => lane.map((b) => b.spec.name))).toEqual(expected);
  });

  it('runs every item once, never more than the number of lanes at a time', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await inLanes([1, 2, 3, 4, 5], 2, async (n) => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 5));
      seen.push(n);
      running--;
    });
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });

  it('starts nothing more after a failure, and throws the first error', async () => {
    const started: number[] = [];
    const run = inLanes([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n);
      await new Promise((r) => setTimeout(r, 5));
      if (n === 1) throw new Error('batch 1 failed');
    });
    await expect(run).rejects.toThrow('batch 1 failed');
    expect(started).toEqual([1, 2]);
  });
});
