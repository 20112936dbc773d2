import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildHolidayCalendar, formatVietnamIso, workingMinutesBetween } from '../calendar/index.js';
import { vietnamMoment } from '../calendar/local-date.js';
import { DEFAULT_STEP_SHARES, PLAN_STEPS, planStepOf, planSteps, stepDueAt } from './steps.js';
import { STATUS } from './workflow.js';

const calendar = buildHolidayCalendar();
const at = (date: string, time: string): Date => vietnamMoment(date, time);
const local = (plan: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(plan).map(([k, v]) => [k, v ? formatVietnamIso(new Date(v)) : v]));

describe('per-step time limits inside the total', () => {
  it('shares ten working days as the default internal process does', () => {
    // Monday 3 March 2025 07:30 to Friday 14 March 17:30 is 80 working hours.
    const from = at('2025-03-03', '07:30');
    const due = at('2025-03-14', '17:30');
    expect(workingMinutesBetween(from, due, calendar)).toBe(80 * 60);
    expect(local(planSteps(from, due, 'forwarding', calendar))).toEqual({
      forwarding: '2025-03-03T11:30:00+07:00', // 5% = 4 hours
      assignment: '2025-03-03T17:30:00+07:00', // +4 hours (the lunch break is not working time)
      proposal: '2025-03-11T17:30:00+07:00', // +48 hours = 6 days
      review: '2025-03-13T11:30:00+07:00', // +12 hours
      approval: '2025-03-14T17:30:00+07:00', // the due date
    });
  });

  it('plans only the remaining stages when work resumes part-way', () => {
    const from = at('2025-03-10', '07:30'); // 40 working hours to the due date: 20 each
    const due = at('2025-03-14', '17:30');
    const plan = planSteps(from, due, 'review', calendar);
    expect(Object.keys(plan)).toEqual(['review', 'approval']);
    expect(local(plan)).toEqual({
      review: '2025-03-12T11:30:00+07:00',
      approval: '2025-03-14T17:30:00+07:00',
    });
  });

  it('gives every stage the due date when it has already passed', () => {
    const due = at('2025-03-03', '09:00');
    const plan = planSteps(at('2025-03-05', '09:00'), due, 'proposal', calendar);
    expect(Object.values(plan)).toEqual([due.toISOString(), due.toISOString(), due.toISOString()]);
  });

  it('never runs past the due date, never goes backwards, and ends on it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 * 24 * 400 }),
        fc.integer({ min: 0, max: 60 * 24 * 60 }),
        fc.constantFrom(...PLAN_STEPS),
        (startMinutes, lengthMinutes, start) => {
          const from = new Date(Date.UTC(2025, 0, 1) + startMinutes * 60_000);
          const due = new Date(from.getTime() + lengthMinutes * 60_000);
          const plan = planSteps(from, due, start, calendar);
          const times = Object.values(plan).map((iso) => new Date(iso as string).getTime());
          expect(times.at(-1)).toBe(due.getTime());
          for (let i = 0; i < times.length; i++) {
            expect(times[i]).toBeLessThanOrEqual(due.getTime());
            if (i > 0) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1] as number);
          }
        },
      ),
    );
  });

  it('shares add up to the whole', () => {
    expect(Object.values(DEFAULT_STEP_SHARES).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('knows which stage runs: forwarding once accepted, the step in process, none while paused', () => {
    expect(planStepOf(STATUS.ACCEPTED, null)).toBe('forwarding');
    expect(planStepOf(STATUS.IN_PROCESS, 'review')).toBe('review');
    expect(planStepOf(STATUS.SUPPLEMENT_REQUESTED, 'proposal')).toBeNull();
    expect(planStepOf(STATUS.DONE, null)).toBeNull();
    const plan = { review: '2025-03-12T05:00:00.000Z' };
    expect(stepDueAt(plan, STATUS.IN_PROCESS, 'review')?.toISOString()).toBe('2025-03-12T05:00:00.000Z');
    expect(stepDueAt(plan, STATUS.IN_PROCESS, 'approval')).toBeNull();
    expect(stepDueAt(null, STATUS.IN_PROCESS, 'review')).toBeNull();
  });
});
