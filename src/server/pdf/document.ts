/**
 * Official slips as PDF, the way Circular 01/2018/TT-VPCP lays them out: A4, Noto Sans, the issuing
 * body on the left and the national motto on the right, the place and date, the slip's title, then
 * the body. Build one slip per request:
 *
 *   const slip = createSlip({
 *     issuer: { parent: 'ỦY BAN NHÂN DÂN THỊ XÃ MỘC CHÂU', name: 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ' },
 *     place: 'Mộc Châu',
 *     date: deps.clock.now(),
 *     title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
 *     subtitle: 'Mã hồ sơ: 000.00.01.H14-260302-0001',
 *   });
 *   slip.paragraph('Bộ phận Một cửa đã tiếp nhận hồ sơ của:');
 *   slip.field('Ông/Bà', 'Nguyễn Văn An');                      // "label: value" on one line, wrapped
 *   slip.heading('1. Thành phần hồ sơ');                        // bold line, kept with what follows
 *   slip.list(['Tờ khai', 'Bản sao giấy tờ tùy thân']);         // numbered 1., 2., …
 *   slip.qrCode(url, { caption: 'Quét mã để tra cứu hồ sơ' });  // a QR code with its caption beside it
 *   slip.signatures(                                             // signature blocks side by side
 *     [{ title: 'NGƯỜI NỘP HỒ SƠ', hint: '(Ký và ghi rõ họ tên)', name: 'Nguyễn Văn An' },
 *      { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', hint: '(Ký và ghi rõ họ tên)' }],
 *     { qrCode: { text: url, caption: 'Quét mã để tra cứu', showText: true } },  // optional: QR in the row
 *   );
 *   const bytes = await slip.finish();                          // a Buffer starting with %PDF
 *
 * Every text call flows down the page and starts a new page when needed; `slip.doc` is the pdfkit
 * document for anything else (tables, boxes), with the fonts of `FONT` registered. When writing text
 * on it directly, spread `TEXT` into the options (`doc.text(s, x, y, { ...TEXT, width })`) and pass
 * NFC text: see TEXT for why. Dates print in Vietnam's time. Slips are always in Vietnamese: they are
 * the national forms.
 */
import PDFDocument from 'pdfkit';
import { FONT, registerFonts } from './fonts.js';
import { drawQrCode } from './qr.js';

/**
 * Text options every call needs. Noto Sans's `ccmp` feature splits the dot-below letters (ạ ẹ ị ọ ụ ỵ
 * and their tone-marked forms) into a base glyph and a combining dot; pdfkit then maps the base
 * glyph back to the whole letter, so text copied or extracted from the PDF reads "ẹxamplẹ" for
 * "example". Without `ccmp` each NFC letter uses the font's own precomposed glyph. (fontkit takes a
 * feature map with `false` to turn a default feature off; pdfkit passes it through untouched.)
 */
export const TEXT = {
  features: { ccmp: false } as unknown as PDFKit.Mixins.OpenTypeFeatures[],
} satisfies PDFKit.Mixins.TextOptions;

/** A4 in points, and margins close to Decree 30/2020's for administrative documents. */
export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGINS = { top: 56, bottom: 56, left: 70, right: 50 } as const;
const BODY_SIZE = 11;
const LINE_GAP = 1;

export interface SlipHeader {
  /** The issuing body on the left: `parent` (regular) above `name` (bold, underlined). */
  issuer: { parent?: string | undefined; name: string };
  /** "Mộc Châu" in "Mộc Châu, ngày 02 tháng 03 năm 2026". */
  place: string;
  date: Date;
  /** Upper case, as on the form. */
  title: string;
  /** A line under the title, e.g. the application code. */
  subtitle?: string | undefined;
  /** The document's properties (shown by viewers, read by search tools). */
  metadata?: { title?: string; subject?: string; author?: string } | undefined;
}

export interface Signature {
  title: string;
  hint?: string | undefined;
  name?: string | undefined;
}

export interface Slip {
  readonly doc: PDFKit.PDFDocument;
  /** The width between the margins. */
  readonly width: number;
  heading(text: string): Slip;
  paragraph(text: string, options?: { bold?: boolean; italic?: boolean; align?: 'left' | 'center' }): Slip;
  field(label: string, value: string): Slip;
  list(items: string[], options?: { numbered?: boolean }): Slip;
  space(lines?: number): Slip;
  qrCode(text: string, options?: { size?: number; caption?: string }): Slip;
  /** The signature blocks side by side; with `qrCode`, a QR code (and its caption) in a first, narrow column. */
  signatures(
    blocks: Signature[],
    options?: { qrCode?: { text: string; caption?: string; showText?: boolean } },
  ): Slip;
  finish(): Promise<Buffer>;
}

/** "ngày 02 tháng 03 năm 2026" of a moment in Vietnam's time. */
export function vietnameseDateWords(moment: Date): string {
  const local = new Date(moment.getTime() + 7 * 3600_000);
  const dd = String(local.getUTCDate()).padStart(2, '0');
  const mm = String(local.getUTCMonth() + 1).padStart(2, '0');
  return `ngày ${dd} tháng ${mm} năm ${local.getUTCFullYear()}`;
}

/** The largest size up to `max` at which `text` fits in `width` in `font`. */
function fittingSize(
  doc: PDFKit.PDFDocument,
  font: string,
  text: string,
  width: number,
  max: number,
): number {
  doc.font(font);
  let size = max;
  while (size > 8 && doc.fontSize(size).widthOfString(text, TEXT) > width) size -= 0.25;
  return size;
}

/** Centred lines in a column; the last one optionally underlined by a short rule. Returns the bottom y. */
function column(
  doc: PDFKit.PDFDocument,
  lines: { text: string; font: string; size: number }[],
  x: number,
  y: number,
  width: number,
  underline: 'none' | 'short' | 'text',
): number {
  let cursor = y;
  let lastWidth = 0;
  for (const line of lines) {
    doc.font(line.font).fontSize(line.size);
    doc.text(line.text.normalize('NFC'), x, cursor, { ...TEXT, width, align: 'center', lineGap: 1 });
    lastWidth = Math.min(width, doc.widthOfString(line.text, TEXT));
    cursor = doc.y;
  }
  if (underline !== 'none') {
    const rule = underline === 'short' ? Math.min(lastWidth, width / 3) : lastWidth;
    const ruleY = cursor + 1;
    doc
      .moveTo(x + (width - rule) / 2, ruleY)
      .lineTo(x + (width + rule) / 2, ruleY)
      .lineWidth(0.7)
      .stroke();
    cursor = ruleY + 2;
  }
  return cursor;
}

/** Starts a slip: A4, fonts registered, the national header, place and date, title and subtitle drawn. */
export function createSlip(header: SlipHeader): Slip {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: header.metadata?.title ?? header.title,
      Subject: header.metadata?.subject ?? header.title,
      Author: header.metadata?.author ?? header.issuer.name,
      Creator: 'MotCua',
      Producer: 'MotCua',
      CreationDate: header.date,
      ModDate: header.date,
    },
  });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = MARGINS.left;
  const width = A4.width - MARGINS.left - MARGINS.right;
  const leftWidth = width * 0.42;
  const rightWidth = width - leftWidth;
  const top = MARGINS.top;

  // Left: the issuing body. Right: the national title and motto (Quốc hiệu và Tiêu ngữ).
  const issuerLines = [
    ...(header.issuer.parent
      ? [{ text: header.issuer.parent, font: FONT.regular, size: BODY_SIZE - 0.5 }]
      : []),
    { text: header.issuer.name, font: FONT.bold, size: BODY_SIZE - 0.5 },
  ];
  const leftBottom = column(doc, issuerLines, left, top, leftWidth, 'short');
  const nation = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  const nationSize = fittingSize(doc, FONT.bold, nation, rightWidth, 12);
  const rightBottom = column(
    doc,
    [
      { text: nation, font: FONT.bold, size: nationSize },
      { text: motto, font: FONT.bold, size: nationSize + 0.5 },
    ],
    left + leftWidth,
    top,
    rightWidth,
    'text',
  );
  doc.font(FONT.italic).fontSize(BODY_SIZE);
  doc.text(
    `${header.place}, ${vietnameseDateWords(header.date)}`.normalize('NFC'),
    left + leftWidth,
    rightBottom + 8,
    {
      ...TEXT,
      width: rightWidth,
      align: 'center',
    },
  );
  let y = Math.max(leftBottom, doc.y) + 14;
  doc.font(FONT.bold).fontSize(14);
  doc.text(header.title.normalize('NFC'), left, y, { ...TEXT, width, align: 'center', lineGap: 1 });
  y = doc.y;
  if (header.subtitle) {
    doc.font(FONT.regular).fontSize(BODY_SIZE);
    doc.text(header.subtitle.normalize('NFC'), left, y + 2, { ...TEXT, width, align: 'center' });
  }
  doc.moveDown(1);
  doc.font(FONT.regular).fontSize(BODY_SIZE);

  /** Starts a new page when fewer than `points` are left above the bottom margin. */
  const keep = (points: number) => {
    if (doc.y + points > A4.height - MARGINS.bottom) doc.addPage();
  };
  const write = (text: string, font: string, options: PDFKit.Mixins.TextOptions = {}) => {
    doc.font(font).fontSize(BODY_SIZE);
    doc.text(text.normalize('NFC'), left, doc.y, { ...TEXT, width, lineGap: LINE_GAP, ...options });
  };

  const slip: Slip = {
    doc,
    width,
    heading(text) {
      keep(BODY_SIZE * 4);
      doc.moveDown(0.2);
      write(text, FONT.bold);
      return slip;
    },
    paragraph(text, options = {}) {
      const font =
        options.bold && options.italic
          ? FONT.boldItalic
          : options.bold
            ? FONT.bold
            : options.italic
              ? FONT.italic
              : FONT.regular;
      write(text, font, { align: options.align ?? 'left' });
      return slip;
    },
    field(label, value) {
      doc.font(FONT.regular).fontSize(BODY_SIZE);
      doc.text(`${label}: `.normalize('NFC'), left, doc.y, {
        ...TEXT,
        width,
        lineGap: LINE_GAP,
        continued: true,
      });
      doc.font(FONT.bold).text(value.normalize('NFC'), { ...TEXT, lineGap: LINE_GAP });
      doc.font(FONT.regular);
      return slip;
    },
    list(items, options = {}) {
      const numbered = options.numbered ?? true;
      const indent = 22;
      items.forEach((item, index) => {
        doc.font(FONT.regular).fontSize(BODY_SIZE);
        const marker = numbered ? `${index + 1}.` : '–';
        const y = doc.y;
        doc.text(marker, left + 6, y, { ...TEXT, width: indent - 6, lineGap: LINE_GAP });
        doc.text(item.normalize('NFC'), left + indent, y, {
          ...TEXT,
          width: width - indent,
          lineGap: LINE_GAP,
        });
      });
      return slip;
    },
    space(lines = 1) {
      doc.moveDown(lines);
      return slip;
    },
    qrCode(text, options = {}) {
      const size = options.size ?? 76;
      keep(size + 30);
      const y = doc.y + 4;
      drawQrCode(doc, text, { x: left, y, size });
      if (options.caption) {
        doc.font(FONT.regular).fontSize(BODY_SIZE - 1.5);
        doc.text(options.caption.normalize('NFC'), left + size + 10, y + 10, {
          ...TEXT,
          width: width - size - 10,
          lineGap: 1,
        });
        doc.font(FONT.regular).fontSize(BODY_SIZE - 2.5);
        doc.text(text, left + size + 10, doc.y + 2, { ...TEXT, width: width - size - 10, link: text });
      }
      doc.x = left;
      doc.y = Math.max(doc.y, y + size) + 6;
      doc.fontSize(BODY_SIZE);
      return slip;
    },
    signatures(blocks, options = {}) {
      if (blocks.length === 0 && !options.qrCode) return slip;
      const qr = options.qrCode;
      const qrSize = 76;
      keep(qr ? 120 : 95);
      doc.moveDown(0.6);
      const top = doc.y;
      // With a QR code, it takes a narrow first column and the signatures share the rest.
      const qrWidth = qr ? 120 : 0;
      const each = (width - qrWidth) / Math.max(blocks.length, 1);
      let bottom = top;
      if (qr) {
        drawQrCode(doc, qr.text, { x: left, y: top, size: qrSize });
        doc.font(FONT.regular).fontSize(BODY_SIZE - 3);
        if (qr.caption)
          doc.text(qr.caption.normalize('NFC'), left, top + qrSize + 2, {
            ...TEXT,
            width: qrWidth - 8,
            lineGap: 0,
          });
        bottom = Math.max(bottom, doc.y, top + qrSize);
      }
      blocks.forEach((block, index) => {
        const x = left + qrWidth + index * each;
        doc.font(FONT.bold).fontSize(BODY_SIZE);
        doc.text(block.title.normalize('NFC'), x, top, { ...TEXT, width: each, align: 'center' });
        if (block.hint) {
          doc.font(FONT.italic).fontSize(BODY_SIZE - 1.5);
          doc.text(block.hint.normalize('NFC'), x, doc.y, { ...TEXT, width: each, align: 'center' });
        }
        if (block.name) {
          doc.font(FONT.bold).fontSize(BODY_SIZE);
          doc.text(block.name.normalize('NFC'), x, doc.y + 48, { ...TEXT, width: each, align: 'center' });
        }
        bottom = Math.max(bottom, doc.y);
      });
      if (qr?.showText) {
        doc.font(FONT.regular).fontSize(BODY_SIZE - 3);
        doc.text(qr.text, left, bottom + 4, { ...TEXT, width, link: qr.text });
        bottom = doc.y;
      }
      doc.font(FONT.regular).fontSize(BODY_SIZE);
      doc.x = left;
      doc.y = bottom;
      return slip;
    },
    finish() {
      doc.end();
      return done;
    },
  };
  return slip;
}
