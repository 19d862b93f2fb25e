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
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
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
}
