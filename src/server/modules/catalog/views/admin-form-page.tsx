import {
  CHANNEL_KINDS,
  DATA_COMPLETENESS,
  ONLINE_LEVELS,
  PROCEDURE_LEVELS,
  PROCEDURE_STATUSES,
  SUPPLEMENT_CLOCKS,
  type TChannelKind,
  TIME_LIMIT_UNITS,
  type TProcedureRecord,
} from '../../../../shared/catalog/schema.js';
import type { FieldErrors } from '../../../../shared/errors.js';
import { Breadcrumbs, CsrfField, ErrorSummary, Notice, TextField } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { channelField, type ProcedureFormValues } from '../catalog.form.js';
import {
  ADMIN_CATALOG_PATH,
  ADMIN_NEW_PATH,
  adminEditPath,
  adminRetirePath,
  CheckboxField,
  procedurePath,
  SelectField,
  TextAreaField,
} from './parts.js';

export interface FormPageView {
  /** The stored procedure when editing; null when creating. */
  existing: { code: string; version: number; status: string; record: TProcedureRecord } | null;
  values: ProcedureFormValues;
  /** The version the form was opened on (hidden field), kept as sent when a save is refused. */
  expectedVersion?: number | undefined;
  errors?: FieldErrors | undefined;
  /** Someone saved the procedure since the form was opened: the version now stored. */
  conflict?: number | undefined;
}

function ChannelFieldset({ ctx, kind, view }: { ctx: PageContext; kind: TChannelKind; view: FormPageView }) {
  const v = view.values;
  const variants = (view.existing?.record.channels.filter((c) => c.kind === kind).length ?? 0) - 1;
  const channel = ctx.t(`catalog.channels.${kind}`);
  return (
    <fieldset class="channel-fieldset">
      <legend>{channel}</legend>
      <CheckboxField
        ctx={ctx}
        name={channelField(kind, 'Offered')}
        label={ctx.t('catalog.admin.labels.offered')}
        checked={(v[channelField(kind, 'Offered')] ?? '') !== ''}
        errors={view.errors}
      />
      <div class="inline-fields">
        <TextField
          ctx={ctx}
          name={channelField(kind, 'Amount')}
          label={ctx.t('catalog.admin.labels.amount')}
          value={v[channelField(kind, 'Amount')]}
          errors={view.errors}
          inputmode="decimal"
        />
        <SelectField
          ctx={ctx}
          name={channelField(kind, 'Unit')}
          label={ctx.t('catalog.admin.labels.unit')}
          value={v[channelField(kind, 'Unit')]}
          errors={view.errors}
          options={[
            { value: '', label: ctx.t('catalog.admin.labels.noUnit') },
            ...TIME_LIMIT_UNITS.map((unit) => ({
              value: unit,
              label: ctx.t(`catalog.timeUnitNames.${unit}`),
            })),
          ]}
        />
        <TextField
          ctx={ctx}
          name={channelField(kind, 'Fee')}
          label={ctx.t('catalog.admin.labels.fee')}
          value={v[channelField(kind, 'Fee')]}
          errors={view.errors}
          inputmode="numeric"
        />
      </div>
      {variants > 0 ? (
        <p class="hint">{ctx.t('catalog.admin.variants', { count: variants, channel })}</p>
      ) : null}
    </fieldset>
  );
}

/** /quan-tri/thu-tuc/moi and /quan-tri/thu-tuc/:code/sua: the procedure form, and retiring it. */
export function AdminFormPage({ ctx, view }: { ctx: PageContext; view: FormPageView }) {
  const existing = view.existing;
  const v = view.values;
  const title = existing
    ? ctx.t('catalog.admin.editTitle', { code: existing.code })
    : ctx.t('catalog.admin.newTitle');
  const lines = ctx.t('catalog.admin.hints.oneLine');
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumbs
        items={[
          { href: '/', label: ctx.t('nav.home') },
          { href: ADMIN_CATALOG_PATH, label: ctx.t('catalog.admin.breadcrumb') },
          { label: title },
        ]}
      />
      {view.conflict !== undefined && existing ? (
        <Notice kind="warning">
          <h2 class="notice-title">{ctx.t('catalog.admin.conflictTitle')}</h2>
          <p>{ctx.t('catalog.admin.conflictText', { version: view.conflict })}</p>
          <p>
            <a href={adminEditPath(existing.code)}>{ctx.t('catalog.admin.conflictReload')}</a>
          </p>
        </Notice>
      ) : null}
      <ErrorSummary ctx={ctx} errors={view.errors} />
      <h1>{title}</h1>
      {existing ? (
        <p class="lead">
          {v.name}{' '}
          <span class={existing.status === 'active' ? 'tag tag-green' : 'tag tag-grey'}>
            {ctx.t(`catalog.statuses.${existing.status}`)}
          </span>{' '}
          <span class="hint">{ctx.t('catalog.admin.versionNow', { version: existing.version })}</span>
        </p>
      ) : null}
      <form
        method="post"
        action={existing ? adminEditPath(existing.code) : ADMIN_NEW_PATH}
        novalidate
        class="procedure-form"
      >
        <CsrfField ctx={ctx} />
        {existing ? (
          <input
            type="hidden"
            name="expectedVersion"
            value={String(view.expectedVersion ?? existing.version)}
          />
        ) : null}
        <h2>{ctx.t('catalog.admin.sections.main')}</h2>
        {existing ? (
          <dl class="summary">
            <dt>{ctx.t('catalog.admin.labels.code')}</dt>
            <dd class="code">{existing.code}</dd>
          </dl>
        ) : (
          <TextField
            ctx={ctx}
            name="code"
            label={ctx.t('catalog.admin.labels.code')}
            hint={ctx.t('catalog.admin.hints.code')}
            value={v.code}
            errors={view.errors}
            autocomplete="off"
          />
        )}
        <TextAreaField
          ctx={ctx}
          name="name"
          label={ctx.t('catalog.admin.labels.name')}
          value={v.name}
          errors={view.errors}
          rows={2}
        />
        <TextField
          ctx={ctx}
          name="field"
          label={ctx.t('catalog.admin.labels.field')}
          value={v.field}
          errors={view.errors}
        />
        <div class="inline-fields">
          <SelectField
            ctx={ctx}
            name="level"
            label={ctx.t('catalog.admin.labels.level')}
            value={v.level}
            errors={view.errors}
            options={[
              { value: '', label: ctx.t('catalog.admin.labels.choose') },
              ...PROCEDURE_LEVELS.map((level) => ({ value: level, label: ctx.t(`catalog.levels.${level}`) })),
            ]}
          />
          <SelectField
            ctx={ctx}
            name="onlineLevel"
            label={ctx.t('catalog.admin.labels.onlineLevel')}
            value={v.onlineLevel}
            errors={view.errors}
            options={[
              { value: '', label: ctx.t('catalog.admin.labels.choose') },
              ...ONLINE_LEVELS.map((level) => ({
                value: level,
                label: ctx.t(`catalog.onlineLevels.${level}`),
              })),
            ]}
          />
          <SelectField
            ctx={ctx}
            name="status"
            label={ctx.t('catalog.admin.labels.status')}
            value={v.status}
            errors={view.errors}
            options={PROCEDURE_STATUSES.map((status) => ({
              value: status,
              label: ctx.t(`catalog.statuses.${status}`),
            }))}
          />
          <SelectField
            ctx={ctx}
            name="dataCompleteness"
            label={ctx.t('catalog.admin.labels.dataCompleteness')}
            value={v.dataCompleteness}
            errors={view.errors}
            options={DATA_COMPLETENESS.map((c) => ({ value: c, label: ctx.t(`catalog.completeness.${c}`) }))}
          />
        </div>
        <p class="hint">{ctx.t('catalog.admin.hints.dataCompleteness')}</p>
        <SelectField
          ctx={ctx}
          name="supplementClock"
          label={ctx.t('catalog.admin.labels.supplementClock')}
          value={v.supplementClock}
          errors={view.errors}
          options={SUPPLEMENT_CLOCKS.map((c) => ({
            value: c,
            label: ctx.t(`catalog.supplementClocks.${c}`),
          }))}
        />
        <TextAreaField
          ctx={ctx}
          name="agencies"
          label={ctx.t('catalog.admin.labels.agencies')}
          hint={ctx.t('catalog.admin.hints.agencies')}
          value={v.agencies}
          errors={view.errors}
          rows={2}
        />
        <TextAreaField
          ctx={ctx}
          name="targetSubjects"
          label={ctx.t('catalog.admin.labels.targetSubjects')}
          hint={lines}
          value={v.targetSubjects}
          errors={view.errors}
          rows={3}
        />

        <h2>{ctx.t('catalog.admin.sections.channels')}</h2>
        <p class="hint">{ctx.t('catalog.admin.hints.channels')}</p>
        {CHANNEL_KINDS.map((kind) => (
          <ChannelFieldset ctx={ctx} kind={kind} view={view} />
        ))}

        <h2>{ctx.t('catalog.admin.sections.content')}</h2>
        <TextAreaField
          ctx={ctx}
          name="components"
          label={ctx.t('catalog.admin.labels.components')}
          hint={ctx.t('catalog.admin.hints.components')}
          value={v.components}
          errors={view.errors}
          rows={8}
          class="field-wide"
        />
        <TextAreaField
          ctx={ctx}
          name="componentTemplates"
          label={ctx.t('catalog.admin.labels.componentTemplates')}
          hint={ctx.t('catalog.admin.hints.componentTemplates')}
          value={v.componentTemplates}
          errors={view.errors}
          rows={3}
          class="field-wide"
        />
        <TextAreaField
          ctx={ctx}
          name="steps"
          label={ctx.t('catalog.admin.labels.steps')}
          hint={ctx.t('catalog.admin.hints.steps')}
          value={v.steps}
          errors={view.errors}
          rows={6}
          class="field-wide"
        />
        <TextAreaField
          ctx={ctx}
          name="conditions"
          label={ctx.t('catalog.admin.labels.conditions')}
          value={v.conditions}
          errors={view.errors}
          rows={3}
          class="field-wide"
        />
        <TextAreaField
          ctx={ctx}
          name="results"
          label={ctx.t('catalog.admin.labels.results')}
          hint={lines}
          value={v.results}
          errors={view.errors}
          rows={2}
          class="field-wide"
        />
        <TextAreaField
          ctx={ctx}
          name="legalBasis"
          label={ctx.t('catalog.admin.labels.legalBasis')}
          hint={ctx.t('catalog.admin.hints.legalBasis')}
          value={v.legalBasis}
          errors={view.errors}
          rows={5}
          class="field-wide"
        />
        <p class="hint">{ctx.t('catalog.admin.hints.kept')}</p>
        <p class="actions">
          <button type="submit" class="button">
            {existing ? ctx.t('catalog.admin.save') : ctx.t('catalog.admin.create')}
          </button>
          <a href={ADMIN_CATALOG_PATH}>{ctx.t('catalog.admin.cancel')}</a>
        </p>
      </form>
      {existing && existing.status === 'active' ? (
        <section class="danger-zone" aria-labelledby="retire-title">
          <h2 id="retire-title">{ctx.t('catalog.admin.retireTitle')}</h2>
          <p>{ctx.t('catalog.admin.retireText')}</p>
          <p>
            <a href={procedurePath(existing.code)}>{ctx.t('catalog.admin.viewPublic')}</a>
          </p>
          <form method="post" action={adminRetirePath(existing.code)}>
            <CsrfField ctx={ctx} />
            <input
              type="hidden"
              name="expectedVersion"
              value={String(view.expectedVersion ?? existing.version)}
            />
            <button type="submit" class="button button-warning">
              {ctx.t('catalog.admin.retireButton', { code: existing.code })}
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
