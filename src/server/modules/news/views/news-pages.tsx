// The public news pages: the list of articles and one article with its comments.
import type { TNewsDetail, TNewsSummary } from '../../../../shared/news/schema.js';
import { Breadcrumbs, Notice } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { Pagination } from '../../catalog/views/parts.js';
import { CommentsSection, type CommentsSectionView } from '../../comments/views/comments-section.js';
import { MODERATION_PATH } from '../../comments/views/paths.js';
import { NewsItem, Paragraphs, PublishedOn, StateTag } from './parts.js';
import { ADMIN_NEWS_PATH, adminNewsPath, NEWS_PATH } from './paths.js';

export interface NewsListView {
  items: TNewsSummary[];
  total: number;
  page: number;
  pages: number;
  canManage: boolean;
}

/** /tin-tuc: published articles, newest first, paged by links. */
export function NewsListPage({ ctx, view }: { ctx: PageContext; view: NewsListView }) {
  return (
    <Layout ctx={ctx} title={ctx.t('news.title')}>
      <Breadcrumbs items={[{ href: '/', label: ctx.t('nav.home') }, { label: ctx.t('news.title') }]} />
      <h1>{ctx.t('news.title')}</h1>
      <p class="lead">{ctx.t('news.intro', { name: ctx.siteName })}</p>
      {view.canManage ? (
        <p>
          <a class="button button-secondary" href={ADMIN_NEWS_PATH}>
            {ctx.t('news.manage')}
          </a>
          <a class="button button-secondary" href={MODERATION_PATH}>
            {ctx.t('comments.moderation.title')}
          </a>
        </p>
      ) : null}
      {view.items.length > 0 ? (
        <ul class="news-list">
          {view.items.map((item) => (
            <NewsItem ctx={ctx} item={item} headingLevel={2} />
          ))}
        </ul>
      ) : (
        <p>{view.page > 1 ? ctx.t('news.pageEmpty') : ctx.t('news.none')}</p>
      )}
      <Pagination ctx={ctx} path={NEWS_PATH} params={{}} page={view.page} pages={view.pages} />
    </Layout>
  );
}

/** /tin-tuc/{id}-{slug}: one article; administrators also see drafts and scheduled articles, marked. */
export function NewsArticlePage({
  ctx,
  article,
  comments,
  canManage,
}: {
  ctx: PageContext;
  article: TNewsDetail;
  comments: CommentsSectionView | null;
  canManage: boolean;
}) {
  return (
    <Layout ctx={ctx} title={article.title}>
      <Breadcrumbs
        items={[
          { href: '/', label: ctx.t('nav.home') },
          { href: NEWS_PATH, label: ctx.t('news.title') },
          { label: article.title },
        ]}
      />
      {article.state === 'published' ? null : (
        <Notice kind="warning">
          <p>
            <StateTag ctx={ctx} state={article.state} /> {ctx.t(`news.notPublic.${article.state}`)}
          </p>
        </Notice>
      )}
      <article class="news-article" aria-labelledby="article-title">
        <h1 id="article-title">{article.title}</h1>
        <p class="news-date hint">
          {ctx.t('news.publishedOn')} <PublishedOn ctx={ctx} at={article.publishedAt} withTime />
        </p>
        <p class="lead">{article.summary}</p>
        {article.image ? (
          <figure class="news-figure">
            <img src={article.image.url} alt={article.image.alt} />
          </figure>
        ) : null}
        <div class="news-body">
          <Paragraphs text={article.body} />
        </div>
      </article>
      {canManage ? (
        <p>
          <a class="button button-secondary" href={adminNewsPath(article.id)}>
            {ctx.t('news.edit')}
          </a>
        </p>
      ) : null}
      {comments ? <CommentsSection ctx={ctx} view={comments} /> : null}
      <p>
        <a href={NEWS_PATH}>{ctx.t('news.backToList')}</a>
      </p>
    </Layout>
  );
}
