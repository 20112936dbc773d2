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
}

export type UserRow = Selectable<UsersTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
