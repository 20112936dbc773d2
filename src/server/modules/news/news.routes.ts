// The news JSON API, documented in the OpenAPI document (/docs).
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZNewsCreate,
  ZNewsDetail,
  ZNewsList,
  ZNewsParams,
  ZNewsQuery,
  ZNewsUpdate,
} from '../../../shared/news/schema.js';
import type { ActionContext } from '../../context.js';
import { presentNewsDetail, presentNewsSummary } from './news.presenter.js';
import {
  createNews,
  getNewsArticle,
  listAllNews,
  listPublishedNews,
  publishNews,
  unpublishNews,
  updateNews,
} from './news.service.js';

const SIGNED_IN: { [scheme: string]: string[] }[] = [{ session: [] }, { bearer: [] }];

export const newsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const context = (request: FastifyRequest): ActionContext => ({
    actor: request.actor,
    requestId: request.id,
  });
  const now = () => deps.clock.now();

  app.get(
    '/api/v1/news',
    {
      schema: {
        tags: ['news'],
        summary: 'News and announcements, newest first',
        description:
          'Published articles whose publication time has come. scope=all (administrators) lists drafts and scheduled articles too.',
        querystring: ZNewsQuery,
        response: { 200: ZNewsList },
      },
    },
    async (request) => {
      const { page, pageSize, scope } = request.query;
      const result =
        scope === 'all'
          ? await listAllNews(deps, request.actor, { page, pageSize })
          : await listPublishedNews(deps, { page, pageSize });
      const at = now();
      return { items: result.items.map((row) => presentNewsSummary(row, at)), total: result.total };
    },
  );

  app.get(
    '/api/v1/news/:id',
    {
      schema: {
        tags: ['news'],
        summary: 'One article with its body',
        description: 'Drafts and scheduled articles are 404 except to administrators.',
        params: ZNewsParams,
        response: { 200: ZNewsDetail },
      },
    },
    async (request) => presentNewsDetail(await getNewsArticle(deps, request.actor, request.params.id), now()),
  );

  app.post(
    '/api/v1/news',
    {
      schema: {
        tags: ['news'],
        summary: 'Write an article (administrators)',
        description:
          'The image is a JPEG or PNG uploaded first with POST /api/v1/files; its text alternative is required. publish=true publishes it at publishAt (now when absent; a future time schedules it).',
        security: SIGNED_IN,
        body: ZNewsCreate,
        response: { 201: ZNewsDetail },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(presentNewsDetail(await createNews(deps, context(request), request.body), now())),
  );

  app.put(
    '/api/v1/news/:id',
    {
      schema: {
        tags: ['news'],
        summary: 'Change an article (administrators)',
        description:
          'Every field, as on the form. A null image removes it. A published article keeps its publication time when publishAt is absent.',
        security: SIGNED_IN,
        params: ZNewsParams,
        body: ZNewsUpdate,
        response: { 200: ZNewsDetail },
      },
    },
    async (request) =>
      presentNewsDetail(await updateNews(deps, context(request), request.params.id, request.body), now()),
  );

  app.post(
    '/api/v1/news/:id/publish',
    {
      schema: {
        tags: ['news'],
        summary: 'Publish an article at its publication time, or now (administrators)',
        security: SIGNED_IN,
        params: ZNewsParams,
        response: { 200: ZNewsDetail },
      },
    },
    async (request) => presentNewsDetail(await publishNews(deps, context(request), request.params.id), now()),
  );

  app.post(
    '/api/v1/news/:id/unpublish',
    {
      schema: {
        tags: ['news'],
        summary: 'Withdraw an article from the public pages (administrators)',
        security: SIGNED_IN,
        params: ZNewsParams,
        response: { 200: ZNewsDetail },
      },
    },
    async (request) =>
      presentNewsDetail(await unpublishNews(deps, context(request), request.params.id), now()),
  );
};
