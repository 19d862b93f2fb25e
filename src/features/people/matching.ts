import { z } from 'zod';
import { isLocalDate, todayInLondon } from '../../domain/calendar/index.ts';
import {
  defaultMatchingPolicy,
  queryKeys,
  rankCandidates,
  type Gender,
  type MatchBand,
  type MatchingPolicy,
  type PersonQuery,
  type PersonRecord as MatchRecord,
  type PersonSearchKeys,
} from '../../domain/people/index.ts';
import { can, requirePermission, type RequestContext } from '../../platform/auth/actor.ts';
import { appendAudits } from '../../platform/audit/audit-repository.ts';
import { ValidationError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import * as repo from './repository.ts';
import { DEFAULT_RESTRICTED_CONTACT } from './labels.ts';

/** How many people SQL hands to the scoring rules at most. */
export const CANDIDATE_LIMIT = 100;
/** How many scored candidates are shown. */
export const SHOWN_LIMIT = 20;

const text = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() || undefined : v ?? undefined), z.string().max(max, `Must be ${max} characters or fewer`).optional());
const list = (max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? [] : (Array.isArray(v) ? v : [v]).map((s) => String(s ?? '').trim()).filter((s) => s !== '')),
    z.array(z.string().max(max, `Must be ${max} characters or fewer`)).max(10),
  );
const localDate = (message: string) => z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().refine(isLocalDate, message).optional());
const age = z.number().int().min(0).max(120);

/** What the call handler has typed about one person. Every part is optional; at least a name or an identifier is needed. */
export const matchQueryInput = z
  .object({
    forename: text(100),
    surname: text(100),
    aliases: z.array(z.object({ forename: text(100), surname: text(100) })).max(10).default([]),
    dateOfBirth: localDate('Enter a real date of birth'),
    age: z.union([z.object({ about: age }), z.object({ min: age, max: age })]).optional(),
    gender: z.enum(['female', 'male', 'other', 'unknown']).optional(),
    phones: list(40),
    emails: list(200),
    handles: z.array(z.object({ platform: text(60), handle: z.string().trim().min(1).max(200) })).max(10).default([]),
    vehicles: list(20),
    address: z.object({ line: text(200), town: text(100), postcode: text(10) }).optional(),
    referenceDate: localDate('Enter a real date'),
  })
  .superRefine((q, ctx) => {
    const something = q.forename || q.surname || q.aliases.length || q.phones.length || q.emails.length || q.handles.length || q.vehicles.length;
    if (!something) ctx.addIssue({ code: 'custom', path: ['surname'], message: 'Enter a name, phone number, email address, account or vehicle to search for' });
    if (q.age && 'min' in q.age && q.age.min > q.age.max) ctx.addIssue({ code: 'custom', path: ['age'], message: 'The youngest age must not be more than the oldest' });
  });
export type MatchQuery = z.infer<typeof matchQueryInput>;

export interface MatchReason {
  code: string;
  text: string;
  weight: number;
}

/** A suggested existing person. Nothing is linked or merged: the officer chooses. */
export type MatchCandidate =
  | {
      personId: string;
      restricted: false;
      /** True when the user is named on a restricted record and so may see it. */
      namedOnRestricted: boolean;
      name: string;
      aliases: string[];
      dateOfBirth: string | null;
      ageRange: { min: number; max: number } | null;
      gender: string | null;
      score: number;
      band: MatchBand;
      reasons: MatchReason[];
    }
  | {
      personId: string;
      /** A restricted record the user is not named on: that it exists, how well it fits and whom to contact. No personal data. */
      restricted: true;
      contact: string;
      band: MatchBand;
    };

export interface MatchResult {
  referenceDate: string;
  candidates: MatchCandidate[];
  /** How many people the database offered for scoring. */
  considered: number;
}

function domainGender(gender: string | null): Gender | undefined {
  const g = gender?.toLowerCase();
  return g === 'female' || g === 'male' || g === 'other' ? g : undefined;
}

/** The matching rules' view of a stored person; protected address lines are left out unless the user may see them. */
export function toMatchRecord(person: repo.PersonRecord, particulars: repo.StoredParticulars, seeProtected: boolean): MatchRecord {
  const gender = domainGender(person.gender);
  return {
    id: person.id,
    name: { forename: person.forenames, surname: person.surname },
    aliases: particulars.aliases.map((a) => ({ forename: a.forenames, surname: a.surname })),
    ...(person.dateOfBirth ? { dob: person.dateOfBirth } : {}),
    ...(person.ageMin !== null && person.ageMax !== null
      ? { ageRange: { min: person.ageMin, max: person.ageMax, statedOn: person.ageStatedOn ?? person.createdAt.toISOString().slice(0, 10) } }
      : {}),
    ...(gender ? { gender } : {}),
    phones: particulars.phones,
    emails: particulars.emails,
    handles: particulars.handles.map((h) => ({ platform: h.platform || undefined, handle: h.handle })),
    vehicles: particulars.vehicles,
    addresses: particulars.addresses.map((a) =>
      a.protected && !seeProtected ? { town: a.town ?? undefined } : { line: a.line ?? undefined, town: a.town ?? undefined, postcode: a.postcode ?? undefined },
    ),
  };
}

/** The matching rules' query for what was typed. */
export function toPersonQuery(query: MatchQuery, referenceDate: string): PersonQuery {
  return {
    referenceDate,
    ...(query.forename ? { forename: query.forename } : {}),
    ...(query.surname ? { surname: query.surname } : {}),
    aliases: query.aliases.map((a) => ({ forename: a.forename, surname: a.surname })),
    ...(query.dateOfBirth ? { dob: query.dateOfBirth } : {}),
    ...(query.age ? { age: query.age } : {}),
    ...(query.gender ? { gender: query.gender } : {}),
    phones: query.phones,
    emails: query.emails,
    handles: query.handles.map((h) => ({ platform: h.platform, handle: h.handle })),
    vehicles: query.vehicles,
    ...(query.address ? { address: query.address } : {}),
  };
}

/** What the database looks candidates up by, from the query's search keys and the matching policy. */
export function candidateLookup(keys: PersonSearchKeys, policy: MatchingPolicy = defaultMatchingPolicy): repo.CandidateLookup {
  return {
    fullNames: keys.fullNames,
    surnamePhonetic: keys.surnamePhonetic,
    forenameKeys: [...new Set([...keys.forenames, ...keys.forenameGroups])],
    forenamePhonetic: keys.forenamePhonetic,
    birthDates: keys.birthDates,
    phones: keys.phones,
    emails: keys.emails,
    emailsLoose: keys.emailsLoose,
    handles: keys.handles,
    vehicles: keys.vehicles,
    nameSimilarity: policy.candidateNameSimilarity,
    birthDateNameSimilarity: policy.birthDateNameSimilarity,
  };
}

/**
 * Existing people who may be the person being described, best first, each with a score
 * (0 to 100), a band (strong, possible, weak) and the reasons. Candidates are fetched by
 * pg_trgm similarity of full names, by surname sound with a shared forename, forename group
 * (Jon and John, Kate and Katherine) or forename sound, by the date of birth given, and by
 * exact normalised phone, email, social media account and vehicle; then scored by the
 * matching rules (`rankCandidates`).
 * Restricted people the user is not named on appear only as a restricted record with a
 * contact. Nothing is linked, merged or saved: the caller decides what to do with the
 * suggestions. The search and each person shown are audited.
 */
export async function findCandidates(deps: Deps, ctx: RequestContext, input: MatchQuery): Promise<MatchResult> {
  requirePermission(ctx.actor, 'people:read');
  const referenceDate = input.referenceDate ?? todayInLondon(deps.clock);
  const query = toPersonQuery(input, referenceDate);
  let keys;
  try {
    keys = queryKeys(query);
  } catch (error) {
    if (error instanceof RangeError) throw new ValidationError([{ field: 'referenceDate', message: error.message }]);
    throw error;
  }
  const lookup = candidateLookup(keys);
  return deps.db.transaction().execute(async (tx) => {
    const ids = await repo.findCandidateIds(tx, lookup, CANDIDATE_LIMIT);
    const found = await repo.peopleWithParticulars(tx, ids);
    // Only people with a protected address need the check of whether the user may see it.
    const withProtected = found.filter((f) => f.particulars.addresses.some((a) => a.protected)).map((f) => f.person.id);
    const seeProtected = can(ctx.actor, 'cases:write') ? await repo.protectedAddressAllowed(tx, withProtected, ctx.actor.id, ctx.actor.teams) : new Set<string>();
    const named = await repo.namedRecords(tx, 'person', found.filter((f) => f.person.restricted).map((f) => f.person.id), ctx.actor.id);
    const byId = new Map(found.map((f) => [f.person.id, f]));
    const records = found.map(({ person, particulars }) => toMatchRecord(person, particulars, seeProtected.has(person.id)));
    const ranked = rankCandidates(query, records).slice(0, SHOWN_LIMIT);
    const candidates = ranked.map((r): MatchCandidate => {
      const { person, particulars } = byId.get(r.person.id)!;
      if (person.restricted && !named.has(person.id)) {
        return { personId: person.id, restricted: true, contact: person.restrictedContact ?? DEFAULT_RESTRICTED_CONTACT, band: r.band };
      }
      const aliases = particulars.aliases.map((a) => `${a.forenames} ${a.surname}`.trim());
      return {
        personId: person.id,
        restricted: false,
        namedOnRestricted: person.restricted,
        name: `${person.forenames} ${person.surname}`,
        aliases,
        dateOfBirth: person.dateOfBirth,
        ageRange: person.ageMin !== null && person.ageMax !== null ? { min: person.ageMin, max: person.ageMax } : null,
        gender: person.gender,
        score: r.score,
        band: r.band,
        reasons: r.reasons,
      };
    });
    await appendAudits(tx, [
      {
        actorId: ctx.actor.id,
        actorUsername: ctx.actor.username,
        action: 'search',
        recordType: 'person-match',
        details: { considered: ids.length, shown: candidates.length },
        requestId: ctx.requestId,
      },
      ...candidates.map((c) => ({
        actorId: ctx.actor.id,
        actorUsername: ctx.actor.username,
        action: c.restricted ? ('view-denied' as const) : ('view' as const),
        recordType: 'person',
        recordId: c.personId,
        details: { via: 'match', ...(c.restricted ? { restricted: true } : { score: c.score }) },
        requestId: ctx.requestId,
      })),
    ]);
    return { referenceDate, candidates, considered: ids.length };
  });
}
