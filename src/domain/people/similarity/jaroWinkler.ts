const WINKLER_PREFIX_LIMIT = 4;
const WINKLER_SCALING = 0.1;

/**
 * Jaro-Winkler similarity (0 to 1) of two strings, compared by Unicode code point:
 * Jaro similarity raised for a common prefix of up to four characters. The pair is put
 * in a fixed order first so the result does not depend on argument order.
 */
export function jaroWinkler(a: string, b: string): number {
  const [first, second] = a <= b ? [Array.from(a), Array.from(b)] : [Array.from(b), Array.from(a)];
  const jaro = jaroSimilarity(first, second);
  let prefix = 0;
  while (prefix < WINKLER_PREFIX_LIMIT && prefix < first.length && first[prefix] === second[prefix]) prefix++;
  return jaro + prefix * WINKLER_SCALING * (1 - jaro);
}

function jaroSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const matchedInB = new Array<boolean>(b.length).fill(false);
  const matchesFromA: string[] = [];
  a.forEach((character, i) => {
    const end = Math.min(b.length - 1, i + window);
    for (let j = Math.max(0, i - window); j <= end; j++) {
      if (!matchedInB[j] && b[j] === character) {
        matchedInB[j] = true;
        matchesFromA.push(character);
        return;
      }
    }
  });
  const matches = matchesFromA.length;
  if (matches === 0) return 0;
  const matchesFromB = b.filter((_, j) => matchedInB[j]);
  const halfTranspositions = matchesFromA.filter((character, k) => character !== matchesFromB[k]).length;
  const transpositions = halfTranspositions / 2;
  return (matches / a.length + matches / b.length + (matches - transpositions) / matches) / 3;
}
