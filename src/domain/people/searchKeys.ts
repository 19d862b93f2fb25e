import { normaliseTown } from './normalise/address.ts';
import { looseEmailKey, normaliseEmail } from './normalise/email.ts';
import { normaliseHandle } from './normalise/handle.ts';
import { nameWords, normaliseName, normaliseSurname, surnameVariantKey } from './normalise/name.ts';
import { normalisePhone } from './normalise/phone.ts';
import { normalisePostcode } from './normalise/postcode.ts';
import { acceptedValues } from './normalise/result.ts';
import { normaliseVehicle } from './normalise/vehicle.ts';
import { queryNames, recordNames } from './names.ts';
import { forenameGroupIds } from './similarity/nicknames.ts';
import { phoneticKey } from './similarity/phonetic.ts';
import { parseLocalDate } from './dates.ts';
import type { Address, Identifiers, LocalDate, PersonName, PersonQuery, PersonRecord } from './types.ts';

/** Identifiers normalised for exact comparison. Invalid entries are left out. */
export interface IdentifierKeys {
  /** E.164-style numbers ('+447700900123'). */
  phones: string[];
  /** Lowercased addresses. */
  emails: string[];
  /** Provider-folded addresses (Gmail dots and '+tags' removed). */
  emailsLoose: string[];
  /** 'platform:handle' keys ('facebook:johnsmyth86'). */
  handles: string[];
  /** Uppercase registrations without spaces ('AB12CDE'). */
  vehicles: string[];
}

/**
 * The normalised values stored for a person so the repository can fetch candidates by
 * exact key (indexed columns) or by trigram similarity (pg_trgm on `fullNames`).
 * Every list is sorted and free of duplicates.
 */
export interface PersonSearchKeys extends IdentifierKeys {
  /** Normalised 'forename surname' for each name and alias, for trigram search. */
  fullNames: string[];
  /** Normalised forename words ('mary', 'jane'). */
  forenames: string[];
  /** Forename table groups of the forenames ('jon' -> 'john'), so Jon finds John. */
  forenameGroups: string[];
  /** Phonetic keys of the forename words. */
  forenamePhonetic: string[];
  /** Surname keys: the variant key of the whole surname and each word of a double-barrelled one. */
  surnames: string[];
  /** Phonetic keys of each whole surname and of each of its words. */
  surnamePhonetic: string[];
  /** Canonical postcodes ('LS1 4AP'). */
  postcodes: string[];
  /** Normalised towns. */
  towns: string[];
  /** The date of birth and, when it is a real date, the same with day and month swapped (a common slip). */
  birthDates: string[];
}

/** The search keys to store for a person record (its name, aliases, identifiers and addresses). */
export function searchKeys(person: PersonRecord): PersonSearchKeys {
  return buildKeys(recordNames(person), person, person.addresses ?? [], person.dob);
}

/** The same keys for what the call handler has typed, to look candidates up with. */
export function queryKeys(query: PersonQuery): PersonSearchKeys {
  return buildKeys(queryNames(query), query, query.address === undefined ? [] : [query.address], query.dob);
}

/** Normalise a person's or query's identifiers for exact comparison. */
export function identifierKeys(identifiers: Identifiers): IdentifierKeys {
  const emails = identifiers.emails ?? [];
  return {
    phones: acceptedValues(identifiers.phones, normalisePhone),
    emails: acceptedValues(emails, normaliseEmail),
    emailsLoose: acceptedValues(emails, looseEmailKey),
    handles: acceptedValues(identifiers.handles, normaliseHandle),
    vehicles: acceptedValues(identifiers.vehicles, normaliseVehicle),
  };
}

/** A date of birth and its day-month swap, where each is a real date. */
export function birthDateKeys(dob: LocalDate | undefined): string[] {
  if (dob === undefined || parseLocalDate(dob) === undefined) return [];
  const [year, month, day] = dob.split('-');
  const swapped = `${year}-${day}-${month}`;
  return tidy([dob, ...(parseLocalDate(swapped) === undefined ? [] : [swapped])]);
}

function buildKeys(names: readonly PersonName[], identifiers: Identifiers, addresses: readonly Address[], dob: LocalDate | undefined): PersonSearchKeys {
  const forenames = names.flatMap((name) => nameWords(normaliseName(name.forename ?? '')));
  const surnames = names.map((name) => normaliseSurname(name.surname ?? '')).filter((surname) => surname !== '');
  const ids = identifierKeys(identifiers);
  return {
    fullNames: tidy(names.map((name) => normaliseName(`${name.forename ?? ''} ${name.surname ?? ''}`))),
    forenames: tidy(forenames),
    forenameGroups: tidy(forenames.flatMap(forenameGroupIds)),
    forenamePhonetic: tidy(forenames.map(phoneticKey)),
    surnames: tidy(surnames.flatMap((surname) => [surnameVariantKey(surname), ...nameWords(surname)])),
    surnamePhonetic: tidy(surnames.flatMap((surname) => [phoneticKey(surname), ...nameWords(surname).map(phoneticKey)])),
    phones: tidy(ids.phones),
    emails: tidy(ids.emails),
    emailsLoose: tidy(ids.emailsLoose),
    handles: tidy(ids.handles),
    vehicles: tidy(ids.vehicles),
    postcodes: tidy(acceptedValues(addresses.map((address) => address.postcode ?? ''), normalisePostcode)),
    towns: tidy(addresses.map((address) => normaliseTown(address.town ?? ''))),
    birthDates: birthDateKeys(dob),
  };
}

function tidy(values: readonly string[]): string[] {
  return [...new Set(values.filter((value) => value !== ''))].sort();
}
