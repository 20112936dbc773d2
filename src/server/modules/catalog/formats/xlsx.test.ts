import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  CATALOG_ERRORS,
  type TProcedureRecord,
  ZProcedureRecord,
} from '../../../../shared/catalog/schema.js';
import { DEMO_CATALOGUE_FILE } from '../../../seed/demo.js';
import { EXCEL_MAX_CELL_LENGTH, FLAT_COLUMNS, FLAT_ERRORS, recordToRow } from './flat.js';
import { readCatalogueFile } from './read.js';
import {
  catalogueFromXlsx,
  catalogueToXlsx,
  MAX_XLSX_UNPACKED_BYTES,
  XLSX_ERRORS,
  XLSX_SHEET,
  XLSX_SKIPPED_SHEET,
  zipUnpackedSize,
} from './xlsx.js';

const record = (code: string, extra: Record<string, unknown> = {}): TProcedureRecord =>
  ZProcedureRecord.parse({
    code,
    name: `Thủ tục ${code}`,
    field: 'Hộ tịch',
    level: 'commune',
    onlineLevel: 'full',
    steps: [{ title: null, description: '- Bước 1: nộp hồ sơ.\n= Bước 2: nhận kết quả | xong' }],
    channels: [
      {
        kind: 'direct',
        timeLimit: { amount: 7.5, unit: 'working_days' },
        fees: [{ kind: 'charge', amountVnd: 8000 }],
      },
    ],
    ...extra,
  });

/** A workbook as a clerk might make it: any cells, in the first sheet. */
async function workbook(rows: ExcelJS.CellValue[][], sheetName = 'Sheet1'): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

const demoRecords = (): TProcedureRecord[] =>
  (JSON.parse(readFileSync(DEMO_CATALOGUE_FILE, 'utf8')) as { procedures: unknown[] }).procedures.map((p) =>
    ZProcedureRecord.parse(p),
  );

describe('XLSX export and import', () => {
  it('gives back exactly the records it wrote: the whole demo catalogue, leaving out only over-long cells', async () => {
    const records = demoRecords();
    const { bytes, skipped } = await catalogueToXlsx(records);
    const tooLong = records.filter((r) =>
      Object.values(recordToRow(r)).some((cell) => cell.length > EXCEL_MAX_CELL_LENGTH),
    );
    expect(skipped.map((s) => s.code)).toEqual(tooLong.map((r) => r.code));
    const read = await catalogueFromXlsx(bytes);
    expect(read.issues).toEqual([]);
    const written = records.filter((r) => !tooLong.includes(r));
    expect(read.records).toEqual(written);
    expect(read.records.length).toBeGreaterThan(500);
  });

  it('keeps codes with trailing zeros, formula-like text, pipes and line breaks as text', async () => {
    const tricky = record('1.000080', {
      conditions: '=SUM(A1:A2)\n+ điều kiện hai\n@ ba',
      results: ['Giấy khai sinh | bản chính'],
    });
    const { bytes } = await catalogueToXlsx([tricky]);
    expect((await catalogueFromXlsx(bytes)).records).toEqual([tricky]);
  });

  it('refuses a record whose cell is longer than Excel allows, says which and why, and writes the others', async () => {
    const steps = Array.from({ length: 5 }, () => ({ title: null, description: 'x'.repeat(7000) }));
    const long = record('1.000002', { steps });
    const length = recordToRow(long).steps.length;
    expect(length).toBeGreaterThan(EXCEL_MAX_CELL_LENGTH);
    const { bytes, skipped } = await catalogueToXlsx([record('1.000001'), long], {
      describe: (issue) => `${issue.code}: ${issue.params?.column}`,
    });
    expect(skipped).toEqual([
      {
        key: XLSX_ERRORS.cellTooLong,
        code: '1.000002',
        column: 'steps',
        params: { column: 'steps', length, maximum: EXCEL_MAX_CELL_LENGTH },
      },
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.slice().buffer as Parameters<typeof book.xlsx.load>[0]);
    expect(book.getWorksheet(XLSX_SKIPPED_SHEET)?.getRow(2).values).toEqual([
      undefined,
      '1.000002',
      'steps',
      length,
      '1.000002: steps',
    ]);
    expect((await catalogueFromXlsx(bytes)).records.map((r) => r.code)).toEqual(['1.000001']);
  });

  it('reads what Excel makes of a sheet: numbers, dates, rich text, formulas and hyperlinks', async () => {
    const bytes = await workbook([
      [
        'code',
        'name',
        'field',
        'level',
        'onlineLevel',
        'version',
        'effectiveFrom',
        'channels',
        'fees',
        'sourceUrl',
      ],
      [
        '1.001193',
        { richText: [{ text: 'Thủ tục ' }, { font: { bold: true }, text: 'đăng ký khai sinh' }] },
        'Hộ tịch',
        'commune',
        { formula: 'LOWER("FULL")', result: 'full' },
        2,
        new Date(Date.UTC(2025, 6, 1)),
        'direct | 1 working_days',
        'direct | charge | 8.000',
        { text: 'https://dichvucong.gov.vn/p/1', hyperlink: 'https://dichvucong.gov.vn/p/1' },
      ],
    ]);
    const read = await catalogueFromXlsx(bytes);
    expect(read.issues).toEqual([]);
    expect(read.records[0]).toMatchObject({
      code: '1.001193',
      name: 'Thủ tục đăng ký khai sinh',
      onlineLevel: 'full',
      version: 2,
      effectiveFrom: '2025-07-01',
      channels: [{ kind: 'direct', fees: [{ kind: 'charge', amountVnd: 8000 }] }],
      source: { kind: 'manual', url: 'https://dichvucong.gov.vn/p/1' },
    });
  });

  it('reads the sheet named "procedures" before any other, and skips empty rows with their numbers kept', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Hướng dẫn').addRow(['Đọc kỹ trước khi sửa']);
    const sheet = book.addWorksheet(XLSX_SHEET);
    sheet.addRow(['code', 'name', 'field', 'level', 'onlineLevel']);
    sheet.addRow(['1.000001', 'Thủ tục một', 'Hộ tịch', 'commune', 'none']);
    sheet.getRow(4).values = ['1.000002', 'Thủ tục hai', 'Hộ tịch', 'town', 'none'];
    const read = await catalogueFromXlsx(new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer));
    expect(read.records.map((r) => r.code)).toEqual(['1.000001']);
    expect(read.issues).toEqual([
      expect.objectContaining({
        key: CATALOG_ERRORS.unknownLevel,
        row: 4,
        code: '1.000002',
        column: 'level',
      }),
    ]);
  });

  it('rejects missing and unknown columns, repeated codes, negative fees and unknown levels, naming row and column', async () => {
    const missing = await catalogueFromXlsx(
      await workbook([
        ['code', 'name', 'level', 'onlineLevel', 'colour'],
        ['1.000001', 'A', 'commune', 'none', 'x'],
      ]),
    );
    expect(missing.records).toEqual([]);
    expect(missing.issues).toEqual([
      expect.objectContaining({ key: FLAT_ERRORS.unknownColumn, column: 'colour', row: 1 }),
      expect.objectContaining({ key: FLAT_ERRORS.missingColumn, column: 'field', row: 1 }),
    ]);
    const header = ['code', 'name', 'field', 'level', 'onlineLevel', 'channels', 'fees'];
    const rows = await catalogueFromXlsx(
      await workbook([
        header,
        ['1.000001', 'Một', 'Hộ tịch', 'commune', 'none', 'direct', 'direct | charge | -5000'],
        ['1.000002', 'Hai', 'Hộ tịch', 'county', 'none'],
        ['1.000003', 'Ba', 'Hộ tịch', 'commune', 'none'],
        ['1.000003', 'Ba lần nữa', 'Hộ tịch', 'commune', 'none'],
      ]),
    );
    expect(rows.records.map((r) => r.code)).toEqual(['1.000003']);
    expect(rows.issues).toEqual([
      expect.objectContaining({
        key: CATALOG_ERRORS.negativeFee,
        row: 2,
        code: '1.000001',
        column: 'fees',
        line: 1,
      }),
      expect.objectContaining({
        key: CATALOG_ERRORS.unknownLevel,
        row: 3,
        code: '1.000002',
        column: 'level',
      }),
      expect.objectContaining({
        key: CATALOG_ERRORS.duplicateCode,
        row: 5,
        code: '1.000003',
        column: 'code',
      }),
    ]);
  });

  it('refuses a file that is not a workbook, and one that would unpack to too much', async () => {
    expect((await catalogueFromXlsx(new TextEncoder().encode('PK\u0003\u0004 not really'))).issues).toEqual([
      { key: XLSX_ERRORS.unreadable },
    ]);
    const { bytes } = await catalogueToXlsx([record('1.000001')]);
    expect(zipUnpackedSize(bytes)).toBeGreaterThan(bytes.length);
    // The same archive claiming a huge unpacked entry, as a "zip bomb" would.
    const bomb = bytes.slice();
    const view = new DataView(bomb.buffer);
    for (let i = 0; i < bomb.length - 4; i += 1) {
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, MAX_XLSX_UNPACKED_BYTES, true);
        break;
      }
    }
    expect((await catalogueFromXlsx(bomb)).issues).toEqual([
      { key: XLSX_ERRORS.tooLarge, params: { maximum: MAX_XLSX_UNPACKED_BYTES / 1048576 } },
    ]);
  });

  it('is what readCatalogueFile reads for an .xlsx upload, header row included', async () => {
    const { bytes } = await catalogueToXlsx([record('1.000001')]);
    const read = await readCatalogueFile('danh-muc.xlsx', bytes);
    expect(read).toMatchObject({ format: 'xlsx', issues: [], records: [record('1.000001')] });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.slice().buffer as Parameters<typeof book.xlsx.load>[0]);
    expect(book.getWorksheet(XLSX_SHEET)?.getRow(1).values).toEqual([undefined, ...FLAT_COLUMNS]);
  });
});
