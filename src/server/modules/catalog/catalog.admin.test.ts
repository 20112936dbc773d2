import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { type TProcedureRecordInput, ZProcedureRecord } from '../../../shared/catalog/schema.js';
import { createAgency, createUnit, createUser, TEST_PASSWORD } from '../../seed/factories.js';
import { importProcedures } from './catalog.service.js';
import { catalogueToCsv } from './formats/flat.js';
import { catalogueToXlsx } from './formats/xlsx.js';

const record = (code: string, overrides: Partial<TProcedureRecordInput> = {}) =>
  ZProcedureRecord.parse({
    code,
    name: 'Thủ tục đăng ký khai sinh',
    field: 'Hộ tịch',
    level: 'commune',
    onlineLevel: 'full',
    agencies: [{ name: 'UBND cấp xã', role: 'implementing' }],
    targetSubjects: ['Công dân Việt Nam'],
    results: ['Giấy khai sinh'],
    legalBasis: [{ code: '60/2014/QH13', title: 'Luật Hộ tịch' }],
    steps: [{ title: null, description: 'Nộp hồ sơ.\nNhận kết quả.' }],
    cases: [
      {
        id: 'c1',
        code: `${code}.01`,
        name: 'Trường hợp thông thường',
        timeLimit: { amount: 1, unit: 'working_days' },
      },
    ],
    components: [
      {
        id: 'g1-1',
        name: 'Tờ khai đăng ký khai sinh',
        required: true,
        originals: 1,
        copies: 0,
        templates: [{ fileName: 'To-khai.docx', url: null }],
      },
    ],
    channels: [
      {
        kind: 'online',
        timeLimit: { amount: 1, unit: 'working_days' },
        fees: [{ kind: 'charge', amountVnd: 0 }],
      },
      {
        kind: 'direct',
        timeLimit: { amount: 1, unit: 'working_days' },
        timeLimitNote: 'Trong ngày nếu nộp trước 15 giờ',
        fees: [
          { kind: 'charge', amountVnd: 8000 },
          { kind: 'fee', amountVnd: 3000, description: 'Phí cấp bản sao' },
        ],
        note: 'Nộp tại Bộ phận Một cửa',
      },
      { kind: 'direct', timeLimit: { amount: 3, unit: 'working_days' }, note: 'Trường hợp cần xác minh' },
    ],
    source: { kind: 'national_portal', id: 'abc', url: 'https://dichvucong.gov.vn/p/abc' },
    ...overrides,
  });

/** The fields of the first form posting to `action`, as a browser would send them unchanged. */
function formFields(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`action="${action}"`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input ([^>]*)>/g)) {
    const attrs = m[1] ?? '';
    const name = /name="([^"]*)"/.exec(attrs)?.[1];
    if (!name) continue;
    const type = /type="([^"]*)"/.exec(attrs)?.[1] ?? 'text';
    if (type === 'checkbox' && !/\bchecked\b/.test(attrs)) continue;
    fields[name] = type === 'checkbox' ? 'on' : decode(/value="([^"]*)"/.exec(attrs)?.[1] ?? '');
  }
  for (const m of form.matchAll(/<textarea [^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g)) {
    fields[m[1] ?? ''] = decode((m[2] ?? '').replace(/^\n/, ''));
  }
  for (const m of form.matchAll(/<select [^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    fields[m[1] ?? ''] = decode(/<option value="([^"]*)" selected>/.exec(m[2] ?? '')?.[1] ?? '');
  }
  return fields;
}

/** A multipart/form-data body, as a browser sends an upload form. */
function multipart(
  parts: (
    | { name: string; value: string }
    | { name: string; fileName: string; content: Uint8Array | string }
  )[],
) {
  const boundary = '----motcua-test-boundary';
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
      chunks.push(typeof part.content === 'string' ? Buffer.from(part.content) : Buffer.from(part.content));
      chunks.push(Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('the administrators’ catalogue pages', () => {
  let t: TestApp;
  let admin: string;
  let counter: string;
  const system = { actor: null, requestId: 'test' };
  beforeAll(async () => {
    t = await buildTestApp({ config: { homeUnitCode: '123' } });
    const db = t.deps.database.db;
    const home = await createUnit(db, { code: '123', typeCode: 'town', name: 'Thị xã Mộc Châu' });
    const ward = await createUnit(db, {
      code: '03979',
      typeCode: 'ward',
      parentId: home.id,
      name: 'Phường Mộc Sơn',
    });
    await createAgency(db, {
      unitId: ward.id,
      code: 'UBND-03979',
      kind: 'peoples_committee',
      name: 'UBND phường Mộc Sơn',
    });
    await db
      .updateTable('agencies')
      .set({ catalog_name: 'UBND cấp xã' })
      .where('code', '=', 'UBND-03979')
      .execute();
    await createUser(db, { username: 'cat-admin', role: 'administrator', unitId: home.id });
    await createUser(db, { username: 'cat-counter', role: 'counter_officer', unitId: home.id });
    await importProcedures(t.deps, system, {
      records: [
        record('1.001193'),
        record('1.000656', { name: 'Thủ tục đăng ký kết hôn', onlineLevel: 'none' }),
        record('1.000099', { name: 'Thủ tục cũ đã bãi bỏ', status: 'retired' }),
      ],
    });
    admin = await t.login('cat-admin', TEST_PASSWORD);
    counter = await t.login('cat-counter', TEST_PASSWORD);
  });
  afterAll(() => t?.close());

  const get = (url: string, cookie?: string) =>
    t.inject({ method: 'GET', url, headers: { 'accept-language': 'vi', ...(cookie ? { cookie } : {}) } });
  const postForm = async (url: string, cookie: string, fields: Record<string, string>, withToken = true) => {
    const { token, cookie: withCsrf } = await t.csrf('/thu-tuc', cookie);
    return t.inject({
      method: 'POST',
      url,
      headers: {
        cookie: withCsrf,
        'content-type': 'application/x-www-form-urlencoded',
        'accept-language': 'vi',
      },
      payload: new URLSearchParams({ ...fields, ...(withToken ? { _csrf: token } : {}) }).toString(),
    });
  };
  const upload = async (
    cookie: string,
    file: { fileName: string; content: Uint8Array | string } | null,
    extra: Record<string, string> = {},
    token: 'good' | 'none' | 'wrong' = 'good',
  ) => {
    const csrf = await t.csrf('/thu-tuc', cookie);
    const parts: Parameters<typeof multipart>[0] = [];
    if (token !== 'none')
      parts.push({ name: '_csrf', value: token === 'good' ? csrf.token : 'x'.repeat(43) });
    for (const [name, value] of Object.entries(extra)) parts.push({ name, value });
    if (file) parts.push({ name: 'file', ...file });
    const body = multipart(parts);
    return t.inject({
      method: 'POST',
      url: '/quan-tri/thu-tuc/nhap',
      headers: { cookie: csrf.cookie, 'content-type': body.contentType, 'accept-language': 'vi' },
      payload: body.payload,
    });
  };
  const stored = async (code: string) =>
    t.deps.database.db
      .selectFrom('procedures')
      .select(['version', 'status', 'record'])
      .where('code', '=', code)
      .executeTakeFirst();
  const countProcedures = async () =>
    Number(
      (
        await t.deps.database.db
          .selectFrom('procedures')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const audits = async (action: string, code: string) =>
    t.deps.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .where('target_id', '=', code)
      .execute();

  it('sends signed-out people to sign in, and back to the page they asked for', async () => {
    for (const url of [
      '/quan-tri/thu-tuc?q=khai%20sinh',
      '/quan-tri/thu-tuc/moi',
      '/quan-tri/thu-tuc/1.001193/sua',
      '/quan-tri/thu-tuc/nhap',
      '/quan-tri/thu-tuc/xuat?format=csv',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location, url).toBe(`/login?next=${encodeURIComponent(url)}`);
    }
  });

  it('shows others a 403 page and changes nothing for them', async () => {
    for (const url of [
      '/quan-tri/thu-tuc',
      '/quan-tri/thu-tuc/moi',
      '/quan-tri/thu-tuc/1.001193/sua',
      '/quan-tri/thu-tuc/nhap',
      '/quan-tri/thu-tuc/xuat?format=json',
    ]) {
      const response = await get(url, counter);
      expect(response.statusCode, url).toBe(403);
      expect(response.headers['content-type'], url).toContain('text/html');
      expect(response.body, url).toContain('Bạn không có quyền thực hiện thao tác này.');
    }
    const created = await postForm('/quan-tri/thu-tuc/moi', counter, {
      code: '5.000001',
      name: 'X',
      field: 'Y',
      level: 'commune',
      onlineLevel: 'none',
    });
    expect(created.statusCode).toBe(403);
    const retired = await postForm('/quan-tri/thu-tuc/1.001193/ngung-ap-dung', counter, {
      expectedVersion: '1',
    });
    expect(retired.statusCode).toBe(403);
    const imported = await upload(counter, {
      fileName: 'a.csv',
      content: catalogueToCsv([record('5.000002')]),
    });
    expect(imported.statusCode).toBe(403);
    expect(await stored('5.000001')).toBeUndefined();
    expect(await stored('5.000002')).toBeUndefined();
    expect((await stored('1.001193'))?.status).toBe('active');
  });

  it('lists every procedure, retired ones too, with search, a status filter and a way to edit each', async () => {
    const page = await get('/quan-tri/thu-tuc', admin);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Quản lý thủ tục hành chính</h1>');
    expect(page.body).toContain('Danh sách thủ tục (3)');
    expect(page.body).toContain('href="/quan-tri/thu-tuc/1.001193/sua"');
    expect(page.body).toContain('Thủ tục cũ đã bãi bỏ');
    expect(page.body).toContain('href="/quan-tri/thu-tuc/moi"');
    expect(page.body).toContain('href="/quan-tri/thu-tuc/nhap"');
    expect(page.body).toContain('action="/quan-tri/thu-tuc/xuat"');
    const retired = await get('/quan-tri/thu-tuc?status=retired', admin);
    expect(retired.body).toContain('Danh sách thủ tục (1)');
    const searched = await get('/quan-tri/thu-tuc?q=ket%20hon', admin);
    expect(searched.body).toContain('Danh sách thủ tục (1)');
    expect(searched.body).toContain('1.000656');
    const bad = await get('/quan-tri/thu-tuc?status=gone', admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#field-status"');
  });

  it('creates a procedure from the form, audits it, and shows it on the public pages', async () => {
    const form = await get('/quan-tri/thu-tuc/moi', admin);
    expect(form.statusCode).toBe(200);
    const fields = {
      ...formFields(form.body, '/quan-tri/thu-tuc/moi'),
      code: '5.000010',
      name: 'Thủ tục cấp giấy xác nhận tình trạng hôn nhân',
      field: 'Hộ tịch',
      level: 'commune',
      onlineLevel: 'partial',
      agencies: 'UBND cấp xã',
      targetSubjects: 'Công dân Việt Nam\r\nNgười nước ngoài',
      results: 'Giấy xác nhận tình trạng hôn nhân',
      legalBasis: '123/2015/NĐ-CP | Nghị định quy định chi tiết Luật Hộ tịch',
      steps: 'Nộp tờ khai | Bước 1\r\nNhận kết quả | Bước 2',
      components: ' | Tờ khai cấp giấy xác nhận | yes | 1 | 0',
      componentTemplates: 'n1 | To-khai-xac-nhan.docx',
      onlineOffered: 'on',
      onlineAmount: '3',
      onlineUnit: 'working_days',
      onlineFee: '0',
      directOffered: 'on',
      directAmount: '7,5',
      directUnit: 'working_days',
      directFee: '8.000',
    };
    const response = await postForm('/quan-tri/thu-tuc/moi', admin, fields);
    expect(response.statusCode, response.body).toBe(303);
    expect(response.headers.location).toBe('/quan-tri/thu-tuc?created=5.000010');
    const row = await stored('5.000010');
    expect(row?.version).toBe(1);
    expect(row?.record).toMatchObject({
      name: 'Thủ tục cấp giấy xác nhận tình trạng hôn nhân',
      targetSubjects: ['Công dân Việt Nam', 'Người nước ngoài'],
      legalBasis: [{ code: '123/2015/NĐ-CP', title: 'Nghị định quy định chi tiết Luật Hộ tịch' }],
      steps: [
        { title: 'Bước 1', description: 'Nộp tờ khai' },
        { title: 'Bước 2', description: 'Nhận kết quả' },
      ],
      components: [
        {
          id: 'n1',
          name: 'Tờ khai cấp giấy xác nhận',
          required: true,
          templates: [{ fileName: 'To-khai-xac-nhan.docx' }],
        },
      ],
      channels: [
        {
          kind: 'online',
          timeLimit: { amount: 3, unit: 'working_days' },
          fees: [{ kind: 'charge', amountVnd: 0 }],
        },
        {
          kind: 'direct',
          timeLimit: { amount: 7.5, unit: 'working_days' },
          fees: [{ kind: 'charge', amountVnd: 8000 }],
        },
      ],
    });
    expect(await audits('catalog.create', '5.000010')).toHaveLength(1);
    const list = await get(response.headers.location as string, admin);
    expect(list.body).toContain('Đã tạo thủ tục 5.000010.');
    const publicPage = await get('/thu-tuc/5.000010');
    expect(publicPage.body).toContain('Lệ phí: 8.000\u00a0đồng');
    expect(publicPage.body).toContain('7,5 ngày làm việc');
    expect(publicPage.body).toContain('UBND phường Mộc Sơn');
  });

  it('re-renders the form with each problem next to its field, in an error summary, with a 400 and what was typed', async () => {
    const response = await postForm('/quan-tri/thu-tuc/moi', admin, {
      code: 'bad code!',
      name: '',
      field: 'Hộ tịch',
      level: 'city',
      onlineLevel: 'full',
      status: 'active',
      dataCompleteness: 'full',
      supplementClock: 'sometimes',
      components: 'g1 | Tờ khai | maybe | 1 | 0',
      directOffered: 'on',
      directAmount: '5',
      directUnit: 'working_days',
      directFee: '-5000',
      postalAmount: '3',
      steps: '<script>alert(1)</script>',
    });
    expect(response.statusCode).toBe(400);
    const body = response.body;
    expect(body).toContain('class="error-summary"');
    for (const field of [
      'code',
      'name',
      'level',
      'supplementClock',
      'components',
      'directFee',
      'postalOffered',
    ]) {
      expect(body, field).toContain(`href="#field-${field}"`);
    }
    expect(body).toContain('Mã thủ tục chỉ gồm chữ, số');
    expect(body).toContain('Cấp thực hiện không hợp lệ');
    expect(body).toContain('Cách tính thời hạn sau bổ sung không hợp lệ');
    expect(body).toContain('Dòng 1: Giá trị phải là có/không');
    expect(body).toContain('Phí, lệ phí không được là số âm.');
    expect(body).toContain('Đánh dấu “Có thực hiện theo cách thức này”');
    expect(body).toContain('value="bad code!"');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).not.toContain('<script>alert(1)</script>');
    expect(await stored('bad code!')).toBeUndefined();
  });

  it('refuses a code that exists, saying so on the code field', async () => {
    const response = await postForm('/quan-tri/thu-tuc/moi', admin, {
      code: '1.001193',
      name: 'Trùng mã',
      field: 'Hộ tịch',
      level: 'commune',
      onlineLevel: 'none',
      status: 'active',
      dataCompleteness: 'full',
    });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('href="#field-code"');
    expect(response.body).toContain('Đã có thủ tục với mã này.');
    expect((await stored('1.001193'))?.record).toMatchObject({ name: 'Thủ tục đăng ký khai sinh' });
  });

  it('opens the edit form with the record, and saving it unchanged changes nothing', async () => {
    const form = await get('/quan-tri/thu-tuc/1.001193/sua', admin);
    expect(form.statusCode).toBe(200);
    const fields = formFields(form.body, '/quan-tri/thu-tuc/1.001193/sua');
    expect(fields).toMatchObject({
      expectedVersion: '1',
      name: 'Thủ tục đăng ký khai sinh',
      level: 'commune',
      components: 'g1-1 | Tờ khai đăng ký khai sinh | yes | 1 | 0 |  |  | no',
      steps: 'Nộp hồ sơ.\\nNhận kết quả.',
      directOffered: 'on',
      directAmount: '1',
      directUnit: 'working_days',
      directFee: '8000',
      onlineFee: '0',
    });
    expect(fields.postalOffered).toBeUndefined();
    expect(form.body).toContain('Thủ tục còn 1 dòng “Trực tiếp” khác');
    const before = await stored('1.001193');
    const response = await postForm('/quan-tri/thu-tuc/1.001193/sua', admin, fields);
    expect(response.statusCode, response.body).toBe(303);
    expect(response.headers.location).toBe('/quan-tri/thu-tuc?unchanged=1.001193');
    expect(await stored('1.001193')).toEqual(before);
  });

  it('saves changes to the main fields and keeps the rest of the record as it was', async () => {
    const form = await get('/quan-tri/thu-tuc/1.001193/sua', admin);
    const fields = formFields(form.body, '/quan-tri/thu-tuc/1.001193/sua');
    const before = (await stored('1.001193'))?.record as Record<string, unknown>;
    const response = await postForm('/quan-tri/thu-tuc/1.001193/sua', admin, {
      ...fields,
      code: 'ignored.999',
      name: 'Thủ tục đăng ký khai sinh (sửa)',
      directFee: '10000',
      directAmount: '2',
      onlineOffered: '',
      onlineAmount: '',
      onlineUnit: '',
      onlineFee: '',
      results: 'Giấy khai sinh\nBản sao Giấy khai sinh',
      supplementClock: 'resume',
    });
    expect(response.statusCode, response.body).toBe(303);
    expect(response.headers.location).toBe('/quan-tri/thu-tuc?updated=1.001193');
    const after = await stored('1.001193');
    expect(after?.version).toBe(2);
    expect(after?.record).toEqual({
      ...before,
      version: 2,
      name: 'Thủ tục đăng ký khai sinh (sửa)',
      supplementClock: 'resume',
      results: ['Giấy khai sinh', 'Bản sao Giấy khai sinh'],
      channels: [
        {
          kind: 'direct',
          timeLimit: { amount: 2, unit: 'working_days' },
          timeLimitNote: 'Trong ngày nếu nộp trước 15 giờ',
          fees: [
            { kind: 'charge', amountVnd: 10000, description: null },
            { kind: 'fee', amountVnd: 3000, description: 'Phí cấp bản sao' },
          ],
          note: 'Nộp tại Bộ phận Một cửa',
        },
        {
          kind: 'direct',
          timeLimit: { amount: 3, unit: 'working_days' },
          timeLimitNote: null,
          fees: [],
          note: 'Trường hợp cần xác minh',
        },
      ],
    });
    expect(await audits('catalog.update', '1.001193')).toHaveLength(1);
    expect(await stored('ignored.999')).toBeUndefined();
  });

  it('refuses a save made on an old version with a clear message, keeping what was typed', async () => {
    const form = await get('/quan-tri/thu-tuc/1.000656/sua', admin);
    const fields = formFields(form.body, '/quan-tri/thu-tuc/1.000656/sua');
    const first = await postForm('/quan-tri/thu-tuc/1.000656/sua', admin, {
      ...fields,
      name: 'Thủ tục đăng ký kết hôn (lần 1)',
    });
    expect(first.statusCode).toBe(303);
    const second = await postForm('/quan-tri/thu-tuc/1.000656/sua', admin, {
      ...fields,
      name: 'Thủ tục đăng ký kết hôn (lần 2)',
    });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Thủ tục vừa được người khác thay đổi');
    expect(second.body).toContain('phiên bản 2');
    expect(second.body).toContain('Thủ tục đăng ký kết hôn (lần 2)');
    expect((await stored('1.000656'))?.record).toMatchObject({ name: 'Thủ tục đăng ký kết hôn (lần 1)' });
  });

  it('refuses a form post without its CSRF token and changes nothing', async () => {
    const form = await get('/quan-tri/thu-tuc/1.000656/sua', admin);
    const fields = formFields(form.body, '/quan-tri/thu-tuc/1.000656/sua');
    delete fields._csrf;
    const before = await stored('1.000656');
    const response = await postForm(
      '/quan-tri/thu-tuc/1.000656/sua',
      admin,
      { ...fields, name: 'Giả mạo' },
      false,
    );
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Biểu mẫu đã hết hạn');
    expect(await stored('1.000656')).toEqual(before);
  });

  it('retires a procedure with its version, audited; it leaves the public pages; an old version is refused', async () => {
    const stale = await postForm('/quan-tri/thu-tuc/1.000656/ngung-ap-dung', admin, { expectedVersion: '1' });
    expect(stale.statusCode).toBe(409);
    expect((await stored('1.000656'))?.status).toBe('active');
    const response = await postForm('/quan-tri/thu-tuc/1.000656/ngung-ap-dung', admin, {
      expectedVersion: '2',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/quan-tri/thu-tuc?retired=1.000656');
    expect((await stored('1.000656'))?.status).toBe('retired');
    expect((await get('/thu-tuc/1.000656')).statusCode).toBe(404);
    expect((await get('/thu-tuc/1.000656', admin)).body).toContain('Thủ tục này đã ngừng áp dụng');
    expect((await audits('catalog.update', '1.000656')).length).toBe(2);
    const edit = await get('/quan-tri/thu-tuc/1.000656/sua', admin);
    expect(edit.body).not.toContain('/ngung-ap-dung');
  });

  it('imports a CSV upload and reports what it created, updated and left unchanged', async () => {
    const csv = catalogueToCsv([
      record('6.000001', { name: 'Thủ tục nhập từ CSV' }),
      record('1.000099', { name: 'Thủ tục cũ đã bãi bỏ', status: 'retired' }),
    ]);
    const response = await upload(admin, { fileName: 'danh-muc.csv', content: csv });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).toContain('Tệp danh-muc.csv (CSV)');
    expect(response.body).toContain('Đã nhập xong: 1 tạo mới, 0 cập nhật, 1 không thay đổi.');
    expect(response.body).toContain('href="/thu-tuc/6.000001"');
    expect((await stored('6.000001'))?.record).toMatchObject({ name: 'Thủ tục nhập từ CSV' });
    expect(await audits('catalog.create', '6.000001')).toHaveLength(1);
  });

  it('exports XLSX that imports back with no change at all', async () => {
    const exported = await get('/quan-tri/thu-tuc/xuat?format=xlsx&includeRetired=1', admin);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(exported.headers['content-disposition']).toMatch(
      /^attachment; filename="danh-muc-thu-tuc-\d{4}-\d{2}-\d{2}\.xlsx"$/,
    );
    const versions = await t.deps.database.db
      .selectFrom('procedure_versions')
      .select(['procedure_id', 'version'])
      .execute();
    const count = await countProcedures();
    const response = await upload(admin, { fileName: 'xuat.xlsx', content: exported.rawPayload });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).toContain(`Đã nhập xong: 0 tạo mới, 0 cập nhật, ${count} không thay đổi.`);
    expect(
      await t.deps.database.db.selectFrom('procedure_versions').select(['procedure_id', 'version']).execute(),
    ).toEqual(versions);
  });

  it('exports JSON and CSV, active procedures only unless asked', async () => {
    const json = await get('/quan-tri/thu-tuc/xuat?format=json', admin);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const file = json.json() as { format: string; procedures: { code: string; status: string }[] };
    expect(file.format).toBe('motcua.catalogue');
    expect(file.procedures.every((p) => p.status === 'active')).toBe(true);
    const csv = await get('/quan-tri/thu-tuc/xuat?format=csv&includeRetired=1', admin);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toContain('1.000099');
    const bad = await get('/quan-tri/thu-tuc/xuat?format=pdf', admin);
    expect(bad.statusCode).toBe(400);
  });

  it('refuses a file with any problem, saying why for each, and changes nothing', async () => {
    const count = await countProcedures();
    const versions = await t.deps.database.db
      .selectFrom('procedure_versions')
      .select(['procedure_id', 'version'])
      .execute();
    const header = 'code,name,field,level,onlineLevel,channels,fees';
    const cases: { file: { fileName: string; content: Uint8Array | string }; reasons: string[] }[] = [
      {
        // "Thủ tục" in Windows-1258: not UTF-8.
        file: {
          fileName: 'cp1258.csv',
          content: new Uint8Array([
            ...Buffer.from(`${header}\r\n7.000001,Th`),
            0xf9,
            0x20,
            0x74,
            0x75,
            0x63,
            ...Buffer.from(',Hộ tịch,commune,none\r\n'),
          ]),
        },
        reasons: ['Tệp không phải văn bản UTF-8 hợp lệ'],
      },
      {
        file: { fileName: 'cot.csv', content: 'code,name,level,colour\r\n7.000002,A,commune,x\r\n' },
        reasons: ['Cột &quot;colour&quot; không được hỗ trợ.', 'Thiếu cột bắt buộc &quot;field&quot;.'],
      },
      {
        file: {
          fileName: 'trung.csv',
          content: `${header}\r\n7.000003,A,Hộ tịch,commune,none\r\n7.000003,B,Hộ tịch,commune,none\r\n`,
        },
        reasons: ['Mã thủ tục 7.000003 xuất hiện nhiều lần trong tệp.', 'hàng 3, mã 7.000003, cột code'],
      },
      {
        file: {
          fileName: 'phi.csv',
          content: `${header}\r\n7.000004,A,Hộ tịch,commune,none,direct,direct | charge | -8000\r\n`,
        },
        reasons: ['Phí, lệ phí không được là số âm.', 'hàng 2, mã 7.000004, cột fees, dòng 1'],
      },
      {
        file: {
          fileName: 'cap.csv',
          content: `${header}\r\n7.000005,A,Hộ tịch,thanh pho,none\r\n7.000006,B,Hộ tịch,commune,none\r\n`,
        },
        reasons: [
          'Cấp thực hiện không hợp lệ; dùng một trong: province, district, commune, vertical.',
          '1 thủ tục hợp lệ trong tệp chưa được nhập',
        ],
      },
      {
        file: { fileName: 'hong.xlsx', content: 'PK\u0003\u0004 not a workbook' },
        reasons: ['Không đọc được tệp XLSX'],
      },
      {
        file: {
          fileName: 'dvc.json',
          content: JSON.stringify([{ code: '7.000007', name: 'A', steps_raw: [], checklist_raw: [] }]),
        },
        reasons: ['Cần chọn cấp thực hiện'],
      },
      { file: { fileName: 'rong.csv', content: '' }, reasons: [] },
    ];
    for (const { file, reasons } of cases) {
      const response = await upload(admin, file);
      expect(response.statusCode, file.fileName).toBe(400);
      expect(response.body, file.fileName).toContain(
        file.content === '' ? 'Tệp trống.' : 'Không có gì được nhập',
      );
      for (const reason of reasons) expect(response.body, file.fileName).toContain(reason);
    }
    expect(await countProcedures()).toBe(count);
    expect(
      await t.deps.database.db.selectFrom('procedure_versions').select(['procedure_id', 'version']).execute(),
    ).toEqual(versions);
  });

  it('refuses an upload without the CSRF token, or with a wrong one, and imports nothing', async () => {
    const csv = catalogueToCsv([record('8.000001')]);
    for (const token of ['none', 'wrong'] as const) {
      const response = await upload(admin, { fileName: 'a.csv', content: csv }, {}, token);
      expect(response.statusCode, token).toBe(403);
      expect(response.body, token).toContain('Biểu mẫu đã hết hạn');
    }
    expect(await stored('8.000001')).toBeUndefined();
  });

  it('answers a broken upload with a 400 page, never a 5xx', async () => {
    const csrf = await t.csrf('/thu-tuc', admin);
    const response = await t.inject({
      method: 'POST',
      url: '/quan-tri/thu-tuc/nhap',
      headers: {
        cookie: csrf.cookie,
        'content-type': 'multipart/form-data; boundary=xyz',
        'accept-language': 'vi',
      },
      payload: `--xyz\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf.token}\r\n--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\ncode,name`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('text/html');
  });

  it('asks for a file when none was chosen, and imports national-portal records with the level chosen', async () => {
    const none = await upload(admin, null);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('href="#field-file"');
    expect(none.body).toContain('Chọn tệp danh mục để tải lên.');
    const portal = JSON.stringify([
      {
        code: '7.000100',
        name: 'Thủ tục từ Cổng',
        category: { code: 'G15-TP07', name: 'Hộ tịch' },
        channels: [{ method: 'DIRECT', fees: [], processing: { qty: 5, unit: 'WORKING_DAY' } }],
        legal_basis: [],
        steps_raw: [],
        checklist_raw: [],
        state: 'ACTIVE',
      },
    ]);
    const response = await upload(
      admin,
      { fileName: 'dvc.json', content: portal },
      { portalLevel: 'district', portalOnlineLevel: 'none' },
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).toContain('JSON của Cổng Dịch vụ công quốc gia');
    expect(response.body).toContain('Bản ghi không có căn cứ pháp lý.');
    expect((await stored('7.000100'))?.record).toMatchObject({ level: 'district', onlineLevel: 'none' });
  });

  it('reports a workbook with a bad row by row and column, in English too', async () => {
    const { bytes } = await catalogueToXlsx([record('7.000200')]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.slice().buffer as Parameters<typeof book.xlsx.load>[0]);
    const sheet = book.getWorksheet('procedures');
    if (sheet) sheet.getRow(2).getCell(5).value = 'everywhere';
    const edited = new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
    const csrf = await t.csrf('/thu-tuc', admin);
    const body = multipart([
      { name: '_csrf', value: csrf.token },
      { name: 'file', fileName: 'bad.xlsx', content: edited },
    ]);
    const response = await t.inject({
      method: 'POST',
      url: '/quan-tri/thu-tuc/nhap',
      headers: { cookie: csrf.cookie, 'content-type': body.contentType, 'accept-language': 'en' },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Nothing was imported');
    expect(response.body).toContain('row 2, code 7.000200, column level');
    expect(response.body).toContain('Unknown level; use one of: province, district, commune, vertical.');
    expect(await stored('7.000200')).toBeUndefined();
  });
});
