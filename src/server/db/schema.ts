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
  application_id: number;
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
}

export type UserRow = Selectable<UsersTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
