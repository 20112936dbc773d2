-- Notifications: application_events is the outbox. A dispatcher reads the events after a cursor and
-- records one notification per recipient and channel; a job per notification sends it, with retries.
-- Also the last due-soon/overdue flag per application, so officers are e-mailed once per change.
-- pg-boss keeps its own tables in the schema `pgboss`, created by pg-boss itself at start-up.

-- The transaction that wrote each event. Identity ids are handed out when a row is inserted, not when
-- its transaction commits, so a cursor on ids alone could step over an event still being committed.
-- Events are read in (tx_id, id) order and only from transactions older than every one still running
-- (pg_snapshot_xmin), so nothing can later appear behind the cursor. Existing events take this
-- migration's transaction id.
alter table application_events add column tx_id xid8 not null default pg_current_xact_id();
create index application_events_tx on application_events (tx_id, id);

create table notification_cursor (
  name text primary key,
  tx_id xid8 not null,
  event_id bigint not null,
  updated_at timestamptz not null default now()
);
-- Events written before notifications existed are not announced.
insert into notification_cursor (name, tx_id, event_id)
select 'application_events', pg_current_xact_id(), coalesce(max(id), 0) from application_events;

create table notifications (
  id bigint generated always as identity primary key,
  -- What makes a message unique, so a re-run never sends twice:
  -- 'event:<event_id>:<channel>:<audience>' or 'deadline:<application_id>:<change>:<channel>:<user_id>'.
  dedupe_key text not null unique,
  event_id bigint references application_events(id),
  application_id bigint not null references applications(id),
  kind text not null,
  channel text not null check (channel in ('email', 'sms')),
  audience text not null check (audience in ('applicant', 'assignee', 'unit_head')),
  user_id bigint references users(id),
  address text not null,
  locale text not null check (locale in ('vi', 'en')),
  subject text,
  body_text text not null,
  body_html text,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  last_error text,
  queued_at timestamptz,
  sent_at timestamptz,
  created_at timestamptz not null
);
create index notifications_application on notifications (application_id, id);
create index notifications_unqueued on notifications (id) where status = 'pending' and queued_at is null;

-- The last classification of each application whose clock runs; `changes` counts the changes.
create table deadline_flags (
  application_id bigint primary key references applications(id),
  flag text not null check (flag in ('on_time', 'due_soon', 'overdue')),
  due_at timestamptz not null,
  changes integer not null default 1,
  changed_at timestamptz not null
);
