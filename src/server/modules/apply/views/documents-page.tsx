import type { FieldErrors } from '../../../../shared/errors.js';
import { MAX_FILE_BYTES } from '../../../../shared/files/limits.js';
import { CsrfField } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import type { TDraftData } from '../apply.schema.js';
import type { ApplyProcedure } from '../apply.service.js';
import { describedBy, FieldFrame, fieldId, formatBytes, LinkedErrorSummary, StepIndicator } from './parts.js';
import { draftPath, MY_APPLICATIONS_PATH } from './paths.js';
import { ComponentFacts } from './start-page.js';

/** What the file inputs offer to pick; the server decides by content anyway. */
export const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
const SHORT_NAME = 160;

export const uploadPath = (procedureCode: string, draftId: string) =>
  `${draftPath(procedureCode, draftId, 'giay-to')}/tai-len`;
export const removePath = (procedureCode: string, draftId: string) =>
  `${draftPath(procedureCode, draftId, 'giay-to')}/xoa`;

/** Step 2: one upload per component, each its own multipart form, so no script is needed. */
export function DocumentsPage({
  ctx,
  procedure,
  draftId,
  data,
  errors,
  stepLinks,
  uploaded,
}: {
  ctx: PageContext;
  procedure: ApplyProcedure;
  draftId: string;
  data: TDraftData;
  errors?: FieldErrors | undefined;
  stepLinks: (string | null)[];
  uploaded?: string | undefined;
}) {
  const { record } = procedure;
  const title = ctx.t('applications.apply.steps.documents');
  const maxMb = MAX_FILE_BYTES / 1024 / 1024;
  return (
    <Layout ctx={ctx} title={`${errors ? `${ctx.t('common.errorPrefix')} ` : ''}${title} – ${record.name}`}>
      <p class="kicker">
        <a href={MY_APPLICATIONS_PATH}>{ctx.t('applications.mine.title')}</a>
      </p>
      <StepIndicator ctx={ctx} current={2} links={stepLinks} />
      <h1>{title}</h1>
      <p class="procedure-context">{record.name}</p>
      <LinkedErrorSummary ctx={ctx} errors={errors} />
      {uploaded ? (
        <div class="notice notice-success" role="status">
          <p>{ctx.t('applications.documents.uploaded', { name: uploaded })}</p>
        </div>
      ) : null}
      <p>{ctx.t('applications.documents.intro', { maxMb })}</p>
      {procedure.components.length === 0 ? (
        <p>
          {record.dataCompleteness === 'catalogue_only'
            ? ctx.t('applications.documents.notRecorded')
            : ctx.t('applications.documents.none')}
        </p>
      ) : null}
      {procedure.components.map((component, index) => {
        const field = `documents.${component.id}`;
        const file = data.documents.find((d) => d.componentId === component.id);
        const short =
          component.name.length > SHORT_NAME ? `${component.name.slice(0, SHORT_NAME)}…` : component.name;
        const hint = ctx.t('applications.documents.fileHint', { maxMb });
        return (
          <section class="component" aria-labelledby={`component-${component.id}`}>
            <h2 class="component-name" id={`component-${component.id}`}>
              {index + 1}. {short}
            </h2>
            {short !== component.name ? <p class="pre-line component-full">{component.name}</p> : null}
            <ComponentFacts ctx={ctx} component={component} />
            {file ? (
              <div class="uploaded-file">
                <p>
                  <span class="tag tag-green">{ctx.t('applications.documents.done')}</span>{' '}
                  <a href={`/api/v1/files/${file.fileId}`}>{file.name}</a> ({formatBytes(ctx, file.size)})
                </p>
                <form method="post" action={removePath(record.code, draftId)} class="inline-form">
                  <CsrfField ctx={ctx} />
                  <input type="hidden" name="fileId" value={file.fileId} />
                  <button type="submit" class="button button-secondary">
                    {ctx.t('applications.documents.remove')}
                    <span class="visually-hidden">: {file.name}</span>
                  </button>
                </form>
              </div>
            ) : null}
            <form
              method="post"
              action={uploadPath(record.code, draftId)}
              enctype="multipart/form-data"
              novalidate
            >
              <CsrfField ctx={ctx} />
              <input type="hidden" name="componentId" value={component.id} />
              <FieldFrame
                ctx={ctx}
                name={field}
                label={
                  file
                    ? ctx.t('applications.documents.replace', { number: index + 1 })
                    : ctx.t('applications.documents.choose', { number: index + 1 })
                }
                hint={hint}
                errors={errors}
              >
                <input
                  type="file"
                  id={fieldId(field)}
                  name="file"
                  accept={ACCEPT}
                  aria-describedby={describedBy(field, hint, errors)}
                  aria-invalid={errors?.[field] ? 'true' : undefined}
                />
              </FieldFrame>
              <button type="submit" class="button button-secondary">
                {ctx.t('applications.documents.upload')}
              </button>
            </form>
          </section>
        );
      })}
      <form method="post" action={draftPath(record.code, draftId, 'giay-to')} class="continue-form">
        <CsrfField ctx={ctx} />
        <button type="submit" class="button">
          {ctx.t('applications.common.continue')}
        </button>
      </form>
      <p>
        <a href={draftPath(record.code, draftId, 'thong-tin')}>{ctx.t('applications.common.back')}</a>
      </p>
    </Layout>
  );
}
