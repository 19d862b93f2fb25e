import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_casework.ts';

/** Every migration, in order. Names never change once released. */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_casework': m0002,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
