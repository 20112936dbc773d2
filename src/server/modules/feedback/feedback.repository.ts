// The only place with SQL for feedback and recommendations.
import { type ExpressionBuilder, type Insertable, sql, type Updateable } from 'kysely';
import type { Queryable } from '../../context.js';
import type {
  DB,
  FeedbackEventsTable,
  FeedbackItemsTable,
  FeedbackStatus,
  FeedbackSubjectType,
} from '../../db/schema.js';

export type NewFeedbackItem = Insertable<FeedbackItemsTable>;
export type NewFeedbackEvent = Insertable<FeedbackEventsTable>;

// ---- settings and codes ----------------------------------------------------------------------

export async function findFeedbackSettings(db: Queryable) {
  return db
    .selectFrom('feedback_settings')
    .select(['time_limit_days', 'updated_at', 'updated_by'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
}

export async function updateFeedbackSettings(
  db: Queryable,
  input: { timeLimitDays: number; userId: number; at: Date },
): Promise<void> {
  await db
    .updateTable('feedback_settings')
    .set({ time_limit_days: input.timeLimitDays, updated_by: input.userId, updated_at: input.at })
    .where('id', '=', 1)
    .execute();
}

/** The next number of the day's sequence, taken inside the caller's transaction (the row stays locked). */
export async function nextFeedbackNumber(db: Queryable, day: string): Promise<number> {
  const row = await db
    .insertInto('feedback_code_counters')
    .values({ day, last_value: 1 })
    .onConflict((oc) =>
      oc.column('day').doUpdateSet({ last_value: sql<number>`feedback_code_counters.last_value + 1` }),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}

// ---- writing ---------------------------------------------------------------------------------

export async function insertFeedback(db: Queryable, item: NewFeedbackItem): Promise<number> {
  const row = await db.insertInto('feedback_items').values(item).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertFeedbackAttachments(db: Queryable, feedbackId: number, fileIds: string[]) {
  if (fileIds.length === 0) return;
  await db
    .insertInto('feedback_attachments')
    .values(fileIds.map((fileId) => ({ feedback_id: feedbackId, file_id: fileId })))
    .execute();
}

export async function insertFeedbackEvent(db: Queryable, event: NewFeedbackEvent): Promise<void> {
  await db.insertInto('feedback_events').values(event).execute();
}

/** Locks the item's row until the transaction ends, so two officers acting on it queue up. */
export async function lockFeedbackByCode(db: Queryable, code: string) {
  return db.selectFrom('feedback_items').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
}

/** Applies a change if the item is still at the version the caller saw; false when it moved on. */
export async function updateFeedback(
  db: Queryable,
  id: number,
  expectedVersion: number,
  changes: Updateable<FeedbackItemsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('feedback_items')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---- reading ---------------------------------------------------------------------------------

/** The unit's name in force last (units keep their history in unit_versions). */
const unitName = (column: 'full_name' | 'full_name_en') =>
  sql<string>`(select v.${sql.ref(column)} from unit_versions v where v.unit_id = f.unit_id order by v.valid_from desc limit 1)`;

/** An item with the names it shows: unit, agency, procedure, officer. */
function selectView(db: Queryable) {
  return db
    .selectFrom('feedback_items as f')
    .innerJoin('units as u', 'u.id', 'f.unit_id')
    .leftJoin('agencies as a', 'a.id', 'f.agency_id')
    .leftJoin('procedures as p', 'p.code', 'f.procedure_code')
    .leftJoin('users as o', 'o.id', 'f.officer_id')
    .selectAll('f')
    .select([
      'u.code as unit_code',
      'u.address as unit_address',
      unitName('full_name').as('unit_name'),
      unitName('full_name_en').as('unit_name_en'),
      'a.code as agency_code',
      'a.name as agency_name',
      'a.name_en as agency_name_en',
      'a.address as agency_address',
      'p.name as procedure_name',
      'o.username as officer_username',
      'o.full_name as officer_full_name',
    ]);
}

export type FeedbackView = NonNullable<Awaited<ReturnType<typeof findFeedbackByCode>>>;

export async function findFeedbackByCode(db: Queryable, code: string) {
  return selectView(db).where('f.code', '=', code).executeTakeFirst();
}

/** Which items an officer's roles reach: whole subtrees overseen, or a unit (and agency) served. */
export interface FeedbackScope {
  overseenUnitIds: number[];
  /** A unit served, with the agency when the role names one (then: that agency's items and the unit's unrouted ones). */
  served: { unitId: number; agencyId: number | null }[];
}

function inScope(eb: ExpressionBuilder<DB & { f: FeedbackItemsTable }, 'f'>, scope: FeedbackScope) {
  const parts = [
    ...(scope.overseenUnitIds.length > 0 ? [eb('f.unit_id', 'in', scope.overseenUnitIds)] : []),
    ...scope.served.map((s) =>
      s.agencyId === null
        ? eb('f.unit_id', '=', s.unitId)
        : eb.and([
            eb('f.unit_id', '=', s.unitId),
            eb.or([eb('f.agency_id', 'is', null), eb('f.agency_id', '=', s.agencyId)]),
          ]),
    ),
  ];
  return parts.length > 0 ? eb.or(parts) : sql<boolean>`false`;
}

export type StaffQueue = 'new' | 'open' | 'due_soon' | 'overdue' | 'answered' | 'closed' | 'all';

export async function listFeedbackForStaff(
  db: Queryable,
  input: {
    scope: FeedbackScope;
    queue: StaffQueue;
    now: Date;
    dueSoonBefore: Date;
    q?: string | undefined;
    limit: number;
    offset: number;
    countOnly?: boolean;
  },
) {
  const OPEN: FeedbackStatus[] = ['received', 'triaged'];
  let query = selectView(db).where((eb) => inScope(eb, input.scope));
  switch (input.queue) {
    case 'new':
      query = query.where('f.status', '=', 'received');
      break;
    case 'open':
      query = query.where('f.status', 'in', OPEN);
      break;
    case 'due_soon':
      query = query
        .where('f.status', 'in', OPEN)
        .where('f.due_at', '>=', input.now)
        .where('f.due_at', '<=', input.dueSoonBefore);
      break;
    case 'overdue':
      query = query.where('f.status', 'in', OPEN).where('f.due_at', '<', input.now);
      break;
    case 'answered':
      query = query.where('f.status', '=', 'answered');
      break;
    case 'closed':
      query = query.where('f.status', '=', 'closed');
      break;
    case 'all':
      break;
  }
  if (input.q) {
    const like = `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb('f.code', 'ilike', like), eb('f.body', 'ilike', like), eb('f.sender_name', 'ilike', like)]),
    );
  }
  const counted = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const total = Number(counted.n);
  if (input.countOnly) return { total, items: [] };
  const order = input.queue === 'answered' || input.queue === 'closed' || input.queue === 'all';
  const items = await query
    .orderBy(order ? 'f.received_at' : 'f.due_at', order ? 'desc' : 'asc')
    .orderBy('f.id', 'desc')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return { total, items };
}

/** Answered items whose sender agreed and whose answer was published, newest answer first. */
export async function listPublishedFeedback(
  db: Queryable,
  input: { kind?: string | undefined; q?: string | undefined; limit: number; offset: number },
) {
  let query = selectView(db).where('f.published_at', 'is not', null);
  if (input.kind === 'complaint' || input.kind === 'recommendation')
    query = query.where('f.kind', '=', input.kind);
  if (input.q) {
    const like = `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb('f.code', 'ilike', like), eb('f.body', 'ilike', like), eb('f.answer', 'ilike', like)]),
    );
  }
  const counted = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const items = await query
    .orderBy('f.published_at', 'desc')
    .orderBy('f.id', 'desc')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return { total: Number(counted.n), items };
}

/** GET requests of Open311: by ids, or by services, statuses and a window of receipt, newest first. */
export async function listFeedbackForOpen311(
  db: Queryable,
  input:
    | { codes: string[]; limit: number }
    | {
        subjects: FeedbackSubjectType[] | null;
        statuses: FeedbackStatus[] | null;
        from: Date;
        to: Date;
        limit: number;
      },
) {
  let query = selectView(db);
  if ('codes' in input) {
    if (input.codes.length === 0) return [];
    query = query.where('f.code', 'in', input.codes);
  } else {
    query = query.where('f.received_at', '>=', input.from).where('f.received_at', '<=', input.to);
    if (input.subjects) query = query.where('f.subject_type', 'in', input.subjects);
    if (input.statuses) query = query.where('f.status', 'in', input.statuses);
  }
  return query.orderBy('f.received_at', 'desc').orderBy('f.id', 'desc').limit(input.limit).execute();
}

export async function findFeedbackAttachments(db: Queryable, feedbackId: number) {
  return db
    .selectFrom('feedback_attachments as fa')
    .innerJoin('files as fl', 'fl.id', 'fa.file_id')
    .select(['fl.id', 'fl.original_name', 'fl.media_type', 'fl.size_bytes', 'fl.storage_key'])
    .where('fa.feedback_id', '=', feedbackId)
    .orderBy('fl.created_at')
    .orderBy('fl.id')
    .execute();
}

export async function listFeedbackEvents(db: Queryable, feedbackId: number) {
  return db
    .selectFrom('feedback_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select([
      'e.id',
      'e.at',
      'e.action',
      'e.from_status',
      'e.to_status',
      'e.note',
      'u.full_name as actor_name',
    ])
    .where('e.feedback_id', '=', feedbackId)
    .orderBy('e.id')
    .execute();
}

// ---- reminders -------------------------------------------------------------------------------

/** Items whose clock runs and which still lack one of their two reminders. */
export async function findOpenFeedbackForReminders(db: Queryable) {
  return db
    .selectFrom('feedback_items')
    .select([
      'id',
      'code',
      'kind',
      'unit_id',
      'agency_id',
      'due_at',
      'reminded_due_soon_at',
      'reminded_overdue_at',
    ])
    .where('status', 'in', ['received', 'triaged'])
    .where((eb) => eb.or([eb('reminded_due_soon_at', 'is', null), eb('reminded_overdue_at', 'is', null)]))
    .orderBy('due_at')
    .orderBy('id')
    .execute();
}

/** Marks a reminder sent; false when another run already did (so it is sent once). */
export async function markReminded(
  db: Queryable,
  id: number,
  which: 'due_soon' | 'overdue',
  at: Date,
): Promise<boolean> {
  const column = which === 'due_soon' ? 'reminded_due_soon_at' : 'reminded_overdue_at';
  const result = await db
    .updateTable('feedback_items')
    .set({ [column]: at })
    .where('id', '=', id)
    .where(column, 'is', null)
    .where('status', 'in', ['received', 'triaged'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The staff to remind about an item, with an e-mail address: the heads of the agency it was routed
 * to, and the unit heads and signing leaders of its unit who serve the whole unit (or, for an item not
 * routed to an agency yet, every head and leader of the unit).
 */
export async function findFeedbackRecipients(
  db: Queryable,
  input: { unitId: number; agencyId: number | null },
) {
  return db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.email', 'u.locale'])
    .distinct()
    .where('r.role', 'in', ['unit_head', 'signing_leader'])
    .where('u.status', '=', 'active')
    .where('u.email', 'is not', null)
    .where('r.unit_id', '=', input.unitId)
    .where((eb) =>
      input.agencyId === null
        ? sql<boolean>`true`
        : eb.or([eb('r.agency_id', 'is', null), eb('r.agency_id', '=', input.agencyId)]),
    )
    .orderBy('u.id')
    .execute();
}

// ---- what the forms offer --------------------------------------------------------------------

export async function findAgencyOfUnit(db: Queryable, unitId: number, code: string) {
  return db
    .selectFrom('agencies')
    .select(['id', 'code', 'name'])
    .where('unit_id', '=', unitId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function findStaffUser(db: Queryable, username: string) {
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.username', 'u.full_name'])
    .where('u.username', '=', username.toLowerCase())
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles as r')
          .select('r.id')
          .whereRef('r.user_id', '=', 'u.id')
          .where('r.role', 'not in', ['citizen', 'team_member']),
      ),
    )
    .executeTakeFirst();
}

export async function findFeedbackIdByCode(db: Queryable, code: string) {
  const row = await db.selectFrom('feedback_items').select('id').where('code', '=', code).executeTakeFirst();
  return row?.id;
}
