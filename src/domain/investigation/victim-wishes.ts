import { outcomeType } from './outcomes.ts';
import type { Reason, TaskSuggestion } from './types.ts';

/** What the victim said most recently about police action. */
export type VictimWish = 'supports-prosecution' | 'does-not-support' | 'undecided';

/** A finalised outcome that no longer matches what the victim wants, with the task it needs. */
export interface OutcomeInconsistency {
  readonly reason: Reason;
  readonly task: TaskSuggestion;
}

/**
 * Flags an outcome recorded because the victim did not support action (types 14 and 16)
 * when a contact after finalisation records that the victim now supports a prosecution
 * (DOMAIN.md §8, 003 case 9; scenario P12). Pass the wish from the latest contact made
 * after the case was finalised. Returns null when they are consistent.
 */
export function outcomeInconsistentWithVictimWishes(
  outcomeCode: number,
  latestVictimWish: VictimWish | undefined,
): OutcomeInconsistency | null {
  const outcome = outcomeType(outcomeCode);
  if (!outcome?.victimDidNotSupport || latestVictimWish !== 'supports-prosecution') return null;
  return {
    reason: {
      code: 'outcome.inconsistent-with-victim-wishes',
      text: `The case was finalised as outcome ${outcome.code} (${outcome.title}), but the victim now says they support a prosecution.`,
    },
    task: {
      code: 'reopen-or-justify',
      title: 'Reopen the investigation or justify keeping the outcome',
      assignTo: 'supervisor',
      why: 'The victim now supports a prosecution, so the outcome must change unless there is a recorded reason it should not.',
    },
  };
}
