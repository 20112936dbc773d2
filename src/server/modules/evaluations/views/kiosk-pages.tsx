// The counter kiosk: a counter officer opens it from the workbench and turns the screen (or hands the
// tablet) to the applicant, who answers with large buttons; the thanks page leads the officer back.
import type { FieldErrors } from '../../../../shared/errors.js';
import { Breadcrumbs, ErrorSummary } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import type { EvaluatedApplication } from './evaluate-pages.js';
import { EvaluationForm, type EvaluationFormValues, type FormCriterion } from './evaluation-form.js';
import { kioskPath } from './paths.js';

const workbenchPath = (code: string) => `/can-bo/ho-so/${encodeURIComponent(code)}`;

function crumbs(ctx: PageContext, code: string) {
  return (
    <Breadcrumbs
      items={[
        { href: '/can-bo', label: ctx.t('workbench.title') },
        { href: workbenchPath(code), label: code },
        { label: ctx.t('evaluations.kiosk.breadcrumb') },
      ]}
    />
  );
}

export function KioskPage(props: {
  ctx: PageContext;
  application: EvaluatedApplication;
  criteria: FormCriterion[];
  values: EvaluationFormValues;
  errors?: FieldErrors | undefined;
}) {
  const { ctx, application } = props;
  return (
    <Layout ctx={ctx} title={`${ctx.t('evaluations.title')} – ${application.code}`}>
      {crumbs(ctx, application.code)}
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <h1>{ctx.t('evaluations.title')}</h1>
      <p class="lead">{ctx.t('evaluations.kiosk.intro')}</p>
      <p class="kiosk-application">
        <span class="code">{application.code}</span> · {application.procedureName}
      </p>
      <EvaluationForm
        ctx={ctx}
        action={kioskPath(application.code)}
        criteria={props.criteria}
        values={props.values}
        errors={props.errors}
        kiosk
      />
    </Layout>
  );
}

export function KioskThanksPage({ ctx, code }: { ctx: PageContext; code: string }) {
  return (
    <Layout ctx={ctx} title={ctx.t('evaluations.thanks.title')}>
      {crumbs(ctx, code)}
      <div class="panel-success evaluation-thanks" role="status">
        <h1 class="panel-title">{ctx.t('evaluations.thanks.title')}</h1>
        <p>{ctx.t('evaluations.thanks.body')}</p>
      </div>
      <p>
        <a href={workbenchPath(code)}>{ctx.t('evaluations.kiosk.back', { code })}</a>
      </p>
    </Layout>
  );
}
