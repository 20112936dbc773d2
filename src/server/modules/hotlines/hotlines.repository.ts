import type { Queryable } from '../../context.js';
import type { HotlineKind } from '../../db/schema.js';

export interface HotlineValues {
  kind: HotlineKind;
  position: string;
  personName: string | null;
  phone: string;
  note: string | null;
  sortOrder: number;
}

const COLUMNS = ['id', 'kind', 'position', 'person_name', 'phone', 'note', 'sort_order'] as const;

/** The directory in its reading order: the chairperson, the leaders, then the units; each by its order. */
export async function findHotlines(db: Queryable) {
  return db
    .selectFrom('hotlines')
    .select(COLUMNS)
    .orderBy((eb) =>
      eb.case().when('kind', '=', 'chairperson').then(0).when('kind', '=', 'leader').then(1).else(2).end(),
    )
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}
export type HotlineRow = Awaited<ReturnType<typeof findHotlines>>[number];

export async function findHotline(db: Queryable, id: number): Promise<HotlineRow | undefined> {
  return db.selectFrom('hotlines').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function insertHotline(db: Queryable, values: HotlineValues, at: Date): Promise<number> {
  const row = await db
    .insertInto('hotlines')
    .values({
      kind: values.kind,
      position: values.position,
      person_name: values.personName,
      phone: values.phone,
      note: values.note,
      sort_order: values.sortOrder,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Returns whether the entry existed. */
export async function updateHotline(db: Queryable, id: number, values: HotlineValues, at: Date) {
  const result = await db
    .updateTable('hotlines')
    .set({
      kind: values.kind,
      position: values.position,
      person_name: values.personName,
      phone: values.phone,
      note: values.note,
      sort_order: values.sortOrder,
      updated_at: at,
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteHotline(db: Queryable, id: number): Promise<boolean> {
  const result = await db.deleteFrom('hotlines').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function countHotlines(db: Queryable): Promise<number> {
  const row = await db
    .selectFrom('hotlines')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
