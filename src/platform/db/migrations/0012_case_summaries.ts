import { sql, type Kysely } from 'kysely';

/**
 * The course-of-conduct summary an officer has edited for a handover or a prosecution
 * file, with the generated text it started from (so a changed pattern can be pointed out).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table case_summaries (
      case_id uuid primary key references cases(id) on delete cascade,
      text text not null,
      generated_from text not null,
      edited_by uuid not null references users(id),
      edited_at timestamptz not null,
      version integer not null default 1
    )`.execute(db);
}
