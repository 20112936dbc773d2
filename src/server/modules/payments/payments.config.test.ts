import { describe, expect, it } from 'vitest';
import { DEMO_VNPAY_HASH_SECRET, loadConfig } from '../../config.js';
import { gatewayPayUrl, ipnUrl, returnUrl } from './payments.service.js';

describe('payment gateway configuration', () => {
  it('uses the built-in simulator with demo values when no gateway is configured', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://motcua.example.vn' });
    expect(config.vnpay).toMatchObject({
      payUrl: null,
      simulator: true,
      tmnCode: 'MCDEMO01',
      expireMinutes: 15,
    });
    expect(gatewayPayUrl(config)).toBe('https://motcua.example.vn/gateway-sim/paymentv2/vpcpay.html');
    expect(returnUrl(config)).toBe('https://motcua.example.vn/thanh-toan/ket-qua');
    expect(ipnUrl(config)).toBe('https://motcua.example.vn/api/v1/payments/vnpay/ipn');
  });

  it('takes the merchant code, secret and gateway from the environment, and then serves no simulator', () => {
    const config = loadConfig({
      VNPAY_TMN_CODE: 'ABCD1234',
      VNPAY_HASH_SECRET: 'A'.repeat(32),
      VNPAY_PAY_URL: 'https://sandbox.vnpayment.vn/paymentv2/vpcpay.html',
    });
    expect(config.vnpay).toMatchObject({
      tmnCode: 'ABCD1234',
      hashSecret: 'A'.repeat(32),
      payUrl: 'https://sandbox.vnpayment.vn/paymentv2/vpcpay.html',
      simulator: false,
    });
    expect(gatewayPayUrl(config)).toBe('https://sandbox.vnpayment.vn/paymentv2/vpcpay.html');
    expect(
      loadConfig({ VNPAY_HASH_SECRET: 'A'.repeat(32), VNPAY_PAY_URL: 'https://x.example/p', VNPAY_SIM: 'on' })
        .vnpay.simulator,
    ).toBe(true);
  });

  it('refuses the demo secret with a real gateway, and malformed values', () => {
    expect(() => loadConfig({ VNPAY_PAY_URL: 'https://sandbox.vnpayment.vn/paymentv2/vpcpay.html' })).toThrow(
      /VNPAY_HASH_SECRET/,
    );
    expect(() =>
      loadConfig({ VNPAY_PAY_URL: 'https://x.example/p', VNPAY_HASH_SECRET: DEMO_VNPAY_HASH_SECRET }),
    ).toThrow(/VNPAY_HASH_SECRET/);
    // The standalone simulator keeps the demo values.
    expect(
      loadConfig({ VNPAY_PAY_URL: 'http://localhost:3099/gateway-sim/paymentv2/vpcpay.html' }).vnpay
        .simulator,
    ).toBe(false);
    expect(() => loadConfig({ VNPAY_TMN_CODE: 'short' })).toThrow(/VNPAY_TMN_CODE/);
    expect(() => loadConfig({ VNPAY_HASH_SECRET: 'short' })).toThrow(/VNPAY_HASH_SECRET/);
    expect(() =>
      loadConfig({ VNPAY_PAY_URL: 'ftp://x.example/p', VNPAY_HASH_SECRET: 'A'.repeat(32) }),
    ).toThrow(/VNPAY_PAY_URL/);
  });
});
