import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { vietnamDate } from '../../../shared/clock.js';
import { ZUnitList, ZUnitNode, ZUnitParams, ZUnitQuery } from '../../../shared/units/schema.js';
import { presentUnitNode, presentUnitSummary } from './units.presenter.js';
import { getUnitTree, listTopUnits } from './units.service.js';
import { UnitsPage } from './views/units-page.js';

export const unitsRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const today = () => vietnamDate(deps.clock.now());

  app.get('/don-vi', { schema: { hide: true, querystring: ZUnitQuery } }, async (request, reply) => {
    const date = request.query.date ?? today();
    const root = presentUnitNode(
      await getUnitTree(deps, { rootCode: deps.config.homeUnitCode, date }),
      request.locale,
    );
    return reply.page((ctx) => <UnitsPage ctx={ctx} root={root} date={date} />);
  });

  app.get(
    '/don-vi/:code',
    { schema: { hide: true, params: ZUnitParams, querystring: ZUnitQuery } },
    async (request, reply) => {
      const date = request.query.date ?? today();
      const root = presentUnitNode(
        await getUnitTree(deps, { rootCode: request.params.code, date }),
        request.locale,
      );
      return reply.page((ctx) => <UnitsPage ctx={ctx} root={root} date={date} />);
    },
  );

  app.get(
    '/api/v1/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Top-level administrative units (provinces) in force on a date',
        querystring: ZUnitQuery,
        response: { 200: ZUnitList },
      },
    },
    async (request) => {
      const rows = await listTopUnits(deps, request.query.date ?? today());
      return { items: rows.map((row) => presentUnitSummary(row, request.locale)) };
    },
  );

  app.get(
    '/api/v1/units/:code',
    {
      schema: {
        tags: ['units'],
        summary: 'A unit with its agencies and its descendants, as in force on a date',
        params: ZUnitParams,
        querystring: ZUnitQuery,
        response: { 200: ZUnitNode },
      },
    },
    async (request) =>
      presentUnitNode(
        await getUnitTree(deps, { rootCode: request.params.code, date: request.query.date ?? today() }),
        request.locale,
      ),
  );
};
