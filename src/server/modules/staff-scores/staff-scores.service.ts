// Staff scores (chấm điểm, đánh giá, xếp loại cán bộ): each unit's leaders configure the method (weights
// of the criteria, the thresholds of the four levels of Decree 90/2020/NĐ-CP); every officer's score for
// a month, quarter or year is computed from the platform's own data:
//
//   on_time, workload, satisfaction  the statistics module's per-officer figures (stats.service
//                                    breakdown by officer: received, processed, returned, went late
//                                    in their hands, evaluations of what they handled)
//   feedback                         feedback about the officer answered in the period and upheld
//   test                             the latest capacity-test score of the last 12 months
//   leader                           the leader's assessment, entered at review
//
// Until signed, a score is recomputed whenever it is read; the unit head (or signing leader) reviews it
// (assessment and note) and signs it once the period is over, which stores the method, every input
// figure and the result, and freezes the row (a database trigger refuses any later change).
import { grantsAllow, type RoleGrant } from '../../../shared/auth/roles.js';
import { addDays } from '../../../shared/calendar/index.js';
import { vietnamDate } from '../../../shared/clock.js';
import { AppError } from '../../../shared/errors.js';
import type {
  TMethodInput,
  TReviewInput,
  TScoresQuery,
  TSignInput,
} from '../../../shared/staff-scores/schema.js';
import {
  CRITERIA,
  type Criterion,
  classify,
  computeScore,
  DEFAULT_METHOD,
  LEVELS,
  type Level,
  type Method,
  parsePeriod,
  type ScoreInputs,
  type ScorePeriod,
  type ScoreResult,
  TEST_VALID_MONTHS,
  workloadOf,
} from '../../../shared/staff-scores/scoring.js';
import { STATS_PAGE_SIZE_MAX } from '../../../shared/stats/definitions.js';
import { requireAccess } from '../../auth/access.js';
import type { ActionContext, Actor, AppDeps } from '../../context.js';
import { appendAudit } from '../audit/audit.repository.js';
import { findLatestScores } from '../capacity-tests/capacity-tests.repository.js';
import { type BreakdownRow, breakdown } from '../stats/stats.service.js';
import { findAncestorIds, findUnitIdsByCode } from '../units/units.repository.js';
import {
  countUpheldFeedback,
  ensureScore,
  findFullNames,
  findMethods,
  findScores,
  findUnitName,
  listScoredOfficers,
  type OfficerRow,
  type ScoreRow,
  saveReview,
  saveSignature,
  upsertMethod,
} from './staff-scores.repository.js';

const today = (deps: AppDeps) => vietnamDate(deps.clock.now());
/** Midnight starting a Vietnam day. */
const startOf = (day: string) => new Date(`${day}T00:00:00+07:00`);

async function unitIdOf(deps: AppDeps, code: string | undefined): Promise<{ id: number; code: string }> {
  const wanted = code ?? deps.config.homeUnitCode;
  // What cannot be a unit code (units.code) is unknown without asking the database.
  const id = /^[0-9A-Za-z.]{1,20}$/.test(wanted)
    ? (await findUnitIdsByCode(deps.database.db, [wanted])).get(wanted)
    : undefined;
  if (id === undefined) throw new AppError('UNIT_NOT_FOUND');
  return { id, code: wanted };
}

/** A period that has begun (a future one has nothing to score): 400 otherwise. */
function periodOf(deps: AppDeps, code: string): ScorePeriod {
  const period = parsePeriod(code);
  if (!period)
    throw new AppError('VALIDATION_FAILED', { fields: { period: { key: 'staffScores.errors.period' } } });
  if (period.from > today(deps))
    throw new AppError('VALIDATION_FAILED', {
      fields: { period: { key: 'staffScores.errors.periodFuture' } },
    });
  return period;
}

// ------------------------------------------------------------------------------------------------
// Methods
// ------------------------------------------------------------------------------------------------

export interface EffectiveMethod {
  unitId: number;
  unitCode: string;
  source: 'unit' | 'inherited' | 'default';
  fromUnitCode: string | null;
  method: Method;
  version: number | null;
}

function methodOf(row: {
  weights: Record<string, number>;
  thresholds: Record<string, number>;
  upheld_penalty: number;
}): Method {
  const weights = Object.fromEntries(CRITERIA.map((c) => [c, Number(row.weights[c] ?? 0)])) as Record<
    Criterion,
    number
  >;
  return {
    weights,
    thresholds: {
      excellent: Number(row.thresholds.excellent ?? DEFAULT_METHOD.thresholds.excellent),
      good: Number(row.thresholds.good ?? DEFAULT_METHOD.thresholds.good),
      completed: Number(row.thresholds.completed ?? DEFAULT_METHOD.thresholds.completed),
    },
    upheldPenalty: Number(row.upheld_penalty),
  };
}

/** The unit's method: its own, else the nearest unit above it with one, else the platform's default. */
async function effectiveMethod(deps: AppDeps, unit: { id: number; code: string }): Promise<EffectiveMethod> {
  const db = deps.database.db;
  const path = await findAncestorIds(db, unit.id, today(deps));
  const rows = await findMethods(db, path);
  for (const unitId of path) {
    const row = rows.find((r) => r.unit_id === unitId);
    if (!row) continue;
    const from =
      unitId === unit.id
        ? unit.code
        : ((await db.selectFrom('units').select('code').where('id', '=', unitId).executeTakeFirst())?.code ??
          null);
    return {
      unitId: unit.id,
      unitCode: unit.code,
      source: unitId === unit.id ? 'unit' : 'inherited',
      fromUnitCode: from,
      method: methodOf(row),
      version: row.version,
    };
  }
  return {
    unitId: unit.id,
    unitCode: unit.code,
    source: 'default',
    fromUnitCode: null,
    method: DEFAULT_METHOD,
    version: null,
  };
}

/** The method is published: any officer may read it. */
export async function getMethod(
  deps: AppDeps,
  actor: Actor | null,
  unitCode?: string,
): Promise<EffectiveMethod> {
  requireAccess(actor, 'staff.workspace');
  return effectiveMethod(deps, await unitIdOf(deps, unitCode));
}

/** Signing leaders and administrators set their unit's method (weights summing to 100, ordered thresholds). */
export async function setMethod(
  deps: AppDeps,
  context: ActionContext,
  input: TMethodInput,
): Promise<EffectiveMethod> {
  requireAccess(context.actor, 'staffScores.configure');
  const unit = await unitIdOf(deps, input.unit);
  requireAccess(
    context.actor,
    'staffScores.configure',
    await findAncestorIds(deps.database.db, unit.id, today(deps)),
  );
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (tx) => {
    const row = await upsertMethod(tx, unit.id, input, context.actor!.userId, now);
    await appendAudit(tx, context, now, {
      action: 'staffScores.method.set',
      targetType: 'unit',
      targetId: unit.code,
      details: {
        weights: input.weights,
        thresholds: input.thresholds,
        upheldPenalty: input.upheldPenalty,
        version: row.version,
      },
    });
  });
  return effectiveMethod(deps, unit);
}

// ------------------------------------------------------------------------------------------------
// Who may see and act
// ------------------------------------------------------------------------------------------------

/** A leader's grant covers an officer: the unit or one above, and for a unit head naming an agency, that agency. */
function covers(
  grant: RoleGrant,
  roles: readonly string[],
  path: readonly number[],
  officer: OfficerRow,
): boolean {
  return (
    roles.includes(grant.role) &&
    grant.unitId !== null &&
    path.includes(grant.unitId) &&
    (grant.role !== 'unit_head' || grant.agencyId === null || grant.agencyId === officer.agencyId)
  );
}

const READ_ROLES = ['unit_head', 'signing_leader', 'administrator'];
const REVIEW_ROLES = ['unit_head', 'signing_leader'];

// ------------------------------------------------------------------------------------------------
// Scores
// ------------------------------------------------------------------------------------------------

export interface OfficerScore {
  officer: OfficerRow;
  row: ScoreRow | null;
  status: 'draft' | 'reviewed' | 'signed';
  inputs: ScoreInputs;
  result: ScoreResult;
  /** The method the score was computed with (at sign-off: the one stored then). */
  method: Method;
  reviewedBy: string | null;
  signedBy: string | null;
  /** Whether the caller may review and sign it. */
  mayReview: boolean;
}

export interface UnitScores {
  unit: { id: number; code: string; name: string; nameEn: string };
  period: ScorePeriod;
  method: EffectiveMethod;
  officers: OfficerScore[];
  summary: {
    officers: number;
    scored: number;
    signed: number;
    average: number | null;
    level: Level | null;
    byLevel: Record<Level, number>;
  };
  /** Whether the caller sees the whole unit (a leader) or only their own score. */
  leaderView: boolean;
  periodOver: boolean;
}

interface StoredComputation {
  method: Method;
  inputs: ScoreInputs;
  result: ScoreResult;
  computedAt: string;
}

/** Every statistics row of the unit's officers in the period (the officer breakdown, all its pages). */
async function officerFigures(deps: AppDeps, actor: Actor, unitCode: string, period: ScorePeriod) {
  const rows: BreakdownRow[] = [];
  for (let page = 1; ; page++) {
    const result = await breakdown(deps, actor, {
      unit: unitCode,
      includeDescendants: false,
      from: period.from,
      to: period.to,
      by: 'officer',
      page,
      pageSize: STATS_PAGE_SIZE_MAX,
    });
    rows.push(...result.rows);
    if (page * result.pageSize >= result.total) break;
  }
  return new Map(rows.map((r) => [r.key, r.figures]));
}

/** The live inputs of every officer of the unit (workload compared within each role). */
async function liveInputs(
  deps: AppDeps,
  actor: Actor,
  unit: { id: number; code: string },
  period: ScorePeriod,
  officers: OfficerRow[],
  rows: Map<number, ScoreRow>,
): Promise<Map<number, ScoreInputs>> {
  const db = deps.database.db;
  const figures = await officerFigures(deps, actor, unit.code, period);
  const start = startOf(period.from);
  const end = startOf(addDays(period.to, 1));
  const upheld = await countUpheldFeedback(
    db,
    officers.map((o) => o.userId),
    start,
    end,
  );
  const testFrom = new Date(end.getTime());
  testFrom.setUTCMonth(testFrom.getUTCMonth() - TEST_VALID_MONTHS);
  const tests = await findLatestScores(
    db,
    officers.map((o) => o.userId),
    testFrom,
    end,
  );
  const base = new Map(
    officers.map((o) => {
      const f = figures.get(o.username);
      return [
        o.userId,
        {
          received: f?.received ?? 0,
          processed: f?.processed ?? 0,
          returned: f?.returned ?? 0,
          wentLate: f?.wentLate ?? 0,
          evaluations: f?.evaluations ?? 0,
          satisfied: (f?.evaluationsVerySatisfied ?? 0) + (f?.evaluationsSatisfied ?? 0),
        },
      ];
    }),
  );
  const averages = new Map<string, number>();
  for (const role of new Set(officers.map((o) => o.role))) {
    const of = officers.filter((o) => o.role === role).map((o) => workloadOf(base.get(o.userId)!));
    averages.set(role, of.reduce((a, b) => a + b, 0) / of.length);
  }
  return new Map(
    officers.map((o) => {
      const test = tests.get(o.userId);
      const average = averages.get(o.role) ?? 0;
      return [
        o.userId,
        {
          ...base.get(o.userId)!,
          roleAverageWorkload: average > 0 ? Math.round(average * 100) / 100 : null,
          upheldFeedback: upheld.get(o.userId) ?? 0,
          testScore: test?.score ?? null,
          testCampaign: test?.campaign ?? null,
          leaderScore: rows.get(o.userId)?.leader_score ?? null,
        },
      ];
    }),
  );
}

const emptyByLevel = () => Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;

/**
 * The scores of a unit's officers for a period. Leaders (unit heads: of their agency; signing leaders
 * and administrators: of the unit or above) see every officer they cover; an officer sees their own.
 */
export async function unitScores(
  deps: AppDeps,
  actor: Actor | null,
  query: TScoresQuery,
): Promise<UnitScores> {
  const who = requireAccess(actor, 'staff.workspace');
  const period = periodOf(deps, query.period);
  const unit = await unitIdOf(deps, query.unit);
  const db = deps.database.db;
  const date = today(deps);
  const path = await findAncestorIds(db, unit.id, date);
  const all = await listScoredOfficers(db, unit.id);
  const visible = all.filter((o) => who.grants.some((g) => covers(g, READ_ROLES, path, o)));
  const leaderView = grantsAllow(who.grants, 'staffScores.read', path);
  const shown = leaderView ? visible : all.filter((o) => o.userId === who.userId);
  if (!leaderView && shown.length === 0) throw new AppError('FORBIDDEN');

  const rows = new Map((await findScores(db, unit.id, period.code)).map((r) => [r.user_id, r]));
  const method = await effectiveMethod(deps, unit);
  const inputs = await liveInputs(deps, who, unit, period, all, rows);
  const names = await findFullNames(
    db,
    [...rows.values()].flatMap((r) => [r.reviewed_by, r.signed_by]).filter((id): id is number => id !== null),
  );
  const officers: OfficerScore[] = shown.map((officer) => {
    const row = rows.get(officer.userId) ?? null;
    const stored = row?.status === 'signed' ? (row.computation as StoredComputation) : null;
    const live = inputs.get(officer.userId)!;
    return {
      officer,
      row,
      status: row?.status ?? 'draft',
      inputs: stored?.inputs ?? live,
      result: stored?.result ?? computeScore(live, method.method),
      method: stored?.method ?? method.method,
      reviewedBy: row?.reviewed_by ? (names.get(row.reviewed_by) ?? null) : null,
      signedBy: row?.signed_by ? (names.get(row.signed_by) ?? null) : null,
      mayReview:
        officer.userId !== who.userId && who.grants.some((g) => covers(g, REVIEW_ROLES, path, officer)),
    };
  });
  const totals = officers.flatMap((o) => (o.result.total === null ? [] : [o.result.total]));
  const average =
    totals.length === 0 ? null : Math.round((totals.reduce((a, b) => a + b, 0) * 100) / totals.length) / 100;
  const byLevel = emptyByLevel();
  for (const o of officers) if (o.result.level) byLevel[o.result.level]++;
  const name = await findUnitName(db, unit.id, date);
  return {
    unit: { ...unit, name: name?.full_name ?? unit.code, nameEn: name?.full_name_en ?? unit.code },
    period,
    method,
    officers,
    summary: {
      officers: officers.length,
      scored: totals.length,
      signed: officers.filter((o) => o.status === 'signed').length,
      average,
      level: average === null ? null : classify(average, method.method.thresholds),
      byLevel,
    },
    leaderView,
    periodOver: period.to < date,
  };
}

/** One officer's score with how it was computed. 404 for someone the unit does not score (or the caller may not see). */
export async function officerScore(
  deps: AppDeps,
  actor: Actor | null,
  username: string,
  query: TScoresQuery,
): Promise<{ scores: UnitScores; score: OfficerScore }> {
  const scores = await unitScores(deps, actor, query);
  const score = scores.officers.find((o) => o.officer.username === username);
  if (!score) throw new AppError('STAFF_SCORE_OFFICER_NOT_FOUND');
  return { scores, score };
}

/** The officer a leader acts on, after the checks every review and sign-off makes. */
async function reviewable(deps: AppDeps, context: ActionContext, username: string, query: TScoresQuery) {
  const actor = requireAccess(context.actor, 'staffScores.review');
  const { scores, score } = await officerScore(deps, actor, username, query);
  if (score.officer.userId === actor.userId) throw new AppError('STAFF_SCORE_OWN');
  if (!score.mayReview) throw new AppError('FORBIDDEN');
  if (score.status === 'signed') throw new AppError('STAFF_SCORE_SIGNED');
  return { actor, scores, score };
}

/** The leader's assessment (0-100) and note; may be given again until the score is signed. */
export async function reviewScore(
  deps: AppDeps,
  context: ActionContext,
  username: string,
  input: TReviewInput,
): Promise<ScoreRow> {
  const { actor, scores, score } = await reviewable(deps, context, username, input);
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (tx) => {
    const row = await ensureScore(tx, score.officer.userId, scores.unit.id, scores.period.code, now);
    if (row.status === 'signed') throw new AppError('STAFF_SCORE_SIGNED');
    const saved = await saveReview(tx, row.id, {
      leaderScore: input.leaderScore,
      note: input.note,
      by: actor.userId,
      now,
    });
    await appendAudit(tx, context, now, {
      action: 'staffScores.review',
      targetType: 'staff_score',
      targetId: saved.id,
      details: {
        user: username,
        unit: scores.unit.code,
        period: scores.period.code,
        leaderScore: input.leaderScore,
      },
    });
    return saved;
  });
}

/**
 * Signs a score off once its period is over: the method, every input and the result are stored with
 * it, and it never changes again. Refused while the leader's assessment is missing (when it weighs
 * anything) or when nothing can be scored.
 */
export async function signScore(
  deps: AppDeps,
  context: ActionContext,
  username: string,
  input: TSignInput,
): Promise<ScoreRow> {
  const { actor, scores, score } = await reviewable(deps, context, username, input);
  if (!scores.periodOver) throw new AppError('STAFF_SCORE_PERIOD_OPEN');
  if ((score.method.weights.leader > 0 && score.inputs.leaderScore === null) || score.result.total === null)
    throw new AppError('STAFF_SCORE_INCOMPLETE');
  const now = deps.clock.now();
  const computation: StoredComputation = {
    method: score.method,
    inputs: score.inputs,
    result: score.result,
    computedAt: now.toISOString(),
  };
  return deps.database.db.transaction().execute(async (tx) => {
    const row = await ensureScore(tx, score.officer.userId, scores.unit.id, scores.period.code, now);
    if (row.status === 'signed') throw new AppError('STAFF_SCORE_SIGNED');
    // The assessment computed with must still be the one stored (a second review in between: 409).
    if (row.leader_score !== score.inputs.leaderScore) throw new AppError('VERSION_CONFLICT');
    const saved = await saveSignature(tx, row.id, {
      computation,
      total: score.result.total!,
      level: score.result.level!,
      by: actor.userId,
      now,
    });
    await appendAudit(tx, context, now, {
      action: 'staffScores.sign',
      targetType: 'staff_score',
      targetId: saved.id,
      details: {
        user: username,
        unit: scores.unit.code,
        period: scores.period.code,
        total: saved.total,
        level: saved.level,
      },
    });
    return saved;
  });
}

/** Whether the actor may set the unit's method (the pages show the form only then). */
export async function mayConfigureMethod(
  deps: AppDeps,
  actor: Actor | null,
  unitCode?: string,
): Promise<boolean> {
  if (!actor) return false;
  const unit = await unitIdOf(deps, unitCode);
  return grantsAllow(
    actor.grants,
    'staffScores.configure',
    await findAncestorIds(deps.database.db, unit.id, today(deps)),
  );
}
