import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { FixedClock } from '../../../shared/clock.js';
import { createOffice, createUser, TEST_PASSWORD } from '../../seed/factories.js';
import { ALL_VERY_SATISFIED, signedInOffice, VERIFY } from './evaluations.test-support.js';

describe('evaluation pages', () => {
  // Monday 2 March 2026, 09:00 in Vietnam.
  const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));
  let t: TestApp;
  let o: Awaited<ReturnType<typeof signedInOffice>>;
  let admin: string;

  const form = 'application/x-www-form-urlencoded';

  /** Posts a form with the CSRF token of `formPage` (anonymous unless a cookie is given). */
  async function postForm(path: string, fields: Record<string, string>, cookie?: string, formPage = path) {
    const csrf = await t.csrf(formPage, cookie);
    return t.inject({
      method: 'POST',
      url: path,
      headers: { cookie: csrf.cookie, 'content-type': form },
      payload: new URLSearchParams({ ...fields, _csrf: csrf.token }).toString(),
    });
  }

  const answers = (values: Record<string, string>) =>
    Object.fromEntries(Object.entries(values).map(([code, level]) => [`answers.${code}`, level]));

  const count = async (table: 'evaluations' | 'evaluation_tokens' | 'evaluation_criteria' | 'audit_log') =>
    Number(
      (
        await t.deps.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const evaluationOf = async (code: string) =>
    t.deps.database.db
      .selectFrom('evaluations')
      .selectAll()
      .where('application_id', '=', await o.applicationId(code))
      .executeTakeFirst();

  beforeAll(async () => {
    t = await buildTestApp({ clock, config: { homeUnitCode: '123' } });
    o = await signedInOffice(t);
    const user = await createUser(t.deps.database.db, { role: 'administrator', unitId: o.office.unit.id });
    admin = await t.login(user.username, TEST_PASSWORD);
  });
  afterAll(() => t.close());

  describe('online, from the tracking page', () => {
    it('invites to evaluate a returned application and leads, with the digits proven again, to a single-use form', async () => {
      const application = await o.returned();
      const tracked = await t.inject({
        method: 'GET',
        url: `/tra-cuu?code=${application.code}&verify=${VERIFY}`,
      });
      expect(tracked.statusCode).toBe(200);
      expect(tracked.body).toContain('id="evaluate-title"');
      expect(tracked.body).toContain('<form method="post" action="/danh-gia">');
      expect(tracked.body).toContain(`<input type="hidden" name="code" value="${application.code}"`);

      const started = await postForm(
        '/danh-gia',
        { code: application.code, verify: VERIFY },
        undefined,
        `/tra-cuu?code=${application.code}&verify=${VERIFY}`,
      );
      expect(started.statusCode).toBe(303);
      const link = started.headers.location as string;
      expect(link).toMatch(/^\/danh-gia\/[A-Za-z0-9_-]{43}$/);

      const page = await t.inject({ method: 'GET', url: link });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(application.code);
      expect(page.body.match(/<fieldset/g)).toHaveLength(5);
      expect(page.body).toContain(
        'name="answers.attitude" value="very_satisfied" id="field-answers.attitude"',
      );
      expect(page.body).toContain('Rất hài lòng');

      // Incomplete: 400 with the error summary; what was chosen stays chosen; nothing stored.
      const before = await count('evaluations');
      const incomplete = await postForm(link, answers({ attitude: 'satisfied' }), undefined, link);
      expect(incomplete.statusCode).toBe(400);
      expect(incomplete.body).toContain('class="error-summary"');
      expect(incomplete.body).toContain('href="#field-answers.guidance"');
      expect(incomplete.body).toContain(
        'Chọn một mức cho tiêu chí “Hướng dẫn kê khai, bổ sung hồ sơ rõ ràng, đầy đủ, một lần”',
      );
      expect(incomplete.body).toMatch(/value="satisfied" id="field-answers.attitude-satisfied" checked/);
      expect(await count('evaluations')).toBe(before);

      const sent = await postForm(
        link,
        { ...answers({ ...ALL_VERY_SATISFIED, result: 'satisfied' }), comment: 'Nhanh, gọn.' },
        undefined,
        link,
      );
      expect(sent.statusCode, sent.body).toBe(303);
      expect(sent.headers.location).toBe('/danh-gia/cam-on');
      expect(await evaluationOf(application.code)).toMatchObject({
        channel: 'online',
        level: 'satisfied',
        comment: 'Nhanh, gọn.',
        counter_officer_id: o.office.staff.counter.id,
      });
      const thanks = await t.inject({ method: 'GET', url: '/danh-gia/cam-on' });
      expect(thanks.statusCode).toBe(200);
      expect(thanks.body).toContain('Cảm ơn Quý ông/bà đã đánh giá');

      // The link is spent; the tracking page now thanks instead of inviting.
      const again = await t.inject({ method: 'GET', url: link });
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('Đường dẫn đánh giá này đã được sử dụng.');
      const resent = await postForm(link, answers(ALL_VERY_SATISFIED), undefined, '/danh-gia');
      expect(resent.statusCode).toBe(409);
      const trackedAgain = await t.inject({
        method: 'GET',
        url: `/tra-cuu?code=${application.code}&verify=${VERIFY}`,
      });
      expect(trackedAgain.body).not.toContain('id="evaluate-title"');
      expect(trackedAgain.body).toContain('Hồ sơ này đã được đánh giá.');
      const restart = await postForm('/danh-gia', { code: application.code, verify: VERIFY });
      expect(restart.statusCode).toBe(409);
      expect(restart.body).toContain('Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần.');
    });

    it('does not invite before the result is returned, and the start refuses it', async () => {
      const application = await o.done();
      const tracked = await t.inject({
        method: 'GET',
        url: `/tra-cuu?code=${application.code}&verify=${VERIFY}`,
      });
      expect(tracked.statusCode).toBe(200);
      expect(tracked.body).not.toContain('id="evaluate-title"');
      const tokens = await count('evaluation_tokens');
      const start = await postForm('/danh-gia', { code: application.code, verify: VERIFY });
      expect(start.statusCode).toBe(409);
      expect(start.body).toContain('Chỉ đánh giá được hồ sơ đã trả kết quả.');
      expect(await count('evaluation_tokens')).toBe(tokens);
    });

    it('refuses a start without its CSRF token, with a malformed code or wrong digits, issuing no link', async () => {
      const application = await o.returned();
      const tokens = await count('evaluation_tokens');
      const noCsrf = await t.inject({
        method: 'POST',
        url: '/danh-gia',
        headers: { 'content-type': form },
        payload: new URLSearchParams({ code: application.code, verify: VERIFY }).toString(),
      });
      expect(noCsrf.statusCode).toBe(403);
      const malformed = await postForm('/danh-gia', { code: '<b>', verify: '12' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.body).toContain('href="#field-code"');
      expect(malformed.body).toContain('href="#field-verify"');
      const wrong = await postForm('/danh-gia', { code: application.code, verify: '0000' });
      expect(wrong.statusCode).toBe(404);
      expect(wrong.body).toContain('notice-warning');
      const english = await postForm('/danh-gia?lang=en', { code: application.code, verify: '0001' });
      expect(english.statusCode).toBe(404);
      expect(english.body).toContain('lang="en"');
      expect(await count('evaluation_tokens')).toBe(tokens);
      const blank = await t.inject({ method: 'GET', url: `/danh-gia?code=${application.code}` });
      expect(blank.statusCode).toBe(200);
      expect(blank.body).toContain(`value="${application.code}"`);
    });

    it('explains a forged or malformed link with 404 and stores nothing', async () => {
      const before = await count('evaluations');
      for (const path of [`/danh-gia/${'A'.repeat(43)}`, '/danh-gia/abc', `/danh-gia/${'%00'.repeat(20)}`]) {
        const page = await t.inject({ method: 'GET', url: path });
        expect(page.statusCode, path).toBe(404);
        expect(page.body).toContain('Đường dẫn đánh giá không đúng.');
        const posted = await postForm(path, answers(ALL_VERY_SATISFIED), undefined, '/danh-gia');
        expect(posted.statusCode, path).toBe(404);
      }
      expect(await count('evaluations')).toBe(before);
    });
  });

  describe('at the counter kiosk', () => {
    it('is offered on the workbench to the counter officer once the result is returned, and records a kiosk evaluation', async () => {
      const waiting = await o.done();
      const notYet = await t.inject({
        method: 'GET',
        url: `/can-bo/ho-so/${waiting.code}`,
        headers: { cookie: o.cookies.counter },
      });
      expect(notYet.body).not.toContain('/danh-gia"');
      const notOpen = await t.inject({
        method: 'GET',
        url: `/can-bo/ho-so/${waiting.code}/danh-gia`,
        headers: { cookie: o.cookies.counter },
      });
      expect(notOpen.statusCode).toBe(409);

      const application = await o.returned();
      const kiosk = `/can-bo/ho-so/${application.code}/danh-gia`;
      const workbench = await t.inject({
        method: 'GET',
        url: `/can-bo/ho-so/${application.code}`,
        headers: { cookie: o.cookies.counter },
      });
      expect(workbench.body).toContain(`href="${kiosk}"`);
      const specialistView = await t.inject({
        method: 'GET',
        url: `/can-bo/ho-so/${application.code}`,
        headers: { cookie: o.cookies.specialist },
      });
      expect(specialistView.statusCode).toBe(200);
      expect(specialistView.body).not.toContain(`href="${kiosk}"`);

      const page = await t.inject({ method: 'GET', url: kiosk, headers: { cookie: o.cookies.counter } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('evaluation-form evaluation-kiosk');
      expect(page.body).toContain('button button-large');

      const before = await count('evaluations');
      const incomplete = await postForm(kiosk, answers({ attitude: 'satisfied' }), o.cookies.counter);
      expect(incomplete.statusCode).toBe(400);
      expect(incomplete.body).toContain('class="error-summary"');
      const noCsrf = await t.inject({
        method: 'POST',
        url: kiosk,
        headers: { cookie: o.cookies.counter, 'content-type': form },
        payload: new URLSearchParams(answers(ALL_VERY_SATISFIED)).toString(),
      });
      expect(noCsrf.statusCode).toBe(403);
      expect(await count('evaluations')).toBe(before);

      const sent = await postForm(kiosk, answers(ALL_VERY_SATISFIED), o.cookies.counter);
      expect(sent.statusCode, sent.body).toBe(303);
      expect(sent.headers.location).toBe(`${kiosk}/cam-on`);
      expect(await evaluationOf(application.code)).toMatchObject({
        channel: 'kiosk',
        level: 'very_satisfied',
        counter_officer_id: o.office.staff.counter.id,
        officer_id: o.office.staff.specialist.id,
      });
      const thanks = await t.inject({
        method: 'GET',
        url: `${kiosk}/cam-on`,
        headers: { cookie: o.cookies.counter },
      });
      expect(thanks.body).toContain(`href="/can-bo/ho-so/${application.code}"`);

      const after = await t.inject({
        method: 'GET',
        url: `/can-bo/ho-so/${application.code}`,
        headers: { cookie: o.cookies.counter },
      });
      expect(after.body).not.toContain(`href="${kiosk}"`);
      const twice = await postForm(kiosk, answers(ALL_VERY_SATISFIED), o.cookies.counter, '/can-bo');
      expect(twice.statusCode).toBe(409);
      expect(twice.body).toContain('Hồ sơ này đã được đánh giá.');
      expect(await count('evaluations')).toBe(before + 1);
    });

    it('is only for a counter officer serving the application', async () => {
      const application = await o.returned();
      const kiosk = `/can-bo/ho-so/${application.code}/danh-gia`;
      const signedOut = await t.inject({ method: 'GET', url: kiosk });
      expect(signedOut.statusCode).toBe(303);
      expect(signedOut.headers.location).toBe(`/login?next=${encodeURIComponent(kiosk)}`);
      const specialist = await t.inject({
        method: 'GET',
        url: kiosk,
        headers: { cookie: o.cookies.specialist },
      });
      expect(specialist.statusCode).toBe(403);
      const elsewhere = await createOffice(t.deps, { unitCode: '125' });
      const stranger = await t.login(elsewhere.staff.counter.username, TEST_PASSWORD);
      const strange = await t.inject({ method: 'GET', url: kiosk, headers: { cookie: stranger } });
      expect(strange.statusCode).toBe(404);
      const citizen = await postForm(kiosk, answers(ALL_VERY_SATISFIED), o.cookies.citizen, '/');
      expect(citizen.statusCode).toBe(404);
      const malformed = await t.inject({
        method: 'GET',
        url: '/can-bo/ho-so/not-a-code/danh-gia',
        headers: { cookie: o.cookies.counter },
      });
      expect(malformed.statusCode).toBe(404);
      expect(await evaluationOf(application.code)).toBeUndefined();
    });
  });

  describe('criteria administration', () => {
    const ADMIN = '/quan-tri/tieu-chi-danh-gia';
    const apiCodes = async () =>
      (await t.inject({ method: 'GET', url: '/api/v1/evaluations/criteria' }))
        .json()
        .items.map((c: { code: string }) => c.code);
    const auditActions = async () =>
      (
        await t.deps.database.db
          .selectFrom('audit_log')
          .select(['action', 'target_id'])
          .where('target_type', '=', 'evaluation_criterion')
          .orderBy('id')
          .execute()
      ).map((r) => `${r.action}:${r.target_id}`);

    it('is for administrators only', async () => {
      const signedOut = await t.inject({ method: 'GET', url: ADMIN });
      expect(signedOut.statusCode).toBe(303);
      const counter = await t.inject({ method: 'GET', url: ADMIN, headers: { cookie: o.cookies.counter } });
      expect(counter.statusCode).toBe(403);
      const criteria = await count('evaluation_criteria');
      const posted = await postForm(
        ADMIN,
        { code: 'premises', labelVi: 'Cơ sở vật chất', labelEn: 'Premises' },
        o.cookies.counter,
        '/',
      );
      expect(posted.statusCode).toBe(403);
      expect(await count('evaluation_criteria')).toBe(criteria);
      const page = await t.inject({ method: 'GET', url: ADMIN, headers: { cookie: admin } });
      expect(page.statusCode).toBe(200);
      expect(page.body.match(/<tr>/g)).toHaveLength(6);
    });

    it('adds, renames, reorders, stops and resumes asking a criterion, each audited', async () => {
      const added = await postForm(
        ADMIN,
        { code: 'premises', labelVi: 'Cơ sở vật chất nơi tiếp nhận', labelEn: 'Premises' },
        admin,
      );
      expect(added.statusCode, added.body).toBe(303);
      expect(added.headers.location).toBe(`${ADMIN}?added=premises`);
      const listed = await t.inject({
        method: 'GET',
        url: added.headers.location as string,
        headers: { cookie: admin },
      });
      expect(listed.body).toContain('Đã thêm tiêu chí premises.');
      expect(await apiCodes()).toEqual([
        'attitude',
        'guidance',
        'timeliness',
        'result',
        'disclosure',
        'premises',
      ]);

      const renamed = await postForm(
        `${ADMIN}/premises`,
        { labelVi: 'Cơ sở vật chất, trang thiết bị', labelEn: 'Premises and equipment' },
        admin,
      );
      expect(renamed.statusCode).toBe(303);
      const en = await t.inject({ method: 'GET', url: '/api/v1/evaluations/criteria?lang=en' });
      expect(en.json().items.at(-1).label).toBe('Premises and equipment');

      const moved = await postForm(`${ADMIN}/premises/thu-tu`, { direction: 'up' }, admin, ADMIN);
      expect(moved.statusCode).toBe(303);
      expect(await apiCodes()).toEqual([
        'attitude',
        'guidance',
        'timeliness',
        'result',
        'premises',
        'disclosure',
      ]);
      const first = await postForm(`${ADMIN}/attitude/thu-tu`, { direction: 'up' }, admin, ADMIN);
      expect(first.statusCode).toBe(303);
      expect((await apiCodes())[0]).toBe('attitude');

      const stopped = await postForm(`${ADMIN}/premises/trang-thai`, { active: 'false' }, admin, ADMIN);
      expect(stopped.statusCode).toBe(303);
      expect(await apiCodes()).not.toContain('premises');
      // Answering it any more is refused.
      const application = await o.returned();
      const refused = await t.inject({
        method: 'POST',
        url: '/api/v1/evaluations',
        payload: {
          code: application.code,
          verify: VERIFY,
          answers: { ...ALL_VERY_SATISFIED, premises: 'satisfied' },
        },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.fields['answers.premises']).toBe(
        'Tiêu chí này không có hoặc không còn được hỏi',
      );
      const resumed = await postForm(`${ADMIN}/premises/trang-thai`, { active: 'true' }, admin, ADMIN);
      expect(resumed.statusCode).toBe(303);
      expect(await apiCodes()).toContain('premises');

      expect(await auditActions()).toEqual([
        'evaluation_criterion.add:premises',
        'evaluation_criterion.rename:premises',
        'evaluation_criterion.move:premises',
        'evaluation_criterion.deactivate:premises',
        'evaluation_criterion.activate:premises',
      ]);
      const leftAsWas = await postForm(`${ADMIN}/premises/trang-thai`, { active: 'false' }, admin, ADMIN);
      expect(leftAsWas.statusCode).toBe(303);
    });

    it('refuses bad input with a translated message and changes nothing', async () => {
      const criteria = await count('evaluation_criteria');
      const audits = await count('audit_log');
      const cases: [string, Record<string, string>, number, string][] = [
        [
          ADMIN,
          { code: 'attitude', labelVi: 'Thái độ', labelEn: 'Attitude' },
          409,
          'Đã có tiêu chí mã attitude',
        ],
        [ADMIN, { code: 'Bad Code', labelVi: 'X', labelEn: 'X' }, 400, 'Mã tiêu chí gồm chữ thường'],
        [ADMIN, { code: 'ok_code', labelVi: '', labelEn: 'X' }, 400, 'href="#field-labelVi"'],
        [
          ADMIN,
          { code: 'ok_code', labelVi: 'a\u0007b', labelEn: 'X' },
          400,
          'Không được chứa ký tự điều khiển',
        ],
        [ADMIN, { code: 'ok_code', labelVi: 'x'.repeat(201), labelEn: 'X' }, 400, 'href="#field-labelVi"'],
        [`${ADMIN}/attitude`, { labelVi: ' ', labelEn: 'Attitude' }, 400, 'href="#field-labelVi"'],
        [`${ADMIN}/nope`, { labelVi: 'X', labelEn: 'X' }, 404, 'Không tìm thấy tiêu chí đánh giá.'],
        [`${ADMIN}/A%20B`, { labelVi: 'X', labelEn: 'X' }, 404, 'Không tìm thấy tiêu chí đánh giá.'],
        [`${ADMIN}/attitude/thu-tu`, { direction: 'sideways' }, 400, 'Thông tin gửi lên chưa hợp lệ'],
        [`${ADMIN}/nope/thu-tu`, { direction: 'up' }, 404, 'Không tìm thấy tiêu chí đánh giá.'],
        [`${ADMIN}/attitude/trang-thai`, { active: 'maybe' }, 400, 'Thông tin gửi lên chưa hợp lệ'],
      ];
      for (const [path, fields, status, text] of cases) {
        const response = await postForm(path, fields, admin, ADMIN);
        expect(response.statusCode, `${path} ${JSON.stringify(fields)}`).toBe(status);
        expect(response.body).toContain(text);
      }
      expect(await count('evaluation_criteria')).toBe(criteria);
      expect(await count('audit_log')).toBe(audits);
      const unknown = await t.inject({ method: 'GET', url: `${ADMIN}/nope`, headers: { cookie: admin } });
      expect(unknown.statusCode).toBe(404);
    });

    it('keeps at least one criterion asked', async () => {
      const codes = await apiCodes();
      for (const code of codes.slice(1)) {
        const stopped = await postForm(`${ADMIN}/${code}/trang-thai`, { active: 'false' }, admin, ADMIN);
        expect(stopped.statusCode).toBe(303);
      }
      const last = await postForm(`${ADMIN}/${codes[0]}/trang-thai`, { active: 'false' }, admin, ADMIN);
      expect(last.statusCode).toBe(409);
      expect(last.body).toContain('Phải còn ít nhất một tiêu chí đang hỏi.');
      expect(await apiCodes()).toEqual([codes[0]]);
      for (const code of codes.slice(1))
        await postForm(`${ADMIN}/${code}/trang-thai`, { active: 'true' }, admin, ADMIN);
      expect(await apiCodes()).toEqual(codes);
    });
  });
});
