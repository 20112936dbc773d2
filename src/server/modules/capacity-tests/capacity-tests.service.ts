// Capacity tests of civil servants (kiểm tra năng lực công chức, yearly and online):
//
//   banks      questions by topic, written one by one or imported from Excel (all or nothing per file);
//              administrators and unit heads manage those of their units.
//   campaigns  who must take the test (units and roles, fixed at publication), when, how long, how
//              many questions per topic, the pass mark.
//   attempts   a random draw fixed at the start (questions and option order, from crypto randomness);
//              the deadline is least(start + duration, campaign close), kept by the server: every
//              answer is checked against the clock inside its transaction, and an attempt past its
//              deadline is submitted by the closing job or by whichever request meets it first, so
//              correctness never depends on the job having run.
//   results    scored at submission; the right answers shown once the campaign has closed; reports by
//              unit and topic, exported as XLSX.
//
// Every change is audited in its own transaction.
import { randomInt } from 'node:crypto';
import { grantsAllow, type Permission } from '../../../shared/auth/roles.js';
import {
  isCorrectChoice,
  OPTION_KEYS,
  promptKey,
  scorePercent,
  type TBankCreate,
  type TCampaignInput,
  TOPICS,
  type Topic,
  type TQuestionInput,
} from '../../../shared/capacity/schema.js';
import { vietnamDate } from '../../../shared/clock.js';
import { AppError, type FieldErrors } from '../../../shared/errors.js';
import { requireAccess } from '../../auth/access.js';
import type { ActionContext, Actor, AppDeps, Queryable } from '../../context.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { CapacityOption } from '../../db/schema.js';
import { findDescendantUnitIds } from '../applications/applications.repository.js';
import { appendAudit } from '../audit/audit.repository.js';
import { findAncestorIds, findUnitIdsByCode } from '../units/units.repository.js';
import {
  type AttemptQuestionRow,
  type AttemptRow,
  type BankListRow,
  type BankRow,
  type CampaignRow,
  type CampaignValues,
  type CandidateRow,
  countActiveQuestions,
  countCandidates,
  findAgencies,
  findAttempt,
  findAttemptQuestion,
  findBankByCode,
  findCampaignByCode,
  findCampaignById,
  findCandidate,
  findEligibleStaff,
  findQuestion,
  findUnitCodes,
  findUnitNames,
  findUserIdByUsername,
  findUsersByIds,
  insertAttempt,
  insertAttemptQuestions,
  insertBank,
  insertCampaign,
  insertCandidates,
  insertQuestion,
  listActiveQuestionsOfTopic,
  listAnswers,
  listAttemptQuestions,
  listAttemptsOf,
  listAttemptsOfCampaigns,
  listBanks,
  listCampaigns,
  listCampaignsOfCandidate,
  listCandidates,
  listExpiredOpenAttempts,
  listQuestions,
  markPublished,
  markSubmitted,
  type QuestionRow,
  type QuestionValues,
  setAllowedAttempts,
  updateCampaign,
  updateQuestion,
  upsertAnswer,
} from './capacity-tests.repository.js';
import { type ImportIssue, questionsToXlsx, readQuestionWorkbook } from './capacity-tests.xlsx.js';

/** Most attempts an administrator may allow one candidate. */
export const MAX_ALLOWED_ATTEMPTS = 20;

const today = (deps: AppDeps) => vietnamDate(deps.clock.now());
/** What a unit code can look like (units.code); anything else is unknown without asking the database. */
const UNIT_CODE = /^[0-9A-Za-z.]{1,20}$/;

// ------------------------------------------------------------------------------------------------
// Scope: who manages what
// ------------------------------------------------------------------------------------------------

/** The units whose banks and campaigns the actor may see under a permission: their grants' units and everything below. */
async function unitsUnder(
  deps: AppDeps,
  actor: Actor,
  permission: Permission,
  db: Queryable = deps.database.db,
) {
  const roots = actor.grants
    .filter((g) => grantsAllow([g], permission) && g.unitId !== null)
    .map((g) => g.unitId!);
  return findDescendantUnitIds(db, [...new Set(roots)], today(deps));
}

const pathOf = (deps: AppDeps, unitId: number, db: Queryable = deps.database.db) =>
  findAncestorIds(db, unitId, today(deps));

async function mayOn(deps: AppDeps, actor: Actor | null, permission: Permission, unitId: number) {
  return actor !== null && grantsAllow(actor.grants, permission, await pathOf(deps, unitId));
}

/** The unit of a code given in a request (the deploying unit when none): 400 on the field when unknown. */
async function unitFromCode(deps: AppDeps, code: string | undefined, field: string): Promise<number> {
  const wanted = code ?? deps.config.homeUnitCode;
  const id = UNIT_CODE.test(wanted)
    ? (await findUnitIdsByCode(deps.database.db, [wanted])).get(wanted)
    : undefined;
  if (id === undefined)
    throw new AppError('VALIDATION_FAILED', { fields: { [field]: { key: 'capacity.errors.unknownUnit' } } });
  return id;
}

// ------------------------------------------------------------------------------------------------
// Banks and questions
// ------------------------------------------------------------------------------------------------

export interface BankView extends BankListRow {
  unitCode: string;
}

/** The banks the actor manages (administrators and unit heads: of their units and those below). */
export async function listBanksFor(deps: AppDeps, actor: Actor | null): Promise<BankView[]> {
  const who = requireAccess(actor, 'capacity.manage');
  const banks = await listBanks(deps.database.db, await unitsUnder(deps, who, 'capacity.manage'));
  const codes = await findUnitCodes(deps.database.db, [...new Set(banks.map((b) => b.unit_id))]);
  return banks.map((b) => ({ ...b, unitCode: codes.get(b.unit_id) ?? '' }));
}

async function requireBank(deps: AppDeps, actor: Actor | null, code: string): Promise<BankRow> {
  const who = requireAccess(actor, 'capacity.manage');
  const bank = await findBankByCode(deps.database.db, code);
  // A bank outside the actor's units is not theirs to know about.
  if (!bank || !(await mayOn(deps, who, 'capacity.manage', bank.unit_id)))
    throw new AppError('CAPACITY_BANK_NOT_FOUND');
  return bank;
}

export async function createBank(
  deps: AppDeps,
  context: ActionContext,
  input: TBankCreate,
): Promise<BankView> {
  requireAccess(context.actor, 'capacity.manage');
  const unitId = await unitFromCode(deps, input.unit, 'unit');
  requireAccess(context.actor, 'capacity.manage', await pathOf(deps, unitId));
  const now = deps.clock.now();
  const taken = () =>
    new AppError('VALIDATION_FAILED', { fields: { code: { key: 'capacity.errors.codeTaken' } } });
  if (await findBankByCode(deps.database.db, input.code)) throw taken();
  try {
    const bank = await deps.database.db.transaction().execute(async (tx) => {
      const row = await insertBank(tx, {
        code: input.code,
        unitId,
        topic: input.topic,
        title: input.title,
        description: input.description,
        createdBy: context.actor?.userId ?? null,
        now,
      });
      await appendAudit(tx, context, now, {
        action: 'capacity.bank.create',
        targetType: 'capacity_bank',
        targetId: row.code,
        details: { topic: row.topic, title: row.title, unitId },
      });
      return row;
    });
    const codes = await findUnitCodes(deps.database.db, [unitId]);
    return { ...bank, questions: 0, active_questions: 0, unitCode: codes.get(unitId) ?? '' };
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}

export async function getBank(deps: AppDeps, actor: Actor | null, code: string) {
  const bank = await requireBank(deps, actor, code);
  const questions = await listQuestions(deps.database.db, bank.id);
  const codes = await findUnitCodes(deps.database.db, [bank.unit_id]);
  return {
    bank: {
      ...bank,
      questions: questions.length,
      active_questions: questions.filter((q) => q.active).length,
      unitCode: codes.get(bank.unit_id) ?? '',
    } satisfies BankView,
    questions,
  };
}

/** The options as stored: keys a, b, c… in the order written. */
const optionsOf = (input: TQuestionInput): CapacityOption[] =>
  input.options.map((option, index) => ({
    key: OPTION_KEYS[index]!,
    text: option.text,
    correct: option.correct,
  }));

const valuesOf = (code: string, input: TQuestionInput): QuestionValues => ({
  code,
  kind: input.kind,
  prompt: input.prompt,
  promptKey: promptKey(input.prompt),
  options: optionsOf(input),
  explanation: input.explanation,
  active: input.active,
});

/** Codes Q001, Q002… not yet used in the bank. */
function freshCodes(used: Set<string>, count: number): string[] {
  const codes: string[] = [];
  for (let n = used.size + 1; codes.length < count; n++) {
    const code = `Q${String(n).padStart(3, '0')}`;
    if (!used.has(code.toLowerCase())) {
      codes.push(code);
      used.add(code.toLowerCase());
    }
  }
  return codes;
}

const duplicateQuestion = (code: string) =>
  new AppError('VALIDATION_FAILED', {
    fields: { prompt: { key: 'capacity.errors.duplicateQuestion', params: { code } } },
  });

export async function addQuestion(
  deps: AppDeps,
  context: ActionContext,
  bankCode: string,
  input: TQuestionInput,
): Promise<QuestionRow> {
  const bank = await requireBank(deps, context.actor, bankCode);
  const now = deps.clock.now();
  try {
    return await deps.database.db.transaction().execute(async (tx) => {
      const existing = await listQuestions(tx, bank.id);
      if (
        input.code !== undefined &&
        existing.some((q) => q.code.toLowerCase() === input.code!.toLowerCase())
      )
        throw new AppError('VALIDATION_FAILED', { fields: { code: { key: 'capacity.errors.codeTaken' } } });
      const key = promptKey(input.prompt);
      const same = existing.find((q) => q.prompt_key === key);
      if (same) throw duplicateQuestion(same.code);
      const code = input.code ?? freshCodes(new Set(existing.map((q) => q.code.toLowerCase())), 1)[0]!;
      const row = await insertQuestion(tx, bank.id, valuesOf(code, input), now);
      await appendAudit(tx, context, now, {
        action: 'capacity.question.create',
        targetType: 'capacity_question',
        targetId: `${bank.code}/${row.code}`,
        details: { kind: row.kind },
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT');
    throw error;
  }
}

export async function editQuestion(
  deps: AppDeps,
  context: ActionContext,
  bankCode: string,
  questionCode: string,
  input: TQuestionInput,
  expectedVersion?: number,
): Promise<QuestionRow> {
  const bank = await requireBank(deps, context.actor, bankCode);
  const now = deps.clock.now();
  try {
    return await deps.database.db.transaction().execute(async (tx) => {
      const question = await findQuestion(tx, bank.id, questionCode);
      if (!question) throw new AppError('CAPACITY_QUESTION_NOT_FOUND');
      if (expectedVersion !== undefined && expectedVersion !== question.version)
        throw new AppError('VERSION_CONFLICT');
      const key = promptKey(input.prompt);
      const same = (await listQuestions(tx, bank.id)).find(
        (q) => q.prompt_key === key && q.id !== question.id,
      );
      if (same) throw duplicateQuestion(same.code);
      const row = await updateQuestion(tx, question.id, valuesOf(question.code, input), now);
      await appendAudit(tx, context, now, {
        action: 'capacity.question.update',
        targetType: 'capacity_question',
        targetId: `${bank.code}/${row.code}`,
        details: { version: row.version, active: row.active },
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT');
    throw error;
  }
}

/** Import problems as the error's fields: `rows.<row>.<column>` (or `file`) → message key. */
export function importFields(issues: readonly ImportIssue[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const name = issue.row === null ? 'file' : `rows.${issue.row}.${issue.column ?? 'row'}`;
    if (!fields[name]) fields[name] = { key: issue.key, ...(issue.params ? { params: issue.params } : {}) };
  }
  return fields;
}

const sameQuestion = (row: QuestionRow, values: QuestionValues) =>
  row.kind === values.kind &&
  row.prompt === values.prompt &&
  row.explanation === values.explanation &&
  row.active === values.active &&
  JSON.stringify(row.options) === JSON.stringify(values.options);

export interface ImportResult {
  created: string[];
  updated: string[];
  unchanged: string[];
}

/**
 * Imports a workbook into a bank, all or nothing: a file with any bad row (no answer, an answer that is
 * not an option, a repeated code or question, a question already in the bank under another code…)
 * changes nothing and is refused with every row's reason (CAPACITY_IMPORT_REJECTED, fields
 * `rows.<row>.<column>`). Rows with a known code update that question; the others are added.
 */
export async function importQuestions(
  deps: AppDeps,
  context: ActionContext,
  bankCode: string,
  bytes: Uint8Array,
): Promise<ImportResult> {
  const bank = await requireBank(deps, context.actor, bankCode);
  const read = await readQuestionWorkbook(bytes);
  const now = deps.clock.now();
  try {
    return await deps.database.db.transaction().execute(async (tx) => {
      const existing = await listQuestions(tx, bank.id);
      const byCode = new Map(existing.map((q) => [q.code.toLowerCase(), q]));
      const byKey = new Map(existing.map((q) => [q.prompt_key, q]));
      const issues = [...read.issues];
      for (const { row, input } of read.questions) {
        const same = byKey.get(promptKey(input.prompt));
        if (same && same.code.toLowerCase() !== input.code?.toLowerCase())
          issues.push({
            row,
            column: 'question',
            key: 'capacity.import.duplicateInBank',
            params: { code: same.code },
          });
      }
      if (issues.length > 0)
        throw new AppError('CAPACITY_IMPORT_REJECTED', {
          fields: importFields(issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0))),
          params: { rows: new Set(issues.map((i) => i.row)).size },
        });
      const fresh = freshCodes(
        new Set([
          ...byCode.keys(),
          ...read.questions.flatMap((q) => (q.input.code ? [q.input.code.toLowerCase()] : [])),
        ]),
        read.questions.filter((q) => q.input.code === undefined).length,
      );
      const result: ImportResult = { created: [], updated: [], unchanged: [] };
      for (const { input } of read.questions) {
        const current = input.code === undefined ? undefined : byCode.get(input.code.toLowerCase());
        if (current) {
          const values = valuesOf(current.code, input);
          if (sameQuestion(current, values)) result.unchanged.push(current.code);
          else {
            await updateQuestion(tx, current.id, values, now);
            result.updated.push(current.code);
          }
        } else {
          const code = input.code ?? fresh.shift()!;
          await insertQuestion(tx, bank.id, valuesOf(code, input), now);
          result.created.push(code);
        }
      }
      await appendAudit(tx, context, now, {
        action: 'capacity.bank.import',
        targetType: 'capacity_bank',
        targetId: bank.code,
        details: {
          created: result.created.length,
          updated: result.updated.length,
          unchanged: result.unchanged.length,
        },
      });
      return result;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT');
    throw error;
  }
}

export async function exportQuestions(deps: AppDeps, actor: Actor | null, bankCode: string) {
  const bank = await requireBank(deps, actor, bankCode);
  const questions = await listQuestions(deps.database.db, bank.id);
  return { bank, bytes: await questionsToXlsx(questions) };
}

// ------------------------------------------------------------------------------------------------
// Campaigns
// ------------------------------------------------------------------------------------------------

export type CampaignState = 'draft' | 'upcoming' | 'open' | 'closed';

export function campaignState(campaign: CampaignRow, now: Date): CampaignState {
  if (campaign.status === 'draft') return 'draft';
  if (now.getTime() < campaign.opens_at.getTime()) return 'upcoming';
  if (now.getTime() < campaign.closes_at.getTime()) return 'open';
  return 'closed';
}

export interface CandidateStanding {
  attemptsAllowed: number;
  attemptsUsed: number;
  inProgress: number | null;
  /** The attempt that counts: the latest submitted one. */
  counting: AttemptRow | null;
}

export interface CampaignView {
  campaign: CampaignRow;
  state: CampaignState;
  unitCode: string;
  audienceUnitCodes: string[];
  candidates: number;
  mine: CandidateStanding | null;
  mayManage: boolean;
  mayReport: boolean;
}

function standingOf(candidate: CandidateRow, attempts: AttemptRow[]): CandidateStanding {
  const submitted = attempts.filter((a) => a.submitted_at !== null);
  return {
    attemptsAllowed: candidate.allowed_attempts,
    attemptsUsed: attempts.length,
    inProgress: attempts.find((a) => a.submitted_at === null)?.id ?? null,
    counting: submitted.at(-1) ?? null,
  };
}

async function viewsOf(deps: AppDeps, actor: Actor, campaigns: CampaignRow[]): Promise<CampaignView[]> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const codes = await findUnitCodes(db, [
    ...new Set(campaigns.flatMap((c) => [c.unit_id, ...c.audience_unit_ids])),
  ]);
  const counts = await countCandidates(
    db,
    campaigns.map((c) => c.id),
  );
  const attempts = await listAttemptsOfCampaigns(
    db,
    campaigns.map((c) => c.id),
    actor.userId,
  );
  const views: CampaignView[] = [];
  for (const campaign of campaigns) {
    const candidate = await findCandidate(db, campaign.id, actor.userId);
    const path = await pathOf(deps, campaign.unit_id);
    views.push({
      campaign,
      state: campaignState(campaign, now),
      unitCode: codes.get(campaign.unit_id) ?? '',
      audienceUnitCodes: campaign.audience_unit_ids.map((id) => codes.get(id) ?? ''),
      candidates: counts.get(campaign.id) ?? 0,
      mine:
        candidate && campaign.status === 'published'
          ? standingOf(
              candidate,
              attempts.filter((a) => a.campaign_id === campaign.id),
            )
          : null,
      mayManage: grantsAllow(actor.grants, 'capacity.manage', path),
      mayReport: grantsAllow(actor.grants, 'capacity.results', path),
    });
  }
  return views;
}

/** The campaigns a person must take, and (for managers and leaders) those of their units. */
export async function listCampaignsFor(deps: AppDeps, actor: Actor | null) {
  const who = requireAccess(actor, 'staff.workspace');
  await closeExpiredAttempts(deps, { actor: who, requestId: null }, { userId: who.userId });
  const db = deps.database.db;
  const mine = await listCampaignsOfCandidate(db, who.userId);
  const overseen =
    grantsAllow(who.grants, 'capacity.manage') || grantsAllow(who.grants, 'capacity.results')
      ? await listCampaigns(db, [
          ...new Set([
            ...(await unitsUnder(deps, who, 'capacity.manage')),
            ...(await unitsUnder(deps, who, 'capacity.results')),
          ]),
        ])
      : [];
  return { mine: await viewsOf(deps, who, mine), overseen: await viewsOf(deps, who, overseen) };
}

/**
 * A campaign as the actor may see it: its managers and leaders always, its candidates once published.
 * Anyone else gets 404, so codes cannot be probed.
 */
export async function getCampaign(deps: AppDeps, actor: Actor | null, code: string): Promise<CampaignView> {
  const who = requireAccess(actor, 'staff.workspace');
  const campaign = await findCampaignByCode(deps.database.db, code);
  if (!campaign) throw new AppError('CAPACITY_CAMPAIGN_NOT_FOUND');
  await closeExpiredAttempts(
    deps,
    { actor: who, requestId: null },
    { campaignId: campaign.id, userId: who.userId },
  );
  const [view] = await viewsOf(deps, who, [campaign]);
  if (!view!.mayManage && !view!.mayReport && view!.mine === null)
    throw new AppError('CAPACITY_CAMPAIGN_NOT_FOUND');
  return view!;
}

async function requireManagedCampaign(deps: AppDeps, actor: Actor | null, code: string) {
  const who = requireAccess(actor, 'capacity.manage');
  const campaign = await findCampaignByCode(deps.database.db, code);
  if (!campaign || !(await mayOn(deps, who, 'capacity.manage', campaign.unit_id)))
    throw new AppError('CAPACITY_CAMPAIGN_NOT_FOUND');
  return campaign;
}

/** The campaign's fields checked against the organisation: the units exist, the audience is inside the organiser. */
async function campaignValues(
  deps: AppDeps,
  actor: Actor,
  input: Omit<TCampaignInput, 'code'>,
): Promise<CampaignValues> {
  const db = deps.database.db;
  const unitId = await unitFromCode(deps, input.unit, 'unit');
  requireAccess(actor, 'capacity.manage', await pathOf(deps, unitId));
  const codes = [...new Set(input.audience.units)];
  const found = await findUnitIdsByCode(
    db,
    codes.filter((c) => UNIT_CODE.test(c)),
  );
  const fields: FieldErrors = {};
  const audienceUnitIds: number[] = [];
  for (const code of codes) {
    const id = found.get(code);
    if (id === undefined) fields['audience.units'] = { key: 'capacity.errors.unknownUnit' };
    else if (!(await pathOf(deps, id)).includes(unitId))
      fields['audience.units'] = { key: 'capacity.errors.audienceOutside', params: { unit: code } };
    else audienceUnitIds.push(id);
  }
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
  return {
    title: input.title,
    description: input.description,
    unitId,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    durationMinutes: input.durationMinutes,
    passMark: input.passMark,
    draw: input.draw,
    audienceUnitIds,
    audienceRoles: [...new Set(input.audience.roles)],
  };
}

export async function createCampaign(
  deps: AppDeps,
  context: ActionContext,
  input: TCampaignInput,
): Promise<CampaignView> {
  const actor = requireAccess(context.actor, 'capacity.manage');
  const values = await campaignValues(deps, actor, input);
  const taken = () =>
    new AppError('VALIDATION_FAILED', { fields: { code: { key: 'capacity.errors.codeTaken' } } });
  if (await findCampaignByCode(deps.database.db, input.code)) throw taken();
  const now = deps.clock.now();
  try {
    const campaign = await deps.database.db.transaction().execute(async (tx) => {
      const row = await insertCampaign(tx, input.code, values, actor.userId, now);
      await appendAudit(tx, context, now, {
        action: 'capacity.campaign.create',
        targetType: 'capacity_campaign',
        targetId: row.code,
        details: { title: row.title, opensAt: row.opens_at, closesAt: row.closes_at },
      });
      return row;
    });
    return (await viewsOf(deps, actor, [campaign]))[0]!;
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}

/** Changes a draft; a published campaign is fixed (409). */
export async function editCampaign(
  deps: AppDeps,
  context: ActionContext,
  code: string,
  input: Omit<TCampaignInput, 'code'>,
): Promise<CampaignView> {
  const existing = await requireManagedCampaign(deps, context.actor, code);
  const actor = context.actor!;
  const values = await campaignValues(deps, actor, input);
  const now = deps.clock.now();
  const campaign = await deps.database.db.transaction().execute(async (tx) => {
    const locked = await findCampaignByCode(tx, existing.code, { lock: true });
    if (locked?.status !== 'draft') throw new AppError('CAPACITY_CAMPAIGN_NOT_EDITABLE');
    const row = await updateCampaign(tx, locked.id, values, now);
    await appendAudit(tx, context, now, {
      action: 'capacity.campaign.update',
      targetType: 'capacity_campaign',
      targetId: row.code,
      details: { version: row.version },
    });
    return row;
  });
  return (await viewsOf(deps, actor, [campaign]))[0]!;
}

/** Whether the banks the campaign draws from hold enough active questions per topic; field errors when not. */
async function drawProblems(deps: AppDeps, campaign: CampaignRow, db: Queryable): Promise<FieldErrors> {
  const available = await countActiveQuestions(db, await pathOf(deps, campaign.unit_id, db));
  const fields: FieldErrors = {};
  for (const topic of TOPICS) {
    const wanted = campaign.draw[topic] ?? 0;
    if (wanted > 0 && (available.get(topic) ?? 0) < wanted)
      fields[`draw.${topic}`] = {
        key: 'capacity.errors.notEnoughQuestions',
        params: { wanted, available: available.get(topic) ?? 0 },
      };
  }
  return fields;
}

/**
 * Publishes a draft: checks that the banks hold enough questions for the draw and that it has not
 * closed already, and fixes the list of candidates (active staff holding one of the roles in the
 * audience units and those below them).
 */
export async function publishCampaign(
  deps: AppDeps,
  context: ActionContext,
  code: string,
): Promise<CampaignView> {
  const existing = await requireManagedCampaign(deps, context.actor, code);
  const actor = context.actor!;
  const now = deps.clock.now();
  const audience = await findDescendantUnitIds(deps.database.db, existing.audience_unit_ids, today(deps));
  const campaign = await deps.database.db.transaction().execute(async (tx) => {
    const locked = await findCampaignByCode(tx, existing.code, { lock: true });
    if (locked?.status !== 'draft') throw new AppError('CAPACITY_CAMPAIGN_NOT_EDITABLE');
    const fields = await drawProblems(deps, locked, tx);
    if (locked.closes_at.getTime() <= now.getTime())
      fields.closesAt = { key: 'capacity.errors.closedAlready' };
    const staff = await findEligibleStaff(tx, audience, locked.audience_roles);
    if (staff.length === 0) fields['audience.units'] = { key: 'capacity.errors.noCandidates' };
    if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
    await insertCandidates(tx, locked.id, staff);
    const row = await markPublished(tx, locked.id, actor.userId, now);
    await appendAudit(tx, context, now, {
      action: 'capacity.campaign.publish',
      targetType: 'capacity_campaign',
      targetId: row.code,
      details: { candidates: staff.length },
    });
    return row;
  });
  return (await viewsOf(deps, actor, [campaign]))[0]!;
}

/** An administrator allows a candidate one more attempt (after a power cut, say); the reason is audited. */
export async function grantAttempt(
  deps: AppDeps,
  context: ActionContext,
  code: string,
  input: { username: string; reason: string },
) {
  const actor = requireAccess(context.actor, 'capacity.grant');
  const campaign = await findCampaignByCode(deps.database.db, code);
  if (!campaign || !(await mayOn(deps, actor, 'capacity.grant', campaign.unit_id)))
    throw new AppError('CAPACITY_CAMPAIGN_NOT_FOUND');
  if (campaignState(campaign, deps.clock.now()) === 'closed' || campaign.status === 'draft')
    throw new AppError('CAPACITY_CAMPAIGN_NOT_OPEN');
  const userId = await findUserIdByUsername(deps.database.db, input.username);
  if (userId === undefined) throw new AppError('CAPACITY_CANDIDATE_NOT_FOUND');
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (tx) => {
    const candidate = await findCandidate(tx, campaign.id, userId, { lock: true });
    if (!candidate) throw new AppError('CAPACITY_CANDIDATE_NOT_FOUND');
    const used = (await listAttemptsOf(tx, campaign.id, userId)).length;
    if (candidate.allowed_attempts > used) throw new AppError('CAPACITY_ATTEMPT_AVAILABLE');
    if (candidate.allowed_attempts >= MAX_ALLOWED_ATTEMPTS) throw new AppError('CAPACITY_ATTEMPTS_USED');
    const allowed = candidate.allowed_attempts + 1;
    await setAllowedAttempts(tx, campaign.id, userId, allowed);
    await appendAudit(tx, context, now, {
      action: 'capacity.attempt.grant',
      targetType: 'capacity_campaign',
      targetId: campaign.code,
      details: { userId, allowed, reason: input.reason },
    });
    return { allowed, used };
  });
}

// ------------------------------------------------------------------------------------------------
// Attempts
// ------------------------------------------------------------------------------------------------

/** Fisher-Yates with crypto randomness: every order equally likely, unpredictable to candidates. */
export function shuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Starts an attempt, or returns the one in progress. 409 outside the window or with no attempt left. */
export async function startAttempt(
  deps: AppDeps,
  context: ActionContext,
  code: string,
): Promise<{ attempt: AttemptRow; created: boolean }> {
  const actor = requireAccess(context.actor, 'staff.workspace');
  const found = await findCampaignByCode(deps.database.db, code);
  if (found?.status !== 'published') throw new AppError('CAPACITY_CAMPAIGN_NOT_FOUND');
  await closeExpiredAttempts(deps, context, { campaignId: found.id, userId: actor.userId });
  const bankUnits = await pathOf(deps, found.unit_id);
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (tx) => {
    // The candidate's row is the lock: two starts at once make one attempt.
    const candidate = await findCandidate(tx, found.id, actor.userId, { lock: true });
    if (!candidate) throw new AppError('CAPACITY_NOT_CANDIDATE');
    const campaign = (await findCampaignById(tx, found.id))!;
    const attempts = await listAttemptsOf(tx, campaign.id, actor.userId);
    const open = attempts.find((a) => a.submitted_at === null && a.deadline.getTime() > now.getTime());
    if (open) return { attempt: open, created: false };
    // One whose time ran out since the check above is closed first (it keeps its place in the count).
    for (const stale of attempts.filter((a) => a.submitted_at === null)) {
      const locked = await findAttempt(tx, stale.id, { lock: true });
      if (locked && locked.submitted_at === null) await finalize(tx, context, locked, 'deadline', now);
    }
    if (campaignState(campaign, now) !== 'open') throw new AppError('CAPACITY_CAMPAIGN_NOT_OPEN');
    if (attempts.length >= candidate.allowed_attempts) throw new AppError('CAPACITY_ATTEMPTS_USED');

    const drawn: {
      id: number;
      topic: Topic;
      kind: 'single' | 'multiple';
      prompt: string;
      options: CapacityOption[];
      explanation: string | null;
    }[] = [];
    for (const topic of TOPICS) {
      const wanted = campaign.draw[topic] ?? 0;
      if (wanted === 0) continue;
      const pool = await listActiveQuestionsOfTopic(tx, bankUnits, topic);
      if (pool.length < wanted) throw new AppError('CAPACITY_NOT_ENOUGH_QUESTIONS');
      for (const q of shuffle(pool).slice(0, wanted)) drawn.push({ ...q, topic });
    }
    const deadline = new Date(
      Math.min(now.getTime() + campaign.duration_minutes * 60_000, campaign.closes_at.getTime()),
    );
    const attempt = await insertAttempt(tx, {
      campaignId: campaign.id,
      userId: actor.userId,
      attemptNo: attempts.length + 1,
      startedAt: now,
      deadline,
      questionCount: drawn.length,
    });
    await insertAttemptQuestions(
      tx,
      attempt.id,
      shuffle(drawn).map((q, index) => ({
        position: index + 1,
        questionId: q.id,
        topic: q.topic,
        kind: q.kind,
        prompt: q.prompt,
        // Keys follow the order shown (a, b, c…), so they do not tell which option the author wrote first.
        options: shuffle(q.options).map((o, i) => ({
          key: OPTION_KEYS[i]!,
          text: o.text,
          correct: o.correct,
          source: o.key,
        })),
        explanation: q.explanation,
      })),
    );
    await appendAudit(tx, context, now, {
      action: 'capacity.attempt.start',
      targetType: 'capacity_attempt',
      targetId: attempt.id,
      details: { campaign: campaign.code, attemptNo: attempt.attempt_no, deadline, questions: drawn.length },
    });
    return { attempt, created: true };
  });
}

interface Marked {
  question: AttemptQuestionRow;
  selected: string[];
  correct: boolean;
}

function mark(
  questions: AttemptQuestionRow[],
  answers: { position: number; selected: string[] }[],
): Marked[] {
  const chosen = new Map(answers.map((a) => [a.position, a.selected]));
  return questions.map((question) => {
    const selected = chosen.get(question.position) ?? [];
    const correctKeys = question.options.filter((o) => o.correct).map((o) => o.key);
    return { question, selected, correct: selected.length > 0 && isCorrectChoice(correctKeys, selected) };
  });
}

/** Scores and closes an attempt inside the caller's transaction (which holds its row lock). */
async function finalize(
  tx: Queryable,
  context: ActionContext,
  attempt: AttemptRow,
  by: 'candidate' | 'deadline',
  now: Date,
): Promise<AttemptRow> {
  const campaign = (await findCampaignById(tx, attempt.campaign_id))!;
  const marked = mark(await listAttemptQuestions(tx, [attempt.id]), await listAnswers(tx, [attempt.id]));
  const correct = marked.filter((m) => m.correct).length;
  const score = scorePercent(correct, attempt.question_count);
  const row = await markSubmitted(tx, attempt.id, {
    // Closed by time: it ended at its deadline, whenever this runs.
    submittedAt: by === 'deadline' ? attempt.deadline : now,
    submittedBy: by,
    correct,
    score,
    passed: score >= campaign.pass_mark,
  });
  await appendAudit(tx, context, now, {
    action: by === 'deadline' ? 'capacity.attempt.close' : 'capacity.attempt.submit',
    targetType: 'capacity_attempt',
    targetId: attempt.id,
    details: {
      campaign: campaign.code,
      correct,
      questions: attempt.question_count,
      score,
      passed: row.passed,
    },
  });
  return row;
}

/**
 * Submits every attempt whose deadline has passed (for a campaign, person or attempt when given): the
 * closing job runs it every minute, and reads and writes run it for what they touch. Returns how many.
 */
export async function closeExpiredAttempts(
  deps: AppDeps,
  context: ActionContext,
  filter: { campaignId?: number; userId?: number; attemptId?: number } = {},
): Promise<number> {
  const now = deps.clock.now();
  const due = await listExpiredOpenAttempts(deps.database.db, now, filter);
  let closed = 0;
  for (const id of due) {
    const done = await deps.database.db.transaction().execute(async (tx) => {
      const attempt = await findAttempt(tx, id, { lock: true });
      if (!attempt || attempt.submitted_at !== null || attempt.deadline.getTime() > now.getTime())
        return false;
      await finalize(tx, context, attempt, 'deadline', now);
      return true;
    });
    if (done) closed++;
  }
  return closed;
}

/** The actor's own attempt (anyone else's is 404), closed first if its time is up. */
async function ownAttempt(deps: AppDeps, context: ActionContext, id: number): Promise<AttemptRow> {
  const actor = requireAccess(context.actor, 'staff.workspace');
  const attempt = await findAttempt(deps.database.db, id);
  if (!attempt || attempt.user_id !== actor.userId) throw new AppError('CAPACITY_ATTEMPT_NOT_FOUND');
  if (attempt.submitted_at === null && attempt.deadline.getTime() <= deps.clock.now().getTime()) {
    await closeExpiredAttempts(deps, context, { attemptId: id });
    return (await findAttempt(deps.database.db, id))!;
  }
  return attempt;
}

export const remainingSeconds = (attempt: AttemptRow, now: Date) =>
  attempt.submitted_at !== null
    ? 0
    : Math.max(0, Math.ceil((attempt.deadline.getTime() - now.getTime()) / 1000));

export interface AttemptView {
  attempt: AttemptRow;
  campaign: CampaignRow;
  questions: { question: AttemptQuestionRow; selected: string[] }[];
  remainingSeconds: number;
}

/** An attempt as its candidate sees it while taking it: questions, options, their answers (never which are right). */
export async function getAttempt(deps: AppDeps, context: ActionContext, id: number): Promise<AttemptView> {
  const attempt = await ownAttempt(deps, context, id);
  const db = deps.database.db;
  const campaign = (await findCampaignById(db, attempt.campaign_id))!;
  const questions = await listAttemptQuestions(db, [attempt.id]);
  const answers = new Map((await listAnswers(db, [attempt.id])).map((a) => [a.position, a.selected]));
  return {
    attempt,
    campaign,
    questions: questions.map((question) => ({ question, selected: answers.get(question.position) ?? [] })),
    remainingSeconds: remainingSeconds(attempt, deps.clock.now()),
  };
}

/**
 * Saves one answer (replacing the previous one to that question). Checked inside the transaction, with
 * the attempt's row locked: the attempt is the caller's and still open, the server's clock is before
 * the deadline (at or after it the attempt is submitted then and there, and the answer refused with
 * CAPACITY_TIME_UP), the question was drawn for it, the options are the question's.
 */
export async function saveAnswer(
  deps: AppDeps,
  context: ActionContext,
  id: number,
  position: number,
  selected: readonly string[],
) {
  const actor = requireAccess(context.actor, 'staff.workspace');
  const outcome = await deps.database.db.transaction().execute(async (tx) => {
    const attempt = await findAttempt(tx, id, { lock: true });
    if (!attempt || attempt.user_id !== actor.userId) throw new AppError('CAPACITY_ATTEMPT_NOT_FOUND');
    if (attempt.submitted_at !== null) throw new AppError('CAPACITY_ATTEMPT_SUBMITTED');
    const now = deps.clock.now();
    if (now.getTime() >= attempt.deadline.getTime()) {
      await finalize(tx, context, attempt, 'deadline', now);
      return { expired: true as const };
    }
    const question = await findAttemptQuestion(tx, attempt.id, position);
    if (!question) throw new AppError('CAPACITY_QUESTION_NOT_DRAWN');
    const keys = new Set(question.options.map((o) => o.key));
    const chosen = [...new Set(selected)];
    if (chosen.some((key) => !keys.has(key)))
      throw new AppError('VALIDATION_FAILED', {
        fields: { selected: { key: 'capacity.errors.notAnOption' } },
      });
    if (question.kind === 'single' && chosen.length > 1)
      throw new AppError('VALIDATION_FAILED', {
        fields: { selected: { key: 'capacity.errors.singleChoice' } },
      });
    // Kept in the order the candidate saw the options.
    const ordered = question.options.map((o) => o.key).filter((key) => chosen.includes(key));
    const saved = await upsertAnswer(tx, attempt.id, position, ordered, now);
    await appendAudit(tx, context, now, {
      action: 'capacity.answer.save',
      targetType: 'capacity_attempt',
      targetId: attempt.id,
      details: { position, selected: ordered },
    });
    return { expired: false as const, saved, attempt, now };
  });
  // The refusal comes after the commit, so the attempt closed by time stays closed.
  if (outcome.expired) throw new AppError('CAPACITY_TIME_UP');
  return {
    position,
    selected: outcome.saved.selected,
    savedAt: outcome.saved.answered_at,
    remainingSeconds: remainingSeconds(outcome.attempt, outcome.now),
  };
}

/** The candidate hands in: scored at once. After the deadline it counts as submitted at the deadline. */
export async function submitAttempt(deps: AppDeps, context: ActionContext, id: number): Promise<AttemptRow> {
  const actor = requireAccess(context.actor, 'staff.workspace');
  return deps.database.db.transaction().execute(async (tx) => {
    const attempt = await findAttempt(tx, id, { lock: true });
    if (!attempt || attempt.user_id !== actor.userId) throw new AppError('CAPACITY_ATTEMPT_NOT_FOUND');
    if (attempt.submitted_at !== null) throw new AppError('CAPACITY_ATTEMPT_SUBMITTED');
    const now = deps.clock.now();
    return finalize(
      tx,
      context,
      attempt,
      now.getTime() >= attempt.deadline.getTime() ? 'deadline' : 'candidate',
      now,
    );
  });
}

export interface AttemptResult {
  attempt: AttemptRow;
  campaign: CampaignRow;
  byTopic: { topic: Topic; correct: number; questions: number }[];
  /** The questions with the right answers and explanations: only once the campaign has closed. */
  review: Marked[] | null;
}

function byTopicOf(marked: Marked[]) {
  return TOPICS.map((topic) => {
    const of = marked.filter((m) => m.question.topic === topic);
    return { topic, correct: of.filter((m) => m.correct).length, questions: of.length };
  }).filter((t) => t.questions > 0);
}

/** A submitted attempt's result for its candidate. */
export async function getAttemptResult(
  deps: AppDeps,
  context: ActionContext,
  id: number,
): Promise<AttemptResult> {
  const attempt = await ownAttempt(deps, context, id);
  if (attempt.submitted_at === null) throw new AppError('CAPACITY_ATTEMPT_IN_PROGRESS');
  const db = deps.database.db;
  const campaign = (await findCampaignById(db, attempt.campaign_id))!;
  const marked = mark(await listAttemptQuestions(db, [attempt.id]), await listAnswers(db, [attempt.id]));
  const closed = campaignState(campaign, deps.clock.now()) === 'closed';
  return { attempt, campaign, byTopic: byTopicOf(marked), review: closed ? marked : null };
}

// ------------------------------------------------------------------------------------------------
// Reports
// ------------------------------------------------------------------------------------------------

export interface ReportPerson {
  userId: number;
  username: string;
  fullName: string;
  unitCode: string;
  unitName: string;
  unitNameEn: string;
  agency: { code: string; name: string; nameEn: string } | null;
  role: string;
  attemptsAllowed: number;
  attemptsUsed: number;
  status: 'not_started' | 'in_progress' | 'submitted';
  counting: AttemptRow | null;
}

export interface ReportGroup {
  unitCode: string;
  agencyCode: string | null;
  name: string;
  nameEn: string;
  candidates: number;
  submitted: number;
  passed: number;
  averageScore: number | null;
}

export interface CampaignReport {
  view: CampaignView;
  people: ReportPerson[];
  byUnit: ReportGroup[];
  byTopic: { topic: Topic; answers: number; correct: number; correctRate: number | null }[];
  totals: { candidates: number; submitted: number; passed: number; averageScore: number | null };
}

const average = (values: number[]) =>
  values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) * 100) / values.length) / 100;

/** Results of a campaign for its managers and leaders: every candidate, by unit (agency) and by topic. */
export async function campaignReport(
  deps: AppDeps,
  context: ActionContext,
  code: string,
): Promise<CampaignReport> {
  const actor = requireAccess(context.actor, 'capacity.results');
  const db = deps.database.db;
  const campaign = await findCampaignByCode(db, code);
  if (!campaign || !(await mayOn(deps, actor, 'capacity.results', campaign.unit_id)))
    throw new AppError('CAPACITY_CAMPAIGN_NOT_FOUND');
  await closeExpiredAttempts(deps, context, { campaignId: campaign.id });
  const view = (await viewsOf(deps, actor, [campaign]))[0]!;
  const candidates = await listCandidates(db, campaign.id);
  const attempts = await listAttemptsOfCampaigns(db, [campaign.id]);
  const users = await findUsersByIds(
    db,
    candidates.map((c) => c.user_id),
  );
  const units = await findUnitNames(db, [...new Set(candidates.map((c) => c.unit_id))], today(deps));
  const unitCodes = await findUnitCodes(db, [...new Set(candidates.map((c) => c.unit_id))]);
  const agencies = await findAgencies(db, [
    ...new Set(candidates.flatMap((c) => (c.agency_id ? [c.agency_id] : []))),
  ]);

  const people: ReportPerson[] = candidates.map((c) => {
    const own = attempts.filter((a) => a.user_id === c.user_id);
    const standing = standingOf(c, own);
    const user = users.get(c.user_id);
    const unit = units.get(c.unit_id);
    return {
      userId: c.user_id,
      username: user?.username ?? '',
      fullName: user?.fullName ?? '',
      unitCode: unitCodes.get(c.unit_id) ?? '',
      unitName: unit?.name ?? '',
      unitNameEn: unit?.nameEn ?? '',
      agency: c.agency_id ? (agencies.get(c.agency_id) ?? null) : null,
      role: c.role,
      attemptsAllowed: c.allowed_attempts,
      attemptsUsed: own.length,
      status: standing.inProgress !== null ? 'in_progress' : standing.counting ? 'submitted' : 'not_started',
      counting: standing.counting,
    };
  });
  people.sort(
    (a, b) =>
      a.unitName.localeCompare(b.unitName, 'vi') ||
      (a.agency?.name ?? '').localeCompare(b.agency?.name ?? '', 'vi') ||
      a.fullName.localeCompare(b.fullName, 'vi'),
  );

  const groups = new Map<string, ReportPerson[]>();
  for (const person of people) {
    const key = `${person.unitCode}|${person.agency?.code ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), person]);
  }
  const summarise = (list: ReportPerson[]) => {
    const scores = list.flatMap((p) => (p.counting?.score != null ? [p.counting.score] : []));
    return {
      candidates: list.length,
      submitted: scores.length,
      passed: list.filter((p) => p.counting?.passed).length,
      averageScore: average(scores),
    };
  };
  const byUnit: ReportGroup[] = [...groups.values()].map((list) => {
    const first = list[0]!;
    return {
      unitCode: first.unitCode,
      agencyCode: first.agency?.code ?? null,
      name: first.agency ? `${first.agency.name} – ${first.unitName}` : first.unitName,
      nameEn: first.agency ? `${first.agency.nameEn} – ${first.unitNameEn}` : first.unitNameEn,
      ...summarise(list),
    };
  });

  const counting = people.flatMap((p) => (p.counting ? [p.counting.id] : []));
  const marked = mark(await listAttemptQuestions(db, counting), []);
  const answers = await listAnswers(db, counting);
  const answerOf = new Map(answers.map((a) => [`${a.attempt_id}:${a.position}`, a.selected]));
  const byTopic = TOPICS.flatMap((topic) => {
    const drawn = marked.filter((m) => m.question.topic === topic);
    if (drawn.length === 0) return [];
    const correct = drawn.filter((m) => {
      const selected = answerOf.get(`${m.question.attempt_id}:${m.question.position}`) ?? [];
      const keys = m.question.options.filter((o) => o.correct).map((o) => o.key);
      return selected.length > 0 && isCorrectChoice(keys, selected);
    }).length;
    return [{ topic, answers: drawn.length, correct, correctRate: scorePercent(correct, drawn.length) }];
  });
  return { view, people, byUnit, byTopic, totals: summarise(people) };
}

/** Active questions per topic a campaign of the unit (the deploying unit when none) could draw from. */
export async function availableQuestions(deps: AppDeps, actor: Actor | null, unitCode?: string) {
  requireAccess(actor, 'capacity.manage');
  const wanted = unitCode ?? deps.config.homeUnitCode;
  if (!UNIT_CODE.test(wanted)) return new Map<Topic, number>();
  const id = (await findUnitIdsByCode(deps.database.db, [wanted])).get(wanted);
  if (id === undefined) return new Map<Topic, number>();
  return countActiveQuestions(deps.database.db, await pathOf(deps, id));
}
