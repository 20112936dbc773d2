// The administrators' targets page: choose a unit and a year, set the unit's targets (blank clears),
// see those in force and the progress so far. The form re-renders with a 400 and an error summary;
// a save redirects (303) with a notice.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, type FieldErrors, isAppError } from '../../../shared/errors.js';
import { TARGET_INDICATORS } from '../../../shared/stats/definitions.js';
import { ZTargetsQuery } from '../../../shared/stats/schema.js';
import { parseWith } from '../../../shared/validation.js';
import {
  getTargets,
  listTargetUnits,
  setTargets,
  type TargetProgress,
  targetProgress,
} from './stats.service.js';
import { AdminTargetsPage } from './views/admin-targets-page.js';
import { ADMIN_TARGETS_PATH } from './views/paths.js';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
const DECIMAL = /^\d{1,3}([.,]\d{1,2})?$/;

export const statsPages: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      unit: string | undefined;
      year: number | undefined;
      values?: Record<string, string>;
      errors?: FieldErrors | undefined;
      saved?: boolean;
      status?: number;
    },
  ) => {
    // The permission check comes first: only administrators see the page or its errors.
    const units = await listTargetUnits(deps, request.actor);
    const unit = input.unit ?? units[0]?.code;
    const view = await getTargets(deps, { unit, year: input.year });
    if (!units.some((u) => u.code === view.unit)) throw new AppError('FORBIDDEN');
    let progress: TargetProgress[] | null = null;
    try {
      progress = (await targetProgress(deps, { unit: view.unit, year: view.year })).progress;
    } catch (error) {
      // A future year has no progress yet.
      if (!isAppError(error) || error.status !== 400) throw error;
    }
    const values =
      input.values ??
      Object.fromEntries(view.targets.map((t) => [t.indicator, t.own === null ? '' : String(t.own)]));
    return reply.page(
      (ctx) => (
        <AdminTargetsPage
          ctx={ctx}
          page={{ units, view, progress, values, errors: input.errors, saved: input.saved ?? false }}
        />
      ),
      input.status ?? 200,
    );
  };

  app.get(ADMIN_TARGETS_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!request.actor) return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
    const query = record(request.query);
    const parsed = parseWith(ZTargetsQuery, {
      ...(text(query.unit) ? { unit: text(query.unit) } : {}),
      ...(text(query.year) ? { year: text(query.year) } : {}),
    });
    if (!parsed.ok) throw new AppError('VALIDATION_FAILED', { fields: parsed.fields });
    return render(request, reply, {
      unit: parsed.value.unit,
      year: parsed.value.year,
      saved: text(query.saved) === '1',
    });
  });

  app.post(ADMIN_TARGETS_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!request.actor) return reply.redirect(`/login?next=${encodeURIComponent(ADMIN_TARGETS_PATH)}`, 303);
    const body = record(request.body);
    const parsed = parseWith(ZTargetsQuery, { unit: text(body.unit), year: text(body.year) });
    if (!parsed.ok) throw new AppError('VALIDATION_FAILED', { fields: parsed.fields });
    const values: Record<string, string> = {};
    const targets: Record<string, number | null> = {};
    const errors: FieldErrors = {};
    for (const indicator of TARGET_INDICATORS) {
      const typed = text(body[`targets.${indicator}`]).trim();
      values[indicator] = typed;
      if (typed === '') targets[indicator] = null;
      else if (!DECIMAL.test(typed) || Number(typed.replace(',', '.')) > 100)
        errors[`targets.${indicator}`] = { key: 'stats.errors.target' };
      else targets[indicator] = Number(typed.replace(',', '.'));
    }
    const again = { unit: parsed.value.unit, year: parsed.value.year, values };
    // Only administrators learn whether what they typed was right.
    await listTargetUnits(deps, request.actor);
    if (Object.keys(errors).length > 0) return render(request, reply, { ...again, errors, status: 400 });
    try {
      await setTargets(
        deps,
        { actor: request.actor, requestId: request.id },
        {
          unit: parsed.value.unit,
          year: parsed.value.year,
          targets,
        },
      );
    } catch (error) {
      if (!isAppError(error) || !error.options.fields) throw error;
      return render(request, reply, { ...again, errors: error.options.fields, status: error.status });
    }
    const view = await getTargets(deps, { unit: parsed.value.unit, year: parsed.value.year });
    return reply.redirect(
      `${ADMIN_TARGETS_PATH}?unit=${encodeURIComponent(view.unit)}&year=${view.year}&saved=1`,
      303,
    );
  });
};
