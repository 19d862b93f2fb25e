import { nameKeys } from '../../../src/features/people/repository.ts';
import { looseEmailKey, normaliseEmail, normaliseHandle, normalisePhone, normalisePostcode, normaliseTown, normaliseVehicle } from '../../../src/domain/people/index.ts';
import { between, chance, DAY, isoDate, weighted, type PeoplePool, type SynthContext } from '../context.ts';
import type { TableSpec } from '../loader.ts';
import { forename, handleFor, spellingVariant, surname } from '../names.ts';
import type { SynthGroup } from './types.ts';

const people: TableSpec = {
  name: 'people',
  columns: [
    ['id', 'uuid'], ['forenames', 'text'], ['surname', 'text'], ['date_of_birth', 'date'], ['gender', 'text'],
    ['age_min', 'integer'], ['age_max', 'integer'], ['age_stated_on', 'date'], ['description', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
  ],
};
const personNames: TableSpec = {
  name: 'person_names',
  columns: [
    ['id', 'uuid'], ['person_id', 'uuid'], ['kind', 'text'], ['forenames', 'text'], ['surname', 'text'],
    ['full_key', 'text'], ['forename_phonetic', 'text'], ['surname_phonetic', 'text'], ['forename_groups', 'text[]'],
  ],
};
const personIdentifiers: TableSpec = {
  name: 'person_identifiers',
  columns: [['id', 'uuid'], ['person_id', 'uuid'], ['kind', 'text'], ['value', 'text'], ['normalised', 'text'], ['platform', 'text'], ['protected', 'boolean'], ['loose_key', 'text'], ['created_at', 'timestamptz']],
};
const personAddresses: TableSpec = {
  name: 'person_addresses',
  columns: [['id', 'uuid'], ['person_id', 'uuid'], ['line', 'text'], ['town', 'text'], ['postcode', 'text'], ['protected', 'boolean'], ['created_at', 'timestamptz']],
};

/** Ofcom's ranges for drama: numbers that are never given to anyone. */
const DRAMA_PREFIXES = ['01632 960', '0113 496 0', '0114 496 0', '0115 496 0', '0116 496 0', '0117 496 0', '0118 496 0', '0121 496 0', '0131 496 0', '0141 496 0', '0151 496 0', '0161 496 0', '020 7946 0', '029 2018 0', '0191 498 0', '07700 900'];
const TOWNS = ['Northtown', 'Eastmere', 'Westbrook', 'Southwold Vale', 'Harrowgate Cross', 'Millbeck', 'Carrow Bridge', 'Fenwold', 'Ashby Marsh', 'Kettlebury', 'Longhollow', 'Stonecliffe'];
const STREETS = ['Lark Lane', 'Mossbank Road', 'Quarry Row', 'Hollin Street', 'Thistle Close', 'Fallow Court', 'Brackenridge Avenue', 'Old Mill Way', 'Copper Beech Drive', 'Wren Terrace'];
const PLATFORMS = ['facebook', 'instagram', 'x', 'tiktok', 'snapchat'];
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'];
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXY';

/**
 * People: victims (mostly women), suspects (mostly men) and others, with aliases (spelling
 * variants and other surnames, more often for suspects), dates of birth or stated age
 * ranges, phones from Ofcom's drama ranges, example.* emails, social media accounts,
 * Q-prefixed vehicle registrations nobody is issued, and addresses in invented towns with
 * 'NS' postcodes (victims' addresses protected). Search keys are the app's own (`nameKeys`
 * and the normalisers), so matching finds synthetic people as it finds real ones.
 */
export const peopleGroup: SynthGroup = {
  name: 'people',
  tables: [people, personNames, personIdentifiers, personAddresses],
  async begin(ctx, progress) {
    const { random, people: pool } = ctx;
    const total = pool.ids.length;
    for (let i = 0; i < total; i++) {
      const role = roleOf(ctx, i);
      const gender = pool.genders[i]!;
      const id = pool.ids[i]!;
      const createdAt = new Date(ctx.start.getTime() - between(random, 0, 3 * 365) * DAY);
      const hasDob = chance(random, 0.82);
      const ageOnly = !hasDob && chance(random, 0.7);
      const dob = hasDob ? new Date(Date.UTC(1945 + between(random, 0, 62), between(random, 0, 11), between(random, 1, 28))) : null;
      const age = between(random, 18, 70);
      ctx.loader.add(people, [
        id, pool.forenames[i], pool.surnames[i], dob ? isoDate(dob) : null, gender,
        ageOnly ? age - 3 : null, ageOnly ? age + 3 : null, ageOnly ? isoDate(createdAt) : null,
        role === 'suspect' && chance(random, 0.3) ? weighted(random, [['Tall, short dark hair', 1], ['Medium build, beard', 1], ['Slim, glasses', 1], ['Tattoo on left forearm', 1]]) : null,
        createdAt, createdAt,
      ]);
      const names: Array<{ kind: 'primary' | 'alias'; forenames: string; surname: string }> = [{ kind: 'primary', forenames: pool.forenames[i]!, surname: pool.surnames[i]! }];
      const aliasChance = role === 'suspect' ? 0.12 : 0.03;
      if (chance(random, aliasChance)) {
        const count = chance(random, 0.3) ? 2 : 1;
        for (let a = 0; a < count; a++) {
          names.push(
            chance(random, 0.5)
              ? { kind: 'alias', forenames: pool.forenames[i]!, surname: spellingVariant(random, pool.surnames[i]!) }
              : chance(random, 0.5)
                ? { kind: 'alias', forenames: spellingVariant(random, pool.forenames[i]!), surname: pool.surnames[i]! }
                : { kind: 'alias', forenames: pool.forenames[i]!, surname: surname(random) },
          );
        }
      }
      for (const n of names) {
        const keys = nameKeys({ forenames: n.forenames, surname: n.surname });
        ctx.loader.add(personNames, [ctx.uuid(), id, n.kind, n.forenames, n.surname, keys.fullKey, keys.forenamePhonetic, keys.surnamePhonetic, keys.forenameGroups]);
      }
      const isVictim = role === 'victim';
      const identifier = (kind: string, value: string, normalised: { ok: true; value: string } | { ok: false; error: string }, platform: string | null = null, loose: string | null = null) => {
        if (!normalised.ok) return;
        ctx.loader.add(personIdentifiers, [ctx.uuid(), id, kind, value, normalised.value, platform, false, loose, createdAt]);
      };
      if (chance(random, 0.6)) {
        const phone = `${DRAMA_PREFIXES[Math.floor(random() * DRAMA_PREFIXES.length)]}${String(between(random, 0, 999)).padStart(3, '0')}`;
        identifier('phone', phone, normalisePhone(phone));
      }
      if (chance(random, 0.4)) {
        const email = `${pool.forenames[i]!.toLowerCase()}.${pool.surnames[i]!.toLowerCase().replace(/[^a-z]/g, '')}${between(random, 1, 999)}@${EMAIL_DOMAINS[i % 3]}`;
        const loose = looseEmailKey(email);
        identifier('email', email, normaliseEmail(email), null, loose.ok ? loose.value : null);
      }
      const handles = role === 'suspect' ? (chance(random, 0.55) ? between(random, 1, 3) : 0) : chance(random, 0.3) ? 1 : 0;
      for (let h = 0; h < handles; h++) {
        const platform = PLATFORMS[Math.floor(random() * PLATFORMS.length)]!;
        const handle = handleFor(random, pool.forenames[i]!, pool.surnames[i]!);
        identifier('handle', handle, normaliseHandle({ platform, handle }), platform);
      }
      if (chance(random, role === 'suspect' ? 0.15 : 0.05)) {
        const plate = `Q${LETTERS[Math.floor(random() * LETTERS.length)]}${String(between(random, 10, 99))} ${[0, 1, 2].map(() => LETTERS[Math.floor(random() * LETTERS.length)]).join('')}`;
        identifier('vehicle', plate, normaliseVehicle(plate));
      }
      if (chance(random, 0.7)) {
        const town = TOWNS[Math.floor(random() * TOWNS.length)]!;
        const postcode = `NS${between(random, 1, 29)} ${between(random, 1, 9)}${LETTERS[Math.floor(random() * LETTERS.length)]}${LETTERS[Math.floor(random() * LETTERS.length)]}`;
        const line = `${between(random, 1, 220)} ${STREETS[Math.floor(random() * STREETS.length)]}`;
        ctx.loader.add(personAddresses, [ctx.uuid(), id, line, town, postcode, isVictim, createdAt]);
        const code = normalisePostcode(postcode);
        if (code.ok) ctx.loader.add(personIdentifiers, [ctx.uuid(), id, 'postcode', postcode, code.value, null, isVictim, null, createdAt]);
        ctx.loader.add(personIdentifiers, [ctx.uuid(), id, 'town', town, normaliseTown(town), null, isVictim, null, createdAt]);
      }
      if ((i & 1023) === 0) await progress(i, total);
    }
    await progress(total, total);
  },
};

function roleOf(ctx: SynthContext, index: number): 'victim' | 'suspect' | 'other' {
  return ctx.people.roles[index] === 1 ? 'victim' : ctx.people.roles[index] === 2 ? 'suspect' : 'other';
}

/** Makes the pool of people: names and genders, and who is a victim, a suspect or neither. */
export function makePeoplePool(ctx: Pick<SynthContext, 'random' | 'uuid'>, count: number): PeoplePool {
  const { random } = ctx;
  const pool = { ids: [] as string[], forenames: [] as string[], surnames: [] as string[], genders: [] as Array<'Female' | 'Male'>, victims: [] as number[], suspects: [] as number[], others: [] as number[], roles: new Uint8Array(count) };
  for (let i = 0; i < count; i++) {
    const r = random();
    const role = r < 0.5 ? 1 : r < 0.9 ? 2 : 0;
    const gender: 'Female' | 'Male' = role === 1 ? (chance(random, 0.78) ? 'Female' : 'Male') : role === 2 ? (chance(random, 0.82) ? 'Male' : 'Female') : chance(random, 0.5) ? 'Female' : 'Male';
    pool.ids.push(ctx.uuid());
    pool.forenames.push(forename(random, gender));
    pool.surnames.push(surname(random));
    pool.genders.push(gender);
    pool.roles[i] = role;
    (role === 1 ? pool.victims : role === 2 ? pool.suspects : pool.others).push(i);
  }
  return pool;
}
