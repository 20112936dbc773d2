// "Due soon", "overdue" and "late" are computed from the due moment, never stored by hand.
import { MS_PER_HOUR } from './constants.js';
import type { HolidayCalendar } from './holidays.js';
import { localDateOf, type Moment, toEpochMs } from './local-date.js';
import { createWorkClock, DEFAULT_OFFICE_HOURS, type OfficeHours } from './office-hours.js';

export type ProgressStatus = 'on_time' | 'due_soon' | 'overdue';

/** 'early' = finished on a day before the due day (trước hạn), 'on_time' = by the due moment (đúng hạn). */
export type CompletionStatus = 'early' | 'on_time' | 'late';

export interface DueSoonThreshold {
  amount: number;
  unit: 'working_days' | 'working_hours';
}

export const DEFAULT_DUE_SOON_THRESHOLD: DueSoonThreshold = { amount: 1, unit: 'working_days' };

export interface InProgressInput {
  now: Moment;
  dueAt: Moment;
  threshold?: DueSoonThreshold;
}

/**
 * Status of an application still in process: overdue once `now` is past the due moment, due soon
 * when the working time left is at most the threshold (a day counts as the office hours of one day).
 */
export function classifyInProgress(
  input: InProgressInput,
  calendar: HolidayCalendar,
  office: OfficeHours = DEFAULT_OFFICE_HOURS,
): ProgressStatus {
  const now = toEpochMs(input.now);
  const due = toEpochMs(input.dueAt);
  if (now > due) return 'overdue';
  const clock = createWorkClock(calendar, office);
  const threshold = input.threshold ?? DEFAULT_DUE_SOON_THRESHOLD;
  if (!Number.isFinite(threshold.amount) || threshold.amount < 0)
    throw new RangeError('Threshold must be 0 or more');
  const thresholdMs =
    threshold.amount * (threshold.unit === 'working_days' ? clock.workingDayMs : MS_PER_HOUR);
  return clock.between(now, due) <= thresholdMs ? 'due_soon' : 'on_time';
}

/** Status of a finished application: late after the due moment, early on a day before the due day. */
export function classifyFinished(finishedAt: Moment, dueAt: Moment): CompletionStatus {
  if (toEpochMs(finishedAt) > toEpochMs(dueAt)) return 'late';
  return localDateOf(finishedAt) < localDateOf(dueAt) ? 'early' : 'on_time';
}
