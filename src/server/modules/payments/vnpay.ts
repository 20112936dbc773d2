// The VNPay payment gateway protocol, version 2.1.0, as its public integration guide describes it
// (sandbox.vnpayment.vn/apis/docs/thanh-toan-pay/pay.html): pure functions, no I/O, no configuration.
// The adapter (payments.service.ts) and the local simulator (simulator/) both speak through these.
//
//   merchant -> gateway   GET {payUrl}?vnp_Version=2.1.0&vnp_Command=pay&vnp_TmnCode=…&vnp_Amount=(VND×100)
//                         &vnp_CurrCode=VND&vnp_TxnRef=…&vnp_OrderInfo=…&vnp_OrderType=…&vnp_Locale=vn|en
//                         &vnp_ReturnUrl=…&vnp_IpAddr=…&vnp_CreateDate=yyyyMMddHHmmss&vnp_ExpireDate=…
//                         &vnp_SecureHash=HMAC-SHA512(secret, sorted and URL-encoded vnp_* parameters)
//   gateway -> merchant   GET {IPN URL}?vnp_Amount&vnp_BankCode&vnp_BankTranNo&vnp_CardType&vnp_OrderInfo
//                         &vnp_PayDate&vnp_ResponseCode&vnp_TmnCode&vnp_TransactionNo
//                         &vnp_TransactionStatus&vnp_TxnRef&vnp_SecureHash   (server to server)
//                         answered with JSON {"RspCode": "00", "Message": "Confirm Success"}
//   gateway -> browser    303 to vnp_ReturnUrl with the same parameters (for display only)
import { createHmac, timingSafeEqual } from 'node:crypto';

export const VNP_VERSION = '2.1.0';
export const VNP_COMMAND_PAY = 'pay';
export const VNP_CURRENCY = 'VND';
/** Goods category; "other" as in the guide's examples. */
export const VNP_ORDER_TYPE = 'other';
/** The gateway takes amounts from 5,000 đồng up to (not including) one billion. */
export const VNP_MIN_AMOUNT_VND = 5_000;
export const VNP_MAX_AMOUNT_VND = 999_999_999;
/** vnp_TxnRef: letters and digits (the gateway allows up to 100; ours are 16). */
export const TXN_REF_PATTERN = /^[0-9A-Z]{8,34}$/;

/** The parameters the signature never covers. */
const UNSIGNED = new Set(['vnp_SecureHash', 'vnp_SecureHashType']);

/**
 * URL encoding as the guide's examples do it (PHP's urlencode, Java's URLEncoder, .NET's
 * WebUtility.UrlEncode): UTF-8, every byte but A–Z a–z 0–9 - _ . percent-encoded in capitals, a space
 * as '+'. (The examples differ only on * ~ ! ' ( ), which never occur in what we sign.)
 */
export function vnpEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** The signed text: the vnp_* parameters but the hash, non-empty, sorted by name, encoded, joined with '&'. */
export function signData(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((key) => key.startsWith('vnp_') && !UNSIGNED.has(key) && params[key] !== '')
    .sort()
    .map((key) => `${vnpEncode(key)}=${vnpEncode(params[key]!)}`)
    .join('&');
}

/** HMAC-SHA512 of `data` with the merchant's secret, lower-case hex. */
export function hmacSha512(secret: string, data: string): string {
  return createHmac('sha512', Buffer.from(secret, 'utf8')).update(Buffer.from(data, 'utf8')).digest('hex');
}

/** The parameters with their vnp_SecureHash. */
export function signParams(params: Record<string, string>, secret: string): Record<string, string> {
  return { ...params, vnp_SecureHash: hmacSha512(secret, signData(params)) };
}

/** The query string: the signed parameters in signing order, the hash last. */
export function toQuery(signed: Record<string, string>): string {
  const data = signData(signed);
  const hash = signed.vnp_SecureHash;
  return hash ? `${data}&vnp_SecureHash=${hash}` : data;
}

/** Whether vnp_SecureHash is the HMAC of the other parameters (compared in constant time, any case). */
export function verifySignature(params: Record<string, string>, secret: string): boolean {
  const given = params.vnp_SecureHash;
  if (!given || !/^[0-9a-fA-F]{128}$/.test(given)) return false;
  const expected = Buffer.from(hmacSha512(secret, signData(params)), 'hex');
  return timingSafeEqual(expected, Buffer.from(given.toLowerCase(), 'hex'));
}

/** yyyyMMddHHmmss in Vietnam's time (GMT+7), the gateway's date format. */
export function vnpDate(moment: Date): string {
  const d = new Date(moment.getTime() + 7 * 3600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
}

/** The moment a yyyyMMddHHmmss (GMT+7) stands for; null when it is not a real date and time. */
export function parseVnpDate(text: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const moment = new Date(Date.UTC(y, mo - 1, d, h - 7, mi, s));
  return vnpDate(moment) === text ? moment : null;
}

/**
 * Order information as the gateway wants it: Vietnamese without diacritics, no special characters
 * (letters, digits, spaces and - . : , / only), at most 255 characters.
 */
export function orderInfoText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^0-9A-Za-z .:,/-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 255);
}

export interface PaymentRequest {
  tmnCode: string;
  amountVnd: number;
  txnRef: string;
  orderInfo: string;
  locale: 'vi' | 'en';
  returnUrl: string;
  ipAddr: string;
  /** yyyyMMddHHmmss, GMT+7. */
  createDate: string;
  expireDate: string;
  bankCode?: string | undefined;
}

/** The request parameters of a payment (vnp_Command=pay), not yet signed. */
export function paymentParams(request: PaymentRequest): Record<string, string> {
  return {
    vnp_Version: VNP_VERSION,
    vnp_Command: VNP_COMMAND_PAY,
    vnp_TmnCode: request.tmnCode,
    vnp_Amount: String(request.amountVnd * 100),
    vnp_CurrCode: VNP_CURRENCY,
    vnp_TxnRef: request.txnRef,
    vnp_OrderInfo: orderInfoText(request.orderInfo),
    vnp_OrderType: VNP_ORDER_TYPE,
    vnp_Locale: request.locale === 'vi' ? 'vn' : 'en',
    vnp_ReturnUrl: request.returnUrl,
    vnp_IpAddr: request.ipAddr,
    vnp_CreateDate: request.createDate,
    vnp_ExpireDate: request.expireDate,
    ...(request.bankCode ? { vnp_BankCode: request.bankCode } : {}),
  };
}

/** The signed URL the payer's browser is sent to. */
export function paymentUrl(payUrl: string, request: PaymentRequest, secret: string): string {
  return `${payUrl}?${toQuery(signParams(paymentParams(request), secret))}`;
}

/** What the gateway reports of a transaction (IPN and return URL carry the same parameters). */
export interface GatewayResult {
  tmnCode: string;
  txnRef: string;
  /** vnp_Amount: VND × 100. */
  amount: number;
  responseCode: string;
  transactionStatus: string;
  transactionNo: string;
  bankCode: string;
  bankTranNo: string;
  cardType: string;
  /** vnp_PayDate; null when missing or not a date. */
  payDate: Date | null;
  orderInfo: string;
}

/** The result fields of a callback, or null when one the protocol requires is missing or malformed. */
export function readResult(params: Record<string, string>): GatewayResult | null {
  const get = (key: string) => params[key] ?? '';
  const amount = get('vnp_Amount');
  const txnRef = get('vnp_TxnRef');
  if (!/^\d{1,12}$/.test(amount) || !/^[0-9A-Za-z]{1,100}$/.test(txnRef)) return null;
  if (!/^\d{2}$/.test(get('vnp_ResponseCode'))) return null;
  return {
    tmnCode: get('vnp_TmnCode'),
    txnRef,
    amount: Number(amount),
    responseCode: get('vnp_ResponseCode'),
    transactionStatus: get('vnp_TransactionStatus'),
    transactionNo: get('vnp_TransactionNo'),
    bankCode: get('vnp_BankCode'),
    bankTranNo: get('vnp_BankTranNo'),
    cardType: get('vnp_CardType'),
    payDate: parseVnpDate(get('vnp_PayDate')),
    orderInfo: get('vnp_OrderInfo'),
  };
}

/** vnp_ResponseCode 24: the customer cancelled the transaction. */
export const RESPONSE_CANCELLED = '24';

/** Paid only when both the response code and the transaction status say 00. */
export function outcomeOf(result: GatewayResult): 'succeeded' | 'cancelled' | 'failed' {
  if (result.responseCode === '00' && result.transactionStatus === '00') return 'succeeded';
  return result.responseCode === RESPONSE_CANCELLED ? 'cancelled' : 'failed';
}

/** The merchant's answers to an IPN, as the guide lists them. */
export const IPN_ANSWERS = {
  confirmed: { RspCode: '00', Message: 'Confirm Success' },
  orderNotFound: { RspCode: '01', Message: 'Order not found' },
  alreadyConfirmed: { RspCode: '02', Message: 'Order already confirmed' },
  invalidAmount: { RspCode: '04', Message: 'invalid amount' },
  invalidSignature: { RspCode: '97', Message: 'Invalid signature' },
  unknownError: { RspCode: '99', Message: 'Unknown error' },
} as const;
export type IpnAnswer = (typeof IPN_ANSWERS)[keyof typeof IPN_ANSWERS];

/**
 * The query of a callback as one string per name, or null when a name repeats or a value is not text
 * (nothing the gateway sends). Only vnp_* names are kept, at most 40 of them, values cut at 1,000 characters.
 */
export function callbackParams(query: unknown): Record<string, string> | null {
  if (!query || typeof query !== 'object') return {};
  const params: Record<string, string> = {};
  let count = 0;
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (!key.startsWith('vnp_')) continue;
    if (typeof value !== 'string') return null;
    if (++count > 40) return null;
    params[key.slice(0, 64)] = value.slice(0, 1000);
  }
  return params;
}

/**
 * A callback's query as received, for the record: at most 60 names, texts cut at 1,000 characters,
 * NUL characters (which no text column takes) shown as U+FFFD.
 */
export function rawParams(query: unknown): Record<string, string | string[]> {
  if (!query || typeof query !== 'object') return {};
  const clean = (text: string, max: number) => text.slice(0, max).replaceAll('\u0000', '\uFFFD');
  const cut = (v: unknown) => clean(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''), 1000);
  const raw: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(query as Record<string, unknown>).slice(0, 60))
    raw[clean(key, 64)] = Array.isArray(value) ? value.slice(0, 5).map(cut) : cut(value);
  return raw;
}
