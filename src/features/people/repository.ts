import type { Db } from '../../platform/audit/audit-repository.ts';

export interface PersonRecord {
  id: string;
  forenames: string;
  surname: string;
  dateOfBirth: string | null;
  gender: string | null;
  restricted: boolean;
  restrictedContact: string | null;
  version: number;
}

export interface PersonListItem {
  id: string;
  restricted: boolean;
  /** Absent for restricted records the user is not named on. */
  name?: string;
  dateOfBirth?: string | null;
  restrictedContact?: string | null;
}

export async function getPerson(db: Db, id: string): Promise<PersonRecord | undefined> {
  const row = await db
    .selectFrom('people')
    .select(['id', 'forenames', 'surname', 'date_of_birth', 'gender', 'restricted', 'restricted_contact', 'version'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        forenames: row.forenames,
        surname: row.surname,
        dateOfBirth: row.date_of_birth,
        gender: row.gender,
        restricted: row.restricted,
        restrictedContact: row.restricted_contact,
        version: row.version,
      }
    : undefined;
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

export async function insertPerson(
  db: Db,
  person: { forenames: string; surname: string; dateOfBirth: string | null; gender: string | null; restricted: boolean; restrictedContact: string | null },
): Promise<string> {
  const { id } = await db
    .insertInto('people')
    .values({
      forenames: person.forenames,
      surname: person.surname,
      date_of_birth: person.dateOfBirth,
      gender: person.gender,
      restricted: person.restricted,
      restricted_contact: person.restrictedContact,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function nameUserOnRecord(db: Db, recordType: string, recordId: string, userId: string, grantedBy: string | null): Promise<void> {
  await db
    .insertInto('record_access')
    .values({ record_type: recordType, record_id: recordId, user_id: userId, granted_by: grantedBy })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
