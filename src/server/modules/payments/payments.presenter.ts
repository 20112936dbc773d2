// What leaves the server about a payment: the API's view, and the state pages show.
import type { z } from 'zod';
import type { ZPaymentView } from '../../../shared/payments/schema.js';
import type { AppConfig } from '../../config.js';
import type { PaymentRow } from './payments.repository.js';
import { payUrlOf } from './payments.service.js';
import { paymentReceiptPath } from './views/paths.js';

/** Where a payment stands, as the payer reads it. */
export type PaymentState = 'paid' | 'paidNotApplied' | 'open' | 'expired' | 'failed' | 'cancelled';

export function paymentState(payment: PaymentRow, now: Date): PaymentState {
  switch (payment.status) {
    case 'succeeded':
      return payment.applied_at ? 'paid' : 'paidNotApplied';
    case 'failed':
      return 'failed';
    case 'cancelled':
      return 'cancelled';
    case 'created':
      return payment.expires_at.getTime() > now.getTime() ? 'open' : 'expired';
  }
}

/** The receipt exists once the gateway confirmed the money, credited or not. */
export const hasReceipt = (payment: PaymentRow) => payment.status === 'succeeded';

export function presentPayment(
  config: AppConfig,
  payment: PaymentRow,
  facts: { code: string; procedure_name: string },
  key: string,
  now: Date,
): z.output<typeof ZPaymentView> {
  const state = paymentState(payment, now);
  return {
    txnRef: payment.txn_ref,
    applicationCode: facts.code,
    procedureName: facts.procedure_name,
    purpose: payment.purpose,
    amountVnd: payment.amount_vnd,
    status: payment.status,
    applied: payment.applied_at !== null,
    createdAt: payment.created_at.toISOString(),
    expiresAt: payment.expires_at.toISOString(),
    paidAt: payment.paid_at?.toISOString() ?? null,
    gatewayTransactionNo: payment.gateway_transaction_no,
    bankCode: payment.bank_code,
    receiptNumber: payment.receipt_number,
    payUrl: state === 'open' ? payUrlOf(config, payment) : null,
    receiptUrl: hasReceipt(payment) ? `${config.publicUrl}${paymentReceiptPath(payment.txn_ref, key)}` : null,
  };
}
