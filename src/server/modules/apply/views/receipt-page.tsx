import { Breadcrumbs } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import type { ApplicationPayments } from '../../payments/payments.service.js';
import { PaymentPanel } from '../../payments/views/payment-pages.js';
import type { ApplicationView } from '../apply.presenter.js';
import {
  formatBytes,
  formatTimeLimit,
  InPersonNotice,
  Moment,
  receivingAgencyName,
  StatusTag,
} from './parts.js';
import { applicationPath, MY_APPLICATIONS_PATH, receiptPdfPath, trackPath } from './paths.js';

/** The receipt in HTML: what the PDF says, readable on a phone, with the PDF to download. */
export function ReceiptPage({
  ctx,
  view,
  justSubmitted,
  payments,
}: {
  ctx: PageContext;
  view: ApplicationView;
  justSubmitted: boolean;
  /** What is due and paid online (the "pay now" step after submission). */
  payments?: ApplicationPayments | null;
}) {
  const title = ctx.t('applications.receipt.title');
  const submitted = view.documents.filter((d) => d.purpose === 'submission');
  return (
    <Layout ctx={ctx} title={`${title} ${view.code}`}>
      <Breadcrumbs
        items={[
          { href: MY_APPLICATIONS_PATH, label: ctx.t('applications.mine.title') },
          { href: applicationPath(view.code), label: view.code },
          { label: title },
        ]}
      />
      {justSubmitted ? (
        <div class="panel-success" role="status">
          <p class="panel-title">{ctx.t('applications.receipt.submitted')}</p>
          <p>
            {ctx.t('applications.receipt.yourCode')}
            <br />
            <strong class="big-code">{view.code}</strong>
          </p>
        </div>
      ) : null}
      <PaymentPanel ctx={ctx} code={view.code} data={payments ?? null} />
      <h1>{title}</h1>
      <p>
        <a class="button" href={receiptPdfPath(view.code)} download>
          {ctx.t('applications.receipt.downloadPdf')}
        </a>
      </p>
      <dl class="summary stack">
        <dt>{ctx.t('applications.common.code')}</dt>
        <dd>
          <strong class="code">{view.code}</strong>
        </dd>
        <dt>{ctx.t('applications.common.procedure')}</dt>
        <dd>{view.procedureName}</dd>
        <dt>{ctx.t('applications.common.applicant')}</dt>
        <dd>{view.applicant.fullName}</dd>
        <dt>{ctx.t('applications.common.receivingAgency')}</dt>
        <dd>{receivingAgencyName(ctx, view)}</dd>
        <dt>{ctx.t('applications.common.status')}</dt>
        <dd>
          <StatusTag ctx={ctx} status={view.status} />
        </dd>
        <dt>{ctx.t('applications.common.submittedAt')}</dt>
        <dd>
          <Moment value={view.submittedAt} />
        </dd>
        <dt>{ctx.t('applications.common.receivedAt')}</dt>
        <dd>
          {view.receivedAt ? (
            <Moment value={view.receivedAt} />
          ) : (
            ctx.t('applications.receipt.awaitingReception')
          )}
        </dd>
        <dt>{ctx.t('applications.common.timeLimit')}</dt>
        <dd>{formatTimeLimit(ctx, view.timeLimit)}</dd>
        <dt>{ctx.t('applications.common.dueAt')}</dt>
        <dd>{view.dueAt ? <Moment value={view.dueAt} /> : ctx.t('applications.receipt.dueLater')}</dd>
      </dl>
      <h2>{ctx.t('applications.receipt.documents')}</h2>
      {submitted.length === 0 ? <p>{ctx.t('applications.documents.none')}</p> : null}
      <ol class="documents">
        {submitted.map((d) => (
          <li>
            {d.componentName ?? d.name}
            <span class="document-facts">
              {d.name} ({formatBytes(ctx, d.sizeBytes)})
            </span>
          </li>
        ))}
      </ol>
      {view.onlineLevel === 'partial' ? (
        <InPersonNotice ctx={ctx} counter={view.counter} results={view.results} />
      ) : (
        <p>{ctx.t('applications.receipt.fullOnlineNext')}</p>
      )}
      <h2>{ctx.t('applications.receipt.next')}</h2>
      <ul>
        <li>
          <a href={applicationPath(view.code)}>{ctx.t('applications.receipt.follow')}</a>
        </li>
        <li>
          <a href={trackPath(view.code)}>{ctx.t('applications.receipt.trackPublic')}</a>
        </li>
        <li>
          <a href={MY_APPLICATIONS_PATH}>{ctx.t('applications.mine.title')}</a>
        </li>
      </ul>
    </Layout>
  );
}
