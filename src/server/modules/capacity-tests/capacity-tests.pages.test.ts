import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { FixedClock } from '../../../shared/clock.js';
import { createOffice, createUser, TEST_PASSWORD } from '../../seed/factories.js';
import { QUESTION_COLUMNS } from './capacity-tests.xlsx.js';

const at = (iso: string) => new Date(`${iso}+07:00`);
const clock = new FixedClock(at('2026-03-02T09:00'));
let t: TestApp;
let office: Awaited<ReturnType<typeof createOffice>>;
const cookies: Record<string, string> = {};

const get = (url: string, who?: string) =>
  t.inject({ method: 'GET', url, ...(who ? { headers: { cookie: cookies[who]! } } : {}) });
const api = (method: 'POST' | 'PUT', url: string, who: string, payload?: unknown) =>
  t.inject({
    method,
    url,
    headers: { cookie: cookies[who]! },
    ...(payload ? { payload: payload as object } : {}),
  });

/** Posts a page's form as a browser would: with its CSRF token; `fields` may repeat a name. */
async function post(who: string, url: string, fields: [string, string][] = []) {
  const csrf = await t.csrf('/can-bo/kiem-tra', cookies[who]);
  const body = new URLSearchParams([...fields, ['_csrf', csrf.token]]);
  return t.inject({
    method: 'POST',
    url,
    headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

const audits = async (action: string) =>
  Number(
    (
      await t.deps.database.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', action)
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await buildTestApp({ clock, config: { homeUnitCode: '123' } });
  office = await createOffice(t.deps);
  const admin = await createUser(t.deps.database.db, { role: 'administrator', unitId: office.unit.id });
  for (const [name, user] of Object.entries({ ...office.staff, admin }))
    cookies[name] = await t.login(user.username, TEST_PASSWORD);
});
afterAll(() => t.close());

describe('access to the pages', () => {
  it('sends signed-out visitors to sign in and refuses citizens', async () => {
    const anonymous = await get('/can-bo/kiem-tra');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Fcan-bo%2Fkiem-tra');
    expect((await get('/can-bo/kiem-tra', 'citizen')).statusCode).toBe(403);
    expect((await get('/can-bo/kiem-tra/ngan-hang', 'specialist')).statusCode).toBe(403);
    expect((await get('/can-bo/kiem-tra/dot', 'counter')).statusCode).toBe(403);
  });

  it('link the tests and the scores from the staff navigation', async () => {
    const page = await get('/can-bo/kiem-tra', 'counter');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/can-bo/kiem-tra"');
    expect(page.body).toContain('href="/can-bo/cham-diem"');
  });
});

describe('managing banks and campaigns on the pages', () => {
  it('creates a bank, refusing a bad code with the form again', async () => {
    const bad = await post('admin', '/can-bo/kiem-tra/ngan-hang', [
      ['code', 'x y'],
      ['title', 'Ngân hàng'],
      ['topic', 'procedure_law'],
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('error-summary');
    const created = await post('admin', '/can-bo/kiem-tra/ngan-hang', [
      ['code', 'LAW'],
      ['title', 'Pháp luật về thủ tục hành chính'],
      ['topic', 'procedure_law'],
      ['unit', '123'],
    ]);
    expect(created.statusCode, created.body).toBe(303);
    expect(created.headers.location).toBe('/can-bo/kiem-tra/ngan-hang/LAW?tao=1');
  });

  it('adds questions with the form, and refuses one without an answer, changing nothing', async () => {
    const before = await audits('capacity.question.create');
    const noAnswer = await post('admin', '/can-bo/kiem-tra/ngan-hang/LAW/cau-hoi/moi', [
      ['kind', 'single'],
      ['prompt', 'Câu không có đáp án'],
      ['option_1', 'Một'],
      ['option_2', 'Hai'],
      ['active', 'on'],
    ]);
    expect(noAnswer.statusCode).toBe(400);
    expect(noAnswer.body).toContain('href="#field-options"');
    expect(await audits('capacity.question.create')).toBe(before);
    for (let n = 1; n <= 3; n++) {
      const added = await post('admin', '/can-bo/kiem-tra/ngan-hang/LAW/cau-hoi/moi', [
        ['kind', 'single'],
        ['prompt', `Câu hỏi số ${n}`],
        ['option_1', 'Đúng'],
        ['correct_1', 'on'],
        ['option_3', 'Sai'],
        ['explanation', 'Vì đúng.'],
        ['active', 'on'],
      ]);
      expect(added.statusCode, added.body).toBe(303);
    }
    const bank = await get('/can-bo/kiem-tra/ngan-hang/LAW', 'admin');
    expect(bank.body).toContain('Câu hỏi số 3');
    expect(await audits('capacity.question.create')).toBe(before + 3);
  });

  it('edits a question, and says so when someone changed it meanwhile', async () => {
    const form = await get('/can-bo/kiem-tra/ngan-hang/LAW/cau-hoi/Q001', 'admin');
    expect(form.body).toContain('value="Đúng"');
    const fields: [string, string][] = [
      ['version', '1'],
      ['kind', 'single'],
      ['prompt', 'Câu hỏi số 1 (đã sửa)'],
      ['option_1', 'Đúng'],
      ['correct_1', 'on'],
      ['option_2', 'Sai'],
      ['active', 'on'],
    ];
    expect((await post('admin', '/can-bo/kiem-tra/ngan-hang/LAW/cau-hoi/Q001', fields)).statusCode).toBe(303);
    const stale = await post('admin', '/can-bo/kiem-tra/ngan-hang/LAW/cau-hoi/Q001', fields);
    expect(stale.statusCode).toBe(400);
    expect(stale.body).toContain('error-summary');
  });

  it('imports a workbook, listing every rejected row with its reason', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('questions');
    sheet.addRow([...QUESTION_COLUMNS]);
    const row = (cells: Record<string, string>) =>
      sheet.addRow(QUESTION_COLUMNS.map((c) => cells[c] ?? null));
    row({ question: 'Câu nhập một', option_a: 'A', option_b: 'B', correct: 'a' });
    row({ question: 'Câu nhập hai', option_a: 'A', option_b: 'B' });
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const csrf = await t.csrf('/can-bo/kiem-tra/ngan-hang/LAW/nhap', cookies.admin);
    const boundary = '----capacity-page';
    const part = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const send = (file: Buffer) =>
      t.inject({
        method: 'POST',
        url: '/can-bo/kiem-tra/ngan-hang/LAW/nhap',
        headers: { cookie: csrf.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat([
          Buffer.from(part('_csrf', csrf.token)),
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="q.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
          ),
          file,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      });
    const refused = await send(bytes);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Thiếu đáp án đúng');
    expect(refused.body).toMatch(/<td class="num">3<\/td>\s*<td class="code">correct<\/td>/);
    sheet.spliceRows(3, 1);
    const done = await send(Buffer.from(await book.xlsx.writeBuffer()));
    expect(done.statusCode, done.body).toBe(200);
    expect(done.body).toContain('1 câu mới');
    // Without the form's token nothing is read.
    const forged = await t.inject({
      method: 'POST',
      url: '/can-bo/kiem-tra/ngan-hang/LAW/nhap',
      headers: { cookie: csrf.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.from(`${part('_csrf', 'x'.repeat(43))}--${boundary}--\r\n`),
    });
    expect(forged.statusCode).toBe(403);
  });

  it('answers odd characters in a unit code with the form again, not a failure', async () => {
    const response = await post('admin', '/can-bo/kiem-tra/dot/moi', [
      ['code', 'KT-NUL'],
      ['title', 'Thử'],
      ['unit', '\u0000'],
      ['opensAt', '2026-03-02T08:00'],
      ['closesAt', '2026-03-03T08:00'],
    ]);
    expect(response.statusCode).toBe(400);
    const grant = await post('admin', '/can-bo/kiem-tra/dot/KT-NUL/cap-luot', [
      ['username', 'a\u0000b'],
      ['reason', 'Thử'],
    ]);
    expect(grant.statusCode).toBeLessThan(500);
  });

  it('creates a campaign, refusing a window that closes before it opens', async () => {
    const fields = (closes: string): [string, string][] => [
      ['code', 'KT-PAGE'],
      ['title', 'Kiểm tra trên trang'],
      ['unit', '123'],
      ['opensAt', '2026-03-02T08:00'],
      ['closesAt', closes],
      ['durationMinutes', '10'],
      ['passMark', '50'],
      ['draw_procedure_law', '2'],
      ['draw_one_stop', '0'],
      ['draw_digital_skills', ''],
      ['draw_unit_field', '0'],
      ['audienceUnits', '123'],
      ['roles', 'counter_officer'],
      ['roles', 'specialist'],
    ];
    const reversed = await post('admin', '/can-bo/kiem-tra/dot/moi', fields('2026-03-01T08:00'));
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('href="#field-closesAt"');
    const created = await post('admin', '/can-bo/kiem-tra/dot/moi', fields('2026-03-06T17:00'));
    expect(created.statusCode, created.body).toBe(303);
    const page = await get('/can-bo/kiem-tra/dot/KT-PAGE', 'admin');
    expect(page.body).toContain('Công bố đợt kiểm tra');
    const published = await post('admin', '/can-bo/kiem-tra/dot/KT-PAGE/cong-bo');
    expect(published.statusCode).toBe(303);
    expect((await get('/can-bo/kiem-tra/dot/KT-PAGE?cong-bo=1', 'admin')).body).toContain(
      'Kết quả theo đơn vị',
    );
  });
});

describe('taking a test without JavaScript', () => {
  let attempt: number;

  it('lists the test, starts it with the button, and shows the first question with the time left', async () => {
    const mine = await get('/can-bo/kiem-tra', 'counter');
    expect(mine.body).toContain('Kiểm tra trên trang');
    const started = await post('counter', '/can-bo/kiem-tra/KT-PAGE');
    expect(started.statusCode).toBe(303);
    const match = /^\/can-bo\/kiem-tra\/bai\/(\d+)\/cau\/1$/.exec(started.headers.location as string);
    expect(match).not.toBeNull();
    attempt = Number(match![1]);
    const question = await get(started.headers.location as string, 'counter');
    expect(question.statusCode).toBe(200);
    expect(question.body).toContain('data-remaining="600"');
    expect(question.body).toContain('Câu 1/2');
    expect(question.body).toContain('/assets/capacity-test.js');
    expect(question.body).not.toContain('correct');
  });

  it('saves the answer each form posts and goes where its button says; a bad option is a 400', async () => {
    const next = await post('counter', `/can-bo/kiem-tra/bai/${attempt}/cau/1`, [
      ['answer', 'a'],
      ['go', 'next'],
    ]);
    expect(next.statusCode).toBe(303);
    expect(next.headers.location).toBe(`/can-bo/kiem-tra/bai/${attempt}/cau/2`);
    const page = await get(`/can-bo/kiem-tra/bai/${attempt}/cau/1`, 'counter');
    expect(page.body).toMatch(/value="a"\s+checked/);
    const bad = await post('counter', `/can-bo/kiem-tra/bai/${attempt}/cau/2`, [['answer', 'q']]);
    expect(bad.statusCode).toBe(400);
    expect((await get(`/can-bo/kiem-tra/bai/${attempt}/cau/3`, 'counter')).statusCode).toBe(404);
    const review = await post('counter', `/can-bo/kiem-tra/bai/${attempt}/cau/2`, [
      ['answer', 'b'],
      ['go', 'review'],
    ]);
    expect(review.headers.location).toBe(`/can-bo/kiem-tra/bai/${attempt}/nop`);
    expect((await get(review.headers.location as string, 'counter')).body).toContain(
      'Bạn đã trả lời cả 2 câu',
    );
  });

  it('after the deadline, sends an answer’s form to the result, saying time was up', async () => {
    clock.set(at('2026-03-02T09:10'));
    const late = await post('counter', `/can-bo/kiem-tra/bai/${attempt}/cau/1`, [['answer', 'b']]);
    expect(late.statusCode).toBe(303);
    expect(late.headers.location).toBe(`/can-bo/kiem-tra/bai/${attempt}/ket-qua?het-gio=1`);
    const result = await get(late.headers.location as string, 'counter');
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('Đã hết giờ');
    expect(result.body).toContain('Đáp án và giải thích được công bố sau khi đợt kiểm tra kết thúc');
    // The question pages now lead to the result.
    expect((await get(`/can-bo/kiem-tra/bai/${attempt}/cau/1`, 'counter')).headers.location).toBe(
      `/can-bo/kiem-tra/bai/${attempt}/ket-qua`,
    );
    const again = await post('counter', '/can-bo/kiem-tra/KT-PAGE');
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('hết số lượt');
  });

  it('hands in with the review page’s button', async () => {
    clock.set(at('2026-03-02T09:20'));
    const started = await api('POST', '/api/v1/capacity-tests/campaigns/KT-PAGE/attempts', 'specialist');
    const id = started.json().id as number;
    const submitted = await post('specialist', `/can-bo/kiem-tra/bai/${id}/nop`);
    expect(submitted.headers.location).toBe(`/can-bo/kiem-tra/bai/${id}/ket-qua`);
    const result = await get(submitted.headers.location as string, 'specialist');
    expect(result.body).toContain('Trả lời đúng 0/2 câu');
    expect(result.body).not.toContain('Đã hết giờ');
    expect(await audits('capacity.attempt.submit')).toBe(1);
    expect(await audits('capacity.attempt.close')).toBe(1);
  });

  it('lets an administrator grant another attempt with a reason, refusing one without', async () => {
    const noReason = await post('admin', '/can-bo/kiem-tra/dot/KT-PAGE/cap-luot', [
      ['username', office.staff.counter.username],
      ['reason', ''],
    ]);
    expect(noReason.statusCode).toBe(400);
    const granted = await post('admin', '/can-bo/kiem-tra/dot/KT-PAGE/cap-luot', [
      ['username', office.staff.counter.username],
      ['reason', 'Mất kết nối mạng'],
    ]);
    expect(granted.statusCode).toBe(303);
    const twice = await post('admin', '/can-bo/kiem-tra/dot/KT-PAGE/cap-luot', [
      ['username', office.staff.counter.username],
      ['reason', 'Lần nữa'],
    ]);
    expect(twice.statusCode).toBe(409);
    expect((await post('counter', '/can-bo/kiem-tra/KT-PAGE')).statusCode).toBe(303);
  });

  it('shows the right answers once the campaign has closed', async () => {
    clock.set(at('2026-03-07T09:00'));
    cookies.specialist = await t.login(office.staff.specialist.username, TEST_PASSWORD);
    const mine = await get('/can-bo/kiem-tra', 'specialist');
    const id = /\/can-bo\/kiem-tra\/bai\/(\d+)\/ket-qua/.exec(mine.body)![1];
    const result = await get(`/can-bo/kiem-tra/bai/${id}/ket-qua`, 'specialist');
    expect(result.body).toContain('Đáp án và giải thích');
    expect(result.body).toContain('đáp án đúng');
    cookies.leader = await t.login(office.staff.leader.username, TEST_PASSWORD);
    const exported = await get('/can-bo/kiem-tra/dot/KT-PAGE/xuat', 'leader');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('ket-qua-KT-PAGE.xlsx');
  });
});
