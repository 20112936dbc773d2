// ISO-8601 in and out. Moments are written in Vietnam time with an explicit +07:00 so a reader never
// has to guess the zone; parsing is strict and returns a result instead of an Invalid Date.
import { MAX_YEAR, MIN_YEAR, MS_PER_DAY, MS_PER_MINUTE, VIETNAM_UTC_OFFSET_MS } from './constants.js';
import {
  fromDayNumber,
  isValidDateParts,
  type LocalDate,
  localDate,
  type Moment,
  toDayNumber,
  toEpochMs,
} from './local-date.js';

export type ParseError = 'invalid_format' | 'invalid_date' | 'out_of_range';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ParseError };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function checkDate(year: number, month: number, day: number): ParseResult<LocalDate> {
  if (!isValidDateParts(year, month, day)) return { ok: false, error: 'invalid_date' };
  if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, error: 'out_of_range' };
  return { ok: true, value: localDate(year, month, day) };
}

/** A moment as ISO-8601 in Vietnam time, e.g. '2025-01-02T17:30:00+07:00' (milliseconds only when not zero). */
export function formatVietnamIso(moment: Moment): string {
  const local = toEpochMs(moment) + VIETNAM_UTC_OFFSET_MS;
  const day = Math.floor(local / MS_PER_DAY);
  const time = local - day * MS_PER_DAY;
  const hours = Math.floor(time / 3_600_000);
  const minutes = Math.floor(time / MS_PER_MINUTE) % 60;
  const seconds = Math.floor(time / 1000) % 60;
  const millis = time % 1000;
  const fraction = millis === 0 ? '' : `.${pad(millis, 3)}`;
  return `${fromDayNumber(day)}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}${fraction}+07:00`;
}

/** Parses 'YYYY-MM-DD', rejecting dates that do not exist and years outside MIN_YEAR..MAX_YEAR. */
export function parseLocalDate(text: string): ParseResult<LocalDate> {
  const match = DATE.exec(text);
  if (!match) return { ok: false, error: 'invalid_format' };
  return checkDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * Parses an ISO-8601 date-time 'YYYY-MM-DDTHH:mm[:ss[.fff]][Z|±HH:MM]'. Without an offset the time is
 * read as Vietnam time, what a datetime-local form field sends. Fractions finer than 1 ms are dropped.
 */
export function parseMoment(text: string): ParseResult<Date> {
  const match = DATE_TIME.exec(text);
  if (!match) return { ok: false, error: 'invalid_format' };
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const date = checkDate(Number(y), Number(mo), Number(d));
  if (!date.ok) return date;
  const hours = Number(h);
  const minutes = Number(mi);
  const seconds = s === undefined ? 0 : Number(s);
  if (hours > 23 || minutes > 59 || seconds > 59) return { ok: false, error: 'invalid_date' };
  let offsetMs = VIETNAM_UTC_OFFSET_MS;
  if (zone !== undefined && zone !== 'Z') {
    const offsetHours = Number(zone.slice(1, 3));
    const offsetMinutes = Number(zone.slice(4, 6));
    if (offsetHours > 14 || offsetMinutes > 59) return { ok: false, error: 'invalid_date' };
    offsetMs = (zone[0] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * MS_PER_MINUTE;
  } else if (zone === 'Z') {
    offsetMs = 0;
  }
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const wallClock = ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
  return { ok: true, value: new Date(toDayNumber(date.value) * MS_PER_DAY + wallClock - offsetMs) };
}
