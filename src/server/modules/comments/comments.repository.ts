import type { ExpressionBuilder } from 'kysely';
import type { Queryable } from '../../context.js';
import type { CommentStatus, CommentTargetType, DB } from '../../db/schema.js';

const COLUMNS = [
  'c.id',
  'c.target_type',
  'c.procedure_id',
  'c.news_id',
  'c.author_id',
  'c.author_name',
  'c.body',
  'c.status',
  'c.created_at',
  'c.moderated_at',
] as const;

/** One target: a procedure or a news article, by its row id. */
export type TargetRef =
  | { procedureId: number; newsId?: undefined }
  | { newsId: number; procedureId?: undefined };

/** A comment with what its target is called and where it lives. */
function withTarget(db: Queryable) {
  return db
    .selectFrom('comments as c')
    .leftJoin('procedures as p', 'p.id', 'c.procedure_id')
    .leftJoin('news_articles as n', 'n.id', 'c.news_id')
    .select(COLUMNS)
    .select([
      'p.code as procedure_code',
      'p.name as procedure_name',
      'n.slug as news_slug',
      'n.title as news_title',
    ]);
}

export async function findComment(db: Queryable, id: number) {
  return withTarget(db).where('c.id', '=', id).executeTakeFirst();
}
export type CommentRow = NonNullable<Awaited<ReturnType<typeof findComment>>>;

export async function lockComment(db: Queryable, id: number) {
  return db
    .selectFrom('comments')
    .select(['id', 'status'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertComment(
  db: Queryable,
  values: {
    targetType: CommentTargetType;
    target: TargetRef;
    authorId: number | null;
    authorName: string;
    body: string;
    at: Date;
  },
): Promise<number> {
  const row = await db
    .insertInto('comments')
    .values({
      target_type: values.targetType,
      procedure_id: values.target.procedureId ?? null,
      news_id: values.target.newsId ?? null,
      author_id: values.authorId,
      author_name: values.authorName,
      body: values.body,
      status: 'pending',
      created_at: values.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Moves a comment from one status to another; false when it was no longer in `from`. */
export async function moveComment(
  db: Queryable,
  id: number,
  change: { from: CommentStatus; to: CommentStatus; by: number; at: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('comments')
    .set({ status: change.to, moderated_by: change.by, moderated_at: change.at })
    .where('id', '=', id)
    .where('status', '=', change.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

const ofTarget = (target: TargetRef) => (eb: ExpressionBuilder<DB & { c: DB['comments'] }, 'c'>) =>
  target.procedureId !== undefined
    ? eb('c.procedure_id', '=', target.procedureId)
    : eb('c.news_id', '=', target.newsId);

/** The published comments of one target, newest first. */
export async function findPublishedComments(
  db: Queryable,
  target: TargetRef,
  page: { limit: number; offset: number },
) {
  return withTarget(db)
    .where(ofTarget(target))
    .where('c.status', '=', 'published')
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countPublishedComments(db: Queryable, target: TargetRef): Promise<number> {
  const row = await db
    .selectFrom('comments as c')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(ofTarget(target))
    .where('c.status', '=', 'published')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The moderation queue of one status: pending comments oldest first (first come, first served),
 * published and rejected ones by the latest decision first.
 */
export async function findCommentsByStatus(
  db: Queryable,
  status: CommentStatus,
  page: { limit: number; offset: number },
) {
  const query = withTarget(db).where('c.status', '=', status);
  const ordered =
    status === 'pending'
      ? query.orderBy('c.created_at', 'asc').orderBy('c.id', 'asc')
      : query.orderBy('c.moderated_at', 'desc').orderBy('c.id', 'desc');
  return ordered.limit(page.limit).offset(page.offset).execute();
}

export async function countCommentsByStatus(db: Queryable): Promise<Record<CommentStatus, number>> {
  const rows = await db
    .selectFrom('comments')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts: Record<CommentStatus, number> = { pending: 0, published: 0, rejected: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

/** A procedure people may comment on: in force (a retired one is no longer public). */
export async function findActiveProcedure(db: Queryable, code: string) {
  return db
    .selectFrom('procedures')
    .select(['id', 'code', 'name'])
    .where('code', '=', code)
    .where('status', '=', 'active')
    .executeTakeFirst();
}
