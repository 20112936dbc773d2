-- Foundation: organisation tree, agencies, users and roles, sessions, rate limits, audit log.

create extension if not exists unaccent;
create extension if not exists pg_trgm;

-- Unit types are data: levels change (districts were abolished on 2025-07-01), so code never
-- hard-codes them. rank orders them from the top of the tree (smaller is higher).
create table unit_types (
  code text primary key check (code ~ '^[a-z_]{2,40}$'),
  name_vi text not null,
  name_en text not null,
  rank integer not null
);

insert into unit_types (code, name_vi, name_en, rank) values
  ('country', 'Quốc gia', 'Country', 0),
  ('province', 'Tỉnh', 'Province', 10),
  ('municipality', 'Thành phố trực thuộc trung ương', 'Municipality', 10),
  ('district', 'Huyện', 'District', 20),
  ('urban_district', 'Quận', 'Urban district', 20),
  ('town', 'Thị xã', 'Town', 20),
  ('provincial_city', 'Thành phố thuộc tỉnh', 'Provincial city', 20),
  ('commune', 'Xã', 'Commune', 30),
  ('ward', 'Phường', 'Ward', 30),
  ('township', 'Thị trấn', 'Township', 30),
  ('special_zone', 'Đặc khu', 'Special zone', 30);

-- A unit's identity; what it is called and where it hangs in the tree lives in unit_versions.
create table units (
  id bigint generated always as identity primary key,
  code text not null unique check (code ~ '^[0-9A-Za-z.]{1,20}$'),
  has_counter boolean not null default false,
  address text,
  phone text,
  created_at timestamptz not null default now()
);

-- Effective-dated facts about a unit: [valid_from, valid_to).
create table unit_versions (
  id bigint generated always as identity primary key,
  unit_id bigint not null references units(id),
  parent_id bigint references units(id),
  type_code text not null references unit_types(code),
  name text not null,
  name_en text not null,
  full_name text not null,
  full_name_en text not null,
  valid_from date not null,
  valid_to date,
  check (valid_to is null or valid_to > valid_from),
  unique (unit_id, valid_from)
);
create index unit_versions_current on unit_versions (unit_id) where valid_to is null;
create index unit_versions_parent on unit_versions (parent_id);

create table agencies (
  id bigint generated always as identity primary key,
  unit_id bigint not null references units(id),
  code text not null unique check (code ~ '^[0-9A-Za-z._-]{1,40}$'),
  kind text not null check (kind in ('peoples_committee', 'office', 'department', 'vertical', 'public_service')),
  name text not null,
  name_en text not null,
  has_counter boolean not null default false,
  address text,
  phone text,
  created_at timestamptz not null default now()
);
create index agencies_unit on agencies (unit_id);

create table users (
  id bigint generated always as identity primary key,
  username text not null unique,
  password_hash text not null,
  full_name text not null,
  email text unique,
  phone text unique,
  locale text not null default 'vi' check (locale in ('vi', 'en')),
  status text not null default 'active' check (status in ('active', 'disabled')),
  created_at timestamptz not null default now()
);

create table user_roles (
  id bigint generated always as identity primary key,
  user_id bigint not null references users(id),
  role text not null check (role in ('citizen', 'counter_officer', 'specialist', 'unit_head', 'signing_leader', 'team_member', 'administrator')),
  unit_id bigint references units(id),
  agency_id bigint references agencies(id),
  check (role = 'citizen' or unit_id is not null),
  unique (user_id, role, unit_id, agency_id)
);
create index user_roles_user on user_roles (user_id);

-- The cookie carries a random token; only its SHA-256 is stored, so a database leak grants nothing.
create table sessions (
  id text primary key,
  user_id bigint not null references users(id),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  last_seen_at timestamptz not null,
  ip text,
  user_agent text
);
create index sessions_user on sessions (user_id);
create index sessions_expires on sessions (expires_at);

-- Failed attempts counted in sliding windows (logins now; tracking guesses later).
create table rate_limit_hits (
  id bigint generated always as identity primary key,
  bucket text not null,
  key text not null,
  at timestamptz not null
);
create index rate_limit_hits_lookup on rate_limit_hits (bucket, key, at);

create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  actor_id bigint references users(id),
  action text not null,
  target_type text not null,
  target_id text,
  request_id text,
  details jsonb not null default '{}'::jsonb
);
create index audit_log_target on audit_log (target_type, target_id);
create index audit_log_at on audit_log (at);

-- Append-only, enforced by the database itself: no code path can rewrite history.
create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_is_append_only();
