// Online fee payments: the requests of the API and of the forms, and what they answer. Messages are
// i18n keys under `payments.errors` or `validation`.
import { z } from 'zod';
import { APPLICATION_CODE_PATTERN } from '../applications/schema.js';

export const PAYMENT_STATUSES = ['created', 'succeeded', 'failed', 'cancelled'] as const;
export type PaymentStatusName = (typeof PAYMENT_STATUSES)[number];

/** Our transaction reference (vnp_TxnRef): six digits of the day, ten letters or digits. */
export const TXN_REF_FORMAT = /^[0-9A-Z]{16}$/;
/** The receipt link's key: 32 hexadecimal characters. */
export const RECEIPT_KEY_FORMAT = /^[0-9a-f]{32}$/;
/** The last four digits of the applicant's phone or ID number, as on the tracking page. */
export const VERIFY_FORMAT = /^\d{4}$/;
/** The reconciliation covers at most this many days at once. */
export const RECONCILIATION_MAX_DAYS = 366;

export const ZStartPayment = z.object({
  code: z.string().trim().regex(APPLICATION_CODE_PATTERN, 'payments.errors.code'),
  /** Without a signed-in applicant: the last four digits of the phone or ID number, as for tracking. */
  verify: z.string().trim().regex(VERIFY_FORMAT, 'applications.errors.verify').optional(),
  /** Paying at submission: which of the online channel's fees (0-based); needed when there are several. */
  feeIndex: z.coerce.number().int().min(0).max(49).optional(),
});
export type TStartPayment = z.output<typeof ZStartPayment>;

export const ZTxnRefParams = z.object({
  txnRef: z.string().regex(TXN_REF_FORMAT),
});
export const ZReceiptKeyQuery = z.object({
  k: z.string().regex(RECEIPT_KEY_FORMAT),
});

export const ZPaymentView = z.object({
  txnRef: z.string(),
  applicationCode: z.string(),
  procedureName: z.string(),
  purpose: z.enum(['fee_due', 'submission']),
  amountVnd: z.number().int(),
  status: z.enum(PAYMENT_STATUSES),
  applied: z.boolean(),
  createdAt: z.string(),
  expiresAt: z.string(),
  paidAt: z.string().nullable(),
  gatewayTransactionNo: z.string().nullable(),
  bankCode: z.string().nullable(),
  receiptNumber: z.string().nullable(),
  /** Where the payer goes to pay (only while the attempt is open). */
  payUrl: z.string().nullable(),
  /** The receipt (PDF) once paid. */
  receiptUrl: z.string().nullable(),
});

export const ZStartPaymentResponse = ZPaymentView.extend({
  /** The key of this payment's own pages and receipt, given only to whoever started it. */
  key: z.string(),
});

export const ZIpnAnswer = z.object({ RspCode: z.string(), Message: z.string() });

/** An IPN's query: whatever the gateway sends; the handler answers every shape with a code. */
export const ZIpnQuery = z.record(z.string(), z.unknown());

export const ZReconciliationQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

export const MISMATCH_KINDS = ['paid_not_applied', 'applied_twice', 'wrong_amount'] as const;
export type MismatchKind = (typeof MISMATCH_KINDS)[number];

const ZMoneyCell = z.object({ count: z.number().int(), amountVnd: z.number().int() });

export const ZReconciliation = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      day: z.string(),
      unit: z.string(),
      unitName: z.string(),
      procedureCode: z.string(),
      procedureName: z.string(),
      online: ZMoneyCell.meta({ description: 'Paid at the gateway (verified IPN).' }),
      applied: ZMoneyCell.meta({ description: 'Of those, credited to their application.' }),
      counter: ZMoneyCell.meta({ description: 'Recorded at the counter (cash or transfer).' }),
      exempted: z.number().int(),
      failed: z.number().int().meta({ description: 'Attempts that failed or were cancelled.' }),
      mismatches: z.number().int(),
    }),
  ),
  totals: z.object({
    online: ZMoneyCell,
    applied: ZMoneyCell,
    counter: ZMoneyCell,
    exempted: z.number().int(),
    failed: z.number().int(),
    mismatches: z.number().int(),
    rejectedCallbacks: z
      .number()
      .int()
      .meta({ description: 'Callbacks refused: forged or missing signature.' }),
  }),
  mismatches: z.array(
    z.object({
      kind: z.enum(MISMATCH_KINDS),
      day: z.string(),
      applicationCode: z.string(),
      procedureCode: z.string(),
      txnRef: z.string().nullable(),
      amountVnd: z.number().int().nullable(),
      detail: z.string(),
    }),
  ),
});
