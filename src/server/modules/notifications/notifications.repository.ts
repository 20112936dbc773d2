import { type Insertable, type Selectable, sql } from 'kysely';
import type { Queryable } from '../../context.js';
import type { DeadlineFlag, NotificationsTable } from '../../db/schema.js';

export type NotificationRow = Selectable<NotificationsTable>;
export type NewNotification = Insertable<NotificationsTable>;

const CURSOR = 'application_events';

/** Where the dispatcher stopped, locked until the transaction ends (one dispatcher at a time). */
export async function lockCursor(db: Queryable): Promise<{ txId: string; eventId: number }> {
  const row = await db
    .selectFrom('notification_cursor')
    .select([sql<string>`tx_id::text`.as('tx_id'), 'event_id'])
    .where('name', '=', CURSOR)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { txId: row.tx_id, eventId: row.event_id };
}

export async function moveCursor(db: Queryable, txId: string, eventId: number, at: Date): Promise<void> {
  await db
    .updateTable('notification_cursor')
    .set({ tx_id: sql<string>`${txId}::xid8`, event_id: eventId, updated_at: at })
    .where('name', '=', CURSOR)
    .execute();
}

/**
 * The events after the cursor, in commit-safe order, with what a message needs. Only events of
 * transactions older than every transaction still running are read: any event that becomes visible
 * later belongs to a newer transaction and so sorts after the cursor.
 */
export async function findEventsAfter(
  db: Queryable,
  cursor: { txId: string; eventId: number },
  limit: number,
) {
  return db
    .selectFrom('application_events as e')
    .innerJoin('applications as a', 'a.id', 'e.application_id')
    .innerJoin('procedures as p', 'p.id', 'a.procedure_id')
    .leftJoin('users as u', 'u.id', 'a.applicant_user_id')
    .select([
      'e.id',
      sql<string>`e.tx_id::text`.as('tx_id'),
      'e.application_id',
      'e.action',
      'e.from_status',
      'e.to_status',
      'e.note',
      'e.details',
      'a.code',
      'a.applicant_email',
      'a.applicant_phone',
      'a.applicant_user_id',
      'a.due_at',
      'p.name as procedure_name',
      'u.locale',
    ])
    .where(sql<boolean>`(e.tx_id, e.id) > (${cursor.txId}::xid8, ${cursor.eventId}::bigint)`)
    .where(sql<boolean>`e.tx_id < pg_snapshot_xmin(pg_current_snapshot())`)
    .orderBy('e.tx_id')
    .orderBy('e.id')
    .limit(limit)
    .execute();
}

export type EventForNotification = Awaited<ReturnType<typeof findEventsAfter>>[number];

/** Events not yet read by the dispatcher, including those of transactions still running. */
export async function countEventsAfter(db: Queryable, cursor: { txId: string; eventId: number }) {
  const row = await db
    .selectFrom('application_events as e')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where(sql<boolean>`(e.tx_id, e.id) > (${cursor.txId}::xid8, ${cursor.eventId}::bigint)`)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The last event a dispatcher could read now, in its order. */
export async function findLastReadableEvent(db: Queryable) {
  return db
    .selectFrom('application_events as e')
    .select([sql<string>`e.tx_id::text`.as('tx_id'), 'e.id'])
    .where(sql<boolean>`e.tx_id < pg_snapshot_xmin(pg_current_snapshot())`)
    .orderBy('e.tx_id', 'desc')
    .orderBy('e.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function readCursor(db: Queryable): Promise<{ txId: string; eventId: number }> {
  const row = await db
    .selectFrom('notification_cursor')
    .select([sql<string>`tx_id::text`.as('tx_id'), 'event_id'])
    .where('name', '=', CURSOR)
    .executeTakeFirstOrThrow();
  return { txId: row.tx_id, eventId: row.event_id };
}

/** Inserts the notifications not recorded yet (by dedupe key); returns the ids of the new ones. */
export async function insertNotifications(db: Queryable, rows: NewNotification[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('notifications')
    .values(rows)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .execute();
  return inserted.map((r) => r.id);
}

/** Pending notifications no job was queued for (the process stopped between commit and enqueue). */
export async function findUnqueued(db: Queryable, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('notifications')
    .select('id')
    .where('status', '=', 'pending')
    .where('queued_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function markQueued(db: Queryable, ids: number[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('notifications').set({ queued_at: at }).where('id', 'in', ids).execute();
}

export async function findNotification(db: Queryable, id: number): Promise<NotificationRow | undefined> {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPendingIds(db: Queryable, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('notifications')
    .select('id')
    .where('status', '=', 'pending')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function markSent(db: Queryable, id: number, at: Date): Promise<void> {
  await db
    .updateTable('notifications')
    .set((eb) => ({ status: 'sent', sent_at: at, attempts: eb('attempts', '+', 1), last_error: null }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

export async function markAttemptFailed(db: Queryable, id: number, error: string, final: boolean) {
  await db
    .updateTable('notifications')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_error: error.slice(0, 500),
      ...(final ? { status: 'failed' as const } : {}),
    }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

export async function listNotifications(db: Queryable, applicationId: number) {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
}

// ---- deadlines -------------------------------------------------------------------------------

/** Applications whose legal clock runs, with their due moment and last flag. */
export async function findRunningWithDueDates(db: Queryable, statuses: readonly number[]) {
  return db
    .selectFrom('applications as a')
    .innerJoin('procedures as p', 'p.id', 'a.procedure_id')
    .leftJoin('deadline_flags as f', 'f.application_id', 'a.id')
    .select([
      'a.id',
      'a.code',
      'a.due_at',
      'a.assignee_id',
      'a.handling_agency_id',
      'a.handling_unit_id',
      'p.name as procedure_name',
      'f.flag',
    ])
    .where('a.status', 'in', [...statuses])
    .where('a.due_at', 'is not', null)
    .orderBy('a.id')
    .execute();
}

/**
 * Records the application's new flag if it differs from the stored one; returns the change's number,
 * or undefined when another run already recorded this flag.
 */
export async function recordFlag(
  db: Queryable,
  input: { applicationId: number; flag: DeadlineFlag; dueAt: Date; at: Date },
): Promise<number | undefined> {
  const row = await db
    .insertInto('deadline_flags')
    .values({
      application_id: input.applicationId,
      flag: input.flag,
      due_at: input.dueAt,
      changes: 1,
      changed_at: input.at,
    })
    .onConflict((oc) =>
      oc
        .column('application_id')
        .doUpdateSet({
          flag: input.flag,
          due_at: input.dueAt,
          changes: sql<number>`deadline_flags.changes + 1`,
          changed_at: input.at,
        })
        .where('deadline_flags.flag', '<>', input.flag),
    )
    .returning('changes')
    .executeTakeFirst();
  return row?.changes;
}

/** The active officers to alert about an application: its assignee and its handling agency's unit heads. */
export async function findDeadlineRecipients(
  db: Queryable,
  input: { assigneeId: number | null; agencyId: number | null; unitId: number | null },
) {
  const heads =
    input.agencyId === null && input.unitId === null
      ? []
      : await db
          .selectFrom('user_roles as r')
          .innerJoin('users as u', 'u.id', 'r.user_id')
          .select(['u.id', 'u.email', 'u.locale'])
          .where('r.role', '=', 'unit_head')
          .where('u.status', '=', 'active')
          .where((eb) =>
            eb.or([
              ...(input.agencyId === null ? [] : [eb('r.agency_id', '=', input.agencyId)]),
              ...(input.unitId === null
                ? []
                : [eb.and([eb('r.unit_id', '=', input.unitId), eb('r.agency_id', 'is', null)])]),
            ]),
          )
          .execute();
  const assignee =
    input.assigneeId === null
      ? []
      : await db
          .selectFrom('users as u')
          .select(['u.id', 'u.email', 'u.locale'])
          .where('u.id', '=', input.assigneeId)
          .where('u.status', '=', 'active')
          .execute();
  return {
    assignee: assignee.map((u) => ({ ...u, audience: 'assignee' as const })),
    heads: heads.map((u) => ({ ...u, audience: 'unit_head' as const })),
  };
}
