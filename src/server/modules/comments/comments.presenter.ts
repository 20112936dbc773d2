import { formatVietnamIso } from '../../../shared/calendar/format.js';
import type { TComment, TQueuedComment } from '../../../shared/comments/schema.js';
import { procedurePath } from '../catalog/views/parts.js';
import { newsPath } from '../news/views/paths.js';
import type { CommentRow } from './comments.repository.js';

/** What the public and the author see of a comment: never the author's account or address. */
export function presentComment(row: CommentRow): TComment {
  return {
    id: row.id,
    targetType: row.target_type,
    targetId: row.target_type === 'procedure' ? (row.procedure_code ?? '') : String(row.news_id),
    authorName: row.author_name,
    body: row.body,
    status: row.status,
    createdAt: formatVietnamIso(row.created_at),
  };
}

/** What a moderator sees: the comment, what it is about and whether its author was signed in. */
export function presentQueuedComment(row: CommentRow): TQueuedComment {
  const isProcedure = row.target_type === 'procedure';
  return {
    ...presentComment(row),
    targetTitle: (isProcedure ? row.procedure_name : row.news_title) ?? '',
    targetUrl: isProcedure
      ? procedurePath(row.procedure_code ?? '')
      : newsPath({ id: row.news_id ?? 0, slug: row.news_slug ?? '' }),
    authorSignedIn: row.author_id !== null,
    moderatedAt: row.moderated_at ? formatVietnamIso(row.moderated_at) : null,
  };
}
