// News and announcements: administrators write articles (title, summary, body, an image with its
// text alternative, a publication time) and publish or withdraw them; the public sees published
// articles whose time has come, newest first. An article published with a future time is scheduled:
// it appears by itself when the time comes.
//
// Other modules use:
//   latestNews(deps, count)            the home page's newest articles
//   findPublicArticle (repository)     comments attach only to public articles

import { grantsAllow } from '../../../shared/auth/roles.js';
import { AppError } from '../../../shared/errors.js';
import {
  NEWS_IMAGE_TYPES,
  newsSlug,
  type TNewsCreate,
  type TNewsState,
  type TNewsUpdate,
} from '../../../shared/news/schema.js';
import { requireAccess } from '../../auth/access.js';
import type { ActionContext, Actor, AppDeps, Queryable } from '../../context.js';
import { appendAudit } from '../audit/audit.repository.js';
import { findFile } from '../files/files.repository.js';
import {
  countAll,
  countPublished,
  findAll,
  findArticle,
  findPublished,
  findPublishedIdBySlug,
  insertArticle,
  lockArticle,
  type NewsRow,
  type NewsValues,
  setArticleStatus,
  updateArticle,
} from './news.repository.js';

export type { NewsRow };

/** Draft, scheduled (published, its time still ahead) or published. */
export function newsState(row: Pick<NewsRow, 'status' | 'published_at'>, now: Date): TNewsState {
  if (row.status === 'draft') return 'draft';
  return row.published_at && row.published_at.getTime() > now.getTime() ? 'scheduled' : 'published';
}

const isPublic = (row: NewsRow, now: Date) => newsState(row, now) === 'published';

const canManage = (actor: Actor | null) => (actor ? grantsAllow(actor.grants, 'news.manage') : false);

/** Administrators only: the management pages call this first. */
export function requireNewsManager(actor: Actor | null): Actor {
  return requireAccess(actor, 'news.manage');
}

export interface NewsPage {
  items: NewsRow[];
  total: number;
}

/** Public articles, newest first. */
export async function listPublishedNews(
  deps: AppDeps,
  input: { page: number; pageSize: number },
): Promise<NewsPage> {
  const now = deps.clock.now();
  const db = deps.database.db;
  const total = await countPublished(db, now);
  const items = await findPublished(db, now, {
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  return { items, total };
}

/** The newest public articles, for the home page. */
export async function latestNews(deps: AppDeps, count: number): Promise<NewsRow[]> {
  return findPublished(deps.database.db, deps.clock.now(), { limit: count, offset: 0 });
}

/** Every article, drafts and scheduled ones too (administrators). */
export async function listAllNews(
  deps: AppDeps,
  actor: Actor | null,
  input: { page: number; pageSize: number },
): Promise<NewsPage> {
  requireAccess(actor, 'news.manage');
  const db = deps.database.db;
  const total = await countAll(db);
  const items = await findAll(db, { limit: input.pageSize, offset: (input.page - 1) * input.pageSize });
  return { items, total };
}

/**
 * One article: the public sees it once published and due; administrators see drafts and scheduled
 * articles too. Anyone else gets 404, so unpublished articles cannot be probed.
 */
export async function getNewsArticle(deps: AppDeps, actor: Actor | null, id: number): Promise<NewsRow> {
  const row = await findArticle(deps.database.db, id);
  if (!row || (!isPublic(row, deps.clock.now()) && !canManage(actor))) throw new AppError('NEWS_NOT_FOUND');
  return row;
}

/** The id of the newest public article with this address slug, if any. */
export async function findNewsIdBySlug(deps: AppDeps, slug: string): Promise<number | undefined> {
  return findPublishedIdBySlug(deps.database.db, slug, deps.clock.now());
}

/** The image of an article, to whoever may see the article; `isPublic` says whether caches may keep it. */
export async function readNewsImage(deps: AppDeps, actor: Actor | null, id: number) {
  const row = await getNewsArticle(deps, actor, id);
  if (!row.image_file_id) throw new AppError('NOT_FOUND');
  const file = await findFile(deps.database.db, row.image_file_id);
  if (!file) throw new AppError('NOT_FOUND');
  return {
    mediaType: file.media_type,
    bytes: await deps.storage.get(file.storage_key),
    isPublic: isPublic(row, deps.clock.now()),
  };
}

const imageProblem = (key: string) => new AppError('VALIDATION_FAILED', { fields: { imageFileId: { key } } });

/**
 * An image must be a JPEG or PNG (recognised by its content when uploaded) that the administrator
 * uploaded, or the article's current image.
 */
async function checkImage(tx: Queryable, actor: Actor, fileId: string | null, current: string | null) {
  if (fileId === null || fileId === current) return;
  const file = await findFile(tx, fileId);
  if (!file || file.owner_id !== actor.userId) throw imageProblem('news.errors.image');
  if (!(NEWS_IMAGE_TYPES as readonly string[]).includes(file.media_type))
    throw imageProblem('news.errors.imageType');
}

const valuesOf = (input: TNewsUpdate, publishedAt: Date | null): NewsValues => ({
  slug: newsSlug(input.title),
  title: input.title,
  summary: input.summary,
  body: input.body,
  imageFileId: input.imageFileId,
  imageAlt: input.imageFileId ? input.imageAlt : null,
  publishedAt,
});

const auditDetails = (values: NewsValues, state: TNewsState) => ({
  title: values.title,
  state,
  publishedAt: values.publishedAt?.toISOString() ?? null,
  imageFileId: values.imageFileId,
  imageAlt: values.imageAlt,
});

/** Writes an article, as a draft or published (now, or at its publication time). */
export async function createNews(
  deps: AppDeps,
  context: ActionContext,
  input: TNewsCreate,
): Promise<NewsRow> {
  const actor = requireAccess(context.actor, 'news.manage');
  const now = deps.clock.now();
  const publishedAt = input.publishAt ?? (input.publish ? now : null);
  const values = valuesOf(input, publishedAt);
  const id = await deps.database.db.transaction().execute(async (tx) => {
    await checkImage(tx, actor, input.imageFileId, null);
    const status = input.publish ? 'published' : 'draft';
    const id = await insertArticle(tx, { ...values, status, createdBy: actor.userId, at: now });
    await appendAudit(tx, context, now, {
      action: 'news.create',
      targetType: 'news_article',
      targetId: id,
      details: auditDetails(values, newsState({ status, published_at: publishedAt }, now)),
    });
    return id;
  });
  return (await findArticle(deps.database.db, id))!;
}

/**
 * Changes an article's text, image and publication time. A published article keeps its time when
 * none is given; a later one schedules it again.
 */
export async function updateNews(
  deps: AppDeps,
  context: ActionContext,
  id: number,
  input: TNewsUpdate,
): Promise<NewsRow> {
  const actor = requireAccess(context.actor, 'news.manage');
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (tx) => {
    const row = await lockArticle(tx, id);
    if (!row) throw new AppError('NEWS_NOT_FOUND');
    await checkImage(tx, actor, input.imageFileId, row.image_file_id);
    const publishedAt = input.publishAt ?? (row.status === 'published' ? row.published_at : null);
    const values = valuesOf(input, publishedAt);
    await updateArticle(tx, id, values, now);
    await appendAudit(tx, context, now, {
      action: 'news.update',
      targetType: 'news_article',
      targetId: id,
      details: auditDetails(values, newsState({ status: row.status, published_at: publishedAt }, now)),
    });
  });
  return (await findArticle(deps.database.db, id))!;
}

/** Publishes an article at its publication time, or now when it has none. */
export async function publishNews(deps: AppDeps, context: ActionContext, id: number): Promise<NewsRow> {
  return changeStatus(deps, context, id, 'published');
}

/** Withdraws an article from the public pages; it becomes a draft again and keeps its date. */
export async function unpublishNews(deps: AppDeps, context: ActionContext, id: number): Promise<NewsRow> {
  return changeStatus(deps, context, id, 'draft');
}

async function changeStatus(
  deps: AppDeps,
  context: ActionContext,
  id: number,
  status: 'published' | 'draft',
): Promise<NewsRow> {
  requireAccess(context.actor, 'news.manage');
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (tx) => {
    const row = await lockArticle(tx, id);
    if (!row) throw new AppError('NEWS_NOT_FOUND');
    if (row.status === status) return;
    const publishedAt = status === 'published' ? (row.published_at ?? now) : row.published_at;
    await setArticleStatus(tx, id, { status, publishedAt, at: now });
    await appendAudit(tx, context, now, {
      action: status === 'published' ? 'news.publish' : 'news.unpublish',
      targetType: 'news_article',
      targetId: id,
      details: {
        title: row.title,
        from: newsState(row, now),
        to: newsState({ status, published_at: publishedAt }, now),
        publishedAt: publishedAt?.toISOString() ?? null,
      },
    });
  });
  return (await findArticle(deps.database.db, id))!;
}
