import { describe, expect, it } from 'vitest';
import { classifyFinished, classifyInProgress } from './classify.js';
import { buildHolidayCalendar } from './holidays.js';
import { vietnamMoment } from './local-date.js';

const calendar = buildHolidayCalendar();
const at = (date: string, time: string): Date => vietnamMoment(date, time);
const dueAt = at('2025-01-10', '17:30'); // Friday closing time

describe('an application in process', () => {
  it('is on time with more than a working day left', () => {
    expect(classifyInProgress({ now: at('2025-01-09', '09:00'), dueAt }, calendar)).toBe('on_time');
  });

  it('is due soon with a working day or less left', () => {
    expect(classifyInProgress({ now: at('2025-01-09', '17:30'), dueAt }, calendar)).toBe('due_soon');
    expect(classifyInProgress({ now: at('2025-01-10', '16:00'), dueAt }, calendar)).toBe('due_soon');
    expect(classifyInProgress({ now: dueAt, dueAt }, calendar)).toBe('due_soon');
  });

  it('counts only working time, so a Monday deadline is due soon on Friday evening', () => {
    const monday = at('2025-01-13', '17:30');
    expect(classifyInProgress({ now: at('2025-01-10', '18:00'), dueAt: monday }, calendar)).toBe('due_soon');
    expect(classifyInProgress({ now: at('2025-01-10', '10:00'), dueAt: monday }, calendar)).toBe('on_time');
  });

  it('is overdue once the due moment has passed', () => {
    expect(classifyInProgress({ now: at('2025-01-10', '17:31'), dueAt }, calendar)).toBe('overdue');
  });

  it('takes the due-soon threshold in working hours or days', () => {
    const now = at('2025-01-10', '14:00');
    const twoHours = { amount: 2, unit: 'working_hours' as const };
    expect(classifyInProgress({ now, dueAt, threshold: twoHours }, calendar)).toBe('on_time');
    expect(classifyInProgress({ now: at('2025-01-10', '15:30'), dueAt, threshold: twoHours }, calendar)).toBe(
      'due_soon',
    );
    const threeDays = { amount: 3, unit: 'working_days' as const };
    expect(
      classifyInProgress({ now: at('2025-01-07', '17:30'), dueAt, threshold: threeDays }, calendar),
    ).toBe('due_soon');
  });
});

describe('a finished application', () => {
  it('is late when finished after the due moment', () => {
    expect(classifyFinished(at('2025-01-10', '17:31'), dueAt)).toBe('late');
  });

  it('is on time when finished on the due day', () => {
    expect(classifyFinished(at('2025-01-10', '08:00'), dueAt)).toBe('on_time');
    expect(classifyFinished(dueAt, dueAt)).toBe('on_time');
  });

  it('is early when finished on a day before the due day', () => {
    expect(classifyFinished(at('2025-01-09', '17:00'), dueAt)).toBe('early');
  });
});
