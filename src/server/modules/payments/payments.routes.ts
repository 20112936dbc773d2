// The payments API: start a payment, read one, the gateway's IPN, the reconciliation (JSON and XLSX).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZIpnAnswer,
  ZIpnQuery,
  ZPaymentView,
  ZReceiptKeyQuery,
  ZReconciliation,
  ZReconciliationQuery,
  ZStartPayment,
  ZStartPaymentResponse,
  ZTxnRefParams,
} from '../../../shared/payments/schema.js';
import { paymentKey } from './keys.js';
import { presentPayment } from './payments.presenter.js';
import { handleIpn, IPN_PATH, loadPayment, startPayment } from './payments.service.js';
import { reconcile, reconciliationXlsx } from './reconciliation.js';
import { RECONCILIATION_XLSX_PATH } from './views/paths.js';

export const paymentsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;

  app.post(
    '/api/v1/payments',
    {
      schema: {
        tags: ['payments'],
        summary:
          'Start paying what is due on an application (the fee asked at status 6, or the online fee right after submission): the applicant signed in, or with the tracking digits. An open payment for the same amount is returned again rather than a second one.',
        body: ZStartPayment,
        response: { 201: ZStartPaymentResponse },
      },
    },
    async (request, reply) => {
      const { payment } = await startPayment(deps, {
        ...request.body,
        actor: request.actor,
        ip: request.ip,
        locale: request.locale,
      });
      const key = paymentKey(deps.config, payment.txn_ref);
      const loaded = await loadPayment(deps, payment.txn_ref, key);
      return reply
        .code(201)
        .send({ ...presentPayment(deps.config, payment, loaded.facts, key, deps.clock.now()), key });
    },
  );

  app.get(
    '/api/v1/payments/reconciliation',
    {
      schema: {
        tags: ['payments'],
        summary:
          'Payments per day, receiving unit and procedure within the officer’s reach (online, credited, at the counter, exempted), with mismatches; the last seven days by default, at most 366',
        querystring: ZReconciliationQuery,
        response: { 200: ZReconciliation },
      },
    },
    async (request) => reconcile(deps, request.actor, request.query),
  );

  app.get(
    RECONCILIATION_XLSX_PATH,
    {
      schema: {
        tags: ['payments'],
        summary:
          'The same reconciliation as XLSX (a sheet per day, unit and procedure; a sheet of mismatches)',
        querystring: ZReconciliationQuery,
      },
    },
    async (request, reply) => {
      const data = await reconcile(deps, request.actor, request.query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="doi-soat-${data.from}-${data.to}.xlsx"`)
        .header('cache-control', 'private, no-store')
        .send(await reconciliationXlsx(data));
    },
  );

  // The gateway calls this server to server (GET, as the protocol says) and reads only the JSON answer,
  // so every shape of request gets one: 97 for a bad signature, 01 unknown order, 04 wrong amount,
  // 02 already settled, 00 confirmed, 99 anything unexpected.
  app.get(
    IPN_PATH,
    {
      schema: {
        tags: ['payments'],
        summary:
          'VNPay IPN (protocol 2.1.0): the signed vnp_* parameters of a transaction; answers {RspCode, Message}',
        querystring: ZIpnQuery,
        response: { 200: ZIpnAnswer },
      },
    },
    async (request) => handleIpn(deps, { query: request.query, ip: request.ip }),
  );

  app.get(
    '/api/v1/payments/:txnRef',
    {
      schema: {
        tags: ['payments'],
        summary: 'One payment, with the key its starter was given',
        params: ZTxnRefParams,
        querystring: ZReceiptKeyQuery,
        response: { 200: ZPaymentView },
      },
    },
    async (request) => {
      const loaded = await loadPayment(deps, request.params.txnRef, request.query.k);
      return presentPayment(deps.config, loaded.payment, loaded.facts, loaded.key, deps.clock.now());
    },
  );
};
