// Time limits of administrative procedures (thời hạn giải quyết) turned into due moments.
//
// Counting conventions (Civil Code 2015 arts. 147-148, and one-stop practice under Decree 61/2018):
// - Receipt: an application received outside office hours or on a day off counts as received at the
//   start of the next working period: during the lunch break, at the start of the afternoon; after
//   closing or on a day off, at the opening of the next working day.
// - working_days: the receipt day is not counted (art. 147: a limit in days runs from the next day),
//   so N days end at closing time of the Nth working day after the receipt day, whatever the hour of
//   receipt. A fractional limit (7.5 days) is counted in working hours from the opening of the first
//   counted day: 7.5 days = 7 full days and then 4 hours of the 8th day.
// - working_hours: counted from the effective receipt moment through office periods only.
// - calendar_days: due at closing time of day D+N (D = receipt day); when that is a day off, at
//   closing time of the next working day (art. 148's rule for a limit ending on a day off).
// - same_day: due at closing time of the receipt day if received no later than the cut-off
//   (15:00 by default), otherwise at closing time of the next working day.
// "Closing time" is the end of the last office period: the hour written on appointment slips, used
// instead of the Civil Code's midnight (art. 148(6)) because results are returned at the counter.
import { MAX_AMOUNT, MS_PER_HOUR, MS_PER_MINUTE } from './constants.js';
import type { HolidayCalendar } from './holidays.js';
import { type Moment, toEpochMs } from './local-date.js';
import { createWorkClock, DEFAULT_OFFICE_HOURS, type OfficeHours, type WorkClock } from './office-hours.js';

export type TimeLimitUnit = 'working_days' | 'working_hours' | 'calendar_days' | 'same_day';

export interface TimeLimit {
  /** Ignored for 'same_day'. */
  amount: number;
  unit: TimeLimitUnit;
}

export interface Deadline {
  effectiveReceivedAt: Date;
  dueAt: Date;
}

export type TimeLimitProblem = 'amount_not_positive' | 'amount_too_large' | 'amount_not_whole_days';

/** What is wrong with a time limit, or null when it can be counted. */
export function timeLimitProblem(limit: TimeLimit): TimeLimitProblem | null {
  if (limit.unit === 'same_day') return null;
  if (!Number.isFinite(limit.amount) || limit.amount <= 0) return 'amount_not_positive';
  if (limit.amount > MAX_AMOUNT) return 'amount_too_large';
  // A fraction of a calendar day has no office-hours meaning to count it by.
  if (limit.unit === 'calendar_days' && !Number.isInteger(limit.amount)) return 'amount_not_whole_days';
  return null;
}

// The running clock of a limit: where counting starts and where it ends. `calendarTargetDay` keeps
// D+N for calendar days, before the move off a day off, so a resumed clock shifts the real target.
export interface LimitClock {
  effectiveReceivedAt: number;
  countFrom: number;
  dueAt: number;
  calendarTargetDay?: number;
}

/** Internal: the clock of a limit received at an epoch-ms moment. */
export function startLimitClock(clock: WorkClock, receivedAt: number, limit: TimeLimit): LimitClock {
  const problem = timeLimitProblem(limit);
  if (problem) throw new RangeError(`Unusable time limit: ${problem}`);
  const effective = clock.nextWorkingMoment(receivedAt);
  const { day, time } = clock.split(effective);
  switch (limit.unit) {
    case 'working_days': {
      const countFrom = clock.nextWorkingMoment(clock.at(day + 1, 0));
      // Rounded to whole milliseconds: fractions such as 1/3 day would otherwise leave float dust.
      const dueAt = clock.walk(countFrom, Math.round(limit.amount * clock.workingDayMs));
      return { effectiveReceivedAt: effective, countFrom, dueAt };
    }
    case 'working_hours':
      return {
        effectiveReceivedAt: effective,
        countFrom: effective,
        dueAt: clock.walk(effective, Math.round(limit.amount * MS_PER_HOUR)),
      };
    case 'calendar_days': {
      const target = day + limit.amount;
      return {
        effectiveReceivedAt: effective,
        countFrom: effective,
        dueAt: clock.closeOf(clock.workingDayFrom(target)),
        calendarTargetDay: target,
      };
    }
    case 'same_day': {
      const dueDay = time <= clock.sameDayCutoff ? day : clock.workingDayFrom(day + 1);
      return { effectiveReceivedAt: effective, countFrom: effective, dueAt: clock.closeOf(dueDay) };
    }
  }
}

/** When an application received at `moment` counts as received (the start of the next working period if outside one). */
export function effectiveReceivedAt(
  moment: Moment,
  calendar: HolidayCalendar,
  office: OfficeHours = DEFAULT_OFFICE_HOURS,
): Date {
  return new Date(createWorkClock(calendar, office).nextWorkingMoment(toEpochMs(moment)));
}

/** True when the moment lies inside an office period of a working day. */
export function isWorkingMoment(
  moment: Moment,
  calendar: HolidayCalendar,
  office: OfficeHours = DEFAULT_OFFICE_HOURS,
): boolean {
  const ms = toEpochMs(moment);
  return createWorkClock(calendar, office).nextWorkingMoment(ms) === ms;
}

/** The effective receipt and the due moment of a time limit; throws RangeError for an unusable limit. */
export function computeDeadline(
  receivedAt: Moment,
  limit: TimeLimit,
  calendar: HolidayCalendar,
  office: OfficeHours = DEFAULT_OFFICE_HOURS,
): Deadline {
  const clock = startLimitClock(createWorkClock(calendar, office), toEpochMs(receivedAt), limit);
  return { effectiveReceivedAt: new Date(clock.effectiveReceivedAt), dueAt: new Date(clock.dueAt) };
}

/** The moment after `minutes` of working time counted from `from` (for per-step limits). */
export function addWorkingMinutes(
  from: Moment,
  minutes: number,
  calendar: HolidayCalendar,
  office: OfficeHours = DEFAULT_OFFICE_HOURS,
): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError('Working minutes must be 0 or more');
  const clock = createWorkClock(calendar, office);
  return new Date(clock.walk(toEpochMs(from), Math.round(minutes * MS_PER_MINUTE)));
}

/** Working minutes between two moments, counting office periods of working days only (negative if `to` is earlier). */
export function workingMinutesBetween(
  from: Moment,
  to: Moment,
  calendar: HolidayCalendar,
  office: OfficeHours = DEFAULT_OFFICE_HOURS,
): number {
  return createWorkClock(calendar, office).between(toEpochMs(from), toEpochMs(to)) / MS_PER_MINUTE;
}
