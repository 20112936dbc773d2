// The flat row format (flat.ts) in an Excel workbook: one sheet, the header in row 1, one procedure
// per row, every cell written as text. Excel refuses cells longer than 32,767 characters, so a record
// with such a cell is left out of the workbook and reported, never cut short.
import ExcelJS from 'exceljs';
import {
  type CatalogIssue,
  MAX_PROCEDURES_PER_FILE,
  type TProcedureRecord,
} from '../../../../shared/catalog/schema.js';
import {
  EXCEL_MAX_CELL_LENGTH,
  FLAT_COLUMNS,
  recordToRow,
  type TableReadResult,
  tableToRecords,
} from './flat.js';

export const XLSX_ERRORS = {
  unreadable: 'catalog.errors.xlsx.unreadable',
  noSheet: 'catalog.errors.xlsx.noSheet',
  tooLarge: 'catalog.errors.xlsx.tooLarge',
  tooManyRows: 'catalog.errors.xlsx.tooManyRows',
  cellTooLong: 'catalog.errors.xlsx.cellTooLong',
} as const;

/** The sheet the export writes and the import reads first (any first sheet is read when it is missing). */
export const XLSX_SHEET = 'procedures';
/** The sheet listing the records an export had to leave out. */
export const XLSX_SKIPPED_SHEET = 'skipped';
/**
 * Unpacked size an upload may reach. The demo catalogue (536 procedures) unpacks to about 8 MB; a
 * national-size catalogue stays well below this, a "zip bomb" does not.
 */
export const MAX_XLSX_UNPACKED_BYTES = 256 * 1024 * 1024;

// Widths in characters, so a clerk sees the short columns whole and the long ones wrapped.
const WIDE = new Set(['name', 'components', 'steps', 'legalBasis', 'conditions', 'fees', 'channels']);

export interface XlsxExport {
  bytes: Uint8Array;
  /** The records left out, with the column that is too long (`catalog.errors.xlsx.cellTooLong`). */
  skipped: CatalogIssue[];
}

/**
 * The catalogue as an XLSX workbook. A record with a cell over Excel's limit is left out and listed
 * (code, column, length) on a second sheet and in `skipped`; CSV and JSON have no such limit.
 */
export async function catalogueToXlsx(
  records: readonly TProcedureRecord[],
  options: { describe?: (issue: CatalogIssue) => string } = {},
): Promise<XlsxExport> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'MotCua';
  const sheet = workbook.addWorksheet(XLSX_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = FLAT_COLUMNS.map((column) => ({
    header: column,
    key: column,
    width: WIDE.has(column) ? 60 : 18,
    // Text format: Excel then keeps "1.000080" and "0" as typed when a clerk edits the cell.
    style: { numFmt: '@', alignment: { vertical: 'top', wrapText: WIDE.has(column) } },
  }));
  sheet.getRow(1).font = { bold: true };
  const skipped: CatalogIssue[] = [];
  for (const record of records) {
    const row = recordToRow(record);
    const tooLong = FLAT_COLUMNS.find((column) => row[column].length > EXCEL_MAX_CELL_LENGTH);
    if (tooLong) {
      skipped.push({
        key: XLSX_ERRORS.cellTooLong,
        code: record.code,
        column: tooLong,
        params: { column: tooLong, length: row[tooLong].length, maximum: EXCEL_MAX_CELL_LENGTH },
      });
      continue;
    }
    // Empty cells stay empty rather than holding an empty string.
    sheet.addRow(FLAT_COLUMNS.map((column) => (row[column] === '' ? null : row[column])));
  }
  if (skipped.length > 0) {
    const list = workbook.addWorksheet(XLSX_SKIPPED_SHEET);
    list.columns = [
      { header: 'code', key: 'code', width: 18, style: { numFmt: '@' } },
      { header: 'column', key: 'column', width: 18 },
      { header: 'length', key: 'length', width: 10 },
      { header: 'message', key: 'message', width: 100 },
    ];
    list.getRow(1).font = { bold: true };
    for (const issue of skipped) {
      list.addRow([issue.code, issue.column, issue.params?.length, options.describe?.(issue) ?? issue.key]);
    }
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return { bytes: new Uint8Array(buffer as ArrayBuffer), skipped };
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/**
 * The unpacked size of a ZIP archive from its central directory, or null when the directory cannot be
 * read (not a ZIP, or ZIP64, which no spreadsheet of this size needs).
 */
export function zipUnpackedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= earliest; i -= 1) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n += 1) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null;
    const size = view.getUint32(offset + 24, true);
    if (size === 0xffffffff) return null;
    total += size;
    offset +=
      46 +
      view.getUint16(offset + 28, true) +
      view.getUint16(offset + 30, true) +
      view.getUint16(offset + 32, true);
  }
  return total;
}

type CellValue = ExcelJS.CellValue;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A cell as the text the flat format reads, whatever Excel made of it. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\r\n?/g, '\n');
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value instanceof Date) {
    // Excel dates have no zone: exceljs gives them as UTC midnight.
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if ('richText' in value)
    return value.richText
      .map((run) => run.text)
      .join('')
      .replace(/\r\n?/g, '\n');
  if ('hyperlink' in value) return cellText(value.text as CellValue);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: CellValue }).result;
    return result === undefined ? '' : cellText(result);
  }
  if ('error' in value) return String(value.error);
  return '';
}

/** Reads a catalogue workbook: the `procedures` sheet (or the first one), header in row 1. */
export async function catalogueFromXlsx(bytes: Uint8Array): Promise<TableReadResult> {
  const fail = (issue: CatalogIssue): TableReadResult => ({ records: [], issues: [issue], warnings: [] });
  const unpacked = zipUnpackedSize(bytes);
  if (unpacked === null) return fail({ key: XLSX_ERRORS.unreadable });
  if (unpacked > MAX_XLSX_UNPACKED_BYTES) {
    return fail({
      key: XLSX_ERRORS.tooLarge,
      params: { maximum: Math.round(MAX_XLSX_UNPACKED_BYTES / 1048576) },
    });
  }
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer (an ArrayBuffer); a copy of exactly these bytes is one.
    const copy = bytes.slice().buffer as ArrayBuffer;
    await workbook.xlsx.load(copy as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    return fail({ key: XLSX_ERRORS.unreadable });
  }
  const sheet = workbook.getWorksheet(XLSX_SHEET) ?? workbook.worksheets[0];
  if (!sheet) return fail({ key: XLSX_ERRORS.noSheet });
  if (sheet.actualRowCount > MAX_PROCEDURES_PER_FILE + 1) {
    return fail({ key: XLSX_ERRORS.tooManyRows, params: { maximum: MAX_PROCEDURES_PER_FILE } });
  }
  const width = sheet.columnCount;
  // Rows Excel stores but that hold nothing are skipped; the gaps keep the row numbers a clerk sees.
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c += 1) cells.push(cellText(row.getCell(c).value));
    while (table.length < rowNumber - 1) table.push([]);
    table.push(cells);
  });
  // Excel counts formatted but empty columns; the header ends at its last named column.
  const header = table[0] ?? [];
  let used = header.length;
  while (used > 0 && (header[used - 1] ?? '').trim() === '') used -= 1;
  const trimmed = table.map((cells, index) =>
    index === 0 || cells.slice(used).every((cell) => cell.trim() === '') ? cells.slice(0, used) : cells,
  );
  return tableToRecords(trimmed);
}
