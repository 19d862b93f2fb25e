import { memoised } from '../memo.ts';

const WORD_SEPARATOR = /[^\p{L}\p{N}]+/u;
/** Characters outside the Basic Multilingual Plane take two UTF-16 units; trigrams count code points. */
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The trigrams of a text as PostgreSQL's pg_trgm defines them: the text is split into words
 * of letters and digits, each lowercased; each word is padded with two spaces in front and
 * one behind; every run of three characters is a trigram; duplicates count once.
 * ('cat' -> '  c', ' ca', 'cat', 'at '.)
 */
export const trigrams: (text: string) => ReadonlySet<string> = memoised(trigramsOf);

function trigramsOf(text: string): ReadonlySet<string> {
  const result = new Set<string>();
  for (const word of text.split(WORD_SEPARATOR)) {
    if (word === '') continue;
    const padded = `  ${word.toLowerCase()} `;
    if (SURROGATE.test(padded)) {
      const characters = Array.from(padded);
      for (let i = 0; i + 3 <= characters.length; i++) result.add(characters.slice(i, i + 3).join(''));
    } else {
      for (let i = 0; i + 3 <= padded.length; i++) result.add(padded.substring(i, i + 3));
    }
  }
  return result;
}

/**
 * Trigram similarity as pg_trgm's `similarity()`: trigrams in common divided by trigrams in
 * either. Texts without any word characters have similarity 0, as in PostgreSQL.
 */
export function trigramSimilarity(a: string, b: string): number {
  const left = trigrams(a);
  const right = trigrams(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const trigram of left) if (right.has(trigram)) shared++;
  return shared / (left.size + right.size - shared);
}
