/** A calendar date as an ISO string, 'YYYY-MM-DD'. */
export type LocalDate = string;

/** A person's name as recorded: forename (may hold middle names too) and surname. */
export interface PersonName {
  forename?: string;
  surname?: string;
}

/** An address, or the parts of one that the caller knows. */
export interface Address {
  /** First line: house number or name and street. */
  line?: string;
  town?: string;
  postcode?: string;
}

/** A social media account as typed: a platform name and a handle or profile address. */
export interface SocialHandleInput {
  /** Platform name as typed ('Facebook', 'fb', 'Twitter'...). May be omitted when `handle` is a profile URL. */
  platform?: string;
  handle: string;
}

/** How old the caller says the person is: "about 39" or "between 35 and 40". */
export type AgeStatement = { about: number } | { min: number; max: number };

export type Gender = 'male' | 'female' | 'other' | 'unknown';

/** Contact details and identifiers shared by a query and a person record. */
export interface Identifiers {
  phones?: readonly string[];
  emails?: readonly string[];
  handles?: readonly SocialHandleInput[];
  vehicles?: readonly string[];
}

/** A person record (nominal) as held by the force. */
export interface PersonRecord extends Identifiers {
  id: string;
  name: PersonName;
  aliases?: readonly PersonName[];
  dob?: LocalDate;
  /** An age range recorded when the date of birth was not known, with the date it was stated. */
  ageRange?: { min: number; max: number; statedOn: LocalDate };
  gender?: Gender;
  addresses?: readonly Address[];
}

/** What the call handler has typed so far about a person in a new report. */
export interface PersonQuery extends Identifiers {
  /** The date ages are evaluated at: the date of the report. */
  referenceDate: LocalDate;
  forename?: string;
  surname?: string;
  aliases?: readonly PersonName[];
  dob?: LocalDate;
  age?: AgeStatement;
  gender?: Gender;
  address?: Address;
}

/** One plain-English reason with a stable code. */
export interface Reason<Code extends string = string> {
  code: Code;
  text: string;
}

/** A reason that contributed points (positive or negative) to a candidate's score. */
export interface WeightedReason extends Reason {
  weight: number;
}

export type MatchBand = 'strong' | 'possible' | 'weak';

/** The score of one candidate person against a query. Nothing is merged: this is a suggestion. */
export interface CandidateScore {
  /** 0 to 100. */
  score: number;
  band: MatchBand;
  reasons: WeightedReason[];
}
