import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatVietnamIso, parseLocalDate, parseMoment } from './format.js';

describe('writing moments', () => {
  it('writes ISO-8601 in Vietnam time with a +07:00 offset', () => {
    expect(formatVietnamIso(new Date('2025-01-02T10:30:00Z'))).toBe('2025-01-02T17:30:00+07:00');
    expect(formatVietnamIso(Date.UTC(2024, 11, 31, 20, 0))).toBe('2025-01-01T03:00:00+07:00');
    expect(formatVietnamIso(Date.UTC(2025, 0, 2, 1, 2, 3, 45))).toBe('2025-01-02T08:02:03.045+07:00');
  });
});

describe('reading moments', () => {
  it('reads offsets, Z, and times without an offset as Vietnam time', () => {
    const expected = Date.UTC(2025, 0, 2, 10, 30);
    expect(parseMoment('2025-01-02T17:30:00+07:00')).toEqual({ ok: true, value: new Date(expected) });
    expect(parseMoment('2025-01-02T10:30:00Z')).toEqual({ ok: true, value: new Date(expected) });
    expect(parseMoment('2025-01-02T17:30')).toEqual({ ok: true, value: new Date(expected) });
    expect(parseMoment('2025-01-02T05:30:00.000-05:00')).toEqual({ ok: true, value: new Date(expected) });
    expect(parseMoment('2025-01-02T17:30:00.123456+07:00')).toEqual({
      ok: true,
      value: new Date(expected + 123),
    });
  });

  it('rejects dates and times that do not exist', () => {
    expect(parseMoment('2030-02-30T10:00:00+07:00')).toEqual({ ok: false, error: 'invalid_date' });
    expect(parseMoment('2023-02-29T10:00:00+07:00')).toEqual({ ok: false, error: 'invalid_date' });
    expect(parseMoment('2025-01-02T24:00:00+07:00')).toEqual({ ok: false, error: 'invalid_date' });
    expect(parseMoment('2025-01-02T10:60:00+07:00')).toEqual({ ok: false, error: 'invalid_date' });
    expect(parseMoment('2025-01-02T10:00:00+15:00')).toEqual({ ok: false, error: 'invalid_date' });
    expect(parseMoment('2024-02-29T10:00:00+07:00').ok).toBe(true);
  });

  it('rejects text that is not strict ISO-8601', () => {
    for (const text of [
      '',
      '2025-01-02 10:00',
      '2025-1-2T10:00',
      '2025-01-02T10',
      '2025-01-02T10:00+0700',
      'now',
    ]) {
      expect(parseMoment(text)).toEqual({ ok: false, error: 'invalid_format' });
    }
  });

  it('rejects years outside 1900-2199', () => {
    expect(parseMoment('1899-12-31T10:00:00+07:00')).toEqual({ ok: false, error: 'out_of_range' });
    expect(parseMoment('2200-01-01T00:00:00+07:00')).toEqual({ ok: false, error: 'out_of_range' });
  });

  it('reads back what it writes', () => {
    const min = Date.UTC(1900, 0, 1);
    const max = Date.UTC(2199, 11, 31);
    fc.assert(
      fc.property(fc.integer({ min, max }), (ms) => {
        expect(parseMoment(formatVietnamIso(ms))).toEqual({ ok: true, value: new Date(ms) });
      }),
    );
  });
});

describe('reading dates', () => {
  it('reads real dates and rejects the rest with a reason', () => {
    expect(parseLocalDate('2030-02-02')).toEqual({ ok: true, value: '2030-02-02' });
    expect(parseLocalDate('2030-02-30')).toEqual({ ok: false, error: 'invalid_date' });
    expect(parseLocalDate('2030-2-3')).toEqual({ ok: false, error: 'invalid_format' });
    expect(parseLocalDate('2200-01-01')).toEqual({ ok: false, error: 'out_of_range' });
  });
});
