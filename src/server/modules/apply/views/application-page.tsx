import { NOTE_MAX } from '../../../../shared/applications/schema.js';
import type { FieldErrors } from '../../../../shared/errors.js';
import { MAX_FILE_BYTES } from '../../../../shared/files/limits.js';
import { Breadcrumbs, CsrfField } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import type { ApplicationPayments } from '../../payments/payments.service.js';
import { PaymentPanel } from '../../payments/views/payment-pages.js';
import type { ApplicationView } from '../apply.presenter.js';
import { ACCEPT } from './documents-page.js';
import {
  AwaitingNotice,
  describedBy,
  FieldFrame,
  fieldId,
  formatBytes,
  formatTimeLimit,
  LinkedErrorSummary,
  Moment,
  procedureTitleClass,
  receivingAgencyName,
  StatusTag,
  TextAreaField,
  Timeline,
} from './parts.js';
import { applicationPath, MY_APPLICATIONS_PATH, receiptPath } from './paths.js';

export type DoneNotice = 'withdrawn' | 'supplemented' | undefined;
export const supplementPath = (code: string) => `${applicationPath(code)}/bo-sung`;
export const withdrawPath = (code: string) => `${applicationPath(code)}/rut`;

/** /ho-so/:code: where the application stands, its history and documents, and what the applicant may do. */
export function ApplicationPage({
  ctx,
  view,
  done,
  errors,
  form,
  maxFiles,
  payments,
}: {
  ctx: PageContext;
  view: ApplicationView;
  done?: DoneNotice;
  errors?: FieldErrors | undefined;
  form?: 'withdraw' | 'supplement' | undefined;
  maxFiles: number;
  /** Fees due and paid online (modules/payments). */
  payments?: ApplicationPayments | null;
}) {
  const maxMb = MAX_FILE_BYTES / 1024 / 1024;
  const fileHint = ctx.t('applications.documents.fileHint', { maxMb });
  const purposeKey = (purpose: string) => `applications.documents.purpose.${purpose}`;
  return (
    <Layout ctx={ctx} title={`${ctx.t('applications.detail.title', { code: view.code })}`}>
      <Breadcrumbs
        items={[
          { href: MY_APPLICATIONS_PATH, label: ctx.t('applications.mine.title') },
          { label: view.code },
        ]}
      />
      {done ? (
        <div class="notice notice-success" role="status">
          <p>{ctx.t(`applications.detail.done.${done}`)}</p>
        </div>
      ) : null}
      <p class="kicker">{ctx.t('applications.detail.title', { code: view.code })}</p>
      <h1 class={procedureTitleClass(view.procedureName)}>{view.procedureName}</h1>
      <p>
        <StatusTag ctx={ctx} status={view.status} />
      </p>
      <LinkedErrorSummary ctx={ctx} errors={errors} />
      <AwaitingNotice ctx={ctx} awaiting={view.awaiting} dueAt={view.dueAt} />
      <PaymentPanel ctx={ctx} code={view.code} data={payments ?? null} />

      {view.canSupplement ? (
        <section class="action-box" aria-labelledby="supplement-title">
          <h2 id="supplement-title">{ctx.t('applications.supplement.title')}</h2>
          <p>{ctx.t('applications.supplement.intro', { max: maxFiles, maxMb })}</p>
          <form method="post" action={supplementPath(view.code)} enctype="multipart/form-data" novalidate>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="expectedVersion" value={String(view.version)} />
            <FieldFrame
              ctx={ctx}
              name="files"
              label={ctx.t('applications.supplement.files')}
              hint={fileHint}
              errors={form === 'supplement' ? errors : undefined}
            >
              <input
                type="file"
                id={fieldId('files')}
                name="files"
                accept={ACCEPT}
                multiple
                aria-describedby={describedBy('files', fileHint, form === 'supplement' ? errors : undefined)}
              />
            </FieldFrame>
            <TextAreaField
              ctx={ctx}
              name="note"
              label={ctx.t('applications.supplement.note')}
              value=""
              maxlength={NOTE_MAX}
              errors={form === 'supplement' ? errors : undefined}
              optional
              rows={3}
            />
            <button type="submit" class="button">
              {ctx.t('applications.supplement.submit')}
            </button>
          </form>
        </section>
      ) : null}

      <h2>{ctx.t('applications.detail.facts')}</h2>
      <dl class="summary stack">
        <dt>{ctx.t('applications.common.code')}</dt>
        <dd class="code">{view.code}</dd>
        <dt>{ctx.t('applications.common.receivingAgency')}</dt>
        <dd>{receivingAgencyName(ctx, view)}</dd>
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
        {view.finishedAt ? (
          <>
            <dt>{ctx.t('applications.common.finishedAt')}</dt>
            <dd>
              <Moment value={view.finishedAt} />
            </dd>
          </>
        ) : null}
      </dl>
      <p>
        <a href={receiptPath(view.code)}>{ctx.t('applications.detail.receipt')}</a>
      </p>

      <h2>{ctx.t('applications.detail.timeline')}</h2>
      <Timeline ctx={ctx} entries={view.timeline} />

      <h2>{ctx.t('applications.detail.documents')}</h2>
      {view.documents.length === 0 ? <p>{ctx.t('applications.documents.none')}</p> : null}
      <ul class="documents">
        {view.documents.map((d) => (
          <li>
            <a href={`/api/v1/files/${d.fileId}`}>{d.name}</a>
            <span class="document-facts">
              {d.componentName ?? ctx.t(purposeKey(d.purpose))} · {formatBytes(ctx, d.sizeBytes)}
            </span>
          </li>
        ))}
      </ul>

      {view.canWithdraw ? (
        <section class="danger-zone" aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">{ctx.t('applications.withdraw.title')}</h2>
          <p>{ctx.t('applications.withdraw.intro')}</p>
          <form method="post" action={withdrawPath(view.code)} novalidate>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="expectedVersion" value={String(view.version)} />
            <TextAreaField
              ctx={ctx}
              name="reason"
              label={ctx.t('applications.withdraw.reason')}
              value=""
              maxlength={NOTE_MAX}
              errors={form === 'withdraw' ? errors : undefined}
              optional
              rows={3}
            />
            <button type="submit" class="button button-warning">
              {ctx.t('applications.withdraw.submit')}
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
