// The comment form's own address (it posts here from procedure and news pages) and the moderation
// queue. The form re-renders on its own page with a 400 (429 when too many comments were sent) and an
// error summary; a sent comment leads back to its page with a thank-you notice.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  COMMENTS_PAGE_SIZE,
  commentFormSchema,
  ZCommentParams,
  ZCommentTargetId,
  ZCommentTargetType,
  ZModeration,
  ZModerationQuery,
} from '../../../shared/comments/schema.js';
import { AppError, type FieldErrors, isAppError } from '../../../shared/errors.js';
import { parseWith } from '../../../shared/validation.js';
import type { ActionContext } from '../../context.js';
import { presentQueuedComment } from './comments.presenter.js';
import { commentsApiRoutes } from './comments.routes.js';
import {
  type CommentTarget,
  moderateComment,
  moderationQueue,
  requireModerator,
  resolveTarget,
  submitComment,
} from './comments.service.js';
import type { CommentFormValues } from './views/comment-form.js';
import { CommentFormPage } from './views/comment-form-page.js';
import { MODERATION_NOTICES, type ModerationNotice, ModerationPage } from './views/moderation-page.js';
import { COMMENT_FORM_PATH, MODERATION_PATH, moderationPath, sentPath } from './views/paths.js';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};

/** The comments' pages and their API, registered together. */
export const commentsPages: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const limits = deps.config.comments;
  const context = (request: FastifyRequest): ActionContext => ({
    actor: request.actor,
    requestId: request.id,
  });
  await app.register(commentsApiRoutes);

  /** The target named by a form or a query, or 404 when there is none to comment on. */
  const targetOf = async (fields: Record<string, unknown>): Promise<CommentTarget> => {
    const type = parseWith(ZCommentTargetType, text(fields.targetType));
    const id = parseWith(ZCommentTargetId, text(fields.targetId));
    if (!type.ok || !id.ok) throw new AppError('COMMENT_TARGET_NOT_FOUND');
    return resolveTarget(deps.database.db, type.value, id.value, deps.clock.now());
  };

  const renderForm = (
    reply: FastifyReply,
    target: CommentTarget,
    values: CommentFormValues,
    options: { errors?: FieldErrors; problem?: string; status?: number } = {},
  ) => {
    const view = {
      target: { type: target.type, key: target.key, title: target.title, path: target.path },
      limits,
      values,
      errors: options.errors,
      problem: options.problem,
    };
    return reply.page((ctx) => <CommentFormPage ctx={ctx} view={view} />, options.status ?? 200);
  };

  app.get(COMMENT_FORM_PATH, { schema: { hide: true } }, async (request, reply) => {
    const target = await targetOf(record(request.query));
    return renderForm(reply, target, { authorName: '', body: '' });
  });

  app.post(COMMENT_FORM_PATH, { schema: { hide: true } }, async (request, reply) => {
    const body = record(request.body);
    const target = await targetOf(body);
    const values: CommentFormValues = { authorName: text(body.authorName), body: text(body.body) };
    const parsed = parseWith(commentFormSchema(limits, request.actor !== null), {
      targetType: target.type,
      targetId: target.key,
      ...values,
    });
    if (!parsed.ok) return renderForm(reply, target, values, { errors: parsed.fields, status: 400 });
    try {
      await submitComment(deps, context(request), { ...parsed.value, ip: request.ip });
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === 'VALIDATION_FAILED' && error.options.fields)
        return renderForm(reply, target, values, { errors: error.options.fields, status: 400 });
      if (error.code === 'COMMENT_RATE_LIMITED') {
        reply.header('retry-after', String(error.options.retryAfter ?? 60));
        return renderForm(reply, target, values, {
          problem: request.t('errors.COMMENT_RATE_LIMITED', error.options.params),
          status: 429,
        });
      }
      throw error;
    }
    return reply.redirect(sentPath(target.path), 303);
  });

  app.get(MODERATION_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!request.actor) return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
    requireModerator(request.actor);
    const query = record(request.query);
    const parsed = parseWith(ZModerationQuery, {
      status: text(query.status) || undefined,
      page: text(query.page) || undefined,
    });
    if (!parsed.ok) return reply.redirect(MODERATION_PATH, 303);
    const queue = await moderationQueue(deps, request.actor, {
      ...parsed.value,
      pageSize: COMMENTS_PAGE_SIZE,
    });
    const da = text(query.da);
    const view = {
      status: parsed.value.status,
      counts: queue.counts,
      items: queue.items.map(presentQueuedComment),
      page: parsed.value.page,
      pages: Math.max(1, Math.ceil(queue.total / COMMENTS_PAGE_SIZE)),
      notice: (MODERATION_NOTICES as readonly string[]).includes(da) ? (da as ModerationNotice) : undefined,
    };
    return reply.page((ctx) => <ModerationPage ctx={ctx} view={view} />);
  });

  app.post(`${MODERATION_PATH}/:id`, { schema: { hide: true } }, async (request, reply) => {
    if (!request.actor) return reply.redirect(`/login?next=${encodeURIComponent(MODERATION_PATH)}`, 303);
    requireModerator(request.actor);
    const params = parseWith(ZCommentParams, record(request.params));
    if (!params.ok) throw new AppError('COMMENT_NOT_FOUND');
    const body = record(request.body);
    const decision = parseWith(ZModeration, {
      action: text(body.action),
      expectedStatus: text(body.expectedStatus) || undefined,
    });
    if (!decision.ok) throw new AppError('VALIDATION_FAILED', { fields: decision.fields });
    const back = (notice: string) => {
      const page = /^\d{1,6}$/.test(text(body.page)) ? Number(body.page) : 1;
      return `${moderationPath(decision.value.expectedStatus ?? 'pending', page)}&da=${notice}`;
    };
    try {
      await moderateComment(deps, context(request), params.value.id, decision.value);
    } catch (error) {
      if (isAppError(error) && error.code === 'MODERATION_NOT_ALLOWED')
        return reply.redirect(back('conflict'), 303);
      throw error;
    }
    return reply.redirect(back(decision.value.action), 303);
  });
};
