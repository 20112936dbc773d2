import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AGENCY_ROLES,
  CATALOG_ERRORS,
  CHANNEL_KINDS,
  FEE_KINDS,
  ONLINE_LEVELS,
  PROCEDURE_LEVELS,
  SOURCE_KINDS,
  SUPPLEMENT_CLOCKS,
  type TProcedureRecord,
  type TProcedureRecordInput,
  ZProcedureRecord,
} from '../../../../shared/catalog/schema.js';
import { CSV_ERRORS } from './csv.js';
import {
  catalogueFromCsv,
  catalogueToCsv,
  checkHeader,
  decodeItem,
  encodeItem,
  FLAT_COLUMNS,
  FLAT_ERRORS,
  FLAT_WARNINGS,
  parseVnd,
  recordsToTable,
  recordToRow,
  rowToRecord,
  tableToRecords,
} from './flat.js';

const rich: TProcedureRecord = ZProcedureRecord.parse({
  code: '1.001193',
  name: 'Thủ tục đăng ký khai sinh',
  field: 'Hộ tịch',
  fieldCode: 'G15-TP07',
  level: 'commune',
  onlineLevel: 'full',
  version: 3,
  agencies: [
    { name: 'UBND cấp xã', role: 'implementing' },
    { name: 'Phòng Tư pháp', role: 'coordinating' },
  ],
  promulgatingAgency: 'Bộ Tư pháp',
  targetSubjects: ['Công dân Việt Nam', 'Người nước ngoài'],
  conditions: 'Trẻ em sinh ra tại Việt Nam.\n- Có giấy chứng sinh',
  results: ['Giấy khai sinh'],
  legalBasis: [
    { code: '60/2014/QH13', title: 'Luật Hộ tịch' },
    { code: null, title: 'Nghị định | hướng dẫn' },
  ],
  steps: [
    { title: 'Bước 1', description: '- Nộp hồ sơ tại Bộ phận Một cửa\n- Hoặc nộp trực tuyến' },
    { title: null, description: 'Nhận kết quả; C:\\Mẫu\\n giữ nguyên' },
  ],
  cases: [
    { id: 'c1', code: '1.001193.01', timeLimit: { amount: 7.5, unit: 'working_days' } },
    { id: 'c2', code: null, name: 'Khai sinh lưu động', timeLimit: { amount: null, unit: 'same_day' } },
  ],
  components: [
    {
      id: 'g1-1',
      name: 'Tờ khai đăng ký khai sinh',
      required: true,
      originals: 1,
      copies: 0,
      group: '* Giấy tờ phải nộp:',
      electronicForm: true,
      code: 'KQ1',
      templates: [
        { fileName: 'To khai.docx', url: 'https://example.gov.vn/to-khai.docx' },
        { fileName: 'To khai.pdf', url: null },
      ],
    },
    { id: 'g1-2', caseId: 'c2', name: '= Biên bản | xác nhận', required: false, originals: 0, copies: 2 },
  ],
  channels: [
    {
      kind: 'online',
      timeLimit: { amount: 3, unit: 'working_days' },
      fees: [{ kind: 'charge', amountVnd: 0, description: 'Miễn lệ phí' }],
      note: 'Nộp qua Cổng DVC quốc gia',
    },
    {
      kind: 'direct',
      timeLimit: null,
      timeLimitNote: 'Không quá 10 ngày làm việc. Xã vùng sâu tăng thêm 10 ngày',
      fees: [
        { kind: 'fee', amountVnd: 8000, description: null },
        { kind: 'price', amountVnd: null, description: 'HĐND tỉnh quy định' },
      ],
    },
    {
      kind: 'direct',
      timeLimit: { amount: 15, unit: 'calendar_days' },
      fees: [{ kind: 'fee', amountVnd: 50000 }],
    },
  ],
  announcingDecision: { number: '1234/QĐ-UBND', date: '2024-05-10' },
  effectiveFrom: '2024-06-01',
  demoAssigned: { level: true, onlineLevel: true, agencies: false, note: 'Gán cho dữ liệu mẫu' },
  source: {
    kind: 'national_portal',
    id: '019d2bfd',
    url: 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd',
    updatedAt: '2026-04-16T03:27:23.145Z',
    publishedAgency: 'Ủy ban nhân dân cấp xã',
  },
});

const minimalRow = {
  code: '1.000001',
  name: 'Thủ tục mẫu',
  field: 'Hộ tịch',
  level: 'district',
  onlineLevel: 'none',
};

function refused(row: Record<string, string>) {
  const result = rowToRecord(row);
  if (result.ok) throw new Error('expected the row to be refused');
  return result.issues;
}

describe('list cells', () => {
  it('join parts with " | ", escape pipes, backslashes and line breaks, and drop trailing empty parts', () => {
    expect(encodeItem(['a|b', 'c\\d', 'e\nf', null, null])).toBe('a\\|b | c\\\\d | e\\nf');
    expect(decodeItem('a\\|b | c\\\\d | e\\nf')).toEqual(['a|b', 'c\\d', 'e\nf']);
  });

  it('keep a backslash a clerk typed before another letter', () => {
    expect(decodeItem('C:\\Mẫu | x')).toEqual(['C:\\Mẫu', 'x']);
  });
});

describe('the flat row of a record', () => {
  it('has every column, lists one item per line', () => {
    const row = recordToRow(rich);
    expect(Object.keys(row)).toEqual([...FLAT_COLUMNS]);
    expect(row.components.split('\n')).toEqual([
      'g1-1 | Tờ khai đăng ký khai sinh | yes | 1 | 0 | * Giấy tờ phải nộp: |  | yes | KQ1',
      'g1-2 | = Biên bản \\| xác nhận | no | 0 | 2 |  | c2 | no',
    ]);
    expect(row.componentTemplates).toBe(
      'g1-1 | To khai.docx | https://example.gov.vn/to-khai.docx\ng1-1 | To khai.pdf',
    );
    expect(row.channels.split('\n')).toEqual([
      'online | 3 working_days |  | Nộp qua Cổng DVC quốc gia',
      'direct |  | Không quá 10 ngày làm việc. Xã vùng sâu tăng thêm 10 ngày',
      'direct | 15 calendar_days',
    ]);
    expect(row.fees.split('\n')).toEqual([
      'online | charge | 0 | Miễn lệ phí',
      'direct | fee | 8000',
      'direct | price |  | HĐND tỉnh quy định',
      'direct#2 | fee | 50000',
    ]);
    expect(row.cases).toBe('c1 | 1.001193.01 | 7.5 working_days\nc2 |  | same_day | Khai sinh lưu động');
    expect(row.demoAssigned).toBe('level, onlineLevel');
  });

  it('reads back to exactly the same record', () => {
    expect(rowToRecord(recordToRow(rich))).toEqual({ ok: true, record: rich, warnings: [] });
  });

  it('round-trips any valid record', () => {
    fc.assert(
      fc.property(recordArbitrary, (input) => {
        const record = ZProcedureRecord.parse(input);
        // Warnings (a code such as "0.0" looks truncated by Excel) are advice, not part of the record.
        const back = rowToRecord(recordToRow(record));
        expect(back.ok && back.record).toEqual(record);
      }),
      { numRuns: 150 },
    );
  });

  it('fills the columns a sheet leaves out with their defaults', () => {
    const result = rowToRecord(minimalRow);
    expect(result.ok && result.record).toMatchObject({
      status: 'active',
      version: 1,
      dataCompleteness: 'full',
      channels: [],
    });
  });
});

describe('reading a row a clerk edited', () => {
  it('accepts đồng with thousands separators and a unit, refuses negative and fractional amounts', () => {
    expect(parseVnd('50.000')).toBe(50000);
    expect(parseVnd('1 200 000 đ')).toBe(1200000);
    expect(parseVnd('25,000 VND')).toBe(25000);
    expect(parseVnd('-5000')).toEqual({ error: CATALOG_ERRORS.negativeFee });
    expect(parseVnd('12,5')).toEqual({ error: CATALOG_ERRORS.feeNotInteger });
    expect(parseVnd('free')).toEqual({ error: CATALOG_ERRORS.notANumber });
  });

  it('reports a negative fee on the fees column and its line', () => {
    const issues = refused({
      ...minimalRow,
      channels: 'direct',
      fees: 'direct | fee | 1000\ndirect | charge | -200',
    });
    expect(issues).toEqual([
      { key: CATALOG_ERRORS.negativeFee, column: 'fees', line: 2, params: { value: '-200' } },
    ]);
  });

  it('reports an unknown level with the allowed values', () => {
    expect(refused({ ...minimalRow, level: 'huyện' })).toEqual([
      {
        key: CATALOG_ERRORS.unknownLevel,
        column: 'level',
        params: { value: 'huyện', allowed: 'province, district, commune, vertical' },
      },
    ]);
  });

  it('reports a time limit it cannot read, and accepts the Vietnamese unit names', () => {
    expect(refused({ ...minimalRow, channels: 'online | 5 ngày công' })).toEqual([
      { key: FLAT_ERRORS.timeLimitFormat, column: 'channels', line: 1, params: { value: '5 ngày công' } },
    ]);
    const result = rowToRecord({
      ...minimalRow,
      channels: 'online | 7,5 ngày làm việc\ndirect | trong ngày',
    });
    expect(result.ok && result.record.channels.map((channel) => channel.timeLimit)).toEqual([
      { amount: 7.5, unit: 'working_days' },
      { amount: null, unit: 'same_day' },
    ]);
  });

  it('reports fees for a channel the row does not have', () => {
    expect(refused({ ...minimalRow, channels: 'online', fees: 'postal | fee | 1000' })).toEqual([
      {
        key: FLAT_ERRORS.unknownChannelRef,
        column: 'fees',
        line: 1,
        params: { value: 'postal', allowed: 'online' },
      },
    ]);
  });

  it('reports a template for a component that does not exist', () => {
    const issues = refused({
      ...minimalRow,
      components: 'g1 | Tờ khai | yes',
      componentTemplates: 'g2 | mau.docx',
    });
    expect(issues).toEqual([
      {
        key: FLAT_ERRORS.unknownComponentRef,
        column: 'componentTemplates',
        line: 1,
        params: { value: 'g2' },
      },
    ]);
  });

  it('reports a line with more parts than its layout, with a hint to escape pipes', () => {
    expect(refused({ ...minimalRow, legalBasis: '60/2014/QH13 | Luật Hộ tịch | thừa' })).toEqual([
      { key: FLAT_ERRORS.tooManyParts, column: 'legalBasis', line: 1, params: { expected: 2, found: 3 } },
    ]);
  });

  it('places schema problems on the column and line they came from', () => {
    const issues = refused({
      ...minimalRow,
      components: '\ng1 | Tờ khai | yes | 1 | 0\nBad Id | Đơn | no | 1 | x',
    });
    expect(issues).toEqual([
      { key: CATALOG_ERRORS.localIdFormat, path: 'components.1.id', column: 'components', line: 3 },
      { key: CATALOG_ERRORS.notANumber, path: 'components.1.copies', column: 'components', line: 3 },
    ]);
  });

  it('requires the required flag of a component and reads yes/no in either language', () => {
    expect(refused({ ...minimalRow, components: 'g1 | Tờ khai' })).toEqual([
      { key: FLAT_ERRORS.missingPart, column: 'components', line: 1, params: { part: 'required' } },
    ]);
    const result = rowToRecord({ ...minimalRow, components: 'g1 | Tờ khai | có\ng2 | Đơn | không' });
    expect(result.ok && result.record.components.map((c) => c.required)).toEqual([true, false]);
  });

  it('gives components without an id the first free one', () => {
    const result = rowToRecord({
      ...minimalRow,
      components: ' | Tờ khai | yes\nn1 | Đơn | yes\n | Ảnh | no',
    });
    expect(result.ok && result.record.components.map((c) => c.id)).toEqual(['n2', 'n1', 'n3']);
  });

  it('accepts dates as Excel saves them', () => {
    const result = rowToRecord({
      ...minimalRow,
      effectiveFrom: '1/7/2024',
      announcingDecisionNumber: '12/QĐ-UBND',
      announcingDecisionDate: '30/06/2024',
    });
    expect(result.ok && [result.record.effectiveFrom, result.record.announcingDecision]).toEqual([
      '2024-07-01',
      { number: '12/QĐ-UBND', date: '2024-06-30' },
    ]);
  });

  it('reports a decision date without its number on the number column', () => {
    expect(refused({ ...minimalRow, announcingDecisionDate: '2024-06-30' })).toContainEqual(
      expect.objectContaining({ key: CATALOG_ERRORS.required, column: 'announcingDecisionNumber' }),
    );
  });

  it('warns when a code looks as if Excel dropped its trailing zeros', () => {
    const result = rowToRecord({ ...minimalRow, code: '1.00008' });
    expect(result.ok && result.warnings).toEqual([
      { key: FLAT_WARNINGS.codeLooksTruncated, column: 'code', params: { value: '1.00008' } },
    ]);
  });

  it('reports an unknown demo flag', () => {
    expect(refused({ ...minimalRow, demoAssigned: 'level, fees' })).toEqual([
      { key: FLAT_ERRORS.unknownDemoFlag, column: 'demoAssigned', params: { value: 'fees' } },
    ]);
  });
});

describe('a table of rows', () => {
  it('reports missing required, unknown, duplicate and unnamed columns', () => {
    expect(checkHeader(['code', 'name', 'name', 'lĩnh vực', '', 'level'])).toEqual([
      { key: FLAT_ERRORS.duplicateColumn, column: 'name', row: 1, params: { value: 'name' } },
      { key: FLAT_ERRORS.unknownColumn, column: 'lĩnh vực', row: 1, params: { value: 'lĩnh vực' } },
      { key: FLAT_ERRORS.emptyHeader, row: 1, params: { position: 5 } },
      { key: FLAT_ERRORS.missingColumn, column: 'field', row: 1, params: { value: 'field' } },
      { key: FLAT_ERRORS.missingColumn, column: 'onlineLevel', row: 1, params: { value: 'onlineLevel' } },
    ]);
  });

  it('numbers rows as the spreadsheet does, skips blank rows and names the code', () => {
    const header = ['code', 'name', 'field', 'level', 'onlineLevel'];
    const result = tableToRecords([
      header,
      ['1.000001', 'Thủ tục A', 'Hộ tịch', 'district', 'none'],
      ['', '', '', '', ''],
      ['1.000002', 'Thủ tục B', 'Hộ tịch', 'county', 'none'],
      ['1.000001', 'Thủ tục A lần hai', 'Hộ tịch', 'district', 'none'],
      ['1.000003', 'Thủ tục C', 'Hộ tịch', 'district', 'none', 'thừa'],
    ]);
    expect(result.records.map((record) => record.code)).toEqual(['1.000001']);
    expect(result.issues).toEqual([
      expect.objectContaining({
        key: CATALOG_ERRORS.unknownLevel,
        column: 'level',
        row: 4,
        code: '1.000002',
      }),
      expect.objectContaining({
        key: CATALOG_ERRORS.duplicateCode,
        column: 'code',
        row: 5,
        code: '1.000001',
        params: { value: '1.000001', firstRow: 2 },
      }),
      { key: FLAT_ERRORS.extraCells, row: 6, params: { expected: 5, found: 6 } },
    ]);
  });

  it('writes a header of every column and one row per record', () => {
    const table = recordsToTable([rich]);
    expect(table[0]).toEqual([...FLAT_COLUMNS]);
    expect(table).toHaveLength(2);
  });
});

describe('the catalogue as CSV', () => {
  it('exports and imports back exactly, Excel formula guard included', () => {
    const risky = ZProcedureRecord.parse({
      ...minimalRow,
      code: '1.000002',
      name: '=HYPERLINK("x")',
      conditions: "- bắt đầu bằng gạch\n'trích dẫn'",
      targetSubjects: ['+ Công dân', '@ Tổ chức'],
    });
    const csv = catalogueToCsv([rich, risky]);
    expect(csv.startsWith('\ufeffcode,name,')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    const back = catalogueFromCsv(new TextEncoder().encode(csv));
    expect(back).toEqual({ records: [rich, risky], issues: [], warnings: [] });
  });

  it('round-trips any valid records through CSV', () => {
    fc.assert(
      fc.property(fc.array(recordArbitrary, { minLength: 1, maxLength: 3 }), (inputs) => {
        const records = inputs.map((input, index) =>
          ZProcedureRecord.parse({ ...input, code: `9.${String(index).padStart(6, '0')}` }),
        );
        const back = catalogueFromCsv(catalogueToCsv(records));
        expect([back.records, back.issues]).toEqual([records, []]);
      }),
      { numRuns: 60 },
    );
  });

  it('reads a semicolon-separated sheet', () => {
    const csv = 'code;name;field;level;onlineLevel\r\n1.000001;Thủ tục A;Hộ tịch;commune;full\r\n';
    expect(catalogueFromCsv(csv).records.map((record) => record.level)).toEqual(['commune']);
  });

  it('refuses a file that is not UTF-8, saying so', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('code,name\n1,'), 0xc3, 0x28]);
    expect(catalogueFromCsv(bytes).issues).toEqual([
      { key: CSV_ERRORS.invalidUtf8, params: { offset: 12, line: 2 }, row: 2 },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Random valid records: characters chosen to trip the format (pipes, backslashes, quotes, formula
// starts, Vietnamese letters); multi-line texts also get line breaks.
// ---------------------------------------------------------------------------------------------

const inlineChars = fc.constantFrom(
  'a',
  'Đ',
  'ộ',
  ' ',
  '|',
  '\\',
  '=',
  '-',
  '+',
  '@',
  "'",
  '"',
  ',',
  ';',
  '#',
  'n',
  '1',
);
const label = fc
  .string({ unit: inlineChars, minLength: 1, maxLength: 12 })
  .map((value) => value.trim())
  .filter((value) => value.length > 0);
const text = fc
  .string({ unit: fc.oneof(inlineChars, fc.constant('\n')), minLength: 1, maxLength: 20 })
  .map((value) => value.trim())
  .filter((value) => value.length > 0);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const timeLimit = fc.oneof(
  fc.record({
    amount: fc.integer({ min: 1, max: 3000 }).map((n) => n / 4),
    unit: fc.constant('working_days' as const),
  }),
  fc.record({
    amount: fc.integer({ min: 1, max: 100 }),
    unit: fc.constantFrom('working_hours' as const, 'calendar_days' as const),
  }),
  fc.constant({ amount: null, unit: 'same_day' as const }),
);
const isoDate = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const recordArbitrary: fc.Arbitrary<TProcedureRecordInput> = fc
  .record({
    cases: fc.array(
      fc.record({ code: optional(label), name: optional(label), timeLimit: optional(timeLimit) }),
      { maxLength: 3 },
    ),
    componentCount: fc.integer({ min: 0, max: 3 }),
  })
  .chain(({ cases, componentCount }) =>
    fc.record({
      code: fc.stringMatching(/^[0-9A-Za-z][0-9A-Za-z._-]{0,10}$/),
      name: label,
      field: label,
      fieldCode: optional(label),
      level: fc.constantFrom(...PROCEDURE_LEVELS),
      onlineLevel: fc.constantFrom(...ONLINE_LEVELS),
      supplementClock: fc.constantFrom(...SUPPLEMENT_CLOCKS),
      status: fc.constantFrom('active' as const, 'retired' as const),
      version: fc.integer({ min: 1, max: 50 }),
      agencies: fc.array(fc.record({ name: label, role: fc.constantFrom(...AGENCY_ROLES) }), {
        maxLength: 2,
      }),
      promulgatingAgency: optional(label),
      targetSubjects: fc.array(label, { maxLength: 3 }),
      conditions: optional(text),
      results: fc.array(label, { maxLength: 2 }),
      legalBasis: fc.array(
        fc
          .record({ code: optional(label), title: optional(label) })
          .filter((b) => b.code !== null || b.title !== null),
        { maxLength: 3 },
      ),
      steps: fc.array(
        fc
          .record({ title: optional(label), description: optional(text) })
          .filter((s) => s.title !== null || s.description !== null),
        { maxLength: 3 },
      ),
      cases: fc.constant(cases.map((c, index) => ({ ...c, id: `c${index + 1}` }))),
      components: fc.tuple(
        ...Array.from({ length: componentCount }, (_, index) =>
          fc.record({
            id: fc.constant(`g1-${index + 1}`),
            caseId:
              cases.length === 0
                ? fc.constant(null)
                : optional(fc.integer({ min: 1, max: cases.length }).map((n) => `c${n}`)),
            group: optional(label),
            name: label,
            required: fc.boolean(),
            originals: fc.integer({ min: 0, max: 99 }),
            copies: fc.integer({ min: 0, max: 99 }),
            electronicForm: fc.boolean(),
            code: optional(label),
            templates: fc.array(
              fc.record({
                fileName: label,
                url: optional(fc.constant('https://dichvucong.gov.vn/mau.docx')),
              }),
              { maxLength: 2 },
            ),
          }),
        ),
      ),
      channels: fc.array(
        fc.record({
          kind: fc.constantFrom(...CHANNEL_KINDS),
          timeLimit: optional(timeLimit),
          timeLimitNote: optional(text),
          fees: fc.array(
            fc
              .record({
                kind: fc.constantFrom(...FEE_KINDS),
                amountVnd: optional(fc.integer({ min: 0, max: 10_000_000 })),
                description: optional(text),
              })
              .filter((fee) => fee.amountVnd !== null || fee.description !== null),
            { maxLength: 2 },
          ),
          note: optional(text),
        }),
        { maxLength: 4 },
      ),
      announcingDecision: optional(fc.record({ number: label, date: optional(isoDate) })),
      effectiveFrom: optional(isoDate),
      effectiveTo: fc.constant(null),
      demoAssigned: optional(
        fc
          .record({
            level: fc.boolean(),
            onlineLevel: fc.boolean(),
            agencies: fc.boolean(),
            note: optional(text),
          })
          .filter((d) => d.level || d.onlineLevel || d.agencies || d.note !== null),
      ),
      source: optional(
        fc.record({
          kind: fc.constantFrom(...SOURCE_KINDS),
          id: optional(label),
          url: optional(fc.constant('https://dichvucong.gov.vn/thu-tuc-hanh-chinh/x')),
          updatedAt: optional(fc.constant('2026-04-16T03:27:23.145Z')),
          publishedAgency: optional(text),
        }),
      ),
    }),
  );
