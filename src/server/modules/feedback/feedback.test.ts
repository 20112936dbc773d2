import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { FixedClock } from '../../../shared/clock.js';
import { createAgency, createOffice, createUnit, createUser, TEST_PASSWORD } from '../../seed/factories.js';
import { checkFeedbackDeadlines } from './feedback.service.js';

// Monday 2 March 2026, 09:00 in Vietnam.
const START = new Date('2026-03-02T02:00:00Z');
const clock = new FixedClock(START);

let t: TestApp;
let office: Awaited<ReturnType<typeof createOffice>>;
let ward: { id: number; code: string };
let wardAgency: { id: number; code: string };
const cookies: Record<string, string> = {};

const json = (
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  options: { cookie?: string | undefined; payload?: unknown; lang?: string; from?: string } = {},
) =>
  t.inject({
    method,
    url,
    remoteAddress: options.from ?? '127.0.0.1',
    headers: {
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.lang ? { 'accept-language': options.lang } : {}),
    },
    ...(options.payload === undefined ? {} : { payload: options.payload as Record<string, unknown> }),
  });

const count = async (table: 'feedback_items' | 'feedback_events' | 'files' | 'notifications' | 'audit_log') =>
  Number(
    (
      await t.deps.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const row = (code: string) =>
  t.deps.database.db
    .selectFrom('feedback_items')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirstOrThrow();

const valid = {
  kind: 'complaint',
  subjectType: 'unit',
  body: 'Bộ phận Một cửa không niêm yết số điện thoại đường dây nóng.',
};

/** Sends feedback through the API; returns the receipt. */
// Each sender from an address of their own: the per-address limit is tested on its own.
let senders = 0;
async function send(payload: Record<string, unknown> = valid, cookie?: string) {
  const from = `10.0.${Math.floor(++senders / 250)}.${senders % 250}`;
  const response = await json('POST', '/api/v1/feedback', { payload, cookie, from });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { code: string; accessKey: string; dueAt: string; status: string };
}

const staff = async (code: string, cookie: string) =>
  json('GET', `/api/v1/staff/feedback/${code}`, { cookie });
const versionOf = async (code: string) => (await row(code)).version;

beforeAll(async () => {
  t = await buildTestApp({ clock, config: { homeUnitCode: '123', publicUrl: 'https://motcua.example' } });
  const db = t.deps.database.db;
  office = await createOffice(t.deps, { unitCode: '123' });
  ward = await createUnit(db, {
    code: '90001',
    name: 'Phường Thử',
    typeCode: 'ward',
    parentId: office.unit.id,
  });
  wardAgency = await createAgency(db, {
    unitId: ward.id,
    kind: 'peoples_committee',
    name: 'UBND Phường Thử',
  });
  const admin = await createUser(db, { role: 'administrator', unitId: office.unit.id });
  const wardOfficer = await createUser(db, { role: 'specialist', unitId: ward.id, agencyId: wardAgency.id });
  const head = await createUser(db, {
    role: 'unit_head',
    unitId: office.unit.id,
    agencyId: office.department.id,
    email: 'truongphong@example.vn',
  });
  const counterHead = await createUser(db, {
    role: 'unit_head',
    unitId: office.unit.id,
    agencyId: office.counter.id,
    email: 'vanphong@example.vn',
  });
  for (const [name, user] of Object.entries({
    admin,
    wardOfficer,
    head,
    counterHead,
    counter: office.staff.counter,
    specialist: office.staff.specialist,
    leader: office.staff.leader,
    citizen: office.staff.citizen,
  }))
    cookies[name] = await t.login(user.username, TEST_PASSWORD);
});
afterAll(() => t.close());

describe('receiving feedback', () => {
  it('takes anonymous feedback with a public code, a one-time key and an answer due ten working days later', async () => {
    const before = await count('feedback_events');
    const receipt = await send();
    expect(receipt).toEqual({
      code: 'PA-260302-0001',
      accessKey: expect.stringMatching(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/),
      status: 'received',
      receivedAt: START.toISOString(),
      // Ten working days from Monday 2 March: Monday 16 March at closing time (17:30 in Vietnam).
      dueAt: '2026-03-16T10:30:00.000Z',
      unit: { code: '123', name: expect.any(String) },
    });
    const stored = await row(receipt.code);
    expect(stored).toMatchObject({
      kind: 'complaint',
      subject_type: 'unit',
      channel: 'web',
      status: 'received',
      unit_id: office.unit.id,
      agency_id: null,
      time_limit_days: 10,
      sender_name: null,
      sender_phone: null,
      publish_consent: false,
    });
    // Only the key's hash is kept.
    expect(stored.access_key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(receipt.accessKey.replace('-', ''));
    expect(await count('feedback_events')).toBe(before + 1);
  });

  it('numbers the day’s items in sequence and keeps the sender’s details, the officer’s name and the procedure', async () => {
    const receipt = await send({
      kind: 'recommendation',
      subjectType: 'procedure',
      procedureCode: office.procedure.code,
      unitCode: ward.code,
      body: 'Đề nghị cho nộp bản chụp giấy tờ thay bản sao chứng thực.',
      senderName: 'Nguyễn Văn Dân',
      senderPhone: '0912 345 678',
      senderEmail: 'Dan@Example.vn',
      publishConsent: true,
    });
    expect(receipt.code).toBe('PA-260302-0002');
    expect(await row(receipt.code)).toMatchObject({
      kind: 'recommendation',
      procedure_code: office.procedure.code,
      unit_id: ward.id,
      sender_name: 'Nguyễn Văn Dân',
      sender_phone: '0912345678',
      sender_email: 'dan@example.vn',
      publish_consent: true,
    });
    const officer = await send({
      kind: 'complaint',
      subjectType: 'officer',
      officerName: 'Cán bộ quầy số 2',
      // A procedure code sent with another subject is not kept.
      procedureCode: office.procedure.code,
      body: 'Cán bộ yêu cầu nộp thêm giấy tờ không có trong thủ tục.',
    });
    expect(await row(officer.code)).toMatchObject({ officer_name: 'Cán bộ quầy số 2', procedure_code: null });
  });

  it('lets staff record feedback from the counter or the hotline, and nobody else', async () => {
    const recorded = await send({ ...valid, channel: 'hotline' }, cookies.counter);
    expect(await row(recorded.code)).toMatchObject({ channel: 'hotline', sender_user_id: null });
    const before = await count('feedback_items');
    expect(
      (await json('POST', '/api/v1/feedback', { payload: { ...valid, channel: 'counter' } })).statusCode,
    ).toBe(401);
    const citizen = await json('POST', '/api/v1/feedback', {
      payload: { ...valid, channel: 'counter' },
      cookie: cookies.citizen,
    });
    expect(citizen.statusCode).toBe(403);
    expect(await count('feedback_items')).toBe(before);
  });

  const bad: [string, Record<string, unknown>, string, string][] = [
    ['no text', { ...valid, body: '' }, 'body', 'Nhập nội dung'],
    ['only spaces', { ...valid, body: '   \n  ' }, 'body', 'Nhập nội dung'],
    ['too short a text', { ...valid, body: 'Chậm quá' }, 'body', 'ít nhất 10 ký tự'],
    ['oversized text', { ...valid, body: 'a'.repeat(4001) }, 'body', 'Không được quá 4000 ký tự'],
    [
      'a NUL byte in the text',
      { ...valid, body: 'Nội dung có ký tự \u0000 lạ ở đây' },
      'body',
      'ký tự không hợp lệ',
    ],
    ['an unknown kind', { ...valid, kind: 'praise' }, 'kind', 'Chọn phản ánh hoặc kiến nghị'],
    [
      'an unknown subject',
      { ...valid, subjectType: 'weather' },
      'subjectType',
      'Chọn phản ánh, kiến nghị về việc gì',
    ],
    [
      'a unit outside the deployment',
      { ...valid, unitCode: '99999' },
      'unitCode',
      'Chọn một đơn vị trong danh sách',
    ],
    ['a malformed unit', { ...valid, unitCode: '../x' }, 'unitCode', 'Chọn một đơn vị trong danh sách'],
    [
      'an unknown procedure',
      { ...valid, subjectType: 'procedure', procedureCode: '9.999999' },
      'procedureCode',
      'Không có thủ tục nào với mã này',
    ],
    [
      'a procedure subject without its code',
      { ...valid, subjectType: 'procedure' },
      'procedureCode',
      'Nhập mã thủ tục',
    ],
    [
      'an officer subject without a name',
      { ...valid, subjectType: 'officer' },
      'officerName',
      'Nhập tên hoặc vị trí',
    ],
    ['a bad phone number', { ...valid, senderPhone: '12345' }, 'senderPhone', 'Nhập số di động 10 chữ số'],
    [
      'a bad e-mail address',
      { ...valid, senderEmail: 'khong-phai-thu' },
      'senderEmail',
      'Địa chỉ thư điện tử không hợp lệ',
    ],
    ['a text that is not a string', { ...valid, body: 12345678901 }, 'body', ''],
  ];
  for (const [what, payload, field, message] of bad) {
    it(`refuses feedback with ${what}: a translated 400 naming the field, nothing stored`, async () => {
      const before = [await count('feedback_items'), await count('feedback_events')];
      const response = await json('POST', '/api/v1/feedback', { payload });
      expect(response.statusCode, response.body).toBe(400);
      const body = response.json();
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.fields[field]).toContain(message);
      expect([await count('feedback_items'), await count('feedback_events')]).toEqual(before);
    });
  }

  it('says what is wrong in English when asked', async () => {
    const response = await json('POST', '/api/v1/feedback', { payload: { ...valid, body: '' }, lang: 'en' });
    expect(response.json().error.fields.body).toBe('Enter the text');
  });

  it('refuses a malformed JSON body with a 400, and never answers 5xx', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/feedback',
      headers: { 'content-type': 'application/json' },
      payload: '{"kind":',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('INVALID_JSON');
  });
});

describe('the per-address limit', () => {
  it('takes at most 20 items from one address in 10 minutes, then a translated 429 that stores nothing', async () => {
    clock.set(new Date('2026-03-03T02:00:00Z'));
    for (let i = 0; i < 20; i++)
      expect((await json('POST', '/api/v1/feedback', { payload: valid, from: '192.0.2.7' })).statusCode).toBe(
        201,
      );
    const before = await count('feedback_items');
    const blocked = await json('POST', '/api/v1/feedback', { payload: valid, from: '192.0.2.7' });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.message).toBe('Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau.');
    expect(await count('feedback_items')).toBe(before);
    // Another address is not held back.
    expect((await json('POST', '/api/v1/feedback', { payload: valid, from: '192.0.2.8' })).statusCode).toBe(
      201,
    );
    clock.set(START);
  });
});

describe('the time limit', () => {
  it('is ten working days by default and set by administrators only, audited, for new items', async () => {
    expect((await json('GET', '/api/v1/feedback/settings')).json()).toMatchObject({ timeLimitDays: 10 });
    expect(
      (await json('PUT', '/api/v1/feedback/settings', { payload: { timeLimitDays: 5 } })).statusCode,
    ).toBe(401);
    expect(
      (
        await json('PUT', '/api/v1/feedback/settings', {
          payload: { timeLimitDays: 5 },
          cookie: cookies.head,
        })
      ).statusCode,
    ).toBe(403);
    for (const timeLimitDays of [0, 61, 'mười', 2.5]) {
      const response = await json('PUT', '/api/v1/feedback/settings', {
        payload: { timeLimitDays },
        cookie: cookies.admin,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.fields.timeLimitDays).toBe('Nhập số ngày làm việc từ 1 đến 60');
    }
    const audits = await count('audit_log');
    const changed = await json('PUT', '/api/v1/feedback/settings', {
      payload: { timeLimitDays: 5 },
      cookie: cookies.admin,
    });
    expect(changed.json()).toMatchObject({ timeLimitDays: 5 });
    expect(await count('audit_log')).toBe(audits + 1);
    const receipt = await send();
    // Five working days from Monday 2 March: Monday 9 March, 17:30.
    expect(receipt.dueAt).toBe('2026-03-09T10:30:00.000Z');
    expect((await row(receipt.code)).time_limit_days).toBe(5);
    await json('PUT', '/api/v1/feedback/settings', { payload: { timeLimitDays: 10 }, cookie: cookies.admin });
  });
});

describe('looking feedback up', () => {
  it('shows where an item stands by its code, and its texts only with the sender’s key', async () => {
    const receipt = await send({ ...valid, body: 'Nội dung riêng tư của người gửi phản ánh.' });
    const plain = (await json('GET', `/api/v1/feedback/${receipt.code}`)).json();
    expect(plain).toMatchObject({
      code: receipt.code,
      status: 'received',
      full: false,
      body: null,
      answer: null,
    });
    const full = (
      await json(
        'GET',
        `/api/v1/feedback/${receipt.code.toLowerCase()}?key=${receipt.accessKey.toLowerCase()}`,
      )
    ).json();
    expect(full).toMatchObject({ full: true, body: 'Nội dung riêng tư của người gửi phản ánh.' });
    const wrong = await json('GET', `/api/v1/feedback/${receipt.code}?key=AAAA-AAAA`);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.key).toBe('Mã tra cứu không đúng với mã phản ánh này');
    const malformed = await json('GET', `/api/v1/feedback/${receipt.code}?key=0000`);
    expect(malformed.statusCode).toBe(400);
    const unknown = await json('GET', '/api/v1/feedback/PA-260302-9999');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({
      code: 'FEEDBACK_NOT_FOUND',
      message: 'Không tìm thấy phản ánh, kiến nghị với mã này.',
    });
    expect((await json('GET', '/api/v1/feedback/not-a-code')).statusCode).toBe(400);
  });

  it('stops guessing keys after ten wrong ones a minute for one item', async () => {
    const receipt = await send();
    for (let i = 0; i < 10; i++)
      expect((await json('GET', `/api/v1/feedback/${receipt.code}?key=BBBB-BBBB`)).statusCode).toBe(400);
    const blocked = await json('GET', `/api/v1/feedback/${receipt.code}?key=${receipt.accessKey}`);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('60');
    clock.advance(61_000);
    expect((await json('GET', `/api/v1/feedback/${receipt.code}?key=${receipt.accessKey}`)).json().full).toBe(
      true,
    );
    clock.set(START);
  });
});

describe('handling feedback', () => {
  it('shows each officer only the items of the units they serve (404 otherwise), and nothing to citizens', async () => {
    const atTown = await send();
    const atWard = await send({ ...valid, unitCode: ward.code });
    for (const name of ['counter', 'specialist', 'head', 'leader', 'admin'])
      expect((await staff(atTown.code, cookies[name]!)).statusCode, name).toBe(200);
    expect((await staff(atTown.code, cookies.wardOfficer!)).statusCode).toBe(404);
    expect((await staff(atWard.code, cookies.wardOfficer!)).statusCode).toBe(200);
    // The town's leader oversees the wards; the town's specialist serves the town only.
    expect((await staff(atWard.code, cookies.leader!)).statusCode).toBe(200);
    expect((await staff(atWard.code, cookies.specialist!)).statusCode).toBe(404);
    expect((await staff(atTown.code, cookies.citizen!)).statusCode).toBe(403);
    expect((await json('GET', '/api/v1/staff/feedback', { cookie: cookies.citizen })).statusCode).toBe(403);
    expect((await json('GET', '/api/v1/staff/feedback')).statusCode).toBe(401);
    const queue = (
      await json('GET', '/api/v1/staff/feedback?queue=new', { cookie: cookies.wardOfficer })
    ).json();
    expect(queue.items.map((i: { code: string }) => i.code)).toContain(atWard.code);
    expect(new Set(queue.items.map((i: { unit: { code: string } }) => i.unit.code))).toEqual(
      new Set([ward.code]),
    );
    expect(queue.counts).toMatchObject({ new: queue.total, open: queue.total, answered: 0 });
  });

  it('routes an item to an agency: the counter hands it over, the agency’s staff take it on, with an event and an audit entry', async () => {
    const receipt = await send();
    const detail = (await staff(receipt.code, cookies.counter!)).json();
    expect(detail.allowedActions).toEqual(['triage']);
    const events = await count('feedback_events');
    const audits = await count('audit_log');
    const routed = await json('POST', `/api/v1/staff/feedback/${receipt.code}/triage`, {
      cookie: cookies.counter,
      payload: {
        expectedVersion: detail.version,
        unitCode: '123',
        agencyCode: office.department.code,
        officerUsername: office.staff.specialist.username,
        note: 'Chuyển Phòng xem xét',
      },
    });
    expect(routed.statusCode, routed.body).toBe(200);
    // Routed to another agency: nothing is left for the counter to do.
    expect(routed.json()).toMatchObject({
      status: 'triaged',
      agency: { code: office.department.code },
      officer: { username: office.staff.specialist.username },
      allowedActions: [],
    });
    expect(await count('feedback_events')).toBe(events + 1);
    expect(await count('audit_log')).toBe(audits + 1);
    // Now the department's item: the counter (another agency) no longer sees it.
    expect((await staff(receipt.code, cookies.counter!)).statusCode).toBe(404);
    expect((await staff(receipt.code, cookies.specialist!)).json().allowedActions).toEqual([
      'triage',
      'answer',
    ]);
    expect((await staff(receipt.code, cookies.head!)).json().allowedActions).toEqual([
      'triage',
      'answer',
      'close',
    ]);
  });

  it('refuses a bad routing with a translated 400 (or 409 for a stale version) and changes nothing', async () => {
    const receipt = await send();
    const version = await versionOf(receipt.code);
    const attempts: [Record<string, unknown>, number, string, string][] = [
      [{ unitCode: '99999' }, 400, 'unitCode', 'Chọn một đơn vị trong danh sách'],
      [{ unitCode: '123', agencyCode: wardAgency.code }, 400, 'agencyCode', 'không thuộc đơn vị đã chọn'],
      [{ unitCode: '123', officerUsername: 'khong-co-ai' }, 400, 'officerUsername', 'Không có cán bộ nào'],
      [
        { unitCode: '123', officerUsername: office.staff.citizen.username },
        400,
        'officerUsername',
        'Không có cán bộ nào',
      ],
      [{ unitCode: '' }, 400, 'unitCode', 'Vui lòng nhập thông tin này'],
    ];
    for (const [payload, status, field, message] of attempts) {
      const response = await json('POST', `/api/v1/staff/feedback/${receipt.code}/triage`, {
        cookie: cookies.counter,
        payload: { expectedVersion: version, ...payload },
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(response.json().error.fields[field]).toContain(message);
    }
    const stale = await json('POST', `/api/v1/staff/feedback/${receipt.code}/triage`, {
      cookie: cookies.counter,
      payload: { expectedVersion: version + 1, unitCode: '123' },
    });
    expect(stale.statusCode).toBe(409);
    expect(await row(receipt.code)).toMatchObject({ status: 'received', version, agency_id: null });
  });

  it('takes an answer from the right roles only, records whether it was upheld, and publishes it when the sender agreed', async () => {
    const consenting = await send({ ...valid, publishConsent: true, senderEmail: 'nguoigui@example.vn' });
    const notifications = await count('notifications');
    const version = await versionOf(consenting.code);
    const byCounter = await json('POST', `/api/v1/staff/feedback/${consenting.code}/answer`, {
      cookie: cookies.counter,
      payload: {
        expectedVersion: version,
        answer: 'Đã kiểm tra và niêm yết số đường dây nóng.',
        upheld: true,
      },
    });
    expect(byCounter.statusCode).toBe(403);
    for (const [payload, field, message] of [
      [{ answer: 'Ngắn', upheld: true }, 'answer', 'ít nhất 10 ký tự'],
      [{ answer: '', upheld: true }, 'answer', 'Nhập nội dung'],
      [{ answer: 'Đã kiểm tra và niêm yết số đường dây nóng.' }, 'upheld', 'Chọn kết quả xem xét'],
    ] as const) {
      const response = await json('POST', `/api/v1/staff/feedback/${consenting.code}/answer`, {
        cookie: cookies.specialist,
        payload: { expectedVersion: version, ...payload },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.fields[field]).toContain(message);
    }
    const answered = await json('POST', `/api/v1/staff/feedback/${consenting.code}/answer`, {
      cookie: cookies.specialist,
      payload: {
        expectedVersion: version,
        answer: 'Đã kiểm tra và niêm yết số đường dây nóng.',
        upheld: true,
      },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({
      status: 'answered',
      upheld: true,
      answeredAt: START.toISOString(),
      publishedAt: expect.any(String),
      allowedActions: [],
    });
    // The sender left an address: the answer is e-mailed, through the notifications outbox.
    expect(await count('notifications')).toBe(notifications + 1);
    const mail = await t.deps.database.db
      .selectFrom('notifications')
      .selectAll()
      .where('feedback_id', '=', (await row(consenting.code)).id)
      .executeTakeFirstOrThrow();
    expect(mail).toMatchObject({
      application_id: null,
      address: 'nguoigui@example.vn',
      kind: 'feedback_answered',
      audience: 'applicant',
      subject: `Trả lời phản ánh, kiến nghị ${consenting.code}`,
    });
    expect(mail.body_text).toContain('Đã kiểm tra và niêm yết số đường dây nóng.');
    expect(mail.body_text).toContain('Phản ánh đúng');
    // Published: in the public list and on its own.
    const list = (await json('GET', '/api/v1/feedback')).json();
    expect(list.items.map((i: { code: string }) => i.code)).toContain(consenting.code);
    expect((await json('GET', `/api/v1/feedback/${consenting.code}/published`)).json()).toMatchObject({
      answer: 'Đã kiểm tra và niêm yết số đường dây nóng.',
      upheld: true,
    });
    // Answered once: a second answer is refused.
    const again = await json('POST', `/api/v1/staff/feedback/${consenting.code}/answer`, {
      cookie: cookies.head,
      payload: {
        expectedVersion: version + 1,
        answer: 'Trả lời lần thứ hai cho cùng phản ánh.',
        upheld: false,
      },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ACTION_NOT_ALLOWED');
  });

  it('keeps an answer private when the sender did not agree, even if staff ask to publish it', async () => {
    const privateOne = await send();
    const response = await json('POST', `/api/v1/staff/feedback/${privateOne.code}/answer`, {
      cookie: cookies.head,
      payload: {
        expectedVersion: await versionOf(privateOne.code),
        answer: 'Phản ánh không đúng: số đường dây nóng đã niêm yết.',
        upheld: false,
        publish: true,
      },
    });
    expect(response.json()).toMatchObject({ status: 'answered', upheld: false, publishedAt: null });
    expect((await json('GET', `/api/v1/feedback/${privateOne.code}/published`)).statusCode).toBe(404);
    const list = (await json('GET', '/api/v1/feedback')).json();
    expect(list.items.map((i: { code: string }) => i.code)).not.toContain(privateOne.code);
  });

  it('closes an item without an answer, by heads and leaders only, with a reason', async () => {
    const receipt = await send();
    const version = await versionOf(receipt.code);
    const path = `/api/v1/staff/feedback/${receipt.code}/close`;
    expect(
      (
        await json('POST', path, {
          cookie: cookies.specialist,
          payload: { expectedVersion: version, reason: 'Trùng lặp' },
        })
      ).statusCode,
    ).toBe(403);
    const short = await json('POST', path, {
      cookie: cookies.leader,
      payload: { expectedVersion: version, reason: 'x' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields.reason).toContain('ít nhất 5 ký tự');
    const closed = await json('POST', path, {
      cookie: cookies.leader,
      payload: { expectedVersion: version, reason: 'Trùng với phản ánh đã trả lời.' },
    });
    expect(closed.json()).toMatchObject({
      status: 'closed',
      closeReason: 'Trùng với phản ánh đã trả lời.',
      answer: null,
    });
    expect(await row(receipt.code)).toMatchObject({ status: 'closed', answered_at: null, upheld: null });
  });
});

describe('reminders before the deadline', () => {
  it('e-mails the responsible unit’s heads once when an item turns due soon and once when it is overdue', async () => {
    clock.set(START);
    const routed = await send();
    await json('POST', `/api/v1/staff/feedback/${routed.code}/triage`, {
      cookie: cookies.counter,
      payload: {
        expectedVersion: await versionOf(routed.code),
        unitCode: '123',
        agencyCode: office.department.code,
      },
    });
    const answered = await send();
    await json('POST', `/api/v1/staff/feedback/${answered.code}/answer`, {
      cookie: cookies.head,
      payload: {
        expectedVersion: await versionOf(answered.code),
        answer: 'Đã trả lời trước hạn.',
        upheld: true,
      },
    });
    const id = (await row(routed.code)).id;
    const mails = () =>
      t.deps.database.db
        .selectFrom('notifications')
        .select(['address', 'kind', 'subject'])
        .where('feedback_id', '=', id)
        .orderBy('id')
        .execute();
    // Friday 13 March, 16:00: more than a working day left (due Monday 16 March, 17:30).
    clock.set(new Date('2026-03-13T09:00:00Z'));
    await checkFeedbackDeadlines(t.deps);
    expect(await mails()).toEqual([]);
    // Monday 16 March, 09:00: due within one working day.
    clock.set(new Date('2026-03-16T02:00:00Z'));
    await checkFeedbackDeadlines(t.deps);
    await checkFeedbackDeadlines(t.deps);
    expect(await mails()).toEqual([
      {
        address: 'truongphong@example.vn',
        kind: 'feedback_due_soon',
        subject: `[Sắp đến hạn] Phản ánh ${routed.code}, hạn trả lời 16/03/2026 17:30`,
      },
    ]);
    // Tuesday 17 March: overdue, once.
    clock.set(new Date('2026-03-17T02:00:00Z'));
    await checkFeedbackDeadlines(t.deps);
    await checkFeedbackDeadlines(t.deps);
    expect((await mails()).map((m) => m.kind)).toEqual(['feedback_due_soon', 'feedback_overdue']);
    // The answered item never got one.
    const answeredId = (await row(answered.code)).id;
    expect(
      await t.deps.database.db
        .selectFrom('notifications')
        .select('id')
        .where('feedback_id', '=', answeredId)
        .execute(),
    ).toEqual([]);
    clock.set(START);
  });

  it('sends only the overdue reminder for an item first seen overdue, to every head of an unrouted item', async () => {
    clock.set(START);
    const unrouted = await send();
    const id = (await row(unrouted.code)).id;
    clock.set(new Date('2026-03-20T02:00:00Z'));
    await checkFeedbackDeadlines(t.deps);
    const rows = await t.deps.database.db
      .selectFrom('notifications')
      .select(['address', 'kind'])
      .where('feedback_id', '=', id)
      .orderBy('address')
      .execute();
    expect(rows).toEqual([
      { address: 'truongphong@example.vn', kind: 'feedback_overdue' },
      { address: 'vanphong@example.vn', kind: 'feedback_overdue' },
    ]);
    expect(await row(unrouted.code)).toMatchObject({
      reminded_due_soon_at: expect.any(Date),
      reminded_overdue_at: expect.any(Date),
    });
    clock.set(START);
  });
});
