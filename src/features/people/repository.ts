import { sql } from 'kysely';
import { normaliseName, normaliseSurname, phoneticKey, searchKeys, type PersonSearchKeys } from '../../domain/people/index.ts';
import { looseEmailKey, normaliseEmail, normaliseHandle, normalisePhone, normalisePostcode, normaliseTown, normaliseVehicle } from '../../domain/people/index.ts';
import type { Db } from '../../platform/audit/audit-repository.ts';
import type { IdentifierKind } from '../../platform/db/schema.ts';

export interface PersonRecord {
  id: string;
  forenames: string;
  surname: string;
  dateOfBirth: string | null;
  gender: string | null;
  restricted: boolean;
  restrictedContact: string | null;
  version: number;
  ageMin: number | null;
  ageMax: number | null;
  ageStatedOn: string | null;
  description: string | null;
  createdAt: Date;
  /** Set when this record was merged into another person's. */
  mergedInto: string | null;
}

export interface PersonListItem {
  id: string;
  restricted: boolean;
  /** Absent for restricted records the user is not named on. */
  name?: string;
  dateOfBirth?: string | null;
  restrictedContact?: string | null;
}

export interface NameInput {
  forenames: string;
  surname: string;
}

export interface HandleInput {
  platform: string;
  handle: string;
}

export interface AddressInput {
  line: string | null;
  town: string | null;
  postcode: string | null;
  protected: boolean;
}

/** Everything recorded about a person apart from the main row. */
export interface PersonParticulars {
  aliases: NameInput[];
  phones: string[];
  emails: string[];
  handles: HandleInput[];
  vehicles: string[];
  addresses: AddressInput[];
}

export interface StoredAddress extends AddressInput {
  id: string;
}

export interface StoredParticulars extends Omit<PersonParticulars, 'addresses'> {
  addresses: StoredAddress[];
}

const PERSON_COLUMNS = [
  'id',
  'forenames',
  'surname',
  'date_of_birth',
  'gender',
  'restricted',
  'restricted_contact',
  'version',
  'age_min',
  'age_max',
  'age_stated_on',
  'description',
  'created_at',
  'merged_into',
] as const;

type PersonRow = {
  id: string;
  forenames: string;
  surname: string;
  date_of_birth: string | null;
  gender: string | null;
  restricted: boolean;
  restricted_contact: string | null;
  version: number;
  age_min: number | null;
  age_max: number | null;
  age_stated_on: string | null;
  description: string | null;
  created_at: Date;
  merged_into: string | null;
};

function toPerson(row: PersonRow): PersonRecord {
  return {
    id: row.id,
    forenames: row.forenames,
    surname: row.surname,
    dateOfBirth: row.date_of_birth,
    gender: row.gender,
    restricted: row.restricted,
    restrictedContact: row.restricted_contact,
    version: row.version,
    ageMin: row.age_min,
    ageMax: row.age_max,
    ageStatedOn: row.age_stated_on,
    description: row.description,
    createdAt: row.created_at,
    mergedInto: row.merged_into,
  };
}

export async function getPerson(db: Db, id: string): Promise<PersonRecord | undefined> {
  const row = await db.selectFrom('people').select(PERSON_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toPerson(row) : undefined;
}

export async function getPeople(db: Db, ids: readonly string[]): Promise<PersonRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('people').select(PERSON_COLUMNS).where('id', 'in', ids).execute();
  return rows.map(toPerson);
}

/** People in name order; restricted records carry names only where the user is named on them. */
export async function listPeople(db: Db, userId: string, limit: number): Promise<PersonListItem[]> {
  const rows = await db
    .selectFrom('people as p')
    .leftJoin('record_access as a', (join) =>
      join.onRef('a.record_id', '=', 'p.id').on('a.record_type', '=', 'person').on('a.user_id', '=', userId),
    )
    .select(['p.id', 'p.forenames', 'p.surname', 'p.date_of_birth', 'p.restricted', 'p.restricted_contact', 'a.user_id as named'])
    .orderBy('p.surname')
    .orderBy('p.forenames')
    .limit(limit)
    .execute();
  return rows.map((r) =>
    r.restricted && !r.named
      ? { id: r.id, restricted: true, restrictedContact: r.restricted_contact }
      : { id: r.id, restricted: r.restricted, name: `${r.forenames} ${r.surname}`, dateOfBirth: r.date_of_birth },
  );
}

export async function isNamedOnRecord(db: Db, recordType: string, recordId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('record_access')
    .select('user_id')
    .where('record_type', '=', recordType)
    .where('record_id', '=', recordId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return !!row;
}

/** Of the given records, those the user is named on. */
export async function namedRecords(db: Db, recordType: string, recordIds: readonly string[], userId: string): Promise<Set<string>> {
  if (recordIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('record_access')
    .select('record_id')
    .where('record_type', '=', recordType)
    .where('record_id', 'in', recordIds)
    .where('user_id', '=', userId)
    .execute();
  return new Set(rows.map((r) => r.record_id));
}

export interface NewPerson {
  forenames: string;
  surname: string;
  dateOfBirth: string | null;
  gender: string | null;
  restricted: boolean;
  restrictedContact: string | null;
  ageMin?: number | null;
  ageMax?: number | null;
  ageStatedOn?: string | null;
  description?: string | null;
  createdBy?: string | null;
}

/** Inserts a person and the search keys of their main name (add particulars with `replaceParticulars`). */
export async function insertPerson(db: Db, person: NewPerson): Promise<string> {
  const { id } = await db
    .insertInto('people')
    .values({
      forenames: person.forenames,
      surname: person.surname,
      date_of_birth: person.dateOfBirth,
      gender: person.gender,
      restricted: person.restricted,
      restricted_contact: person.restrictedContact,
      age_min: person.ageMin ?? null,
      age_max: person.ageMax ?? null,
      age_stated_on: person.ageStatedOn ?? null,
      description: person.description ?? null,
      created_by: person.createdBy ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceNames(db, id, { forenames: person.forenames, surname: person.surname }, []);
  return id;
}

export interface PersonChanges {
  forenames: string;
  surname: string;
  dateOfBirth: string | null;
  gender: string | null;
  ageMin: number | null;
  ageMax: number | null;
  ageStatedOn: string | null;
  description: string | null;
}

/** Saves the main row if nobody else has since; false when the version is stale. */
export async function updatePersonRow(db: Db, id: string, expectedVersion: number, changes: PersonChanges, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('people')
    .set({
      forenames: changes.forenames,
      surname: changes.surname,
      date_of_birth: changes.dateOfBirth,
      gender: changes.gender,
      age_min: changes.ageMin,
      age_max: changes.ageMax,
      age_stated_on: changes.ageStatedOn,
      description: changes.description,
      updated_at: at,
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function nameUserOnRecord(db: Db, recordType: string, recordId: string, userId: string, grantedBy: string | null): Promise<void> {
  await db
    .insertInto('record_access')
    .values({ record_type: recordType, record_id: recordId, user_id: userId, granted_by: grantedBy })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The keys stored for one name, from the matching rules. */
export function nameKeys(name: NameInput): { fullKey: string; forenamePhonetic: string; surnamePhonetic: string; forenameGroups: string[] } {
  const keys: PersonSearchKeys = searchKeys({ id: '', name: { forename: name.forenames, surname: name.surname } });
  const firstForename = normaliseName(name.forenames).split(' ')[0] ?? '';
  return {
    fullKey: keys.fullNames[0] ?? '',
    forenamePhonetic: firstForename === '' ? '' : phoneticKey(firstForename),
    surnamePhonetic: phoneticKey(normaliseSurname(name.surname).replace(/ /g, '')),
    forenameGroups: [...new Set([...keys.forenames, ...keys.forenameGroups])].sort(),
  };
}

async function replaceNames(db: Db, personId: string, primary: NameInput, aliases: readonly NameInput[]): Promise<void> {
  await db.deleteFrom('person_names').where('person_id', '=', personId).execute();
  const rows = [{ kind: 'primary' as const, name: primary }, ...aliases.map((name) => ({ kind: 'alias' as const, name }))].map(({ kind, name }) => {
    const keys = nameKeys(name);
    return {
      person_id: personId,
      kind,
      forenames: name.forenames,
      surname: name.surname,
      full_key: keys.fullKey,
      forename_phonetic: keys.forenamePhonetic,
      surname_phonetic: keys.surnamePhonetic,
      forename_groups: sql<string[]>`${sql.val(keys.forenameGroups)}::text[]`,
    };
  });
  await db.insertInto('person_names').values(rows).execute();
}

interface IdentifierRow {
  person_id: string;
  kind: IdentifierKind;
  value: string;
  normalised: string;
  platform: string | null;
  protected: boolean;
  loose_key: string | null;
}

function keyOf(result: { ok: true; value: string } | { ok: false; error: string }): string | undefined {
  return result.ok ? result.value : undefined;
}

/** Identifier rows for the particulars: the value as typed and its normalised key (invalid values are refused earlier). */
function identifierRows(personId: string, particulars: PersonParticulars): IdentifierRow[] {
  const rows: IdentifierRow[] = [];
  const add = (kind: IdentifierKind, value: string, normalised: string | undefined, extra: Partial<IdentifierRow> = {}) => {
    if (normalised === undefined || normalised === '') return;
    rows.push({ person_id: personId, kind, value, normalised, platform: null, protected: false, loose_key: null, ...extra });
  };
  for (const phone of particulars.phones) add('phone', phone, keyOf(normalisePhone(phone)));
  for (const email of particulars.emails) add('email', email, keyOf(normaliseEmail(email)), { loose_key: keyOf(looseEmailKey(email)) ?? null });
  for (const h of particulars.handles) add('handle', h.handle, keyOf(normaliseHandle({ platform: h.platform, handle: h.handle })), { platform: h.platform || null });
  for (const vehicle of particulars.vehicles) add('vehicle', vehicle, keyOf(normaliseVehicle(vehicle)));
  for (const address of particulars.addresses) {
    if (address.postcode) add('postcode', address.postcode, keyOf(normalisePostcode(address.postcode)), { protected: address.protected });
    if (address.town) add('town', address.town, normaliseTown(address.town), { protected: address.protected });
  }
  return rows;
}

/**
 * Replaces names, identifiers and addresses with those given. With `keepProtectedAddresses`
 * the person's protected addresses are left as they are (the editor could not see them).
 */
export async function replaceParticulars(
  db: Db,
  personId: string,
  primary: NameInput,
  particulars: PersonParticulars,
  options: { keepProtectedAddresses: boolean },
): Promise<void> {
  await replaceNames(db, personId, primary, particulars.aliases);
  let addresses = particulars.addresses;
  if (options.keepProtectedAddresses) {
    const kept = await db.selectFrom('person_addresses').select(['line', 'town', 'postcode', 'protected']).where('person_id', '=', personId).where('protected', '=', true).execute();
    addresses = [...kept, ...addresses];
  }
  await db.deleteFrom('person_identifiers').where('person_id', '=', personId).execute();
  await db.deleteFrom('person_addresses').where('person_id', '=', personId).execute();
  const identifiers = identifierRows(personId, { ...particulars, addresses });
  if (identifiers.length > 0) await db.insertInto('person_identifiers').values(identifiers).execute();
  if (addresses.length > 0) {
    await db
      .insertInto('person_addresses')
      .values(addresses.map((a) => ({ person_id: personId, line: a.line, town: a.town, postcode: a.postcode, protected: a.protected })))
      .execute();
  }
}

/** A person with everything recorded about them. */
export interface PersonWithParticulars {
  person: PersonRecord;
  particulars: StoredParticulars;
}

type ParticularsRow = PersonRow & {
  aliases: Array<[string, string]>;
  identifiers: Array<[string, string, string | null]>;
  addresses: Array<[string, string | null, string | null, string | null, boolean]>;
};

/**
 * Several people with their aliases, identifiers and addresses, in one statement (the
 * matching page reads a hundred at a time). Aliases in the order added; identifiers and
 * addresses oldest first.
 */
export async function peopleWithParticulars(db: Db, personIds: readonly string[]): Promise<PersonWithParticulars[]> {
  if (personIds.length === 0) return [];
  const rows = await sql<ParticularsRow>`
    select ${sql.join(PERSON_COLUMNS.map((c) => sql.ref(`p.${c}`)))},
      (select coalesce(json_agg(json_build_array(n.forenames, n.surname) order by n.id), '[]')
         from person_names n where n.person_id = p.id and n.kind = 'alias') as aliases,
      (select coalesce(json_agg(json_build_array(i.kind, i.value, i.platform) order by i.created_at, i.id), '[]')
         from person_identifiers i where i.person_id = p.id and i.kind in ('phone', 'email', 'handle', 'vehicle')) as identifiers,
      (select coalesce(json_agg(json_build_array(a.id, a.line, a.town, a.postcode, a.protected) order by a.created_at, a.id), '[]')
         from person_addresses a where a.person_id = p.id) as addresses
    from people p where p.id = any(${sql.val([...personIds])}::uuid[])`.execute(db);
  return rows.rows.map((row) => {
    const particulars: StoredParticulars = {
      aliases: row.aliases.map(([forenames, surname]) => ({ forenames, surname })),
      phones: [],
      emails: [],
      handles: [],
      vehicles: [],
      addresses: row.addresses.map(([id, line, town, postcode, isProtected]) => ({ id, line, town, postcode, protected: isProtected })),
    };
    for (const [kind, value, platform] of row.identifiers) {
      if (kind === 'phone') particulars.phones.push(value);
      else if (kind === 'email') particulars.emails.push(value);
      else if (kind === 'vehicle') particulars.vehicles.push(value);
      else particulars.handles.push({ platform: platform ?? '', handle: value });
    }
    return { person: toPerson(row), particulars };
  });
}

/** Aliases, identifiers and addresses of several people at once. */
export async function particularsOf(db: Db, personIds: readonly string[]): Promise<Map<string, StoredParticulars>> {
  return new Map((await peopleWithParticulars(db, personIds)).map((r) => [r.person.id, r.particulars]));
}

/** True when the person is, or has been, a victim or protected person in any record. */
export async function isVictim(db: Db, personId: string): Promise<boolean> {
  const row = await sql<{ found: boolean }>`
    select exists (select 1 from case_victims where person_id = ${personId})
        or exists (select 1 from report_parties where person_id = ${personId} and role = 'victim')
        or exists (select 1 from order_protected_persons where person_id = ${personId}) as found`.execute(db);
  return row.rows[0]?.found ?? false;
}

/**
 * Of the given people, those whose protected addresses the user may see: people linked to
 * a case (as victim or suspect) that the user or one of their teams owns.
 */
export async function protectedAddressAllowed(db: Db, personIds: readonly string[], userId: string, teams: readonly string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const teamList = teams.length > 0 ? [...teams] : ['-'];
  // Victims and suspects are looked up apart (a union, not "or" across the join), so each
  // side is read by its person index instead of scanning every case.
  const rows = await db
    .selectFrom('case_victims as v')
    .innerJoin('cases as c', 'c.id', 'v.case_id')
    .select('v.person_id as id')
    .where('v.person_id', 'in', personIds)
    .where((eb) => eb.or([eb('c.owner_user_id', '=', userId), eb('c.owner_team', 'in', teamList)]))
    .union((eb) =>
      eb
        .selectFrom('cases as c')
        .select('c.suspect_person_id as id')
        .where('c.suspect_person_id', 'in', personIds)
        .where((eb2) => eb2.or([eb2('c.owner_user_id', '=', userId), eb2('c.owner_team', 'in', teamList)]))
        .$narrowType<{ id: string }>(),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The keys a matching query looks candidates up by (from `queryKeys`). */
export interface CandidateLookup {
  fullNames: string[];
  surnamePhonetic: string[];
  /** Forename words and their forename groups. */
  forenameKeys: string[];
  forenamePhonetic: string[];
  /** The date of birth given and its day-month swap (YYYY-MM-DD). */
  birthDates: string[];
  phones: string[];
  emails: string[];
  emailsLoose: string[];
  handles: string[];
  vehicles: string[];
  /** Least pg_trgm similarity of full names for the spelling branch (the policy's `candidateNameSimilarity`). */
  nameSimilarity: number;
  /** Least similarity for someone born on the date given who shares no name part (the policy's `birthDateNameSimilarity`). */
  birthDateNameSimilarity: number;
}

/** How many people born on the date given (or its day-month swap) with a name somewhat like the one given are offered, best-named first. */
const BIRTH_DATE_CANDIDATES = 10;

/**
 * Candidate people for a matching query, best first by a cheap SQL rank, from four branches:
 * trigram similarity of full names at or above `nameSimilarity` (the pg_trgm GIN index; the
 * `%` operator reads the threshold from `pg_trgm.similarity_threshold`, set for this
 * transaction only); the same surname sound with a shared forename, forename group or
 * forename sound (btree and GIN indexes); people born on the date given or its day-month
 * swap who share a forename or surname by spelling, group or sound, or whose whole name is at
 * least `birthDateNameSimilarity` alike; and exact identifier keys. Runs in the caller's
 * transaction, or in its own.
 */
export async function findCandidateIds(db: Db, lookup: CandidateLookup, limit: number): Promise<string[]> {
  if (!db.isTransaction) return db.transaction().execute((tx) => findCandidateIds(tx, lookup, limit));
  const branches = [];
  for (const fullName of lookup.fullNames.slice(0, 4)) {
    branches.push(sql`(select person_id, similarity(full_key, ${fullName}) as rank from person_names
      where full_key % ${fullName} order by rank desc limit ${limit})`);
  }
  // A name (alias n of person_names) sharing a forename, forename group or forename sound, or the surname sound.
  const sameForename = sql`(n.forename_groups && ${sql.val(lookup.forenameKeys)}::text[] or n.forename_phonetic = any(${sql.val(lookup.forenamePhonetic)}::text[]))`;
  const sameSurnameSound = sql`n.surname_phonetic = any(${sql.val(lookup.surnamePhonetic)}::text[])`;
  if (lookup.surnamePhonetic.length > 0 && (lookup.forenameKeys.length > 0 || lookup.forenamePhonetic.length > 0)) {
    branches.push(sql`(select n.person_id, 0.5::real as rank from person_names n where ${sameSurnameSound} and ${sameForename} limit ${limit})`);
  }
  if (lookup.birthDates.length > 0) {
    // Ranked with the identifiers, so the few people born that day with a name like it are always scored.
    const likeness = sql`similarity(n.full_key, ${lookup.fullNames[0] ?? ''})`;
    branches.push(sql`(select person_id, 1::real as rank from (select n.person_id from people p join person_names n on n.person_id = p.id
      where p.date_of_birth = any(${sql.val(lookup.birthDates)}::date[])
        and (${sameForename} or ${sameSurnameSound} or ${likeness} >= ${lookup.birthDateNameSimilarity})
      order by ${likeness} desc limit ${BIRTH_DATE_CANDIDATES}) as born)`);
  }
  const identifierTests = [];
  if (lookup.phones.length > 0) identifierTests.push(sql`(kind = 'phone' and normalised = any(${sql.val(lookup.phones)}::text[]))`);
  if (lookup.emails.length > 0) identifierTests.push(sql`(kind = 'email' and normalised = any(${sql.val(lookup.emails)}::text[]))`);
  if (lookup.emailsLoose.length > 0) identifierTests.push(sql`(kind = 'email' and loose_key = any(${sql.val(lookup.emailsLoose)}::text[]))`);
  if (lookup.handles.length > 0) identifierTests.push(sql`(kind = 'handle' and normalised = any(${sql.val(lookup.handles)}::text[]))`);
  if (lookup.vehicles.length > 0) identifierTests.push(sql`(kind = 'vehicle' and normalised = any(${sql.val(lookup.vehicles)}::text[]))`);
  if (identifierTests.length > 0) {
    branches.push(sql`(select person_id, 1::real as rank from person_identifiers where ${sql.join(identifierTests, sql` or `)} limit ${limit})`);
  }
  if (branches.length === 0) return [];
  if (lookup.fullNames.length > 0) await sql`select set_config('pg_trgm.similarity_threshold', ${String(lookup.nameSimilarity)}, true)`.execute(db);
  const result = await sql<{ person_id: string }>`
    select person_id from (${sql.join(branches, sql` union all `)}) as found
    group by person_id order by max(rank) desc, person_id limit ${limit}`.execute(db);
  return result.rows.map((r) => r.person_id);
}
