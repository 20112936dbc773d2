import type { FieldErrors } from '../../../../shared/errors.js';
import { CsrfField } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import type { TDraftData } from '../apply.schema.js';
import type { ApplyProcedure, Counter } from '../apply.service.js';
import { fieldId, formatBytes, InPersonNotice, LinkedErrorSummary, StepIndicator } from './parts.js';
import { draftPath, MY_APPLICATIONS_PATH } from './paths.js';

function ChangeLink({ ctx, href, what }: { ctx: PageContext; href: string; what: string }) {
  return (
    <a href={href} class="change-link">
      {ctx.t('applications.review.change')}
      <span class="visually-hidden"> {what}</span>
    </a>
  );
}

/** Step 3: everything the application will say, with links back to change it, and the submit button. */
export function ReviewPage({
  ctx,
  procedure,
  draftId,
  data,
  counter,
  errors,
  stepLinks,
}: {
  ctx: PageContext;
  procedure: ApplyProcedure;
  draftId: string;
  data: TDraftData;
  counter: Counter | null;
  errors?: FieldErrors | undefined;
  stepLinks: (string | null)[];
}) {
  const { record, form } = procedure;
  const title = ctx.t('applications.apply.steps.review');
  const vi = ctx.locale === 'vi';
  const details = draftPath(record.code, draftId, 'thong-tin');
  const documents = draftPath(record.code, draftId, 'giay-to');
  const hrefFor = (field: string) =>
    field.startsWith('documents') ? `${documents}#${fieldId(field)}` : `${details}#${fieldId(field)}`;
  const unit = procedure.units.find((u) => u.code === data.unitCode);
  const none = ctx.t('applications.review.notGiven');
  const applicantRows: [string, string][] = [
    [ctx.t('applications.details.fullName'), data.applicant.fullName],
    [ctx.t('applications.details.idNumber'), data.applicant.idNumber],
    [ctx.t('applications.details.phone'), data.applicant.phone],
    [ctx.t('applications.details.email'), data.applicant.email || none],
    [ctx.t('applications.details.address'), data.applicant.address || none],
  ];
  return (
    <Layout ctx={ctx} title={`${errors ? `${ctx.t('common.errorPrefix')} ` : ''}${title} – ${record.name}`}>
      <p class="kicker">
        <a href={MY_APPLICATIONS_PATH}>{ctx.t('applications.mine.title')}</a>
      </p>
      <StepIndicator ctx={ctx} current={3} links={stepLinks} />
      <h1>{title}</h1>
      <p class="procedure-context">{record.name}</p>
      <LinkedErrorSummary ctx={ctx} errors={errors} hrefFor={hrefFor} />

      <div class="review-heading">
        <h2>{ctx.t('applications.details.applicant')}</h2>
        <ChangeLink ctx={ctx} href={details} what={ctx.t('applications.details.applicant')} />
      </div>
      <dl class="summary stack">
        {applicantRows.map(([label, value]) => (
          <>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </>
        ))}
        {record.level === 'commune' ? (
          <>
            <dt>{ctx.t('applications.details.unit')}</dt>
            <dd>{unit ? (vi ? unit.fullName : unit.fullNameEn) : none}</dd>
          </>
        ) : null}
      </dl>

      <div class="review-heading">
        <h2>{ctx.t('applications.details.request')}</h2>
        <ChangeLink ctx={ctx} href={details} what={ctx.t('applications.details.request')} />
      </div>
      <dl class="summary stack">
        {Object.entries(form.properties).map(([name, property]) => (
          <>
            <dt>{vi ? property.title : property['x-title-en']}</dt>
            <dd class="pre-line">{data.formData[name] || none}</dd>
          </>
        ))}
      </dl>

      <div class="review-heading">
        <h2>{ctx.t('applications.apply.steps.documents')}</h2>
        <ChangeLink ctx={ctx} href={documents} what={ctx.t('applications.apply.steps.documents')} />
      </div>
      {procedure.components.length === 0 ? <p>{ctx.t('applications.documents.none')}</p> : null}
      <ol class="documents">
        {procedure.components.map((component) => {
          const file = data.documents.find((d) => d.componentId === component.id);
          return (
            <li>
              <span class="component-line">{component.name}</span>
              <span class="document-facts">
                {file
                  ? `${file.name} (${formatBytes(ctx, file.size)})`
                  : component.required
                    ? ctx.t('applications.review.missing')
                    : ctx.t('applications.review.notUploaded')}
              </span>
            </li>
          );
        })}
      </ol>

      {record.onlineLevel === 'partial' ? (
        <InPersonNotice
          ctx={ctx}
          counter={counter}
          results={record.results}
          chooseUnit={record.level === 'commune'}
        />
      ) : null}

      <h2>{ctx.t('applications.review.declarationTitle')}</h2>
      <p>{ctx.t('applications.review.declaration')}</p>
      <form method="post" action={draftPath(record.code, draftId, 'kiem-tra')}>
        <CsrfField ctx={ctx} />
        <button type="submit" class="button">
          {ctx.t('applications.review.submit')}
        </button>
      </form>
      <p class="hint">{ctx.t('applications.review.submitHint')}</p>
    </Layout>
  );
}
