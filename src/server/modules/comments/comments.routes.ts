// The comments JSON API, documented in the OpenAPI document (/docs).
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  commentCreateSchema,
  ZComment,
  ZCommentList,
  ZCommentParams,
  ZCommentsQuery,
  ZModeration,
  ZModerationQuery,
  ZModerationQueue,
  ZQueuedComment,
} from '../../../shared/comments/schema.js';
import type { ActionContext } from '../../context.js';
import { presentComment, presentQueuedComment } from './comments.presenter.js';
import {
  listPublishedComments,
  moderateComment,
  moderationQueue,
  resolveTarget,
  submitComment,
} from './comments.service.js';

const SIGNED_IN: { [scheme: string]: string[] }[] = [{ session: [] }, { bearer: [] }];

export const commentsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const limits = deps.config.comments;
  const context = (request: FastifyRequest): ActionContext => ({
    actor: request.actor,
    requestId: request.id,
  });

  app.post(
    '/api/v1/comments',
    {
      schema: {
        tags: ['comments'],
        summary: 'Comment on a procedure or a news article',
        description: `The comment waits for a moderator (status "pending") and is shown once published. ${limits.minChars} to ${limits.maxChars} characters, counted as people see them (grapheme clusters after NFC). Signed-in people comment under their account's name; anyone else gives authorName. Accepted comments are limited per person and per address (429 with Retry-After).`,
        body: commentCreateSchema(limits),
        response: { 201: ZComment },
      },
    },
    async (request, reply) => {
      const { comment } = await submitComment(deps, context(request), { ...request.body, ip: request.ip });
      return reply.status(201).send(presentComment(comment));
    },
  );

  app.get(
    '/api/v1/comments',
    {
      schema: {
        tags: ['comments'],
        summary: 'The published comments of a procedure or a news article, newest first',
        querystring: ZCommentsQuery,
        response: { 200: ZCommentList },
      },
    },
    async (request) => {
      const { targetType, targetId, page, pageSize } = request.query;
      const target = await resolveTarget(deps.database.db, targetType, targetId, deps.clock.now());
      const result = await listPublishedComments(deps, { target, page, pageSize });
      return { items: result.items.map(presentComment), total: result.total };
    },
  );

  app.get(
    '/api/v1/comments/moderation',
    {
      schema: {
        tags: ['comments'],
        summary: 'The moderation queue: comments of one status (moderators)',
        description:
          'Pending comments oldest first; published and rejected ones by the latest decision first.',
        security: SIGNED_IN,
        querystring: ZModerationQuery,
        response: { 200: ZModerationQueue },
      },
    },
    async (request) => {
      const queue = await moderationQueue(deps, request.actor, request.query);
      return { items: queue.items.map(presentQueuedComment), total: queue.total, counts: queue.counts };
    },
  );

  app.post(
    '/api/v1/comments/:id/moderation',
    {
      schema: {
        tags: ['comments'],
        summary: 'Publish or reject a comment (moderators)',
        description:
          'Pending: publish or reject. Published: reject (take down). Rejected: publish. expectedStatus, when given, must still be the comment’s status (409 otherwise).',
        security: SIGNED_IN,
        params: ZCommentParams,
        body: ZModeration,
        response: { 200: ZQueuedComment },
      },
    },
    async (request) =>
      presentQueuedComment(await moderateComment(deps, context(request), request.params.id, request.body)),
  );
};
