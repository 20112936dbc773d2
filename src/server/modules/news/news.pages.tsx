// The news pages: the public list and articles (with their comments and images), and the
// administrators' list and form. The form is multipart: its handler reads the whole form, checks the
// CSRF field, checks the image (JPEG or PNG by its content), and only then stores it.
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { grantsAllow } from '../../../shared/auth/roles.js';
import { formatVietnamIso } from '../../../shared/calendar/format.js';
import { AppError, type FieldErrors, isAppError } from '../../../shared/errors.js';
import { MAX_FILE_BYTES, sniffMediaType } from '../../../shared/files/limits.js';
import {
  NEWS_IMAGE_TYPES,
  NEWS_PAGE_SIZE,
  newsFormSchema,
  ZNewsParams,
} from '../../../shared/news/schema.js';
import { parseWith } from '../../../shared/validation.js';
import type { ActionContext } from '../../context.js';
import { CSRF_CHECKED_IN_HANDLER, CSRF_FIELD, csrfTokenMatches } from '../../plugins/csrf.js';
import { readMultipartForm, type Upload, uploadProblem } from '../../plugins/multipart-form.js';
import { loadCommentsSection } from '../comments/comments.page-data.js';
import { uploadFile } from '../files/files.service.js';
import { presentNewsDetail, presentNewsSummary } from './news.presenter.js';
import { newsApiRoutes } from './news.routes.js';
import {
  createNews,
  findNewsIdBySlug,
  getNewsArticle,
  listAllNews,
  listPublishedNews,
  type NewsRow,
  publishNews,
  readNewsImage,
  requireNewsManager,
  unpublishNews,
  updateNews,
} from './news.service.js';
import {
  ADMIN_NOTICES,
  AdminNewsFormPage,
  AdminNewsListPage,
  type AdminNotice,
  emptyNewsForm,
  type NewsFormValues,
} from './views/admin-pages.js';
import { NewsArticlePage, NewsListPage } from './views/news-pages.js';
import { ADMIN_NEW_NEWS_PATH, ADMIN_NEWS_PATH, adminNewsPath, NEWS_PATH, newsPath } from './views/paths.js';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
const pageOf = (query: unknown) => {
  const page = text(record(query).page);
  return /^\d{1,6}$/.test(page) ? Math.max(1, Number(page)) : 1;
};
/** An article's address: '12-mot-cua…' or '12' (by id), or a bare slug (its newest public article). */
const REF = /^(\d{1,15})(?:-[a-z0-9-]{0,100})?$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+){0,40}$/;

/** What the form shows for an article: its values, the publication time as a datetime-local field. */
const formValuesOf = (row: NewsRow): NewsFormValues => ({
  title: row.title,
  summary: row.summary,
  body: row.body,
  imageAlt: row.image_alt ?? '',
  publishAt: row.published_at ? formatVietnamIso(row.published_at).slice(0, 16) : '',
  removeImage: false,
});

/** The news pages and their API, registered together. */
export const newsPages: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const context = (request: FastifyRequest): ActionContext => ({
    actor: request.actor,
    requestId: request.id,
  });
  const canManage = (request: FastifyRequest) =>
    request.actor ? grantsAllow(request.actor.grants, 'news.manage') : false;
  await app.register(newsApiRoutes);
  // Registered here, so only the article form parses multipart bodies, with the limits an image has.
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: {
      fileSize: MAX_FILE_BYTES,
      files: 1,
      fields: 12,
      fieldSize: 256 * 1024,
      parts: 16,
      headerPairs: 50,
    },
  });

  /** Signed-out people are sent to sign in and brought back; everyone else meets the service's check. */
  const manager = (request: FastifyRequest, reply: FastifyReply, next: string) => {
    if (!request.actor) {
      reply.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
      return false;
    }
    requireNewsManager(request.actor);
    return true;
  };
  const idOf = (params: unknown): number => {
    const parsed = parseWith(ZNewsParams, record(params));
    if (!parsed.ok) throw new AppError('NEWS_NOT_FOUND');
    return parsed.value.id;
  };

  /** The id an address names, or 404. */
  const articleIdOf = async (params: unknown): Promise<number> => {
    const ref = text(record(params).ref);
    const byId = REF.exec(ref);
    if (byId) return Number(byId[1]);
    const id = SLUG.test(ref) ? await findNewsIdBySlug(deps, ref) : undefined;
    if (id === undefined) throw new AppError('NEWS_NOT_FOUND');
    return id;
  };

  // -------------------------------------------------------------------------------------------
  // Public pages
  // -------------------------------------------------------------------------------------------

  app.get(NEWS_PATH, { schema: { hide: true } }, async (request, reply) => {
    const page = pageOf(request.query);
    const result = await listPublishedNews(deps, { page, pageSize: NEWS_PAGE_SIZE });
    const now = deps.clock.now();
    const view = {
      items: result.items.map((row) => presentNewsSummary(row, now)),
      total: result.total,
      page,
      pages: Math.max(1, Math.ceil(result.total / NEWS_PAGE_SIZE)),
      canManage: canManage(request),
    };
    return reply.page((ctx) => <NewsListPage ctx={ctx} view={view} />);
  });

  app.get(`${NEWS_PATH}/:ref`, { schema: { hide: true } }, async (request, reply) => {
    const id = await articleIdOf(request.params);
    const row = await getNewsArticle(deps, request.actor, id);
    const canonical = newsPath(row);
    const [path, query] = request.url.split('?');
    if (path !== canonical) return reply.redirect(query ? `${canonical}?${query}` : canonical, 301);
    const article = presentNewsDetail(row, deps.clock.now());
    const comments =
      article.state === 'published'
        ? await loadCommentsSection(deps, request, {
            targetType: 'news',
            targetId: String(id),
            path: canonical,
          })
        : null;
    return reply.page((ctx) => (
      <NewsArticlePage ctx={ctx} article={article} comments={comments} canManage={canManage(request)} />
    ));
  });

  app.get(`${NEWS_PATH}/:ref/anh`, { schema: { hide: true } }, async (request, reply) => {
    const id = await articleIdOf(request.params);
    const image = await readNewsImage(deps, request.actor, id);
    return reply
      .header('content-type', image.mediaType)
      .header('cache-control', image.isPublic ? 'public, max-age=3600' : 'private, no-store')
      .send(image.bytes);
  });

  // -------------------------------------------------------------------------------------------
  // Administrators' pages
  // -------------------------------------------------------------------------------------------

  const noticeOf = (query: unknown): AdminNotice => {
    const da = text(record(query).da);
    return (ADMIN_NOTICES as readonly string[]).includes(da) ? (da as AdminNotice) : undefined;
  };

  app.get(ADMIN_NEWS_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!manager(request, reply, ADMIN_NEWS_PATH)) return reply;
    const page = pageOf(request.query);
    const result = await listAllNews(deps, request.actor, { page, pageSize: NEWS_PAGE_SIZE * 2 });
    const now = deps.clock.now();
    const view = {
      items: result.items.map((row) => presentNewsSummary(row, now)),
      total: result.total,
      page,
      pages: Math.max(1, Math.ceil(result.total / (NEWS_PAGE_SIZE * 2))),
      notice: noticeOf(request.query),
    };
    return reply.page((ctx) => <AdminNewsListPage ctx={ctx} view={view} />);
  });

  const renderForm = (
    reply: FastifyReply,
    input: {
      row?: NewsRow;
      values: NewsFormValues;
      errors?: FieldErrors;
      notice?: AdminNotice;
      status?: number;
    },
  ) => {
    const article = input.row ? presentNewsDetail(input.row, deps.clock.now()) : undefined;
    return reply.page(
      (ctx) => (
        <AdminNewsFormPage
          ctx={ctx}
          article={article}
          values={input.values}
          errors={input.errors}
          notice={input.notice}
        />
      ),
      input.status ?? 200,
    );
  };

  /** The whole form read, its CSRF field checked, its text and image checked; nothing stored yet. */
  const readForm = async (request: FastifyRequest, keepsImage: boolean) => {
    if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
    const { fields, files } = await readMultipartForm(request);
    if (!csrfTokenMatches(request, fields[CSRF_FIELD])) throw new AppError('CSRF_TOKEN_INVALID');
    const values: NewsFormValues = {
      title: fields.title ?? '',
      summary: fields.summary ?? '',
      body: fields.body ?? '',
      imageAlt: fields.imageAlt ?? '',
      publishAt: fields.publishAt ?? '',
      removeImage: fields.removeImage !== undefined && fields.removeImage !== '',
    };
    const upload: Upload | undefined = files[0];
    const hasImage = upload !== undefined || (keepsImage && !values.removeImage);
    const parsed = parseWith(newsFormSchema(hasImage), values);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.fields };
    if (upload) {
      const problem = uploadProblem(upload);
      const type = sniffMediaType(upload.bytes);
      if (problem && problem.code !== 'FILE_TYPE_NOT_ALLOWED')
        errors.image = { key: `errors.${problem.code}`, params: { maxMb: MAX_FILE_BYTES / 1048576 } };
      else if (!type || !(NEWS_IMAGE_TYPES as readonly string[]).includes(type))
        errors.image = { key: 'news.errors.imageType' };
    }
    return {
      values,
      upload,
      intent: fields.intent === 'publish' ? ('publish' as const) : ('draft' as const),
      parsed: parsed.ok && Object.keys(errors).length === 0 ? parsed.value : null,
      errors,
    };
  };

  /** A form the service refused field by field is shown again; anything else is thrown on. */
  const fieldsOf = (error: unknown): FieldErrors => {
    if (isAppError(error) && error.code === 'VALIDATION_FAILED' && error.options.fields) {
      const { imageFileId, ...rest } = error.options.fields;
      return imageFileId ? { ...rest, image: imageFileId } : rest;
    }
    throw error;
  };

  app.get(ADMIN_NEW_NEWS_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!manager(request, reply, ADMIN_NEW_NEWS_PATH)) return reply;
    return renderForm(reply, { values: emptyNewsForm() });
  });

  app.post(
    ADMIN_NEW_NEWS_PATH,
    { schema: { hide: true }, config: CSRF_CHECKED_IN_HANDLER },
    async (request, reply) => {
      if (!manager(request, reply, ADMIN_NEW_NEWS_PATH)) return reply;
      const form = await readForm(request, false);
      if (!form.parsed) return renderForm(reply, { values: form.values, errors: form.errors, status: 400 });
      const stored = form.upload
        ? await uploadFile(deps, context(request), { bytes: form.upload.bytes, name: form.upload.name })
        : null;
      let row: NewsRow;
      try {
        row = await createNews(deps, context(request), {
          ...form.parsed,
          imageFileId: stored?.id ?? null,
          publish: form.intent === 'publish',
        });
      } catch (error) {
        return renderForm(reply, { values: form.values, errors: fieldsOf(error), status: 400 });
      }
      return reply.redirect(`${adminNewsPath(row.id)}?da=created`, 303);
    },
  );

  app.get(`${ADMIN_NEWS_PATH}/:id`, { schema: { hide: true } }, async (request, reply) => {
    const id = idOf(request.params);
    if (!manager(request, reply, adminNewsPath(id))) return reply;
    const row = await getNewsArticle(deps, request.actor, id);
    return renderForm(reply, { row, values: formValuesOf(row), notice: noticeOf(request.query) });
  });

  app.post(
    `${ADMIN_NEWS_PATH}/:id`,
    { schema: { hide: true }, config: CSRF_CHECKED_IN_HANDLER },
    async (request, reply) => {
      const id = idOf(request.params);
      if (!manager(request, reply, adminNewsPath(id))) return reply;
      const row = await getNewsArticle(deps, request.actor, id);
      const form = await readForm(request, row.image_file_id !== null);
      if (!form.parsed)
        return renderForm(reply, { row, values: form.values, errors: form.errors, status: 400 });
      const stored = form.upload
        ? await uploadFile(deps, context(request), { bytes: form.upload.bytes, name: form.upload.name })
        : null;
      const imageFileId = stored ? stored.id : form.values.removeImage ? null : row.image_file_id;
      try {
        await updateNews(deps, context(request), id, { ...form.parsed, imageFileId });
      } catch (error) {
        return renderForm(reply, { row, values: form.values, errors: fieldsOf(error), status: 400 });
      }
      return reply.redirect(`${adminNewsPath(id)}?da=updated`, 303);
    },
  );

  app.post(`${ADMIN_NEWS_PATH}/:id/dang`, { schema: { hide: true } }, async (request, reply) => {
    const id = idOf(request.params);
    if (!manager(request, reply, adminNewsPath(id))) return reply;
    await publishNews(deps, context(request), id);
    return reply.redirect(`${adminNewsPath(id)}?da=published`, 303);
  });

  app.post(`${ADMIN_NEWS_PATH}/:id/go`, { schema: { hide: true } }, async (request, reply) => {
    const id = idOf(request.params);
    if (!manager(request, reply, adminNewsPath(id))) return reply;
    await unpublishNews(deps, context(request), id);
    return reply.redirect(`${adminNewsPath(id)}?da=unpublished`, 303);
  });
};
