import { ONLINE_LEVELS, PROCEDURE_LEVELS } from '../../../../shared/catalog/schema.js';
import type { FieldErrors } from '../../../../shared/errors.js';
import { formatNumber } from '../../../../shared/i18n/index.js';
import { Breadcrumbs, CsrfField, ErrorSummary, Notice } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { ADMIN_CATALOG_PATH, ADMIN_IMPORT_PATH, procedurePath, SelectField } from './parts.js';

/** One problem of the file, already placed and translated. */
export interface ReportLine {
  where: string;
  message: string;
}

export interface ImportReportView {
  fileName: string;
  format: string | null;
  /** True when the file had problems, so nothing was imported. */
  refused: boolean;
  /** Good records held back because the file had problems. */
  heldBack: number;
  created: string[];
  updated: string[];
  unchanged: string[];
  rejected: ReportLine[];
  rejectedCount: number;
  warnings: ReportLine[];
  unlinkedAgencies: string[];
}

export interface ImportPageView {
  values: { portalLevel: string; portalOnlineLevel: string };
  errors?: FieldErrors | undefined;
  report?: ImportReportView | undefined;
  maxMegabytes: number;
}

function CodeList({ ctx, codes, label }: { ctx: PageContext; codes: string[]; label: string }) {
  if (codes.length === 0) return null;
  return (
    <details class="code-list">
      <summary>{ctx.t('catalog.import.codesList', { what: label, count: codes.length })}</summary>
      <ul class="inline-list">
        {codes.map((code) => (
          <li>
            <a href={procedurePath(code)}>{code}</a>
          </li>
        ))}
      </ul>
    </details>
  );
}

function ProblemTable({ ctx, lines, caption }: { ctx: PageContext; lines: ReportLine[]; caption: string }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t('catalog.import.where')}</th>
            <th scope="col">{ctx.t('catalog.import.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr>
              <td>{line.where}</td>
              <td>{line.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Report({ ctx, report }: { ctx: PageContext; report: ImportReportView }) {
  const n = (value: number) => formatNumber(ctx.locale, value);
  return (
    <section aria-labelledby="report-title" class="import-report">
      <h2 id="report-title">{ctx.t('catalog.import.reportTitle')}</h2>
      <p>
        {ctx.t('catalog.import.reportFile', {
          name: report.fileName,
          format: report.format ? ctx.t(`catalog.import.formats.${report.format}`) : '?',
        })}
      </p>
      {report.refused ? (
        <Notice kind="warning">
          <p>{ctx.t('catalog.import.nothingImported', { count: n(report.rejectedCount) })}</p>
          {report.heldBack > 0 ? (
            <p>{ctx.t('catalog.import.heldBack', { count: n(report.heldBack) })}</p>
          ) : null}
        </Notice>
      ) : (
        <Notice kind="success">
          <p>
            {ctx.t('catalog.import.done', {
              created: n(report.created.length),
              updated: n(report.updated.length),
              unchanged: n(report.unchanged.length),
            })}
          </p>
        </Notice>
      )}
      <dl class="summary report-counts">
        <dt>{ctx.t('catalog.import.created')}</dt>
        <dd>{n(report.created.length)}</dd>
        <dt>{ctx.t('catalog.import.updated')}</dt>
        <dd>{n(report.updated.length)}</dd>
        <dt>{ctx.t('catalog.import.unchanged')}</dt>
        <dd>{n(report.unchanged.length)}</dd>
        <dt>{ctx.t('catalog.import.rejected')}</dt>
        <dd>{n(report.rejectedCount)}</dd>
      </dl>
      <CodeList ctx={ctx} codes={report.created} label={ctx.t('catalog.import.created')} />
      <CodeList ctx={ctx} codes={report.updated} label={ctx.t('catalog.import.updated')} />
      {report.rejected.length > 0 ? (
        <ProblemTable ctx={ctx} lines={report.rejected} caption={ctx.t('catalog.import.problemsTitle')} />
      ) : null}
      {report.warnings.length > 0 ? (
        <ProblemTable ctx={ctx} lines={report.warnings} caption={ctx.t('catalog.import.warningsTitle')} />
      ) : null}
      {report.unlinkedAgencies.length > 0 ? (
        <>
          <h3>{ctx.t('catalog.import.unlinkedTitle')}</h3>
          <p>{ctx.t('catalog.import.unlinkedText')}</p>
          <ul>
            {report.unlinkedAgencies.map((name) => (
              <li>{name}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** /quan-tri/thu-tuc/nhap: upload a catalogue file; after an upload, what became of each record. */
export function ImportPage({ ctx, view }: { ctx: PageContext; view: ImportPageView }) {
  return (
    <Layout ctx={ctx} title={ctx.t('catalog.import.title')}>
      <Breadcrumbs
        items={[
          { href: '/', label: ctx.t('nav.home') },
          { href: ADMIN_CATALOG_PATH, label: ctx.t('catalog.admin.breadcrumb') },
          { label: ctx.t('catalog.import.title') },
        ]}
      />
      <ErrorSummary ctx={ctx} errors={view.errors} />
      <h1>{ctx.t('catalog.import.title')}</h1>
      {view.report ? <Report ctx={ctx} report={view.report} /> : null}
      <h2>{view.report ? ctx.t('catalog.import.again') : ctx.t('catalog.import.uploadTitle')}</h2>
      <p>{ctx.t('catalog.import.intro')}</p>
      <p>{ctx.t('catalog.import.allOrNothing')}</p>
      <form method="post" action={ADMIN_IMPORT_PATH} enctype="multipart/form-data" novalidate>
        <CsrfField ctx={ctx} />
        <div class={view.errors?.file ? 'field field-error' : 'field'}>
          <label for="field-file">{ctx.t('catalog.import.file')}</label>
          <p class="hint" id="field-file-hint">
            {ctx.t('catalog.import.fileHint', { size: view.maxMegabytes })}
          </p>
          {view.errors?.file ? (
            <p class="error-message" id="field-file-error">
              <span class="visually-hidden">{ctx.t('common.errorPrefix')}</span>{' '}
              {ctx.t(view.errors.file.key, view.errors.file.params)}
            </p>
          ) : null}
          <input
            type="file"
            id="field-file"
            name="file"
            accept=".json,.csv,.xlsx,application/json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={view.errors?.file ? 'field-file-hint field-file-error' : 'field-file-hint'}
          />
        </div>
        <fieldset class="portal-fieldset">
          <legend>{ctx.t('catalog.import.portalTitle')}</legend>
          <p class="hint">{ctx.t('catalog.import.portalHint')}</p>
          <div class="inline-fields">
            <SelectField
              ctx={ctx}
              name="portalLevel"
              label={ctx.t('catalog.admin.labels.level')}
              value={view.values.portalLevel}
              errors={view.errors}
              options={[
                { value: '', label: ctx.t('catalog.admin.labels.choose') },
                ...PROCEDURE_LEVELS.map((level) => ({
                  value: level,
                  label: ctx.t(`catalog.levels.${level}`),
                })),
              ]}
            />
            <SelectField
              ctx={ctx}
              name="portalOnlineLevel"
              label={ctx.t('catalog.admin.labels.onlineLevel')}
              value={view.values.portalOnlineLevel}
              errors={view.errors}
              options={[
                { value: '', label: ctx.t('catalog.admin.labels.choose') },
                ...ONLINE_LEVELS.map((level) => ({
                  value: level,
                  label: ctx.t(`catalog.onlineLevels.${level}`),
                })),
              ]}
            />
          </div>
        </fieldset>
        <button type="submit" class="button">
          {ctx.t('catalog.import.upload')}
        </button>
      </form>
    </Layout>
  );
}
