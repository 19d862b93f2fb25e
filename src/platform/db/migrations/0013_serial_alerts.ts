import { sql, type Kysely } from 'kysely';

/** Finds the last serial perpetrator alert for a person without scanning every task. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index tasks_serial_perpetrator_person on tasks ((details->>'personId')) where type = 'serial-perpetrator-review'`.execute(db);
}
