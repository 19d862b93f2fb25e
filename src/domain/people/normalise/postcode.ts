import { accepted, rejected, type Normalised } from './result.ts';

/**
 * UK postcode: outward code (area and district, e.g. LS1, M60, EC1A, W1D) then inward
 * code (sector digit and unit letters). Letter positions follow Royal Mail's rules: the
 * first letter is never Q, V or X; the second never I, J or Z; a letter third (A9A) is one
 * of ABCDEFGHJKPSTUW; a letter fourth (AA9A) one of ABEHMNPRVWXY; the inward letters never
 * C, I, K, M, O or V. GIR 0AA is the one historic exception.
 */
const POSTCODE =
  /^((?:[A-PR-UWYZ][0-9][0-9]?)|(?:[A-PR-UWYZ][A-HK-Y][0-9][0-9]?)|(?:[A-PR-UWYZ][0-9][ABCDEFGHJKPSTUW])|(?:[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]))([0-9][ABD-HJLNP-UW-Z]{2})$/;
const GIRO = 'GIR0AA';

/** Normalise a UK postcode to its canonical form, uppercase with one space ('ls14ap' -> 'LS1 4AP'). */
export function normalisePostcode(raw: string): Normalised {
  const compact = raw.toUpperCase().replace(/\s+/g, '');
  if (compact === '') return rejected('Enter a postcode.');
  if (compact === GIRO) return accepted('GIR 0AA');
  const match = POSTCODE.exec(compact);
  if (match === null) return rejected(`"${raw.trim()}" is not a full UK postcode: enter it like LS1 4AP.`);
  return accepted(`${match[1]} ${match[2]}`);
}

/** The postcode sector ('LS1 4AP' -> 'LS1 4'), from a canonical postcode. */
export function postcodeSector(canonical: string): string {
  return canonical.slice(0, -2);
}
