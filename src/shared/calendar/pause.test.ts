import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeDeadline, type TimeLimit } from './deadline.js';
import { formatVietnamIso } from './format.js';
import { buildHolidayCalendar } from './holidays.js';
import { toDayNumber, vietnamMoment } from './local-date.js';
import { computeDueWithPauses, type PauseMode, type SupplementPause } from './pause.js';

const calendar = buildHolidayCalendar();
const at = (date: string, time: string): Date => vietnamMoment(date, time);
const fiveDays: TimeLimit = { amount: 5, unit: 'working_days' };
const receivedAt = at('2025-03-03', '09:00'); // Monday; due Monday 10 March 17:30 without pauses
const supplement: SupplementPause = {
  requestedAt: at('2025-03-05', '10:00'),
  completedAt: at('2025-03-10', '09:00'),
};

const dueWith = (pauses: SupplementPause[], mode?: PauseMode, limit: TimeLimit = fiveDays) => {
  const state = computeDueWithPauses({ receivedAt, limit, pauses, ...(mode ? { mode } : {}) }, calendar);
  return state.dueAt ? formatVietnamIso(state.dueAt) : null;
};

describe('a clock stopped by a supplement request', () => {
  it('is not moved when there was no supplement', () => {
    expect(dueWith([])).toBe('2025-03-10T17:30:00+07:00');
  });

  it('restarts the whole limit from the complete supplement by default', () => {
    expect(dueWith([supplement])).toBe('2025-03-17T17:30:00+07:00');
    const state = computeDueWithPauses({ receivedAt, limit: fiveDays, pauses: [supplement] }, calendar);
    expect(formatVietnamIso(state.effectiveReceivedAt)).toBe('2025-03-10T09:00:00+07:00');
  });

  it('resumes with the time that was left when the procedure says so', () => {
    // 29.5 working hours were left on Wednesday 10:00; they run on from Monday 10 March 09:00.
    expect(dueWith([supplement], 'resume')).toBe('2025-03-13T16:30:00+07:00');
  });

  it('counts a restart from the effective receipt of a supplement that arrives after closing', () => {
    const late = { ...supplement, completedAt: at('2025-03-07', '19:00') };
    expect(dueWith([late], 'restart')).toBe('2025-03-17T17:30:00+07:00');
  });

  it('has no due moment while the supplement is awaited', () => {
    const state = computeDueWithPauses(
      { receivedAt, limit: fiveDays, pauses: [{ requestedAt: at('2025-03-05', '10:00') }] },
      calendar,
    );
    expect(state).toMatchObject({ dueAt: null, paused: true });
  });

  it('counts from the last complete supplement after several requests', () => {
    const second = { requestedAt: at('2025-03-11', '08:00'), completedAt: at('2025-03-12', '14:00') };
    expect(dueWith([supplement, second], 'restart')).toBe('2025-03-19T17:30:00+07:00');
    // Second pause: Tue 11 Mar 08:00 to Wed 12 Mar 14:00 = 7.5 + 4.5 working hours, added to Thu 13 16:30.
    expect(dueWith([supplement, second], 'resume')).toBe('2025-03-17T10:30:00+07:00');
  });

  it('moves a calendar-day limit by the days it stood still when resumed', () => {
    const tenDays: TimeLimit = { amount: 10, unit: 'calendar_days' };
    expect(dueWith([], 'resume', tenDays)).toBe('2025-03-13T17:30:00+07:00');
    // Stopped Wednesday 5, restarted Monday 10: five days later, Tuesday 18 March.
    expect(dueWith([supplement], 'resume', tenDays)).toBe('2025-03-18T17:30:00+07:00');
  });

  it('keeps an overdue clock overdue when resumed', () => {
    const afterDue = { requestedAt: at('2025-03-12', '10:00'), completedAt: at('2025-03-13', '10:00') };
    expect(dueWith([afterDue], 'resume')).toBe('2025-03-10T17:30:00+07:00');
  });

  it('refuses pauses out of order, before receipt or left open in the middle', () => {
    const run = (pauses: SupplementPause[]) => () =>
      computeDueWithPauses({ receivedAt, limit: fiveDays, pauses }, calendar);
    expect(run([{ requestedAt: at('2025-03-01', '10:00'), completedAt: at('2025-03-04', '10:00') }])).toThrow(
      RangeError,
    );
    expect(run([{ requestedAt: at('2025-03-05', '10:00'), completedAt: at('2025-03-04', '10:00') }])).toThrow(
      RangeError,
    );
    expect(run([{ requestedAt: at('2025-03-05', '10:00') }, supplement])).toThrow(RangeError);
  });

  it('never ends before the unpaused due moment, and resuming never ends after restarting', () => {
    const dayMs = 86_400_000;
    const base = toDayNumber('2020-01-01') * dayMs;
    const limit = fc.oneof(
      fc.record({
        unit: fc.constantFrom('working_days' as const, 'working_hours' as const),
        amount: fc.integer({ min: 1, max: 120 }).map((n) => n / 2),
      }),
      fc.record({ unit: fc.constant('calendar_days' as const), amount: fc.integer({ min: 1, max: 60 }) }),
      fc.record({ unit: fc.constant('same_day' as const), amount: fc.constant(0) }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: base, max: base + 3650 * dayMs }),
        limit,
        fc.integer({ min: 0, max: 30 * dayMs }),
        fc.integer({ min: 0, max: 30 * dayMs }),
        (received, timeLimit, wait, pauseLength) => {
          const pauses = [{ requestedAt: received + wait, completedAt: received + wait + pauseLength }];
          const input = { receivedAt: received, limit: timeLimit, pauses };
          const plain = computeDeadline(received, timeLimit, calendar).dueAt.getTime();
          const resumed = computeDueWithPauses({ ...input, mode: 'resume' }, calendar).dueAt!.getTime();
          const restarted = computeDueWithPauses({ ...input, mode: 'restart' }, calendar).dueAt!.getTime();
          expect(resumed).toBeGreaterThanOrEqual(plain);
          expect(restarted).toBeGreaterThanOrEqual(resumed);
        },
      ),
      { numRuns: 300 },
    );
  });
});
