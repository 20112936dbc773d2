// The staff-score pages: a unit's scores for a period (leaders; an officer sees their own), one
// officer's score with every figure it is computed from and the review and sign-off forms, and the
// unit's method. Forms work without JavaScript and re-render with a 400 and an error summary.

import type { FieldErrors } from '../../../../shared/errors.js';
import { formatNumber } from '../../../../shared/i18n/index.js';
import {
  CRITERIA,
  type Criterion,
  type CriterionResult,
  LEVELS,
  type Level,
  parsePeriod,
  recentPeriods,
  workloadOf,
} from '../../../../shared/staff-scores/scoring.js';
import { Breadcrumbs, CsrfField, ErrorSummary, Notice, TextField } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { TextAreaField } from '../../catalog/views/parts.js';
import type { EffectiveMethod, OfficerScore, UnitScores } from '../staff-scores.service.js';
import {
  METHOD_PATH,
  methodPath,
  officerPath,
  reviewPath,
  SCORES_PATH,
  scoresPath,
  signPath,
} from './paths.js';

const num = (ctx: PageContext, value: number | null | undefined) =>
  value === null || value === undefined ? '–' : formatNumber(ctx.locale, value);

/** "Tháng 06/2025", "Quý 2/2025", "Năm 2025". */
export function periodLabel(ctx: PageContext, code: string): string {
  const period = parsePeriod(code);
  if (!period) return code;
  if (period.kind === 'month')
    return ctx.t('staffScores.period.month', { month: code.slice(5, 7), year: code.slice(0, 4) });
  if (period.kind === 'quarter')
    return ctx.t('staffScores.period.quarter', { quarter: code.slice(6), year: code.slice(0, 4) });
  return ctx.t('staffScores.period.year', { year: code });
}

export function LevelTag({ ctx, level }: { ctx: PageContext; level: Level | null }) {
  if (!level) return <span class="tag tag-grey">{ctx.t('staffScores.noTotal')}</span>;
  const tone =
    level === 'excellent'
      ? 'tag tag-green'
      : level === 'good'
        ? 'tag'
        : level === 'completed'
          ? 'tag tag-amber'
          : 'tag tag-red';
  return <span class={tone}>{ctx.t(`staffScores.levels.${level}`)}</span>;
}

function StatusTag({ ctx, status }: { ctx: PageContext; status: OfficerScore['status'] }) {
  const tone = status === 'signed' ? 'tag tag-green' : status === 'reviewed' ? 'tag' : 'tag tag-grey';
  return <span class={tone}>{ctx.t(`staffScores.status.${status}`)}</span>;
}

function crumbs(ctx: PageContext, items: { href?: string; label: string }[]) {
  return (
    <Breadcrumbs
      items={[
        { href: '/can-bo', label: ctx.t('workbench.nav') },
        { href: SCORES_PATH, label: ctx.t('staffScores.nav') },
        ...items,
      ]}
    />
  );
}

/** The unit and period picker: a GET form, so every view is a link. */
function Filters({
  ctx,
  unit,
  period,
  errors,
}: {
  ctx: PageContext;
  unit: string;
  period: string;
  errors?: FieldErrors | undefined;
}) {
  const today = new Date(ctx.now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  const periods = recentPeriods(today);
  const groups: [string, string[]][] = [
    [ctx.t('staffScores.period.months'), periods.months],
    [ctx.t('staffScores.period.quarters'), periods.quarters],
    [ctx.t('staffScores.period.years'), periods.years],
  ];
  return (
    <form method="get" action={SCORES_PATH} class="filters inline-fields">
      <TextField
        ctx={ctx}
        name="unit"
        label={ctx.t('staffScores.fields.unit')}
        value={unit}
        errors={errors}
        maxlength={20}
      />
      <div class="field">
        <label for="field-period">{ctx.t('staffScores.fields.period')}</label>
        <select id="field-period" name="period">
          {groups.map(([label, codes]) => (
            <optgroup label={label}>
              {codes.map((code) => (
                <option value={code} selected={code === period}>
                  {periodLabel(ctx, code)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div class="field">
        <button type="submit" class="button">
          {ctx.t('staffScores.show')}
        </button>
      </div>
    </form>
  );
}

/** /can-bo/cham-diem: the officers' scores and the unit's. */
export function ScoresPage(props: { ctx: PageContext; scores: UnitScores }) {
  const { ctx, scores } = props;
  const { summary } = scores;
  const title = ctx.t('staffScores.title');
  const unitName = ctx.locale === 'vi' ? scores.unit.name : scores.unit.nameEn;
  return (
    <Layout ctx={ctx} title={title}>
      {crumbs(ctx, [])}
      <h1>{title}</h1>
      <p>{ctx.t('staffScores.intro')}</p>
      <Filters ctx={ctx} unit={scores.unit.code} period={scores.period.code} />
      <h2>
        {unitName} – {periodLabel(ctx, scores.period.code)}
      </h2>
      <p>
        <a href={methodPath(scores.unit.code)}>{ctx.t('staffScores.method.link')}</a>
      </p>
      {!scores.leaderView ? (
        <Notice>
          <p>{ctx.t('staffScores.ownOnly')}</p>
        </Notice>
      ) : (
        <dl class="facts">
          <dt>{ctx.t('staffScores.summary.average')}</dt>
          <dd>
            {num(ctx, summary.average)} <LevelTag ctx={ctx} level={summary.level} />
          </dd>
          <dt>{ctx.t('staffScores.summary.byLevel')}</dt>
          <dd>
            <ul class="plain">
              {LEVELS.map((level) => (
                <li>{`${ctx.t(`staffScores.levels.${level}`)}: ${summary.byLevel[level]}`}</li>
              ))}
            </ul>
          </dd>
          <dt>{ctx.t('staffScores.summary.signed')}</dt>
          <dd>
            {ctx.t('staffScores.summary.signedOf', { signed: summary.signed, officers: summary.officers })}
          </dd>
        </dl>
      )}
      {scores.officers.length === 0 ? (
        <p class="empty-state">{ctx.t('staffScores.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="admin-table staff-scores-table">
            <caption>
              {ctx.t('staffScores.tableCaption', { period: periodLabel(ctx, scores.period.code) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('staffScores.fields.officer')}</th>
                {CRITERIA.map((c) => (
                  <th scope="col" class="num">
                    {ctx.t(`staffScores.criteria.${c}.short`)}
                  </th>
                ))}
                <th scope="col" class="num">
                  {ctx.t('staffScores.fields.total')}
                </th>
                <th scope="col">{ctx.t('staffScores.fields.level')}</th>
                <th scope="col">{ctx.t('staffScores.fields.status')}</th>
              </tr>
            </thead>
            <tbody>
              {scores.officers.map((o) => (
                <tr>
                  <th scope="row">
                    <a href={officerPath(o.officer.username, scores.unit.code, scores.period.code)}>
                      {o.officer.fullName}
                    </a>
                    <br />
                    <span class="hint">
                      {ctx.t(`capacity.roles.${o.officer.role}`)}
                      {o.officer.agencyName
                        ? ` · ${ctx.locale === 'vi' ? o.officer.agencyName : o.officer.agencyNameEn}`
                        : ''}
                    </span>
                  </th>
                  {o.result.criteria.map((c) => (
                    <td class="num">
                      {c.applicable ? (
                        num(ctx, c.score)
                      ) : (
                        <>
                          <span aria-hidden="true">–</span>
                          <span class="visually-hidden">{ctx.t('staffScores.notApplicable')}</span>
                        </>
                      )}
                    </td>
                  ))}
                  <td class="num">
                    <strong>{num(ctx, o.result.total)}</strong>
                  </td>
                  <td>
                    <LevelTag ctx={ctx} level={o.result.level} />
                  </td>
                  <td>
                    <StatusTag ctx={ctx} status={o.status} />
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

/** What a criterion was computed from, in words. */
function dataText(ctx: PageContext, criterion: Criterion, score: OfficerScore): string {
  const i = score.inputs;
  switch (criterion) {
    case 'on_time':
      return ctx.t('staffScores.data.on_time', {
        received: i.received,
        processed: i.processed,
        late: i.wentLate,
      });
    case 'workload':
      return ctx.t('staffScores.data.workload', {
        workload: workloadOf(i),
        average: num(ctx, i.roleAverageWorkload),
      });
    case 'satisfaction':
      return ctx.t('staffScores.data.satisfaction', { satisfied: i.satisfied, total: i.evaluations });
    case 'feedback':
      return ctx.t('staffScores.data.feedback', {
        upheld: i.upheldFeedback,
        penalty: score.method.upheldPenalty,
      });
    case 'test':
      return i.testScore === null
        ? ctx.t('staffScores.data.noTest')
        : ctx.t('staffScores.data.test', { score: num(ctx, i.testScore), campaign: i.testCampaign ?? '' });
    case 'leader':
      return i.leaderScore === null
        ? ctx.t('staffScores.data.noLeader')
        : ctx.t('staffScores.data.leader', { score: num(ctx, i.leaderScore) });
  }
}

function CriterionRow({ ctx, c, score }: { ctx: PageContext; c: CriterionResult; score: OfficerScore }) {
  return (
    <tr>
      <th scope="row">
        {ctx.t(`staffScores.criteria.${c.criterion}.name`)}
        <br />
        <span class="hint">{ctx.t(`staffScores.criteria.${c.criterion}.formula`)}</span>
      </th>
      <td>{c.weight === 0 ? ctx.t('staffScores.notUsed') : dataText(ctx, c.criterion, score)}</td>
      <td class="num">{c.applicable ? num(ctx, c.score) : ctx.t('staffScores.notApplicableShort')}</td>
      <td class="num">{`${c.weight}%`}</td>
      <td class="num">{c.applicable ? num(ctx, c.points) : '–'}</td>
    </tr>
  );
}

export interface ReviewValues {
  leaderScore: string;
  note: string;
}

/** /can-bo/cham-diem/can-bo/{username}: how the score is computed; review and sign-off. */
export function OfficerScorePage(props: {
  ctx: PageContext;
  scores: UnitScores;
  score: OfficerScore;
  values: ReviewValues;
  errors?: FieldErrors | undefined;
  notice?: string | undefined;
  problem?: string | undefined;
}) {
  const { ctx, scores, score, values, errors } = props;
  const { result, row } = score;
  const period = periodLabel(ctx, scores.period.code);
  const title = `${score.officer.fullName} – ${period}`;
  const signed = score.status === 'signed';
  return (
    <Layout ctx={ctx} title={title}>
      {crumbs(ctx, [{ label: score.officer.fullName }])}
      <ErrorSummary ctx={ctx} errors={errors} />
      {props.notice ? (
        <Notice kind="success">
          <p>{props.notice}</p>
        </Notice>
      ) : null}
      {props.problem ? (
        <Notice kind="warning">
          <p>{props.problem}</p>
        </Notice>
      ) : null}
      <p class="kicker">{ctx.locale === 'vi' ? scores.unit.name : scores.unit.nameEn}</p>
      <h1>{title}</h1>
      <dl class="facts">
        <dt>{ctx.t('staffScores.fields.status')}</dt>
        <dd>
          <StatusTag ctx={ctx} status={score.status} />
          {signed && row?.signed_at
            ? ` ${ctx.t('staffScores.signedBy', { name: score.signedBy ?? '', at: formatAt(row.signed_at) })}`
            : ''}
        </dd>
        <dt>{ctx.t('staffScores.fields.total')}</dt>
        <dd>
          <strong>{num(ctx, result.total)}</strong> <LevelTag ctx={ctx} level={result.level} />
        </dd>
        {row?.reviewed_at ? (
          <>
            <dt>{ctx.t('staffScores.fields.reviewed')}</dt>
            <dd>
              {ctx.t('staffScores.reviewedBy', {
                name: score.reviewedBy ?? '',
                at: formatAt(row.reviewed_at),
              })}
            </dd>
          </>
        ) : null}
        {row?.leader_note ? (
          <>
            <dt>{ctx.t('staffScores.fields.note')}</dt>
            <dd class="pre-line">{row.leader_note}</dd>
          </>
        ) : null}
      </dl>
      <h2>{ctx.t('staffScores.how.title')}</h2>
      <p>{signed ? ctx.t('staffScores.how.frozen') : ctx.t('staffScores.how.live')}</p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{ctx.t('staffScores.how.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t('staffScores.how.criterion')}</th>
              <th scope="col">{ctx.t('staffScores.how.data')}</th>
              <th scope="col" class="num">
                {ctx.t('staffScores.how.score')}
              </th>
              <th scope="col" class="num">
                {ctx.t('staffScores.how.weight')}
              </th>
              <th scope="col" class="num">
                {ctx.t('staffScores.how.points')}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.criteria.map((c) => (
              <CriterionRow ctx={ctx} c={c} score={score} />
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colspan="4">
                {ctx.t('staffScores.how.total', { weight: result.applicableWeight })}
              </th>
              <td class="num">
                <strong>{num(ctx, result.total)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p class="hint">
        {ctx.t('staffScores.how.thresholds', {
          excellent: score.method.thresholds.excellent,
          good: score.method.thresholds.good,
          completed: score.method.thresholds.completed,
        })}
      </p>
      {score.mayReview && !signed ? (
        <>
          <form method="post" action={reviewPath(score.officer.username)} class="action-form capacity-form">
            <h2>{ctx.t('staffScores.review.title')}</h2>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="unit" value={scores.unit.code} />
            <input type="hidden" name="period" value={scores.period.code} />
            <TextField
              ctx={ctx}
              name="leaderScore"
              type="number"
              inputmode="decimal"
              label={ctx.t('staffScores.review.leaderScore')}
              hint={ctx.t('staffScores.review.leaderScoreHint')}
              value={values.leaderScore}
              errors={errors}
            />
            <TextAreaField
              ctx={ctx}
              name="note"
              label={ctx.t('staffScores.review.note')}
              value={values.note}
              errors={errors}
              rows={3}
            />
            <button type="submit" class="button">
              {ctx.t('staffScores.review.button')}
            </button>
          </form>
          <form method="post" action={signPath(score.officer.username)} class="action-form">
            <h2>{ctx.t('staffScores.sign.title')}</h2>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="unit" value={scores.unit.code} />
            <input type="hidden" name="period" value={scores.period.code} />
            {scores.periodOver ? (
              <>
                <p>{ctx.t('staffScores.sign.hint')}</p>
                <button type="submit" class="button">
                  {ctx.t('staffScores.sign.button')}
                </button>
              </>
            ) : (
              <p>
                {ctx.t('staffScores.sign.notYet', { to: scores.period.to.split('-').reverse().join('/') })}
              </p>
            )}
          </form>
        </>
      ) : null}
      <p>
        <a href={scoresPath(scores.unit.code, scores.period.code)}>{ctx.t('staffScores.back')}</a>
      </p>
    </Layout>
  );
}

const formatAt = (value: Date) => {
  const d = new Date(value.getTime() + 7 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};

export interface MethodValues {
  weights: Record<Criterion, string>;
  excellent: string;
  good: string;
  completed: string;
  upheldPenalty: string;
}

/** /can-bo/cham-diem/phuong-phap: the published method, and (for signing leaders and administrators) its form. */
export function MethodPage(props: {
  ctx: PageContext;
  method: EffectiveMethod;
  mayConfigure: boolean;
  values: MethodValues;
  errors?: FieldErrors | undefined;
  notice?: string | undefined;
}) {
  const { ctx, method, values, errors } = props;
  const title = ctx.t('staffScores.method.title');
  const sum = CRITERIA.reduce((total, c) => total + (Number(values.weights[c]) || 0), 0);
  return (
    <Layout ctx={ctx} title={title}>
      {crumbs(ctx, [{ label: title }])}
      <ErrorSummary ctx={ctx} errors={errors} />
      {props.notice ? (
        <Notice kind="success">
          <p>{props.notice}</p>
        </Notice>
      ) : null}
      <h1>{title}</h1>
      <p>
        {method.source === 'unit'
          ? ctx.t('staffScores.method.sourceUnit', { unit: method.unitCode })
          : method.source === 'inherited'
            ? ctx.t('staffScores.method.sourceInherited', {
                unit: method.unitCode,
                from: method.fromUnitCode ?? '',
              })
            : ctx.t('staffScores.method.sourceDefault', { unit: method.unitCode })}
      </p>
      <p>{ctx.t('staffScores.method.legal')}</p>
      <div class="table-wrap">
        <table>
          <caption>{ctx.t('staffScores.method.criteriaCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t('staffScores.how.criterion')}</th>
              <th scope="col">{ctx.t('staffScores.method.formula')}</th>
              <th scope="col" class="num">
                {ctx.t('staffScores.how.weight')}
              </th>
            </tr>
          </thead>
          <tbody>
            {CRITERIA.map((c) => (
              <tr>
                <th scope="row">{ctx.t(`staffScores.criteria.${c}.name`)}</th>
                <td>{ctx.t(`staffScores.criteria.${c}.formula`)}</td>
                <td class="num">{`${method.method.weights[c]}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{ctx.t('staffScores.method.total')}</p>
      <ul>
        {LEVELS.map((level) => (
          <li>
            <LevelTag ctx={ctx} level={level} />{' '}
            {level === 'not_completed'
              ? ctx.t('staffScores.method.below', { value: method.method.thresholds.completed })
              : ctx.t('staffScores.method.atLeast', { value: method.method.thresholds[level] })}
          </li>
        ))}
      </ul>
      {props.mayConfigure ? (
        <form
          method="post"
          action={`${METHOD_PATH}?unit=${encodeURIComponent(method.unitCode)}`}
          class="capacity-form action-form"
        >
          <h2>{ctx.t('staffScores.method.change')}</h2>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="unit" value={method.unitCode} />
          <fieldset id="field-weights" class={errors?.weights ? 'field-error' : undefined}>
            <legend>{ctx.t('staffScores.method.weights')}</legend>
            <p class="hint">{ctx.t('staffScores.method.weightsHint', { sum })}</p>
            {errors?.weights ? (
              <p class="error-message">
                <span class="visually-hidden">{ctx.t('common.errorPrefix')}</span>{' '}
                {ctx.t(errors.weights.key, { sum })}
              </p>
            ) : null}
            {CRITERIA.map((c) => (
              <TextField
                ctx={ctx}
                name={`weight_${c}`}
                type="number"
                inputmode="numeric"
                label={`${ctx.t(`staffScores.criteria.${c}.name`)} (%)`}
                value={values.weights[c]}
                errors={errors}
              />
            ))}
          </fieldset>
          <fieldset id="field-thresholds" class={errors?.thresholds ? 'field-error' : undefined}>
            <legend>{ctx.t('staffScores.method.thresholds')}</legend>
            {errors?.thresholds ? (
              <p class="error-message">
                <span class="visually-hidden">{ctx.t('common.errorPrefix')}</span>{' '}
                {ctx.t(errors.thresholds.key)}
              </p>
            ) : null}
            {(['excellent', 'good', 'completed'] as const).map((level) => (
              <TextField
                ctx={ctx}
                name={level}
                type="number"
                inputmode="numeric"
                label={ctx.t('staffScores.method.thresholdFor', {
                  level: ctx.t(`staffScores.levels.${level}`),
                })}
                value={values[level]}
                errors={errors}
              />
            ))}
          </fieldset>
          <TextField
            ctx={ctx}
            name="upheldPenalty"
            type="number"
            inputmode="numeric"
            label={ctx.t('staffScores.method.upheldPenalty')}
            value={values.upheldPenalty}
            errors={errors}
          />
          <button type="submit" class="button">
            {ctx.t('staffScores.method.save')}
          </button>
        </form>
      ) : null}
      <p>
        <a href={scoresPath(method.unitCode)}>{ctx.t('staffScores.back')}</a>
      </p>
    </Layout>
  );
}
