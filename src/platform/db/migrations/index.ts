import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_casework.ts';
import * as m0003 from './0003_people.ts';
import * as m0004 from './0004_conduct.ts';
import * as m0005 from './0005_risk.ts';
import * as m0006 from './0006_victims.ts';
import * as m0007 from './0007_investigation.ts';
import * as m0008 from './0008_orders.ts';
import * as m0009 from './0009_oversight.ts';
import * as m0010 from './0010_insights.ts';
import * as m0012 from './0012_case_summaries.ts';
import * as m0013 from './0013_serial_alerts.ts';
import * as m0014 from './0014_person_merges.ts';
import * as m0015 from './0015_retention.ts';
import * as m0016 from './0016_risk_settings.ts';
import * as m0017 from './0017_order_applications.ts';
import * as m0018 from './0018_victim_care.ts';
import * as m0019 from './0019_insight_facts.ts';
import * as m0020 from './0020_high_risk_index.ts';
import * as m0021 from './0021_person_birth_index.ts';

/** Every migration, in order. Names never change once released. */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_casework': m0002,
  '0003_people': m0003,
  '0004_conduct': m0004,
  '0005_risk': m0005,
  '0006_victims': m0006,
  '0007_investigation': m0007,
  '0008_orders': m0008,
  '0009_oversight': m0009,
  '0010_insights': m0010,
  '0012_case_summaries': m0012,
  '0013_serial_alerts': m0013,
  '0014_person_merges': m0014,
  '0015_retention': m0015,
  '0016_risk_settings': m0016,
  '0017_order_applications': m0017,
  '0018_victim_care': m0018,
  '0019_insight_facts': m0019,
  '0020_high_risk_index': m0020,
  '0021_person_birth_index': m0021,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
