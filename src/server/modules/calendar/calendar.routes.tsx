import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseLocalDate, parseMoment } from '../../../shared/calendar/index.js';
import {
  ZCalendarOverride,
  ZDueDateForm,
  ZDueDateQuery,
  ZDueDateResponse,
  ZHolidaysQuery,
  ZHolidaysResponse,
  ZOverride,
  ZOverrideList,
  ZOverrideParams,
  ZOverridesQuery,
} from '../../../shared/calendar/schema.js';
import { vietnamDate } from '../../../shared/clock.js';
import { AppError, type FieldErrors, isAppError } from '../../../shared/errors.js';
import { parseWith } from '../../../shared/validation.js';
import type { ActionContext } from '../../context.js';
import { presentDeadline, presentOverride, presentYearCalendar } from './calendar.presenter.js';
import {
  addOverride,
  computeDueDate,
  currentYear,
  getYearCalendar,
  listOverrides,
  loadCalendarSettings,
  removeOverride,
} from './calendar.service.js';
import { AdminCalendarPage, type AdminNotice, type OverrideFormValues } from './views/admin-calendar-page.js';
import { type CalculatorResult, type CalculatorValues, CalendarPage } from './views/calendar-page.js';
import { ADMIN_CALENDAR_PATH, CALENDAR_PATH } from './views/paths.js';

const SIGNED_IN: { [scheme: string]: string[] }[] = [{ session: [] }, { bearer: [] }];

/** A form or query value as text: anything else (a repeated parameter, nothing) becomes ''. */
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A query or form as a plain record; absent values stay absent, empty ones too for optional fields. */
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const context = (request: FastifyRequest): ActionContext => ({
    actor: request.actor,
    requestId: request.id,
  });

  /** The year asked for in a page's query (empty means the current year), or errors naming `year`. */
  const pageYear = (query: Record<string, unknown>): { year: number; errors?: FieldErrors } => {
    const given = text(query.year).trim();
    if (given === '') return { year: currentYear(deps) };
    const parsed = parseWith(ZHolidaysQuery, { year: given });
    if (parsed.ok) return { year: parsed.value.year ?? currentYear(deps) };
    return { year: currentYear(deps), errors: parsed.fields };
  };

  /** Signed-out people are sent to sign in and brought back; everyone else goes on to the service's check. */
  const redirectToLogin = (request: FastifyRequest, reply: FastifyReply, next: string) => {
    if (request.actor) return false;
    reply.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
    return true;
  };

  // ---------------------------------------------------------------------------------------------
  // Public page: the year's days off and the due-date calculator (a GET form, works without JS)
  // ---------------------------------------------------------------------------------------------

  app.get(CALENDAR_PATH, { schema: { hide: true } }, async (request, reply) => {
    const query = record(request.query);
    const { year, errors: yearErrors } = pageYear(query);
    const calendar = presentYearCalendar(await getYearCalendar(deps, year), request.t.bind(request));
    const { officeHours } = await loadCalendarSettings(deps);

    const now = deps.clock.now();
    const local = new Date(now.getTime() + 7 * 3600_000);
    const submitted = ['receivedDate', 'receivedTime', 'amount', 'unit'].some((k) => query[k] !== undefined);
    const values: CalculatorValues = submitted
      ? {
          receivedDate: text(query.receivedDate),
          receivedTime: text(query.receivedTime),
          amount: text(query.amount),
          unit: text(query.unit),
        }
      : {
          receivedDate: vietnamDate(now),
          receivedTime: local.toISOString().slice(11, 16),
          amount: '',
          unit: 'working_days',
        };

    let errors: FieldErrors | undefined;
    let result: CalculatorResult | undefined;
    if (submitted) {
      const parsed = parseWith(ZDueDateForm, {
        receivedDate: query.receivedDate,
        receivedTime: query.receivedTime,
        amount: query.amount,
        unit: query.unit,
      });
      if (!parsed.ok) {
        errors = parsed.fields;
      } else {
        const moment = parseMoment(`${parsed.value.receivedDate}T${parsed.value.receivedTime}`);
        if (!moment.ok) {
          errors = { receivedDate: { key: 'calendar.errors.dateNotExist' } };
        } else {
          try {
            const deadline = await computeDueDate(deps, {
              receivedAt: moment.value,
              amount: parsed.value.amount,
              unit: parsed.value.unit,
            });
            result = {
              ...deadline,
              receivedAt: moment.value,
              unit: parsed.value.unit,
              amount: parsed.value.amount,
            };
          } catch (error) {
            if (!isAppError(error) || !error.options.fields) throw error;
            errors = error.options.fields;
          }
        }
      }
    }
    return reply.page(
      (ctx) => (
        <CalendarPage
          ctx={ctx}
          calendar={calendar}
          officeHours={officeHours}
          yearValue={yearErrors ? text(query.year) : undefined}
          yearErrors={yearErrors}
          values={values}
          errors={errors}
          result={result}
        />
      ),
      errors || yearErrors ? 400 : 200,
    );
  });

  // ---------------------------------------------------------------------------------------------
  // Administrators' page
  // ---------------------------------------------------------------------------------------------

  const renderAdmin = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      year: number;
      values?: OverrideFormValues;
      errors?: FieldErrors | undefined;
      notice?: AdminNotice;
      yearValue?: string;
      status?: number;
    },
  ) => {
    // The permission check comes first: a non-administrator never sees the form or its errors.
    const overrides = (await listOverrides(deps, request.actor, { year: input.year })).map(presentOverride);
    const calendar = presentYearCalendar(await getYearCalendar(deps, input.year), request.t.bind(request));
    const values = input.values ?? { date: '', kind: 'day_off', note: '' };
    return reply.page(
      (ctx) => (
        <AdminCalendarPage
          ctx={ctx}
          calendar={calendar}
          overrides={overrides}
          values={values}
          errors={input.errors}
          yearValue={input.yearValue}
          notice={input.notice}
        />
      ),
      input.status ?? 200,
    );
  };

  app.get(ADMIN_CALENDAR_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (redirectToLogin(request, reply, request.url)) return reply;
    const query = record(request.query);
    const { year, errors } = pageYear(query);
    let notice: AdminNotice;
    for (const kind of ['added', 'deleted'] as const) {
      const date = parseLocalDate(text(query[kind]));
      if (date.ok) notice = { kind, date: date.value };
    }
    return renderAdmin(request, reply, {
      year,
      errors,
      notice,
      ...(errors ? { yearValue: text(query.year), status: 400 } : {}),
    });
  });

  app.post(ADMIN_CALENDAR_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (redirectToLogin(request, reply, ADMIN_CALENDAR_PATH)) return reply;
    const body = record(request.body);
    const values = { date: text(body.date), kind: text(body.kind), note: text(body.note) };
    const dateYear = parseLocalDate(values.date.trim());
    const year = dateYear.ok ? Number(dateYear.value.slice(0, 4)) : currentYear(deps);
    const parsed = parseWith(ZCalendarOverride, body);
    if (!parsed.ok) return renderAdmin(request, reply, { year, values, errors: parsed.fields, status: 400 });
    try {
      await addOverride(deps, context(request), parsed.value);
    } catch (error) {
      if (!isAppError(error) || !error.options.fields) throw error;
      return renderAdmin(request, reply, {
        year,
        values,
        errors: error.options.fields,
        status: error.status,
      });
    }
    return reply.redirect(`${ADMIN_CALENDAR_PATH}?year=${year}&added=${parsed.value.date}`, 303);
  });

  app.post(`${ADMIN_CALENDAR_PATH}/xoa`, { schema: { hide: true } }, async (request, reply) => {
    if (redirectToLogin(request, reply, ADMIN_CALENDAR_PATH)) return reply;
    const parsed = parseWith(ZOverrideParams, { date: record(request.body).date });
    if (!parsed.ok) throw new AppError('VALIDATION_FAILED', { fields: parsed.fields });
    await removeOverride(deps, context(request), parsed.value.date);
    const year = parsed.value.date.slice(0, 4);
    return reply.redirect(`${ADMIN_CALENDAR_PATH}?year=${year}&deleted=${parsed.value.date}`, 303);
  });

  // ---------------------------------------------------------------------------------------------
  // API
  // ---------------------------------------------------------------------------------------------

  app.get(
    '/api/v1/calendar/holidays',
    {
      schema: {
        tags: ['calendar'],
        summary:
          'Days off of a year (holidays, compensatory and announced days off) and swapped working days',
        description:
          'Plain Saturdays and Sundays are not listed. Labels are in the language of the request (Accept-Language or ?lang=).',
        querystring: ZHolidaysQuery,
        response: { 200: ZHolidaysResponse },
      },
    },
    async (request) => {
      const year = request.query.year ?? currentYear(deps);
      return presentYearCalendar(await getYearCalendar(deps, year), request.t.bind(request));
    },
  );

  app.get(
    '/api/v1/calendar/due-date',
    {
      schema: {
        tags: ['calendar'],
        summary: 'When an application received at a moment with a time limit is due',
        description:
          'working_days: the receipt day is not counted; due at closing time of the Nth working day after it (fractions are counted in working hours). working_hours: counted through office hours. calendar_days: due at closing time of day D+N, moved to the next working day when that is a day off. same_day: no amount; due at closing time that day if received by 15:00, else the next working day. Moments are answered in Vietnam time (+07:00).',
        querystring: ZDueDateQuery,
        response: { 200: ZDueDateResponse },
      },
    },
    async (request) => presentDeadline(await computeDueDate(deps, request.query)),
  );

  app.get(
    '/api/v1/calendar/overrides',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Administrators’ overrides (announced days off, swapped working days), of a year or all',
        security: SIGNED_IN,
        querystring: ZOverridesQuery,
        response: { 200: ZOverrideList },
      },
    },
    async (request) => ({
      items: (await listOverrides(deps, request.actor, { year: request.query.year })).map(presentOverride),
    }),
  );

  app.post(
    '/api/v1/calendar/overrides',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Add an announced day off or a swapped working day (administrators)',
        description:
          'One override per date (409 when the date has one). A day off needs a note; a working day must be a day the rules give off.',
        security: SIGNED_IN,
        body: ZCalendarOverride,
        response: { 201: ZOverride },
      },
    },
    async (request, reply) => {
      const row = await addOverride(deps, context(request), request.body);
      return reply.status(201).send(presentOverride(row));
    },
  );

  app.delete(
    '/api/v1/calendar/overrides/:date',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Remove the override of a date (administrators); the rules apply to it again',
        security: SIGNED_IN,
        params: ZOverrideParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeOverride(deps, context(request), request.params.date);
      return reply.status(204).send(null);
    },
  );
};
