/**
 * Letters that Unicode decomposition does not reduce to plain Latin letters,
 * with the spelling used for matching.
 */
export const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
};

/** Characters that join parts of a name and are removed rather than treated as a break (O'Brien -> obrien). */
export const NAME_JOINERS: readonly string[] = ["'", '’', '‘', '`', 'ʼ', '´'];

/**
 * Surname prefixes written as a separate word that belong to the next word
 * ("Mc Donald" -> "mcdonald", "O Neill" -> "oneill").
 */
export const SURNAME_PREFIXES: readonly string[] = ['mc', 'mac', 'o'];

/** Scottish and Irish patronymic prefixes treated as spelling variants of each other ("Mac" and "Mc"). */
export const PATRONYMIC_PREFIX_VARIANTS: readonly { written: string; key: string }[] = [
  { written: 'mac', key: 'mc' },
];
