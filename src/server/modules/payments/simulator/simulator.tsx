// A local payment gateway speaking the same protocol as VNPay 2.1.0 (../vnpay.ts), so the whole payment
// flow runs on one machine with no outside network: it checks the signed pay request, lets a tester
// choose success, failure or cancel, sends the signed IPN (server to server) and sends the browser back
// to vnp_ReturnUrl. Served by the app under /gateway-sim when the built-in simulator is on (the demo),
// or on its own port by `npm run gateway:sim`. It keeps the last transactions in memory, so a tester
// can send an IPN again (a replay) from its index page. Not a real gateway: no money moves.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { type Child, renderDocument, type SafeHtml } from '../../../jsx/jsx-runtime.js';
import {
  callbackParams,
  parseVnpDate,
  RESPONSE_CANCELLED,
  signParams,
  toQuery,
  VNP_CURRENCY,
  VNP_MAX_AMOUNT_VND,
  VNP_MIN_AMOUNT_VND,
  VNP_VERSION,
  verifySignature,
  vnpDate,
} from '../vnpay.js';
import { SIMULATOR_CSS } from './simulator.css.js';

export interface SimulatorOptions {
  tmnCode: string;
  hashSecret: string;
  /** Where the IPN goes (the merchant registers it with the gateway; it is not in the request). */
  ipnUrl: string;
  /** Sends the IPN (a GET); by default over HTTP with fetch. */
  sendIpn?: ((url: string) => Promise<{ status: number; body: string }>) | undefined;
  now: () => Date;
  /** The path the simulator answers under, e.g. '/gateway-sim'. */
  prefix: string;
}

/** The tester's choices and what the gateway reports for each. */
export const SIM_CHOICES = {
  success: {
    responseCode: '00',
    transactionStatus: '00',
    label: 'Thanh toán thành công (thẻ NCB 9704 1985 2619 1432 198)',
  },
  insufficient: {
    responseCode: '51',
    transactionStatus: '02',
    label: 'Thất bại: tài khoản không đủ số dư (mã 51)',
  },
  cancel: {
    responseCode: RESPONSE_CANCELLED,
    transactionStatus: '02',
    label: 'Khách hàng hủy giao dịch (mã 24)',
  },
} as const;
export type SimChoice = keyof typeof SIM_CHOICES;

interface SimTransaction {
  at: Date;
  txnRef: string;
  amountVnd: number;
  choice: SimChoice;
  query: string;
  ipn: { status: number; body: string } | null;
}

/** What the gateway checks of a pay request, with its error codes (70 signature, 71 merchant, 03 format, 15 expired). */
export function checkPayRequest(
  params: Record<string, string>,
  options: { tmnCode: string; hashSecret: string; now: Date },
): { code: string; message: string } | null {
  if (!verifySignature(params, options.hashSecret))
    return { code: '70', message: 'Sai chữ ký (vnp_SecureHash).' };
  if (params.vnp_TmnCode !== options.tmnCode)
    return { code: '71', message: 'Website chưa được phê duyệt (vnp_TmnCode không đúng).' };
  const amount = Number(params.vnp_Amount);
  const problems = [
    params.vnp_Version !== VNP_VERSION && 'vnp_Version',
    params.vnp_Command !== 'pay' && 'vnp_Command',
    params.vnp_CurrCode !== VNP_CURRENCY && 'vnp_CurrCode',
    (!/^\d{1,12}$/.test(params.vnp_Amount ?? '') ||
      amount % 100 !== 0 ||
      amount / 100 < VNP_MIN_AMOUNT_VND ||
      amount / 100 > VNP_MAX_AMOUNT_VND) &&
      'vnp_Amount',
    !/^[0-9A-Za-z]{1,100}$/.test(params.vnp_TxnRef ?? '') && 'vnp_TxnRef',
    !params.vnp_OrderInfo && 'vnp_OrderInfo',
    !/^https?:\/\//.test(params.vnp_ReturnUrl ?? '') && 'vnp_ReturnUrl',
    !params.vnp_IpAddr && 'vnp_IpAddr',
    !parseVnpDate(params.vnp_CreateDate ?? '') && 'vnp_CreateDate',
    !['vn', 'en'].includes(params.vnp_Locale ?? '') && 'vnp_Locale',
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0)
    return { code: '03', message: `Dữ liệu gửi sang không đúng định dạng: ${problems.join(', ')}.` };
  const expires = params.vnp_ExpireDate ? parseVnpDate(params.vnp_ExpireDate) : null;
  if (params.vnp_ExpireDate && (!expires || expires.getTime() < options.now.getTime()))
    return { code: '15', message: 'Giao dịch đã quá thời gian chờ thanh toán (vnp_ExpireDate).' };
  return null;
}

/** The signed result of a transaction, as the IPN and the return URL carry it. */
export function resultParams(
  request: Record<string, string>,
  choice: SimChoice,
  input: { transactionNo: string; payDate: Date; hashSecret: string },
): Record<string, string> {
  const outcome = SIM_CHOICES[choice];
  const paid = choice === 'success';
  return signParams(
    {
      vnp_Amount: request.vnp_Amount ?? '',
      vnp_BankCode: paid ? 'NCB' : 'VNPAY',
      ...(paid ? { vnp_BankTranNo: `VNP${input.transactionNo}`, vnp_CardType: 'ATM' } : {}),
      vnp_OrderInfo: request.vnp_OrderInfo ?? '',
      vnp_PayDate: vnpDate(input.payDate),
      vnp_ResponseCode: outcome.responseCode,
      vnp_TmnCode: request.vnp_TmnCode ?? '',
      vnp_TransactionNo: choice === 'cancel' ? '0' : input.transactionNo,
      vnp_TransactionStatus: outcome.transactionStatus,
      vnp_TxnRef: request.vnp_TxnRef ?? '',
    },
    input.hashSecret,
  );
}

export async function fetchIpn(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: (await response.text()).slice(0, 500) };
}

const money = (amount: number) => `${new Intl.NumberFormat('vi-VN').format(amount)} VND`;

function Page({ title, children }: { title: string; children?: Child }) {
  return (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – Cổng thanh toán giả lập`}</title>
        <link rel="stylesheet" href="sim.css" />
        <link rel="icon" href="data:," />
      </head>
      <body>
        <header class="sim-header">
          <p class="sim-brand">Cổng thanh toán giả lập · giao thức VNPAY 2.1.0</p>
          <p class="sim-warning">Môi trường thử nghiệm: không có tiền thật nào được chuyển.</p>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}

/** The simulator's routes, under `options.prefix`. */
export function simulatorPlugin(options: SimulatorOptions): FastifyPluginAsync {
  return async (app) => {
    const sendIpn = options.sendIpn ?? fetchIpn;
    const recent: SimTransaction[] = [];
    let sequence = 14_000_000 + Math.floor(Math.random() * 900_000);
    const base = options.prefix;
    const send = (reply: FastifyReply, html: SafeHtml, status = 200) =>
      reply
        .status(status)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(renderDocument(html));
    const csrfOf = (request: FastifyRequest) => (request as { csrfToken?: string }).csrfToken;
    const CsrfInput = ({ request }: { request: FastifyRequest }) => {
      const token = csrfOf(request);
      return token ? <input type="hidden" name="_csrf" value={token} /> : null;
    };

    app.get(`${base}/paymentv2/sim.css`, { schema: { hide: true } }, async (_request, reply) =>
      reply.header('content-type', 'text/css; charset=utf-8').send(SIMULATOR_CSS),
    );
    app.get(`${base}/sim.css`, { schema: { hide: true } }, async (_request, reply) =>
      reply.header('content-type', 'text/css; charset=utf-8').send(SIMULATOR_CSS),
    );

    app.get(`${base}/paymentv2/vpcpay.html`, { schema: { hide: true } }, async (request, reply) => {
      const params = callbackParams(request.query) ?? {};
      const problem = checkPayRequest(params, { ...options, now: options.now() });
      if (problem)
        return send(
          reply,
          <Page title="Giao dịch không hợp lệ">
            <h1>Giao dịch không hợp lệ</h1>
            <p class="sim-error">
              Mã lỗi {problem.code}: {problem.message}
            </p>
          </Page>,
          400,
        );
      const query = new URL(request.url, 'http://sim').search.slice(1);
      return send(
        reply,
        <Page title="Thanh toán">
          <h1>Thanh toán đơn hàng</h1>
          <dl class="sim-facts">
            <dt>Nhà cung cấp (vnp_TmnCode)</dt>
            <dd>{params.vnp_TmnCode}</dd>
            <dt>Số tiền</dt>
            <dd>
              <strong>{money(Number(params.vnp_Amount) / 100)}</strong>
            </dd>
            <dt>Nội dung</dt>
            <dd>{params.vnp_OrderInfo}</dd>
            <dt>Mã giao dịch (vnp_TxnRef)</dt>
            <dd>{params.vnp_TxnRef}</dd>
          </dl>
          <form method="post" action="pay">
            <CsrfInput request={request} />
            <input type="hidden" name="q" value={query} />
            <fieldset>
              <legend>Kết quả muốn thử</legend>
              {(Object.keys(SIM_CHOICES) as SimChoice[]).map((choice, index) => (
                <div class="sim-choice">
                  <input
                    type="radio"
                    id={`choice-${choice}`}
                    name="choice"
                    value={choice}
                    checked={index === 0}
                  />
                  <label for={`choice-${choice}`}>{SIM_CHOICES[choice].label}</label>
                </div>
              ))}
            </fieldset>
            <div class="sim-choice">
              <input type="checkbox" id="send-ipn" name="ipn" value="1" checked />
              <label for="send-ipn">
                Gửi IPN đến máy chủ của nhà cung cấp (bỏ chọn để thử trường hợp chỉ có return URL)
              </label>
            </div>
            <button type="submit" class="sim-button">
              Xác nhận
            </button>
          </form>
        </Page>,
      );
    });

    app.post(`${base}/paymentv2/pay`, { schema: { hide: true } }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const q = typeof body.q === 'string' ? body.q.slice(0, 8000) : '';
      const params = callbackParams(Object.fromEntries(new URLSearchParams(q))) ?? {};
      const problem = checkPayRequest(params, { ...options, now: options.now() });
      const choice =
        typeof body.choice === 'string' && body.choice in SIM_CHOICES ? (body.choice as SimChoice) : null;
      if (problem || !choice)
        return send(
          reply,
          <Page title="Giao dịch không hợp lệ">
            <h1>Giao dịch không hợp lệ</h1>
            <p class="sim-error">
              {problem ? `Mã lỗi ${problem.code}: ${problem.message}` : 'Chưa chọn kết quả.'}
            </p>
          </Page>,
          400,
        );
      sequence += 1;
      const signed = resultParams(params, choice, {
        transactionNo: String(sequence),
        payDate: options.now(),
        hashSecret: options.hashSecret,
      });
      const query = toQuery(signed);
      const transaction: SimTransaction = {
        at: options.now(),
        txnRef: params.vnp_TxnRef ?? '',
        amountVnd: Number(params.vnp_Amount) / 100,
        choice,
        query,
        ipn: null,
      };
      recent.unshift(transaction);
      recent.splice(50);
      if (body.ipn === '1') {
        transaction.ipn = await sendIpn(`${options.ipnUrl}?${query}`).catch((error: unknown) => ({
          status: 0,
          body: error instanceof Error ? error.message : String(error),
        }));
        request.log.info({ txnRef: transaction.txnRef, ipn: transaction.ipn }, 'simulator sent the IPN');
      }
      return reply.redirect(`${params.vnp_ReturnUrl}?${query}`, 303);
    });

    // The tester's view: the last transactions, the merchant's answer to each IPN, and a replay button.
    app.get(`${base}/`, { schema: { hide: true } }, async (request, reply) =>
      send(
        reply,
        <Page title="Giao dịch gần đây">
          <h1>Giao dịch gần đây</h1>
          <p>IPN gửi đến: {options.ipnUrl}</p>
          {recent.length === 0 ? <p>Chưa có giao dịch nào.</p> : null}
          <ul class="sim-list">
            {recent.map((t, index) => (
              <li>
                <strong>{t.txnRef}</strong> · {money(t.amountVnd)} · {SIM_CHOICES[t.choice].label}
                <br />
                IPN: {t.ipn ? `HTTP ${t.ipn.status} ${t.ipn.body}` : 'chưa gửi'}
                <form method="post" action="ipn">
                  <CsrfInput request={request} />
                  <input type="hidden" name="index" value={String(index)} />
                  <button type="submit" class="sim-button">
                    Gửi lại IPN
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </Page>,
      ),
    );

    app.post(`${base}/ipn`, { schema: { hide: true } }, async (request, reply) => {
      const index = Number((request.body as Record<string, unknown> | undefined)?.index);
      const transaction = Number.isInteger(index) ? recent[index] : undefined;
      if (transaction)
        transaction.ipn = await sendIpn(`${options.ipnUrl}?${transaction.query}`).catch((error: unknown) => ({
          status: 0,
          body: error instanceof Error ? error.message : String(error),
        }));
      return reply.redirect(`${base}/`, 303);
    });
  };
}
