import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.ts';
import type { Config } from './config.ts';
import type { DatabaseKind } from './db/database.ts';
import type { Database } from './db/schema.ts';

/** What every service is built from. */
export interface Deps {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  clock: Clock;
  config: Config;
}
