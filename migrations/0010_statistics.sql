-- Statistics (issue 8): roll-ups of the application event log, kept up to date in the transaction of
-- every event (src/server/modules/stats/rollup.ts), the facts each event left behind, the yearly
-- targets administrators set per unit. Every table here except stat_targets is derived: it can be
-- rebuilt from application_events and stat_event_facts (rollup.ts rebuildStatistics). Definitions of
-- every figure: docs/statistics.md.

-- What an event left the application looking like: the columns the event row itself does not carry
-- (due date, effective receipt, pause, handling side, assignee). With the event row, enough to replay
-- the statistics from scratch. Written in the event's transaction; never changed.
create table stat_event_facts (
  event_id bigint primary key references application_events(id),
  application_id bigint not null references applications(id),
  at timestamptz not null,
  status smallint not null,
  step text,
  due_at timestamptz,
  received_at timestamptz,
  paused_at timestamptz,
  handling_unit_id bigint,
  handling_agency_id bigint,
  assignee_id bigint,
  -- A result file was attached (purpose 'result') by the time of the event.
  electronic_result boolean not null default false,
  -- At least one submitted document was uploaded (the application is digitised).
  has_documents boolean not null default false,
  -- The procedure's online level was 'full' at the time of the event.
  full_online boolean not null default false,
  -- The first day at whose end the application counts as in process past its deadline, as the event
  -- left it (stat_app_state.late_from at that moment); null when it does not count.
  late_from date
);
create index stat_event_facts_application on stat_event_facts (application_id, event_id);
create index stat_event_facts_at on stat_event_facts (at);

-- The statistical state of each application after its last event: where it counts (the responsible
-- unit and agency: the handling side, else the receiving side), whether it is in process, from which
-- day it counts as past its deadline, who holds it now (for lateness attribution).
create table stat_app_state (
  application_id bigint primary key references applications(id),
  last_event_id bigint not null,
  procedure_id bigint not null,
  channel text not null,
  unit_id bigint not null,
  agency_id bigint not null,
  status smallint not null,
  received boolean not null default false,
  received_at timestamptz,
  received_by bigint,
  full_online boolean not null default false,
  in_process boolean not null default false,
  due_at timestamptz,
  -- The first day at whose end the application counts as in process past its deadline; a day after
  -- today while the deadline is still ahead (scheduled), null when it does not count.
  late_from date,
  holder_step text,
  holder_unit_id bigint,
  holder_agency_id bigint,
  holder_user_id bigint,
  paused_since timestamptz,
  paused_seconds bigint not null default 0,
  -- When it last entered and left "in process".
  entered_at timestamptz,
  left_at timestamptz
);
create index stat_app_state_open on stat_app_state (unit_id, late_from) where in_process;
create index stat_app_state_left on stat_app_state (left_at);

-- The roll-ups. grain 'day' (period = the day in Vietnam), 'month' (period = its first day), 'all'
-- (period = 1970-01-01: every day, past and scheduled). procedure_id 0 holds the sum over all
-- procedures, so a unit's figures never read procedure rows. Flows count what happened on the day;
-- in_process_delta and late_delta change the stocks (in process, in process past deadline), so a
-- stock at the end of day D is the sum of its deltas up to D. late_delta and went_late may sit on a
-- future day: scheduled when an application got its deadline, cancelled if it moves before then.
-- Partitioned by grain and by all-procedures rows against per-procedure rows: a unit's figures read
-- only the small all-procedures partitions (a province's months over five years of five million
-- applications are some 60,000 rows), which stay in memory whatever the size of the rest.
create table stat_counts (
  grain text not null check (grain in ('day', 'month', 'all')),
  period date not null,
  unit_id bigint not null,
  agency_id bigint not null,
  procedure_id bigint not null,
  channel text not null check (channel in ('online', 'direct', 'postal')),
  submitted integer not null default 0,
  received integer not null default 0,
  received_full_online integer not null default 0,
  received_digitised integer not null default 0,
  refused integer not null default 0,
  withdrawn_before_receipt integer not null default 0,
  processed integer not null default 0,
  processed_early integer not null default 0,
  processed_on_time integer not null default 0,
  processed_late integer not null default 0,
  handling_seconds bigint not null default 0,
  stopped integer not null default 0,
  returned integer not null default 0,
  returned_electronic integer not null default 0,
  transferred_in integer not null default 0,
  transferred_out integer not null default 0,
  in_process_delta integer not null default 0,
  late_delta integer not null default 0,
  went_late integer not null default 0,
  -- Evaluations (written by the trigger below on evaluations), on the day they were submitted.
  evaluations integer not null default 0,
  evaluations_very_satisfied integer not null default 0,
  evaluations_satisfied integer not null default 0,
  evaluations_not_satisfied integer not null default 0,
  primary key (grain, procedure_id, unit_id, period, agency_id, channel)
) partition by list (grain);
create table stat_counts_day partition of stat_counts for values in ('day') partition by range (procedure_id);
create table stat_counts_day_all partition of stat_counts_day for values from (0) to (1);
create table stat_counts_day_procedures partition of stat_counts_day for values from (1) to (maxvalue);
create table stat_counts_month partition of stat_counts for values in ('month') partition by range (procedure_id);
create table stat_counts_month_all partition of stat_counts_month for values from (0) to (1);
create table stat_counts_month_procedures partition of stat_counts_month for values from (1) to (maxvalue);
create table stat_counts_all partition of stat_counts for values in ('all') partition by range (procedure_id);
create table stat_counts_all_all partition of stat_counts_all for values from (0) to (1);
create table stat_counts_all_procedures partition of stat_counts_all for values from (1) to (maxvalue);
-- A unit and everything below it over a period reads either unit by unit (the primary key: a commune,
-- a few units) or the period's rows of every unit (this index: a province, hundreds of units).
create index stat_counts_period on stat_counts (grain, procedure_id, period);

-- One row per time an application went (or is scheduled to go) past its deadline while its clock ran,
-- with who held it then: the step, unit, agency and person (the counter officer who received it, the
-- specialist it was assigned to at the proposal step; nobody in particular at assignment, review and
-- approval, which belong to the unit's head and leaders). A scheduled row (at in the future) is
-- deleted when the application moves on before its deadline.
create table stat_went_late (
  id bigint generated always as identity primary key,
  application_id bigint not null references applications(id),
  at timestamptz not null,
  day date not null,
  step text not null check (step in ('reception', 'assignment', 'proposal', 'review', 'approval')),
  unit_id bigint not null,
  agency_id bigint not null,
  user_id bigint,
  procedure_id bigint not null,
  channel text not null
);
create index stat_went_late_application on stat_went_late (application_id, at);
create index stat_went_late_unit on stat_went_late (unit_id, day);
create index stat_went_late_user on stat_went_late (user_id, day) where user_id is not null;

-- Per officer: what each person did, where, on which day (grain 'day' or 'month').
create table stat_officer_counts (
  grain text not null check (grain in ('day', 'month')),
  period date not null,
  unit_id bigint not null,
  user_id bigint not null,
  agency_id bigint not null,
  received integer not null default 0,
  assigned integer not null default 0,
  processed integer not null default 0,
  processed_late integer not null default 0,
  returned integer not null default 0,
  primary key (grain, unit_id, period, user_id, agency_id)
);

-- Yearly targets per unit, in percent (an online rate of 80%), one per indicator of the service index.
create table stat_targets (
  unit_id bigint not null references units(id),
  year smallint not null check (year between 2000 and 2199),
  indicator text not null check (indicator ~ '^[a-z][a-z0-9_]{1,59}$'),
  target numeric(5, 2) not null check (target >= 0 and target <= 100),
  updated_by bigint references users(id),
  updated_at timestamptz not null,
  primary key (unit_id, year, indicator)
);

create table stat_meta (
  key text primary key,
  value text not null
);

-- Evaluations are counted into the roll-ups in the transaction that writes them, whatever module writes
-- them: one evaluation adds to its day, month and all-time rows, for its procedure and for all (the rows
-- in the order the application roll-up writes them, so the two never wait on each other in a cycle).
create function stat_count_evaluation(e evaluations, sign integer) returns void language plpgsql as $$
declare
  app record;
  d date := ((e.submitted_at at time zone 'UTC') + interval '7 hours')::date;
begin
  select procedure_id, channel into app from applications where id = e.application_id;
  insert into stat_counts (grain, period, unit_id, agency_id, procedure_id, channel, evaluations,
    evaluations_very_satisfied, evaluations_satisfied, evaluations_not_satisfied)
  select g.grain, g.period, e.unit_id, e.agency_id, g.procedure_id, app.channel, sign,
    sign * (e.level = 'very_satisfied')::int, sign * (e.level = 'satisfied')::int,
    sign * (e.level = 'not_satisfied')::int
  from (values
    (1, 'all', date '1970-01-01', 0::bigint), (2, 'all', date '1970-01-01', app.procedure_id),
    (3, 'day', d, 0::bigint), (4, 'day', d, app.procedure_id),
    (5, 'month', date_trunc('month', d)::date, 0::bigint), (6, 'month', date_trunc('month', d)::date, app.procedure_id)
  ) as g(n, grain, period, procedure_id)
  order by g.n
  on conflict (grain, procedure_id, unit_id, period, agency_id, channel) do update set
    evaluations = stat_counts.evaluations + excluded.evaluations,
    evaluations_very_satisfied = stat_counts.evaluations_very_satisfied + excluded.evaluations_very_satisfied,
    evaluations_satisfied = stat_counts.evaluations_satisfied + excluded.evaluations_satisfied,
    evaluations_not_satisfied = stat_counts.evaluations_not_satisfied + excluded.evaluations_not_satisfied;
end;
$$;

create function stat_evaluation_changed() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then perform stat_count_evaluation(old, -1); end if;
  if tg_op in ('INSERT', 'UPDATE') then perform stat_count_evaluation(new, 1); end if;
  return null;
end;
$$;
create trigger stat_evaluations_rollup after insert or update or delete on evaluations
  for each row execute function stat_evaluation_changed();

-- Every evaluation counted again (after the roll-ups were cleared for a rebuild).
create function stat_count_all_evaluations() returns void language plpgsql as $$
declare
  e evaluations;
begin
  for e in select * from evaluations order by id loop
    perform stat_count_evaluation(e, 1);
  end loop;
end;
$$;

-- The remit of a unit (the procedures its agencies implement) is read from a cache that is valid while
-- the catalogue and the organisation stay as they were: any change to them moves this version on.
insert into stat_meta (key, value) values ('catalog_version', '0');
create function stat_catalog_changed() returns trigger language plpgsql as $$
begin
  update stat_meta set value = (value::bigint + 1)::text where key = 'catalog_version';
  return null;
end;
$$;
create trigger stat_catalog_procedures after insert or update or delete or truncate on procedures
  for each statement execute function stat_catalog_changed();
create trigger stat_catalog_links after insert or update or delete or truncate on procedure_agencies
  for each statement execute function stat_catalog_changed();
create trigger stat_catalog_agencies after insert or update or delete or truncate on agencies
  for each statement execute function stat_catalog_changed();
create trigger stat_catalog_units after insert or update or delete or truncate on unit_versions
  for each statement execute function stat_catalog_changed();

-- Applications written before this migration: their events get facts from the application as it
-- stands now (exact for the last event, close for the others), and the roll-ups are rebuilt from them
-- the first time the statistics are read.
insert into stat_event_facts (event_id, application_id, at, status, step, due_at, received_at, paused_at,
  handling_unit_id, handling_agency_id, assignee_id, electronic_result, has_documents, full_online)
select e.id, e.application_id, e.at, e.to_status, e.to_step, a.due_at, a.received_at,
  case when e.to_status in (5, 7) then e.at end,
  a.handling_unit_id, a.handling_agency_id, coalesce(e.assignee_id, a.assignee_id),
  exists (select 1 from application_documents d where d.application_id = a.id and d.purpose = 'result' and d.added_at <= e.at),
  exists (select 1 from application_documents d where d.application_id = a.id and d.purpose = 'submission'),
  p.online_level = 'full'
from application_events e
join applications a on a.id = e.application_id
join procedures p on p.id = a.procedure_id;

select stat_count_all_evaluations();

insert into stat_meta (key, value)
select 'needs_rebuild', 'true' where exists (select 1 from application_events);
