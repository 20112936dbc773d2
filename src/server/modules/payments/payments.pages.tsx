// The payment pages: the pay form's target (/thanh-toan), a payment's page with the link to the gateway,
// the return page (/thanh-toan/ket-qua), the receipt (PDF), and the officers' reconciliation.
//
// The way to the gateway is a link on our own page, not a redirect from the form: the CSP allows forms
// to post only to this site (form-action 'self'), and browsers apply that to where a form's redirects
// lead too, so a 303 from the form straight to the gateway would be blocked.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, type FieldErrors, isAppError } from '../../../shared/errors.js';
import { RECEIPT_KEY_FORMAT, TXN_REF_FORMAT, ZStartPayment } from '../../../shared/payments/schema.js';
import { parseWith } from '../../../shared/validation.js';
import { presentPayment } from './payments.presenter.js';
import { handleReturn, isPayer, loadPayment, paymentsForVisitor, startPayment } from './payments.service.js';
import { buildPaymentReceiptPdf } from './receipt-pdf.js';
import { reconcile } from './reconciliation.js';
import { PAY_PATH, PAYMENT_RESULT_PATH, paymentPath, RECONCILIATION_PATH } from './views/paths.js';
import { PaymentPage, PaymentPanel, ResultPage, StartProblemPage } from './views/payment-pages.js';
import { ReconciliationPage } from './views/reconciliation-page.js';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};

/** The reference and key of a payment's address; anything else is an unknown payment. */
function paymentAddress(request: FastifyRequest): { txnRef: string; key: string } {
  const txnRef = text(record(request.params).txnRef);
  const key = text(record(request.query).k);
  if (!TXN_REF_FORMAT.test(txnRef) || !RECEIPT_KEY_FORMAT.test(key)) throw new AppError('PAYMENT_NOT_FOUND');
  return { txnRef, key };
}

export const paymentsPages: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;

  app.post(PAY_PATH, { schema: { hide: true } }, async (request, reply) => {
    const body = record(request.body);
    const values = {
      code: text(body.code).trim().toUpperCase().slice(0, 60),
      verify: text(body.verify).trim().slice(0, 20) || undefined,
      feeIndex: text(body.feeIndex).trim().slice(0, 5) || undefined,
    };
    const visitor = { actor: request.actor, code: values.code, verify: values.verify, ip: request.ip };
    const problem = async (errors: FieldErrors, status: number) => {
      const data = await paymentsForVisitor(deps, visitor);
      return reply.page(
        (ctx) =>
          data ? (
            <StartProblemPage
              ctx={ctx}
              code={values.code}
              errors={errors}
              mine={request.actor !== null && !values.verify}
            >
              <PaymentPanel ctx={ctx} code={values.code} data={data} verify={values.verify} errors={errors} />
            </StartProblemPage>
          ) : (
            <StartProblemPage ctx={ctx} code={values.code} errors={errors} mine={false} />
          ),
        status,
      );
    };
    const parsed = parseWith(ZStartPayment, values);
    if (!parsed.ok) return problem(parsed.fields, 400);
    if (!request.actor && !parsed.value.verify)
      return reply.redirect(`/login?next=${encodeURIComponent(`/ho-so/${parsed.value.code}`)}`, 303);
    try {
      const { payment, key } = await startPayment(deps, {
        ...parsed.value,
        actor: request.actor,
        ip: request.ip,
        locale: request.locale,
      });
      return reply.redirect(paymentPath(payment.txn_ref, key), 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === 'VALIDATION_FAILED' && error.options.fields)
        return problem(error.options.fields, error.status);
      if (error.code === 'NOTHING_TO_PAY') return problem({ code: { key: 'errors.NOTHING_TO_PAY' } }, 409);
      throw error;
    }
  });

  // Before /thanh-toan/:txnRef, so the gateway's return is never read as a payment reference.
  app.get(PAYMENT_RESULT_PATH, { schema: { hide: true } }, async (request, reply) => {
    const outcome = await handleReturn(deps, { query: request.query, ip: request.ip });
    if (outcome.kind !== 'found')
      return reply.page(
        (ctx) => <ResultPage ctx={ctx} outcome={outcome} mine={false} />,
        outcome.kind === 'invalid' ? 400 : 404,
      );
    const loaded = await loadPayment(deps, outcome.payment.txn_ref, outcome.key);
    return reply.page((ctx) => (
      <ResultPage
        ctx={ctx}
        outcome={{ kind: 'found', loaded, reported: outcome.reported }}
        mine={isPayer(request.actor, loaded.facts)}
      />
    ));
  });

  app.get(`${PAY_PATH}/:txnRef`, { schema: { hide: true } }, async (request, reply) => {
    const { txnRef, key } = paymentAddress(request);
    const loaded = await loadPayment(deps, txnRef, key);
    const view = presentPayment(deps.config, loaded.payment, loaded.facts, key, deps.clock.now());
    return reply.page((ctx) => (
      <PaymentPage
        ctx={ctx}
        loaded={loaded}
        payUrl={view.payUrl}
        mine={isPayer(request.actor, loaded.facts)}
      />
    ));
  });

  app.get(`${PAY_PATH}/:txnRef/bien-lai.pdf`, { schema: { hide: true } }, async (request, reply) => {
    const { txnRef, key } = paymentAddress(request);
    const loaded = await loadPayment(deps, txnRef, key);
    if (loaded.payment.status !== 'succeeded') throw new AppError('PAYMENT_NOT_FOUND');
    const pdf = await buildPaymentReceiptPdf({
      payment: loaded.payment,
      facts: loaded.facts,
      publicUrl: deps.config.publicUrl,
    });
    return reply
      .header('content-type', 'application/pdf')
      .header(
        'content-disposition',
        `inline; filename="bien-nhan-${loaded.payment.receipt_number ?? loaded.payment.txn_ref}.pdf"`,
      )
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });

  const signInFirst = (request: FastifyRequest, reply: FastifyReply): boolean => {
    if (request.actor) return false;
    void reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
    return true;
  };

  app.get(RECONCILIATION_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (signInFirst(request, reply)) return reply;
    const query = record(request.query);
    const values = { from: text(query.from).slice(0, 20), to: text(query.to).slice(0, 20) };
    try {
      const data = await reconcile(deps, request.actor, {
        from: values.from || undefined,
        to: values.to || undefined,
      });
      return reply.page((ctx) => (
        <ReconciliationPage ctx={ctx} values={{ from: data.from, to: data.to }} data={data} />
      ));
    } catch (error) {
      if (!isAppError(error) || error.code !== 'VALIDATION_FAILED') throw error;
      return reply.page(
        (ctx) => <ReconciliationPage ctx={ctx} values={values} data={null} errors={error.options.fields} />,
        400,
      );
    }
  });
};
