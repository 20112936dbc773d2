import { sql } from 'kysely';
import type { Queryable } from '../../context.js';
import type { AgencyKind } from '../../db/schema.js';

export interface UnitVersionRow {
  unitId: number;
  versionId: number;
  code: string;
  parentId: number | null;
  parentCode: string | null;
  typeCode: string;
  name: string;
  nameEn: string;
  fullName: string;
  fullNameEn: string;
  validFrom: string;
  validTo: string | null;
  hasCounter: boolean;
  address: string | null;
  phone: string | null;
}

/** Versions in force on `date` ('YYYY-MM-DD'), optionally only for some codes. */
export async function findVersionsOn(
  db: Queryable,
  date: string,
  codes?: string[],
): Promise<UnitVersionRow[]> {
  if (codes && codes.length === 0) return [];
  let query = db
    .selectFrom('unit_versions as v')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .leftJoin('units as p', 'p.id', 'v.parent_id')
    .select([
      'u.id as unitId',
      'v.id as versionId',
      'u.code',
      'v.parent_id as parentId',
      'p.code as parentCode',
      'v.type_code as typeCode',
      'v.name',
      'v.name_en as nameEn',
      'v.full_name as fullName',
      'v.full_name_en as fullNameEn',
      'v.valid_from as validFrom',
      'v.valid_to as validTo',
      'u.has_counter as hasCounter',
      'u.address',
      'u.phone',
    ])
    .where('v.valid_from', '<=', date)
    .where((eb) => eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>', date)]));
  if (codes) query = query.where('u.code', 'in', codes);
  return query.orderBy('u.code').execute();
}

/** The unit and all its descendants on `date`, as versions; the tree walk happens in the database. */
export async function findSubtreeOn(
  db: Queryable,
  rootCode: string,
  date: string,
): Promise<UnitVersionRow[]> {
  const ids = await sql<{ unit_id: number }>`
    with recursive tree(unit_id) as (
      select u.id from units u where u.code = ${rootCode}
      union
      select v.unit_id from unit_versions v join tree t on v.parent_id = t.unit_id
      where v.valid_from <= ${date}::date and (v.valid_to is null or v.valid_to > ${date}::date)
    )
    select unit_id from tree`.execute(db);
  if (ids.rows.length === 0) return [];
  const codes = await db
    .selectFrom('units')
    .select('code')
    .where(
      'id',
      'in',
      ids.rows.map((r) => r.unit_id),
    )
    .execute();
  return findVersionsOn(
    db,
    date,
    codes.map((c) => c.code),
  );
}

/** The ids of the unit and its ancestors on `date`, nearest first. */
export async function findAncestorIds(db: Queryable, unitId: number, date: string): Promise<number[]> {
  const rows = await sql<{ unit_id: number; depth: number }>`
    with recursive up(unit_id, depth) as (
      select ${unitId}::bigint, 0
      union all
      select v.parent_id, up.depth + 1 from unit_versions v join up on v.unit_id = up.unit_id
      where v.parent_id is not null and v.valid_from <= ${date}::date and (v.valid_to is null or v.valid_to > ${date}::date)
        and up.depth < 20
    )
    select unit_id, depth from up order by depth`.execute(db);
  return rows.rows.map((r) => Number(r.unit_id));
}

export async function findUnitIdsByCode(db: Queryable, codes: string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('units').select(['id', 'code']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function insertUnit(db: Queryable, code: string): Promise<number> {
  const row = await db.insertInto('units').values({ code }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertUnitVersion(
  db: Queryable,
  version: {
    unitId: number;
    parentId: number | null;
    typeCode: string;
    name: string;
    nameEn: string;
    fullName: string;
    fullNameEn: string;
    validFrom: string;
    validTo: string | null;
  },
): Promise<void> {
  await db
    .insertInto('unit_versions')
    .values({
      unit_id: version.unitId,
      parent_id: version.parentId,
      type_code: version.typeCode,
      name: version.name,
      name_en: version.nameEn,
      full_name: version.fullName,
      full_name_en: version.fullNameEn,
      valid_from: version.validFrom,
      valid_to: version.validTo,
    })
    .execute();
}

export async function closeUnitVersion(db: Queryable, versionId: number, validTo: string): Promise<void> {
  await db.updateTable('unit_versions').set({ valid_to: validTo }).where('id', '=', versionId).execute();
}

export async function deleteUnitVersion(db: Queryable, versionId: number): Promise<void> {
  await db.deleteFrom('unit_versions').where('id', '=', versionId).execute();
}

export async function findVersionStartingOn(db: Queryable, unitId: number, date: string) {
  return db
    .selectFrom('unit_versions')
    .select(['id'])
    .where('unit_id', '=', unitId)
    .where('valid_from', '=', date)
    .executeTakeFirst();
}

export async function findEarliestVersionStart(db: Queryable, unitId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('unit_versions')
    .select((eb) => eb.fn.min('valid_from').as('first'))
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return (row?.first as string | null) ?? undefined;
}

export async function updateUnitDetails(
  db: Queryable,
  unitId: number,
  details: { hasCounter?: boolean; address?: string | null; phone?: string | null },
): Promise<void> {
  await db
    .updateTable('units')
    .set({
      ...(details.hasCounter === undefined ? {} : { has_counter: details.hasCounter }),
      ...(details.address === undefined ? {} : { address: details.address }),
      ...(details.phone === undefined ? {} : { phone: details.phone }),
    })
    .where('id', '=', unitId)
    .execute();
}

export async function insertAgency(
  db: Queryable,
  agency: {
    unitId: number;
    code: string;
    kind: AgencyKind;
    name: string;
    nameEn: string;
    hasCounter?: boolean;
    address?: string | null;
    phone?: string | null;
    catalogName?: string | null;
  },
): Promise<number> {
  const row = await db
    .insertInto('agencies')
    .values({
      unit_id: agency.unitId,
      code: agency.code,
      kind: agency.kind,
      name: agency.name,
      name_en: agency.nameEn,
      has_counter: agency.hasCounter ?? false,
      address: agency.address ?? null,
      phone: agency.phone ?? null,
      catalog_name: agency.catalogName ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findAgenciesOfUnits(db: Queryable, unitIds: number[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('agencies')
    .selectAll()
    .where('unit_id', 'in', unitIds)
    .orderBy('kind')
    .orderBy('name')
    .execute();
}

export async function countUnits(db: Queryable): Promise<number> {
  const row = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
