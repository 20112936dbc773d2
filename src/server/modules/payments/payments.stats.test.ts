import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { FixedClock } from '../../../shared/clock.js';
import { serviceIndex, summary } from '../stats/stats.service.js';
import {
  act,
  feeDue,
  type PaymentOffice,
  payAtSimulator,
  paymentOffice,
  startAsCitizen,
  submit,
  uploadPdf,
} from './payments.test-support.js';

describe('the national index’s online payment group', () => {
  const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));
  let t: TestApp;
  let office: PaymentOffice;
  const period = { unit: '123', from: '2026-03-01', to: '2026-03-02' };
  const group = async () =>
    (await serviceIndex(t.deps, period)).groups.find((g) => g.key === 'online_payment')!;

  beforeAll(async () => {
    t = await buildTestApp({
      clock,
      config: { homeUnitCode: '123', publicUrl: 'https://motcua.example.vn' },
    });
    office = await paymentOffice(t);
  });
  afterAll(() => t?.close());

  it('stays not applicable while the platform has taken no payment', async () => {
    await feeDue(t, office, 10_000);
    expect(await summary(t.deps, period)).toMatchObject({
      onlinePayment: null,
      onlinePaymentApplicable: false,
    });
    const g = await group();
    expect(g.applicable).toBe(false);
    expect(g.indicators.map((i) => `${i.key}:${i.reason}`)).toEqual([
      'procedures_paid_online:no_data',
      'applications_paid_online:no_data',
    ]);
  });

  it('scores the procedures and applications paid online once payments exist', async () => {
    // Paid online after an officer asked for the fee.
    const paidFee = await feeDue(t, office, 50_000);
    await payAtSimulator(t, (await startAsCitizen(t, office, paidFee.code)).payUrl, 'success');
    // Exempted: its fee came to zero.
    const exempted = await feeDue(t, office, 20_000);
    const fileId = await uploadPdf(t, office.cookies.counter!);
    const response = await act(t, office, 'counter', exempted, 'exempt_fee', {
      note: 'Miễn theo Nghị quyết của HĐND tỉnh.',
      fileIds: [fileId],
    });
    expect(response.statusCode, response.body).toBe(200);
    // Free online (the procedure charges only at the counter) and no fee asked: not counted.
    await submit(t, office);
    // The online fee at submission: one paid, one not yet.
    const paidAtSubmission = await submit(t, office, { procedureCode: office.onlineFees.code });
    await payAtSimulator(
      t,
      (await startAsCitizen(t, office, paidAtSubmission.code, { feeIndex: 0 })).payUrl,
      'success',
    );
    await submit(t, office, { procedureCode: office.onlineFees.code });

    const g = await group();
    expect(g.applicable).toBe(true);
    const [procedures, applications] = g.indicators;
    // Both procedures in the remit charge a fee, and both were paid online.
    expect(procedures).toMatchObject({
      applicable: true,
      numerator: 2,
      denominator: 2,
      value: 100,
      earned: 5,
    });
    // Charged: the first fee-due one (10,000, unpaid), the one paid, and the two of the online-fee
    // procedure; the exempted and the free ones are left out. Paid online and credited: two.
    expect(applications).toMatchObject({
      applicable: true,
      numerator: 2,
      denominator: 4,
      value: 50,
      target: 100,
    });
    expect(applications!.earned).toBe(2.5);
    expect(g.earned).toBe(7.5);
    // The statistics carry the same figures.
    const figures = await summary(t.deps, period);
    expect(figures.onlinePaymentApplicable).toBe(true);
    expect(figures.onlinePayment).toEqual({
      proceduresCharging: 2,
      proceduresPaidOnline: 2,
      proceduresRate: 100,
      applicationsCharged: 4,
      applicationsPaidOnline: 2,
      applicationsRate: 50,
    });
    const api = await t.inject({
      method: 'GET',
      url: '/api/v1/stats/summary?unit=123&from=2026-03-01&to=2026-03-02',
    });
    expect(api.statusCode, api.body).toBe(200);
    expect(api.json().onlinePayment).toMatchObject({ applicationsRate: 50 });
  });
});
