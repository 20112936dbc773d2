// SQL of the capacity tests: banks and questions, campaigns and their candidates, attempts with their
// drawn questions and answers, and the figures the reports and the staff scores read.
import { type Selectable, sql } from 'kysely';
import type { Topic } from '../../../shared/capacity/schema.js';
import type { Queryable } from '../../context.js';
import type {
  CapacityAttemptQuestionsTable,
  CapacityAttemptsTable,
  CapacityBanksTable,
  CapacityCampaignsTable,
  CapacityCandidatesTable,
  CapacityOption,
  CapacityQuestionsTable,
} from '../../db/schema.js';

export type BankRow = Selectable<CapacityBanksTable>;
export type QuestionRow = Selectable<CapacityQuestionsTable>;
export type CampaignRow = Selectable<CapacityCampaignsTable>;
export type CandidateRow = Selectable<CapacityCandidatesTable>;
export type AttemptRow = Selectable<CapacityAttemptsTable>;
export type AttemptQuestionRow = Selectable<CapacityAttemptQuestionsTable>;

const ids = (values: readonly number[]) => sql`${sql.val(values)}::bigint[]`;

// bigint[] comes back as numbers or strings depending on the engine.
const normaliseCampaign = (row: CampaignRow): CampaignRow => ({
  ...row,
  audience_unit_ids: row.audience_unit_ids.map(Number),
  pass_mark: Number(row.pass_mark),
});
const normaliseAttempt = (row: AttemptRow): AttemptRow => ({
  ...row,
  score: row.score === null ? null : Number(row.score),
});

// ------------------------------------------------------------------------------------------------
// Units and people (names for reports)
// ------------------------------------------------------------------------------------------------

export async function findUnitCodes(db: Queryable, unitIds: number[]): Promise<Map<number, string>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db.selectFrom('units').select(['id', 'code']).where('id', 'in', unitIds).execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** Current names of units (their version valid on `date`). */
export async function findUnitNames(
  db: Queryable,
  unitIds: number[],
  date: string,
): Promise<Map<number, { name: string; nameEn: string }>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('unit_versions')
    .select(['unit_id', 'full_name', 'full_name_en'])
    .where('unit_id', 'in', unitIds)
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .execute();
  return new Map(rows.map((r) => [r.unit_id, { name: r.full_name, nameEn: r.full_name_en }]));
}

export async function findAgencies(db: Queryable, agencyIds: number[]) {
  if (agencyIds.length === 0) return new Map<number, { code: string; name: string; nameEn: string }>();
  const rows = await db
    .selectFrom('agencies')
    .select(['id', 'code', 'name', 'name_en'])
    .where('id', 'in', agencyIds)
    .execute();
  return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name, nameEn: r.name_en }]));
}

export async function findUsersByIds(db: Queryable, userIds: number[]) {
  if (userIds.length === 0) return new Map<number, { username: string; fullName: string }>();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'username', 'full_name'])
    .where('id', 'in', userIds)
    .execute();
  return new Map(rows.map((r) => [r.id, { username: r.username, fullName: r.full_name }]));
}

export async function findUserIdByUsername(db: Queryable, username: string): Promise<number | undefined> {
  const row = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  return row?.id;
}

/** Active staff holding one of `roles` in one of `unitIds`: one row per person (their first such role). */
export async function findEligibleStaff(db: Queryable, unitIds: number[], roles: readonly string[]) {
  if (unitIds.length === 0 || roles.length === 0) return [];
  const rows = await db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.user_id', 'r.unit_id', 'r.agency_id', 'r.role', 'r.id'])
    .where('u.status', '=', 'active')
    .where('r.role', 'in', [...roles])
    .where('r.unit_id', 'in', unitIds)
    .orderBy('r.user_id')
    .orderBy('r.id')
    .execute();
  const seen = new Set<number>();
  const staff: { user_id: number; unit_id: number; agency_id: number | null; role: string }[] = [];
  for (const r of rows) {
    if (seen.has(r.user_id) || r.unit_id === null) continue;
    seen.add(r.user_id);
    staff.push({ user_id: r.user_id, unit_id: r.unit_id, agency_id: r.agency_id, role: r.role });
  }
  return staff;
}

// ------------------------------------------------------------------------------------------------
// Banks and questions
// ------------------------------------------------------------------------------------------------

export async function findBankByCode(db: Queryable, code: string): Promise<BankRow | undefined> {
  return db.selectFrom('capacity_banks').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertBank(
  db: Queryable,
  values: {
    code: string;
    unitId: number;
    topic: Topic;
    title: string;
    description: string | null;
    createdBy: number | null;
    now: Date;
  },
): Promise<BankRow> {
  return db
    .insertInto('capacity_banks')
    .values({
      code: values.code,
      unit_id: values.unitId,
      topic: values.topic,
      title: values.title,
      description: values.description,
      created_by: values.createdBy,
      created_at: values.now,
      updated_at: values.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface BankListRow extends BankRow {
  questions: number;
  active_questions: number;
}

/** Banks of the units (every bank when null), with their question counts. */
export async function listBanks(db: Queryable, unitIds: number[] | null): Promise<BankListRow[]> {
  let query = db
    .selectFrom('capacity_banks as b')
    .leftJoin('capacity_questions as q', 'q.bank_id', 'b.id')
    .selectAll('b')
    .select((eb) => [
      eb.fn.count<number>('q.id').as('questions'),
      eb.fn.count<number>('q.id').filterWhere('q.active', '=', true).as('active_questions'),
    ])
    .groupBy('b.id')
    .orderBy('b.topic')
    .orderBy('b.code');
  if (unitIds !== null) {
    if (unitIds.length === 0) return [];
    query = query.where('b.unit_id', 'in', unitIds);
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    ...r,
    questions: Number(r.questions),
    active_questions: Number(r.active_questions),
  }));
}

export async function listQuestions(db: Queryable, bankId: number): Promise<QuestionRow[]> {
  return db
    .selectFrom('capacity_questions')
    .selectAll()
    .where('bank_id', '=', bankId)
    .orderBy('code')
    .execute();
}

export async function findQuestion(db: Queryable, bankId: number, code: string) {
  return db
    .selectFrom('capacity_questions')
    .selectAll()
    .where('bank_id', '=', bankId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export interface QuestionValues {
  code: string;
  kind: 'single' | 'multiple';
  prompt: string;
  promptKey: string;
  options: CapacityOption[];
  explanation: string | null;
  active: boolean;
}

export async function insertQuestion(db: Queryable, bankId: number, values: QuestionValues, now: Date) {
  return db
    .insertInto('capacity_questions')
    .values({
      bank_id: bankId,
      code: values.code,
      kind: values.kind,
      prompt: values.prompt,
      prompt_key: values.promptKey,
      options: JSON.stringify(values.options),
      explanation: values.explanation,
      active: values.active,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateQuestion(db: Queryable, id: number, values: QuestionValues, now: Date) {
  return db
    .updateTable('capacity_questions')
    .set((eb) => ({
      kind: values.kind,
      prompt: values.prompt,
      prompt_key: values.promptKey,
      options: JSON.stringify(values.options),
      explanation: values.explanation,
      active: values.active,
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Active questions of a topic in the banks of the units, with how many there are per topic. */
export async function countActiveQuestions(db: Queryable, unitIds: number[]): Promise<Map<Topic, number>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('capacity_questions as q')
    .innerJoin('capacity_banks as b', 'b.id', 'q.bank_id')
    .select(['b.topic'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('b.unit_id', 'in', unitIds)
    .where('q.active', '=', true)
    .groupBy('b.topic')
    .execute();
  return new Map(rows.map((r) => [r.topic, Number(r.n)]));
}

export async function listActiveQuestionsOfTopic(db: Queryable, unitIds: number[], topic: Topic) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('capacity_questions as q')
    .innerJoin('capacity_banks as b', 'b.id', 'q.bank_id')
    .select(['q.id', 'q.kind', 'q.prompt', 'q.options', 'q.explanation'])
    .where('b.unit_id', 'in', unitIds)
    .where('b.topic', '=', topic)
    .where('q.active', '=', true)
    .orderBy('q.id')
    .execute();
}

// ------------------------------------------------------------------------------------------------
// Campaigns and candidates
// ------------------------------------------------------------------------------------------------

export interface CampaignValues {
  title: string;
  description: string | null;
  unitId: number;
  opensAt: Date;
  closesAt: Date;
  durationMinutes: number;
  passMark: number;
  draw: Partial<Record<Topic, number>>;
  audienceUnitIds: number[];
  audienceRoles: string[];
}

export async function findCampaignByCode(
  db: Queryable,
  code: string,
  options: { lock?: boolean } = {},
): Promise<CampaignRow | undefined> {
  let query = db.selectFrom('capacity_campaigns').selectAll().where('code', '=', code);
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? normaliseCampaign(row) : undefined;
}

export async function findCampaignById(db: Queryable, id: number): Promise<CampaignRow | undefined> {
  const row = await db.selectFrom('capacity_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? normaliseCampaign(row) : undefined;
}

export async function insertCampaign(
  db: Queryable,
  code: string,
  values: CampaignValues,
  createdBy: number | null,
  now: Date,
): Promise<CampaignRow> {
  const row = await db
    .insertInto('capacity_campaigns')
    .values({
      code,
      unit_id: values.unitId,
      title: values.title,
      description: values.description,
      opens_at: values.opensAt,
      closes_at: values.closesAt,
      duration_minutes: values.durationMinutes,
      pass_mark: values.passMark,
      draw: JSON.stringify(values.draw),
      audience_unit_ids: values.audienceUnitIds,
      audience_roles: values.audienceRoles,
      created_by: createdBy,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return normaliseCampaign(row);
}

export async function updateCampaign(db: Queryable, id: number, values: CampaignValues, now: Date) {
  const row = await db
    .updateTable('capacity_campaigns')
    .set((eb) => ({
      unit_id: values.unitId,
      title: values.title,
      description: values.description,
      opens_at: values.opensAt,
      closes_at: values.closesAt,
      duration_minutes: values.durationMinutes,
      pass_mark: values.passMark,
      draw: JSON.stringify(values.draw),
      audience_unit_ids: values.audienceUnitIds,
      audience_roles: values.audienceRoles,
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return normaliseCampaign(row);
}

export async function markPublished(db: Queryable, id: number, by: number | null, now: Date) {
  const row = await db
    .updateTable('capacity_campaigns')
    .set((eb) => ({
      status: 'published' as const,
      published_by: by,
      published_at: now,
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return normaliseCampaign(row);
}

/** Campaigns of the units (every campaign when null), newest first. */
export async function listCampaigns(db: Queryable, unitIds: number[] | null): Promise<CampaignRow[]> {
  let query = db
    .selectFrom('capacity_campaigns')
    .selectAll()
    .orderBy('opens_at', 'desc')
    .orderBy('id', 'desc');
  if (unitIds !== null) {
    if (unitIds.length === 0) return [];
    query = query.where('unit_id', 'in', unitIds);
  }
  return (await query.execute()).map(normaliseCampaign);
}

/** Published campaigns a person must take, newest first. */
export async function listCampaignsOfCandidate(db: Queryable, userId: number): Promise<CampaignRow[]> {
  const rows = await db
    .selectFrom('capacity_campaigns as c')
    .innerJoin('capacity_candidates as k', 'k.campaign_id', 'c.id')
    .selectAll('c')
    .where('k.user_id', '=', userId)
    .where('c.status', '=', 'published')
    .orderBy('c.opens_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
  return rows.map(normaliseCampaign);
}

export async function insertCandidates(
  db: Queryable,
  campaignId: number,
  rows: { user_id: number; unit_id: number; agency_id: number | null; role: string }[],
) {
  if (rows.length === 0) return;
  await db
    .insertInto('capacity_candidates')
    .values(rows.map((r) => ({ campaign_id: campaignId, ...r })))
    .execute();
}

export async function findCandidate(
  db: Queryable,
  campaignId: number,
  userId: number,
  options: { lock?: boolean } = {},
): Promise<CandidateRow | undefined> {
  let query = db
    .selectFrom('capacity_candidates')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('user_id', '=', userId);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function countCandidates(db: Queryable, campaignIds: number[]): Promise<Map<number, number>> {
  if (campaignIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('capacity_candidates')
    .select(['campaign_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', 'in', campaignIds)
    .groupBy('campaign_id')
    .execute();
  return new Map(rows.map((r) => [r.campaign_id, Number(r.n)]));
}

export async function listCandidates(db: Queryable, campaignId: number): Promise<CandidateRow[]> {
  return db
    .selectFrom('capacity_candidates')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('unit_id')
    .orderBy('agency_id')
    .orderBy('user_id')
    .execute();
}

export async function setAllowedAttempts(db: Queryable, campaignId: number, userId: number, allowed: number) {
  await db
    .updateTable('capacity_candidates')
    .set({ allowed_attempts: allowed })
    .where('campaign_id', '=', campaignId)
    .where('user_id', '=', userId)
    .execute();
}

// ------------------------------------------------------------------------------------------------
// Attempts, their questions and answers
// ------------------------------------------------------------------------------------------------

export async function findAttempt(
  db: Queryable,
  id: number,
  options: { lock?: boolean } = {},
): Promise<AttemptRow | undefined> {
  let query = db.selectFrom('capacity_attempts').selectAll().where('id', '=', id);
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? normaliseAttempt(row) : undefined;
}

export async function listAttemptsOf(
  db: Queryable,
  campaignId: number,
  userId: number,
): Promise<AttemptRow[]> {
  const rows = await db
    .selectFrom('capacity_attempts')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('user_id', '=', userId)
    .orderBy('attempt_no')
    .execute();
  return rows.map(normaliseAttempt);
}

/** Every attempt of the campaigns (for a person when given), in order. */
export async function listAttemptsOfCampaigns(
  db: Queryable,
  campaignIds: number[],
  userId?: number,
): Promise<AttemptRow[]> {
  if (campaignIds.length === 0) return [];
  let query = db
    .selectFrom('capacity_attempts')
    .selectAll()
    .where('campaign_id', 'in', campaignIds)
    .orderBy('campaign_id')
    .orderBy('user_id')
    .orderBy('attempt_no');
  if (userId !== undefined) query = query.where('user_id', '=', userId);
  return (await query.execute()).map(normaliseAttempt);
}

export async function insertAttempt(
  db: Queryable,
  values: {
    campaignId: number;
    userId: number;
    attemptNo: number;
    startedAt: Date;
    deadline: Date;
    questionCount: number;
  },
): Promise<AttemptRow> {
  const row = await db
    .insertInto('capacity_attempts')
    .values({
      campaign_id: values.campaignId,
      user_id: values.userId,
      attempt_no: values.attemptNo,
      started_at: values.startedAt,
      deadline: values.deadline,
      question_count: values.questionCount,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return normaliseAttempt(row);
}

export async function insertAttemptQuestions(
  db: Queryable,
  attemptId: number,
  questions: {
    position: number;
    questionId: number;
    topic: Topic;
    kind: 'single' | 'multiple';
    prompt: string;
    options: CapacityOption[];
    explanation: string | null;
  }[],
) {
  await db
    .insertInto('capacity_attempt_questions')
    .values(
      questions.map((q) => ({
        attempt_id: attemptId,
        position: q.position,
        question_id: q.questionId,
        topic: q.topic,
        kind: q.kind,
        prompt: q.prompt,
        options: JSON.stringify(q.options),
        explanation: q.explanation,
      })),
    )
    .execute();
}

export async function listAttemptQuestions(
  db: Queryable,
  attemptIds: number[],
): Promise<AttemptQuestionRow[]> {
  if (attemptIds.length === 0) return [];
  return db
    .selectFrom('capacity_attempt_questions')
    .selectAll()
    .where('attempt_id', 'in', attemptIds)
    .orderBy('attempt_id')
    .orderBy('position')
    .execute();
}

export async function findAttemptQuestion(db: Queryable, attemptId: number, position: number) {
  return db
    .selectFrom('capacity_attempt_questions')
    .selectAll()
    .where('attempt_id', '=', attemptId)
    .where('position', '=', position)
    .executeTakeFirst();
}

export async function listAnswers(db: Queryable, attemptIds: number[]) {
  if (attemptIds.length === 0) return [];
  return db
    .selectFrom('capacity_answers')
    .selectAll()
    .where('attempt_id', 'in', attemptIds)
    .orderBy('attempt_id')
    .orderBy('position')
    .execute();
}

/** Saves the latest answer to a question: one row per (attempt, question), replaced on every change. */
export async function upsertAnswer(
  db: Queryable,
  attemptId: number,
  position: number,
  selected: string[],
  now: Date,
) {
  return db
    .insertInto('capacity_answers')
    .values({ attempt_id: attemptId, position, selected, answered_at: now })
    .onConflict((oc) =>
      oc.columns(['attempt_id', 'position']).doUpdateSet((eb) => ({
        selected: eb.ref('excluded.selected'),
        answered_at: eb.ref('excluded.answered_at'),
        changes: eb('capacity_answers.changes', '+', 1),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function markSubmitted(
  db: Queryable,
  id: number,
  values: {
    submittedAt: Date;
    submittedBy: 'candidate' | 'deadline';
    correct: number;
    score: number;
    passed: boolean;
  },
): Promise<AttemptRow> {
  const row = await db
    .updateTable('capacity_attempts')
    .set({
      submitted_at: values.submittedAt,
      submitted_by: values.submittedBy,
      correct_count: values.correct,
      score: values.score,
      passed: values.passed,
    })
    .where('id', '=', id)
    .where('submitted_at', 'is', null)
    .returningAll()
    .executeTakeFirstOrThrow();
  return normaliseAttempt(row);
}

/** Attempts still open whose deadline has come (for a campaign, person or attempt when given). */
export async function listExpiredOpenAttempts(
  db: Queryable,
  now: Date,
  filter: { campaignId?: number; userId?: number; attemptId?: number } = {},
  limit = 500,
): Promise<number[]> {
  let query = db
    .selectFrom('capacity_attempts')
    .select('id')
    .where('submitted_at', 'is', null)
    .where('deadline', '<=', now)
    .orderBy('deadline')
    .limit(limit);
  if (filter.campaignId !== undefined) query = query.where('campaign_id', '=', filter.campaignId);
  if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
  if (filter.attemptId !== undefined) query = query.where('id', '=', filter.attemptId);
  return (await query.execute()).map((r) => r.id);
}

/**
 * The latest submitted attempt's score of each person, among attempts submitted in [from, to) of
 * campaigns closed before `to`: what the staff scores count as "the test score".
 */
export async function findLatestScores(
  db: Queryable,
  userIds: number[],
  from: Date,
  to: Date,
): Promise<Map<number, { score: number; campaign: string }>> {
  if (userIds.length === 0) return new Map();
  const result = await sql<{ user_id: number; score: number; code: string }>`
    select distinct on (a.user_id) a.user_id, a.score, c.code
    from capacity_attempts a join capacity_campaigns c on c.id = a.campaign_id
    where a.user_id = any(${ids(userIds)}) and a.submitted_at is not null
      and a.submitted_at >= ${from} and a.submitted_at < ${to} and c.closes_at <= ${to}
    order by a.user_id, a.submitted_at desc, a.id desc`.execute(db);
  return new Map(result.rows.map((r) => [Number(r.user_id), { score: Number(r.score), campaign: r.code }]));
}
