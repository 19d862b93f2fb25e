import { accepted, rejected, type Normalised } from './result.ts';

const SPACING = /[\s-]+/g;
const REGISTRATION = /^[A-Z0-9]{2,10}$/;

/** Normalise a vehicle registration mark: uppercase with spaces and hyphens removed ('ab12 cde' -> 'AB12CDE'). */
export function normaliseVehicle(raw: string): Normalised {
  const value = raw.toUpperCase().replace(SPACING, '');
  if (value === '') return rejected('Enter a vehicle registration.');
  if (!REGISTRATION.test(value)) {
    return rejected(`"${raw.trim()}" is not a vehicle registration: use letters and numbers only, for example AB12 CDE.`);
  }
  return accepted(value);
}
