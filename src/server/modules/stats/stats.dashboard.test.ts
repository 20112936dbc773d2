import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { FixedClock } from '../../../shared/clock.js';
import { TEST_PASSWORD } from '../../seed/factories.js';
import { act, contextOf, createStatsWorld, intake, type StatsWorld, submitOnline } from './stats.fixtures.js';
import { setTargets } from './stats.service.js';

// Monday 2 March 2026, 09:00 in Vietnam: three applications come in (two at the counter, one online);
// by Friday 6 March 10:00 none is finished, and all three are past their Thursday deadline.
const MONDAY_9 = new Date('2026-03-02T02:00:00Z');
const at = (iso: string) => new Date(`${iso}+07:00`);
const MARCH = 'unit=123&from=2026-03-01&to=2026-03-31';
/** The same query as written in an href. */
const MARCH_HTML = MARCH.replaceAll('&', '&amp;');

describe('the statistics pages', () => {
  const clock = new FixedClock(MONDAY_9);
  let t: TestApp;
  let w: StatsWorld;
  const codes: string[] = [];
  let specialistName = '';
  let head = '';
  let citizen = '';

  beforeAll(async () => {
    t = await buildTestApp({ clock, config: { homeUnitCode: '123' } });
    w = await createStatsWorld(t.deps);
    const { staff, procedure } = w.office;
    codes.push(await intake(t.deps, staff.counter, procedure.code));
    codes.push(await intake(t.deps, staff.counter, procedure.code));
    codes.push(await submitOnline(t.deps, staff.citizen, procedure.code));
    clock.set(at('2026-03-02T09:30'));
    await act(t.deps, staff.counter, codes[2]!, 'accept');
    await act(t.deps, staff.counter, codes[0]!, 'forward');
    await act(t.deps, staff.head, codes[0]!, 'assign', { assignee: staff.specialist.username });
    clock.set(at('2026-03-06T10:00'));
    specialistName = (
      await t.deps.database.db
        .selectFrom('users')
        .select('full_name')
        .where('id', '=', staff.specialist.id)
        .executeTakeFirstOrThrow()
    ).full_name;
    head = await t.login(staff.head.username, TEST_PASSWORD);
    citizen = await t.login(staff.citizen.username, TEST_PASSWORD);
  });
  afterAll(async () => t?.close());

  describe('the public transparency page', () => {
    it('shows the figures of the API for the unit and period, with charts, the index and downloads', async () => {
      const api = (await t.inject({ method: 'GET', url: `/api/v1/stats/summary?${MARCH}` })).json();
      expect(api).toMatchObject({ received: 3, receivedOnline: 1, inProcessPastDeadline: 3 });
      const page = await t.inject({ method: 'GET', url: `/thong-ke?${MARCH}` });
      expect(page.statusCode).toBe(200);
      const html = page.body;
      expect(html).toContain('Kết quả giải quyết thủ tục hành chính');
      expect(html).toContain('Từ 01/03/2026 đến 31/03/2026');
      // The headline cards carry the API's numbers.
      expect(html).toMatch(/Hồ sơ tiếp nhận<\/h3><p class="stat-value">3<\/p>/);
      expect(html).toMatch(/Đang giải quyết<\/h3><p class="stat-value">3<\/p>/);
      expect(html).toContain('33,3%'); // one online out of three
      // The month of March has its bar; the index and the ranking are there.
      expect(html).toContain('03/2026');
      expect(html).toContain('class="stat-bar"');
      expect(html).toContain('Quyết định 766/QĐ-TTg');
      expect(html).toContain('Xếp hạng các đơn vị trực thuộc');
      // Downloads of every public table and the report.
      expect(html).toContain(`/thong-ke/xuat?${MARCH_HTML}&amp;table=month&amp;format=xlsx`);
      expect(html).toContain(`/thong-ke/bao-cao.pdf?${MARCH_HTML}`);
      // No personal data and no list of applications.
      expect(html).not.toContain(specialistName);
      expect(html).not.toContain('/can-bo/thong-ke/ho-so');
      for (const code of codes) expect(html).not.toContain(code);
    });

    it('is linked from the navigation and speaks English', async () => {
      const home = await t.inject({ method: 'GET', url: '/' });
      expect(home.body).toContain('href="/thong-ke"');
      const page = await t.inject({ method: 'GET', url: `/thong-ke?${MARCH}&lang=en` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Results of administrative procedures');
      expect(page.body).toContain('Applications received');
    });

    it.each([
      [
        'a reversed period',
        'unit=123&from=2026-03-31&to=2026-03-01',
        400,
        'Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.',
      ],
      [
        'a period longer than ten years',
        'unit=123&from=2001-01-01&to=2016-01-01',
        400,
        'Kỳ thống kê dài tối đa 10 năm.',
      ],
      [
        'a period before 2000',
        'unit=123&from=1999-12-31&to=2000-01-31',
        400,
        'Số liệu chỉ tính từ ngày 01/01/2000.',
      ],
      [
        'a day that does not exist',
        'unit=123&from=2026-02-30&to=2026-03-31',
        400,
        'Ngày này không có trên lịch.',
      ],
      [
        'an unknown unit',
        'unit=999999&from=2026-03-01&to=2026-03-31',
        404,
        'Không có đơn vị nào mang mã này.',
      ],
      [
        'a unit code with markup',
        'unit=%3Cscript%3E&from=2026-03-01&to=2026-03-31',
        400,
        'Mã đơn vị gồm chữ số, chữ cái và dấu chấm',
      ],
    ])(
      'refuses %s with the form, a translated message and no figures',
      async (_name, query, status, message) => {
        const page = await t.inject({ method: 'GET', url: `/thong-ke?${query}` });
        expect(page.statusCode).toBe(status);
        expect(page.body).toContain('class="error-summary"');
        expect(page.body).toContain(message);
        expect(page.body).toContain('<form method="get" action="/thong-ke"');
        expect(page.body).not.toContain('class="stat-value"');
        expect(page.body).not.toContain('<script>');
      },
    );
  });

  describe('the leaders’ dashboard', () => {
    it('sends a visitor to sign in and refuses a citizen', async () => {
      const anonymous = await t.inject({ method: 'GET', url: `/can-bo/thong-ke?${MARCH}` });
      expect(anonymous.statusCode).toBe(303);
      expect(anonymous.headers.location).toMatch(/^\/login\?next=/);
      const refused = await t.inject({
        method: 'GET',
        url: `/can-bo/thong-ke?${MARCH}`,
        headers: { cookie: citizen },
      });
      expect(refused.statusCode).toBe(403);
    });

    it('links every count to the applications behind it and names where applications went late', async () => {
      const page = await t.inject({
        method: 'GET',
        url: `/can-bo/thong-ke?${MARCH}`,
        headers: { cookie: head },
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Bảng điều hành');
      expect(page.body).toContain(`href="/can-bo/thong-ke/ho-so?${MARCH_HTML}&amp;figure=received"`);
      expect(page.body).toContain(
        `href="/can-bo/thong-ke/ho-so?${MARCH_HTML}&amp;figure=inProcessPastDeadline"`,
      );
      expect(page.body).toContain('Hồ sơ trễ hạn: ở bước nào, tại đâu, ai xử lý');
      expect(page.body).toContain(specialistName);
      expect(page.body).toContain(`table=officer&amp;format=csv`);
    });

    it('lists the applications behind a figure, each linked to its page', async () => {
      const page = await t.inject({
        method: 'GET',
        url: `/can-bo/thong-ke/ho-so?${MARCH}&figure=inProcessPastDeadline`,
        headers: { cookie: head },
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Hồ sơ: Đang giải quyết quá hạn');
      expect(page.body).toContain('3 hồ sơ');
      for (const code of codes) expect(page.body).toContain(`href="/can-bo/ho-so/${code}"`);
      const online = await t.inject({
        method: 'GET',
        url: `/can-bo/thong-ke/ho-so?${MARCH}&figure=receivedOnline`,
        headers: { cookie: head },
      });
      expect(online.body).toContain('1 hồ sơ');
      expect(online.body).toContain(codes[2]);
      expect(online.body).not.toContain(`href="/can-bo/ho-so/${codes[0]}"`);
    });

    it('links the rows by field and the unit’s own row to their applications too', async () => {
      const page = await t.inject({
        method: 'GET',
        url: `/can-bo/thong-ke?${MARCH}`,
        headers: { cookie: head },
      });
      const field = 'Hộ tịch';
      const fieldQuery = new URLSearchParams({ field }).toString();
      expect(page.body).toContain(
        `href="/can-bo/thong-ke/ho-so?${MARCH_HTML}&amp;${fieldQuery}&amp;figure=received"`,
      );
      expect(page.body).toContain(
        `href="/can-bo/thong-ke/ho-so?${MARCH_HTML}&amp;descendants=false&amp;figure=received"`,
      );
      const byField = await t.inject({
        method: 'GET',
        url: `/can-bo/thong-ke/ho-so?${MARCH}&${fieldQuery}&figure=received`,
        headers: { cookie: head },
      });
      expect(byField.statusCode).toBe(200);
      expect(byField.body).toContain('3 hồ sơ');
      expect(byField.body).toContain('· Hộ tịch');
      const otherField = await t.inject({
        method: 'GET',
        url: `/can-bo/thong-ke/ho-so?${MARCH}&field=${encodeURIComponent('Đất đai')}&figure=received`,
        headers: { cookie: head },
      });
      expect(otherField.statusCode).toBe(400);
      expect(otherField.body).toContain('Không có thủ tục nào thuộc lĩnh vực này.');
    });

    it('refuses the list to a citizen and to a visitor, and an unknown figure or page', async () => {
      const url = `/can-bo/thong-ke/ho-so?${MARCH}&figure=received`;
      expect((await t.inject({ method: 'GET', url })).statusCode).toBe(303);
      expect((await t.inject({ method: 'GET', url, headers: { cookie: citizen } })).statusCode).toBe(403);
      const bogus = await t.inject({
        method: 'GET',
        url: `/can-bo/thong-ke/ho-so?${MARCH}&figure=salary`,
        headers: { cookie: head },
      });
      expect(bogus.statusCode).toBe(400);
      const page = await t.inject({
        method: 'GET',
        url: `/can-bo/thong-ke/ho-so?${MARCH}&figure=received&page=abc`,
        headers: { cookie: head },
      });
      expect(page.statusCode).toBe(400);
      expect(page.body).toContain('Số trang không hợp lệ.');
    });
  });

  it('shows progress against the targets administrators set for the year, and none before', async () => {
    const before = await t.inject({ method: 'GET', url: `/thong-ke?${MARCH}` });
    expect(before.body).not.toContain('Chỉ tiêu năm 2026');
    await setTargets(t.deps, await contextOf(t.deps, w.admin), {
      unit: '123',
      year: 2026,
      targets: { applications_online: 80 },
    });
    const after = await t.inject({ method: 'GET', url: `/thong-ke?${MARCH}` });
    expect(after.body).toContain('Chỉ tiêu năm 2026');
    expect(after.body).toMatch(
      /Hồ sơ nộp trực tuyến<\/th><td class="num">80%<\/td><td class="num">33,3%<\/td><td><span class="tag tag-red">Chưa đạt/,
    );
  });
});
