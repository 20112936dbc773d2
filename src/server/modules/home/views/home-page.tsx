import type { TNewsSummary } from '../../../../shared/news/schema.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { NewsItem } from '../../news/views/parts.js';
import { NEWS_PATH } from '../../news/views/paths.js';

export interface HomeView {
  homeName: string | null;
  homeCode: string | null;
  roles: { role: string; unitName: string | null }[];
}

/** The newest articles, under the home page's cards. */
function LatestNews({ ctx, news }: { ctx: PageContext; news: TNewsSummary[] }) {
  if (news.length === 0) return null;
  return (
    <section class="home-news" aria-labelledby="home-news-title">
      <h2 id="home-news-title">{ctx.t('news.homeTitle')}</h2>
      <ul class="news-list">
        {news.map((item) => (
          <NewsItem ctx={ctx} item={item} headingLevel={3} />
        ))}
      </ul>
      <p>
        <a href={NEWS_PATH}>{ctx.t('news.homeAll')}</a>
      </p>
    </section>
  );
}

export function HomePage({
  ctx,
  view,
  news = [],
}: {
  ctx: PageContext;
  view: HomeView;
  news?: TNewsSummary[];
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('home.title')}>
      <h1>{ctx.t('home.heading')}</h1>
      <p class="lead">{ctx.t('home.intro', { name: view.homeName ?? ctx.siteName })}</p>
      {ctx.actor ? (
        <section class="notice notice-success" aria-labelledby="signed-in-title">
          <h2 id="signed-in-title">{ctx.t('home.signedInAs', { name: ctx.actor.fullName })}</h2>
          <ul>
            {view.roles.map((r) => (
              <li>
                {ctx.t(`roles.${r.role}`)}
                {r.unitName ? ` – ${r.unitName}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ul class="cards">
        <li class="card">
          <h2>
            <a href="/don-vi">{ctx.t('home.unitsCardTitle')}</a>
          </h2>
          <p>{ctx.t('home.unitsCardText')}</p>
        </li>
        <li class="card">
          <h2>
            <a href={ctx.actor ? '/don-vi' : '/login'}>
              {ctx.actor ? ctx.t('home.accountCardTitle') : ctx.t('auth.login')}
            </a>
          </h2>
          <p>{ctx.actor ? ctx.t('home.accountCardText') : ctx.t('home.loginCardText')}</p>
        </li>
      </ul>
      <LatestNews ctx={ctx} news={news} />
    </Layout>
  );
}
