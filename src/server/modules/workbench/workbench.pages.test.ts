import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { FixedClock } from '../../../shared/clock.js';
import { createOffice, TEST_PASSWORD } from '../../seed/factories.js';

describe('the workbench pages', () => {
  const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));
  let t: TestApp;
  let office: Awaited<ReturnType<typeof createOffice>>;
  let counter: string;
  beforeAll(async () => {
    t = await buildTestApp({ clock, config: { homeUnitCode: '123' } });
    office = await createOffice(t.deps);
    counter = await t.login(office.staff.counter.username, TEST_PASSWORD);
  });
  afterAll(() => t.close());

  const intake = async (fields: Record<string, string | string[]>) => {
    const { token, cookie } = await t.csrf(`/can-bo/tiep-nhan?procedure=${office.procedure.code}`, counter);
    return t.inject({
      method: 'POST',
      url: `/can-bo/tiep-nhan?procedure=${office.procedure.code}`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([
        ['_csrf', token],
        ...Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])),
      ] as [string, string][]).toString(),
    });
  };

  it('sends signed-out visitors to the login page and back, and refuses citizens', async () => {
    const anonymous = await t.inject({ method: 'GET', url: '/can-bo?queue=new' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Fcan-bo%3Fqueue%3Dnew');
    const citizen = await t.login(office.staff.citizen.username, TEST_PASSWORD);
    expect((await t.inject({ method: 'GET', url: '/can-bo', headers: { cookie: citizen } })).statusCode).toBe(
      403,
    );
  });

  it('receives an application at the counter through the form, then shows it in the queue and its page', async () => {
    const response = await intake({
      'applicant.fullName': 'Hà Thị Thu',
      'applicant.idNumber': '014190009999',
      'applicant.phone': '0911222333',
      checkedComponents: ['g1-1'],
      decision: 'accept',
    });
    expect(response.statusCode).toBe(200);
    const code = /Đã tiếp nhận hồ sơ (\S+-\d{6}-\d{4})\./.exec(response.body)?.[1];
    expect(code).toBeTruthy();
    expect(response.body).toContain('Hẹn trả kết quả: 05/03/2026 17:30');
    const queue = await t.inject({ method: 'GET', url: '/can-bo?queue=new', headers: { cookie: counter } });
    expect(queue.body).toContain(code);
    const page = await t.inject({
      method: 'GET',
      url: `/can-bo/ho-so/${code}`,
      headers: { cookie: counter },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hà Thị Thu');
    expect(page.body).toContain('name="action" value="forward"');
  });

  it('shows officers on every page how many applications wait for them and how many are overdue', async () => {
    const header = (body: string) => /href="\/can-bo"[^>]*>([\s\S]*?)<\/a>/.exec(body)?.[1] ?? '';
    const before = header(
      (await t.inject({ method: 'GET', url: '/thu-tuc', headers: { cookie: counter } })).body,
    );
    const waiting = Number(/<span class="nav-count">(\d+)/.exec(before)?.[1]);
    expect(before).toContain('hồ sơ chờ xử lý');
    await intake({
      'applicant.fullName': 'Lường Văn Quý',
      'applicant.idNumber': '014190004444',
      'applicant.phone': '0911444555',
      checkedComponents: ['g1-1'],
      decision: 'accept',
    });
    const after = header((await t.inject({ method: 'GET', url: '/', headers: { cookie: counter } })).body);
    expect(after).toContain(`<span class="nav-count">${waiting + 1}`);
    expect(after).not.toContain('nav-count-late');
    clock.set(new Date('2026-03-12T02:00:00Z')); // a week later, everything accepted is overdue
    const later = await t.login(office.staff.counter.username, TEST_PASSWORD);
    const late = header((await t.inject({ method: 'GET', url: '/', headers: { cookie: later } })).body);
    expect(late).toMatch(
      /<span class="nav-count nav-count-late">[1-9]\d*<span class="visually-hidden"> hồ sơ quá hạn/,
    );
    clock.set(new Date('2026-03-02T02:00:00Z'));
    const citizen = await t.login(office.staff.citizen.username, TEST_PASSWORD);
    expect((await t.inject({ method: 'GET', url: '/', headers: { cookie: citizen } })).body).not.toContain(
      'nav-count',
    );
  });

  it('offers the fee the catalogue lists for the procedure and channel when a fee is asked', async () => {
    const response = await intake({
      'applicant.fullName': 'Quàng Văn Phong',
      'applicant.idNumber': '014190007777',
      'applicant.phone': '0911777888',
      checkedComponents: ['g1-1'],
      decision: 'accept',
    });
    const code = /Đã tiếp nhận hồ sơ (\S+-\d{6}-\d{4})\./.exec(response.body)![1]!;
    const { version } = (
      await t.inject({ method: 'GET', url: `/api/v1/applications/${code}`, headers: { cookie: counter } })
    ).json();
    const forwarded = await t.inject({
      method: 'POST',
      url: `/api/v1/applications/${code}/actions`,
      headers: { cookie: counter },
      payload: { action: 'forward', expectedVersion: version },
    });
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    const head = await t.login(office.staff.head.username, TEST_PASSWORD);
    const page = await t.inject({ method: 'GET', url: `/can-bo/ho-so/${code}`, headers: { cookie: head } });
    expect(page.statusCode).toBe(200);
    // The factory's procedure charges 8,000 đồng at the counter.
    expect(page.body).toContain('Theo danh mục thủ tục: 8.000 đồng.');
    expect(page.body).toMatch(/name="amountVnd"[^>]*value="8000"/);
  });

  it('re-renders the intake form with the missing documents and applicant errors, creating nothing', async () => {
    const before = (await t.deps.database.db.selectFrom('applications').select('id').execute()).length;
    const response = await intake({
      'applicant.fullName': '',
      'applicant.idNumber': '12',
      'applicant.phone': '0911222333',
      decision: 'accept',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('error-summary');
    const missingDocs = await intake({
      'applicant.fullName': 'Hà Thị Thu',
      'applicant.idNumber': '014190009999',
      'applicant.phone': '0911222333',
      decision: 'accept',
    });
    expect(missingDocs.statusCode).toBe(400);
    expect(missingDocs.body).toContain('Thiếu giấy tờ bắt buộc: Tờ khai');
    const after = (await t.deps.database.db.selectFrom('applications').select('id').execute()).length;
    expect(after).toBe(before);
  });

  it('performs an action from its form and shows a stale form as a conflict, changing nothing', async () => {
    const response = await intake({
      'applicant.fullName': 'Sa Văn Long',
      'applicant.idNumber': '014190001111',
      'applicant.phone': '0911000111',
      checkedComponents: 'g1-1',
      decision: 'accept',
    });
    const code = /Đã tiếp nhận hồ sơ (\S+-\d{6}-\d{4})\./.exec(response.body)![1]!;
    const post = async (fields: Record<string, string>) => {
      const { token, cookie } = await t.csrf(`/can-bo/ho-so/${code}`, counter);
      return t.inject({
        method: 'POST',
        url: `/can-bo/ho-so/${code}/thao-tac`,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: token, ...fields }).toString(),
      });
    };
    const forwarded = await post({ action: 'forward', expectedVersion: '1' });
    expect(forwarded.statusCode).toBe(303);
    expect(forwarded.headers.location).toBe(`/can-bo/ho-so/${code}?done=forward`);
    const stale = await post({ action: 'forward', expectedVersion: '1' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('vừa được người khác cập nhật');
    const noCsrf = await t.inject({
      method: 'POST',
      url: `/can-bo/ho-so/${code}/thao-tac`,
      headers: { cookie: counter, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'action=stop&expectedVersion=2',
    });
    expect(noCsrf.statusCode).toBe(403);

    // The head picks the specialist and the transfer's agency from lists, never types a code.
    const head = await t.login(office.staff.head.username, TEST_PASSWORD);
    const page = (await t.inject({ method: 'GET', url: `/can-bo/ho-so/${code}`, headers: { cookie: head } }))
      .body;
    expect(page).toMatch(/<select id="[^"]+-assignee" name="assignee" required>/);
    expect(page).toContain(`<option value="${office.staff.specialist.username}">Chuyên viên (`);
    expect(page).not.toContain(`<option value="${office.staff.head.username}">`);
    expect(page).toContain('<optgroup label="Ủy ban nhân dân"><option value="');
    expect(page).toContain(`>UBND thử ${office.unit.code}</option>`);
    expect(page).not.toContain(`>Phòng thử ${office.unit.code}</option>`); // the agency handling it now
  });
});
