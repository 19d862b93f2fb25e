import { between, chance, DAY, isoDate, plus, weighted, type CaseDraft, type SynthContext } from '../context.ts';
import type { TableSpec } from '../loader.ts';
import type { SynthGroup } from './types.ts';

const orders: TableSpec = {
  name: 'orders',
  columns: [
    ['id', 'uuid'], ['type', 'text'], ['subject_person_id', 'uuid'], ['case_id', 'uuid'], ['court', 'text'], ['made_on', 'date'], ['expires_on', 'date'],
    ['status', 'text'], ['prohibitions', 'text'], ['requirements', 'text'], ['created_at', 'timestamptz'],
  ],
};
const protectedPersons: TableSpec = { name: 'order_protected_persons', columns: [['order_id', 'uuid'], ['person_id', 'uuid']] };
const flags: TableSpec = {
  name: 'flags',
  columns: [['id', 'uuid'], ['person_id', 'uuid'], ['type', 'text'], ['reason', 'text'], ['starts_on', 'date'], ['expires_on', 'date'], ['status', 'text'], ['created_at', 'timestamptz'], ['created_by', 'uuid'], ['notify_team', 'text']],
};
const warningNotices: TableSpec = {
  name: 'warning_notices',
  columns: [['id', 'uuid'], ['person_id', 'uuid'], ['kind', 'text'], ['issued_on', 'date'], ['issuing_force', 'text'], ['notes', 'text']],
};

/**
 * Orders made in a case (restraining orders after a charge, stalking protection orders,
 * non-molestation orders) with their protected people; flags on stalking suspects and
 * victims; historic PIN/HN1 warnings. Each person gets at most one flag of a type.
 */
export function makeOrdersGroup(): SynthGroup {
  const flagged = new Set<string>();
  const warned = new Set<number>();
  return {
    name: 'orders',
    tables: [orders, protectedPersons, flags, warningNotices],
    emit(ctx: SynthContext, kase: CaseDraft) {
      const { random, people, users, asOf, loader } = ctx;
      const lead = users.get('stalking-coordination-unit') ?? null;
      const o = kase.order;
      if (o) {
        loader.add(orders, [
          o.id, o.type, people.ids[o.subject], kase.id, o.court, o.madeOn, o.expiresOn, o.status,
          'Not to contact the protected person directly or indirectly, including through social media; not to go within 100 metres of her home or workplace.',
          o.type === 'stalking-protection-order' ? 'Attend a perpetrator intervention programme; tell the police of any new social media account within 3 days.' : null,
          new Date(`${o.madeOn}T12:00:00Z`),
        ]);
        for (const p of o.protectedPeople) loader.add(protectedPersons, [o.id, people.ids[p]]);
      }
      if (!kase.offence.includes('stalking')) return;
      const start = kase.createdAt;
      const flag = (person: number, type: string, reason: string, notifyTeam: string | null) => {
        const key = `${person}:${type}`;
        if (flagged.has(key)) return;
        flagged.add(key);
        const expires = plus(start, 365 * DAY);
        loader.add(flags, [ctx.uuid(), people.ids[person], type, reason, isoDate(start), isoDate(expires), expires < asOf ? 'expired' : 'active', start, lead, notifyTeam]);
      };
      if (kase.suspect !== null && chance(random, 0.4)) flag(kase.suspect, 'stalking-perpetrator', `Suspect in ${kase.reference}`, null);
      if (kase.suspect !== null && chance(random, 0.05)) flag(kase.suspect, 'notify-if', 'Tell the SCU if he appears in any report', 'scu');
      if (chance(random, 0.3)) flag(kase.victims[0]!, 'stalking-victim', `Victim in ${kase.reference}`, null);
      if (kase.suspect !== null && !warned.has(kase.suspect) && chance(random, 0.08)) {
        warned.add(kase.suspect);
        const issued = new Date(start.getTime() - between(random, 60, 2000) * DAY);
        loader.add(warningNotices, [ctx.uuid(), people.ids[kase.suspect], weighted(random, [['PIN', 3], ['HN1', 1]]), isoDate(issued), weighted(random, [['Northshire Police', 4], ['Southmoor Constabulary', 1]]), 'Historic notice: recorded as history only']);
      }
    },
  };
}
