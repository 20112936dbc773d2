// A Table (./table.ts) drawn on a pdfkit document at the current position, in the document's Noto Sans:
// cells wrap, numbers are right-aligned in the reader's language (1.234 and 84,70% in Vietnamese), and a
// row that does not fit starts a new page, where the header is drawn again. Nothing is drawn below the
// bottom margin.
import type { Locale } from '../../shared/i18n/index.js';
import { TEXT } from '../pdf/document.js';
import { FONT } from '../pdf/fonts.js';
import { type Cell, type ColumnKind, resolveCell, type Table, type TableColumn } from './table.js';

export interface PdfTableOptions {
  locale: Locale;
  fontSize?: number;
  /** Relative widths of the columns; measured from the content when left out. */
  weights?: readonly number[];
  /** What an empty cell shows. */
  empty?: string;
}

const PAD_X = 3;
const PAD_Y = 2.5;
const HEADER_FILL = '#e7ecf2';
const TOTALS_FILL = '#f3f3f3';
const RULE = '#8a8a8a';

/** A number in the reader's language: whole, two decimals, or a percentage with two decimals. */
export function formatNumberCell(value: number, kind: ColumnKind, locale: Locale): string {
  const tag = locale === 'en' ? 'en-GB' : 'vi-VN';
  if (kind === 'int') return new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }).format(value);
  const text = new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    value,
  );
  return kind === 'percent' ? `${text}%` : text;
}

function cellText(cell: Cell | undefined, column: TableColumn, options: PdfTableOptions) {
  const { value, kind } = resolveCell(cell, column);
  if (value === null) return { text: options.empty ?? '–', numeric: kind !== 'text' };
  if (typeof value === 'number')
    return { text: formatNumberCell(value, kind, options.locale), numeric: true };
  return { text: value.normalize('NFC'), numeric: false };
}

/** Column widths filling `width`: numbers as wide as their widest value, text sharing the rest. */
function columnWidths(
  doc: PDFKit.PDFDocument,
  table: Table,
  width: number,
  options: PdfTableOptions,
): number[] {
  const size = options.fontSize ?? 8;
  const rows = [...table.rows, ...(table.totals ? [table.totals] : [])];
  if (options.weights) {
    const sum = options.weights.reduce((a, b) => a + b, 0) || 1;
    return table.columns.map((_, i) => ((options.weights?.[i] ?? 0) / sum) * width);
  }
  const natural = table.columns.map((column, i) => {
    doc.font(FONT.bold).fontSize(size);
    // pdfkit measures a word with the space after it, and cuts a word wider than its line.
    const space = doc.widthOfString(' ', TEXT);
    const words = column.header.split(/\s+/).map((w) => doc.widthOfString(w, TEXT) + space);
    const whole = doc.widthOfString(column.header, TEXT) + space;
    doc.font(FONT.regular).fontSize(size);
    let widest = 0;
    for (const row of rows)
      widest = Math.max(widest, doc.widthOfString(cellText(row[i], column, options).text, TEXT) + space);
    const pad = 2 * PAD_X + 1;
    return {
      least: Math.max(...words, widest) + pad,
      whole: whole + pad,
      content: widest + pad,
      text: column.kind === 'text',
    };
  });
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  const textNatural = sum(natural.filter((n) => n.text).map((n) => Math.max(n.least, n.content)));
  // Text keeps what it needs up to 40% of the width; numbers get their header in about three lines
  // when there is room for that, else just their widest word or value.
  const roomy = natural.map((n) => (n.text ? 0 : Math.max(n.least, Math.min(n.whole / 3, 80))));
  const tight = natural.map((n) => (n.text ? 0 : n.least));
  let fixed = sum(roomy) + Math.min(textNatural, width * 0.4) <= width ? roomy : tight;
  if (textNatural === 0 || width - sum(fixed) <= 0) {
    // Only numbers, or too many of them: share the width in proportion.
    const base = natural.map((n, i) => (n.text ? Math.max(n.least, 60) : fixed[i]!));
    const total = sum(base);
    return base.map((b) => (b / total) * width);
  }
  // Room to spare beyond what the text needs widens the numbers, up to their header on one line.
  const surplus = width - sum(fixed) - textNatural;
  const growth = natural.map((n, i) => (n.text ? 0 : Math.max(0, n.whole - fixed[i]!)));
  const grow = sum(growth);
  if (surplus > 0 && grow > 0) fixed = fixed.map((f, i) => f + (growth[i]! / grow) * Math.min(surplus, grow));
  const left = width - sum(fixed);
  return natural.map((n, i) => (n.text ? (Math.max(n.least, n.content) / textNatural) * left : fixed[i]!));
}

/** Draws `table` from the current position down, across pages as needed; leaves `doc.y` under it. */
export function drawTable(doc: PDFKit.PDFDocument, table: Table, options: PdfTableOptions): void {
  const size = options.fontSize ?? 8;
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const top = () => doc.page.margins.top;
  const widths = columnWidths(doc, table, width, options);
  // A single row never takes more than half a page: longer text is cut with an ellipsis.
  const maxRowHeight = (doc.page.height - doc.page.margins.top - doc.page.margins.bottom) / 2;

  const measure = (texts: { text: string }[], font: string) => {
    doc.font(font).fontSize(size);
    const heights = texts.map(
      (t, i) =>
        doc.heightOfString(t.text || ' ', { ...TEXT, width: widths[i]! - 2 * PAD_X, lineGap: 0 }) + 2 * PAD_Y,
    );
    return Math.min(maxRowHeight, Math.max(size + 2 * PAD_Y, ...heights));
  };

  const drawRow = (
    texts: { text: string; numeric: boolean }[],
    y: number,
    height: number,
    font: string,
    fill: string | null,
    headerRow: boolean,
  ) => {
    let x = left;
    texts.forEach((t, i) => {
      const w = widths[i]!;
      if (fill) doc.save().rect(x, y, w, height).fill(fill).restore();
      doc.save().lineWidth(0.5).strokeColor(RULE).rect(x, y, w, height).stroke().restore();
      doc.font(font).fontSize(size).fillColor('black');
      doc.text(t.text, x + PAD_X, y + PAD_Y, {
        ...TEXT,
        width: w - 2 * PAD_X,
        height: height - 2 * PAD_Y,
        ellipsis: true,
        lineGap: 0,
        align: headerRow ? 'center' : t.numeric ? 'right' : 'left',
      });
      x += w;
    });
  };

  const header = table.columns.map((c) => ({ text: c.header.normalize('NFC'), numeric: false }));
  const headerHeight = measure(header, FONT.bold);
  let y = doc.y;
  const newPage = () => {
    doc.addPage();
    y = top();
    drawRow(header, y, headerHeight, FONT.bold, HEADER_FILL, true);
    y += headerHeight;
  };

  const rows = [
    ...table.rows.map((cells) => ({ cells, totals: false })),
    ...(table.totals ? [{ cells: table.totals, totals: true }] : []),
  ];
  const firstHeight = rows[0]
    ? measure(
        table.columns.map((c, i) => cellText(rows[0]!.cells[i], c, options)),
        FONT.regular,
      )
    : 0;
  // The header never stands alone at the foot of a page.
  if (y + headerHeight + firstHeight > bottom()) newPage();
  else {
    drawRow(header, y, headerHeight, FONT.bold, HEADER_FILL, true);
    y += headerHeight;
  }
  for (const row of rows) {
    const texts = table.columns.map((c, i) => cellText(row.cells[i], c, options));
    const font = row.totals ? FONT.bold : FONT.regular;
    const height = measure(texts, font);
    if (y + height > bottom()) newPage();
    drawRow(texts, y, height, font, row.totals ? TOTALS_FILL : null, false);
    y += height;
  }
  doc.font(FONT.regular).fillColor('black');
  doc.x = left;
  doc.y = y + 4;
}
