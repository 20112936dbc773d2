// Public holidays (ngày nghỉ lễ, tết) under Labour Code 2019 art. 112, the weekly days off of public
// offices (Saturday and Sunday), compensatory days (nghỉ bù) and the yearly announcements that
// administrators enter on top. This is the only place that decides whether a date is a working day.
import { addDays, dateParts, isWeekend, type LocalDate, localDate } from './local-date.js';
import { lunarToSolar, lunarYearLastDay } from './lunar.js';

export type DayOffReason =
  | 'weekend'
  | 'new_year'
  | 'tet'
  | 'hung_kings'
  | 'reunification'
  | 'labour'
  | 'national_day'
  | 'compensatory'
  | 'announced_day_off';

export interface DayOff {
  date: LocalDate;
  reason: DayOffReason;
  /** i18n key of the label: `calendar.dayOff.<reason>`. */
  labelKey: string;
  /** For a compensatory day: the holiday it makes up for. */
  compensatesFor?: LocalDate;
  /** Text an administrator entered with an announcement. */
  note?: string;
}

/**
 * One row of the administrators' table of yearly announcements: an extra day off
 * (e.g. a weekday bridging Tết) or a weekend day or holiday turned into a working day (a swap).
 */
export type CalendarOverride =
  | { date: LocalDate; kind: 'day_off'; note: string }
  | { date: LocalDate; kind: 'working_day'; note?: string };

export interface HolidayCalendar {
  /** True when public offices work that day. */
  isWorkingDay(date: LocalDate): boolean;
  /** Why offices are closed that day, or null on a working day. */
  dayOff(date: LocalDate): DayOff | null;
  /** Holidays, compensatory and announced days off of a year in date order (plain weekends left out). */
  listDaysOff(year: number): DayOff[];
}

function dayOffOf(date: LocalDate, reason: DayOffReason, extra: Partial<DayOff> = {}): DayOff {
  return { date, reason, labelKey: `calendar.dayOff.${reason}`, ...extra };
}

/** The days off that art. 112 and the compensation rule give a year, before any announcement. */
export function ruleDaysOff(year: number): DayOff[] {
  const holidays: DayOff[] = [dayOffOf(localDate(year, 1, 1), 'new_year')];
  // Tết: the last day of the old lunar year (29th or 30th of month 12) and days 1-4 of the new one,
  // the split most years' announcements use; other splits are entered as overrides.
  const tetEve = lunarYearLastDay(year - 1);
  for (let i = 0; i < 5; i++) holidays.push(dayOffOf(addDays(tetEve, i), 'tet'));
  const hungKings = lunarToSolar({ year, month: 3, day: 10, leap: false });
  if (hungKings === null) throw new RangeError(`No 10th day of lunar month 3 in ${year}`);
  holidays.push(dayOffOf(hungKings, 'hung_kings'));
  holidays.push(dayOffOf(localDate(year, 4, 30), 'reunification'));
  holidays.push(dayOffOf(localDate(year, 5, 1), 'labour'));
  holidays.push(dayOffOf(localDate(year, 9, 2), 'national_day'));
  // The extra National Day holiday (added by the 2019 code) goes before 2 September when that is a
  // weekday, so the break joins a weekend or stays as long as possible; otherwise after.
  const eve = localDate(year, 9, 1);
  holidays.push(dayOffOf(isWeekend(eve) ? localDate(year, 9, 3) : eve, 'national_day'));
  holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const byDate = new Map<LocalDate, DayOff>();
  const toMakeUp: LocalDate[] = [];
  for (const holiday of holidays) {
    // Two holidays on one date (only Hùng Kings' day on 30 April, e.g. 1947) are treated like a
    // holiday on a weekend: the day is made up, so no holiday is lost.
    if (byDate.has(holiday.date)) toMakeUp.push(holiday.date);
    else {
      byDate.set(holiday.date, holiday);
      if (isWeekend(holiday.date)) toMakeUp.push(holiday.date);
    }
  }
  // Nghỉ bù: each holiday lost to a weekend is made up on the next weekday that is neither a holiday
  // nor already taken by an earlier make-up day (30 Apr Sat and 1 May Sun give Mon 2 and Tue 3 May).
  for (const lost of toMakeUp) {
    let day = addDays(lost, 1);
    while (isWeekend(day) || byDate.has(day)) day = addDays(day, 1);
    byDate.set(day, dayOffOf(day, 'compensatory', { compensatesFor: lost }));
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Builds the calendar from the rules plus administrators' overrides (which win over the rules).
 * Years are computed on first use, so a deadline may walk into any year.
 */
export function buildHolidayCalendar(overrides: readonly CalendarOverride[] = []): HolidayCalendar {
  const overrideByDate = new Map<LocalDate, CalendarOverride>();
  for (const override of overrides) {
    dateParts(override.date);
    if (overrideByDate.has(override.date)) throw new RangeError(`Two overrides for ${override.date}`);
    overrideByDate.set(override.date, override);
  }
  const years = new Map<number, Map<LocalDate, DayOff>>();
  const rulesFor = (year: number): Map<LocalDate, DayOff> => {
    let days = years.get(year);
    if (!days) {
      days = new Map(ruleDaysOff(year).map((d) => [d.date, d]));
      years.set(year, days);
    }
    return days;
  };

  const dayOff = (date: LocalDate): DayOff | null => {
    const override = overrideByDate.get(date);
    if (override?.kind === 'working_day') return null;
    const rule = rulesFor(dateParts(date).year).get(date);
    if (override?.kind === 'day_off') {
      // An announcement that repeats a holiday keeps the holiday's own reason and label.
      return rule
        ? { ...rule, note: override.note }
        : dayOffOf(date, 'announced_day_off', { note: override.note });
    }
    if (rule) return rule;
    return isWeekend(date) ? dayOffOf(date, 'weekend') : null;
  };

  return {
    dayOff,
    isWorkingDay: (date) => dayOff(date) === null,
    listDaysOff(year) {
      const dates = new Set(rulesFor(year).keys());
      for (const date of overrideByDate.keys()) if (dateParts(date).year === year) dates.add(date);
      return [...dates]
        .sort()
        .map(dayOff)
        .filter((d): d is DayOff => d !== null && d.reason !== 'weekend');
    },
  };
}
