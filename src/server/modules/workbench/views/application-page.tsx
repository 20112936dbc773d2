import { PLAN_STEPS, planStepOf } from '../../../../shared/applications/steps.js';
import type { Action, Status, Step } from '../../../../shared/applications/workflow.js';
import type { FieldErrors } from '../../../../shared/errors.js';
import { MAX_FILE_BYTES } from '../../../../shared/files/limits.js';
import { formatDateTime, formatNumber } from '../../../../shared/i18n/index.js';
import { Breadcrumbs, CsrfField, ErrorSummary, Notice } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import type { presentApplication } from '../../applications/applications.presenter.js';
import type { ApplicationPayments } from '../../payments/payments.service.js';
import { OfficerPayments } from '../../payments/views/payment-pages.js';
import type { ActionChoices } from '../workbench.service.js';

const MAX_FILE_MB = MAX_FILE_BYTES / 1024 / 1024;

/** Agency kinds in the order the transfer list groups them: other levels first, then the district's own. */
const AGENCY_KINDS = ['peoples_committee', 'vertical', 'department', 'office', 'public_service'] as const;

type View = ReturnType<typeof presentApplication>;

const when = (iso: string | null) => (iso ? formatDateTime(new Date(iso)) : '—');

function FieldError({
  ctx,
  errors,
  name,
}: {
  ctx: PageContext;
  errors: FieldErrors | undefined;
  name: string;
}) {
  const error = errors?.[name];
  return error ? (
    <p class="error-message" id={`field-${name}-error`}>
      {ctx.t(error.key, error.params)}
    </p>
  ) : null;
}

/** The extra inputs an action needs, beside its note. */
function ActionFields({
  ctx,
  action,
  errors,
  id,
  choices,
}: {
  ctx: PageContext;
  action: Action;
  errors: FieldErrors | undefined;
  id: string;
  choices: ActionChoices | undefined;
}) {
  switch (action) {
    case 'assign':
      return (
        <div class="field">
          <label for={`${id}-assignee`}>{ctx.t('workbench.detail.assigneeLabel')}</label>
          <FieldError ctx={ctx} errors={errors} name="assignee" />
          <select id={`${id}-assignee`} name="assignee" required>
            <option value="">{ctx.t('workbench.detail.choose')}</option>
            {(choices?.specialists ?? []).map((s) => (
              <option value={s.username}>{`${s.fullName} (${s.username})`}</option>
            ))}
          </select>
        </div>
      );
    case 'transfer':
      return (
        <div class="field">
          <label for={`${id}-agency`}>{ctx.t('workbench.detail.toAgencyLabel')}</label>
          <FieldError ctx={ctx} errors={errors} name="toAgency" />
          <select id={`${id}-agency`} name="toAgency" required>
            <option value="">{ctx.t('workbench.detail.choose')}</option>
            {AGENCY_KINDS.map((kind) => {
              const agencies = (choices?.agencies ?? []).filter((a) => a.kind === kind);
              return agencies.length ? (
                <optgroup label={ctx.t(`units.agencyKinds.${kind}`)}>
                  {agencies.map((a) => (
                    <option value={a.code}>{a.name}</option>
                  ))}
                </optgroup>
              ) : null;
            })}
          </select>
        </div>
      );
    case 'issue_apology':
      return (
        <div class="field">
          <label for={`${id}-date`}>{ctx.t('workbench.detail.newDueLabel')}</label>
          <FieldError ctx={ctx} errors={errors} name="newDueAt" />
          <input id={`${id}-date`} name="newDueDate" type="date" required />
          <label for={`${id}-time`}>{ctx.t('workbench.detail.newDueTimeLabel')}</label>
          <input id={`${id}-time`} name="newDueTime" type="time" value="17:00" required />
        </div>
      );
    case 'request_fee':
      return (
        <div class="field">
          <label for={`${id}-amount`}>{ctx.t('workbench.detail.amountLabel')}</label>
          <FieldError ctx={ctx} errors={errors} name="amountVnd" />
          {choices?.fees.length ? (
            <p class="hint" id={`${id}-amount-hint`}>
              {ctx.t('workbench.detail.catalogueFees', {
                fees: choices.fees
                  .map((fee) =>
                    fee.description
                      ? `${formatNumber(ctx.locale, fee.amountVnd)} (${fee.description})`
                      : formatNumber(ctx.locale, fee.amountVnd),
                  )
                  .join('; '),
              })}
            </p>
          ) : null}
          <input
            id={`${id}-amount`}
            name="amountVnd"
            type="text"
            inputmode="numeric"
            maxlength={15}
            required
            value={choices?.fees[0] ? String(choices.fees[0].amountVnd) : undefined}
            list={choices && choices.fees.length > 1 ? `${id}-fees` : undefined}
            aria-describedby={choices?.fees.length ? `${id}-amount-hint` : undefined}
          />
          {choices && choices.fees.length > 1 ? (
            <datalist id={`${id}-fees`}>
              {choices.fees.map((fee) => (
                <option value={String(fee.amountVnd)}>{fee.description ?? ''}</option>
              ))}
            </datalist>
          ) : null}
        </div>
      );
    case 'record_fee_paid':
      return (
        <>
          <div class="field">
            <label for={`${id}-method`}>{ctx.t('workbench.detail.methodLabel')}</label>
            <FieldError ctx={ctx} errors={errors} name="paymentMethod" />
            <select id={`${id}-method`} name="paymentMethod">
              <option value="cash">{ctx.t('workbench.detail.methods.cash')}</option>
              <option value="transfer">{ctx.t('workbench.detail.methods.transfer')}</option>
            </select>
          </div>
          <div class="field">
            <label for={`${id}-receipt`}>{ctx.t('workbench.detail.receiptLabel')}</label>
            <FieldError ctx={ctx} errors={errors} name="receiptNumber" />
            <input id={`${id}-receipt`} name="receiptNumber" type="text" maxlength={50} required />
          </div>
        </>
      );
    default:
      return null;
  }
}

/** The internal process's deadline for each stage, the current one marked, late ones flagged. */
function StepPlanTable({ ctx, view }: { ctx: PageContext; view: View }) {
  const plan = view.stepPlan;
  if (!plan) return null;
  const current = view.stepDueAt;
  return (
    <section aria-labelledby="plan-title">
      <h2 id="plan-title">{ctx.t('workbench.plan.title')}</h2>
      <p class="hint">{ctx.t('workbench.plan.hint')}</p>
      <div class="table-wrap">
        <table class="dense">
          <thead>
            <tr>
              <th scope="col">{ctx.t('workbench.plan.stage')}</th>
              <th scope="col">{ctx.t('workbench.plan.deadline')}</th>
            </tr>
          </thead>
          <tbody>
            {PLAN_STEPS.filter((stage) => plan[stage]).map((stage) => {
              const at = plan[stage] as string;
              const isCurrent =
                current !== null && planStepOf(view.status as Status, view.step as Step | null) === stage;
              return (
                <tr class={isCurrent ? 'current' : undefined}>
                  <th scope="row">
                    {ctx.t(`workbench.plan.stages.${stage}`)}
                    {isCurrent ? <span class="muted"> – {ctx.t('workbench.plan.current')}</span> : null}
                  </th>
                  <td>
                    {when(at)}{' '}
                    {isCurrent && new Date(at).getTime() < ctx.now.getTime() ? (
                      <span class="tag tag-red">{ctx.t('workbench.stepLate')}</span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ApplicationPage(props: {
  ctx: PageContext;
  view: View;
  labels?: Record<string, string>;
  errors?: FieldErrors | undefined;
  failedAction?: string | undefined;
  notice?: string | undefined;
  warning?: string | undefined;
  /** The counter kiosk's evaluation page, when the result was returned and not yet evaluated. */
  kioskHref?: string | undefined;
  /** Who may be assigned, where it may be transferred. */
  choices?: ActionChoices | undefined;
  /** The online payments of the application (modules/payments). */
  payments?: ApplicationPayments | undefined;
}) {
  const { ctx, view } = props;
  return (
    <Layout ctx={ctx} title={`${view.code} – ${ctx.t('workbench.title')}`}>
      <Breadcrumbs items={[{ href: '/can-bo', label: ctx.t('workbench.title') }, { label: view.code }]} />
      <ErrorSummary ctx={ctx} errors={props.errors} />
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.warning ? <Notice kind="warning">{props.warning}</Notice> : null}
      <h1>{view.code}</h1>
      <p class="lead">
        {ctx.t(`applications.status.${view.status}`)}
        {view.step ? ` – ${ctx.t(`workbench.steps.${view.step}`)}` : ''}
      </p>
      <dl class="summary">
        <dt>{ctx.t('workbench.detail.procedure')}</dt>
        <dd>
          <a href={`/thu-tuc/${view.procedureCode}`}>{view.procedureName}</a>
        </dd>
        <dt>{ctx.t('workbench.detail.applicant')}</dt>
        <dd>{view.applicant.fullName}</dd>
        <dt>{ctx.t('workbench.detail.idNumber')}</dt>
        <dd>{view.applicant.idNumber}</dd>
        <dt>{ctx.t('workbench.detail.phone')}</dt>
        <dd>
          <a href={`tel:${view.applicant.phone}`}>{view.applicant.phone}</a>
        </dd>
        <dt>{ctx.t('workbench.columns.channel')}</dt>
        <dd>{ctx.t(`workbench.channels.${view.channel}`)}</dd>
        <dt>{ctx.t('workbench.detail.submitted')}</dt>
        <dd>{when(view.submittedAt)}</dd>
        <dt>{ctx.t('workbench.detail.received')}</dt>
        <dd>{when(view.receivedAt)}</dd>
        <dt>{ctx.t('workbench.detail.due')}</dt>
        <dd>{when(view.dueAt)}</dd>
        {view.finishedAt ? (
          <>
            <dt>{ctx.t('workbench.detail.finished')}</dt>
            <dd>{when(view.finishedAt)}</dd>
          </>
        ) : null}
        <dt>{ctx.t('workbench.detail.receivingAgency')}</dt>
        <dd>{view.receivingAgency}</dd>
        <dt>{ctx.t('workbench.detail.handlingAgency')}</dt>
        <dd>{view.handlingAgency ?? '—'}</dd>
        <dt>{ctx.t('workbench.detail.assignee')}</dt>
        <dd>{view.assignee ?? '—'}</dd>
        {view.assisted ? (
          <>
            <dt>{ctx.t('workbench.detail.assisted')}</dt>
            <dd>
              {view.assisted.by}
              {view.assisted.team ? ` (${view.assisted.team})` : ''}
            </dd>
          </>
        ) : null}
      </dl>
      <StepPlanTable ctx={ctx} view={view} />

      <h2>{ctx.t('workbench.slips.title')}</h2>
      <ul class="slip-links">
        {view.events.some((e) => e.action === 'accept' || e.action === 'submit') && view.status !== 3 ? (
          <li>
            <a href={`/ho-so/${view.code}/bien-nhan.pdf`}>{ctx.t('workbench.slips.receipt')}</a>
          </li>
        ) : null}
        {view.events.some((e) => e.action === 'request_supplement') ? (
          <li>
            <a href={`/api/v1/applications/${view.code}/slips/supplement`}>
              {ctx.t('workbench.slips.supplement')}
            </a>
          </li>
        ) : null}
        {view.status === 3 ? (
          <li>
            <a href={`/api/v1/applications/${view.code}/slips/refusal`}>{ctx.t('workbench.slips.refusal')}</a>
          </li>
        ) : null}
        {view.events.some((e) => e.action === 'issue_apology') ? (
          <li>
            <a href={`/api/v1/applications/${view.code}/slips/apology`}>{ctx.t('workbench.slips.apology')}</a>
          </li>
        ) : null}
        <li>
          <a href={`/api/v1/applications/${view.code}/slips/control`}>{ctx.t('workbench.slips.control')}</a>
        </li>
      </ul>

      {props.payments ? <OfficerPayments ctx={ctx} data={props.payments} /> : null}

      <h2 id="actions">{ctx.t('workbench.detail.actions')}</h2>
      {view.allowedActions.length === 0 && !props.kioskHref ? (
        <p>{ctx.t('workbench.detail.noActions')}</p>
      ) : null}
      {props.kioskHref ? (
        <p>
          <a class="button" href={props.kioskHref}>
            {ctx.t('evaluations.kiosk.open')}
          </a>
        </p>
      ) : null}
      <div class="action-forms">
        {view.allowedActions.map((action) => {
          const id = `action-${action}`;
          const errors = props.failedAction === action ? props.errors : undefined;
          if (action === 'return_result' && view.channel === 'online') {
            // Online applications get their electronic result as a file, which needs a multipart form.
            return (
              <form
                method="post"
                action={`/can-bo/ho-so/${view.code}/tra-ket-qua`}
                enctype="multipart/form-data"
                class="action-form"
                aria-labelledby={`${id}-title`}
              >
                <CsrfField ctx={ctx} />
                <input type="hidden" name="expectedVersion" value={String(view.version)} />
                <h3 id={`${id}-title`}>{ctx.t('applications.actions.return_result')}</h3>
                <div class="field">
                  <label for="field-resultFile">{ctx.t('workbench.detail.resultFileLabel')}</label>
                  <p class="hint">{ctx.t('workbench.detail.resultFileHint')}</p>
                  <FieldError ctx={ctx} errors={errors} name="resultFile" />
                  <input
                    id="field-resultFile"
                    name="resultFile"
                    type="file"
                    accept="application/pdf,image/jpeg,image/png"
                    required
                  />
                </div>
                <div class="field">
                  <label for={`${id}-note`}>{ctx.t('workbench.detail.noteLabel')}</label>
                  <textarea id={`${id}-note`} name="note" rows={2} maxlength={2000}></textarea>
                </div>
                <button type="submit" class="button">
                  {ctx.t('applications.actions.return_result')}
                </button>
              </form>
            );
          }
          if (action === 'exempt_fee') {
            // The exemption carries the document that grants it: a multipart form (modules/payments).
            return (
              <form
                method="post"
                action={`/can-bo/ho-so/${view.code}/mien-phi`}
                enctype="multipart/form-data"
                class="action-form"
                aria-labelledby={`${id}-title`}
              >
                <CsrfField ctx={ctx} />
                <input type="hidden" name="expectedVersion" value={String(view.version)} />
                <h3 id={`${id}-title`}>{ctx.t('applications.actions.exempt_fee')}</h3>
                <div class="field">
                  <label for="field-exemptionFile">{ctx.t('payments.officer.exemptionFile')}</label>
                  <p class="hint">{ctx.t('payments.officer.exemptionFileHint', { maxMb: MAX_FILE_MB })}</p>
                  <FieldError ctx={ctx} errors={errors} name="exemptionFile" />
                  <input
                    id="field-exemptionFile"
                    name="exemptionFile"
                    type="file"
                    accept="application/pdf,image/jpeg,image/png"
                    required
                  />
                </div>
                <div class="field">
                  <label for={`${id}-note`}>{ctx.t('workbench.detail.noteLabel')}</label>
                  <FieldError ctx={ctx} errors={errors} name="note" />
                  <textarea id={`${id}-note`} name="note" rows={2} maxlength={2000} required></textarea>
                </div>
                <button type="submit" class="button">
                  {ctx.t('applications.actions.exempt_fee')}
                </button>
              </form>
            );
          }
          return (
            <form
              method="post"
              action={`/can-bo/ho-so/${view.code}/thao-tac`}
              class="action-form"
              aria-labelledby={`${id}-title`}
            >
              <CsrfField ctx={ctx} />
              <input type="hidden" name="action" value={action} />
              <input type="hidden" name="expectedVersion" value={String(view.version)} />
              <h3 id={`${id}-title`}>{ctx.t(`applications.actions.${action}`)}</h3>
              <ActionFields ctx={ctx} action={action} errors={errors} id={id} choices={props.choices} />
              <div class="field">
                <label for={`${id}-note`}>{ctx.t('workbench.detail.noteLabel')}</label>
                <FieldError ctx={ctx} errors={errors} name="note" />
                <textarea id={`${id}-note`} name="note" rows={2} maxlength={2000}></textarea>
              </div>
              <button type="submit" class="button">
                {ctx.t(`applications.actions.${action}`)}
              </button>
            </form>
          );
        })}
      </div>

      {Object.keys(view.formData).length > 0 ? (
        <>
          <h2>{ctx.t('workbench.detail.formData')}</h2>
          <dl class="summary">
            {Object.entries(view.formData).map(([key, value]) => (
              <>
                <dt>{props.labels?.[key] ?? key}</dt>
                <dd>{String(value)}</dd>
              </>
            ))}
          </dl>
        </>
      ) : null}

      <h2>{ctx.t('workbench.detail.documents')}</h2>
      {view.documents.length === 0 ? (
        <p>{ctx.t('workbench.detail.noDocuments')}</p>
      ) : (
        <ul>
          {view.documents.map((d) => (
            <li>
              <a href={`/api/v1/files/${d.fileId}`}>{d.name}</a> <span class="muted">({d.componentId})</span>
            </li>
          ))}
        </ul>
      )}

      <h2>{ctx.t('workbench.detail.timeline')}</h2>
      <div class="table-wrap">
        <table class="dense">
          <caption class="visually-hidden">{ctx.t('workbench.detail.timeline')}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t('workbench.detail.when')}</th>
              <th scope="col">{ctx.t('workbench.detail.action')}</th>
              <th scope="col">{ctx.t('workbench.columns.status')}</th>
              <th scope="col">{ctx.t('workbench.detail.note')}</th>
            </tr>
          </thead>
          <tbody>
            {view.events.map((event) => (
              <tr>
                <td>{when(event.at)}</td>
                <td>{ctx.t(`applications.actions.${event.action}`)}</td>
                <td>{ctx.t(`applications.status.${event.toStatus}`)}</td>
                <td>{event.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
