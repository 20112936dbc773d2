// Staff pages of feedback: the queues (a dense table, counts in the tabs) and one item with the forms of
// the actions its handler may take now (drawn from the workflow table, as the server allows them).
import type { FieldErrors } from '../../../../shared/errors.js';
import {
  ANSWER_MAX,
  ANSWER_MIN,
  FEEDBACK_QUEUES,
  type FeedbackQueue,
  NOTE_MAX,
  REASON_MAX,
  type TFeedbackStaff,
  TIME_LIMIT_DAYS_MAX,
} from '../../../../shared/feedback/schema.js';
import type { FeedbackAction } from '../../../../shared/feedback/workflow.js';
import { formatNumber } from '../../../../shared/i18n/index.js';
import { Breadcrumbs, CsrfField, Notice, TextField } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { LinkedErrorSummary, TextAreaField } from '../../apply/views/parts.js';
import { CheckboxField, GroupedSelectField, Pagination, SelectField } from '../../catalog/views/parts.js';
import {
  dateOf,
  dateTimeOf,
  excerpt,
  KindTag,
  LongText,
  ProgressTag,
  RadioGroup,
  StatusTag,
  UpheldTag,
} from './parts.js';
import {
  FEEDBACK_FORM_PATH,
  STAFF_FEEDBACK_PATH,
  STAFF_FEEDBACK_SETTINGS_PATH,
  staffActionPath,
  staffAttachmentPath,
  staffFeedbackPath,
} from './paths.js';

type Option = { value: string; label: string };
type StaffSummary = Omit<TFeedbackStaff, 'allowedActions' | 'attachments'>;

const crumbs = (ctx: PageContext, last?: string) => (
  <Breadcrumbs
    items={[
      { href: '/can-bo', label: ctx.t('workbench.nav') },
      ...(last
        ? [{ href: STAFF_FEEDBACK_PATH, label: ctx.t('feedback.staff.nav') }, { label: last }]
        : [{ label: ctx.t('feedback.staff.nav') }]),
    ]}
  />
);

export interface StaffQueueView {
  queue: FeedbackQueue;
  q: string;
  items: StaffSummary[];
  total: number;
  page: number;
  pages: number;
  counts: Record<string, number>;
  /** Administrators set the time limit here. */
  settings: { timeLimitDays: string; errors?: FieldErrors | undefined } | null;
  notice?: string | undefined;
}

export function StaffQueuePage({ ctx, view }: { ctx: PageContext; view: StaffQueueView }) {
  const queueHref = (queue: FeedbackQueue) => `${STAFF_FEEDBACK_PATH}?queue=${queue}`;
  return (
    <Layout ctx={ctx} title={ctx.t('feedback.staff.title')}>
      {crumbs(ctx)}
      <LinkedErrorSummary ctx={ctx} errors={view.settings?.errors} />
      <h1>{ctx.t('feedback.staff.title')}</h1>
      {view.notice ? <Notice kind="success">{view.notice}</Notice> : null}
      <p>
        <a class="button button-secondary" href={FEEDBACK_FORM_PATH}>
          {ctx.t('feedback.staff.record')}
        </a>
      </p>
      <nav aria-label={ctx.t('feedback.staff.queueNav')} class="queue-nav">
        <ul>
          {FEEDBACK_QUEUES.map((queue) => (
            <li>
              <a href={queueHref(queue)} aria-current={queue === view.queue ? 'page' : undefined}>
                {ctx.t(`feedback.staff.queues.${queue}`)}{' '}
                <span class="count">{formatNumber(ctx.locale, view.counts[queue] ?? 0)}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action={STAFF_FEEDBACK_PATH} class="search-form">
        <input type="hidden" name="queue" value={view.queue} />
        <label for="feedback-q">{ctx.t('feedback.staff.search')}</label>
        <input id="feedback-q" name="q" type="search" value={view.q} maxlength={100} />
        <button type="submit" class="button button-secondary">
          {ctx.t('feedback.staff.searchButton')}
        </button>
      </form>
      {view.items.length === 0 ? (
        <p>{ctx.t('feedback.staff.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="dense feedback-queue">
            <caption>
              {ctx.t(`feedback.staff.queues.${view.queue}`)} –{' '}
              {ctx.t('feedback.staff.resultCount', { total: formatNumber(ctx.locale, view.total) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('feedback.staff.columns.code')}</th>
                <th scope="col">{ctx.t('feedback.staff.columns.content')}</th>
                <th scope="col">{ctx.t('feedback.staff.columns.responsible')}</th>
                <th scope="col">{ctx.t('feedback.staff.columns.status')}</th>
                <th scope="col">{ctx.t('feedback.staff.columns.due')}</th>
              </tr>
            </thead>
            <tbody>
              {view.items.map((item) => (
                <tr>
                  <th scope="row">
                    <a href={staffFeedbackPath(item.code)}>{item.code}</a>
                    <br />
                    <KindTag ctx={ctx} kind={item.kind} />
                  </th>
                  <td>
                    <span class="muted">{ctx.t(`feedback.subjects.${item.subjectType}`)}:</span>{' '}
                    {excerpt(item.body, 140)}
                  </td>
                  <td>{item.agency?.name ?? item.unit.name}</td>
                  <td>
                    <StatusTag ctx={ctx} status={item.status} />
                  </td>
                  <td>
                    {dateTimeOf(item.dueAt)} <ProgressTag ctx={ctx} progress={item.progress} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        ctx={ctx}
        path={STAFF_FEEDBACK_PATH}
        params={{ queue: view.queue, q: view.q || undefined }}
        page={view.page}
        pages={view.pages}
      />
      {view.settings ? (
        <section class="feedback-settings" aria-labelledby="thoi-han">
          <h2 id="thoi-han">{ctx.t('feedback.staff.settings.title')}</h2>
          <form method="post" action={STAFF_FEEDBACK_SETTINGS_PATH} novalidate class="inline-fields">
            <CsrfField ctx={ctx} />
            <TextField
              ctx={ctx}
              name="timeLimitDays"
              type="number"
              label={ctx.t('feedback.staff.settings.days')}
              hint={ctx.t('feedback.staff.settings.hint')}
              value={view.settings.timeLimitDays}
              errors={view.settings.errors}
              inputmode="numeric"
              maxlength={String(TIME_LIMIT_DAYS_MAX).length}
            />
            <button type="submit" class="button button-secondary">
              {ctx.t('feedback.staff.settings.submit')}
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}

export interface ActionFormValues {
  triage: { unitCode: string; agencyCode: string; officerUsername: string; note: string };
  answer: { answer: string; upheld: string; publish: boolean };
  close: { reason: string };
}

export interface StaffDetailView {
  item: TFeedbackStaff;
  events: { at: string; action: string; actorName: string | null; note: string | null }[];
  units: Option[];
  agencies: { label: string; options: Option[] }[];
  values: ActionFormValues;
  errors?: FieldErrors | undefined;
  /** The action whose form the errors belong to. */
  failedAction?: FeedbackAction | undefined;
  notice?: string | undefined;
  warning?: string | undefined;
}

export function StaffDetailPage({ ctx, view }: { ctx: PageContext; view: StaffDetailView }) {
  const { item } = view;
  const title = ctx.t('feedback.detail.title', {
    kind: ctx.t(`feedback.kinds.${item.kind}`),
    code: item.code,
  });
  const errorsOf = (action: FeedbackAction) => (view.failedAction === action ? view.errors : undefined);
  const sender = item.sender;
  return (
    <Layout ctx={ctx} title={`${view.errors ? `${ctx.t('common.errorPrefix')} ` : ''}${title}`}>
      {crumbs(ctx, item.code)}
      <LinkedErrorSummary ctx={ctx} errors={view.errors} />
      <h1>{title}</h1>
      {view.notice ? <Notice kind="success">{view.notice}</Notice> : null}
      {view.warning ? <Notice kind="warning">{view.warning}</Notice> : null}
      <p>
        <StatusTag ctx={ctx} status={item.status} /> <ProgressTag ctx={ctx} progress={item.progress} />{' '}
        <UpheldTag ctx={ctx} kind={item.kind} upheld={item.upheld} />
      </p>
      <dl class="summary">
        <dt>{ctx.t('feedback.detail.facts.subject')}</dt>
        <dd>{ctx.t(`feedback.subjects.${item.subjectType}`)}</dd>
        {item.procedure ? (
          <>
            <dt>{ctx.t('feedback.detail.facts.procedure')}</dt>
            <dd>
              <a href={`/thu-tuc/${encodeURIComponent(item.procedure.code)}`}>
                {item.procedure.code} – {item.procedure.name}
              </a>
            </dd>
          </>
        ) : null}
        {item.officerName || item.officer ? (
          <>
            <dt>{ctx.t('feedback.detail.facts.officer')}</dt>
            <dd>
              {item.officerName}
              {item.officer ? ` (${item.officer.fullName}, ${item.officer.username})` : ''}
            </dd>
          </>
        ) : null}
        <dt>{ctx.t('feedback.detail.facts.responsible')}</dt>
        <dd>{item.agency ? `${item.agency.name} – ${item.unit.name}` : item.unit.name}</dd>
        <dt>{ctx.t('feedback.detail.facts.channel')}</dt>
        <dd>{ctx.t(`feedback.channels.${item.channel}`)}</dd>
        <dt>{ctx.t('feedback.detail.facts.received')}</dt>
        <dd>{dateTimeOf(item.receivedAt)}</dd>
        <dt>{ctx.t('feedback.detail.facts.due')}</dt>
        <dd>
          {dateTimeOf(item.dueAt)} ({ctx.t('feedback.staff.timeLimit', { days: item.timeLimitDays })})
        </dd>
        <dt>{ctx.t('feedback.staff.sender')}</dt>
        <dd>
          {sender.anonymous ? (
            <span class="muted">{ctx.t('feedback.staff.anonymous')}</span>
          ) : (
            [sender.name, sender.phone, sender.email, sender.address].filter(Boolean).join(' · ')
          )}
          <br />
          <span class="hint">
            {ctx.t(item.publishConsent ? 'feedback.staff.consentYes' : 'feedback.staff.consentNo')}
            {item.publishedAt
              ? ` – ${ctx.t('feedback.staff.published', { date: dateOf(item.publishedAt) })}`
              : ''}
          </span>
        </dd>
        {item.location.lat !== null || item.location.address ? (
          <>
            <dt>{ctx.t('feedback.staff.location')}</dt>
            <dd>
              {[
                item.location.address,
                item.location.lat !== null ? `${item.location.lat}, ${item.location.long}` : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </dd>
          </>
        ) : null}
        {item.location.mediaUrl ? (
          <>
            <dt>{ctx.t('feedback.staff.mediaUrl')}</dt>
            <dd>
              <a href={item.location.mediaUrl} rel="noopener noreferrer nofollow">
                {item.location.mediaUrl}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      <h2>{ctx.t('feedback.detail.body')}</h2>
      <LongText text={item.body} />
      {item.attachments.length > 0 ? (
        <>
          <h2>{ctx.t('feedback.staff.attachments')}</h2>
          <ul>
            {item.attachments.map((file) => (
              <li>
                <a href={staffAttachmentPath(item.code, file.id)}>{file.name}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {item.answer ? (
        <>
          <h2>{ctx.t('feedback.detail.answer', { responsible: item.agency?.name ?? item.unit.name })}</h2>
          <LongText text={item.answer} />
        </>
      ) : null}
      {item.closeReason ? (
        <>
          <h2>{ctx.t('feedback.lookup.closedReason')}</h2>
          <LongText text={item.closeReason} />
        </>
      ) : null}
      <h2>{ctx.t('feedback.staff.actions')}</h2>
      {item.allowedActions.length === 0 ? <p>{ctx.t('feedback.staff.noActions')}</p> : null}
      <div class="action-forms">
        {item.allowedActions.includes('answer') ? (
          <AnswerForm ctx={ctx} item={item} values={view.values.answer} errors={errorsOf('answer')} />
        ) : null}
        {item.allowedActions.includes('triage') ? (
          <TriageForm
            ctx={ctx}
            item={item}
            units={view.units}
            agencies={view.agencies}
            values={view.values.triage}
            errors={errorsOf('triage')}
          />
        ) : null}
        {item.allowedActions.includes('close') ? (
          <CloseForm ctx={ctx} item={item} values={view.values.close} errors={errorsOf('close')} />
        ) : null}
      </div>
      <h2>{ctx.t('feedback.staff.history')}</h2>
      <ol class="timeline">
        {view.events.map((event) => (
          <li>
            <p class="timeline-when">
              <time datetime={event.at}>{dateTimeOf(event.at)}</time>
            </p>
            <p>
              <strong>{ctx.t(`feedback.staff.events.${event.action}`)}</strong> –{' '}
              {event.actorName ??
                ctx.t(event.action === 'receive' ? 'feedback.staff.fromSender' : 'feedback.staff.system')}
            </p>
            {event.note ? <p class="timeline-note">{event.note}</p> : null}
          </li>
        ))}
      </ol>
    </Layout>
  );
}

function Version({ item }: { item: TFeedbackStaff }) {
  return <input type="hidden" name="expectedVersion" value={String(item.version)} />;
}

function AnswerForm(props: {
  ctx: PageContext;
  item: TFeedbackStaff;
  values: ActionFormValues['answer'];
  errors?: FieldErrors | undefined;
}) {
  const { ctx, item, values, errors } = props;
  return (
    <form method="post" action={staffActionPath(item.code, 'answer')} class="action-form" novalidate>
      <h3>{ctx.t('feedback.staff.answer.title')}</h3>
      <CsrfField ctx={ctx} />
      <Version item={item} />
      <TextAreaField
        ctx={ctx}
        name="answer"
        label={ctx.t('feedback.staff.answer.text')}
        hint={ctx.t('feedback.staff.answer.textHint', {
          minimum: ANSWER_MIN,
          maximum: formatNumber(ctx.locale, ANSWER_MAX),
        })}
        value={values.answer}
        maxlength={ANSWER_MAX}
        errors={errors}
        rows={6}
      />
      <RadioGroup
        ctx={ctx}
        name="upheld"
        legend={ctx.t('feedback.staff.answer.upheld')}
        value={values.upheld}
        errors={errors}
        options={[
          { value: 'true', label: ctx.t('feedback.staff.answer.upheldYes') },
          { value: 'false', label: ctx.t('feedback.staff.answer.upheldNo') },
        ]}
      />
      {item.publishConsent ? (
        <>
          <CheckboxField
            ctx={ctx}
            name="publish"
            label={ctx.t('feedback.staff.answer.publish')}
            checked={values.publish}
            errors={errors}
          />
          <p class="hint">{ctx.t('feedback.staff.answer.publishHint')}</p>
        </>
      ) : (
        <p class="hint">{ctx.t('feedback.staff.answer.noConsent')}</p>
      )}
      <button type="submit" class="button">
        {ctx.t('feedback.staff.answer.submit')}
      </button>
    </form>
  );
}

function TriageForm(props: {
  ctx: PageContext;
  item: TFeedbackStaff;
  units: Option[];
  agencies: { label: string; options: Option[] }[];
  values: ActionFormValues['triage'];
  errors?: FieldErrors | undefined;
}) {
  const { ctx, item, values, errors } = props;
  return (
    <form method="post" action={staffActionPath(item.code, 'triage')} class="action-form" novalidate>
      <h3>{ctx.t('feedback.staff.triage.title')}</h3>
      <CsrfField ctx={ctx} />
      <Version item={item} />
      <SelectField
        ctx={ctx}
        name="unitCode"
        label={ctx.t('feedback.staff.triage.unit')}
        value={values.unitCode}
        options={props.units}
        errors={errors}
      />
      <GroupedSelectField
        ctx={ctx}
        name="agencyCode"
        label={ctx.t('feedback.staff.triage.agency')}
        empty={ctx.t('feedback.staff.triage.anyAgency')}
        groups={props.agencies}
        value={values.agencyCode}
        errors={errors}
      />
      <TextField
        ctx={ctx}
        name="officerUsername"
        label={ctx.t('feedback.staff.triage.officer')}
        hint={ctx.t('feedback.staff.triage.officerHint')}
        value={values.officerUsername}
        errors={errors}
        maxlength={100}
        autocomplete="off"
      />
      <TextField
        ctx={ctx}
        name="note"
        label={ctx.t('feedback.staff.triage.note')}
        value={values.note}
        errors={errors}
        maxlength={NOTE_MAX}
      />
      <button type="submit" class="button button-secondary">
        {ctx.t('feedback.staff.triage.submit')}
      </button>
    </form>
  );
}

function CloseForm(props: {
  ctx: PageContext;
  item: TFeedbackStaff;
  values: ActionFormValues['close'];
  errors?: FieldErrors | undefined;
}) {
  const { ctx, item, values, errors } = props;
  return (
    <form method="post" action={staffActionPath(item.code, 'close')} class="action-form" novalidate>
      <h3>{ctx.t('feedback.staff.close.title')}</h3>
      <p class="hint">{ctx.t('feedback.staff.close.hint')}</p>
      <CsrfField ctx={ctx} />
      <Version item={item} />
      <TextAreaField
        ctx={ctx}
        name="reason"
        label={ctx.t('feedback.staff.close.reason')}
        value={values.reason}
        maxlength={REASON_MAX}
        errors={errors}
        rows={3}
      />
      <button type="submit" class="button button-secondary">
        {ctx.t('feedback.staff.close.submit')}
      </button>
    </form>
  );
}
