import { describe, expect, it } from 'vitest';
import {
  CATALOG_ERRORS,
  type CatalogIssue,
  issuesFromZod,
  parseProcedureRecord,
  type TProcedureRecordInput,
  toCalendarTimeLimit,
  ZCatalogueFile,
  ZProcedureRecord,
} from './schema.js';

const minimal: TProcedureRecordInput = {
  code: '1.001193',
  name: 'Thủ tục đăng ký khai sinh',
  field: 'Hộ tịch',
  level: 'commune',
  onlineLevel: 'full',
};

function issuesOf(input: unknown): CatalogIssue[] {
  const result = parseProcedureRecord(input);
  if (result.ok) throw new Error('expected the record to be refused');
  return result.issues;
}

describe('the canonical procedure record', () => {
  it('fills every optional part with its default', () => {
    const record = ZProcedureRecord.parse(minimal);
    expect(record).toMatchObject({
      status: 'active',
      version: 1,
      dataCompleteness: 'full',
      fieldCode: null,
      agencies: [],
      channels: [],
      components: [],
      legalBasis: [],
      announcingDecision: null,
      demoAssigned: null,
      source: null,
    });
  });

  it('trims text and keeps Vietnamese letters as they are', () => {
    const record = ZProcedureRecord.parse({ ...minimal, name: '  Thủ tục đăng ký kết hôn  ' });
    expect(record.name).toBe('Thủ tục đăng ký kết hôn');
  });

  it('refuses a negative fee with the negativeFee key at the fee', () => {
    const issues = issuesOf({
      ...minimal,
      channels: [{ kind: 'direct', fees: [{ kind: 'charge', amountVnd: -5000, description: null }] }],
    });
    expect(issues).toContainEqual(
      expect.objectContaining({ key: CATALOG_ERRORS.negativeFee, path: 'channels.0.fees.0.amountVnd' }),
    );
  });

  it('refuses a fee in fractions of a đồng', () => {
    const issues = issuesOf({
      ...minimal,
      channels: [{ kind: 'online', fees: [{ kind: 'fee', amountVnd: 10.5 }] }],
    });
    expect(issues.map((issue) => issue.key)).toContain(CATALOG_ERRORS.feeNotInteger);
  });

  it('accepts a fee stated only in words, and refuses one with neither amount nor words', () => {
    expect(
      parseProcedureRecord({
        ...minimal,
        channels: [
          {
            kind: 'direct',
            fees: [{ kind: 'charge', amountVnd: null, description: 'Do HĐND tỉnh quy định' }],
          },
        ],
      }).ok,
    ).toBe(true);
    const issues = issuesOf({
      ...minimal,
      channels: [{ kind: 'direct', fees: [{ kind: 'charge', amountVnd: null, description: null }] }],
    });
    expect(issues.map((issue) => issue.key)).toContain(CATALOG_ERRORS.feeEmpty);
  });

  it('accepts fractional working days such as 7.5 and refuses fractional calendar days', () => {
    const withLimit = (amount: number, unit: string) => ({
      ...minimal,
      channels: [{ kind: 'direct', timeLimit: { amount, unit } }],
    });
    expect(parseProcedureRecord(withLimit(7.5, 'working_days')).ok).toBe(true);
    expect(parseProcedureRecord(withLimit(6.25, 'working_days')).ok).toBe(true);
    expect(issuesOf(withLimit(2.5, 'calendar_days')).map((issue) => issue.key)).toContain(
      CATALOG_ERRORS.timeLimitWholeDays,
    );
    expect(issuesOf(withLimit(1.001, 'working_days')).map((issue) => issue.key)).toContain(
      CATALOG_ERRORS.timeLimitPrecision,
    );
    expect(issuesOf(withLimit(0, 'working_days')).map((issue) => issue.key)).toContain(
      CATALOG_ERRORS.timeLimitNotPositive,
    );
  });

  it('expects no amount for a same-day limit and an amount for every other unit', () => {
    const withLimit = (timeLimit: unknown) => ({ ...minimal, cases: [{ id: 'c1', timeLimit }] });
    expect(parseProcedureRecord(withLimit({ amount: null, unit: 'same_day' })).ok).toBe(true);
    expect(parseProcedureRecord(withLimit({ unit: 'same_day' })).ok).toBe(true);
    expect(issuesOf(withLimit({ amount: 1, unit: 'same_day' })).map((issue) => issue.key)).toContain(
      CATALOG_ERRORS.timeLimitSameDayAmount,
    );
    expect(issuesOf(withLimit({ amount: null, unit: 'working_hours' })).map((issue) => issue.key)).toContain(
      CATALOG_ERRORS.timeLimitAmountRequired,
    );
  });

  it('hands time limits to the deadline maths in its own shape', () => {
    expect(toCalendarTimeLimit({ amount: 7.5, unit: 'working_days' })).toEqual({
      amount: 7.5,
      unit: 'working_days',
    });
    expect(toCalendarTimeLimit({ amount: null, unit: 'same_day' })).toEqual({ amount: 0, unit: 'same_day' });
  });

  it('names the allowed levels when the level is unknown', () => {
    const [issue] = issuesOf({ ...minimal, level: 'city' });
    expect(issue).toMatchObject({
      key: CATALOG_ERRORS.unknownLevel,
      path: 'level',
      params: { allowed: 'province, district, commune, vertical' },
    });
  });

  it('reports a missing required part as required, not as a wrong type', () => {
    const { name: _name, ...withoutName } = minimal;
    expect(issuesOf(withoutName)).toContainEqual(
      expect.objectContaining({ key: CATALOG_ERRORS.required, path: 'name' }),
    );
  });

  it('refuses line breaks in a name but keeps them in steps', () => {
    expect(issuesOf({ ...minimal, name: 'Đăng ký\nkhai sinh' }).map((issue) => issue.key)).toContain(
      CATALOG_ERRORS.singleLine,
    );
    const record = ZProcedureRecord.parse({
      ...minimal,
      steps: [{ description: 'Bước 1: nộp hồ sơ.\nBước 2: nhận kết quả.' }],
    });
    expect(record.steps[0]?.description).toContain('\n');
  });

  it('refuses blank text where null is meant', () => {
    expect(issuesOf({ ...minimal, conditions: '   ' }).map((issue) => issue.key)).toContain(
      CATALOG_ERRORS.blank,
    );
  });

  it('refuses properties it does not know, naming them', () => {
    const [issue] = issuesOf({ ...minimal, levle: 'district' });
    expect(issue).toMatchObject({ key: CATALOG_ERRORS.unknownProperty, params: { keys: 'levle' } });
  });

  it('accepts the national code shape and local codes, and refuses spaces and slashes', () => {
    for (const code of ['1.001193', '2.000527', '1.014955-Xoa', 'SL_001']) {
      expect(parseProcedureRecord({ ...minimal, code }).ok).toBe(true);
    }
    for (const code of ['1 001193', '1/001193', '.001193']) {
      expect(issuesOf({ ...minimal, code }).map((issue) => issue.key)).toContain(CATALOG_ERRORS.codeFormat);
    }
  });

  it('serves components with stable ids and refuses duplicates and unknown cases', () => {
    const component = { name: 'Tờ khai', required: true, originals: 1, copies: 0 };
    const record = ZProcedureRecord.parse({
      ...minimal,
      cases: [{ id: 'c1' }],
      components: [
        { ...component, id: 'g1-1' },
        { ...component, id: 'g1-2', caseId: 'c1' },
      ],
    });
    expect(
      record.components.map(({ id, name, required, originals, copies }) => ({
        id,
        name,
        required,
        originals,
        copies,
      })),
    ).toEqual([
      { id: 'g1-1', name: 'Tờ khai', required: true, originals: 1, copies: 0 },
      { id: 'g1-2', name: 'Tờ khai', required: true, originals: 1, copies: 0 },
    ]);
    const issues = issuesOf({
      ...minimal,
      components: [
        { ...component, id: 'g1-1' },
        { ...component, id: 'g1-1', caseId: 'c9' },
      ],
    });
    expect(issues).toContainEqual(
      expect.objectContaining({ key: CATALOG_ERRORS.duplicateComponentId, path: 'components.1.id' }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ key: CATALOG_ERRORS.unknownCaseId, path: 'components.1.caseId' }),
    );
  });

  it('keeps a catalogue-only record free of documents, fees and time limits', () => {
    const issues = issuesOf({
      ...minimal,
      dataCompleteness: 'catalogue_only',
      channels: [{ kind: 'online', timeLimit: { amount: 3, unit: 'working_days' } }],
    });
    expect(issues.map((issue) => issue.key)).toContain(CATALOG_ERRORS.catalogueOnlyHasDetails);
    expect(
      parseProcedureRecord({ ...minimal, dataCompleteness: 'catalogue_only', channels: [{ kind: 'online' }] })
        .ok,
    ).toBe(true);
  });

  it('refuses an effective period that ends before it starts', () => {
    const issues = issuesOf({ ...minimal, effectiveFrom: '2024-07-01', effectiveTo: '2024-06-30' });
    expect(issues).toContainEqual(
      expect.objectContaining({ key: CATALOG_ERRORS.effectiveRange, path: 'effectiveTo' }),
    );
  });

  it('refuses dates that do not exist', () => {
    expect(issuesOf({ ...minimal, effectiveFrom: '2024-02-30' }).map((issue) => issue.key)).toContain(
      CATALOG_ERRORS.dateFormat,
    );
  });

  it('says every problem with a catalogue key, never with English text', () => {
    const issues = issuesOf({
      code: 7,
      name: '',
      level: 'x',
      onlineLevel: null,
      version: 0,
      channels: [{ kind: 'fax', fees: 'free' }],
      components: [{ id: 'Bad Id', required: 'yes', originals: -1 }],
      source: { kind: 'national_portal', url: 'ftp://x', updatedAt: 'yesterday' },
    });
    expect(issues.length).toBeGreaterThan(8);
    for (const issue of issues) expect(issue.key).toMatch(/^catalog\.errors\./);
  });
});

describe('a catalogue file', () => {
  const file = { format: 'motcua.catalogue', formatVersion: 1, procedures: [minimal] };

  it('accepts a header with fields and agencies', () => {
    const parsed = ZCatalogueFile.parse({
      ...file,
      fields: [{ name: 'Hộ tịch', code: 'G15-TP07' }],
      agencies: [{ name: 'UBND cấp xã', level: 'commune', kind: 'peoples_committee' }],
    });
    expect(parsed.agencies[0]).toEqual({
      name: 'UBND cấp xã',
      nameEn: null,
      level: 'commune',
      kind: 'peoples_committee',
      note: null,
    });
  });

  it('reports a repeated code on the second record', () => {
    const result = ZCatalogueFile.safeParse({ ...file, procedures: [minimal, { ...minimal }] });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(issuesFromZod(result.error.issues)).toContainEqual(
      expect.objectContaining({
        key: CATALOG_ERRORS.duplicateCode,
        path: 'procedures.1.code',
        params: { value: '1.001193' },
      }),
    );
  });

  it('refuses other formats and versions', () => {
    const wrongFormat = ZCatalogueFile.safeParse({ ...file, format: 'other' });
    const wrongVersion = ZCatalogueFile.safeParse({ ...file, formatVersion: 2 });
    expect(wrongFormat.success || issuesFromZod(wrongFormat.error.issues)[0]?.key).toBe(
      CATALOG_ERRORS.fileFormat,
    );
    expect(wrongVersion.success || issuesFromZod(wrongVersion.error.issues)[0]?.key).toBe(
      CATALOG_ERRORS.fileFormatVersion,
    );
  });
});
