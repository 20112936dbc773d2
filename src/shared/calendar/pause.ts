// Supplement requests (yêu cầu bổ sung hồ sơ) stop the clock. When the complete supplement arrives,
// either the whole limit starts again ('restart', the default the product asks for) or the time that
// was left continues ('resume').
import { type LimitClock, startLimitClock, type TimeLimit } from './deadline.js';
import type { HolidayCalendar } from './holidays.js';
import { type Moment, toEpochMs } from './local-date.js';
import { createWorkClock, DEFAULT_OFFICE_HOURS, type OfficeHours, type WorkClock } from './office-hours.js';

export type PauseMode = 'restart' | 'resume';

export interface SupplementPause {
  /** When the supplement was requested: the clock stops. */
  requestedAt: Moment;
  /** When the complete supplement was received; absent or null while still awaited. */
  completedAt?: Moment | null;
}

export interface PausedDeadlineInput {
  receivedAt: Moment;
  limit: TimeLimit;
  /** In time order, not overlapping; only the last may still be open. */
  pauses: readonly SupplementPause[];
  mode?: PauseMode;
}

export interface ClockState {
  /** The receipt the current count runs from: the original one, or under 'restart' the last complete supplement's. */
  effectiveReceivedAt: Date;
  /** Null while a supplement is awaited: the clock is stopped and nothing is due. */
  dueAt: Date | null;
  paused: boolean;
}

// 'resume' keeps the time that was left when the clock stopped and counts it on from the complete
// supplement, so the due moment moves by the working time (calendar days for calendar-day limits)
// the clock stood still. Time before counting began was never part of the limit; a clock stopped
// after it ran out stays overdue. A same-day limit has no "rest" to keep, so it starts again.
function resumeClock(
  clock: WorkClock,
  current: LimitClock,
  limit: TimeLimit,
  stop: number,
  go: number,
): LimitClock {
  if (limit.unit === 'same_day') return startLimitClock(clock, go, limit);
  // A clock resumed before counting even began (the rest of the receipt day) lost nothing.
  const restartAt = Math.max(clock.nextWorkingMoment(go), current.countFrom);
  if (limit.unit === 'calendar_days' && current.calendarTargetDay !== undefined) {
    const daysLeft = current.calendarTargetDay - clock.split(Math.max(stop, current.countFrom)).day;
    if (daysLeft < 0) return current;
    const target = clock.split(restartAt).day + daysLeft;
    return {
      effectiveReceivedAt: current.effectiveReceivedAt,
      countFrom: restartAt,
      dueAt: clock.closeOf(clock.workingDayFrom(target)),
      calendarTargetDay: target,
    };
  }
  const left = clock.between(Math.max(stop, current.countFrom), current.dueAt);
  if (left < 0) return current;
  return {
    effectiveReceivedAt: current.effectiveReceivedAt,
    countFrom: restartAt,
    dueAt: clock.walk(restartAt, left),
  };
}

/** The current due moment of an application whose clock was stopped by supplement requests. */
export function computeDueWithPauses(
  input: PausedDeadlineInput,
  calendar: HolidayCalendar,
  office: OfficeHours = DEFAULT_OFFICE_HOURS,
): ClockState {
  const clock = createWorkClock(calendar, office);
  const mode = input.mode ?? 'restart';
  let current = startLimitClock(clock, toEpochMs(input.receivedAt), input.limit);
  let previous = toEpochMs(input.receivedAt);
  for (const [index, pause] of input.pauses.entries()) {
    const stop = toEpochMs(pause.requestedAt);
    if (stop < previous) throw new RangeError('Supplement pauses must be in time order and after receipt');
    if (pause.completedAt === undefined || pause.completedAt === null) {
      if (index !== input.pauses.length - 1)
        throw new RangeError('Only the last supplement pause may be open');
      return { effectiveReceivedAt: new Date(current.effectiveReceivedAt), dueAt: null, paused: true };
    }
    const go = toEpochMs(pause.completedAt);
    if (go < stop) throw new RangeError('A supplement cannot be complete before it was requested');
    current =
      mode === 'restart'
        ? startLimitClock(clock, go, input.limit)
        : resumeClock(clock, current, input.limit, stop, go);
    previous = go;
  }
  return {
    effectiveReceivedAt: new Date(current.effectiveReceivedAt),
    dueAt: new Date(current.dueAt),
    paused: false,
  };
}
