import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZCounterIntake, ZIntakeResult } from '../../../shared/applications/intake.js';
import { ZWorkbenchList, ZWorkbenchQuery } from '../../../shared/applications/workbench.js';
import { receiveAtCounter } from '../applications/intake.service.js';
import { presentWorkbenchItem } from './workbench.presenter.js';
import { listWorkbench, queueCounts } from './workbench.service.js';

export const workbenchApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;

  app.get(
    '/api/v1/workbench',
    {
      schema: {
        tags: ['back office'],
        summary: "An officer's queue (new, mine, due soon, overdue, supplement, to return, all) with counts",
        querystring: ZWorkbenchQuery,
        response: { 200: ZWorkbenchList },
      },
    },
    async (request) => {
      const result = await listWorkbench(deps, request.actor, request.query);
      const counts = await queueCounts(deps, request.actor);
      return {
        queue: request.query.queue,
        items: result.items.map(presentWorkbenchItem),
        total: result.total,
        counts,
      };
    },
  );

  app.post(
    '/api/v1/applications/intake',
    {
      schema: {
        tags: ['back office'],
        summary:
          'Receive an application at the counter: accept, refuse with reasons, or guide an incomplete file',
        body: ZCounterIntake,
        response: { 200: ZIntakeResult, 201: ZIntakeResult },
      },
    },
    async (request, reply) => {
      const result = await receiveAtCounter(
        deps,
        { actor: request.actor, requestId: request.id },
        request.body,
      );
      const a = result.application;
      return reply.status(a ? 201 : 200).send({
        decision: result.decision,
        code: a?.code ?? null,
        status: a?.status ?? null,
        version: a?.version ?? null,
        receivedAt: a?.received_at?.toISOString() ?? null,
        dueAt: a?.due_at?.toISOString() ?? null,
        missing: result.missing,
      });
    },
  );
};
