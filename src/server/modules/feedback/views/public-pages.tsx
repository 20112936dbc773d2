// The public pages of feedback: the answered list, an answered item, the form, the receipt, the look-up.
// All work without JavaScript; forms re-render with a 400 and an error summary.
import type { FieldErrors } from '../../../../shared/errors.js';
import {
  FEEDBACK_BODY_MAX,
  FEEDBACK_BODY_MIN,
  FEEDBACK_KINDS,
  FEEDBACK_SUBJECTS,
  MAX_FEEDBACK_FILES,
  OFFICER_NAME_MAX,
  SENDER_ADDRESS_MAX,
  SENDER_NAME_MAX,
  STAFF_CHANNELS,
  type TFeedbackPublic,
  type TFeedbackReceipt,
  type TFeedbackStanding,
} from '../../../../shared/feedback/schema.js';
import { MAX_FILE_BYTES } from '../../../../shared/files/limits.js';
import { formatNumber } from '../../../../shared/i18n/index.js';
import { Breadcrumbs, CsrfField, TextField } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { ACCEPT } from '../../apply/views/documents-page.js';
import {
  describedBy,
  FieldFrame,
  fieldId,
  LinkedErrorSummary,
  SelectField,
  TextAreaField,
} from '../../apply/views/parts.js';
import { CheckboxField, Pagination } from '../../catalog/views/parts.js';
import { dateOf, dateTimeOf, excerpt, KindTag, LongText, RadioGroup, StatusTag, UpheldTag } from './parts.js';
import {
  FEEDBACK_FORM_PATH,
  FEEDBACK_LOOKUP_PATH,
  FEEDBACK_PATH,
  lookupPath,
  publicFeedbackPath,
} from './paths.js';

type Option = { value: string; label: string };

const crumbs = (ctx: PageContext, last?: string) => (
  <Breadcrumbs
    items={[
      { href: '/', label: ctx.t('nav.home') },
      ...(last
        ? [{ href: FEEDBACK_PATH, label: ctx.t('feedback.title') }, { label: last }]
        : [{ label: ctx.t('feedback.title') }]),
    ]}
  />
);

export interface FeedbackListView {
  timeLimitDays: number;
  kind: string;
  q: string;
  items: TFeedbackPublic[];
  total: number;
  page: number;
  pages: number;
  open311Url: string;
}

/** The answered, published feedback, filtered by kind and words, paged by links. */
export function FeedbackListPage({ ctx, view }: { ctx: PageContext; view: FeedbackListView }) {
  const filtered = view.kind !== '' || view.q !== '';
  return (
    <Layout ctx={ctx} title={ctx.t('feedback.title')}>
      {crumbs(ctx)}
      <h1>{ctx.t('feedback.title')}</h1>
      <p class="lead">{ctx.t('feedback.list.lead', { days: view.timeLimitDays })}</p>
      <p class="feedback-actions">
        <a class="button" href={FEEDBACK_FORM_PATH}>
          {ctx.t('feedback.list.send')}
        </a>{' '}
        <a href={FEEDBACK_LOOKUP_PATH}>{ctx.t('feedback.list.lookup')}</a>
      </p>
      <h2 id="da-tra-loi">{ctx.t('feedback.list.answeredTitle')}</h2>
      <p class="hint">{ctx.t('feedback.list.answeredIntro')}</p>
      <search>
        <form method="get" action={FEEDBACK_PATH} class="search-form feedback-filter" novalidate>
          <SelectField
            ctx={ctx}
            name="kind"
            label={ctx.t('feedback.list.filterKind')}
            value={view.kind}
            options={[
              { value: '', label: ctx.t('feedback.list.anyKind') },
              ...FEEDBACK_KINDS.map((k) => ({ value: k, label: ctx.t(`feedback.kinds.${k}`) })),
            ]}
          />
          <TextField
            ctx={ctx}
            name="q"
            type="search"
            label={ctx.t('feedback.list.search')}
            value={view.q}
            maxlength={100}
          />
          <button type="submit" class="button button-secondary">
            {ctx.t('feedback.list.filter')}
          </button>
          {filtered ? (
            <a class="clear-link" href={FEEDBACK_PATH}>
              {ctx.t('feedback.list.clear')}
            </a>
          ) : null}
        </form>
      </search>
      <p class="result-count" role="status">
        {view.total === 0
          ? ctx.t(filtered ? 'feedback.list.noneMatch' : 'feedback.list.none')
          : ctx.t('feedback.list.count', { total: formatNumber(ctx.locale, view.total) })}
      </p>
      {view.items.length > 0 ? (
        <ul class="result-list">
          {view.items.map((item) => (
            <li class="result">
              <h3 class="result-title">
                <a href={publicFeedbackPath(item.code)}>
                  {ctx.t(`feedback.kinds.${item.kind}`)} {item.code}
                </a>
              </h3>
              <p class="result-meta">
                {item.agency?.name ?? item.unit.name} ·{' '}
                {ctx.t('feedback.list.answered', { date: dateOf(item.answeredAt) })}
              </p>
              <p>{excerpt(item.body)}</p>
              <p class="result-tags">
                <KindTag ctx={ctx} kind={item.kind} />{' '}
                <UpheldTag ctx={ctx} kind={item.kind} upheld={item.upheld} />
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      <Pagination
        ctx={ctx}
        path={FEEDBACK_PATH}
        params={{ kind: view.kind || undefined, q: view.q || undefined }}
        page={view.page}
        pages={view.pages}
      />
      <p class="hint">
        {ctx.t('feedback.list.apiNote')}{' '}
        <a class="break-anywhere" href={view.open311Url}>
          {view.open311Url}
        </a>
      </p>
    </Layout>
  );
}

/** One answered, published item: the feedback and the answer. */
export function FeedbackDetailPage({ ctx, item }: { ctx: PageContext; item: TFeedbackPublic }) {
  const title = ctx.t('feedback.detail.title', {
    kind: ctx.t(`feedback.kinds.${item.kind}`),
    code: item.code,
  });
  const responsible = item.agency?.name ?? item.unit.name;
  return (
    <Layout ctx={ctx} title={title}>
      {crumbs(ctx, item.code)}
      <p class="kicker">{ctx.t('feedback.detail.kicker')}</p>
      <h1>{title}</h1>
      <dl class="summary">
        <dt>{ctx.t('feedback.detail.facts.subject')}</dt>
        <dd>{ctx.t(`feedback.subjects.${item.subjectType}`)}</dd>
        {item.procedure ? (
          <>
            <dt>{ctx.t('feedback.detail.facts.procedure')}</dt>
            <dd>
              <a href={`/thu-tuc/${encodeURIComponent(item.procedure.code)}`}>{item.procedure.name}</a>
            </dd>
          </>
        ) : null}
        <dt>{ctx.t('feedback.detail.facts.responsible')}</dt>
        <dd>{responsible}</dd>
        <dt>{ctx.t('feedback.detail.facts.received')}</dt>
        <dd>{dateOf(item.receivedAt)}</dd>
        <dt>{ctx.t('feedback.detail.facts.answered')}</dt>
        <dd>{dateOf(item.answeredAt)}</dd>
        <dt>{ctx.t('feedback.upheld.label')}</dt>
        <dd>
          <UpheldTag ctx={ctx} kind={item.kind} upheld={item.upheld} />
        </dd>
      </dl>
      <h2>{ctx.t('feedback.detail.body')}</h2>
      <LongText text={item.body} />
      <h2>{ctx.t('feedback.detail.answer', { responsible })}</h2>
      <LongText text={item.answer} />
      <p>
        <a href={FEEDBACK_PATH}>{ctx.t('feedback.detail.back')}</a>
      </p>
    </Layout>
  );
}

export interface FeedbackFormValues {
  kind: string;
  subjectType: string;
  procedureCode: string;
  officerName: string;
  unitCode: string;
  body: string;
  senderName: string;
  senderPhone: string;
  senderEmail: string;
  senderAddress: string;
  publishConsent: boolean;
  channel: string;
}

export const emptyFeedbackForm = (unitCode: string): FeedbackFormValues => ({
  kind: 'complaint',
  subjectType: 'procedure',
  procedureCode: '',
  officerName: '',
  unitCode,
  body: '',
  senderName: '',
  senderPhone: '',
  senderEmail: '',
  senderAddress: '',
  publishConsent: false,
  channel: '',
});

/** The form: what, about what, the text, attachments, optional contact details and consent. */
export function FeedbackFormPage(props: {
  ctx: PageContext;
  values: FeedbackFormValues;
  units: Option[];
  timeLimitDays: number;
  staff: boolean;
  errors?: FieldErrors | undefined;
}) {
  const { ctx, values, errors } = props;
  const maxMb = MAX_FILE_BYTES / 1048576;
  const title = ctx.t('feedback.form.title');
  const filesHint = ctx.t('feedback.form.attachmentsHint', { count: MAX_FEEDBACK_FILES, maxMb });
  return (
    <Layout ctx={ctx} title={`${errors ? `${ctx.t('common.errorPrefix')} ` : ''}${title}`}>
      {crumbs(ctx, title)}
      <LinkedErrorSummary ctx={ctx} errors={errors} />
      <h1>{title}</h1>
      <p>{ctx.t('feedback.form.intro', { days: props.timeLimitDays })}</p>
      <form
        method="post"
        action={FEEDBACK_FORM_PATH}
        enctype="multipart/form-data"
        novalidate
        class="feedback-form"
      >
        <CsrfField ctx={ctx} />
        <RadioGroup
          ctx={ctx}
          name="kind"
          legend={ctx.t('feedback.form.kind')}
          value={values.kind}
          errors={errors}
          options={FEEDBACK_KINDS.map((kind) => ({
            value: kind,
            label: ctx.t(`feedback.kinds.${kind}`),
            hint: ctx.t(`feedback.kindHints.${kind}`),
          }))}
        />
        <RadioGroup
          ctx={ctx}
          name="subjectType"
          legend={ctx.t('feedback.form.subject')}
          value={values.subjectType}
          errors={errors}
          options={FEEDBACK_SUBJECTS.map((subject) => ({
            value: subject,
            label: ctx.t(`feedback.subjects.${subject}`),
          }))}
        />
        <TextField
          ctx={ctx}
          name="procedureCode"
          label={ctx.t('feedback.form.procedureCode')}
          hint={ctx.t('feedback.form.procedureCodeHint')}
          value={values.procedureCode}
          errors={errors}
          maxlength={40}
          autocomplete="off"
        />
        <p class="field-link">
          <a href="/thu-tuc">{ctx.t('feedback.form.findProcedure')}</a>
        </p>
        <TextField
          ctx={ctx}
          name="officerName"
          label={ctx.t('feedback.form.officerName')}
          hint={ctx.t('feedback.form.officerNameHint')}
          value={values.officerName}
          errors={errors}
          maxlength={OFFICER_NAME_MAX}
          autocomplete="off"
        />
        <SelectField
          ctx={ctx}
          name="unitCode"
          label={ctx.t('feedback.form.unitCode')}
          hint={ctx.t('feedback.form.unitCodeHint')}
          value={values.unitCode}
          options={props.units}
          errors={errors}
        />
        <TextAreaField
          ctx={ctx}
          name="body"
          label={ctx.t('feedback.form.body')}
          hint={ctx.t('feedback.form.bodyHint', {
            minimum: FEEDBACK_BODY_MIN,
            maximum: formatNumber(ctx.locale, FEEDBACK_BODY_MAX),
          })}
          value={values.body}
          maxlength={FEEDBACK_BODY_MAX}
          errors={errors}
          rows={8}
        />
        <FieldFrame
          ctx={ctx}
          name="attachments"
          label={ctx.t('feedback.form.attachments')}
          hint={filesHint}
          errors={errors}
        >
          <input
            type="file"
            id={fieldId('attachments')}
            name="attachments"
            accept={ACCEPT}
            multiple
            aria-describedby={describedBy('attachments', filesHint, errors)}
            aria-invalid={errors?.attachments ? 'true' : undefined}
          />
        </FieldFrame>
        <fieldset class="portal-fieldset">
          <legend>{ctx.t('feedback.form.contact')}</legend>
          <p class="hint">{ctx.t('feedback.form.contactHint')}</p>
          <TextField
            ctx={ctx}
            name="senderName"
            label={ctx.t('feedback.form.senderName')}
            value={values.senderName}
            errors={errors}
            maxlength={SENDER_NAME_MAX}
            autocomplete="name"
          />
          <TextField
            ctx={ctx}
            name="senderPhone"
            type="tel"
            label={ctx.t('feedback.form.senderPhone')}
            value={values.senderPhone}
            errors={errors}
            inputmode="tel"
            maxlength={30}
            autocomplete="tel"
          />
          <TextField
            ctx={ctx}
            name="senderEmail"
            type="email"
            label={ctx.t('feedback.form.senderEmail')}
            value={values.senderEmail}
            errors={errors}
            maxlength={200}
            autocomplete="email"
          />
          <TextField
            ctx={ctx}
            name="senderAddress"
            label={ctx.t('feedback.form.senderAddress')}
            value={values.senderAddress}
            errors={errors}
            maxlength={SENDER_ADDRESS_MAX}
            autocomplete="street-address"
          />
          <p class="hint">{ctx.t('feedback.form.privacy')}</p>
        </fieldset>
        <CheckboxField
          ctx={ctx}
          name="publishConsent"
          label={ctx.t('feedback.form.publishConsent')}
          checked={values.publishConsent}
          errors={errors}
        />
        {props.staff ? (
          <SelectField
            ctx={ctx}
            name="channel"
            label={ctx.t('feedback.form.channel')}
            hint={ctx.t('feedback.form.channelHint')}
            value={values.channel}
            options={[
              { value: '', label: ctx.t('feedback.channels.web') },
              ...STAFF_CHANNELS.filter((c) => c !== 'web').map((c) => ({
                value: c,
                label: ctx.t(`feedback.channels.${c}`),
              })),
            ]}
            errors={errors}
          />
        ) : null}
        <button type="submit" class="button">
          {ctx.t('feedback.form.submit')}
        </button>
      </form>
    </Layout>
  );
}

/** After sending: the code, the key (shown once), the due date and who received it. */
export function FeedbackReceiptPage({ ctx, receipt }: { ctx: PageContext; receipt: TFeedbackReceipt }) {
  return (
    <Layout ctx={ctx} title={ctx.t('feedback.receipt.title')}>
      {crumbs(ctx, ctx.t('feedback.receipt.title'))}
      <div class="panel-success" role="status">
        <h1 class="panel-title">{ctx.t('feedback.receipt.title')}</h1>
        <p>
          {ctx.t('feedback.receipt.code')}: <strong class="big-code">{receipt.code}</strong>
        </p>
        <p>
          {ctx.t('feedback.receipt.key')}: <strong class="big-code">{receipt.accessKey}</strong>
        </p>
      </div>
      <p>{ctx.t('feedback.receipt.keyHint')}</p>
      <p>{ctx.t('feedback.receipt.due', { dueAt: dateTimeOf(receipt.dueAt) })}</p>
      <p>{ctx.t('feedback.receipt.responsible', { unit: receipt.unit.name })}</p>
      <p>
        <a href={lookupPath(receipt.code)}>{ctx.t('feedback.receipt.lookup')}</a>
      </p>
      <p>
        <a href={FEEDBACK_FORM_PATH}>{ctx.t('feedback.receipt.another')}</a>
      </p>
    </Layout>
  );
}

/** The look-up: a form (code, optional key) and, once asked, where the item stands. */
export function FeedbackLookupPage(props: {
  ctx: PageContext;
  values: { code: string; key: string };
  standing?: TFeedbackStanding | undefined;
  errors?: FieldErrors | undefined;
}) {
  const { ctx, values, standing, errors } = props;
  const title = ctx.t('feedback.lookup.title');
  return (
    <Layout ctx={ctx} title={`${errors ? `${ctx.t('common.errorPrefix')} ` : ''}${title}`}>
      {crumbs(ctx, title)}
      <LinkedErrorSummary ctx={ctx} errors={errors} />
      <h1>{title}</h1>
      <p>{ctx.t('feedback.lookup.intro')}</p>
      <form method="post" action={FEEDBACK_LOOKUP_PATH} novalidate class="lookup-form">
        <CsrfField ctx={ctx} />
        <TextField
          ctx={ctx}
          name="code"
          label={ctx.t('feedback.lookup.code')}
          hint={ctx.t('feedback.lookup.codeHint')}
          value={values.code}
          errors={errors}
          maxlength={20}
          autocomplete="off"
        />
        <TextField
          ctx={ctx}
          name="key"
          label={ctx.t('feedback.lookup.key')}
          hint={ctx.t('feedback.lookup.keyHint')}
          value={values.key}
          errors={errors}
          maxlength={20}
          autocomplete="off"
        />
        <button type="submit" class="button">
          {ctx.t('feedback.lookup.submit')}
        </button>
      </form>
      {standing ? <Standing ctx={ctx} standing={standing} /> : null}
    </Layout>
  );
}

function Standing({ ctx, standing }: { ctx: PageContext; standing: TFeedbackStanding }) {
  const responsible = standing.agency?.name ?? standing.unit.name;
  return (
    <section class="track-result" aria-labelledby="ket-qua-tra-cuu">
      <h2 id="ket-qua-tra-cuu">{ctx.t('feedback.lookup.result', { code: standing.code })}</h2>
      <dl class="summary">
        <dt>{ctx.t('feedback.detail.facts.kind')}</dt>
        <dd>{ctx.t(`feedback.kinds.${standing.kind}`)}</dd>
        <dt>{ctx.t('feedback.detail.facts.status')}</dt>
        <dd>
          <StatusTag ctx={ctx} status={standing.status} />
        </dd>
        <dt>{ctx.t('feedback.detail.facts.responsible')}</dt>
        <dd>{responsible}</dd>
        <dt>{ctx.t('feedback.detail.facts.received')}</dt>
        <dd>{dateTimeOf(standing.receivedAt)}</dd>
        <dt>{ctx.t('feedback.detail.facts.due')}</dt>
        <dd>{dateTimeOf(standing.dueAt)}</dd>
        {standing.answeredAt ? (
          <>
            <dt>{ctx.t('feedback.detail.facts.answered')}</dt>
            <dd>{dateTimeOf(standing.answeredAt)}</dd>
          </>
        ) : null}
        {standing.closedAt ? (
          <>
            <dt>{ctx.t('feedback.detail.facts.closed')}</dt>
            <dd>{dateTimeOf(standing.closedAt)}</dd>
          </>
        ) : null}
        {standing.full && standing.upheld !== null ? (
          <>
            <dt>{ctx.t('feedback.upheld.label')}</dt>
            <dd>
              <UpheldTag ctx={ctx} kind={standing.kind} upheld={standing.upheld} />
            </dd>
          </>
        ) : null}
      </dl>
      {standing.status === 'received' || standing.status === 'triaged' ? (
        <p>{ctx.t('feedback.lookup.waiting', { dueAt: dateTimeOf(standing.dueAt) })}</p>
      ) : null}
      {standing.full ? (
        <>
          <h3>{ctx.t('feedback.detail.body')}</h3>
          <LongText text={standing.body ?? ''} />
          {standing.answer ? (
            <>
              <h3>{ctx.t('feedback.detail.answer', { responsible })}</h3>
              <LongText text={standing.answer} />
            </>
          ) : null}
          {standing.closeReason ? (
            <>
              <h3>{ctx.t('feedback.lookup.closedReason')}</h3>
              <LongText text={standing.closeReason} />
            </>
          ) : null}
        </>
      ) : (
        <p class="hint">{ctx.t('feedback.lookup.textsHidden')}</p>
      )}
    </section>
  );
}
