import type { Queryable } from '../../context.js';
import type { NewsStatus } from '../../db/schema.js';

const COLUMNS = [
  'id',
  'slug',
  'title',
  'summary',
  'body',
  'image_file_id',
  'image_alt',
  'status',
  'published_at',
  'created_at',
  'updated_at',
] as const;

export interface NewsValues {
  slug: string;
  title: string;
  summary: string;
  body: string;
  imageFileId: string | null;
  imageAlt: string | null;
  publishedAt: Date | null;
}

export async function findArticle(db: Queryable, id: number) {
  return db.selectFrom('news_articles').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}
export type NewsRow = NonNullable<Awaited<ReturnType<typeof findArticle>>>;

export async function lockArticle(db: Queryable, id: number): Promise<NewsRow | undefined> {
  return db.selectFrom('news_articles').select(COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Published articles whose time has come, newest first. */
export async function findPublished(db: Queryable, now: Date, page: { limit: number; offset: number }) {
  return db
    .selectFrom('news_articles')
    .select(COLUMNS)
    .where('status', '=', 'published')
    .where('published_at', '<=', now)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countPublished(db: Queryable, now: Date): Promise<number> {
  const row = await db
    .selectFrom('news_articles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'published')
    .where('published_at', '<=', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every article for administrators: undated drafts first, then by publication time, newest first. */
export async function findAll(db: Queryable, page: { limit: number; offset: number }) {
  return db
    .selectFrom('news_articles')
    .select(COLUMNS)
    .orderBy((eb) => eb('published_at', 'is', null), 'desc')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countAll(db: Queryable): Promise<number> {
  const row = await db
    .selectFrom('news_articles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The newest public article with this slug (addresses without the id). */
export async function findPublishedIdBySlug(
  db: Queryable,
  slug: string,
  now: Date,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('news_articles')
    .select('id')
    .where('slug', '=', slug)
    .where('status', '=', 'published')
    .where('published_at', '<=', now)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.id;
}

/** An article the public can see now (comments attach only to these). */
export async function findPublicArticle(db: Queryable, id: number, now: Date) {
  return db
    .selectFrom('news_articles')
    .select(['id', 'slug', 'title'])
    .where('id', '=', id)
    .where('status', '=', 'published')
    .where('published_at', '<=', now)
    .executeTakeFirst();
}

export async function insertArticle(
  db: Queryable,
  values: NewsValues & { status: NewsStatus; createdBy: number | null; at: Date },
): Promise<number> {
  const row = await db
    .insertInto('news_articles')
    .values({
      slug: values.slug,
      title: values.title,
      summary: values.summary,
      body: values.body,
      image_file_id: values.imageFileId,
      image_alt: values.imageAlt,
      status: values.status,
      published_at: values.publishedAt,
      created_by: values.createdBy,
      created_at: values.at,
      updated_at: values.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateArticle(db: Queryable, id: number, values: NewsValues, at: Date): Promise<void> {
  await db
    .updateTable('news_articles')
    .set({
      slug: values.slug,
      title: values.title,
      summary: values.summary,
      body: values.body,
      image_file_id: values.imageFileId,
      image_alt: values.imageAlt,
      published_at: values.publishedAt,
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}

export async function setArticleStatus(
  db: Queryable,
  id: number,
  values: { status: NewsStatus; publishedAt: Date | null; at: Date },
): Promise<void> {
  await db
    .updateTable('news_articles')
    .set({ status: values.status, published_at: values.publishedAt, updated_at: values.at })
    .where('id', '=', id)
    .execute();
}
