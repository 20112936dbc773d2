// Demo online payments, made through the same service functions and the same signed IPNs the gateway
// simulator sends: the `citizen` account gets an application at "fee due" to pay from its phone; another
// was paid online (with a second attempt paid in another tab after the first, which the
// reconciliation flags as paid but not credited); the counter's fee-due application has a cancelled
// attempt. Dated three days back, so the reconciliation's default week shows them.
import { randomUUID } from 'node:crypto';
import { FixedClock } from '../../shared/clock.js';
import type { ActionContext, Actor, AppDeps } from '../context.js';
import { performAction, submitApplication } from '../modules/applications/applications.service.js';
import { uploadFile } from '../modules/files/files.service.js';
import type { PaymentRow } from '../modules/payments/payments.repository.js';
import { handleIpn, startPayment } from '../modules/payments/payments.service.js';
import { resultParams, type SimChoice } from '../modules/payments/simulator/simulator.js';
import { paymentParams, signParams, toQuery } from '../modules/payments/vnpay.js';
import { demoActor, findDemoProcedures } from './demo.repository.js';

const DEMO_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** The gateway's IPN for an attempt, signed as the simulator signs it, through the IPN handler. */
async function gatewayAnswers(deps: AppDeps, payment: PaymentRow, choice: SimChoice, transactionNo: string) {
  const request = signParams(
    paymentParams({
      tmnCode: deps.config.vnpay.tmnCode,
      amountVnd: payment.amount_vnd,
      txnRef: payment.txn_ref,
      orderInfo: payment.order_info,
      locale: payment.locale,
      returnUrl: `${deps.config.publicUrl}/thanh-toan/ket-qua`,
      ipAddr: payment.client_ip ?? '127.0.0.1',
      createDate: payment.create_date,
      expireDate: payment.expire_date,
    }),
    deps.config.vnpay.hashSecret,
  );
  const result = resultParams(request, choice, {
    transactionNo,
    payDate: deps.clock.now(),
    hashSecret: deps.config.vnpay.hashSecret,
  });
  const answer = await handleIpn(deps, {
    query: Object.fromEntries(new URLSearchParams(toQuery(result))),
    ip: '127.0.0.1',
  });
  if (answer.RspCode !== '00') throw new Error(`demo IPN answered ${answer.RspCode}`);
}

/** Loads the demo payments; returns how many applications it made. */
export async function loadDemoPayments(deps: AppDeps): Promise<number> {
  const [procedure] = await findDemoProcedures(deps.database.db, 'MC-TP', 1);
  if (!procedure) return 0;
  const clock = new FixedClock(new Date(deps.clock.now().getTime() - 3 * 24 * 3600_000));
  const at = { ...deps, clock };
  const people = {
    citizen: await demoActor(deps, 'citizen'),
    counter: await demoActor(deps, 'counter'),
    head: await demoActor(deps, 'head'),
    specialist: await demoActor(deps, 'specialist'),
  };
  const as = (actor: Actor): ActionContext => ({ actor, requestId: 'demo-seed' });
  const applicant = {
    fullName: 'Nguyễn Thị Lan',
    idNumber: '014190001201',
    phone: '0912000201',
    email: 'citizen@example.vn',
  };

  /** An online application by `citizen`, brought to "fee due" for `amountVnd`. */
  const feeDue = async (amountVnd: number) => {
    const documents = [];
    for (const component of procedure.requiredComponents) {
      const file = await uploadFile(at, as(people.citizen), { bytes: DEMO_PDF, name: `${component}.pdf` });
      documents.push({ componentId: component, fileId: file.id });
    }
    const { application } = await submitApplication(at, as(people.citizen), {
      procedureCode: procedure.code,
      applicant,
      formData: procedure.formExample,
      documents,
      idempotencyKey: `demo-${randomUUID()}`,
    });
    let version = application.version;
    for (const [who, action, extra] of [
      [people.counter, 'accept', {}],
      [people.counter, 'forward', {}],
      [people.head, 'assign', { assignee: 'specialist' }],
      [people.specialist, 'request_fee', { amountVnd, note: 'Lệ phí cấp bản sao trích lục theo quy định.' }],
    ] as const) {
      clock.advance(30 * 60_000);
      version = (
        await performAction(at, as(who), {
          code: application.code,
          action,
          expectedVersion: version,
          ...extra,
        })
      ).version;
    }
    return application.code;
  };

  // Left at "fee due" for the demo citizen to pay.
  await feeDue(50_000);

  // Paid online on the second attempt; the first, opened earlier in another tab, was paid as well.
  const paidCode = await feeDue(30_000);
  clock.advance(60 * 60_000);
  const start = (code: string, extra: { verify?: string } = {}) =>
    startPayment(at, {
      code,
      ...extra,
      actor: extra.verify ? null : people.citizen,
      ip: '127.0.0.1',
      locale: 'vi',
    });
  const first = (await start(paidCode)).payment;
  clock.advance(20 * 60_000);
  const second = (await start(paidCode)).payment;
  clock.advance(5 * 60_000);
  await gatewayAnswers(at, second, 'success', '14500001');
  clock.advance(2 * 60_000);
  await gatewayAnswers(at, first, 'success', '14500002');

  // The counter's fee-due application (demo-applications.ts): an attempt cancelled at the gateway.
  const counterFeeDue = await deps.database.db
    .selectFrom('applications')
    .select(['code', 'applicant_phone'])
    .where('status', '=', 6)
    .where('channel', '=', 'direct')
    .orderBy('id')
    .executeTakeFirst();
  if (counterFeeDue) {
    clock.advance(30 * 60_000);
    const attempt = (await start(counterFeeDue.code, { verify: counterFeeDue.applicant_phone.slice(-4) }))
      .payment;
    clock.advance(3 * 60_000);
    await gatewayAnswers(at, attempt, 'cancel', '0');
  }
  return 2;
}
