import { memoised } from '../memo.ts';
import { LETTER_FOLDS, NAME_JOINERS, PATRONYMIC_PREFIX_VARIANTS, SURNAME_PREFIXES } from '../data/letters.ts';

const JOINER_PATTERN = new RegExp(`[${NAME_JOINERS.join('')}]`, 'gu');
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;
const COMBINING_MARK = /\p{M}/gu;
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** Lowercase, remove accents and fold letters that have no plain Latin decomposition (ß -> ss). */
export function foldToPlainLetters(text: string): string {
  if (PLAIN_ASCII.test(text)) return text.toLowerCase();
  const lower = text.normalize('NFKD').replace(COMBINING_MARK, '').toLowerCase();
  return Array.from(lower, (ch) => LETTER_FOLDS[ch] ?? ch).join('');
}

/**
 * Normalise any name or place name for comparison: lowercase, accents removed,
 * apostrophes removed (O'Brien -> obrien), other punctuation and hyphens treated as
 * spaces (Smith-Jones -> smith jones), spaces collapsed. Idempotent.
 */
export const normaliseName: (raw: string) => string = memoised(normaliseNameOf);

function normaliseNameOf(raw: string): string {
  return foldToPlainLetters(raw).replace(JOINER_PATTERN, '').replace(NOT_LETTER_OR_DIGIT, ' ').trim();
}

/** The words of a normalised name. */
export function nameWords(normalised: string): string[] {
  return normalised === '' ? [] : normalised.split(' ');
}

/**
 * Normalise a surname: as `normaliseName`, and a prefix written as a separate word is
 * joined to the next word ("Mc Donald" -> "mcdonald", "O Neill" -> "oneill").
 * Double-barrelled surnames keep their parts as words ("Smith-Jones" -> "smith jones"). Idempotent.
 */
export const normaliseSurname: (raw: string) => string = memoised(normaliseSurnameOf);

function normaliseSurnameOf(raw: string): string {
  const words = nameWords(normaliseName(raw));
  const joined: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const next = words[i + 1];
    if (next !== undefined && SURNAME_PREFIXES.includes(word)) {
      joined.push(word + next);
      i++;
    } else {
      joined.push(word);
    }
  }
  return joined.join(' ');
}

/**
 * A surname key that treats spelling variants as equal: spaces removed and a "Mac"
 * prefix written as "Mc" ("MacDonald", "Mc Donald" and "McDonald" all give "mcdonald").
 */
export function surnameVariantKey(raw: string): string {
  const compact = normaliseSurname(raw).replace(/ /g, '');
  for (const { written, key } of PATRONYMIC_PREFIX_VARIANTS) {
    if (compact.startsWith(written) && compact.length > written.length + 2) return key + compact.slice(written.length);
  }
  return compact;
}
