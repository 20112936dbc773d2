// The applications behind one figure of the leaders' dashboard, a page at a time, each linked to its
// page in the workbench.
import { formatDateTime, formatNumber } from '../../../../shared/i18n/index.js';
import { Breadcrumbs } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import type { listApplicationsBehind } from '../stats.service.js';
import { type StatsQueryValues, statsQuery } from './dashboard-page.js';
import { BEHIND_PATH, DASHBOARD_PATH } from './paths.js';

type Result = Awaited<ReturnType<typeof listApplicationsBehind>>;

const day = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

export function BehindPage({
  ctx,
  values,
  result,
}: {
  ctx: PageContext;
  values: StatsQueryValues;
  result: Result;
}) {
  const figure = ctx.t(`stats.figures.${result.figure}`);
  const title = ctx.t('stats.dashboard.behindTitle', { figure });
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const link = (page: number) =>
    `${BEHIND_PATH}?${statsQuery(values, { figure: result.figure, page: String(page) })}`;
  const dashboard = `${DASHBOARD_PATH}?${statsQuery({ unit: values.unit, from: values.from, to: values.to })}`;
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumbs
        items={[
          { href: '/', label: ctx.t('nav.home') },
          { href: dashboard, label: ctx.t('stats.dashboard.leaderTitle') },
          { label: figure },
        ]}
      />
      <h1>{title}</h1>
      <p class="lead">
        {ctx.locale === 'en' ? result.header.unitNameEn : result.header.unitName} ·{' '}
        {ctx.t('stats.dashboard.period', { from: day(result.header.from), to: day(result.header.to) })}
        {values.field ? ` · ${values.field}` : ''}
        {values.descendants === 'false' ? ` · ${ctx.t('stats.dashboard.unitAlone')}` : ''}
      </p>
      <p class="result-count">
        {ctx.t('stats.dashboard.behindCount', { count: formatNumber(ctx.locale, result.total) })}
      </p>
      {result.items.length === 0 ? (
        <p>{ctx.t('stats.dashboard.behindEmpty')}</p>
      ) : (
        <section class="table-wrap" tabindex="0" aria-label={title}>
          <table class="behind-table">
            <thead>
              <tr>
                <th scope="col">{ctx.t('stats.dashboard.code')}</th>
                <th scope="col">{ctx.t('stats.dashboard.procedure')}</th>
                <th scope="col">{ctx.t('stats.dashboard.channel')}</th>
                <th scope="col">{ctx.t('stats.dashboard.status')}</th>
                <th scope="col">{ctx.t('stats.dashboard.at')}</th>
                <th scope="col">{ctx.t('stats.dashboard.dueAt')}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((item) => (
                <tr>
                  <td>
                    <a class="code" href={`/can-bo/ho-so/${encodeURIComponent(item.code)}`}>
                      {item.code}
                    </a>
                  </td>
                  <td>{item.procedureName}</td>
                  <td>{ctx.t(`stats.channels.${item.channel}`)}</td>
                  <td>{ctx.t(`applications.status.${item.status}`)}</td>
                  <td class="nowrap">{item.at ? formatDateTime(item.at) : '—'}</td>
                  <td class="nowrap">{item.dueAt ? formatDateTime(item.dueAt) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {pages > 1 ? (
        <nav class="pagination" aria-label={ctx.t('stats.dashboard.pageOf', { page: result.page, pages })}>
          <p>{ctx.t('stats.dashboard.pageOf', { page: result.page, pages })}</p>
          <p>
            {result.page > 1 ? <a href={link(result.page - 1)}>{ctx.t('stats.dashboard.previous')}</a> : null}{' '}
            {result.page < pages ? <a href={link(result.page + 1)}>{ctx.t('stats.dashboard.next')}</a> : null}
          </p>
        </nav>
      ) : null}
      <p>
        <a href={dashboard}>{ctx.t('stats.dashboard.back')}</a>
      </p>
    </Layout>
  );
}
