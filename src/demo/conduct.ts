import { sql, type Transaction } from 'kysely';
import { toActor } from '../platform/auth/actor.ts';
import type { Database, PoliceActionKind } from '../platform/db/schema.ts';
import { joinOrCreateCase } from '../features/conduct/service.ts';
import type { Progress } from './seed.ts';

/**
 * Demo courses of conduct (issue 5): three invented cases with 10–40 occasions across
 * channels, so the timeline, escalation call-outs and linking can be tried at once.
 * Deterministic for a seed. Every person is invented.
 *
 *  1. Ex-partner stalking that escalates: texts, then new social media accounts, then
 *     turning up at her work and home, threats, and two breaches of a restraining order;
 *     an arrest and bail with conditions; 34 occasions over three reports.
 *  2. A stranger who stalks a bank worker and then her colleague (P4): gifts at work,
 *     following to the bus stop; two victims joined through the shared suspect.
 *  3. A malicious communications series (P11): three reports of messages from the same
 *     sender, recorded as malicious communications, so Vigil prompts harassment or stalking.
 */
export interface ConductSeedOptions {
  random: () => number;
  /** Demo user ids by role code (as seedDemo builds them). */
  users: ReadonlyMap<string, string>;
  progress?: Progress;
}

type Tx = Transaction<Database>;

interface DemoOccasion {
  day: number;
  hour: number;
  channel: string;
  behaviours: string[];
  text: string;
  place?: string;
  fear?: boolean;
  times?: number;
  breach?: boolean;
}

const DAY = 86_400_000;

async function demoPerson(tx: Tx, forenames: string, surname: string, dateOfBirth: string, gender: string): Promise<string> {
  const row = await tx.insertInto('people').values({ forenames, surname, date_of_birth: dateOfBirth, gender }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

async function demoReport(
  tx: Tx,
  input: { createdBy: string; reportedAt: Date; victims: string[]; suspect: string; relationship: string; account: string; occasions: DemoOccasion[]; base: number; random: () => number; orderId?: string },
): Promise<string> {
  const { rows } = await sql<{ n: string }>`select nextval('report_reference_seq'::regclass)::text as n`.execute(tx);
  const reference = `R-${input.reportedAt.getUTCFullYear()}-${String(Number(rows[0]!.n)).padStart(6, '0')}`;
  const { id } = await tx
    .insertInto('reports')
    .values({
      reference,
      status: 'submitted',
      reported_at: input.reportedAt,
      submitted_at: input.reportedAt,
      relationship: input.relationship,
      account: input.account,
      suspect_known: true,
      created_by: input.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('report_parties')
    .values([...input.victims.map((p) => ({ report_id: id, person_id: p, role: 'victim' as const })), { report_id: id, person_id: input.suspect, role: 'suspect' as const }])
    .execute();
  await tx
    .insertInto('occasions')
    .values(
      input.occasions.map((o) => ({
        report_id: id,
        occurred_from: new Date(input.base + o.day * DAY + o.hour * 3_600_000 + Math.floor(input.random() * 50) * 60_000),
        channels: [o.channel],
        behaviours: o.behaviours,
        place: o.place ?? null,
        description: o.text,
        fear_of_violence: o.fear ?? false,
        times: o.times ?? 1,
        breached_order_id: o.breach ? (input.orderId ?? null) : null,
      })),
    )
    .execute();
  return id;
}

function series(days: number[], hour: number, channel: string, behaviours: string[], text: (i: number) => string, extra: Partial<DemoOccasion> = {}): DemoOccasion[] {
  return days.map((day, i) => ({ day, hour, channel, behaviours, text: text(i), ...extra }));
}

export async function seedConduct(tx: Tx, options: ConductSeedOptions): Promise<{ caseIds: string[] }> {
  const { random, users } = options;
  const progress = options.progress ?? (() => undefined);
  const handler = users.get('call-handler');
  const investigator = users.get('investigator') ?? handler;
  if (!handler || !investigator) throw new Error('seedConduct needs the demo call-handler and investigator users');
  const ctx = { actor: toActor({ id: handler, username: 'call-handler', displayName: 'Call handler (demo)', roles: ['call-handler'], teams: ['response'], isService: false }), requestId: 'demo-seed' };
  const caseIds: string[] = [];
  const total = 3;

  // 1. Ex-partner stalking, escalating, with a restraining order breached twice.
  {
    const victim = await demoPerson(tx, 'Elowen', 'Marchbank', '1991-04-12', 'Female');
    const suspect = await demoPerson(tx, 'Gareth', 'Thornquist', '1988-11-03', 'Male');
    const base = Date.UTC(2026, 5, 1, 8);
    const order = await tx
      .insertInto('orders')
      .values({ type: 'restraining-order', subject_person_id: suspect, court: 'Northshire Magistrates’ Court', made_on: '2025-03-14', expires_on: '2028-03-14', prohibitions: 'Not to contact Elowen Marchbank directly or indirectly; not to enter Brook Lane.' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('order_protected_persons').values({ order_id: order.id, person_id: victim }).execute();
    const first: DemoOccasion[] = [
      ...series([0, 3, 6, 10, 14, 19, 23], 21, 'text', ['contacting'], (i) => ['Texts asking to talk', 'Texts saying he misses her', 'Texts asking who she is seeing', 'Late-night texts', 'Texts demanding a reply', 'Texts about her new job', 'Texts she did not answer'][i]!, { times: 3 }),
      ...series([26, 28], 22, 'phone-call', ['contacting'], (i) => (i === 0 ? 'Withheld-number calls' : 'Voicemails crying and shouting'), { times: 4 }),
    ];
    const second: DemoOccasion[] = [
      ...series([30, 32, 33, 35, 36, 38], 20, 'social-media', ['contacting', 'monitoring-communications'], (i) => ['Messages from a new account', 'Commented on her friends’ posts', 'Messages from a second account', 'Sent screenshots of her posts', 'Messaged her sister', 'Messages from a third account'][i]!, { times: 2 }),
      { day: 36, hour: 19, channel: 'through-third-parties', behaviours: ['contact-with-others'], text: 'Asked her sister where she lives now' },
      { day: 40, hour: 8, channel: 'in-person', behaviours: ['loitering', 'watching-or-spying'], text: 'Waiting in the car park when she arrived', place: 'Car park at work' },
      { day: 42, hour: 17, channel: 'in-person', behaviours: ['following'], text: 'Followed her from work to the station', place: 'From her work to the station' },
      { day: 44, hour: 23, channel: 'text', behaviours: ['threats-of-violence'], text: 'Said she would be sorry if she did not meet him', fear: true },
      { day: 45, hour: 7, channel: 'in-person', behaviours: ['interfering-with-property'], text: 'Tyres of her car let down overnight', place: 'Her car outside her home' },
    ];
    const third: DemoOccasion[] = [
      { day: 47, hour: 21, channel: 'in-person', behaviours: ['loitering'], text: 'Stood outside her house for an hour', place: 'Outside her home, Brook Lane', breach: true, fear: true },
      { day: 49, hour: 22, channel: 'text', behaviours: ['threats-of-violence', 'contacting'], text: 'Texted that he knows where she lives now', breach: true, fear: true },
      ...series([50, 51, 52, 53, 54], 22, 'social-media', ['contacting'], (i) => `Messages from account number ${4 + i}`, { times: 3 }),
      { day: 55, hour: 18, channel: 'in-person', behaviours: ['following', 'threats-of-violence'], text: 'Followed her into the shop and said he would not let her go', place: 'Shop near her home', fear: true },
    ];
    const r1 = await demoReport(tx, { createdBy: handler, reportedAt: new Date(base + 25 * DAY), victims: [victim], suspect, relationship: 'ex-intimate-partner', account: 'Her ex-partner keeps texting and calling since she ended the relationship.', occasions: first, base, random, orderId: order.id });
    const joined1 = await joinOrCreateCase(tx, ctx, { reportId: r1, suspectPersonId: suspect, victimPersonIds: [victim], at: new Date(base + 25 * DAY), newCase: { domesticAbuse: true, cyberEnabled: true } });
    const r2 = await demoReport(tx, { createdBy: handler, reportedAt: new Date(base + 46 * DAY), victims: [victim], suspect, relationship: 'ex-intimate-partner', account: 'New accounts, turned up at her work, threats, tyres let down.', occasions: second, base, random, orderId: order.id });
    await joinOrCreateCase(tx, ctx, { reportId: r2, suspectPersonId: suspect, victimPersonIds: [victim], at: new Date(base + 46 * DAY) });
    const r3 = await demoReport(tx, { createdBy: handler, reportedAt: new Date(base + 56 * DAY), victims: [victim], suspect, relationship: 'ex-intimate-partner', account: 'He has come to her house despite the restraining order.', occasions: third, base, random, orderId: order.id });
    await joinOrCreateCase(tx, ctx, { reportId: r3, suspectPersonId: suspect, victimPersonIds: [victim], at: new Date(base + 56 * DAY) });
    const caseId = joined1.caseId;
    await tx.updateTable('orders').set({ case_id: caseId }).where('id', '=', order.id).execute();
    await tx.updateTable('cases').set({ offence: 'stalking', domestic_abuse: true, cyber_enabled: true }).where('id', '=', caseId).execute();
    await tx
      .insertInto('classifications')
      .values([
        { case_id: caseId, offence: 'harassment', status: 'superseded', proposed_by: handler, proposed_at: new Date(base + 25 * DAY + 3_600_000), reasons: '[]' },
        { case_id: caseId, offence: 'stalking', status: 'confirmed', proposed_by: investigator, proposed_at: new Date(base + 27 * DAY), decided_by: investigator, decided_at: new Date(base + 27 * DAY + 7_200_000), decision_reason: 'Ex-partner: recorded as stalking in the first instance', reasons: '[]' },
      ])
      .execute();
    const actions: Array<[number, PoliceActionKind, string | null, string | null]> = [
      [46.3, 'arrest', null, 'Arrested at his home address'],
      [46.6, 'interview', null, 'Interviewed under caution; no comment'],
      [46.9, 'bail', 'Not to contact the victim directly or indirectly; not to enter Brook Lane; to live and sleep at his home address', 'Victim consulted on the conditions before release'],
      [56.4, 'arrest', null, 'Arrested for breach of the restraining order and bail'],
      [57.2, 'charge', null, 'Charged with stalking (s4A) and two breaches of the restraining order'],
      [57.5, 'remand', null, 'Remanded in custody by the magistrates'],
    ];
    for (const [day, kind, conditions, notes] of actions) {
      await tx.insertInto('police_actions').values({ case_id: caseId, person_id: suspect, kind, occurred_at: new Date(base + day * DAY), conditions, notes, recorded_by: investigator, bail_until: kind === 'bail' ? '2026-08-13' : null }).execute();
    }
    await tx
      .insertInto('tasks')
      .values([
        { type: 'risk-reassessment', title: 'Reassess the risk: the order has been breached twice', case_id: caseId, owner_team: 'da-team', due_at: new Date(base + 57 * DAY), details: '{}', created_by: investigator, created_at: new Date(base + 56 * DAY) },
        { type: 'victim-update', title: 'Tell the victim about the charge and remand', case_id: caseId, owner_team: 'da-team', due_at: new Date(base + 58 * DAY), details: '{}', created_by: investigator, created_at: new Date(base + 57.2 * DAY) },
      ])
      .execute();
    await tx
      .insertInto('risk_assessments')
      .values([
        { case_id: caseId, victim_person_id: victim, stage: 'initial', source: 'victim', tool_id: 'dash-2009', tool_version: '2009', tool: '{}', answers: '{}', grading: '{}', score: 9, band_grade: 'standard', final_grade: 'medium', completed_at: new Date(base + 25.2 * DAY), completed_by: handler },
        { case_id: caseId, victim_person_id: victim, stage: 'enhanced', source: 'victim', tool_id: 'dash-2009', tool_version: '2009', tool: '{}', answers: '{}', grading: '{}', score: 15, band_grade: 'high', final_grade: 'high', completed_at: new Date(base + 46.5 * DAY), completed_by: investigator, endorsed_by: investigator, endorsed_at: new Date(base + 47 * DAY) },
      ])
      .execute();
    await tx
      .insertInto('victim_contacts')
      .values([
        { case_id: caseId, person_id: victim, occurred_at: new Date(base + 26 * DAY), initiated_by: 'police', method: 'phone', discussed: 'Explained the investigation and gave stalking safety advice', recorded_by: investigator },
        { case_id: caseId, person_id: victim, occurred_at: new Date(base + 41 * DAY), initiated_by: 'victim', chasing_update: true, method: 'phone', discussed: 'Asked whether he has been spoken to yet', recorded_by: investigator },
        { case_id: caseId, person_id: victim, occurred_at: new Date(base + 57.4 * DAY), initiated_by: 'police', method: 'in-person', discussed: 'Told her about the charge and the remand', victim_wish: 'supports-prosecution', recorded_by: investigator },
      ])
      .execute();
    await tx
      .insertInto('victim_referrals')
      .values({ case_id: caseId, person_id: victim, service_code: 'specialist-stalking-advocacy', status: 'taken-up', consent: true, offered_at: new Date(base + 26 * DAY), made_at: new Date(base + 26.1 * DAY), taken_up_at: new Date(base + 30 * DAY), created_by: investigator })
      .execute();
    caseIds.push(caseId);
    progress('Demo courses of conduct', 1, total);
  }

  // 2. Stranger stalking of a bank worker and her colleague (P4).
  {
    const worker = await demoPerson(tx, 'Imogen', 'Ashdown', '1994-08-22', 'Female');
    const colleague = await demoPerson(tx, 'Priya', 'Wellbeloved', '1990-02-09', 'Female');
    const stranger = await demoPerson(tx, 'Unwin', 'Faraday', '1979-06-30', 'Male');
    const base = Date.UTC(2026, 7, 3, 9);
    const workerOccasions: DemoOccasion[] = [
      ...series([0, 4, 7, 11], 12, 'in-person', ['contacting'], (i) => ['Came to her counter and asked her name', 'Came back to her counter', 'Asked what time she finishes', 'Waited in the queue for her counter only'][i]!, { place: 'The bank where she works' }),
      ...series([13, 16, 18], 12, 'in-person', ['unwanted-gifts'], (i) => ['Left flowers for her', 'Left a card with a poem', 'Left a necklace'][i]!, { place: 'The bank where she works' }),
      { day: 19, hour: 17, channel: 'in-person', behaviours: ['following'], text: 'Followed her to the bus stop', place: 'Bus stop on the high street' },
      { day: 21, hour: 17, channel: 'in-person', behaviours: ['following', 'watching-or-spying'], text: 'Got on the same bus and watched her', place: 'Bus home' },
      { day: 24, hour: 7, channel: 'in-person', behaviours: ['loitering'], text: 'Standing at the end of her road in the morning', place: 'End of her road, near her home', fear: true },
    ];
    const colleagueOccasions: DemoOccasion[] = [
      { day: 22, hour: 12, channel: 'in-person', behaviours: ['contacting'], text: 'Asked her about Imogen’s shifts', place: 'The bank where she works' },
      { day: 25, hour: 12, channel: 'in-person', behaviours: ['unwanted-gifts'], text: 'Left chocolates for her', place: 'The bank where she works' },
      { day: 27, hour: 17, channel: 'in-person', behaviours: ['following'], text: 'Followed her to the car park', place: 'Car park at work' },
    ];
    const r1 = await demoReport(tx, { createdBy: handler, reportedAt: new Date(base + 20 * DAY), victims: [worker], suspect: stranger, relationship: 'stranger', account: 'A customer keeps visiting her at work, leaves gifts and follows her.', occasions: workerOccasions.filter((o) => o.day <= 19), base, random });
    const first = await joinOrCreateCase(tx, ctx, { reportId: r1, suspectPersonId: stranger, victimPersonIds: [worker], at: new Date(base + 20 * DAY) });
    const r2 = await demoReport(tx, { createdBy: handler, reportedAt: new Date(base + 28 * DAY), victims: [colleague], suspect: stranger, relationship: 'stranger', account: 'The same man is now targeting her colleague.', occasions: colleagueOccasions, base, random });
    await joinOrCreateCase(tx, ctx, { reportId: r2, suspectPersonId: stranger, victimPersonIds: [colleague], at: new Date(base + 28 * DAY) });
    const r3 = await demoReport(tx, { createdBy: handler, reportedAt: new Date(base + 25 * DAY), victims: [worker], suspect: stranger, relationship: 'stranger', account: 'He followed her onto the bus and waited at her road.', occasions: workerOccasions.filter((o) => o.day > 19), base, random });
    await joinOrCreateCase(tx, ctx, { reportId: r3, suspectPersonId: stranger, victimPersonIds: [worker], at: new Date(base + 29 * DAY) });
    await tx.updateTable('cases').set({ offence: 'stalking' }).where('id', '=', first.caseId).execute();
    await tx
      .insertInto('tasks')
      .values({ type: 'spo-consideration', title: 'Consider a stalking protection order', case_id: first.caseId, owner_team: 'scu', due_at: new Date(base + 35 * DAY), details: '{}', created_by: investigator, created_at: new Date(base + 28 * DAY) })
      .execute();
    caseIds.push(first.caseId);
    progress('Demo courses of conduct', 2, total);
  }

  // 3. A malicious communications series (P11).
  {
    const victim = await demoPerson(tx, 'Rosalind', 'Featherstone', '1985-12-01', 'Female');
    const sender = await demoPerson(tx, 'Silas', 'Wintergreen', '1983-03-17', 'Male');
    const base = Date.UTC(2026, 8, 7, 10);
    const batches: DemoOccasion[][] = [
      series([0, 1, 3, 4], 22, 'email', ['contacting'], (i) => `Abusive email number ${i + 1}`),
      series([12, 13, 15], 23, 'social-media', ['contacting', 'publishing-material'], (i) => ['Posted her photo with insults', 'Posted about her work', 'Tagged her employer in a post'][i]!),
      [...series([24, 25], 23, 'email', ['threats-of-violence'], (i) => (i === 0 ? 'Email saying she should watch her back' : 'Email threatening to hurt her'), { fear: true }), ...series([26, 27, 28], 1, 'social-media', ['contacting'], () => 'Messages from a new account')],
    ];
    let caseId = '';
    for (const [i, occasions] of batches.entries()) {
      const at = new Date(base + (i * 12 + 6) * DAY);
      const r = await demoReport(tx, { createdBy: handler, reportedAt: at, victims: [victim], suspect: sender, relationship: 'acquaintance', account: 'Messages from a former friend.', occasions, base, random });
      const joined = await joinOrCreateCase(tx, ctx, { reportId: r, suspectPersonId: sender, victimPersonIds: [victim], at, newCase: { cyberEnabled: true } });
      caseId = joined.caseId;
      if (i === 0) await tx.updateTable('cases').set({ offence: 'malicious-communications', cyber_enabled: true }).where('id', '=', caseId).execute();
    }
    caseIds.push(caseId);
    progress('Demo courses of conduct', 3, total);
  }
  return { caseIds };
}
