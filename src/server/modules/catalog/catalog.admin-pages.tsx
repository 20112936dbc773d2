// Administrators' pages of the catalogue: the list, the create and edit forms, retiring, importing a
// file and exporting the catalogue. Every page needs 'catalog.manage': signed-out people are sent to
// sign in, everyone else without it gets the 403 page. Changes go through the catalogue service,
// which audits each one.
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { grantsAllow } from '../../../shared/auth/roles.js';
import {
  PAGE_SIZE,
  ZProcedureAdminSearchPage,
  ZProcedureExportQuery,
} from '../../../shared/catalog/forms.js';
import {
  CATALOGUE_FILE_FORMAT,
  CATALOGUE_FILE_FORMAT_VERSION,
  type CatalogIssue,
  ONLINE_LEVELS,
  PROCEDURE_CODE_PATTERN,
  PROCEDURE_LEVELS,
  type TOnlineLevel,
  type TProcedureLevel,
  type TProcedureRecord,
} from '../../../shared/catalog/schema.js';
import { vietnamDate } from '../../../shared/clock.js';
import { AppError, type FieldErrors, isAppError } from '../../../shared/errors.js';
import { parseWith } from '../../../shared/validation.js';
import type { ActionContext } from '../../context.js';
import { CSRF_CHECKED_IN_HANDLER, CSRF_FIELD, csrfTokenMatches } from '../../plugins/csrf.js';
import { readMultipartForm } from '../../plugins/multipart-form.js';
import { type FormIssue, formValuesFromBody, formValuesFromRecord, recordFromForm } from './catalog.form.js';
import {
  codeParam,
  filtersOf,
  loadFilterOptions,
  MAX_PAGE_URL_LENGTH,
  queryRecord,
  text,
} from './catalog.page-data.js';
import { presentProcedureListItem } from './catalog.presenter.js';
import {
  createProcedure,
  exportProcedures,
  getProcedure,
  importProcedures,
  retireProcedure,
  searchProcedures,
  updateProcedure,
} from './catalog.service.js';
import { catalogueToCsv } from './formats/flat.js';
import { readCatalogueFile } from './formats/read.js';
import { catalogueFileToJson } from './formats/write.js';
import { catalogueToXlsx } from './formats/xlsx.js';
import { AdminFormPage, type FormPageView } from './views/admin-form-page.js';
import { AdminListPage, type AdminNotice } from './views/admin-list-page.js';
import {
  ImportPage,
  type ImportPageView,
  type ImportReportView,
  type ReportLine,
} from './views/import-page.js';
import {
  ADMIN_CATALOG_PATH,
  ADMIN_EXPORT_PATH,
  ADMIN_IMPORT_PATH,
  ADMIN_NEW_PATH,
  adminEditPath,
} from './views/parts.js';

/** An uploaded catalogue file may be this large (the national catalogue as JSON is about 40 MB; as XLSX far less). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Problems listed on the import report; the rest are counted. */
export const MAX_REPORT_LINES = 500;

const CONTENT_TYPES = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Where a problem is in the file, in words: "hàng 3, mã 1.000002, cột fees, dòng 1". */
export function placeIssue(t: FastifyRequest['t'], issue: CatalogIssue): string {
  const parts = [
    issue.row === undefined ? null : t('catalog.import.whereRow', { row: issue.row }),
    issue.index === undefined ? null : t('catalog.import.whereIndex', { index: issue.index + 1 }),
    issue.code === undefined ? null : t('catalog.import.whereCode', { code: issue.code }),
    issue.column === undefined ? null : t('catalog.import.whereColumn', { column: issue.column }),
    issue.line === undefined ? null : t('catalog.import.whereLine', { line: issue.line }),
    issue.column === undefined && issue.path ? t('catalog.import.wherePath', { path: issue.path }) : null,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(', ') : t('catalog.import.whereFile');
}

function reportLines(t: FastifyRequest['t'], issues: readonly CatalogIssue[]): ReportLine[] {
  const lines = issues
    .slice(0, MAX_REPORT_LINES)
    .map((issue) => ({ where: placeIssue(t, issue), message: t(issue.key, issue.params) }));
  if (issues.length > MAX_REPORT_LINES) {
    lines.push({
      where: '…',
      message: t('catalog.import.more', { count: issues.length - MAX_REPORT_LINES }),
    });
  }
  return lines;
}

/** How many records (rows, array items, codes) the problems concern; a problem of the whole file counts once. */
function recordsConcerned(issues: readonly CatalogIssue[]): number {
  return new Set(issues.map((i) => `${i.row ?? ''}:${i.index ?? ''}:${i.code ?? ''}`)).size;
}

/** Form problems as the error summary shows them; a problem on a line of a text area names the line. */
function formErrors(t: FastifyRequest['t'], issues: readonly FormIssue[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    if (fields[issue.field]) continue;
    fields[issue.field] =
      issue.line === undefined
        ? { key: issue.key, ...(issue.params ? { params: issue.params } : {}) }
        : {
            key: 'catalog.admin.errors.onLine',
            params: { line: issue.line, message: t(issue.key, issue.params) },
          };
  }
  return fields;
}

export const catalogAdminPages: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  await app.register(multipart, {
    limits: {
      fileSize: MAX_IMPORT_BYTES,
      files: 1,
      fields: 10,
      fieldSize: 1024,
      parts: 12,
      headerPairs: 100,
    },
  });

  const context = (request: FastifyRequest): ActionContext => ({
    actor: request.actor,
    requestId: request.id,
  });

  /**
   * The check every page makes first: signed out → sent to sign in (and back to `next`), signed in
   * without the permission → 403. Returns false when it has answered.
   */
  const allowed = (request: FastifyRequest, reply: FastifyReply, next: string): boolean => {
    if (!request.actor) {
      reply.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
      return false;
    }
    if (!grantsAllow(request.actor.grants, 'catalog.manage')) throw new AppError('FORBIDDEN');
    return true;
  };

  // -------------------------------------------------------------------------------------------
  // The list
  // -------------------------------------------------------------------------------------------

  app.get(ADMIN_CATALOG_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (request.url.length > MAX_PAGE_URL_LENGTH) throw new AppError('BAD_REQUEST');
    if (!allowed(request, reply, request.url)) return reply;
    const query = queryRecord(request.query);
    const filters = { ...filtersOf(query), status: text(query.status) };
    const options = await loadFilterOptions(deps, request);
    let notice: AdminNotice;
    for (const kind of ['created', 'updated', 'unchanged', 'retired'] as const) {
      const code = text(query[kind]);
      if (PROCEDURE_CODE_PATTERN.test(code) && code.length <= 40) notice = { kind, code };
    }
    const parsed = parseWith(ZProcedureAdminSearchPage, query);
    if (!parsed.ok) {
      return reply.page(
        (ctx) => (
          <AdminListPage ctx={ctx} view={{ filters, options, result: null, errors: parsed.fields, notice }} />
        ),
        400,
      );
    }
    const { agency, page = 1, status = 'all', ...rest } = parsed.value;
    const found = await searchProcedures(deps, {
      ...rest,
      status,
      agencyCode: agency,
      page,
      pageSize: PAGE_SIZE,
    });
    const result = {
      items: found.items.map(presentProcedureListItem),
      total: found.total,
      page,
      pages: Math.max(1, Math.ceil(found.total / PAGE_SIZE)),
    };
    return reply.page((ctx) => <AdminListPage ctx={ctx} view={{ filters, options, result, notice }} />);
  });

  // -------------------------------------------------------------------------------------------
  // Create, edit, retire
  // -------------------------------------------------------------------------------------------

  const renderForm = (reply: FastifyReply, view: FormPageView, status = 200) =>
    reply.page((ctx) => <AdminFormPage ctx={ctx} view={view} />, status);

  const existingOf = (detail: Awaited<ReturnType<typeof getProcedure>>) => ({
    code: detail.code,
    version: detail.version,
    status: detail.status,
    record: detail.record,
  });

  app.get(ADMIN_NEW_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!allowed(request, reply, ADMIN_NEW_PATH)) return reply;
    return renderForm(reply, { existing: null, values: formValuesFromRecord(null) });
  });

  app.post(ADMIN_NEW_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!allowed(request, reply, ADMIN_NEW_PATH)) return reply;
    const values = formValuesFromBody(request.body);
    const form = recordFromForm(values, null);
    if (!form.ok)
      return renderForm(
        reply,
        { existing: null, values, errors: formErrors(request.t.bind(request), form.issues) },
        400,
      );
    try {
      const created = await createProcedure(deps, context(request), form.record);
      return reply.redirect(`${ADMIN_CATALOG_PATH}?created=${encodeURIComponent(created.code)}`, 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === 'PROCEDURE_EXISTS') {
        const errors = { code: { key: 'errors.PROCEDURE_EXISTS' } };
        return renderForm(reply, { existing: null, values, errors }, error.status);
      }
      if (error.code === 'VALIDATION_FAILED' && error.options.fields) {
        return renderForm(reply, { existing: null, values, errors: error.options.fields }, error.status);
      }
      throw error;
    }
  });

  app.get(`${ADMIN_CATALOG_PATH}/:code/sua`, { schema: { hide: true } }, async (request, reply) => {
    const code = codeParam(request.params);
    if (!allowed(request, reply, adminEditPath(code))) return reply;
    const detail = await getProcedure(deps, code, { includeRetired: true });
    return renderForm(reply, { existing: existingOf(detail), values: formValuesFromRecord(detail.record) });
  });

  /** The version the form was opened on; a value that is not one can only conflict. */
  const expectedVersionOf = (body: unknown): number => {
    const value = Number(text(queryRecord(body).expectedVersion));
    return Number.isInteger(value) && value >= 1 ? value : 0;
  };

  app.post(`${ADMIN_CATALOG_PATH}/:code/sua`, { schema: { hide: true } }, async (request, reply) => {
    const code = codeParam(request.params);
    if (!allowed(request, reply, adminEditPath(code))) return reply;
    const detail = await getProcedure(deps, code, { includeRetired: true });
    const existing = existingOf(detail);
    const values = formValuesFromBody(request.body);
    const expectedVersion = expectedVersionOf(request.body);
    const base: TProcedureRecord = detail.record;
    if (expectedVersion !== detail.version) {
      return renderForm(reply, { existing, values, expectedVersion, conflict: detail.version }, 409);
    }
    const form = recordFromForm(values, base);
    if (!form.ok) {
      return renderForm(
        reply,
        { existing, values, expectedVersion, errors: formErrors(request.t.bind(request), form.issues) },
        400,
      );
    }
    try {
      const updated = await updateProcedure(deps, context(request), {
        code,
        expectedVersion,
        record: form.record,
      });
      const kind = updated.version === expectedVersion ? 'unchanged' : 'updated';
      return reply.redirect(`${ADMIN_CATALOG_PATH}?${kind}=${encodeURIComponent(code)}`, 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === 'VERSION_CONFLICT') {
        const now = await getProcedure(deps, code, { includeRetired: true });
        return renderForm(reply, { existing, values, expectedVersion, conflict: now.version }, 409);
      }
      if (error.code === 'VALIDATION_FAILED' && error.options.fields) {
        return renderForm(reply, { existing, values, expectedVersion, errors: error.options.fields }, 400);
      }
      throw error;
    }
  });

  app.post(
    `${ADMIN_CATALOG_PATH}/:code/ngung-ap-dung`,
    { schema: { hide: true } },
    async (request, reply) => {
      const code = codeParam(request.params);
      if (!allowed(request, reply, adminEditPath(code))) return reply;
      const expectedVersion = expectedVersionOf(request.body);
      try {
        await retireProcedure(deps, context(request), { code, expectedVersion });
      } catch (error) {
        if (!isAppError(error) || error.code !== 'VERSION_CONFLICT') throw error;
        const detail = await getProcedure(deps, code, { includeRetired: true });
        return renderForm(
          reply,
          {
            existing: existingOf(detail),
            values: formValuesFromRecord(detail.record),
            expectedVersion,
            conflict: detail.version,
          },
          409,
        );
      }
      return reply.redirect(`${ADMIN_CATALOG_PATH}?retired=${encodeURIComponent(code)}`, 303);
    },
  );

  // -------------------------------------------------------------------------------------------
  // Import
  // -------------------------------------------------------------------------------------------

  const maxMegabytes = MAX_IMPORT_BYTES / 1024 / 1024;
  const renderImport = (reply: FastifyReply, view: Omit<ImportPageView, 'maxMegabytes'>, status = 200) =>
    reply.page((ctx) => <ImportPage ctx={ctx} view={{ ...view, maxMegabytes }} />, status);

  app.get(ADMIN_IMPORT_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!allowed(request, reply, ADMIN_IMPORT_PATH)) return reply;
    return renderImport(reply, { values: { portalLevel: '', portalOnlineLevel: '' } });
  });

  // The upload is a streamed multipart body, which the app-wide CSRF hook cannot read: this handler
  // checks the `_csrf` field itself, after the permission and before anything it uploaded is used.
  app.post(
    ADMIN_IMPORT_PATH,
    { schema: { hide: true }, config: CSRF_CHECKED_IN_HANDLER },
    async (request, reply) => {
      if (!allowed(request, reply, ADMIN_IMPORT_PATH)) return reply;
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      // A malformed body is a 400, one over the limits a 413 (never a 5xx).
      const form = await readMultipartForm(request);
      const fields = form.fields;
      const upload = form.files[0] ?? null;
      if (!csrfTokenMatches(request, fields[CSRF_FIELD])) throw new AppError('CSRF_TOKEN_INVALID');

      const values = {
        portalLevel: fields.portalLevel ?? '',
        portalOnlineLevel: fields.portalOnlineLevel ?? '',
      };
      const errors: FieldErrors = {};
      if (!upload) errors.file = { key: 'catalog.import.fileRequired' };
      else if (upload.bytes.length === 0) errors.file = { key: 'catalog.errors.detect.empty' };
      const level = values.portalLevel;
      const onlineLevel = values.portalOnlineLevel;
      if (level && !(PROCEDURE_LEVELS as readonly string[]).includes(level))
        errors.portalLevel = { key: 'validation.invalidOption' };
      if (onlineLevel && !(ONLINE_LEVELS as readonly string[]).includes(onlineLevel))
        errors.portalOnlineLevel = { key: 'validation.invalidOption' };
      if (!upload || Object.keys(errors).length > 0) return renderImport(reply, { values, errors }, 400);

      const portalAssignment =
        errors.portalLevel || !level || !onlineLevel
          ? undefined
          : { level: level as TProcedureLevel, onlineLevel: onlineLevel as TOnlineLevel };
      const read = await readCatalogueFile(
        upload.name,
        upload.bytes,
        portalAssignment ? { portalAssignment } : {},
      );
      const t = request.t.bind(request);
      const base = {
        fileName: upload.name,
        format: read.format,
        warnings: reportLines(t, read.warnings),
      };
      // All or nothing: a file with any problem changes nothing (docs/catalog-format.md, section 6).
      if (read.issues.length > 0) {
        const report: ImportReportView = {
          ...base,
          refused: true,
          heldBack: read.records.length,
          created: [],
          updated: [],
          unchanged: [],
          rejected: reportLines(t, read.issues),
          rejectedCount: recordsConcerned(read.issues),
          unlinkedAgencies: [],
        };
        return renderImport(reply, { values, report }, 400);
      }
      const result = await importProcedures(deps, context(request), { records: read.records });
      const rejectedIssues = result.rejected.flatMap((row) => row.issues);
      const report: ImportReportView = {
        ...base,
        refused: false,
        heldBack: 0,
        created: result.created,
        updated: result.updated,
        unchanged: result.unchanged,
        rejected: reportLines(t, rejectedIssues),
        rejectedCount: result.rejected.length,
        unlinkedAgencies: result.unlinkedAgencies,
      };
      return renderImport(reply, { values, report });
    },
  );

  // -------------------------------------------------------------------------------------------
  // Export
  // -------------------------------------------------------------------------------------------

  app.get(ADMIN_EXPORT_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!allowed(request, reply, request.url.slice(0, 200))) return reply;
    const parsed = parseWith(ZProcedureExportQuery, queryRecord(request.query));
    if (!parsed.ok) throw new AppError('VALIDATION_FAILED', { fields: parsed.fields });
    const { format, includeRetired } = parsed.value;
    const records = await exportProcedures(deps, { includeRetired: includeRetired === '1' });
    const fileName = `danh-muc-thu-tuc-${vietnamDate(deps.clock.now())}.${format}`;
    let body: string | Buffer;
    if (format === 'xlsx') {
      const t = request.t.bind(request);
      const { bytes } = await catalogueToXlsx(records, {
        describe: (issue) => `${issue.code}: ${t(issue.key, issue.params)}`,
      });
      body = Buffer.from(bytes);
    } else if (format === 'csv') {
      body = catalogueToCsv(records);
    } else {
      body = catalogueFileToJson({
        format: CATALOGUE_FILE_FORMAT,
        formatVersion: CATALOGUE_FILE_FORMAT_VERSION,
        title: request.t('catalog.admin.exportTitle', { name: deps.config.siteName[request.locale] }),
        source: null,
        notes: [],
        fields: [],
        agencies: [],
        procedures: records,
      });
    }
    return reply
      .header('content-type', CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .send(body);
  });
};
