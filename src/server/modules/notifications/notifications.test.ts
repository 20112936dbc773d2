import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { FixedClock } from '../../../shared/clock.js';
import { createOffice, TEST_PASSWORD } from '../../seed/factories.js';
import { LogMailer, maskEmail, SmtpMailer } from './mailer.js';
import { listNotifications } from './notifications.repository.js';
import {
  dispatchNotifications,
  type Senders,
  sendNotification,
  sendPendingNotifications,
  skipPastEvents,
  undispatchedEvents,
} from './notifications.service.js';
import { LogSmsSender, maskPhone } from './sms.js';
import { type SmtpSink, startSmtpSink } from './smtp-sink.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A pino logger whose lines are kept, to read what the log drivers wrote. */
function capturingLogger() {
  const lines: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  return { log, lines };
}

describe('notifications at every status change', () => {
  // Monday 2 March 2026, 09:00 in Vietnam.
  const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));
  let t: TestApp;
  let office: Awaited<ReturnType<typeof createOffice>>;
  let citizen: string;
  let sink: SmtpSink;
  let senders: Senders;
  let logged: ReturnType<typeof capturingLogger>;
  const cookies: Partial<Record<string, string>> = {};

  const submit = async (email: string | null = 'dan@example.vn', phone = '0912 345 678') => {
    const boundary = '----motcua-notifications-test';
    const uploaded = await t.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { cookie: citizen, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="to-khai.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        PDF,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { cookie: citizen },
      payload: {
        procedureCode: office.procedure.code,
        applicant: {
          fullName: 'Nguyễn Văn Dân',
          idNumber: '014090001234',
          phone,
          ...(email ? { email } : {}),
        },
        formData: { requestSummary: 'Đề nghị giải quyết.' },
        documents: [{ componentId: 'g1-1', fileId: uploaded.json().id }],
      },
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { code: string; version: number };
  };

  const act = async (
    who: keyof typeof office.staff,
    application: { code: string; version: number },
    action: string,
    extra: Record<string, unknown> = {},
  ) => {
    cookies[who] ??= await t.login(office.staff[who].username, TEST_PASSWORD);
    const cookie = cookies[who];
    const response = await t.inject({
      method: 'POST',
      url: `/api/v1/applications/${application.code}/actions`,
      headers: { cookie },
      payload: { action, expectedVersion: application.version, ...extra },
    });
    expect(response.statusCode, response.body).toBe(200);
    application.version = response.json().version;
  };

  /** Runs the dispatcher until it has read every committed event (PostgreSQL may hold some back briefly). */
  const dispatchAll = async () => {
    const deadline = Date.now() + 15_000;
    await dispatchNotifications(t.deps);
    while ((await undispatchedEvents(t.deps)) > 0) {
      if (Date.now() > deadline) throw new Error('events stayed undispatched');
      await new Promise((resolve) => setTimeout(resolve, 50));
      await dispatchNotifications(t.deps);
    }
  };

  const deliver = async () => {
    await dispatchAll();
    return sendPendingNotifications(t.deps, senders);
  };

  const mailsAbout = (code: string) => sink.messages.filter((m) => m.subject.includes(code));

  beforeAll(async () => {
    t = await buildTestApp({
      clock,
      config: { homeUnitCode: '123', publicUrl: 'https://motcua.example.vn' },
    });
    office = await createOffice(t.deps);
    citizen = await t.login(office.staff.citizen.username, TEST_PASSWORD);
    sink = await startSmtpSink();
    logged = capturingLogger();
    senders = {
      mailer: new SmtpMailer(sink.url, t.deps.config.mailFrom),
      sms: new LogSmsSender(logged.log),
    };
    // Whatever the factories wrote is not the subject here.
    await skipPastEvents(t.deps);
  });
  afterAll(async () => {
    senders.mailer.close();
    await sink.close();
    await t.close();
  });

  it('e-mails the applicant through SMTP when an application is submitted, in Vietnamese, with its code', async () => {
    const { code } = await submit();
    expect(await deliver()).toEqual({ sent: 2, failed: 0 });
    const [mail, ...others] = mailsAbout(code);
    expect(others).toEqual([]);
    expect(mail!.to).toEqual(['dan@example.vn']);
    expect(mail!.from).toBe('no-reply@motcua.local');
    expect(mail!.subject).toBe(`Đã nhận hồ sơ trực tuyến ${code}`);
    expect(mail!.text).toContain('Kính gửi Quý ông/bà,');
    expect(mail!.text).toContain(`Mã hồ sơ: ${code}`);
    expect(mail!.text).toContain(`Thủ tục: Thủ tục thử ${office.procedure.code}`);
    expect(mail!.text).toContain('Bộ phận Một cửa kiểm tra và tiếp nhận');
    expect(mail!.text).toContain(`https://motcua.example.vn/tra-cuu?code=${code}`);
    expect(mail!.text).toContain('Ủy ban nhân dân thị xã Mộc Châu');
    expect(mail!.html).toContain(`<a href="https://motcua.example.vn/tra-cuu?code=${code}">`);
    expect(mail!.html).toContain('Kính gửi Quý ông/bà,');
  });

  it('sends exactly one e-mail for a status change, even when the dispatcher and the sender run twice', async () => {
    const application = await submit();
    await deliver();
    await act('counter', application, 'accept');
    await deliver();
    await deliver();
    await dispatchNotifications(t.deps);
    await sendPendingNotifications(t.deps, senders);
    const accepted = mailsAbout(application.code).filter((m) => m.subject.includes('đã được tiếp nhận'));
    expect(accepted).toHaveLength(1);
    // Received Monday 09:00 with 3 working days: due Thursday 5 March at the close of office hours.
    expect(accepted[0]!.text).toContain('Ngày hẹn trả kết quả: 05/03/2026 17:30 (giờ Việt Nam).');
    const appId = (
      await t.deps.database.db
        .selectFrom('applications')
        .select('id')
        .where('code', '=', application.code)
        .executeTakeFirstOrThrow()
    ).id;
    const rows = await listNotifications(t.deps.database.db, appId);
    expect(rows.map((r) => `${r.kind}/${r.channel}/${r.status}`)).toEqual([
      'submitted/email/sent',
      'submitted/sms/sent',
      'accepted/email/sent',
      'accepted/sms/sent',
    ]);
    // Sending an already sent notification again does nothing.
    expect(await sendNotification(t.deps, senders, rows[2]!.id)).toBe('skipped');
    expect(mailsAbout(application.code)).toHaveLength(2);
  });

  it('gives the reasons of a refusal, what to supplement and the fee, and stays silent when the status does not change', async () => {
    const refusedOne = await submit();
    await act('counter', refusedOne, 'refuse', { note: 'Tờ khai chưa có chữ ký của người yêu cầu' });
    const other = await submit();
    await act('counter', other, 'accept');
    await act('counter', other, 'forward');
    await act('head', other, 'assign', { assignee: office.staff.specialist.username });
    await act('specialist', other, 'request_supplement', { note: 'Bản sao giấy khai sinh có chứng thực' });
    await deliver();

    const refusal = mailsAbout(refusedOne.code).find((m) => m.subject.includes('không được tiếp nhận'));
    expect(refusal!.text).toContain('Lý do: Tờ khai chưa có chữ ký của người yêu cầu');
    const subjects = mailsAbout(other.code).map((m) => m.subject);
    expect(subjects).toEqual([
      `Đã nhận hồ sơ trực tuyến ${other.code}`,
      `Hồ sơ ${other.code} đã được tiếp nhận`,
      `Hồ sơ ${other.code} đang được giải quyết`,
      // 'assign' kept the status (4): no message.
      `Hồ sơ ${other.code} cần bổ sung`,
    ]);
    expect(mailsAbout(other.code).at(-1)!.text).toContain('Bản sao giấy khai sinh có chứng thực');

    const paying = await submit();
    await act('counter', paying, 'accept');
    await act('counter', paying, 'forward');
    await act('head', paying, 'assign', { assignee: office.staff.specialist.username });
    await act('specialist', paying, 'request_fee', { amountVnd: 1_500_000 });
    await deliver();
    const fee = mailsAbout(paying.code).at(-1)!;
    expect(fee.subject).toBe(`Hồ sơ ${paying.code}: đề nghị nộp phí, lệ phí`);
    expect(fee.text).toContain('1.500.000 đồng');
  });

  it('writes in English to an applicant whose account is in English', async () => {
    await t.deps.database.db
      .updateTable('users')
      .set({ locale: 'en' })
      .where('id', '=', office.staff.citizen.id)
      .execute();
    try {
      const { code } = await submit('dan.en@example.vn');
      await deliver();
      const [mail] = mailsAbout(code);
      expect(mail!.to).toEqual(['dan.en@example.vn']);
      expect(mail!.subject).toBe(`Online application ${code} received`);
      expect(mail!.text).toContain('Dear applicant,');
      expect(mail!.text).toContain("Moc Chau Town People's Committee");
      expect(mail!.text).not.toContain('Kính gửi');
    } finally {
      await t.deps.database.db
        .updateTable('users')
        .set({ locale: 'vi' })
        .where('id', '=', office.staff.citizen.id)
        .execute();
    }
  });

  it('texts the applicant through the log driver, showing only the last three digits of the number', async () => {
    const { code } = await submit(null, '0987 654 321');
    const before = logged.lines.length;
    await deliver();
    expect(mailsAbout(code)).toEqual([]);
    const lines = logged.lines.slice(before).filter((l) => l.includes(code));
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as { sms: { to: string; text: string } };
    expect(entry.sms.to).toBe('*******321');
    expect(entry.sms.text).toContain(`Đã nhận hồ sơ ${code}`);
    expect(lines[0]).not.toMatch(/0987\s?654/);
    expect(maskPhone('+84 912 345 678')).toBe('********678');
  });

  it('writes e-mails to the log with the address masked when no SMTP server is configured', async () => {
    const { log, lines } = capturingLogger();
    await new LogMailer(log, 'MotCua <no-reply@motcua.local>').send({
      to: 'nguyen.van.dan@example.vn',
      subject: 'Hồ sơ X đã được tiếp nhận',
      text: 'Nội dung',
    });
    expect(lines.join('')).not.toContain('nguyen.van.dan');
    expect(JSON.parse(lines[0]!).mail).toMatchObject({
      to: 'n***@example.vn',
      subject: 'Hồ sơ X đã được tiếp nhận',
    });
    expect(maskEmail('not-an-address')).toBe('***');
  });

  it('keeps a refused delivery pending with its error, delivers it on the next try, and gives up on the last', async () => {
    const { code } = await submit();
    await dispatchAll();
    const appId = (
      await t.deps.database.db
        .selectFrom('applications')
        .select('id')
        .where('code', '=', code)
        .executeTakeFirstOrThrow()
    ).id;
    const [email] = await listNotifications(t.deps.database.db, appId);
    sink.failNext(1);
    await expect(sendNotification(t.deps, senders, email!.id)).rejects.toThrow(/451/);
    let [row] = await listNotifications(t.deps.database.db, appId);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.last_error).toMatch(/451/);
    expect(await sendNotification(t.deps, senders, email!.id)).toBe('sent');
    [row] = await listNotifications(t.deps.database.db, appId);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(mailsAbout(code)).toHaveLength(1);

    const second = await submit();
    await dispatchAll();
    const secondId = (
      await t.deps.database.db
        .selectFrom('applications')
        .select('id')
        .where('code', '=', second.code)
        .executeTakeFirstOrThrow()
    ).id;
    const [doomed] = await listNotifications(t.deps.database.db, secondId);
    sink.failNext(1);
    await expect(sendNotification(t.deps, senders, doomed!.id, { last: true })).rejects.toThrow();
    [row] = await listNotifications(t.deps.database.db, secondId);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await sendNotification(t.deps, senders, doomed!.id)).toBe('skipped');
  });

  it.runIf(process.env.DATABASE_URL)(
    'never steps over an event whose transaction commits after a later one (PostgreSQL)',
    async () => {
      const early = await submit(null);
      const late = await submit(null);
      await deliver();
      const db = t.deps.database.db;
      const idOf = async (code: string) =>
        (await db.selectFrom('applications').select('id').where('code', '=', code).executeTakeFirstOrThrow())
          .id;
      const event = (applicationId: number) => ({
        application_id: applicationId,
        at: clock.now(),
        action: 'request_withdrawal',
        from_status: 1,
        to_status: 7,
        details: '{}',
      });
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let written!: () => void;
      const insertedEarly = new Promise<void>((resolve) => {
        written = resolve;
      });
      // The early event gets the smaller id but its transaction commits last.
      const slow = db.transaction().execute(async (tx) => {
        await tx
          .insertInto('application_events')
          .values(event(await idOf(early.code)))
          .execute();
        written();
        await gate;
      });
      await insertedEarly;
      await db
        .insertInto('application_events')
        .values(event(await idOf(late.code)))
        .execute();
      const meanwhile = await dispatchNotifications(t.deps);
      expect(meanwhile.events).toBe(0);
      release();
      await slow;
      await dispatchAll();
      await sendPendingNotifications(t.deps, senders);
      const withdrawals = logged.lines.filter((l) => l.includes('rút hồ sơ'));
      expect(withdrawals.filter((l) => l.includes(early.code))).toHaveLength(1);
      expect(withdrawals.filter((l) => l.includes(late.code))).toHaveLength(1);
    },
  );
});
