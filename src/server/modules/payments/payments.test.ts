import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { FixedClock } from '../../../shared/clock.js';
import { SmtpMailer } from '../notifications/mailer.js';
import {
  dispatchNotifications,
  sendPendingNotifications,
  skipPastEvents,
  undispatchedEvents,
} from '../notifications/notifications.service.js';
import { LogSmsSender } from '../notifications/sms.js';
import { parseMessage, type SmtpSink, startSmtpSink } from '../notifications/smtp-sink.js';
import {
  act,
  applicationRow,
  eventsOf,
  feeDue,
  type PaymentOffice,
  payAtSimulator,
  paymentOffice,
  sendIpn,
  signedResult,
  startAsCitizen,
  submit,
  uploadPdf,
} from './payments.test-support.js';
import { toQuery } from './vnpay.js';

/** The text part of an e-mail with attachments (multipart/mixed around multipart/alternative). */
function textOf(raw: string): string {
  const inner = /multipart\/alternative;\s*boundary="?([^";\r\n]+)"?/.exec(raw)?.[1];
  if (!inner) return parseMessage(raw).text;
  const start = raw.indexOf(`--${inner}`, raw.indexOf(inner) + inner.length);
  return parseMessage(`Content-Type: multipart/alternative; boundary="${inner}"\r\n\r\n${raw.slice(start)}`)
    .text;
}

describe('online fee payment through the local gateway simulator', () => {
  // Monday 2 March 2026, 09:00 in Vietnam.
  const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));
  let t: TestApp;
  let office: PaymentOffice;
  let sink: SmtpSink;
  let secret: string;

  const payment = (txnRef: string) =>
    t.deps.database.db
      .selectFrom('payments')
      .selectAll()
      .where('txn_ref', '=', txnRef)
      .executeTakeFirstOrThrow();
  const callbacks = (txnRef: string) =>
    t.deps.database.db
      .selectFrom('payment_callbacks')
      .selectAll()
      .where('txn_ref', '=', txnRef)
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    t = await buildTestApp({
      clock,
      config: { homeUnitCode: '123', publicUrl: 'https://motcua.example.vn' },
    });
    office = await paymentOffice(t);
    secret = t.deps.config.vnpay.hashSecret;
    sink = await startSmtpSink();
    await skipPastEvents(t.deps);
  });
  afterAll(async () => {
    await sink?.close();
    await t?.close();
  });

  it('takes a fee-due application from the pay button through the simulator and its IPN back to processing, with a receipt and an e-mail', async () => {
    const application = await feeDue(t, office, 50_000);
    const started = await startAsCitizen(t, office, application.code);
    expect(started.amountVnd).toBe(50_000);
    const url = new URL(started.payUrl);
    expect(`${url.origin}${url.pathname}`).toBe(
      'https://motcua.example.vn/gateway-sim/paymentv2/vpcpay.html',
    );
    expect(url.searchParams.get('vnp_Amount')).toBe('5000000');
    expect(url.searchParams.get('vnp_TxnRef')).toBe(started.txnRef);
    expect(url.searchParams.get('vnp_ReturnUrl')).toBe('https://motcua.example.vn/thanh-toan/ket-qua');

    const back = await payAtSimulator(t, started.payUrl, 'success');
    expect(back.startsWith('/thanh-toan/ket-qua?')).toBe(true);
    // The IPN came first (server to server), and credited the application through the workflow.
    const row = await applicationRow(t, application.code);
    expect(row.status).toBe(4);
    const credited = (await eventsOf(t, application.code)).filter((e) => e.action === 'record_fee_paid');
    expect(credited).toHaveLength(1);
    expect(credited[0]!.actor_role).toBe('system');
    expect(credited[0]!.details).toMatchObject({
      paymentMethod: 'online',
      txnRef: started.txnRef,
      amountVnd: 50_000,
      receiptNumber: `DT-${started.txnRef}`,
    });
    const paid = await payment(started.txnRef);
    expect(paid).toMatchObject({ status: 'succeeded', response_code: '00', bank_code: 'NCB' });
    expect(paid.applied_event_id).toBe(credited[0]!.id);
    expect((await callbacks(started.txnRef)).map((c) => `${c.kind}:${c.outcome}`)).toEqual(['ipn:00']);

    const result = await t.inject({ method: 'GET', url: back, headers: { cookie: office.cookies.citizen! } });
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('Thanh toán thành công');
    expect(result.body).toContain(`DT-${started.txnRef}`);
    expect((await callbacks(started.txnRef)).map((c) => `${c.kind}:${c.outcome}`)).toEqual([
      'ipn:00',
      'return:succeeded:succeeded',
    ]);

    const pdf = await t.inject({
      method: 'GET',
      url: `/thanh-toan/${started.txnRef}/bien-lai.pdf?k=${started.key}`,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // The e-mail, from the event log like every notification, with the receipt attached.
    const senders = {
      mailer: new SmtpMailer(sink.url, t.deps.config.mailFrom),
      sms: new LogSmsSender(pino({ level: 'silent' })),
    };
    // PostgreSQL may hold an event back while an older transaction is still open: wait for it.
    const deadline = Date.now() + 15_000;
    await dispatchNotifications(t.deps);
    while ((await undispatchedEvents(t.deps)) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await dispatchNotifications(t.deps);
    }
    await sendPendingNotifications(t.deps, senders);
    senders.mailer.close();
    const mail = sink.messages.find(
      (m) => m.subject.includes(application.code) && m.subject.includes('50.000'),
    );
    expect(mail?.subject).toBe(`Hồ sơ ${application.code}: đã nhận 50.000 đồng phí, lệ phí`);
    expect(mail?.to).toEqual(['dan@example.vn']);
    expect(mail?.raw).toContain(`filename=bien-nhan-DT-${started.txnRef}.pdf`);
    expect(mail?.raw).toContain('application/pdf');
    const body = textOf(mail!.raw);
    expect(body).toContain(`Biên nhận số: DT-${started.txnRef}`);
    expect(body).toContain(
      `https://motcua.example.vn/thanh-toan/${started.txnRef}/bien-lai.pdf?k=${started.key}`,
    );
    expect(body).toContain('Hồ sơ được tiếp tục giải quyết.');
  }, 120_000);

  it('refuses forged or missing signatures, changed amounts, unknown references and other merchants, crediting nothing', async () => {
    const application = await feeDue(t, office, 30_000);
    const started = await startAsCitizen(t, office, application.code);
    const good = signedResult(secret, { txnRef: started.txnRef, amountVnd: 30_000 });
    const before = await applicationRow(t, application.code);

    // Forged: signed with another secret; tampered: the amount changed after signing; missing; malformed.
    expect(
      (
        await sendIpn(
          t,
          signedResult('ANOTHERSECRETANOTHERSECRET000000', { txnRef: started.txnRef, amountVnd: 30_000 }),
        )
      ).RspCode,
    ).toBe('97');
    expect((await sendIpn(t, { ...good, vnp_Amount: '300' })).RspCode).toBe('97');
    const { vnp_SecureHash: _hash, ...unsigned } = good;
    expect((await sendIpn(t, unsigned)).RspCode).toBe('97');
    expect((await sendIpn(t, `${toQuery(good)}&vnp_TxnRef=${started.txnRef}`)).RspCode).toBe('97');
    expect((await sendIpn(t, '')).RspCode).toBe('97');
    expect((await sendIpn(t, 'vnp_SecureHash=zz&vnp_Amount=%ZZ')).RspCode).toBe('97');
    expect((await sendIpn(t, `vnp_TxnRef=${started.txnRef}&vnp_OrderInfo=%00&x=%00`)).RspCode).toBe('97');
    // Signed by the merchant's secret, but an amount that is not the attempt's: 04.
    expect(
      (await sendIpn(t, signedResult(secret, { txnRef: started.txnRef, amountVnd: 3_000 }))).RspCode,
    ).toBe('04');
    // Unknown reference, another merchant code: 01.
    expect(
      (await sendIpn(t, signedResult(secret, { txnRef: '260302ZZZZZZZZZZ', amountVnd: 30_000 }))).RspCode,
    ).toBe('01');
    expect(
      (
        await sendIpn(
          t,
          signedResult(secret, { txnRef: started.txnRef, amountVnd: 30_000, tmnCode: 'OTHER001' }),
        )
      ).RspCode,
    ).toBe('01');

    const after = await applicationRow(t, application.code);
    expect(after.status).toBe(6);
    expect(after.version).toBe(before.version);
    expect((await payment(started.txnRef)).status).toBe('created');
    const recorded = await callbacks(started.txnRef);
    expect(recorded.map((c) => `${c.outcome}:${c.signature_valid}`)).toEqual([
      '97:false',
      '97:false',
      '97:false',
      '97:false',
      '97:false',
      '04:true',
      '01:true',
    ]);
    // The forged amount is kept as received, for the reconciliation.
    expect(recorded[1]!.params).toMatchObject({ vnp_Amount: '300' });

    // The genuine one still goes through afterwards.
    expect((await sendIpn(t, good)).RspCode).toBe('00');
    expect((await applicationRow(t, application.code)).status).toBe(4);
  });

  it('credits a replayed IPN once, and two identical IPNs at the same moment once', async () => {
    const application = await feeDue(t, office, 40_000);
    const started = await startAsCitizen(t, office, application.code);
    const ipn = signedResult(secret, {
      txnRef: started.txnRef,
      amountVnd: 40_000,
      transactionNo: '30000001',
    });
    const answers = await Promise.all([sendIpn(t, ipn), sendIpn(t, ipn)]);
    expect(answers.map((a) => a.RspCode).sort()).toEqual(['00', '02']);
    expect((await sendIpn(t, ipn)).RspCode).toBe('02');
    // Even a later failure report for a settled payment changes nothing.
    expect(
      (
        await sendIpn(
          t,
          signedResult(secret, {
            txnRef: started.txnRef,
            amountVnd: 40_000,
            responseCode: '24',
            transactionStatus: '02',
          }),
        )
      ).RspCode,
    ).toBe('02');
    const credits = (await eventsOf(t, application.code)).filter((e) => e.action === 'record_fee_paid');
    expect(credits).toHaveLength(1);
    expect(await payment(started.txnRef)).toMatchObject({
      status: 'succeeded',
      gateway_transaction_no: '30000001',
    });
    expect((await callbacks(started.txnRef)).map((c) => c.outcome)).toEqual(['00', '02', '02', '02']);
  });

  it('records a failed or cancelled payment without moving the application, and lets the payer try again', async () => {
    const application = await feeDue(t, office, 20_000);
    const first = await startAsCitizen(t, office, application.code);
    // Pressing pay twice (two tabs) reopens the same attempt rather than making a second payment.
    expect((await startAsCitizen(t, office, application.code)).txnRef).toBe(first.txnRef);
    const back = await payAtSimulator(t, first.payUrl, 'cancel');
    expect((await payment(first.txnRef)).status).toBe('cancelled');
    const page = await t.inject({ method: 'GET', url: back });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Đã hủy thanh toán');
    expect((await applicationRow(t, application.code)).status).toBe(6);

    const second = await startAsCitizen(t, office, application.code);
    expect(second.txnRef).not.toBe(first.txnRef);
    await payAtSimulator(t, second.payUrl, 'insufficient');
    expect(await payment(second.txnRef)).toMatchObject({ status: 'failed', response_code: '51' });
    expect((await applicationRow(t, application.code)).status).toBe(6);

    const third = await startAsCitizen(t, office, application.code);
    await payAtSimulator(t, third.payUrl, 'success');
    expect((await applicationRow(t, application.code)).status).toBe(4);
    // Nothing left to pay.
    const again = await t.inject({
      method: 'POST',
      url: '/api/v1/payments',
      headers: { cookie: office.cookies.citizen! },
      payload: { code: application.code },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('NOTHING_TO_PAY');
  });

  it('shows a return without its IPN as awaiting confirmation and credits nothing', async () => {
    const application = await feeDue(t, office, 25_000);
    const started = await startAsCitizen(t, office, application.code);
    const back = await payAtSimulator(t, started.payUrl, 'success', { ipn: false });
    const page = await t.inject({ method: 'GET', url: back });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Đang chờ xác nhận');
    expect(page.body).not.toContain('bien-lai.pdf');
    expect((await applicationRow(t, application.code)).status).toBe(6);
    expect((await payment(started.txnRef)).status).toBe('created');
    expect((await eventsOf(t, application.code)).some((e) => e.action === 'record_fee_paid')).toBe(false);
    // Its receipt does not exist yet.
    const pdf = await t.inject({
      method: 'GET',
      url: `/thanh-toan/${started.txnRef}/bien-lai.pdf?k=${started.key}`,
    });
    expect(pdf.statusCode).toBe(404);
    // A forged return and an unknown one are refused with a page, and recorded.
    const forged = await t.inject({
      method: 'GET',
      url: back.replace('vnp_Amount=2500000', 'vnp_Amount=2500'),
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('Không xác thực được kết quả');
    const unknown = await t.inject({
      method: 'GET',
      url: `/thanh-toan/ket-qua?${toQuery(signedResult(secret, { txnRef: '260302UNKNOWN000', amountVnd: 25_000 }))}`,
    });
    expect(unknown.statusCode).toBe(404);
    const bare = await t.inject({ method: 'GET', url: '/thanh-toan/ket-qua' });
    expect(bare.statusCode).toBe(400);
    expect((await callbacks(started.txnRef)).map((c) => `${c.kind}:${c.signature_valid}`)).toEqual([
      'return:true',
      'return:false',
    ]);
  });

  it('never credits an application cancelled while its payment was under way, and flags the money', async () => {
    const application = await feeDue(t, office, 60_000);
    const started = await startAsCitizen(t, office, application.code);
    // The applicant asks to withdraw while paying; the counter stops the application.
    const citizenAct = await act(t, office, 'citizen', application, 'request_withdrawal', {
      note: 'Không cần nữa.',
    });
    expect(citizenAct.statusCode, citizenAct.body).toBe(200);
    const stopped = await act(t, office, 'counter', application, 'stop', { note: 'Công dân rút hồ sơ.' });
    expect(stopped.statusCode, stopped.body).toBe(200);
    await payAtSimulator(t, started.payUrl, 'success');
    expect((await applicationRow(t, application.code)).status).toBe(8);
    expect(await payment(started.txnRef)).toMatchObject({
      status: 'succeeded',
      applied_at: null,
      unapplied_reason: 'application_closed',
    });
    expect((await eventsOf(t, application.code)).some((e) => e.action === 'record_fee_paid')).toBe(false);
    const recon = await t.inject({
      method: 'GET',
      url: '/api/v1/payments/reconciliation?from=2026-03-02&to=2026-03-02',
      headers: { cookie: office.cookies.counter! },
    });
    expect(recon.statusCode, recon.body).toBe(200);
    expect(recon.json().mismatches).toContainEqual(
      expect.objectContaining({
        kind: 'paid_not_applied',
        applicationCode: application.code,
        txnRef: started.txnRef,
        detail: 'application_closed',
      }),
    );
  });

  it('lets only the applicant, or whoever proves the code and four digits, start a payment, for what is due', async () => {
    const application = await feeDue(t, office, 15_000);
    const post = (payload: Record<string, unknown>, cookie?: string) =>
      t.inject({
        method: 'POST',
        url: '/api/v1/payments',
        headers: cookie ? { cookie } : {},
        payload,
      });
    expect((await post({ code: application.code })).statusCode).toBe(401);
    expect((await post({ code: application.code }, office.cookies.counter)).statusCode).toBe(404);
    expect((await post({ code: application.code, verify: '0000' })).statusCode).toBe(404);
    expect((await post({ code: 'not a code' }, office.cookies.citizen)).statusCode).toBe(400);
    expect((await post({ code: application.code, feeIndex: -1 }, office.cookies.citizen)).statusCode).toBe(
      400,
    );
    expect((await post({ code: application.code, amountVnd: 1 }, office.cookies.citizen)).statusCode).toBe(
      201,
    );
    const guest = await post({ code: application.code, verify: '5678' });
    expect(guest.statusCode, guest.body).toBe(201);
    // The amount is the officer's, whatever was sent; the same open attempt is returned.
    expect(guest.json()).toMatchObject({ amountVnd: 15_000, status: 'created' });
    // Its own page needs its key.
    const view = guest.json() as { txnRef: string; key: string };
    expect(
      (await t.inject({ method: 'GET', url: `/thanh-toan/${view.txnRef}?k=${view.key}` })).statusCode,
    ).toBe(200);
    expect(
      (await t.inject({ method: 'GET', url: `/thanh-toan/${view.txnRef}?k=${'0'.repeat(32)}` })).statusCode,
    ).toBe(404);
    expect((await t.inject({ method: 'GET', url: `/thanh-toan/${view.txnRef}` })).statusCode).toBe(404);
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/payments/${view.txnRef}?k=${view.key}` })).json(),
    ).toMatchObject({
      txnRef: view.txnRef,
      amountVnd: 15_000,
    });
    expect((await t.inject({ method: 'GET', url: '/api/v1/payments/xyz?k=1' })).statusCode).toBe(400);
    // An application not at "fee due" has nothing to pay.
    const fresh = await submit(t, office);
    expect((await post({ code: fresh.code }, office.cookies.citizen)).statusCode).toBe(409);
  });

  it('offers the online fee right after submission, lets the citizen choose it, and records it without moving the application', async () => {
    const application = await submit(t, office, { procedureCode: office.onlineFees.code });
    const receipt = await t.inject({
      method: 'GET',
      url: `/ho-so/${application.code}/bien-nhan?moi=1`,
      headers: { cookie: office.cookies.citizen! },
    });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain('Phí, lệ phí');
    expect(receipt.body).toContain('name="feeIndex" value="1"');
    const noChoice = await t.inject({
      method: 'POST',
      url: '/api/v1/payments',
      headers: { cookie: office.cookies.citizen! },
      payload: { code: application.code },
    });
    expect(noChoice.statusCode).toBe(400);
    expect(noChoice.json().error.fields).toHaveProperty('feeIndex');
    const started = await startAsCitizen(t, office, application.code, { feeIndex: 1 });
    expect(started.amountVnd).toBe(5000);
    await payAtSimulator(t, started.payUrl, 'success');
    const row = await applicationRow(t, application.code);
    expect(row.status).toBe(1);
    const paid = (await eventsOf(t, application.code)).filter((e) => e.action === 'pay_online');
    expect(paid).toHaveLength(1);
    expect(paid[0]).toMatchObject({ from_status: 1, to_status: 1, actor_role: 'system' });
    expect(await payment(started.txnRef)).toMatchObject({ purpose: 'submission', fee_index: 1 });
    // Paid once: nothing more to pay at submission; the page shows the receipt.
    const page = await t.inject({
      method: 'GET',
      url: `/ho-so/${application.code}`,
      headers: { cookie: office.cookies.citizen! },
    });
    expect(page.body).toContain(`DT-${started.txnRef}`);
    expect(page.body).not.toContain('name="feeIndex"');
  });

  it('pays from the public tracking page with the code and four digits, through the HTML forms', async () => {
    const application = await feeDue(t, office, 35_000);
    const tracked = await t.inject({ method: 'GET', url: `/tra-cuu?code=${application.code}&verify=5678` });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.body).toContain('action="/thanh-toan"');
    const { token, cookie } = await t.csrf(`/tra-cuu?code=${application.code}&verify=5678`);
    const form = (body: Record<string, string>) =>
      t.inject({
        method: 'POST',
        url: '/thanh-toan',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: token, ...body }).toString(),
      });
    const wrong = await form({ code: application.code, verify: '1111' });
    expect(wrong.statusCode).toBe(404);
    const noCsrf = await t.inject({
      method: 'POST',
      url: '/thanh-toan',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `code=${application.code}&verify=5678`,
    });
    expect(noCsrf.statusCode).toBe(403);
    const started = await form({ code: application.code, verify: '5678', feeIndex: '0' });
    expect(started.statusCode).toBe(303);
    const location = String(started.headers.location);
    expect(location).toMatch(/^\/thanh-toan\/[0-9A-Z]{16}\?k=[0-9a-f]{32}$/);
    const page = await t.inject({ method: 'GET', url: location });
    expect(page.statusCode).toBe(200);
    const payUrl = /href="(https:\/\/motcua\.example\.vn\/gateway-sim\/[^"]+)"/
      .exec(page.body)?.[1]
      ?.replaceAll('&amp;', '&');
    expect(payUrl).toBeTruthy();
    await payAtSimulator(t, payUrl!, 'success');
    expect((await applicationRow(t, application.code)).status).toBe(4);
    // Nothing due any more: the form answers with a page, not an error.
    const done = await form({ code: application.code, verify: '5678' });
    expect(done.statusCode).toBe(409);
    expect(done.body).toContain('không có khoản phí, lệ phí nào cần nộp');
  });

  it('exempts a fee only with a reason and the document that grants it', async () => {
    const application = await feeDue(t, office, 45_000);
    const withoutFile = await act(t, office, 'counter', application, 'exempt_fee', {
      note: 'Miễn lệ phí cho hộ nghèo theo Nghị quyết của HĐND tỉnh.',
    });
    expect(withoutFile.statusCode).toBe(400);
    expect(withoutFile.json().error.fields).toHaveProperty('fileIds');
    const fileId = await uploadPdf(t, office.cookies.counter!, 'quyet-dinh-mien.pdf');
    const withoutReason = await act(t, office, 'counter', application, 'exempt_fee', { fileIds: [fileId] });
    expect(withoutReason.statusCode).toBe(400);
    expect((await applicationRow(t, application.code)).status).toBe(6);
    const exempted = await act(t, office, 'counter', application, 'exempt_fee', {
      note: 'Miễn lệ phí cho hộ nghèo theo Nghị quyết của HĐND tỉnh.',
      fileIds: [fileId],
    });
    expect(exempted.statusCode, exempted.body).toBe(200);
    const row = await applicationRow(t, application.code);
    expect(row.status).toBe(4);
    const documents = await t.deps.database.db
      .selectFrom('application_documents')
      .selectAll()
      .where('application_id', '=', row.id)
      .where('file_id', '=', fileId)
      .execute();
    expect(documents).toEqual([expect.objectContaining({ component_id: 'fee_exemption' })]);
    // An online payment cannot be recorded by hand.
    const other = await feeDue(t, office, 45_000);
    const byHand = await act(t, office, 'counter', other, 'record_fee_paid', {
      paymentMethod: 'online',
      receiptNumber: 'DT-FAKE',
    });
    expect(byHand.statusCode).toBe(400);
  });

  it('exempts through the officer page’s multipart form, with the file and the reason', async () => {
    const application = await feeDue(t, office, 45_000);
    const page = await t.inject({
      method: 'GET',
      url: `/can-bo/ho-so/${application.code}`,
      headers: { cookie: office.cookies.counter! },
    });
    expect(page.body).toContain(`action="/can-bo/ho-so/${application.code}/mien-phi"`);
    const { token, cookie } = await t.csrf(`/can-bo/ho-so/${application.code}`, office.cookies.counter);
    const boundary = '----exemption';
    const part = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body = (note: string, withFile: boolean) =>
      Buffer.concat([
        Buffer.from(
          part('_csrf', token) + part('expectedVersion', String(application.version)) + part('note', note),
        ),
        withFile
          ? Buffer.concat([
              Buffer.from(
                `--${boundary}\r\nContent-Disposition: form-data; name="exemptionFile"; filename="mien.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
              ),
              Buffer.from('%PDF-1.4\n%%EOF\n'),
              Buffer.from('\r\n'),
            ])
          : Buffer.alloc(0),
        Buffer.from(`--${boundary}--\r\n`),
      ]);
    const post = (note: string, withFile: boolean) =>
      t.inject({
        method: 'POST',
        url: `/can-bo/ho-so/${application.code}/mien-phi`,
        headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: body(note, withFile),
      });
    const noFile = await post('Miễn theo quy định.', false);
    expect(noFile.statusCode).toBe(400);
    expect(noFile.body).toContain('Đính kèm văn bản, giấy tờ làm căn cứ miễn phí, lệ phí');
    expect((await post('', true)).statusCode).toBe(400);
    expect((await applicationRow(t, application.code)).status).toBe(6);
    const done = await post('Miễn lệ phí theo Nghị định 45/2019, Điều 5.', true);
    expect(done.statusCode, done.body).toBe(303);
    expect((await applicationRow(t, application.code)).status).toBe(4);
  });

  it('reconciles per day, unit and procedure, with the mismatches flagged, as a page and as XLSX', async () => {
    const page = await t.inject({
      method: 'GET',
      url: '/can-bo/doi-soat?from=2026-03-01&to=2026-03-02',
      headers: { cookie: office.cookies.counter! },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Đối soát thanh toán');
    expect(page.body).toContain('Đã thu tại cổng, chưa ghi vào hồ sơ');
    const json = (
      await t.inject({
        method: 'GET',
        url: '/api/v1/payments/reconciliation?from=2026-03-01&to=2026-03-02',
        headers: { cookie: office.cookies.counter! },
      })
    ).json();
    const kinds = new Set(
      json.mismatches.map((m: { kind: string; detail: string }) => `${m.kind}:${m.detail}`),
    );
    expect(kinds).toContain('paid_not_applied:application_closed');
    expect(kinds).toContain('paid_not_applied:return_without_ipn');
    expect([...kinds].some((k) => String(k).startsWith('wrong_amount:'))).toBe(true);
    const day = json.rows.find((r: { procedureCode: string }) => r.procedureCode === office.procedure.code);
    expect(day).toMatchObject({ day: '2026-03-02', unit: '123' });
    expect(day.online.count).toBeGreaterThanOrEqual(5);
    expect(day.applied.count).toBe(day.online.count - 1);
    expect(day.exempted).toBe(2);
    expect(json.totals.rejectedCallbacks).toBeGreaterThanOrEqual(4);

    const xlsx = await t.inject({
      method: 'GET',
      url: '/api/v1/payments/reconciliation.xlsx?from=2026-03-01&to=2026-03-02',
      headers: { cookie: office.cookies.counter! },
    });
    expect(xlsx.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Đối soát', 'Chênh lệch']);
    expect(workbook.getWorksheet('Chênh lệch')!.rowCount).toBe(json.mismatches.length + 1);

    // The citizen may not; a period upside down or too long is a 400 that says so.
    expect(
      (
        await t.inject({
          method: 'GET',
          url: '/api/v1/payments/reconciliation',
          headers: { cookie: office.cookies.citizen! },
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.inject({ method: 'GET', url: '/can-bo/doi-soat' })).statusCode).toBe(303);
    const reversed = await t.inject({
      method: 'GET',
      url: '/can-bo/doi-soat?from=2026-03-05&to=2026-03-01',
      headers: { cookie: office.cookies.counter! },
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('Ngày kết thúc phải sau hoặc bằng ngày bắt đầu');
    const long = await t.inject({
      method: 'GET',
      url: '/api/v1/payments/reconciliation?from=2024-01-01&to=2026-03-01',
      headers: { cookie: office.cookies.counter! },
    });
    expect(long.statusCode).toBe(400);
    const nonsense = await t.inject({
      method: 'GET',
      url: '/can-bo/doi-soat?from=2026-02-30&to=x',
      headers: { cookie: office.cookies.counter! },
    });
    expect(nonsense.statusCode).toBe(400);
  });

  it('flags a fee credited twice', async () => {
    const application = await feeDue(t, office, 10_000);
    const recorded = await act(t, office, 'counter', application, 'record_fee_paid', {
      paymentMethod: 'cash',
      receiptNumber: 'BL-0001',
    });
    expect(recorded.statusCode).toBe(200);
    // What the workflow never lets happen, written straight into the log (an import, a bug): the
    // reconciliation catches it anyway.
    const row = await applicationRow(t, application.code);
    await t.deps.database.db
      .insertInto('application_events')
      .values({
        application_id: row.id,
        at: clock.now(),
        action: 'record_fee_paid',
        from_status: 6,
        to_status: 4,
        details: JSON.stringify({ paymentMethod: 'transfer', receiptNumber: 'BL-0002' }),
      })
      .execute();
    const json = (
      await t.inject({
        method: 'GET',
        url: '/api/v1/payments/reconciliation?from=2026-03-02&to=2026-03-02',
        headers: { cookie: office.cookies.counter! },
      })
    ).json();
    expect(json.mismatches).toContainEqual(
      expect.objectContaining({ kind: 'applied_twice', applicationCode: application.code }),
    );
  });

  it('receives a second attempt paid in another tab without crediting the fee twice, and flags the money', async () => {
    const application = await feeDue(t, office, 12_000);
    const first = await startAsCitizen(t, office, application.code);
    // The first link expired unpaid (as far as this side knew), so a second one was opened.
    clock.advance(20 * 60_000);
    const second = await startAsCitizen(t, office, application.code);
    expect(second.txnRef).not.toBe(first.txnRef);
    expect(
      (await sendIpn(t, signedResult(secret, { txnRef: second.txnRef, amountVnd: 12_000 }))).RspCode,
    ).toBe('00');
    const late = signedResult(secret, { txnRef: first.txnRef, amountVnd: 12_000, transactionNo: '40000002' });
    expect((await sendIpn(t, late)).RspCode).toBe('00');
    expect(await payment(first.txnRef)).toMatchObject({
      status: 'succeeded',
      applied_at: null,
      unapplied_reason: 'already_paid',
    });
    expect((await eventsOf(t, application.code)).filter((e) => e.action === 'record_fee_paid')).toHaveLength(
      1,
    );
    const json = (
      await t.inject({
        method: 'GET',
        url: '/api/v1/payments/reconciliation?from=2026-03-02&to=2026-03-02',
        headers: { cookie: office.cookies.counter! },
      })
    ).json();
    expect(json.mismatches).toContainEqual(
      expect.objectContaining({ kind: 'paid_not_applied', txnRef: first.txnRef, detail: 'already_paid' }),
    );
  });
});
