import { QUEUES, type Queue } from '../../../../shared/applications/workbench.js';
import { formatDateTime } from '../../../../shared/i18n/index.js';
import { CsrfField, Notice } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import type { presentWorkbenchItem } from '../workbench.presenter.js';

type Item = ReturnType<typeof presentWorkbenchItem>;

export function ProgressTag({ ctx, progress }: { ctx: PageContext; progress: Item['progress'] }) {
  if (!progress) return null;
  const tone =
    progress === 'overdue' ? 'tag tag-red' : progress === 'due_soon' ? 'tag tag-amber' : 'tag tag-green';
  return <span class={tone}>{ctx.t(`workbench.progress.${progress}`)}</span>;
}

export function WorkbenchPage(props: {
  ctx: PageContext;
  queue: Queue;
  q: string;
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<string, number>;
  canAccept: boolean;
  canIntake: boolean;
  registerFrom: string;
  registerTo: string;
  notice?: string | undefined;
}) {
  const { ctx } = props;
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const link = (page: number) =>
    `/can-bo?queue=${props.queue}${props.q ? `&q=${encodeURIComponent(props.q)}` : ''}&page=${page}`;
  const bulk = props.canAccept && props.queue === 'new';
  const rows = props.items.map((item) => (
    <tr>
      {bulk ? (
        <td>
          {item.status === 1 ? (
            <input
              type="checkbox"
              name="items"
              value={`${item.code}:${item.version}`}
              id={`pick-${item.code}`}
              aria-label={`${ctx.t('workbench.columns.select')} ${item.code}`}
            />
          ) : null}
        </td>
      ) : null}
      <td>
        <a href={`/can-bo/ho-so/${item.code}`}>{item.code}</a>
      </td>
      <td>{item.procedureName}</td>
      <td>{item.applicantName}</td>
      <td>
        {ctx.t(`applications.status.${item.status}`)}
        {item.step ? (
          <>
            <br />
            <span class="muted">{ctx.t(`workbench.steps.${item.step}`)}</span>
          </>
        ) : null}
      </td>
      <td>
        {item.dueAt ? formatDateTime(new Date(item.dueAt)) : '—'}{' '}
        <ProgressTag ctx={ctx} progress={item.progress} />
        {item.stepDueAt ? (
          <>
            <br />
            <span class="muted">
              {ctx.t('workbench.stepDue', { at: formatDateTime(new Date(item.stepDueAt)) })}
            </span>{' '}
            {item.stepLate ? <span class="tag tag-red">{ctx.t('workbench.stepLate')}</span> : null}
          </>
        ) : null}
      </td>
    </tr>
  ));
  const table = (
    <div class="table-wrap">
      <table class="dense">
        <caption>
          {ctx.t(`workbench.queues.${props.queue}`)} –{' '}
          {ctx.t('workbench.resultCount', { total: props.total })}
        </caption>
        <thead>
          <tr>
            {bulk ? <th scope="col">{ctx.t('workbench.columns.select')}</th> : null}
            <th scope="col">{ctx.t('workbench.columns.code')}</th>
            <th scope="col">{ctx.t('workbench.columns.procedure')}</th>
            <th scope="col">{ctx.t('workbench.columns.applicant')}</th>
            <th scope="col">{ctx.t('workbench.columns.status')}</th>
            <th scope="col">{ctx.t('workbench.columns.due')}</th>
          </tr>
        </thead>
        <tbody>{rows}</tbody>
      </table>
    </div>
  );
  return (
    <Layout ctx={ctx} title={ctx.t('workbench.title')}>
      <h1>{ctx.t('workbench.title')}</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.canIntake ? (
        <p>
          <a class="button button-secondary" href="/can-bo/tiep-nhan">
            {ctx.t('workbench.intakeLink')}
          </a>{' '}
          <a href={`/api/v1/registers/tracking?from=${props.registerFrom}&to=${props.registerTo}`}>
            {ctx.t('workbench.slips.register')}
          </a>{' '}
          <a href="/can-bo/doi-soat">{ctx.t('payments.reconciliation.title')}</a>
        </p>
      ) : (
        <p>
          <a href="/can-bo/doi-soat">{ctx.t('payments.reconciliation.title')}</a>
        </p>
      )}
      <nav aria-label={ctx.t('workbench.queueNav')} class="queue-nav">
        <ul>
          {QUEUES.map((queue) => (
            <li>
              <a href={`/can-bo?queue=${queue}`} aria-current={queue === props.queue ? 'page' : undefined}>
                {ctx.t(`workbench.queues.${queue}`)} <span class="count">{props.counts[queue] ?? 0}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action="/can-bo" class="search-form">
        <input type="hidden" name="queue" value={props.queue} />
        <label for="workbench-q">{ctx.t('workbench.search')}</label>
        <input id="workbench-q" name="q" type="search" value={props.q} maxlength={100} />
        <button type="submit" class="button button-secondary">
          {ctx.t('workbench.searchButton')}
        </button>
      </form>
      {props.items.length === 0 ? (
        <p>{ctx.t('workbench.empty')}</p>
      ) : bulk ? (
        <form method="post" action="/can-bo/tiep-nhan-nhieu">
          <CsrfField ctx={ctx} />
          {table}
          <button type="submit" class="button">
            {ctx.t('workbench.bulkAccept')}
          </button>
        </form>
      ) : (
        table
      )}
      {pages > 1 ? (
        <nav class="pagination" aria-label={ctx.t('workbench.page', { page: props.page, pages })}>
          {props.page > 1 ? <a href={link(props.page - 1)}>{ctx.t('workbench.previous')}</a> : null}
          <span>{ctx.t('workbench.page', { page: props.page, pages })}</span>
          {props.page < pages ? <a href={link(props.page + 1)}>{ctx.t('workbench.next')}</a> : null}
        </nav>
      ) : null}
    </Layout>
  );
}
