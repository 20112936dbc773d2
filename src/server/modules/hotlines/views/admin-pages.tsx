// Administrators' pages: the directory with its entries, a new entry, and one entry to change or remove.
import type { FieldErrors } from '../../../../shared/errors.js';
import {
  formatPhoneNumber,
  HOTLINE_KINDS,
  HOTLINE_NAME_MAX,
  HOTLINE_NOTE_MAX,
  HOTLINE_POSITION_MAX,
  type THotline,
} from '../../../../shared/hotlines/schema.js';
import { Breadcrumbs, CsrfField, ErrorSummary, Notice, TextField } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { SelectField } from '../../catalog/views/parts.js';
import {
  ADMIN_HOTLINES_PATH,
  ADMIN_NEW_HOTLINE_PATH,
  adminDeleteHotlinePath,
  adminHotlinePath,
  HOTLINES_PATH,
} from './paths.js';

export const ADMIN_NOTICES = ['created', 'updated', 'deleted'] as const;
export type AdminNotice = (typeof ADMIN_NOTICES)[number] | undefined;

const crumbs = (ctx: PageContext, last?: { label: string }) => (
  <Breadcrumbs
    items={[
      { href: '/', label: ctx.t('nav.home') },
      { href: HOTLINES_PATH, label: ctx.t('hotlines.title') },
      ...(last
        ? [{ href: ADMIN_HOTLINES_PATH, label: ctx.t('hotlines.admin.breadcrumb') }, last]
        : [{ label: ctx.t('hotlines.admin.breadcrumb') }]),
    ]}
  />
);

/** The directory as administrators see it: every entry, with a link to change it. */
export function AdminHotlinesPage({
  ctx,
  items,
  notice,
}: {
  ctx: PageContext;
  items: THotline[];
  notice: AdminNotice;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('hotlines.admin.title')}>
      {crumbs(ctx)}
      <h1>{ctx.t('hotlines.admin.title')}</h1>
      {notice ? (
        <Notice kind="success">
          <p>{ctx.t(`hotlines.admin.notices.${notice}`)}</p>
        </Notice>
      ) : null}
      <p>
        <a class="button" href={ADMIN_NEW_HOTLINE_PATH}>
          {ctx.t('hotlines.admin.new')}
        </a>
      </p>
      {items.length === 0 ? (
        <p>{ctx.t('hotlines.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="admin-table dense">
            <caption class="visually-hidden">{ctx.t('hotlines.admin.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('hotlines.fields.position')}</th>
                <th scope="col">{ctx.t('hotlines.fields.kind')}</th>
                <th scope="col">{ctx.t('hotlines.fields.phone')}</th>
                <th scope="col" class="num">
                  {ctx.t('hotlines.fields.sortOrder')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr>
                  <th scope="row">
                    <a href={adminHotlinePath(item.id)}>{item.position}</a>
                    {item.personName ? (
                      <>
                        <br />
                        <span class="hint">{item.personName}</span>
                      </>
                    ) : null}
                  </th>
                  <td>{ctx.t(`hotlines.kindShort.${item.kind}`)}</td>
                  <td class="nowrap">{formatPhoneNumber(item.phone)}</td>
                  <td class="num">{item.sortOrder}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <a href={HOTLINES_PATH}>{ctx.t('hotlines.admin.publicLink')}</a>
      </p>
    </Layout>
  );
}

export interface HotlineFormValues {
  kind: string;
  position: string;
  personName: string;
  phone: string;
  note: string;
  sortOrder: string;
}

export const emptyHotlineForm = (): HotlineFormValues => ({
  kind: '',
  position: '',
  personName: '',
  phone: '',
  note: '',
  sortOrder: '0',
});

export const hotlineFormValues = (item: THotline): HotlineFormValues => ({
  kind: item.kind,
  position: item.position,
  personName: item.personName ?? '',
  phone: formatPhoneNumber(item.phone),
  note: item.note ?? '',
  sortOrder: String(item.sortOrder),
});

function HotlineFields(props: {
  ctx: PageContext;
  values: HotlineFormValues;
  errors?: FieldErrors | undefined;
}) {
  const { ctx, values, errors } = props;
  return (
    <>
      <SelectField
        ctx={ctx}
        name="kind"
        label={ctx.t('hotlines.fields.kind')}
        value={values.kind}
        errors={errors}
        options={[
          { value: '', label: ctx.t('hotlines.fields.chooseKind') },
          ...HOTLINE_KINDS.map((kind) => ({ value: kind, label: ctx.t(`hotlines.kinds.${kind}`) })),
        ]}
      />
      <TextField
        ctx={ctx}
        name="position"
        label={ctx.t('hotlines.fields.position')}
        hint={ctx.t('hotlines.fields.positionHint')}
        value={values.position}
        errors={errors}
        maxlength={HOTLINE_POSITION_MAX}
        autocomplete="off"
      />
      <TextField
        ctx={ctx}
        name="personName"
        label={ctx.t('hotlines.fields.personName')}
        hint={ctx.t('hotlines.fields.personNameHint')}
        value={values.personName}
        errors={errors}
        maxlength={HOTLINE_NAME_MAX}
        autocomplete="off"
      />
      <TextField
        ctx={ctx}
        name="phone"
        type="tel"
        label={ctx.t('hotlines.fields.phone')}
        hint={ctx.t('hotlines.fields.phoneHint')}
        value={values.phone}
        errors={errors}
        inputmode="tel"
        maxlength={30}
        autocomplete="off"
      />
      <TextField
        ctx={ctx}
        name="note"
        label={ctx.t('hotlines.fields.note')}
        hint={ctx.t('hotlines.fields.noteHint')}
        value={values.note}
        errors={errors}
        maxlength={HOTLINE_NOTE_MAX}
        autocomplete="off"
      />
      <TextField
        ctx={ctx}
        name="sortOrder"
        label={ctx.t('hotlines.fields.sortOrder')}
        hint={ctx.t('hotlines.fields.sortOrderHint')}
        value={values.sortOrder}
        errors={errors}
        inputmode="numeric"
        maxlength={4}
        autocomplete="off"
      />
    </>
  );
}

export function AdminNewHotlinePage(props: {
  ctx: PageContext;
  values: HotlineFormValues;
  errors?: FieldErrors | undefined;
}) {
  const { ctx, values, errors } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('hotlines.admin.newTitle')}>
      {crumbs(ctx, { label: ctx.t('hotlines.admin.newTitle') })}
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{ctx.t('hotlines.admin.newTitle')}</h1>
      <form method="post" action={ADMIN_NEW_HOTLINE_PATH} class="hotline-form" novalidate>
        <CsrfField ctx={ctx} />
        <HotlineFields ctx={ctx} values={values} errors={errors} />
        <button type="submit" class="button">
          {ctx.t('hotlines.admin.create')}
        </button>
      </form>
    </Layout>
  );
}

export function AdminEditHotlinePage(props: {
  ctx: PageContext;
  item: THotline;
  values: HotlineFormValues;
  errors?: FieldErrors | undefined;
}) {
  const { ctx, item, values, errors } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('hotlines.admin.editTitle', { name: item.position })}>
      {crumbs(ctx, { label: item.position })}
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{ctx.t('hotlines.admin.editTitle', { name: item.position })}</h1>
      <form method="post" action={adminHotlinePath(item.id)} class="hotline-form" novalidate>
        <CsrfField ctx={ctx} />
        <HotlineFields ctx={ctx} values={values} errors={errors} />
        <button type="submit" class="button">
          {ctx.t('hotlines.admin.save')}
        </button>
      </form>
      <section class="danger-zone" aria-labelledby="delete-title">
        <h2 id="delete-title">{ctx.t('hotlines.admin.deleteTitle')}</h2>
        <p>{ctx.t('hotlines.admin.deleteHint')}</p>
        <form method="post" action={adminDeleteHotlinePath(item.id)}>
          <CsrfField ctx={ctx} />
          <button type="submit" class="button button-warning">
            {ctx.t('hotlines.admin.delete')}
          </button>
        </form>
      </section>
    </Layout>
  );
}
