import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { FixedClock } from '../../../shared/clock.js';
import { createOffice, createUser, TEST_PASSWORD } from '../../seed/factories.js';

// Monday 2 March 2026, 09:00 in Vietnam.
const START = new Date('2026-03-02T02:00:00Z');
const clock = new FixedClock(START);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

let t: TestApp;
let office: Awaited<ReturnType<typeof createOffice>>;
const cookies: Record<string, string> = {};

type Part =
  | { name: string; value: string }
  | { name: string; fileName: string; content: Uint8Array | string };

/** A multipart/form-data body, as a browser sends the form. */
function multipart(parts: Part[]) {
  const boundary = '----motcua-feedback-boundary';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in part) {
      chunks.push(
        Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`),
      );
    } else {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
      );
      chunks.push(Buffer.from(part.content));
      chunks.push(Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

let senders = 0;
/** Posts the public form as a browser would, with its CSRF token (and the visitor's cookie, if any). */
async function sendForm(
  fields: Record<string, string>,
  files: { fileName: string; content: Uint8Array | string }[] = [],
  cookie?: string,
) {
  const csrf = await t.csrf('/phan-anh-kien-nghi/gui', cookie);
  const body = multipart([
    { name: '_csrf', value: csrf.token },
    ...Object.entries(fields).map(([name, value]) => ({ name, value })),
    ...files.map((f) => ({ name: 'attachments', ...f })),
  ]);
  return t.inject({
    method: 'POST',
    url: '/phan-anh-kien-nghi/gui',
    remoteAddress: `10.2.0.${++senders}`,
    headers: { cookie: csrf.cookie, 'content-type': body.contentType },
    payload: body.payload,
  });
}

/** Posts a url-encoded form of a page with its CSRF token. */
async function postForm(
  path: string,
  cookie: string | undefined,
  fields: Record<string, string>,
  formPage = path,
) {
  const csrf = await t.csrf(formPage, cookie);
  return t.inject({
    method: 'POST',
    url: path,
    headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...fields, _csrf: csrf.token }).toString(),
  });
}

const counts = async () => {
  const db = t.deps.database.db;
  const n = async (table: 'feedback_items' | 'files' | 'feedback_attachments') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    items: await n('feedback_items'),
    files: await n('files'),
    attachments: await n('feedback_attachments'),
  };
};

/** Every file kept on disk under the test's data directory. */
function storedFiles(dir = join(t.deps.config.dataDir, 'files')): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? storedFiles(join(dir, e.name)) : [join(dir, e.name)],
    );
  } catch {
    return [];
  }
}

const valid = {
  kind: 'complaint',
  subjectType: 'unit',
  unitCode: '123',
  body: 'Bộ phận Một cửa không niêm yết số điện thoại đường dây nóng.',
};

const receiptOf = (html: string) => ({
  code: /PA-\d{6}-\d{4}/.exec(html)?.[0] ?? '',
  key: /<strong class="big-code">([A-Z2-9]{4}-[A-Z2-9]{4})<\/strong>/.exec(html)?.[1] ?? '',
});

const row = (code: string) =>
  t.deps.database.db
    .selectFrom('feedback_items')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await buildTestApp({ clock, config: { homeUnitCode: '123' } });
  office = await createOffice(t.deps, { unitCode: '123' });
  const admin = await createUser(t.deps.database.db, { role: 'administrator', unitId: office.unit.id });
  for (const [name, user] of Object.entries({
    admin,
    counter: office.staff.counter,
    specialist: office.staff.specialist,
    leader: office.staff.leader,
    citizen: office.staff.citizen,
  }))
    cookies[name] = await t.login(user.username, TEST_PASSWORD);
});
afterAll(() => t.close());

describe('the public form', () => {
  it('is linked from each procedure’s page, naming the procedure', async () => {
    const page = await t.inject({ method: 'GET', url: `/thu-tuc/${office.procedure.code}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(
      `<a href="/phan-anh-kien-nghi/gui?thu-tuc=${encodeURIComponent(office.procedure.code)}">Phản ánh, kiến nghị về thủ tục này</a>`,
    );
  });

  it('renders without JavaScript: radios, the units, a file input, optional contact details and the consent', async () => {
    const page = await t.inject({ method: 'GET', url: '/phan-anh-kien-nghi/gui?thu-tuc=1.001193' });
    expect(page.statusCode).toBe(200);
    const html = page.body;
    expect(html).toContain('<h1>Gửi phản ánh, kiến nghị</h1>');
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toMatch(/type="radio" name="kind" value="complaint"[^>]*checked/);
    expect(html).toMatch(/type="radio" name="subjectType" value="procedure"[^>]*checked/);
    expect(html).toContain('value="1.001193"');
    expect(html).toMatch(/<option value="123" selected/);
    expect(html).toContain('type="file"');
    expect(html).toContain('name="publishConsent"');
    expect(html).not.toContain('<script>');
    // Only staff record the channel.
    expect(html).not.toContain('name="channel"');
    const staffPage = await t.inject({
      method: 'GET',
      url: '/phan-anh-kien-nghi/gui',
      headers: { cookie: cookies.counter },
    });
    expect(staffPage.body).toContain('name="channel"');
  });

  it('receives anonymous feedback with an attachment and shows the code and the key once, on the answer to the post', async () => {
    const before = await counts();
    const response = await sendForm({ ...valid, publishConsent: 'on' }, [
      { fileName: 'anh-chup.pdf', content: PDF },
    ]);
    expect(response.statusCode, response.body.slice(0, 500)).toBe(201);
    const { code, key } = receiptOf(response.body);
    expect(code).toBe('PA-260302-0001');
    expect(key).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(response.body).toContain('Hạn trả lời: 16/03/2026 17:30');
    expect(await counts()).toEqual({
      items: before.items + 1,
      files: before.files + 1,
      attachments: before.attachments + 1,
    });
    expect(await row(code)).toMatchObject({
      channel: 'web',
      publish_consent: true,
      sender_name: null,
      sender_user_id: null,
    });
    // The officers serving the unit download it; others cannot.
    const file = await t.deps.database.db
      .selectFrom('feedback_attachments')
      .select('file_id')
      .where('feedback_id', '=', (await row(code)).id)
      .executeTakeFirstOrThrow();
    const path = `/can-bo/phan-anh/${code}/tep/${file.file_id}`;
    const download = await t.inject({ method: 'GET', url: path, headers: { cookie: cookies.counter } });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(
      (await t.inject({ method: 'GET', url: path, headers: { cookie: cookies.citizen } })).statusCode,
    ).toBe(403);
    expect((await t.inject({ method: 'GET', url: path })).statusCode).toBe(303);
    // The same file is not served through the applications' file route to anyone but staff of an application.
    expect(
      (
        await t.inject({
          method: 'GET',
          url: `/api/v1/files/${file.file_id}`,
          headers: { cookie: cookies.citizen },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('records the signed-in sender and the contact details they leave', async () => {
    const response = await sendForm(
      { ...valid, senderName: 'Nguyễn Văn Dân', senderPhone: '0912 345 678', senderEmail: 'dan@example.vn' },
      [],
      cookies.citizen,
    );
    expect(response.statusCode).toBe(201);
    expect(await row(receiptOf(response.body).code)).toMatchObject({
      sender_user_id: office.staff.citizen.id,
      sender_name: 'Nguyễn Văn Dân',
      sender_phone: '0912345678',
    });
  });

  it('lets staff record a hotline call on the same form', async () => {
    const response = await sendForm({ ...valid, channel: 'hotline' }, [], cookies.counter);
    expect(response.statusCode).toBe(201);
    expect(await row(receiptOf(response.body).code)).toMatchObject({
      channel: 'hotline',
      recorded_by: office.staff.counter.id,
    });
  });

  const bad: [
    string,
    Record<string, string>,
    { fileName: string; content: Uint8Array | string }[],
    number,
    string,
  ][] = [
    ['no text', { ...valid, body: '' }, [], 400, 'Nhập nội dung'],
    ['oversized text', { ...valid, body: 'Phản ánh '.repeat(500) }, [], 400, 'Không được quá 4000 ký tự'],
    [
      'text far beyond any limit',
      { ...valid, body: 'x'.repeat(70_000) },
      [],
      400,
      'Không được quá 4000 ký tự',
    ],
    [
      'an attachment of the wrong type',
      valid,
      [{ fileName: 'virus.pdf', content: 'MZ\x90\x00 this is not a PDF' }],
      415,
      'Chỉ nhận tệp PDF, JPEG hoặc PNG',
    ],
    ['an empty attachment', valid, [{ fileName: 'trong.pdf', content: '' }], 400, 'Tệp rỗng'],
    [
      'more than three attachments',
      valid,
      [1, 2, 3, 4].map((i) => ({ fileName: `anh-${i}.png`, content: PNG })),
      400,
      'Chỉ đính kèm tối đa 3 tệp',
    ],
    ['a bad phone number', { ...valid, senderPhone: '0912' }, [], 400, 'Nhập số di động 10 chữ số'],
    ['no kind', { ...valid, kind: '' }, [], 400, 'Chọn phản ánh hoặc kiến nghị'],
    ['a channel, from a citizen', { ...valid, channel: 'counter' }, [], 401, ''],
  ];
  for (const [what, fields, files, status, message] of bad) {
    it(`refuses a form with ${what}: the form again with a translated error, nothing stored`, async () => {
      const before = await counts();
      const onDisk = storedFiles().length;
      const response = await sendForm(fields, files);
      expect(response.statusCode).toBe(status);
      if (message) {
        expect(response.body).toContain('class="error-summary"');
        expect(response.body).toContain(message);
        // The form comes back with what was typed (short texts), for the sender to correct.
        expect(response.body).toContain('name="body"');
      }
      expect(await counts()).toEqual(before);
      expect(storedFiles().length).toBe(onDisk);
    });
  }

  it('refuses a post without its CSRF token', async () => {
    const before = await counts();
    const body = multipart(Object.entries(valid).map(([name, value]) => ({ name, value })));
    const response = await t.inject({
      method: 'POST',
      url: '/phan-anh-kien-nghi/gui',
      headers: { 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('shows the form in English when asked', async () => {
    const response = await sendForm({ ...valid, body: '' }, []);
    expect(response.body).toContain('Nhập nội dung');
    const page = await t.inject({ method: 'GET', url: '/phan-anh-kien-nghi/gui?lang=en' });
    expect(page.body).toContain('<h1>Send feedback</h1>');
  });
});

describe('the look-up and the published answers', () => {
  it('shows where an item stands by its code, its texts with the key, and says when the key is wrong', async () => {
    const sent = receiptOf((await sendForm({ ...valid, body: 'Một phản ánh chỉ người gửi được đọc.' })).body);
    const byLink = await t.inject({ method: 'GET', url: `/phan-anh-kien-nghi/tra-cuu?code=${sent.code}` });
    expect(byLink.statusCode).toBe(200);
    expect(byLink.body).toContain('Mới tiếp nhận');
    expect(byLink.body).not.toContain('Một phản ánh chỉ người gửi được đọc.');
    const withKey = await postForm('/phan-anh-kien-nghi/tra-cuu', undefined, {
      code: sent.code.toLowerCase(),
      key: sent.key,
    });
    expect(withKey.statusCode).toBe(200);
    expect(withKey.body).toContain('Một phản ánh chỉ người gửi được đọc.');
    const wrongKey = await postForm('/phan-anh-kien-nghi/tra-cuu', undefined, {
      code: sent.code,
      key: 'AAAA-AAAA',
    });
    expect(wrongKey.statusCode).toBe(400);
    expect(wrongKey.body).toContain('Mã tra cứu không đúng với mã phản ánh này');
    const unknown = await postForm('/phan-anh-kien-nghi/tra-cuu', undefined, {
      code: 'PA-260302-9999',
      key: '',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Không tìm thấy phản ánh, kiến nghị với mã này.');
    const malformed = await postForm('/phan-anh-kien-nghi/tra-cuu', undefined, { code: 'hello', key: '' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain('Mã phản ánh có dạng PA-250305-0001');
  });

  it('lists answered items whose senders agreed, with their pages; others are not found', async () => {
    const consenting = receiptOf(
      (await sendForm({ ...valid, body: 'Đề nghị niêm yết số đường dây nóng.', publishConsent: 'on' })).body,
    );
    const privateOne = receiptOf(
      (await sendForm({ ...valid, body: 'Phản ánh riêng không công khai.' })).body,
    );
    for (const code of [consenting.code, privateOne.code]) {
      const response = await t.inject({
        method: 'POST',
        url: `/api/v1/staff/feedback/${code}/answer`,
        headers: { cookie: cookies.leader },
        payload: {
          expectedVersion: (await row(code)).version,
          answer: 'Đã niêm yết tại Bộ phận Một cửa.',
          upheld: true,
        },
      });
      expect(response.statusCode).toBe(200);
    }
    const list = await t.inject({ method: 'GET', url: '/phan-anh-kien-nghi' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(consenting.code);
    expect(list.body).not.toContain(privateOne.code);
    expect(list.body).toContain('trong 10 ngày làm việc');
    const filtered = await t.inject({ method: 'GET', url: '/phan-anh-kien-nghi?kind=recommendation' });
    expect(filtered.body).not.toContain(consenting.code);
    expect(filtered.body).toContain('Không có phản ánh, kiến nghị nào phù hợp.');
    const detail = await t.inject({ method: 'GET', url: `/phan-anh-kien-nghi/${consenting.code}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Đã niêm yết tại Bộ phận Một cửa.');
    expect(detail.body).toContain('Phản ánh đúng');
    expect(
      (await t.inject({ method: 'GET', url: `/phan-anh-kien-nghi/${privateOne.code}` })).statusCode,
    ).toBe(404);
    expect((await t.inject({ method: 'GET', url: '/phan-anh-kien-nghi/khong-phai-ma' })).statusCode).toBe(
      404,
    );
    // Garbage in the list's query is ignored, never a 5xx.
    expect(
      (await t.inject({ method: 'GET', url: '/phan-anh-kien-nghi?page=-1&kind=%00&q[]=x' })).statusCode,
    ).toBe(200);
  });
});

describe('the staff pages', () => {
  it('sends visitors to sign in, refuses citizens, and shows staff their queue with counts', async () => {
    const anonymous = await t.inject({ method: 'GET', url: '/can-bo/phan-anh' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Fcan-bo%2Fphan-anh');
    expect(
      (await t.inject({ method: 'GET', url: '/can-bo/phan-anh', headers: { cookie: cookies.citizen } }))
        .statusCode,
    ).toBe(403);
    const queue = await t.inject({
      method: 'GET',
      url: '/can-bo/phan-anh?queue=new',
      headers: { cookie: cookies.counter },
    });
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('<table class="dense feedback-queue">');
    expect(queue.body).toMatch(/Mới tiếp nhận <span class="count">\d+<\/span>/);
    // Only administrators set the time limit.
    expect(queue.body).not.toContain('name="timeLimitDays"');
  });

  it('routes, answers and refuses bad input through the item’s forms', async () => {
    const sent = receiptOf((await sendForm(valid)).body);
    const page = `/can-bo/phan-anh/${sent.code}`;
    const counterView = await t.inject({ method: 'GET', url: page, headers: { cookie: cookies.counter } });
    expect(counterView.body).toContain('/phan-loai"');
    // A counter officer may route, not answer.
    expect(counterView.body).not.toContain('/tra-loi"');
    const version = String((await row(sent.code)).version);
    const routed = await postForm(
      `${page}/phan-loai`,
      cookies.counter,
      {
        expectedVersion: version,
        unitCode: '123',
        agencyCode: office.department.code,
        officerUsername: '',
        note: '',
      },
      page,
    );
    expect(routed.statusCode).toBe(303);
    // Routed out of the counter's agency: back to the queue, with a notice.
    expect(routed.headers.location).toBe(`/can-bo/phan-anh?routed=${sent.code}`);
    const notice = await t.inject({
      method: 'GET',
      url: routed.headers.location as string,
      headers: { cookie: cookies.counter },
    });
    expect(notice.body).toContain(`Đã chuyển ${sent.code} đến đơn vị xử lý`);
    // A stale form: a warning and the fresh page, nothing changed.
    const stale = await postForm(
      `${page}/phan-loai`,
      cookies.specialist,
      { expectedVersion: version, unitCode: '123' },
      page,
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('vừa được người khác xử lý');
    const current = String((await row(sent.code)).version);
    const short = await postForm(
      `${page}/tra-loi`,
      cookies.specialist,
      { expectedVersion: current, answer: 'Ngắn', upheld: 'true' },
      page,
    );
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('Câu trả lời cần ít nhất 10 ký tự');
    expect(short.body).toContain('>Ngắn</textarea>');
    const noVerdict = await postForm(
      `${page}/tra-loi`,
      cookies.specialist,
      { expectedVersion: current, answer: 'Đã niêm yết số điện thoại.' },
      page,
    );
    expect(noVerdict.statusCode).toBe(400);
    expect(noVerdict.body).toContain('Chọn kết quả xem xét');
    const answered = await postForm(
      `${page}/tra-loi`,
      cookies.specialist,
      {
        expectedVersion: current,
        answer: 'Đã niêm yết số điện thoại.',
        upheld: 'false',
      },
      page,
    );
    expect(answered.statusCode).toBe(303);
    expect(answered.headers.location).toBe(`${page}?done=answer`);
    const done = await t.inject({
      method: 'GET',
      url: answered.headers.location as string,
      headers: { cookie: cookies.specialist },
    });
    expect(done.body).toContain('Đã lưu câu trả lời.');
    expect(done.body).toContain('Phản ánh không đúng');
    expect(await row(sent.code)).toMatchObject({ status: 'answered', upheld: false });
    expect((await postForm(`${page}/khong-co`, cookies.specialist, {}, page)).statusCode).toBe(404);
  });

  it('lets administrators set the time limit on the queue page, refusing a bad number', async () => {
    const bad = await postForm(
      '/can-bo/phan-anh/cai-dat',
      cookies.admin,
      { timeLimitDays: '0' },
      '/can-bo/phan-anh',
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Nhập số ngày làm việc từ 1 đến 60');
    expect(
      (
        await postForm(
          '/can-bo/phan-anh/cai-dat',
          cookies.counter,
          { timeLimitDays: '12' },
          '/can-bo/phan-anh',
        )
      ).statusCode,
    ).toBe(403);
    const saved = await postForm(
      '/can-bo/phan-anh/cai-dat',
      cookies.admin,
      { timeLimitDays: '12' },
      '/can-bo/phan-anh',
    );
    expect(saved.statusCode).toBe(303);
    const page = await t.inject({
      method: 'GET',
      url: saved.headers.location as string,
      headers: { cookie: cookies.admin },
    });
    expect(page.body).toContain('Đã lưu thời hạn trả lời: 12 ngày làm việc.');
    expect(page.body).toMatch(/name="timeLimitDays"[^>]*value="12"|value="12"[^>]*name="timeLimitDays"/);
    await postForm('/can-bo/phan-anh/cai-dat', cookies.admin, { timeLimitDays: '10' }, '/can-bo/phan-anh');
  });
});
