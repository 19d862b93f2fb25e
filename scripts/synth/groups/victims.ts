import { between, chance, DAY, HOUR, plus, weighted, type CaseDraft, type SynthContext } from '../context.ts';
import type { TableSpec } from '../loader.ts';
import type { SynthGroup } from './types.ts';

const profiles: TableSpec = {
  name: 'victim_profiles',
  columns: [['id', 'uuid'], ['case_id', 'uuid'], ['person_id', 'uuid'], ['raised_to_enhanced', 'boolean'], ['raise_reason', 'text'], ['preferred_method', 'text'], ['safe_to_leave_message', 'boolean'], ['contact_user_id', 'uuid'], ['contact_role', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
};
const events: TableSpec = {
  name: 'victim_events',
  columns: [['id', 'uuid'], ['case_id', 'uuid'], ['event', 'text'], ['occurred_at', 'timestamptz'], ['outcome_code', 'integer'], ['notes', 'text'], ['recorded_by', 'uuid'], ['created_at', 'timestamptz']],
};
const contacts: TableSpec = {
  name: 'victim_contacts',
  columns: [['id', 'uuid'], ['case_id', 'uuid'], ['person_id', 'uuid'], ['occurred_at', 'timestamptz'], ['initiated_by', 'text'], ['chasing_update', 'boolean'], ['method', 'text'], ['discussed', 'text'], ['victim_wish', 'text'], ['recorded_by', 'uuid'], ['created_at', 'timestamptz']],
};
const referrals: TableSpec = {
  name: 'victim_referrals',
  columns: [['id', 'uuid'], ['case_id', 'uuid'], ['person_id', 'uuid'], ['service_code', 'text'], ['status', 'text'], ['consent', 'boolean'], ['offered_at', 'timestamptz'], ['made_at', 'timestamptz'], ['taken_up_at', 'timestamptz'], ['declined_at', 'timestamptz'], ['created_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
};
const outcomes: TableSpec = {
  name: 'victim_case_outcomes',
  columns: [['case_id', 'uuid'], ['outcome_code', 'integer'], ['recorded_at', 'timestamptz'], ['event_id', 'uuid']],
};

const METHODS: ReadonlyArray<readonly [string, number]> = [['phone', 6], ['text', 2], ['email', 1], ['in-person', 2]];

/**
 * Victim care: a profile (most victims of stalking are entitled to enhanced rights), the
 * contact log with victims chasing updates now and then, referrals offered, made and taken
 * up, the events they must be told about, and the outcome of finalised cases.
 */
export const victimsGroup: SynthGroup = {
  name: 'victims',
  tables: [profiles, events, contacts, referrals, outcomes],
  emit(ctx: SynthContext, kase: CaseDraft) {
    const { random, people, users, asOf, loader } = ctx;
    const officer = users.get('investigator') ?? null;
    const victim = people.ids[kase.victims[0]!];
    const first = kase.reports[0]!.reportedAt;
    const enhanced = kase.offence.includes('stalking') || kase.domesticAbuse;
    if (chance(random, 0.7)) {
      loader.add(profiles, [ctx.uuid(), kase.id, victim, enhanced, enhanced ? 'Victim of stalking or domestic abuse' : null, weighted(random, METHODS), chance(random, 0.7), kase.ownerUserId, kase.ownerUserId ? 'officer-in-case' : null, first, first]);
    }
    const contactCount = between(random, 0, kase.status === 'finalised' ? 4 : 2);
    let at = plus(first, between(random, 2, 48) * HOUR);
    for (let i = 0; i < contactCount && at < asOf; i++) {
      const chasing = chance(random, 0.15);
      loader.add(contacts, [ctx.uuid(), kase.id, victim, at, chasing ? 'victim' : 'police', chasing, weighted(random, METHODS), chasing ? 'Asked what is happening with her case' : 'Update on the investigation', i === 0 ? weighted(random, [['supports-prosecution', 5], ['does-not-support', 3], ['undecided', 2]]) : null, officer, at]);
      at = plus(at, between(random, 3, 30) * DAY);
    }
    if (chance(random, 0.6)) {
      const offered = plus(first, between(random, 4, 96) * HOUR);
      if (offered < asOf) {
        const status = weighted(random, [['offered', 2], ['declined', 3], ['made', 2], ['taken-up', 3]]);
        const made = status === 'made' || status === 'taken-up' ? plus(offered, DAY) : null;
        loader.add(referrals, [
          ctx.uuid(), kase.id, victim, kase.offence.includes('stalking') ? weighted(random, [['paladin', 1], ['national-stalking-helpline', 1], ['northshire-isas', 2]]) : kase.domesticAbuse ? 'idva' : 'victim-support',
          status, status !== 'offered' && status !== 'declined', offered, made, status === 'taken-up' ? plus(offered, 5 * DAY) : null, status === 'declined' ? offered : null, officer, offered, offered,
        ]);
      }
    }
    if (kase.status === 'finalised' && kase.finalisedAt && kase.outcomeCode !== null) {
      const eventId = ctx.uuid();
      loader.add(events, [eventId, kase.id, 'outcome', kase.finalisedAt, kase.outcomeCode, null, officer, kase.finalisedAt]);
      loader.add(outcomes, [kase.id, kase.outcomeCode, kase.finalisedAt, eventId]);
    }
  },
};
