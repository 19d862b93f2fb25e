import { compareBirth } from './birth.ts';
import { compareNames, queryNames, recordNames, type NameComparison } from './names.ts';
import { normaliseAddressLine, normaliseTown } from './normalise/address.ts';
import { looseEmailKey } from './normalise/email.ts';
import { normalisePostcode, postcodeSector } from './normalise/postcode.ts';
import { acceptedValues } from './normalise/result.ts';
import { PLATFORM_RULES } from './data/platforms.ts';
import { defaultMatchingPolicy, type MatchingPolicy } from './policy.ts';
import { DETAIL_TEXT, NAME_TEXT } from './reasonTexts.ts';
import { identifierKeys, type IdentifierKeys } from './searchKeys.ts';
import { trigramSimilarity } from './similarity/trigram.ts';
import type { Address, CandidateScore, MatchBand, PersonName, PersonQuery, PersonRecord, WeightedReason } from './types.ts';

/** A candidate person with its score, as suggested to the call handler. */
export type RankedCandidate<Person extends PersonRecord = PersonRecord> = CandidateScore & { person: Person };

/**
 * Score how well an existing person fits what the call handler has typed so far.
 * Combines the best name match over both sides' aliases, date of birth or age, gender,
 * identifiers matched after normalisation (phone, email, social media account, vehicle:
 * strong evidence) and address (full address, postcode, postcode sector or town).
 * Conflicting dates of birth, ages or genders take points away. Weights and bands come
 * from the policy. Nothing is merged or linked: this only suggests.
 */
export function scoreCandidate(query: PersonQuery, candidate: PersonRecord, policy: MatchingPolicy = defaultMatchingPolicy): CandidateScore {
  return scorePrepared(prepareQuery(query), candidate, policy);
}

/**
 * Score every candidate (typically fetched by the repository using `queryKeys`), drop those
 * below the policy floor, and sort the rest best first (ties by id, so the order is stable).
 */
export function rankCandidates<Person extends PersonRecord>(
  query: PersonQuery,
  candidates: readonly Person[],
  policy: MatchingPolicy = defaultMatchingPolicy,
): RankedCandidate<Person>[] {
  const prepared = prepareQuery(query);
  return candidates
    .map((person) => ({ person, ...scorePrepared(prepared, person, policy) }))
    .filter((ranked) => ranked.score >= policy.floor)
    .sort((a, b) => b.score - a.score || (a.person.id < b.person.id ? -1 : a.person.id > b.person.id ? 1 : 0));
}

/** The band a score falls in under the policy. */
export function bandFor(score: number, policy: MatchingPolicy = defaultMatchingPolicy): MatchBand {
  if (score >= policy.bands.strong) return 'strong';
  if (score >= policy.bands.possible) return 'possible';
  return 'weak';
}

interface PreparedQuery {
  query: PersonQuery;
  names: PersonName[];
  identifiers: IdentifierKeys;
}

function prepareQuery(query: PersonQuery): PreparedQuery {
  return { query, names: queryNames(query), identifiers: identifierKeys(query) };
}

function scorePrepared(prepared: PreparedQuery, candidate: PersonRecord, policy: MatchingPolicy): CandidateScore {
  const { query } = prepared;
  const birth = compareBirth(query, candidate, policy);
  const address = query.address === undefined ? undefined : addressEvidence(query.address, candidate.addresses ?? [], policy);
  const reasons: WeightedReason[] = [
    ...nameEvidence(prepared.names, recordNames(candidate), policy),
    ...(birth === undefined ? [] : [birth]),
    ...genderEvidence(query, candidate, policy),
    ...identifierEvidence(prepared.identifiers, identifierKeys(candidate), policy),
    ...(address === undefined ? [] : [address]),
  ];
  const total = reasons.reduce((sum, reason) => sum + reason.weight, 0);
  const score = Math.round(Math.min(100, Math.max(0, total)));
  return { score, band: bandFor(score, policy), reasons: reasons.map((reason) => ({ ...reason, weight: Math.round(reason.weight * 10) / 10 })) };
}

function fullName(name: PersonName): string {
  return [name.forename, name.surname].map((part) => part?.trim() ?? '').filter((part) => part !== '').join(' ');
}

/** Name reasons from the best-matching pair of names (either side's aliases included). */
function nameEvidence(queryNames: readonly PersonName[], candidateNames: readonly PersonName[], policy: MatchingPolicy): WeightedReason[] {
  let best: { comparison: NameComparison; value: number; queryIndex: number; candidateIndex: number } | undefined;
  queryNames.forEach((queryName, queryIndex) =>
    candidateNames.forEach((candidateName, candidateIndex) => {
      const comparison = compareNames(queryName, candidateName, policy.names);
      const value = comparison.score * comparison.coverage;
      if (comparison.coverage > 0 && (best === undefined || value > best.value)) best = { comparison, value, queryIndex, candidateIndex };
    }),
  );
  if (best === undefined) return [];
  const reasons: WeightedReason[] = best.comparison.reasons.map(({ code, text, contribution }) => ({ code, text, weight: policy.points.name * contribution }));
  const queryAlias = best.queryIndex > 0 ? queryNames[best.queryIndex] : undefined;
  const candidateAlias = best.candidateIndex > 0 ? candidateNames[best.candidateIndex] : undefined;
  if (candidateAlias !== undefined) reasons.push({ code: 'alias-used', text: NAME_TEXT.candidateAlias(fullName(candidateAlias)), weight: 0 });
  if (queryAlias !== undefined) reasons.push({ code: 'alias-used', text: NAME_TEXT.queryAlias(fullName(queryAlias)), weight: 0 });
  return reasons;
}

function genderEvidence(query: PersonQuery, candidate: PersonRecord, policy: MatchingPolicy): WeightedReason[] {
  const [given, recorded] = [query.gender, candidate.gender];
  if (given === undefined || recorded === undefined || given === 'unknown' || recorded === 'unknown') return [];
  if (given === recorded) return [{ code: 'gender-match', text: DETAIL_TEXT.genderMatch(given), weight: policy.points.genderMatch }];
  return [{ code: 'gender-conflict', text: DETAIL_TEXT.genderConflict(given, recorded), weight: policy.points.genderConflict }];
}

function firstShared(given: readonly string[], recorded: readonly string[]): string | undefined {
  return given.find((value) => recorded.includes(value));
}

/** Phone, email, account and vehicle matches: each kind counts once. */
function identifierEvidence(given: IdentifierKeys, recorded: IdentifierKeys, policy: MatchingPolicy): WeightedReason[] {
  const { points } = policy;
  const reasons: WeightedReason[] = [];
  const phone = firstShared(given.phones, recorded.phones);
  if (phone !== undefined) reasons.push({ code: 'phone-match', text: DETAIL_TEXT.phone(phone), weight: points.phone });
  const email = firstShared(given.emails, recorded.emails);
  const looseEmail = given.emails.find((value) => acceptedValues([value], looseEmailKey).some((key) => recorded.emailsLoose.includes(key)));
  if (email !== undefined) {
    reasons.push({ code: 'email-match', text: DETAIL_TEXT.email(email), weight: points.email });
  } else if (looseEmail !== undefined) {
    reasons.push({ code: 'email-loose-match', text: DETAIL_TEXT.emailLoose(looseEmail), weight: points.emailLoose });
  }
  const handle = firstShared(given.handles, recorded.handles);
  if (handle !== undefined) reasons.push({ code: 'handle-match', text: describeHandle(handle), weight: points.handle });
  const vehicle = firstShared(given.vehicles, recorded.vehicles);
  if (vehicle !== undefined) reasons.push({ code: 'vehicle-match', text: DETAIL_TEXT.vehicle(vehicle), weight: points.vehicle });
  return reasons;
}

function describeHandle(key: string): string {
  const separator = key.indexOf(':');
  const platformId = key.slice(0, separator);
  const label = PLATFORM_RULES.find((rule) => rule.id === platformId)?.label ?? platformId;
  return DETAIL_TEXT.handle(label, key.slice(separator + 1));
}

/** The strongest address evidence over the candidate's addresses: full address, postcode, sector or town. */
function addressEvidence(given: Address, recorded: readonly Address[], policy: MatchingPolicy): WeightedReason | undefined {
  const found = recorded.flatMap((address) => addressMatches(given, address, policy));
  return found.reduce<WeightedReason | undefined>((best, reason) => (best === undefined || reason.weight > best.weight ? reason : best), undefined);
}

/** Every kind of match between the given address and one recorded address. */
function addressMatches(given: Address, recorded: Address, policy: MatchingPolicy): WeightedReason[] {
  const { points } = policy;
  const [postcode, recordedPostcode] = [normalisedPostcode(given.postcode), normalisedPostcode(recorded.postcode)];
  const samePostcode = postcode !== undefined && postcode === recordedPostcode;
  const town = normaliseTown(given.town ?? '');
  const sameTown = town !== '' && town === normaliseTown(recorded.town ?? '');
  const line = normaliseAddressLine(given.line ?? '');
  const similarLine = line !== '' && trigramSimilarity(line, normaliseAddressLine(recorded.line ?? '')) >= policy.addressLineMinimumSimilarity;
  const matches: WeightedReason[] = [];
  if (similarLine && (samePostcode || sameTown)) {
    const place = samePostcode ? (postcode ?? '') : (given.town ?? '').trim();
    matches.push({ code: 'address-match', text: DETAIL_TEXT.address((given.line ?? '').trim(), place), weight: points.address });
  }
  if (samePostcode) matches.push({ code: 'postcode-match', text: DETAIL_TEXT.postcode(postcode), weight: points.postcode });
  if (postcode !== undefined && recordedPostcode !== undefined && postcodeSector(postcode) === postcodeSector(recordedPostcode)) {
    matches.push({ code: 'postcode-sector-match', text: DETAIL_TEXT.postcodeSector(postcode, postcodeSector(postcode)), weight: points.postcodeSector });
  }
  if (sameTown) matches.push({ code: 'town-match', text: DETAIL_TEXT.town((given.town ?? '').trim()), weight: points.town });
  return matches;
}

function normalisedPostcode(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const result = normalisePostcode(raw);
  return result.ok ? result.value : undefined;
}
