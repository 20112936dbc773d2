// Pieces the citizen's pages share: fields the shared components lack, the step indicator, status
// tags, the timeline, what the counter needs in person, and how sizes, dates and time limits read.
import type { TTimeLimit } from '../../../../shared/catalog/schema.js';
import type { FieldErrors } from '../../../../shared/errors.js';
import { formatDateTime, formatNumber } from '../../../../shared/i18n/index.js';
import type { Child } from '../../../jsx/jsx-runtime.js';
import { TextField } from '../../../views/components.js';
import type { PageContext } from '../../../views/page-context.js';
import type { Awaiting, TimelineEntry } from '../apply.presenter.js';
import type { Counter } from '../apply.service.js';

export const fieldId = (name: string) => `field-${name}`;

/** The class of a page title that is a procedure's name: the longest names (a paragraph) print smaller. */
export const procedureTitleClass = (name: string) =>
  name.length > 120 ? 'procedure-title long-title' : 'procedure-title';

/** A list of results in a sentence that ends with its own full stop. */
const joinResults = (results: string[]) => results.join('; ').replace(/[.;\s]+$/, '');

/** The receiving agency's name in the reader's language (the counter's, when it is known). */
export function receivingAgencyName(
  ctx: PageContext,
  view: { receivingAgency: string; counter: Counter | null },
): string {
  if (!view.counter) return view.receivingAgency;
  return ctx.locale === 'vi' ? view.counter.agencyName : view.counter.agencyNameEn || view.counter.agencyName;
}

/** "1,2 MB", "350 KB". */
export function formatBytes(ctx: PageContext, bytes: number): string {
  if (bytes >= 1024 * 1024)
    return `${formatNumber(ctx.locale, Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
  return `${formatNumber(ctx.locale, Math.max(1, Math.round(bytes / 1024)))} KB`;
}

export function Moment({ value }: { value: Date }) {
  return <time datetime={value.toISOString()}>{formatDateTime(value)}</time>;
}

/** "3 ngày làm việc", "Trong ngày". */
export function formatTimeLimit(ctx: PageContext, limit: TTimeLimit | null): string {
  if (!limit) return ctx.t('applications.common.notStated');
  if (limit.unit === 'same_day' || limit.amount === null) return ctx.t('applications.timeLimit.same_day');
  return ctx.t(`applications.timeLimit.${limit.unit}`, { amount: formatNumber(ctx.locale, limit.amount) });
}

/** GOV.UK's error summary, with links that may lead to another page (the step where the field is). */
export function LinkedErrorSummary({
  ctx,
  errors,
  hrefFor,
}: {
  ctx: PageContext;
  errors: FieldErrors | undefined;
  hrefFor?: (field: string) => string;
}) {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
      <h2 id="error-summary-title">{ctx.t('common.errorSummaryTitle')}</h2>
      <ul>
        {entries.map(([field, error]) => (
          <li>
            <a href={hrefFor ? hrefFor(field) : `#${fieldId(field)}`}>{ctx.t(error.key, error.params)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FrameProps {
  ctx: PageContext;
  name: string;
  label: string;
  hint?: string | undefined;
  errors?: FieldErrors | undefined;
  optional?: boolean;
  children?: Child;
  wide?: boolean;
}

/** The label, hint and error of one field around its control. */
export function FieldFrame(props: FrameProps) {
  const id = fieldId(props.name);
  const error = props.errors?.[props.name];
  return (
    <div
      class={[error ? 'field field-error' : 'field', props.wide ? 'field-wide' : '']
        .filter(Boolean)
        .join(' ')}
    >
      <label for={id}>
        {props.label}
        {props.optional ? (
          <span class="optional"> ({props.ctx.t('applications.common.optional')})</span>
        ) : null}
      </label>
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
      {props.children}
    </div>
  );
}

export function describedBy(name: string, hint: string | undefined, errors: FieldErrors | undefined) {
  const id = fieldId(name);
  return (
    [hint ? `${id}-hint` : '', errors?.[name] ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  );
}

export function SelectField(props: {
  ctx: PageContext;
  name: string;
  label: string;
  hint?: string | undefined;
  value: string;
  options: { value: string; label: string }[];
  placeholder?: string;
  errors?: FieldErrors | undefined;
  required?: boolean;
}) {
  return (
    <FieldFrame {...props}>
      <select
        id={fieldId(props.name)}
        name={props.name}
        required={props.required}
        aria-describedby={describedBy(props.name, props.hint, props.errors)}
        aria-invalid={props.errors?.[props.name] ? 'true' : undefined}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function TextAreaField(props: {
  ctx: PageContext;
  name: string;
  label: string;
  hint?: string | undefined;
  value: string;
  maxlength?: number | undefined;
  errors?: FieldErrors | undefined;
  optional?: boolean;
  required?: boolean;
  rows?: number;
}) {
  return (
    <FieldFrame {...props} wide>
      <textarea
        id={fieldId(props.name)}
        name={props.name}
        rows={props.rows ?? 4}
        maxlength={props.maxlength}
        required={props.required}
        aria-describedby={describedBy(props.name, props.hint, props.errors)}
        aria-invalid={props.errors?.[props.name] ? 'true' : undefined}
      >
        {props.value}
      </textarea>
    </FieldFrame>
  );
}

/** "Bước 2 trên 3" and the step names, the current one marked; finished steps are links back. */
export function StepIndicator({
  ctx,
  current,
  links,
}: {
  ctx: PageContext;
  current: 1 | 2 | 3;
  links: (string | null)[];
}) {
  const names = [
    'applications.apply.steps.details',
    'applications.apply.steps.documents',
    'applications.apply.steps.review',
  ];
  return (
    <nav class="step-nav" aria-label={ctx.t('applications.apply.steps.label')}>
      <p class="step-count">{ctx.t('applications.apply.steps.count', { current, total: 3 })}</p>
      <ol class="steps-list">
        {names.map((key, index) => {
          const number = index + 1;
          const link = links[index];
          if (number === current)
            return (
              <li class="step-current" aria-current="step">
                {ctx.t(key)}
              </li>
            );
          return <li>{link ? <a href={link}>{ctx.t(key)}</a> : <span>{ctx.t(key)}</span>}</li>;
        })}
      </ol>
    </nav>
  );
}

const STATUS_TONE: Record<number, string> = {
  1: 'tag',
  2: 'tag',
  3: 'tag tag-red',
  4: 'tag',
  5: 'tag tag-yellow',
  6: 'tag tag-yellow',
  7: 'tag tag-grey',
  8: 'tag tag-grey',
  9: 'tag tag-green',
  10: 'tag tag-green',
};

export function StatusTag({ ctx, status }: { ctx: PageContext; status: number }) {
  return <strong class={STATUS_TONE[status] ?? 'tag'}>{ctx.t(`applications.status.${status}`)}</strong>;
}

/** What happened, oldest first, with the status each step led to. */
export function Timeline({ ctx, entries }: { ctx: PageContext; entries: TimelineEntry[] }) {
  return (
    <ol class="timeline">
      {entries.map((entry) => (
        <li>
          <p class="timeline-when">
            <Moment value={entry.at} />
          </p>
          <p class="timeline-what">
            <strong>{ctx.t(`applications.actions.${entry.action}`)}</strong>
            {' – '}
            {ctx.t(`applications.status.${entry.status}`)}
          </p>
          {entry.note ? <p class="timeline-note pre-line">{entry.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}

/** The counter's name, address and phone; the hotline when the address is not recorded. */
export function CounterAddress({ ctx, counter }: { ctx: PageContext; counter: Counter }) {
  const vi = ctx.locale === 'vi';
  return (
    <p class="counter-address">
      <strong>{vi ? counter.agencyName : counter.agencyNameEn}</strong>
      <br />
      {counter.address ?? (vi ? counter.unitFullName : counter.unitFullNameEn)}
      {counter.phone ? (
        <>
          <br />
          {ctx.t('applications.common.phone')}:{' '}
          <a href={`tel:${counter.phone.replace(/[^\d+]/g, '')}`}>{counter.phone}</a>
        </>
      ) : null}
    </p>
  );
}

/** A partial-online procedure: what is still done at the counter, and where. */
export function InPersonNotice({
  ctx,
  counter,
  results,
  headingLevel = 2,
  chooseUnit = false,
}: {
  ctx: PageContext;
  counter: Counter | null;
  results: string[];
  headingLevel?: 2 | 3;
  chooseUnit?: boolean;
}) {
  const title = ctx.t('applications.inPerson.title');
  return (
    <section class="notice notice-warning" aria-label={title}>
      {headingLevel === 2 ? <h2 class="notice-title">{title}</h2> : <h3 class="notice-title">{title}</h3>}
      <p>{ctx.t('applications.inPerson.intro')}</p>
      <ul>
        <li>{ctx.t('applications.inPerson.originals')}</li>
        <li>
          {results.length > 0
            ? ctx.t('applications.inPerson.resultOf', { results: joinResults(results) })
            : ctx.t('applications.inPerson.result')}
        </li>
      </ul>
      <p>{ctx.t('applications.inPerson.where')}</p>
      {counter ? (
        <CounterAddress ctx={ctx} counter={counter} />
      ) : (
        <p>
          {chooseUnit ? ctx.t('applications.inPerson.chosenUnit') : ctx.t('applications.inPerson.counter')}
        </p>
      )}
    </section>
  );
}

/** What the application waits for, in words the applicant can act on. */
export function AwaitingNotice({
  ctx,
  awaiting,
  dueAt,
  publicView = false,
}: {
  ctx: PageContext;
  awaiting: Awaiting;
  dueAt: Date | null;
  publicView?: boolean;
}) {
  if (!awaiting) return null;
  const kind = awaiting.kind === 'supplement' || awaiting.kind === 'fee' ? 'warning' : 'info';
  return (
    <div class={`notice notice-${kind}`}>
      <h2 class="notice-title">{ctx.t('applications.awaiting.title')}</h2>
      {awaiting.kind === 'supplement' ? (
        <>
          <p>
            {awaiting.sent
              ? ctx.t('applications.awaiting.supplementSent')
              : ctx.t(
                  publicView ? 'applications.awaiting.supplementPublic' : 'applications.awaiting.supplement',
                )}
          </p>
          {awaiting.note ? <p class="pre-line quote">{awaiting.note}</p> : null}
        </>
      ) : awaiting.kind === 'fee' ? (
        <p>
          {awaiting.amountVnd !== null
            ? ctx.t('applications.awaiting.feeAmount', {
                amount: formatNumber(ctx.locale, awaiting.amountVnd),
              })
            : ctx.t('applications.awaiting.fee')}
        </p>
      ) : awaiting.kind === 'processing' && dueAt ? (
        <p>{ctx.t('applications.awaiting.processingDue', { due: formatDateTime(dueAt) })}</p>
      ) : (
        <p>{ctx.t(`applications.awaiting.${awaiting.kind}`)}</p>
      )}
    </div>
  );
}

/** The application code and the last four digits of the applicant's phone: how anyone proves an application is theirs. */
export function CodeAndDigitsFields({
  ctx,
  values,
  errors,
}: {
  ctx: PageContext;
  values: { code?: string | undefined; verify?: string | undefined };
  errors: FieldErrors | undefined;
}) {
  return (
    <>
      <TextField
        ctx={ctx}
        name="code"
        label={ctx.t('applications.track.code')}
        hint={ctx.t('applications.track.codeHint')}
        value={values.code}
        errors={errors}
        autocomplete="off"
        maxlength={60}
      />
      <TextField
        ctx={ctx}
        name="verify"
        label={ctx.t('applications.track.verify')}
        hint={ctx.t('applications.track.verifyHint')}
        value={values.verify}
        errors={errors}
        inputmode="numeric"
        autocomplete="off"
        maxlength={4}
      />
    </>
  );
}
