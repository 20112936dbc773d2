import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseWith } from '../validation.js';
import { ZCalendarOverride, ZDueDateForm, ZDueDateQuery, ZHolidaysQuery } from './schema.js';

const keys = (result: ReturnType<typeof parseWith>) =>
  result.ok ? {} : Object.fromEntries(Object.entries(result.fields).map(([field, e]) => [field, e.key]));

describe('the due-date query', () => {
  it('reads an ISO-8601 moment with or without an offset, the offset-less one as Vietnam time', () => {
    const withOffset = parseWith(ZDueDateQuery, {
      receivedAt: '2026-03-06T16:00:00+07:00',
      amount: '3',
      unit: 'working_days',
    });
    const without = parseWith(ZDueDateQuery, {
      receivedAt: '2026-03-06T16:00',
      amount: '3',
      unit: 'working_days',
    });
    expect(withOffset).toEqual({
      ok: true,
      value: { receivedAt: new Date('2026-03-06T09:00:00Z'), amount: 3, unit: 'working_days' },
    });
    expect(without).toEqual(withOffset);
  });

  it('accepts a decimal point or the Vietnamese decimal comma, and no amount for a same-day limit', () => {
    const comma = parseWith(ZDueDateQuery, {
      receivedAt: '2026-03-06T10:00',
      amount: ' 1,5 ',
      unit: 'working_days',
    });
    expect(comma.ok && comma.value.amount).toBe(1.5);
    const sameDay = parseWith(ZDueDateQuery, {
      receivedAt: '2026-03-06T10:00',
      amount: '',
      unit: 'same_day',
    });
    expect(sameDay.ok && sameDay.value.amount).toBeUndefined();
  });

  it('names each problem with a calendar message key', () => {
    const cases: [Record<string, string>, Record<string, string>][] = [
      [
        { receivedAt: '2030-02-30T10:00', amount: '1', unit: 'working_days' },
        { receivedAt: 'calendar.errors.momentNotExist' },
      ],
      [
        { receivedAt: '2026-03-06', amount: '1', unit: 'working_days' },
        { receivedAt: 'calendar.errors.momentFormat' },
      ],
      [
        { receivedAt: '2199-12-31T23:00-05:00', unit: 'same_day' },
        { receivedAt: 'calendar.errors.yearRange' },
      ],
      [
        { receivedAt: '2026-03-06T10:00', amount: '0', unit: 'working_days' },
        { amount: 'calendar.errors.amountPositive' },
      ],
      [
        { receivedAt: '2026-03-06T10:00', amount: '0x10', unit: 'working_days' },
        { amount: 'calendar.errors.amountNotNumber' },
      ],
      [
        { receivedAt: '2026-03-06T10:00', amount: '3650.5', unit: 'working_hours' },
        { amount: 'calendar.errors.amountTooLarge' },
      ],
      [
        { receivedAt: '2026-03-06T10:00', amount: '2.5', unit: 'calendar_days' },
        { amount: 'calendar.errors.amountWholeDays' },
      ],
      [
        { receivedAt: '2026-03-06T10:00', amount: '2', unit: 'same_day' },
        { amount: 'calendar.errors.amountNotForSameDay' },
      ],
      [
        { receivedAt: '2026-03-06T10:00', unit: 'working_hours' },
        { amount: 'calendar.errors.amountRequired' },
      ],
      [
        { receivedAt: '2026-03-06T10:00', amount: '2', unit: 'months' },
        { unit: 'calendar.errors.unitUnknown' },
      ],
    ];
    for (const [input, expected] of cases)
      expect(keys(parseWith(ZDueDateQuery, input)), JSON.stringify(input)).toEqual(expected);
  });

  it('is documented as plain strings, so the OpenAPI document shows what to send', () => {
    const schema = z.toJSONSchema(ZDueDateQuery, { io: 'input', unrepresentable: 'any' });
    expect(schema.properties).toMatchObject({
      receivedAt: { type: 'string' },
      amount: { type: 'string' },
      unit: { enum: ['working_days', 'working_hours', 'calendar_days', 'same_day'] },
    });
    expect(schema.required).toEqual(['receivedAt', 'unit']);
  });
});

describe('the calculator form', () => {
  it('takes a date and a time written the usual ways', () => {
    for (const time of ['16:00', '16h', '16h00', '16']) {
      const parsed = parseWith(ZDueDateForm, {
        receivedDate: '2026-03-06',
        receivedTime: time,
        amount: '3',
        unit: 'working_days',
      });
      expect(parsed.ok && parsed.value.receivedTime, time).toBe('16:00');
    }
    expect(
      keys(
        parseWith(ZDueDateForm, {
          receivedDate: '',
          receivedTime: '24:00',
          amount: '3',
          unit: 'working_days',
        }),
      ),
    ).toEqual({ receivedDate: 'validation.required', receivedTime: 'calendar.errors.timeFormat' });
  });
});

describe('the year query', () => {
  it('accepts 1900 to 2199 and refuses anything else', () => {
    expect(parseWith(ZHolidaysQuery, { year: '1900' })).toEqual({ ok: true, value: { year: 1900 } });
    expect(parseWith(ZHolidaysQuery, {})).toEqual({ ok: true, value: {} });
    expect(keys(parseWith(ZHolidaysQuery, { year: '2200' }))).toEqual({ year: 'calendar.errors.yearRange' });
    expect(keys(parseWith(ZHolidaysQuery, { year: '20x6' }))).toEqual({ year: 'calendar.errors.yearFormat' });
  });
});

describe('an override', () => {
  it('needs a note for a day off but not for a working day, and reports it with the other fields', () => {
    expect(parseWith(ZCalendarOverride, { date: '2026-03-07', kind: 'working_day' })).toEqual({
      ok: true,
      value: { date: '2026-03-07', kind: 'working_day', note: '' },
    });
    expect(keys(parseWith(ZCalendarOverride, { date: '2026-02-29', kind: 'day_off', note: '  ' }))).toEqual({
      date: 'calendar.errors.dateNotExist',
      note: 'calendar.errors.noteRequired',
    });
    expect(keys(parseWith(ZCalendarOverride, null))).toEqual({ _: 'validation.required' });
  });
});
