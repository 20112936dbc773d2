import { describe, expect, it } from 'vitest';
import { CSV_ERRORS } from './csv.js';
import { DETECT_ERRORS, DETECT_WARNINGS, detectFormat, looksLikeCanonicalRecord } from './detect.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const canonical = {
  code: '1.001193',
  name: 'Thủ tục đăng ký khai sinh',
  field: 'Hộ tịch',
  level: 'commune',
  onlineLevel: 'full',
};
const portal = {
  code: '1.001193',
  name: 'Thủ tục đăng ký khai sinh',
  channels: [{ method: 'ONLINE' }],
  steps_raw: [],
};

describe('detecting the format of an uploaded catalogue', () => {
  it('recognises a MotCua catalogue file by its format marker', () => {
    const result = detectFormat(
      'catalogue.json',
      utf8(JSON.stringify({ format: 'motcua.catalogue', formatVersion: 1, procedures: [] })),
    );
    expect(result).toMatchObject({ ok: true, format: 'canonical-json', warnings: [] });
  });

  it('recognises canonical records, alone or in an array', () => {
    expect(detectFormat('one.json', utf8(JSON.stringify(canonical)))).toMatchObject({
      ok: true,
      format: 'canonical-json',
    });
    expect(detectFormat('many.json', utf8(JSON.stringify([canonical, canonical])))).toMatchObject({
      ok: true,
      format: 'canonical-json',
    });
  });

  it('recognises national-portal records, alone or in an array', () => {
    expect(detectFormat('1.001193.json', utf8(JSON.stringify(portal)))).toMatchObject({
      ok: true,
      format: 'national-portal-json',
    });
    expect(detectFormat('dvc.json', utf8(JSON.stringify([portal])))).toMatchObject({
      ok: true,
      format: 'national-portal-json',
    });
  });

  it('refuses JSON mixing both kinds of record, and JSON of neither kind', () => {
    expect(detectFormat('x.json', utf8(JSON.stringify([canonical, portal])))).toEqual({
      ok: false,
      error: { key: DETECT_ERRORS.mixedJson },
    });
    expect(detectFormat('x.json', utf8('{"hello":"world"}'))).toEqual({
      ok: false,
      error: { key: DETECT_ERRORS.unknownJson },
    });
    expect(detectFormat('x.json', utf8('[]'))).toEqual({
      ok: false,
      error: { key: DETECT_ERRORS.unknownJson },
    });
  });

  it('refuses broken JSON with the position the parser stopped at', () => {
    const result = detectFormat('x.json', utf8('{"code": "1.001193",}'));
    expect(result).toMatchObject({
      ok: false,
      error: { key: DETECT_ERRORS.invalidJsonAt, params: { position: 20 } },
    });
  });

  it('reads anything else as CSV, with the byte-order mark removed', () => {
    const result = detectFormat('danh-muc.csv', utf8('\ufeffcode,name\n1.001193,Khai sinh\n'));
    expect(result).toEqual({
      ok: true,
      format: 'csv',
      text: 'code,name\n1.001193,Khai sinh\n',
      warnings: [],
    });
  });

  it('lets the content win over the extension, with a warning', () => {
    expect(detectFormat('catalogue.csv', utf8(JSON.stringify([canonical])))).toMatchObject({
      ok: true,
      format: 'canonical-json',
      warnings: [{ key: DETECT_WARNINGS.extensionMismatch, params: { extension: 'csv', format: 'json' } }],
    });
  });

  it('refuses a .json file that is not JSON', () => {
    expect(detectFormat('x.json', utf8('code,name\n'))).toEqual({
      ok: false,
      error: { key: DETECT_ERRORS.invalidJson },
    });
  });

  it('recognises an XLSX workbook and refuses other zip files', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
    expect(detectFormat('Danh muc.XLSX', zip)).toEqual({ ok: true, format: 'xlsx', warnings: [] });
    expect(detectFormat('danh-muc.ods', zip)).toEqual({
      ok: false,
      error: { key: DETECT_ERRORS.unsupportedBinary, params: { extension: 'ods' } },
    });
  });

  it('refuses empty files and text that is not UTF-8', () => {
    expect(detectFormat('x.csv', new Uint8Array())).toEqual({
      ok: false,
      error: { key: DETECT_ERRORS.empty },
    });
    expect(detectFormat('x.csv', utf8(' \n '))).toEqual({ ok: false, error: { key: DETECT_ERRORS.empty } });
    expect(detectFormat('x.csv', new Uint8Array([0x63, 0x6f, 0xe0, 0x0a]))).toMatchObject({
      ok: false,
      error: { key: CSV_ERRORS.invalidUtf8 },
    });
  });
});

describe('telling a canonical record', () => {
  it('needs a code, a name and a level or online level, and not the portal shape', () => {
    expect(looksLikeCanonicalRecord(canonical)).toBe(true);
    expect(looksLikeCanonicalRecord({ code: '1', name: 'x' })).toBe(false);
    expect(looksLikeCanonicalRecord({ ...canonical, steps_raw: [] })).toBe(false);
  });
});
