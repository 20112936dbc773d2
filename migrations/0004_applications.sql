-- Applications: what citizens submit, what officers act on, and the event log every statistic and
-- the processing control slip come from. Also uploaded files, drafts and community digital teams.

-- The national agency code that prefixes application codes (e.g. 000.00.01.H29), per receiving agency.
alter table agencies add column receipt_code text check (receipt_code ~ '^[0-9A-Z.]{3,30}$');

-- Community digital transformation teams (tổ công nghệ số cộng đồng), by ward/commune and village.
create table digital_teams (
  id bigint generated always as identity primary key,
  code text not null unique,
  unit_id bigint not null references units(id),
  village text,
  name text not null,
  leader_name text,
  phone text,
  created_at timestamptz not null
);
create index digital_teams_unit on digital_teams (unit_id);

create table digital_team_members (
  id bigint generated always as identity primary key,
  team_id bigint not null references digital_teams(id),
  user_id bigint references users(id),
  full_name text not null,
  phone text,
  is_leader boolean not null default false,
  created_at timestamptz not null
);
create index digital_team_members_team on digital_team_members (team_id);
create unique index digital_team_members_user on digital_team_members (team_id, user_id) where user_id is not null;

create table files (
  id uuid primary key,
  owner_id bigint references users(id),
  storage_key text not null unique,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes integer not null check (size_bytes > 0),
  media_type text not null check (media_type in ('application/pdf', 'image/jpeg', 'image/png')),
  original_name text not null,
  created_at timestamptz not null
);
create index files_owner on files (owner_id);

-- One row per receiving agency and day: the next number of the day's sequence. Incremented inside the
-- submitting transaction, so a rolled-back submission gives its number back and codes have no gaps.
create table application_code_counters (
  prefix text not null,
  day text not null check (day ~ '^\d{6}$'),
  last_value integer not null check (last_value between 1 and 9999),
  primary key (prefix, day)
);

create table applications (
  id bigint generated always as identity primary key,
  code text not null unique,
  procedure_id bigint not null references procedures(id),
  procedure_code text not null,
  procedure_version integer not null,
  case_id text,
  channel text not null check (channel in ('online', 'direct', 'postal')),
  status smallint not null check (status between 1 and 10),
  step text check (step in ('assignment', 'proposal', 'review', 'approval')),
  version integer not null default 1,
  receiving_unit_id bigint not null references units(id),
  receiving_agency_id bigint not null references agencies(id),
  handling_unit_id bigint references units(id),
  handling_agency_id bigint references agencies(id),
  assignee_id bigint references users(id),
  applicant_user_id bigint references users(id),
  applicant_name text not null,
  applicant_id_number text not null,
  applicant_phone text not null,
  applicant_email text,
  applicant_address text,
  form_data jsonb not null default '{}'::jsonb,
  submitted_at timestamptz not null,
  received_at timestamptz,
  due_at timestamptz,
  time_limit jsonb,
  clock_mode text not null default 'restart' check (clock_mode in ('restart', 'resume')),
  paused_at timestamptz,
  finished_at timestamptz,
  returned_at timestamptz,
  assisted_by_user_id bigint references users(id),
  assisted_team_id bigint references digital_teams(id),
  submitter_id bigint references users(id),
  idempotency_key text,
  request_hash text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (submitter_id, idempotency_key)
);
create index applications_status on applications (status);
create index applications_receiving on applications (receiving_agency_id, status);
create index applications_handling on applications (handling_agency_id, status);
create index applications_assignee on applications (assignee_id, status);
create index applications_applicant on applications (applicant_user_id);
create index applications_submitted on applications (submitted_at);
create index applications_due on applications (due_at) where status in (2, 4, 6);

create table application_documents (
  application_id bigint not null references applications(id),
  component_id text not null,
  file_id uuid not null references files(id),
  purpose text not null default 'submission' check (purpose in ('submission', 'supplement', 'result')),
  added_at timestamptz not null,
  primary key (application_id, file_id)
);
create unique index application_documents_file on application_documents (file_id);

-- Every action on an application, written in the same transaction as the change it records.
create table application_events (
  id bigint generated always as identity primary key,
  application_id bigint not null references applications(id),
  at timestamptz not null,
  actor_id bigint references users(id),
  actor_role text,
  action text not null,
  from_status smallint,
  to_status smallint not null,
  from_step text,
  to_step text,
  from_agency_id bigint references agencies(id),
  to_agency_id bigint references agencies(id),
  assignee_id bigint references users(id),
  note text,
  details jsonb not null default '{}'::jsonb
);
create index application_events_application on application_events (application_id, id);
create index application_events_at on application_events (at);

create function application_events_are_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'application_events is append-only';
end;
$$;
create trigger application_events_no_update before update or delete on application_events
  for each row execute function application_events_are_append_only();

create table application_drafts (
  id uuid primary key,
  owner_id bigint not null references users(id),
  procedure_code text not null,
  data jsonb not null default '{}'::jsonb,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index application_drafts_owner on application_drafts (owner_id, updated_at desc);
