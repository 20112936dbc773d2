import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_ERRORS, decodeUtf8, detectDelimiter, findInvalidUtf8, parseCsv, writeCsv } from './csv.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

function rowsOf(text: string, delimiter: ',' | ';' | '\t' | 'auto' = 'auto'): string[][] {
  const result = parseCsv(text, delimiter);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`);
  return result.rows;
}

describe('reading CSV', () => {
  it('reads quoted fields with separators, doubled quotes and line breaks', () => {
    expect(rowsOf('code,name\r\n1.001193,"Đăng ký ""khai sinh"", lưu động"\r\n2,"a\nb"\r\n')).toEqual([
      ['code', 'name'],
      ['1.001193', 'Đăng ký "khai sinh", lưu động'],
      ['2', 'a\nb'],
    ]);
  });

  it('accepts LF or CRLF, a missing final line break and empty fields', () => {
    expect(rowsOf('a,b\n,\n1,')).toEqual([
      ['a', 'b'],
      ['', ''],
      ['1', ''],
    ]);
  });

  it('ignores a byte-order mark', () => {
    expect(rowsOf('\ufeffcode\n1')).toEqual([['code'], ['1']]);
  });

  it('detects semicolons, which Excel writes where the decimal mark is a comma', () => {
    expect(detectDelimiter('code;name;"a,b"\n')).toBe(';');
    expect(detectDelimiter('code,name\n')).toBe(',');
    expect(rowsOf('code;name\n1;"x;y"')).toEqual([
      ['code', 'name'],
      ['1', 'x;y'],
    ]);
  });

  it('refuses an unterminated quote, naming the line it opened on', () => {
    expect(parseCsv('a,b\n1,"open\nstill open')).toEqual({
      ok: false,
      error: { key: CSV_ERRORS.unterminatedQuote, params: { line: 2 }, row: 2 },
    });
  });

  it('refuses a quote inside an unquoted field and text after a closing quote', () => {
    expect(parseCsv('a\nab"c')).toMatchObject({
      ok: false,
      error: { key: CSV_ERRORS.strayQuote, params: { line: 2 } },
    });
    expect(parseCsv('"ab"c')).toMatchObject({ ok: false, error: { key: CSV_ERRORS.textAfterQuote } });
  });

  it('refuses an empty file', () => {
    expect(parseCsv(' \n')).toEqual({ ok: false, error: { key: CSV_ERRORS.empty } });
  });
});

describe('decoding bytes', () => {
  it('decodes UTF-8 and drops the byte-order mark', () => {
    expect(decodeUtf8(utf8('\ufeffHộ tịch'))).toEqual({ ok: true, text: 'Hộ tịch' });
  });

  it('refuses invalid UTF-8 with the byte offset and line, as a Windows-1258 file would be', () => {
    const bytes = new Uint8Array([...utf8('code\nH'), 0xf4, 0x20]);
    expect(decodeUtf8(bytes)).toEqual({
      ok: false,
      error: { key: CSV_ERRORS.invalidUtf8, params: { offset: 6, line: 2 }, row: 2 },
    });
  });

  it('refuses overlong encodings, surrogates and truncated sequences', () => {
    expect(findInvalidUtf8(new Uint8Array([0xc0, 0xaf]))).toEqual({ offset: 0, line: 1 });
    expect(findInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toEqual({ offset: 0, line: 1 });
    expect(findInvalidUtf8(new Uint8Array([0x41, 0xe1, 0xbb]))).toEqual({ offset: 1, line: 1 });
    expect(findInvalidUtf8(utf8('Mộc Châu 🏔'))).toBeNull();
  });

  it('agrees with the platform decoder on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        expect(findInvalidUtf8(bytes) === null).toBe(valid);
      }),
    );
  });
});

describe('writing CSV', () => {
  it('quotes only what needs quoting and ends lines with CRLF', () => {
    expect(writeCsv([['a', 'b,c', 'd"e', 'f\ng']], { bom: false })).toBe('a,"b,c","d""e","f\ng"\r\n');
  });

  it('starts with a byte-order mark by default, for Excel', () => {
    expect(writeCsv([['x']]).startsWith('\ufeff')).toBe(true);
  });

  it('reads back exactly what it wrote', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', 'Đ', 'ộ', ',', ';', '"', '\n', '\r', ' ', '|', '\\'),
    });
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((width) =>
            fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 5 }),
          ),
        (rows) => {
          // A file of nothing but blanks is refused as empty; not a sheet anyone exports.
          fc.pre(rows.some((row) => row.some((value) => value.trim() !== '')));
          expect(rowsOf(writeCsv(rows), ',')).toEqual(rows);
        },
      ),
    );
  });
});
