/**
 * Common abbreviations in the first line of UK addresses, expanded before comparison.
 * `lastOnly` abbreviations are expanded only as the final word ("St" is "Street" at the end
 * of a line but usually "Saint" elsewhere).
 */
export const ADDRESS_ABBREVIATIONS: readonly { short: string; full: string; lastOnly?: boolean }[] = [
  { short: 'rd', full: 'road' },
  { short: 'st', full: 'street', lastOnly: true },
  { short: 'ave', full: 'avenue' },
  { short: 'av', full: 'avenue' },
  { short: 'ln', full: 'lane' },
  { short: 'dr', full: 'drive', lastOnly: true },
  { short: 'cl', full: 'close' },
  { short: 'ct', full: 'court' },
  { short: 'cres', full: 'crescent' },
  { short: 'cresc', full: 'crescent' },
  { short: 'gdns', full: 'gardens' },
  { short: 'gr', full: 'grove' },
  { short: 'gro', full: 'grove' },
  { short: 'pl', full: 'place' },
  { short: 'sq', full: 'square' },
  { short: 'ter', full: 'terrace' },
  { short: 'terr', full: 'terrace' },
  { short: 'wy', full: 'way' },
  { short: 'pk', full: 'park' },
  { short: 'mt', full: 'mount' },
  { short: 'hse', full: 'house' },
  { short: 'ho', full: 'house', lastOnly: true },
  { short: 'flt', full: 'flat' },
  { short: 'apt', full: 'apartment' },
];
