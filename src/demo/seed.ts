import { sql, type Kysely } from 'kysely';
import { DEMO_ROLE_TEAMS, ROLES, TEAMS } from '../domain/access/roles.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import type { Database } from '../platform/db/schema.ts';
import { insertUser } from '../features/admin/repository.ts';
import { insertPerson, nameUserOnRecord } from '../features/people/repository.ts';
import { pick, seededRandom } from './random.ts';

/** The demo force. Every person in the demo data is invented. */
export const DEMO_FORCE = 'Northshire Police';
export const DEFAULT_DEMO_PASSWORD = 'northshire-demo';

export type Progress = (step: string, done: number, total: number) => void;

const FORENAMES = ['Ada', 'Bram', 'Cerys', 'Dorian', 'Elowen', 'Fenwick', 'Gwendolyn', 'Hollis', 'Isolde', 'Jasper', 'Kestrel', 'Lark', 'Marlowe', 'Nerys', 'Orrin', 'Peregrine', 'Quill', 'Rowan', 'Saffron', 'Tamsin'];
const SURNAMES = ['Applewhite', 'Brackenridge', 'Cobblestone', 'Dunmore', 'Elderberry', 'Foxglove', 'Greywater', 'Hawthorne', 'Ironwood', 'Juniper', 'Kettleby', 'Larkspur', 'Mossbank', 'Nettlefold', 'Oakhurst', 'Pebblebrook', 'Quarrington', 'Rookwood', 'Sorrelby', 'Thistledown'];

export async function isDemoSeeded(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', 'demo_seeded').executeTakeFirst();
  return !!row;
}

/** Loads teams (always) and, in demo mode, demo users and people. Deterministic for a seed. */
export async function ensureTeams(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('teams')
    .values(TEAMS.map((t) => ({ code: t.code, name: t.name })))
    .onConflict((oc) => oc.column('code').doUpdateSet({ name: sql`excluded.name` }))
    .execute();
}

export async function seedDemo(db: Kysely<Database>, options: { password: string; seed: number; progress?: Progress }): Promise<void> {
  const progress = options.progress ?? (() => undefined);
  const random = seededRandom(options.seed);
  const passwordHash = await hashPassword(options.password);
  await db.transaction().execute(async (tx) => {
    await ensureTeams(tx);
    const userIds = new Map<string, string>();
    let done = 0;
    for (const role of ROLES) {
      const id = await insertUser(tx, {
        username: role.code,
        displayName: `${role.label} (demo)`,
        email: null,
        passwordHash,
        isService: false,
        isDemo: true,
        roles: [role.code],
        teams: [DEMO_ROLE_TEAMS[role.code]],
      });
      userIds.set(role.code, id);
      progress('Demo users', ++done, ROLES.length);
    }
    await insertUser(tx, {
      username: 'demo-integration',
      displayName: 'Demo integration (service account)',
      email: null,
      passwordHash: null,
      isService: true,
      isDemo: true,
      roles: ['call-handler'],
      teams: ['crime-management-unit'],
    });

    const total = 40;
    for (let i = 0; i < total; i++) {
      const year = 1960 + Math.floor(random() * 45);
      const month = 1 + Math.floor(random() * 12);
      const day = 1 + Math.floor(random() * 28);
      await insertPerson(tx, {
        forenames: pick(random, FORENAMES),
        surname: pick(random, SURNAMES),
        dateOfBirth: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        gender: random() < 0.5 ? 'Female' : 'Male',
        restricted: false,
        restrictedContact: null,
      });
      progress('Demo people', i + 1, total);
    }
    // A suspect who works for the force: restricted, visible only to the named detective sergeant and auditor.
    const restrictedId = await insertPerson(tx, {
      forenames: 'Corvin',
      surname: 'Quarrington',
      dateOfBirth: '1984-09-17',
      gender: 'Male',
      restricted: true,
      restrictedContact: 'Detective Sergeant (demo), professional standards',
    });
    for (const role of ['detective-sergeant', 'auditor']) {
      await nameUserOnRecord(tx, 'person', restrictedId, userIds.get(role)!, null);
    }
  });
}

/** Records that the demo data is complete, so later starts do not load it again. */
export async function markDemoSeeded(db: Kysely<Database>, at: Date): Promise<void> {
  await db.insertInto('app_settings').values({ key: 'demo_seeded', value: at.toISOString() }).execute();
}
