import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  type TStatsQuery,
  ZBehind,
  ZBehindQuery,
  ZBreakdown,
  ZBreakdownQuery,
  ZIndex,
  ZRanking,
  ZSetTargets,
  ZStatsQuery,
  ZSummary,
  ZTargetProgress,
  ZTargets,
  ZTargetsQuery,
} from '../../../shared/stats/schema.js';
import {
  presentBehindItem,
  presentBreakdown,
  presentHeader,
  presentIndex,
  presentProgress,
  presentRanking,
  presentSummary,
  presentTargets,
} from './stats.presenter.js';
import {
  breakdown,
  getTargets,
  listApplicationsBehind,
  ranking,
  type StatsFilter,
  serviceIndex,
  setTargets,
  summary,
  targetProgress,
} from './stats.service.js';

const SIGNED_IN: { [scheme: string]: string[] }[] = [{ session: [] }, { bearer: [] }];

const PERIOD_RULES =
  'Periods: `from` and `to` are days (YYYY-MM-DD, inclusive), from 2000-01-01, at most 10 years, not reversed, not starting after today; `unit` is the administrative code (14 Sơn La, 123 Mộc Châu). Figures are defined in docs/statistics.md.';

export function filterOf(query: TStatsQuery): StatsFilter {
  return {
    unit: query.unit,
    includeDescendants: query.descendants,
    from: query.from,
    to: query.to,
    procedureCode: query.procedure,
    field: query.field,
    channel: query.channel,
  };
}

export const statsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;

  app.get(
    '/api/v1/stats/summary',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Every figure of a unit over a period, as one flat object (public)',
        description: `Received, processed (early, on time, late), in process (within and past the deadline) at the period's end, online rate, procedures with an online service, average handling time, evaluations, feedback, electronic results; online payment once the platform takes payments (null before). Rates are percentages, null without a denominator. ${PERIOD_RULES}`,
        querystring: ZStatsQuery,
        response: { 200: ZSummary },
      },
    },
    async (request) => presentSummary(await summary(deps, filterOf(request.query)), request.locale),
  );

  app.get(
    '/api/v1/stats/index',
    {
      schema: {
        tags: ['statistics'],
        summary: 'The national service index (Decision 766/QĐ-TTg) of a unit over a period (public)',
        description: `Six groups; each sub-indicator with its numerator, denominator, rate, target and points. A rate R against a target T earns all its points when R ≥ T, else R × points / T. Sub-indicators without data are not applicable and left out of the score's denominator. ${PERIOD_RULES}`,
        querystring: ZStatsQuery,
        response: { 200: ZIndex },
      },
    },
    async (request) =>
      presentIndex(
        await serviceIndex(deps, filterOf(request.query)),
        request.locale,
        request.t.bind(request),
      ),
  );

  app.get(
    '/api/v1/stats/breakdown',
    {
      schema: {
        tags: ['statistics'],
        summary:
          "A unit's figures split by month, unit, agency, field, procedure, channel, step, officer or unit head",
        description: `by=officer and by=head name people: staff of the unit or of a unit above it, and administrators (401 signed out, 403 otherwise). ${PERIOD_RULES}`,
        querystring: ZBreakdownQuery,
        response: { 200: ZBreakdown },
      },
    },
    async (request) => {
      const { by, page, pageSize, ...query } = request.query;
      const result = await breakdown(deps, request.actor, { ...filterOf(query), by, page, pageSize });
      return presentBreakdown(result, request.locale, request.t.bind(request));
    },
  );

  app.get(
    '/api/v1/stats/ranking',
    {
      schema: {
        tags: ['statistics'],
        summary: 'The units directly under a unit ranked by their service index score (public)',
        description: `Communes and wards under a district, districts under a province, each with everything below it. ${PERIOD_RULES}`,
        querystring: ZStatsQuery,
        response: { 200: ZRanking },
      },
    },
    async (request) =>
      presentRanking(await ranking(deps, filterOf(request.query)), request.locale, request.t.bind(request)),
  );

  app.get(
    '/api/v1/stats/applications',
    {
      schema: {
        tags: ['statistics'],
        summary: 'The application codes behind a figure of the summary (staff)',
        description: `Staff of the unit or of a unit above it, and administrators. Pages of at most 100. ${PERIOD_RULES}`,
        security: SIGNED_IN,
        querystring: ZBehindQuery,
        response: { 200: ZBehind },
      },
    },
    async (request) => {
      const { figure, page, pageSize, ...query } = request.query;
      const result = await listApplicationsBehind(deps, request.actor, {
        ...filterOf(query),
        figure,
        page,
        pageSize,
      });
      return {
        ...presentHeader(result.header, request.locale),
        figure: result.figure,
        total: result.total,
        page: result.page,
        pageSize: result.pageSize,
        items: result.items.map(presentBehindItem),
      };
    },
  );

  app.get(
    '/api/v1/stats/targets',
    {
      schema: {
        tags: ['statistics'],
        summary:
          "A unit's yearly targets: its own, and those in force (its own, a unit above's, or the default)",
        querystring: ZTargetsQuery,
        response: { 200: ZTargets },
      },
    },
    async (request) =>
      presentTargets(await getTargets(deps, request.query), request.locale, request.t.bind(request)),
  );

  app.put(
    '/api/v1/stats/targets',
    {
      schema: {
        tags: ['statistics'],
        summary: "Set a unit's yearly targets, in percent (administrators of the unit or above)",
        description: 'Only the indicators given change; null clears the unit’s own target. Audited.',
        security: SIGNED_IN,
        body: ZSetTargets,
        response: { 200: ZTargets },
      },
    },
    async (request) =>
      presentTargets(
        await setTargets(deps, { actor: request.actor, requestId: request.id }, request.body),
        request.locale,
        request.t.bind(request),
      ),
  );

  app.get(
    '/api/v1/stats/targets/progress',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Progress of a unit (with the units below it) towards its targets, from 1 January to today',
        querystring: ZTargetsQuery,
        response: { 200: ZTargetProgress },
      },
    },
    async (request) => presentProgress(await targetProgress(deps, request.query), request.t.bind(request)),
  );
};
