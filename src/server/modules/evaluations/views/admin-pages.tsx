// Administrators' pages: the criteria in the order they are asked, with the ways to add, rename,
// reorder, stop and resume asking them. Every change is a small form (no JavaScript) and is audited.
import type { FieldErrors } from '../../../../shared/errors.js';
import { CRITERION_LABEL_MAX } from '../../../../shared/evaluations/schema.js';
import { Breadcrumbs, CsrfField, ErrorSummary, Notice, TextField } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { ADMIN_CRITERIA_PATH, adminCriterionPath } from './paths.js';

export const ADMIN_NOTICES = ['added', 'renamed', 'moved', 'deactivated', 'activated'] as const;
export type AdminNotice = { kind: (typeof ADMIN_NOTICES)[number]; code: string } | undefined;

export interface AdminCriterion {
  code: string;
  labelVi: string;
  labelEn: string;
  position: number;
  active: boolean;
}

export interface CriterionFormValues {
  code: string;
  labelVi: string;
  labelEn: string;
}

function crumbs(ctx: PageContext, last?: string) {
  return (
    <Breadcrumbs
      items={[
        { href: '/', label: ctx.t('nav.home') },
        ...(last
          ? [{ href: ADMIN_CRITERIA_PATH, label: ctx.t('evaluations.admin.title') }, { label: last }]
          : [{ label: ctx.t('evaluations.admin.title') }]),
      ]}
    />
  );
}

function LabelFields(props: {
  ctx: PageContext;
  values: CriterionFormValues;
  errors?: FieldErrors | undefined;
}) {
  const { ctx, values, errors } = props;
  return (
    <>
      <TextField
        ctx={ctx}
        name="labelVi"
        label={ctx.t('evaluations.admin.labelVi')}
        value={values.labelVi}
        errors={errors}
        maxlength={CRITERION_LABEL_MAX}
      />
      <TextField
        ctx={ctx}
        name="labelEn"
        label={ctx.t('evaluations.admin.labelEn')}
        value={values.labelEn}
        errors={errors}
        maxlength={CRITERION_LABEL_MAX}
      />
    </>
  );
}

/** A one-button form in a table row; the criterion's label is read out with the button. */
function RowButton(props: {
  ctx: PageContext;
  action: string;
  field: string;
  value: string;
  label: string;
  criterion: string;
  secondary?: boolean;
}) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <CsrfField ctx={props.ctx} />
      <input type="hidden" name={props.field} value={props.value} />
      <button
        type="submit"
        class={props.secondary ? 'button button-secondary button-small' : 'button button-small'}
      >
        {props.label}
        <span class="visually-hidden">{` – ${props.criterion}`}</span>
      </button>
    </form>
  );
}

/** /quan-tri/tieu-chi-danh-gia: the list, and the form to add a criterion. */
export function AdminCriteriaPage(props: {
  ctx: PageContext;
  criteria: AdminCriterion[];
  values: CriterionFormValues;
  errors?: FieldErrors | undefined;
  notice?: AdminNotice;
  problem?: string | undefined;
}) {
  const { ctx, criteria } = props;
  const label = (c: AdminCriterion) => (ctx.locale === 'vi' ? c.labelVi : c.labelEn);
  return (
    <Layout ctx={ctx} title={ctx.t('evaluations.admin.title')}>
      {crumbs(ctx)}
      <ErrorSummary ctx={ctx} errors={props.errors} />
      {props.notice ? (
        <Notice kind="success">
          <p>{ctx.t(`evaluations.admin.notices.${props.notice.kind}`, { code: props.notice.code })}</p>
        </Notice>
      ) : null}
      {props.problem ? (
        <Notice kind="warning">
          <p>{props.problem}</p>
        </Notice>
      ) : null}
      <h1>{ctx.t('evaluations.admin.title')}</h1>
      <p>{ctx.t('evaluations.admin.intro')}</p>
      <div class="table-wrap">
        <table class="admin-table dense">
          <caption class="visually-hidden">{ctx.t('evaluations.admin.title')}</caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                {ctx.t('evaluations.admin.columns.order')}
              </th>
              <th scope="col">{ctx.t('evaluations.admin.columns.criterion')}</th>
              <th scope="col">{ctx.t('evaluations.admin.columns.status')}</th>
              <th scope="col">{ctx.t('evaluations.admin.columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {criteria.map((c, index) => (
              <tr>
                <td class="num">{String(index + 1)}</td>
                <th scope="row">
                  <a href={adminCriterionPath(c.code)}>{label(c)}</a>
                  <br />
                  <span class="hint criterion-other">
                    {ctx.locale === 'vi' ? c.labelEn : c.labelVi} · <span class="code">{c.code}</span>
                  </span>
                </th>
                <td>
                  {c.active ? (
                    <span class="tag tag-green">{ctx.t('evaluations.admin.active')}</span>
                  ) : (
                    <span class="tag tag-grey">{ctx.t('evaluations.admin.inactive')}</span>
                  )}
                </td>
                <td>
                  <div class="criterion-actions">
                    {index > 0 ? (
                      <RowButton
                        ctx={ctx}
                        action={`${adminCriterionPath(c.code)}/thu-tu`}
                        field="direction"
                        value="up"
                        label={ctx.t('evaluations.admin.up')}
                        criterion={label(c)}
                        secondary
                      />
                    ) : null}
                    {index < criteria.length - 1 ? (
                      <RowButton
                        ctx={ctx}
                        action={`${adminCriterionPath(c.code)}/thu-tu`}
                        field="direction"
                        value="down"
                        label={ctx.t('evaluations.admin.down')}
                        criterion={label(c)}
                        secondary
                      />
                    ) : null}
                    <RowButton
                      ctx={ctx}
                      action={`${adminCriterionPath(c.code)}/trang-thai`}
                      field="active"
                      value={c.active ? 'false' : 'true'}
                      label={ctx.t(c.active ? 'evaluations.admin.deactivate' : 'evaluations.admin.activate')}
                      criterion={label(c)}
                      secondary
                    />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="add-title">{ctx.t('evaluations.admin.addTitle')}</h2>
      <form method="post" action={ADMIN_CRITERIA_PATH} novalidate aria-labelledby="add-title">
        <CsrfField ctx={ctx} />
        <TextField
          ctx={ctx}
          name="code"
          label={ctx.t('evaluations.admin.code')}
          hint={ctx.t('evaluations.admin.codeHint')}
          value={props.values.code}
          errors={props.errors}
          maxlength={40}
          autocomplete="off"
        />
        <LabelFields ctx={ctx} values={props.values} errors={props.errors} />
        <button type="submit" class="button">
          {ctx.t('evaluations.admin.add')}
        </button>
      </form>
    </Layout>
  );
}

/** /quan-tri/tieu-chi-danh-gia/{code}: renaming one criterion. */
export function AdminCriterionPage(props: {
  ctx: PageContext;
  criterion: AdminCriterion;
  values: CriterionFormValues;
  errors?: FieldErrors | undefined;
}) {
  const { ctx, criterion } = props;
  const title = ctx.t('evaluations.admin.renameTitle', { code: criterion.code });
  return (
    <Layout ctx={ctx} title={title}>
      {crumbs(ctx, criterion.code)}
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <h1>{title}</h1>
      <p>{ctx.t('evaluations.admin.renameIntro')}</p>
      <form method="post" action={adminCriterionPath(criterion.code)} novalidate>
        <CsrfField ctx={ctx} />
        <LabelFields ctx={ctx} values={props.values} errors={props.errors} />
        <button type="submit" class="button">
          {ctx.t('evaluations.admin.save')}
        </button>
      </form>
      <p>
        <a href={ADMIN_CRITERIA_PATH}>{ctx.t('evaluations.admin.backToList')}</a>
      </p>
    </Layout>
  );
}
