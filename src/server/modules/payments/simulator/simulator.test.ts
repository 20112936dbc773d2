import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentUrl, signData, verifySignature } from '../vnpay.js';
import { simulatorPlugin } from './simulator.js';

const SECRET = 'SIMULATORTESTSECRETSIMULATORTEST';
const NOW = new Date('2026-03-02T02:00:00Z');

describe('the payment gateway simulator on its own', () => {
  let app: FastifyInstance;
  const sent: string[] = [];
  const request = {
    tmnCode: 'SIMTEST1',
    amountVnd: 50_000,
    txnRef: '260302ABCDEFGHIJ',
    orderInfo: 'Nop phi le phi ho so',
    locale: 'vi' as const,
    returnUrl: 'https://merchant.example/thanh-toan/ket-qua',
    ipAddr: '127.0.0.1',
    createDate: '20260302090000',
    expireDate: '20260302091500',
  };
  const path = (url: string) => url.slice(url.indexOf('/gateway-sim'));

  beforeAll(async () => {
    app = Fastify({ logger: false });
    await app.register(formbody);
    await app.register(
      simulatorPlugin({
        tmnCode: 'SIMTEST1',
        hashSecret: SECRET,
        ipnUrl: 'https://merchant.example/api/v1/payments/vnpay/ipn',
        now: () => NOW,
        prefix: '/gateway-sim',
        sendIpn: async (url) => {
          sent.push(url);
          return { status: 200, body: '{"RspCode":"00","Message":"Confirm Success"}' };
        },
      }),
    );
    await app.ready();
  });
  afterAll(() => app.close());

  it('shows the order and the three outcomes for a well-signed request', async () => {
    const url = paymentUrl('https://sim.example/gateway-sim/paymentv2/vpcpay.html', request, SECRET);
    const page = await app.inject({ method: 'GET', url: path(url) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('50.000 VND');
    expect(page.body).toContain('260302ABCDEFGHIJ');
    expect(page.body.match(/name="choice"/g)).toHaveLength(3);
  });

  it('refuses a bad signature (70), another merchant (71), bad data (03) and an expired request (15)', async () => {
    const good = paymentUrl('https://sim.example/gateway-sim/paymentv2/vpcpay.html', request, SECRET);
    const cases: [string, string][] = [
      [good.replace('vnp_Amount=5000000', 'vnp_Amount=500000'), 'Mã lỗi 70'],
      [
        paymentUrl(
          'https://sim.example/gateway-sim/paymentv2/vpcpay.html',
          { ...request, tmnCode: 'OTHER001' },
          SECRET,
        ),
        'Mã lỗi 71',
      ],
      [
        paymentUrl(
          'https://sim.example/gateway-sim/paymentv2/vpcpay.html',
          { ...request, amountVnd: 100 },
          SECRET,
        ),
        'Mã lỗi 03',
      ],
      [
        paymentUrl(
          'https://sim.example/gateway-sim/paymentv2/vpcpay.html',
          { ...request, expireDate: '20260302085959' },
          SECRET,
        ),
        'Mã lỗi 15',
      ],
      ['https://sim.example/gateway-sim/paymentv2/vpcpay.html', 'Mã lỗi 70'],
    ];
    for (const [url, message] of cases) {
      const page = await app.inject({ method: 'GET', url: path(url) });
      expect(page.statusCode, url).toBe(400);
      expect(page.body).toContain(message);
    }
  });

  it('signs the result, sends the IPN and sends the browser back to the return URL with the same parameters', async () => {
    const url = paymentUrl('https://sim.example/gateway-sim/paymentv2/vpcpay.html', request, SECRET);
    const q = new URL(url).search.slice(1);
    const response = await app.inject({
      method: 'POST',
      url: '/gateway-sim/paymentv2/pay',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ q, choice: 'success', ipn: '1' }).toString(),
    });
    expect(response.statusCode).toBe(303);
    const back = new URL(String(response.headers.location));
    expect(`${back.origin}${back.pathname}`).toBe(request.returnUrl);
    const params = Object.fromEntries(back.searchParams);
    expect(verifySignature(params, SECRET)).toBe(true);
    expect(params).toMatchObject({
      vnp_Amount: '5000000',
      vnp_ResponseCode: '00',
      vnp_TransactionStatus: '00',
      vnp_TxnRef: request.txnRef,
      vnp_TmnCode: 'SIMTEST1',
      vnp_PayDate: '20260302090000',
    });
    expect(sent).toHaveLength(1);
    const ipn = new URL(sent[0]!);
    expect(ipn.pathname).toBe('/api/v1/payments/vnpay/ipn');
    expect(signData(Object.fromEntries(ipn.searchParams))).toBe(signData(params));

    // Cancel: code 24, transaction number 0; without the IPN box, no IPN.
    const cancelled = await app.inject({
      method: 'POST',
      url: '/gateway-sim/paymentv2/pay',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ q, choice: 'cancel' }).toString(),
    });
    const cancelParams = Object.fromEntries(new URL(String(cancelled.headers.location)).searchParams);
    expect(cancelParams).toMatchObject({
      vnp_ResponseCode: '24',
      vnp_TransactionStatus: '02',
      vnp_TransactionNo: '0',
    });
    expect(sent).toHaveLength(1);

    // The index lists both; a replay sends the first IPN again.
    const index = await app.inject({ method: 'GET', url: '/gateway-sim/' });
    expect(index.body.match(/Gửi lại IPN/g)).toHaveLength(2);
    await app.inject({
      method: 'POST',
      url: '/gateway-sim/ipn',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'index=1',
    });
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
  });

  it('refuses a submission without a choice or with a forged request', async () => {
    const url = paymentUrl('https://sim.example/gateway-sim/paymentv2/vpcpay.html', request, SECRET);
    const q = new URL(url).search.slice(1);
    const bodies: Record<string, string>[] = [
      { q },
      { q: q.replace('5000000', '6000000'), choice: 'success' },
      { choice: 'x' },
    ];
    for (const body of bodies) {
      const response = await app.inject({
        method: 'POST',
        url: '/gateway-sim/paymentv2/pay',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(body).toString(),
      });
      expect(response.statusCode).toBe(400);
    }
  });
});
