// What a procedure or news page needs to show its comments: other modules' pages call this.
import type { FastifyRequest } from 'fastify';
import { COMMENTS_PAGE_SIZE, type TCommentTargetType } from '../../../shared/comments/schema.js';
import { isAppError } from '../../../shared/errors.js';
import type { AppDeps } from '../../context.js';
import { presentComment } from './comments.presenter.js';
import { listPublishedComments, resolveTarget } from './comments.service.js';
import type { CommentsSectionView } from './views/comments-section.js';
import { SENT_QUERY } from './views/paths.js';

const [SENT_KEY, SENT_VALUE] = SENT_QUERY.split('=') as [string, string];

/**
 * The published comments of a target page (its `?page=` of them) and the form; null when the target
 * takes no comments (a retired procedure shown to an administrator, a draft article).
 */
export async function loadCommentsSection(
  deps: AppDeps,
  request: FastifyRequest,
  input: { targetType: TCommentTargetType; targetId: string; path: string },
): Promise<CommentsSectionView | null> {
  const target = await resolveTarget(
    deps.database.db,
    input.targetType,
    input.targetId,
    deps.clock.now(),
  ).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'COMMENT_TARGET_NOT_FOUND') return null;
    throw error;
  });
  if (!target) return null;
  const query = (request.query ?? {}) as Record<string, unknown>;
  const asked = typeof query.page === 'string' && /^\d{1,6}$/.test(query.page) ? Number(query.page) : 1;
  const page = Math.max(1, asked);
  const result = await listPublishedComments(deps, { target, page, pageSize: COMMENTS_PAGE_SIZE });
  return {
    targetType: target.type,
    targetId: target.key,
    path: input.path,
    items: result.items.map(presentComment),
    total: result.total,
    page,
    pages: Math.max(1, Math.ceil(result.total / COMMENTS_PAGE_SIZE)),
    limits: deps.config.comments,
    sent: query[SENT_KEY] === SENT_VALUE,
  };
}
