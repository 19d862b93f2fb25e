import type { Transaction } from 'kysely';
import { RestrictedRecordError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import type { Database } from './schema.ts';

/**
 * Runs one use case in one transaction: its work and its audit rows commit together, and
 * any error rolls everything back, with one exception. When the work is refused because
 * a restricted record was opened by someone not named on it, the audit row of that
 * refusal is committed before the refusal is raised, so attempts are never lost.
 */
export async function runUseCase<T>(deps: Pick<Deps, 'db'>, work: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  const outcome = await deps.db.transaction().execute(async (tx): Promise<{ value: T } | { refused: RestrictedRecordError }> => {
    try {
      return { value: await work(tx) };
    } catch (error) {
      if (error instanceof RestrictedRecordError) return { refused: error };
      throw error;
    }
  });
  if ('refused' in outcome) throw outcome.refused;
  return outcome.value;
}
