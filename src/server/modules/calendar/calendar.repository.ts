import type { Queryable } from '../../context.js';

export type OverrideKind = 'day_off' | 'working_day';

export interface OverrideRow {
  date: string;
  kind: OverrideKind;
  note: string;
  createdAt: Date;
  /** Username of the administrator who entered it; null for rows entered by the system. */
  createdBy: string | null;
}

export interface CalendarSettingsRow {
  dueSoonAmount: number;
  dueSoonUnit: 'working_days' | 'working_hours';
}

/** Overrides in date order, all of them or those of one year. */
export async function findOverrides(db: Queryable, filter: { year?: number } = {}): Promise<OverrideRow[]> {
  let query = db
    .selectFrom('calendar_overrides as o')
    .leftJoin('users as u', 'u.id', 'o.created_by')
    .select(['o.date', 'o.kind', 'o.note', 'o.created_at as createdAt', 'u.username as createdBy'])
    .orderBy('o.date');
  if (filter.year !== undefined) {
    const year = String(filter.year).padStart(4, '0');
    query = query.where('o.date', '>=', `${year}-01-01`).where('o.date', '<=', `${year}-12-31`);
  }
  return query.execute();
}

/** Inserts an override; undefined when the date already has one (nothing is changed then). */
export async function insertOverride(
  db: Queryable,
  row: { date: string; kind: OverrideKind; note: string; createdBy: number | null; createdAt: Date },
): Promise<{ date: string } | undefined> {
  return db
    .insertInto('calendar_overrides')
    .values({
      date: row.date,
      kind: row.kind,
      note: row.note,
      created_by: row.createdBy,
      created_at: row.createdAt,
    })
    .onConflict((oc) => oc.column('date').doNothing())
    .returning('date')
    .executeTakeFirst();
}

/** Deletes the override of a date and returns what it was, or undefined when there was none. */
export async function deleteOverride(
  db: Queryable,
  date: string,
): Promise<{ date: string; kind: OverrideKind; note: string } | undefined> {
  return db
    .deleteFrom('calendar_overrides')
    .where('date', '=', date)
    .returning(['date', 'kind', 'note'])
    .executeTakeFirst();
}

export async function findCalendarSettings(db: Queryable): Promise<CalendarSettingsRow | undefined> {
  return db
    .selectFrom('calendar_settings')
    .select(['due_soon_amount as dueSoonAmount', 'due_soon_unit as dueSoonUnit'])
    .where('id', '=', 1)
    .executeTakeFirst();
}
