import type { FieldErrors } from '../../../../shared/errors.js';
import { formatDate, formatNumber } from '../../../../shared/i18n/index.js';
import { Breadcrumbs, ErrorSummary, TextField } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { mismatchDetail, type Reconciliation } from '../reconciliation.js';
import { RECONCILIATION_PATH, RECONCILIATION_XLSX_PATH } from './paths.js';

/** 'YYYY-MM-DD' as dd/MM/yyyy. */
const day = (value: string) => formatDate(new Date(`${value}T00:00:00+07:00`));

const money = (ctx: PageContext, cell: { count: number; amountVnd: number }) =>
  ctx.t('payments.reconciliation.count', {
    count: formatNumber(ctx.locale, cell.count),
    amount: formatNumber(ctx.locale, cell.amountVnd),
  });

/** /can-bo/doi-soat: the period's money per day, unit and procedure, the totals, and what does not add up. */
export function ReconciliationPage({
  ctx,
  values,
  data,
  errors,
}: {
  ctx: PageContext;
  values: { from: string; to: string };
  data: Reconciliation | null;
  errors?: FieldErrors | undefined;
}) {
  const t = (key: string) => ctx.t(`payments.reconciliation.${key}`);
  return (
    <Layout ctx={ctx} title={t('title')}>
      <Breadcrumbs items={[{ href: '/can-bo', label: ctx.t('workbench.title') }, { label: t('title') }]} />
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="get" action={RECONCILIATION_PATH} class="filters" novalidate>
        <TextField ctx={ctx} name="from" type="date" label={t('from')} value={values.from} errors={errors} />
        <TextField ctx={ctx} name="to" type="date" label={t('to')} value={values.to} errors={errors} />
        <button type="submit" class="button">
          {t('show')}
        </button>
      </form>
      {data ? (
        <>
          <p>
            <a href={`${RECONCILIATION_XLSX_PATH}?from=${data.from}&to=${data.to}`}>{t('download')}</a>
          </p>
          <h2>{t('totals')}</h2>
          <dl class="summary">
            <dt>{t('online')}</dt>
            <dd>{money(ctx, data.totals.online)}</dd>
            <dt>{t('applied')}</dt>
            <dd>{money(ctx, data.totals.applied)}</dd>
            <dt>{t('counter')}</dt>
            <dd>{money(ctx, data.totals.counter)}</dd>
            <dt>{t('exempted')}</dt>
            <dd>{formatNumber(ctx.locale, data.totals.exempted)}</dd>
            <dt>{t('failed')}</dt>
            <dd>{formatNumber(ctx.locale, data.totals.failed)}</dd>
            <dt>{t('mismatches')}</dt>
            <dd>
              {data.totals.mismatches > 0 ? (
                <strong class="tag tag-red">{formatNumber(ctx.locale, data.totals.mismatches)}</strong>
              ) : (
                '0'
              )}
            </dd>
            <dt>{t('rejected')}</dt>
            <dd>{formatNumber(ctx.locale, data.totals.rejectedCallbacks)}</dd>
          </dl>

          <h2 id="mismatches">{t('mismatchTitle')}</h2>
          {data.mismatches.length === 0 ? (
            <p>{t('noMismatch')}</p>
          ) : (
            <div class="table-wrap">
              <table class="dense">
                <thead>
                  <tr>
                    <th scope="col">{t('day')}</th>
                    <th scope="col">{t('kind')}</th>
                    <th scope="col">{t('application')}</th>
                    <th scope="col">{t('reference')}</th>
                    <th scope="col">{t('amount')}</th>
                    <th scope="col">{t('detail')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.mismatches.map((m) => (
                    <tr>
                      <td>{day(m.day)}</td>
                      <td>
                        <strong class="tag tag-red">{t(`kinds.${m.kind}`)}</strong>
                      </td>
                      <td>
                        <a href={`/can-bo/ho-so/${encodeURIComponent(m.applicationCode)}`}>
                          {m.applicationCode}
                        </a>
                      </td>
                      <td class="code">{m.txnRef ?? '—'}</td>
                      <td>{m.amountVnd === null ? '—' : formatNumber(ctx.locale, m.amountVnd)}</td>
                      <td>{mismatchDetail(ctx.locale, m)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          <h2>{t('byDay')}</h2>
          {data.rows.length === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <div class="table-wrap">
              <table class="dense">
                <thead>
                  <tr>
                    <th scope="col">{t('day')}</th>
                    <th scope="col">{t('unit')}</th>
                    <th scope="col">{t('procedure')}</th>
                    <th scope="col">{t('online')}</th>
                    <th scope="col">{t('applied')}</th>
                    <th scope="col">{t('counter')}</th>
                    <th scope="col">{t('exempted')}</th>
                    <th scope="col">{t('failed')}</th>
                    <th scope="col">{t('mismatches')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((r) => (
                    <tr class={r.mismatches > 0 ? 'current' : undefined}>
                      <td>{day(r.day)}</td>
                      <td>{r.unitName || r.unit}</td>
                      <td>
                        <span class="code">{r.procedureCode}</span> {r.procedureName}
                      </td>
                      <td>{money(ctx, r.online)}</td>
                      <td>{money(ctx, r.applied)}</td>
                      <td>{money(ctx, r.counter)}</td>
                      <td>{r.exempted}</td>
                      <td>{r.failed}</td>
                      <td>{r.mismatches > 0 ? <strong class="tag tag-red">{r.mismatches}</strong> : '0'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </Layout>
  );
}
