import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { FixedClock } from '../../../shared/clock.js';
import { loadConfig } from '../../config.js';
import { createProcedure, createUnit, createUser, TEST_PASSWORD } from '../../seed/factories.js';
import { COMMENT_LIMIT_ADDRESS, COMMENT_LIMIT_PERSON } from './comments.service.js';

// Monday 2 March 2026, 09:00 in Vietnam.
const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));

let t: TestApp;
let admin: string;
let citizen: string;
let citizenName: string;
let specialist: string;
let newsId: string;
let draftNewsId: string;
const PROCEDURE = 'T.700001';
const RETIRED = 'T.700002';
// Each test uses its own address, so the per-address limit only bites where a test wants it to.
let addressSequence = 0;
const nextAddress = () => `10.7.${Math.floor(++addressSequence / 200)}.${addressSequence % 200}`;

const post = (payload: unknown, options: { cookie?: string; ip?: string; lang?: string } = {}) =>
  t.inject({
    method: 'POST',
    url: '/api/v1/comments',
    remoteAddress: options.ip ?? nextAddress(),
    headers: {
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.lang ? { 'accept-language': options.lang } : {}),
    },
    payload: payload as Record<string, unknown>,
  });

const comment = (body: string, extra: Record<string, unknown> = {}) => ({
  targetType: 'procedure',
  targetId: PROCEDURE,
  body,
  authorName: 'Lò Văn Khách',
  ...extra,
});

const countComments = async () =>
  Number(
    (
      await t.deps.database.db
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function moderate(id: number, action: 'publish' | 'reject', cookie = admin, expectedStatus?: string) {
  return t.inject({
    method: 'POST',
    url: `/api/v1/comments/${id}/moderation`,
    headers: { cookie },
    payload: { action, ...(expectedStatus ? { expectedStatus } : {}) },
  });
}

/** The last page of the pending queue, where the newest pending comments are. */
async function lastPendingPage() {
  const queue = await t.inject({
    method: 'GET',
    url: '/api/v1/comments/moderation',
    headers: { cookie: admin },
  });
  const pages = Math.max(1, Math.ceil(queue.json().counts.pending / 20));
  return t.inject({
    method: 'GET',
    url: `/quan-tri/binh-luan?status=pending&page=${pages}`,
    headers: { cookie: admin },
  });
}

/** A page's form posted with the browser's CSRF token and cookie. */
async function postForm(fields: Record<string, string>, options: { cookie?: string; ip?: string } = {}) {
  const csrf = await t.csrf(`/thu-tuc/${PROCEDURE}`, options.cookie);
  return t.inject({
    method: 'POST',
    url: '/binh-luan',
    remoteAddress: options.ip ?? nextAddress(),
    headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...fields, _csrf: csrf.token }).toString(),
  });
}

beforeAll(async () => {
  t = await buildTestApp({ clock, config: { homeUnitCode: '123' } });
  const db = t.deps.database.db;
  const home = await createUnit(db, { code: '123', typeCode: 'town' });
  const a = await createUser(db, { role: 'administrator', unitId: home.id });
  admin = await t.login(a.username, TEST_PASSWORD);
  const c = await createUser(db, { role: 'citizen', fullName: 'Nguyễn Thị Dân' });
  citizenName = 'Nguyễn Thị Dân';
  citizen = await t.login(c.username, TEST_PASSWORD);
  const s = await createUser(db, { role: 'specialist', unitId: home.id });
  specialist = await t.login(s.username, TEST_PASSWORD);
  await createProcedure(t.deps, { record: { code: PROCEDURE, name: 'Thủ tục đăng ký khai sinh thử' } });
  await createProcedure(t.deps, { record: { code: RETIRED, name: 'Thủ tục đã bãi bỏ' } });
  await db.updateTable('procedures').set({ status: 'retired' }).where('code', '=', RETIRED).execute();
  const article = await t.inject({
    method: 'POST',
    url: '/api/v1/news',
    headers: { cookie: admin },
    payload: { title: 'Tin thử', summary: 'Tóm tắt', body: 'Nội dung', publish: true },
  });
  expect(article.statusCode, article.body).toBe(201);
  newsId = String(article.json().id);
  const draft = await t.inject({
    method: 'POST',
    url: '/api/v1/news',
    headers: { cookie: admin },
    payload: { title: 'Bản nháp', summary: 'Tóm tắt', body: 'Nội dung' },
  });
  draftNewsId = String(draft.json().id);
});
afterAll(() => t.close());

describe('posting a comment through the API', () => {
  it('accepts a comment on a procedure from a named visitor as pending, and does not show it yet', async () => {
    const response = await post(comment('Thủ tục này cần mang những giấy tờ gì ạ?'));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toEqual({
      id: expect.any(Number),
      targetType: 'procedure',
      targetId: PROCEDURE,
      authorName: 'Lò Văn Khách',
      body: 'Thủ tục này cần mang những giấy tờ gì ạ?',
      status: 'pending',
      createdAt: '2026-03-02T09:00:00+07:00',
    });
    const list = await t.inject({
      method: 'GET',
      url: `/api/v1/comments?targetType=procedure&targetId=${PROCEDURE}`,
    });
    expect(list.json().items.map((c: { id: number }) => c.id)).not.toContain(response.json().id);
  });

  it('accepts a comment on a published article, under a signed-in person’s own name', async () => {
    const response = await post(
      { targetType: 'news', targetId: newsId, body: 'Cảm ơn thông tin hữu ích.', authorName: 'Tên khác' },
      { cookie: citizen },
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ targetType: 'news', targetId: newsId, authorName: citizenName });
  });

  it('counts characters as people see them: exactly 5 and exactly 500 are accepted', async () => {
    expect((await post(comment('Xin c'))).statusCode).toBe(201);
    expect((await post(comment('a'.repeat(500)))).statusCode).toBe(201);
    // Five decomposed Vietnamese letters (e + circumflex + acute): 15 code units, 5 characters, stored as NFC.
    const decomposed = await post(comment('e\u0302\u0301'.repeat(5)));
    expect(decomposed.statusCode).toBe(201);
    expect(decomposed.json().body).toBe('ế'.repeat(5));
    // 500 family emoji (11 code units each) and 500 flags are 500 characters.
    expect((await post(comment('👨‍👩‍👧‍👦'.repeat(500)))).statusCode).toBe(201);
    expect((await post(comment('🇻🇳'.repeat(500)))).statusCode).toBe(201);
  });

  it('keeps line breaks, trims the ends and stores the text as written (escaping is the page’s job)', async () => {
    const response = await post(comment('  <b>Dòng một</b>\r\nDòng hai  '));
    expect(response.json().body).toBe('<b>Dòng một</b>\nDòng hai');
  });
});

describe('bad comments: a clear translated message, nothing stored, no 5xx', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['4 characters', comment('abcd'), 'body', 'Vui lòng nhập từ 5 ký tự trở lên'],
    ['501 characters', comment('a'.repeat(501)), 'body', 'Bình luận không được quá 500 ký tự'],
    [
      'only spaces',
      comment('          '),
      'body',
      'Vui lòng nhập nội dung bình luận (không chỉ gồm dấu cách)',
    ],
    [
      'only other white space and invisible characters',
      comment('\u00a0\u3000\t\n\u200b\u200b\u200b\u200b\u200b\u200b'),
      'body',
      'Vui lòng nhập nội dung bình luận (không chỉ gồm dấu cách)',
    ],
    [
      'combining characters that look shorter than they are (4 letters, 8 code units)',
      comment('a\u0301b\u0301c\u0301d\u0301'),
      'body',
      'Vui lòng nhập từ 5 ký tự trở lên',
    ],
    [
      'four letters under a heap of combining marks (long in code units, 4 characters)',
      comment(`${'a'.repeat(3)}o${'\u0300\u0301\u0302\u0303'.repeat(30)}`),
      'body',
      'Vui lòng nhập từ 5 ký tự trở lên',
    ],
    ['501 flags', comment('🇻🇳'.repeat(501)), 'body', 'Bình luận không được quá 500 ký tự'],
    [
      'letters with marks stacked far beyond writing (Zalgo)',
      comment(`Xin chào${'\u0336\u0337\u0338\u0339\u033a'.repeat(2)}`),
      'body',
      'Bình luận có ký tự chồng quá nhiều dấu; vui lòng viết lại bình thường',
    ],
    [
      'a body far heavier in code units than any text of 500 characters',
      comment(`Xin chào ${'\u0301'.repeat(20000)}`),
      'body',
      'Bình luận quá dài hoặc chứa quá nhiều dấu và ký hiệu kết hợp',
    ],
    ['a NUL byte', comment('Xin chào\u0000bạn'), 'body', 'Bình luận có ký tự điều khiển không được phép'],
    [
      'no body',
      { targetType: 'procedure', targetId: PROCEDURE, authorName: 'A' },
      'body',
      'Vui lòng nhập thông tin này',
    ],
    ['a body that is not text', comment('x', { body: 12345 }), 'body', 'Giá trị không đúng kiểu'],
    [
      'no name from someone signed out',
      comment('Xin chào cả nhà', { authorName: '  ' }),
      'authorName',
      'Vui lòng nhập họ và tên',
    ],
    [
      'a name of 101 characters',
      comment('Xin chào cả nhà', { authorName: 'A'.repeat(101) }),
      'authorName',
      'Họ và tên không được quá 100 ký tự',
    ],
    [
      'an unknown kind of target',
      comment('Xin chào cả nhà', { targetType: 'unit' }),
      'targetType',
      'Chỉ bình luận được về thủ tục hành chính (procedure) hoặc tin tức (news)',
    ],
  ];
  for (const [name, payload, field, message] of cases) {
    it(`refuses ${name}`, async () => {
      const before = await countComments();
      const response = await post(payload);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      expect(response.json().error.fields[field]).toBe(message);
      expect(await countComments()).toBe(before);
    });
  }

  it('says it in English too', async () => {
    const response = await post(comment('abcd'), { lang: 'en' });
    expect(response.json().error.fields.body).toBe('Enter 5 or more characters');
    const long = await post(comment('a'.repeat(501)), { lang: 'en' });
    expect(long.json().error.fields.body).toBe('Enter no more than 500 characters');
  });

  for (const [name, targetType, targetId] of [
    ['an unknown procedure', 'procedure', 'T.999999'],
    ['a retired procedure', 'procedure', RETIRED],
    ['an unknown article', 'news', '999999'],
    ['an article id that is no number', 'news', 'abc'],
  ] as const) {
    it(`answers 404 for a comment on ${name}, storing nothing`, async () => {
      const before = await countComments();
      const response = await post(comment('Xin chào cả nhà', { targetType, targetId }));
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toEqual({
        code: 'COMMENT_TARGET_NOT_FOUND',
        message: 'Không tìm thấy thủ tục hoặc tin bài để bình luận.',
      });
      expect(await countComments()).toBe(before);
    });
  }

  it('answers 404 for a comment on a draft article, so drafts cannot be probed', async () => {
    const response = await post(comment('Xin chào cả nhà', { targetType: 'news', targetId: draftNewsId }));
    expect(response.statusCode).toBe(404);
  });

  it('answers a malformed JSON body with a 400', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/comments',
      headers: { 'content-type': 'application/json' },
      payload: '{"body": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('INVALID_JSON');
  });
});

describe('the limits are configurable', () => {
  it('reads them from COMMENT_MIN_CHARS and COMMENT_MAX_CHARS, 5 and 500 by default, and refuses nonsense', () => {
    expect(loadConfig({}).comments).toEqual({ minChars: 5, maxChars: 500 });
    expect(loadConfig({ COMMENT_MIN_CHARS: '10', COMMENT_MAX_CHARS: '1000' }).comments).toEqual({
      minChars: 10,
      maxChars: 1000,
    });
    expect(() => loadConfig({ COMMENT_MIN_CHARS: '600' })).toThrow(/COMMENT_MIN_CHARS: must not be above/);
    expect(() => loadConfig({ COMMENT_MAX_CHARS: '0' })).toThrow(/COMMENT_MAX_CHARS/);
    expect(() => loadConfig({ COMMENT_MAX_CHARS: 'many' })).toThrow(/COMMENT_MAX_CHARS/);
  });

  it('checks the configured limits on the server and gives them to the page and the counter', {
    timeout: 90_000,
  }, async () => {
    const small = await buildTestApp({ clock, config: { comments: { minChars: 2, maxChars: 10 } } });
    try {
      await createProcedure(small.deps, { record: { code: PROCEDURE } });
      const send = (body: string) =>
        small.inject({
          method: 'POST',
          url: '/api/v1/comments',
          payload: { targetType: 'procedure', targetId: PROCEDURE, body, authorName: 'An' },
        });
      expect((await send('ok')).statusCode).toBe(201);
      const long = await send('mười một kt');
      expect(long.statusCode).toBe(400);
      expect(long.json().error.fields.body).toBe('Bình luận không được quá 10 ký tự');
      const page = await small.inject({ method: 'GET', url: `/thu-tuc/${PROCEDURE}` });
      expect(page.body).toContain('Từ 2 đến 10 ký tự.');
      expect(page.body).toContain('data-max="10"');
      expect(page.body).toContain('data-left="Bạn còn {remaining}/10 ký tự"');
    } finally {
      await small.close();
    }
  });
});

describe('moderation', () => {
  let id: number;
  beforeAll(async () => {
    id = (await post(comment('Bình luận chờ duyệt số một'))).json().id;
  });

  it('lists pending comments for administrators with counts per status and what they are about', async () => {
    const response = await t.inject({
      method: 'GET',
      url: '/api/v1/comments/moderation',
      headers: { cookie: admin },
    });
    expect(response.statusCode).toBe(200);
    const queue = response.json();
    expect(queue.counts.pending).toBeGreaterThan(0);
    expect(queue.total).toBe(queue.counts.pending);
    const item = queue.items.find((i: { id: number }) => i.id === id);
    expect(item).toMatchObject({
      status: 'pending',
      targetTitle: 'Thủ tục đăng ký khai sinh thử',
      targetUrl: `/thu-tuc/${PROCEDURE}`,
      authorSignedIn: false,
      moderatedAt: null,
    });
  });

  it('publishes a comment, which then shows publicly, and audits who did it', async () => {
    const response = await moderate(id, 'publish', admin, 'pending');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      id,
      status: 'published',
      moderatedAt: '2026-03-02T09:00:00+07:00',
    });
    const list = await t.inject({
      method: 'GET',
      url: `/api/v1/comments?targetType=procedure&targetId=${PROCEDURE}`,
    });
    expect(list.json().items.map((c: { id: number }) => c.id)).toContain(id);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'details', 'actor_id'])
      .where('target_type', '=', 'comment')
      .where('target_id', '=', String(id))
      .execute();
    expect(audit).toEqual([
      {
        action: 'comments.publish',
        details: { from: 'pending', to: 'published' },
        actor_id: expect.any(Number),
      },
    ]);
  });

  it('answers 409 when the comment is no longer in the status the moderator saw, changing nothing', async () => {
    const stale = await moderate(id, 'reject', admin, 'pending');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('MODERATION_NOT_ALLOWED');
    const again = await moderate(id, 'publish');
    expect(again.statusCode).toBe(409);
    const row = await t.deps.database.db
      .selectFrom('comments')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirst();
    expect(row?.status).toBe('published');
  });

  it('takes a published comment down, and publishes a rejected one again', async () => {
    expect((await moderate(id, 'reject')).json().status).toBe('rejected');
    const list = await t.inject({
      method: 'GET',
      url: `/api/v1/comments?targetType=procedure&targetId=${PROCEDURE}`,
    });
    expect(list.json().items.map((c: { id: number }) => c.id)).not.toContain(id);
    expect((await moderate(id, 'publish')).json().status).toBe('published');
  });

  it('lets only moderators moderate: 401 signed out, 403 for citizens and officers, 404 for no comment', async () => {
    expect((await t.inject({ method: 'GET', url: '/api/v1/comments/moderation' })).statusCode).toBe(401);
    expect((await moderate(id, 'reject', citizen)).statusCode).toBe(403);
    expect((await moderate(id, 'reject', specialist)).statusCode).toBe(403);
    expect((await moderate(999999, 'reject')).statusCode).toBe(404);
    const bad = await t.inject({
      method: 'POST',
      url: `/api/v1/comments/${id}/moderation`,
      headers: { cookie: admin },
      payload: { action: 'delete' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.action).toBe('Thao tác phải là publish hoặc reject');
  });
});

describe('rate limits on accepted comments', () => {
  it(`accepts ${COMMENT_LIMIT_PERSON.max} comments from one person in ${COMMENT_LIMIT_PERSON.windowMs / 60000} minutes, then 429 with Retry-After, storing nothing`, async () => {
    const user = await createUser(t.deps.database.db, { role: 'citizen' });
    const cookie = await t.login(user.username, TEST_PASSWORD);
    // Refused comments take no place.
    expect((await post(comment('abc'), { cookie })).statusCode).toBe(400);
    for (let i = 0; i < COMMENT_LIMIT_PERSON.max; i++)
      expect((await post(comment(`Bình luận số ${i}`), { cookie })).statusCode).toBe(201);
    const before = await countComments();
    const refused = await post(comment('Bình luận thêm nữa'), { cookie });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('600');
    expect(refused.json().error).toEqual({
      code: 'COMMENT_RATE_LIMITED',
      message: 'Bạn đã gửi nhiều bình luận trong thời gian ngắn. Vui lòng thử lại sau 10 phút.',
    });
    expect(await countComments()).toBe(before);
    clock.advance(COMMENT_LIMIT_PERSON.windowMs + 1000);
    expect((await post(comment('Đã qua mười phút'), { cookie })).statusCode).toBe(201);
  });

  it(`accepts ${COMMENT_LIMIT_ADDRESS.max} comments from one address, then refuses the next from anyone there`, async () => {
    const ip = '10.99.0.1';
    for (let i = 0; i < COMMENT_LIMIT_ADDRESS.max; i++)
      expect(
        (await post(comment(`Khách số ${i} ở quán`, { authorName: `Khách ${i}` }), { ip })).statusCode,
      ).toBe(201);
    const before = await countComments();
    expect((await post(comment('Thêm một khách nữa'), { ip })).statusCode).toBe(429);
    expect((await post(comment('Thêm một khách nữa'), { ip, cookie: citizen })).statusCode).toBe(429);
    expect(await countComments()).toBe(before);
    expect((await post(comment('Khách ở nơi khác'), { ip: '10.99.0.2' })).statusCode).toBe(201);
  });

  it('lets only the allowed number through when many comments arrive at once', async () => {
    const ip = '10.99.1.1';
    const responses = await Promise.all(
      Array.from({ length: COMMENT_LIMIT_ADDRESS.max + 5 }, (_, i) =>
        post(comment(`Cùng lúc số ${i}`), { ip }),
      ),
    );
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(COMMENT_LIMIT_ADDRESS.max);
    expect(codes.filter((c) => c === 429)).toHaveLength(5);
  });
});

describe('the comment form on a procedure page, without JavaScript', () => {
  it('shows the form with its limits, the counter’s texts and the published comments', async () => {
    const page = await t.inject({ method: 'GET', url: `/thu-tuc/${PROCEDURE}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="binh-luan"');
    expect(page.body).toContain('action="/binh-luan"');
    expect(page.body).toContain('Từ 5 đến 500 ký tự.');
    expect(page.body).toContain('data-left="Bạn còn {remaining}/500 ký tự"');
    expect(page.body).toMatch(/<script src="\/assets\/comment-counter\.js\?v=\w+" defer><\/script>/);
    expect(page.body).toContain('Bình luận chờ duyệt số một');
    expect(page.body).not.toContain('Thủ tục này cần mang những giấy tờ gì ạ?'); // still pending
  });

  it('sends a comment and comes back to the page with a thank-you notice', async () => {
    const before = await countComments();
    const response = await postForm({
      targetType: 'procedure',
      targetId: PROCEDURE,
      authorName: 'Hà Thị Mây',
      body: 'Gửi từ biểu mẫu không có JavaScript',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/thu-tuc/${PROCEDURE}?binh-luan=da-gui#binh-luan`);
    expect(await countComments()).toBe(before + 1);
    const page = await t.inject({ method: 'GET', url: `/thu-tuc/${PROCEDURE}?binh-luan=da-gui` });
    expect(page.body).toContain(
      'Bình luận của bạn đã được gửi và sẽ hiển thị sau khi được cán bộ kiểm duyệt.',
    );
  });

  it('shows the form again with a 400, an error summary and what was typed, storing nothing', async () => {
    const before = await countComments();
    const response = await postForm({
      targetType: 'procedure',
      targetId: PROCEDURE,
      authorName: '',
      body: 'a\u0301b\u0301c\u0301d\u0301',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('class="error-summary"');
    expect(response.body).toContain('<a href="#field-body">Vui lòng nhập từ 5 ký tự trở lên</a>');
    expect(response.body).toContain('<a href="#field-authorName">Vui lòng nhập họ và tên</a>');
    // Listed in the form's order: the name comes first.
    expect(response.body.indexOf('#field-authorName')).toBeLessThan(response.body.indexOf('#field-body'));
    expect(response.body).toContain('a\u0301b\u0301c\u0301d\u0301</textarea>');
    expect(response.body).toContain('Thủ tục đăng ký khai sinh thử');
    expect(await countComments()).toBe(before);
  });

  it('says when too many comments came from one address, with a 429, keeping the text', async () => {
    const ip = '10.99.2.1';
    for (let i = 0; i < COMMENT_LIMIT_ADDRESS.max; i++)
      await post(comment(`Khách số ${i} gửi qua API`), { ip });
    const response = await postForm(
      { targetType: 'procedure', targetId: PROCEDURE, authorName: 'An', body: 'Một bình luận nữa' },
      { ip },
    );
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('600');
    expect(response.body).toContain('Vui lòng thử lại sau 10 phút.');
    expect(response.body).toContain('Một bình luận nữa</textarea>');
  });

  it('refuses a form without its CSRF token, and an unknown target with a 404 page', async () => {
    const noToken = await t.inject({
      method: 'POST',
      url: '/binh-luan',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `targetType=procedure&targetId=${PROCEDURE}&authorName=A&body=hello+world`,
    });
    expect(noToken.statusCode).toBe(403);
    const unknown = await postForm({
      targetType: 'news',
      targetId: '424242',
      authorName: 'A',
      body: 'Xin chào',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Không tìm thấy thủ tục hoặc tin bài để bình luận.');
  });

  it('offers no comments on a retired procedure, even to an administrator who can still open it', async () => {
    const page = await t.inject({ method: 'GET', url: `/thu-tuc/${RETIRED}`, headers: { cookie: admin } });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('id="binh-luan"');
  });

  it('shows a signed-in person the name they comment under instead of a name field', async () => {
    const page = await t.inject({
      method: 'GET',
      url: `/thu-tuc/${PROCEDURE}`,
      headers: { cookie: citizen },
    });
    expect(page.body).toContain(`Bạn bình luận với tên ${citizenName}.`);
    expect(page.body).not.toContain('name="authorName"');
  });
});

describe('output is escaped', () => {
  it('shows a published script tag as text on the page and in the moderation queue', async () => {
    const id = (
      await post(comment('<script>alert(1)</script>', { authorName: '<img src=x onerror=alert(2)>' }))
    ).json().id;
    const queue = await lastPendingPage();
    expect(queue.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(queue.body).not.toContain('<script>alert(1)');
    await moderate(id, 'publish');
    const published = await t.inject({
      method: 'GET',
      url: '/quan-tri/binh-luan?status=published',
      headers: { cookie: admin },
    });
    expect(published.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(published.body).not.toContain('<script>alert(1)');
    const page = await t.inject({ method: 'GET', url: `/thu-tuc/${PROCEDURE}` });
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).not.toContain('<img src=x');
  });
});

describe('the moderation pages', () => {
  it('sends signed-out people to sign in and refuses citizens', async () => {
    const out = await t.inject({ method: 'GET', url: '/quan-tri/binh-luan' });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/login?next=%2Fquan-tri%2Fbinh-luan');
    expect(
      (await t.inject({ method: 'GET', url: '/quan-tri/binh-luan', headers: { cookie: citizen } }))
        .statusCode,
    ).toBe(403);
  });

  it('publishes and rejects from the queue with forms, and reports a decision someone else made first', async () => {
    const id = (await post(comment('Bình luận để duyệt trên trang'))).json().id;
    const page = await lastPendingPage();
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`action="/quan-tri/binh-luan/${id}"`);
    const csrf = await t.csrf('/quan-tri/binh-luan', admin);
    const send = (action: string) =>
      t.inject({
        method: 'POST',
        url: `/quan-tri/binh-luan/${id}`,
        headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          _csrf: csrf.token,
          action,
          expectedStatus: 'pending',
          page: '1',
        }).toString(),
      });
    const published = await send('publish');
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe('/quan-tri/binh-luan?status=pending&da=publish');
    const stale = await send('reject');
    expect(stale.headers.location).toBe('/quan-tri/binh-luan?status=pending&da=conflict');
    const after = await t.inject({
      method: 'GET',
      url: stale.headers.location as string,
      headers: { cookie: admin },
    });
    expect(after.body).toContain('Bình luận đã được người khác xử lý trước');
    const tabs = await t.inject({
      method: 'GET',
      url: '/quan-tri/binh-luan?status=published',
      headers: { cookie: admin },
    });
    expect(tabs.body).toContain('Bình luận để duyệt trên trang');
    expect(tabs.body).toContain('Gỡ xuống');
  });

  it('treats a bad status in the address as the pending queue', async () => {
    const response = await t.inject({
      method: 'GET',
      url: '/quan-tri/binh-luan?status=nope',
      headers: { cookie: admin },
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/quan-tri/binh-luan');
  });
});
