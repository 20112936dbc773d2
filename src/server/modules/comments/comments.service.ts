// Comments on procedure and news pages: anyone may write one (signed in, or with a name), every
// comment waits in the moderation queue, and only published comments are shown. Accepted comments
// are limited per person and per address.
import {
  MODERATION_RESULT,
  moderationAllowed,
  type TCommentCreate,
  type TCommentTargetType,
  type TModeration,
  type TModerationQuery,
} from '../../../shared/comments/schema.js';
import { AppError } from '../../../shared/errors.js';
import { requireAccess } from '../../auth/access.js';
import type { ActionContext, Actor, AppDeps, Queryable } from '../../context.js';
import type { CommentStatus } from '../../db/schema.js';
import { appendAudit } from '../audit/audit.repository.js';
import { procedurePath } from '../catalog/views/parts.js';
import { findPublicArticle } from '../news/news.repository.js';
import { newsPath } from '../news/views/paths.js';
import { type RateLimit, takeSlots } from '../rate-limit/rate-limit.service.js';
import {
  type CommentRow,
  countCommentsByStatus,
  countPublishedComments,
  findActiveProcedure,
  findComment,
  findCommentsByStatus,
  findPublishedComments,
  insertComment,
  lockComment,
  moveComment,
  type TargetRef,
} from './comments.repository.js';

export type { CommentRow };

// Accepted comments: five in ten minutes from one person, ten from one address (a family or an
// internet café shares one).
export const COMMENT_LIMIT_PERSON: RateLimit = { bucket: 'comment-person', max: 5, windowMs: 10 * 60_000 };
export const COMMENT_LIMIT_ADDRESS: RateLimit = { bucket: 'comment-address', max: 10, windowMs: 10 * 60_000 };

/** What a comment is about: a procedure in force or a public news article. */
export interface CommentTarget {
  type: TCommentTargetType;
  /** The procedure code or the article id, as the API names it. */
  key: string;
  ref: TargetRef;
  title: string;
  path: string;
}

/** The target a comment may attach to, or 404 (a retired procedure, a draft or scheduled article too). */
export async function resolveTarget(
  db: Queryable,
  type: TCommentTargetType,
  key: string,
  now: Date,
): Promise<CommentTarget> {
  if (type === 'procedure') {
    const procedure = await findActiveProcedure(db, key);
    if (procedure)
      return {
        type,
        key: procedure.code,
        ref: { procedureId: procedure.id },
        title: procedure.name,
        path: procedurePath(procedure.code),
      };
  } else if (/^\d{1,15}$/.test(key)) {
    const article = await findPublicArticle(db, Number(key), now);
    if (article)
      return {
        type,
        key: String(article.id),
        ref: { newsId: article.id },
        title: article.title,
        path: newsPath(article),
      };
  }
  throw new AppError('COMMENT_TARGET_NOT_FOUND');
}

/**
 * Records a comment as pending. Signed-in people comment under their account's name; anyone else
 * must give a name. The comment counts against the person's and the address's limits in the same
 * transaction, so a refused or failed comment takes no place.
 */
export async function submitComment(
  deps: AppDeps,
  context: ActionContext,
  input: TCommentCreate & { ip: string },
): Promise<{ comment: CommentRow; target: CommentTarget }> {
  const actor = context.actor;
  const authorName = actor ? actor.fullName : input.authorName;
  if (!authorName) {
    throw new AppError('VALIDATION_FAILED', {
      fields: { authorName: { key: 'comments.errors.nameRequired' } },
    });
  }
  const now = deps.clock.now();
  const db = deps.database.db;
  const target = await resolveTarget(db, input.targetType, input.targetId, now);
  const slots = [
    { limit: COMMENT_LIMIT_ADDRESS, key: input.ip },
    ...(actor ? [{ limit: COMMENT_LIMIT_PERSON, key: `user:${actor.userId}` }] : []),
  ];
  const id = await db.transaction().execute(async (tx) => {
    const wait = await takeSlots(tx, now, slots);
    if (wait > 0) {
      throw new AppError('COMMENT_RATE_LIMITED', {
        retryAfter: wait,
        params: { minutes: Math.ceil(wait / 60) },
      });
    }
    return insertComment(tx, {
      targetType: target.type,
      target: target.ref,
      authorId: actor?.userId ?? null,
      authorName,
      body: input.body,
      at: now,
    });
  });
  return { comment: (await findComment(db, id))!, target };
}

export interface CommentPage {
  items: CommentRow[];
  total: number;
}

/** The published comments of a target, newest first. */
export async function listPublishedComments(
  deps: AppDeps,
  input: { target: CommentTarget; page: number; pageSize: number },
): Promise<CommentPage> {
  const db = deps.database.db;
  const total = await countPublishedComments(db, input.target.ref);
  const items = await findPublishedComments(db, input.target.ref, {
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  return { items, total };
}

/** Moderators only: the queue's pages call this first. */
export function requireModerator(actor: Actor | null): Actor {
  return requireAccess(actor, 'comments.moderate');
}

/** One status of the moderation queue, with the number of comments in each status. */
export async function moderationQueue(
  deps: AppDeps,
  actor: Actor | null,
  input: TModerationQuery,
): Promise<CommentPage & { counts: Record<CommentStatus, number> }> {
  requireAccess(actor, 'comments.moderate');
  const db = deps.database.db;
  const counts = await countCommentsByStatus(db);
  const items = await findCommentsByStatus(db, input.status, {
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  return { items, total: counts[input.status], counts };
}

/**
 * Publishes or rejects a comment, as ALLOWED_MODERATION permits from its status. When the moderator
 * says which status they saw and it has changed since (someone else decided first), nothing happens
 * and the answer is 409.
 */
export async function moderateComment(
  deps: AppDeps,
  context: ActionContext,
  id: number,
  input: TModeration,
): Promise<CommentRow> {
  const actor = requireAccess(context.actor, 'comments.moderate');
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (tx) => {
    const row = await lockComment(tx, id);
    if (!row) throw new AppError('COMMENT_NOT_FOUND');
    if (input.expectedStatus !== undefined && row.status !== input.expectedStatus)
      throw new AppError('MODERATION_NOT_ALLOWED');
    if (!moderationAllowed(row.status, input.action)) throw new AppError('MODERATION_NOT_ALLOWED');
    const to = MODERATION_RESULT[input.action];
    if (!(await moveComment(tx, id, { from: row.status, to, by: actor.userId, at: now })))
      throw new AppError('MODERATION_NOT_ALLOWED');
    await appendAudit(tx, context, now, {
      action: `comments.${input.action}`,
      targetType: 'comment',
      targetId: id,
      details: { from: row.status, to },
    });
  });
  return (await findComment(deps.database.db, id))!;
}
