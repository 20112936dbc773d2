import { EXPORT_FORMATS } from '../../../../shared/catalog/forms.js';
import type { FieldErrors } from '../../../../shared/errors.js';
import { formatNumber } from '../../../../shared/i18n/index.js';
import { Breadcrumbs, ErrorSummary, Notice } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { EXCEL_MAX_CELL_LENGTH } from '../formats/flat.js';
import {
  ADMIN_CATALOG_PATH,
  ADMIN_EXPORT_PATH,
  ADMIN_IMPORT_PATH,
  ADMIN_NEW_PATH,
  adminEditPath,
  CATALOG_PATH,
  Pagination,
  procedurePath,
  SelectField,
} from './parts.js';
import { type FilterOptions, type SearchFilters, SearchForm } from './search-page.js';

export interface AdminListItem {
  code: string;
  name: string;
  field: string;
  level: string;
  onlineLevel: string;
  status: string;
  dataCompleteness: string;
}

export type AdminNotice = { kind: 'created' | 'updated' | 'unchanged' | 'retired'; code: string } | undefined;

export interface AdminListView {
  filters: SearchFilters & { status: string };
  options: FilterOptions;
  result: { items: AdminListItem[]; total: number; page: number; pages: number } | null;
  errors?: FieldErrors | undefined;
  notice?: AdminNotice;
}

function ExportForm({ ctx }: { ctx: PageContext }) {
  return (
    <form method="get" action={ADMIN_EXPORT_PATH} class="export-form" aria-labelledby="export-title">
      <h2 id="export-title">{ctx.t('catalog.admin.export')}</h2>
      <div class="export-row">
        <SelectField
          ctx={ctx}
          name="format"
          label={ctx.t('catalog.admin.exportFormat')}
          value="xlsx"
          options={EXPORT_FORMATS.map((format) => ({
            value: format,
            label: ctx.t(`catalog.admin.formats.${format}`),
          }))}
        />
        <div class="field check-field">
          <input type="checkbox" id="field-includeRetired" name="includeRetired" value="1" />{' '}
          <label for="field-includeRetired">{ctx.t('catalog.admin.includeRetired')}</label>
        </div>
        <button type="submit" class="button button-secondary">
          {ctx.t('catalog.admin.exportButton')}
        </button>
      </div>
      <p class="hint">
        {ctx.t('catalog.admin.exportXlsxNote', { maximum: formatNumber(ctx.locale, EXCEL_MAX_CELL_LENGTH) })}
      </p>
    </form>
  );
}

/** /quan-tri/thu-tuc: every procedure, retired ones too, with search, filters and the way to each form. */
export function AdminListPage({ ctx, view }: { ctx: PageContext; view: AdminListView }) {
  const { result, filters } = view;
  return (
    <Layout ctx={ctx} title={ctx.t('catalog.admin.title')}>
      <Breadcrumbs
        items={[
          { href: '/', label: ctx.t('nav.home') },
          { href: CATALOG_PATH, label: ctx.t('catalog.search.title') },
          { label: ctx.t('catalog.admin.breadcrumb') },
        ]}
      />
      <ErrorSummary ctx={ctx} errors={view.errors} />
      <h1>{ctx.t('catalog.admin.title')}</h1>
      {view.notice ? (
        <Notice kind="success">
          <p>
            {ctx.t(`catalog.admin.notices.${view.notice.kind}`, { code: view.notice.code })}{' '}
            <a href={adminEditPath(view.notice.code)}>{ctx.t('catalog.admin.openAgain')}</a>
          </p>
        </Notice>
      ) : null}
      <p class="actions">
        <a class="button" href={ADMIN_NEW_PATH}>
          {ctx.t('catalog.admin.add')}
        </a>
        <a class="button button-secondary" href={ADMIN_IMPORT_PATH}>
          {ctx.t('catalog.admin.import')}
        </a>
      </p>
      <SearchForm
        ctx={ctx}
        action={ADMIN_CATALOG_PATH}
        filters={filters}
        options={view.options}
        errors={view.errors}
        extra={{ status: filters.status }}
      />
      {result ? (
        result.items.length === 0 ? (
          <p class="empty-state">{ctx.t('catalog.search.noneTitle')}</p>
        ) : (
          <div class="table-wrap">
            <table class="admin-table">
              <caption>
                {ctx.t('catalog.admin.caption', { count: formatNumber(ctx.locale, result.total) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{ctx.t('catalog.detail.code')}</th>
                  <th scope="col">{ctx.t('catalog.admin.labels.name')}</th>
                  <th scope="col">{ctx.t('catalog.detail.field')}</th>
                  <th scope="col">{ctx.t('catalog.detail.level')}</th>
                  <th scope="col">{ctx.t('catalog.admin.online')}</th>
                  <th scope="col">{ctx.t('catalog.admin.status')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{ctx.t('catalog.admin.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.items.map((item) => (
                  <tr>
                    <td class="code">{item.code}</td>
                    <td>
                      {item.status === 'active' ? (
                        <a href={procedurePath(item.code)}>{item.name}</a>
                      ) : (
                        item.name
                      )}
                      {item.dataCompleteness === 'catalogue_only' ? (
                        <>
                          <br />
                          <span class="hint">{ctx.t('catalog.completeness.catalogue_only')}</span>
                        </>
                      ) : null}
                    </td>
                    <td>{item.field}</td>
                    <td>{ctx.t(`catalog.levels.${item.level}`)}</td>
                    <td>{ctx.t(`catalog.onlineLevels.${item.onlineLevel}`)}</td>
                    <td>
                      <span class={item.status === 'active' ? 'tag tag-green' : 'tag tag-grey'}>
                        {ctx.t(`catalog.statuses.${item.status}`)}
                      </span>
                    </td>
                    <td>
                      <a href={adminEditPath(item.code)}>
                        {ctx.t('catalog.admin.edit')}
                        <span class="visually-hidden"> {item.code}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      {result ? (
        <Pagination
          ctx={ctx}
          path={ADMIN_CATALOG_PATH}
          params={{ ...filters }}
          page={result.page}
          pages={result.pages}
        />
      ) : null}
      <ExportForm ctx={ctx} />
    </Layout>
  );
}
