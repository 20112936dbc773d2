// Satisfaction evaluations (đánh giá sự hài lòng) of returned applications. Three ways in, one way to
// record: a single-use link (the result e-mail, or the tracking page after the applicant proved the
// code and the verification digits), the code with those digits (API), or the counter kiosk page an
// officer opens for the applicant. At most one evaluation per application: the unique index decides
// between two simultaneous ones, and the loser gets EVALUATION_EXISTS.
import { createHash, randomBytes } from 'node:crypto';
import { STATUS } from '../../../shared/applications/workflow.js';
import { vietnamDate } from '../../../shared/clock.js';
import { AppError, type FieldErrors } from '../../../shared/errors.js';
import {
  EVALUATION_LEVELS,
  type EvaluationChannel,
  type EvaluationLevel,
  lowestLevel,
  type TCriterionCreate,
  type TCriterionLabels,
  type TEvaluationForm,
  type TSummaryQuery,
} from '../../../shared/evaluations/schema.js';
import { requireAccess } from '../../auth/access.js';
import type { ActionContext, Actor, AppDeps, Queryable } from '../../context.js';
import type { ApplicationRow } from '../applications/applications.repository.js';
import {
  findApplicationById,
  findDescendantUnitIds,
  findProcedureName,
} from '../applications/applications.repository.js';
import { coveringGrants, getApplicationFor, trackApplication } from '../applications/applications.service.js';
import { appendAudit } from '../audit/audit.repository.js';
import { findUnitIdsByCode } from '../units/units.repository.js';
import {
  type CriterionRow,
  countByCriterion,
  countByOfficer,
  countByUnit,
  deleteUnusedOnlineTokens,
  type EvaluationRow,
  findAgencyUnitId,
  findAnswers,
  findCriteria,
  findCriteriaByIds,
  findCriterionByCode,
  findEvaluationOf,
  findReturningOfficerId,
  findToken,
  findUnitCodes,
  findUnitNames,
  findUsers,
  insertAnswers,
  insertCriterion,
  insertEvaluation,
  insertToken,
  type LevelCountRow,
  lockCriteria,
  updateCriterion,
  useToken,
} from './evaluations.repository.js';
import { EVALUATION_TOKEN_PLACEHOLDER } from './views/paths.js';

/** How long links stay usable: the result e-mail's, and the one the tracking page opens. */
export const EMAIL_LINK_TTL_MS = 30 * 24 * 3600_000;
export const ONLINE_LINK_TTL_MS = 2 * 3600_000;

const STAFF_ROLES = new Set([
  'counter_officer',
  'specialist',
  'unit_head',
  'signing_leader',
  'administrator',
]);
const OVERSEEING_ROLES = new Set(['signing_leader', 'administrator']);

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

// ---------------------------------------------------------------------------------------------
// Criteria
// ---------------------------------------------------------------------------------------------

/** The criteria applicants are asked, in order. */
export async function listActiveCriteria(deps: AppDeps, db: Queryable = deps.database.db) {
  return findCriteria(db);
}

// ---------------------------------------------------------------------------------------------
// Single-use links
// ---------------------------------------------------------------------------------------------

/** A new single-use link's token for an application; only its SHA-256 is stored. */
export async function issueToken(
  deps: AppDeps,
  input: { applicationId: number; channel: 'online' | 'email' },
  db: Queryable = deps.database.db,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  await insertToken(db, {
    applicationId: input.applicationId,
    hash: hashToken(token),
    channel: input.channel,
    createdAt: now,
    expiresAt: new Date(now.getTime() + (input.channel === 'email' ? EMAIL_LINK_TTL_MS : ONLINE_LINK_TTL_MS)),
  });
  return token;
}

/**
 * The result e-mail as it is sent: its evaluation link gets a fresh single-use token. The stored
 * notification keeps only the placeholder, so no usable token sits in the database; a message sent
 * twice (a retry) carries two tokens, and whichever is used first wins.
 */
export async function fillEvaluationLink<T extends { text: string; html?: string | undefined }>(
  deps: AppDeps,
  applicationId: number,
  message: T,
): Promise<T> {
  if (!message.text.includes(EVALUATION_TOKEN_PLACEHOLDER)) return message;
  const token = await issueToken(deps, { applicationId, channel: 'email' });
  return {
    ...message,
    text: message.text.replaceAll(EVALUATION_TOKEN_PLACEHOLDER, token),
    ...(message.html ? { html: message.html.replaceAll(EVALUATION_TOKEN_PLACEHOLDER, token) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Opening and recording an evaluation
// ---------------------------------------------------------------------------------------------

/** How the person evaluating proved they may: a link's token, the code and digits, or the kiosk. */
export type EvaluationProof =
  | { kind: 'token'; token: string }
  | { kind: 'code'; code: string; verify: string; ip: string }
  | { kind: 'kiosk'; code: string };

export interface OpenEvaluation {
  application: ApplicationRow;
  procedureName: string;
  channel: EvaluationChannel;
  criteria: CriterionRow[];
}

/** The link of a token, or why it cannot be used (forged, used, expired). */
async function tokenApplication(deps: AppDeps, token: string) {
  const row = await findToken(deps.database.db, hashToken(token));
  if (!row) throw new AppError('EVALUATION_LINK_INVALID');
  if (row.used_at) throw new AppError('EVALUATION_LINK_USED');
  if (row.expires_at.getTime() <= deps.clock.now().getTime()) throw new AppError('EVALUATION_LINK_EXPIRED');
  const application = await findApplicationById(deps.database.db, row.application_id);
  if (!application) throw new AppError('EVALUATION_LINK_INVALID');
  return { application, channel: row.channel };
}

/** Only counter officers serving the application open the kiosk page for its applicant. */
async function mayOpenKiosk(deps: AppDeps, actor: Actor, application: ApplicationRow): Promise<boolean> {
  const grants = await coveringGrants(deps, deps.database.db, actor, application);
  return grants.some((grant) => grant.role === 'counter_officer');
}

/** Throws unless the application's result was returned and it has no evaluation yet. */
async function requireOpen(deps: AppDeps, application: ApplicationRow, db: Queryable = deps.database.db) {
  if (application.status !== STATUS.RETURNED) throw new AppError('EVALUATION_NOT_OPEN');
  if (await findEvaluationOf(db, application.id)) throw new AppError('EVALUATION_EXISTS');
}

/**
 * Checks a proof and that the application may be evaluated now, without using anything up: what the
 * form shows. Errors: the link's (404/409/410), APPLICATION_NOT_FOUND or TOO_MANY_REQUESTS for the
 * code and digits, FORBIDDEN at the kiosk for anyone but a counter officer serving it,
 * EVALUATION_NOT_OPEN before the result is returned, EVALUATION_EXISTS after an evaluation.
 */
export async function openEvaluation(
  deps: AppDeps,
  context: ActionContext,
  proof: EvaluationProof,
): Promise<OpenEvaluation> {
  let application: ApplicationRow;
  let channel: EvaluationChannel;
  switch (proof.kind) {
    case 'token': {
      const found = await tokenApplication(deps, proof.token);
      application = found.application;
      channel = found.channel;
      break;
    }
    case 'code': {
      const tracked = await trackApplication(deps, { code: proof.code, verify: proof.verify, ip: proof.ip });
      application = tracked.application;
      channel = 'online';
      break;
    }
    case 'kiosk': {
      application = await getApplicationFor(deps, context, proof.code);
      if (!(await mayOpenKiosk(deps, context.actor!, application))) throw new AppError('FORBIDDEN');
      channel = 'kiosk';
      break;
    }
  }
  await requireOpen(deps, application);
  return {
    application,
    channel,
    procedureName: await findProcedureName(deps.database.db, application.procedure_id),
    criteria: await listActiveCriteria(deps),
  };
}

/** Every active criterion answered, and nothing else: the answers with their criteria, or field errors. */
function matchAnswers(criteria: CriterionRow[], answers: Record<string, EvaluationLevel>) {
  const fields: FieldErrors = {};
  const active = new Map(criteria.map((c) => [c.code, c]));
  for (const code of Object.keys(answers))
    if (!active.has(code)) fields[`answers.${code}`] = { key: 'evaluations.errors.unknownCriterion' };
  const matched: { criterion: CriterionRow; level: EvaluationLevel }[] = [];
  for (const criterion of criteria) {
    const level = answers[criterion.code];
    if (level === undefined || !EVALUATION_LEVELS.includes(level))
      fields[`answers.${criterion.code}`] = {
        key: 'evaluations.errors.chooseLevel',
        // The message picks the label of its language.
        params: { criterionVi: criterion.label_vi, criterionEn: criterion.label_en },
      };
    else matched.push({ criterion, level });
  }
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
  return matched;
}

export interface RecordedEvaluation {
  evaluation: EvaluationRow;
  code: string;
  answers: { code: string; level: EvaluationLevel }[];
}

/**
 * Records an evaluation, in one transaction: the link (if any) is marked used, the evaluation and its
 * answers written. Bad input changes nothing: the answers are checked first, and any refusal inside
 * the transaction rolls it back (the link stays unused).
 */
export async function submitEvaluation(
  deps: AppDeps,
  context: ActionContext,
  proof: EvaluationProof,
  form: TEvaluationForm,
): Promise<RecordedEvaluation> {
  const opened = await openEvaluation(deps, context, proof);
  const matched = matchAnswers(opened.criteria, form.answers);
  const { application } = opened;
  const now = deps.clock.now();
  const evaluation = await deps.database.db.transaction().execute(async (tx) => {
    if (proof.kind === 'token') {
      const used = await useToken(tx, hashToken(proof.token), now);
      if (!used) {
        // Used or expired between opening and now (another tab, another request): say which.
        const row = await findToken(tx, hashToken(proof.token));
        throw new AppError(row?.used_at ? 'EVALUATION_LINK_USED' : 'EVALUATION_LINK_EXPIRED');
      }
    }
    const agencyId = application.handling_agency_id ?? application.receiving_agency_id;
    const unitId = await findAgencyUnitId(tx, agencyId);
    if (unitId === undefined) throw new AppError('APPLICATION_NOT_FOUND');
    const inserted = await insertEvaluation(tx, {
      applicationId: application.id,
      agencyId,
      unitId,
      officerId: application.assignee_id,
      counterOfficerId:
        opened.channel === 'kiosk'
          ? (context.actor?.userId ?? null)
          : await findReturningOfficerId(tx, application.id),
      channel: opened.channel,
      level: lowestLevel(matched.map((m) => m.level)),
      comment: form.comment,
      submittedAt: now,
    });
    if (!inserted) throw new AppError('EVALUATION_EXISTS');
    await insertAnswers(
      tx,
      inserted.id,
      matched.map((m) => ({ criterionId: m.criterion.id, level: m.level })),
    );
    return inserted;
  });
  return {
    evaluation,
    code: application.code,
    answers: matched.map((m) => ({ code: m.criterion.code, level: m.level })),
  };
}

/**
 * The tracking page's "Đánh giá" button: the applicant proved the code and the digits again; a
 * short-lived single-use link to the form is issued (earlier unused ones of the tracking page go).
 */
export async function startOnlineEvaluation(
  deps: AppDeps,
  context: ActionContext,
  input: { code: string; verify: string; ip: string },
): Promise<string> {
  const opened = await openEvaluation(deps, context, { kind: 'code', ...input });
  return deps.database.db.transaction().execute(async (tx) => {
    await deleteUnusedOnlineTokens(tx, opened.application.id);
    return issueToken(deps, { applicationId: opened.application.id, channel: 'online' }, tx);
  });
}

/** What the tracking page says about evaluating: nothing before the result, then open or done. */
export async function evaluationStateOf(
  deps: AppDeps,
  application: Pick<ApplicationRow, 'id' | 'status'>,
): Promise<'open' | 'done' | null> {
  if (application.status !== STATUS.RETURNED) return null;
  return (await findEvaluationOf(deps.database.db, application.id)) ? 'done' : 'open';
}

/** Whether the workbench shows this officer the kiosk link: returned, not evaluated, their counter. */
export async function kioskAvailable(
  deps: AppDeps,
  actor: Actor,
  application: ApplicationRow,
): Promise<boolean> {
  if ((await evaluationStateOf(deps, application)) !== 'open') return false;
  return mayOpenKiosk(deps, actor, application);
}

/** An evaluation with its answers, by its application (the API's answer after submitting). */
export async function answersOf(deps: AppDeps, evaluationId: number) {
  return findAnswers(deps.database.db, evaluationId);
}

// ---------------------------------------------------------------------------------------------
// Counts per unit and per officer
// ---------------------------------------------------------------------------------------------

export interface LevelCounts {
  verySatisfied: number;
  satisfied: number;
  notSatisfied: number;
  total: number;
}

const emptyCounts = (): LevelCounts => ({ verySatisfied: 0, satisfied: 0, notSatisfied: 0, total: 0 });
const COUNT_KEYS = {
  very_satisfied: 'verySatisfied',
  satisfied: 'satisfied',
  not_satisfied: 'notSatisfied',
} as const satisfies Record<EvaluationLevel, keyof LevelCounts>;

function tally(rows: LevelCountRow[]): Map<number, LevelCounts> {
  const byKey = new Map<number, LevelCounts>();
  for (const row of rows) {
    const counts = byKey.get(row.key) ?? emptyCounts();
    counts[COUNT_KEYS[row.level]] += row.n;
    counts.total += row.n;
    byKey.set(row.key, counts);
  }
  return byKey;
}

/** The units whose evaluations an officer may count: the units they serve, and below for overseers. */
async function visibleUnitIds(deps: AppDeps, actor: Actor, date: string): Promise<Set<number>> {
  const db = deps.database.db;
  const own: number[] = [];
  const overseen: number[] = [];
  for (const grant of actor.grants) {
    if (!STAFF_ROLES.has(grant.role) || grant.unitId === null) continue;
    (OVERSEEING_ROLES.has(grant.role) ? overseen : own).push(grant.unitId);
  }
  return new Set([...own, ...(await findDescendantUnitIds(db, overseen, date))]);
}

export interface EvaluationSummary {
  from: string | null;
  to: string | null;
  unit: string | null;
  total: LevelCounts;
  units: { code: string; name: string; nameEn: string; counts: LevelCounts }[];
  officers: { username: string; fullName: string; counts: LevelCounts }[];
  criteria: { code: string; labelVi: string; labelEn: string; counts: LevelCounts }[];
}

/**
 * Evaluations counted by overall level, per unit, per officer who handled the application and per
 * criterion, over [from, to] (Vietnam days, both included) and the units the actor serves (a unit
 * code narrows it to that unit and those below it).
 */
export async function summarizeEvaluations(
  deps: AppDeps,
  actor: Actor | null,
  query: TSummaryQuery,
): Promise<EvaluationSummary> {
  const signedIn = requireAccess(actor, 'evaluations.read');
  const db = deps.database.db;
  const date = vietnamDate(deps.clock.now());
  const visible = await visibleUnitIds(deps, signedIn, date);
  let unitIds = [...visible];
  if (query.unit) {
    const unitId = (await findUnitIdsByCode(db, [query.unit])).get(query.unit);
    if (unitId === undefined)
      throw new AppError('VALIDATION_FAILED', {
        fields: { unit: { key: 'evaluations.errors.unknownUnit' } },
      });
    const subtree = await findDescendantUnitIds(db, [unitId], date);
    unitIds = subtree.filter((id) => visible.has(id));
    if (unitIds.length === 0) throw new AppError('FORBIDDEN');
  }
  const filter = {
    unitIds,
    from: query.from ? new Date(`${query.from}T00:00:00+07:00`) : null,
    until: query.to ? new Date(new Date(`${query.to}T00:00:00+07:00`).getTime() + 24 * 3600_000) : null,
  };
  const [byUnit, byOfficer, byCriterion] = [
    tally(await countByUnit(db, filter)),
    tally(await countByOfficer(db, filter)),
    tally(await countByCriterion(db, filter)),
  ];
  const total = emptyCounts();
  for (const counts of byUnit.values())
    for (const key of ['verySatisfied', 'satisfied', 'notSatisfied', 'total'] as const)
      total[key] += counts[key];
  const unitNames = new Map((await findUnitNames(db, [...byUnit.keys()], date)).map((u) => [u.id, u]));
  const codeOf = await findUnitCodes(db, [...byUnit.keys()]);
  const users = new Map((await findUsers(db, [...byOfficer.keys()])).map((u) => [u.id, u]));
  const criteria = new Map((await findCriteriaByIds(db, [...byCriterion.keys()])).map((c) => [c.id, c]));
  return {
    from: query.from ?? null,
    to: query.to ?? null,
    unit: query.unit ?? null,
    total,
    units: [...byUnit.entries()]
      .map(([id, counts]) => ({
        code: codeOf.get(id) ?? String(id),
        name: unitNames.get(id)?.full_name ?? codeOf.get(id) ?? '',
        nameEn: unitNames.get(id)?.full_name_en ?? codeOf.get(id) ?? '',
        counts,
      }))
      .sort((a, b) => a.code.localeCompare(b.code)),
    officers: [...byOfficer.entries()]
      .map(([id, counts]) => ({
        username: users.get(id)?.username ?? '',
        fullName: users.get(id)?.full_name ?? '',
        counts,
      }))
      .sort((a, b) => a.username.localeCompare(b.username)),
    criteria: [...byCriterion.entries()]
      .flatMap(([id, counts]) => {
        const criterion = criteria.get(id);
        return criterion ? [{ criterion, counts }] : [];
      })
      .sort((a, b) => a.criterion.position - b.criterion.position || a.criterion.id - b.criterion.id)
      .map(({ criterion, counts }) => ({
        code: criterion.code,
        labelVi: criterion.label_vi,
        labelEn: criterion.label_en,
        counts,
      })),
  };
}

// ---------------------------------------------------------------------------------------------
// Administrators: the criteria
// ---------------------------------------------------------------------------------------------

/** Every criterion, inactive ones too, in order (administrators). */
export async function listAllCriteria(deps: AppDeps, actor: Actor | null): Promise<CriterionRow[]> {
  requireAccess(actor, 'evaluations.manage');
  return findCriteria(deps.database.db, { all: true });
}

/** One criterion (administrators); 404 for an unknown code. */
export async function getCriterion(deps: AppDeps, actor: Actor | null, code: string): Promise<CriterionRow> {
  requireAccess(actor, 'evaluations.manage');
  const criterion = await findCriterionByCode(deps.database.db, code);
  if (!criterion) throw new AppError('EVALUATION_CRITERION_NOT_FOUND');
  return criterion;
}

/** Adds a criterion at the end of the list, active; its code is unique. */
export async function addCriterion(
  deps: AppDeps,
  context: ActionContext,
  input: TCriterionCreate,
): Promise<CriterionRow> {
  requireAccess(context.actor, 'evaluations.manage');
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (tx) => {
    await lockCriteria(tx);
    const inserted = await insertCriterion(tx, { ...input, at: now });
    if (!inserted)
      throw new AppError('CONFLICT', {
        fields: { code: { key: 'evaluations.errors.codeTaken', params: { code: input.code } } },
      });
    await appendAudit(tx, context, now, {
      action: 'evaluation_criterion.add',
      targetType: 'evaluation_criterion',
      targetId: input.code,
      details: { labelVi: input.labelVi, labelEn: input.labelEn, position: inserted.position },
    });
    return inserted;
  });
}

/** Renames a criterion; answers already given keep pointing at it. */
export async function renameCriterion(
  deps: AppDeps,
  context: ActionContext,
  code: string,
  labels: TCriterionLabels,
): Promise<void> {
  requireAccess(context.actor, 'evaluations.manage');
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (tx) => {
    const criterion = (await lockCriteria(tx)).find((c) => c.code === code);
    if (!criterion) throw new AppError('EVALUATION_CRITERION_NOT_FOUND');
    if (criterion.label_vi === labels.labelVi && criterion.label_en === labels.labelEn) return;
    await updateCriterion(tx, criterion.id, { ...labels, at: now });
    await appendAudit(tx, context, now, {
      action: 'evaluation_criterion.rename',
      targetType: 'evaluation_criterion',
      targetId: code,
      details: {
        from: { labelVi: criterion.label_vi, labelEn: criterion.label_en },
        to: labels,
      },
    });
  });
}

/** Moves a criterion one place up or down the list (a no-op at either end). */
export async function moveCriterion(
  deps: AppDeps,
  context: ActionContext,
  code: string,
  direction: 'up' | 'down',
): Promise<void> {
  requireAccess(context.actor, 'evaluations.manage');
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (tx) => {
    const criteria = await lockCriteria(tx);
    const index = criteria.findIndex((c) => c.code === code);
    if (index < 0) throw new AppError('EVALUATION_CRITERION_NOT_FOUND');
    const other = direction === 'up' ? index - 1 : index + 1;
    if (other < 0 || other >= criteria.length) return;
    const order = [...criteria];
    [order[index], order[other]] = [order[other]!, order[index]!];
    // Positions become 1..n in the new order, whatever gaps or ties they had.
    for (const [i, criterion] of order.entries())
      if (criterion.position !== i + 1) await updateCriterion(tx, criterion.id, { position: i + 1, at: now });
    await appendAudit(tx, context, now, {
      action: 'evaluation_criterion.move',
      targetType: 'evaluation_criterion',
      targetId: code,
      details: { direction, from: index + 1, to: other + 1 },
    });
  });
}

/** Stops or resumes asking a criterion; at least one criterion always stays active. */
export async function setCriterionActive(
  deps: AppDeps,
  context: ActionContext,
  code: string,
  active: boolean,
): Promise<void> {
  requireAccess(context.actor, 'evaluations.manage');
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (tx) => {
    const criteria = await lockCriteria(tx);
    const criterion = criteria.find((c) => c.code === code);
    if (!criterion) throw new AppError('EVALUATION_CRITERION_NOT_FOUND');
    if (criterion.active === active) return;
    if (!active && criteria.filter((c) => c.active).length <= 1)
      throw new AppError('CONFLICT', { fields: { code: { key: 'evaluations.errors.lastActive' } } });
    await updateCriterion(tx, criterion.id, { active, at: now });
    await appendAudit(tx, context, now, {
      action: active ? 'evaluation_criterion.activate' : 'evaluation_criterion.deactivate',
      targetType: 'evaluation_criterion',
      targetId: code,
    });
  });
}
