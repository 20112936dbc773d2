// The applicant's pages: the start (code and verification digits), the form of a single-use link, the
// thanks, the tracking page's invitation, and the page that says why a link cannot be used.
import type { FieldErrors } from '../../../../shared/errors.js';
import { Breadcrumbs, CsrfField, ErrorSummary, TextField } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { CodeAndDigitsFields } from '../../apply/views/parts.js';
import { EvaluationForm, type EvaluationFormValues, type FormCriterion } from './evaluation-form.js';
import { EVALUATE_PATH, evaluateLinkPath } from './paths.js';

const TRACK_PATH = '/tra-cuu';

export interface EvaluatedApplication {
  code: string;
  procedureName: string;
}

function ApplicationFacts({ ctx, application }: { ctx: PageContext; application: EvaluatedApplication }) {
  return (
    <dl class="summary">
      <dt>{ctx.t('evaluations.form.application')}</dt>
      <dd class="code">{application.code}</dd>
      <dt>{ctx.t('evaluations.form.procedure')}</dt>
      <dd>{application.procedureName}</dd>
    </dl>
  );
}

/** /danh-gia/{token}: the form, reached from the result e-mail or the tracking page. */
export function EvaluatePage(props: {
  ctx: PageContext;
  token: string;
  application: EvaluatedApplication;
  criteria: FormCriterion[];
  values: EvaluationFormValues;
  errors?: FieldErrors | undefined;
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('evaluations.title')}>
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <h1>{ctx.t('evaluations.title')}</h1>
      <p class="lead">{ctx.t('evaluations.form.intro')}</p>
      <ApplicationFacts ctx={ctx} application={props.application} />
      <EvaluationForm
        ctx={ctx}
        action={evaluateLinkPath(props.token)}
        criteria={props.criteria}
        values={props.values}
        errors={props.errors}
      />
    </Layout>
  );
}

/** Why there is no form: a forged, used or expired link, not returned yet, or evaluated already. */
export function UnavailablePage({ ctx, message }: { ctx: PageContext; message: string }) {
  return (
    <Layout ctx={ctx} title={ctx.t('evaluations.unavailable.title')}>
      <h1>{ctx.t('evaluations.unavailable.title')}</h1>
      <p class="lead">{message}</p>
      <p>
        <a href={TRACK_PATH}>{ctx.t('evaluations.unavailable.track')}</a>
      </p>
    </Layout>
  );
}

export function ThanksPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title={ctx.t('evaluations.thanks.title')}>
      <div class="panel-success evaluation-thanks" role="status">
        <h1 class="panel-title">{ctx.t('evaluations.thanks.title')}</h1>
        <p>{ctx.t('evaluations.thanks.body')}</p>
      </div>
      <p>
        <a href="/">{ctx.t('evaluations.thanks.home')}</a>
      </p>
    </Layout>
  );
}

export type StartNotice = { message: string } | undefined;

/** /danh-gia: the code and the last four digits, as on the tracking page, then the form. */
export function StartPage(props: {
  ctx: PageContext;
  values: { code: string; verify: string };
  errors?: FieldErrors | undefined;
  notice?: StartNotice;
}) {
  const { ctx, values, errors } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('evaluations.title')}>
      <Breadcrumbs items={[{ href: '/', label: ctx.t('nav.home') }, { label: ctx.t('evaluations.title') }]} />
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{ctx.t('evaluations.title')}</h1>
      <p class="lead">{ctx.t('evaluations.start.intro')}</p>
      {props.notice ? (
        <div class="notice notice-warning" role="status">
          <p>{props.notice.message}</p>
        </div>
      ) : null}
      <form method="post" action={EVALUATE_PATH} novalidate class="track-form">
        <CsrfField ctx={ctx} />
        <CodeAndDigitsFields ctx={ctx} values={values} errors={errors} />
        <button type="submit" class="button">
          {ctx.t('evaluations.start.submit')}
        </button>
      </form>
      <p class="hint">{ctx.t('evaluations.start.privacy')}</p>
    </Layout>
  );
}

/**
 * On the tracking page, after a successful lookup of a returned application: the invitation to
 * evaluate (a button that proves the code and digits again), or thanks when it was evaluated.
 */
export function TrackEvaluation({
  ctx,
  state,
  code,
  verify,
}: {
  ctx: PageContext;
  state: 'open' | 'done' | null | undefined;
  code: string;
  verify: string;
}) {
  if (state === 'done')
    return (
      <p class="notice notice-success" role="status">
        {ctx.t('evaluations.track.done')}
      </p>
    );
  if (state !== 'open') return null;
  return (
    <section class="evaluate-box" aria-labelledby="evaluate-title">
      <h3 id="evaluate-title">{ctx.t('evaluations.title')}</h3>
      <p>{ctx.t('evaluations.track.intro')}</p>
      <form method="post" action={EVALUATE_PATH}>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="code" value={code} />
        <input type="hidden" name="verify" value={verify} />
        <button type="submit" class="button">
          {ctx.t('evaluations.track.button')}
        </button>
      </form>
    </section>
  );
}
