// The statistics pages: the public transparency page, the leaders' dashboard and the list of
// applications behind a figure. Bad input re-renders the form with a 400 and an error summary.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { grantsAllow } from '../../../shared/auth/roles.js';
import { vietnamDate } from '../../../shared/clock.js';
import { AppError, type FieldErrors, isAppError } from '../../../shared/errors.js';
import { LISTABLE_FIGURES, type ListableFigure } from '../../../shared/stats/definitions.js';
import { ZStatsQuery } from '../../../shared/stats/schema.js';
import { parseWith } from '../../../shared/validation.js';
import type { Actor, AppDeps } from '../../context.js';
import { assistedInPeriod } from './stats.assisted.js';
import {
  breakdown,
  lateness,
  listApplicationsBehind,
  listStatsUnits,
  ranking,
  serviceIndex,
  summary,
  targetProgress,
} from './stats.service.js';
import { BehindPage } from './views/behind-page.js';
import { DashboardPage, type DashboardView, type StatsQueryValues } from './views/dashboard-page.js';
import { BEHIND_PATH, DASHBOARD_PATH, TRANSPARENCY_PATH } from './views/paths.js';

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};

/** Staff of some unit: anyone who may open the workbench. */
function isStaff(actor: Actor | null): actor is Actor {
  return actor !== null && grantsAllow(actor.grants, 'staff.workspace');
}

/** What the form shows: as typed, with the defaults (the deploying unit, 1 January to today). */
function valuesOf(deps: AppDeps, query: Record<string, unknown>, narrowing = false): StatsQueryValues {
  const today = vietnamDate(deps.clock.now());
  const to = text(query.to) || today;
  const from = text(query.from) || `${/^\d{4}/.test(to) ? to.slice(0, 4) : today.slice(0, 4)}-01-01`;
  const values: StatsQueryValues = { unit: text(query.unit) || deps.config.homeUnitCode, from, to };
  if (narrowing && text(query.field)) values.field = text(query.field);
  if (narrowing && text(query.descendants) === 'false') values.descendants = 'false';
  return values;
}

/** Validates the filter; field errors come back translated by key, like every form. */
function parseFilter(values: StatsQueryValues) {
  return parseWith(ZStatsQuery, values);
}

async function loadData(deps: AppDeps, actor: Actor | null, leader: boolean, values: StatsQueryValues) {
  const filter = { unit: values.unit, from: values.from, to: values.to };
  const s = await summary(deps, filter);
  const [byMonth, byUnit, byField] = [
    await breakdown(deps, actor, { ...filter, by: 'month', pageSize: 100 }),
    await breakdown(deps, actor, { ...filter, by: 'unit', pageSize: 100 }),
    await breakdown(deps, actor, { ...filter, by: 'field', pageSize: 100 }),
  ];
  byField.rows.sort((a, b) => (b.figures.received ?? 0) - (a.figures.received ?? 0));
  const index = await serviceIndex(deps, filter);
  const ranked = (await ranking(deps, filter)).rows;
  let targets: { year: number; progress: Awaited<ReturnType<typeof targetProgress>>['progress'] } | null =
    null;
  const year = Number(s.to.slice(0, 4));
  try {
    targets = { year, progress: (await targetProgress(deps, { unit: values.unit, year })).progress };
  } catch (error) {
    // A year that has not started has no progress.
    if (!isAppError(error) || error.status !== 400) throw error;
  }
  const late = leader ? await lateness(deps, actor, filter) : null;
  const heads = leader ? await breakdown(deps, actor, { ...filter, by: 'head', pageSize: 100 }) : null;
  const assisted = await assistedInPeriod(deps, { unit: values.unit, from: s.from, to: s.to });
  return {
    summary: s,
    byMonth,
    byUnit,
    byField,
    index,
    ranking: ranked,
    targets,
    lateness: late,
    heads,
    assisted,
  };
}

export const statsDashboardPages: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;

  const show = async (request: FastifyRequest, reply: FastifyReply, leader: boolean) => {
    const values = valuesOf(deps, record(request.query));
    const units = await listStatsUnits(deps);
    const view: DashboardView = { leader, units, values, data: null };
    const parsed = parseFilter(values);
    let errors: FieldErrors | undefined;
    if (!parsed.ok) errors = parsed.fields;
    else
      try {
        view.data = await loadData(deps, request.actor, leader, values);
      } catch (error) {
        if (!isAppError(error)) throw error;
        if (error.code === 'UNIT_NOT_FOUND') errors = { unit: { key: 'stats.dashboard.unknownUnit' } };
        else if (error.options.fields) errors = error.options.fields;
        else throw error;
      }
    // A unit typed in the address that is not in the list still shows by its code.
    if (!units.some((u) => u.code === values.unit))
      units.push({
        code: values.unit,
        name: view.data?.summary.unitName ?? values.unit,
        nameEn: view.data?.summary.unitNameEn ?? values.unit,
        depth: 0,
      });
    return reply.page(
      (ctx) => <DashboardPage ctx={ctx} view={{ ...view, errors }} />,
      errors ? (errors.unit?.key === 'stats.dashboard.unknownUnit' ? 404 : 400) : 200,
    );
  };

  app.get(TRANSPARENCY_PATH, { schema: { hide: true } }, async (request, reply) =>
    show(request, reply, false),
  );

  app.get(DASHBOARD_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!request.actor) return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
    if (!isStaff(request.actor)) throw new AppError('FORBIDDEN');
    return show(request, reply, true);
  });

  app.get(BEHIND_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!request.actor) return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
    const query = record(request.query);
    const values = valuesOf(deps, query, true);
    const parsed = parseFilter(values);
    if (!parsed.ok) throw new AppError('VALIDATION_FAILED', { fields: parsed.fields });
    const figure = text(query.figure);
    if (!(LISTABLE_FIGURES as readonly string[]).includes(figure))
      throw new AppError('VALIDATION_FAILED', { fields: { figure: { key: 'validation.invalidOption' } } });
    const page = text(query.page) === '' ? 1 : Number(text(query.page));
    const result = await listApplicationsBehind(deps, request.actor, {
      unit: values.unit,
      from: values.from,
      to: values.to,
      field: values.field,
      includeDescendants: values.descendants !== 'false',
      figure: figure as ListableFigure,
      page,
      pageSize: 50,
    });
    return reply.page((ctx) => <BehindPage ctx={ctx} values={values} result={result} />);
  });
};
