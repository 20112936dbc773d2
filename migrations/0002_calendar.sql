-- Working-day calendar: administrators' yearly announcements on top of the Labour Code rules, and the
-- few settings the deadline engine reads. The rules themselves (weekends, holidays, nghỉ bù) are code
-- (src/shared/calendar/holidays.ts); only what a government announces each year is data.

-- One row per date: an extra day off (e.g. a weekday bridging Tết) or a day the rules give off that
-- offices work instead (e.g. a Saturday made a working day in exchange).
create table calendar_overrides (
  date date primary key check (date >= date '1900-01-01' and date <= date '2199-12-31'),
  kind text not null check (kind in ('day_off', 'working_day')),
  note text not null default '' check (length(note) <= 200),
  created_by bigint references users(id),
  created_at timestamptz not null,
  -- An announced day off says why; a swapped working day may leave the note empty.
  check (kind = 'working_day' or length(btrim(note)) > 0)
);

-- A single row of settings. Office hours stay the code's default (07:30-11:30, 13:30-17:30) for now.
create table calendar_settings (
  id smallint primary key default 1 check (id = 1),
  due_soon_amount numeric not null default 1 check (due_soon_amount >= 0 and due_soon_amount <= 3650),
  due_soon_unit text not null default 'working_days' check (due_soon_unit in ('working_days', 'working_hours')),
  updated_at timestamptz not null default now()
);

insert into calendar_settings (id) values (1);
