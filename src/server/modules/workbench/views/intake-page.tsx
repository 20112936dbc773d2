import type { TComponent } from '../../../../shared/catalog/schema.js';
import type { FieldErrors } from '../../../../shared/errors.js';
import { Breadcrumbs, CsrfField, ErrorSummary, Notice, TextField } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';

export interface IntakeOutcome {
  decision: 'accept' | 'refuse' | 'incomplete';
  code: string | null;
  due: string | null;
  missing: { id: string; name: string }[];
}

export function IntakePage(props: {
  ctx: PageContext;
  q: string;
  results: { code: string; name: string }[];
  procedure: { code: string; name: string; components: TComponent[] } | null;
  values?: Record<string, string>;
  checked?: string[];
  errors?: FieldErrors | undefined;
  outcome?: IntakeOutcome | undefined;
}) {
  const { ctx, procedure } = props;
  const v = props.values ?? {};
  const outcome = props.outcome;
  return (
    <Layout ctx={ctx} title={ctx.t('workbench.intake.title')}>
      <Breadcrumbs
        items={[
          { href: '/can-bo', label: ctx.t('workbench.title') },
          { label: ctx.t('workbench.intake.title') },
        ]}
      />
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <h1>{ctx.t('workbench.intake.title')}</h1>
      {outcome ? (
        <Notice kind={outcome.decision === 'accept' ? 'success' : 'warning'}>
          {outcome.decision === 'incomplete' ? (
            <>
              <p>{ctx.t('workbench.intake.guidance')}</p>
              <ul>
                {outcome.missing.map((m) => (
                  <li>{m.name}</li>
                ))}
              </ul>
              {procedure ? (
                <p>
                  <a
                    href={`/api/v1/slips/guidance?procedure=${encodeURIComponent(procedure.code)}&missing=${outcome.missing.map((m) => m.id).join(',')}`}
                  >
                    {ctx.t('workbench.slips.guidance')}
                  </a>
                </p>
              ) : null}
            </>
          ) : (
            <p>
              {outcome.decision === 'accept'
                ? outcome.due
                  ? ctx.t('workbench.intake.accepted', { code: outcome.code ?? '', due: outcome.due })
                  : ctx.t('workbench.intake.acceptedNoDue', { code: outcome.code ?? '' })
                : ctx.t('workbench.intake.refused', { code: outcome.code ?? '' })}{' '}
              {outcome.code ? (
                <a href={`/can-bo/ho-so/${outcome.code}`}>{ctx.t('workbench.intake.open')}</a>
              ) : null}
            </p>
          )}
        </Notice>
      ) : null}
      <form method="get" action="/can-bo/tiep-nhan">
        <label for="intake-q">{ctx.t('workbench.intake.procedureSearch')}</label>
        <input id="intake-q" name="q" type="search" value={props.q} maxlength={200} />
        <button type="submit" class="button button-secondary">
          {ctx.t('workbench.searchButton')}
        </button>
      </form>
      {props.results.length > 0 ? (
        <ul>
          {props.results.map((r) => (
            <li>
              <a href={`/can-bo/tiep-nhan?procedure=${encodeURIComponent(r.code)}`}>{r.name}</a>{' '}
              <span class="muted">{r.code}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {procedure ? (
        <form
          method="post"
          action={`/can-bo/tiep-nhan?procedure=${encodeURIComponent(procedure.code)}`}
          novalidate
        >
          <CsrfField ctx={ctx} />
          <h2>{procedure.name}</h2>
          <p class="muted">{procedure.code}</p>
          <fieldset>
            <legend>{ctx.t('workbench.intake.applicant')}</legend>
            <TextField
              ctx={ctx}
              name="applicant.fullName"
              label={ctx.t('workbench.intake.fullName')}
              value={v['applicant.fullName']}
              errors={props.errors}
            />
            <TextField
              ctx={ctx}
              name="applicant.idNumber"
              label={ctx.t('workbench.intake.idNumber')}
              value={v['applicant.idNumber']}
              errors={props.errors}
              inputmode="numeric"
              maxlength={12}
            />
            <TextField
              ctx={ctx}
              name="applicant.phone"
              label={ctx.t('workbench.intake.phone')}
              value={v['applicant.phone']}
              errors={props.errors}
              type="tel"
              maxlength={15}
            />
            <TextField
              ctx={ctx}
              name="applicant.email"
              label={ctx.t('workbench.intake.email')}
              value={v['applicant.email']}
              errors={props.errors}
              type="email"
            />
          </fieldset>
          <fieldset id="field-checkedComponents">
            <legend>{ctx.t('workbench.intake.documents')}</legend>
            <p class="hint">{ctx.t('workbench.intake.documentsHint')}</p>
            {props.errors?.checkedComponents ? (
              <p class="error-message">
                {ctx.t(props.errors.checkedComponents.key, props.errors.checkedComponents.params)}
              </p>
            ) : null}
            {procedure.components.map((c) => (
              <div class="checkbox">
                <input
                  type="checkbox"
                  name="checkedComponents"
                  value={c.id}
                  id={`component-${c.id}`}
                  checked={props.checked?.includes(c.id)}
                />
                <label for={`component-${c.id}`}>
                  {c.name}{' '}
                  <span class="muted">
                    ({c.required ? ctx.t('workbench.intake.required') : ctx.t('workbench.intake.optional')};{' '}
                    {ctx.t('workbench.intake.copies', { originals: c.originals, copies: c.copies })})
                  </span>
                </label>
              </div>
            ))}
          </fieldset>
          <fieldset>
            <legend>{ctx.t('workbench.intake.decision')}</legend>
            {(['accept', 'incomplete', 'refuse'] as const).map((decision) => (
              <div class="radio">
                <input
                  type="radio"
                  name="decision"
                  value={decision}
                  id={`decision-${decision}`}
                  checked={(v.decision ?? 'accept') === decision}
                />
                <label for={`decision-${decision}`}>{ctx.t(`workbench.intake.${decision}`)}</label>
              </div>
            ))}
          </fieldset>
          <div class={props.errors?.note ? 'field field-error' : 'field'}>
            <label for="field-note">{ctx.t('workbench.intake.noteLabel')}</label>
            {props.errors?.note ? <p class="error-message">{ctx.t(props.errors.note.key)}</p> : null}
            <textarea id="field-note" name="note" rows={3} maxlength={2000}>
              {v.note ?? ''}
            </textarea>
          </div>
          <button type="submit" class="button">
            {ctx.t('workbench.intake.submit')}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}
