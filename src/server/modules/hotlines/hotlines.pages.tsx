// The directory's pages: the public directory, and the administrators' list, new and edit pages.
// Forms re-render with a 400 and an error summary; every change redirects (303) with a notice.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { grantsAllow } from '../../../shared/auth/roles.js';
import { AppError, type FieldErrors } from '../../../shared/errors.js';
import { ZHotlineInput, ZHotlineParams } from '../../../shared/hotlines/schema.js';
import { parseWith } from '../../../shared/validation.js';
import type { ActionContext } from '../../context.js';
import { presentHotline } from './hotlines.presenter.js';
import { hotlinesApiRoutes } from './hotlines.routes.js';
import {
  createHotline,
  deleteHotline,
  getHotline,
  listHotlines,
  requireHotlinesManager,
  updateHotline,
} from './hotlines.service.js';
import {
  ADMIN_NOTICES,
  AdminEditHotlinePage,
  AdminHotlinesPage,
  AdminNewHotlinePage,
  type AdminNotice,
  emptyHotlineForm,
  type HotlineFormValues,
  hotlineFormValues,
} from './views/admin-pages.js';
import { HotlinesPage } from './views/hotlines-page.js';
import {
  ADMIN_HOTLINES_PATH,
  ADMIN_NEW_HOTLINE_PATH,
  adminHotlinePath,
  HOTLINES_PATH,
} from './views/paths.js';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};

const formValues = (body: unknown): HotlineFormValues => {
  const b = record(body);
  return {
    kind: text(b.kind),
    position: text(b.position),
    personName: text(b.personName),
    phone: text(b.phone),
    note: text(b.note),
    sortOrder: text(b.sortOrder),
  };
};

/** The directory's pages and its API, registered together. */
export const hotlinesPages: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const context = (request: FastifyRequest): ActionContext => ({
    actor: request.actor,
    requestId: request.id,
  });
  await app.register(hotlinesApiRoutes);

  /** Signed-out people are sent to sign in and brought back; everyone else meets the service's check. */
  const manager = (request: FastifyRequest, reply: FastifyReply, next: string) => {
    if (!request.actor) {
      reply.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
      return false;
    }
    requireHotlinesManager(request.actor);
    return true;
  };
  const idOf = (params: unknown): number => {
    const parsed = parseWith(ZHotlineParams, record(params));
    if (!parsed.ok) throw new AppError('NOT_FOUND');
    return parsed.value.id;
  };

  app.get(HOTLINES_PATH, { schema: { hide: true } }, async (request, reply) => {
    const view = {
      general: deps.config.hotline,
      items: (await listHotlines(deps)).map(presentHotline),
      canManage: request.actor ? grantsAllow(request.actor.grants, 'hotlines.manage') : false,
    };
    return reply.page((ctx) => <HotlinesPage ctx={ctx} view={view} />);
  });

  app.get(ADMIN_HOTLINES_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!manager(request, reply, ADMIN_HOTLINES_PATH)) return reply;
    const da = text(record(request.query).da);
    const notice = (ADMIN_NOTICES as readonly string[]).includes(da) ? (da as AdminNotice) : undefined;
    const items = (await listHotlines(deps)).map(presentHotline);
    return reply.page((ctx) => <AdminHotlinesPage ctx={ctx} items={items} notice={notice} />);
  });

  const renderNew = (reply: FastifyReply, values: HotlineFormValues, errors?: FieldErrors, status = 200) =>
    reply.page((ctx) => <AdminNewHotlinePage ctx={ctx} values={values} errors={errors} />, status);

  app.get(ADMIN_NEW_HOTLINE_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!manager(request, reply, ADMIN_NEW_HOTLINE_PATH)) return reply;
    return renderNew(reply, emptyHotlineForm());
  });

  app.post(ADMIN_NEW_HOTLINE_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!manager(request, reply, ADMIN_NEW_HOTLINE_PATH)) return reply;
    const values = formValues(request.body);
    const parsed = parseWith(ZHotlineInput, values);
    if (!parsed.ok) return renderNew(reply, values, parsed.fields, 400);
    await createHotline(deps, context(request), parsed.value);
    return reply.redirect(`${ADMIN_HOTLINES_PATH}?da=created`, 303);
  });

  const renderEdit = async (
    reply: FastifyReply,
    id: number,
    values?: HotlineFormValues,
    errors?: FieldErrors,
    status = 200,
  ) => {
    const item = presentHotline(await getHotline(deps, id));
    const shown = values ?? hotlineFormValues(item);
    return reply.page(
      (ctx) => <AdminEditHotlinePage ctx={ctx} item={item} values={shown} errors={errors} />,
      status,
    );
  };

  app.get(`${ADMIN_HOTLINES_PATH}/:id`, { schema: { hide: true } }, async (request, reply) => {
    const id = idOf(request.params);
    if (!manager(request, reply, adminHotlinePath(id))) return reply;
    return renderEdit(reply, id);
  });

  app.post(`${ADMIN_HOTLINES_PATH}/:id`, { schema: { hide: true } }, async (request, reply) => {
    const id = idOf(request.params);
    if (!manager(request, reply, adminHotlinePath(id))) return reply;
    const values = formValues(request.body);
    const parsed = parseWith(ZHotlineInput, values);
    if (!parsed.ok) return renderEdit(reply, id, values, parsed.fields, 400);
    await updateHotline(deps, context(request), id, parsed.value);
    return reply.redirect(`${ADMIN_HOTLINES_PATH}?da=updated`, 303);
  });

  app.post(`${ADMIN_HOTLINES_PATH}/:id/xoa`, { schema: { hide: true } }, async (request, reply) => {
    const id = idOf(request.params);
    if (!manager(request, reply, adminHotlinePath(id))) return reply;
    await deleteHotline(deps, context(request), id);
    return reply.redirect(`${ADMIN_HOTLINES_PATH}?da=deleted`, 303);
  });
};
