/**
 * Regular expressions used by the redactor: generic patterns that find personal
 * details in any text, and builders that turn a case's own known details into
 * patterns tolerant of the ways people write them.
 */
import {
  DWELLING_PREFIXES,
  MONTH_NAMES,
  SOCIAL_MEDIA_DOMAINS,
  STREET_SUFFIXES,
  TITLES,
} from './redaction-data.ts';

/** No letter, digit or underscore immediately before. */
const START = '(?<![\\p{L}\\p{N}_])';
/** No letter, digit or underscore immediately after. */
const END = '(?![\\p{L}\\p{N}_])';

/** Escapes text for use outside a character class in a unicode-mode regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Escapes text and lets any run of spaces match any run of whitespace. */
function flexibleLiteral(text: string): string {
  return escapeRegExp(text.trim()).replace(/\s+/g, '\\s+');
}

function alternation(words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
}

/** Matches a word with either a capital or a lower-case first letter. */
function eitherCaseFirst(word: string): string {
  const first = word.charAt(0);
  return `[${first.toUpperCase()}${first.toLowerCase()}]${escapeRegExp(word.slice(1))}`;
}

const MONTH = `(?:${alternation([...MONTH_NAMES, ...MONTH_NAMES.map((m) => m.slice(0, 3)), 'Sept'])})`;
const ORDINAL = '(?:st|nd|rd|th)?';
const ANY_DATE =
  '(?:\\d{1,2}[/.\\-]\\d{1,2}[/.\\-](?:\\d{4}|\\d{2})' +
  '|\\d{4}-\\d{2}-\\d{2}' +
  `|\\d{1,2}${ORDINAL}\\s+(?:of\\s+)?${MONTH}\\.?,?\\s+\\d{4}` +
  `|${MONTH}\\.?\\s+\\d{1,2}${ORDINAL},?\\s+\\d{4})(?!\\p{N})`;
const BIRTH_KEYWORD = '(?:\\bborn(?:\\s+on)?(?:\\s+the)?|\\bd\\.?o\\.?b\\.?|\\bdate\\s+of\\s+birth)';

/** A capitalised word as found in names and street names ("O'Brien", "St John's"). */
const CAPITALISED_WORD = "\\p{Lu}\\p{L}*(?:['’\\-]\\p{L}+)*";
const STREET_SUFFIX = `(?:${[...STREET_SUFFIXES].sort((a, b) => b.length - a.length).map(eitherCaseFirst).join('|')})`;
const DWELLING = `(?:${alternation(DWELLING_PREFIXES)})\\.?\\s+\\d+[A-Za-z]?`;

const POSTCODE_OUTWARD = '[A-PR-UWYZa-pr-uwyz][A-HK-Ya-hk-y]?\\d[A-Za-z\\d]?';
const POSTCODE_INWARD = '\\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2}';
/** Stops ordinals such as "2nd" after a road number ("the M6 2nd time") being read as a postcode. */
const NOT_LOWER_CASE_ORDINAL = '(?!\\d(?:st|nd|rd|th)(?![\\p{L}\\p{N}]))';

const POSTCODE_ONLY = new RegExp(`^${POSTCODE_OUTWARD}\\s?${POSTCODE_INWARD}$`, 'u');

/** Generic patterns for details that are not in the case's identifier list. */
export const GENERIC_PATTERNS = {
  email: new RegExp(`[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}`, 'gu'),
  socialMediaLink: new RegExp(
    `(?<![\\p{L}\\p{N}_.@/-])(?:https?://)?(?:[a-z0-9-]+\\.)*(?:${alternation(SOCIAL_MEDIA_DOMAINS)})/[^\\s<>"'()\\[\\]]*[^\\s<>"'()\\[\\].,;:!?]`,
    'giu',
  ),
  handle: new RegExp(`(?<![\\p{L}\\p{N}_.@/])@[\\p{L}\\p{N}_](?:[\\p{L}\\p{N}_.]*[\\p{L}\\p{N}_])?`, 'gu'),
  dateOfBirthAfterKeyword: new RegExp(`(?<=${BIRTH_KEYWORD}[\\s:(\\-]*)${ANY_DATE}`, 'giu'),
  dateOfBirthBeforeKeyword: new RegExp(
    `(?<!\\p{N})${ANY_DATE}(?=[\\s,]*[(\\[]?\\s*(?:dob|d\\.o\\.b)(?!\\p{L}))`,
    'giu',
  ),
  phone: new RegExp(
    '(?<![\\p{N}+])(?:(?:\\+|00)\\s?44\\s?(?:\\(0\\)\\s?)?|\\(?0)\\d(?:[\\s\\-()]{0,2}\\d){8,9}(?!\\p{N})',
    'gu',
  ),
  streetAddress: new RegExp(
    `${START}(?:${DWELLING},?\\s+)?\\d{1,4}[A-Za-z]?,?\\s+(?:${CAPITALISED_WORD}\\s+){1,3}${STREET_SUFFIX}(?!\\p{L})`,
    'gu',
  ),
  dwelling: new RegExp(`${START}${DWELLING}${END}`, 'gu'),
  postcode: new RegExp(
    `${START}(?:[Gg][Ii][Rr]\\s?0[Aa]{2}|${POSTCODE_OUTWARD}\\s?${NOT_LOWER_CASE_ORDINAL}${POSTCODE_INWARD})${END}`,
    'gu',
  ),
  /** Current format, 2001 onwards: AB12 CDE. */
  vehicleCurrent: new RegExp(`${START}[A-Za-z]{2}\\d{2}\\s?[A-Za-z]{3}${END}`, 'gu'),
  /** Prefix format, 1983–2001: A123 BCD (capitals only, to spare road numbers in prose). */
  vehiclePrefix: new RegExp(`${START}[A-HJ-NPR-Y]\\d{1,3}\\s?[A-Z]{3}${END}`, 'gu'),
  /** Suffix format, 1963–1983: ABC 123D (capitals only). */
  vehicleSuffix: new RegExp(`${START}[A-Z]{3}\\s?\\d{1,3}[A-HJ-NPR-Y]${END}`, 'gu'),
  /** A title followed by one or two capitalised words: "Mrs Patel", "Dr Ann Lee". */
  titledName: new RegExp(
    `${START}(?:${alternation(TITLES)})\\.?\\s+${CAPITALISED_WORD}(?:\\s+${CAPITALISED_WORD})?`,
    'gu',
  ),
} as const;

/** A pattern for one known email address. */
export function knownEmailPattern(email: string): RegExp | null {
  const value = email.trim();
  return value.includes('@') ? new RegExp(`${START}${escapeRegExp(value)}(?![\\p{L}\\p{N}_-])`, 'giu') : null;
}

/** A pattern for one known phone number, in national or international form, with any spacing. */
export function knownPhonePattern(phone: string): RegExp | null {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 6) return null;
  const separated = (ds: string) => ds.split('').join('[\\s\\-()]{0,2}');
  const ukNational = digits.startsWith('44') ? digits.slice(2) : digits.startsWith('0') ? digits.slice(1) : null;
  const body =
    ukNational === null
      ? `\\+?${separated(digits)}`
      : `(?:(?:\\+|00)\\s?44\\s?(?:\\(0\\)\\s?)?|\\(?0)${separated(ukNational.replace(/^0/, ''))}`;
  return new RegExp(`(?<![\\p{N}+])${body}(?!\\p{N})`, 'gu');
}

/** A pattern for one known date of birth ('YYYY-MM-DD') in the usual written forms. */
export function knownDateOfBirthPattern(dateOfBirth: string): RegExp | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth.trim());
  if (!match) return null;
  const [, year = '', month = '', day = ''] = match;
  const monthName = MONTH_NAMES[Number(month) - 1];
  if (monthName === undefined) return null;
  const d = `0?${Number(day)}`;
  const m = `0?${Number(month)}`;
  const y = `(?:${year}|${year.slice(2)})`;
  const named = `(?:${escapeRegExp(monthName)}|${escapeRegExp(monthName.slice(0, 3))}${monthName === 'September' ? '|Sept' : ''})\\.?`;
  const forms = [
    `${d}[/.\\-]${m}[/.\\-]${y}`,
    `${year}[/.\\-]${month}[/.\\-]${day}`,
    `${d}${ORDINAL}\\s+(?:of\\s+)?${named},?\\s+${year}`,
    `${named}\\s+${d}${ORDINAL},?\\s+${year}`,
  ];
  return new RegExp(`(?<!\\p{N})(?:${forms.join('|')})(?!\\p{N})`, 'giu');
}

const STREET_NAME_AT_END = new RegExp(`\\s${STREET_SUFFIX}$`, 'u');

/** A street line: "Flat 3", "12 Acacia Avenue" (letters and a number, not a postcode). */
function isStreetLine(part: string): boolean {
  return /\p{L}/u.test(part) && /\d/.test(part) && !POSTCODE_ONLY.test(part);
}

/**
 * Patterns for one known address: the whole address and every run of consecutive
 * parts that contains a street line ("Flat 3, 12 Acacia Avenue"; "12 Acacia Avenue,
 * Leeds"), with any separators, plus the street name without its number ("Acacia
 * Avenue"). Town names alone are left, as they do not identify anyone.
 */
export function knownAddressPatterns(address: string): RegExp[] {
  const parts = address.split(/[,\n]/).map((p) => p.trim()).filter((p) => p.length > 0);
  const variants = new Set<string>();
  for (let start = 0; start < parts.length; start += 1) {
    for (let end = start + 1; end <= parts.length; end += 1) {
      const run = parts.slice(start, end);
      if (run.length === parts.length || run.some(isStreetLine)) {
        variants.add(run.map(flexibleLiteral).join('[\\s,]+'));
      }
    }
    const withoutNumber = (parts[start] ?? '').replace(/^\d+[A-Za-z]?\s+/, '');
    if (STREET_NAME_AT_END.test(withoutNumber)) variants.add(flexibleLiteral(withoutNumber));
  }
  return [...variants]
    .sort((a, b) => b.length - a.length)
    .map((v) => new RegExp(`${START}${v}(?![\\p{L}\\p{N}])`, 'giu'));
}

/** A pattern for one known postcode, with or without its space. */
export function knownPostcodePattern(postcode: string): RegExp | null {
  const compact = postcode.replace(/\s+/g, '');
  if (compact.length < 5) return null;
  return new RegExp(`${START}${escapeRegExp(compact.slice(0, -3))}\\s*${escapeRegExp(compact.slice(-3))}${END}`, 'giu');
}

/** A pattern for one known vehicle registration, with any spacing. */
export function knownVehiclePattern(registration: string): RegExp | null {
  const compact = registration.replace(/\s+/g, '');
  if (compact.length < 2) return null;
  return new RegExp(`${START}${compact.split('').map(escapeRegExp).join('\\s?')}${END}`, 'giu');
}

/** A pattern for one known social media handle, with or without its '@'. */
export function knownHandlePattern(handle: string): RegExp | null {
  const bare = handle.trim().replace(/^@/, '');
  if (bare.length < 2) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}_@])@?${escapeRegExp(bare)}${END}`, 'giu');
}
