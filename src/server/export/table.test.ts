import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { createSlip } from '../pdf/document.js';
import { drawTable, formatNumberCell } from './pdf-table.js';
import { csvField, neutraliseFormula, sheetNameOf, type Table, tableToCsv, tableToXlsx } from './table.js';

const table: Table = {
  title: 'Kết quả giải quyết theo đơn vị',
  notes: ['Đơn vị: Thị xã Mộc Châu (123)', 'Kỳ thống kê: từ ngày 01/01/2026 đến ngày 30/06/2026'],
  columns: [
    { header: 'Đơn vị', kind: 'text' },
    { header: 'Hồ sơ tiếp nhận', kind: 'int' },
    { header: 'Tỷ lệ hồ sơ trực tuyến', kind: 'percent' },
    { header: 'Thời gian giải quyết trung bình (ngày)', kind: 'decimal' },
  ],
  rows: [
    ['Thị xã Mộc Châu', 58000, 84.7, 2.35],
    ['=HYPERLINK("http://x.test","Bấm")', 12, null, { value: 3, kind: 'int' }],
    ['Phường "Bình Minh", bản 1\r\nbản 2', 0, 100, null],
  ],
  totals: ['Tổng cộng', 58012, 84.71, null],
};

const work = mkdtempSync(join(tmpdir(), 'motcua-table-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The text of a PDF (or of one page of it), as pdftotext reads it. */
function pdfText(pdf: Buffer, page?: number): string {
  const file = join(work, `t-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync('pdftotext', ['-layout', ...range, file, '-'], { encoding: 'utf8' });
}

describe('a table written as XLSX', () => {
  it('has the title and notes above a bold, frozen header, typed numbers and widths', async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = await tableToXlsx(table, { created: new Date('2026-03-02T02:00:00Z') });
    await workbook.xlsx.load(bytes.slice().buffer as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets).toHaveLength(1);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Kết quả giải quyết theo đơn vị');
    expect(sheet.getCell('A1').value).toBe('Kết quả giải quyết theo đơn vị');
    expect(sheet.getCell('A2').value).toBe('Đơn vị: Thị xã Mộc Châu (123)');
    const header = sheet.getRow(5);
    expect(header.getCell(1).value).toBe('Đơn vị');
    expect(header.getCell(4).value).toBe('Thời gian giải quyết trung bình (ngày)');
    expect(header.getCell(2).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    // Numbers stay numbers; a rate is a real percentage.
    expect(sheet.getCell('B6').value).toBe(58000);
    expect(sheet.getCell('B6').numFmt).toBe('#,##0');
    expect(sheet.getCell('C6').value).toBeCloseTo(0.847, 10);
    expect(sheet.getCell('C6').numFmt).toBe('0.00%');
    expect(sheet.getCell('D6').numFmt).toBe('#,##0.00');
    // A typed cell reads as its own kind; an empty one stays empty.
    expect(sheet.getCell('D7').numFmt).toBe('#,##0');
    expect(sheet.getCell('C7').value).toBeNull();
    // Text that looks like a formula stays text in XLSX.
    expect(sheet.getCell('A7').value).toBe('=HYPERLINK("http://x.test","Bấm")');
    expect(sheet.getCell('A7').formula).toBeUndefined();
    expect(sheet.getCell('A9').value).toBe('Tổng cộng');
    expect(sheet.getCell('A9').font?.bold).toBe(true);
    for (let c = 1; c <= 4; c++) expect(sheet.getColumn(c).width).toBeGreaterThanOrEqual(6);
    expect(sheet.getColumn(1).width).toBeLessThanOrEqual(60);
  });

  it('names sheets as Excel allows', () => {
    expect(sheetNameOf('Theo tháng: 01/2026 [thử]')).toBe('Theo tháng 01 2026 thử');
    expect(sheetNameOf('x'.repeat(40))).toHaveLength(31);
    expect(sheetNameOf('///')).toBe('Sheet1');
  });
});

describe('a table written as CSV', () => {
  const csv = tableToCsv(table);
  const text = csv.toString('utf8');

  it('starts with a UTF-8 byte order mark and ends every record with CRLF', () => {
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.slice(1).split('\r\n')[0]).toBe(
      'Đơn vị,Hồ sơ tiếp nhận,Tỷ lệ hồ sơ trực tuyến,Thời gian giải quyết trung bình (ngày)',
    );
  });

  it('quotes fields as RFC 4180 asks and keeps numbers plain', () => {
    const records = text.slice(1).split('\r\n');
    expect(records[1]).toBe('Thị xã Mộc Châu,58000,84.70,2.35');
    // The line break inside a quoted field is part of the field, not a record separator.
    expect(text).toContain('"Phường ""Bình Minh"", bản 1\r\nbản 2",0,100.00,\r\n');
    expect(text).toContain('Tổng cộng,58012,84.71,\r\n');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(text).toContain(`"'=HYPERLINK(""http://x.test"",""Bấm"")",12,,3\r\n`);
    for (const dangerous of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])
      expect(neutraliseFormula(dangerous)).toBe(`'${dangerous}`);
    expect(neutraliseFormula('Mộc Châu')).toBe('Mộc Châu');
    expect(neutraliseFormula('1-2')).toBe('1-2');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('plain')).toBe('plain');
  });
});

describe('a table drawn on a PDF', () => {
  it('formats numbers in the reader’s language', () => {
    expect(formatNumberCell(58000, 'int', 'vi')).toBe('58.000');
    expect(formatNumberCell(84.7, 'percent', 'vi')).toBe('84,70%');
    expect(formatNumberCell(58000, 'int', 'en')).toBe('58,000');
    expect(formatNumberCell(2.5, 'decimal', 'en')).toBe('2.50');
  });

  it('runs across pages, repeating its header, and never writes below the bottom margin', async () => {
    const slip = createSlip({
      issuer: { name: 'ỦY BAN NHÂN DÂN THỊ XÃ MỘC CHÂU' },
      place: 'Mộc Châu',
      date: new Date('2026-03-02T02:00:00Z'),
      title: 'BẢNG THỬ',
    });
    const long: Table = {
      ...table,
      rows: Array.from({ length: 150 }, (_, i) => [
        `Xã Chiềng Sơn số ${i + 1}${i % 10 === 0 ? ' có tên rất dài cần xuống dòng trong ô của bảng này' : ''}`,
        i * 100,
        i % 100,
        i / 7,
      ]),
    };
    drawTable(slip.doc, long, { locale: 'vi', fontSize: 8 });
    const pdf = await slip.finish();
    const pages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' }))?.[1],
    );
    expect(pages).toBeGreaterThan(2);
    for (let page = 1; page <= pages; page++) {
      const text = pdfText(pdf, page);
      expect(text).toContain('Đơn vị');
      expect(text).toContain('(ngày)');
    }
    const all = pdfText(pdf);
    for (const n of [1, 75, 150]) expect(all).toContain(`Xã Chiềng Sơn số ${n}`);
    expect(all).toContain('14.900');
    // Every word's box lies above the bottom margin (56 pt on A4, 841.89 pt high).
    const file = join(work, 'bbox.pdf');
    writeFileSync(file, pdf);
    const boxes = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
    const bottoms = [...boxes.matchAll(/yMax="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(bottoms.length).toBeGreaterThan(500);
    expect(Math.max(...bottoms)).toBeLessThanOrEqual(841.89 - 56 + 0.5);
  });
});
