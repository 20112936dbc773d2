// What the notifications module asks of payments: the applicant's message when an online payment is
// credited (instead of the plain status message), and the receipt attached to its e-mail when sent.
import type { Locale } from '../../../shared/i18n/index.js';
import type { AppConfig } from '../../config.js';
import type { AppDeps } from '../../context.js';
import type { MailAttachment } from '../notifications/mailer.js';
import { findPaymentOfEvent, findReceiptFacts } from './payments.repository.js';
import { PAYMENT_RECEIVED_KIND, paymentEmail, paymentSms } from './payments.templates.js';
import { buildPaymentReceiptPdf } from './receipt-pdf.js';

/** The messages of an event that credited an online payment (record_fee_paid online, pay_online); else null. */
export function paymentMessages(
  config: AppConfig,
  event: { action: string; details: Record<string, unknown>; code: string; procedure_name: string },
  locale: Locale,
) {
  const d = event.details;
  const online =
    d.paymentMethod === 'online' && (event.action === 'record_fee_paid' || event.action === 'pay_online');
  if (!online || typeof d.txnRef !== 'string' || typeof d.amountVnd !== 'number') return null;
  const input = {
    code: event.code,
    procedure: event.procedure_name,
    amountVnd: d.amountVnd,
    receiptNumber: typeof d.receiptNumber === 'string' ? d.receiptNumber : d.txnRef,
    txnRef: d.txnRef,
    transactionNo: typeof d.transactionNo === 'string' ? d.transactionNo : '',
    atSubmission: event.action === 'pay_online',
  };
  return {
    kind: PAYMENT_RECEIVED_KIND,
    email: paymentEmail(locale, config, input),
    sms: paymentSms(locale, config, input),
  };
}

/** The receipt (PDF) of the payment an event credited, to attach to its e-mail. */
export async function paymentReceiptAttachments(deps: AppDeps, eventId: number): Promise<MailAttachment[]> {
  const db = deps.database.db;
  const payment = await findPaymentOfEvent(db, eventId);
  const facts = payment ? await findReceiptFacts(db, payment.application_id) : undefined;
  if (!payment || !facts) return [];
  const content = await buildPaymentReceiptPdf({ payment, facts, publicUrl: deps.config.publicUrl });
  return [
    {
      filename: `bien-nhan-${payment.receipt_number ?? payment.txn_ref}.pdf`,
      content,
      contentType: 'application/pdf',
    },
  ];
}
