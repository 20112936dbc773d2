// The pages of those who manage capacity tests (administrators, unit heads) and of leaders who read
// the results: banks and their questions, importing and exporting, campaigns and their reports.
// Every form works without JavaScript and re-renders with a 400 and an error summary.
import {
  AUDIENCE_ROLES,
  EXPLANATION_MAX,
  MAX_OPTIONS,
  OPTION_MAX,
  PROMPT_MAX,
  QUESTION_KINDS,
  TITLE_MAX,
  TOPICS,
} from '../../../../shared/capacity/schema.js';
import type { FieldErrors } from '../../../../shared/errors.js';
import { CsrfField, ErrorSummary, Notice, TextField } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { CheckboxField, SelectField, TextAreaField } from '../../catalog/views/parts.js';
import type { QuestionRow } from '../capacity-tests.repository.js';
import type { BankView, CampaignReport, CampaignView } from '../capacity-tests.service.js';
import {
  banksCrumb,
  CapacityCrumbs,
  campaignsCrumb,
  minutesText,
  PassTag,
  StateTag,
  score,
  when,
} from './parts.js';
import {
  BANKS_PATH,
  bankExportPath,
  bankImportPath,
  bankPath,
  campaignEditPath,
  campaignExportPath,
  campaignGrantPath,
  campaignPath,
  campaignPublishPath,
  NEW_CAMPAIGN_PATH,
  newQuestionPath,
  questionEditPath,
} from './paths.js';

const topicOptions = (ctx: PageContext) => [
  { value: '', label: ctx.t('capacity.fields.chooseTopic') },
  ...TOPICS.map((topic) => ({ value: topic, label: ctx.t(`capacity.topics.${topic}`) })),
];

function Problem({ message }: { message?: string | undefined }) {
  return message ? (
    <Notice kind="warning">
      <p>{message}</p>
    </Notice>
  ) : null;
}

function Success({ message }: { message?: string | undefined }) {
  return message ? (
    <Notice kind="success">
      <p>{message}</p>
    </Notice>
  ) : null;
}

// ------------------------------------------------------------------------------------------------
// Banks
// ------------------------------------------------------------------------------------------------

export interface BankFormValues {
  code: string;
  title: string;
  topic: string;
  unit: string;
  description: string;
}

/** /can-bo/kiem-tra/ngan-hang: the banks, and the form to create one. */
export function BanksPage(props: {
  ctx: PageContext;
  banks: BankView[];
  values: BankFormValues;
  errors?: FieldErrors | undefined;
  notice?: string | undefined;
}) {
  const { ctx, banks, values } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('capacity.banks.title')}>
      <CapacityCrumbs ctx={ctx} items={[{ label: ctx.t('capacity.banks.title') }]} />
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <Success message={props.notice} />
      <h1>{ctx.t('capacity.banks.title')}</h1>
      <p>{ctx.t('capacity.banks.intro')}</p>
      {banks.length === 0 ? (
        <p class="empty-state">{ctx.t('capacity.banks.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="admin-table">
            <caption class="visually-hidden">{ctx.t('capacity.banks.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('capacity.fields.bank')}</th>
                <th scope="col">{ctx.t('capacity.fields.topic')}</th>
                <th scope="col">{ctx.t('capacity.fields.unit')}</th>
                <th scope="col" class="num">
                  {ctx.t('capacity.banks.activeQuestions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {banks.map((bank) => (
                <tr>
                  <th scope="row">
                    <a href={bankPath(bank.code)}>{bank.title}</a>
                    <br />
                    <span class="code">{bank.code}</span>
                  </th>
                  <td>{ctx.t(`capacity.topics.${bank.topic}`)}</td>
                  <td class="code">{bank.unitCode}</td>
                  <td class="num">{`${bank.active_questions}/${bank.questions}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{ctx.t('capacity.banks.create')}</h2>
      <form method="post" action={BANKS_PATH} class="capacity-form">
        <CsrfField ctx={ctx} />
        <TextField
          ctx={ctx}
          name="code"
          label={ctx.t('capacity.fields.code')}
          hint={ctx.t('capacity.fields.codeHint')}
          value={values.code}
          errors={props.errors}
          maxlength={40}
        />
        <TextField
          ctx={ctx}
          name="title"
          label={ctx.t('capacity.fields.title')}
          value={values.title}
          errors={props.errors}
          maxlength={TITLE_MAX}
        />
        <SelectField
          ctx={ctx}
          name="topic"
          label={ctx.t('capacity.fields.topic')}
          options={topicOptions(ctx)}
          value={values.topic}
          errors={props.errors}
        />
        <TextField
          ctx={ctx}
          name="unit"
          label={ctx.t('capacity.fields.unitCode')}
          hint={ctx.t('capacity.fields.unitCodeHint')}
          value={values.unit}
          errors={props.errors}
          maxlength={20}
        />
        <TextAreaField
          ctx={ctx}
          name="description"
          label={ctx.t('capacity.fields.description')}
          value={values.description}
          errors={props.errors}
          rows={3}
        />
        <button type="submit" class="button">
          {ctx.t('capacity.banks.createButton')}
        </button>
      </form>
    </Layout>
  );
}

/** /can-bo/kiem-tra/ngan-hang/{bank}: its questions, with the ways to add, edit, import and export. */
export function BankPage(props: {
  ctx: PageContext;
  bank: BankView;
  questions: QuestionRow[];
  notice?: string | undefined;
}) {
  const { ctx, bank, questions } = props;
  return (
    <Layout ctx={ctx} title={bank.title}>
      <CapacityCrumbs ctx={ctx} items={[banksCrumb(ctx), { label: bank.title }]} />
      <Success message={props.notice} />
      <h1>{bank.title}</h1>
      <dl class="facts">
        <dt>{ctx.t('capacity.fields.code')}</dt>
        <dd class="code">{bank.code}</dd>
        <dt>{ctx.t('capacity.fields.topic')}</dt>
        <dd>{ctx.t(`capacity.topics.${bank.topic}`)}</dd>
        <dt>{ctx.t('capacity.fields.unit')}</dt>
        <dd class="code">{bank.unitCode}</dd>
        <dt>{ctx.t('capacity.banks.activeQuestions')}</dt>
        <dd>{`${bank.active_questions}/${bank.questions}`}</dd>
      </dl>
      {bank.description ? <p class="pre-line">{bank.description}</p> : null}
      <p>
        <a class="button" href={newQuestionPath(bank.code)}>
          {ctx.t('capacity.questions.add')}
        </a>
        <a class="button button-secondary" href={bankImportPath(bank.code)}>
          {ctx.t('capacity.import.title')}
        </a>
        <a class="button button-secondary" href={bankExportPath(bank.code)} download="">
          {ctx.t('capacity.export.bank')}
        </a>
      </p>
      {questions.length === 0 ? (
        <p class="empty-state">{ctx.t('capacity.questions.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="admin-table">
            <caption class="visually-hidden">{ctx.t('capacity.questions.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('capacity.fields.code')}</th>
                <th scope="col">{ctx.t('capacity.fields.prompt')}</th>
                <th scope="col">{ctx.t('capacity.fields.kind')}</th>
                <th scope="col">{ctx.t('capacity.fields.status')}</th>
              </tr>
            </thead>
            <tbody>
              {questions.map((q) => (
                <tr>
                  <td class="code">
                    <a href={questionEditPath(bank.code, q.code)}>
                      {q.code}
                      <span class="visually-hidden">{` – ${ctx.t('capacity.questions.edit')}`}</span>
                    </a>
                  </td>
                  <td>{q.prompt.length > 160 ? `${q.prompt.slice(0, 157)}…` : q.prompt}</td>
                  <td>{ctx.t(`capacity.kinds.${q.kind}`)}</td>
                  <td>
                    {q.active ? (
                      <span class="tag tag-green">{ctx.t('capacity.questions.active')}</span>
                    ) : (
                      <span class="tag tag-grey">{ctx.t('capacity.questions.inactive')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export interface QuestionFormValues {
  code: string;
  kind: string;
  prompt: string;
  options: { text: string; correct: boolean }[];
  explanation: string;
  active: boolean;
  version: string;
}

export const emptyQuestion = (): QuestionFormValues => ({
  code: '',
  kind: 'single',
  prompt: '',
  options: Array.from({ length: MAX_OPTIONS }, () => ({ text: '', correct: false })),
  explanation: '',
  active: true,
  version: '',
});

/** The form of a new question or of an existing one (its code then fixed). */
export function QuestionFormPage(props: {
  ctx: PageContext;
  bank: BankView;
  values: QuestionFormValues;
  existing: string | null;
  errors?: FieldErrors | undefined;
}) {
  const { ctx, bank, values, errors } = props;
  const title = props.existing
    ? ctx.t('capacity.questions.editTitle', { code: props.existing })
    : ctx.t('capacity.questions.add');
  const optionError = errors?.options;
  return (
    <Layout ctx={ctx} title={title}>
      <CapacityCrumbs
        ctx={ctx}
        items={[banksCrumb(ctx), { href: bankPath(bank.code), label: bank.title }, { label: title }]}
      />
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{title}</h1>
      <form
        method="post"
        action={props.existing ? questionEditPath(bank.code, props.existing) : newQuestionPath(bank.code)}
        class="capacity-form"
      >
        <CsrfField ctx={ctx} />
        <input type="hidden" name="version" value={values.version} />
        {props.existing ? null : (
          <TextField
            ctx={ctx}
            name="code"
            label={ctx.t('capacity.fields.questionCode')}
            hint={ctx.t('capacity.fields.questionCodeHint')}
            value={values.code}
            errors={errors}
            maxlength={40}
          />
        )}
        <SelectField
          ctx={ctx}
          name="kind"
          label={ctx.t('capacity.fields.kind')}
          options={QUESTION_KINDS.map((kind) => ({ value: kind, label: ctx.t(`capacity.kinds.${kind}`) }))}
          value={values.kind}
          errors={errors}
        />
        <TextAreaField
          ctx={ctx}
          name="prompt"
          label={ctx.t('capacity.fields.prompt')}
          value={values.prompt}
          errors={errors}
          rows={4}
        />
        <fieldset id="field-options" class={optionError ? 'field-error' : undefined}>
          <legend>{ctx.t('capacity.fields.options')}</legend>
          <p class="hint">{ctx.t('capacity.fields.optionsHint', { max: MAX_OPTIONS })}</p>
          {optionError ? (
            <p class="error-message">
              <span class="visually-hidden">{ctx.t('common.errorPrefix')}</span>{' '}
              {ctx.t(optionError.key, optionError.params)}
            </p>
          ) : null}
          {values.options.map((option, index) => (
            <div class="capacity-option-row">
              <TextField
                ctx={ctx}
                name={`option_${index + 1}`}
                label={ctx.t('capacity.fields.option', { n: index + 1 })}
                value={option.text}
                errors={errors}
                maxlength={OPTION_MAX}
              />
              <CheckboxField
                ctx={ctx}
                name={`correct_${index + 1}`}
                label={ctx.t('capacity.fields.correct', { n: index + 1 })}
                checked={option.correct}
              />
            </div>
          ))}
        </fieldset>
        <TextAreaField
          ctx={ctx}
          name="explanation"
          label={ctx.t('capacity.fields.explanation')}
          hint={ctx.t('capacity.fields.explanationHint', { max: EXPLANATION_MAX })}
          value={values.explanation}
          errors={errors}
          rows={3}
        />
        <CheckboxField
          ctx={ctx}
          name="active"
          label={ctx.t('capacity.fields.active')}
          checked={values.active}
        />
        <p class="hint">{ctx.t('capacity.fields.promptLimit', { max: PROMPT_MAX })}</p>
        <button type="submit" class="button">
          {ctx.t('capacity.questions.save')}
        </button>
      </form>
    </Layout>
  );
}

export interface ImportLine {
  row: string;
  column: string;
  message: string;
}

/** /…/nhap: the upload form, the columns, and the report of the last file. */
export function ImportPage(props: {
  ctx: PageContext;
  bank: BankView;
  errors?: FieldErrors | undefined;
  rejected?: ImportLine[] | undefined;
  done?: { created: number; updated: number; unchanged: number } | undefined;
  maxMegabytes: number;
}) {
  const { ctx, bank } = props;
  return (
    <Layout ctx={ctx} title={`${ctx.t('capacity.import.title')} – ${bank.title}`}>
      <CapacityCrumbs
        ctx={ctx}
        items={[
          banksCrumb(ctx),
          { href: bankPath(bank.code), label: bank.title },
          { label: ctx.t('capacity.import.title') },
        ]}
      />
      <ErrorSummary ctx={ctx} errors={props.errors} />
      {props.done ? (
        <Notice kind="success">
          <p>{ctx.t('capacity.import.done', props.done)}</p>
        </Notice>
      ) : null}
      {props.rejected ? (
        <div class="notice notice-warning" role="status">
          <h2 class="notice-title">
            {ctx.t('capacity.import.refused', { rows: new Set(props.rejected.map((l) => l.row)).size })}
          </h2>
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{ctx.t('capacity.import.rejectedCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{ctx.t('capacity.import.row')}</th>
                  <th scope="col">{ctx.t('capacity.import.column')}</th>
                  <th scope="col">{ctx.t('capacity.import.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {props.rejected.map((line) => (
                  <tr>
                    <td class="num">{line.row}</td>
                    <td class="code">{line.column}</td>
                    <td>{line.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
      <h1>{ctx.t('capacity.import.title')}</h1>
      <p>{ctx.t('capacity.import.intro')}</p>
      <ul>
        <li>{ctx.t('capacity.import.columnsHelp')}</li>
        <li>{ctx.t('capacity.import.correctHelp')}</li>
        <li>{ctx.t('capacity.import.allOrNothing')}</li>
      </ul>
      <p>
        <a href={bankExportPath(bank.code)} download="">
          {ctx.t('capacity.import.template')}
        </a>
      </p>
      <form
        method="post"
        action={bankImportPath(bank.code)}
        enctype="multipart/form-data"
        class="capacity-form"
      >
        <CsrfField ctx={ctx} />
        <div class={props.errors?.file ? 'field field-error' : 'field'}>
          <label for="field-file">{ctx.t('capacity.import.file')}</label>
          <p class="hint" id="field-file-hint">
            {ctx.t('capacity.import.fileHint', { max: props.maxMegabytes })}
          </p>
          {props.errors?.file ? (
            <p class="error-message" id="field-file-error">
              <span class="visually-hidden">{ctx.t('common.errorPrefix')}</span>{' '}
              {ctx.t(props.errors.file.key, props.errors.file.params)}
            </p>
          ) : null}
          <input
            type="file"
            id="field-file"
            name="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={props.errors?.file ? 'field-file-hint field-file-error' : 'field-file-hint'}
          />
        </div>
        <button type="submit" class="button">
          {ctx.t('capacity.import.button')}
        </button>
      </form>
    </Layout>
  );
}

// ------------------------------------------------------------------------------------------------
// Campaigns
// ------------------------------------------------------------------------------------------------

/** /can-bo/kiem-tra/dot: the campaigns of the units the person manages or leads. */
export function CampaignsPage(props: { ctx: PageContext; campaigns: CampaignView[]; mayCreate: boolean }) {
  const { ctx, campaigns } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('capacity.campaigns.title')}>
      <CapacityCrumbs ctx={ctx} items={[{ label: ctx.t('capacity.campaigns.title') }]} />
      <h1>{ctx.t('capacity.campaigns.title')}</h1>
      <p>{ctx.t('capacity.campaigns.intro')}</p>
      {props.mayCreate ? (
        <p>
          <a class="button" href={NEW_CAMPAIGN_PATH}>
            {ctx.t('capacity.campaigns.create')}
          </a>
        </p>
      ) : null}
      {campaigns.length === 0 ? (
        <p class="empty-state">{ctx.t('capacity.campaigns.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="admin-table">
            <caption class="visually-hidden">{ctx.t('capacity.campaigns.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('capacity.fields.campaign')}</th>
                <th scope="col">{ctx.t('capacity.fields.status')}</th>
                <th scope="col">{ctx.t('capacity.fields.window')}</th>
                <th scope="col" class="num">
                  {ctx.t('capacity.fields.candidates')}
                </th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((view) => (
                <tr>
                  <th scope="row">
                    <a href={campaignPath(view.campaign.code)}>{view.campaign.title}</a>
                    <br />
                    <span class="code">{view.campaign.code}</span>
                  </th>
                  <td>
                    <StateTag ctx={ctx} state={view.state} />
                  </td>
                  <td>
                    {when(view.campaign.opens_at)} – {when(view.campaign.closes_at)}
                  </td>
                  <td class="num">{String(view.candidates)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export interface CampaignFormValues {
  code: string;
  title: string;
  description: string;
  unit: string;
  opensAt: string;
  closesAt: string;
  durationMinutes: string;
  passMark: string;
  draw: Record<string, string>;
  audienceUnits: string;
  roles: string[];
}

/** The form of a new campaign or of a draft. */
export function CampaignFormPage(props: {
  ctx: PageContext;
  values: CampaignFormValues;
  existing: string | null;
  available: Map<string, number>;
  errors?: FieldErrors | undefined;
}) {
  const { ctx, values, errors } = props;
  const title = props.existing ? ctx.t('capacity.campaigns.editTitle') : ctx.t('capacity.campaigns.create');
  const rolesError = errors?.roles;
  return (
    <Layout ctx={ctx} title={title}>
      <CapacityCrumbs ctx={ctx} items={[campaignsCrumb(ctx), { label: title }]} />
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{title}</h1>
      <form
        method="post"
        action={props.existing ? campaignEditPath(props.existing) : NEW_CAMPAIGN_PATH}
        class="capacity-form"
      >
        <CsrfField ctx={ctx} />
        {props.existing ? null : (
          <TextField
            ctx={ctx}
            name="code"
            label={ctx.t('capacity.fields.code')}
            hint={ctx.t('capacity.fields.codeHint')}
            value={values.code}
            errors={errors}
            maxlength={40}
          />
        )}
        <TextField
          ctx={ctx}
          name="title"
          label={ctx.t('capacity.fields.title')}
          value={values.title}
          errors={errors}
          maxlength={TITLE_MAX}
        />
        <TextAreaField
          ctx={ctx}
          name="description"
          label={ctx.t('capacity.fields.description')}
          value={values.description}
          errors={errors}
          rows={3}
        />
        <TextField
          ctx={ctx}
          name="unit"
          label={ctx.t('capacity.fields.organiser')}
          hint={ctx.t('capacity.fields.unitCodeHint')}
          value={values.unit}
          errors={errors}
          maxlength={20}
        />
        <TextField
          ctx={ctx}
          name="opensAt"
          type="datetime-local"
          label={ctx.t('capacity.fields.opensAt')}
          hint={ctx.t('capacity.fields.momentHint')}
          value={values.opensAt}
          errors={errors}
        />
        <TextField
          ctx={ctx}
          name="closesAt"
          type="datetime-local"
          label={ctx.t('capacity.fields.closesAt')}
          hint={ctx.t('capacity.fields.momentHint')}
          value={values.closesAt}
          errors={errors}
        />
        <TextField
          ctx={ctx}
          name="durationMinutes"
          type="number"
          inputmode="numeric"
          label={ctx.t('capacity.fields.durationMinutes')}
          value={values.durationMinutes}
          errors={errors}
        />
        <TextField
          ctx={ctx}
          name="passMark"
          type="number"
          inputmode="decimal"
          label={ctx.t('capacity.fields.passMarkPercent')}
          value={values.passMark}
          errors={errors}
        />
        <fieldset>
          <legend>{ctx.t('capacity.fields.draw')}</legend>
          <p class="hint">{ctx.t('capacity.fields.drawHint')}</p>
          {TOPICS.map((topic) => (
            <TextField
              ctx={ctx}
              name={`draw_${topic}`}
              type="number"
              inputmode="numeric"
              label={ctx.t(`capacity.topics.${topic}`)}
              hint={ctx.t('capacity.fields.available', { n: props.available.get(topic) ?? 0 })}
              value={values.draw[topic] ?? ''}
              errors={errors}
            />
          ))}
        </fieldset>
        <TextField
          ctx={ctx}
          name="audienceUnits"
          label={ctx.t('capacity.fields.audienceUnits')}
          hint={ctx.t('capacity.fields.audienceUnitsHint')}
          value={values.audienceUnits}
          errors={errors}
        />
        <fieldset id="field-roles" class={rolesError ? 'field-error' : undefined}>
          <legend>{ctx.t('capacity.fields.roles')}</legend>
          {rolesError ? (
            <p class="error-message">
              <span class="visually-hidden">{ctx.t('common.errorPrefix')}</span>{' '}
              {ctx.t(rolesError.key, rolesError.params)}
            </p>
          ) : null}
          {AUDIENCE_ROLES.map((role) => (
            <div class="checkbox">
              <input
                type="checkbox"
                id={`role-${role}`}
                name="roles"
                value={role}
                checked={values.roles.includes(role)}
              />
              <label for={`role-${role}`}>{ctx.t(`capacity.roles.${role}`)}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="button">
          {ctx.t('capacity.campaigns.save')}
        </button>
      </form>
    </Layout>
  );
}

/** /can-bo/kiem-tra/dot/{code}: the campaign, publishing a draft, results by unit and topic, grants. */
export function CampaignPage(props: {
  ctx: PageContext;
  view: CampaignView;
  report: CampaignReport | null;
  mayGrant: boolean;
  grantValues: { username: string; reason: string };
  errors?: FieldErrors | undefined;
  notice?: string | undefined;
  problem?: string | undefined;
}) {
  const { ctx, view, report } = props;
  const { campaign } = view;
  const draw = TOPICS.flatMap((topic) =>
    (campaign.draw[topic] ?? 0) > 0 ? [[topic, campaign.draw[topic]] as const] : [],
  );
  return (
    <Layout ctx={ctx} title={campaign.title}>
      <CapacityCrumbs ctx={ctx} items={[campaignsCrumb(ctx), { label: campaign.title }]} />
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <Success message={props.notice} />
      <Problem message={props.problem} />
      <h1>{campaign.title}</h1>
      <p>
        <StateTag ctx={ctx} state={view.state} /> <span class="code">{campaign.code}</span>
      </p>
      <dl class="facts">
        <dt>{ctx.t('capacity.fields.organiser')}</dt>
        <dd class="code">{view.unitCode}</dd>
        <dt>{ctx.t('capacity.fields.window')}</dt>
        <dd>
          {when(campaign.opens_at)} – {when(campaign.closes_at)}
        </dd>
        <dt>{ctx.t('capacity.fields.duration')}</dt>
        <dd>{minutesText(ctx, campaign.duration_minutes)}</dd>
        <dt>{ctx.t('capacity.fields.passMark')}</dt>
        <dd>{`${score(ctx, campaign.pass_mark)}%`}</dd>
        <dt>{ctx.t('capacity.fields.draw')}</dt>
        <dd>
          <ul class="plain">
            {draw.map(([topic, n]) => (
              <li>{`${ctx.t(`capacity.topics.${topic}`)}: ${n}`}</li>
            ))}
          </ul>
        </dd>
        <dt>{ctx.t('capacity.fields.audience')}</dt>
        <dd>
          {view.audienceUnitCodes.join(', ')} ·{' '}
          {campaign.audience_roles.map((r) => ctx.t(`capacity.roles.${r}`)).join(', ')}
        </dd>
        <dt>{ctx.t('capacity.fields.candidates')}</dt>
        <dd>
          {campaign.status === 'draft' ? ctx.t('capacity.campaigns.fixedAtPublish') : String(view.candidates)}
        </dd>
      </dl>
      {campaign.status === 'draft' && view.mayManage ? (
        <div class="action-box">
          <p>
            <a class="button button-secondary" href={campaignEditPath(campaign.code)}>
              {ctx.t('capacity.campaigns.edit')}
            </a>
          </p>
          <form method="post" action={campaignPublishPath(campaign.code)}>
            <CsrfField ctx={ctx} />
            <p>{ctx.t('capacity.campaigns.publishHint')}</p>
            <button type="submit" class="button">
              {ctx.t('capacity.campaigns.publish')}
            </button>
          </form>
        </div>
      ) : null}
      {report ? <Report ctx={ctx} report={report} /> : null}
      {report && props.mayGrant && view.state !== 'closed' ? (
        <form method="post" action={campaignGrantPath(campaign.code)} class="capacity-form action-form">
          <h2>{ctx.t('capacity.grant.title')}</h2>
          <p class="hint">{ctx.t('capacity.grant.hint')}</p>
          <CsrfField ctx={ctx} />
          <SelectField
            ctx={ctx}
            name="username"
            label={ctx.t('capacity.grant.candidate')}
            options={[
              { value: '', label: ctx.t('capacity.grant.choose') },
              ...report.people.map((p) => ({ value: p.username, label: `${p.fullName} (${p.username})` })),
            ]}
            value={props.grantValues.username}
            errors={props.errors}
          />
          <TextField
            ctx={ctx}
            name="reason"
            label={ctx.t('capacity.grant.reason')}
            value={props.grantValues.reason}
            errors={props.errors}
            maxlength={500}
          />
          <button type="submit" class="button">
            {ctx.t('capacity.grant.button')}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

function Report({ ctx, report }: { ctx: PageContext; report: CampaignReport }) {
  const name = (vi: string, en: string) => (ctx.locale === 'vi' ? vi : en);
  return (
    <>
      <h2>{ctx.t('capacity.report.title')}</h2>
      <p>
        {ctx.t('capacity.report.totals', {
          candidates: report.totals.candidates,
          submitted: report.totals.submitted,
          passed: report.totals.passed,
          average: score(ctx, report.totals.averageScore),
        })}
      </p>
      <p>
        <a class="button button-secondary" href={campaignExportPath(report.view.campaign.code)} download="">
          {ctx.t('capacity.export.results')}
        </a>
      </p>
      <div class="table-wrap">
        <table>
          <caption>{ctx.t('capacity.report.byUnit')}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t('capacity.fields.unit')}</th>
              <th scope="col" class="num">
                {ctx.t('capacity.export.units.candidates')}
              </th>
              <th scope="col" class="num">
                {ctx.t('capacity.export.units.submitted')}
              </th>
              <th scope="col" class="num">
                {ctx.t('capacity.export.units.passed')}
              </th>
              <th scope="col" class="num">
                {ctx.t('capacity.export.units.averageScore')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.byUnit.map((g) => (
              <tr>
                <th scope="row">{name(g.name, g.nameEn)}</th>
                <td class="num">{String(g.candidates)}</td>
                <td class="num">{String(g.submitted)}</td>
                <td class="num">{String(g.passed)}</td>
                <td class="num">{score(ctx, g.averageScore)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="table-wrap">
        <table>
          <caption>{ctx.t('capacity.report.byTopic')}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t('capacity.fields.topic')}</th>
              <th scope="col" class="num">
                {ctx.t('capacity.export.topics.answers')}
              </th>
              <th scope="col" class="num">
                {ctx.t('capacity.export.topics.correct')}
              </th>
              <th scope="col" class="num">
                {ctx.t('capacity.export.topics.correctRate')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.byTopic.map((row) => (
              <tr>
                <th scope="row">{ctx.t(`capacity.topics.${row.topic}`)}</th>
                <td class="num">{String(row.answers)}</td>
                <td class="num">{String(row.correct)}</td>
                <td class="num">{row.correctRate === null ? '–' : `${score(ctx, row.correctRate)}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="table-wrap">
        <table class="admin-table">
          <caption>{ctx.t('capacity.report.people')}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t('capacity.export.people.fullName')}</th>
              <th scope="col">{ctx.t('capacity.export.people.unit')}</th>
              <th scope="col">{ctx.t('capacity.export.people.status')}</th>
              <th scope="col" class="num">
                {ctx.t('capacity.export.people.attempts')}
              </th>
              <th scope="col" class="num">
                {ctx.t('capacity.export.people.score')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.people.map((p) => (
              <tr>
                <th scope="row">
                  {p.fullName}
                  <br />
                  <span class="hint">{ctx.t(`capacity.roles.${p.role}`)}</span>
                </th>
                <td>{p.agency ? name(p.agency.name, p.agency.nameEn) : name(p.unitName, p.unitNameEn)}</td>
                <td>{ctx.t(`capacity.status.${p.status}`)}</td>
                <td class="num">{`${p.attemptsUsed}/${p.attemptsAllowed}`}</td>
                <td class="num">
                  {p.counting ? (
                    <>
                      {score(ctx, p.counting.score)} <PassTag ctx={ctx} passed={p.counting.passed ?? false} />
                    </>
                  ) : (
                    '–'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
