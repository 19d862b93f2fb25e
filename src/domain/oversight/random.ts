/**
 * A small seeded pseudo-random generator (xoshiro128**) so that samples can be
 * reproduced exactly from their seed. Not for cryptographic use.
 */
export interface SeededRandom {
  /** The next unsigned 32-bit integer. */
  nextUint32(): number;
  /** A uniformly distributed integer in [0, bound). */
  nextInt(bound: number): number;
}

const UINT32 = 0x1_0000_0000;

/** FNV-1a hash of a string's UTF-16 code units, as an unsigned 32-bit integer. */
function hashSeed(seed: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i += 1) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** splitmix32: expands one 32-bit seed into a stream of well-mixed state words. */
function splitmix32(start: number): () => number {
  let state = start >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function rotl(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}

/** Creates a generator whose whole sequence is determined by the seed. */
export function createSeededRandom(seed: string | number): SeededRandom {
  const expand = splitmix32(hashSeed(String(seed)));
  const s = [expand(), expand(), expand(), expand()] as [number, number, number, number];

  function nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] = (s[2] ^ t) >>> 0;
    s[3] = rotl(s[3], 11);
    s[0] >>>= 0;
    s[1] >>>= 0;
    s[2] >>>= 0;
    return result;
  }

  function nextInt(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0 || bound > UINT32) {
      throw new RangeError(`nextInt needs a whole number bound between 1 and 2^32, not ${bound}`);
    }
    // Rejection sampling removes the bias of a plain modulo.
    const limit = UINT32 - (UINT32 % bound);
    let value = nextUint32();
    while (value >= limit) value = nextUint32();
    return value % bound;
  }

  return { nextUint32, nextInt };
}

/** Returns a shuffled copy (Fisher–Yates) driven by the given generator. */
export function seededShuffle<T>(items: readonly T[], random: SeededRandom): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i -= 1) {
    const j = random.nextInt(i + 1);
    const a = result[i] as T;
    result[i] = result[j] as T;
    result[j] = a;
  }
  return result;
}
