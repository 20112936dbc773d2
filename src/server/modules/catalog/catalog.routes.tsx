import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZProcedureCodeParams,
  ZProcedureDetail,
  ZProcedureList,
  ZProcedureRetire,
  ZProcedureSearch,
  ZProcedureUpdate,
} from '../../../shared/catalog/schema.js';
import { presentProcedureDetail, presentProcedureListItem } from './catalog.presenter.js';
import {
  createProcedure,
  getProcedure,
  retireProcedure,
  searchProcedures,
  updateProcedure,
} from './catalog.service.js';

export const catalogApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const context = (request: { actor: import('../../context.js').Actor | null; id: string }) => ({
    actor: request.actor,
    requestId: request.id,
  });

  app.get(
    '/api/v1/procedures',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Search the procedure catalogue (diacritic-insensitive, typo-tolerant)',
        querystring: ZProcedureSearch,
        response: { 200: ZProcedureList },
      },
    },
    async (request) => {
      const { agency, ...rest } = request.query;
      const result = await searchProcedures(deps, { ...rest, agencyCode: agency });
      return { items: result.items.map(presentProcedureListItem), total: result.total };
    },
  );

  app.get(
    '/api/v1/procedures/:code',
    {
      schema: {
        tags: ['catalog'],
        summary: 'A procedure with its whole record and the components of its default case',
        params: ZProcedureCodeParams,
        response: { 200: ZProcedureDetail },
      },
    },
    async (request) => {
      const includeRetired = request.actor?.grants.some((g) => g.role === 'administrator') ?? false;
      return presentProcedureDetail(
        await getProcedure(deps, request.params.code, { includeRetired }),
        request.locale,
      );
    },
  );

  app.post(
    '/api/v1/procedures',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Create a procedure (administrators)',
        body: ZProcedureUpdate.shape.record,
        response: { 201: ZProcedureDetail },
      },
    },
    async (request, reply) => {
      const created = await createProcedure(deps, context(request), request.body as never);
      return reply.status(201).send(presentProcedureDetail(created, request.locale));
    },
  );

  app.put(
    '/api/v1/procedures/:code',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Replace a procedure record (administrators); expectedVersion guards against lost updates',
        params: ZProcedureCodeParams,
        body: ZProcedureUpdate,
        response: { 200: ZProcedureDetail },
      },
    },
    async (request) => {
      const updated = await updateProcedure(deps, context(request), {
        code: request.params.code,
        expectedVersion: request.body.expectedVersion,
        record: request.body.record as never,
      });
      return presentProcedureDetail(updated, request.locale);
    },
  );

  app.post(
    '/api/v1/procedures/:code/retire',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Retire a procedure (administrators): it leaves the public catalogue but keeps its history',
        params: ZProcedureCodeParams,
        body: ZProcedureRetire,
        response: { 200: ZProcedureDetail },
      },
    },
    async (request) =>
      presentProcedureDetail(
        await retireProcedure(deps, context(request), { code: request.params.code, ...request.body }),
        request.locale,
      ),
  );
};
