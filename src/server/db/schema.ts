// Row types of every table, declared once (Kysely). Keep in step with migrations/.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A `date` column, read as 'YYYY-MM-DD'. */
type DateString = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: DefaultedTimestamp;
}

export interface UnitTypesTable {
  code: string;
  name_vi: string;
  name_en: string;
  rank: number;
}

export interface UnitsTable {
  id: Generated<number>;
  code: string;
  has_counter: Generated<boolean>;
  address: string | null;
  phone: string | null;
  created_at: DefaultedTimestamp;
}

export interface UnitVersionsTable {
  id: Generated<number>;
  unit_id: number;
  parent_id: number | null;
  type_code: string;
  name: string;
  name_en: string;
  full_name: string;
  full_name_en: string;
  valid_from: DateString;
  valid_to: DateString | null;
}

export type AgencyKind = 'peoples_committee' | 'office' | 'department' | 'vertical' | 'public_service';

export interface AgenciesTable {
  id: Generated<number>;
  unit_id: number;
  code: string;
  kind: AgencyKind;
  name: string;
  name_en: string;
  has_counter: Generated<boolean>;
  address: string | null;
  phone: string | null;
  catalog_name: string | null;
  receipt_code: string | null;
  created_at: DefaultedTimestamp;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  full_name: string;
  email: string | null;
  phone: string | null;
  locale: Generated<'vi' | 'en'>;
  status: Generated<'active' | 'disabled'>;
  created_at: DefaultedTimestamp;
}

export interface UserRolesTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  unit_id: number | null;
  agency_id: number | null;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface RateLimitHitsTable {
  id: Generated<number>;
  bucket: string;
  key: string;
  at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: number | null;
  action: string;
  target_type: string;
  target_id: string | null;
  request_id: string | null;
  details: Json<Record<string, unknown>>;
}

export interface CalendarOverridesTable {
  date: DateString;
  kind: 'day_off' | 'working_day';
  note: ColumnType<string, string | undefined, string>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface CalendarSettingsTable {
  id: ColumnType<number, number | undefined, never>;
  due_soon_amount: ColumnType<number, number | undefined, number>;
  due_soon_unit: ColumnType<'working_days' | 'working_hours', 'working_days' | 'working_hours' | undefined>;
  updated_at: DefaultedTimestamp;
}

export interface ProceduresTable {
  id: Generated<number>;
  code: string;
  name: string;
  field: string;
  field_code: string | null;
  level: 'province' | 'district' | 'commune' | 'vertical';
  online_level: 'full' | 'partial' | 'none';
  status: 'active' | 'retired';
  version: number;
  data_completeness: 'full' | 'catalogue_only';
  record: Json<unknown>;
  search_name: string;
  effective_from: DateString | null;
  effective_to: DateString | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProcedureVersionsTable {
  procedure_id: number;
  version: number;
  record: Json<unknown>;
  changed_at: Timestamp;
  changed_by: number | null;
}

export interface ProcedureAgenciesTable {
  procedure_id: number;
  agency_id: number;
  role: 'implementing' | 'deciding' | 'coordinating';
}

export interface DigitalTeamsTable {
  id: Generated<number>;
  code: string;
  unit_id: number;
  village: string | null;
  name: string;
  leader_name: string | null;
  phone: string | null;
  created_at: Timestamp;
}

export interface DigitalTeamMembersTable {
  id: Generated<number>;
  team_id: number;
  user_id: number | null;
  full_name: string;
  phone: string | null;
  is_leader: Generated<boolean>;
  created_at: Timestamp;
}

export type MediaType = 'application/pdf' | 'image/jpeg' | 'image/png';

export interface FilesTable {
  id: string;
  owner_id: number | null;
  storage_key: string;
  sha256: string;
  size_bytes: number;
  media_type: MediaType;
  original_name: string;
  created_at: Timestamp;
}

export interface ApplicationCodeCountersTable {
  prefix: string;
  day: string;
  last_value: number;
}

export interface ApplicationsTable {
  id: Generated<number>;
  code: string;
  procedure_id: number;
  procedure_code: string;
  procedure_version: number;
  case_id: string | null;
  channel: 'online' | 'direct' | 'postal';
  status: number;
  step: 'assignment' | 'proposal' | 'review' | 'approval' | null;
  version: Generated<number>;
  receiving_unit_id: number;
  receiving_agency_id: number;
  handling_unit_id: number | null;
  handling_agency_id: number | null;
  assignee_id: number | null;
  applicant_user_id: number | null;
  applicant_name: string;
  applicant_id_number: string;
  applicant_phone: string;
  applicant_email: string | null;
  applicant_address: string | null;
  form_data: Json<Record<string, unknown>>;
  submitted_at: Timestamp;
  received_at: Timestamp | null;
  due_at: Timestamp | null;
  time_limit: Json<{ amount: number | null; unit: string } | null> | null;
  clock_mode: Generated<'restart' | 'resume'>;
  paused_at: Timestamp | null;
  step_plan: Json<Partial<Record<string, string>>> | null;
  step_due_at: Timestamp | null;
  finished_at: Timestamp | null;
  returned_at: Timestamp | null;
  assisted_by_user_id: number | null;
  assisted_team_id: number | null;
  submitter_id: number | null;
  idempotency_key: string | null;
  request_hash: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ApplicationDocumentsTable {
  application_id: number;
  component_id: string;
  file_id: string;
  purpose: Generated<'submission' | 'supplement' | 'result'>;
  added_at: Timestamp;
}

export interface ApplicationEventsTable {
  id: Generated<number>;
  application_id: number;
  at: Timestamp;
  actor_id: number | null;
  actor_role: string | null;
  action: string;
  from_status: number | null;
  to_status: number;
  from_step: string | null;
  to_step: string | null;
  from_agency_id: number | null;
  to_agency_id: number | null;
  assignee_id: number | null;
  note: string | null;
  details: Json<Record<string, unknown>>;
  /** The writing transaction (xid8, read as text); the notification dispatcher orders by it. */
  tx_id: Generated<string>;
}

export interface ApplicationDraftsTable {
  id: string;
  owner_id: number;
  procedure_code: string;
  data: Json<Record<string, unknown>>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NotificationCursorTable {
  name: string;
  /** xid8, as text. */
  tx_id: string;
  event_id: number;
  updated_at: DefaultedTimestamp;
}

export type NotificationChannel = 'email' | 'sms';
export type NotificationAudience = 'applicant' | 'assignee' | 'unit_head';

export interface NotificationsTable {
  id: Generated<number>;
  dedupe_key: string;
  event_id: number | null;
  /** The application or (feedback_id) the feedback item the message is about; one is set. */
  application_id: number | null;
  feedback_id: ColumnType<number | null, number | null | undefined, number | null>;
  kind: string;
  channel: NotificationChannel;
  audience: NotificationAudience;
  user_id: number | null;
  address: string;
  locale: 'vi' | 'en';
  subject: string | null;
  body_text: string;
  body_html: string | null;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  queued_at: Timestamp | null;
  sent_at: Timestamp | null;
  created_at: Timestamp;
}

export type DeadlineFlag = 'on_time' | 'due_soon' | 'overdue';

export interface DeadlineFlagsTable {
  application_id: number;
  flag: DeadlineFlag;
  due_at: Timestamp;
  changes: Generated<number>;
  changed_at: Timestamp;
}

export type EvaluationLevel = 'very_satisfied' | 'satisfied' | 'not_satisfied';
export type EvaluationChannel = 'online' | 'email' | 'kiosk';

export interface EvaluationCriteriaTable {
  id: Generated<number>;
  code: string;
  label_vi: string;
  label_en: string;
  position: number;
  active: Generated<boolean>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface EvaluationsTable {
  id: Generated<number>;
  application_id: number;
  agency_id: number;
  unit_id: number;
  officer_id: number | null;
  counter_officer_id: number | null;
  channel: EvaluationChannel;
  level: EvaluationLevel;
  comment: string | null;
  submitted_at: Timestamp;
}

export interface EvaluationAnswersTable {
  evaluation_id: number;
  criterion_id: number;
  level: EvaluationLevel;
}

export interface EvaluationTokensTable {
  id: Generated<number>;
  application_id: number;
  token_hash: string;
  channel: 'online' | 'email';
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export type FeedbackKind = 'complaint' | 'recommendation';
export type FeedbackSubjectType = 'procedure' | 'officer' | 'unit' | 'other';
export type FeedbackChannel = 'web' | 'open311' | 'counter' | 'hotline';
export type FeedbackStatus = 'received' | 'triaged' | 'answered' | 'closed';

export interface FeedbackSettingsTable {
  id: ColumnType<number, number | undefined, never>;
  time_limit_days: ColumnType<number, number | undefined, number>;
  updated_by: number | null;
  updated_at: DefaultedTimestamp;
}

export interface FeedbackCodeCountersTable {
  day: string;
  last_value: number;
}

export interface FeedbackItemsTable {
  id: Generated<number>;
  code: string;
  kind: FeedbackKind;
  subject_type: FeedbackSubjectType;
  procedure_code: string | null;
  officer_id: number | null;
  officer_name: string | null;
  unit_id: number;
  agency_id: number | null;
  channel: FeedbackChannel;
  body: string;
  sender_name: string | null;
  sender_phone: string | null;
  sender_email: string | null;
  sender_address: string | null;
  sender_user_id: number | null;
  sender_locale: ColumnType<'vi' | 'en', 'vi' | 'en' | undefined, 'vi' | 'en'>;
  recorded_by: number | null;
  publish_consent: boolean;
  access_key_hash: string;
  lat: number | null;
  long: number | null;
  address: string | null;
  address_id: string | null;
  media_url: string | null;
  status: FeedbackStatus;
  received_at: Timestamp;
  time_limit_days: number;
  due_at: Timestamp;
  triaged_at: Timestamp | null;
  answer: string | null;
  answered_at: Timestamp | null;
  answered_by: number | null;
  upheld: boolean | null;
  published_at: Timestamp | null;
  closed_at: Timestamp | null;
  close_reason: string | null;
  reminded_due_soon_at: Timestamp | null;
  reminded_overdue_at: Timestamp | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FeedbackAttachmentsTable {
  feedback_id: number;
  file_id: string;
}

export interface FeedbackEventsTable {
  id: Generated<number>;
  feedback_id: number;
  at: Timestamp;
  actor_id: number | null;
  action: 'receive' | 'triage' | 'answer' | 'close';
  from_status: FeedbackStatus | null;
  to_status: FeedbackStatus;
  from_unit_id: number | null;
  to_unit_id: number | null;
  to_agency_id: number | null;
  note: string | null;
  details: Json<Record<string, unknown>>;
}

export type NewsStatus = 'draft' | 'published';

export interface NewsArticlesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  summary: string;
  body: string;
  image_file_id: string | null;
  image_alt: string | null;
  status: NewsStatus;
  published_at: Timestamp | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type CommentTargetType = 'procedure' | 'news';
export type CommentStatus = 'pending' | 'published' | 'rejected';

export interface CommentsTable {
  id: Generated<number>;
  target_type: CommentTargetType;
  procedure_id: number | null;
  news_id: number | null;
  author_id: number | null;
  author_name: string;
  body: string;
  status: ColumnType<CommentStatus, CommentStatus | undefined, CommentStatus>;
  created_at: Timestamp;
  moderated_by: number | null;
  moderated_at: Timestamp | null;
}

export type HotlineKind = 'chairperson' | 'leader' | 'unit';

export interface HotlinesTable {
  id: Generated<number>;
  kind: HotlineKind;
  position: string;
  person_name: string | null;
  phone: string;
  note: string | null;
  sort_order: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

// Online fee payments (migrations/0011_payments.sql).
export type PaymentStatus = 'created' | 'succeeded' | 'failed' | 'cancelled';
export type PaymentPurpose = 'fee_due' | 'submission';
export type UnappliedReason = 'application_moved' | 'application_closed' | 'already_paid';

export interface PaymentsTable {
  id: Generated<number>;
  txn_ref: string;
  application_id: number;
  purpose: PaymentPurpose;
  fee_event_id: number | null;
  fee_index: number | null;
  gateway: Generated<string>;
  amount_vnd: number;
  order_info: string;
  payer_user_id: number | null;
  client_ip: string | null;
  locale: 'vi' | 'en';
  create_date: string;
  expire_date: string;
  expires_at: Timestamp;
  status: Generated<PaymentStatus>;
  response_code: string | null;
  transaction_status: string | null;
  gateway_transaction_no: string | null;
  bank_code: string | null;
  bank_tran_no: string | null;
  card_type: string | null;
  paid_at: Timestamp | null;
  completed_at: Timestamp | null;
  applied_at: Timestamp | null;
  applied_event_id: number | null;
  unapplied_reason: UnappliedReason | null;
  receipt_number: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PaymentCallbacksTable {
  id: Generated<number>;
  kind: 'ipn' | 'return';
  received_at: Timestamp;
  txn_ref: string | null;
  payment_id: number | null;
  params: Json<Record<string, string | string[]>>;
  signature_valid: boolean;
  outcome: string;
  client_ip: string | null;
}

// Capacity tests and staff scores (migrations/0012_capacity.sql).
export type CapacityTopic = 'procedure_law' | 'one_stop' | 'digital_skills' | 'unit_field';
export type CapacityQuestionKind = 'single' | 'multiple';
export interface CapacityOption {
  key: string;
  text: string;
  correct: boolean;
  /** In an attempt's copy: the option's key in the bank (keys there follow the order shown). */
  source?: string;
}

export interface CapacityBanksTable {
  id: Generated<number>;
  code: string;
  unit_id: number;
  topic: CapacityTopic;
  title: string;
  description: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CapacityQuestionsTable {
  id: Generated<number>;
  bank_id: number;
  code: string;
  kind: CapacityQuestionKind;
  prompt: string;
  prompt_key: string;
  options: Json<CapacityOption[]>;
  explanation: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CapacityCampaignsTable {
  id: Generated<number>;
  code: string;
  unit_id: number;
  title: string;
  description: string | null;
  status: Generated<'draft' | 'published'>;
  opens_at: Timestamp;
  closes_at: Timestamp;
  duration_minutes: number;
  pass_mark: number;
  draw: Json<Partial<Record<CapacityTopic, number>>>;
  audience_unit_ids: ColumnType<number[], number[], number[]>;
  audience_roles: ColumnType<string[], string[], string[]>;
  created_by: number | null;
  published_by: number | null;
  published_at: Timestamp | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CapacityCandidatesTable {
  campaign_id: number;
  user_id: number;
  unit_id: number;
  agency_id: number | null;
  role: string;
  allowed_attempts: Generated<number>;
}

export interface CapacityAttemptsTable {
  id: Generated<number>;
  campaign_id: number;
  user_id: number;
  attempt_no: number;
  started_at: Timestamp;
  deadline: Timestamp;
  question_count: number;
  submitted_at: Timestamp | null;
  submitted_by: 'candidate' | 'deadline' | null;
  correct_count: number | null;
  score: number | null;
  passed: boolean | null;
}

export interface CapacityAttemptQuestionsTable {
  attempt_id: number;
  position: number;
  question_id: number;
  topic: CapacityTopic;
  kind: CapacityQuestionKind;
  prompt: string;
  options: Json<CapacityOption[]>;
  explanation: string | null;
}

export interface CapacityAnswersTable {
  attempt_id: number;
  position: number;
  selected: ColumnType<string[], string[], string[]>;
  answered_at: Timestamp;
  changes: Generated<number>;
}

export interface StaffScoreMethodsTable {
  unit_id: number;
  weights: Json<Record<string, number>>;
  thresholds: Json<Record<string, number>>;
  upheld_penalty: Generated<number>;
  version: Generated<number>;
  updated_by: number | null;
  updated_at: Timestamp;
}

export type StaffScoreStatus = 'draft' | 'reviewed' | 'signed';
export type StaffScoreLevel = 'excellent' | 'good' | 'completed' | 'not_completed';

export interface StaffScoresTable {
  id: Generated<number>;
  user_id: number;
  unit_id: number;
  period: string;
  status: Generated<StaffScoreStatus>;
  leader_score: number | null;
  leader_note: string | null;
  reviewed_by: number | null;
  reviewed_at: Timestamp | null;
  signed_by: number | null;
  signed_at: Timestamp | null;
  computation: Json<unknown> | null;
  total: number | null;
  level: StaffScoreLevel | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

// Statistics (migrations/0010_statistics.sql): derived from the event log, except the targets.
export type StatGrain = 'day' | 'month' | 'all';

export interface StatEventFactsTable {
  event_id: number;
  application_id: number;
  at: Timestamp;
  status: number;
  step: string | null;
  due_at: Timestamp | null;
  received_at: Timestamp | null;
  paused_at: Timestamp | null;
  handling_unit_id: number | null;
  handling_agency_id: number | null;
  assignee_id: number | null;
  electronic_result: boolean;
  has_documents: boolean;
  full_online: boolean;
  late_from: DateString | null;
}

export interface StatAppStateTable {
  application_id: number;
  last_event_id: number;
  procedure_id: number;
  channel: 'online' | 'direct' | 'postal';
  unit_id: number;
  agency_id: number;
  status: number;
  received: boolean;
  received_at: Timestamp | null;
  received_by: number | null;
  full_online: boolean;
  in_process: boolean;
  due_at: Timestamp | null;
  late_from: DateString | null;
  holder_step: string | null;
  holder_unit_id: number | null;
  holder_agency_id: number | null;
  holder_user_id: number | null;
  paused_since: Timestamp | null;
  paused_seconds: number;
  entered_at: Timestamp | null;
  left_at: Timestamp | null;
}

type StatCounter = ColumnType<number, number | undefined, number>;

export interface StatCountsTable {
  grain: StatGrain;
  period: DateString;
  unit_id: number;
  agency_id: number;
  procedure_id: number;
  channel: 'online' | 'direct' | 'postal';
  submitted: StatCounter;
  received: StatCounter;
  received_full_online: StatCounter;
  received_digitised: StatCounter;
  refused: StatCounter;
  withdrawn_before_receipt: StatCounter;
  processed: StatCounter;
  processed_early: StatCounter;
  processed_on_time: StatCounter;
  processed_late: StatCounter;
  handling_seconds: StatCounter;
  stopped: StatCounter;
  returned: StatCounter;
  returned_electronic: StatCounter;
  transferred_in: StatCounter;
  transferred_out: StatCounter;
  in_process_delta: StatCounter;
  late_delta: StatCounter;
  went_late: StatCounter;
  evaluations: StatCounter;
  evaluations_very_satisfied: StatCounter;
  evaluations_satisfied: StatCounter;
  evaluations_not_satisfied: StatCounter;
}

export interface StatWentLateTable {
  id: Generated<number>;
  application_id: number;
  at: Timestamp;
  day: DateString;
  step: 'reception' | 'assignment' | 'proposal' | 'review' | 'approval';
  unit_id: number;
  agency_id: number;
  user_id: number | null;
  procedure_id: number;
  channel: 'online' | 'direct' | 'postal';
}

export interface StatOfficerCountsTable {
  grain: 'day' | 'month';
  period: DateString;
  unit_id: number;
  user_id: number;
  agency_id: number;
  received: StatCounter;
  assigned: StatCounter;
  processed: StatCounter;
  processed_late: StatCounter;
  returned: StatCounter;
}

export interface StatTargetsTable {
  unit_id: number;
  year: number;
  indicator: string;
  target: number;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface StatMetaTable {
  key: string;
  value: string;
}

export interface DB {
  schema_migrations: SchemaMigrationsTable;
  unit_types: UnitTypesTable;
  units: UnitsTable;
  unit_versions: UnitVersionsTable;
  agencies: AgenciesTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  rate_limit_hits: RateLimitHitsTable;
  audit_log: AuditLogTable;
  calendar_overrides: CalendarOverridesTable;
  calendar_settings: CalendarSettingsTable;
  procedures: ProceduresTable;
  procedure_versions: ProcedureVersionsTable;
  procedure_agencies: ProcedureAgenciesTable;
  digital_teams: DigitalTeamsTable;
  digital_team_members: DigitalTeamMembersTable;
  files: FilesTable;
  application_code_counters: ApplicationCodeCountersTable;
  applications: ApplicationsTable;
  application_documents: ApplicationDocumentsTable;
  application_events: ApplicationEventsTable;
  application_drafts: ApplicationDraftsTable;
  notification_cursor: NotificationCursorTable;
  notifications: NotificationsTable;
  deadline_flags: DeadlineFlagsTable;
  stat_event_facts: StatEventFactsTable;
  stat_app_state: StatAppStateTable;
  stat_counts: StatCountsTable;
  stat_went_late: StatWentLateTable;
  stat_officer_counts: StatOfficerCountsTable;
  stat_targets: StatTargetsTable;
  stat_meta: StatMetaTable;
  feedback_settings: FeedbackSettingsTable;
  feedback_code_counters: FeedbackCodeCountersTable;
  feedback_items: FeedbackItemsTable;
  feedback_attachments: FeedbackAttachmentsTable;
  feedback_events: FeedbackEventsTable;
  evaluation_criteria: EvaluationCriteriaTable;
  evaluations: EvaluationsTable;
  evaluation_answers: EvaluationAnswersTable;
  evaluation_tokens: EvaluationTokensTable;
  news_articles: NewsArticlesTable;
  comments: CommentsTable;
  hotlines: HotlinesTable;
  payments: PaymentsTable;
  payment_callbacks: PaymentCallbacksTable;
  capacity_banks: CapacityBanksTable;
  capacity_questions: CapacityQuestionsTable;
  capacity_campaigns: CapacityCampaignsTable;
  capacity_candidates: CapacityCandidatesTable;
  capacity_attempts: CapacityAttemptsTable;
  capacity_attempt_questions: CapacityAttemptQuestionsTable;
  capacity_answers: CapacityAnswersTable;
  staff_score_methods: StaffScoreMethodsTable;
  staff_scores: StaffScoresTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
