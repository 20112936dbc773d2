import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  compareDates,
  dateParts,
  dayOfWeek,
  daysBetween,
  fromDayNumber,
  localDate,
  localDateOf,
  parseTimeOfDay,
  toDayNumber,
  vietnamMoment,
} from './local-date.js';

describe('local dates', () => {
  it('adds days across month, leap-day and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(daysBetween('1900-01-01', '2199-12-31')).toBe(109572);
  });

  it('numbers the days of the week from Monday 1 to Sunday 7', () => {
    expect(dayOfWeek('2025-01-06')).toBe(1);
    expect(dayOfWeek('2025-01-11')).toBe(6);
    expect(dayOfWeek('2025-01-12')).toBe(7);
    expect(dayOfWeek('1900-01-01')).toBe(1);
  });

  it('refuses to build or read dates that do not exist', () => {
    expect(() => localDate(2030, 2, 30)).toThrow(RangeError);
    expect(() => dateParts('2100-02-29')).toThrow(RangeError);
    expect(() => dateParts('2025-1-2')).toThrow(RangeError);
    expect(localDate(2000, 2, 29)).toBe('2000-02-29');
  });

  it('agrees with the JavaScript UTC calendar on day numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: -30000, max: 120000 }), (dayNumber) => {
        const expected = new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
        expect(fromDayNumber(dayNumber)).toBe(expected);
        expect(toDayNumber(expected)).toBe(dayNumber);
      }),
    );
  });

  it('compares dates in calendar order', () => {
    expect(compareDates('2025-01-02', '2025-01-10')).toBeLessThan(0);
    expect(compareDates('2025-01-10', '2025-01-10')).toBe(0);
  });

  it('reads the date in Vietnam, seven hours ahead of UTC', () => {
    expect(localDateOf(Date.UTC(2024, 11, 31, 16, 59))).toBe('2024-12-31');
    expect(localDateOf(Date.UTC(2024, 11, 31, 17, 0))).toBe('2025-01-01');
    expect(vietnamMoment('2025-01-01', '07:30').toISOString()).toBe('2025-01-01T00:30:00.000Z');
  });

  it('reads HH:MM times and rejects malformed ones', () => {
    expect(parseTimeOfDay('07:30')).toBe(450);
    expect(parseTimeOfDay('24:00')).toBe(1440);
    expect(parseTimeOfDay('24:01')).toBeNull();
    expect(parseTimeOfDay('7:30')).toBeNull();
    expect(parseTimeOfDay('12:60')).toBeNull();
  });
});
