// SQL of the staff scores: methods, the officers a unit scores, the stored scores, and the one figure
// the statistics module does not give per officer (feedback upheld against them).
import type { Selectable } from 'kysely';
import type { Queryable } from '../../context.js';
import type { StaffScoreMethodsTable, StaffScoresTable } from '../../db/schema.js';

export type MethodRow = Selectable<StaffScoreMethodsTable>;
export type ScoreRow = Selectable<StaffScoresTable>;

/** Roles whose holders a unit scores (leaders are scored by the level above). */
export const SCORED_ROLES = ['counter_officer', 'specialist', 'unit_head'] as const;

const normaliseScore = (row: ScoreRow): ScoreRow => ({
  ...row,
  leader_score: row.leader_score === null ? null : Number(row.leader_score),
  total: row.total === null ? null : Number(row.total),
});

export async function findMethods(db: Queryable, unitIds: number[]): Promise<MethodRow[]> {
  if (unitIds.length === 0) return [];
  return db.selectFrom('staff_score_methods').selectAll().where('unit_id', 'in', unitIds).execute();
}

export async function upsertMethod(
  db: Queryable,
  unitId: number,
  values: { weights: Record<string, number>; thresholds: Record<string, number>; upheldPenalty: number },
  by: number | null,
  now: Date,
): Promise<MethodRow> {
  return db
    .insertInto('staff_score_methods')
    .values({
      unit_id: unitId,
      weights: JSON.stringify(values.weights),
      thresholds: JSON.stringify(values.thresholds),
      upheld_penalty: values.upheldPenalty,
      updated_by: by,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.column('unit_id').doUpdateSet((eb) => ({
        weights: eb.ref('excluded.weights'),
        thresholds: eb.ref('excluded.thresholds'),
        upheld_penalty: eb.ref('excluded.upheld_penalty'),
        updated_by: eb.ref('excluded.updated_by'),
        updated_at: eb.ref('excluded.updated_at'),
        version: eb('staff_score_methods.version', '+', 1),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface OfficerRow {
  userId: number;
  username: string;
  fullName: string;
  role: string;
  agencyId: number | null;
  agencyCode: string | null;
  agencyName: string | null;
  agencyNameEn: string | null;
}

/** The active officers a unit scores: one row each (their first scored role in the unit). */
export async function listScoredOfficers(db: Queryable, unitId: number): Promise<OfficerRow[]> {
  const rows = await db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .leftJoin('agencies as a', 'a.id', 'r.agency_id')
    .select([
      'r.id',
      'u.id as user_id',
      'u.username',
      'u.full_name',
      'r.role',
      'r.agency_id',
      'a.code as agency_code',
      'a.name as agency_name',
      'a.name_en as agency_name_en',
    ])
    .where('r.unit_id', '=', unitId)
    .where('r.role', 'in', [...SCORED_ROLES])
    .where('u.status', '=', 'active')
    .orderBy('u.full_name')
    .orderBy('u.id')
    .orderBy('r.id')
    .execute();
  const seen = new Set<number>();
  const officers: OfficerRow[] = [];
  for (const r of rows) {
    if (seen.has(r.user_id)) continue;
    seen.add(r.user_id);
    officers.push({
      userId: r.user_id,
      username: r.username,
      fullName: r.full_name,
      role: r.role,
      agencyId: r.agency_id,
      agencyCode: r.agency_code,
      agencyName: r.agency_name,
      agencyNameEn: r.agency_name_en,
    });
  }
  return officers;
}

export async function findScores(db: Queryable, unitId: number, period: string): Promise<ScoreRow[]> {
  const rows = await db
    .selectFrom('staff_scores')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('period', '=', period)
    .execute();
  return rows.map(normaliseScore);
}

export async function findScore(
  db: Queryable,
  userId: number,
  unitId: number,
  period: string,
  options: { lock?: boolean } = {},
): Promise<ScoreRow | undefined> {
  let query = db
    .selectFrom('staff_scores')
    .selectAll()
    .where('user_id', '=', userId)
    .where('unit_id', '=', unitId)
    .where('period', '=', period);
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? normaliseScore(row) : undefined;
}

/** Creates the row of a score (a draft) when it has none yet; returns it either way. */
export async function ensureScore(db: Queryable, userId: number, unitId: number, period: string, now: Date) {
  await db
    .insertInto('staff_scores')
    .values({ user_id: userId, unit_id: unitId, period, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'unit_id', 'period']).doNothing())
    .execute();
  return (await findScore(db, userId, unitId, period, { lock: true }))!;
}

export async function saveReview(
  db: Queryable,
  id: number,
  values: { leaderScore: number; note: string | null; by: number; now: Date },
): Promise<ScoreRow> {
  const row = await db
    .updateTable('staff_scores')
    .set((eb) => ({
      status: 'reviewed' as const,
      leader_score: values.leaderScore,
      leader_note: values.note,
      reviewed_by: values.by,
      reviewed_at: values.now,
      updated_at: values.now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return normaliseScore(row);
}

export async function saveSignature(
  db: Queryable,
  id: number,
  values: { computation: unknown; total: number; level: string; by: number; now: Date },
): Promise<ScoreRow> {
  const row = await db
    .updateTable('staff_scores')
    .set((eb) => ({
      status: 'signed' as const,
      computation: JSON.stringify(values.computation),
      total: values.total,
      level: values.level as ScoreRow['level'],
      signed_by: values.by,
      signed_at: values.now,
      updated_at: values.now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return normaliseScore(row);
}

/** Feedback about each officer answered in [start, end) and upheld (the officer was found at fault). */
export async function countUpheldFeedback(
  db: Queryable,
  userIds: number[],
  start: Date,
  end: Date,
): Promise<Map<number, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('feedback_items')
    .select(['officer_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('officer_id', 'in', userIds)
    .where('upheld', '=', true)
    .where('answered_at', '>=', start)
    .where('answered_at', '<', end)
    .groupBy('officer_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.officer_id), Number(r.n)]));
}

export async function findFullNames(db: Queryable, userIds: number[]): Promise<Map<number, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', userIds).execute();
  return new Map(rows.map((r) => [r.id, r.full_name]));
}

export async function findUnitName(db: Queryable, unitId: number, date: string) {
  return db
    .selectFrom('unit_versions')
    .select(['full_name', 'full_name_en'])
    .where('unit_id', '=', unitId)
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .executeTakeFirst();
}
