// The addresses of the payment pages, in one place so pages, redirects, e-mails and tests agree.
export const PAY_PATH = '/thanh-toan';
/** vnp_ReturnUrl: the payer's browser comes back here from the gateway. */
export const PAYMENT_RESULT_PATH = `${PAY_PATH}/ket-qua`;
export const RECONCILIATION_PATH = '/can-bo/doi-soat';
export const RECONCILIATION_XLSX_PATH = '/api/v1/payments/reconciliation.xlsx';

export const paymentPath = (txnRef: string, key: string) => `${PAY_PATH}/${txnRef}?k=${key}`;
export const paymentReceiptPath = (txnRef: string, key: string) =>
  `${PAY_PATH}/${txnRef}/bien-lai.pdf?k=${key}`;
