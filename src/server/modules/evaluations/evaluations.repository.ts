// The only SQL of satisfaction evaluations: criteria, single-use links, evaluations and their counts.
import { type Selectable, sql } from 'kysely';
import type { EvaluationLevel } from '../../../shared/evaluations/schema.js';
import type { Queryable } from '../../context.js';
import type { EvaluationChannel, EvaluationCriteriaTable, EvaluationsTable } from '../../db/schema.js';

export type CriterionRow = Selectable<EvaluationCriteriaTable>;
export type EvaluationRow = Selectable<EvaluationsTable>;

// ---------------------------------------------------------------------------------------------
// Criteria
// ---------------------------------------------------------------------------------------------

/** Criteria in the order they are asked; only the active ones unless `all`. */
export async function findCriteria(db: Queryable, options: { all?: boolean } = {}): Promise<CriterionRow[]> {
  let query = db.selectFrom('evaluation_criteria').selectAll().orderBy('position').orderBy('id');
  if (!options.all) query = query.where('active', '=', true);
  return query.execute();
}

export async function findCriterionByCode(db: Queryable, code: string): Promise<CriterionRow | undefined> {
  return db.selectFrom('evaluation_criteria').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Locks every criterion row until the transaction ends, so reorderings do not interleave. */
export async function lockCriteria(db: Queryable): Promise<CriterionRow[]> {
  return db
    .selectFrom('evaluation_criteria')
    .selectAll()
    .orderBy('position')
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** Inserts a criterion at the end; undefined when the code is taken. */
export async function insertCriterion(
  db: Queryable,
  input: { code: string; labelVi: string; labelEn: string; at: Date },
): Promise<CriterionRow | undefined> {
  return db
    .insertInto('evaluation_criteria')
    .values((eb) => ({
      code: input.code,
      label_vi: input.labelVi,
      label_en: input.labelEn,
      position: eb
        .selectFrom('evaluation_criteria')
        .select(sql<number>`coalesce(max(position), 0) + 1`.as('next')),
      created_at: input.at,
      updated_at: input.at,
    }))
    .onConflict((oc) => oc.column('code').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateCriterion(
  db: Queryable,
  id: number,
  changes: { labelVi?: string; labelEn?: string; position?: number; active?: boolean; at: Date },
): Promise<void> {
  await db
    .updateTable('evaluation_criteria')
    .set({
      ...(changes.labelVi !== undefined ? { label_vi: changes.labelVi } : {}),
      ...(changes.labelEn !== undefined ? { label_en: changes.labelEn } : {}),
      ...(changes.position !== undefined ? { position: changes.position } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
      updated_at: changes.at,
    })
    .where('id', '=', id)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Single-use links
// ---------------------------------------------------------------------------------------------

export async function insertToken(
  db: Queryable,
  input: {
    applicationId: number;
    hash: string;
    channel: 'online' | 'email';
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('evaluation_tokens')
    .values({
      application_id: input.applicationId,
      token_hash: input.hash,
      channel: input.channel,
      created_at: input.createdAt,
      expires_at: input.expiresAt,
    })
    .execute();
}

export async function findToken(db: Queryable, hash: string) {
  return db
    .selectFrom('evaluation_tokens')
    .select(['id', 'application_id', 'channel', 'expires_at', 'used_at'])
    .where('token_hash', '=', hash)
    .executeTakeFirst();
}

/**
 * Marks a link used if it is still unused and unexpired; undefined otherwise. Of two simultaneous
 * uses the second waits for the first's row lock, then finds it used.
 */
export async function useToken(db: Queryable, hash: string, now: Date) {
  return db
    .updateTable('evaluation_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', hash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['id', 'application_id', 'channel'])
    .executeTakeFirst();
}

/** Forgets the unused links of an application that were opened from the tracking page. */
export async function deleteUnusedOnlineTokens(db: Queryable, applicationId: number): Promise<void> {
  await db
    .deleteFrom('evaluation_tokens')
    .where('application_id', '=', applicationId)
    .where('channel', '=', 'online')
    .where('used_at', 'is', null)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Evaluations
// ---------------------------------------------------------------------------------------------

export async function findEvaluationOf(
  db: Queryable,
  applicationId: number,
): Promise<EvaluationRow | undefined> {
  return db
    .selectFrom('evaluations')
    .selectAll()
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
}

/** Which of these applications have been evaluated. */
export async function findEvaluatedIds(db: Queryable, applicationIds: number[]): Promise<Set<number>> {
  if (applicationIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('evaluations')
    .select('application_id')
    .where('application_id', 'in', applicationIds)
    .execute();
  return new Set(rows.map((r) => r.application_id));
}

/** Inserts the evaluation; undefined when the application already has one (the unique index decides). */
export async function insertEvaluation(
  db: Queryable,
  input: {
    applicationId: number;
    agencyId: number;
    unitId: number;
    officerId: number | null;
    counterOfficerId: number | null;
    channel: EvaluationChannel;
    level: EvaluationLevel;
    comment: string | null;
    submittedAt: Date;
  },
): Promise<EvaluationRow | undefined> {
  return db
    .insertInto('evaluations')
    .values({
      application_id: input.applicationId,
      agency_id: input.agencyId,
      unit_id: input.unitId,
      officer_id: input.officerId,
      counter_officer_id: input.counterOfficerId,
      channel: input.channel,
      level: input.level,
      comment: input.comment,
      submitted_at: input.submittedAt,
    })
    .onConflict((oc) => oc.column('application_id').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function insertAnswers(
  db: Queryable,
  evaluationId: number,
  answers: { criterionId: number; level: EvaluationLevel }[],
): Promise<void> {
  if (answers.length === 0) return;
  await db
    .insertInto('evaluation_answers')
    .values(
      answers.map((a) => ({ evaluation_id: evaluationId, criterion_id: a.criterionId, level: a.level })),
    )
    .execute();
}

export async function findAnswers(db: Queryable, evaluationId: number) {
  return db
    .selectFrom('evaluation_answers as a')
    .innerJoin('evaluation_criteria as c', 'c.id', 'a.criterion_id')
    .select(['c.code', 'a.level'])
    .where('a.evaluation_id', '=', evaluationId)
    .orderBy('c.position')
    .orderBy('c.id')
    .execute();
}

/** The unit an agency belongs to. */
export async function findAgencyUnitId(db: Queryable, agencyId: number): Promise<number | undefined> {
  const row = await db.selectFrom('agencies').select('unit_id').where('id', '=', agencyId).executeTakeFirst();
  return row?.unit_id;
}

/** Who returned the result (the counter officer of the last return_result event), if recorded. */
export async function findReturningOfficerId(db: Queryable, applicationId: number): Promise<number | null> {
  const row = await db
    .selectFrom('application_events')
    .select('actor_id')
    .where('application_id', '=', applicationId)
    .where('action', '=', 'return_result')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.actor_id ?? null;
}

// ---------------------------------------------------------------------------------------------
// Counts
// ---------------------------------------------------------------------------------------------

export interface CountFilter {
  unitIds: number[];
  from: Date | null;
  /** Exclusive. */
  until: Date | null;
}

function filtered(db: Queryable, filter: CountFilter) {
  let query = db
    .selectFrom('evaluations as e')
    .where('e.unit_id', 'in', filter.unitIds.length ? filter.unitIds : [-1]);
  if (filter.from) query = query.where('e.submitted_at', '>=', filter.from);
  if (filter.until) query = query.where('e.submitted_at', '<', filter.until);
  return query;
}

export interface LevelCountRow {
  key: number;
  level: EvaluationLevel;
  n: number;
}

const toCounts = (rows: { key: number | string | null; level: EvaluationLevel; n: number | string }[]) =>
  rows
    .filter((r): r is { key: number | string; level: EvaluationLevel; n: number | string } => r.key !== null)
    .map((r) => ({ key: Number(r.key), level: r.level, n: Number(r.n) }));

/** Evaluations by unit and overall level. */
export async function countByUnit(db: Queryable, filter: CountFilter): Promise<LevelCountRow[]> {
  const rows = await filtered(db, filter)
    .select(['e.unit_id as key', 'e.level', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['e.unit_id', 'e.level'])
    .execute();
  return toCounts(rows);
}

/** Evaluations by the officer who handled the application, and overall level. */
export async function countByOfficer(db: Queryable, filter: CountFilter): Promise<LevelCountRow[]> {
  const rows = await filtered(db, filter)
    .where('e.officer_id', 'is not', null)
    .select(['e.officer_id as key', 'e.level', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['e.officer_id', 'e.level'])
    .execute();
  return toCounts(rows);
}

/** Answers by criterion and level. */
export async function countByCriterion(db: Queryable, filter: CountFilter): Promise<LevelCountRow[]> {
  const rows = await filtered(db, filter)
    .innerJoin('evaluation_answers as a', 'a.evaluation_id', 'e.id')
    .select(['a.criterion_id as key', 'a.level', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['a.criterion_id', 'a.level'])
    .execute();
  return toCounts(rows);
}

/** Codes and current names of units. */
export async function findUnitNames(db: Queryable, unitIds: number[], date: string) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('units as u')
    .innerJoin('unit_versions as v', 'v.unit_id', 'u.id')
    .select(['u.id', 'u.code', 'v.full_name', 'v.full_name_en'])
    .where('u.id', 'in', unitIds)
    .where('v.valid_from', '<=', date)
    .where((eb) => eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>', date)]))
    .execute();
}

export async function findUnitCodes(db: Queryable, unitIds: number[]): Promise<Map<number, string>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db.selectFrom('units').select(['id', 'code']).where('id', 'in', unitIds).execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}

export async function findUsers(db: Queryable, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('users').select(['id', 'username', 'full_name']).where('id', 'in', ids).execute();
}

export async function findCriteriaByIds(db: Queryable, ids: number[]): Promise<CriterionRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('evaluation_criteria').selectAll().where('id', 'in', ids).execute();
}

/** Returned applications without an evaluation, oldest return first (the demo evaluates them). */
export async function findReturnedUnevaluated(db: Queryable, limit: number) {
  return db
    .selectFrom('applications as a')
    .leftJoin('evaluations as e', 'e.application_id', 'a.id')
    .select(['a.id', 'a.code', 'a.channel', 'a.returned_at', 'a.updated_at'])
    .where('a.status', '=', 10)
    .where('e.id', 'is', null)
    .orderBy('a.returned_at')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}
