/**
 * Person matching for Vigil: normalised keys for indexing, name/date-of-birth/identifier
 * comparison, and scored, explained suggestions of existing people while a report is typed.
 * Pure functions; nothing here merges or links records.
 */
export type {
  Address,
  AgeStatement,
  CandidateScore,
  Gender,
  Identifiers,
  LocalDate,
  MatchBand,
  PersonName,
  PersonQuery,
  PersonRecord,
  Reason,
  SocialHandleInput,
  WeightedReason,
} from './types.ts';

export type { Normalised } from './normalise/result.ts';
export { normaliseName, normaliseSurname, surnameVariantKey } from './normalise/name.ts';
export { normalisePhone } from './normalise/phone.ts';
export { normaliseEmail, looseEmailKey } from './normalise/email.ts';
export { normaliseHandle, findPlatform } from './normalise/handle.ts';
export { normaliseVehicle } from './normalise/vehicle.ts';
export { normalisePostcode, postcodeSector } from './normalise/postcode.ts';
export { normaliseAddressLine, normaliseTown } from './normalise/address.ts';

export { phoneticKey } from './similarity/phonetic.ts';
export { trigrams, trigramSimilarity } from './similarity/trigram.ts';
export { jaroWinkler } from './similarity/jaroWinkler.ts';
export { forenameGroupIds, nicknameRelation, type NicknameRelation } from './similarity/nicknames.ts';

export { compareNames, type NameComparison, type NameMatchKind, type NamePart, type NameReason, type NameReasonCode } from './names.ts';
export { compareBirth, statedRange, type BirthEvidence, type BirthReasonCode } from './birth.ts';
export { scoreCandidate, rankCandidates, bandFor, type RankedCandidate } from './score.ts';
export { searchKeys, queryKeys, identifierKeys, type IdentifierKeys, type PersonSearchKeys } from './searchKeys.ts';

export {
  matchingPolicySchema,
  nameMatchingPolicySchema,
  westYorkshireMatchingPolicy,
  defaultMatchingPolicy,
  type MatchingPolicy,
  type NameMatchingPolicy,
} from './policy.ts';

export { FORENAME_GROUPS, type ForenameGroup } from './data/nicknames.ts';
export { PLATFORM_RULES, type PlatformRule } from './data/platforms.ts';
