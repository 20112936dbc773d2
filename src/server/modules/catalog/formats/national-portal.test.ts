import { describe, expect, it } from 'vitest';
import { CATALOG_ERRORS } from '../../../../shared/catalog/schema.js';
import {
  fromNationalPortal,
  isComponentRequired,
  looksLikePortalRecord,
  PORTAL_ERRORS,
  PORTAL_WARNINGS,
  type PortalAssignment,
  parseWordedTimeLimit,
} from './national-portal.js';

// A small record in the shape the portal's crawlers publish (procedures-dvc/procedures/*.json).
function portalRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: '1.001193',
    source_id: '019d2bfd-0000-7000-8000-000000000001',
    name: 'Thủ tục đăng ký khai sinh',
    category: { code: 'G15-TP07', name: 'Hộ tịch' },
    promulgating_agency: 'Bộ Tư pháp',
    executing_agency: 'Ủy ban nhân dân cấp xã; Công an cấp Xã',
    subject_types: ['Công dân Việt Nam', 'Công dân Việt Nam', ''],
    results: ['Giấy khai sinh'],
    requirements: '',
    channels: [
      {
        method: 'DIRECT',
        fees: [{ type: 'SERVICE_FEE', value_vnd: 8000, text: 'Lệ phí đăng ký khai sinh' }],
        processing: { qty: 1, unit: 'WORKING_DAY' },
        note: 'Nộp tại Bộ phận Một cửa',
      },
      {
        method: 'ONLINE',
        fees: [{ type: 'FEE', value_vnd: 0, text: '' }],
        processing: { qty: 7.5, unit: 'WORKING_DAY' },
        note: '',
      },
    ],
    processing_cases: [
      { case_code: '1.001193.02', qty: 3, unit: 'DAY' },
      { case_code: '1.001193.01', qty: 1, unit: 'WORKING_DAY' },
    ],
    legal_basis: [
      { code: '60/2014/QH13', name: 'Luật Hộ tịch' },
      { code: '60/2014/QH13', name: 'Luật Hộ tịch' },
    ],
    steps_raw: [
      { name: 'Mặc định', text: 'Bước 1: nộp hồ sơ.\nBước 2: nhận kết quả.' },
      { name: '', text: '' },
    ],
    checklist_raw: [
      {
        group: '* Giấy tờ phải nộp:',
        items: [
          {
            name: 'Tờ khai đăng ký khai sinh',
            original_qty: 1,
            copy_qty: 0,
            code: 'KQ1',
            has_electronic_form: true,
            is_processing_result: false,
            attachments: [
              {
                id: 'a1',
                fileName: 'To khai.docx',
                bucketName: 'dvc',
                filePath: 'configuring/a1/To khai.docx',
              },
            ],
          },
          {
            name: '- Trường hợp trẻ em bị bỏ rơi thì phải có biên bản',
            original_qty: 1,
            copy_qty: 0,
            code: 'KQ2',
            has_electronic_form: false,
            attachments: [],
          },
          {
            name: '',
            original_qty: 1,
            copy_qty: 0,
            code: 'KQ3',
            has_electronic_form: false,
            attachments: [],
          },
        ],
      },
    ],
    state: 'UPDATED',
    source: {
      url: 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-0000-7000-8000-000000000001',
      updated_at: '2026-04-16T03:27:23.145Z',
      created_at: '2026-04-08T14:52:58.803Z',
      crawled_at: '2026-07-18T09:13:46.134Z',
    },
    ...overrides,
  };
}

const assign: PortalAssignment = { level: 'commune', onlineLevel: 'full' };

function convert(overrides: Record<string, unknown> = {}, assignment: PortalAssignment = assign) {
  const result = fromNationalPortal(portalRecord(overrides), assignment);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.reasons)}`);
  return result;
}

describe('converting a national-portal record', () => {
  it('carries over the identity, field, subjects, results and provenance', () => {
    const { record } = convert();
    expect(record).toMatchObject({
      code: '1.001193',
      name: 'Thủ tục đăng ký khai sinh',
      field: 'Hộ tịch',
      fieldCode: 'G15-TP07',
      level: 'commune',
      onlineLevel: 'full',
      status: 'active',
      dataCompleteness: 'full',
      promulgatingAgency: 'Bộ Tư pháp',
      targetSubjects: ['Công dân Việt Nam'],
      results: ['Giấy khai sinh'],
      conditions: null,
      source: {
        kind: 'national_portal',
        id: '019d2bfd-0000-7000-8000-000000000001',
        updatedAt: '2026-04-16T03:27:23.145Z',
        publishedAgency: 'Ủy ban nhân dân cấp xã; Công an cấp Xã',
      },
    });
  });

  it('lists the published implementing agencies unless the importer assigns local ones', () => {
    expect(convert().record.agencies).toEqual([
      { name: 'Ủy ban nhân dân cấp xã', role: 'implementing' },
      { name: 'Công an cấp Xã', role: 'implementing' },
    ]);
    const assigned = convert({}, { ...assign, agencies: [{ name: 'UBND cấp xã', role: 'implementing' }] });
    expect(assigned.record.agencies).toEqual([{ name: 'UBND cấp xã', role: 'implementing' }]);
  });

  it('orders channels online, postal, direct and maps fee kinds and time-limit units', () => {
    const { record } = convert();
    expect(record.channels).toEqual([
      {
        kind: 'online',
        timeLimit: { amount: 7.5, unit: 'working_days' },
        timeLimitNote: null,
        fees: [{ kind: 'fee', amountVnd: 0, description: null }],
        note: null,
      },
      {
        kind: 'direct',
        timeLimit: { amount: 1, unit: 'working_days' },
        timeLimitNote: null,
        fees: [{ kind: 'charge', amountVnd: 8000, description: 'Lệ phí đăng ký khai sinh' }],
        note: 'Nộp tại Bộ phận Một cửa',
      },
    ]);
  });

  it('keeps two entries of one channel kind, in their published order', () => {
    const { record } = convert({
      channels: [
        { method: 'DIRECT', fees: [], processing: { qty: 15, unit: 'DAY' }, note: 'Đối với công trình' },
        { method: 'DIRECT', fees: [], processing: { qty: 10, unit: 'DAY' }, note: 'Đối với nhà ở riêng lẻ' },
      ],
    });
    expect(record.channels.map((channel) => [channel.kind, channel.timeLimit?.amount, channel.note])).toEqual(
      [
        ['direct', 15, 'Đối với công trình'],
        ['direct', 10, 'Đối với nhà ở riêng lẻ'],
      ],
    );
  });

  it('sorts processing cases by their code and gives them ids', () => {
    expect(convert().record.cases).toEqual([
      { id: 'c1', code: '1.001193.01', name: null, timeLimit: { amount: 1, unit: 'working_days' } },
      { id: 'c2', code: '1.001193.02', name: null, timeLimit: { amount: 3, unit: 'calendar_days' } },
    ]);
  });

  it('maps hours to working hours', () => {
    const { record } = convert({
      channels: [{ method: 'DIRECT', fees: [], processing: { qty: 15, unit: 'HOUR' } }],
    });
    expect(record.channels[0]?.timeLimit).toEqual({ amount: 15, unit: 'working_hours' });
  });

  it('never invents a time limit from a number without a unit', () => {
    const { record, warnings } = convert({
      channels: [{ method: 'ONLINE', fees: [], processing: { qty: 7, unit: 'OTHER' }, note: '' }],
      processing_cases: [{ case_code: '1.001193.01', qty: 0, unit: 'WORKING_DAY' }],
    });
    expect(record.channels[0]).toMatchObject({ timeLimit: null, timeLimitNote: null });
    expect(record.cases[0]?.timeLimit).toBeNull();
    expect(warnings.map((warning) => warning.key)).toEqual(
      expect.arrayContaining([PORTAL_WARNINGS.timeLimitUnitUnknown, PORTAL_WARNINGS.timeLimitNotPositive]),
    );
  });

  it('keeps a limit in months in words, since days cannot count it', () => {
    const { record } = convert({
      channels: [{ method: 'DIRECT', fees: [], processing: { qty: 2, unit: 'MONTH' } }],
    });
    expect(record.channels[0]).toMatchObject({ timeLimit: null, timeLimitNote: '2 tháng' });
  });

  it('reads a time limit in words only when the words say nothing more', () => {
    const { record, warnings } = convert({
      channels: [
        { method: 'ONLINE', fees: [], processing: { qty: 'Không quá 10 ngày làm việc.', unit: 'OTHER' } },
        {
          method: 'DIRECT',
          fees: [],
          processing: {
            qty: 'Không quá 10 ngày làm việc. Đối với các xã miền núi thì thời gian được tăng thêm 10 ngày',
            unit: 'OTHER',
          },
        },
      ],
    });
    expect(record.channels[0]).toMatchObject({
      timeLimit: { amount: 10, unit: 'working_days' },
      timeLimitNote: 'Không quá 10 ngày làm việc.',
    });
    expect(record.channels[1]?.timeLimit).toBeNull();
    expect(record.channels[1]?.timeLimitNote).toMatch(/^Không quá 10 ngày làm việc\. Đối với/);
    expect(warnings.map((warning) => warning.key)).toContain(PORTAL_WARNINGS.timeLimitInWords);
  });

  it('keeps a fee stated in words without an amount, and drops a fee that states nothing', () => {
    const { record } = convert({
      channels: [
        {
          method: 'DIRECT',
          fees: [
            { type: 'PRICE_LEVEL', value_vnd: null, text: 'Hội đồng nhân dân cấp tỉnh quy định.' },
            { type: 'FEE', value_vnd: null, text: '' },
          ],
          processing: null,
        },
      ],
    });
    expect(record.channels[0]?.fees).toEqual([
      { kind: 'price', amountVnd: null, description: 'Hội đồng nhân dân cấp tỉnh quy định.' },
    ]);
  });

  it('refuses a record with a negative fee', () => {
    const result = fromNationalPortal(
      portalRecord({ channels: [{ method: 'DIRECT', fees: [{ type: 'FEE', value_vnd: -1, text: '' }] }] }),
      assign,
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.reasons).toContainEqual(expect.objectContaining({ key: CATALOG_ERRORS.negativeFee }));
  });

  it('turns the checklist into components with stable ids, skipping nameless items', () => {
    const { record, warnings } = convert();
    expect(record.components).toEqual([
      {
        id: 'g1-1',
        caseId: null,
        group: '* Giấy tờ phải nộp:',
        name: 'Tờ khai đăng ký khai sinh',
        required: true,
        originals: 1,
        copies: 0,
        electronicForm: true,
        code: 'KQ1',
        templates: [{ fileName: 'To khai.docx', url: null }],
      },
      expect.objectContaining({ id: 'g1-2', required: false }),
    ]);
    expect(warnings).toContainEqual(
      expect.objectContaining({ key: PORTAL_WARNINGS.componentSkipped, path: 'checklist_raw.0.items.2' }),
    );
  });

  it('reads checklists published as HTML', () => {
    const { record } = convert({
      checklist_raw: [
        {
          group: '<b>Giấy tờ phải nộp</b>',
          items: [
            {
              name: '<p>Đơn đề nghị&nbsp;(theo mẫu)</p>',
              original_qty: '1',
              copy_qty: null,
              attachments: [],
            },
          ],
        },
      ],
    });
    expect(record.components[0]).toMatchObject({
      group: 'Giấy tờ phải nộp',
      name: 'Đơn đề nghị (theo mẫu)',
      originals: 1,
      copies: 0,
    });
  });

  it('drops the placeholder step title and empty steps, and repeated legal bases', () => {
    const { record } = convert();
    expect(record.steps).toEqual([{ title: null, description: 'Bước 1: nộp hồ sơ.\nBước 2: nhận kết quả.' }]);
    expect(record.legalBasis).toEqual([{ code: '60/2014/QH13', title: 'Luật Hộ tịch' }]);
  });

  it('never invents a legal basis: none published, none recorded, with a warning', () => {
    const { record, warnings } = convert({ legal_basis: [] });
    expect(record.legalBasis).toEqual([]);
    expect(warnings.map((warning) => warning.key)).toContain(PORTAL_WARNINGS.noLegalBasis);
  });

  it('uses the fallback field when the record has none, and refuses it when there is no fallback', () => {
    expect(
      convert({ category: null }, { ...assign, fallbackField: { name: 'Hộ tịch', code: null } }).record.field,
    ).toBe('Hộ tịch');
    const refused = fromNationalPortal(portalRecord({ category: null }), assign);
    expect(refused.ok || refused.reasons.map((reason) => reason.key)).toEqual([PORTAL_ERRORS.missingField]);
  });

  it('refuses what is not a record, or has no code or name', () => {
    expect(fromNationalPortal('text', assign)).toEqual({
      ok: false,
      reasons: [{ key: PORTAL_ERRORS.notAnObject }],
    });
    const refused = fromNationalPortal(portalRecord({ code: ' ', name: null }), assign);
    expect(refused.ok || refused.reasons.map((reason) => reason.key)).toEqual([
      PORTAL_ERRORS.missingCode,
      PORTAL_ERRORS.missingName,
    ]);
  });

  it('marks a record the portal no longer lists as active as retired', () => {
    const { record, warnings } = convert({ state: 'ABOLISHED' });
    expect(record.status).toBe('retired');
    expect(warnings.map((warning) => warning.key)).toContain(PORTAL_WARNINGS.unknownState);
  });

  it('trims a code the portal published with a leading space', () => {
    expect(convert({ code: ' 1.014325' }).record.code).toBe('1.014325');
  });

  it('drops an unusable source address with a warning instead of refusing the record', () => {
    const { record, warnings } = convert({ source: { url: 'not a url', updated_at: 'yesterday' } });
    expect(record.source).toMatchObject({ url: null, updatedAt: null });
    expect(warnings.filter((warning) => warning.key === PORTAL_WARNINGS.sourceDetailDropped)).toHaveLength(2);
  });

  it('records the demo assignment when asked to', () => {
    const demoAssigned = { level: true, onlineLevel: true, agencies: false, note: null };
    expect(convert({}, { ...assign, demoAssigned }).record.demoAssigned).toEqual(demoAssigned);
  });
});

describe('reading a time limit written in words', () => {
  it.each([
    ['Không quá 03 ngày làm việc', { amount: 3, unit: 'working_days' }],
    ['Không quá 15 ngày.', { amount: 15, unit: 'calendar_days' }],
    ['Không quá 35 ngày kể từ ngày nhận đủ hồ sơ hợp lệ', { amount: 35, unit: 'calendar_days' }],
    ['7,5 ngày làm việc', { amount: 7.5, unit: 'working_days' }],
    ['Thực hiện trong ngày làm việc nhận được hồ sơ đầy đủ, chính xác', { amount: null, unit: 'same_day' }],
  ])('reads "%s"', (words, expected) => {
    expect(parseWordedTimeLimit(words)).toEqual(expected);
  });

  it.each([
    'Theo mô tả',
    'Không quá 10 ngày làm việc. Đối với các xã miền núi thì được tăng thêm 10 ngày',
    '12.5 ngày làm việc + thời gian thực hiện cấp lại Giấy chứng nhận',
    'Không quá 7,5 ngày',
  ])('leaves "%s" to a person', (words) => {
    expect(parseWordedTimeLimit(words)).toBeNull();
  });
});

describe('deciding whether a portal document is required', () => {
  it('requires plain documents and not conditional ones, notes or items with no copies', () => {
    expect(isComponentRequired('Tờ khai đăng ký khai sinh', null, 1, 0)).toBe(true);
    expect(isComponentRequired('- Trường hợp ủy quyền thì có văn bản ủy quyền', null, 1, 0)).toBe(false);
    expect(isComponentRequired('a) Nếu có thay đổi thì nộp bản sao', null, 0, 1)).toBe(false);
    expect(isComponentRequired('Giấy tờ chứng minh nơi cư trú (nếu có)', null, 1, 0)).toBe(false);
    expect(isComponentRequired('Bản chính giấy tờ', '* Lưu ý:', 1, 0)).toBe(false);
    expect(isComponentRequired('Chứng cứ chứng minh quan hệ cha, con gồm:', null, 0, 0)).toBe(false);
  });
});

describe('recognising a portal record', () => {
  it('tells portal records from other objects', () => {
    expect(looksLikePortalRecord(portalRecord())).toBe(true);
    expect(looksLikePortalRecord({ code: '1', channels: [{ method: 'ONLINE' }] })).toBe(true);
    expect(looksLikePortalRecord({ code: '1', channels: [{ kind: 'online' }] })).toBe(false);
    expect(looksLikePortalRecord([])).toBe(false);
  });
});
