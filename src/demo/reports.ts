import { toActor, type Actor } from '../platform/auth/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { findUserByUsername } from '../features/auth/repository.ts';
import { createSubmittedReport, decideCrime } from '../features/intake/service.ts';
import { insertPerson } from '../features/people/repository.ts';
import { seedConduct } from './conduct.ts';
import { seedPeople } from './people.ts';
import { seedRisk } from './risk.ts';
import { seedVictims } from './victims.ts';
import { seedInvestigation } from './investigation.ts';
import { seedOversight } from './oversight.ts';
import { seedOrders } from './orders.ts';
import { seededRandom } from './random.ts';
import type { Progress } from './seed.ts';

const DAY = 86_400_000;

interface DemoReport {
  victim: [string, string];
  suspect: [string, string] | null;
  relationship: string;
  callerCapacity?: string;
  effects?: string[];
  indicators?: string[];
  /** Days before today, channel(s), behaviour(s), and extras for each occasion. */
  occasions: Array<{ ago: number; until?: number; times?: number; channels: string[]; behaviours: string[]; fear?: boolean; aggravated?: boolean; breach?: string }>;
  account: string;
  /** The crime decision to record, if any. */
  decision?: { principal?: string; alsoRecord?: string[]; rationale?: string; nonCrime?: true };
}

/**
 * Demo reports covering every classification the rules make, recorded through the
 * same service the pages use, so each comes with its case, suggestion and tasks.
 * Everyone in them is invented.
 */
const REPORTS: DemoReport[] = [
  {
    victim: ['Tamsin', 'Hawthorne'],
    suspect: ['Orrin', 'Dunmore'],
    relationship: 'ex-intimate-partner',
    account: 'My ex has texted me about thirty times since Monday and waited outside my work twice.',
    occasions: [
      { ago: 9, until: 6, times: 30, channels: ['text'], behaviours: ['contacting'] },
      { ago: 8, channels: ['in-person'], behaviours: ['loitering'] },
      { ago: 6, channels: ['in-person'], behaviours: ['loitering'] },
    ],
    decision: { principal: 'stalking' },
  },
  {
    victim: ['Isolde', 'Larkspur'],
    suspect: ['Jasper', 'Kettleby'],
    relationship: 'stranger',
    account: 'A man I do not know keeps coming to the bank where I work, leaves gifts and followed me to the bus stop.',
    occasions: [
      { ago: 20, channels: ['in-person'], behaviours: ['loitering', 'unwanted-gifts'] },
      { ago: 13, channels: ['in-person'], behaviours: ['unwanted-gifts'] },
      { ago: 5, channels: ['in-person'], behaviours: ['following'] },
    ],
  },
  {
    victim: ['Cerys', 'Ironwood'],
    suspect: ['Fenwick', 'Nettlefold'],
    relationship: 'ex-intimate-partner',
    effects: ['serious-alarm-or-distress', 'moved-home', 'changed-job'],
    account: 'He found my new address and work. I have moved home and changed my job.',
    occasions: [
      { ago: 60, channels: ['in-person'], behaviours: ['watching-or-spying'] },
      { ago: 40, channels: ['social-media'], behaviours: ['monitoring-communications', 'contacting'] },
      { ago: 12, channels: ['in-person'], behaviours: ['following'], fear: true },
    ],
    decision: { principal: 'stalking-fear-alarm-distress' },
  },
  {
    victim: ['Ada', 'Mossbank'],
    suspect: ['Peregrine', 'Oakhurst'],
    relationship: 'colleague-or-client',
    callerCapacity: 'employer',
    account: 'A customer sent one of our staff a threatening email.',
    occasions: [{ ago: 16, channels: ['email'], behaviours: ['threats-of-violence'] }],
    decision: { principal: 'malicious-communications' },
  },
  {
    victim: ['Rowan', 'Pebblebrook'],
    suspect: ['Hollis', 'Greywater'],
    relationship: 'neighbour',
    account: 'My neighbour shouts at me about the boundary and has twice threatened to hurt me.',
    occasions: [
      { ago: 30, channels: ['in-person'], behaviours: ['threats-of-violence'], fear: true },
      { ago: 10, channels: ['in-person'], behaviours: ['threats-of-violence'], fear: true },
    ],
    decision: { principal: 'harassment-fear-of-violence' },
  },
  {
    victim: ['Lark', 'Juniper'],
    suspect: ['Quill', 'Rookwood'],
    relationship: 'acquaintance',
    account: 'Someone from my old club keeps posting about me and messaging me.',
    occasions: [
      { ago: 25, channels: ['social-media'], behaviours: ['contacting'] },
      { ago: 18, channels: ['social-media'], behaviours: ['publishing-material'] },
    ],
    decision: { principal: 'harassment', rationale: 'Two posts about a shared club dispute; no sign of fixation so far. Reviewed with the victim.' },
  },
  {
    victim: ['Saffron', 'Elderberry'],
    suspect: ['Marlowe', 'Thistledown'],
    relationship: 'acquaintance',
    account: 'He has sent me abusive messages about my religion on two days.',
    occasions: [
      { ago: 21, channels: ['text'], behaviours: ['contacting'], aggravated: true },
      { ago: 14, channels: ['text'], behaviours: ['contacting'], aggravated: true },
    ],
  },
  {
    victim: ['Nerys', 'Cobblestone'],
    suspect: ['Bram', 'Cobblestone'],
    relationship: 'current-intimate-partner',
    account: 'My husband checks my phone, controls my money and tells me who I can see.',
    occasions: [
      { ago: 90, until: 3, times: 40, channels: ['in-person'], behaviours: ['monitoring-communications'] },
    ],
    decision: { principal: 'controlling-or-coercive-behaviour' },
  },
  {
    victim: ['Gwendolyn', 'Sorrelby'],
    suspect: ['Dorian', 'Applewhite'],
    relationship: 'ex-intimate-partner',
    account: 'He walked past my house once. There is a restraining order.',
    occasions: [{ ago: 4, channels: ['in-person'], behaviours: ['loitering'], breach: 'restraining-order' }],
  },
  {
    victim: ['Elowen', 'Brackenridge'],
    suspect: ['Kestrel', 'Dunmore'],
    relationship: 'stranger',
    account: 'He is under a stalking protection order and contacted me on social media.',
    occasions: [{ ago: 2, channels: ['social-media'], behaviours: ['contacting'], breach: 'stalking-protection-order' }],
  },
  {
    victim: ['Marlowe', 'Hawthorne'],
    suspect: null,
    relationship: 'unknown',
    account: 'I received one silent call from a withheld number.',
    occasions: [{ ago: 1, channels: ['phone-call'], behaviours: ['contacting'] }],
    decision: { nonCrime: true, rationale: 'A single silent call with no further contact: no course of conduct and no other offence. Advice given; the victim will report any further calls.' },
  },
];

function isoDaysAgo(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY).toISOString().slice(0, 10);
}

async function actor(deps: Deps, username: string): Promise<Actor> {
  const user = await findUserByUsername(deps.db, username);
  if (!user) throw new Error(`Demo user ${username} is missing`);
  return toActor(user);
}

/** The demo casework after the users: people with history (orders, flags, warnings), then the reports. */
export async function seedDemoCasework(deps: Deps, seed: number, progress: Progress = () => undefined): Promise<void> {
  const users = new Map((await deps.db.selectFrom('users').select(['username', 'id']).execute()).map((u) => [u.username, u.id]));
  await deps.db.transaction().execute((tx) => seedPeople(tx, { random: seededRandom(seed + 1), users, progress }));
  await seedDemoReports(deps, progress);
  await deps.db.transaction().execute((tx) => seedConduct(tx, { random: seededRandom(seed + 2), users, progress }));
  await deps.db.transaction().execute((tx) => seedRisk(tx, { random: seededRandom(seed + 3), users, progress }));
  await deps.db.transaction().execute((tx) => seedVictims(tx, { random: seededRandom(seed + 4), users, progress }));
  await deps.db.transaction().execute((tx) => seedInvestigation(tx, { random: seededRandom(seed + 5), users, progress }));
  await deps.db.transaction().execute((tx) => seedOrders(tx, { random: seededRandom(seed + 8), users, progress }));
  await deps.db.transaction().execute((tx) => seedOversight(tx, { random: seededRandom(seed + 7), users, progress }));
}

export async function seedDemoReports(deps: Deps, progress: Progress = () => undefined): Promise<void> {
  const now = deps.clock.now();
  const caller = { actor: await actor(deps, 'call-handler'), requestId: 'demo-seed' };
  const registrar = { actor: await actor(deps, 'crime-registrar'), requestId: 'demo-seed' };
  await seedBreachedOrders(deps);
  let done = 0;
  for (const r of REPORTS) {
    const victimId = await personIdOrUndefined(deps, r.victim);
    const suspectId = r.suspect ? await personIdOrUndefined(deps, r.suspect) : undefined;
    const submitted = await createSubmittedReport(deps, caller, {
      callerCapacity: r.callerCapacity ?? 'victim',
      relationship: r.relationship,
      victim: victimId ? { personId: victimId } : { forenames: r.victim[0], surname: r.victim[1] },
      suspectKnown: r.suspect ? 'yes' : 'no',
      ...(r.suspect ? { suspect: suspectId ? { personId: suspectId } : { forenames: r.suspect[0], surname: r.suspect[1] } } : {}),
      account: r.account,
      occasions: r.occasions.map((o) => ({
        date: isoDaysAgo(now, o.ago),
        ...(o.until !== undefined ? { endDate: isoDaysAgo(now, o.until) } : {}),
        ...(o.times ? { times: o.times } : {}),
        channels: o.channels,
        behaviours: o.behaviours,
        fearOfViolence: !!o.fear,
        raciallyOrReligiouslyAggravated: !!o.aggravated,
        ...(o.breach ? { breachedOrder: o.breach } : {}),
      })),
      effects: r.effects ?? [],
      indicators: r.indicators ?? [],
      thrive: { threat: 'medium', harm: 'medium', risk: 'medium' },
      response: 'priority',
      responseRationale: 'Repeated unwanted contact: attend within the hour.',
      evidenceAdvice: 'Keep a diary, keep every message and gift, report every incident.',
    });
    if (r.decision) {
      const report = await deps.db.selectFrom('reports').select('version').where('id', '=', submitted.reportId).executeTakeFirstOrThrow();
      await decideCrime(deps, registrar, submitted.reportId, {
        version: report.version,
        decision: r.decision.nonCrime ? 'non-crime' : 'crime',
        ...(r.decision.principal ? { principal: r.decision.principal } : {}),
        alsoRecord: r.decision.alsoRecord ?? [],
        ...(r.decision.rationale ? { rationale: r.decision.rationale } : {}),
      });
    }
    progress('Demo reports', ++done, REPORTS.length);
  }
}

async function personIdOrUndefined(deps: Deps, [forenames, surname]: [string, string]): Promise<string | undefined> {
  const row = await deps.db.selectFrom('people').select('id').where('forenames', '=', forenames).where('surname', '=', surname).executeTakeFirst();
  return row?.id;
}

/** The orders the breach reports rely on: a restraining order and a stalking protection order. */
async function seedBreachedOrders(deps: Deps): Promise<void> {
  const orders: Array<{ type: string; subject: [string, string]; protectedPerson: [string, string]; madeOn: string }> = [
    { type: 'restraining-order', subject: ['Dorian', 'Applewhite'], protectedPerson: ['Gwendolyn', 'Sorrelby'], madeOn: '2025-10-14' },
    { type: 'stalking-protection-order', subject: ['Kestrel', 'Dunmore'], protectedPerson: ['Elowen', 'Brackenridge'], madeOn: '2026-03-03' },
  ];
  for (const o of orders) {
    const subject = (await personIdOrUndefined(deps, o.subject)) ?? (await insertPlainPerson(deps, o.subject));
    const protectedId = (await personIdOrUndefined(deps, o.protectedPerson)) ?? (await insertPlainPerson(deps, o.protectedPerson));
    const order = await deps.db
      .insertInto('orders')
      .values({ type: o.type, subject_person_id: subject, made_on: o.madeOn, court: 'Northtown Magistrates’ Court', prohibitions: 'No contact with the protected person by any means; not to enter her street.' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await deps.db.insertInto('order_protected_persons').values({ order_id: order.id, person_id: protectedId }).execute();
  }
}

function insertPlainPerson(deps: Deps, [forenames, surname]: [string, string]): Promise<string> {
  return insertPerson(deps.db, { forenames, surname, dateOfBirth: null, gender: null, restricted: false, restrictedContact: null });
}
