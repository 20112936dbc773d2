import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formForProcedure } from '../../../shared/applications/forms.js';
import {
  ZApplicationAction,
  ZApplicationCodeParams,
  ZApplicationView,
  ZSubmitApplication,
  ZSubmitResponse,
  ZTrackQuery,
  ZTrackView,
} from '../../../shared/applications/schema.js';
import { ZProcedureCodeParams } from '../../../shared/catalog/schema.js';
import { getProcedure } from '../catalog/catalog.service.js';
import { presentApplication, presentSubmitted, presentTracking } from './applications.presenter.js';
import {
  getApplicationFor,
  loadApplicationDetails,
  performAction,
  submitApplication,
  trackApplication,
} from './applications.service.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

export const applicationsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const context = (request: { actor: import('../../context.js').Actor | null; id: string }) => ({
    actor: request.actor,
    requestId: request.id,
  });

  app.get(
    '/api/v1/procedures/:code/form',
    {
      schema: {
        tags: ['applications'],
        summary: "The procedure's application form as a JSON Schema; every property has a valid example",
        params: ZProcedureCodeParams,
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request) => {
      const procedure = await getProcedure(deps, request.params.code);
      return formForProcedure(procedure.record) as unknown as Record<string, unknown>;
    },
  );

  app.post(
    '/api/v1/applications',
    {
      schema: {
        tags: ['applications'],
        summary: 'Submit an application online; honours the Idempotency-Key header',
        headers: z.object({ 'idempotency-key': z.string().regex(IDEMPOTENCY_KEY).optional() }).passthrough(),
        body: ZSubmitApplication,
        response: { 200: ZSubmitResponse, 201: ZSubmitResponse },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const result = await submitApplication(deps, context(request), {
        ...request.body,
        idempotencyKey: typeof key === 'string' ? key : undefined,
      });
      return reply.status(result.replayed ? 200 : 201).send(presentSubmitted(result.application));
    },
  );

  app.get(
    '/api/v1/applications/:code',
    {
      schema: {
        tags: ['applications'],
        summary:
          'An application, for its applicant and the officers who may see it, with the actions allowed to the caller',
        params: ZApplicationCodeParams,
        response: { 200: ZApplicationView },
      },
    },
    async (request) => {
      const application = await getApplicationFor(deps, context(request), request.params.code);
      return presentApplication(application, await loadApplicationDetails(deps, request.actor, application));
    },
  );

  app.post(
    '/api/v1/applications/:code/actions',
    {
      schema: {
        tags: ['applications'],
        summary: 'Perform an action of the workflow table; expectedVersion must be the version last seen',
        params: ZApplicationCodeParams,
        body: ZApplicationAction,
        response: { 200: ZApplicationView },
      },
    },
    async (request) => {
      const updated = await performAction(deps, context(request), {
        ...request.body,
        code: request.params.code,
      });
      return presentApplication(updated, await loadApplicationDetails(deps, request.actor, updated));
    },
  );

  app.get(
    '/api/v1/track/:code',
    {
      schema: {
        tags: ['applications'],
        summary: 'Public tracking with the last four digits of the phone or ID number; no personal data',
        params: ZApplicationCodeParams,
        querystring: ZTrackQuery,
        response: { 200: ZTrackView },
      },
    },
    async (request, reply) => {
      const tracked = await trackApplication(deps, {
        code: request.params.code,
        verify: request.query.verify,
        ip: request.ip,
      });
      reply.header('cache-control', 'no-store');
      return presentTracking(tracked.application, tracked.procedureName, tracked.events);
    },
  );
};
