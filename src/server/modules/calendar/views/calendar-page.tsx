import { grantsAllow } from '../../../../shared/auth/roles.js';
import type { OfficeHours } from '../../../../shared/calendar/index.js';
import { type THolidaysResponse, TIME_LIMIT_UNITS } from '../../../../shared/calendar/schema.js';
import type { FieldErrors } from '../../../../shared/errors.js';
import { Breadcrumbs, ErrorSummary, TextField } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import {
  DaysOffTable,
  displayMoment,
  SelectField,
  WorkingDaysTable,
  YearForm,
  YearNav,
} from './calendar-parts.js';
import { ADMIN_CALENDAR_PATH, CALENDAR_PATH } from './paths.js';

export interface CalculatorValues {
  receivedDate: string;
  receivedTime: string;
  amount: string;
  unit: string;
}

export interface CalculatorResult {
  effectiveReceivedAt: Date;
  dueAt: Date;
  receivedAt: Date;
  unit: (typeof TIME_LIMIT_UNITS)[number];
  amount?: number | undefined;
}

function Calculator(props: {
  ctx: PageContext;
  year: number;
  values: CalculatorValues;
  errors?: FieldErrors | undefined;
  result?: CalculatorResult | undefined;
}) {
  const { ctx, result } = props;
  return (
    <section aria-labelledby="tinh-han">
      <h2 id="tinh-han">{ctx.t('calendar.calculator.title')}</h2>
      <p>{ctx.t('calendar.calculator.intro')}</p>
      <ErrorSummary ctx={ctx} errors={props.errors} />
      {result ? (
        <div class="notice notice-success" role="status" aria-labelledby="ket-qua">
          <h3 id="ket-qua">{ctx.t('calendar.calculator.resultTitle')}</h3>
          <p>
            {ctx.t('calendar.calculator.dueAt')}
            <br />
            <strong class="lead">
              <time datetime={result.dueAt.toISOString()}>{displayMoment(ctx, result.dueAt)}</time>
            </strong>
          </p>
          <p>
            {ctx.t('calendar.calculator.effectiveReceivedAt')}
            <br />
            <strong>
              <time datetime={result.effectiveReceivedAt.toISOString()}>
                {displayMoment(ctx, result.effectiveReceivedAt)}
              </time>
            </strong>
            {result.effectiveReceivedAt.getTime() !== result.receivedAt.getTime() ? (
              <>
                <br />
                <span class="hint">{ctx.t('calendar.calculator.movedReceipt')}</span>
              </>
            ) : null}
          </p>
          <p>{ctx.t(`calendar.rules.${result.unit}`)}</p>
        </div>
      ) : null}
      <form method="get" action={`${CALENDAR_PATH}#tinh-han`} novalidate>
        <input type="hidden" name="year" value={String(props.year)} />
        <TextField
          ctx={ctx}
          name="receivedDate"
          type="date"
          label={ctx.t('calendar.calculator.receivedDate')}
          value={props.values.receivedDate}
          errors={props.errors}
        />
        <TextField
          ctx={ctx}
          name="receivedTime"
          label={ctx.t('calendar.calculator.receivedTime')}
          hint={ctx.t('calendar.calculator.receivedTimeHint')}
          value={props.values.receivedTime}
          errors={props.errors}
          maxlength={5}
        />
        <TextField
          ctx={ctx}
          name="amount"
          label={ctx.t('calendar.calculator.amount')}
          hint={ctx.t('calendar.calculator.amountHint')}
          value={props.values.amount}
          errors={props.errors}
          inputmode="decimal"
          maxlength={10}
        />
        <SelectField
          ctx={ctx}
          name="unit"
          label={ctx.t('calendar.calculator.unit')}
          value={props.values.unit}
          errors={props.errors}
          options={TIME_LIMIT_UNITS.map((unit) => ({ value: unit, label: ctx.t(`calendar.units.${unit}`) }))}
        />
        <button type="submit" class="button">
          {ctx.t('calendar.calculator.submit')}
        </button>
      </form>
    </section>
  );
}

/** The public working calendar of a year with the due-date calculator. */
export function CalendarPage(props: {
  ctx: PageContext;
  calendar: THolidaysResponse;
  officeHours: OfficeHours;
  yearValue?: string | undefined;
  yearErrors?: FieldErrors | undefined;
  values: CalculatorValues;
  errors?: FieldErrors | undefined;
  result?: CalculatorResult | undefined;
}) {
  const { ctx, calendar } = props;
  const canManage = ctx.actor !== null && grantsAllow(ctx.actor.grants, 'calendar.manage');
  const hours = props.officeHours.periods.map((p) => `${p.start}–${p.end}`).join(', ');
  return (
    <Layout ctx={ctx} title={ctx.t('calendar.title', { year: calendar.year })}>
      <Breadcrumbs items={[{ href: '/', label: ctx.t('nav.home') }, { label: ctx.t('nav.calendar') }]} />
      <ErrorSummary ctx={ctx} errors={props.yearErrors} />
      <h1>{ctx.t('calendar.title', { year: calendar.year })}</h1>
      <p class="lead">{ctx.t('calendar.intro', { hours })}</p>
      {canManage ? (
        <p>
          <a href={`${ADMIN_CALENDAR_PATH}?year=${calendar.year}`}>
            {ctx.t('calendar.manageLink', { year: calendar.year })}
          </a>
        </p>
      ) : null}
      <YearNav ctx={ctx} year={calendar.year} path={CALENDAR_PATH} />
      <h2>{ctx.t('calendar.daysOffTitle')}</h2>
      <DaysOffTable ctx={ctx} calendar={calendar} />
      <p class="hint">{ctx.t('calendar.rulesNote')}</p>
      <h2>{ctx.t('calendar.workingDaysTitle')}</h2>
      <WorkingDaysTable ctx={ctx} calendar={calendar} />
      <YearForm
        ctx={ctx}
        year={calendar.year}
        path={CALENDAR_PATH}
        value={props.yearValue}
        errors={props.yearErrors}
      />
      <Calculator
        ctx={ctx}
        year={calendar.year}
        values={props.values}
        errors={props.errors}
        result={props.result}
      />
    </Layout>
  );
}
