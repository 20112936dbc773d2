import type { FieldErrors } from '../../../../shared/errors.js';
import { formatDateTime, formatNumber } from '../../../../shared/i18n/index.js';
import type { Child } from '../../../jsx/jsx-runtime.js';
import { Breadcrumbs, CsrfField, ErrorSummary, Notice } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { hasReceipt, type PaymentState, paymentState } from '../payments.presenter.js';
import type { PaymentRow } from '../payments.repository.js';
import type { ApplicationPayments, FeeOption } from '../payments.service.js';
import { VNP_MAX_AMOUNT_VND, VNP_MIN_AMOUNT_VND } from '../vnpay.js';
import { PAY_PATH, paymentPath, paymentReceiptPath } from './paths.js';

const money = (ctx: PageContext, amount: number) => formatNumber(ctx.locale, amount);

function FeeLabel({ ctx, option }: { ctx: PageContext; option: FeeOption }) {
  return (
    <>
      <strong>
        {option.kind ? `${ctx.t(`payments.feeKinds.${option.kind}`)}: ` : ''}
        {ctx.t('payments.amount', { amount: money(ctx, option.amountVnd) })}
      </strong>
      {option.description ? <span class="radio-hint">{option.description}</span> : null}
    </>
  );
}

/**
 * The fees panel of an application, on the applicant's pages and the tracking page: what was paid
 * (with its receipt), an attempt still open, and what is due with the button to pay it.
 */
export function PaymentPanel({
  ctx,
  code,
  data,
  verify,
  errors,
}: {
  ctx: PageContext;
  code: string;
  data: ApplicationPayments | null;
  /** On the tracking page: the four digits the visitor proved, sent again with the form. */
  verify?: string | undefined;
  errors?: FieldErrors | undefined;
}) {
  if (!data || (!data.due && data.payments.every((p) => p.payment.status !== 'succeeded'))) return null;
  const due = data.due;
  const payable = due?.options.filter((o) => o.payableOnline) ?? [];
  const open = data.payments.find(
    (p) => p.payment.status === 'created' && paymentState(p.payment, ctx.now) === 'open',
  );
  const fieldError = errors?.feeIndex;
  return (
    <section class={due ? 'action-box' : undefined} aria-labelledby="payment-title" id="thanh-toan">
      <h2 id="payment-title">{ctx.t('payments.panel.title')}</h2>
      {data.payments
        .filter((p) => p.payment.status === 'succeeded')
        .map(({ payment, key }) => (
          <p>
            {payment.applied_at
              ? ctx.t('payments.panel.paid', {
                  amount: money(ctx, payment.amount_vnd),
                  at: formatDateTime(payment.paid_at ?? payment.updated_at),
                  number: payment.receipt_number ?? payment.txn_ref,
                })
              : ctx.t('payments.panel.notApplied', {
                  amount: money(ctx, payment.amount_vnd),
                  reason: ctx.t(`payments.reasons.${payment.unapplied_reason ?? 'application_moved'}`),
                })}{' '}
            <a href={paymentReceiptPath(payment.txn_ref, key)}>
              {ctx.t('payments.panel.downloadReceipt', { number: payment.receipt_number ?? payment.txn_ref })}
            </a>
          </p>
        ))}
      {due && open ? (
        <p>
          {ctx.t('payments.panel.open', {
            amount: money(ctx, open.payment.amount_vnd),
            until: formatDateTime(open.payment.expires_at),
          })}{' '}
          <a href={paymentPath(open.payment.txn_ref, open.key)}>{ctx.t('payments.panel.continue')}</a>
        </p>
      ) : null}
      {due ? (
        <>
          <p>
            {due.purpose === 'fee_due'
              ? ctx.t('payments.panel.dueFee', { amount: money(ctx, due.options[0]?.amountVnd ?? 0) })
              : ctx.t('payments.panel.dueSubmission')}
          </p>
          {due.options
            .filter((o) => !o.payableOnline)
            .map((o) => (
              <p class="hint">
                {ctx.t('payments.panel.atCounter', {
                  amount: money(ctx, o.amountVnd),
                  min: money(ctx, VNP_MIN_AMOUNT_VND),
                  max: money(ctx, VNP_MAX_AMOUNT_VND),
                })}
              </p>
            ))}
          {payable.length > 0 ? (
            <form method="post" action={PAY_PATH} novalidate>
              <CsrfField ctx={ctx} />
              <input type="hidden" name="code" value={code} />
              {verify ? <input type="hidden" name="verify" value={verify} /> : null}
              {payable.length > 1 ? (
                <fieldset
                  id="field-feeIndex"
                  class={fieldError ? 'field field-error' : 'field'}
                  aria-describedby={fieldError ? 'field-feeIndex-error' : undefined}
                >
                  <legend>{ctx.t('payments.panel.chooseFee')}</legend>
                  {fieldError ? (
                    <p class="error-message" id="field-feeIndex-error">
                      {ctx.t(fieldError.key, fieldError.params)}
                    </p>
                  ) : null}
                  {payable.map((option) => (
                    <div class="radio">
                      <input
                        type="radio"
                        id={`fee-${option.index}`}
                        name="feeIndex"
                        value={String(option.index)}
                      />
                      <label for={`fee-${option.index}`}>
                        <FeeLabel ctx={ctx} option={option} />
                      </label>
                    </div>
                  ))}
                </fieldset>
              ) : (
                <input type="hidden" name="feeIndex" value={String(payable[0]!.index)} />
              )}
              <p class="hint">{ctx.t('payments.panel.payHint')}</p>
              <button type="submit" class="button">
                {payable.length === 1
                  ? `${ctx.t('payments.panel.pay')} – ${ctx.t('payments.amount', { amount: money(ctx, payable[0]!.amountVnd) })}`
                  : ctx.t('payments.panel.pay')}
              </button>
            </form>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** The facts of one payment, as a summary list. */
function PaymentFacts({
  ctx,
  payment,
  facts,
  state,
}: {
  ctx: PageContext;
  payment: PaymentRow;
  facts: { code: string; procedure_name: string; applicant_name: string };
  state: PaymentState | 'awaiting';
}) {
  const statusKey =
    state === 'expired' ? 'expired' : state === 'awaiting' ? 'created' : (payment.status as string);
  return (
    <dl class="summary stack">
      <dt>{ctx.t('payments.page.application')}</dt>
      <dd class="code">{facts.code}</dd>
      <dt>{ctx.t('payments.page.procedure')}</dt>
      <dd>{facts.procedure_name}</dd>
      <dt>{ctx.t('payments.page.applicant')}</dt>
      <dd>{facts.applicant_name}</dd>
      <dt>{ctx.t('payments.page.amount')}</dt>
      <dd>
        <strong>{ctx.t('payments.amount', { amount: money(ctx, payment.amount_vnd) })}</strong>
      </dd>
      <dt>{ctx.t('payments.page.reference')}</dt>
      <dd class="code">{payment.txn_ref}</dd>
      <dt>{ctx.t('payments.page.status')}</dt>
      <dd>{ctx.t(`payments.status.${statusKey}`)}</dd>
      {payment.status === 'created' ? (
        <>
          <dt>{ctx.t('payments.page.expires')}</dt>
          <dd>{formatDateTime(payment.expires_at)}</dd>
        </>
      ) : null}
      {payment.gateway_transaction_no ? (
        <>
          <dt>{ctx.t('payments.page.gatewayNo')}</dt>
          <dd class="code">{payment.gateway_transaction_no}</dd>
        </>
      ) : null}
      {payment.bank_code ? (
        <>
          <dt>{ctx.t('payments.page.bank')}</dt>
          <dd>{payment.bank_code}</dd>
        </>
      ) : null}
      {payment.paid_at ? (
        <>
          <dt>{ctx.t('payments.page.paidAt')}</dt>
          <dd>{formatDateTime(payment.paid_at)}</dd>
        </>
      ) : null}
      {payment.receipt_number ? (
        <>
          <dt>{ctx.t('payments.page.receiptNumber')}</dt>
          <dd class="code">{payment.receipt_number}</dd>
        </>
      ) : null}
    </dl>
  );
}

export interface LoadedView {
  payment: PaymentRow;
  facts: { code: string; procedure_name: string; applicant_name: string };
  key: string;
}

/** Where the payer goes next: their application (signed in) or the public tracking page. */
function BackLinks({ ctx, code, mine }: { ctx: PageContext; code: string; mine: boolean }) {
  return (
    <p>
      {mine ? (
        <a href={`/ho-so/${encodeURIComponent(code)}`}>{ctx.t('payments.page.back')}</a>
      ) : (
        <a href={`/tra-cuu?code=${encodeURIComponent(code)}`}>{ctx.t('payments.page.track')}</a>
      )}
    </p>
  );
}

/** /thanh-toan/:txnRef?k=: the payment's details and the link to the gateway (a link, not a form: see the route). */
export function PaymentPage({
  ctx,
  loaded,
  payUrl,
  mine,
}: {
  ctx: PageContext;
  loaded: LoadedView;
  payUrl: string | null;
  mine: boolean;
}) {
  const { payment } = loaded;
  const state = paymentState(payment, ctx.now);
  return (
    <Layout ctx={ctx} title={`${ctx.t('payments.page.title')} ${payment.txn_ref}`}>
      <Breadcrumbs
        items={[
          mine
            ? { href: `/ho-so/${encodeURIComponent(loaded.facts.code)}`, label: loaded.facts.code }
            : { href: `/tra-cuu?code=${encodeURIComponent(loaded.facts.code)}`, label: loaded.facts.code },
          { label: ctx.t('payments.page.title') },
        ]}
      />
      <h1>{ctx.t('payments.page.title')}</h1>
      {state === 'open' ? <p>{ctx.t('payments.page.intro')}</p> : null}
      {state === 'expired' ? <Notice kind="warning">{ctx.t('payments.page.expired')}</Notice> : null}
      {state !== 'open' && state !== 'expired' ? (
        <ResultNotice ctx={ctx} state={state} loaded={loaded} />
      ) : null}
      <PaymentFacts ctx={ctx} payment={payment} facts={loaded.facts} state={state} />
      {state === 'open' && payUrl ? (
        <>
          <p>
            <a class="button" href={payUrl} rel="noreferrer">
              {ctx.t('payments.page.go')}
            </a>
          </p>
          <p class="hint">{ctx.t('payments.page.goHint')}</p>
        </>
      ) : null}
      {hasReceipt(payment) ? (
        <p>
          <a class="button button-secondary" href={paymentReceiptPath(payment.txn_ref, loaded.key)}>
            {ctx.t('payments.result.downloadReceipt')}
          </a>
        </p>
      ) : null}
      <BackLinks ctx={ctx} code={loaded.facts.code} mine={mine} />
    </Layout>
  );
}

type ResultState = PaymentState | 'awaiting';

const RESULT_KEYS: Record<
  ResultState,
  { title: string; body: string; kind: 'success' | 'warning' | 'info' }
> = {
  paid: { title: 'paid', body: 'paidBody', kind: 'success' },
  paidNotApplied: { title: 'paidNotApplied', body: 'paidNotAppliedBody', kind: 'warning' },
  awaiting: { title: 'awaiting', body: 'awaitingBody', kind: 'warning' },
  failed: { title: 'failed', body: 'failedBody', kind: 'warning' },
  cancelled: { title: 'cancelled', body: 'cancelledBody', kind: 'info' },
  open: { title: 'pending', body: 'pendingBody', kind: 'info' },
  expired: { title: 'pending', body: 'pendingBody', kind: 'info' },
};

function ResultNotice({ ctx, state, loaded }: { ctx: PageContext; state: ResultState; loaded: LoadedView }) {
  const keys = RESULT_KEYS[state];
  const params = {
    amount: money(ctx, loaded.payment.amount_vnd),
    code: loaded.facts.code,
    reason: ctx.t(`payments.reasons.${loaded.payment.unapplied_reason ?? 'application_moved'}`),
  };
  return (
    <Notice kind={keys.kind}>
      <h2 class="notice-title">{ctx.t(`payments.result.${keys.title}`)}</h2>
      <p>{ctx.t(`payments.result.${keys.body}`, params)}</p>
    </Notice>
  );
}

/** /thanh-toan/ket-qua: the payer back from the gateway, shown what the IPN settled. */
export function ResultPage({
  ctx,
  outcome,
  mine,
}: {
  ctx: PageContext;
  outcome:
    | { kind: 'invalid' | 'unknown' }
    | { kind: 'found'; loaded: LoadedView; reported: 'succeeded' | 'failed' | 'cancelled' };
  mine: boolean;
}) {
  const title = ctx.t('payments.result.title');
  if (outcome.kind !== 'found') {
    return (
      <Layout ctx={ctx} title={title}>
        <h1>{title}</h1>
        <Notice kind="warning">
          <h2 class="notice-title">{ctx.t(`payments.result.${outcome.kind}`)}</h2>
          <p>{ctx.t(`payments.result.${outcome.kind}Body`)}</p>
        </Notice>
        <p>
          <a href="/tra-cuu">{ctx.t('payments.page.track')}</a>
        </p>
      </Layout>
    );
  }
  const { loaded } = outcome;
  const settled = paymentState(loaded.payment, ctx.now);
  // The gateway's word alone credits nothing: a reported success without the IPN is "awaiting".
  const state: ResultState =
    (settled === 'open' || settled === 'expired') && outcome.reported === 'succeeded'
      ? 'awaiting'
      : settled === 'open' || settled === 'expired'
        ? outcome.reported === 'cancelled'
          ? 'cancelled'
          : 'failed'
        : settled;
  return (
    <Layout ctx={ctx} title={`${title} ${loaded.payment.txn_ref}`}>
      <h1>{title}</h1>
      <ResultNotice ctx={ctx} state={state} loaded={loaded} />
      {state === 'awaiting' ? (
        <p>
          <a class="button button-secondary" href={ctx.path}>
            {ctx.t('payments.result.refresh')}
          </a>
        </p>
      ) : null}
      <PaymentFacts ctx={ctx} payment={loaded.payment} facts={loaded.facts} state={state} />
      {hasReceipt(loaded.payment) ? (
        <p>
          <a class="button" href={paymentReceiptPath(loaded.payment.txn_ref, loaded.key)}>
            {ctx.t('payments.result.downloadReceipt')}
          </a>
        </p>
      ) : null}
      <BackLinks ctx={ctx} code={loaded.facts.code} mine={mine} />
    </Layout>
  );
}

/** The start of a payment refused (nothing due, a fee to choose): the message, and the way back. */
export function StartProblemPage({
  ctx,
  code,
  errors,
  mine,
  children,
}: {
  ctx: PageContext;
  code: string;
  errors: FieldErrors;
  mine: boolean;
  /** The fees panel again, with the problem beside its field. */
  children?: Child;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('payments.page.title')}>
      <h1>{ctx.t('payments.page.title')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      {children}
      {code ? <BackLinks ctx={ctx} code={code} mine={mine} /> : null}
    </Layout>
  );
}

/** The payments of an application on the officer's page: every attempt, its outcome and receipt. */
export function OfficerPayments({ ctx, data }: { ctx: PageContext; data: ApplicationPayments }) {
  if (data.payments.length === 0) return null;
  return (
    <section aria-labelledby="payments-title">
      <h2 id="payments-title">{ctx.t('payments.officer.title')}</h2>
      <div class="table-wrap">
        <table class="dense">
          <thead>
            <tr>
              <th scope="col">{ctx.t('payments.officer.reference')}</th>
              <th scope="col">{ctx.t('payments.officer.purpose')}</th>
              <th scope="col">{ctx.t('payments.officer.amount')}</th>
              <th scope="col">{ctx.t('payments.officer.status')}</th>
              <th scope="col">{ctx.t('payments.officer.applied')}</th>
              <th scope="col">{ctx.t('payments.officer.receipt')}</th>
            </tr>
          </thead>
          <tbody>
            {data.payments.map(({ payment, key }) => {
              const state = paymentState(payment, ctx.now);
              return (
                <tr>
                  <td class="code">{payment.txn_ref}</td>
                  <td>{ctx.t(`payments.officer.purposes.${payment.purpose}`)}</td>
                  <td>{money(ctx, payment.amount_vnd)}</td>
                  <td>{ctx.t(`payments.status.${state === 'expired' ? 'expired' : payment.status}`)}</td>
                  <td>
                    {payment.applied_at
                      ? ctx.t('payments.officer.appliedYes')
                      : payment.unapplied_reason
                        ? ctx.t(`payments.reasons.${payment.unapplied_reason}`)
                        : '—'}
                  </td>
                  <td>
                    {hasReceipt(payment) ? (
                      <a href={paymentReceiptPath(payment.txn_ref, key)}>{payment.receipt_number}</a>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
