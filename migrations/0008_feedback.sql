-- Feedback and recommendations (phản ánh, kiến nghị): about a procedure, an officer or a unit, sent
-- on the web form, through the Open311 GeoReport v2 API, or recorded by staff from the counter or the
-- hotline. Each item is routed (triaged) to the responsible unit, answered within a time limit in
-- working days, and its answer published when the sender agreed.
--
-- Statuses: received (waiting for triage) -> triaged (with the responsible unit/agency) -> answered
-- (answer, upheld or not); received/triaged -> closed (dismissed without an answer: a duplicate,
-- not a feedback, no content to act on). The clock runs while received or triaged.

-- The time limit new items get, in working days; one row. Ten working days is the national practice
-- for handling feedback (Decree 20/2008/NĐ-CP on receiving and handling feedback and recommendations).
create table feedback_settings (
  id integer primary key default 1 check (id = 1),
  time_limit_days integer not null default 10 check (time_limit_days between 1 and 60),
  updated_by bigint references users(id),
  updated_at timestamptz not null default now()
);
insert into feedback_settings (id) values (1);

-- Daily sequence of the public codes PA-yyMMdd-NNNN, incremented inside the submitting transaction
-- (a rolled-back submission gives its number back; the row lock serialises concurrent ones).
create table feedback_code_counters (
  day text primary key,
  last_value integer not null
);

create table feedback_items (
  id bigint generated always as identity primary key,
  code text not null unique,
  kind text not null check (kind in ('complaint', 'recommendation')),
  subject_type text not null check (subject_type in ('procedure', 'officer', 'unit', 'other')),
  procedure_code text,
  -- The officer it is about: the account, once staff identify it; the name as the sender wrote it.
  officer_id bigint references users(id),
  officer_name text,
  -- The responsible unit (the one the sender chose until triage) and, when triaged to one, agency.
  unit_id bigint not null references units(id),
  agency_id bigint references agencies(id),
  channel text not null check (channel in ('web', 'open311', 'counter', 'hotline')),
  body text not null,
  -- The sender: every field optional (anonymous feedback is accepted).
  sender_name text,
  sender_phone text,
  sender_email text,
  sender_address text,
  sender_user_id bigint references users(id),
  -- The language of the e-mail that brings the sender the answer.
  sender_locale text not null default 'vi' check (sender_locale in ('vi', 'en')),
  recorded_by bigint references users(id),
  publish_consent boolean not null default false,
  -- SHA-256 of the key shown to the sender once, which opens the full item on the look-up page.
  access_key_hash text not null,
  -- Where the problem is (Open311): coordinates (WGS84), an address, the address id of the client.
  lat double precision check (lat between -90 and 90),
  long double precision check (long between -180 and 180),
  address text,
  address_id text,
  media_url text,
  status text not null default 'received' check (status in ('received', 'triaged', 'answered', 'closed')),
  received_at timestamptz not null,
  time_limit_days integer not null,
  due_at timestamptz not null,
  triaged_at timestamptz,
  answer text,
  answered_at timestamptz,
  answered_by bigint references users(id),
  upheld boolean,
  published_at timestamptz,
  closed_at timestamptz,
  close_reason text,
  -- Reminders to the responsible unit's staff, each sent once.
  reminded_due_soon_at timestamptz,
  reminded_overdue_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((lat is null) = (long is null)),
  check ((status = 'answered') = (answered_at is not null)),
  check ((answered_at is null) = (upheld is null)),
  check ((answered_at is null) = (answer is null)),
  check ((status = 'closed') = (closed_at is not null)),
  check (published_at is null or (publish_consent and status = 'answered'))
);
create index feedback_items_unit_status on feedback_items (unit_id, status);
create index feedback_items_open_due on feedback_items (due_at) where status in ('received', 'triaged');
create index feedback_items_published on feedback_items (published_at desc) where published_at is not null;
create index feedback_items_received on feedback_items (received_at);

create table feedback_attachments (
  feedback_id bigint not null references feedback_items(id),
  file_id uuid not null references files(id),
  primary key (feedback_id, file_id)
);
create unique index feedback_attachments_file on feedback_attachments (file_id);

-- Every change of a feedback item, written in the same transaction as the change.
create table feedback_events (
  id bigint generated always as identity primary key,
  feedback_id bigint not null references feedback_items(id),
  at timestamptz not null,
  actor_id bigint references users(id),
  action text not null check (action in ('receive', 'triage', 'answer', 'close')),
  from_status text,
  to_status text not null,
  from_unit_id bigint references units(id),
  to_unit_id bigint references units(id),
  to_agency_id bigint references agencies(id),
  note text,
  details jsonb not null default '{}'::jsonb
);
create index feedback_events_feedback on feedback_events (feedback_id, id);
create index feedback_events_at on feedback_events (at);

create function feedback_events_are_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'feedback_events is append-only';
end;
$$;
create trigger feedback_events_no_update before update or delete on feedback_events
  for each row execute function feedback_events_are_append_only();

-- Feedback e-mails (reminders to staff, the answer to a sender who left an address) go through the
-- notifications outbox and its sending job: a notification is about an application or a feedback item.
alter table notifications alter column application_id drop not null;
alter table notifications add column feedback_id bigint references feedback_items(id);
alter table notifications add constraint notifications_about_something
  check (application_id is not null or feedback_id is not null);
create index notifications_feedback on notifications (feedback_id, id) where feedback_id is not null;
