import { z } from 'zod';

const fraction = z.number().min(0).max(1);
const points = z.number().min(-100).max(100);

/** How names are compared. Similarities are 0 to 1 for one part of a name (forename or surname). */
export const nameMatchingPolicySchema = z.object({
  /** Share of the name score given to the forename and to the surname. */
  forenameWeight: z.number().positive(),
  surnameWeight: z.number().positive(),
  similarity: z.object({
    /** Same after normalisation. */
    exact: fraction,
    /** Spelling variant: MacDonald and McDonald, Smith Jones and Smithjones. */
    variant: fraction,
    /** In the forename table: Jon and John, Kate and Katherine. */
    nickname: fraction,
    /** Same phonetic key and similar enough in spelling: Smyth and Smith. */
    phonetic: fraction,
    /** One part of a double-barrelled surname: Smith and Smith-Jones. */
    surnamePart: fraction,
    /** An initial that fits the forename: J and John. */
    initial: fraction,
  }),
  /** Least Jaro-Winkler similarity for a phonetic match to count (stops John matching Jane). */
  phoneticMinimumJaroWinkler: fraction,
  /** Least spelling similarity (mean of trigram and Jaro-Winkler) for a part to count as similar. */
  similarMinimum: fraction,
  /** Multiplier when the match is on a middle name rather than the first forename. */
  middleNameFactor: fraction,
  /** Multiplier when forename and surname match only the other way round. */
  swappedNamesFactor: fraction,
});

/** Matching policy: weights (points out of 100) and thresholds for suggesting existing people. */
export const matchingPolicySchema = z.object({
  names: nameMatchingPolicySchema,
  points: z.object({
    /** Points for a full name match (scaled by the name score and by how much of the name was given). */
    name: points,
    dobExact: points,
    dobTransposed: points,
    dobSameDayAndMonth: points,
    dobSameYear: points,
    dobConflict: points,
    ageInRange: points,
    ageNear: points,
    ageConflict: points,
    genderMatch: points,
    genderConflict: points,
    phone: points,
    email: points,
    emailLoose: points,
    handle: points,
    vehicle: points,
    address: points,
    postcode: points,
    postcodeSector: points,
    town: points,
  }),
  age: z.object({
    /** "About 39" is read as 39 plus or minus this many years. */
    aboutToleranceYears: z.number().int().min(0),
    /** Outside the stated range by at most this many years is near, not a conflict. */
    nearYears: z.number().int().min(0),
  }),
  /** Least trigram similarity of first address lines to count as the same address. */
  addressLineMinimumSimilarity: fraction,
  /**
   * Least pg_trgm similarity of whole names for the database to offer a person for scoring
   * by spelling alone. Sound-alike names, shared dates of birth and identifiers are offered
   * whatever their spelling.
   */
  candidateNameSimilarity: fraction,
  /**
   * Someone born on the date given is offered if they share a forename or surname (by
   * spelling, forename group or sound) or their whole name is at least this alike: a changed
   * surname or a misheard name is then still found.
   */
  birthDateNameSimilarity: fraction,
  bands: z.object({ strong: z.number().min(0).max(100), possible: z.number().min(0).max(100) }),
  /** Candidates scoring below this are not suggested. */
  floor: z.number().min(0).max(100),
});

export type NameMatchingPolicy = z.infer<typeof nameMatchingPolicySchema>;
export type MatchingPolicy = z.infer<typeof matchingPolicySchema>;

/** West Yorkshire Police matching policy. */
export const westYorkshireMatchingPolicy: MatchingPolicy = {
  names: {
    forenameWeight: 0.45,
    surnameWeight: 0.55,
    similarity: { exact: 1, variant: 0.95, nickname: 0.9, phonetic: 0.85, surnamePart: 0.8, initial: 0.6 },
    phoneticMinimumJaroWinkler: 0.75,
    similarMinimum: 0.5,
    middleNameFactor: 0.9,
    swappedNamesFactor: 0.85,
  },
  points: {
    name: 50,
    dobExact: 30,
    dobTransposed: 20,
    dobSameDayAndMonth: 10,
    dobSameYear: 5,
    dobConflict: -30,
    ageInRange: 12,
    ageNear: 3,
    ageConflict: -20,
    genderMatch: 2,
    genderConflict: -10,
    phone: 30,
    email: 30,
    emailLoose: 22,
    handle: 30,
    vehicle: 15,
    address: 20,
    postcode: 14,
    postcodeSector: 5,
    town: 8,
  },
  age: { aboutToleranceYears: 2, nearYears: 1 },
  addressLineMinimumSimilarity: 0.6,
  candidateNameSimilarity: 0.33,
  birthDateNameSimilarity: 0.1,
  bands: { strong: 60, possible: 40 },
  floor: 25,
};

/** The default matching policy (West Yorkshire). */
export const defaultMatchingPolicy: MatchingPolicy = westYorkshireMatchingPolicy;
