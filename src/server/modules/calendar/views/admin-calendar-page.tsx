import {
  OVERRIDE_KINDS,
  OVERRIDE_NOTE_MAX,
  type THolidaysResponse,
  type TOverride,
} from '../../../../shared/calendar/schema.js';
import type { FieldErrors } from '../../../../shared/errors.js';
import { Breadcrumbs, CsrfField, ErrorSummary, Notice, TextField } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import {
  DaysOffTable,
  displayDate,
  SelectField,
  WorkingDaysTable,
  weekdayName,
  YearForm,
  YearNav,
} from './calendar-parts.js';
import { ADMIN_CALENDAR_PATH, CALENDAR_PATH } from './paths.js';

export interface OverrideFormValues {
  date: string;
  kind: string;
  note: string;
}

export type AdminNotice = { kind: 'added' | 'deleted'; date: string } | undefined;

function OverridesTable({
  ctx,
  year,
  overrides,
}: {
  ctx: PageContext;
  year: number;
  overrides: TOverride[];
}) {
  if (overrides.length === 0) return <p>{ctx.t('calendar.admin.noOverrides', { year })}</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption>{ctx.t('calendar.admin.overridesCaption', { year, count: overrides.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t('calendar.date')}</th>
            <th scope="col">{ctx.t('calendar.admin.kindColumn')}</th>
            <th scope="col">{ctx.t('calendar.noteColumn')}</th>
            <th scope="col">
              <span class="visually-hidden">{ctx.t('calendar.admin.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {overrides.map((o) => (
            <tr>
              <th scope="row">
                <time datetime={o.date}>{displayDate(o.date)}</time>
                <br />
                <span class="hint">{weekdayName(ctx, o.date)}</span>
              </th>
              <td>
                <span class={o.kind === 'day_off' ? 'tag' : 'tag tag-green'}>
                  {ctx.t(`calendar.kinds.${o.kind}`)}
                </span>
              </td>
              <td>
                {o.note}
                {o.createdBy ? (
                  <>
                    <br />
                    <span class="hint">{ctx.t('calendar.admin.createdBy', { username: o.createdBy })}</span>
                  </>
                ) : null}
              </td>
              <td>
                <form method="post" action={`${ADMIN_CALENDAR_PATH}/xoa`} class="inline-form">
                  <CsrfField ctx={ctx} />
                  <input type="hidden" name="date" value={o.date} />
                  <button type="submit" class="link-button">
                    {ctx.t('calendar.admin.delete')}
                    <span class="visually-hidden"> {displayDate(o.date)}</span>
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Administrators' page: the overrides of a year, a form to add one, a button to remove each. */
export function AdminCalendarPage(props: {
  ctx: PageContext;
  calendar: THolidaysResponse;
  overrides: TOverride[];
  values: OverrideFormValues;
  errors?: FieldErrors | undefined;
  yearValue?: string | undefined;
  notice?: AdminNotice;
}) {
  const { ctx, calendar } = props;
  const year = calendar.year;
  return (
    <Layout ctx={ctx} title={ctx.t('calendar.admin.title', { year })}>
      <Breadcrumbs
        items={[
          { href: '/', label: ctx.t('nav.home') },
          { href: `${CALENDAR_PATH}?year=${year}`, label: ctx.t('nav.calendar') },
          { label: ctx.t('calendar.admin.breadcrumb') },
        ]}
      />
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <h1>{ctx.t('calendar.admin.title', { year })}</h1>
      {props.notice ? (
        <Notice kind="success">
          <p>
            {ctx.t(`calendar.admin.${props.notice.kind}`, {
              date: displayDate(props.notice.date),
              weekday: weekdayName(ctx, props.notice.date),
            })}
          </p>
        </Notice>
      ) : null}
      <p class="lead">{ctx.t('calendar.admin.intro')}</p>
      <YearNav ctx={ctx} year={year} path={ADMIN_CALENDAR_PATH} />
      <h2>{ctx.t('calendar.admin.overridesTitle')}</h2>
      <OverridesTable ctx={ctx} year={year} overrides={props.overrides} />

      <h2 id="them">{ctx.t('calendar.admin.addTitle')}</h2>
      <form method="post" action={ADMIN_CALENDAR_PATH} novalidate aria-labelledby="them">
        <CsrfField ctx={ctx} />
        <TextField
          ctx={ctx}
          name="date"
          type="date"
          label={ctx.t('calendar.date')}
          value={props.values.date}
          errors={props.errors}
        />
        <SelectField
          ctx={ctx}
          name="kind"
          label={ctx.t('calendar.admin.kind')}
          hint={ctx.t('calendar.admin.kindHint')}
          value={props.values.kind}
          errors={props.errors}
          options={OVERRIDE_KINDS.map((kind) => ({ value: kind, label: ctx.t(`calendar.kinds.${kind}`) }))}
        />
        <TextField
          ctx={ctx}
          name="note"
          label={ctx.t('calendar.admin.note')}
          hint={ctx.t('calendar.admin.noteHint', { maximum: OVERRIDE_NOTE_MAX })}
          value={props.values.note}
          errors={props.errors}
          maxlength={OVERRIDE_NOTE_MAX}
        />
        <button type="submit" class="button">
          {ctx.t('calendar.admin.add')}
        </button>
      </form>

      <h2>{ctx.t('calendar.admin.resultTitle', { year })}</h2>
      <DaysOffTable ctx={ctx} calendar={calendar} />
      <WorkingDaysTable ctx={ctx} calendar={calendar} />
      <YearForm
        ctx={ctx}
        year={year}
        path={ADMIN_CALENDAR_PATH}
        value={props.yearValue}
        errors={props.errors?.year ? props.errors : undefined}
      />
    </Layout>
  );
}
