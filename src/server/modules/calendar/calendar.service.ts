// The working-day calendar of this deployment: the Labour Code rules (src/shared/calendar) plus the
// overrides administrators enter each year. Other modules compute due dates through this file:
//
//   const calendar = await loadWorkingCalendar(deps);            // a HolidayCalendar, cached
//   const { dueAt } = await computeDueDate(deps, { receivedAt, amount: 3, unit: 'working_days' });
//
// Inside an open transaction pass it along (`loadWorkingCalendar(deps, { db: tx })`): PGlite has one
// connection, so a query outside the transaction would wait for the transaction to end.
import {
  buildHolidayCalendar,
  type CalendarOverride,
  computeDeadline,
  type DayOff,
  DEFAULT_OFFICE_HOURS,
  type Deadline,
  type DueSoonThreshold,
  dateParts,
  type HolidayCalendar,
  localDateOf,
  MAX_AMOUNT,
  MAX_YEAR,
  type OfficeHours,
  type TimeLimitUnit,
  timeLimitProblem,
} from '../../../shared/calendar/index.js';
import type { TCalendarOverride } from '../../../shared/calendar/schema.js';
import { vietnamDate } from '../../../shared/clock.js';
import { AppError } from '../../../shared/errors.js';
import { requireAccess } from '../../auth/access.js';
import type { ActionContext, Actor, AppDeps, Queryable } from '../../context.js';
import type { Database } from '../../db/database.js';
import { appendAudit } from '../audit/audit.repository.js';
import {
  deleteOverride,
  findCalendarSettings,
  findOverrides,
  insertOverride,
  type OverrideRow,
} from './calendar.repository.js';

export interface CalendarSettings {
  officeHours: OfficeHours;
  /** When an application in process counts as "due soon" (sắp đến hạn). */
  dueSoon: DueSoonThreshold;
}

interface CalendarData {
  calendar: HolidayCalendar;
  overrides: CalendarOverride[];
  settings: CalendarSettings;
}

// Another process sharing a PostgreSQL database cannot tell this one that an override changed, so a
// cached calendar is also reloaded once it is this old.
const CACHE_TTL_MS = 60_000;

interface CacheEntry {
  loadedAt: number;
  data: Promise<CalendarData>;
}

// One cache per database: every app (and every test app) on its own database has its own calendar.
const caches = new WeakMap<Database, { entry: CacheEntry | null }>();

function cacheOf(deps: AppDeps): { entry: CacheEntry | null } {
  let cache = caches.get(deps.database);
  if (!cache) {
    cache = { entry: null };
    caches.set(deps.database, cache);
  }
  return cache;
}

function toOverride(row: OverrideRow): CalendarOverride {
  return row.kind === 'day_off'
    ? { date: row.date, kind: 'day_off', note: row.note }
    : { date: row.date, kind: 'working_day', ...(row.note ? { note: row.note } : {}) };
}

async function readCalendarData(db: Queryable): Promise<CalendarData> {
  const [rows, settings] = [await findOverrides(db), await findCalendarSettings(db)];
  const overrides = rows.map(toOverride);
  return {
    calendar: buildHolidayCalendar(overrides),
    overrides,
    settings: {
      officeHours: DEFAULT_OFFICE_HOURS,
      dueSoon: settings
        ? { amount: settings.dueSoonAmount, unit: settings.dueSoonUnit }
        : { amount: 1, unit: 'working_days' },
    },
  };
}

async function loadCalendarData(deps: AppDeps, options: { db?: Queryable } = {}): Promise<CalendarData> {
  const cache = cacheOf(deps);
  const now = deps.clock.now().getTime();
  const entry = cache.entry;
  if (entry && now >= entry.loadedAt && now - entry.loadedAt < CACHE_TTL_MS) return entry.data;
  const fresh: CacheEntry = { loadedAt: now, data: readCalendarData(options.db ?? deps.database.db) };
  cache.entry = fresh;
  // A failed load is not remembered: the next caller tries again.
  fresh.data.catch(() => {
    if (cache.entry === fresh) cache.entry = null;
  });
  return fresh.data;
}

/**
 * The deployment's working-day calendar: the legal rules plus the administrators' overrides.
 * Cached per database; an override added or removed through this module takes effect at once.
 */
export async function loadWorkingCalendar(
  deps: AppDeps,
  options: { db?: Queryable } = {},
): Promise<HolidayCalendar> {
  return (await loadCalendarData(deps, options)).calendar;
}

/** Office hours and the due-soon threshold the deadline maths should use. */
export async function loadCalendarSettings(
  deps: AppDeps,
  options: { db?: Queryable } = {},
): Promise<CalendarSettings> {
  return (await loadCalendarData(deps, options)).settings;
}

/** Forgets the cached calendar; the next caller reads the overrides again. */
export function invalidateWorkingCalendar(deps: AppDeps): void {
  cacheOf(deps).entry = null;
}

const LIMIT_PROBLEM_KEYS = {
  amount_not_positive: 'calendar.errors.amountPositive',
  amount_not_whole_days: 'calendar.errors.amountWholeDays',
  amount_too_large: 'calendar.errors.amountTooLarge',
} as const;

const beyondCalendar = () =>
  new AppError('VALIDATION_FAILED', {
    fields: { amount: { key: 'calendar.errors.beyondCalendar', params: { maximum: MAX_YEAR } } },
  });

/**
 * When an application received at `receivedAt` with a time limit is due (and when it counts as
 * received). `amount` is ignored for 'same_day'. A limit that cannot be counted is a VALIDATION_FAILED
 * naming `amount`, never a crash.
 */
export async function computeDueDate(
  deps: AppDeps,
  input: { receivedAt: Date; amount?: number | undefined; unit: TimeLimitUnit },
  options: { db?: Queryable } = {},
): Promise<Deadline> {
  if (input.unit !== 'same_day' && input.amount === undefined)
    throw new AppError('VALIDATION_FAILED', {
      fields: { amount: { key: 'calendar.errors.amountRequired' } },
    });
  const limit = { amount: input.unit === 'same_day' ? 0 : (input.amount ?? 0), unit: input.unit };
  const problem = timeLimitProblem(limit);
  if (problem) {
    throw new AppError('VALIDATION_FAILED', {
      fields: { amount: { key: LIMIT_PROBLEM_KEYS[problem], params: { maximum: MAX_AMOUNT } } },
    });
  }
  const { calendar, settings } = await loadCalendarData(deps, options);
  let deadline: Deadline;
  try {
    deadline = computeDeadline(input.receivedAt, limit, calendar, settings.officeHours);
  } catch (error) {
    // The rules are guaranteed up to MAX_YEAR; a walk past it (or a broken calendar) is refused.
    if (error instanceof RangeError) throw beyondCalendar();
    throw error;
  }
  if (dateParts(localDateOf(deadline.dueAt)).year > MAX_YEAR) throw beyondCalendar();
  return deadline;
}

/** The current year in Vietnam. */
export function currentYear(deps: AppDeps): number {
  return Number(vietnamDate(deps.clock.now()).slice(0, 4));
}

export interface WorkingDayEntry {
  date: string;
  note?: string;
  /** The day off the rules would have given that day, if any. */
  replaces: DayOff | null;
}

export interface YearCalendar {
  year: number;
  /** Holidays, compensatory and announced days off (plain weekends left out), in date order. */
  daysOff: DayOff[];
  /** Days the rules give off that offices work instead, in date order. */
  workingDays: WorkingDayEntry[];
}

// The rules alone, without any override: what a date would be if nobody had announced anything.
const RULES = buildHolidayCalendar([]);

/** A year's days off with their reasons, and the swapped working days. */
export async function getYearCalendar(deps: AppDeps, year: number): Promise<YearCalendar> {
  const { calendar, overrides } = await loadCalendarData(deps);
  const prefix = `${String(year).padStart(4, '0')}-`;
  return {
    year,
    daysOff: calendar.listDaysOff(year),
    workingDays: overrides
      .filter((o) => o.kind === 'working_day' && o.date.startsWith(prefix))
      .map((o) => ({
        date: o.date,
        ...(o.note ? { note: o.note } : {}),
        replaces: RULES.dayOff(o.date),
      })),
  };
}

/** The overrides administrators entered, of one year or all. */
export async function listOverrides(
  deps: AppDeps,
  actor: Actor | null,
  filter: { year?: number | undefined } = {},
): Promise<OverrideRow[]> {
  requireAccess(actor, 'calendar.manage');
  return findOverrides(deps.database.db, filter.year === undefined ? {} : { year: filter.year });
}

const displayDate = (date: string) => date.split('-').reverse().join('/');

/** Adds an announced day off or a swapped working day; one per date. */
export async function addOverride(
  deps: AppDeps,
  context: ActionContext,
  input: TCalendarOverride,
): Promise<OverrideRow> {
  const actor = requireAccess(context.actor, 'calendar.manage');
  const rule = RULES.dayOff(input.date);
  if (input.kind === 'working_day' && rule === null) {
    throw new AppError('VALIDATION_FAILED', {
      fields: {
        date: { key: 'calendar.errors.alreadyWorkingDay', params: { date: displayDate(input.date) } },
      },
    });
  }
  if (input.kind === 'day_off' && rule?.reason === 'weekend') {
    throw new AppError('VALIDATION_FAILED', {
      fields: { date: { key: 'calendar.errors.alreadyWeekend', params: { date: displayDate(input.date) } } },
    });
  }
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (tx) => {
    const inserted = await insertOverride(tx, {
      date: input.date,
      kind: input.kind,
      note: input.note,
      createdBy: actor.userId,
      createdAt: now,
    });
    if (!inserted) {
      throw new AppError('CONFLICT', {
        fields: {
          date: { key: 'calendar.errors.overrideExists', params: { date: displayDate(input.date) } },
        },
      });
    }
    await appendAudit(tx, context, now, {
      action: 'calendar.override.add',
      targetType: 'calendar_override',
      targetId: input.date,
      details: { kind: input.kind, note: input.note },
    });
  });
  invalidateWorkingCalendar(deps);
  return { date: input.date, kind: input.kind, note: input.note, createdAt: now, createdBy: actor.username };
}

/** Removes the override of a date; the rules apply to it again. */
export async function removeOverride(deps: AppDeps, context: ActionContext, date: string): Promise<void> {
  requireAccess(context.actor, 'calendar.manage');
  await deps.database.db.transaction().execute(async (tx) => {
    const removed = await deleteOverride(tx, date);
    if (!removed) throw new AppError('CALENDAR_OVERRIDE_NOT_FOUND');
    await appendAudit(tx, context, deps.clock.now(), {
      action: 'calendar.override.delete',
      targetType: 'calendar_override',
      targetId: date,
      details: { kind: removed.kind, note: removed.note },
    });
  });
  invalidateWorkingCalendar(deps);
}
