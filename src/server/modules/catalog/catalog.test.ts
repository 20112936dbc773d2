import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import type { TProcedureRecordInput } from '../../../shared/catalog/schema.js';
import { ZProcedureRecord } from '../../../shared/catalog/schema.js';
import { createAgency, createUnit, createUser, TEST_PASSWORD } from '../../seed/factories.js';
import { importProcedures } from './catalog.service.js';
import { catalogueToCsv } from './formats/flat.js';
import { readCatalogueFile } from './formats/read.js';

const record = (code: string, overrides: Partial<TProcedureRecordInput> = {}) =>
  ZProcedureRecord.parse({
    code,
    name: 'Thủ tục đăng ký khai sinh',
    field: 'Hộ tịch',
    level: 'commune',
    onlineLevel: 'full',
    agencies: [{ name: 'UBND cấp xã', role: 'implementing' }],
    components: [
      { id: 'g1-1', name: 'Tờ khai đăng ký khai sinh', required: true, originals: 1, copies: 0 },
      { id: 'g1-2', name: 'Giấy chứng sinh', required: true, originals: 1, copies: 0 },
    ],
    channels: [
      {
        kind: 'online',
        timeLimit: { amount: 1, unit: 'working_days' },
        fees: [{ kind: 'charge', amountVnd: 0 }],
      },
      {
        kind: 'direct',
        timeLimit: { amount: 1, unit: 'working_days' },
        fees: [{ kind: 'charge', amountVnd: 8000 }],
      },
    ],
    ...overrides,
  });

describe('the procedure catalogue', () => {
  let t: TestApp;
  const system = { actor: null, requestId: 'test' };
  let admin: { username: string };
  beforeAll(async () => {
    t = await buildTestApp({ config: { homeUnitCode: '123' } });
    const db = t.deps.database.db;
    const home = await createUnit(db, { code: '123', typeCode: 'town', name: 'Thị xã Mộc Châu' });
    const ward = await createUnit(db, {
      code: '03979',
      typeCode: 'ward',
      parentId: home.id,
      name: 'Phường Mộc Sơn',
    });
    await createAgency(db, {
      unitId: ward.id,
      code: 'UBND-03979',
      kind: 'peoples_committee',
      name: 'UBND phường Mộc Sơn',
    });
    await db
      .updateTable('agencies')
      .set({ catalog_name: 'UBND cấp xã' })
      .where('code', '=', 'UBND-03979')
      .execute();
    await createAgency(db, { unitId: home.id, code: 'MC-TP', name: 'Phòng Tư pháp' });
    admin = await createUser(db, { role: 'administrator', unitId: home.id });
    await importProcedures(t.deps, system, {
      records: [
        record('1.001193'),
        record('1.004884', { name: 'Thủ tục đăng ký lại khai sinh' }),
        record('2.000528', {
          name: 'Thủ tục đăng ký khai sinh có yếu tố nước ngoài',
          level: 'district',
          onlineLevel: 'partial',
          agencies: [{ name: 'Phòng Tư pháp', role: 'implementing' }],
        }),
        record('1.000656', { name: 'Thủ tục đăng ký kết hôn', onlineLevel: 'none' }),
      ],
    });
  });
  afterAll(() => t.close());

  it('finds procedures without diacritics: "thu tuc dang ky khai sinh" finds the birth registration first', async () => {
    const response = await t.inject({
      method: 'GET',
      url: '/api/v1/procedures?q=thu%20tuc%20dang%20ky%20khai%20sinh',
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.items[0]).toMatchObject({
      code: '1.001193',
      name: 'Thủ tục đăng ký khai sinh',
      level: 'commune',
      onlineLevel: 'full',
    });
    expect(body.items.map((i: { code: string }) => i.code)).not.toContain('1.000656');
  });

  it('tolerates typos: "dang ki khai sinh" still finds it', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/v1/procedures?q=dang%20ki%20khai%20sinh' });
    expect(response.json().items.map((i: { code: string }) => i.code)).toContain('1.001193');
  });

  it('filters by level, online level, field and agency, and pages with a total', async () => {
    const district = await t.inject({ method: 'GET', url: '/api/v1/procedures?level=district' });
    expect(district.json()).toMatchObject({
      total: 1,
      items: [{ code: '2.000528', level: 'district', onlineLevel: 'partial' }],
    });
    const none = await t.inject({ method: 'GET', url: '/api/v1/procedures?onlineLevel=none' });
    expect(none.json().items.map((i: { code: string }) => i.code)).toEqual(['1.000656']);
    const byAgency = await t.inject({ method: 'GET', url: '/api/v1/procedures?agency=MC-TP' });
    expect(byAgency.json().total).toBe(1);
    const paged = await t.inject({
      method: 'GET',
      url: '/api/v1/procedures?field=H%E1%BB%99%20t%E1%BB%8Bch&pageSize=2&page=2',
    });
    expect(paged.json().total).toBe(4);
    expect(paged.json().items).toHaveLength(2);
  });

  it('serves the whole record, with the components of the default case', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/v1/procedures/1.001193' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.components).toEqual([
      { id: 'g1-1', name: 'Tờ khai đăng ký khai sinh', required: true, originals: 1, copies: 0 },
      { id: 'g1-2', name: 'Giấy chứng sinh', required: true, originals: 1, copies: 0 },
    ]);
    expect(body.handlingAgencies).toEqual([
      { code: 'UBND-03979', name: 'UBND phường Mộc Sơn', role: 'implementing' },
    ]);
    expect(body.record.channels[1].fees[0].amountVnd).toBe(8000);
  });

  it('treats SQL and HTML in searches as plain text, and refuses oversized queries and page sizes', async () => {
    const sqlish = await t.inject({
      method: 'GET',
      url: `/api/v1/procedures?q=${encodeURIComponent("' OR 1=1; -- <script>%_\\")}`,
    });
    expect(sqlish.statusCode).toBe(200);
    expect(sqlish.json().total).toBe(0);
    const long = await t.inject({ method: 'GET', url: `/api/v1/procedures?q=${'a'.repeat(201)}` });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields.q).toBeTruthy();
    const huge = await t.inject({ method: 'GET', url: '/api/v1/procedures?pageSize=1000' });
    expect(huge.statusCode).toBe(400);
    const unknownLevel = await t.inject({ method: 'GET', url: '/api/v1/procedures?level=city' });
    expect(unknownLevel.statusCode).toBe(400);
  });

  it('answers 404 for an unknown code and 400 for a malformed one', async () => {
    expect((await t.inject({ method: 'GET', url: '/api/v1/procedures/9.999999' })).statusCode).toBe(404);
    expect((await t.inject({ method: 'GET', url: '/api/v1/procedures/%3Cscript%3E' })).statusCode).toBe(400);
  });

  it('imports good rows past bad ones, reporting each rejection, and leaves nothing half-written', async () => {
    const simple = ZProcedureRecord.parse({
      code: '9.000001',
      name: 'Thủ tục thử nghiệm một',
      field: 'Hộ tịch',
      level: 'commune',
      onlineLevel: 'full',
    });
    const csv = catalogueToCsv([simple]).replace(/\r?\n$/, '');
    const bad = csv.split(/\r?\n/)[1]!.replace('9.000001', '9.000002').replace(',commune,', ',city,');
    const read = await readCatalogueFile('test.csv', new TextEncoder().encode(`${csv}\r\n${bad}\r\n`));
    expect(read.records.map((r) => r.code)).toEqual(['9.000001']);
    const report = await importProcedures(t.deps, system, { records: read.records, issues: read.issues });
    expect(report.created).toEqual(['9.000001']);
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]!.issues[0]!.key).toBe('catalog.errors.unknownLevel');
    expect((await t.inject({ method: 'GET', url: '/api/v1/procedures/9.000002' })).statusCode).toBe(404);
  });

  it('changes nothing when an export is imported again', async () => {
    const all = await t.deps.database.db.selectFrom('procedures').select('record').execute();
    const csv = catalogueToCsv(all.map((r) => ZProcedureRecord.parse(r.record)));
    const before = await t.deps.database.db.selectFrom('procedure_versions').select('version').execute();
    const read = await readCatalogueFile('export.csv', new TextEncoder().encode(csv));
    const report = await importProcedures(t.deps, system, { records: read.records, issues: read.issues });
    expect(report.created).toEqual([]);
    expect(report.updated).toEqual([]);
    expect(report.unchanged.length).toBe(all.length);
    const after = await t.deps.database.db.selectFrom('procedure_versions').select('version').execute();
    expect(after.length).toBe(before.length);
  });

  it('lets an administrator create, update (with the version seen) and retire a procedure, each audited', async () => {
    const cookie = await t.login(admin.username, TEST_PASSWORD);
    const created = await t.inject({
      method: 'POST',
      url: '/api/v1/procedures',
      headers: { cookie },
      payload: {
        code: 'SL-001',
        name: 'Thủ tục địa phương',
        field: 'Hộ tịch',
        level: 'district',
        onlineLevel: 'none',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().version).toBe(1);
    const stale = await t.inject({
      method: 'PUT',
      url: '/api/v1/procedures/SL-001',
      headers: { cookie },
      payload: {
        expectedVersion: 7,
        record: { name: 'Tên mới', field: 'Hộ tịch', level: 'district', onlineLevel: 'none' },
      },
    });
    expect(stale.statusCode).toBe(409);
    const updated = await t.inject({
      method: 'PUT',
      url: '/api/v1/procedures/SL-001',
      headers: { cookie },
      payload: {
        expectedVersion: 1,
        record: { name: 'Tên mới', field: 'Hộ tịch', level: 'district', onlineLevel: 'none' },
      },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ name: 'Tên mới', version: 2 });
    const retired = await t.inject({
      method: 'POST',
      url: '/api/v1/procedures/SL-001/retire',
      headers: { cookie },
      payload: { expectedVersion: 2 },
    });
    expect(retired.json().status).toBe('retired');
    expect((await t.inject({ method: 'GET', url: '/api/v1/procedures/SL-001' })).statusCode).toBe(404);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', 'SL-001')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['catalog.create', 'catalog.update', 'catalog.update']);
  });

  it('refuses a procedure with a negative fee or an unknown level, field by field, and stores nothing', async () => {
    const cookie = await t.login(admin.username, TEST_PASSWORD);
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/procedures',
      headers: { cookie, 'accept-language': 'en' },
      payload: {
        code: 'SL-002',
        name: 'Phí âm',
        field: 'Hộ tịch',
        level: 'city',
        onlineLevel: 'none',
        channels: [{ kind: 'direct', fees: [{ kind: 'fee', amountVnd: -5 }] }],
      },
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json().error.fields;
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(['level', 'channels.0.fees.0.amountVnd']));
    expect((await t.inject({ method: 'GET', url: '/api/v1/procedures/SL-002' })).statusCode).toBe(404);
  });

  it('lets nobody but administrators write', async () => {
    const officer = await createUser(t.deps.database.db, { role: 'counter_officer' });
    const cookie = await t.login(officer.username, TEST_PASSWORD);
    const forbidden = await t.inject({
      method: 'POST',
      url: '/api/v1/procedures',
      headers: { cookie },
      payload: { code: 'SL-003', name: 'X', field: 'Y', level: 'district', onlineLevel: 'none' },
    });
    expect(forbidden.statusCode).toBe(403);
    const anonymous = await t.inject({
      method: 'POST',
      url: '/api/v1/procedures/1.001193/retire',
      payload: { expectedVersion: 1 },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
