import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A calendar date kept as 'YYYY-MM-DD'. */
type DateColumn = ColumnType<string, string, string>;

export interface TeamsTable {
  code: string;
  name: string;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string | null;
  active: Generated<boolean>;
  is_service: Generated<boolean>;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
}

export interface UserTeamsTable {
  user_id: string;
  team_code: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  label: string;
  kind: 'user' | 'service';
  created_at: CreatedAt;
  expires_at: Date | null;
  revoked_at: Timestamp | null;
}

export interface SignInFailuresTable {
  id: Generated<string>;
  username: string;
  at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: CreatedAt;
  actor_id: string | null;
  actor_username: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  reason: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
  request_id: string | null;
}

export interface RecordAccessTable {
  record_type: string;
  record_id: string;
  user_id: string;
  granted_by: string | null;
  granted_at: CreatedAt;
}

export interface AppSettingsTable {
  key: string;
  value: string;
}

export interface PeopleTable {
  id: Generated<string>;
  forenames: string;
  surname: string;
  date_of_birth: DateColumn | null;
  gender: string | null;
  restricted: Generated<boolean>;
  restricted_contact: string | null;
  age_min: number | null;
  age_max: number | null;
  description: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface PersonNamesTable {
  id: Generated<string>;
  person_id: string;
  kind: 'primary' | 'alias';
  forenames: string;
  surname: string;
  full_key: string;
  forename_phonetic: string;
  surname_phonetic: string;
}

export type IdentifierKind = 'phone' | 'email' | 'handle' | 'vehicle' | 'address' | 'postcode' | 'town';

export interface PersonIdentifiersTable {
  id: Generated<string>;
  person_id: string;
  kind: IdentifierKind;
  value: string;
  normalised: string;
  platform: string | null;
  protected: Generated<boolean>;
  created_at: CreatedAt;
}

type Json<T> = ColumnType<T, string, string>;

export interface CasesTable {
  id: Generated<string>;
  reference: string;
  suspect_person_id: string | null;
  status: Generated<'open' | 'finalised'>;
  offence: string | null;
  also_record: Generated<string[]>;
  domestic_abuse: Generated<boolean>;
  cyber_enabled: Generated<boolean>;
  flag_corrections: ColumnType<Record<string, unknown>, string | undefined, string>;
  owner_team: string | null;
  owner_user_id: string | null;
  restricted: Generated<boolean>;
  restricted_contact: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  finalised_at: Timestamp | null;
  version: Generated<number>;
}

export interface CaseVictimsTable {
  case_id: string;
  person_id: string;
}

export interface ReportsTable {
  id: Generated<string>;
  reference: string;
  status: Generated<'draft' | 'submitted'>;
  answers: ColumnType<Record<string, unknown>, string | undefined, string>;
  reported_at: Timestamp;
  submitted_at: Timestamp | null;
  caller_capacity: string | null;
  relationship: string | null;
  account: string | null;
  effects: Generated<string[]>;
  indicators: Generated<string[]>;
  suspect_known: boolean | null;
  thrive: Json<Record<string, unknown>> | null;
  response: string | null;
  evidence_advice: string | null;
  suggestion: Json<Record<string, unknown>> | null;
  recording_due_at: Timestamp | null;
  crime_decision: 'crime' | 'non-crime' | null;
  crime_decision_rationale: string | null;
  crime_decided_at: Timestamp | null;
  crime_decided_by: string | null;
  created_by: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface CaseReportsTable {
  case_id: string;
  report_id: string;
  linked_at: CreatedAt;
  linked_by: string | null;
  link_reason: string;
}

export interface ReportPartiesTable {
  id: Generated<string>;
  report_id: string;
  person_id: string | null;
  role: 'victim' | 'suspect' | 'reporter' | 'witness';
  description: string | null;
}

export interface OccasionsTable {
  id: Generated<string>;
  report_id: string;
  occurred_from: Timestamp;
  occurred_to: Timestamp | null;
  place: string | null;
  channels: Generated<string[]>;
  platform: string | null;
  account_name: string | null;
  behaviours: Generated<string[]>;
  fear_of_violence: Generated<boolean>;
  times: Generated<number>;
  description: string | null;
  breached_order_id: string | null;
  created_at: CreatedAt;
}

export interface ClassificationsTable {
  id: Generated<string>;
  case_id: string;
  offence: string;
  also_record: Generated<string[]>;
  reasons: ColumnType<unknown[], string | undefined, string>;
  rationale: string | null;
  status: 'proposed' | 'confirmed' | 'rejected' | 'superseded';
  proposed_by: string | null;
  proposed_at: Generated<Date>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_reason: string | null;
}

export interface TasksTable {
  id: Generated<string>;
  type: string;
  title: string;
  case_id: string | null;
  report_id: string | null;
  owner_user_id: string | null;
  owner_team: string | null;
  due_at: Timestamp;
  status: Generated<'open' | 'done' | 'cancelled'>;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: CreatedAt;
  created_by: string | null;
  completed_at: Timestamp | null;
  completed_by: string | null;
  outcome: string | null;
  version: Generated<number>;
}

export interface RegistrarFindingsTable {
  id: Generated<string>;
  case_id: string;
  code: string;
  text: string;
  status: Generated<'open' | 'accepted' | 'dismissed'>;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface OrdersTable {
  id: Generated<string>;
  type: string;
  subject_person_id: string;
  case_id: string | null;
  court: string | null;
  made_on: DateColumn;
  expires_on: DateColumn | null;
  status: Generated<'active' | 'expired' | 'discharged' | 'refused' | 'applied'>;
  prohibitions: string | null;
  requirements: string | null;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface OrderProtectedPersonsTable {
  order_id: string;
  person_id: string;
}

export interface FlagsTable {
  id: Generated<string>;
  person_id: string;
  type: string;
  reason: string | null;
  starts_on: DateColumn;
  expires_on: DateColumn | null;
  status: Generated<'active' | 'removed' | 'expired'>;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface WarningNoticesTable {
  id: Generated<string>;
  person_id: string;
  kind: 'PIN' | 'HN1';
  issued_on: DateColumn;
  issuing_force: string | null;
  notes: string | null;
}

export interface Database {
  teams: TeamsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  user_teams: UserTeamsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  sign_in_failures: SignInFailuresTable;
  audit_log: AuditLogTable;
  record_access: RecordAccessTable;
  app_settings: AppSettingsTable;
  people: PeopleTable;
  person_names: PersonNamesTable;
  person_identifiers: PersonIdentifiersTable;
  cases: CasesTable;
  case_victims: CaseVictimsTable;
  reports: ReportsTable;
  case_reports: CaseReportsTable;
  report_parties: ReportPartiesTable;
  occasions: OccasionsTable;
  classifications: ClassificationsTable;
  tasks: TasksTable;
  registrar_findings: RegistrarFindingsTable;
  orders: OrdersTable;
  order_protected_persons: OrderProtectedPersonsTable;
  flags: FlagsTable;
  warning_notices: WarningNoticesTable;
}
