import { sql, type Kysely } from 'kysely';

/**
 * Retention reviews under MoPI: each decision on a case (keep, with a reason and the
 * next review date, or delete its personal data). The history is kept; the latest
 * decision is the one in force. Deleting personal data never deletes this row, the
 * case row or the audit log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table retention_reviews (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id),
      decision text not null check (decision in ('retain', 'delete')),
      mopi_group integer not null check (mopi_group between 1 and 4),
      reason text not null,
      due_on date,
      next_review_on date,
      scrubbed jsonb not null default '{}'::jsonb,
      decided_by uuid not null references users(id),
      decided_at timestamptz not null,
      check ((decision = 'retain') = (next_review_on is not null))
    )`.execute(db);
  await sql`create index retention_reviews_case on retention_reviews (case_id, decided_at desc)`.execute(db);
}
