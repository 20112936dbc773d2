// The message to the applicant when an online payment is credited: texts in
// src/shared/i18n/payments.<locale>.json, laid out like the status messages (notifications module).
import { formatNumber, type Locale, translate } from '../../../shared/i18n/index.js';
import type { AppConfig } from '../../config.js';
import { type RenderedEmail, textToHtml, trackUrl } from '../notifications/notifications.templates.js';
import { paymentKey } from './keys.js';
import { paymentReceiptPath } from './views/paths.js';

/** The notification kind of a credited online payment: its e-mail carries the receipt (PDF). */
export const PAYMENT_RECEIVED_KIND = 'paymentReceived';

export interface PaymentMessageInput {
  code: string;
  procedure: string;
  amountVnd: number;
  receiptNumber: string;
  txnRef: string;
  transactionNo: string;
  /** Paid at submission: the application still waits for reception. */
  atSubmission: boolean;
}

export function receiptUrl(config: AppConfig, txnRef: string): string {
  return `${config.publicUrl}${paymentReceiptPath(txnRef, paymentKey(config, txnRef))}`;
}

function params(locale: Locale, config: AppConfig, input: PaymentMessageInput) {
  return {
    code: input.code,
    procedure: input.procedure,
    amount: formatNumber(locale, input.amountVnd),
    receipt: input.receiptNumber,
    txnRef: input.txnRef,
    transactionNo: input.transactionNo || '—',
    receiptUrl: receiptUrl(config, input.txnRef),
    trackUrl: trackUrl(config, input.code),
    site: config.siteName[locale],
    hotline: config.hotline,
  };
}

/** The e-mail: what was received, the references, where the application stands, the receipt. */
export function paymentEmail(locale: Locale, config: AppConfig, input: PaymentMessageInput): RenderedEmail {
  const p = params(locale, config, input);
  const text = [
    translate(locale, 'notifications.common.greeting'),
    translate(locale, 'payments.email.body', p),
    translate(locale, input.atSubmission ? 'payments.email.awaitsReception' : 'payments.email.continues'),
    translate(locale, 'payments.email.attachment', p),
    translate(locale, 'notifications.common.track', p),
    translate(locale, 'notifications.common.signature', p),
    translate(locale, 'notifications.common.automatic'),
  ].join('\n\n');
  return { subject: translate(locale, 'payments.email.subject', p), text, html: textToHtml(text, locale) };
}

export function paymentSms(locale: Locale, config: AppConfig, input: PaymentMessageInput): string {
  return translate(locale, 'payments.email.sms', params(locale, config, input));
}
