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
  age_stated_on: DateColumn | null;
  merged_into: Generated<string | null>;
}

/** A row a merge moved from one person to another: its table, the person column and its key before the move. */
export interface MovedRow {
  table: string;
  column: string;
  key: Record<string, unknown>;
}

export interface PersonMergesTable {
  id: Generated<string>;
  survivor_id: string;
  merged_id: string;
  reason: string;
  moved: Json<{ rows: MovedRow[]; primaryNameIds: string[] }>;
  merged_by: string;
  merged_at: Timestamp;
  split_by: string | null;
  split_at: Timestamp | null;
  split_reason: string | null;
}

export interface PersonAddressesTable {
  id: Generated<string>;
  person_id: string;
  line: string | null;
  town: string | null;
  postcode: string | null;
  protected: Generated<boolean>;
  created_at: CreatedAt;
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
  forename_groups: Generated<string[]>;
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
  loose_key: string | null;
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
  merged_into_case_id: string | null;
  merged_at: Timestamp | null;
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
  // 0008_orders
  until_further_order: Generated<boolean>;
  served_on: DateColumn | null;
  offender_manager_id: string | null;
  manager_allocated_on: DateColumn | null;
  owner_team: string | null;
  spo_application_id: string | null;
  status_reason: string | null;
  visit_interval_days: number | null;
  moved_in_on: DateColumn | null;
  from_force: string | null;
  created_by: string | null;
  updated_at: Generated<Date>;
}

export interface OrderProtectedPersonsTable {
  order_id: string;
  person_id: string;
  added_at: Generated<Date>;
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
  notify_team: string | null;
  removed_at: Timestamp | null;
  removed_by: string | null;
  removal_reason: string | null;
  version: Generated<number>;
}

export interface WarningNoticesTable {
  id: Generated<string>;
  person_id: string;
  kind: 'PIN' | 'HN1';
  issued_on: DateColumn;
  issuing_force: string | null;
  notes: string | null;
}

export type CaseLinkEventKind = 'auto-join' | 'new-case' | 'link' | 'unlink' | 'merge-in' | 'merged-into' | 'split-out' | 'split-from';

export interface CaseLinkEventsTable {
  id: Generated<string>;
  seq: Generated<string>;
  case_id: string;
  kind: CaseLinkEventKind;
  other_case_id: string | null;
  report_ids: Generated<string[]>;
  reason: string;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  at: Timestamp;
  by_user_id: string | null;
}

export type PoliceActionKind =
  | 'arrest'
  | 'voluntary-interview'
  | 'interview'
  | 'bail'
  | 'bail-varied'
  | 'released-under-investigation'
  | 'released-without-charge'
  | 'charge'
  | 'remand'
  | 'release-from-custody';

export interface PoliceActionsTable {
  id: Generated<string>;
  case_id: string;
  person_id: string | null;
  kind: PoliceActionKind;
  occurred_at: Timestamp;
  bail_until: DateColumn | null;
  conditions: string | null;
  notes: string | null;
  recorded_by: string | null;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface CaseSummariesTable {
  case_id: string;
  text: string;
  generated_from: string;
  edited_by: string;
  edited_at: Timestamp;
  version: Generated<number>;
}

type RiskGradeColumn = 'standard' | 'medium' | 'high';

export interface RiskToolsTable {
  id: Generated<string>;
  tool_id: string;
  version: string;
  name: string;
  kind: string;
  definition: Json<Record<string, unknown>>;
  loaded_by: string | null;
  loaded_at: Timestamp;
}

export interface RiskAssessmentsTable {
  id: Generated<string>;
  case_id: string;
  victim_person_id: string | null;
  stage: 'initial' | 'enhanced';
  source: 'victim' | 'police-information-and-observation';
  source_note: string | null;
  tool_id: string;
  tool_version: string;
  tool: Json<Record<string, unknown>>;
  answers: Json<Record<string, unknown>>;
  supplement_tool: Json<Record<string, unknown>> | null;
  supplement_answers: Json<Record<string, unknown>> | null;
  grading: Json<Record<string, unknown>>;
  score: number;
  band_grade: RiskGradeColumn | null;
  final_grade: RiskGradeColumn | null;
  completed_at: Timestamp;
  completed_by: string | null;
  endorsed_by: string | null;
  endorsed_at: Timestamp | null;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface RiskRequirementExceptionsTable {
  id: Generated<string>;
  case_id: string;
  victim_person_id: string | null;
  requirement: string;
  reason: string;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface MaracReferralsTable {
  id: Generated<string>;
  case_id: string;
  victim_person_id: string | null;
  assessment_id: string;
  criteria: Json<unknown[]>;
  summary: string;
  task_id: string | null;
  referred_on: DateColumn;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface RiskPlansTable {
  id: Generated<string>;
  case_id: string;
  /** Null only on a case with no recorded victim (migration 0016). */
  victim_person_id: Generated<string | null>;
  risk_grade: RiskGradeColumn;
  reviewed_on: DateColumn;
  review_date: DateColumn;
  actions: Json<unknown[]>;
  disclosures: Json<unknown[]>;
  created_by: string | null;
  updated_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface RiskAdviceTable {
  id: Generated<string>;
  case_id: string;
  advice_id: string | null;
  text: string;
  method: 'in-person' | 'leaflet' | 'email' | 'phone';
  given_on: DateColumn;
  warnings: Json<unknown[]>;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface VictimProfilesTable {
  id: Generated<string>;
  case_id: string;
  person_id: string;
  raised_to_enhanced: Generated<boolean>;
  raise_reason: string | null;
  language: string | null;
  interpreter_needed: Generated<boolean>;
  preferred_method: string | null;
  safe_times: string | null;
  safe_to_leave_message: boolean | null;
  other_needs: string | null;
  contact_user_id: string | null;
  contact_role: 'officer-in-case' | 'spoc' | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  updated_by: string | null;
  version: Generated<number>;
}

export interface VictimContactHandoversTable {
  id: Generated<string>;
  seq: Generated<string>;
  case_id: string;
  person_id: string;
  from_user_id: string | null;
  to_user_id: string | null;
  role: string | null;
  reason: string | null;
  at: Timestamp;
  by_user_id: string | null;
}

export interface VictimEventsTable {
  id: Generated<string>;
  case_id: string;
  event: string;
  occurred_at: Timestamp;
  victim_consulted: boolean | null;
  bail_until: DateColumn | null;
  outcome_code: number | null;
  notes: string | null;
  recorded_by: string | null;
  created_at: CreatedAt;
}

export interface VictimContactsTable {
  id: Generated<string>;
  case_id: string;
  person_id: string;
  occurred_at: Timestamp;
  initiated_by: 'victim' | 'police' | 'other';
  chasing_update: Generated<boolean>;
  method: string;
  discussed: string;
  safety_advice: string | null;
  victim_wish: 'supports-prosecution' | 'does-not-support' | 'undecided' | null;
  recorded_by: string | null;
  created_at: CreatedAt;
}

export interface VictimDutiesTable {
  id: Generated<string>;
  event_id: string;
  case_id: string;
  person_id: string;
  kind: 'tell-victim' | 'consult-victim-bail';
  entitlement: 'enhanced' | 'standard';
  due_at: Timestamp;
  task_id: string | null;
  done_at: Timestamp | null;
  done_contact_id: string | null;
}

export interface VictimReferralsTable {
  id: Generated<string>;
  case_id: string;
  person_id: string;
  service_code: string;
  status: 'offered' | 'declined' | 'made' | 'taken-up';
  consent: Generated<boolean>;
  consent_note: string | null;
  consent_recorded_at: Timestamp | null;
  offered_at: Timestamp | null;
  made_at: Timestamp | null;
  taken_up_at: Timestamp | null;
  declined_at: Timestamp | null;
  outcome: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface VictimSafetyPacksTable {
  id: Generated<string>;
  case_id: string;
  person_id: string;
  given_at: Timestamp;
  given_how: 'in-person' | 'post' | 'email' | 'through-advocate';
  contact_id: string | null;
  given_by: string | null;
  created_at: CreatedAt;
  format: Generated<'printed' | 'pdf'>;
}

export interface VictimCaseOutcomesTable {
  case_id: string;
  outcome_code: number;
  recorded_at: Timestamp;
  event_id: string | null;
  inconsistent_at: Timestamp | null;
  inconsistency_reason: string | null;
  inconsistency_task_id: string | null;
}

export interface OversightSamplesTable {
  id: Generated<string>;
  title: string;
  request: ColumnType<Record<string, unknown>, string, string>;
  result: ColumnType<Record<string, unknown>, string, string>;
  created_by: string | null;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface OversightSampleCasesTable {
  id: Generated<string>;
  sample_id: string;
  case_id: string;
  position: number;
  stratum: string;
  referred_at: Timestamp | null;
}

export interface OversightReviewsTable {
  id: Generated<string>;
  sample_case_id: string;
  reviewer_id: string;
  answers: ColumnType<unknown[], string, string>;
  victim_at_risk_now: Generated<boolean>;
  risk_concern: string | null;
  summary: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface OversightObservationsTable {
  id: Generated<string>;
  sample_id: string;
  text: string;
  created_by: string | null;
  created_at: CreatedAt;
  response: string | null;
  responded_by: string | null;
  responded_at: Timestamp | null;
  version: Generated<number>;
}

export interface OversightRecommendationsTable {
  id: Generated<string>;
  source_kind: string;
  source_title: string;
  source_reference: string | null;
  sample_id: string | null;
  text: string;
  owner: string;
  due_on: DateColumn;
  status: Generated<'open' | 'in_progress' | 'implemented' | 'reality_tested' | 'closed'>;
  actions: ColumnType<unknown[], string | undefined, string>;
  evidence: ColumnType<unknown[], string | undefined, string>;
  reality_testing_notes: ColumnType<unknown[], string | undefined, string>;
  history: ColumnType<unknown[], string | undefined, string>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface InvestigationAllocationsTable {
  id: Generated<string>;
  seq: Generated<string>;
  case_id: string;
  facts: ColumnType<Record<string, unknown>, string, string>;
  recommendation: ColumnType<Record<string, unknown>, string, string>;
  triage: ColumnType<Record<string, unknown>, string, string>;
  rationale: string;
  investigating_team: string;
  officer_user_id: string | null;
  override_reason: string | null;
  decided_by: string;
  decided_at: Timestamp;
}

export interface InvestigationLogTable {
  id: Generated<string>;
  seq: Generated<string>;
  case_id: string;
  entry_type: string;
  text: string;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  author_id: string | null;
  at: Timestamp;
}

export interface InvestigationS2bEventsTable {
  id: Generated<string>;
  seq: Generated<string>;
  case_id: string;
  state: 'considered' | 'applied' | 'granted' | 'refused' | 'executed' | 'result' | 'not-used';
  on_date: DateColumn;
  text: string | null;
  evidence_found: boolean | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface InvestigationSuspectActionsTable {
  id: Generated<string>;
  case_id: string;
  person_id: string | null;
  action: string;
  historic: Generated<boolean>;
  occurred_at: Timestamp;
  rationale: string | null;
  conditions: Generated<string[]>;
  bail_until: DateColumn | null;
  victim_consulted: boolean | null;
  victim_consultation_note: string | null;
  police_action_id: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface InvestigationFinalisationsTable {
  id: Generated<string>;
  seq: Generated<string>;
  case_id: string;
  outcome_code: number;
  rationale: string | null;
  investigation_done: boolean;
  suspect_named: boolean;
  investigating_team: string | null;
  outcome16: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  victim_uses_support_services: Generated<boolean>;
  warnings: ColumnType<unknown[], string | undefined, string>;
  task_ids: Generated<string[]>;
  finalised_by: string;
  finalised_at: Timestamp;
  reopened_by: string | null;
  reopened_at: Timestamp | null;
  reopen_reason: string | null;
}

export interface InvestigationProsecutionFilesTable {
  case_id: string;
  dash_attached: Generated<boolean>;
  screening_tool_attached: Generated<boolean>;
  victim_personal_statement: Generated<'taken' | 'offered-declined' | 'not-offered'>;
  restraining_order_wanted: boolean | null;
  restraining_order_terms: Generated<string[]>;
  special_measures_assessed: Generated<boolean>;
  special_measures_notes: string | null;
  course_of_conduct_summary: string | null;
  bail_or_remand_recommendation: string | null;
  updated_by: string | null;
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
  person_addresses: PersonAddressesTable;
  case_link_events: CaseLinkEventsTable;
  police_actions: PoliceActionsTable;
  case_summaries: CaseSummariesTable;
  person_merges: PersonMergesTable;
  risk_tools: RiskToolsTable;
  risk_assessments: RiskAssessmentsTable;
  risk_requirement_exceptions: RiskRequirementExceptionsTable;
  marac_referrals: MaracReferralsTable;
  risk_plans: RiskPlansTable;
  risk_advice: RiskAdviceTable;
  risk_settings: RiskSettingsTable;
  victim_profiles: VictimProfilesTable;
  victim_contact_handovers: VictimContactHandoversTable;
  victim_events: VictimEventsTable;
  victim_contacts: VictimContactsTable;
  victim_duties: VictimDutiesTable;
  victim_referrals: VictimReferralsTable;
  victim_safety_packs: VictimSafetyPacksTable;
  victim_case_outcomes: VictimCaseOutcomesTable;
  victim_withdrawals: VictimWithdrawalsTable;
  victim_court_support: VictimCourtSupportTable;
  oversight_samples: OversightSamplesTable;
  oversight_sample_cases: OversightSampleCasesTable;
  oversight_reviews: OversightReviewsTable;
  oversight_observations: OversightObservationsTable;
  oversight_recommendations: OversightRecommendationsTable;
  investigation_allocations: InvestigationAllocationsTable;
  investigation_log: InvestigationLogTable;
  investigation_s2b_events: InvestigationS2bEventsTable;
  investigation_suspect_actions: InvestigationSuspectActionsTable;
  investigation_finalisations: InvestigationFinalisationsTable;
  investigation_prosecution_files: InvestigationProsecutionFilesTable;
  spo_applications: SpoApplicationsTable;
  spo_stages: SpoStagesTable;
  order_plans: OrderPlansTable;
  order_visits: OrderVisitsTable;
  order_notifications: OrderNotificationsTable;
  order_reviews: OrderReviewsTable;
  order_breaches: OrderBreachesTable;
  order_transfers: OrderTransfersTable;
  retention_reviews: RetentionReviewsTable;
  order_applications: OrderApplicationsTable;
  order_application_stages: OrderApplicationStagesTable;
  order_history: OrderHistoryTable;
}

type OrdersJson = ColumnType<Record<string, unknown>, string | undefined, string>;

export interface SpoApplicationsTable {
  id: Generated<string>;
  case_id: string;
  subject_person_id: string;
  protected_person_ids: Generated<string[]>;
  stage: string;
  referral: OrdersJson;
  application: OrdersJson;
  authority: OrdersJson;
  hearing: OrdersJson;
  order_id: string | null;
  interim_order_id: string | null;
  created_at: CreatedAt;
  created_by: string | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface SpoStagesTable {
  id: Generated<string>;
  application_id: string;
  stage: string;
  stage_on: DateColumn;
  recorded_at: CreatedAt;
  recorded_by: string;
  owner_team: string | null;
  details: OrdersJson;
}

export interface OrderPlansTable {
  order_id: string;
  items: ColumnType<unknown[], string | undefined, string>;
  started_on: DateColumn;
  notes: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
  version: Generated<number>;
}

export interface OrderVisitsTable {
  id: Generated<string>;
  order_id: string;
  kind: 'initial' | 'planned' | 'move-in';
  due_on: DateColumn;
  visited_on: DateColumn | null;
  visited_by: string | null;
  notes: string | null;
  task_id: string | null;
  created_at: CreatedAt;
}

export interface OrderNotificationsTable {
  id: Generated<string>;
  order_id: string;
  kind: 'initial' | 'change-of-name' | 'change-of-address';
  trigger_on: DateColumn;
  due_on: DateColumn;
  received_on: DateColumn | null;
  station: string | null;
  details: string | null;
  recorded_by: string | null;
  task_id: string | null;
  created_at: CreatedAt;
}

export interface OrderReviewsTable {
  id: Generated<string>;
  order_id: string;
  reviewed_on: DateColumn;
  reviewed_by: string;
  risk_factors: string;
  positive_changes: string;
  compliance: string;
  judgement: string;
  changes: string;
  created_at: CreatedAt;
}

export interface OrderBreachesTable {
  id: Generated<string>;
  order_id: string;
  report_id: string | null;
  case_id: string | null;
  breach_number: number;
  occurred_at: Timestamp;
  course_of_conduct_prompt: string | null;
  recorded_by: string;
  recorded_at: CreatedAt;
}

export interface OrderTransfersTable {
  id: Generated<string>;
  order_id: string;
  direction: 'in' | 'out';
  moved_on: DateColumn;
  other_force: string;
  pack: OrdersJson;
  recorded_by: string;
  recorded_at: CreatedAt;
}

export interface RetentionReviewsTable {
  id: Generated<string>;
  case_id: string;
  decision: 'retain' | 'delete';
  mopi_group: number;
  reason: string;
  due_on: DateColumn | null;
  next_review_on: DateColumn | null;
  scrubbed: ColumnType<Record<string, unknown>, string | undefined, never>;
  decided_by: string;
  decided_at: Timestamp;
}

// 0017_order_applications
export interface OrderApplicationsTable {
  id: Generated<string>;
  order_id: string;
  kind: 'renewal' | 'variation' | 'discharge';
  applicant: 'police' | 'subject';
  applied_on: DateColumn;
  grounds: string;
  evidence: OrdersJson;
  proposed: OrdersJson;
  stage: string;
  decision: 'apply' | 'do-not-apply' | 'support' | 'oppose' | null;
  outcome: OrdersJson;
  created_at: CreatedAt;
  created_by: string;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface OrderApplicationStagesTable {
  id: Generated<string>;
  application_id: string;
  stage: string;
  stage_on: DateColumn;
  recorded_at: CreatedAt;
  recorded_by: string;
  owner_team: string | null;
  details: OrdersJson;
  seq: Generated<string>;
}

export interface OrderHistoryTable {
  id: Generated<string>;
  order_id: string;
  application_id: string | null;
  change: 'renewed' | 'varied' | 'discharged';
  changed_on: DateColumn;
  before: OrdersJson;
  after: OrdersJson;
  recorded_by: string;
  recorded_at: CreatedAt;
  seq: Generated<string>;
}

export interface VictimWithdrawalsTable {
  id: Generated<string>;
  case_id: string;
  person_id: string;
  withdrawn_on: DateColumn | null;
  reasons: string | null;
  statement_taken: Generated<boolean>;
  statement_taken_on: DateColumn | null;
  support_details_given: Generated<boolean>;
  support_details: string | null;
  follow_up_on: DateColumn | null;
  follow_up_task_id: string | null;
  evidence_led_considered: Generated<boolean>;
  evidence_led_decision: 'proceed' | 'not-proceed' | null;
  evidence_led_rationale: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  updated_by: string | null;
  version: Generated<number>;
}

export interface VictimCourtSupportTable {
  id: Generated<string>;
  case_id: string;
  person_id: string;
  vps_offered_on: DateColumn | null;
  vps_taken_on: DateColumn | null;
  vps_updated_on: DateColumn | null;
  measures_assessed_on: DateColumn | null;
  measures_needs: Generated<string[]>;
  measures_considered: Generated<string[]>;
  measures_decision: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  updated_by: string | null;
  version: Generated<number>;
}

/** A force's risk setting (migration 0016): 'bands:<tool id>' or 'plan-review'. */
export interface RiskSettingsTable {
  key: string;
  value: Json<unknown>;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}
