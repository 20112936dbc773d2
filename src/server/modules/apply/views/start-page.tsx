import type { TComponent } from '../../../../shared/catalog/schema.js';
import type { FieldErrors } from '../../../../shared/errors.js';
import { formatDateTime } from '../../../../shared/i18n/index.js';
import { Breadcrumbs, CsrfField, ErrorSummary } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import type { ApplyProcedure } from '../apply.service.js';
import { CounterAddress, InPersonNotice, procedureTitleClass } from './parts.js';
import { applyPath, MY_APPLICATIONS_PATH, procedurePagePath } from './paths.js';

export interface DraftSummary {
  id: string;
  updatedAt: Date;
  resumePath: string;
}

/** One component as the citizen reads it: name, required or not, how many originals and copies. */
export function ComponentFacts({ ctx, component }: { ctx: PageContext; component: TComponent }) {
  return (
    <span class="document-facts">
      {component.required
        ? ctx.t('applications.documents.required')
        : ctx.t('applications.documents.optional')}
      {' · '}
      {ctx.t('applications.documents.copies', { originals: component.originals, copies: component.copies })}
    </span>
  );
}

/** /nop-ho-so/:code: what applying online involves, then a button that starts a draft. */
export function StartPage({
  ctx,
  procedure,
  drafts,
  errors,
}: {
  ctx: PageContext;
  procedure: ApplyProcedure;
  drafts: DraftSummary[];
  errors?: FieldErrors | undefined;
}) {
  const { record } = procedure;
  const title = ctx.t('applications.apply.title');
  const notOnline = record.onlineLevel === 'none';
  return (
    <Layout ctx={ctx} title={`${title}: ${record.name}`}>
      <Breadcrumbs
        items={[
          { href: '/', label: ctx.t('nav.home') },
          {
            href: procedurePagePath(record.code),
            label: ctx.t('applications.apply.procedureCrumb', { code: record.code }),
          },
        ]}
      />
      <p class="kicker">{notOnline ? ctx.t('applications.apply.notOnlineTitle') : title}</p>
      <h1 class={procedureTitleClass(record.name)}>{record.name}</h1>
      <p class="muted">
        {ctx.t('applications.apply.procedureCode')}: <span class="code">{record.code}</span>
      </p>
      <ErrorSummary ctx={ctx} errors={errors} />
      {notOnline ? (
        <section class="notice notice-warning" aria-labelledby="not-online">
          <h2 id="not-online" class="notice-title">
            {ctx.t('applications.apply.notOnlineHeading')}
          </h2>
          <p>{ctx.t('applications.apply.notOnlineText')}</p>
          {procedure.counter ? (
            <CounterAddress ctx={ctx} counter={procedure.counter} />
          ) : (
            <p>
              {record.level === 'commune'
                ? ctx.t('applications.apply.notOnlineCommune')
                : ctx.t('applications.inPerson.counter')}
            </p>
          )}
          <p>
            <a href={procedurePagePath(record.code)}>{ctx.t('applications.apply.seeProcedure')}</a>
          </p>
        </section>
      ) : (
        <>
          {record.onlineLevel === 'partial' ? (
            <InPersonNotice
              ctx={ctx}
              counter={procedure.counter}
              results={record.results}
              chooseUnit={record.level === 'commune'}
            />
          ) : (
            <p class="lead">{ctx.t('applications.apply.fullOnline')}</p>
          )}
          <h2>{ctx.t('applications.apply.howItWorks')}</h2>
          <ol>
            <li>{ctx.t('applications.apply.stepDetails')}</li>
            <li>{ctx.t('applications.apply.stepDocuments')}</li>
            <li>{ctx.t('applications.apply.stepReview')}</li>
          </ol>
          <p>{ctx.t('applications.apply.savedAsDraft')}</p>
          {record.dataCompleteness === 'catalogue_only' ? (
            <div class="notice">
              <p>{ctx.t('applications.apply.catalogueOnly', { hotline: ctx.hotline })}</p>
            </div>
          ) : null}
          {procedure.components.length > 0 ? (
            <>
              <h2>{ctx.t('applications.apply.prepare')}</h2>
              <p>{ctx.t('applications.apply.prepareHint')}</p>
              <ul class="documents">
                {procedure.components.map((component) => (
                  <li>
                    {component.name}
                    <ComponentFacts ctx={ctx} component={component} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {drafts.length > 0 ? (
            <section aria-labelledby="drafts-title">
              <h2 id="drafts-title">{ctx.t('applications.apply.yourDrafts')}</h2>
              <ul>
                {drafts.map((draft) => (
                  <li>
                    <a href={draft.resumePath}>
                      {ctx.t('applications.drafts.resumeOf', { date: formatDateTime(draft.updatedAt) })}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <form method="post" action={applyPath(record.code)}>
            <CsrfField ctx={ctx} />
            <button type="submit" class="button">
              {drafts.length > 0 ? ctx.t('applications.apply.startNew') : ctx.t('applications.apply.start')}
            </button>
          </form>
          <p>
            <a href={MY_APPLICATIONS_PATH}>{ctx.t('applications.mine.title')}</a>
          </p>
        </>
      )}
    </Layout>
  );
}
