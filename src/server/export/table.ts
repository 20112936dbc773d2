// A table to download: a title, typed columns and rows, written as an XLSX workbook (one sheet, for
// people: title and notes above a bold frozen header, number formats, widths) or as CSV (for
// machines: RFC 4180, UTF-8 with a BOM so Excel reads Vietnamese, CRLF, header on the first line).
// Any module can build one:
//
//   const table: Table = {
//     title: 'Sổ theo dõi hồ sơ',
//     notes: ['Từ 01/03/2026 đến 31/03/2026'],
//     columns: [{ header: 'Mã hồ sơ', kind: 'text' }, { header: 'Lệ phí (đồng)', kind: 'int' }],
//     rows: [['000.00.01.H14-260302-0001', 8000]],
//   };
//   const xlsx = await tableToXlsx(table);   // or tablesToXlsx([a, b]) for one sheet each
//   const csv = tableToCsv(table);
import ExcelJS from 'exceljs';

/**
 * How a column's numbers read. `percent` holds percentage points (84.7 for 84.7%, as the statistics
 * API answers): XLSX stores them as a fraction formatted 0.00% so Excel shows and computes a real
 * percentage; CSV writes 84.70.
 */
export type ColumnKind = 'text' | 'int' | 'percent' | 'decimal';

export interface TableColumn {
  header: string;
  kind: ColumnKind;
  /** Width in characters (XLSX) or a relative weight (PDF); measured from the content when left out. */
  width?: number | undefined;
}

/** A cell with a kind of its own, for a column that mixes counts, rates and days (a list of figures). */
export interface TypedCell {
  value: number | null;
  kind: ColumnKind;
}

export type Cell = string | number | null | TypedCell;

export interface Table {
  title: string;
  /** Lines under the title: the unit, the period, the filters, when it was made. Not written to CSV. */
  notes?: readonly string[] | undefined;
  columns: readonly TableColumn[];
  rows: readonly (readonly Cell[])[];
  /** A last row in bold (totals). */
  totals?: readonly Cell[] | undefined;
  /** The sheet's name (at most 31 characters; the title's start when left out). */
  sheetName?: string | undefined;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';

const NUMBER_FORMATS: Record<Exclude<ColumnKind, 'text'>, string> = {
  int: '#,##0',
  decimal: '#,##0.00',
  percent: '0.00%',
};

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

function isTyped(cell: Cell | undefined): cell is TypedCell {
  return typeof cell === 'object' && cell !== null;
}

/** A cell's value and the kind it reads as: its own, else its column's. */
export function resolveCell(
  cell: Cell | undefined,
  column: TableColumn,
): { value: string | number | null; kind: ColumnKind } {
  if (isTyped(cell)) return { value: cell.value, kind: cell.kind };
  if (cell === undefined || cell === null) return { value: null, kind: column.kind };
  // A string is text whatever its column, so it gets the text rules (and the CSV formula guard).
  if (typeof cell === 'string') return { value: cell, kind: 'text' };
  return { value: cell, kind: column.kind === 'text' ? 'decimal' : column.kind };
}

/** A number as CSV and width measuring write it: integers whole, others with two decimals. */
function plainNumber(value: number, kind: ColumnKind): string {
  if (!Number.isFinite(value)) return '';
  if (kind === 'int') return String(Math.round(value));
  if (kind === 'text') return String(value);
  return value.toFixed(2);
}

// -------------------------------------------------------------------------------------------------
// XLSX
// -------------------------------------------------------------------------------------------------

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ], not empty. */
export function sheetNameOf(name: string): string {
  const cleaned = name
    .replace(/[:\\/?*[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '');
  return cleaned.slice(0, 31).trim() || 'Sheet1';
}

function columnWidth(table: Table, index: number): number {
  const column = table.columns[index]!;
  if (column.width) return column.width;
  let longest = 0;
  for (const row of [...table.rows, ...(table.totals ? [table.totals] : [])]) {
    const { value, kind } = resolveCell(row[index], column);
    if (value === null) continue;
    const text = typeof value === 'number' ? plainNumber(value, kind) : value;
    // Thousands separators and the % sign take room too.
    longest = Math.max(
      longest,
      text.length + (typeof value === 'number' ? Math.floor(text.length / 3) + 1 : 0),
    );
  }
  // The header wraps, so its longest word is what must fit.
  const headerWord = Math.max(...column.header.split(/\s+/).map((w) => w.length));
  return Math.min(
    MAX_WIDTH,
    Math.max(MIN_WIDTH, longest + 2, headerWord + 2, column.kind === 'text' ? 12 : 10),
  );
}

function writeCell(cell: ExcelJS.Cell, value: string | number | null, kind: ColumnKind): void {
  if (value === null) return;
  if (typeof value === 'string') {
    // A string never becomes a formula in XLSX (exceljs writes it as a shared string).
    cell.value = value.normalize('NFC');
    return;
  }
  if (!Number.isFinite(value)) return;
  if (kind === 'percent') {
    cell.value = value / 100;
    cell.numFmt = NUMBER_FORMATS.percent;
  } else if (kind === 'int' || kind === 'decimal') {
    cell.value = value;
    cell.numFmt = NUMBER_FORMATS[kind];
  } else cell.value = value;
  cell.alignment = { horizontal: 'right' };
}

function addTableSheet(workbook: ExcelJS.Workbook, table: Table, used: Set<string>): void {
  let name = sheetNameOf(table.sheetName ?? table.title);
  for (let n = 2; used.has(name.toLowerCase()); n++)
    name = `${sheetNameOf(table.sheetName ?? table.title).slice(0, 27)} (${n})`;
  used.add(name.toLowerCase());
  const notes = table.notes ?? [];
  // Title, notes, a blank row, then the header: frozen, so it stays in view while scrolling.
  const headerRow = notes.length > 0 || table.title ? notes.length + 3 : 1;
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
    pageSetup: {
      orientation: table.columns.length > 6 ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      paperSize: 9,
      printTitlesRow: `${headerRow}:${headerRow}`,
    },
  });
  const widths = table.columns.map((_, i) => columnWidth(table, i));
  widths.forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  if (headerRow > 1) {
    const title = sheet.getCell(1, 1);
    title.value = table.title.normalize('NFC');
    title.font = { bold: true, size: 13 };
    notes.forEach((note, i) => {
      const cell = sheet.getCell(i + 2, 1);
      cell.value = note.normalize('NFC');
      cell.font = { italic: true };
    });
  }
  const header = sheet.getRow(headerRow);
  table.columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = column.header.normalize('NFC');
    cell.font = { bold: true };
    cell.alignment = {
      vertical: 'middle',
      horizontal: column.kind === 'text' ? 'left' : 'center',
      wrapText: true,
    };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7ECF2' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  // Wrapped headers need their height set: Excel does not grow a row it did not lay out itself.
  const headerLines = Math.max(
    1,
    ...table.columns.map((c, i) => Math.ceil(c.header.length / Math.max(1, widths[i]! - 1))),
  );
  header.height = Math.min(90, 15 * headerLines);
  const write = (cells: readonly Cell[], rowNumber: number, bold: boolean) => {
    const row = sheet.getRow(rowNumber);
    table.columns.forEach((column, i) => {
      const { value, kind } = resolveCell(cells[i], column);
      const cell = row.getCell(i + 1);
      writeCell(cell, value, kind);
      if (bold) cell.font = { bold: true };
    });
  };
  table.rows.forEach((cells, i) => {
    write(cells, headerRow + 1 + i, false);
  });
  if (table.totals) write(table.totals, headerRow + 1 + table.rows.length, true);
  if (table.columns.length > 0)
    sheet.autoFilter = {
      from: { row: headerRow, column: 1 },
      to: { row: headerRow + table.rows.length, column: table.columns.length },
    };
}

/** Several tables as one workbook, a sheet each. */
export async function tablesToXlsx(
  tables: readonly Table[],
  options: { creator?: string; created?: Date } = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = options.creator ?? 'MotCua';
  if (options.created) {
    workbook.created = options.created;
    workbook.modified = options.created;
  }
  if (tables[0]) workbook.title = tables[0].title;
  const used = new Set<string>();
  for (const table of tables) addTableSheet(workbook, table, used);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One table as an XLSX workbook of one sheet. */
export function tableToXlsx(
  table: Table,
  options: { creator?: string; created?: Date } = {},
): Promise<Buffer> {
  return tablesToXlsx([table], options);
}

// -------------------------------------------------------------------------------------------------
// CSV
// -------------------------------------------------------------------------------------------------

/**
 * Text a spreadsheet would run as a formula (= + - @, or a tab or carriage return that hides one)
 * gets a leading apostrophe, as OWASP advises for CSV injection; the apostrophe shows, the formula
 * does not run.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One field: quoted when it holds a comma, a quote or a line break, quotes doubled (RFC 4180). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvCell(cell: Cell | undefined, column: TableColumn): string {
  const { value, kind } = resolveCell(cell, column);
  if (value === null) return '';
  if (typeof value === 'number') return plainNumber(value, kind);
  return csvField(neutraliseFormula(value.normalize('NFC')));
}

/** The header and the rows (and the totals) as CSV: UTF-8 with a BOM, CRLF after every record. */
export function tableToCsv(table: Table): Buffer {
  const lines = [
    table.columns.map((c) => csvField(neutraliseFormula(c.header.normalize('NFC')))).join(','),
    ...[...table.rows, ...(table.totals ? [table.totals] : [])].map((row) =>
      table.columns.map((column, i) => csvCell(row[i], column)).join(','),
    ),
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
