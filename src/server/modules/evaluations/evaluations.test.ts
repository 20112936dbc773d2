import type { Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { FixedClock } from '../../../shared/clock.js';
import type { DB } from '../../db/schema.js';
import { createOffice, createUser, TEST_PASSWORD } from '../../seed/factories.js';
import type { Mailer, MailMessage } from '../notifications/mailer.js';
import {
  dispatchNotifications,
  sendPendingNotifications,
  undispatchedEvents,
} from '../notifications/notifications.service.js';
import { insertEvaluation } from './evaluations.repository.js';
import { issueToken, submitEvaluation } from './evaluations.service.js';
import { ALL_VERY_SATISFIED, APPLICANT, signedInOffice, VERIFY } from './evaluations.test-support.js';
import { EVALUATION_TOKEN_PLACEHOLDER } from './views/paths.js';

describe('satisfaction evaluations through the API', () => {
  // Monday 2 March 2026, 09:00 in Vietnam.
  const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));
  let t: TestApp;
  let o: Awaited<ReturnType<typeof signedInOffice>>;

  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    t.inject({ method: 'POST', url: '/api/v1/evaluations', payload: payload as object, headers });

  /** Evaluations, answers and used links: what bad input must leave unchanged. */
  const stored = async () => {
    const db = t.deps.database.db;
    const count = async (table: 'evaluations' | 'evaluation_answers') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const used = await db
      .selectFrom('evaluation_tokens')
      .select('id')
      .where('used_at', 'is not', null)
      .execute();
    return {
      evaluations: await count('evaluations'),
      answers: await count('evaluation_answers'),
      used: used.length,
    };
  };

  beforeAll(async () => {
    t = await buildTestApp({
      clock,
      config: { homeUnitCode: '123', publicUrl: 'https://motcua.example.vn' },
    });
    o = await signedInOffice(t);
  });
  afterAll(() => t.close());

  it('lists the default criteria of national practice in order, in the language of the request', async () => {
    const vi = await t.inject({ method: 'GET', url: '/api/v1/evaluations/criteria' });
    expect(vi.statusCode).toBe(200);
    expect(vi.json().items.map((c: { code: string }) => c.code)).toEqual([
      'attitude',
      'guidance',
      'timeliness',
      'result',
      'disclosure',
    ]);
    expect(vi.json().items[0]).toEqual({
      code: 'attitude',
      label: 'Thái độ, tinh thần phục vụ của cán bộ, công chức',
      position: 1,
    });
    const en = await t.inject({ method: 'GET', url: '/api/v1/evaluations/criteria?lang=en' });
    expect(en.json().items[0].label).toBe('Attitude and helpfulness of the officers');
  });

  it('records an evaluation with the code and the four digits: overall the lowest level, counted for the handling unit and officers', async () => {
    const application = await o.returned();
    const response = await post({
      code: application.code.toLowerCase(),
      verify: VERIFY,
      answers: { ...ALL_VERY_SATISFIED, guidance: 'satisfied', timeliness: 'not_satisfied' },
      comment: '  Chờ lâu.  ',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      code: application.code,
      channel: 'online',
      level: 'not_satisfied',
      comment: 'Chờ lâu.',
      submittedAt: '2026-03-02T02:00:00.000Z',
    });
    expect(response.json().answers).toEqual([
      { criterion: 'attitude', level: 'very_satisfied' },
      { criterion: 'guidance', level: 'satisfied' },
      { criterion: 'timeliness', level: 'not_satisfied' },
      { criterion: 'result', level: 'very_satisfied' },
      { criterion: 'disclosure', level: 'very_satisfied' },
    ]);
    const row = await t.deps.database.db
      .selectFrom('evaluations')
      .selectAll()
      .where('application_id', '=', await o.applicationId(application.code))
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      agency_id: o.office.department.id,
      unit_id: o.office.unit.id,
      officer_id: o.office.staff.specialist.id,
      counter_officer_id: o.office.staff.counter.id,
      channel: 'online',
      level: 'not_satisfied',
    });
  });

  it('gives an application at most one evaluation: the second is a translated 409 and stores nothing', async () => {
    const application = await o.returned();
    const first = await post({ code: application.code, verify: VERIFY, answers: ALL_VERY_SATISFIED });
    expect(first.statusCode).toBe(201);
    const before = await stored();
    const again = await post({ code: application.code, verify: VERIFY, answers: ALL_VERY_SATISFIED });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toEqual({
      code: 'EVALUATION_EXISTS',
      message: 'Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần.',
    });
    const english = await post(
      { code: application.code, verify: VERIFY, answers: ALL_VERY_SATISFIED },
      { 'accept-language': 'en' },
    );
    expect(english.json().error.message).toBe(
      'This application has already been evaluated. Each application can be evaluated once.',
    );
    expect(await stored()).toEqual(before);
  });

  it('settles two simultaneous evaluations of one application: exactly one is stored, the other gets 409', async () => {
    const application = await o.returned();
    const before = await stored();
    const responses = await Promise.all(
      [ALL_VERY_SATISFIED, { ...ALL_VERY_SATISFIED, result: 'not_satisfied' }].map((answers) =>
        post({ code: application.code, verify: VERIFY, answers }),
      ),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(responses.find((r) => r.statusCode === 409)!.json().error.code).toBe('EVALUATION_EXISTS');
    expect((await stored()).evaluations).toBe(before.evaluations + 1);
    expect((await stored()).answers).toBe(before.answers + 5);
  });

  it('refuses to evaluate an application whose result has not been returned, and stores nothing', async () => {
    const before = await stored();
    for (const application of [await o.received(), await o.done()]) {
      const response = await post({ code: application.code, verify: VERIFY, answers: ALL_VERY_SATISFIED });
      expect(response.statusCode).toBe(409);
      expect(response.json().error).toEqual({
        code: 'EVALUATION_NOT_OPEN',
        message: 'Chỉ đánh giá được hồ sơ đã trả kết quả.',
      });
    }
    expect(await stored()).toEqual(before);
  });

  it('answers a wrong code or wrong digits like an unknown application, and blocks guessing', async () => {
    const application = await o.returned();
    const before = await stored();
    const wrong = await post({ code: application.code, verify: '0000', answers: ALL_VERY_SATISFIED });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.code).toBe('APPLICATION_NOT_FOUND');
    const unknown = await post({
      code: '000.00.01.H14-260302-9999',
      verify: VERIFY,
      answers: ALL_VERY_SATISFIED,
    });
    expect(unknown.statusCode).toBe(404);
    // Failed guesses count against the code, as on the tracking page: the tenth and later are refused.
    let last = wrong;
    for (let i = 0; i < 10; i++)
      last = await post({ code: application.code, verify: String(1000 + i), answers: ALL_VERY_SATISFIED });
    expect(last.statusCode).toBe(429);
    expect(last.json().error.code).toBe('TOO_MANY_REQUESTS');
    expect(await stored()).toEqual(before);
  });

  it('refuses incomplete or malformed answers with translated field errors, storing nothing', async () => {
    const application = await o.returned();
    const before = await stored();
    const base = { code: application.code, verify: VERIFY };
    const cases: [unknown, Record<string, string>][] = [
      [
        { ...base, answers: { attitude: 'very_satisfied' } },
        {
          'answers.guidance':
            'Chọn một mức cho tiêu chí “Hướng dẫn kê khai, bổ sung hồ sơ rõ ràng, đầy đủ, một lần”',
        },
      ],
      [
        { ...base, answers: { ...ALL_VERY_SATISFIED, premises: 'satisfied' } },
        { 'answers.premises': 'Tiêu chí này không có hoặc không còn được hỏi' },
      ],
      [{ ...base, answers: { ...ALL_VERY_SATISFIED, attitude: 'happy' } }, {}],
      [{ ...base, answers: { ...ALL_VERY_SATISFIED, 'Bad Code': 'satisfied' } }, {}],
      [{ ...base, answers: 'very_satisfied' }, {}],
      [{ ...base }, {}],
      [
        { answers: ALL_VERY_SATISFIED },
        { code: 'Cần mã hồ sơ và 4 số xác minh, hoặc mã của đường dẫn đánh giá' },
      ],
      [{ code: application.code, answers: ALL_VERY_SATISFIED }, {}],
      [{ ...base, verify: '12a4', answers: ALL_VERY_SATISFIED }, {}],
      [{ ...base, code: 'not a code', answers: ALL_VERY_SATISFIED }, {}],
      [{ ...base, token: 'x'.repeat(43), answers: ALL_VERY_SATISFIED }, {}],
      [{ ...base, answers: ALL_VERY_SATISFIED, comment: 'x'.repeat(1001) }, {}],
      [
        { ...base, answers: ALL_VERY_SATISFIED, comment: 'a\u0000b' },
        { comment: 'Không được chứa ký tự điều khiển' },
      ],
      [{ ...base, answers: ALL_VERY_SATISFIED, comment: 42 }, {}],
    ];
    for (const [payload, fields] of cases) {
      const response = await post(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      const error = response.json().error;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(error.fields ?? {}).length, JSON.stringify(payload)).toBeGreaterThan(0);
      for (const message of Object.values(error.fields as Record<string, string>))
        expect(message).not.toMatch(/^(validation|evaluations)\./);
      for (const [field, message] of Object.entries(fields)) expect(error.fields[field]).toBe(message);
    }
    const english = await post({ ...base, answers: { attitude: 'satisfied' } }, { 'accept-language': 'en' });
    expect(english.json().error.fields['answers.result']).toBe(
      'Choose a level for “Result correct and as the law provides”',
    );
    const notJson = await t.inject({
      method: 'POST',
      url: '/api/v1/evaluations',
      headers: { 'content-type': 'application/json' },
      payload: '{"code":',
    });
    expect(notJson.statusCode).toBe(400);
    expect(await stored()).toEqual(before);
  });

  describe('single-use links', () => {
    it('take a link once; a used, forged or expired link is refused with its reason and nothing is stored', async () => {
      const application = await o.returned();
      const applicationId = await o.applicationId(application.code);
      const token = await issueToken(t.deps, { applicationId, channel: 'email' });
      // Only the SHA-256 of the token is kept.
      const rows = await t.deps.database.db.selectFrom('evaluation_tokens').selectAll().execute();
      expect(rows.some((r) => r.token_hash === token)).toBe(false);
      expect(JSON.stringify(rows)).not.toContain(token);

      const forged = await post({
        token: `${token.slice(0, 42)}${token.endsWith('A') ? 'B' : 'A'}`,
        answers: ALL_VERY_SATISFIED,
      });
      expect(forged.statusCode).toBe(404);
      expect(forged.json().error.code).toBe('EVALUATION_LINK_INVALID');

      const first = await post({ token, answers: ALL_VERY_SATISFIED });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json().channel).toBe('email');
      const before = await stored();
      const again = await post({ token, answers: ALL_VERY_SATISFIED });
      expect(again.statusCode).toBe(409);
      expect(again.json().error).toEqual({
        code: 'EVALUATION_LINK_USED',
        message: 'Đường dẫn đánh giá này đã được sử dụng. Mỗi đường dẫn chỉ dùng được một lần.',
      });

      // A link sent 31 days ago has expired (links of the result e-mail last 30 days).
      const later = await o.returned();
      const monthAgo = new FixedClock(new Date(clock.now().getTime() - 31 * 24 * 3600_000));
      const expiring = await issueToken(
        { ...t.deps, clock: monthAgo },
        { applicationId: await o.applicationId(later.code), channel: 'email' },
      );
      const expired = await post({ token: expiring, answers: ALL_VERY_SATISFIED });
      expect(expired.statusCode).toBe(410);
      expect(expired.json().error.code).toBe('EVALUATION_LINK_EXPIRED');
      expect(await stored()).toEqual(before);
    });

    it('do not open an application that is not returned yet', async () => {
      const application = await o.done();
      const token = await issueToken(t.deps, {
        applicationId: await o.applicationId(application.code),
        channel: 'email',
      });
      const before = await stored();
      const response = await post({ token, answers: ALL_VERY_SATISFIED });
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('EVALUATION_NOT_OPEN');
      expect(await stored()).toEqual(before);
    });

    it('settle two simultaneous uses of one link: one evaluation, the other refused', async () => {
      const application = await o.returned();
      const token = await issueToken(t.deps, {
        applicationId: await o.applicationId(application.code),
        channel: 'email',
      });
      const before = await stored();
      const responses = await Promise.all([1, 2].map(() => post({ token, answers: ALL_VERY_SATISFIED })));
      expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expect(['EVALUATION_LINK_USED', 'EVALUATION_EXISTS']).toContain(
        responses.find((r) => r.statusCode === 409)!.json().error.code,
      );
      expect(await stored()).toEqual({
        evaluations: before.evaluations + 1,
        answers: before.answers + 5,
        used: before.used + 1,
      });
    });

    it('lose a race decided after the checks by the unique index: 409, and the link stays unused', async () => {
      const application = await o.returned();
      const applicationId = await o.applicationId(application.code);
      const token = await issueToken(t.deps, { applicationId, channel: 'email' });
      const db = t.deps.database.db;
      // Another evaluation lands between this one's checks and its transaction.
      const racing = new Proxy(db, {
        get(target, prop) {
          if (prop === 'transaction')
            return () => ({
              execute: async (work: (tx: Transaction<DB>) => Promise<unknown>) => {
                await insertEvaluation(db, {
                  applicationId,
                  agencyId: o.office.department.id,
                  unitId: o.office.unit.id,
                  officerId: null,
                  counterOfficerId: null,
                  channel: 'kiosk',
                  level: 'satisfied',
                  comment: null,
                  submittedAt: clock.now(),
                });
                return target.transaction().execute(work);
              },
            });
          const value = Reflect.get(target, prop, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const deps = { ...t.deps, database: Object.assign(Object.create(t.deps.database), { db: racing }) };
      const before = await stored();
      await expect(
        submitEvaluation(
          deps,
          { actor: null, requestId: null },
          { kind: 'token', token },
          {
            answers: ALL_VERY_SATISFIED,
            comment: null,
          },
        ),
      ).rejects.toMatchObject({ code: 'EVALUATION_EXISTS', status: 409 });
      const after = await stored();
      expect(after).toEqual({ ...before, evaluations: before.evaluations + 1 });
      const row = await db
        .selectFrom('evaluation_tokens')
        .select('used_at')
        .where('application_id', '=', applicationId)
        .executeTakeFirstOrThrow();
      expect(row.used_at).toBeNull();
    });

    it('come in the result e-mail: the stored message keeps a placeholder, each sent message a fresh token', async () => {
      const sent: MailMessage[] = [];
      const mailer: Mailer = { kind: 'smtp', send: async (m) => void sent.push(m), close: () => {} };
      const senders = { mailer, sms: { kind: 'test', send: async () => {} } };
      const dispatchAll = async () => {
        const deadline = Date.now() + 15_000;
        await dispatchNotifications(t.deps);
        while ((await undispatchedEvents(t.deps)) > 0) {
          if (Date.now() > deadline) throw new Error('events stayed undispatched');
          await new Promise((resolve) => setTimeout(resolve, 50));
          await dispatchNotifications(t.deps);
        }
      };
      await dispatchAll();
      await sendPendingNotifications(t.deps, senders);
      sent.length = 0;

      const application = await o.returned();
      await dispatchAll();
      await sendPendingNotifications(t.deps, senders);
      const mail = sent.find((m) => m.subject === `Hồ sơ ${application.code} đã trả kết quả`);
      expect(mail, JSON.stringify(sent.map((m) => m.subject))).toBeDefined();
      const link = /https:\/\/motcua\.example\.vn\/danh-gia\/([A-Za-z0-9_-]{43})/.exec(mail!.text);
      expect(link).not.toBeNull();
      expect(mail!.html).toContain(`<a href="${link![0]}">`);
      expect(mail!.text).not.toContain(EVALUATION_TOKEN_PLACEHOLDER);

      const notification = await t.deps.database.db
        .selectFrom('notifications')
        .select(['body_text', 'body_html'])
        .where('application_id', '=', await o.applicationId(application.code))
        .where('kind', '=', 'returned')
        .where('channel', '=', 'email')
        .executeTakeFirstOrThrow();
      expect(notification.body_text).toContain(`/danh-gia/${EVALUATION_TOKEN_PLACEHOLDER}`);
      expect(notification.body_text).not.toContain(link![1]);
      // The text message points to the tracking page instead (no token in an SMS).
      const sms = await t.deps.database.db
        .selectFrom('notifications')
        .select('body_text')
        .where('application_id', '=', await o.applicationId(application.code))
        .where('kind', '=', 'returned')
        .where('channel', '=', 'sms')
        .executeTakeFirstOrThrow();
      expect(sms.body_text).toContain(`https://motcua.example.vn/tra-cuu?code=${application.code}`);

      const response = await post({ token: link![1], answers: ALL_VERY_SATISFIED });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ code: application.code, channel: 'email' });
    });
  });

  describe('counts per unit and per officer', () => {
    it('are for officers only', async () => {
      const anonymous = await t.inject({ method: 'GET', url: '/api/v1/evaluations/summary' });
      expect(anonymous.statusCode).toBe(401);
      const citizen = await t.inject({
        method: 'GET',
        url: '/api/v1/evaluations/summary',
        headers: { cookie: o.cookies.citizen },
      });
      expect(citizen.statusCode).toBe(403);
      expect(citizen.json().error.code).toBe('FORBIDDEN');
    });

    it('count every level per unit, per officer who handled the application and per criterion, within dates', async () => {
      // A fresh office on its own unit, so the counts are this test's alone.
      const other = await createOffice(t.deps, { unitCode: '124' });
      const before = await t.inject({
        method: 'GET',
        url: '/api/v1/evaluations/summary',
        headers: { cookie: o.cookies.leader },
      });
      expect(before.statusCode, before.body).toBe(200);
      const application = await o.returned();
      await post({
        code: application.code,
        verify: VERIFY,
        answers: { ...ALL_VERY_SATISFIED, attitude: 'satisfied' },
      });
      const after = await t.inject({
        method: 'GET',
        url: `/api/v1/evaluations/summary?unit=${o.office.unit.code}&from=2026-03-02&to=2026-03-02`,
        headers: { cookie: o.cookies.leader },
      });
      expect(after.statusCode, after.body).toBe(200);
      const was = before.json();
      const now = after.json();
      expect(now.total.total).toBe(was.total.total + 1);
      expect(now.total.satisfied).toBe(was.total.satisfied + 1);
      expect(now.units).toEqual([
        { code: o.office.unit.code, name: `Đơn vị ${o.office.unit.code}`, counts: now.total },
      ]);
      // The officer who handled it: the specialist (the race above left one without an officer).
      const handler = (summary: {
        officers: { username: string; counts: { satisfied: number; total: number } }[];
      }) => summary.officers.find((x) => x.username === o.office.staff.specialist.username)?.counts;
      expect(now.officers.map((x: { fullName: string }) => x.fullName)).toEqual(['Chuyên viên']);
      expect(handler(now)).toMatchObject({
        satisfied: (handler(was)?.satisfied ?? 0) + 1,
        total: (handler(was)?.total ?? 0) + 1,
      });
      const attitude = now.criteria.find((c: { code: string }) => c.code === 'attitude');
      expect(attitude.label).toBe('Thái độ, tinh thần phục vụ của cán bộ, công chức');
      expect(attitude.counts.satisfied).toBe(
        was.criteria.find((c: { code: string }) => c.code === 'attitude')?.counts.satisfied + 1,
      );

      const otherDay = await t.inject({
        method: 'GET',
        url: '/api/v1/evaluations/summary?from=2026-03-03',
        headers: { cookie: o.cookies.leader },
      });
      expect(otherDay.json().total.total).toBe(0);
      // An officer of another unit counts only theirs; asking for this unit is forbidden.
      const otherLeader = await createUser(t.deps.database.db, {
        role: 'signing_leader',
        unitId: other.unit.id,
      });
      const cookie = await t.login(otherLeader.username, TEST_PASSWORD);
      const theirs = await t.inject({
        method: 'GET',
        url: '/api/v1/evaluations/summary',
        headers: { cookie },
      });
      expect(theirs.json().total.total).toBe(0);
      const ours = await t.inject({
        method: 'GET',
        url: `/api/v1/evaluations/summary?unit=${o.office.unit.code}`,
        headers: { cookie },
      });
      expect(ours.statusCode).toBe(403);
    });

    it('refuse bad filters with translated field errors', async () => {
      const cases: [string, string, number][] = [
        ['from=2026-03-05&to=2026-03-01', 'to', 400],
        ['from=2026-02-30', 'from', 400],
        ['from=yesterday', 'from', 400],
        ['unit=99999', 'unit', 400],
        ['unit=%3Cscript%3E', 'unit', 400],
      ];
      for (const [query, field, status] of cases) {
        const response = await t.inject({
          method: 'GET',
          url: `/api/v1/evaluations/summary?${query}`,
          headers: { cookie: o.cookies.leader },
        });
        expect(response.statusCode, query).toBe(status);
        expect(response.json().error.fields[field], query).toMatch(/^[^.]+/);
        expect(response.json().error.fields[field]).not.toMatch(/^(validation|evaluations|calendar)\./);
      }
    });
  });

  it('appears in the OpenAPI document', async () => {
    const doc = (await t.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/evaluations',
        '/api/v1/evaluations/criteria',
        '/api/v1/evaluations/summary',
      ]),
    );
    expect(APPLICANT.phone.replace(/\D/g, '').slice(-4)).toBe(VERIFY);
  });
});
