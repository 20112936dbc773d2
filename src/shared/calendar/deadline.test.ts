import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT } from './constants.js';
import {
  addWorkingMinutes,
  computeDeadline,
  effectiveReceivedAt,
  isWorkingMoment,
  type TimeLimit,
  timeLimitProblem,
  workingMinutesBetween,
} from './deadline.js';
import { formatVietnamIso } from './format.js';
import { buildHolidayCalendar, type CalendarOverride } from './holidays.js';
import { addDays, localDateOf, toDayNumber, vietnamMoment } from './local-date.js';
import type { OfficeHours } from './office-hours.js';

const calendar = buildHolidayCalendar();
const at = (date: string, time: string): Date => vietnamMoment(date, time);
const due = (receivedAt: Date, limit: TimeLimit, cal = calendar, office?: OfficeHours): string =>
  formatVietnamIso(computeDeadline(receivedAt, limit, cal, office).dueAt);
const received = (moment: Date, cal = calendar): string => formatVietnamIso(effectiveReceivedAt(moment, cal));

describe('the moment an application counts as received', () => {
  it('is the moment itself during office hours', () => {
    expect(received(at('2025-01-07', '09:15'))).toBe('2025-01-07T09:15:00+07:00');
    expect(received(at('2025-01-07', '07:30'))).toBe('2025-01-07T07:30:00+07:00');
  });

  it('is the start of the afternoon when received during the lunch break', () => {
    expect(received(at('2025-01-07', '11:30'))).toBe('2025-01-07T13:30:00+07:00');
    expect(received(at('2025-01-07', '12:45'))).toBe('2025-01-07T13:30:00+07:00');
  });

  it('is the opening of the same day when received before opening', () => {
    expect(received(at('2025-01-07', '06:00'))).toBe('2025-01-07T07:30:00+07:00');
  });

  it('is the opening of the next working day when received at or after closing', () => {
    expect(received(at('2025-01-07', '17:30'))).toBe('2025-01-08T07:30:00+07:00');
    expect(received(at('2024-12-31', '18:00'))).toBe('2025-01-02T07:30:00+07:00');
  });

  it('is Monday morning for an online submission on Friday evening', () => {
    expect(received(at('2025-01-10', '20:00'))).toBe('2025-01-13T07:30:00+07:00');
    expect(received(at('2025-01-11', '10:00'))).toBe('2025-01-13T07:30:00+07:00');
  });

  it('is the first working day after Tết for a submission on the eve of Tết 2026 after closing', () => {
    // Friday 13 February 2026 is the last working day; Tết runs 16-20 February.
    expect(received(at('2026-02-13', '17:45'))).toBe('2026-02-23T07:30:00+07:00');
  });
});

describe('due moments', () => {
  it('ends N working days at closing time of the Nth working day after the receipt day', () => {
    expect(due(at('2025-01-07', '09:15'), { amount: 3, unit: 'working_days' })).toBe(
      '2025-01-10T17:30:00+07:00',
    );
    expect(due(at('2025-01-06', '07:30'), { amount: 1, unit: 'working_days' })).toBe(
      '2025-01-07T17:30:00+07:00',
    );
    expect(due(at('2025-01-09', '16:00'), { amount: 2, unit: 'working_days' })).toBe(
      '2025-01-13T17:30:00+07:00',
    );
  });

  it('skips Tết and its make-up day when counting working days', () => {
    // Mon 27 Jan counts; 28 Jan-1 Feb Tết, 2 Feb Sunday, 3 Feb make-up day for Saturday 1 Feb.
    expect(due(at('2025-01-24', '10:00'), { amount: 2, unit: 'working_days' })).toBe(
      '2025-02-04T17:30:00+07:00',
    );
  });

  it('counts from the day after the effective receipt for a submission made after closing', () => {
    expect(due(at('2026-02-13', '16:00'), { amount: 1, unit: 'working_days' })).toBe(
      '2026-02-23T17:30:00+07:00',
    );
    expect(due(at('2026-02-13', '17:45'), { amount: 1, unit: 'working_days' })).toBe(
      '2026-02-24T17:30:00+07:00',
    );
  });

  it('counts a fractional working-day limit in working hours from the first counted day', () => {
    const monday = at('2025-01-06', '10:00');
    expect(due(monday, { amount: 7, unit: 'working_days' })).toBe('2025-01-15T17:30:00+07:00');
    expect(due(monday, { amount: 7.5, unit: 'working_days' })).toBe('2025-01-16T11:30:00+07:00');
    expect(due(monday, { amount: 0.5, unit: 'working_days' })).toBe('2025-01-07T11:30:00+07:00');
    expect(due(monday, { amount: 7.5, unit: 'working_days' })).toBe(
      due(at('2025-01-06', '17:30'), { amount: 60, unit: 'working_hours' }),
    );
  });

  it('walks working hours through office periods from the receipt', () => {
    const monday = at('2025-01-06', '10:00');
    expect(due(monday, { amount: 4, unit: 'working_hours' })).toBe('2025-01-06T16:00:00+07:00');
    expect(due(monday, { amount: 8, unit: 'working_hours' })).toBe('2025-01-07T10:00:00+07:00');
    expect(due(at('2025-01-10', '17:00'), { amount: 1, unit: 'working_hours' })).toBe(
      '2025-01-13T08:00:00+07:00',
    );
    expect(due(at('2025-01-06', '09:30'), { amount: 2, unit: 'working_hours' })).toBe(
      '2025-01-06T11:30:00+07:00',
    );
  });

  it('ends calendar days at closing time of day D+N, moved to the next working day when that is a day off', () => {
    const monday = at('2025-01-06', '10:00');
    expect(due(monday, { amount: 4, unit: 'calendar_days' })).toBe('2025-01-10T17:30:00+07:00');
    expect(due(monday, { amount: 5, unit: 'calendar_days' })).toBe('2025-01-13T17:30:00+07:00');
    expect(due(at('2025-04-21', '10:00'), { amount: 10, unit: 'calendar_days' })).toBe(
      '2025-05-02T17:30:00+07:00',
    );
  });

  it('makes a same-day procedure due today when received by 15:00 and the next working day after', () => {
    const sameDay: TimeLimit = { amount: 0, unit: 'same_day' };
    expect(due(at('2025-01-07', '14:59'), sameDay)).toBe('2025-01-07T17:30:00+07:00');
    expect(due(at('2025-01-07', '15:00'), sameDay)).toBe('2025-01-07T17:30:00+07:00');
    expect(due(at('2025-01-07', '15:01'), sameDay)).toBe('2025-01-08T17:30:00+07:00');
    expect(due(at('2025-01-10', '15:01'), sameDay)).toBe('2025-01-13T17:30:00+07:00');
    expect(due(at('2025-01-07', '12:00'), sameDay)).toBe('2025-01-07T17:30:00+07:00');
    expect(due(at('2025-01-07', '19:00'), sameDay)).toBe('2025-01-08T17:30:00+07:00');
  });

  it('makes a same-day procedure received on the eve of Tết 2026 due on the first working day after Tết', () => {
    const sameDay: TimeLimit = { amount: 0, unit: 'same_day' };
    expect(due(at('2026-02-13', '16:00'), sameDay)).toBe('2026-02-23T17:30:00+07:00');
    expect(due(at('2026-02-13', '17:45'), sameDay)).toBe('2026-02-23T17:30:00+07:00');
  });

  it('uses the configured office hours and cut-off', () => {
    const office: OfficeHours = { periods: [{ start: '08:00', end: '17:00' }], sameDayCutoff: '11:00' };
    const monday = at('2025-01-06', '10:00');
    expect(due(monday, { amount: 0.5, unit: 'working_days' }, calendar, office)).toBe(
      '2025-01-07T12:30:00+07:00',
    );
    expect(due(monday, { amount: 1, unit: 'working_days' }, calendar, office)).toBe(
      '2025-01-07T17:00:00+07:00',
    );
    expect(due(at('2025-01-06', '11:30'), { amount: 0, unit: 'same_day' }, calendar, office)).toBe(
      '2025-01-07T17:00:00+07:00',
    );
    expect(() =>
      computeDeadline(monday, { amount: 1, unit: 'working_days' }, calendar, { periods: [] }),
    ).toThrow(RangeError);
  });

  describe('with announcements', () => {
    const overrides: CalendarOverride[] = [
      { date: '2025-01-27', kind: 'day_off', note: 'Nghỉ hoán đổi' },
      { date: '2025-02-08', kind: 'working_day', note: 'Làm bù' },
    ];
    const announced = buildHolidayCalendar(overrides);

    it('skips an announced day off', () => {
      expect(due(at('2025-01-24', '10:00'), { amount: 1, unit: 'working_days' }, announced)).toBe(
        '2025-02-04T17:30:00+07:00',
      );
    });

    it('counts a swapped working Saturday and receives applications on it', () => {
      expect(due(at('2025-02-07', '10:00'), { amount: 1, unit: 'working_days' }, announced)).toBe(
        '2025-02-08T17:30:00+07:00',
      );
      expect(received(at('2025-02-08', '09:00'), announced)).toBe('2025-02-08T09:00:00+07:00');
      expect(received(at('2025-02-08', '09:00'))).toBe('2025-02-10T07:30:00+07:00');
    });
  });

  it('refuses time limits it cannot count', () => {
    expect(timeLimitProblem({ amount: 0, unit: 'working_days' })).toBe('amount_not_positive');
    expect(timeLimitProblem({ amount: Number.NaN, unit: 'working_hours' })).toBe('amount_not_positive');
    expect(timeLimitProblem({ amount: MAX_AMOUNT + 1, unit: 'calendar_days' })).toBe('amount_too_large');
    expect(timeLimitProblem({ amount: 1.5, unit: 'calendar_days' })).toBe('amount_not_whole_days');
    expect(timeLimitProblem({ amount: 7.5, unit: 'working_days' })).toBeNull();
    expect(() =>
      computeDeadline(at('2025-01-06', '10:00'), { amount: -1, unit: 'working_days' }, calendar),
    ).toThrow(RangeError);
  });
});

describe('working time between two moments', () => {
  it('counts only office periods of working days', () => {
    expect(workingMinutesBetween(at('2025-01-06', '10:00'), at('2025-01-07', '10:00'), calendar)).toBe(480);
    expect(workingMinutesBetween(at('2025-01-06', '11:00'), at('2025-01-06', '14:00'), calendar)).toBe(60);
    expect(workingMinutesBetween(at('2025-01-10', '16:00'), at('2025-01-13', '08:30'), calendar)).toBe(150);
    expect(workingMinutesBetween(at('2025-01-24', '17:00'), at('2025-02-04', '07:30'), calendar)).toBe(
      30 + 480,
    );
  });

  it('is negative when the end comes first', () => {
    expect(workingMinutesBetween(at('2025-01-07', '10:00'), at('2025-01-06', '10:00'), calendar)).toBe(-480);
  });

  it('adds working minutes the way it measures them', () => {
    expect(formatVietnamIso(addWorkingMinutes(at('2025-01-06', '11:00'), 60, calendar))).toBe(
      '2025-01-06T14:00:00+07:00',
    );
  });
});

describe('properties of due moments', () => {
  const start = toDayNumber('2000-01-01');
  const end = toDayNumber('2190-01-01');
  const moment = fc.integer({ min: start * 86_400_000, max: end * 86_400_000 });
  // Announcements near the receipt, so they actually matter to the count.
  const overrides = fc.uniqueArray(
    fc.record({ offset: fc.integer({ min: 0, max: 40 }), working: fc.boolean() }),
    { selector: (o) => o.offset, maxLength: 8 },
  );
  const calendarNear = (receivedAt: number, list: { offset: number; working: boolean }[]) =>
    buildHolidayCalendar(
      list.map(({ offset, working }): CalendarOverride => {
        const date = addDays(localDateOf(receivedAt), offset);
        return working ? { date, kind: 'working_day' } : { date, kind: 'day_off', note: 'x' };
      }),
    );
  const limit = fc.oneof(
    fc.record({
      unit: fc.constantFrom('working_days' as const, 'working_hours' as const),
      amount: fc.integer({ min: 1, max: 2 * MAX_AMOUNT }).map((n) => n / 2),
    }),
    fc.record({
      unit: fc.constant('calendar_days' as const),
      amount: fc.integer({ min: 1, max: MAX_AMOUNT }),
    }),
    fc.record({ unit: fc.constant('same_day' as const), amount: fc.constant(0) }),
  );

  it('never falls on a day off or outside office hours, and never precedes the receipt', () => {
    fc.assert(
      fc.property(moment, limit, overrides, (receivedAt, timeLimit, list) => {
        const cal = calendarNear(receivedAt, list);
        const { effectiveReceivedAt: effective, dueAt } = computeDeadline(receivedAt, timeLimit, cal);
        expect(cal.isWorkingDay(localDateOf(dueAt))).toBe(true);
        // Due at the end of working time: the instant before it is inside an office period.
        expect(isWorkingMoment(dueAt.getTime() - 1, cal)).toBe(true);
        expect(effective.getTime()).toBeGreaterThanOrEqual(receivedAt);
        expect(dueAt.getTime()).toBeGreaterThan(effective.getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('grows with the amount', () => {
    fc.assert(
      fc.property(
        moment,
        limit,
        fc.integer({ min: 1, max: 40 }),
        overrides,
        (receivedAt, timeLimit, more, list) => {
          const cal = calendarNear(receivedAt, list);
          const bigger = { ...timeLimit, amount: Math.min(MAX_AMOUNT, timeLimit.amount + more) };
          const a = computeDeadline(receivedAt, timeLimit, cal).dueAt.getTime();
          const b = computeDeadline(receivedAt, bigger, cal).dueAt.getTime();
          expect(b).toBeGreaterThanOrEqual(a);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('makes the effective receipt a working moment, and leaves working moments alone', () => {
    fc.assert(
      fc.property(moment, overrides, (receivedAt, list) => {
        const cal = calendarNear(receivedAt, list);
        const effective = effectiveReceivedAt(receivedAt, cal);
        expect(isWorkingMoment(effective, cal)).toBe(true);
        expect(effectiveReceivedAt(effective, cal).getTime()).toBe(effective.getTime());
        expect(workingMinutesBetween(receivedAt, effective, cal)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('measures back exactly the working time it adds', () => {
    fc.assert(
      fc.property(moment, fc.integer({ min: 0, max: 100_000 }), (from, minutes) => {
        const to = addWorkingMinutes(from, minutes, calendar);
        expect(workingMinutesBetween(from, to, calendar)).toBe(minutes);
      }),
      { numRuns: 300 },
    );
  });
});
