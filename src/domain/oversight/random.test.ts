import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeededRandom, seededShuffle } from './random.ts';

function draws(seed: string | number, n: number): number[] {
  const random = createSeededRandom(seed);
  return Array.from({ length: n }, () => random.nextUint32());
}

describe('createSeededRandom', () => {
  it('gives the same sequence for the same seed', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        expect(draws(seed, 20)).toEqual(draws(seed, 20));
      }),
    );
  });

  it('gives different sequences for different seeds', () => {
    expect(draws('panel-2025', 8)).not.toEqual(draws('panel-2026', 8));
    expect(draws(1, 8)).not.toEqual(draws(2, 8));
  });

  it('keeps nextInt within its bound', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 2 ** 32 }), (seed, bound) => {
        const value = createSeededRandom(seed).nextInt(bound);
        expect(Number.isInteger(value) && value >= 0 && value < bound).toBe(true);
      }),
    );
  });

  it('refuses a bound that is not a positive whole number', () => {
    expect(() => createSeededRandom('s').nextInt(0)).toThrow(RangeError);
    expect(() => createSeededRandom('s').nextInt(2.5)).toThrow(RangeError);
  });

  it('spreads values evenly (each of six outcomes within 5% of its share over 60,000 draws)', () => {
    const random = createSeededRandom('dice');
    const tally = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i += 1) {
      const face = random.nextInt(6);
      tally[face] = (tally[face] ?? 0) + 1;
    }
    for (const count of tally) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});

describe('seededShuffle', () => {
  it('returns a permutation and leaves the input alone', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.string(), (items, seed) => {
        const copy = [...items];
        const shuffled = seededShuffle(items, createSeededRandom(seed));
        expect(items).toEqual(copy);
        expect([...shuffled].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
      }),
    );
  });

  it('is reproducible from the seed', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    expect(seededShuffle(items, createSeededRandom('x'))).toEqual(seededShuffle(items, createSeededRandom('x')));
    expect(seededShuffle(items, createSeededRandom('x'))).not.toEqual(items);
  });
});
