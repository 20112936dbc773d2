import type { Queryable } from '../../context.js';

export interface DraftRow {
  id: string;
  owner_id: number;
  procedure_code: string;
  data: unknown;
  created_at: Date;
  updated_at: Date;
}

export async function insertDraft(
  db: Queryable,
  draft: { id: string; ownerId: number; procedureCode: string; data: Record<string, unknown>; at: Date },
): Promise<void> {
  await db
    .insertInto('application_drafts')
    .values({
      id: draft.id,
      owner_id: draft.ownerId,
      procedure_code: draft.procedureCode,
      data: JSON.stringify(draft.data),
      created_at: draft.at,
      updated_at: draft.at,
    })
    .execute();
}

/** The draft, only when `ownerId` owns it. */
export async function findDraftOf(db: Queryable, id: string, ownerId: number): Promise<DraftRow | undefined> {
  return db
    .selectFrom('application_drafts')
    .selectAll()
    .where('id', '=', id)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
}

export async function updateDraftData(
  db: Queryable,
  id: string,
  ownerId: number,
  data: Record<string, unknown>,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('application_drafts')
    .set({ data: JSON.stringify(data), updated_at: at })
    .where('id', '=', id)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteDraftOf(db: Queryable, id: string, ownerId: number): Promise<boolean> {
  const result = await db
    .deleteFrom('application_drafts')
    .where('id', '=', id)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function countDraftsOf(db: Queryable, ownerId: number): Promise<number> {
  const row = await db
    .selectFrom('application_drafts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('owner_id', '=', ownerId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A person's drafts, latest first, with the procedure's name (null when it left the catalogue). */
export async function listDraftsOf(db: Queryable, ownerId: number, procedureCode?: string) {
  let query = db
    .selectFrom('application_drafts as d')
    .leftJoin('procedures as p', 'p.code', 'd.procedure_code')
    .select(['d.id', 'd.procedure_code', 'd.data', 'd.updated_at', 'p.name as procedure_name'])
    .where('d.owner_id', '=', ownerId);
  if (procedureCode) query = query.where('d.procedure_code', '=', procedureCode);
  return query.orderBy('d.updated_at', 'desc').orderBy('d.id').limit(100).execute();
}

/** What the account knows about its holder, to fill in the applicant's details. */
export async function findUserContact(db: Queryable, userId: number) {
  return db
    .selectFrom('users')
    .select(['full_name', 'email', 'phone'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

/** The receiving unit's names and address, as on `date`. */
export async function findUnitOn(db: Queryable, unitId: number, date: string) {
  return db
    .selectFrom('units as u')
    .innerJoin('unit_versions as v', 'v.unit_id', 'u.id')
    .select(['u.code', 'u.address', 'u.phone', 'v.name', 'v.full_name', 'v.full_name_en'])
    .where('u.id', '=', unitId)
    .where('v.valid_from', '<=', date)
    .where((eb) => eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>', date)]))
    .executeTakeFirst();
}

/** The draft, locked for the rest of the transaction, so two uploads to one draft queue up. */
export async function lockDraftOf(db: Queryable, id: string, ownerId: number): Promise<DraftRow | undefined> {
  return db
    .selectFrom('application_drafts')
    .selectAll()
    .where('id', '=', id)
    .where('owner_id', '=', ownerId)
    .forUpdate()
    .executeTakeFirst();
}
