import { between, chance, DAY, HOUR, isoDate, plus, type CaseDraft, type SynthContext } from '../context.ts';
import type { TableSpec } from '../loader.ts';
import type { SynthGroup } from './types.ts';

const policeActions: TableSpec = {
  name: 'police_actions',
  columns: [['id', 'uuid'], ['case_id', 'uuid'], ['person_id', 'uuid'], ['kind', 'text'], ['occurred_at', 'timestamptz'], ['bail_until', 'date'], ['conditions', 'text'], ['notes', 'text'], ['recorded_by', 'uuid'], ['created_at', 'timestamptz']],
};

/** Police actions against a named suspect: arrest or voluntary interview, bail or release under investigation, charge. */
export const conductGroup: SynthGroup = {
  name: 'conduct',
  tables: [policeActions],
  emit(ctx: SynthContext, kase: CaseDraft) {
    const { random, people, users, asOf, loader } = ctx;
    if (kase.suspect === null) return;
    const officer = users.get('investigator') ?? null;
    const suspect = people.ids[kase.suspect];
    let at = plus(kase.createdAt, between(random, 6, 96) * HOUR);
    const add = (kind: string, bailUntil: string | null = null, conditions: string | null = null) => {
      if (at > asOf) return false;
      loader.add(policeActions, [ctx.uuid(), kase.id, suspect, kind, at, bailUntil, conditions, null, officer, at]);
      at = plus(at, between(random, 2, 30) * HOUR);
      return true;
    };
    const charged = kase.outcomeCode === 1;
    if (charged || chance(random, 0.45)) {
      if (!add('arrest')) return;
      add('interview');
      if (charged) {
        add('charge');
        if (chance(random, 0.6)) add('bail', isoDate(plus(at, 28 * DAY)), 'Not to contact the victim; not to enter her street');
      } else if (chance(random, 0.5)) {
        add('bail', isoDate(plus(at, 28 * DAY)), 'Not to contact the victim directly or indirectly');
      } else {
        add('released-under-investigation');
      }
    } else if (chance(random, 0.4)) {
      add('voluntary-interview');
    }
  },
};
