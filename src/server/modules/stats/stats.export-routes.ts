// The statistics downloads, linked from the statistics pages:
//   GET /thong-ke/xuat?table=unit&format=xlsx&unit=123&from=2025-01-01&to=2025-06-30  one table, XLSX or CSV
//   GET /thong-ke/bao-cao.pdf?unit=123&from=2025-01-01&to=2025-06-30                    the period's report
// with the filter of every statistics request (unit, from, to, descendants, procedure, field, channel).
// Aggregates are public; the officer and head tables are for staff of the unit or above (signed out:
// to the login page, as the pages do; anyone else: 403). A bad filter answers a 400 page that says what
// is wrong, never a 5xx.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../shared/errors.js';
import { hasMessage } from '../../../shared/i18n/index.js';
import {
  isPersonalTable,
  ZStatsExportQuery,
  ZStatsReportQuery,
} from '../../../shared/stats/export-schema.js';
import { parseWith } from '../../../shared/validation.js';
import { CSV_CONTENT_TYPE, tableToCsv, tableToXlsx, XLSX_CONTENT_TYPE } from '../../export/table.js';
import { sendError, toAppError } from '../../plugins/errors.js';
import { ErrorPage } from '../errors/views/error-page.js';
import { buildStatsTable, exportFileName } from './stats.exports.js';
import { buildStatsReport, reportFileName } from './stats.report.js';
import { filterOf } from './stats.routes.js';
import { EXPORT_PATH, REPORT_PATH } from './views/paths.js';

/** The query's single values, blanks left out (a form's empty field means "not given"). */
function queryValues(query: unknown): Record<string, unknown> {
  if (!query || typeof query !== 'object') return {};
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
}

/**
 * Errors of these routes as the app answers them, except that a bad filter says which field is wrong
 * and why on the error page itself: a download link has no form to mark the fields on.
 */
function answerError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const appError = toAppError(error);
  if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: appError.code }, 'request refused');
  const fields = appError.options.fields;
  if (!fields || Object.keys(fields).length === 0) return sendError(request, reply, appError);
  const problems = Object.entries(fields)
    .map(([name, field]) => {
      const message = request.t(field.key, field.params).replace(/([^.!?])$/, '$1.');
      const label = `statsExport.fields.${name}`;
      return hasMessage(label)
        ? request.t('statsExport.errors.problem', { field: request.t(label), message })
        : message;
    })
    .join(' ');
  const message = request.t('statsExport.errors.invalid', { problems });
  return reply.page((ctx) => ErrorPage({ ctx, status: appError.status, message }), appError.status);
}

export const statsExportRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  app.setErrorHandler(answerError);

  app.get(EXPORT_PATH, { schema: { hide: true } }, async (request, reply) => {
    const parsed = parseWith(ZStatsExportQuery, queryValues(request.query));
    if (!parsed.ok) throw new AppError('VALIDATION_FAILED', { fields: parsed.fields });
    const { table, format, ...query } = parsed.value;
    if (isPersonalTable(table) && !request.actor)
      return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
    const result = await buildStatsTable(deps, request.actor, { ...filterOf(query), table }, request.locale);
    const bytes =
      format === 'csv'
        ? tableToCsv(result.table)
        : await tableToXlsx(result.table, { created: deps.clock.now() });
    return reply
      .header('content-type', format === 'csv' ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE)
      .header('content-disposition', `attachment; filename="${exportFileName(result, table, format)}"`)
      .header('cache-control', result.personal ? 'private, no-store' : 'no-cache')
      .send(bytes);
  });

  app.get(REPORT_PATH, { schema: { hide: true } }, async (request, reply) => {
    const parsed = parseWith(ZStatsReportQuery, queryValues(request.query));
    if (!parsed.ok) throw new AppError('VALIDATION_FAILED', { fields: parsed.fields });
    const report = await buildStatsReport(deps, { filter: filterOf(parsed.value), locale: request.locale });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${reportFileName(report)}"`)
      .header('cache-control', 'no-cache')
      .send(report.pdf);
  });
};
