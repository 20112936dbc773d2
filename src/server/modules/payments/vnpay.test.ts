import { describe, expect, it } from 'vitest';
import {
  callbackParams,
  IPN_ANSWERS,
  orderInfoText,
  outcomeOf,
  parseVnpDate,
  paymentParams,
  paymentUrl,
  readResult,
  signData,
  signParams,
  toQuery,
  verifySignature,
  vnpDate,
  vnpEncode,
} from './vnpay.js';

// The expected strings and hashes below were computed outside this code: the signed text with
// Python's urllib.parse.quote_plus(…, safe='') over the sorted names, the HMAC-SHA512 with both
// Python's hmac module and `openssl dgst -sha512 -hmac` (which agreed).
const SECRET = 'TESTSECRETTESTSECRETTESTSECRET12';

const REQUEST = {
  tmnCode: 'MCDEMO01',
  amountVnd: 50_000,
  txnRef: '2603020001ABCDEF',
  orderInfo: 'Nop phi ho so 000.00.01.H14-260302-0001',
  locale: 'vi' as const,
  returnUrl: 'https://motcua.example.vn/thanh-toan/ket-qua',
  ipAddr: '127.0.0.1',
  createDate: '20260302090000',
  expireDate: '20260302091500',
};
const REQUEST_DATA =
  'vnp_Amount=5000000&vnp_Command=pay&vnp_CreateDate=20260302090000&vnp_CurrCode=VND&vnp_ExpireDate=20260302091500&vnp_IpAddr=127.0.0.1&vnp_Locale=vn&vnp_OrderInfo=Nop+phi+ho+so+000.00.01.H14-260302-0001&vnp_OrderType=other&vnp_ReturnUrl=https%3A%2F%2Fmotcua.example.vn%2Fthanh-toan%2Fket-qua&vnp_TmnCode=MCDEMO01&vnp_TxnRef=2603020001ABCDEF&vnp_Version=2.1.0';
const REQUEST_HASH =
  'dd149880fe794713b0b127b4225ebbb44d9a772d4fb2147086e6019ec5bf5912adccbd757eec85f4d5cad12e9d8175cfd7d112848577ca9ab04b0281b24746f0';

const IPN: Record<string, string> = {
  vnp_Amount: '5000000',
  vnp_BankCode: 'NCB',
  vnp_BankTranNo: 'VNP14226112',
  vnp_CardType: 'ATM',
  vnp_OrderInfo: 'Nộp phí hồ sơ',
  vnp_PayDate: '20260302090512',
  vnp_ResponseCode: '00',
  vnp_TmnCode: 'MCDEMO01',
  vnp_TransactionNo: '14226112',
  vnp_TransactionStatus: '00',
  vnp_TxnRef: '2603020001ABCDEF',
  vnp_SecureHashType: 'HmacSHA512',
};
const IPN_DATA =
  'vnp_Amount=5000000&vnp_BankCode=NCB&vnp_BankTranNo=VNP14226112&vnp_CardType=ATM&vnp_OrderInfo=N%E1%BB%99p+ph%C3%AD+h%E1%BB%93+s%C6%A1&vnp_PayDate=20260302090512&vnp_ResponseCode=00&vnp_TmnCode=MCDEMO01&vnp_TransactionNo=14226112&vnp_TransactionStatus=00&vnp_TxnRef=2603020001ABCDEF';
const IPN_HASH =
  '397a8e8bcef38aaea11da406adc9a8a676642e51fe42fecd2e2d9657d1a81859ba23cb428a5cffa96fc79c714a4b497acbb22a39c93d39e6ee66514135389435';

describe('the VNPay 2.1.0 protocol', () => {
  it('encodes values as the official examples do: UTF-8, capitals, spaces as +, only - _ . left alone', () => {
    expect(vnpEncode('Nộp phí')).toBe('N%E1%BB%99p+ph%C3%AD');
    expect(vnpEncode('https://a.vn/x?y=1&z')).toBe('https%3A%2F%2Fa.vn%2Fx%3Fy%3D1%26z');
    expect(vnpEncode("a*b~c!d'e(f)g h-_.")).toBe('a%2Ab%7Ec%21d%27e%28f%29g+h-_.');
  });

  it('builds the pay request with every parameter of the guide, the amount in VND times 100', () => {
    const params = paymentParams(REQUEST);
    expect(params).toEqual({
      vnp_Version: '2.1.0',
      vnp_Command: 'pay',
      vnp_TmnCode: 'MCDEMO01',
      vnp_Amount: '5000000',
      vnp_CurrCode: 'VND',
      vnp_TxnRef: '2603020001ABCDEF',
      vnp_OrderInfo: 'Nop phi ho so 000.00.01.H14-260302-0001',
      vnp_OrderType: 'other',
      vnp_Locale: 'vn',
      vnp_ReturnUrl: 'https://motcua.example.vn/thanh-toan/ket-qua',
      vnp_IpAddr: '127.0.0.1',
      vnp_CreateDate: '20260302090000',
      vnp_ExpireDate: '20260302091500',
    });
    expect(paymentParams({ ...REQUEST, locale: 'en', bankCode: 'NCB' })).toMatchObject({
      vnp_Locale: 'en',
      vnp_BankCode: 'NCB',
    });
  });

  it('signs the sorted, encoded parameters with HMAC-SHA512 (fixed vector)', () => {
    const params = paymentParams(REQUEST);
    expect(signData(params)).toBe(REQUEST_DATA);
    expect(signParams(params, SECRET).vnp_SecureHash).toBe(REQUEST_HASH);
    const url = paymentUrl('https://sandbox.example/paymentv2/vpcpay.html', REQUEST, SECRET);
    expect(url).toBe(
      `https://sandbox.example/paymentv2/vpcpay.html?${REQUEST_DATA}&vnp_SecureHash=${REQUEST_HASH}`,
    );
  });

  it('verifies a callback, leaving vnp_SecureHashType out of the signed text (fixed vector)', () => {
    expect(signData(IPN)).toBe(IPN_DATA);
    const signed = { ...IPN, vnp_SecureHash: IPN_HASH };
    expect(verifySignature(signed, SECRET)).toBe(true);
    // The gateway may send the hash in capitals.
    expect(verifySignature({ ...IPN, vnp_SecureHash: IPN_HASH.toUpperCase() }, SECRET)).toBe(true);
  });

  it('refuses a missing, malformed or forged signature, a changed field, another secret', () => {
    const signed = { ...IPN, vnp_SecureHash: IPN_HASH };
    expect(verifySignature(IPN, SECRET)).toBe(false);
    expect(verifySignature({ ...IPN, vnp_SecureHash: 'abc' }, SECRET)).toBe(false);
    expect(verifySignature({ ...IPN, vnp_SecureHash: '0'.repeat(128) }, SECRET)).toBe(false);
    expect(verifySignature({ ...signed, vnp_Amount: '50000000' }, SECRET)).toBe(false);
    expect(verifySignature({ ...signed, vnp_ResponseCode: '24' }, SECRET)).toBe(false);
    expect(verifySignature({ ...signed, vnp_Extra: 'x' }, SECRET)).toBe(false);
    expect(verifySignature(signed, `${SECRET}X`)).toBe(false);
  });

  it('leaves empty values out of the signed text, and puts the hash last in the query', () => {
    expect(signData({ vnp_B: '2', vnp_A: '', vnp_C: '3', other: 'x' })).toBe('vnp_B=2&vnp_C=3');
    expect(toQuery({ vnp_B: '2', vnp_A: '1', vnp_SecureHash: 'ff' })).toBe(
      'vnp_A=1&vnp_B=2&vnp_SecureHash=ff',
    );
  });

  it('writes and reads dates as yyyyMMddHHmmss in GMT+7', () => {
    const moment = new Date('2026-03-02T02:00:00Z');
    expect(vnpDate(moment)).toBe('20260302090000');
    expect(vnpDate(new Date('2026-12-31T17:30:05Z'))).toBe('20270101003005');
    expect(parseVnpDate('20260302090000')?.toISOString()).toBe(moment.toISOString());
    expect(parseVnpDate('20260230090000')).toBeNull();
    expect(parseVnpDate('2026030209')).toBeNull();
  });

  it('writes order information without diacritics or special characters', () => {
    expect(orderInfoText('Nộp lệ phí hồ sơ 000.00.01.H14-260302-0001 (Đăng ký tạm trú) & "x"')).toBe(
      'Nop le phi ho so 000.00.01.H14-260302-0001 Dang ky tam tru x',
    );
  });

  it('reads the result: paid only when the response code and the transaction status both say 00', () => {
    const result = readResult(IPN);
    expect(result).toMatchObject({
      txnRef: '2603020001ABCDEF',
      amount: 5_000_000,
      transactionNo: '14226112',
      bankCode: 'NCB',
    });
    expect(result?.payDate?.toISOString()).toBe('2026-03-02T02:05:12.000Z');
    expect(outcomeOf(result!)).toBe('succeeded');
    expect(outcomeOf({ ...result!, transactionStatus: '02' })).toBe('failed');
    expect(outcomeOf({ ...result!, responseCode: '24', transactionStatus: '02' })).toBe('cancelled');
    expect(outcomeOf({ ...result!, responseCode: '51', transactionStatus: '02' })).toBe('failed');
    expect(readResult({ ...IPN, vnp_Amount: '12.5' })).toBeNull();
    expect(readResult({ ...IPN, vnp_TxnRef: '' })).toBeNull();
    expect(readResult({ ...IPN, vnp_ResponseCode: '' })).toBeNull();
  });

  it('answers an IPN with the codes of the guide', () => {
    expect(Object.values(IPN_ANSWERS).map((a) => a.RspCode)).toEqual(['00', '01', '02', '04', '97', '99']);
    expect(IPN_ANSWERS.confirmed.Message).toBe('Confirm Success');
  });

  it('keeps only single vnp_* text values of a query', () => {
    expect(callbackParams({ vnp_A: '1', other: 'x' })).toEqual({ vnp_A: '1' });
    expect(callbackParams({ vnp_A: ['1', '2'] })).toBeNull();
    expect(callbackParams(undefined)).toEqual({});
    const many = Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`vnp_${i}`, 'x']));
    expect(callbackParams(many)).toBeNull();
  });
});
