// Vietnamese lunar calendar (âm lịch), after Hồ Ngọc Đức's "Âm lịch Việt Nam" algorithm
// (https://www.informatik.uni-leipzig.de/~duc/amlich/), itself built on Jean Meeus,
// "Astronomical Algorithms". A month starts on the local day of the new moon and month 11 holds
// the December solstice; leap months are those without a major solar term.
// Everything is computed at UTC+7: new moons close to midnight fall on a different day than at
// China's UTC+8, which is why Tết 2030 is 2 February in Vietnam and 3 February in China.
import { dateParts, fromDayNumber, type LocalDate, localDate, toDayNumber } from './local-date.js';

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  /** True for the repeated (intercalary) month, "tháng nhuận". */
  leap: boolean;
}

const TIME_ZONE_HOURS = 7;
const JULIAN_DAY_OF_UNIX_EPOCH = 2440588;
const SYNODIC_MONTH = 29.530588853;
// Julian day of the new moon of 1900-01-01, the origin of the new-moon index k.
const NEW_MOON_EPOCH = 2415021.076998695;
const DEG = Math.PI / 180;

function julianDay(date: LocalDate): number {
  return toDayNumber(date) + JULIAN_DAY_OF_UNIX_EPOCH;
}

function dateOfJulianDay(jd: number): LocalDate {
  return fromDayNumber(jd - JULIAN_DAY_OF_UNIX_EPOCH);
}

// Julian day (fractional, UT) of the k-th new moon after 1900-01-01 (Meeus ch. 49, shortened).
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DEG);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * DEG) + 0.0021 * Math.sin(2 * DEG * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * DEG) + 0.0161 * Math.sin(DEG * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(DEG * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(DEG * 2 * F) - 0.0051 * Math.sin(DEG * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(DEG * (M - Mpr)) + 0.0004 * Math.sin(DEG * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(DEG * (2 * F - M)) - 0.0006 * Math.sin(DEG * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(DEG * (2 * F - Mpr)) + 0.0005 * Math.sin(DEG * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

// Sun's apparent longitude in radians, [0, 2π), at a fractional Julian day (Meeus ch. 25, low precision).
function sunLongitude(jd: number): number {
  const T = (jd - 2451545.0) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DEG * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(DEG * 2 * M) + 0.00029 * Math.sin(DEG * 3 * M);
  const L = (L0 + DL) * DEG;
  return L - Math.PI * 2 * Math.floor(L / (Math.PI * 2));
}

// Local day (Julian day number) on which the k-th new moon falls.
function newMoonDay(k: number): number {
  return Math.floor(newMoon(k) + 0.5 + TIME_ZONE_HOURS / 24);
}

// Which of the 12 major-term sectors (0-11) the sun is in at local midnight starting that day.
function sunSector(dayNumber: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - TIME_ZONE_HOURS / 24) / Math.PI) * 6);
}

// Julian day number of the first day of lunar month 11 (the month holding the winter solstice)
// that falls in the given solar year.
function lunarMonth11(year: number): number {
  const off = julianDay(localDate(year, 12, 31)) - 2415021;
  const k = Math.floor(off / SYNODIC_MONTH);
  const nm = newMoonDay(k);
  return sunSector(nm) >= 9 ? newMoonDay(k - 1) : nm;
}

// In a 13-month year starting at month 11 on day a11, the offset (in months after a11) of the
// leap month: the first month in which the sun does not enter a new sector.
function leapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

/** The Vietnamese lunar date of a solar (Gregorian) date. */
export function solarToLunar(date: LocalDate): LunarDate {
  const { year } = dateParts(date);
  const dayNumber = julianDay(date);
  // The mean lunation only estimates k; the true new moon can sit more than a day away from it
  // (the original code then returned day 0, e.g. for 2054-05-07), so step until it brackets the day.
  let k = Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH) + 1;
  while (newMoonDay(k) > dayNumber) k--;
  while (newMoonDay(k + 1) <= dayNumber) k++;
  const monthStart = newMoonDay(k);
  let a11 = lunarMonth11(year);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11(year - 1);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11(year + 1);
  }
  const diff = Math.floor((monthStart - a11) / 29);
  let month = diff + 11;
  let leap = false;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { year: lunarYear, month, day: dayNumber - monthStart + 1, leap };
}

/**
 * The solar date of a Vietnamese lunar date, or null when it does not exist
 * (a leap flag on a month that is not repeated that year, or day 30 of a 29-day month).
 */
export function lunarToSolar(lunar: LunarDate): LocalDate | null {
  const { year, month, day, leap } = lunar;
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (month < 1 || month > 12 || day < 1 || day > 30) return null;
  const a11 = month < 11 ? lunarMonth11(year - 1) : lunarMonth11(year);
  const b11 = month < 11 ? lunarMonth11(year) : lunarMonth11(year + 1);
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return null;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return null;
  }
  const monthStart = newMoonDay(k + off);
  if (day > newMoonDay(k + off + 1) - monthStart) return null;
  return dateOfJulianDay(monthStart + day - 1);
}

/** The leap month (1-12) of a lunar year, or null when the year has twelve months. */
export function leapMonthOf(lunarYear: number): number | null {
  for (let month = 1; month <= 12; month++) {
    if (lunarToSolar({ year: lunarYear, month, day: 1, leap: true }) !== null) return month;
  }
  return null;
}

/** Tết Nguyên Đán: the solar date of the first day of a lunar year. */
export function lunarNewYear(lunarYear: number): LocalDate {
  // Day 1 of month 1 always exists and month 1 is never the leap one in this algorithm's output.
  const date = lunarToSolar({ year: lunarYear, month: 1, day: 1, leap: false });
  if (date === null) throw new RangeError(`No lunar new year for ${lunarYear}`);
  return date;
}

/** The solar date of the last day of a lunar year (29th or 30th of the 12th month): Tết's eve. */
export function lunarYearLastDay(lunarYear: number): LocalDate {
  return dateOfJulianDay(julianDay(lunarNewYear(lunarYear + 1)) - 1);
}
