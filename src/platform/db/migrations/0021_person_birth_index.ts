import { sql, type Kysely } from 'kysely';

/**
 * Matching offers everyone born on the date the call handler gives, whatever the spelling
 * of their name (a changed surname, a misheard forename): this index finds them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists people_date_of_birth_idx on people (date_of_birth) where date_of_birth is not null`.execute(db);
}
