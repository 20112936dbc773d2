import { formatNumber } from '../../../../shared/i18n/index.js';
import { CsrfField } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { Moment, StatusTag } from './parts.js';
import { applicationPath, deleteDraftPath, MY_APPLICATIONS_PATH, TRACK_PATH } from './paths.js';

export interface MyApplicationItem {
  code: string;
  procedureName: string;
  status: number;
  submittedAt: Date;
  dueAt: Date | null;
}

export interface MyDraftItem {
  id: string;
  procedureCode: string;
  procedureName: string | null;
  updatedAt: Date;
  resumePath: string;
  stepKey: string;
}

const pagePath = (page: number) =>
  page <= 1 ? MY_APPLICATIONS_PATH : `${MY_APPLICATIONS_PATH}?trang=${page}`;

/** "Hồ sơ của tôi": the person's applications, paged by links, and their drafts. */
export function MyApplicationsPage({
  ctx,
  items,
  total,
  page,
  pageSize,
  drafts,
  deleted,
}: {
  ctx: PageContext;
  items: MyApplicationItem[];
  total: number;
  page: number;
  pageSize: number;
  drafts: MyDraftItem[];
  deleted: boolean;
}) {
  const title = ctx.t('applications.mine.title');
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Layout ctx={ctx} title={page > 1 ? `${title} – ${ctx.t('applications.mine.page', { page })}` : title}>
      <h1>{title}</h1>
      {deleted ? (
        <div class="notice notice-success" role="status">
          <p>{ctx.t('applications.drafts.deleted')}</p>
        </div>
      ) : null}
      {drafts.length > 0 && page === 1 ? (
        <section aria-labelledby="drafts-title">
          <h2 id="drafts-title">{ctx.t('applications.drafts.title')}</h2>
          <p>{ctx.t('applications.drafts.intro')}</p>
          <ul class="result-list">
            {drafts.map((draft) => (
              <li class="result">
                <p class="result-title">{draft.procedureName ?? draft.procedureCode}</p>
                <p class="result-meta">
                  {ctx.t('applications.drafts.savedAt')} <Moment value={draft.updatedAt} /> ·{' '}
                  {ctx.t(draft.stepKey)}
                </p>
                <div class="draft-actions">
                  <a class="button button-secondary" href={draft.resumePath}>
                    {ctx.t('applications.drafts.resume')}
                    <span class="visually-hidden">: {draft.procedureName ?? draft.procedureCode}</span>
                  </a>
                  <form method="post" action={deleteDraftPath(draft.id)} class="inline-form">
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="link-button">
                      {ctx.t('applications.drafts.delete')}
                      <span class="visually-hidden">: {draft.procedureName ?? draft.procedureCode}</span>
                    </button>
                  </form>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="submitted-title">
        <h2 id="submitted-title">{ctx.t('applications.mine.submitted')}</h2>
        {total === 0 ? (
          <>
            <p>{ctx.t('applications.mine.empty')}</p>
            <p>
              <a href="/thu-tuc">{ctx.t('applications.mine.findProcedure')}</a>
            </p>
          </>
        ) : (
          <p class="result-count">
            {ctx.t('applications.mine.count', { count: formatNumber(ctx.locale, total) })}
          </p>
        )}
        <ul class="result-list">
          {items.map((item) => (
            <li class="result">
              <p class="result-title">
                <a href={applicationPath(item.code)}>{item.procedureName}</a>
              </p>
              <p class="result-tags">
                <StatusTag ctx={ctx} status={item.status} />
              </p>
              <dl class="facts-inline">
                <dt>{ctx.t('applications.common.code')}</dt>
                <dd class="code">{item.code}</dd>
                <dt>{ctx.t('applications.common.submittedAt')}</dt>
                <dd>
                  <Moment value={item.submittedAt} />
                </dd>
                <dt>{ctx.t('applications.common.dueAt')}</dt>
                <dd>{item.dueAt ? <Moment value={item.dueAt} /> : ctx.t('applications.mine.noDue')}</dd>
              </dl>
            </li>
          ))}
        </ul>
        {pages > 1 ? (
          <nav class="pagination" aria-label={ctx.t('applications.mine.pages')}>
            <ul>
              {page > 1 ? (
                <li>
                  <a href={pagePath(page - 1)} rel="prev">
                    {ctx.t('applications.mine.previous')}
                  </a>
                </li>
              ) : null}
              {Array.from({ length: pages }, (_, i) => i + 1)
                .filter((n) => n === 1 || n === pages || Math.abs(n - page) <= 2)
                .map((n, i, shown) => (
                  <>
                    {i > 0 && n - shown[i - 1]! > 1 ? <li class="pagination-gap">…</li> : null}
                    <li>
                      <a
                        href={pagePath(n)}
                        aria-current={n === page ? 'page' : undefined}
                        aria-label={ctx.t('applications.mine.page', { page: n })}
                      >
                        {n}
                      </a>
                    </li>
                  </>
                ))}
              {page < pages ? (
                <li>
                  <a href={pagePath(page + 1)} rel="next">
                    {ctx.t('applications.mine.next')}
                  </a>
                </li>
              ) : null}
            </ul>
          </nav>
        ) : null}
      </section>
      <p>
        <a href={TRACK_PATH}>{ctx.t('applications.mine.trackOther')}</a>
      </p>
    </Layout>
  );
}
