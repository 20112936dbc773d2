// The hotline directory's JSON API, documented in the OpenAPI document (/docs).
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZHotline,
  ZHotlineDirectory,
  ZHotlineInput,
  ZHotlineParams,
} from '../../../shared/hotlines/schema.js';
import type { ActionContext } from '../../context.js';
import { presentHotline } from './hotlines.presenter.js';
import { createHotline, deleteHotline, listHotlines, updateHotline } from './hotlines.service.js';

const SIGNED_IN: { [scheme: string]: string[] }[] = [{ session: [] }, { bearer: [] }];

export const hotlinesApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const context = (request: FastifyRequest): ActionContext => ({
    actor: request.actor,
    requestId: request.id,
  });

  app.get(
    '/api/v1/hotlines',
    {
      schema: {
        tags: ['hotlines'],
        summary: 'The hotline directory: the chairperson, the unit leaders and each unit',
        description:
          'The general hotline (the number in every page footer) and every entry, the chairperson first, then the leaders, then the units, each in its order.',
        response: { 200: ZHotlineDirectory },
      },
    },
    async () => ({ general: deps.config.hotline, items: (await listHotlines(deps)).map(presentHotline) }),
  );

  app.post(
    '/api/v1/hotlines',
    {
      schema: {
        tags: ['hotlines'],
        summary: 'Add a number to the directory (administrators)',
        security: SIGNED_IN,
        body: ZHotlineInput,
        response: { 201: ZHotline },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentHotline(await createHotline(deps, context(request), request.body))),
  );

  app.put(
    '/api/v1/hotlines/:id',
    {
      schema: {
        tags: ['hotlines'],
        summary: 'Change a directory entry (administrators)',
        security: SIGNED_IN,
        params: ZHotlineParams,
        body: ZHotlineInput,
        response: { 200: ZHotline },
      },
    },
    async (request) =>
      presentHotline(await updateHotline(deps, context(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/v1/hotlines/:id',
    {
      schema: {
        tags: ['hotlines'],
        summary: 'Remove a directory entry (administrators)',
        security: SIGNED_IN,
        params: ZHotlineParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteHotline(deps, context(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
