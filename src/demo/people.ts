import type { Kysely, Transaction } from 'kysely';
import { endOfLondonDay, flagReviewDue } from '../domain/calendar/index.ts';
import type { Database } from '../platform/db/schema.ts';
import { insertTasks } from '../features/tasks/repository.ts';
import { insertFlag } from '../features/people/history-repository.ts';
import { insertPerson, replaceParticulars, type PersonParticulars } from '../features/people/repository.ts';
import { flagTypeLabel } from '../features/people/labels.ts';
import { pick } from './random.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface SeedPeopleOptions {
  /** The seeded generator shared by the demo data (same seed, same people). */
  random: () => number;
  /** Demo user ids by username (role code). */
  users: ReadonlyMap<string, string>;
  progress?: (step: string, done: number, total: number) => void;
}

export interface SeededPeople {
  /** P9: John Smith, born 4 May 1986, subject of a restraining order protecting Sarah Jones. */
  johnSmith: string;
  sarahJones: string;
  /** A serial stalker with aliases, four spellings of a Facebook account, an SPO and historic warnings. */
  serialStalker: string;
  ids: string[];
}

interface DemoPerson extends Partial<PersonParticulars> {
  forenames: string;
  surname: string;
  dateOfBirth?: string | null;
  ageMin?: number;
  ageMax?: number;
  gender?: string | null;
  description?: string | null;
}

const TOWNS = ['Ashby Vale', 'Brackenfold', 'Corrowick', 'Dunmere', 'Elderstow', 'Fallowmere'];
const STREETS = ['Mill Lane', 'Quarry Row', 'Heron Walk', 'Tanner Street', 'Orchard Close', 'Bellfield Road'];
const FORENAMES = ['Ada', 'Bram', 'Cerys', 'Dorian', 'Elowen', 'Fenwick', 'Gwendolyn', 'Hollis', 'Isolde', 'Jasper', 'Kestrel', 'Lark', 'Marlowe', 'Nerys', 'Orrin', 'Peregrine', 'Quill', 'Rowan', 'Saffron', 'Tamsin'];
const SURNAMES = ['Applewhite', 'Brackenridge', 'Cobblestone', 'Dunmore', 'Elderberry', 'Foxglove', 'Greywater', 'Hawthorne', 'Ironwood', 'Juniper', 'Kettleby', 'Larkspur', 'Mossbank', 'Nettlefold', 'Oakhurst', 'Pebblebrook', 'Quarrington', 'Rookwood', 'Sorrelby', 'Thistledown'];
/** Spelling variants the demo aliases use, so matching has something to find. */
const VARIANTS: Record<string, string> = { Dorian: 'Dory', Jasper: 'Jas', Gwendolyn: 'Gwen', Peregrine: 'Perry', Tamsin: 'Tammy', Isolde: 'Izzy', Marlowe: 'Marlow', Cerys: 'Ceris' };

async function add(db: Db, person: DemoPerson, createdBy: string | null): Promise<string> {
  const id = await insertPerson(db, {
    forenames: person.forenames,
    surname: person.surname,
    dateOfBirth: person.dateOfBirth ?? null,
    gender: person.gender ?? null,
    restricted: false,
    restrictedContact: null,
    ageMin: person.ageMin ?? null,
    ageMax: person.ageMax ?? null,
    ageStatedOn: person.ageMin !== undefined ? '2025-01-15' : null,
    description: person.description ?? null,
    createdBy,
  });
  await replaceParticulars(
    db,
    id,
    person,
    {
      aliases: person.aliases ?? [],
      phones: person.phones ?? [],
      emails: person.emails ?? [],
      handles: person.handles ?? [],
      vehicles: person.vehicles ?? [],
      addresses: person.addresses ?? [],
    },
    { keepProtectedAddresses: false },
  );
  return id;
}

async function order(
  db: Db,
  input: { type: string; subject: string; protect: string[]; madeOn: string; expiresOn: string | null; status?: 'active' | 'expired'; court: string; prohibitions: string; requirements?: string },
): Promise<string> {
  const { id } = await db
    .insertInto('orders')
    .values({
      type: input.type,
      subject_person_id: input.subject,
      made_on: input.madeOn,
      expires_on: input.expiresOn,
      status: input.status ?? 'active',
      court: input.court,
      prohibitions: input.prohibitions,
      requirements: input.requirements ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.protect.length > 0) await db.insertInto('order_protected_persons').values(input.protect.map((person_id) => ({ order_id: id, person_id }))).execute();
  return id;
}

async function flag(db: Db, input: { personId: string; type: string; reason: string; startsOn: string; expiresOn: string; notifyTeam?: string; by: string | null }): Promise<void> {
  const flagId = await insertFlag(db, { personId: input.personId, type: input.type, reason: input.reason, startsOn: input.startsOn, expiresOn: input.expiresOn, notifyTeam: input.notifyTeam ?? null, createdBy: input.by });
  const due = flagReviewDue(input.expiresOn);
  await insertTasks(db, [
    {
      type: 'flag-review',
      title: `Review flag (${flagTypeLabel(input.type)}) before it expires`,
      ownerTeam: 'scu',
      dueAt: endOfLondonDay(due),
      details: { flagId, personId: input.personId, expiresOn: input.expiresOn, reviewDue: due },
      createdBy: input.by,
    },
  ]);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Demo people for the people capability: the P9 pair, a serial stalker with aliases and
 * four spellings of one Facebook account, orders (restraining order, SPO, bail conditions,
 * an expired order), flags with review tasks, historic PIN/HN1 notices and a crowd of
 * invented people with aliases and identifiers. Everyone is invented; phone numbers are in
 * Ofcom's drama range (07700 900xxx). Deterministic for the random generator given.
 */
export async function seedPeople(db: Db, options: SeedPeopleOptions): Promise<SeededPeople> {
  const { random, users } = options;
  const progress = options.progress ?? (() => undefined);
  const by = users.get('stalking-coordination-unit') ?? null;
  const ids: string[] = [];
  const keep = (id: string) => (ids.push(id), id);

  // P9: the existing nominal and the woman his restraining order protects.
  const johnSmith = keep(
    await add(
      db,
      {
        forenames: 'John',
        surname: 'Smith',
        dateOfBirth: '1986-05-04',
        gender: 'Male',
        aliases: [{ forenames: 'Johnny', surname: 'Smith' }],
        phones: ['07700 900186'],
        vehicles: ['NR16 VGL'],
        addresses: [{ line: '22 Quarry Row', town: 'Ashby Vale', postcode: 'NR1 4QR', protected: false }],
        description: 'Medium build, short dark hair, scar above the right eyebrow',
      },
      by,
    ),
  );
  const sarahJones = keep(
    await add(db, { forenames: 'Sarah', surname: 'Jones', dateOfBirth: '1988-11-02', gender: 'Female', phones: ['07700 900288'], addresses: [{ line: '5 Heron Walk', town: 'Ashby Vale', postcode: 'NR1 7HW', protected: true }] }, by),
  );
  await order(db, {
    type: 'restraining-order',
    subject: johnSmith,
    protect: [sarahJones],
    madeOn: '2024-03-01',
    expiresOn: '2029-03-01',
    court: 'Ashby Vale Magistrates Court',
    prohibitions: 'Not to contact Sarah Jones directly or indirectly, including through social media; not to enter Heron Walk, Ashby Vale',
  });
  await flag(db, { personId: sarahJones, type: 'stalking-victim', reason: 'Protected by a restraining order after a stalking conviction', startsOn: '2024-03-01', expiresOn: '2027-03-01', by });
  progress('Demo people: P9', 1, 3);

  // A serial stalker with aliases and one Facebook account written four ways.
  const serialStalker = keep(
    await add(
      db,
      {
        forenames: 'Dorian',
        surname: 'Kettleby',
        dateOfBirth: '1979-10-12',
        gender: 'Male',
        aliases: [
          { forenames: 'Dory', surname: 'Kettleby' },
          { forenames: 'Dorian', surname: 'Kettlebey' },
          { forenames: 'D', surname: 'Kettlebie' },
        ],
        handles: [
          { platform: 'Facebook', handle: 'dorian.kettleby.79' },
          { platform: 'Instagram', handle: '@dory_k79' },
        ],
        emails: ['dory.kettleby@example.net'],
        phones: ['07700 900379', '07700 900380'],
        vehicles: ['KT09 DRN'],
        addresses: [{ line: '3 Tanner Street', town: 'Corrowick', postcode: 'NR4 2TS', protected: false }],
        description: 'Tall, grey beard, often wears a green waxed jacket',
      },
      by,
    ),
  );
  const victims: string[] = [];
  for (const [forenames, surname, dob] of [
    ['Elowen', 'Foxglove', '1990-04-21'],
    ['Nerys', 'Larkspur', '1985-08-09'],
    ['Saffron', 'Oakhurst', '1993-01-30'],
  ] as const) {
    victims.push(keep(await add(db, { forenames, surname, dateOfBirth: dob, gender: 'Female', addresses: [{ line: `${1 + Math.floor(random() * 80)} Orchard Close`, town: 'Corrowick', postcode: null, protected: true }] }, by)));
  }
  await order(db, {
    type: 'stalking-protection-order',
    subject: serialStalker,
    protect: victims.slice(0, 2),
    madeOn: '2025-03-03',
    expiresOn: '2027-03-03',
    court: 'Corrowick Magistrates Court',
    prohibitions: 'Not to contact Elowen Foxglove or Nerys Larkspur; not to go within 200 metres of their homes or workplaces; not to create social media accounts in another name',
    requirements: 'Notify the police of every name used and every home address within 3 days; attend a stalking perpetrator programme',
  });
  await order(db, {
    type: 'restraining-order',
    subject: serialStalker,
    protect: [victims[2]!],
    madeOn: '2019-06-14',
    expiresOn: '2021-06-14',
    status: 'expired',
    court: 'Dunmere Crown Court',
    prohibitions: 'Not to contact Saffron Oakhurst',
  });
  await db
    .insertInto('warning_notices')
    .values([
      { person_id: serialStalker, kind: 'PIN', issued_on: '2016-02-11', issuing_force: 'Northshire Police', notes: 'Issued after repeated messages to a former colleague' },
      { person_id: serialStalker, kind: 'HN1', issued_on: '2017-09-03', issuing_force: 'Westmarch Constabulary', notes: 'Following a neighbour; recorded as history only' },
    ])
    .execute();
  await flag(db, { personId: serialStalker, type: 'stalking-perpetrator', reason: 'Serial stalker: three victims since 2016', startsOn: '2025-06-30', expiresOn: '2026-06-30', by });
  await flag(db, { personId: serialStalker, type: 'notify-if', reason: 'Subject of an SPO: the SCU must know of any new report', startsOn: '2025-03-03', expiresOn: '2027-03-03', notifyTeam: 'scu', by });
  // The same account written other ways, recorded on an unconfirmed duplicate: matching finds it.
  keep(
    await add(
      db,
      {
        forenames: 'Dorrian',
        surname: 'Kettelby',
        ageMin: 40,
        ageMax: 50,
        gender: 'Male',
        handles: [
          { platform: 'fb', handle: 'https://www.facebook.com/Dorian.Kettleby.79/' },
          { platform: 'Facebook', handle: '@DorianKettleby79' },
        ],
      },
      by,
    ),
  );

  // Bail conditions on a suspect awaiting charge.
  const bailed = keep(await add(db, { forenames: 'Fenwick', surname: 'Greywater', dateOfBirth: '1991-12-05', gender: 'Male', phones: ['07700 900491'], addresses: [{ line: '40 Bellfield Road', town: 'Dunmere', postcode: 'NR7 5BF', protected: false }] }, by));
  const bailVictim = keep(await add(db, { forenames: 'Isolde', surname: 'Mossbank', dateOfBirth: '1994-06-18', gender: 'Female', addresses: [{ line: '12 Mill Lane', town: 'Dunmere', postcode: 'NR7 1ML', protected: true }] }, by));
  await order(db, {
    type: 'bail-conditions',
    subject: bailed,
    protect: [bailVictim],
    madeOn: '2025-10-20',
    expiresOn: '2026-01-20',
    court: 'Dunmere police station (pre-charge bail)',
    prohibitions: 'Not to contact Isolde Mossbank; not to enter Mill Lane, Dunmere',
    requirements: 'Live and sleep at 40 Bellfield Road, Dunmere',
  });
  progress('Demo people: orders and flags', 2, 3);

  // A crowd of invented people with aliases and identifiers.
  const crowd = 30;
  for (let i = 0; i < crowd; i++) {
    const forenames = pick(random, FORENAMES);
    const surname = pick(random, SURNAMES);
    const year = 1955 + Math.floor(random() * 50);
    const dateOfBirth = random() < 0.85 ? `${year}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}` : null;
    const ageMin = 25 + Math.floor(random() * 20);
    const variant = VARIANTS[forenames];
    const number = 900500 + i;
    keep(
      await add(
        db,
        {
          forenames,
          surname,
          dateOfBirth,
          ...(dateOfBirth ? {} : { ageMin, ageMax: ageMin + 5 }),
          gender: random() < 0.5 ? 'Female' : 'Male',
          aliases: variant && random() < 0.6 ? [{ forenames: variant, surname }] : [],
          phones: random() < 0.7 ? [`07700 ${number}`] : [],
          emails: random() < 0.4 ? [`${forenames.toLowerCase()}.${surname.toLowerCase()}${i}@example.org`] : [],
          handles: random() < 0.3 ? [{ platform: pick(random, ['Facebook', 'Instagram', 'TikTok', 'X']), handle: `${forenames.toLowerCase()}_${surname.toLowerCase()}${i}` }] : [],
          addresses: [{ line: `${1 + Math.floor(random() * 120)} ${pick(random, STREETS)}`, town: pick(random, TOWNS), postcode: null, protected: false }],
        },
        by,
      ),
    );
  }
  progress('Demo people: crowd', 3, 3);
  return { johnSmith, sarahJones, serialStalker, ids };
}
