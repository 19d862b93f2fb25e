import { accepted, rejected, type Normalised } from './result.ts';

const ALLOWED_CHARACTERS = /^\+?[\d\s().\-/]+$/;
const TRUNK_ZERO_IN_BRACKETS = /\(\s*0\s*\)/g;
const SEPARATORS = /[\s().\-/]/g;
const UK_COUNTRY_CODE = '44';
/** First digit of a UK national number (after the leading 0): geographic 1-3, 5, mobile 7, 8 and 9. */
const UK_NATIONAL_NUMBER = /^(?:7\d{9}|[12358]\d{8,9}|9\d{9})$/;
const INTERNATIONAL_DIGITS = { min: 7, max: 15 } as const;

/**
 * Normalise a phone number to international form: UK numbers as '+44' followed by the
 * national number without its leading 0 ('07700 900123', '+44 7700 900123' and
 * '0044 (0)7700-900123' all give '+447700900123'). Numbers from other countries written
 * with '+' or '00' keep their country code. Rejects letters, short codes and numbers of
 * the wrong length.
 */
export function normalisePhone(raw: string): Normalised {
  const trimmed = raw.trim();
  if (trimmed === '') return rejected('Enter a phone number.');
  if (!ALLOWED_CHARACTERS.test(trimmed)) {
    return rejected(`"${trimmed}" is not a phone number: it can only contain digits, spaces, brackets, hyphens and a leading +.`);
  }
  const digits = trimmed.replace(TRUNK_ZERO_IN_BRACKETS, '').replace(SEPARATORS, '');
  const international = internationalDigits(digits);
  if (international === undefined) return ukNumber(digits.replace(/^0/, ''), trimmed);
  if (international.startsWith(UK_COUNTRY_CODE)) return ukNumber(international.slice(UK_COUNTRY_CODE.length).replace(/^0/, ''), trimmed);
  if (international.length < INTERNATIONAL_DIGITS.min || international.length > INTERNATIONAL_DIGITS.max) {
    return rejected(`"${trimmed}" is not a complete international phone number.`);
  }
  return accepted(`+${international}`);
}

/** The digits after the international prefix ('+', '00', or a bare 44 on a 12-digit number), if there is one. */
function internationalDigits(digits: string): string | undefined {
  if (digits.startsWith('+')) return digits.slice(1);
  if (digits.startsWith('00')) return digits.slice(2);
  if (digits.startsWith(UK_COUNTRY_CODE) && digits.length === 12) return digits;
  return undefined;
}

function ukNumber(nationalNumber: string, typed: string): Normalised {
  if (!/^\d+$/.test(nationalNumber) || !UK_NATIONAL_NUMBER.test(nationalNumber)) {
    return rejected(`"${typed}" is not a complete UK phone number: enter all the digits, for example 07700 900123 or 0113 496 0000.`);
  }
  return accepted(`+${UK_COUNTRY_CODE}${nationalNumber}`);
}
