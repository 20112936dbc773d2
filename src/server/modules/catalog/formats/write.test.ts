import { describe, expect, it } from 'vitest';
import { ZCatalogueFile, ZProcedureRecord } from '../../../../shared/catalog/schema.js';
import { catalogueFileToJson, recordsToJson } from './write.js';

const record = ZProcedureRecord.parse({
  code: '1.001193',
  name: 'Thủ tục đăng ký khai sinh',
  field: 'Hộ tịch',
  level: 'commune',
  onlineLevel: 'full',
  components: [
    { id: 'g1-1', name: 'Tờ khai', required: true, originals: 1, copies: 0 },
    { id: 'g1-2', name: 'Giấy chứng sinh', required: true, originals: 1, copies: 0 },
  ],
});
const file = ZCatalogueFile.parse({
  format: 'motcua.catalogue',
  formatVersion: 1,
  fields: [{ name: 'Hộ tịch', code: 'G15-TP07' }],
  procedures: [record],
});

describe('writing catalogue JSON', () => {
  it('reads back to the same data', () => {
    expect(ZCatalogueFile.parse(JSON.parse(catalogueFileToJson(file)))).toEqual(file);
    expect(JSON.parse(recordsToJson([record]))).toEqual([record]);
  });

  it('puts each component and each header entry on a line of its own, for reviewable diffs', () => {
    const lines = catalogueFileToJson(file).split('\n');
    expect(lines).toContain('    {"name":"Hộ tịch","code":"G15-TP07"}');
    expect(lines.filter((line) => line.includes('"id":"g1-'))).toHaveLength(2);
    expect(lines).toContain('      "code": "1.001193",');
    expect(catalogueFileToJson(file).endsWith('}\n')).toBe(true);
  });
});
