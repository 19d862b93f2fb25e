/**
 * Wording of every reason shown to call handlers, by reason code. Quoted values come from
 * the query or from the candidate's names and identifiers that the query matched, never
 * from other details of the candidate (a protected address is never quoted).
 */

export type NamePartLabel = 'Forename' | 'Surname' | 'Name';

const percent = (fraction: number): string => `${Math.round(fraction * 100)}%`;
const years = (count: number): string => (count === 1 ? '1 year' : `${count} years`);

export const NAME_TEXT = {
  exact: (label: NamePartLabel, a: string, b: string) =>
    a === b ? `${label} "${a}" matches exactly` : `${label} "${a}" matches "${b}"`,
  variant: (label: NamePartLabel, a: string, b: string) => `${label} "${a}" is a spelling variant of "${b}"`,
  shortForm: (label: NamePartLabel, short: string, full: string) => `${label} "${short}" is a common short form of "${full}"`,
  sameName: (label: NamePartLabel, a: string, b: string) => `${label} "${a}" is another form of "${b}"`,
  sharedShortForms: (label: NamePartLabel, a: string, b: string) => `${label} "${a}" and "${b}" are short forms of the same name`,
  phonetic: (label: NamePartLabel, a: string, b: string) => `${label} "${a}" sounds like "${b}"`,
  surnamePart: (label: NamePartLabel, part: string, whole: string) => `${label} "${part}" is part of the double-barrelled surname "${whole}"`,
  initial: (label: NamePartLabel, initial: string, full: string) => `${label} initial "${initial}" fits "${full}"`,
  similar: (label: NamePartLabel, a: string, b: string, similarity: number) => `${label} "${a}" is spelt like "${b}" (${percent(similarity)} similar)`,
  different: (label: NamePartLabel, a: string, b: string) => `${label} "${a}" does not match "${b}"`,
  middleName: (text: string) => `${text}, as a middle name`,
  swapped: () => 'Forename and surname match only when swapped: they may have been recorded the other way round',
  candidateAlias: (alias: string) => `Matched on the alias "${alias}" recorded for this person`,
  queryAlias: (alias: string) => `Matched on the alias "${alias}" given in the report`,
} as const;

export const BIRTH_TEXT = {
  dobExact: (date: string) => `Date of birth ${date} matches`,
  dobTransposed: (given: string, recorded: string) => `Date of birth ${given} matches the recorded ${recorded} with day and month swapped`,
  dobSameDayAndMonth: (given: string, recorded: string) => `Date of birth ${given} has the same day and month as the recorded ${recorded} but a different year`,
  dobSameYear: (given: string, recorded: string) => `Date of birth ${given} is in the same year as the recorded ${recorded}`,
  dobConflict: (given: string, recorded: string) => `Date of birth ${given} is different from the recorded ${recorded}`,
  ageFromRecordedDob: (recorded: string, age: number, on: string) => `Recorded date of birth ${recorded} makes them ${age} on ${on}`,
  ageFromGivenDob: (given: string, age: number, on: string) => `Date of birth ${given} made them ${age} on ${on}`,
  ageFromRecordedRange: (range: string, statedOn: string, rangeNow: string, on: string) =>
    `Age recorded as ${range} on ${statedOn} would be ${rangeNow} on ${on}`,
  reportedAge: (statement: string) => `the age given in the report, ${statement}`,
  recordedAge: (range: string) => `the age recorded for this person then, ${range}`,
  inRange: (subject: string, range: string) => `${subject}: within ${range}`,
  near: (subject: string, range: string, outsideBy: number) => `${subject}: ${years(outsideBy)} outside ${range}`,
  conflict: (subject: string, range: string, outsideBy: number) => `${subject}: ${years(outsideBy)} outside ${range}, so probably not the same person`,
  aboutAge: (about: number, min: number, max: number) => `about ${about} (${min} to ${max})`,
  ageRange: (min: number, max: number) => (min === max ? `${min}` : `${min} to ${max}`),
} as const;

export const DETAIL_TEXT = {
  genderMatch: (gender: string) => `Gender (${gender}) matches`,
  genderConflict: (given: string, recorded: string) => `Gender given as ${given}, but this person is recorded as ${recorded}`,
  phone: (phone: string) => `Phone number ${phone} is recorded for this person`,
  email: (email: string) => `Email address ${email} is recorded for this person`,
  emailLoose: (email: string) => `Email address ${email} reaches the same inbox as an address recorded for this person`,
  handle: (platform: string, handle: string) => `${platform} account "${handle}" is recorded for this person`,
  vehicle: (registration: string) => `Vehicle ${registration} is linked to this person`,
  address: (line: string, postcode: string) => `Address "${line}, ${postcode}" matches a recorded address`,
  postcode: (postcode: string) => `Postcode ${postcode} matches a recorded address`,
  postcodeSector: (postcode: string, sector: string) => `Postcode ${postcode} is in the same postcode sector (${sector}) as a recorded address`,
  town: (town: string) => `Same town as a recorded address (${town})`,
} as const;
