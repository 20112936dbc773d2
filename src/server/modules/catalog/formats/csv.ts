// A small RFC 4180 reader and writer. Spreadsheets are how clerks edit the catalogue, so the reader
// accepts what Excel and LibreOffice write (a UTF-8 byte-order mark, CRLF or LF, a semicolon as the
// separator in locales whose decimal mark is a comma) and refuses, with the position, what would
// otherwise be silently garbled: invalid UTF-8, a stray quote, an unterminated quoted field.
import type { CatalogIssue } from '../../../../shared/catalog/schema.js';

export const CSV_ERRORS = {
  invalidUtf8: 'catalog.errors.csv.invalidUtf8',
  unterminatedQuote: 'catalog.errors.csv.unterminatedQuote',
  strayQuote: 'catalog.errors.csv.strayQuote',
  textAfterQuote: 'catalog.errors.csv.textAfterQuote',
  empty: 'catalog.errors.csv.empty',
} as const;

export type CsvDelimiter = ',' | ';' | '\t';

export type DecodeResult = { ok: true; text: string } | { ok: false; error: CatalogIssue };

/** The byte offset and line (1-based) of the first byte that is not valid UTF-8, or null. */
export function findInvalidUtf8(bytes: Uint8Array): { offset: number; line: number } | null {
  let line = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b === 0x0a) line += 1;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let needed: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      needed = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      needed = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      needed = 3;
      min = 0x10000;
    } else {
      return { offset: i, line };
    }
    let codePoint = b & (0xff >> (needed + 2));
    for (let k = 1; k <= needed; k += 1) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return { offset: i, line };
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are invalid UTF-8 too.
    if (codePoint < min || (codePoint >= 0xd800 && codePoint <= 0xdfff) || codePoint > 0x10ffff) {
      return { offset: i, line };
    }
    i += needed + 1;
  }
  return null;
}

/** Decodes UTF-8 strictly, dropping a leading byte-order mark. */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  const invalid = findInvalidUtf8(bytes);
  if (invalid)
    return { ok: false, error: { key: CSV_ERRORS.invalidUtf8, params: invalid, row: invalid.line } };
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  return { ok: true, text };
}

/** Guesses the separator from the first record: the most frequent of comma, semicolon and tab outside quotes. */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch] += 1;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

export type CsvParseResult = { ok: true; rows: string[][] } | { ok: false; error: CatalogIssue };

/**
 * Parses CSV text into rows of fields. Quoted fields keep their line breaks as written. A final line
 * break does not make an empty last row; blank lines elsewhere become rows with one empty field.
 */
export function parseCsv(input: string, delimiter: CsvDelimiter | 'auto' = 'auto'): CsvParseResult {
  const text = input.startsWith('\ufeff') ? input.slice(1) : input;
  if (text.trim() === '') return { ok: false, error: { key: CSV_ERRORS.empty } };
  const sep = delimiter === 'auto' ? detectDelimiter(text) : delimiter;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  const n = text.length;
  // Each iteration reads one field and the separator or line end after it.
  while (i <= n) {
    if (text[i] === '"') {
      const startLine = line;
      i += 1;
      for (;;) {
        if (i >= n) {
          return {
            ok: false,
            error: { key: CSV_ERRORS.unterminatedQuote, params: { line: startLine }, row: startLine },
          };
        }
        const ch = text[i] as string;
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (ch === '\n') line += 1;
        field += ch;
        i += 1;
      }
      const after = text[i];
      if (after !== undefined && after !== sep && after !== '\n' && after !== '\r') {
        return { ok: false, error: { key: CSV_ERRORS.textAfterQuote, params: { line }, row: line } };
      }
    } else {
      while (i < n) {
        const ch = text[i] as string;
        if (ch === sep || ch === '\n' || ch === '\r') break;
        if (ch === '"')
          return { ok: false, error: { key: CSV_ERRORS.strayQuote, params: { line }, row: line } };
        field += ch;
        i += 1;
      }
    }
    row.push(field);
    field = '';
    const ch = text[i];
    if (ch === sep) {
      i += 1;
      continue;
    }
    // End of a record: CRLF, LF, a lone CR, or the end of the text.
    rows.push(row);
    row = [];
    if (ch === '\r') i += text[i + 1] === '\n' ? 2 : 1;
    else i += 1;
    line += 1;
    if (i >= n) break;
  }
  return { ok: true, rows };
}

function needsQuotes(value: string, sep: string): boolean {
  return value.includes(sep) || value.includes('"') || value.includes('\n') || value.includes('\r');
}

/** Writes rows as CSV with CRLF line ends; with `bom`, Excel opens the UTF-8 file with the right letters. */
export function writeCsv(
  rows: readonly (readonly string[])[],
  options: { bom?: boolean; delimiter?: CsvDelimiter } = {},
): string {
  const sep = options.delimiter ?? ',';
  const body = rows
    .map((row) =>
      row.map((value) => (needsQuotes(value, sep) ? `"${value.replaceAll('"', '""')}"` : value)).join(sep),
    )
    .join('\r\n');
  return `${options.bom === false ? '' : '\ufeff'}${body}\r\n`;
}
