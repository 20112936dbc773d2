import { describe, expect, it } from 'vitest';
import { CATALOG_ERRORS } from '../../../../shared/catalog/schema.js';
import { DETECT_ERRORS } from './detect.js';
import { catalogueToCsv } from './flat.js';
import { PORTAL_WARNINGS } from './national-portal.js';
import { READ_ERRORS, readCatalogueFile } from './read.js';
import { catalogueToXlsx, XLSX_ERRORS } from './xlsx.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const record = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  name: `Thủ tục ${code}`,
  field: 'Hộ tịch',
  level: 'commune',
  onlineLevel: 'none',
  ...extra,
});
const portal = (code: string) => ({
  code,
  name: `Thủ tục ${code}`,
  category: { code: 'G15-TP07', name: 'Hộ tịch' },
  channels: [{ method: 'DIRECT', fees: [], processing: { qty: 5, unit: 'WORKING_DAY' } }],
  legal_basis: [],
  steps_raw: [],
  checklist_raw: [],
  state: 'ACTIVE',
});

describe('reading an uploaded catalogue file', () => {
  it('reads a catalogue file with its header', async () => {
    const file = {
      format: 'motcua.catalogue',
      formatVersion: 1,
      title: 'Danh mục mẫu',
      agencies: [{ name: 'UBND cấp xã', level: 'commune' }],
      procedures: [record('1.000001')],
    };
    const result = await readCatalogueFile('danh-muc.json', utf8(JSON.stringify(file)));
    expect(result.issues).toEqual([]);
    expect(result.records.map((r) => r.code)).toEqual(['1.000001']);
    expect(result.header).toMatchObject({
      title: 'Danh mục mẫu',
      agencies: [{ name: 'UBND cấp xã', level: 'commune' }],
    });
  });

  it('places problems of a catalogue file on the record, by index and code, and keeps the good records', async () => {
    const file = {
      format: 'motcua.catalogue',
      formatVersion: 1,
      procedures: [record('1.000001'), record('1.000002', { level: 'city' })],
    };
    const result = await readCatalogueFile('danh-muc.json', utf8(JSON.stringify(file)));
    expect(result.records.map((r) => r.code)).toEqual(['1.000001']);
    expect(result.issues).toEqual([
      expect.objectContaining({
        key: CATALOG_ERRORS.unknownLevel,
        index: 1,
        code: '1.000002',
        path: 'level',
      }),
    ]);
  });

  it('reads an array of records, reporting each bad one and repeated codes', async () => {
    const result = await readCatalogueFile(
      'records.json',
      utf8(
        JSON.stringify([
          record('1.000001'),
          record('1.000002', { channels: [{ kind: 'direct', fees: [{ kind: 'fee', amountVnd: -1 }] }] }),
          record('1.000001'),
        ]),
      ),
    );
    expect(result.records.map((r) => r.code)).toEqual(['1.000001']);
    expect(result.issues).toEqual([
      expect.objectContaining({
        key: CATALOG_ERRORS.negativeFee,
        index: 1,
        code: '1.000002',
        path: 'channels.0.fees.0.amountVnd',
      }),
      expect.objectContaining({ key: READ_ERRORS.duplicateCode, index: 2, code: '1.000001' }),
    ]);
  });

  it('asks for a level and an online level before reading national-portal records', async () => {
    const bytes = utf8(JSON.stringify([portal('1.000001')]));
    expect((await readCatalogueFile('dvc.json', bytes)).issues).toEqual([
      { key: READ_ERRORS.assignmentRequired },
    ]);
    const result = await readCatalogueFile('dvc.json', bytes, {
      portalAssignment: { level: 'district', onlineLevel: 'partial' },
    });
    expect(result.records[0]).toMatchObject({ code: '1.000001', level: 'district', onlineLevel: 'partial' });
    expect(result.warnings).toEqual([
      expect.objectContaining({ key: PORTAL_WARNINGS.noLegalBasis, index: 0, code: '1.000001' }),
    ]);
  });

  it('reads the CSV it exports', async () => {
    const { ZProcedureRecord } = await import('../../../../shared/catalog/schema.js');
    const records = [ZProcedureRecord.parse(record('1.000001')), ZProcedureRecord.parse(record('1.000002'))];
    const result = await readCatalogueFile('danh-muc.csv', utf8(catalogueToCsv(records)));
    expect(result).toMatchObject({ format: 'csv', records, issues: [] });
  });

  it('reads the XLSX it exports, and passes detection errors on', async () => {
    const { ZProcedureRecord } = await import('../../../../shared/catalog/schema.js');
    const records = [ZProcedureRecord.parse(record('1.000001')), ZProcedureRecord.parse(record('1.000002'))];
    const { bytes } = await catalogueToXlsx(records);
    expect(await readCatalogueFile('danh-muc.xlsx', bytes)).toMatchObject({
      format: 'xlsx',
      records,
      issues: [],
    });
    expect((await readCatalogueFile('a.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).issues).toEqual([
      { key: XLSX_ERRORS.unreadable },
    ]);
    expect(await readCatalogueFile('a.json', utf8('{'))).toMatchObject({
      format: null,
      issues: [{ key: DETECT_ERRORS.invalidJsonAt, params: { position: 1 } }],
    });
  });
});
