// Administrators' page: a unit's yearly targets (an online rate of 80%...), what is in force, and how
// far the unit (with the units below it) has come this year.
import type { FieldErrors } from '../../../../shared/errors.js';
import { Breadcrumbs, CsrfField, ErrorSummary, Notice } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { SelectField } from '../../catalog/views/parts.js';
import type { TargetProgress, TargetsView } from '../stats.service.js';
import { ADMIN_TARGETS_PATH } from './paths.js';

export interface TargetsPageView {
  units: { code: string; name: string; nameEn: string; depth: number }[];
  view: TargetsView;
  progress: TargetProgress[] | null;
  /** What the form shows, per indicator (as typed, when it is re-rendered with errors). */
  values: Record<string, string>;
  errors?: FieldErrors | undefined;
  saved?: boolean;
}

const number = (ctx: PageContext, value: number | null) =>
  value === null
    ? '—'
    : `${new Intl.NumberFormat(ctx.locale === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 2 }).format(value)}%`;

function TargetRow({
  ctx,
  row,
  value,
  progress,
  errors,
}: {
  ctx: PageContext;
  row: TargetsView['targets'][number];
  value: string;
  progress: TargetProgress | undefined;
  errors: FieldErrors | undefined;
}) {
  const name = `targets.${row.indicator}`;
  const id = `field-${name}`;
  const error = errors?.[name];
  const label = ctx.t(`stats.index.indicators.${row.indicator}`);
  return (
    <tr class={error ? 'field-error' : undefined}>
      <th scope="row">
        <label for={id}>{label}</label>
      </th>
      <td>
        {error ? (
          <p class="error-message" id={`${id}-error`}>
            <span class="visually-hidden">{ctx.t('common.errorPrefix')}</span>{' '}
            {ctx.t(error.key, error.params)}
          </p>
        ) : null}
        <span class="nowrap">
          <input
            id={id}
            name={name}
            type="text"
            inputmode="decimal"
            class="input-narrow"
            value={value}
            aria-describedby={`${id}-effective${error ? ` ${id}-error` : ''}`}
            aria-invalid={error ? 'true' : undefined}
          />{' '}
          %
        </span>
      </td>
      <td class="num" id={`${id}-effective`}>
        {number(ctx, row.effective)}
        <br />
        <span class="hint">{ctx.t(`stats.targets.sources.${row.source}`)}</span>
      </td>
      <td class="num">
        {progress?.value === null || progress === undefined ? (
          <span class="hint">{ctx.t('stats.targets.noData')}</span>
        ) : (
          <>
            {number(ctx, progress.value)}{' '}
            <span class={progress.met ? 'tag tag-green' : 'tag'}>
              {ctx.t(progress.met ? 'stats.targets.met' : 'stats.targets.notMet')}
            </span>
          </>
        )}
      </td>
    </tr>
  );
}

export function AdminTargetsPage({ ctx, page }: { ctx: PageContext; page: TargetsPageView }) {
  const { view } = page;
  const unitName = ctx.locale === 'en' ? view.unitNameEn : view.unitName;
  const title = ctx.t('stats.targets.title', { year: view.year });
  return (
    <Layout ctx={ctx} title={`${title} — ${unitName}`}>
      <Breadcrumbs
        items={[{ href: '/', label: ctx.t('nav.home') }, { label: ctx.t('stats.targets.breadcrumb') }]}
      />
      <ErrorSummary ctx={ctx} errors={page.errors} />
      <h1>{`${title}: ${unitName}`}</h1>
      {page.saved ? (
        <Notice kind="success">
          <p>{ctx.t('stats.targets.saved', { unit: unitName, year: view.year })}</p>
        </Notice>
      ) : null}
      <p class="lead">{ctx.t('stats.targets.intro')}</p>

      <form
        method="get"
        action={ADMIN_TARGETS_PATH}
        class="inline-fields"
        aria-label={ctx.t('stats.targets.choose')}
      >
        <SelectField
          ctx={ctx}
          name="unit"
          label={ctx.t('stats.targets.unit')}
          value={view.unit}
          options={page.units.map((u) => ({
            value: u.code,
            label: `${'— '.repeat(u.depth)}${ctx.locale === 'en' ? u.nameEn : u.name} (${u.code})`,
          }))}
        />
        <div class="field">
          <label for="field-year">{ctx.t('stats.targets.year')}</label>
          <input
            id="field-year"
            name="year"
            type="text"
            inputmode="numeric"
            class="input-narrow"
            value={String(view.year)}
          />
        </div>
        <div class="field">
          <button type="submit" class="button button-secondary">
            {ctx.t('stats.targets.show')}
          </button>
        </div>
      </form>

      <form method="post" action={ADMIN_TARGETS_PATH} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="unit" value={view.unit} />
        <input type="hidden" name="year" value={String(view.year)} />
        <div class="table-wrap">
          <table>
            <caption>{ctx.t('stats.targets.caption', { unit: unitName, year: view.year })}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('stats.targets.indicator')}</th>
                <th scope="col">{ctx.t('stats.targets.own')}</th>
                <th scope="col">{ctx.t('stats.targets.effective')}</th>
                <th scope="col">{ctx.t('stats.targets.progress')}</th>
              </tr>
            </thead>
            <tbody>
              {view.targets.map((row) => (
                <TargetRow
                  ctx={ctx}
                  row={row}
                  value={page.values[row.indicator] ?? ''}
                  progress={page.progress?.find((p) => p.indicator === row.indicator)}
                  errors={page.errors}
                />
              ))}
            </tbody>
          </table>
        </div>
        <p class="hint">{ctx.t('stats.targets.hint')}</p>
        <button type="submit" class="button">
          {ctx.t('stats.targets.save')}
        </button>
      </form>
    </Layout>
  );
}
