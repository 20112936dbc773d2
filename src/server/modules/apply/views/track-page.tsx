import type { FieldErrors } from '../../../../shared/errors.js';
import { TextField } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { TrackEvaluation } from '../../evaluations/views/evaluate-pages.js';
import type { ApplicationPayments } from '../../payments/payments.service.js';
import { PaymentPanel } from '../../payments/views/payment-pages.js';
import type { PublicTrackingView } from '../apply.presenter.js';
import {
  AwaitingNotice,
  CodeAndDigitsFields,
  LinkedErrorSummary,
  Moment,
  StatusTag,
  Timeline,
} from './parts.js';
import { TRACK_PATH } from './paths.js';

export type TrackOutcome =
  | { kind: 'form' }
  | {
      kind: 'found';
      view: PublicTrackingView;
      evaluation?: 'open' | 'done' | null;
      /** Fees due and paid online: paying works from here with the same code and digits. */
      payments?: ApplicationPayments | null;
    }
  | { kind: 'notFound' }
  | { kind: 'tooMany'; seconds: number };

/** /tra-cuu: a GET form (it works as a link from the receipt's QR code) and what it finds. */
export function TrackPage({
  ctx,
  values,
  errors,
  outcome,
}: {
  ctx: PageContext;
  values: { code: string; verify: string };
  errors?: FieldErrors | undefined;
  outcome: TrackOutcome;
}) {
  const title = ctx.t('applications.track.title');
  return (
    <Layout ctx={ctx} title={outcome.kind === 'found' ? `${title}: ${outcome.view.code}` : title}>
      <h1>{title}</h1>
      <p>{ctx.t('applications.track.intro')}</p>
      <LinkedErrorSummary ctx={ctx} errors={errors} />
      {outcome.kind === 'notFound' ? (
        <div class="notice notice-warning" role="status">
          <h2 class="notice-title">{ctx.t('applications.track.notFoundTitle')}</h2>
          <p>{ctx.t('applications.track.notFound')}</p>
        </div>
      ) : null}
      {outcome.kind === 'tooMany' ? (
        <div class="notice notice-warning" role="status">
          <h2 class="notice-title">{ctx.t('applications.track.tooManyTitle')}</h2>
          <p>{ctx.t('applications.track.tooMany', { seconds: outcome.seconds })}</p>
        </div>
      ) : null}
      {outcome.kind === 'found' ? (
        <section class="track-result" aria-labelledby="result-title">
          <h2 id="result-title">{ctx.t('applications.track.resultTitle', { code: outcome.view.code })}</h2>
          <dl class="summary stack">
            <dt>{ctx.t('applications.common.procedure')}</dt>
            <dd>{outcome.view.procedureName}</dd>
            <dt>{ctx.t('applications.common.status')}</dt>
            <dd>
              <StatusTag ctx={ctx} status={outcome.view.status} />
            </dd>
            <dt>{ctx.t('applications.common.submittedAt')}</dt>
            <dd>
              <Moment value={outcome.view.submittedAt} />
            </dd>
            <dt>{ctx.t('applications.common.dueAt')}</dt>
            <dd>
              {outcome.view.dueAt ? (
                <Moment value={outcome.view.dueAt} />
              ) : (
                ctx.t('applications.receipt.dueLater')
              )}
            </dd>
          </dl>
          <AwaitingNotice ctx={ctx} awaiting={outcome.view.awaiting} dueAt={outcome.view.dueAt} publicView />
          <PaymentPanel
            ctx={ctx}
            code={outcome.view.code}
            data={outcome.payments ?? null}
            verify={values.verify}
          />
          <TrackEvaluation ctx={ctx} state={outcome.evaluation} code={values.code} verify={values.verify} />
          <h3>{ctx.t('applications.detail.timeline')}</h3>
          <Timeline ctx={ctx} entries={outcome.view.timeline} />
          <h3>{ctx.t('applications.track.another')}</h3>
        </section>
      ) : null}
      <form method="get" action={TRACK_PATH} novalidate class="track-form">
        <CodeAndDigitsFields ctx={ctx} values={values} errors={errors} />
        <button type="submit" class="button">
          {ctx.t('applications.track.submit')}
        </button>
      </form>
      <p class="hint">{ctx.t('applications.track.privacy')}</p>
    </Layout>
  );
}
