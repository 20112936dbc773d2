import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { withDatabase } from '../../../../test/helpers/template.js';
import { FixedClock } from '../../../shared/clock.js';
import type { AppDeps } from '../../context.js';
import { JobRunner } from '../../jobs/runner.js';
import { QUEUES, startJobs } from '../../jobs/workers.js';
import { createOffice, createUnit, createUser, TEST_PASSWORD } from '../../seed/factories.js';
import { LogMailer } from '../notifications/mailer.js';
import { LogSmsSender } from '../notifications/sms.js';
import { closeExpiredAttempts, shuffle } from './capacity-tests.service.js';
import { QUESTION_COLUMNS } from './capacity-tests.xlsx.js';

// Monday 2 March 2026, 09:00 in Vietnam.
const at = (iso: string) => new Date(`${iso}+07:00`);
const clock = new FixedClock(at('2026-03-02T09:00'));
let t: TestApp;
let office: Awaited<ReturnType<typeof createOffice>>;
const cookies: Record<string, string> = {};

type Method = 'GET' | 'POST' | 'PUT';
const api = (method: Method, url: string, who?: string, payload?: unknown) =>
  t.inject({
    method,
    url,
    ...(who ? { headers: { cookie: cookies[who]! } } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

const count = async (
  table: 'capacity_questions' | 'capacity_attempts' | 'capacity_answers' | 'capacity_campaigns',
) =>
  Number(
    (
      await t.deps.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const auditActions = async (targetType: string) =>
  (
    await t.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', targetType)
      .orderBy('id')
      .execute()
  ).map((r) => r.action);

const question = (prompt: string, extra: Record<string, unknown> = {}) => ({
  kind: 'single',
  prompt,
  options: [
    { text: 'Đúng phương án', correct: true },
    { text: 'Phương án sai thứ nhất', correct: false },
    { text: 'Phương án sai thứ hai', correct: false },
  ],
  explanation: 'Giải thích ngắn.',
  ...extra,
});

/** A workbook with the bank columns and the given rows (cells by column name). */
async function workbook(rows: Record<string, string>[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('questions');
  sheet.addRow([...QUESTION_COLUMNS]);
  for (const row of rows) sheet.addRow(QUESTION_COLUMNS.map((c) => row[c] ?? null));
  return Buffer.from(await book.xlsx.writeBuffer());
}

function multipart(bytes: Buffer, name = 'cau-hoi.xlsx') {
  const boundary = '----capacity-test';
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

const importFile = (bank: string, bytes: Buffer, who = 'admin') => {
  const body = multipart(bytes);
  return t.inject({
    method: 'POST',
    url: `/api/v1/capacity-tests/banks/${bank}/import`,
    headers: { ...body.headers, cookie: cookies[who]! },
    payload: body.payload,
  });
};

const campaign = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  title: `Kiểm tra năng lực ${code}`,
  opensAt: '2026-03-02T08:00:00+07:00',
  closesAt: '2026-03-06T17:00:00+07:00',
  durationMinutes: 30,
  passMark: 60,
  draw: { procedure_law: 2, one_stop: 1 },
  audience: { units: ['123'], roles: ['counter_officer', 'specialist', 'unit_head'] },
  ...extra,
});

/** The right answer of each question of an attempt, by position (read from the database). */
async function rightAnswers(attemptId: number): Promise<Map<number, string[]>> {
  const rows = await t.deps.database.db
    .selectFrom('capacity_attempt_questions')
    .select(['position', 'options'])
    .where('attempt_id', '=', attemptId)
    .execute();
  return new Map(rows.map((r) => [r.position, r.options.filter((o) => o.correct).map((o) => o.key)]));
}

const users: Record<string, { username: string }> = {};
/** Signs everyone in again (sessions expire when the clock jumps days ahead). */
async function signInAll() {
  for (const [name, user] of Object.entries(users))
    cookies[name] = await t.login(user.username, TEST_PASSWORD);
}

beforeAll(async () => {
  t = await buildTestApp({ clock, config: { homeUnitCode: '123' } });
  office = await createOffice(t.deps);
  const db = t.deps.database.db;
  const ward = await createUnit(db, { code: '04001', typeCode: 'ward', parentId: office.unit.id });
  const admin = await createUser(db, { role: 'administrator', unitId: office.unit.id });
  const wardHead = await createUser(db, { role: 'unit_head', unitId: ward.id });
  Object.assign(users, office.staff, { admin, wardHead });
  await signInAll();
});
afterAll(() => t.close());

describe('the draw', () => {
  it('shuffles with every order equally likely', () => {
    const seen = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const order = shuffle(['a', 'b', 'c']).join('');
      seen.set(order, (seen.get(order) ?? 0) + 1);
    }
    expect(seen.size).toBe(6);
    for (const n of seen.values()) expect(n).toBeGreaterThan(800);
  });
});

describe('question banks', () => {
  it('are created by administrators and unit heads, one topic each, and audited', async () => {
    const law = await api('POST', '/api/v1/capacity-tests/banks', 'admin', {
      code: 'LAW',
      title: 'Pháp luật về thủ tục hành chính',
      topic: 'procedure_law',
    });
    expect(law.statusCode, law.body).toBe(201);
    expect(law.json()).toMatchObject({ code: 'LAW', topic: 'procedure_law', unit: '123', questions: 0 });
    const oneStop = await api('POST', '/api/v1/capacity-tests/banks', 'head', {
      code: 'ONE-STOP',
      title: 'Quy định một cửa, một cửa liên thông',
      topic: 'one_stop',
    });
    expect(oneStop.statusCode, oneStop.body).toBe(201);
    expect(await auditActions('capacity_bank')).toEqual(['capacity.bank.create', 'capacity.bank.create']);
  });

  it('refuse everyone else, a repeated code, an unknown topic or unit, with a 4xx that changes nothing', async () => {
    const before = await auditActions('capacity_bank');
    const body = { code: 'X1', title: 'Ngân hàng', topic: 'digital_skills' };
    expect((await api('POST', '/api/v1/capacity-tests/banks', 'specialist', body)).statusCode).toBe(403);
    expect((await api('POST', '/api/v1/capacity-tests/banks', undefined, body)).statusCode).toBe(401);
    const again = await api('POST', '/api/v1/capacity-tests/banks', 'admin', { ...body, code: 'LAW' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields.code).toBeTruthy();
    expect(
      (await api('POST', '/api/v1/capacity-tests/banks', 'admin', { ...body, topic: 'cooking' })).statusCode,
    ).toBe(400);
    expect(
      (await api('POST', '/api/v1/capacity-tests/banks', 'admin', { ...body, unit: '99999' })).statusCode,
    ).toBe(400);
    // A ward's head manages the ward's banks, not the town's.
    expect((await api('GET', '/api/v1/capacity-tests/banks/LAW', 'wardHead')).statusCode).toBe(404);
    expect(await auditActions('capacity_bank')).toEqual(before);
  });

  it('take single and multiple choice questions with explanations; the answers stay with the managers', async () => {
    const single = await api(
      'POST',
      '/api/v1/capacity-tests/banks/LAW/questions',
      'admin',
      question('Câu hỏi một'),
    );
    expect(single.statusCode, single.body).toBe(201);
    expect(single.json()).toMatchObject({ code: 'Q001', kind: 'single', version: 1 });
    const multiple = await api(
      'POST',
      '/api/v1/capacity-tests/banks/LAW/questions',
      'admin',
      question('Câu hỏi hai', {
        kind: 'multiple',
        code: 'M-2',
        options: [
          { text: 'Đúng một', correct: true },
          { text: 'Đúng hai', correct: true },
          { text: 'Sai', correct: false },
        ],
      }),
    );
    expect(multiple.statusCode, multiple.body).toBe(201);
    const bank = await api('GET', '/api/v1/capacity-tests/banks/LAW', 'admin');
    expect(bank.json().items.map((q: { code: string }) => q.code)).toEqual(['M-2', 'Q001']);
    expect(bank.json().items[0].options.filter((o: { correct: boolean }) => o.correct)).toHaveLength(2);
    expect((await api('GET', '/api/v1/capacity-tests/banks/LAW', 'counter')).statusCode).toBe(403);
  });

  it('refuse a question without an answer, two answers to a single choice, a repeated question or option', async () => {
    const before = await count('capacity_questions');
    const post = (body: unknown) => api('POST', '/api/v1/capacity-tests/banks/LAW/questions', 'admin', body);
    const none = await post(
      question('Không đáp án', {
        options: [
          { text: 'A', correct: false },
          { text: 'B', correct: false },
        ],
      }),
    );
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields.options).toBeTruthy();
    const two = await post(
      question('Hai đáp án', {
        options: [
          { text: 'A', correct: true },
          { text: 'B', correct: true },
        ],
      }),
    );
    expect(two.statusCode).toBe(400);
    const repeated = await post(question('  câu HỎI   một? '));
    expect(repeated.statusCode).toBe(400);
    expect(repeated.json().error.fields.prompt).toContain('Q001');
    const sameOption = await post(
      question('Trùng phương án', {
        options: [
          { text: 'A', correct: true },
          { text: 'a', correct: false },
        ],
      }),
    );
    expect(sameOption.statusCode).toBe(400);
    expect(
      (await post(question('Một phương án', { options: [{ text: 'A', correct: true }] }))).statusCode,
    ).toBe(400);
    expect((await post({ ...question('Có NUL\u0000'), kind: 'single' })).statusCode).toBe(400);
    expect(await count('capacity_questions')).toBe(before);
  });

  it('edit a question with its version; a stale version is a 409', async () => {
    const edited = await api(
      'PUT',
      '/api/v1/capacity-tests/banks/LAW/questions/Q001?expectedVersion=1',
      'admin',
      question('Câu hỏi một (sửa)'),
    );
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ prompt: 'Câu hỏi một (sửa)', version: 2 });
    const stale = await api(
      'PUT',
      '/api/v1/capacity-tests/banks/LAW/questions/Q001?expectedVersion=1',
      'admin',
      question('Lần khác'),
    );
    expect(stale.statusCode).toBe(409);
    expect(
      (await api('PUT', '/api/v1/capacity-tests/banks/LAW/questions/NOPE', 'admin', question('X')))
        .statusCode,
    ).toBe(404);
  });
});

describe('importing and exporting a bank as XLSX', () => {
  const row = (n: number, extra: Record<string, string> = {}) => ({
    question: `Câu hỏi nhập số ${n}`,
    option_a: 'Phương án A',
    option_b: 'Phương án B',
    option_c: 'Phương án C',
    correct: 'b',
    explanation: 'Theo quy định.',
    ...extra,
  });

  it('adds every row of a clean file, generating codes, and reports the counts', async () => {
    const response = await importFile(
      'LAW',
      await workbook([
        row(1),
        row(2, { correct: 'a, c', kind: '' }),
        row(3, { code: 'IMP-3', active: 'no' }),
      ]),
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ created: 3, updated: 0, unchanged: 0 });
    const bank = (await api('GET', '/api/v1/capacity-tests/banks/LAW', 'admin')).json();
    const imported = bank.items.find((q: { prompt: string }) => q.prompt === 'Câu hỏi nhập số 2');
    expect(imported.kind).toBe('multiple');
    expect(bank.items.find((q: { code: string }) => q.code === 'IMP-3').active).toBe(false);
    expect(await auditActions('capacity_bank')).toContain('capacity.bank.import');
  });

  it('refuses a file with a missing answer, a duplicate question or code, naming each row, and imports nothing', async () => {
    const before = await count('capacity_questions');
    const response = await importFile(
      'LAW',
      await workbook([
        row(10),
        row(11, { correct: '' }),
        row(10),
        row(12, { correct: 'e' }),
        row(13, { code: 'DUP' }),
        row(14, { code: 'DUP' }),
        row(15, { question: 'Câu hỏi nhập số 1' }),
        row(16, { option_b: '', option_c: '' }),
        row(17, { kind: 'single', correct: 'a,b' }),
      ]),
    );
    expect(response.statusCode, response.body).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe('CAPACITY_IMPORT_REJECTED');
    expect(Object.keys(error.fields)).toEqual([
      'rows.3.correct',
      'rows.4.question',
      'rows.5.correct',
      'rows.7.code',
      'rows.8.question',
      'rows.9.option_b',
      'rows.9.correct',
      'rows.10.correct',
    ]);
    expect(error.fields['rows.4.question']).toContain('2');
    expect(await count('capacity_questions')).toBe(before);
  });

  it('refuses what is not a workbook, or one without the columns, with a 400', async () => {
    const bad = await importFile('LAW', Buffer.from('not a spreadsheet'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.file).toBeTruthy();
    const book = new ExcelJS.Workbook();
    book.addWorksheet('questions').addRow(['hello', 'world']);
    const columns = await importFile('LAW', Buffer.from(await book.xlsx.writeBuffer()));
    expect(columns.statusCode).toBe(400);
    expect((await importFile('LAW', await workbook([row(1)]), 'specialist')).statusCode).toBe(403);
  });

  it('exports a workbook that imports back without changing anything', async () => {
    const exported = await api('GET', '/api/v1/capacity-tests/banks/LAW/export', 'admin');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    const again = await importFile('LAW', exported.rawPayload);
    expect(again.statusCode, again.body).toBe(200);
    const total = (await api('GET', '/api/v1/capacity-tests/banks/LAW', 'admin')).json().items.length;
    expect(again.json()).toEqual({ created: 0, updated: 0, unchanged: total });
  });
});

describe('test campaigns', () => {
  beforeAll(async () => {
    for (let n = 1; n <= 3; n++)
      await api('POST', '/api/v1/capacity-tests/banks/ONE-STOP/questions', 'admin', question(`Một cửa ${n}`));
  });

  it('are drafted with their window, duration, draw and pass mark, and audited', async () => {
    const response = await api('POST', '/api/v1/capacity-tests/campaigns', 'admin', campaign('KT-2026'));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      code: 'KT-2026',
      status: 'draft',
      state: 'draft',
      questionCount: 3,
      audience: { units: ['123'], roles: ['counter_officer', 'specialist', 'unit_head'] },
    });
    expect(await auditActions('capacity_campaign')).toEqual(['capacity.campaign.create']);
  });

  it('refuse a window closing before it opens, an empty draw, units outside the organiser, bad roles', async () => {
    const before = await count('capacity_campaigns');
    const post = (body: unknown) => api('POST', '/api/v1/capacity-tests/campaigns', 'admin', body);
    const reversed = await post(campaign('K1', { closesAt: '2026-03-01T17:00:00+07:00' }));
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.fields.closesAt).toBeTruthy();
    expect((await post(campaign('K2', { draw: { procedure_law: 0 } }))).statusCode).toBe(400);
    expect(
      (await post(campaign('K3', { audience: { units: ['99999'], roles: ['specialist'] } }))).statusCode,
    ).toBe(400);
    expect(
      (await post(campaign('K4', { audience: { units: ['123'], roles: ['citizen'] } }))).statusCode,
    ).toBe(400);
    expect((await post(campaign('K5', { durationMinutes: 0 }))).statusCode).toBe(400);
    expect((await post(campaign('KT-2026'))).statusCode).toBe(400);
    const wardHead = await api(
      'POST',
      '/api/v1/capacity-tests/campaigns',
      'wardHead',
      campaign('K6', { unit: '04001' }),
    );
    expect(wardHead.statusCode).toBe(400);
    expect(wardHead.json().error.fields['audience.units']).toBeTruthy();
    expect(await count('capacity_campaigns')).toBe(before);
  });

  it('cannot be published while the banks hold too few questions for the draw', async () => {
    const draft = await api(
      'POST',
      '/api/v1/capacity-tests/campaigns',
      'admin',
      campaign('KT-BIG', { draw: { procedure_law: 2, digital_skills: 5 } }),
    );
    expect(draft.statusCode).toBe(201);
    const refused = await api('POST', '/api/v1/capacity-tests/campaigns/KT-BIG/publish', 'admin');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields['draw.digital_skills']).toBeTruthy();
    expect((await api('GET', '/api/v1/capacity-tests/campaigns/KT-BIG', 'admin')).json().status).toBe(
      'draft',
    );
  });

  it('are published with the list of candidates fixed, then cannot change', async () => {
    const published = await api('POST', '/api/v1/capacity-tests/campaigns/KT-2026/publish', 'admin');
    expect(published.statusCode, published.body).toBe(200);
    // The town's three officers, and the head of the ward below it.
    expect(published.json()).toMatchObject({ status: 'published', state: 'open', candidates: 4 });
    const { code: _code, ...rest } = campaign('KT-2026');
    expect((await api('PUT', '/api/v1/capacity-tests/campaigns/KT-2026', 'admin', rest)).statusCode).toBe(
      409,
    );
    expect((await api('POST', '/api/v1/capacity-tests/campaigns/KT-2026/publish', 'admin')).statusCode).toBe(
      409,
    );
    // Candidates see it; someone else (the leader is not in the audience) does not.
    const mine = (await api('GET', '/api/v1/capacity-tests/campaigns', 'specialist')).json();
    expect(mine.mine.map((c: { code: string }) => c.code)).toEqual(['KT-2026']);
    expect((await api('GET', '/api/v1/capacity-tests/campaigns/KT-2026', 'leader')).statusCode).toBe(200);
    expect((await api('GET', '/api/v1/capacity-tests/campaigns/KT-BIG', 'specialist')).statusCode).toBe(404);
  });
});

describe('taking a test', () => {
  let attempt: number;

  it('is refused to someone who is not a candidate', async () => {
    const response = await api('POST', '/api/v1/capacity-tests/campaigns/KT-2026/attempts', 'leader');
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CAPACITY_NOT_CANDIDATE');
  });

  it('starts with a draw fixed at the start; starting again returns the same attempt', async () => {
    const response = await api('POST', '/api/v1/capacity-tests/campaigns/KT-2026/attempts', 'specialist');
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    attempt = body.id;
    expect(body.questions).toHaveLength(3);
    expect(body.questions.filter((q: { topic: string }) => q.topic === 'procedure_law')).toHaveLength(2);
    expect(body.deadline).toBe(at('2026-03-02T09:30').toISOString());
    expect(body.remainingSeconds).toBe(1800);
    // No option says whether it is right, nor (by its key) where the author put it: keys follow the order shown.
    expect(JSON.stringify(body.questions)).not.toContain('correct');
    for (const q of body.questions)
      expect(q.options.map((o: { key: string }) => o.key)).toEqual(
        ['a', 'b', 'c'].slice(0, q.options.length),
      );
    const again = await api('POST', '/api/v1/capacity-tests/campaigns/KT-2026/attempts', 'specialist');
    expect(again.statusCode).toBe(200);
    expect(again.json().questions).toEqual(body.questions);
    expect(await auditActions('capacity_attempt')).toEqual(['capacity.attempt.start']);
  });

  it('saves each answer as given, idempotently, and keeps them through a lost connection', async () => {
    const right = await rightAnswers(attempt);
    const put = (position: number, selected: string[]) =>
      api('PUT', `/api/v1/capacity-tests/attempts/${attempt}/answers/${position}`, 'specialist', {
        selected,
      });
    clock.set(at('2026-03-02T09:05'));
    const first = await put(1, right.get(1)!);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ position: 1, selected: right.get(1), remainingSeconds: 1500 });
    expect((await put(1, right.get(1)!)).statusCode).toBe(200);
    expect((await put(2, ['a'])).statusCode).toBe(200);
    // The browser closes; later the candidate signs in again on another device.
    const fresh = await t.login(office.staff.specialist.username, TEST_PASSWORD);
    const reopened = await t.inject({
      method: 'GET',
      url: `/api/v1/capacity-tests/attempts/${attempt}`,
      headers: { cookie: fresh },
    });
    expect(reopened.json().questions.map((q: { selected: string[] }) => q.selected)).toEqual([
      right.get(1),
      ['a'],
      [],
    ]);
    const row = await t.deps.database.db
      .selectFrom('capacity_answers')
      .select('changes')
      .where('attempt_id', '=', attempt)
      .where('position', '=', 1)
      .executeTakeFirstOrThrow();
    expect(row.changes).toBe(2);
  });

  it('refuses answers to questions not drawn, options the question lacks, two for a single choice', async () => {
    const before = await count('capacity_answers');
    const put = (position: number, selected: unknown) =>
      api('PUT', `/api/v1/capacity-tests/attempts/${attempt}/answers/${position}`, 'specialist', {
        selected,
      });
    const notDrawn = await put(4, ['a']);
    expect(notDrawn.statusCode).toBe(404);
    expect(notDrawn.json().error.code).toBe('CAPACITY_QUESTION_NOT_DRAWN');
    expect((await put(3, ['z'])).statusCode).toBe(400);
    expect((await put(3, ['e'])).statusCode).toBe(400);
    expect((await put(3, 'a')).statusCode).toBe(400);
    const drawn = (await api('GET', `/api/v1/capacity-tests/attempts/${attempt}`, 'specialist')).json();
    const single = drawn.questions.find((q: { kind: string }) => q.kind === 'single').position;
    expect((await put(single, ['a', 'b'])).statusCode).toBe(400);
    // Someone else's attempt does not exist for them.
    const other = await api('PUT', `/api/v1/capacity-tests/attempts/${attempt}/answers/3`, 'counter', {
      selected: ['a'],
    });
    expect(other.statusCode).toBe(404);
    expect((await api('GET', `/api/v1/capacity-tests/attempts/${attempt}`, 'counter')).statusCode).toBe(404);
    expect(await count('capacity_answers')).toBe(before);
  });

  it('takes an answer one second before the deadline and refuses it at the deadline, submitting the attempt', async () => {
    const put = (selected: string[]) =>
      api('PUT', `/api/v1/capacity-tests/attempts/${attempt}/answers/3`, 'specialist', { selected });
    clock.set(at('2026-03-02T09:29:59'));
    const lastSecond = await put((await rightAnswers(attempt)).get(3)!);
    expect(lastSecond.statusCode, lastSecond.body).toBe(200);
    expect(lastSecond.json().remainingSeconds).toBe(1);
    clock.set(at('2026-03-02T09:30'));
    const late = await put(['a']);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('CAPACITY_TIME_UP');
    const row = await t.deps.database.db
      .selectFrom('capacity_attempts')
      .selectAll()
      .where('id', '=', attempt)
      .executeTakeFirstOrThrow();
    expect(row.submitted_by).toBe('deadline');
    expect(row.submitted_at).toEqual(at('2026-03-02T09:30'));
    // Question 2 was answered 'a'; whether that was right decides 2 or 3 out of 3.
    const right = await rightAnswers(attempt);
    const expected = 2 + (right.get(2)!.join() === 'a' ? 1 : 0);
    expect(row.correct_count).toBe(expected);
    // After submission every answer is refused, the first one included.
    const after = await api('PUT', `/api/v1/capacity-tests/attempts/${attempt}/answers/1`, 'specialist', {
      selected: ['a'],
    });
    expect(after.statusCode).toBe(409);
    expect(after.json().error.code).toBe('CAPACITY_ATTEMPT_SUBMITTED');
    expect(
      (await api('POST', `/api/v1/capacity-tests/attempts/${attempt}/submit`, 'specialist')).statusCode,
    ).toBe(409);
    const actions = await auditActions('capacity_attempt');
    expect(actions[0]).toBe('capacity.attempt.start');
    expect(actions.at(-1)).toBe('capacity.attempt.close');
    // Every answer saved is in the audit log too (four above; the refused ones are not).
    expect(actions.filter((a) => a === 'capacity.answer.save')).toHaveLength(4);
  });

  it('gives the result without the right answers while the campaign is open', async () => {
    const result = await api('GET', `/api/v1/capacity-tests/attempts/${attempt}/result`, 'specialist');
    expect(result.statusCode, result.body).toBe(200);
    expect(result.json()).toMatchObject({
      submittedBy: 'deadline',
      questions: 3,
      passMark: 60,
      review: null,
    });
    expect(result.json().byTopic).toEqual(
      expect.arrayContaining([expect.objectContaining({ topic: 'procedure_law', questions: 2 })]),
    );
  });

  it('refuses a second attempt unless an administrator grants one, with a reason', async () => {
    const refused = await api('POST', '/api/v1/capacity-tests/campaigns/KT-2026/attempts', 'specialist');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CAPACITY_ATTEMPTS_USED');
    const grant = { username: office.staff.specialist.username, reason: 'Mất điện trong khi làm bài' };
    expect(
      (await api('POST', '/api/v1/capacity-tests/campaigns/KT-2026/grants', 'head', grant)).statusCode,
    ).toBe(403);
    expect(
      (
        await api('POST', '/api/v1/capacity-tests/campaigns/KT-2026/grants', 'admin', {
          ...grant,
          reason: '',
        })
      ).statusCode,
    ).toBe(400);
    const granted = await api('POST', '/api/v1/capacity-tests/campaigns/KT-2026/grants', 'admin', grant);
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json()).toEqual({ allowed: 2, used: 1 });
    expect(
      (await api('POST', '/api/v1/capacity-tests/campaigns/KT-2026/grants', 'admin', grant)).statusCode,
    ).toBe(409);
    const second = await api('POST', '/api/v1/capacity-tests/campaigns/KT-2026/attempts', 'specialist');
    expect(second.statusCode).toBe(201);
    expect(second.json().attemptNo).toBe(2);
    const right = await rightAnswers(second.json().id);
    for (const [position, selected] of right)
      await api(
        'PUT',
        `/api/v1/capacity-tests/attempts/${second.json().id}/answers/${position}`,
        'specialist',
        {
          selected,
        },
      );
    const submitted = await api(
      'POST',
      `/api/v1/capacity-tests/attempts/${second.json().id}/submit`,
      'specialist',
    );
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ score: 100, passed: true, submittedBy: 'candidate' });
  });

  it('closes an attempt nobody looks at any more when its deadline passes, by the job or the next read', async () => {
    clock.set(at('2026-03-02T10:00'));
    // A double click: two starts at once make one attempt.
    const [counter, twice] = await Promise.all([
      api('POST', '/api/v1/capacity-tests/campaigns/KT-2026/attempts', 'counter'),
      api('POST', '/api/v1/capacity-tests/campaigns/KT-2026/attempts', 'counter'),
    ]);
    expect([counter.statusCode, twice.statusCode].sort()).toEqual([200, 201]);
    expect(twice.json().id).toBe(counter.json().id);
    const head = await api('POST', '/api/v1/capacity-tests/campaigns/KT-2026/attempts', 'head');
    expect(head.statusCode).toBe(201);
    clock.set(at('2026-03-02T10:31'));
    // The job's function closes the counter officer's attempt...
    expect(
      await closeExpiredAttempts(
        t.deps,
        { actor: null, requestId: 'test' },
        { attemptId: counter.json().id },
      ),
    ).toBe(1);
    // ...and the head's closes itself the moment anyone reads it.
    const read = await api('GET', `/api/v1/capacity-tests/attempts/${head.json().id}`, 'head');
    expect(read.json()).toMatchObject({ status: 'submitted', remainingSeconds: 0 });
    expect(await closeExpiredAttempts(t.deps, { actor: null, requestId: 'test' })).toBe(0);
  });

  it('shows the right answers and explanations once the campaign has closed', async () => {
    clock.set(at('2026-03-06T17:00'));
    await signInAll();
    const result = await api('GET', `/api/v1/capacity-tests/attempts/${attempt}/result`, 'specialist');
    const review = result.json().review;
    expect(review).toHaveLength(3);
    expect(review[0]).toMatchObject({ explanation: expect.any(String), correct: true });
    expect(review[0].options.some((o: { correct: boolean }) => o.correct)).toBe(true);
    expect(
      (await api('POST', '/api/v1/capacity-tests/campaigns/KT-2026/attempts', 'counter')).statusCode,
    ).toBe(409);
  });
});

describe('results for leaders', () => {
  it('report every candidate, by unit and topic, counting the latest attempt', async () => {
    const response = await api('GET', '/api/v1/capacity-tests/campaigns/KT-2026/results', 'leader');
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ candidates: 4, submitted: 3 });
    const specialist = report.people.find(
      (p: { username: string }) => p.username === office.staff.specialist.username,
    );
    expect(specialist).toMatchObject({
      attemptsUsed: 2,
      attemptsAllowed: 2,
      score: 100,
      passed: true,
      status: 'submitted',
    });
    expect(
      report.byUnit.map((u: { candidates: number }) => u.candidates).reduce((a: number, b: number) => a + b),
    ).toBe(4);
    expect(
      report.people.find((p: { username: string }) => p.username === users.wardHead!.username),
    ).toMatchObject({
      status: 'not_started',
      score: null,
    });
    expect(report.byTopic.map((r: { topic: string }) => r.topic)).toEqual(['procedure_law', 'one_stop']);
    expect(report.byTopic[0].answers).toBe(6);
    expect(
      (await api('GET', '/api/v1/capacity-tests/campaigns/KT-2026/results', 'specialist')).statusCode,
    ).toBe(403);
    expect(
      (await api('GET', '/api/v1/capacity-tests/campaigns/KT-2026/results', 'wardHead')).statusCode,
    ).toBe(404);
  });

  it('export as a workbook with a sheet per view', async () => {
    const response = await api('GET', '/api/v1/capacity-tests/campaigns/KT-2026/results/export', 'admin');
    expect(response.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toHaveLength(3);
    expect(book.worksheets[0]!.actualRowCount).toBe(5);
  });
});

describe('the closing job', () => {
  it('runs on pg-boss and submits attempts past their deadline', async () => {
    clock.set(at('2026-03-09T08:00'));
    await signInAll();
    await api(
      'POST',
      '/api/v1/capacity-tests/campaigns',
      'admin',
      campaign('KT-JOB', {
        opensAt: '2026-03-09T07:00:00+07:00',
        closesAt: '2026-03-09T12:00:00+07:00',
      }),
    );
    expect((await api('POST', '/api/v1/capacity-tests/campaigns/KT-JOB/publish', 'admin')).statusCode).toBe(
      200,
    );
    const started = await api('POST', '/api/v1/capacity-tests/campaigns/KT-JOB/attempts', 'counter');
    expect(started.statusCode).toBe(201);
    clock.set(at('2026-03-09T08:31'));
    // On PostgreSQL, as main.ts does: pg-boss on its own pool, from the connection string.
    const url = process.env.DATABASE_URL;
    const connectionString = url
      ? withDatabase(
          url,
          (await sql<{ name: string }>`select current_database() as name`.execute(t.deps.database.db))
            .rows[0]!.name,
        )
      : undefined;
    const runner = new JobRunner({
      database: t.deps.database,
      connectionString,
      pollingIntervalSeconds: 0.5,
    });
    const deps: AppDeps = { ...t.deps, jobs: runner };
    const silent = { info: () => {}, warn: () => {}, error: () => {} };
    expect(QUEUES['close-capacity-attempts'].policy).toBe('stately');
    const stop = await startJobs(deps, runner, {
      log: silent,
      senders: { mailer: new LogMailer(silent, 'test@motcua.local'), sms: new LogSmsSender(silent) },
      deadlineCron: null,
      dispatchEverySeconds: 3600,
    });
    try {
      await runner.send('close-capacity-attempts', {});
      const deadline = Date.now() + 20_000;
      for (;;) {
        const row = await t.deps.database.db
          .selectFrom('capacity_attempts')
          .select('submitted_by')
          .where('id', '=', started.json().id)
          .executeTakeFirstOrThrow();
        if (row.submitted_by) {
          expect(row.submitted_by).toBe('deadline');
          break;
        }
        if (Date.now() > deadline) throw new Error('the job did not close the attempt');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      await stop();
    }
  });
});
