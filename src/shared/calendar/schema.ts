// Requests and answers of the working-day calendar, one schema per request, shared by the API (and so
// the OpenAPI document), the public calculator form and the administrators' form. Every message is an
// i18n key under `calendar.errors` or `validation`.
import { z } from 'zod';
import { MAX_AMOUNT, MAX_YEAR, MIN_YEAR } from './constants.js';
import { type TimeLimitUnit, timeLimitProblem } from './deadline.js';
import { parseLocalDate, parseMoment } from './format.js';
import type { DayOffReason } from './holidays.js';
import { dateParts, localDateOf } from './local-date.js';

export const TIME_LIMIT_UNITS = [
  'working_days',
  'working_hours',
  'calendar_days',
  'same_day',
] as const satisfies readonly TimeLimitUnit[];

export const OVERRIDE_KINDS = ['day_off', 'working_day'] as const;
export type TOverrideKind = (typeof OVERRIDE_KINDS)[number];

export const DAY_OFF_REASONS = [
  'weekend',
  'new_year',
  'tet',
  'hung_kings',
  'reunification',
  'labour',
  'national_day',
  'compensatory',
  'announced_day_off',
] as const satisfies readonly DayOffReason[];

/** Longest note an administrator may write with an override (the database checks the same). */
export const OVERRIDE_NOTE_MAX = 200;

const DATE_ERRORS = {
  invalid_format: 'calendar.errors.dateFormat',
  invalid_date: 'calendar.errors.dateNotExist',
  out_of_range: 'calendar.errors.yearRange',
} as const;

const MOMENT_ERRORS = {
  invalid_format: 'calendar.errors.momentFormat',
  invalid_date: 'calendar.errors.momentNotExist',
  out_of_range: 'calendar.errors.yearRange',
} as const;

const yearInRange = (year: number) => year >= MIN_YEAR && year <= MAX_YEAR;

/** A year the holiday rules are guaranteed for, written with digits only ('2026'). */
export const ZYear = z
  .string()
  .trim()
  .regex(/^\d+$/, 'calendar.errors.yearFormat')
  .transform(Number)
  .pipe(
    z.number().int().min(MIN_YEAR, 'calendar.errors.yearRange').max(MAX_YEAR, 'calendar.errors.yearRange'),
  )
  .meta({ description: `Year, ${MIN_YEAR}-${MAX_YEAR}; the current year in Vietnam when left out.` });

/** A date that exists, 'YYYY-MM-DD', in MIN_YEAR..MAX_YEAR. */
export const ZCalendarDate = z
  .string()
  .trim()
  .transform((text, ctx) => {
    if (text === '') {
      ctx.addIssue({ code: 'custom', message: 'validation.required' });
      return z.NEVER;
    }
    const parsed = parseLocalDate(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: DATE_ERRORS[parsed.error] });
      return z.NEVER;
    }
    return parsed.value;
  })
  .meta({ description: 'A date, YYYY-MM-DD.' });

/**
 * An ISO-8601 moment ('2026-02-13T16:00:00+07:00'); without an offset it is Vietnam time. Its date in
 * Vietnam must also fall in MIN_YEAR..MAX_YEAR, whatever offset it was written with.
 */
export const ZMoment = z
  .string()
  .trim()
  .transform((text, ctx) => {
    if (text === '') {
      ctx.addIssue({ code: 'custom', message: 'validation.required' });
      return z.NEVER;
    }
    const parsed = parseMoment(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: MOMENT_ERRORS[parsed.error] });
      return z.NEVER;
    }
    if (!yearInRange(dateParts(localDateOf(parsed.value)).year)) {
      ctx.addIssue({ code: 'custom', message: 'calendar.errors.yearRange' });
      return z.NEVER;
    }
    return parsed.value;
  })
  .meta({
    description: 'ISO-8601 date-time, e.g. 2026-02-13T16:00:00+07:00; without an offset it is Vietnam time.',
  });

/** 'HH:mm' (also '16h30', '16h' and '9:05'), normalised to 'HH:mm'. */
export const ZTimeOfDay = z
  .string()
  .trim()
  .transform((text, ctx) => {
    if (text === '') {
      ctx.addIssue({ code: 'custom', message: 'validation.required' });
      return z.NEVER;
    }
    const match = /^(\d{1,2})(?:[:hH](\d{2})?)?$/.exec(text);
    const hours = Number(match?.[1]);
    const minutes = Number(match?.[2] ?? 0);
    if (!match || hours > 23 || minutes > 59) {
      ctx.addIssue({ code: 'custom', message: 'calendar.errors.timeFormat' });
      return z.NEVER;
    }
    return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
  });

// Plain decimals only, with a point or the Vietnamese comma: no exponents, hex, Infinity or NaN.
const DECIMAL = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;

/** The amount of a time limit as text; empty means "not given". A non-number becomes NaN and is refused. */
export const ZAmount = z
  .string()
  .optional()
  .transform((text) => {
    const trimmed = text?.trim() ?? '';
    if (trimmed === '') return undefined;
    return DECIMAL.test(trimmed) ? Number(trimmed.replace(',', '.')) : Number.NaN;
  })
  .pipe(
    z
      .number({ error: 'calendar.errors.amountNotNumber' })
      .positive('calendar.errors.amountPositive')
      .max(MAX_AMOUNT, 'calendar.errors.amountTooLarge')
      .optional(),
  )
  .meta({
    description: `Amount of the time limit, more than 0 and at most ${MAX_AMOUNT}; fractions allowed except for calendar_days; none for same_day.`,
  });

export const ZTimeLimitUnit = z
  .enum(TIME_LIMIT_UNITS, {
    error: (issue) => (issue.input === undefined ? 'validation.required' : 'calendar.errors.unitUnknown'),
  })
  .meta({ description: 'How the time limit is counted.' });

const PROBLEM_KEYS = {
  amount_not_positive: 'calendar.errors.amountPositive',
  amount_too_large: 'calendar.errors.amountTooLarge',
  amount_not_whole_days: 'calendar.errors.amountWholeDays',
} as const;

// Cross-field rules run even when a field failed its own check (zod skips them by default), so every
// problem is reported at once; they must then read the other fields defensively.
const ALWAYS_ON_OBJECTS = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
};

/** Cross-field rules of a time limit: same_day takes no amount, the others need one, calendar days are whole. */
function checkTimeLimit(
  value: { amount?: number | undefined; unit?: TimeLimitUnit | undefined },
  ctx: z.RefinementCtx,
): void {
  const { amount, unit } = value;
  // A unit or amount that failed its own check was reported already.
  if (unit === undefined || !(TIME_LIMIT_UNITS as readonly string[]).includes(unit)) return;
  if (unit === 'same_day') {
    if (amount !== undefined)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'calendar.errors.amountNotForSameDay' });
    return;
  }
  if (amount === undefined) {
    ctx.addIssue({ code: 'custom', path: ['amount'], message: 'calendar.errors.amountRequired' });
    return;
  }
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return;
  const problem = timeLimitProblem({ amount, unit });
  if (problem) ctx.addIssue({ code: 'custom', path: ['amount'], message: PROBLEM_KEYS[problem] });
}

/** GET /api/v1/calendar/holidays */
export const ZHolidaysQuery = z.object({ year: ZYear.optional() });
export type THolidaysQuery = z.output<typeof ZHolidaysQuery>;

/** GET /api/v1/calendar/due-date */
export const ZDueDateQuery = z
  .object({ receivedAt: ZMoment, amount: ZAmount, unit: ZTimeLimitUnit })
  .superRefine(checkTimeLimit, ALWAYS_ON_OBJECTS);
export type TDueDateQuery = z.output<typeof ZDueDateQuery>;

/** The public calculator form (GET /lich-lam-viec): a date field and a time field instead of one moment. */
export const ZDueDateForm = z
  .object({ receivedDate: ZCalendarDate, receivedTime: ZTimeOfDay, amount: ZAmount, unit: ZTimeLimitUnit })
  .superRefine(checkTimeLimit, ALWAYS_ON_OBJECTS);
export type TDueDateForm = z.output<typeof ZDueDateForm>;

/** GET /api/v1/calendar/overrides */
export const ZOverridesQuery = z.object({ year: ZYear.optional() });

/** DELETE /api/v1/calendar/overrides/{date} */
export const ZOverrideParams = z.object({ date: ZCalendarDate });

/** POST /api/v1/calendar/overrides and the administrators' form: an announced day off or a swapped working day. */
export const ZCalendarOverride = z
  .object({
    date: ZCalendarDate,
    kind: z.enum(OVERRIDE_KINDS, {
      error: (issue) => (issue.input === undefined ? 'validation.required' : 'calendar.errors.kindUnknown'),
    }),
    note: z.string().trim().max(OVERRIDE_NOTE_MAX).optional().default(''),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'day_off' && typeof value.note === 'string' && value.note === '')
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'calendar.errors.noteRequired' });
  }, ALWAYS_ON_OBJECTS);
export type TCalendarOverride = z.output<typeof ZCalendarOverride>;

// ---------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------

const ZIsoDay = z.string().meta({ description: 'YYYY-MM-DD' });
const ZWeekday = z
  .number()
  .int()
  .min(1)
  .max(7)
  .meta({ description: 'ISO day of the week: 1 Monday … 7 Sunday' });

export const ZDayOff = z.object({
  date: ZIsoDay,
  weekday: ZWeekday,
  reason: z.enum(DAY_OFF_REASONS),
  label: z.string().meta({ description: 'The reason in the reader’s language' }),
  note: z.string().optional(),
  compensatesFor: ZIsoDay.optional().meta({
    description: 'For a compensatory day: the holiday it makes up for',
  }),
});

export const ZWorkingDay = z.object({
  date: ZIsoDay,
  weekday: ZWeekday,
  label: z.string(),
  note: z.string().optional(),
  replaces: z.enum(DAY_OFF_REASONS).nullable().meta({ description: 'Why the day would otherwise be off' }),
});

export const ZHolidaysResponse = z.object({
  year: z.number().int(),
  items: z.array(ZDayOff),
  workingDays: z.array(ZWorkingDay),
});
export type THolidaysResponse = z.infer<typeof ZHolidaysResponse>;

export const ZDueDateResponse = z.object({
  effectiveReceivedAt: z.string().meta({ description: 'When the application counts as received, +07:00' }),
  dueAt: z.string().meta({ description: 'The due moment, ISO-8601 with +07:00' }),
});
export type TDueDateResponse = z.infer<typeof ZDueDateResponse>;

export const ZOverride = z.object({
  date: ZIsoDay,
  weekday: ZWeekday,
  kind: z.enum(OVERRIDE_KINDS),
  note: z.string(),
  createdBy: z.string().nullable().meta({ description: 'Username of the administrator who entered it' }),
  createdAt: z.string(),
});
export type TOverride = z.infer<typeof ZOverride>;

export const ZOverrideList = z.object({ items: z.array(ZOverride) });
