/**
 * Remembers the results of a pure function of one string, so that scoring a hundred
 * candidates does not normalise and encode the same names again for every comparison.
 * The cache is emptied when it reaches `limit` entries, which bounds its memory.
 */
export function memoised<T>(fn: (text: string) => T, limit = 20_000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text: string): T => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const value = fn(text);
    if (cache.size >= limit) cache.clear();
    cache.set(text, value);
    return value;
  };
}
