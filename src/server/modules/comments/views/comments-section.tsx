import type { CommentLimits, TComment, TCommentTargetType } from '../../../../shared/comments/schema.js';
import { formatDateTime, formatNumber } from '../../../../shared/i18n/index.js';
import { Notice } from '../../../views/components.js';
import type { PageContext } from '../../../views/page-context.js';
import { Pagination } from '../../catalog/views/parts.js';
import { CommentForm, emptyCommentForm } from './comment-form.js';

export interface CommentsSectionView {
  targetType: TCommentTargetType;
  targetId: string;
  /** The page the section is on, for the links to other pages of comments. */
  path: string;
  items: TComment[];
  total: number;
  page: number;
  pages: number;
  limits: CommentLimits;
  /** Just sent: thank the author and say the comment waits for moderation. */
  sent: boolean;
}

/** One published comment: its author, its time and its text, escaped, line breaks kept. */
export function CommentItem({ comment }: { comment: TComment }) {
  return (
    <li class="comment">
      <p class="comment-meta">
        <strong>{comment.authorName}</strong>{' '}
        <time datetime={comment.createdAt}>{formatDateTime(new Date(comment.createdAt))}</time>
      </p>
      <p class="comment-text pre-line">{comment.body}</p>
    </li>
  );
}

/** The comments of a procedure or an article, and the form to add one. */
export function CommentsSection({ ctx, view }: { ctx: PageContext; view: CommentsSectionView }) {
  return (
    <section id="binh-luan" class="comments" aria-labelledby="binh-luan-title">
      <h2 id="binh-luan-title">
        {ctx.t('comments.section.title', { count: formatNumber(ctx.locale, view.total) })}
      </h2>
      {view.sent ? (
        <Notice kind="success">
          <p class="notice-title">{ctx.t('comments.section.sentTitle')}</p>
          <p>{ctx.t('comments.section.sent')}</p>
        </Notice>
      ) : null}
      {view.items.length > 0 ? (
        <ol class="comment-list">
          {view.items.map((comment) => (
            <CommentItem comment={comment} />
          ))}
        </ol>
      ) : (
        <p>{view.page > 1 ? ctx.t('comments.section.pageEmpty') : ctx.t('comments.section.none')}</p>
      )}
      <Pagination ctx={ctx} path={view.path} params={{}} page={view.page} pages={view.pages} />
      <CommentForm
        ctx={ctx}
        targetType={view.targetType}
        targetId={view.targetId}
        limits={view.limits}
        values={emptyCommentForm()}
      />
    </section>
  );
}
