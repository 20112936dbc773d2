import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { FixedClock } from '../../../shared/clock.js';
import { createOffice, TEST_PASSWORD } from '../../seed/factories.js';

const PDFTOTEXT = '/usr/bin/pdftotext';

/** The text of a PDF as a reader would copy it, when poppler is installed. */
function pdfText(bytes: Buffer): string | null {
  if (!existsSync(PDFTOTEXT)) return null;
  const file = join(mkdtempSync(join(tmpdir(), 'slip-')), 'slip.pdf');
  writeFileSync(file, bytes);
  return execFileSync(PDFTOTEXT, ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('official slips and the tracking register', () => {
  const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));
  let t: TestApp;
  let office: Awaited<ReturnType<typeof createOffice>>;
  let counter: string;
  const applicant = { fullName: 'Quàng Thị Hiền', idNumber: '014190005555', phone: '0913555666' };

  const intake = (decision: 'accept' | 'refuse', note?: string) =>
    t.inject({
      method: 'POST',
      url: '/api/v1/applications/intake',
      headers: { cookie: counter },
      payload: {
        procedureCode: office.procedure.code,
        applicant,
        checkedComponents: ['g1-1'],
        decision,
        ...(note ? { note } : {}),
      },
    });

  beforeAll(async () => {
    t = await buildTestApp({ clock, config: { homeUnitCode: '123' } });
    office = await createOffice(t.deps);
    counter = await t.login(office.staff.counter.username, TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('prints the processing control slip from the event log, in Vietnamese, with a QR code', async () => {
    const code = (await intake('accept')).json().code;
    await t.inject({
      method: 'POST',
      url: `/api/v1/applications/${code}/actions`,
      headers: { cookie: counter },
      payload: { action: 'forward', expectedVersion: 1 },
    });
    const response = await t.inject({
      method: 'GET',
      url: `/api/v1/applications/${code}/slips/control`,
      headers: { cookie: counter },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(response.rawPayload);
    if (text !== null) {
      expect(text).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
      expect(text).toContain('Quàng Thị Hiền');
      expect(text).toContain('Tiếp nhận hồ sơ');
      // Each hand-over against its step's deadline, and the deadline of the next step.
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain(
        'Tiếp nhận hồ sơ (Được tiếp nhận) – Cán bộ một cửa – hạn bước tiếp theo: 02/03/2026',
      );
      expect(flat).toContain(
        'Chuyển xử lý (Đang xử lý) – Cán bộ một cửa – đúng hạn bước – hạn bước tiếp theo',
      );
    }
  });

  it('prints the refusal slip with its reasons, and refuses slips that do not exist yet', async () => {
    const refused = (await intake('refuse', 'Hồ sơ thuộc thẩm quyền cấp tỉnh')).json().code;
    const slip = await t.inject({
      method: 'GET',
      url: `/api/v1/applications/${refused}/slips/refusal`,
      headers: { cookie: counter },
    });
    expect(slip.statusCode).toBe(200);
    const text = pdfText(slip.rawPayload);
    if (text !== null) expect(text).toContain('Hồ sơ thuộc thẩm quyền cấp tỉnh');
    const none = await t.inject({
      method: 'GET',
      url: `/api/v1/applications/${refused}/slips/supplement`,
      headers: { cookie: counter },
    });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('SLIP_NOT_AVAILABLE');
    const bad = await t.inject({
      method: 'GET',
      url: `/api/v1/applications/${refused}/slips/anything`,
      headers: { cookie: counter },
    });
    expect(bad.statusCode).toBe(400);
    const anonymous = await t.inject({ method: 'GET', url: `/api/v1/applications/${refused}/slips/refusal` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('prints the guidance slip for an incomplete file, for counter officers only', async () => {
    const slip = await t.inject({
      method: 'GET',
      url: `/api/v1/slips/guidance?procedure=${office.procedure.code}&missing=g1-1`,
      headers: { cookie: counter },
    });
    expect(slip.statusCode).toBe(200);
    const text = pdfText(slip.rawPayload);
    if (text !== null) expect(text).toContain('Tờ khai');
    const specialist = await t.login(office.staff.specialist.username, TEST_PASSWORD);
    const refused = await t.inject({
      method: 'GET',
      url: `/api/v1/slips/guidance?procedure=${office.procedure.code}&missing=g1-1`,
      headers: { cookie: specialist },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('exports the tracking register of a period as XLSX, and refuses reversed or overlong periods', async () => {
    const response = await t.inject({
      method: 'GET',
      url: '/api/v1/registers/tracking?from=2026-03-01&to=2026-03-02',
      headers: { cookie: counter },
    });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(2).value).toBe('Mã hồ sơ');
    expect(sheet.rowCount).toBeGreaterThanOrEqual(3);
    expect(String(sheet.getRow(2).getCell(4).value)).toBe('Quàng Thị Hiền');
    const reversed = await t.inject({
      method: 'GET',
      url: '/api/v1/registers/tracking?from=2026-03-05&to=2026-03-01',
      headers: { cookie: counter },
    });
    expect(reversed.statusCode).toBe(400);
    const long = await t.inject({
      method: 'GET',
      url: '/api/v1/registers/tracking?from=2020-01-01&to=2026-03-01',
      headers: { cookie: counter },
    });
    expect(long.statusCode).toBe(400);
    const citizen = await t.login(office.staff.citizen.username, TEST_PASSWORD);
    const forbidden = await t.inject({
      method: 'GET',
      url: '/api/v1/registers/tracking?from=2026-03-01&to=2026-03-02',
      headers: { cookie: citizen },
    });
    expect(forbidden.statusCode).toBe(403);
  });
});
