// /quan-tri/binh-luan: the moderation queue, one status at a time, each comment with the decisions
// its status allows (ALLOWED_MODERATION), as forms that work without JavaScript.
import {
  ALLOWED_MODERATION,
  COMMENT_STATUSES,
  type TCommentStatus,
  type TQueuedComment,
} from '../../../../shared/comments/schema.js';
import { formatDateTime, formatNumber } from '../../../../shared/i18n/index.js';
import { Breadcrumbs, CsrfField, Notice } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { Pagination } from '../../catalog/views/parts.js';
import { MODERATION_PATH, moderateCommentPath, moderationPath } from './paths.js';

export const MODERATION_NOTICES = ['publish', 'reject', 'conflict'] as const;
export type ModerationNotice = (typeof MODERATION_NOTICES)[number] | undefined;

export interface ModerationView {
  status: TCommentStatus;
  counts: Record<TCommentStatus, number>;
  items: TQueuedComment[];
  page: number;
  pages: number;
  notice: ModerationNotice;
}

const STATUS_TAG: Record<TCommentStatus, string> = {
  pending: 'tag',
  published: 'tag tag-green',
  rejected: 'tag tag-grey',
};

function QueuedComment({ ctx, item, page }: { ctx: PageContext; item: TQueuedComment; page: number }) {
  const titleId = `comment-${item.id}-title`;
  return (
    <li class="comment queued-comment">
      <article aria-labelledby={titleId}>
        <h2 id={titleId} class="comment-target">
          <span class="kicker">{ctx.t(`comments.targets.${item.targetType}`)}</span>{' '}
          <a href={item.targetUrl}>{item.targetTitle}</a>
        </h2>
        <p class="comment-meta">
          <strong>{item.authorName}</strong>{' '}
          <span class="hint">
            ({ctx.t(item.authorSignedIn ? 'comments.moderation.signedIn' : 'comments.moderation.guest')})
          </span>{' '}
          <time datetime={item.createdAt}>{formatDateTime(new Date(item.createdAt))}</time>{' '}
          <span class={STATUS_TAG[item.status]}>{ctx.t(`comments.statuses.${item.status}`)}</span>
        </p>
        <p class="comment-text pre-line">{item.body}</p>
        <div class="inline-list moderation-actions">
          {ALLOWED_MODERATION[item.status].map((action) => (
            <form method="post" action={moderateCommentPath(item.id)} class="inline-form">
              <CsrfField ctx={ctx} />
              <input type="hidden" name="action" value={action} />
              <input type="hidden" name="expectedStatus" value={item.status} />
              <input type="hidden" name="page" value={String(page)} />
              <button
                type="submit"
                class={action === 'publish' ? 'button' : 'button button-warning'}
                aria-describedby={titleId}
              >
                {ctx.t(`comments.moderation.actions.${action}${item.status === 'pending' ? '' : 'Again'}`)}
              </button>
            </form>
          ))}
        </div>
      </article>
    </li>
  );
}

export function ModerationPage({ ctx, view }: { ctx: PageContext; view: ModerationView }) {
  return (
    <Layout ctx={ctx} title={ctx.t('comments.moderation.title')}>
      <Breadcrumbs
        items={[{ href: '/', label: ctx.t('nav.home') }, { label: ctx.t('comments.moderation.title') }]}
      />
      <h1>{ctx.t('comments.moderation.title')}</h1>
      {view.notice ? (
        <Notice kind={view.notice === 'conflict' ? 'warning' : 'success'}>
          <p>{ctx.t(`comments.moderation.notices.${view.notice}`)}</p>
        </Notice>
      ) : null}
      <p>{ctx.t('comments.moderation.intro')}</p>
      <nav aria-label={ctx.t('comments.moderation.statusNav')} class="queue-nav">
        <ul>
          {COMMENT_STATUSES.map((status) => (
            <li>
              <a href={moderationPath(status)} aria-current={status === view.status ? 'page' : undefined}>
                {ctx.t(`comments.moderation.tabs.${status}`)}{' '}
                <span class="count">{formatNumber(ctx.locale, view.counts[status])}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {view.items.length === 0 ? (
        <p>{ctx.t(`comments.moderation.empty.${view.status}`)}</p>
      ) : (
        <ol class="comment-list">
          {view.items.map((item) => (
            <QueuedComment ctx={ctx} item={item} page={view.page} />
          ))}
        </ol>
      )}
      <Pagination
        ctx={ctx}
        path={MODERATION_PATH}
        params={{ status: view.status }}
        page={view.page}
        pages={view.pages}
      />
    </Layout>
  );
}
