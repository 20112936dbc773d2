import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { FixedClock } from '../../../shared/clock.js';
import { createOffice, createUser, TEST_PASSWORD } from '../../seed/factories.js';
import { act, intake } from '../stats/stats.fixtures.js';

// March 2026 in Mộc Châu: applications received, processed (one of them late in the specialist's
// hands), evaluated; a feedback item upheld against the specialist; a capacity test taken.
const at = (iso: string) => new Date(`${iso}+07:00`);
const clock = new FixedClock(at('2026-03-02T09:00'));
let t: TestApp;
let office: Awaited<ReturnType<typeof createOffice>>;
let second: { id: number; username: string };
const cookies: Record<string, string> = {};
const users: Record<string, { username: string }> = {};

async function signInAll() {
  for (const [name, user] of Object.entries(users))
    cookies[name] = await t.login(user.username, TEST_PASSWORD);
}
const api = (method: 'GET' | 'PUT' | 'POST', url: string, who?: string, payload?: unknown) =>
  t.inject({
    method,
    url,
    ...(who ? { headers: { cookie: cookies[who]! } } : {}),
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
const scores = (who: string, query = 'unit=123&period=2026-03') =>
  api('GET', `/api/v1/staff-scores?${query}`, who);
interface OfficerScore extends Record<string, unknown> {
  username: string;
  inputs: Record<string, number | null>;
  criteria: { criterion: string; score: number | null; applicable: boolean }[];
  total: number | null;
  status: string;
}
const officer = (body: { officers: OfficerScore[] }, username: string) =>
  body.officers.find((o) => o.username === username)!;
const audits = async (action: string) =>
  (await t.deps.database.db.selectFrom('audit_log').select('details').where('action', '=', action).execute())
    .length;

const METHOD = {
  unit: '123',
  weights: { on_time: 30, workload: 15, satisfaction: 15, feedback: 10, test: 10, leader: 20 },
  thresholds: { excellent: 90, good: 70, completed: 50 },
  upheldPenalty: 20,
};

beforeAll(async () => {
  t = await buildTestApp({ clock, config: { homeUnitCode: '123' } });
  office = await createOffice(t.deps);
  const db = t.deps.database.db;
  const { staff, procedure, department } = office;
  second = await createUser(db, {
    role: 'specialist',
    unitId: office.unit.id,
    agencyId: department.id,
    fullName: 'Chuyên viên hai',
  });
  const admin = await createUser(db, { role: 'administrator', unitId: office.unit.id });
  Object.assign(users, staff, { second, admin });

  const deps = t.deps;
  const codes = [];
  for (let i = 0; i < 4; i++) codes.push(await intake(deps, staff.counter, procedure.code));
  const [a, b, c, d] = codes as [string, string, string, string];
  clock.set(at('2026-03-02T10:00'));
  for (const code of codes) await act(deps, staff.counter, code, 'forward');
  for (const code of [a, b, c])
    await act(deps, staff.head, code, 'assign', { assignee: staff.specialist.username });
  await act(deps, staff.head, d, 'assign', { assignee: second.username });
  clock.set(at('2026-03-03T09:00'));
  for (const code of [a, b]) await act(deps, staff.specialist, code, 'propose', { note: 'Đủ điều kiện.' });
  await act(deps, second, d, 'propose', { note: 'Đủ điều kiện.' });
  for (const code of [a, b, d]) await act(deps, staff.head, code, 'review');
  for (const code of [a, b, d]) await act(deps, staff.leader, code, 'approve');
  // C stays with the specialist past its deadline.
  clock.set(at('2026-03-10T09:00'));
  const ids = await db
    .selectFrom('applications')
    .select(['id', 'code'])
    .where('code', 'in', [a, b])
    .execute();
  await db
    .insertInto('evaluations')
    .values(
      ids.map((row, index) => ({
        application_id: row.id,
        agency_id: department.id,
        unit_id: office.unit.id,
        officer_id: staff.specialist.id,
        counter_officer_id: staff.counter.id,
        channel: 'online' as const,
        level: index === 0 ? ('satisfied' as const) : ('not_satisfied' as const),
        comment: null,
        submitted_at: at('2026-03-10T10:00'),
      })),
    )
    .execute();
  await db
    .insertInto('feedback_items')
    .values({
      code: 'PA-260305-0001',
      kind: 'complaint',
      subject_type: 'officer',
      officer_id: staff.specialist.id,
      unit_id: office.unit.id,
      channel: 'web',
      body: 'Cán bộ hẹn sai ngày.',
      publish_consent: false,
      access_key_hash: 'x'.repeat(64),
      status: 'answered',
      received_at: at('2026-03-05T09:00'),
      time_limit_days: 10,
      due_at: at('2026-03-19T17:30'),
      answer: 'Phản ánh đúng; đã nhắc nhở cán bộ.',
      answered_at: at('2026-03-12T09:00'),
      upheld: true,
      created_at: at('2026-03-05T09:00'),
      updated_at: at('2026-03-12T09:00'),
    })
    .execute();
  // A capacity test the specialist took in February, scored 75%.
  const campaign = await db
    .insertInto('capacity_campaigns')
    .values({
      code: 'KT-2026-02',
      unit_id: office.unit.id,
      title: 'Kiểm tra tháng 2',
      status: 'published',
      opens_at: at('2026-02-02T08:00'),
      closes_at: at('2026-02-20T17:00'),
      duration_minutes: 20,
      pass_mark: 50,
      draw: JSON.stringify({ procedure_law: 4 }),
      audience_unit_ids: [office.unit.id],
      audience_roles: ['specialist'],
      published_at: at('2026-02-01T08:00'),
      created_at: at('2026-02-01T08:00'),
      updated_at: at('2026-02-01T08:00'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('capacity_candidates')
    .values({
      campaign_id: campaign.id,
      user_id: staff.specialist.id,
      unit_id: office.unit.id,
      role: 'specialist',
    })
    .execute();
  await db
    .insertInto('capacity_attempts')
    .values({
      campaign_id: campaign.id,
      user_id: staff.specialist.id,
      attempt_no: 1,
      started_at: at('2026-02-03T09:00'),
      deadline: at('2026-02-03T09:20'),
      question_count: 4,
      submitted_at: at('2026-02-03T09:15'),
      submitted_by: 'candidate',
      correct_count: 3,
      score: 75,
      passed: true,
    })
    .execute();
  clock.set(at('2026-03-20T09:00'));
  await signInAll();
});
afterAll(() => t.close());

describe('the scoring method', () => {
  it('is the default until the unit sets one, and anyone on the staff may read it', async () => {
    const method = await api('GET', '/api/v1/staff-scores/method?unit=123', 'counter');
    expect(method.statusCode).toBe(200);
    expect(method.json()).toMatchObject({
      source: 'default',
      weights: { on_time: 30, leader: 20 },
      version: null,
    });
  });

  it('refuses weights that do not sum to 100, thresholds out of order, and unit heads, changing nothing', async () => {
    const bad = await api('PUT', '/api/v1/staff-scores/method', 'leader', {
      ...METHOD,
      weights: { ...METHOD.weights, leader: 15 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.weights).toContain('100');
    const order = await api('PUT', '/api/v1/staff-scores/method', 'leader', {
      ...METHOD,
      thresholds: { excellent: 70, good: 90, completed: 50 },
    });
    expect(order.statusCode).toBe(400);
    expect(
      (
        await api('PUT', '/api/v1/staff-scores/method', 'leader', {
          ...METHOD,
          weights: { ...METHOD.weights, on_time: -5, leader: 55 },
        })
      ).statusCode,
    ).toBe(400);
    expect((await api('PUT', '/api/v1/staff-scores/method', 'head', METHOD)).statusCode).toBe(403);
    expect(
      (await api('PUT', '/api/v1/staff-scores/method', 'leader', { ...METHOD, unit: '999' })).statusCode,
    ).toBe(404);
    expect((await api('GET', '/api/v1/staff-scores/method?unit=123', 'leader')).json().source).toBe(
      'default',
    );
    expect(await audits('staffScores.method.set')).toBe(0);
  });

  it('is set by the signing leader, audited', async () => {
    const set = await api('PUT', '/api/v1/staff-scores/method', 'leader', METHOD);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ source: 'unit', version: 1 });
    expect(await audits('staffScores.method.set')).toBe(1);
  });
});

describe('scores of a unit', () => {
  it('are computed from the platform’s data, every input shown', async () => {
    const response = await scores('leader');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.officers.map((o: { username: string }) => o.username).sort()).toEqual(
      [office.staff.counter, office.staff.specialist, office.staff.head, second]
        .map((u) => u.username)
        .sort(),
    );
    const specialist = officer(body, office.staff.specialist.username);
    expect(specialist.inputs).toMatchObject({
      processed: 2,
      wentLate: 1,
      evaluations: 2,
      satisfied: 1,
      upheldFeedback: 1,
      testScore: 75,
      testCampaign: 'KT-2026-02',
      leaderScore: null,
    });
    const by = (name: string) => specialist.criteria.find((c) => c.criterion === name)!;
    expect(by('on_time').score).toBe(50);
    expect(by('satisfaction').score).toBe(50);
    expect(by('feedback').score).toBe(80);
    expect(by('test').score).toBe(75);
    expect(by('leader').applicable).toBe(false);
    // Workload against the two specialists' average (2 and 1): 133% capped at 100, and 66.67.
    expect(by('workload').score).toBe(100);
    expect(officer(body, second.username).criteria.find((c) => c.criterion === 'workload')!.score).toBe(
      66.67,
    );
    // (30×50 + 15×100 + 15×50 + 10×80 + 10×75) / 80
    expect(specialist.total).toBe(66.25);
    expect(specialist.level).toBe('completed');
    const counter = officer(body, office.staff.counter.username);
    expect(counter.inputs).toMatchObject({ received: 4 });
    expect(body.summary).toMatchObject({ officers: 4, signed: 0 });
    // The quarter and the year add up the same month's data.
    for (const period of ['2026-Q1', '2026']) {
      const wider = officer(
        (await scores('leader', `unit=123&period=${period}`)).json(),
        office.staff.specialist.username,
      );
      expect(wider.inputs).toMatchObject({ processed: 2, wentLate: 1, evaluations: 2 });
    }
  });

  it('give an officer their own score only; refuse citizens, the signed out, bad periods', async () => {
    const own = await scores('counter');
    expect(own.statusCode).toBe(200);
    expect(own.json().officers.map((o: { username: string }) => o.username)).toEqual([
      office.staff.counter.username,
    ]);
    expect((await scores('citizen')).statusCode).toBe(403);
    expect((await api('GET', '/api/v1/staff-scores?period=2026-03')).statusCode).toBe(401);
    expect((await scores('leader', 'unit=123&period=2026-13')).statusCode).toBe(400);
    expect((await scores('leader', 'unit=123&period=2027')).statusCode).toBe(400);
    expect((await scores('leader', 'unit=123')).statusCode).toBe(400);
    expect((await scores('leader', 'unit=999&period=2026-03')).statusCode).toBe(404);
  });
});

describe('review and sign-off', () => {
  const review = (who: string, username: string, leaderScore: unknown) =>
    api('POST', `/api/v1/staff-scores/officers/${username}/review`, who, {
      unit: '123',
      period: '2026-03',
      leaderScore,
      note: 'Nhận xét',
    });
  const sign = (who: string, username: string) =>
    api('POST', `/api/v1/staff-scores/officers/${username}/sign`, who, { unit: '123', period: '2026-03' });

  it('lets the head of the officer’s agency review, but nobody their own score or another agency’s', async () => {
    expect((await review('head', office.staff.head.username, 90)).json().error.code).toBe('STAFF_SCORE_OWN');
    // The counter officer serves another agency: not the head's to see (404, as for applications).
    expect((await review('head', office.staff.counter.username, 90)).statusCode).toBe(404);
    expect((await review('specialist', second.username, 90)).statusCode).toBe(403);
    expect((await review('head', office.staff.specialist.username, 150)).statusCode).toBe(400);
    expect((await review('head', 'nobody', 90)).statusCode).toBe(404);
    const done = await review('head', office.staff.specialist.username, 80);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'reviewed', inputs: { leaderScore: 80 } });
    // (30×50 + 15×100 + 15×50 + 10×80 + 10×75 + 20×80) / 100
    expect(done.json().total).toBe(69);
    expect(done.json().level).toBe('completed');
    expect(await audits('staffScores.review')).toBe(1);
  });

  it('refuses a sign-off before the period ends', async () => {
    const early = await sign('leader', office.staff.specialist.username);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('STAFF_SCORE_PERIOD_OPEN');
  });

  it('signs once the period is over, storing the figures used, and refuses one without the assessment', async () => {
    clock.set(at('2026-04-02T09:00'));
    await signInAll();
    expect((await sign('leader', second.username)).json().error.code).toBe('STAFF_SCORE_INCOMPLETE');
    const signed = await sign('leader', office.staff.specialist.username);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'signed', total: 69, signedBy: 'Lãnh đạo' });
    expect(await audits('staffScores.sign')).toBe(1);
  });

  it('keeps a signed score frozen: new data and a new method change nothing, and nothing may change it', async () => {
    const db = t.deps.database.db;
    await db
      .updateTable('feedback_items')
      .set({ answered_at: at('2026-03-13T09:00') })
      .where('code', '=', 'PA-260305-0001')
      .execute();
    await db.deleteFrom('evaluations').execute();
    const changed = await api('PUT', '/api/v1/staff-scores/method', 'leader', {
      ...METHOD,
      weights: { on_time: 0, workload: 0, satisfaction: 0, feedback: 0, test: 0, leader: 100 },
    });
    expect(changed.statusCode).toBe(200);
    const after = officer((await scores('leader')).json(), office.staff.specialist.username);
    expect(after).toMatchObject({ status: 'signed', total: 69 });
    expect(after.inputs).toMatchObject({ evaluations: 2, satisfied: 1 });
    // The live score of the other specialist follows the new method.
    expect(
      officer((await scores('leader')).json(), second.username).criteria.find(
        (c) => c.criterion === 'leader',
      )!.score,
    ).toBeNull();
    expect((await review('leader', office.staff.specialist.username, 95)).json().error.code).toBe(
      'STAFF_SCORE_SIGNED',
    );
    expect((await sign('leader', office.staff.specialist.username)).json().error.code).toBe(
      'STAFF_SCORE_SIGNED',
    );
    await expect(
      db.updateTable('staff_scores').set({ total: 100 }).where('status', '=', 'signed').execute(),
    ).rejects.toThrow();
  });
});

describe('the pages', () => {
  const form = async (who: string, url: string, fields: Record<string, string>) => {
    const csrf = await t.csrf('/can-bo/cham-diem?unit=123&period=2026-03', cookies[who]);
    return t.inject({
      method: 'POST',
      url,
      headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...fields, _csrf: csrf.token }).toString(),
    });
  };

  it('show a unit’s scores, an officer’s computation, and the method', async () => {
    const list = await api('GET', '/can-bo/cham-diem?unit=123&period=2026-03', 'leader');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Chuyên viên hai');
    expect(list.body).toContain('Đã ký duyệt');
    const detail = await api(
      'GET',
      `/can-bo/cham-diem/can-bo/${office.staff.specialist.username}?unit=123&period=2026-03`,
      'leader',
    );
    expect(detail.body).toContain('Cách tính điểm');
    expect(detail.body).toContain('Tiếp nhận 0, giải quyết 2, quá hạn khi đang giữ 1');
    expect(detail.body).not.toContain('Lưu đánh giá');
    const method = await api('GET', '/can-bo/cham-diem/phuong-phap?unit=123', 'leader');
    expect(method.body).toContain('90/2020/NĐ-CP');
    expect(method.body).toContain('Lưu phương pháp');
    expect((await api('GET', '/can-bo/cham-diem/phuong-phap?unit=123', 'counter')).body).not.toContain(
      'Lưu phương pháp',
    );
    expect((await api('GET', '/can-bo/cham-diem', 'citizen')).statusCode).toBe(403);
    expect((await api('GET', '/can-bo/cham-diem')).statusCode).toBe(303);
  });

  it('refuse a method whose weights do not add up to 100 with the form again, and save a good one', async () => {
    const fields = {
      unit: '123',
      weight_on_time: '30',
      weight_workload: '15',
      weight_satisfaction: '15',
      weight_feedback: '10',
      weight_test: '10',
      weight_leader: '10',
      excellent: '90',
      good: '70',
      completed: '50',
      upheldPenalty: '20',
    };
    const bad = await form('leader', '/can-bo/cham-diem/phuong-phap', fields);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Tổng các trọng số phải bằng 100%');
    expect(bad.body).toContain('Tổng hiện tại: 90%');
    const odd = await form('leader', '/can-bo/cham-diem/phuong-phap', { ...fields, unit: '\u0000' });
    expect(odd.statusCode).toBe(404);
    const good = await form('leader', '/can-bo/cham-diem/phuong-phap', { ...fields, weight_leader: '20' });
    expect(good.statusCode).toBe(303);
    expect((await api('GET', '/api/v1/staff-scores/method?unit=123', 'leader')).json().weights.leader).toBe(
      20,
    );
  });

  it('review with the form, refusing a score over 100, and sign with its button', async () => {
    const url = `/can-bo/cham-diem/can-bo/${second.username}`;
    const bad = await form('head', `${url}/danh-gia`, {
      unit: '123',
      period: '2026-03',
      leaderScore: '150',
      note: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#field-leaderScore"');
    const reviewed = await form('head', `${url}/danh-gia`, {
      unit: '123',
      period: '2026-03',
      leaderScore: '85',
      note: 'Tốt',
    });
    expect(reviewed.statusCode).toBe(303);
    const own = await form('head', `/can-bo/cham-diem/can-bo/${office.staff.head.username}/danh-gia`, {
      unit: '123',
      period: '2026-03',
      leaderScore: '85',
    });
    expect(own.statusCode).toBe(403);
    expect(own.body).toContain('chính mình');
    const signed = await form('head', `${url}/ky`, { unit: '123', period: '2026-03' });
    expect(signed.statusCode).toBe(303);
    expect((await api('GET', `${url}?unit=123&period=2026-03&ky=1`, 'head')).body).toContain('Đã ký duyệt');
  });
});
