import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { FixedClock } from '../../../shared/clock.js';
import { createUser, TEST_PASSWORD } from '../../seed/factories.js';
import { computeDueDate, loadWorkingCalendar } from './calendar.service.js';

// Monday 2 March 2026, 10:00 in Vietnam.
const clock = new FixedClock(new Date('2026-03-02T03:00:00Z'));

let t: TestApp;
let admin: string;
let specialist: string;

beforeAll(async () => {
  t = await buildTestApp({ clock });
  const a = await createUser(t.deps.database.db, { role: 'administrator' });
  const s = await createUser(t.deps.database.db, { role: 'specialist' });
  admin = await t.login(a.username, TEST_PASSWORD);
  specialist = await t.login(s.username, TEST_PASSWORD);
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.inject({ method: 'GET', url, headers });

async function dueAt(query: string): Promise<string> {
  const response = await get(`/api/v1/calendar/due-date?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().dueAt;
}

const calendarAudits = () =>
  t.deps.database.db
    .selectFrom('audit_log')
    .select(['action', 'target_id', 'actor_id', 'details'])
    .where('target_type', '=', 'calendar_override')
    .orderBy('id')
    .execute();

describe('the holidays of a year', () => {
  it('lists the 2026 Tết break with its Vietnamese reasons, in date order', async () => {
    const response = await get('/api/v1/calendar/holidays?year=2026');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.year).toBe(2026);
    const tet = body.items.filter((d: { reason: string }) => d.reason === 'tet');
    expect(tet.map((d: { date: string }) => d.date)).toEqual([
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
    ]);
    expect(tet[0]).toMatchObject({ weekday: 1, label: 'Tết Nguyên đán' });
    expect(body.items[0]).toMatchObject({ date: '2026-01-01', reason: 'new_year', label: 'Tết Dương lịch' });
    const dates = body.items.map((d: { date: string }) => d.date);
    expect(dates).toEqual([...dates].sort());
    expect(body.workingDays).toEqual([]);
  });

  it('labels the days in English for an English reader and names what a compensatory day makes up for', async () => {
    // 2028: 30 April falls on a Sunday and 1 May on a Monday, so Tuesday 2 May makes up for 30 April.
    const response = await get('/api/v1/calendar/holidays?year=2028', { 'accept-language': 'en' });
    const made = response.json().items.filter((d: { reason: string }) => d.reason === 'compensatory');
    expect(made).toContainEqual({
      date: '2028-05-02',
      weekday: 2,
      reason: 'compensatory',
      label: 'Compensatory day off',
      compensatesFor: '2028-04-30',
    });
    expect(response.json().items[0].label).toBe("New Year's Day");
  });

  it('takes the current year in Vietnam when no year is given', async () => {
    expect((await get('/api/v1/calendar/holidays')).json().year).toBe(2026);
  });

  it('refuses years outside 1900-2199 and years that are not numbers with a translated 400', async () => {
    for (const year of ['1899', '2200', 'abc', '-2026', '2026.5', '']) {
      const vi = await get(`/api/v1/calendar/holidays?year=${year}`);
      expect(vi.statusCode, year).toBe(400);
      expect(vi.json().error.code).toBe('VALIDATION_FAILED');
      expect(vi.json().error.fields.year, year).toMatch(/^(Năm phải trong khoảng|Nhập năm bằng chữ số)/);
    }
    const en = await get('/api/v1/calendar/holidays?year=2200', { 'accept-language': 'en' });
    expect(en.json().error.fields.year).toBe('The year must be between 1900 and 2199.');
  });
});

describe('the due date of a time limit', () => {
  it('gives 3 working days received on a Friday at 16:00 until Wednesday 17:30 +07:00', async () => {
    const response = await get(
      '/api/v1/calendar/due-date?receivedAt=2026-03-06T16:00:00%2B07:00&amount=3&unit=working_days',
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      effectiveReceivedAt: '2026-03-06T16:00:00+07:00',
      dueAt: '2026-03-11T17:30:00+07:00',
    });
  });

  it('counts a same-day procedure received at 14:59 that day and at 15:01 the next working day', async () => {
    expect(await dueAt('receivedAt=2026-03-10T14:59&unit=same_day')).toBe('2026-03-10T17:30:00+07:00');
    expect(await dueAt('receivedAt=2026-03-10T15:01&unit=same_day')).toBe('2026-03-11T17:30:00+07:00');
    expect(await dueAt('receivedAt=2026-03-10T15:01&unit=same_day&amount=')).toBe(
      '2026-03-11T17:30:00+07:00',
    );
  });

  it('counts fractional working days in working hours, and working hours and calendar days by their rules', async () => {
    // 1.5 days from Monday's opening: all of Monday and the morning of Tuesday.
    expect(await dueAt('receivedAt=2026-03-06T10:00&amount=1.5&unit=working_days')).toBe(
      '2026-03-10T11:30:00+07:00',
    );
    expect(await dueAt('receivedAt=2026-03-06T10:00&amount=1,5&unit=working_days')).toBe(
      '2026-03-10T11:30:00+07:00',
    );
    // 1.5 hours on Friday, the other 2.5 on Monday morning.
    expect(await dueAt('receivedAt=2026-03-06T16:00&amount=4&unit=working_hours')).toBe(
      '2026-03-09T10:00:00+07:00',
    );
    expect(await dueAt('receivedAt=2026-03-06T10:00Z&amount=3&unit=calendar_days')).toBe(
      '2026-03-09T17:30:00+07:00',
    );
  });

  it('moves a receipt on a day off to the next opening and skips the Tết break', async () => {
    const response = await get(
      '/api/v1/calendar/due-date?receivedAt=2026-02-14T09:00&amount=1&unit=working_days',
    );
    expect(response.json()).toEqual({
      effectiveReceivedAt: '2026-02-23T07:30:00+07:00',
      dueAt: '2026-02-24T17:30:00+07:00',
    });
  });

  const bad: [string, string, string, string][] = [
    // query, field, Vietnamese message start, English message start
    [
      'receivedAt=2030-02-30T10:00&amount=3&unit=working_days',
      'receivedAt',
      'Ngày hoặc giờ này không tồn tại',
      'That date or time does not exist',
    ],
    [
      'receivedAt=2026-03-06T25:00&amount=3&unit=working_days',
      'receivedAt',
      'Ngày hoặc giờ này không tồn tại',
      'That date or time does not exist',
    ],
    [
      'receivedAt=tomorrow&amount=3&unit=working_days',
      'receivedAt',
      'Nhập thời điểm theo chuẩn ISO 8601',
      'Enter an ISO 8601 date and time',
    ],
    [
      'receivedAt=1899-12-31T10:00&amount=3&unit=working_days',
      'receivedAt',
      'Năm phải trong khoảng từ 1900 đến 2199',
      'The year must be between 1900 and 2199',
    ],
    [
      'receivedAt=2200-01-01T10:00&amount=3&unit=working_days',
      'receivedAt',
      'Năm phải trong khoảng từ 1900 đến 2199',
      'The year must be between 1900 and 2199',
    ],
    ['amount=3&unit=working_days', 'receivedAt', 'Vui lòng nhập thông tin này', 'Enter this information'],
    [
      'receivedAt=2026-03-06T10:00&amount=-1&unit=working_days',
      'amount',
      'Thời hạn phải lớn hơn 0',
      'The time limit must be more than 0',
    ],
    [
      'receivedAt=2026-03-06T10:00&amount=0&unit=working_days',
      'amount',
      'Thời hạn phải lớn hơn 0',
      'The time limit must be more than 0',
    ],
    [
      'receivedAt=2026-03-06T10:00&amount=abc&unit=working_days',
      'amount',
      'Thời hạn phải là một số',
      'The time limit must be a number',
    ],
    [
      'receivedAt=2026-03-06T10:00&amount=1e3&unit=working_days',
      'amount',
      'Thời hạn phải là một số',
      'The time limit must be a number',
    ],
    [
      'receivedAt=2026-03-06T10:00&amount=Infinity&unit=working_hours',
      'amount',
      'Thời hạn phải là một số',
      'The time limit must be a number',
    ],
    [
      'receivedAt=2026-03-06T10:00&amount=3651&unit=working_days',
      'amount',
      'Thời hạn không được lớn hơn 3650',
      'The time limit cannot be more than 3650',
    ],
    [
      'receivedAt=2026-03-06T10:00&unit=working_days',
      'amount',
      'Nhập thời hạn giải quyết',
      'Enter the time limit',
    ],
    [
      'receivedAt=2026-03-06T10:00&amount=1&unit=same_day',
      'amount',
      'Thủ tục giải quyết trong ngày không có thời hạn',
      'A same-day procedure has no time limit',
    ],
    [
      'receivedAt=2026-03-06T10:00&amount=1.5&unit=calendar_days',
      'amount',
      'Thời hạn tính theo ngày (kể cả ngày nghỉ) phải là số nguyên',
      'A time limit in calendar days must be a whole number',
    ],
    [
      'receivedAt=2026-03-06T10:00&amount=3&unit=weeks',
      'unit',
      'Chọn cách tính thời hạn',
      'Choose how the time limit is counted',
    ],
    ['receivedAt=2026-03-06T10:00&amount=3', 'unit', 'Vui lòng nhập thông tin này', 'Enter this information'],
    [
      'receivedAt=2199-06-01T10:00&amount=3650&unit=calendar_days',
      'amount',
      'Hạn giải quyết vượt quá năm 2199',
      'The due date would fall after 2199',
    ],
    [
      'receivedAt=2026-03-06T10:00&amount=1&amount=2&unit=working_days',
      'amount',
      'Giá trị không đúng kiểu',
      '',
    ],
  ];

  it.each(bad)('answers 400 naming the field for %s', async (query, field, vi, en) => {
    const response = await get(`/api/v1/calendar/due-date?${query}`);
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(/^Thông tin gửi lên chưa hợp lệ/);
    expect(error.fields[field]).toMatch(new RegExp(`^${vi.replace(/[()]/g, '\\$&')}`));
    const english = await get(`/api/v1/calendar/due-date?${query}`, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(english.statusCode).toBe(400);
    if (en) expect(english.json().error.fields[field]).toMatch(new RegExp(`^${en.replace(/[()]/g, '\\$&')}`));
  });

  it('reports every bad field at once', async () => {
    const response = await get('/api/v1/calendar/due-date?receivedAt=2030-02-30&amount=-2&unit=fortnights');
    expect(Object.keys(response.json().error.fields).sort()).toEqual(['amount', 'receivedAt', 'unit']);
  });

  it('lets other services compute due dates with the same engine', async () => {
    const deadline = await computeDueDate(t.deps, {
      receivedAt: new Date('2026-03-06T09:00:00Z'),
      amount: 3,
      unit: 'working_days',
    });
    expect(deadline.dueAt.toISOString()).toBe('2026-03-11T10:30:00.000Z');
    await expect(computeDueDate(t.deps, { receivedAt: new Date(), unit: 'working_days' })).rejects.toThrow(
      'VALIDATION_FAILED',
    );
    const calendar = await loadWorkingCalendar(t.deps);
    expect(calendar.isWorkingDay('2026-02-17')).toBe(false);
    expect(calendar.isWorkingDay('2026-03-06')).toBe(true);
  });
});

describe('overrides through the API', () => {
  it('lets an administrator add, list and remove an announced day off, changing due dates at once', async () => {
    const query = 'receivedAt=2026-03-06T10:00&amount=1&unit=working_days';
    expect(await dueAt(query)).toBe('2026-03-09T17:30:00+07:00');

    const added = await t.inject({
      method: 'POST',
      url: '/api/v1/calendar/overrides',
      headers: { cookie: admin },
      payload: { date: '2026-03-09', kind: 'day_off', note: 'Nghỉ theo Thông báo số 1/TB' },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ date: '2026-03-09', weekday: 1, kind: 'day_off' });
    expect(added.json().createdBy).toMatch(/^user-/);
    expect(await dueAt(query)).toBe('2026-03-10T17:30:00+07:00');

    const holidays = (await get('/api/v1/calendar/holidays?year=2026')).json();
    expect(holidays.items).toContainEqual({
      date: '2026-03-09',
      weekday: 1,
      reason: 'announced_day_off',
      label: 'Nghỉ theo thông báo',
      note: 'Nghỉ theo Thông báo số 1/TB',
    });

    const list = await t.inject({
      method: 'GET',
      url: '/api/v1/calendar/overrides?year=2026',
      headers: { cookie: admin },
    });
    expect(list.json().items.map((o: { date: string }) => o.date)).toEqual(['2026-03-09']);

    const again = await t.inject({
      method: 'POST',
      url: '/api/v1/calendar/overrides',
      headers: { cookie: admin },
      payload: { date: '2026-03-09', kind: 'day_off', note: 'again' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields.date).toBe(
      'Ngày 09/03/2026 đã có điều chỉnh. Xóa điều chỉnh cũ trước khi nhập lại.',
    );

    const removed = await t.inject({
      method: 'DELETE',
      url: '/api/v1/calendar/overrides/2026-03-09',
      headers: { cookie: admin },
    });
    expect(removed.statusCode).toBe(204);
    expect(await dueAt(query)).toBe('2026-03-09T17:30:00+07:00');
    const gone = await t.inject({
      method: 'DELETE',
      url: '/api/v1/calendar/overrides/2026-03-09',
      headers: { cookie: admin },
    });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('CALENDAR_OVERRIDE_NOT_FOUND');

    const audits = (await calendarAudits()).filter((a) => a.target_id === '2026-03-09');
    expect(audits.map((a) => a.action)).toEqual(['calendar.override.add', 'calendar.override.delete']);
    expect(audits[0]!.actor_id).not.toBeNull();
    expect(audits[0]!.details).toEqual({ kind: 'day_off', note: 'Nghỉ theo Thông báo số 1/TB' });
  });

  it('makes a Saturday a working day, listed among the swapped working days', async () => {
    const added = await t.inject({
      method: 'POST',
      url: '/api/v1/calendar/overrides',
      headers: { cookie: admin },
      payload: { date: '2026-03-07', kind: 'working_day' },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(await dueAt('receivedAt=2026-03-06T10:00&amount=1&unit=working_days')).toBe(
      '2026-03-07T17:30:00+07:00',
    );
    const holidays = (await get('/api/v1/calendar/holidays?year=2026', { 'accept-language': 'en' })).json();
    expect(holidays.workingDays).toEqual([
      { date: '2026-03-07', weekday: 6, label: 'Make-up working day', replaces: 'weekend' },
    ]);
    await t.inject({
      method: 'DELETE',
      url: '/api/v1/calendar/overrides/2026-03-07',
      headers: { cookie: admin },
    });
  });

  it('refuses bad overrides with 400 and the fields named', async () => {
    const post = (payload: Record<string, unknown>) =>
      t.inject({ method: 'POST', url: '/api/v1/calendar/overrides', headers: { cookie: admin }, payload });
    const cases: [Record<string, unknown>, string][] = [
      [{ date: '2026-02-30', kind: 'day_off', note: 'x' }, 'date'],
      [{ date: '2200-01-01', kind: 'day_off', note: 'x' }, 'date'],
      [{ date: '03/09/2026', kind: 'day_off', note: 'x' }, 'date'],
      [{ date: '2026-03-09', kind: 'holiday', note: 'x' }, 'kind'],
      [{ date: '2026-03-09', kind: 'day_off' }, 'note'],
      [{ date: '2026-03-09', kind: 'day_off', note: 'x'.repeat(201) }, 'note'],
      [{ date: '2026-03-09', kind: 'working_day' }, 'date'],
      [{ date: '2026-03-08', kind: 'day_off', note: 'Chủ nhật' }, 'date'],
    ];
    for (const [payload, field] of cases) {
      const response = await post(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(Object.keys(response.json().error.fields), JSON.stringify(payload)).toEqual([field]);
    }
    const bad = await t.inject({
      method: 'DELETE',
      url: '/api/v1/calendar/overrides/2026-02-30',
      headers: { cookie: admin },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.date).toMatch(/không có trên lịch/);
  });

  it('answers 401 to signed-out callers and 403 to people who are not administrators', async () => {
    const payload = { date: '2026-03-09', kind: 'day_off', note: 'x' };
    expect((await t.inject({ method: 'GET', url: '/api/v1/calendar/overrides' })).statusCode).toBe(401);
    expect((await t.inject({ method: 'POST', url: '/api/v1/calendar/overrides', payload })).statusCode).toBe(
      401,
    );
    const forbidden = await t.inject({
      method: 'POST',
      url: '/api/v1/calendar/overrides',
      headers: { cookie: specialist },
      payload,
    });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('FORBIDDEN');
    const list = await t.inject({
      method: 'GET',
      url: '/api/v1/calendar/overrides',
      headers: { cookie: specialist },
    });
    expect(list.statusCode).toBe(403);
    const remove = await t.inject({
      method: 'DELETE',
      url: '/api/v1/calendar/overrides/2026-03-09',
      headers: { cookie: specialist },
    });
    expect(remove.statusCode).toBe(403);
  });

  it('documents the calendar endpoints in the OpenAPI document', async () => {
    const doc = (await get('/docs/json')).json();
    const dueDate = doc.paths['/api/v1/calendar/due-date'].get;
    expect(dueDate.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      'amount',
      'receivedAt',
      'unit',
    ]);
    expect(doc.paths['/api/v1/calendar/holidays'].get.tags).toEqual(['calendar']);
    expect(Object.keys(doc.paths['/api/v1/calendar/overrides'])).toEqual(
      expect.arrayContaining(['get', 'post']),
    );
    expect(doc.paths['/api/v1/calendar/overrides/{date}'].delete).toBeDefined();
    expect(doc.paths['/lich-lam-viec']).toBeUndefined();
  });
});

describe('the public calendar page', () => {
  it('shows the year’s days off with weekdays and reasons, and the navigation entry', async () => {
    const page = await get('/lich-lam-viec?year=2026');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Lịch làm việc năm 2026');
    expect(page.body).toContain('<time datetime="2026-02-17">17/02/2026</time>');
    expect(page.body).toContain('Tết Nguyên đán');
    expect(page.body).toContain('Giỗ Tổ Hùng Vương');
    expect(page.body).toContain('<caption>Ngày nghỉ lễ, Tết và nghỉ bù năm 2026</caption>');
    expect(page.body).toContain('<th scope="col">Thứ</th>');
    expect(page.body).toContain('href="/lich-lam-viec" aria-current="page"');
    // The calculator starts at the present moment (the test clock).
    expect(page.body).toContain('name="receivedDate" type="date" value="2026-03-02"');
    expect(page.body).toContain('value="10:00"');
  });

  it('shows administrators a link to change the year, and nobody else', async () => {
    const link = 'href="/quan-tri/lich?year=2026"';
    expect((await get('/lich-lam-viec?year=2026', { cookie: admin })).body).toContain(link);
    expect((await get('/lich-lam-viec?year=2026', { cookie: specialist })).body).not.toContain(link);
    expect((await get('/lich-lam-viec?year=2026')).body).not.toContain(link);
  });

  it('shows the compensatory day with the holiday it makes up for, in English too', async () => {
    const page = await get('/lich-lam-viec?year=2028&lang=en');
    expect(page.body).toContain('Compensatory day off for 30/04/2028 (Sunday)');
  });

  it('works out a due date from the GET form and shows it', async () => {
    const page = await get(
      '/lich-lam-viec?year=2026&receivedDate=2026-03-06&receivedTime=16h&amount=3&unit=working_days',
    );
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('17:30, Thứ Tư, ngày 11/03/2026');
    expect(page.body).toContain('16:00, Thứ Sáu, ngày 06/03/2026');
    expect(page.body).toContain('<option value="working_days" selected>');
  });

  it('re-renders the form with a 400 and an error summary for bad input', async () => {
    const page = await get(
      '/lich-lam-viec?year=2026&receivedDate=2030-02-30&receivedTime=25:00&amount=abc&unit=working_days',
    );
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('class="error-summary"');
    expect(page.body).toContain('<a href="#field-receivedDate">Ngày này không có trên lịch');
    expect(page.body).toContain('<a href="#field-receivedTime">Nhập giờ theo dạng giờ:phút');
    expect(page.body).toContain('<a href="#field-amount">Thời hạn phải là một số');
    expect(page.body).toContain('value="abc"');
  });

  it('shows the current year with an error for a year out of range, never a crash', async () => {
    const page = await get('/lich-lam-viec?year=99999');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Lịch làm việc năm 2026');
    expect(page.body).toContain('<a href="#field-year">Năm phải trong khoảng từ 1900 đến 2199.</a>');
    const repeated = await get('/lich-lam-viec?year=2026&unit=a&unit=b');
    expect(repeated.statusCode).toBe(400);
  });
});

describe('the administrators’ calendar page', () => {
  it('sends signed-out people to sign in and refuses people who are not administrators', async () => {
    const out = await get('/quan-tri/lich?year=2026');
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/login?next=%2Fquan-tri%2Flich%3Fyear%3D2026');
    const forbidden = await get('/quan-tri/lich', { cookie: specialist });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.body).toContain('Bạn không có quyền thực hiện thao tác này.');
  });

  it('adds an override through the form with CSRF, shows it, then removes it, auditing both', async () => {
    const { token, cookie } = await t.csrf('/quan-tri/lich?year=2027', admin);
    const before = (await calendarAudits()).length;
    const added = await t.inject({
      method: 'POST',
      url: '/quan-tri/lich',
      headers: { cookie },
      payload: { _csrf: token, date: '2027-02-05', kind: 'day_off', note: 'Nghỉ Tết theo thông báo' },
    });
    expect(added.statusCode, added.body).toBe(303);
    expect(added.headers.location).toBe('/quan-tri/lich?year=2027&added=2027-02-05');
    const page = await get(added.headers.location as string, { cookie });
    expect(page.body).toContain('Đã thêm điều chỉnh cho Thứ Sáu, ngày 05/02/2027.');
    expect(page.body).toContain('Nghỉ Tết theo thông báo');
    expect(page.body).toMatch(/Người nhập: user-/);
    expect(page.body).toMatch(/<caption>Điều chỉnh lịch năm 2027 \(1\)<\/caption>/);

    const removed = await t.inject({
      method: 'POST',
      url: '/quan-tri/lich/xoa',
      headers: { cookie },
      payload: { _csrf: token, date: '2027-02-05' },
    });
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe('/quan-tri/lich?year=2027&deleted=2027-02-05');
    const after = await get(removed.headers.location as string, { cookie });
    expect(after.body).toContain('Đã xóa điều chỉnh của Thứ Sáu, ngày 05/02/2027.');
    expect(after.body).toContain('Chưa có điều chỉnh nào cho năm 2027.');
    const audits = (await calendarAudits()).slice(before);
    expect(audits.map((a) => [a.action, a.target_id])).toEqual([
      ['calendar.override.add', '2027-02-05'],
      ['calendar.override.delete', '2027-02-05'],
    ]);
  });

  it('re-renders the form with 400 and per-field errors, keeping what was typed', async () => {
    const { token, cookie } = await t.csrf('/quan-tri/lich', admin);
    const response = await t.inject({
      method: 'POST',
      url: '/quan-tri/lich',
      headers: { cookie, 'accept-language': 'en' },
      payload: { _csrf: token, date: '2027-02-30', kind: 'day_off', note: '' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('class="error-summary"');
    expect(response.body).toContain('<a href="#field-date">That date does not exist');
    expect(response.body).toContain(
      '<a href="#field-note">Enter the reason for the day off, as announced.</a>',
    );
    expect(response.body).toContain('value="2027-02-30"');
    expect(response.body).toContain('aria-invalid="true"');
  });

  it('refuses a form without its CSRF token and changes nothing', async () => {
    const before = (await calendarAudits()).length;
    const response = await t.inject({
      method: 'POST',
      url: '/quan-tri/lich',
      headers: { cookie: admin },
      payload: { date: '2027-02-08', kind: 'day_off', note: 'x' },
    });
    expect(response.statusCode).toBe(403);
    expect((await calendarAudits()).length).toBe(before);
  });

  it('refuses a non-administrator’s form post with 403', async () => {
    const { token, cookie } = await t.csrf('/lich-lam-viec', specialist);
    const response = await t.inject({
      method: 'POST',
      url: '/quan-tri/lich',
      headers: { cookie },
      payload: { _csrf: token, date: '2027-02-08', kind: 'day_off', note: 'x' },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('the cached calendar', () => {
  it('picks up an override written by another process once the cache is a minute old', async () => {
    const ownClock = new FixedClock(new Date('2026-03-02T03:00:00Z'));
    const other = await buildTestApp({ clock: ownClock });
    try {
      expect((await loadWorkingCalendar(other.deps)).isWorkingDay('2026-03-09')).toBe(true);
      // Straight into the table, as another server sharing the database would.
      await other.deps.database.db
        .insertInto('calendar_overrides')
        .values({
          date: '2026-03-09',
          kind: 'day_off',
          note: 'x',
          created_by: null,
          created_at: ownClock.now(),
        })
        .execute();
      expect((await loadWorkingCalendar(other.deps)).isWorkingDay('2026-03-09')).toBe(true);
      ownClock.advance(61_000);
      expect((await loadWorkingCalendar(other.deps)).isWorkingDay('2026-03-09')).toBe(false);
    } finally {
      await other.close();
    }
  });
});
