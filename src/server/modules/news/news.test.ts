import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { FixedClock } from '../../../shared/clock.js';
import { demoPicture } from '../../seed/demo-pictures.js';
import { createUnit, createUser, TEST_PASSWORD } from '../../seed/factories.js';

// Monday 2 March 2026, 09:00 in Vietnam.
const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));
const PNG = demoPicture('day');
const JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9,
]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let t: TestApp;
let admin: string;
let otherAdmin: string;
let citizen: string;

const api = (method: 'GET' | 'POST' | 'PUT', url: string, cookie?: string, payload?: unknown) =>
  t.inject({
    method,
    url,
    ...(cookie ? { headers: { cookie } } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

const article = (extra: Record<string, unknown> = {}) => ({
  title: 'Mộc Châu đẩy mạnh cải cách hành chính',
  summary: 'Nhiều giải pháp đồng bộ vì sự hài lòng của người dân.',
  body: 'Đoạn thứ nhất.\n\nĐoạn thứ hai,\nvẫn đoạn thứ hai.',
  ...extra,
});

const count = async (table: 'news_articles' | 'files') =>
  Number(
    (
      await t.deps.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const BOUNDARY = '----motcua-news-test';
type Part = { name: string; value?: string; file?: { name: string; bytes: Buffer; type?: string } };
function multipart(parts: Part[]) {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = part.file
      ? `form-data; name="${part.name}"; filename="${part.file.name}"\r\nContent-Type: ${part.file.type ?? 'application/octet-stream'}`
      : `form-data; name="${part.name}"`;
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n\r\n`));
    chunks.push(part.file ? part.file.bytes : Buffer.from(part.value ?? ''));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${BOUNDARY}` };
}

async function upload(bytes: Buffer, name: string, cookie = admin): Promise<string> {
  const body = multipart([{ name: 'file', file: { name, bytes } }]);
  const response = await t.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { cookie, 'content-type': body.contentType },
    payload: body.payload,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

/** The administrators' multipart form, posted with the browser's CSRF token. */
async function postForm(
  path: string,
  fields: Record<string, string>,
  file?: { name: string; bytes: Buffer },
) {
  const csrf = await t.csrf('/quan-tri/tin-tuc/moi', admin);
  const body = multipart([
    { name: '_csrf', value: csrf.token },
    ...Object.entries(fields).map(([name, value]) => ({ name, value })),
    ...(file ? [{ name: 'image', file }] : [{ name: 'image', file: { name: '', bytes: Buffer.alloc(0) } }]),
  ]);
  return t.inject({
    method: 'POST',
    url: path,
    headers: { cookie: csrf.cookie, 'content-type': body.contentType },
    payload: body.payload,
  });
}

beforeAll(async () => {
  t = await buildTestApp({ clock, config: { homeUnitCode: '123' } });
  const db = t.deps.database.db;
  const home = await createUnit(db, { code: '123', typeCode: 'town' });
  admin = await t.login(
    (await createUser(db, { role: 'administrator', unitId: home.id })).username,
    TEST_PASSWORD,
  );
  otherAdmin = await t.login(
    (await createUser(db, { role: 'administrator', unitId: home.id })).username,
    TEST_PASSWORD,
  );
  citizen = await t.login((await createUser(db, { role: 'citizen' })).username, TEST_PASSWORD);
});
afterAll(() => t.close());

describe('writing and publishing articles through the API', () => {
  let id: number;

  it('writes a draft, which nobody but administrators can see, and audits it', async () => {
    const response = await api('POST', '/api/v1/news', admin, article());
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json();
    id = created.id;
    expect(created).toEqual({
      id,
      slug: 'moc-chau-day-manh-cai-cach-hanh-chinh',
      url: `/tin-tuc/${id}-moc-chau-day-manh-cai-cach-hanh-chinh`,
      title: 'Mộc Châu đẩy mạnh cải cách hành chính',
      summary: 'Nhiều giải pháp đồng bộ vì sự hài lòng của người dân.',
      body: 'Đoạn thứ nhất.\n\nĐoạn thứ hai,\nvẫn đoạn thứ hai.',
      image: null,
      state: 'draft',
      publishedAt: null,
      updatedAt: '2026-03-02T09:00:00+07:00',
    });
    expect((await api('GET', `/api/v1/news/${id}`)).statusCode).toBe(404);
    expect((await api('GET', `/api/v1/news/${id}`, citizen)).statusCode).toBe(404);
    expect((await api('GET', `/api/v1/news/${id}`, admin)).statusCode).toBe(200);
    expect((await api('GET', '/api/v1/news')).json()).toEqual({ items: [], total: 0 });
    expect((await t.inject({ method: 'GET', url: `/tin-tuc/${id}` })).statusCode).toBe(404);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'news_article')
      .where('target_id', '=', String(id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['news.create']);
  });

  it('publishes it now, and it appears in the list, on its page and on the home page', async () => {
    const response = await api('POST', `/api/v1/news/${id}/publish`, admin);
    expect(response.json()).toMatchObject({ state: 'published', publishedAt: '2026-03-02T09:00:00+07:00' });
    expect((await api('GET', '/api/v1/news')).json().items.map((i: { id: number }) => i.id)).toEqual([id]);
    const page = await t.inject({
      method: 'GET',
      url: `/tin-tuc/${id}-moc-chau-day-manh-cai-cach-hanh-chinh`,
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 id="article-title">Mộc Châu đẩy mạnh cải cách hành chính</h1>');
    expect(page.body).toContain(
      '<p class="pre-line">Đoạn thứ nhất.</p><p class="pre-line">Đoạn thứ hai,\nvẫn đoạn thứ hai.</p>',
    );
    expect(page.body).toContain('02/03/2026 09:00');
    expect(page.body).toContain('id="binh-luan"');
    const home = await t.inject({ method: 'GET', url: '/' });
    expect(home.body).toContain('Tin tức, thông báo');
    expect(home.body).toContain(`href="/tin-tuc/${id}-moc-chau-day-manh-cai-cach-hanh-chinh"`);
  });

  it('sends an article’s short and old addresses to its one address', async () => {
    for (const path of [
      `/tin-tuc/${id}`,
      `/tin-tuc/${id}-ten-cu`,
      '/tin-tuc/moc-chau-day-manh-cai-cach-hanh-chinh',
    ]) {
      const response = await t.inject({ method: 'GET', url: `${path}?page=2` });
      expect(response.statusCode, path).toBe(301);
      expect(response.headers.location).toBe(`/tin-tuc/${id}-moc-chau-day-manh-cai-cach-hanh-chinh?page=2`);
    }
    expect((await t.inject({ method: 'GET', url: '/tin-tuc/khong-co-tin-nay' })).statusCode).toBe(404);
    expect((await t.inject({ method: 'GET', url: '/tin-tuc/%3Cscript%3E' })).statusCode).toBe(404);
  });

  it('withdraws it: it leaves the public pages and becomes a draft that keeps its date', async () => {
    const response = await api('POST', `/api/v1/news/${id}/unpublish`, admin);
    expect(response.json()).toMatchObject({ state: 'draft', publishedAt: '2026-03-02T09:00:00+07:00' });
    expect((await api('GET', '/api/v1/news')).json().total).toBe(0);
    expect((await t.inject({ method: 'GET', url: '/' })).body).not.toContain(`/tin-tuc/${id}-`);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('target_type', '=', 'news_article')
      .where('target_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['news.create', 'news.publish', 'news.unpublish']);
    expect(audit[2]?.details).toMatchObject({ from: 'published', to: 'draft' });
  });

  it('schedules an article dated in the future: it appears by itself when its time comes', async () => {
    const response = await api(
      'POST',
      '/api/v1/news',
      admin,
      article({ title: 'Thông báo lịch nghỉ lễ', publishAt: '2026-03-03T08:00:00+07:00', publish: true }),
    );
    const scheduled = response.json();
    expect(scheduled).toMatchObject({ state: 'scheduled', publishedAt: '2026-03-03T08:00:00+07:00' });
    expect((await api('GET', '/api/v1/news')).json().total).toBe(0);
    expect((await api('GET', `/api/v1/news/${scheduled.id}`)).statusCode).toBe(404);
    const preview = await t.inject({ method: 'GET', url: scheduled.url, headers: { cookie: admin } });
    expect(preview.body).toContain('Tin này sẽ tự hiển thị công khai vào ngày đăng');
    expect(preview.body).not.toContain('id="binh-luan"');
    clock.set(new Date('2026-03-03T01:00:00Z'));
    try {
      expect((await api('GET', '/api/v1/news')).json().items.map((i: { id: number }) => i.id)).toEqual([
        scheduled.id,
      ]);
      expect((await api('GET', `/api/v1/news/${scheduled.id}`)).json().state).toBe('published');
    } finally {
      clock.set(new Date('2026-03-02T02:00:00Z'));
    }
  });

  it('changes an article, keeping a published one’s date when none is given', async () => {
    const created = (await api('POST', '/api/v1/news', admin, article({ publish: true }))).json();
    clock.advance(3600_000);
    try {
      const response = await api(
        'PUT',
        `/api/v1/news/${created.id}`,
        admin,
        article({ title: 'Tiêu đề đã sửa' }),
      );
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        title: 'Tiêu đề đã sửa',
        slug: 'tieu-de-da-sua',
        state: 'published',
        publishedAt: '2026-03-02T09:00:00+07:00',
        updatedAt: '2026-03-02T10:00:00+07:00',
      });
      // The old address still leads to it.
      const old = await t.inject({ method: 'GET', url: created.url });
      expect(old.headers.location).toBe(`/tin-tuc/${created.id}-tieu-de-da-sua`);
    } finally {
      clock.set(new Date('2026-03-02T02:00:00Z'));
    }
  });
});

describe('images', () => {
  it('shows a PNG with its text alternative, served to everyone once the article is public', async () => {
    const fileId = await upload(PNG, 'doi-che.png');
    const created = (
      await api('POST', '/api/v1/news', admin, article({ imageFileId: fileId, imageAlt: 'Đồi chè Mộc Châu' }))
    ).json();
    expect(created.image).toEqual({
      url: `/tin-tuc/${created.id}/anh?v=${fileId.slice(0, 8)}`,
      alt: 'Đồi chè Mộc Châu',
    });
    expect((await t.inject({ method: 'GET', url: created.image.url })).statusCode).toBe(404);
    const preview = await t.inject({ method: 'GET', url: created.image.url, headers: { cookie: admin } });
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['cache-control']).toBe('private, no-store');
    await api('POST', `/api/v1/news/${created.id}/publish`, admin);
    const image = await t.inject({ method: 'GET', url: created.image.url });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['cache-control']).toBe('public, max-age=3600');
    expect(Buffer.compare(image.rawPayload, PNG)).toBe(0);
    const page = await t.inject({ method: 'GET', url: created.url });
    expect(page.body).toContain(
      `<img src="${created.image.url.replace('&', '&amp;')}" alt="Đồi chè Mộc Châu">`,
    );
  });

  it('accepts a JPEG too, and removes an image when asked', async () => {
    const fileId = await upload(JPEG, 'anh.jpg');
    const created = (
      await api('POST', '/api/v1/news', admin, article({ imageFileId: fileId, imageAlt: 'Ảnh' }))
    ).json();
    expect(created.image.alt).toBe('Ảnh');
    const removed = await api('PUT', `/api/v1/news/${created.id}`, admin, article({ imageFileId: null }));
    expect(removed.json().image).toBeNull();
  });

  for (const [name, make, field, message] of [
    [
      'an image without its text alternative',
      async () => article({ imageFileId: await upload(PNG, 'a.png'), imageAlt: '   ' }),
      'imageAlt',
      'Vui lòng mô tả ảnh cho người không xem được ảnh',
    ],
    [
      'a PDF as the image',
      async () => article({ imageFileId: await upload(PDF, 'a.pdf'), imageAlt: 'Tài liệu' }),
      'imageFileId',
      'Ảnh phải là tệp JPEG hoặc PNG (kiểm tra theo nội dung tệp; không nhận PDF)',
    ],
    [
      'another person’s upload',
      async () => article({ imageFileId: await upload(PNG, 'b.png', otherAdmin), imageAlt: 'Ảnh' }),
      'imageFileId',
      'Không tìm thấy ảnh đã tải lên',
    ],
    [
      'an image that was never uploaded',
      async () => article({ imageFileId: '00000000-0000-4000-8000-000000000000', imageAlt: 'Ảnh' }),
      'imageFileId',
      'Không tìm thấy ảnh đã tải lên',
    ],
  ] as const) {
    it(`refuses ${name} with a translated 400, storing nothing`, async () => {
      const payload = await make();
      const before = await count('news_articles');
      const response = await api('POST', '/api/v1/news', admin, payload);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.fields[field]).toBe(message);
      expect(await count('news_articles')).toBe(before);
    });
  }
});

describe('bad articles: a clear translated message, nothing stored, no 5xx', () => {
  for (const [name, payload, field, message] of [
    ['no title', article({ title: '   ' }), 'title', 'Vui lòng nhập thông tin này'],
    ['a title of 201 characters', article({ title: 'a'.repeat(201) }), 'title', 'Không được quá 200 ký tự'],
    ['no body', article({ body: '\n\n' }), 'body', 'Vui lòng nhập thông tin này'],
    ['a NUL in the body', article({ body: 'a\u0000b' }), 'body', 'Có ký tự điều khiển không được phép'],
    [
      'a publication date that does not exist',
      article({ publishAt: '2026-02-30T08:00' }),
      'publishAt',
      'Ngày giờ đăng không hợp lệ (ví dụ 2026-03-02T08:00)',
    ],
    [
      'a publication date in words',
      article({ publishAt: 'ngày mai' }),
      'publishAt',
      'Ngày giờ đăng không hợp lệ (ví dụ 2026-03-02T08:00)',
    ],
    ['a title that is not text', article({ title: 42 }), 'title', 'Giá trị không đúng kiểu'],
  ] as const) {
    it(`refuses ${name}`, async () => {
      const before = await count('news_articles');
      const response = await api('POST', '/api/v1/news', admin, payload);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.fields[field]).toBe(message);
      expect(await count('news_articles')).toBe(before);
    });
  }

  it('lets only administrators write: 401 signed out, 403 for a citizen, 404 for no article, 400 for a bad id', async () => {
    expect((await api('POST', '/api/v1/news', undefined, article())).statusCode).toBe(401);
    expect((await api('POST', '/api/v1/news', citizen, article())).statusCode).toBe(403);
    expect((await api('GET', '/api/v1/news?scope=all', citizen)).statusCode).toBe(403);
    expect((await api('POST', '/api/v1/news/999999/publish', admin)).statusCode).toBe(404);
    expect((await api('PUT', '/api/v1/news/999999', admin, article())).statusCode).toBe(404);
    expect((await api('GET', '/api/v1/news/abc')).statusCode).toBe(400);
  });
});

describe('the news pages', () => {
  it('lists public articles newest first, paged by links', async () => {
    for (let i = 1; i <= 11; i++) {
      await api(
        'POST',
        '/api/v1/news',
        admin,
        article({
          title: `Tin số ${i}`,
          publishAt: `2026-02-${String(i).padStart(2, '0')}T08:00`,
          publish: true,
        }),
      );
    }
    const first = await t.inject({ method: 'GET', url: '/tin-tuc' });
    expect(first.statusCode).toBe(200);
    expect(first.body.indexOf('Tin số 11')).toBeLessThan(first.body.indexOf('Tin số 10'));
    expect(first.body).toContain('href="/tin-tuc?page=2"');
    const total = (await api('GET', '/api/v1/news')).json().total;
    const last = await t.inject({ method: 'GET', url: `/tin-tuc?page=${Math.ceil(total / 10)}` });
    expect(last.body).toContain('Tin số 1<');
    const beyond = await t.inject({ method: 'GET', url: '/tin-tuc?page=99' });
    expect(beyond.body).toContain('Trang này không có tin bài nào.');
  });

  it('shows the three newest public articles on the home page, not scheduled ones or drafts', async () => {
    const newest = (await api('GET', '/api/v1/news?pageSize=4')).json().items as { url: string }[];
    const home = await t.inject({ method: 'GET', url: '/' });
    for (const item of newest.slice(0, 3)) expect(home.body).toContain(`href="${item.url}"`);
    expect(home.body).not.toContain(`href="${newest[3]?.url}"`);
    expect(home.body).not.toContain('Thông báo lịch nghỉ lễ');
  });

  it('shows administrators a link to manage news; nobody else', async () => {
    expect((await t.inject({ method: 'GET', url: '/tin-tuc', headers: { cookie: admin } })).body).toContain(
      'href="/quan-tri/tin-tuc"',
    );
    expect(
      (await t.inject({ method: 'GET', url: '/tin-tuc', headers: { cookie: citizen } })).body,
    ).not.toContain('href="/quan-tri/tin-tuc"');
  });
});

describe('the administrators’ form, without JavaScript', () => {
  it('writes and publishes an article with an uploaded image', async () => {
    const response = await postForm(
      '/quan-tri/tin-tuc/moi',
      {
        title: 'Tin có ảnh từ biểu mẫu',
        summary: 'Tóm tắt',
        body: 'Nội dung',
        imageAlt: 'Đồi chè',
        publishAt: '',
        intent: 'publish',
      },
      { name: 'doi-che.png', bytes: PNG },
    );
    expect(response.statusCode, response.body).toBe(303);
    const id = Number(
      /\/quan-tri\/tin-tuc\/(\d+)\?da=created/.exec(response.headers.location as string)?.[1],
    );
    const created = (await api('GET', `/api/v1/news/${id}`)).json();
    expect(created).toMatchObject({ state: 'published', image: { alt: 'Đồi chè' } });
    const edit = await t.inject({
      method: 'GET',
      url: response.headers.location as string,
      headers: { cookie: admin },
    });
    expect(edit.body).toContain('Đã lưu tin bài.');
    expect(edit.body).toContain('value="2026-03-02T09:00"');
  });

  it('refuses a PDF as the image, showing the form again with the text kept and storing nothing', async () => {
    const [articles, files] = [await count('news_articles'), await count('files')];
    const response = await postForm(
      '/quan-tri/tin-tuc/moi',
      { title: 'Tin kèm PDF', summary: 'Tóm tắt', body: 'Nội dung', imageAlt: 'Tài liệu', intent: 'publish' },
      { name: 'anh.png', bytes: PDF },
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(
      '<a href="#field-image">Ảnh phải là tệp JPEG hoặc PNG (kiểm tra theo nội dung tệp; không nhận PDF)</a>',
    );
    expect(response.body).toContain('value="Tin kèm PDF"');
    expect([await count('news_articles'), await count('files')]).toEqual([articles, files]);
  });

  it('asks for the image’s description and every missing field at once', async () => {
    const [articles, files] = [await count('news_articles'), await count('files')];
    const response = await postForm(
      '/quan-tri/tin-tuc/moi',
      {
        title: '',
        summary: 'Tóm tắt',
        body: 'Nội dung',
        imageAlt: '',
        publishAt: 'hôm qua',
        intent: 'draft',
      },
      { name: 'anh.png', bytes: PNG },
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<a href="#field-title">Vui lòng nhập thông tin này</a>');
    expect(response.body).toContain(
      '<a href="#field-imageAlt">Vui lòng mô tả ảnh cho người không xem được ảnh</a>',
    );
    expect(response.body).toContain('<a href="#field-publishAt">Ngày giờ đăng không hợp lệ');
    expect([await count('news_articles'), await count('files')]).toEqual([articles, files]);
  });

  it('refuses the form without its CSRF token, and refuses citizens', async () => {
    const body = multipart([{ name: 'title', value: 'x' }]);
    const noToken = await t.inject({
      method: 'POST',
      url: '/quan-tri/tin-tuc/moi',
      headers: { cookie: admin, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(noToken.statusCode).toBe(403);
    expect(
      (await t.inject({ method: 'GET', url: '/quan-tri/tin-tuc', headers: { cookie: citizen } })).statusCode,
    ).toBe(403);
    const out = await t.inject({ method: 'GET', url: '/quan-tri/tin-tuc/moi' });
    expect(out.headers.location).toBe('/login?next=%2Fquan-tri%2Ftin-tuc%2Fmoi');
  });

  it('saves a draft, edits it, removes its image, publishes and withdraws it from its page', async () => {
    const created = await postForm(
      '/quan-tri/tin-tuc/moi',
      { title: 'Bản nháp có ảnh', summary: 'Tóm tắt', body: 'Nội dung', imageAlt: 'Ảnh', intent: 'draft' },
      { name: 'a.png', bytes: PNG },
    );
    const path = (created.headers.location as string).split('?')[0] as string;
    const id = Number(path.split('/').pop());
    expect((await api('GET', `/api/v1/news/${id}`, admin)).json()).toMatchObject({ state: 'draft' });
    const edited = await postForm(path, {
      title: 'Bản nháp đã sửa',
      summary: 'Tóm tắt mới',
      body: 'Nội dung mới',
      imageAlt: 'Ảnh',
      removeImage: 'on',
      publishAt: '2026-03-05T07:30',
    });
    expect(edited.headers.location).toBe(`${path}?da=updated`);
    expect((await api('GET', `/api/v1/news/${id}`, admin)).json()).toMatchObject({
      title: 'Bản nháp đã sửa',
      image: null,
      state: 'draft',
      publishedAt: '2026-03-05T07:30:00+07:00',
    });
    const csrf = await t.csrf(path, admin);
    const send = (action: string) =>
      t.inject({
        method: 'POST',
        url: `${path}/${action}`,
        headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${csrf.token}`,
      });
    expect((await send('dang')).headers.location).toBe(`${path}?da=published`);
    expect((await api('GET', `/api/v1/news/${id}`, admin)).json().state).toBe('scheduled');
    expect((await send('go')).headers.location).toBe(`${path}?da=unpublished`);
    expect((await api('GET', `/api/v1/news/${id}`, admin)).json().state).toBe('draft');
  });

  it('lists every article for administrators with its state', async () => {
    const list = await t.inject({ method: 'GET', url: '/quan-tri/tin-tuc', headers: { cookie: admin } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Bản nháp đã sửa');
    expect(list.body).toContain('<span class="tag tag-grey">Bản nháp</span>');
    expect(list.body).toContain('<span class="tag">Hẹn giờ đăng</span>');
  });
});
