import { ONLINE_LEVELS, PROCEDURE_LEVELS } from '../../../../shared/catalog/schema.js';
import type { FieldErrors } from '../../../../shared/errors.js';
import { formatNumber } from '../../../../shared/i18n/index.js';
import { Breadcrumbs, ErrorSummary, TextField } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import {
  CATALOG_PATH,
  GroupedSelectField,
  LevelTag,
  OnlineTag,
  Pagination,
  pageHref,
  procedurePath,
  SelectField,
} from './parts.js';

export interface SearchFilters {
  q: string;
  level: string;
  field: string;
  agency: string;
  onlineLevel: string;
}

export interface SearchResultItem {
  code: string;
  name: string;
  field: string;
  level: string;
  onlineLevel: string;
}

export interface FilterOptions {
  fields: { field: string; count: number }[];
  agencies: { label: string; options: { value: string; label: string }[] }[];
}

export interface SearchView {
  filters: SearchFilters;
  options: FilterOptions;
  /** Null when the query could not be read: the form shows why, and no results. */
  result: { items: SearchResultItem[]; total: number; page: number; pages: number } | null;
  errors?: FieldErrors | undefined;
}

/** The search form: one box, then filters folded away until used; a GET form that works without JavaScript. */
export function SearchForm({
  ctx,
  action,
  filters,
  options,
  errors,
  extra,
}: {
  ctx: PageContext;
  action: string;
  filters: SearchFilters;
  options: FilterOptions;
  errors?: FieldErrors | undefined;
  extra?: { status: string } | undefined;
}) {
  const filtered = Boolean(
    filters.level || filters.field || filters.agency || filters.onlineLevel || extra?.status,
  );
  return (
    <search>
      <form method="get" action={action} class="catalog-search" novalidate>
        <div class="catalog-search-box">
          <TextField
            ctx={ctx}
            name="q"
            type="search"
            label={ctx.t('catalog.search.query')}
            hint={ctx.t('catalog.search.queryHint')}
            value={filters.q}
            errors={errors}
            autocomplete="off"
          />
          <button type="submit" class="button">
            {ctx.t('catalog.search.submit')}
          </button>
        </div>
        <details class="filters" open={filtered}>
          <summary>{ctx.t('catalog.search.filters')}</summary>
          <div class="filter-grid">
            <SelectField
              ctx={ctx}
              name="level"
              label={ctx.t('catalog.search.level')}
              value={filters.level}
              errors={errors}
              options={[
                { value: '', label: ctx.t('catalog.search.anyLevel') },
                ...PROCEDURE_LEVELS.map((level) => ({
                  value: level,
                  label: ctx.t(`catalog.levels.${level}`),
                })),
              ]}
            />
            <SelectField
              ctx={ctx}
              name="onlineLevel"
              label={ctx.t('catalog.search.onlineLevel')}
              value={filters.onlineLevel}
              errors={errors}
              options={[
                { value: '', label: ctx.t('catalog.search.anyOnlineLevel') },
                ...ONLINE_LEVELS.map((level) => ({
                  value: level,
                  label: ctx.t(`catalog.onlineLevels.${level}`),
                })),
              ]}
            />
            <SelectField
              ctx={ctx}
              name="field"
              label={ctx.t('catalog.search.field')}
              value={filters.field}
              errors={errors}
              options={[
                { value: '', label: ctx.t('catalog.search.anyField') },
                ...options.fields.map((f) => ({
                  value: f.field,
                  label: ctx.t('catalog.search.fieldOption', { field: f.field, count: f.count }),
                })),
              ]}
            />
            <GroupedSelectField
              ctx={ctx}
              name="agency"
              label={ctx.t('catalog.search.agency')}
              empty={ctx.t('catalog.search.anyAgency')}
              value={filters.agency}
              errors={errors}
              groups={options.agencies}
            />
            {extra ? (
              <SelectField
                ctx={ctx}
                name="status"
                label={ctx.t('catalog.admin.status')}
                value={extra.status}
                errors={errors}
                options={[
                  { value: '', label: ctx.t('catalog.admin.anyStatus') },
                  { value: 'active', label: ctx.t('catalog.statuses.active') },
                  { value: 'retired', label: ctx.t('catalog.statuses.retired') },
                ]}
              />
            ) : null}
          </div>
          <button type="submit" class="button button-secondary">
            {ctx.t('catalog.search.apply')}
          </button>
          {filtered || filters.q ? (
            <a class="clear-link" href={action}>
              {ctx.t('catalog.search.clear')}
            </a>
          ) : null}
        </details>
      </form>
    </search>
  );
}

function EmptyState({ ctx, view }: { ctx: PageContext; view: SearchView }) {
  const result = view.result;
  if (result && result.total > 0) {
    return (
      <div class="empty-state">
        <p>{ctx.t('catalog.search.pageEmpty', { page: result.page })}</p>
        <p>
          <a href={pageHref(CATALOG_PATH, { ...view.filters }, 1)}>{ctx.t('catalog.search.firstPage')}</a>
        </p>
      </div>
    );
  }
  return (
    <div class="empty-state">
      <p>{ctx.t('catalog.search.noneHelp')}</p>
      <ul>
        <li>
          <a href={CATALOG_PATH}>{ctx.t('catalog.search.noneAll')}</a>
        </li>
        <li>{ctx.t('catalog.search.noneCall', { hotline: ctx.hotline })}</li>
      </ul>
    </div>
  );
}

export function ResultList({ ctx, items }: { ctx: PageContext; items: SearchResultItem[] }) {
  return (
    <ul class="result-list">
      {items.map((item) => (
        <li class="result">
          <h3 class="result-title">
            <a href={procedurePath(item.code)}>{item.name}</a>
          </h3>
          <p class="result-meta">
            {ctx.t('catalog.search.code')}: <span class="code">{item.code}</span> ·{' '}
            {ctx.t('catalog.search.fieldLabel')}: {item.field}
          </p>
          <p class="result-tags">
            <LevelTag ctx={ctx} level={item.level} /> <OnlineTag ctx={ctx} onlineLevel={item.onlineLevel} />
          </p>
        </li>
      ))}
    </ul>
  );
}

/** /thu-tuc: search the catalogue, filter it, page through it by links. */
export function SearchPage({ ctx, view }: { ctx: PageContext; view: SearchView }) {
  const { result, filters } = view;
  return (
    <Layout ctx={ctx} title={ctx.t('catalog.search.title')}>
      <Breadcrumbs
        items={[{ href: '/', label: ctx.t('nav.home') }, { label: ctx.t('catalog.search.title') }]}
      />
      <ErrorSummary ctx={ctx} errors={view.errors} />
      <h1>{ctx.t('catalog.search.title')}</h1>
      <p class="lead">{ctx.t('catalog.search.intro', { name: ctx.siteName })}</p>
      <SearchForm
        ctx={ctx}
        action={CATALOG_PATH}
        filters={filters}
        options={view.options}
        errors={view.errors}
      />
      {result ? (
        <section aria-labelledby="results-title" class="results">
          <h2 id="results-title" class="result-count">
            {result.total === 0
              ? ctx.t('catalog.search.noneTitle')
              : filters.q
                ? ctx.t('catalog.search.foundFor', {
                    count: formatNumber(ctx.locale, result.total),
                    q: filters.q,
                  })
                : ctx.t('catalog.search.found', { count: formatNumber(ctx.locale, result.total) })}
          </h2>
          {result.items.length > 0 ? (
            <ResultList ctx={ctx} items={result.items} />
          ) : (
            <EmptyState ctx={ctx} view={view} />
          )}
          <Pagination
            ctx={ctx}
            path={CATALOG_PATH}
            params={{ ...filters }}
            page={result.page}
            pages={result.pages}
          />
        </section>
      ) : null}
    </Layout>
  );
}
