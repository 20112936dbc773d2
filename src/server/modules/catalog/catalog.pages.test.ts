import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { type TProcedureRecordInput, ZProcedureRecord } from '../../../shared/catalog/schema.js';
import { FixedClock } from '../../../shared/clock.js';
import { createAgency, createUnit, createUser } from '../../seed/factories.js';
import { importProcedures } from './catalog.service.js';

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
    steps: [{ title: 'Bước 1', description: 'Nộp hồ sơ.\nNhận phiếu hẹn.' }],
    cases: [{ id: 'c1', code: `${code}.01`, name: null, timeLimit: { amount: 1, unit: 'working_days' } }],
    components: [
      {
        id: 'g1-1',
        group: 'Giấy tờ phải nộp',
        name: 'Tờ khai đăng ký khai sinh',
        required: true,
        originals: 1,
        copies: 0,
        templates: [{ fileName: 'To-khai-khai-sinh.docx', url: null }],
      },
      {
        id: 'g1-2',
        group: 'Giấy tờ phải nộp',
        name: 'Giấy chứng sinh (nếu có)',
        required: false,
        originals: 1,
        copies: 2,
      },
    ],
    channels: [
      {
        kind: 'online',
        timeLimit: { amount: 1, unit: 'working_days' },
        fees: [{ kind: 'charge', amountVnd: 0, description: 'Miễn lệ phí' }],
      },
      {
        kind: 'postal',
        timeLimit: { amount: 7.5, unit: 'working_days' },
        fees: [{ kind: 'charge', amountVnd: 1_200_000 }],
      },
      {
        kind: 'direct',
        timeLimit: { unit: 'same_day' },
        fees: [{ kind: 'charge', amountVnd: 8000 }],
        note: 'Nộp tại Bộ phận Một cửa',
      },
    ],
    effectiveFrom: '2025-07-01',
    announcingDecision: { number: '1234/QĐ-BTP', date: '2025-06-20' },
    ...overrides,
  });

const catalogueOnly = (code: string, name: string) =>
  ZProcedureRecord.parse({
    code,
    name,
    field: 'Lâm nghiệp và Kiểm lâm',
    level: 'commune',
    onlineLevel: 'none',
    dataCompleteness: 'catalogue_only',
    demoAssigned: { level: true, onlineLevel: true, agencies: true },
  });

describe('the public catalogue pages', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-02T03:00:00Z'));
  beforeAll(async () => {
    t = await buildTestApp({
      clock,
      config: { homeUnitCode: '123', publicUrl: 'https://motcua.example.vn' },
    });
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
    await createAgency(db, { unitId: home.id, code: 'MC-TP', name: 'Phòng Tư pháp' });
    await createUser(db, { username: 'cat-admin', role: 'administrator', unitId: home.id });
    const filler = Array.from({ length: 25 }, (_, i) =>
      record(`9.${String(100 + i).padStart(6, '0')}`, {
        name: `Chứng thực bản sao từ bản chính mẫu số ${i + 1}`,
        field: 'Chứng thực',
        onlineLevel: 'none',
        agencies: [{ name: 'Phòng Tư pháp', role: 'implementing' }],
        level: 'district',
      }),
    );
    const report = await importProcedures(
      t.deps,
      { actor: null, requestId: 'test' },
      {
        records: [
          record('1.001193'),
          record('1.004884', { name: 'Thủ tục đăng ký lại khai sinh' }),
          record('2.000528', {
            name: 'Thủ tục đăng ký khai sinh có yếu tố nước ngoài',
            level: 'district',
            onlineLevel: 'partial',
            agencies: [{ name: 'Phòng Tư pháp', role: 'implementing' }],
            demoAssigned: { level: true, onlineLevel: true },
          }),
          record('1.000656', {
            name: 'Thủ tục đăng ký kết hôn',
            onlineLevel: 'none',
            channels: [{ kind: 'direct' }],
          }),
          catalogueOnly('1.000055', 'Phê duyệt phương án quản lý rừng bền vững của chủ rừng là tổ chức'),
          record('1.000099', { name: 'Thủ tục đã bãi bỏ về khai sinh', status: 'retired' }),
          ...filler,
        ],
      },
    );
    expect(report.rejected).toEqual([]);
  });
  afterAll(() => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.inject({ method: 'GET', url, headers: { 'accept-language': 'vi', ...headers } });

  it('lists the catalogue with its count and a link to each procedure, second in the navigation', async () => {
    const page = await get('/thu-tuc');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Thủ tục hành chính</h1>');
    expect(page.body).toContain('Tìm thấy 30 thủ tục');
    expect(page.body).toContain('href="/thu-tuc/9.000100">Chứng thực bản sao từ bản chính mẫu số 1</a>');
    expect(page.body).not.toContain('1.000099');
    const nav = /<nav class="site-nav"[\s\S]*?<\/nav>/.exec(page.body)?.[0] ?? '';
    const links = [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(links.slice(0, 2)).toEqual(['/', '/thu-tuc']);
    expect(nav).toContain('aria-current="page">Thủ tục hành chính');
  });

  it('finds "Thủ tục đăng ký khai sinh" typed without diacritics, with a typo, or with them', async () => {
    for (const q of ['thu tuc dang ky khai sinh', 'dang ki khai sinh', 'Đăng ký khai sinh']) {
      const page = await get(`/thu-tuc?q=${encodeURIComponent(q)}`);
      expect(page.statusCode, q).toBe(200);
      expect(page.body, q).toContain('href="/thu-tuc/1.001193">Thủ tục đăng ký khai sinh</a>');
      expect(page.body, q).not.toContain('Thủ tục đăng ký kết hôn');
      expect(page.body, q).toContain(`cho “${q}”`);
    }
  });

  it('still finds it with one word misspelt, first of the list, and answers two misspelt words plainly', async () => {
    const page = await get(`/thu-tuc?q=${encodeURIComponent('dang ky khai sinhh')}`);
    const first = /<li class="result">[\s\S]*?<\/li>/.exec(page.body)?.[0] ?? '';
    expect(first).toContain('href="/thu-tuc/1.001193">Thủ tục đăng ký khai sinh</a>');
    expect(page.body).not.toContain('Thủ tục đăng ký kết hôn');
    const worse = await get(`/thu-tuc?q=${encodeURIComponent('dnag kyy khai sinhh')}`);
    expect(worse.statusCode).toBe(200);
    expect(worse.body).toContain('Không tìm thấy thủ tục nào');
  });

  it('shows each result with its code, field, level and online level', async () => {
    const page = await get('/thu-tuc?q=2.000528');
    expect(page.body).toContain('Tìm thấy 1 thủ tục');
    const item = /<li class="result">[\s\S]*?<\/li>/.exec(page.body)?.[0] ?? '';
    expect(item).toContain('<span class="code">2.000528</span>');
    expect(item).toContain('Lĩnh vực: Hộ tịch');
    expect(item).toContain('Cấp huyện');
    expect(item).toContain('Trực tuyến một phần');
  });

  it('filters by level, online level, field and agency, keeping the filters in the form', async () => {
    const district = await get('/thu-tuc?level=district&onlineLevel=partial');
    expect(district.body).toContain('Tìm thấy 1 thủ tục');
    expect(district.body).toContain('<option value="district" selected>Cấp huyện</option>');
    expect(district.body).toContain('<details class="filters" open>');
    const byField = await get(
      `/thu-tuc?field=${encodeURIComponent('Hộ tịch')}&q=&level=&agency=&onlineLevel=`,
    );
    expect(byField.body).toContain('Tìm thấy 4 thủ tục');
    expect(byField.body).toContain('Hộ tịch (4)');
    const byAgency = await get('/thu-tuc?agency=UBND-03979');
    expect(byAgency.body).toContain('Tìm thấy 3 thủ tục');
    expect(byAgency.body).toContain('<optgroup label="Phường Mộc Sơn">');
  });

  it('pages through results by links that keep the filters', async () => {
    const first = await get('/thu-tuc?level=district');
    expect(first.body).toContain('Tìm thấy 26 thủ tục');
    expect(first.body.match(/<li class="result">/g)).toHaveLength(20);
    expect(first.body).toContain('href="/thu-tuc?level=district&amp;page=2" rel="next"');
    expect(first.body).toContain('aria-current="page" aria-label="Trang 1"');
    const second = await get('/thu-tuc?level=district&page=2');
    expect(second.body.match(/<li class="result">/g)).toHaveLength(6);
    expect(second.body).toContain('href="/thu-tuc?level=district" rel="prev"');
    const beyond = await get('/thu-tuc?level=district&page=9');
    expect(beyond.statusCode).toBe(200);
    expect(beyond.body).toContain('Trang 9 không có kết quả.');
  });

  it('says plainly when nothing matches, and how to go on', async () => {
    const page = await get('/thu-tuc?q=xyzzy%20khong%20co');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Không tìm thấy thủ tục nào');
    expect(page.body).toContain('Hãy kiểm tra chính tả');
    expect(page.body).toContain('href="/thu-tuc">Xem tất cả thủ tục hành chính</a>');
  });

  it('shows HTML and SQL in a search as text, never runs them, never fails', async () => {
    for (const q of [
      '<script>alert(1)</script>',
      "' OR 1=1; --",
      '%_\\',
      'a"><img src=x onerror=alert(1)>',
      '\u0000',
    ]) {
      const page = await get(`/thu-tuc?q=${encodeURIComponent(q)}`);
      expect(page.statusCode, q).toBeLessThan(500);
      expect(page.body).not.toContain('<script>alert(1)</script>');
      expect(page.body).not.toContain('<img src=x');
    }
    const scripted = await get(`/thu-tuc?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(scripted.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('refuses oversized and malformed queries with a 400 page that says why', async () => {
    const long = await get(`/thu-tuc?q=${'a'.repeat(201)}`);
    expect(long.statusCode).toBe(400);
    expect(long.headers['content-type']).toContain('text/html');
    expect(long.body).toContain('class="error-summary"');
    expect(long.body).toContain('href="#field-q"');
    expect(long.body).toContain('Không được quá 200 ký tự');
    for (const url of ['/thu-tuc?level=city', '/thu-tuc?page=0', '/thu-tuc?page=abc', '/thu-tuc?q=a&q=b']) {
      const page = await get(url);
      expect(page.statusCode, url).toBe(400);
      expect(page.body, url).toContain('class="error-summary"');
    }
    const huge = await get(`/thu-tuc?junk=${'x'.repeat(5000)}`);
    expect(huge.statusCode).toBe(400);
    expect(huge.body).toContain('<h1>');
  });

  it('shows a procedure in full: facts, fees in đồng per channel, time limits, documents, steps, legal basis', async () => {
    const page = await get('/thu-tuc/1.001193');
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain('<h1 class="procedure-title">Thủ tục đăng ký khai sinh</h1>');
    expect(body).toContain('<dd class="code">1.001193</dd>');
    expect(body).toContain('<dd>Hộ tịch</dd>');
    expect(body).toContain('<dd>Cấp xã</dd>');
    expect(body).toContain('<dd>Toàn trình</dd>');
    expect(body).toContain('UBND cấp xã');
    expect(body).toContain('Nơi tiếp nhận tại Ủy ban nhân dân thị xã Mộc Châu: 1 cơ quan');
    expect(body).toContain('UBND phường Mộc Sơn');
    expect(body).toContain('Công dân Việt Nam');
    expect(body).toContain('Lệ phí: 8.000\u00a0đồng');
    expect(body).toContain('Lệ phí: 1.200.000\u00a0đồng');
    expect(body).toContain('Lệ phí: 0\u00a0đồng – Miễn lệ phí');
    expect(body).toContain('7,5 ngày làm việc');
    expect(body).toContain('1 ngày làm việc');
    expect(body).toContain('Trong ngày');
    expect(body).toContain(
      'Khi cơ quan yêu cầu bổ sung hồ sơ, thời hạn tạm dừng. Thời hạn được tính lại từ đầu khi nhận đủ hồ sơ bổ sung.',
    );
    expect(body).toContain('Tờ khai đăng ký khai sinh');
    expect(body).toContain('Bản chính: 1 · Bản sao: 2');
    expect(body).toContain('Tuỳ trường hợp');
    expect(body).toContain('To-khai-khai-sinh.docx');
    expect(body).toContain('<span class="pre-line">Nộp hồ sơ.\nNhận phiếu hẹn.</span>');
    expect(body).toContain('Giấy khai sinh');
    expect(body).toContain('<strong>60/2014/QH13</strong>: Luật Hộ tịch');
    expect(body).toContain('1234/QĐ-BTP ngày 20/06/2025');
    expect(body).toContain('Từ ngày 01/07/2025');
    expect(body).toContain('1, cập nhật ngày 02/03/2026');
    expect(body).toContain('href="/thu-tuc/1.001193/in"');
  });

  it('offers to apply online for full and partial online procedures, and says what a partial one needs in person', async () => {
    const full = await get('/thu-tuc/1.001193');
    expect(full.body).toContain('<a class="button" href="/nop-ho-so/1.001193">Nộp hồ sơ trực tuyến</a>');
    expect(full.body).toContain('dịch vụ công trực tuyến toàn trình');
    const partial = await get('/thu-tuc/2.000528');
    expect(partial.body).toContain('href="/nop-ho-so/2.000528"');
    expect(partial.body).toContain('vẫn phải đến Bộ phận Một cửa');
    expect(partial.body).toContain('nộp hoặc xuất trình bản chính giấy tờ để đối chiếu');
    expect(partial.body).toContain('nhận kết quả (bản giấy): Giấy khai sinh.');
    const none = await get('/thu-tuc/1.000656');
    expect(none.body).not.toContain('/nop-ho-so/');
    expect(none.body).toContain('nộp hồ sơ trực tiếp tại Bộ phận Một cửa');
    expect(none.body).toContain('Chưa ghi nhận');
  });

  it('says plainly what a catalogue-only record does not record, and never shows invented values', async () => {
    const page = await get('/thu-tuc/1.000055');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Thông tin chưa đầy đủ');
    expect(page.body).toContain('thành phần hồ sơ, phí, lệ phí và thời hạn giải quyết chưa được ghi nhận');
    expect(page.body).toContain('Chưa được ghi nhận (thủ tục chỉ có trong danh mục).');
    expect(page.body).not.toContain('đồng');
    expect(page.body).not.toContain('ngày làm việc');
    expect(page.body).not.toContain('thời hạn tạm dừng');
    expect(page.body).toContain(
      'Lưu ý: cấp thực hiện, mức độ trực tuyến, cơ quan thực hiện của thủ tục tại Ủy ban nhân dân thị xã Mộc Châu là dữ liệu mẫu',
    );
  });

  it('notes demo-assigned facts only where they were assigned', async () => {
    expect((await get('/thu-tuc/2.000528')).body).toContain(
      'Lưu ý: cấp thực hiện, mức độ trực tuyến của thủ tục',
    );
    expect((await get('/thu-tuc/1.001193')).body).not.toContain('dữ liệu mẫu');
  });

  it('prints the procedure for the counter without the site navigation', async () => {
    const page = await get('/thu-tuc/1.001193/in');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('class="site-nav"');
    expect(page.body).not.toContain('class="site-header"');
    expect(page.body).toContain('<body class="print-page">');
    expect(page.body).toContain('<h1>Thủ tục đăng ký khai sinh</h1>');
    expect(page.body).toContain('Lệ phí: 8.000\u00a0đồng');
    expect(page.body).toContain(
      'In ngày 02/03/2026. Xem bản mới nhất tại https://motcua.example.vn/thu-tuc/1.001193',
    );
    expect(page.body).toContain('Nộp hồ sơ trực tuyến tại: https://motcua.example.vn/nop-ho-so/1.001193');
    expect(page.body).not.toContain('<a class="button"');
    const catalogueOnlyPrint = await get('/thu-tuc/1.000055/in');
    expect(catalogueOnlyPrint.body).toContain('Thông tin chưa đầy đủ');
  });

  it('answers 404 pages for unknown, retired and malformed codes', async () => {
    for (const url of [
      '/thu-tuc/9.999999',
      '/thu-tuc/1.000099',
      '/thu-tuc/%3Cscript%3E',
      '/thu-tuc/9.999999/in',
    ]) {
      const page = await get(url);
      expect(page.statusCode, url).toBe(404);
      expect(page.headers['content-type'], url).toContain('text/html');
      expect(page.body, url).toContain('Không tìm thấy thủ tục hành chính.');
    }
  });

  it('speaks English when asked, with English number formats', async () => {
    const page = await get('/thu-tuc/1.001193?lang=en');
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('Charge: 8,000\u00a0VND');
    expect(page.body).toContain('7.5 working days');
    expect(page.body).toContain('1 working day<');
    expect(page.body).toContain('Same day');
    const search = await get('/thu-tuc?q=dang%20ky%20khai%20sinh&lang=en');
    expect(search.body).toContain('procedures found for “dang ky khai sinh”');
  });
});
