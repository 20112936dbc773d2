// Pieces both calendar pages use: dates written the Vietnamese way, the year switcher, the tables of
// days off and swapped working days, and a labelled select.
import { dayOfWeek, localDateOf, MAX_YEAR, MIN_YEAR } from '../../../../shared/calendar/index.js';
import type { THolidaysResponse } from '../../../../shared/calendar/schema.js';
import type { FieldErrors } from '../../../../shared/errors.js';
import { TextField } from '../../../views/components.js';
import type { PageContext } from '../../../views/page-context.js';

/** 'YYYY-MM-DD' as dd/MM/yyyy. */
export function displayDate(date: string): string {
  return date.split('-').reverse().join('/');
}

export function weekdayName(ctx: PageContext, date: string): string {
  return ctx.t(`calendar.weekday.${dayOfWeek(date)}`);
}

/** A moment as "17:30, Thứ Tư, 18/02/2026" in Vietnam time. */
export function displayMoment(ctx: PageContext, moment: Date): string {
  const date = localDateOf(moment);
  const local = new Date(moment.getTime() + 7 * 3600_000);
  const time = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  return ctx.t('calendar.moment', { time, weekday: weekdayName(ctx, date), date: displayDate(date) });
}

/** Links to the previous and next year, within the years the rules are guaranteed for. */
export function YearNav({ ctx, year, path }: { ctx: PageContext; year: number; path: string }) {
  return (
    <nav aria-label={ctx.t('calendar.yearNav')}>
      <p>
        {year > MIN_YEAR ? (
          <a href={`${path}?year=${year - 1}`} rel="prev">
            {ctx.t('calendar.previousYear', { year: year - 1 })}
          </a>
        ) : null}
        {year > MIN_YEAR && year < MAX_YEAR ? ' · ' : null}
        {year < MAX_YEAR ? (
          <a href={`${path}?year=${year + 1}`} rel="next">
            {ctx.t('calendar.nextYear', { year: year + 1 })}
          </a>
        ) : null}
      </p>
    </nav>
  );
}

/** A GET form to jump to any year; `value` and `errors` re-show a year that was refused. */
export function YearForm(props: {
  ctx: PageContext;
  year: number;
  path: string;
  value?: string | undefined;
  errors?: FieldErrors | undefined;
}) {
  const { ctx } = props;
  return (
    <form method="get" action={props.path} novalidate>
      <TextField
        ctx={ctx}
        name="year"
        type="number"
        label={ctx.t('calendar.yearField')}
        hint={ctx.t('calendar.yearHint', { min: MIN_YEAR, max: MAX_YEAR })}
        value={props.value ?? String(props.year)}
        errors={props.errors}
        inputmode="numeric"
      />
      <button type="submit" class="button button-secondary">
        {ctx.t('calendar.yearSubmit')}
      </button>
    </form>
  );
}

export function DaysOffTable({ ctx, calendar }: { ctx: PageContext; calendar: THolidaysResponse }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{ctx.t('calendar.daysOffCaption', { year: calendar.year })}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t('calendar.date')}</th>
            <th scope="col">{ctx.t('calendar.weekdayColumn')}</th>
            <th scope="col">{ctx.t('calendar.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {calendar.items.map((day) => (
            <tr>
              <th scope="row">
                <time datetime={day.date}>{displayDate(day.date)}</time>
              </th>
              <td>{weekdayName(ctx, day.date)}</td>
              <td>
                {day.label}
                {day.compensatesFor ? (
                  <>
                    {' '}
                    {ctx.t('calendar.compensatesFor', {
                      date: displayDate(day.compensatesFor),
                      weekday: weekdayName(ctx, day.compensatesFor),
                    })}
                  </>
                ) : null}
                {day.note ? (
                  <>
                    <br />
                    <span class="hint">{day.note}</span>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function WorkingDaysTable({ ctx, calendar }: { ctx: PageContext; calendar: THolidaysResponse }) {
  if (calendar.workingDays.length === 0)
    return <p>{ctx.t('calendar.noWorkingDays', { year: calendar.year })}</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption>{ctx.t('calendar.workingDaysCaption', { year: calendar.year })}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t('calendar.date')}</th>
            <th scope="col">{ctx.t('calendar.weekdayColumn')}</th>
            <th scope="col">{ctx.t('calendar.noteColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {calendar.workingDays.map((day) => (
            <tr>
              <th scope="row">
                <time datetime={day.date}>{displayDate(day.date)}</time>
              </th>
              <td>{weekdayName(ctx, day.date)}</td>
              <td>{day.note ?? day.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A labelled select with its hint and error, wired like TextField. */
export function SelectField(props: {
  ctx: PageContext;
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string | undefined;
  hint?: string;
  errors?: FieldErrors | undefined;
}) {
  const id = `field-${props.name}`;
  const error = props.errors?.[props.name];
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">{props.ctx.t('common.errorPrefix')}</span>{' '}
          {props.ctx.t(error.key, error.params)}
        </p>
      ) : null}
      <select
        id={id}
        name={props.name}
        aria-describedby={describedBy || undefined}
        aria-invalid={error ? 'true' : undefined}
      >
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
