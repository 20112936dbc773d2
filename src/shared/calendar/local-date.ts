// Plain calendar dates and Vietnam wall-clock time, without the host's time zone or `Date` parsing.
import { MS_PER_DAY, MS_PER_MINUTE, VIETNAM_UTC_OFFSET_MS } from './constants.js';

/**
 * A calendar date as an ISO string 'YYYY-MM-DD' (always a real Gregorian date).
 * A string rather than an object so it compares with `<`, keys a Map and round-trips through JSON
 * and SQL `date` columns unchanged.
 */
export type LocalDate = string;

/** A moment in time: a Date or epoch milliseconds (UTC). */
export type Moment = Date | number;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for leap years of the Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a Gregorian month (1-12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when the parts name a date that exists (years 1-9999). */
export function isValidDateParts(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Builds a LocalDate from its parts; throws RangeError for a date that does not exist. */
export function localDate(year: number, month: number, day: number): LocalDate {
  if (!isValidDateParts(year, month, day)) throw new RangeError(`No such date: ${year}-${month}-${day}`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Splits a LocalDate into numbers; throws RangeError if the string is not a real 'YYYY-MM-DD' date. */
export function dateParts(date: LocalDate): DateParts {
  const match = ISO_DATE.exec(date);
  const parts = match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
  if (!parts || !isValidDateParts(parts.year, parts.month, parts.day)) {
    throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  }
  return parts;
}

/** True when the text is a real date written 'YYYY-MM-DD'. */
export function isLocalDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  return match !== null && isValidDateParts(Number(match[1]), Number(match[2]), Number(match[3]));
}

// Day numbers (days since 1970-01-01) make date arithmetic integer maths; the conversions are
// Howard Hinnant's days_from_civil / civil_from_days, exact for the proleptic Gregorian calendar.

/** Days since 1970-01-01 (negative before). */
export function toDayNumber(date: LocalDate): number {
  const { year, month, day } = dateParts(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The LocalDate for a day number (days since 1970-01-01). */
export function fromDayNumber(dayNumber: number): LocalDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return localDate(year, month, day);
}

/** The date `days` days later (earlier if negative). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Negative, zero or positive as `a` is before, the same as or after `b`. */
export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** ISO day of the week: 1 = Monday … 6 = Saturday, 7 = Sunday. */
export function dayOfWeek(date: LocalDate): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** True on Saturdays and Sundays, the weekly days off of public offices. */
export function isWeekend(date: LocalDate): boolean {
  return dayOfWeek(date) >= 6;
}

/** Epoch milliseconds of a moment. */
export function toEpochMs(moment: Moment): number {
  const ms = typeof moment === 'number' ? moment : moment.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid moment');
  return ms;
}

/** The date in Vietnam (UTC+7) at a moment. */
export function localDateOf(moment: Moment): LocalDate {
  return fromDayNumber(Math.floor((toEpochMs(moment) + VIETNAM_UTC_OFFSET_MS) / MS_PER_DAY));
}

const TIME_OF_DAY = /^(\d{2}):(\d{2})$/;

/** Minutes after midnight of a 'HH:MM' time ('00:00' to '24:00'), or null if malformed. */
export function parseTimeOfDay(text: string): number | null {
  const match = TIME_OF_DAY.exec(text);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes <= 24 * 60 ? minutes : null;
}

/** The moment at a Vietnam wall-clock time ('HH:MM' or minutes after midnight) on a date. */
export function vietnamMoment(date: LocalDate, time: string | number = 0): Date {
  const minutes = typeof time === 'number' ? time : parseTimeOfDay(time);
  if (minutes === null) throw new RangeError(`Not a HH:MM time: ${String(time)}`);
  return new Date(toDayNumber(date) * MS_PER_DAY - VIETNAM_UTC_OFFSET_MS + minutes * MS_PER_MINUTE);
}
