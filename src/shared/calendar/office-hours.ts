// Office hours and the walk through them: the primitives every deadline rule is built from.
// All arithmetic is on epoch milliseconds shifted to Vietnam wall-clock time (fixed UTC+7).
import { MS_PER_DAY, MS_PER_MINUTE, VIETNAM_UTC_OFFSET_MS } from './constants.js';
import type { HolidayCalendar } from './holidays.js';
import { fromDayNumber, parseTimeOfDay } from './local-date.js';

export interface OfficePeriod {
  /** 'HH:MM', Vietnam time. */
  start: string;
  /** 'HH:MM', Vietnam time; after `start`. */
  end: string;
}

export interface OfficeHours {
  /** Working periods of a working day, in order and not overlapping. */
  periods: readonly OfficePeriod[];
  /** 'HH:MM': same-day procedures received after this are due the next working day (default '15:00'). */
  sameDayCutoff?: string;
}

/** Morning 07:30-11:30 and afternoon 13:30-17:30: 8 working hours, the usual one-stop counter hours. */
export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  periods: [
    { start: '07:30', end: '11:30' },
    { start: '13:30', end: '17:30' },
  ],
  sameDayCutoff: '15:00',
};

export type OfficeHoursProblem = 'no_periods' | 'invalid_time' | 'empty_period' | 'periods_out_of_order';

/** What is wrong with an office-hours configuration, or null when it is usable. */
export function officeHoursProblem(office: OfficeHours): OfficeHoursProblem | null {
  if (office.periods.length === 0) return 'no_periods';
  let previousEnd = 0;
  for (const period of office.periods) {
    const start = parseTimeOfDay(period.start);
    const end = parseTimeOfDay(period.end);
    if (start === null || end === null) return 'invalid_time';
    if (end <= start) return 'empty_period';
    if (start < previousEnd) return 'periods_out_of_order';
    previousEnd = end;
  }
  if (office.sameDayCutoff !== undefined && parseTimeOfDay(office.sameDayCutoff) === null)
    return 'invalid_time';
  return null;
}

// A window of a working day, in milliseconds after local midnight.
interface Window {
  start: number;
  end: number;
}

// Beyond this many days off in a row the calendar is taken to be broken rather than walked forever.
const MAX_DAYS_WITHOUT_WORK = 400;

/** Working-time arithmetic for one calendar and one set of office hours. */
export interface WorkClock {
  /** Local day number (days since 1970-01-01, Vietnam time) and milliseconds since local midnight. */
  split(ms: number): { day: number; time: number };
  at(day: number, time: number): number;
  isWorkingDay(day: number): boolean;
  /** The first working day on or after `day`. */
  workingDayFrom(day: number): number;
  /** End of the last period of a day. */
  closeOf(day: number): number;
  /** `ms` itself if inside a working period, else the start of the next one. */
  nextWorkingMoment(ms: number): number;
  /** The moment after `budget` ms of working time counted from `ms`; a walk ending on a period's end stays there. */
  walk(ms: number, budget: number): number;
  /** Working time in ms between two moments (negative when `to` is earlier). */
  between(from: number, to: number): number;
  workingDayMs: number;
  sameDayCutoff: number;
}

/** Builds the working-time arithmetic; throws RangeError for unusable office hours. */
export function createWorkClock(calendar: HolidayCalendar, office: OfficeHours): WorkClock {
  const problem = officeHoursProblem(office);
  if (problem) throw new RangeError(`Unusable office hours: ${problem}`);
  const minutes = (text: string): number => (parseTimeOfDay(text) ?? 0) * MS_PER_MINUTE;
  const windows: Window[] = office.periods.map((p) => ({ start: minutes(p.start), end: minutes(p.end) }));
  const close = windows[windows.length - 1]!.end;

  const split = (ms: number) => {
    const local = ms + VIETNAM_UTC_OFFSET_MS;
    const day = Math.floor(local / MS_PER_DAY);
    return { day, time: local - day * MS_PER_DAY };
  };
  const at = (day: number, time: number): number => day * MS_PER_DAY - VIETNAM_UTC_OFFSET_MS + time;
  const isWorkingDay = (day: number): boolean => calendar.isWorkingDay(fromDayNumber(day));
  const workingDayFrom = (day: number): number => {
    for (let d = day; d < day + MAX_DAYS_WITHOUT_WORK; d++) if (isWorkingDay(d)) return d;
    throw new RangeError(`No working day within ${MAX_DAYS_WITHOUT_WORK} days of ${fromDayNumber(day)}`);
  };

  const nextWorkingMoment = (ms: number): number => {
    let { day, time } = split(ms);
    for (;;) {
      const workingDay = workingDayFrom(day);
      if (workingDay !== day) {
        day = workingDay;
        time = 0;
      }
      for (const w of windows) if (time < w.end) return at(day, Math.max(time, w.start));
      day += 1;
      time = 0;
    }
  };

  const walk = (ms: number, budget: number): number => {
    let remaining = budget;
    let { day, time } = split(nextWorkingMoment(ms));
    for (;;) {
      for (const w of windows) {
        if (time >= w.end) continue;
        const from = Math.max(time, w.start);
        if (remaining <= w.end - from) return at(day, from + remaining);
        remaining -= w.end - from;
      }
      day = workingDayFrom(day + 1);
      time = 0;
    }
  };

  const between = (from: number, to: number): number => {
    if (to < from) return -between(to, from);
    const a = split(from);
    const b = split(to);
    let total = 0;
    for (let day = a.day; day <= b.day; day++) {
      if (!isWorkingDay(day)) continue;
      const lo = day === a.day ? a.time : 0;
      const hi = day === b.day ? b.time : MS_PER_DAY;
      for (const w of windows) total += Math.max(0, Math.min(hi, w.end) - Math.max(lo, w.start));
    }
    return total;
  };

  return {
    split,
    at,
    isWorkingDay,
    workingDayFrom,
    closeOf: (day) => at(day, close),
    nextWorkingMoment,
    walk,
    between,
    workingDayMs: windows.reduce((sum, w) => sum + w.end - w.start, 0),
    sameDayCutoff: minutes(office.sameDayCutoff ?? '15:00'),
  };
}
