import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { FixedClock } from '../../../shared/clock.js';
import { EXPORT_TABLES } from '../../../shared/stats/export-schema.js';
import { csvField } from '../../export/table.js';
import { createProcedure, TEST_PASSWORD } from '../../seed/factories.js';
import { act, createStatsWorld, intake, type StatsWorld, submitOnline } from './stats.fixtures.js';

// Monday 2 March 2026, 09:00 in Vietnam.
const MONDAY_9 = new Date('2026-03-02T02:00:00Z');
const at = (iso: string) => new Date(`${iso}+07:00`);
const MARCH = 'unit=123&from=2026-03-01&to=2026-03-31';
const INJECTION = '=HYPERLINK("http://evil.test","Bấm vào đây")';

async function readXlsx(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.slice().buffer as Parameters<typeof workbook.xlsx.load>[0]);
  const sheet = workbook.worksheets[0]!;
  const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
  // The header is the frozen row under the title and notes.
  const headerRow = (sheet.views[0] as { ySplit?: number }).ySplit ?? 1;
  const rows: unknown[][] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) rows.push(values(r));
  return { sheet, title: sheet.getCell(1, 1).value, header: values(headerRow), rows };
}

function csvRecords(bytes: Buffer): string[] {
  return bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n');
}

function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' });
}

describe('statistics downloads', () => {
  const clock = new FixedClock(MONDAY_9);
  let t: TestApp;
  let w: StatsWorld;
  let head: string;
  let citizen: string;
  let wardHead: string;

  beforeAll(async () => {
    t = await buildTestApp({ clock, config: { homeUnitCode: '123' } });
    w = await createStatsWorld(t.deps);
    const deps = t.deps;
    const db = deps.database.db;
    await db
      .updateTable('unit_versions')
      .set({ full_name: 'Thị xã Mộc Châu', full_name_en: 'Moc Chau Town' })
      .where('unit_id', '=', w.office.unit.id)
      .execute();
    // A procedure whose name and field a spreadsheet would take for formulas.
    const odd = await createProcedure(deps, {
      record: { name: INJECTION, field: '-2+3 Lĩnh vực thử' },
      agencyNames: ['Phòng thử 123'],
    });
    const { staff, procedure } = w.office;
    const a = await intake(deps, staff.counter, procedure.code);
    const b = await submitOnline(deps, staff.citizen, procedure.code);
    await intake(deps, staff.counter, procedure.code);
    await intake(deps, staff.counter, odd.code);
    await intake(deps, w.wardStaff.counter, w.wardProcedure.code);
    clock.set(at('2026-03-02T09:30'));
    await act(deps, staff.counter, b, 'accept');
    await act(deps, staff.counter, a, 'forward');
    clock.set(at('2026-03-02T10:30'));
    await act(deps, staff.head, a, 'assign', { assignee: staff.specialist.username });
    clock.set(at('2026-03-02T11:00'));
    await act(deps, staff.specialist, a, 'propose', { note: 'Đủ điều kiện, đề nghị duyệt.' });
    await act(deps, staff.head, a, 'review');
    clock.set(at('2026-03-03T09:00'));
    await act(deps, staff.leader, a, 'approve');
    head = await t.login(staff.head.username, TEST_PASSWORD);
    citizen = await t.login(staff.citizen.username, TEST_PASSWORD);
    wardHead = await t.login(w.wardStaff.head.username, TEST_PASSWORD);
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string, cookie?: string) =>
    t.inject({ method: 'GET', url, ...(cookie ? { headers: { cookie } } : {}) });

  it('downloads the summary as XLSX with the figures the JSON API answers', async () => {
    const json = (await get(`/api/v1/stats/summary?${MARCH}`)).json();
    expect(json.received).toBe(5);
    const response = await get(`/thong-ke/xuat?table=summary&format=xlsx&${MARCH}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="thong-ke-123-2026-03-01-2026-03-31-summary.xlsx"',
    );
    const xlsx = await readXlsx(response.rawPayload);
    expect(xlsx.title).toBe('Số liệu tổng hợp');
    expect(xlsx.sheet.getCell(2, 1).value).toBe('Đơn vị: Thị xã Mộc Châu (123), gồm các đơn vị trực thuộc');
    expect(xlsx.header).toEqual(['Mã số liệu', 'Số liệu', 'Giá trị']);
    const row = (key: string) => xlsx.rows.find((r) => r[0] === key)!;
    for (const key of ['received', 'receivedOnline', 'processed', 'inProcess', 'toHandle', 'refused'])
      expect(row(key)[2], key).toBe(json[key]);
    expect(row('received')[1]).toBe('Hồ sơ tiếp nhận');
    // A rate is a real percentage in Excel: 25% is 0.25.
    expect(Number(row('onlineRate')[2])).toBeCloseTo(json.onlineRate / 100, 10);
  });

  it('downloads the breakdown by unit as XLSX and CSV with the rows of the JSON API', async () => {
    const json = (await get(`/api/v1/stats/breakdown?by=unit&${MARCH}`)).json();
    const xlsx = await readXlsx((await get(`/thong-ke/xuat?table=unit&format=xlsx&${MARCH}`)).rawPayload);
    expect(xlsx.header.slice(0, 4)).toEqual([
      'Mã',
      'Đơn vị',
      'Tổng số phải giải quyết',
      'Kỳ trước chuyển sang',
    ]);
    expect(xlsx.rows.map((r) => r[0])).toEqual(json.rows.map((r: { key: string }) => r.key));
    const received = xlsx.header.indexOf('Hồ sơ tiếp nhận');
    expect(xlsx.rows.map((r) => r[received])).toEqual(
      json.rows.map((r: { figures: { received: number } }) => r.figures.received),
    );
    const csv = await get(`/thong-ke/xuat?table=unit&format=csv&${MARCH}`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="thong-ke-123-2026-03-01-2026-03-31-unit.csv"',
    );
    expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = csvRecords(csv.rawPayload);
    expect(records[0]).toBe(xlsx.header.join(','));
    expect(records[1]!.startsWith('123,Thị xã Mộc Châu,')).toBe(true);
  });

  it('downloads every table as XLSX and CSV, with the same header in both', async () => {
    for (const table of EXPORT_TABLES) {
      const xlsxResponse = await get(`/thong-ke/xuat?table=${table}&format=xlsx&${MARCH}`, head);
      expect(xlsxResponse.statusCode, table).toBe(200);
      const xlsx = await readXlsx(xlsxResponse.rawPayload);
      expect(xlsx.header.length, table).toBeGreaterThan(0);
      const csv = await get(`/thong-ke/xuat?table=${table}&format=csv&${MARCH}`, head);
      expect(csv.statusCode, table).toBe(200);
      const records = csvRecords(csv.rawPayload);
      expect(records[0], table).toBe(xlsx.header.map((h) => csvField(String(h))).join(','));
      // One record per row, and the empty string after the last CRLF.
      expect(records.at(-1), table).toBe('');
    }
  });

  it('labels the tables in the reader’s language', async () => {
    const xlsx = await readXlsx(
      (await get(`/thong-ke/xuat?table=summary&format=xlsx&lang=en&${MARCH}`)).rawPayload,
    );
    expect(xlsx.title).toBe('Summary figures');
    expect(xlsx.header).toEqual(['Figure code', 'Figure', 'Value']);
    expect(xlsx.rows.find((r) => r[0] === 'received')?.[1]).toBe('Applications received');
  });

  it('neutralises names that look like formulas in CSV and keeps them as text in XLSX', async () => {
    const csv = (await get(`/thong-ke/xuat?table=procedure&format=csv&${MARCH}`)).rawPayload.toString('utf8');
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil.test"",""Bấm vào đây"")",`);
    expect(csv).not.toMatch(/(^|\r\n|,)"?=HYPERLINK/);
    const fields = (await get(`/thong-ke/xuat?table=field&format=csv&${MARCH}`)).rawPayload.toString('utf8');
    expect(fields).toContain("\r\n'-2+3 Lĩnh vực thử,");
    const xlsx = await readXlsx(
      (await get(`/thong-ke/xuat?table=procedure&format=xlsx&${MARCH}`)).rawPayload,
    );
    expect(xlsx.rows.some((r) => r[1] === INJECTION)).toBe(true);
  });

  it('shows the names of officers to staff of the unit only', async () => {
    const url = `/thong-ke/xuat?table=officer&format=xlsx&${MARCH}`;
    const anonymous = await get(url);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe(`/login?next=${encodeURIComponent(url)}`);
    expect((await get(url, citizen)).statusCode).toBe(403);
    // The ward's head is staff of the ward, not of the town above it.
    expect((await get(url, wardHead)).statusCode).toBe(403);
    const own = await get(url, head);
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toBe('private, no-store');
    const xlsx = await readXlsx(own.rawPayload);
    expect(xlsx.header.slice(0, 2)).toEqual(['Tài khoản', 'Cán bộ']);
    expect(xlsx.rows.map((r) => r[0])).toContain(w.office.staff.counter.username);
    expect((await get(`/thong-ke/xuat?table=head&format=csv&${MARCH}`, citizen)).statusCode).toBe(403);
  });

  it('names the team members who submitted for citizens to staff of the unit only', async () => {
    const url = `/thong-ke/xuat?table=members&format=csv&${MARCH}`;
    expect((await get(url)).statusCode).toBe(303);
    expect((await get(url, citizen)).statusCode).toBe(403);
    expect((await get(url, wardHead)).statusCode).toBe(403);
    const own = await get(url, head);
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toBe('private, no-store');
    expect(csvRecords(own.rawPayload)[0]).toBe('Thành viên,Mã tổ,Tổ,Hồ sơ hỗ trợ nộp');
    // Teams are public: no names of people.
    const teams = await get(`/thong-ke/xuat?table=teams&format=csv&${MARCH}`);
    expect(teams.statusCode).toBe(200);
    expect(csvRecords(teams.rawPayload)[0]).toBe('Mã tổ,Tổ,Đơn vị,Hồ sơ hỗ trợ nộp');
  });

  it('makes the period’s report as a PDF in Vietnamese', async () => {
    const response = await get(`/thong-ke/bao-cao.pdf?${MARCH}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      'inline; filename="bao-cao-thong-ke-123-2026-03-01-2026-03-31.pdf"',
    );
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(response.rawPayload);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat.toLowerCase()).toContain('báo cáo kết quả giải quyết thủ tục hành chính');
    expect(flat).toContain('Thị xã Mộc Châu');
    expect(flat).toContain('từ ngày 01/03/2026 đến ngày 31/03/2026');
    expect(flat).toContain('Phường Thử');
    expect(flat).toContain('Xếp loại');
    expect(flat).toContain('03/2026');
    for (const section of ['I. Số liệu chính', 'II. Bộ chỉ số', 'III. Kết quả giải quyết theo đơn vị', 'IV.'])
      expect(flat).toContain(section);
  });

  it('runs the report over ten years of months across pages, repeating the table header', async () => {
    const response = await get('/thong-ke/bao-cao.pdf?unit=123&from=2016-03-03&to=2026-03-02');
    expect(response.statusCode).toBe(200);
    const text = pdfText(response.rawPayload);
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThan(3);
    expect(text).toContain('03/2016');
    expect(text).toContain('02/2026');
    // Every page after the first table starts holds a table header.
    for (const page of pages.slice(2, -1)) expect(page).toMatch(/Tháng|Đơn vị/);
  });

  it('answers bad input with a translated 4xx, never a 5xx', async () => {
    const cases: [string, number, string][] = [
      [
        'table=unit&unit=123&from=2026-03-31&to=2026-03-01',
        400,
        'Không tạo được tệp thống kê. Đến ngày: Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.',
      ],
      ['table=unit&unit=123&from=2010-01-01&to=2021-01-01', 400, 'Kỳ thống kê dài tối đa 10 năm.'],
      ['table=unit&unit=123&from=1999-12-31&to=2000-01-31', 400, 'Số liệu chỉ tính từ ngày 01/01/2000.'],
      ['table=unit&unit=123&from=2026-02-30', 400, 'Ngày này không có trên lịch.'],
      ['table=unit&unit=123&from=hôm-qua', 400, 'Nhập ngày theo dạng NNNN-TT-NN'],
      ['table=unit&unit=99999', 404, 'Không tìm thấy đơn vị hành chính.'],
      ['table=unit&unit=<script>', 400, 'Mã đơn vị gồm chữ số'],
      ['table=everything&unit=123', 400, 'Bảng số liệu: Giá trị không nằm trong các lựa chọn cho phép.'],
      ['unit=123', 400, 'Không tạo được tệp thống kê'],
      [
        'table=unit&format=pdf&unit=123',
        400,
        'Định dạng tệp: Giá trị không nằm trong các lựa chọn cho phép.',
      ],
      ['table=unit&unit=123&channel=pigeon', 400, 'Không tạo được tệp thống kê'],
      ['table=unit&unit=123&procedure=KHONG-CO', 400, 'Không có thủ tục nào mang mã này.'],
      [
        'table=targets&unit=123&from=2026-03-31&to=2026-03-01',
        400,
        'Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.',
      ],
      [
        'table=officer&unit=123&from=2026-03-31&to=2026-03-01',
        400,
        'Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.',
      ],
    ];
    for (const [query, status, message] of cases) {
      const response = await get(`/thong-ke/xuat?${query}`, head);
      expect(response.statusCode, query).toBe(status);
      expect(response.headers['content-type'], query).toContain('text/html');
      expect(response.body, query).toContain(message.replace(/"/g, '&quot;'));
    }
    const report = await get('/thong-ke/bao-cao.pdf?unit=123&from=2026-03-31&to=2026-03-01');
    expect(report.statusCode).toBe(400);
    expect(report.body).toContain('Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.');
    const english = await get('/thong-ke/bao-cao.pdf?unit=123&from=1999-01-01&lang=en');
    expect(english.statusCode).toBe(400);
    expect(english.body).toContain(
      'The statistics file could not be made. From: Figures start on 1 January 2000.',
    );
    expect((await get('/thong-ke/bao-cao.pdf?unit=404404')).statusCode).toBe(404);
    // A repeated parameter is refused too.
    expect((await get('/thong-ke/xuat?table=unit&table=month')).statusCode).toBe(400);
  });

  it('takes blank fields of a form as not given', async () => {
    const response = await get('/thong-ke/xuat?table=summary&format=csv&unit=&from=&to=&procedure=&channel=');
    expect(response.statusCode).toBe(200);
    // The home unit, from 1 January to today.
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="thong-ke-123-2026-01-01-2026-03-03-summary.csv"',
    );
  });
});
