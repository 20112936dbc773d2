// Helpers the payment tests share: an office with a citizen, applications brought to "fee due", the
// simulator walked through as a browser would, and IPNs signed (or forged) by hand.
import { expect } from 'vitest';
import type { TestApp } from '../../../../test/helpers/app.js';
import { createOffice, createProcedure, TEST_PASSWORD } from '../../seed/factories.js';
import { signParams, toQuery } from './vnpay.js';

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export type Office = Awaited<ReturnType<typeof createOffice>>;

export interface Application {
  code: string;
  version: number;
}

/** An office (unit 123) whose procedure charges 8,000 đồng at the counter, and a second one charging online. */
export async function paymentOffice(t: TestApp) {
  const office = await createOffice(t.deps);
  const onlineFees = await createProcedure(t.deps, {
    agencyNames: [`Phòng thử ${office.unit.code}`],
    record: {
      channels: [
        {
          kind: 'online',
          timeLimit: { amount: 3, unit: 'working_days' },
          fees: [
            { kind: 'fee', amountVnd: 7000, description: 'Cá nhân, hộ gia đình' },
            { kind: 'fee', amountVnd: 5000, description: 'Theo danh sách, mỗi người' },
          ],
        },
      ],
    },
  });
  const cookies: Record<string, string> = {};
  for (const [who, user] of Object.entries(office.staff))
    cookies[who] = await t.login(user.username, TEST_PASSWORD);
  return { ...office, onlineFees, cookies };
}

export type PaymentOffice = Awaited<ReturnType<typeof paymentOffice>>;

export async function uploadPdf(t: TestApp, cookie: string, name = 'giay-to.pdf'): Promise<string> {
  const boundary = '----motcua-payments-test';
  const response = await t.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

/** The citizen applies online for `procedureCode` (the office's own by default). */
export async function submit(
  t: TestApp,
  office: PaymentOffice,
  options: { procedureCode?: string; email?: string | null } = {},
): Promise<Application> {
  const fileId = await uploadPdf(t, office.cookies.citizen!);
  const email = options.email === undefined ? 'dan@example.vn' : options.email;
  const response = await t.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: { cookie: office.cookies.citizen! },
    payload: {
      procedureCode: options.procedureCode ?? office.procedure.code,
      applicant: {
        fullName: 'Nguyễn Văn Dân',
        idNumber: '014090001234',
        phone: '0912345678',
        ...(email ? { email } : {}),
      },
      formData: { requestSummary: 'Đề nghị giải quyết.' },
      documents: [{ componentId: 'g1-1', fileId }],
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json();
  return { code: body.code, version: body.version };
}

/** One workflow action through the API, as `who`. */
export async function act(
  t: TestApp,
  office: PaymentOffice,
  who: string,
  application: Application,
  action: string,
  extra: Record<string, unknown> = {},
) {
  const response = await t.inject({
    method: 'POST',
    url: `/api/v1/applications/${application.code}/actions`,
    headers: { cookie: office.cookies[who]! },
    payload: { action, expectedVersion: application.version, ...extra },
  });
  if (response.statusCode === 200) application.version = response.json().version;
  return response;
}

/** Submitted, received, forwarded, assigned, and a fee of `amountVnd` asked: status 6. */
export async function feeDue(t: TestApp, office: PaymentOffice, amountVnd = 50_000): Promise<Application> {
  const application = await submit(t, office);
  for (const [who, action, extra] of [
    ['counter', 'accept', {}],
    ['counter', 'forward', {}],
    ['head', 'assign', { assignee: office.staff.specialist.username }],
    ['specialist', 'request_fee', { amountVnd, note: 'Lệ phí theo quy định.' }],
  ] as const) {
    const response = await act(t, office, who, application, action, extra);
    expect(response.statusCode, response.body).toBe(200);
  }
  return application;
}

export async function applicationRow(t: TestApp, code: string) {
  return t.deps.database.db
    .selectFrom('applications')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
}

export async function eventsOf(t: TestApp, code: string) {
  const row = await applicationRow(t, code);
  return t.deps.database.db
    .selectFrom('application_events')
    .selectAll()
    .where('application_id', '=', row.id)
    .orderBy('id')
    .execute();
}

/** Starts a payment through the API as the citizen; returns its view (txnRef, payUrl, key...). */
export async function startAsCitizen(
  t: TestApp,
  office: PaymentOffice,
  code: string,
  extra: Record<string, unknown> = {},
) {
  const response = await t.inject({
    method: 'POST',
    url: '/api/v1/payments',
    headers: { cookie: office.cookies.citizen! },
    payload: { code, ...extra },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { txnRef: string; payUrl: string; key: string; amountVnd: number };
}

/** A path (and query) of an absolute URL on the app. */
export const pathOf = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

/**
 * Goes through the simulator as the payer's browser would: opens the gateway's page, picks the
 * outcome, submits; the simulator sends the IPN (unless told not to) and answers with the redirect to
 * the return URL. Returns that return URL's path.
 */
export async function payAtSimulator(
  t: TestApp,
  payUrl: string,
  choice: 'success' | 'insufficient' | 'cancel',
  options: { ipn?: boolean } = {},
): Promise<string> {
  const page = await t.inject({ method: 'GET', url: pathOf(payUrl) });
  expect(page.statusCode, page.body).toBe(200);
  const q = /name="q" value="([^"]*)"/.exec(page.body)?.[1]?.replaceAll('&amp;', '&');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  const cookie = page.cookies.find((c) => c.name === 'csrf');
  expect(q && csrf && cookie).toBeTruthy();
  const form = new URLSearchParams({
    q: q!,
    choice,
    _csrf: csrf!,
    ...(options.ipn === false ? {} : { ipn: '1' }),
  });
  const submitted = await t.inject({
    method: 'POST',
    url: '/gateway-sim/paymentv2/pay',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `csrf=${cookie!.value}` },
    payload: form.toString(),
  });
  expect(submitted.statusCode, submitted.body).toBe(303);
  return pathOf(String(submitted.headers.location));
}

/** The gateway's callback parameters of a transaction, signed with `secret` (the merchant's, or not). */
export function signedResult(
  secret: string,
  input: {
    txnRef: string;
    amountVnd: number;
    responseCode?: string;
    transactionStatus?: string;
    transactionNo?: string;
    tmnCode?: string;
  },
): Record<string, string> {
  return signParams(
    {
      vnp_Amount: String(input.amountVnd * 100),
      vnp_BankCode: 'NCB',
      vnp_BankTranNo: 'VNP20000001',
      vnp_CardType: 'ATM',
      vnp_OrderInfo: 'Nop phi le phi',
      vnp_PayDate: '20260302103000',
      vnp_ResponseCode: input.responseCode ?? '00',
      vnp_TmnCode: input.tmnCode ?? 'MCDEMO01',
      vnp_TransactionNo: input.transactionNo ?? '20000001',
      vnp_TransactionStatus: input.transactionStatus ?? '00',
      vnp_TxnRef: input.txnRef,
    },
    secret,
  );
}

export async function sendIpn(t: TestApp, params: Record<string, string> | string) {
  const query = typeof params === 'string' ? params : toQuery(params);
  const response = await t.inject({ method: 'GET', url: `/api/v1/payments/vnpay/ipn?${query}` });
  expect(response.statusCode).toBe(200);
  return response.json() as { RspCode: string; Message: string };
}
