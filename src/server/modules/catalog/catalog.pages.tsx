// The catalogue's pages: public search, detail and print view (here), and the administrators' pages
// (catalog.admin-pages.tsx), registered together so the app registers one plugin.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PAGE_SIZE, ZProcedureSearchPage } from '../../../shared/catalog/forms.js';
import { AppError } from '../../../shared/errors.js';
import { parseWith } from '../../../shared/validation.js';
import { loadCommentsSection } from '../comments/comments.page-data.js';
import { CommentsSection } from '../comments/views/comments-section.js';
import { catalogAdminPages } from './catalog.admin-pages.js';
import {
  codeParam,
  filtersOf,
  loadFilterOptions,
  MAX_PAGE_URL_LENGTH,
  queryRecord,
} from './catalog.page-data.js';
import { presentProcedureListItem, presentProcedurePage } from './catalog.presenter.js';
import { getProcedure, searchProcedures } from './catalog.service.js';
import { CATALOG_PATH, procedurePath } from './views/parts.js';
import { PrintPage } from './views/print-page.js';
import { ProcedurePage } from './views/procedure-page.js';
import { SearchPage } from './views/search-page.js';

const isAdministrator = (request: FastifyRequest) =>
  request.actor?.grants.some((grant) => grant.role === 'administrator') ?? false;

export const catalogPages: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;

  app.get(CATALOG_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (request.url.length > MAX_PAGE_URL_LENGTH) throw new AppError('BAD_REQUEST');
    const query = queryRecord(request.query);
    const filters = filtersOf(query);
    const options = await loadFilterOptions(deps, request);
    const parsed = parseWith(ZProcedureSearchPage, query);
    if (!parsed.ok) {
      return reply.page(
        (ctx) => <SearchPage ctx={ctx} view={{ filters, options, result: null, errors: parsed.fields }} />,
        400,
      );
    }
    const { agency, page = 1, ...rest } = parsed.value;
    const found = await searchProcedures(deps, { ...rest, agencyCode: agency, page, pageSize: PAGE_SIZE });
    const result = {
      items: found.items.map(presentProcedureListItem),
      total: found.total,
      page,
      pages: Math.max(1, Math.ceil(found.total / PAGE_SIZE)),
    };
    return reply.page((ctx) => <SearchPage ctx={ctx} view={{ filters, options, result }} />);
  });

  app.get(`${CATALOG_PATH}/:code`, { schema: { hide: true } }, async (request, reply) => {
    const code = codeParam(request.params);
    const view = presentProcedurePage(
      await getProcedure(deps, code, { includeRetired: isAdministrator(request) }),
      request.locale,
    );
    const comments = await loadCommentsSection(deps, request, {
      targetType: 'procedure',
      targetId: view.record.code,
      path: procedurePath(view.record.code),
    });
    return reply.page((ctx) => (
      <ProcedurePage
        ctx={ctx}
        view={view}
        after={comments ? <CommentsSection ctx={ctx} view={comments} /> : null}
      />
    ));
  });

  app.get(`${CATALOG_PATH}/:code/in`, { schema: { hide: true } }, async (request, reply) => {
    const code = codeParam(request.params);
    const view = presentProcedurePage(
      await getProcedure(deps, code, { includeRetired: isAdministrator(request) }),
      request.locale,
    );
    const baseUrl = deps.config.publicUrl.replace(/\/+$/, '');
    const printedAt = deps.clock.now();
    return reply.page((ctx) => <PrintPage ctx={ctx} view={view} baseUrl={baseUrl} printedAt={printedAt} />);
  });

  await app.register(catalogAdminPages);
};
