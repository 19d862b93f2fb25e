import { ADDRESS_ABBREVIATIONS } from '../data/addressAbbreviations.ts';
import { nameWords, normaliseName } from './name.ts';

/**
 * Normalise the first line of an address for comparison: as a name (lowercase, no
 * punctuation) with common abbreviations expanded ('12 Park Rd' -> '12 park road').
 */
export function normaliseAddressLine(raw: string): string {
  const words = nameWords(normaliseName(raw));
  return words
    .map((word, index) => {
      const isLast = index === words.length - 1;
      const rule = ADDRESS_ABBREVIATIONS.find((abbreviation) => abbreviation.short === word && (isLast || abbreviation.lastOnly !== true));
      return rule?.full ?? word;
    })
    .join(' ');
}

/** Normalise a town or city name ('Leeds', ' LEEDS ' and 'leeds.' are equal). */
export function normaliseTown(raw: string): string {
  return normaliseName(raw);
}
