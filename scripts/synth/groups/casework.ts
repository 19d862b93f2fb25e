import { between, chance, HOUR, plus, weighted, type CaseDraft, type SynthContext } from '../context.ts';
import type { TableSpec } from '../loader.ts';
import type { SynthGroup } from './types.ts';

export const cases: TableSpec = {
  name: 'cases',
  columns: [
    ['id', 'uuid'], ['reference', 'text'], ['suspect_person_id', 'uuid'], ['status', 'text'], ['offence', 'text'], ['also_record', 'text[]'],
    ['domestic_abuse', 'boolean'], ['cyber_enabled', 'boolean'], ['owner_team', 'text'], ['owner_user_id', 'uuid'], ['restricted', 'boolean'],
    ['restricted_contact', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['finalised_at', 'timestamptz'],
  ],
};
const caseVictims: TableSpec = { name: 'case_victims', columns: [['case_id', 'uuid'], ['person_id', 'uuid']] };
const reports: TableSpec = {
  name: 'reports',
  columns: [
    ['id', 'uuid'], ['reference', 'text'], ['status', 'text'], ['answers', 'jsonb'], ['reported_at', 'timestamptz'], ['submitted_at', 'timestamptz'],
    ['caller_capacity', 'text'], ['relationship', 'text'], ['account', 'text'], ['effects', 'text[]'], ['indicators', 'text[]'], ['suspect_known', 'boolean'],
    ['thrive', 'jsonb'], ['response', 'text'], ['evidence_advice', 'text'], ['recording_due_at', 'timestamptz'], ['crime_decision', 'text'],
    ['crime_decision_rationale', 'text'], ['crime_decided_at', 'timestamptz'], ['crime_decided_by', 'uuid'], ['created_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
  ],
};
const caseReports: TableSpec = { name: 'case_reports', columns: [['case_id', 'uuid'], ['report_id', 'uuid'], ['linked_at', 'timestamptz'], ['linked_by', 'uuid'], ['link_reason', 'text']] };
const reportParties: TableSpec = { name: 'report_parties', columns: [['id', 'uuid'], ['report_id', 'uuid'], ['person_id', 'uuid'], ['role', 'text'], ['description', 'text']] };
const occasions: TableSpec = {
  name: 'occasions',
  columns: [
    ['id', 'uuid'], ['report_id', 'uuid'], ['occurred_from', 'timestamptz'], ['occurred_to', 'timestamptz'], ['place', 'text'], ['channels', 'text[]'], ['platform', 'text'],
    ['account_name', 'text'], ['behaviours', 'text[]'], ['fear_of_violence', 'boolean'], ['times', 'integer'], ['description', 'text'], ['breached_order_id', 'uuid'], ['created_at', 'timestamptz'],
  ],
};
const classifications: TableSpec = {
  name: 'classifications',
  columns: [
    ['id', 'uuid'], ['case_id', 'uuid'], ['offence', 'text'], ['also_record', 'text[]'], ['reasons', 'jsonb'], ['rationale', 'text'], ['status', 'text'],
    ['proposed_by', 'uuid'], ['proposed_at', 'timestamptz'], ['decided_by', 'uuid'], ['decided_at', 'timestamptz'], ['decision_reason', 'text'],
  ],
};
const linkEvents: TableSpec = {
  name: 'case_link_events',
  columns: [['id', 'uuid'], ['case_id', 'uuid'], ['kind', 'text'], ['report_ids', 'uuid[]'], ['reason', 'text'], ['details', 'jsonb'], ['at', 'timestamptz'], ['by_user_id', 'uuid']],
};

const ACCOUNTS = [
  'Keeps messaging me after I asked him to stop, and turned up outside my home.',
  'New accounts keep appearing that contact me and my friends.',
  'Sends threatening messages and waits near my workplace.',
  'Rings me many times a day from withheld numbers.',
  'Posted private photos of me and keeps commenting on my posts.',
  'Follows me when I take the children to school.',
  'Left gifts on the doorstep and a note saying they are watching me.',
];
const RESPONSES: ReadonlyArray<readonly [string, number]> = [['immediate', 15], ['priority', 45], ['scheduled', 40]];

/** Cases, their victims and classification; reports with parties and occasions; how each report joined its case. */
export const caseworkGroup: SynthGroup = {
  name: 'casework',
  tables: [cases, caseVictims, reports, caseReports, reportParties, occasions, classifications, linkEvents],
  emit(ctx: SynthContext, kase: CaseDraft) {
    const { random, people, users, loader } = ctx;
    const callHandler = users.get('call-handler') ?? null;
    const registrar = users.get('crime-registrar') ?? null;
    const sergeant = users.get('detective-sergeant') ?? null;
    const first = kase.reports[0]!;
    loader.add(cases, [
      kase.id, kase.reference, kase.suspect === null ? null : people.ids[kase.suspect], kase.status, kase.offence, kase.alsoRecord,
      kase.domesticAbuse, kase.cyberEnabled, kase.ownerTeam, kase.ownerUserId, kase.restricted,
      kase.restricted ? 'the professional standards department' : null, kase.createdAt, kase.finalisedAt ?? kase.lastActivity, kase.finalisedAt,
    ]);
    for (const v of kase.victims) loader.add(caseVictims, [kase.id, people.ids[v]]);
    const victim = kase.victims[0]!;
    for (const [n, report] of kase.reports.entries()) {
      const answers = {
        callerCapacity: report.callerCapacity,
        relationship: kase.relationship,
        victim: { forenames: people.forenames[victim], surname: people.surnames[victim], personId: people.ids[victim] },
        suspectKnown: kase.suspect === null ? 'no' : 'yes',
        ...(kase.suspect === null
          ? { suspect: { description: 'Not known' } }
          : { suspect: { forenames: people.forenames[kase.suspect], surname: people.surnames[kase.suspect], personId: people.ids[kase.suspect] } }),
        occasions: report.occasions.map((o) => ({ date: o.from.toISOString().slice(0, 10), channels: o.channels, behaviours: o.behaviours, times: o.times })),
        effects: report.effects,
        indicators: report.indicators,
      };
      const account = ACCOUNTS[Math.floor(random() * ACCOUNTS.length)]!;
      const thrive = { threat: weighted(random, [['low', 2], ['medium', 5], ['high', 2]]), harm: 'medium', risk: weighted(random, [['low', 2], ['medium', 5], ['high', 2]]) };
      loader.add(reports, [
        report.id, report.reference, 'submitted', answers, report.reportedAt, plus(report.reportedAt, 20 * 60_000),
        report.callerCapacity, kase.relationship, account, report.effects, report.indicators, kase.suspect !== null,
        thrive, weighted(random, RESPONSES), 'Keep every message and a diary; do not reply.', plus(report.reportedAt, 24 * HOUR), report.crimeDecision,
        report.crimeDecision === 'non-crime' ? 'No course of conduct: a single occasion with no other offence disclosed.' : null,
        report.decidedAt, report.decidedAt ? registrar : null, callHandler, report.reportedAt, report.decidedAt ?? report.reportedAt,
      ]);
      loader.add(caseReports, [kase.id, report.id, plus(report.reportedAt, 20 * 60_000), callHandler, n === 0 ? 'First report of this course of conduct' : 'Same suspect and victim as the open case']);
      for (const v of kase.victims) loader.add(reportParties, [ctx.uuid(), report.id, people.ids[v], 'victim', null]);
      loader.add(reportParties, [ctx.uuid(), report.id, kase.suspect === null ? null : people.ids[kase.suspect], 'suspect', kase.suspect === null ? 'Not known' : null]);
      if (report.callerCapacity !== 'victim') loader.add(reportParties, [ctx.uuid(), report.id, null, 'reporter', `Caller: ${report.callerCapacity}`]);
      for (const o of report.occasions) {
        loader.add(occasions, [
          o.id, report.id, o.from, o.to, o.place, o.channels, o.platform, o.platform ? 'an account in a false name' : null,
          o.behaviours, o.fearOfViolence, o.times, null, o.breachedOrderId, report.reportedAt,
        ]);
      }
      loader.add(linkEvents, [
        ctx.uuid(), kase.id, n === 0 ? 'new-case' : 'auto-join', [report.id],
        n === 0 ? 'No open case between the same people' : 'Same suspect and victim as the open case', {}, plus(report.reportedAt, 20 * 60_000), callHandler,
      ]);
    }
    // The confirmed classification, and for some cases the harassment record it replaced.
    const proposedAt = plus(first.reportedAt, between(random, 2, 30) * HOUR);
    if (kase.offence.startsWith('stalking') && chance(random, 0.12)) {
      loader.add(classifications, [ctx.uuid(), kase.id, 'harassment', [], [], 'Recorded as harassment at first', 'superseded', registrar, first.reportedAt, registrar, proposedAt, null]);
      loader.add(classifications, [
        ctx.uuid(), kase.id, kase.offence, kase.alsoRecord, [], 'Fixated, obsessive, unwanted and repeated: this is stalking', 'confirmed',
        registrar, plus(proposedAt, HOUR), sergeant, plus(proposedAt, 5 * HOUR), 'Agreed: the behaviours fit stalking',
      ]);
    } else {
      loader.add(classifications, [ctx.uuid(), kase.id, kase.offence, kase.alsoRecord, [], null, 'confirmed', registrar, first.reportedAt, registrar, proposedAt, null]);
    }
  },
};
