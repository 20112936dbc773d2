import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { FixedClock } from '../../../shared/clock.js';
import { createOffice, createUser, TEST_PASSWORD } from '../../seed/factories.js';
import { SmtpMailer } from './mailer.js';
import { checkDeadlines, type Senders, sendPendingNotifications } from './notifications.service.js';
import { LogSmsSender } from './sms.js';
import { type SmtpSink, startSmtpSink } from './smtp-sink.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('due-soon and overdue alerts to officers', () => {
  // Monday 2 March 2026, 09:00 in Vietnam; 3 working days: due Thursday 5 March, 17:30.
  const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));
  const vietnam = (isoLocal: string) => new Date(`${isoLocal}+07:00`);
  let t: TestApp;
  let office: Awaited<ReturnType<typeof createOffice>>;
  let sink: SmtpSink;
  let senders: Senders;
  let code: string;

  const check = async () => {
    const result = await checkDeadlines(t.deps);
    await sendPendingNotifications(t.deps, senders);
    return result;
  };
  const mails = () => sink.messages.filter((m) => m.subject.includes(code));

  beforeAll(async () => {
    t = await buildTestApp({
      clock,
      config: { homeUnitCode: '123', publicUrl: 'https://motcua.example.vn' },
    });
    office = await createOffice(t.deps);
    const db = t.deps.database.db;
    const setUser = (id: number, values: { email: string; locale?: 'vi' | 'en' }) =>
      db.updateTable('users').set(values).where('id', '=', id).execute();
    await setUser(office.staff.specialist.id, { email: 'chuyenvien@example.vn' });
    await setUser(office.staff.head.id, { email: 'truongphong@example.vn', locale: 'en' });
    await setUser(office.staff.counter.id, { email: 'motcua@example.vn' });
    // A second unit head of the department, without an e-mail address: skipped.
    await createUser(db, {
      role: 'unit_head',
      unitId: office.unit.id,
      agencyId: office.department.id,
      email: null,
    });
    sink = await startSmtpSink();
    senders = { mailer: new SmtpMailer(sink.url, t.deps.config.mailFrom), sms: new LogSmsSender(silent) };

    const login = (who: keyof typeof office.staff) => t.login(office.staff[who].username, TEST_PASSWORD);
    const citizen = await login('citizen');
    const boundary = '----motcua-deadline-test';
    const file = await t.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { cookie: citizen, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        PDF,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    const submitted = await t.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { cookie: citizen },
      payload: {
        procedureCode: office.procedure.code,
        applicant: { fullName: 'Nguyễn Văn Dân', idNumber: '014090001234', phone: '0912345678' },
        formData: { requestSummary: 'Đề nghị giải quyết.' },
        documents: [{ componentId: 'g1-1', fileId: file.json().id }],
      },
    });
    code = submitted.json().code;
    let version = 1;
    const act = async (who: keyof typeof office.staff, action: string, extra = {}) => {
      const response = await t.inject({
        method: 'POST',
        url: `/api/v1/applications/${code}/actions`,
        headers: { cookie: await login(who) },
        payload: { action, expectedVersion: version, ...extra },
      });
      expect(response.statusCode, response.body).toBe(200);
      version = response.json().version;
    };
    await act('counter', 'accept');
    await act('counter', 'forward');
    await act('head', 'assign', { assignee: office.staff.specialist.username });
  });
  afterAll(async () => {
    senders.mailer.close();
    await sink.close();
    await t.close();
  });

  it('records an application on time without e-mailing anyone', async () => {
    const result = await check();
    expect(result).toMatchObject({ checked: 1, changed: 1, notifications: [] });
    expect(mails()).toEqual([]);
    expect(await check()).toMatchObject({ checked: 1, changed: 0 });
  });

  it('e-mails the assignee and the unit head once when it turns due soon, each in their language', async () => {
    // Thursday 09:00: 6.5 working hours left, within the default threshold of one working day.
    clock.set(vietnam('2026-03-05T09:00:00'));
    expect((await check()).changed).toBe(1);
    expect(await check()).toMatchObject({ changed: 0, notifications: [] });
    clock.advance(3600_000);
    expect((await check()).changed).toBe(0);
    const sent = mails();
    expect(sent.map((m) => m.to[0]).sort()).toEqual(['chuyenvien@example.vn', 'truongphong@example.vn']);
    const vi = sent.find((m) => m.to[0] === 'chuyenvien@example.vn')!;
    expect(vi.subject).toBe(`[Sắp đến hạn] Hồ sơ ${code}, hạn 05/03/2026 17:30`);
    expect(vi.text).toContain('Kính gửi anh/chị,');
    expect(vi.text).toContain(`https://motcua.example.vn/can-bo/ho-so/${code}`);
    const en = sent.find((m) => m.to[0] === 'truongphong@example.vn')!;
    expect(en.subject).toBe(`[Due soon] Application ${code}, due 05/03/2026 17:30`);
  });

  it('e-mails them once more when it becomes overdue, and not again while it stays overdue', async () => {
    clock.set(vietnam('2026-03-05T17:31:00'));
    expect((await check()).changed).toBe(1);
    clock.set(vietnam('2026-03-09T10:00:00'));
    expect((await check()).changed).toBe(0);
    const overdue = mails().filter((m) => /Quá hạn|Overdue/.test(m.subject));
    expect(overdue.map((m) => m.to[0]).sort()).toEqual(['chuyenvien@example.vn', 'truongphong@example.vn']);
    expect(overdue.find((m) => m.to[0] === 'chuyenvien@example.vn')!.text).toContain(
      'đã quá hạn giải quyết từ 05/03/2026 17:30',
    );
    expect(mails()).toHaveLength(4);
    expect(sink.messages.some((m) => m.to.includes('motcua@example.vn'))).toBe(false);
  });
});

const silent = { info: () => {}, warn: () => {}, error: () => {} };
