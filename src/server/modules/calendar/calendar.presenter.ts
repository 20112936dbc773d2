import { type DayOff, type Deadline, dayOfWeek, formatVietnamIso } from '../../../shared/calendar/index.js';
import type { TDueDateResponse, THolidaysResponse, TOverride } from '../../../shared/calendar/schema.js';
import type { MessageParams } from '../../../shared/i18n/index.js';
import type { OverrideRow } from './calendar.repository.js';
import type { YearCalendar } from './calendar.service.js';

type Translate = (key: string, params?: MessageParams) => string;

export function presentDayOff(day: DayOff, t: Translate): THolidaysResponse['items'][number] {
  return {
    date: day.date,
    weekday: dayOfWeek(day.date),
    reason: day.reason,
    label: t(day.labelKey),
    ...(day.note ? { note: day.note } : {}),
    ...(day.compensatesFor ? { compensatesFor: day.compensatesFor } : {}),
  };
}

/** A year's days off and swapped working days, labelled in the reader's language. */
export function presentYearCalendar(year: YearCalendar, t: Translate): THolidaysResponse {
  return {
    year: year.year,
    items: year.daysOff.map((day) => presentDayOff(day, t)),
    workingDays: year.workingDays.map((day) => ({
      date: day.date,
      weekday: dayOfWeek(day.date),
      label: t('calendar.workingDayLabel'),
      ...(day.note ? { note: day.note } : {}),
      replaces: day.replaces?.reason ?? null,
    })),
  };
}

/** Moments in Vietnam time with an explicit +07:00. */
export function presentDeadline(deadline: Deadline): TDueDateResponse {
  return {
    effectiveReceivedAt: formatVietnamIso(deadline.effectiveReceivedAt),
    dueAt: formatVietnamIso(deadline.dueAt),
  };
}

/** An override as the API shows it: who entered it by username, never by internal id. */
export function presentOverride(row: OverrideRow): TOverride {
  return {
    date: row.date,
    weekday: dayOfWeek(row.date),
    kind: row.kind,
    note: row.note,
    createdBy: row.createdBy,
    createdAt: formatVietnamIso(row.createdAt),
  };
}
