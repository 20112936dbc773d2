// Online fee payments through a gateway speaking the VNPay protocol 2.1.0 (vnpay.ts):
//
//   startPayment()   the applicant (signed in, or proving the code and four digits as for tracking)
//                    opens an attempt for what is due: the fee an officer asked for (status 6) or the
//                    catalogue's online fee right after submission; an open attempt for the same thing
//                    is reused, so two tabs never make two payments
//   payUrlOf()       the signed URL the payer's browser goes to
//   handleIpn()      the gateway's server-to-server confirmation: signature, merchant, order, amount,
//                    then status; a success credits the application in the same transaction, through
//                    performActionIn (record_fee_paid, the system as actor) or a pay_online event, so
//                    the event log, statistics and notifications follow as for any action. Every call,
//                    good or bad, is recorded raw in payment_callbacks.
//   handleReturn()   the payer's browser back from the gateway: verified and recorded, shown from what
//                    the IPN settled, never credited from here
import { randomInt } from 'node:crypto';
import { FINISHED, STATUS, type Status } from '../../../shared/applications/workflow.js';
import type { TFeeKind, TProcedureRecord } from '../../../shared/catalog/schema.js';
import { vietnamDate } from '../../../shared/clock.js';
import { AppError } from '../../../shared/errors.js';
import type { Locale } from '../../../shared/i18n/index.js';
import type { TStartPayment } from '../../../shared/payments/schema.js';
import { type AppConfig, SIMULATOR_PAY_PATH } from '../../config.js';
import type { Actor, AppDeps, Queryable } from '../../context.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { UnappliedReason } from '../../db/schema.js';
import {
  type ApplicationRow,
  findApplicationByCode,
  findApplicationById,
  insertEvent,
  lockApplicationByCode,
  updateApplication,
} from '../applications/applications.repository.js';
import { isApplicantOf, performActionIn, trackApplication } from '../applications/applications.service.js';
import { keyMatches, paymentKey } from './keys.js';
import {
  findLatestFeeRequest,
  findOpenPayment,
  findPaymentByTxnRef,
  findProcedureRecord,
  findReceiptFacts,
  hasAppliedSubmissionPayment,
  insertCallback,
  insertPayment,
  listPaymentsOfApplication,
  lockPaymentByTxnRef,
  type PaymentRow,
  updatePayment,
} from './payments.repository.js';
import { PAYMENT_RESULT_PATH } from './views/paths.js';
import {
  callbackParams,
  type GatewayResult,
  IPN_ANSWERS,
  type IpnAnswer,
  outcomeOf,
  paymentUrl,
  rawParams,
  readResult,
  VNP_MAX_AMOUNT_VND,
  VNP_MIN_AMOUNT_VND,
  verifySignature,
  vnpDate,
} from './vnpay.js';

// -------------------------------------------------------------------------------------------------
// Addresses and keys
// -------------------------------------------------------------------------------------------------

/** The gateway's payment URL: the configured one, or the built-in simulator. */
export function gatewayPayUrl(config: AppConfig): string {
  return config.vnpay.payUrl ?? `${config.publicUrl}${SIMULATOR_PAY_PATH}`;
}

/** vnp_ReturnUrl: where the gateway sends the payer back. */
export function returnUrl(config: AppConfig): string {
  return `${config.publicUrl}${PAYMENT_RESULT_PATH}`;
}

/** Where the gateway sends its IPN (registered with the gateway, not sent in the request). */
export const IPN_PATH = '/api/v1/payments/vnpay/ipn';
export function ipnUrl(config: AppConfig): string {
  return `${config.publicUrl}${IPN_PATH}`;
}

const TXN_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** yyMMdd (Vietnam) and ten random letters or digits: unique, and not guessable from another one. */
export function newTxnRef(now: Date): string {
  let random = '';
  for (let i = 0; i < 10; i++) random += TXN_ALPHABET[randomInt(TXN_ALPHABET.length)];
  return `${vietnamDate(now).slice(2).replaceAll('-', '')}${random}`;
}

/** The gateway's URL for an open attempt, rebuilt from what was stored (the same signed URL every time). */
export function payUrlOf(config: AppConfig, payment: PaymentRow): string {
  return paymentUrl(
    gatewayPayUrl(config),
    {
      tmnCode: config.vnpay.tmnCode,
      amountVnd: payment.amount_vnd,
      txnRef: payment.txn_ref,
      orderInfo: payment.order_info,
      locale: payment.locale,
      returnUrl: returnUrl(config),
      ipAddr: payment.client_ip ?? '127.0.0.1',
      createDate: payment.create_date,
      expireDate: payment.expire_date,
    },
    config.vnpay.hashSecret,
  );
}

// -------------------------------------------------------------------------------------------------
// What is due
// -------------------------------------------------------------------------------------------------

export interface FeeOption {
  index: number;
  amountVnd: number;
  kind: TFeeKind | null;
  description: string | null;
  /** Within what the gateway takes (5,000 đồng to under a billion); otherwise paid at the counter. */
  payableOnline: boolean;
}

export interface PaymentDue {
  purpose: 'fee_due' | 'submission';
  feeEventId: number | null;
  options: FeeOption[];
}

const payable = (amount: number) => amount >= VNP_MIN_AMOUNT_VND && amount <= VNP_MAX_AMOUNT_VND;

/** The online channel's fees above zero, as the catalogue lists them (fees per procedure and channel). */
export function onlineFees(record: TProcedureRecord): FeeOption[] {
  const options: FeeOption[] = [];
  for (const fee of record.channels.filter((c) => c.kind === 'online').flatMap((c) => c.fees)) {
    if (fee.amountVnd === null || fee.amountVnd <= 0) continue;
    options.push({
      index: options.length,
      amountVnd: fee.amountVnd,
      kind: fee.kind,
      description: fee.description,
      payableOnline: payable(fee.amountVnd),
    });
  }
  return options;
}

/**
 * What the applicant may pay now, if anything: the fee an officer asked for while the application
 * stands at "fee due" (status 6), or, while an online application awaits reception (status 1), the
 * online channel's fee when the catalogue lists one and it is not paid yet.
 */
export async function paymentDueOf(db: Queryable, application: ApplicationRow): Promise<PaymentDue | null> {
  if (application.status === STATUS.FEE_DUE) {
    const request = await findLatestFeeRequest(db, application.id);
    if (!request?.amountVnd || request.amountVnd <= 0) return null;
    return {
      purpose: 'fee_due',
      feeEventId: request.id,
      options: [
        {
          index: 0,
          amountVnd: request.amountVnd,
          kind: null,
          description: null,
          payableOnline: payable(request.amountVnd),
        },
      ],
    };
  }
  if (application.status === STATUS.SUBMITTED && application.channel === 'online') {
    const procedure = await findProcedureRecord(db, application.procedure_id);
    if (!procedure) return null;
    const options = onlineFees(procedure.record as TProcedureRecord);
    if (options.length === 0 || (await hasAppliedSubmissionPayment(db, application.id))) return null;
    return { purpose: 'submission', feeEventId: null, options };
  }
  return null;
}

// -------------------------------------------------------------------------------------------------
// Starting a payment
// -------------------------------------------------------------------------------------------------

/** Who may pay for an application: its applicant signed in, or whoever proves the code and four digits. */
async function payableBy(
  deps: AppDeps,
  input: { actor: Actor | null; code: string; verify?: string | undefined; ip: string },
): Promise<ApplicationRow> {
  const application = await findApplicationByCode(deps.database.db, input.code);
  if (input.actor && application && isApplicantOf(input.actor, application)) return application;
  if (input.verify) return (await trackApplication(deps, { ...input, verify: input.verify })).application;
  if (!input.actor) throw new AppError('UNAUTHENTICATED');
  throw new AppError('APPLICATION_NOT_FOUND');
}

/**
 * Opens an attempt to pay what is due on an application (or reuses the open one for the same amount),
 * and returns it with its key. Amounts come from the catalogue or the officer's request, never from
 * the payer.
 */
export async function startPayment(
  deps: AppDeps,
  input: TStartPayment & { actor: Actor | null; ip: string; locale: Locale },
): Promise<{ payment: PaymentRow; key: string }> {
  const found = await payableBy(deps, input);
  const payment = await deps.database.db.transaction().execute(async (tx) => {
    // The application's row lock serialises two starts from two tabs: the second finds the first.
    const application = await lockApplicationByCode(tx, found.code);
    if (!application) throw new AppError('APPLICATION_NOT_FOUND');
    const due = await paymentDueOf(tx, application);
    if (!due) throw new AppError('NOTHING_TO_PAY');
    const index = input.feeIndex ?? (due.options.length === 1 ? 0 : undefined);
    const option = index === undefined ? undefined : due.options[index];
    if (!option)
      throw new AppError('VALIDATION_FAILED', {
        fields: {
          feeIndex: { key: index === undefined ? 'payments.errors.chooseFee' : 'payments.errors.feeUnknown' },
        },
      });
    if (!option.payableOnline)
      throw new AppError('VALIDATION_FAILED', {
        fields: {
          feeIndex: {
            key: 'payments.errors.amountOutOfRange',
            params: { min: VNP_MIN_AMOUNT_VND, max: VNP_MAX_AMOUNT_VND },
          },
        },
      });
    const now = deps.clock.now();
    const open = await findOpenPayment(tx, {
      applicationId: application.id,
      purpose: due.purpose,
      feeEventId: due.feeEventId,
      amountVnd: option.amountVnd,
      now,
    });
    if (open) return open;
    const expiresAt = new Date(now.getTime() + deps.config.vnpay.expireMinutes * 60_000);
    return insertPayment(tx, {
      txn_ref: newTxnRef(now),
      application_id: application.id,
      purpose: due.purpose,
      fee_event_id: due.feeEventId,
      fee_index: due.purpose === 'submission' ? option.index : null,
      amount_vnd: option.amountVnd,
      order_info: `Nop phi le phi ho so ${application.code}`,
      payer_user_id: input.actor?.userId ?? null,
      client_ip: input.ip.slice(0, 45),
      locale: input.locale,
      create_date: vnpDate(now),
      expire_date: vnpDate(expiresAt),
      expires_at: expiresAt,
      created_at: now,
      updated_at: now,
    });
  });
  return { payment, key: paymentKey(deps.config, payment.txn_ref) };
}

// -------------------------------------------------------------------------------------------------
// The gateway's callbacks
// -------------------------------------------------------------------------------------------------

/** Applies a verified success to its application inside `tx`: credited, or why not. */
async function creditApplication(
  deps: AppDeps,
  tx: Parameters<typeof performActionIn>[1],
  payment: PaymentRow,
  result: GatewayResult,
  receiptNumber: string,
): Promise<{ eventId: number } | { reason: UnappliedReason }> {
  const found = await findApplicationById(tx, payment.application_id);
  const application = found ? await lockApplicationByCode(tx, found.code) : undefined;
  if (!application) return { reason: 'application_closed' };
  const status = application.status as Status;
  const closed = FINISHED.includes(status) || status === STATUS.WITHDRAWAL_REQUESTED;
  const payment_ = {
    txnRef: payment.txn_ref,
    transactionNo: result.transactionNo,
    amountVnd: payment.amount_vnd,
  };
  if (payment.purpose === 'fee_due') {
    const request = await findLatestFeeRequest(tx, application.id);
    if (closed) return { reason: 'application_closed' };
    // The fee this payment was for was settled meanwhile (paid in another tab, at the counter, exempted).
    if (status !== STATUS.FEE_DUE && request?.id === payment.fee_event_id) return { reason: 'already_paid' };
    if (status !== STATUS.FEE_DUE || request?.id !== payment.fee_event_id)
      return { reason: 'application_moved' };
    await performActionIn(
      deps,
      tx,
      { system: 'payment_gateway' },
      {
        code: application.code,
        action: 'record_fee_paid',
        expectedVersion: application.version,
        paymentMethod: 'online',
        receiptNumber,
        payment: payment_,
      },
    );
  } else {
    if (closed || status === STATUS.REFUSED) return { reason: 'application_closed' };
    if (await hasAppliedSubmissionPayment(tx, application.id)) return { reason: 'already_paid' };
    const now = deps.clock.now();
    const updated = await updateApplication(tx, application.id, application.version, { updated_at: now });
    if (!updated) return { reason: 'application_moved' };
    await insertEvent(tx, {
      applicationId: application.id,
      at: now,
      actorId: null,
      actorRole: 'system',
      action: 'pay_online',
      fromStatus: status,
      toStatus: status,
      fromStep: application.step,
      toStep: application.step,
      details: { paymentMethod: 'online', receiptNumber, ...payment_ },
    });
  }
  const last = await tx
    .selectFrom('application_events')
    .select('id')
    .where('application_id', '=', application.id)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return { eventId: last.id };
}

type Settled = { answer: IpnAnswer; paymentId: number | null };

/** The reference a callback names (the first, when it names several), for finding its record. */
function txnRefOf(raw: Record<string, string | string[]>): string | null {
  const value = raw.vnp_TxnRef;
  const first = Array.isArray(value) ? value[0] : value;
  return first ? first.slice(0, 100) : null;
}

/**
 * The IPN: checks, in the guide's order, the signature (97), the merchant and the order (01), the
 * amount (04) and whether it was settled before (02); then records the outcome and, for a success,
 * credits the application in the same transaction (00). Anything unexpected answers 99 and changes
 * nothing. Every call is recorded, whatever it answers.
 */
export async function handleIpn(deps: AppDeps, input: { query: unknown; ip: string }): Promise<IpnAnswer> {
  const db = deps.database.db;
  const params = callbackParams(input.query);
  const raw = rawParams(input.query);
  const now = deps.clock.now();
  const record = (settled: Settled, valid: boolean, into: Queryable = db) =>
    insertCallback(into, {
      kind: 'ipn',
      received_at: now,
      txn_ref: txnRefOf(raw),
      payment_id: settled.paymentId,
      params: JSON.stringify(raw),
      signature_valid: valid,
      outcome: settled.answer.RspCode,
      client_ip: input.ip.slice(0, 45),
    });
  if (!params || !verifySignature(params, deps.config.vnpay.hashSecret)) {
    await record({ answer: IPN_ANSWERS.invalidSignature, paymentId: null }, false).catch(() => undefined);
    return IPN_ANSWERS.invalidSignature;
  }
  const result = readResult(params);
  if (!result || result.tmnCode !== deps.config.vnpay.tmnCode) {
    await record({ answer: IPN_ANSWERS.orderNotFound, paymentId: null }, true).catch(() => undefined);
    return IPN_ANSWERS.orderNotFound;
  }
  try {
    return await db.transaction().execute(async (tx) => {
      const settled = await settle(deps, tx, result);
      await record(settled, true, tx);
      return settled.answer;
    });
  } catch (error) {
    // A second confirmation racing the first past every check meets the unique index: already confirmed.
    const answer = isUniqueViolation(error) ? IPN_ANSWERS.alreadyConfirmed : IPN_ANSWERS.unknownError;
    const payment = await findPaymentByTxnRef(db, result.txnRef).catch(() => undefined);
    await record({ answer, paymentId: payment?.id ?? null }, true).catch(() => undefined);
    return answer;
  }
}

async function settle(
  deps: AppDeps,
  tx: Parameters<typeof performActionIn>[1],
  result: GatewayResult,
): Promise<Settled> {
  const payment = await lockPaymentByTxnRef(tx, result.txnRef);
  if (!payment) return { answer: IPN_ANSWERS.orderNotFound, paymentId: null };
  if (result.amount !== payment.amount_vnd * 100)
    return { answer: IPN_ANSWERS.invalidAmount, paymentId: payment.id };
  if (payment.status !== 'created') return { answer: IPN_ANSWERS.alreadyConfirmed, paymentId: payment.id };
  const outcome = outcomeOf(result);
  const now = deps.clock.now();
  const changes = {
    status: outcome,
    response_code: result.responseCode,
    transaction_status: result.transactionStatus || null,
    gateway_transaction_no: result.transactionNo || null,
    bank_code: result.bankCode || null,
    bank_tran_no: result.bankTranNo || null,
    card_type: result.cardType || null,
    paid_at: outcome === 'succeeded' ? (result.payDate ?? now) : null,
    completed_at: now,
    updated_at: now,
  };
  if (outcome !== 'succeeded') {
    await updatePayment(tx, payment.id, changes);
    return { answer: IPN_ANSWERS.confirmed, paymentId: payment.id };
  }
  const receiptNumber = `DT-${payment.txn_ref}`;
  const credit = await creditApplication(deps, tx, payment, result, receiptNumber);
  await updatePayment(tx, payment.id, {
    ...changes,
    receipt_number: receiptNumber,
    ...('eventId' in credit
      ? { applied_at: now, applied_event_id: credit.eventId }
      : { unapplied_reason: credit.reason }),
  });
  return { answer: IPN_ANSWERS.confirmed, paymentId: payment.id };
}

export type ReturnOutcome =
  | { kind: 'invalid' }
  | { kind: 'unknown' }
  | { kind: 'found'; payment: PaymentRow; key: string; reported: 'succeeded' | 'failed' | 'cancelled' };

/**
 * The payer back from the gateway: the signature is checked and the visit recorded; what it shows
 * comes from the payment as the IPN left it. A return without an IPN credits nothing.
 */
export async function handleReturn(
  deps: AppDeps,
  input: { query: unknown; ip: string },
): Promise<ReturnOutcome> {
  const db = deps.database.db;
  const params = callbackParams(input.query);
  const raw = rawParams(input.query);
  const valid = params !== null && verifySignature(params, deps.config.vnpay.hashSecret);
  const result = valid ? readResult(params) : null;
  const payment =
    result && result.tmnCode === deps.config.vnpay.tmnCode
      ? await findPaymentByTxnRef(db, result.txnRef)
      : undefined;
  const outcome: ReturnOutcome = !valid
    ? { kind: 'invalid' }
    : !payment || !result
      ? { kind: 'unknown' }
      : {
          kind: 'found',
          payment,
          key: paymentKey(deps.config, payment.txn_ref),
          reported: outcomeOf(result),
        };
  await insertCallback(db, {
    kind: 'return',
    received_at: deps.clock.now(),
    txn_ref: txnRefOf(raw),
    payment_id: payment?.id ?? null,
    params: JSON.stringify(raw),
    signature_valid: valid,
    outcome: outcome.kind === 'found' ? `${outcome.payment.status}:${outcome.reported}` : outcome.kind,
    client_ip: input.ip.slice(0, 45),
  });
  return outcome;
}

// -------------------------------------------------------------------------------------------------
// Reading payments
// -------------------------------------------------------------------------------------------------

/** A payment by its reference and key; a wrong key looks like an unknown payment. */
export async function loadPayment(deps: AppDeps, txnRef: string, key: string) {
  const payment = keyMatches(deps.config, txnRef, key)
    ? await findPaymentByTxnRef(deps.database.db, txnRef)
    : undefined;
  if (!payment) throw new AppError('PAYMENT_NOT_FOUND');
  const facts = await findReceiptFacts(deps.database.db, payment.application_id);
  if (!facts) throw new AppError('PAYMENT_NOT_FOUND');
  return { payment, facts, key };
}

export type LoadedPayment = Awaited<ReturnType<typeof loadPayment>>;

/** What a payment panel shows on an application: what is due, and the attempts made. */
export async function paymentsOfApplication(deps: AppDeps, application: ApplicationRow) {
  const db = deps.database.db;
  const [due, payments] = await Promise.all([
    paymentDueOf(db, application),
    listPaymentsOfApplication(db, application.id),
  ]);
  return {
    due,
    payments: payments.map((payment) => ({ payment, key: paymentKey(deps.config, payment.txn_ref) })),
  };
}

export type ApplicationPayments = Awaited<ReturnType<typeof paymentsOfApplication>>;

/** The same for the applicant's pages, by code: nothing for anyone else. */
export async function paymentsForApplicant(deps: AppDeps, actor: Actor | null, code: string) {
  const application = await findApplicationByCode(deps.database.db, code);
  if (!actor || !application || !isApplicantOf(actor, application)) return null;
  return paymentsOfApplication(deps, application);
}

/** The same for a visitor of the pay form: the applicant signed in, or whoever proves the code and digits. */
export async function paymentsForVisitor(
  deps: AppDeps,
  input: { actor: Actor | null; code: string; verify?: string | undefined; ip: string },
): Promise<ApplicationPayments | null> {
  try {
    return await paymentsOfApplication(deps, await payableBy(deps, input));
  } catch {
    return null;
  }
}

/** Whether the signed-in person is the applicant of the application a payment is for. */
export function isPayer(
  actor: Actor | null,
  facts: { applicant_user_id: number | null; submitter_id: number | null },
) {
  return actor !== null && (facts.applicant_user_id === actor.userId || facts.submitter_id === actor.userId);
}
