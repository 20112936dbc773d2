// The statistics pages: the public transparency page (/thong-ke: aggregates only, no names) and the
// leaders' dashboard (/can-bo/thong-ke: the same figures, each linked to the applications behind it,
// plus where applications went late and with whom, and which team members submitted for citizens).
// One template serves both; `leader` decides.
// Charts are tables with an SVG bar beside each number (no script, readable on a phone, the number
// stays text for screen readers).
import type { FieldErrors } from '../../../../shared/errors.js';
import { formatDateTime, formatNumber } from '../../../../shared/i18n/index.js';
import { LISTABLE_FIGURES, type SummaryFigures } from '../../../../shared/stats/definitions.js';
import type { Child } from '../../../jsx/jsx-runtime.js';
import { Breadcrumbs, ErrorSummary } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import type { AssistedReport } from '../../teams/teams.service.js';
import { TEAMS_PATH } from '../../teams/views/paths.js';
import type {
  BreakdownResult,
  LatenessResult,
  RankingRow,
  ServiceIndex,
  Summary,
  TargetProgress,
} from '../stats.service.js';
import { BEHIND_PATH, DASHBOARD_PATH, EXPORT_PATH, REPORT_PATH, TRANSPARENCY_PATH } from './paths.js';

export interface StatsQueryValues {
  unit: string;
  from: string;
  to: string;
  /** Narrowing for the list behind a figure: one field's procedures, or the unit without those below. */
  field?: string | undefined;
  descendants?: 'false' | undefined;
}

export interface DashboardView {
  leader: boolean;
  units: { code: string; name: string; nameEn: string; depth: number }[];
  values: StatsQueryValues;
  errors?: FieldErrors | undefined;
  /** Null when the form was refused: only the form is shown. */
  data: {
    summary: Summary;
    byMonth: BreakdownResult;
    byUnit: BreakdownResult;
    byField: BreakdownResult;
    index: ServiceIndex;
    ranking: RankingRow[];
    targets: { year: number; progress: TargetProgress[] } | null;
    lateness: LatenessResult | null;
    heads: BreakdownResult | null;
    /** Submissions by community digital teams; null for a unit without teams below it. */
    assisted: AssistedReport | null;
  } | null;
}

const LISTABLE = new Set<string>(LISTABLE_FIGURES);

/** The query string of a filter, with extra parameters. */
export function statsQuery(values: StatsQueryValues, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ unit: values.unit, from: values.from, to: values.to });
  if (values.field) params.set('field', values.field);
  if (values.descendants) params.set('descendants', values.descendants);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

const isoDay = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

function num(ctx: PageContext, value: number | null): string {
  return value === null ? '—' : formatNumber(ctx.locale, value);
}

function pct(ctx: PageContext, value: number | null): string {
  if (value === null) return '—';
  return `${new Intl.NumberFormat(ctx.locale === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 1 }).format(value)}%`;
}

/** A count, linked to the applications behind it on the leaders' dashboard. */
function Figure({
  ctx,
  view,
  figure,
  value,
  filter,
}: {
  ctx: PageContext;
  view: DashboardView;
  figure: keyof SummaryFigures;
  value: number | null;
  /** Overrides of the filter (a unit row links to that unit alone with its descendants). */
  filter?: Partial<StatsQueryValues>;
}) {
  const text = num(ctx, value);
  if (!view.leader || !LISTABLE.has(figure) || value === null || value === 0) return <>{text}</>;
  const values = { ...view.values, ...filter };
  return (
    <a href={`${BEHIND_PATH}?${statsQuery(values, { figure })}`}>
      {text}
      <span class="visually-hidden"> – {ctx.t(`stats.figures.${figure}`)}</span>
    </a>
  );
}

/** A horizontal bar (decorative: the number beside it is the information). */
function Bar({ value, max, part }: { value: number; max: number; part?: number }) {
  const width = max > 0 ? Math.max(0, Math.min(100, (value / max) * 100)) : 0;
  const inner = part !== undefined && max > 0 ? Math.max(0, Math.min(100, (part / max) * 100)) : null;
  return (
    <svg class="stat-bar" aria-hidden="true" focusable="false" width="100%" height="14">
      <rect class="stat-bar-total" x="0" y="1" height="12" width={`${width.toFixed(2)}%`} />
      {inner !== null ? (
        <rect class="stat-bar-part" x="0" y="1" height="12" width={`${inner.toFixed(2)}%`} />
      ) : null}
    </svg>
  );
}

function Card({ title, value, note }: { title: string; value: Child; note?: Child }) {
  return (
    <li class="card stat-card">
      <h3 class="stat-card-title">{title}</h3>
      <p class="stat-value">{value}</p>
      {note ? <p class="stat-note">{note}</p> : null}
    </li>
  );
}

function Headline({
  ctx,
  view,
  s,
  index,
}: {
  ctx: PageContext;
  view: DashboardView;
  s: Summary;
  index: ServiceIndex;
}) {
  const f = (figure: keyof SummaryFigures) => (
    <Figure ctx={ctx} view={view} figure={figure} value={s[figure]} />
  );
  const payment = s.onlinePayment;
  return (
    <section>
      <h2 id="headline-title">{ctx.t('stats.dashboard.headline')}</h2>
      <ul class="cards stat-cards">
        <Card
          title={ctx.t('stats.figures.received')}
          value={f('received')}
          note={
            <>
              {ctx.t('stats.channels.online')} {f('receivedOnline')} · {ctx.t('stats.channels.direct')}{' '}
              {f('receivedDirect')} · {ctx.t('stats.channels.postal')} {f('receivedPostal')}
            </>
          }
        />
        <Card
          title={ctx.t('stats.figures.processed')}
          value={f('processed')}
          note={
            <>
              {ctx.t('stats.figures.onTimeRate')}: {pct(ctx, s.onTimeRate)} ·{' '}
              {ctx.t('stats.figures.processedLate')}: {f('processedLate')}
            </>
          }
        />
        <Card
          title={ctx.t('stats.figures.inProcess')}
          value={f('inProcess')}
          note={
            <>
              {ctx.t('stats.figures.inProcessPastDeadline')}: {f('inProcessPastDeadline')}
            </>
          }
        />
        <Card
          title={ctx.t('stats.figures.onlineRate')}
          value={pct(ctx, s.onlineRate)}
          note={ctx.t('stats.dashboard.onlineSplit', { rate: pct(ctx, s.fullOnlineRate) })}
        />
        <Card
          title={ctx.t('stats.figures.satisfiedRate')}
          value={pct(ctx, s.satisfiedRate)}
          note={ctx.t('stats.dashboard.satisfiedSplit', { count: num(ctx, s.evaluations) })}
        />
        <Card
          title={ctx.t('stats.figures.averageHandlingDays')}
          value={
            s.averageHandlingDays === null
              ? '—'
              : ctx.t('stats.dashboard.days', {
                  days: new Intl.NumberFormat(ctx.locale === 'en' ? 'en-GB' : 'vi-VN', {
                    maximumFractionDigits: 1,
                  }).format(s.averageHandlingDays),
                })
          }
          note={ctx.t('stats.dashboard.handlingSplit', { count: num(ctx, s.processed) })}
        />
        <Card
          title={ctx.t('stats.dashboard.catalogueCard')}
          value={num(ctx, s.proceduresInRemit)}
          note={ctx.t('stats.dashboard.catalogueSplit', {
            district: num(ctx, s.proceduresDistrict),
            commune: num(ctx, s.proceduresCommune),
            vertical: num(ctx, s.proceduresVertical),
            full: num(ctx, s.proceduresFullOnline),
            partial: num(ctx, s.proceduresPartialOnline),
          })}
        />
        <Card
          title={ctx.t('stats.dashboard.indexCard')}
          value={index.score === null ? '—' : `${num(ctx, index.score)}/100`}
          note={ctx.t('stats.dashboard.indexSplit', {
            earned: num(ctx, index.earned),
            applicable: num(ctx, index.applicablePoints),
            grade: index.grade ? ctx.t(`stats.grades.${index.grade}`) : '—',
          })}
        />
        <Card
          title={ctx.t('stats.dashboard.paymentCard')}
          value={payment ? pct(ctx, payment.applicationsRate) : ctx.t('stats.dashboard.notApplicable')}
          note={
            payment
              ? ctx.t('stats.dashboard.paymentSplit', {
                  paid: num(ctx, payment.applicationsPaidOnline),
                  charged: num(ctx, payment.applicationsCharged),
                })
              : undefined
          }
        />
      </ul>
    </section>
  );
}

function Targets({
  ctx,
  targets,
}: {
  ctx: PageContext;
  targets: NonNullable<NonNullable<DashboardView['data']>['targets']>;
}) {
  return (
    <section>
      <h2 id="targets-title">{ctx.t('stats.dashboard.targetsTitle', { year: targets.year })}</h2>
      <p class="hint">{ctx.t('stats.dashboard.targetsIntro')}</p>
      <section
        class="table-wrap"
        tabindex="0"
        aria-label={ctx.t('stats.dashboard.targetsTitle', { year: targets.year })}
      >
        <table>
          <thead>
            <tr>
              <th scope="col">{ctx.t('stats.dashboard.indicator')}</th>
              <th scope="col" class="num">
                {ctx.t('stats.dashboard.target')}
              </th>
              <th scope="col" class="num">
                {ctx.t('stats.dashboard.current')}
              </th>
              <th scope="col">
                <span class="visually-hidden">{ctx.t('stats.dashboard.met')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {targets.progress
              .filter((p) => p.target !== null && p.source !== 'default')
              .map((p) => (
                <tr>
                  <th scope="row">{ctx.t(`stats.index.indicators.${p.indicator}`)}</th>
                  <td class="num">{pct(ctx, p.target)}</td>
                  <td class="num">{pct(ctx, p.value)}</td>
                  <td>
                    {p.met === null ? (
                      <span class="tag tag-grey">{ctx.t('stats.dashboard.noData')}</span>
                    ) : p.met ? (
                      <span class="tag tag-green">{ctx.t('stats.dashboard.met')}</span>
                    ) : (
                      <span class="tag tag-red">{ctx.t('stats.dashboard.notMet')}</span>
                    )}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

/** A breakdown as a table: received (with a bar, online part dark), processed, on time, late, online rate. */
function BreakdownTable({
  ctx,
  view,
  id,
  title,
  keyHeader,
  result,
  rowLabel,
  rowFilter,
  limit,
}: {
  ctx: PageContext;
  view: DashboardView;
  id: string;
  title: string;
  keyHeader: string;
  result: BreakdownResult;
  rowLabel: (row: BreakdownResult['rows'][number]) => string;
  rowFilter?: (row: BreakdownResult['rows'][number]) => Partial<StatsQueryValues> | null;
  limit?: number;
}) {
  const rows = limit ? result.rows.slice(0, limit) : result.rows;
  const max = Math.max(0, ...rows.map((r) => r.figures.received ?? 0));
  return (
    <section>
      <h2 id={`${id}-title`}>{title}</h2>
      <p class="hint">{ctx.t('stats.dashboard.chartNote')}</p>
      <section class="table-wrap" tabindex="0" aria-label={title}>
        <table class="stat-table">
          <thead>
            <tr>
              <th scope="col">{keyHeader}</th>
              <th scope="col" class="num">
                {ctx.t('stats.figures.received')}
              </th>
              <th scope="col" class="stat-bar-cell">
                <span class="visually-hidden">{ctx.t('stats.figures.received')}</span>
              </th>
              <th scope="col" class="num">
                {ctx.t('stats.figures.onlineRate')}
              </th>
              <th scope="col" class="num">
                {ctx.t('stats.figures.processed')}
              </th>
              <th scope="col" class="num">
                {ctx.t('stats.figures.onTimeRate')}
              </th>
              <th scope="col" class="num">
                {ctx.t('stats.figures.inProcessPastDeadline')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const filter = rowFilter?.(row);
              const figure = (name: keyof SummaryFigures) =>
                filter === null ? (
                  num(ctx, row.figures[name])
                ) : (
                  <Figure ctx={ctx} view={view} figure={name} value={row.figures[name]} filter={filter} />
                );
              return (
                <tr>
                  <th scope="row">{rowLabel(row)}</th>
                  <td class="num">{figure('received')}</td>
                  <td class="stat-bar-cell">
                    <Bar value={row.figures.received ?? 0} max={max} part={row.figures.receivedOnline ?? 0} />
                  </td>
                  <td class="num">{pct(ctx, row.figures.onlineRate)}</td>
                  <td class="num">{figure('processed')}</td>
                  <td class="num">{pct(ctx, row.figures.onTimeRate)}</td>
                  <td class="num">{figure('inProcessPastDeadline')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      {limit && result.rows.length > limit ? (
        <p class="hint">{ctx.t('stats.dashboard.moreFields', { count: result.rows.length - limit })}</p>
      ) : null}
    </section>
  );
}

function IndexSection({
  ctx,
  index,
  ranking,
}: {
  ctx: PageContext;
  index: ServiceIndex;
  ranking: RankingRow[];
}) {
  const name = (row: { name: string; nameEn: string }) => (ctx.locale === 'en' ? row.nameEn : row.name);
  return (
    <section>
      <h2 id="index-title">{ctx.t('stats.dashboard.indexTitle')}</h2>
      <p>
        {ctx.t('stats.dashboard.indexScore', {
          earned: num(ctx, index.earned),
          applicable: num(ctx, index.applicablePoints),
          points: num(ctx, index.points),
          score: num(ctx, index.score),
          grade: index.grade ? ctx.t(`stats.grades.${index.grade}`) : '—',
        })}
      </p>
      <section class="table-wrap" tabindex="0" aria-label={ctx.t('stats.dashboard.indexTitle')}>
        <table class="stat-table index-table">
          <thead>
            <tr>
              <th scope="col">{ctx.t('stats.dashboard.indicator')}</th>
              <th scope="col" class="num">
                {ctx.t('stats.dashboard.fraction')}
              </th>
              <th scope="col" class="num">
                {ctx.t('stats.dashboard.rate')}
              </th>
              <th scope="col" class="num">
                {ctx.t('stats.dashboard.target')}
              </th>
              <th scope="col" class="num">
                {ctx.t('stats.dashboard.earned')}
              </th>
            </tr>
          </thead>
          {index.groups.map((group) => (
            <tbody>
              <tr class="group-row">
                <th scope="colgroup" colspan="4">
                  {ctx.t(`stats.index.groups.${group.key}`)}
                </th>
                <td class="num">
                  {group.applicable ? `${num(ctx, group.earned)}/${num(ctx, group.applicablePoints)}` : '—'}
                </td>
              </tr>
              {group.indicators.map((i) => (
                <tr>
                  <th scope="row" class="indicator-name">
                    {ctx.t(`stats.index.indicators.${i.key}`)}
                    {i.applicable || i.kind === 'measure' ? null : (
                      <span class="hint stat-reason">
                        {ctx.t(
                          i.reason === 'no_denominator'
                            ? 'stats.dashboard.noDenominator'
                            : 'stats.dashboard.notApplicableReason',
                        )}
                      </span>
                    )}
                  </th>
                  <td class="num">
                    {i.numerator === null || i.denominator === null
                      ? '—'
                      : `${num(ctx, i.numerator)}/${num(ctx, i.denominator)}`}
                  </td>
                  <td class="num">
                    {i.kind === 'measure'
                      ? i.value === null
                        ? '—'
                        : ctx.t('stats.dashboard.days', { days: num(ctx, i.value) })
                      : pct(ctx, i.value)}
                  </td>
                  <td class="num">{i.kind === 'measure' ? '' : pct(ctx, i.target)}</td>
                  <td class="num">
                    {i.points === 0
                      ? ''
                      : i.earned === null
                        ? '—'
                        : `${num(ctx, i.earned)}/${num(ctx, i.points)}`}
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </section>
      <h2 id="ranking-title">{ctx.t('stats.dashboard.rankingTitle')}</h2>
      {ranking.length === 0 ? (
        <p>{ctx.t('stats.dashboard.noRanking')}</p>
      ) : (
        <section class="table-wrap" tabindex="0" aria-label={ctx.t('stats.dashboard.rankingTitle')}>
          <table class="stat-table">
            <thead>
              <tr>
                <th scope="col" class="num">
                  {ctx.t('stats.dashboard.rank')}
                </th>
                <th scope="col">{ctx.t('stats.dashboard.unit')}</th>
                <th scope="col" class="num">
                  {ctx.t('stats.dashboard.score')}
                </th>
                <th scope="col">{ctx.t('stats.dashboard.grade')}</th>
              </tr>
            </thead>
            <tbody>
              {ranking.map((row) => (
                <tr>
                  <td class="num">{row.rank}</td>
                  <th scope="row">{name(row)}</th>
                  <td class="num">{num(ctx, row.score)}</td>
                  <td>{row.grade ? ctx.t(`stats.grades.${row.grade}`) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}

function CountTable({
  ctx,
  caption,
  header,
  countHeader,
  rows,
}: {
  ctx: PageContext;
  caption: string;
  header: string;
  /** What the numbers count; late applications unless told. */
  countHeader?: string;
  rows: { label: string; href?: string; count: number }[];
}) {
  const max = Math.max(0, ...rows.map((r) => r.count));
  const counting = countHeader ?? ctx.t('stats.dashboard.lateCount');
  return (
    <section class="table-wrap" tabindex="0" aria-label={caption}>
      <table class="stat-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{header}</th>
            <th scope="col" class="num">
              {counting}
            </th>
            <th scope="col" class="stat-bar-cell">
              <span class="visually-hidden">{counting}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <th scope="row">{row.href ? <a href={row.href}>{row.label}</a> : row.label}</th>
              <td class="num">{num(ctx, row.count)}</td>
              <td class="stat-bar-cell">
                <Bar value={row.count} max={max} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Applications submitted by community digital teams: per ward or commune, the busiest teams and (leaders) members. */
function AssistedSection({
  ctx,
  leader,
  report,
  online,
}: {
  ctx: PageContext;
  leader: boolean;
  report: AssistedReport;
  online: number | null;
}) {
  const title = ctx.t('stats.assisted.title');
  const max = Math.max(0, ...report.units.map((u) => u.assisted));
  return (
    <section>
      <h2 id="assisted-title">{title}</h2>
      <p>
        {ctx.t('stats.assisted.lead', {
          total: num(ctx, report.total),
          share: pct(ctx, online ? (100 * report.total) / online : null),
          activeTeams: num(ctx, report.activeTeams),
          teams: num(ctx, report.teams),
          activeMembers: num(ctx, report.activeMembers),
          members: num(ctx, report.members),
        })}
      </p>
      <section class="table-wrap" tabindex="0" aria-label={ctx.t('stats.assisted.byUnit')}>
        <table class="stat-table">
          <caption>{ctx.t('stats.assisted.byUnit')}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t('stats.dashboard.unit')}</th>
              <th scope="col" class="num">
                {ctx.t('stats.assisted.teams')}
              </th>
              <th scope="col" class="num">
                {ctx.t('stats.assisted.members')}
              </th>
              <th scope="col" class="num">
                {ctx.t('stats.assisted.count')}
              </th>
              <th scope="col" class="stat-bar-cell">
                <span class="visually-hidden">{ctx.t('stats.assisted.count')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {report.units.map((u) => (
              <tr>
                <th scope="row">{ctx.locale === 'en' ? u.nameEn : u.name}</th>
                <td class="num">{num(ctx, u.teams)}</td>
                <td class="num">{num(ctx, u.members)}</td>
                <td class="num">{num(ctx, u.assisted)}</td>
                <td class="stat-bar-cell">
                  <Bar value={u.assisted} max={max} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {report.topTeams.length > 0 ? (
        <CountTable
          ctx={ctx}
          caption={ctx.t('stats.assisted.topTeams', { count: report.topTeams.length })}
          header={ctx.t('stats.assisted.team')}
          countHeader={ctx.t('stats.assisted.count')}
          rows={report.topTeams.map((t) => ({
            label: `${t.teamName} (${ctx.locale === 'en' ? t.unitNameEn : t.unitName})`,
            href: `${TEAMS_PATH}/${encodeURIComponent(t.teamCode)}`,
            count: t.count,
          }))}
        />
      ) : null}
      {leader && report.topMembers.length > 0 ? (
        <CountTable
          ctx={ctx}
          caption={ctx.t('stats.assisted.topMembers', { count: report.topMembers.length })}
          header={ctx.t('stats.assisted.member')}
          countHeader={ctx.t('stats.assisted.count')}
          rows={report.topMembers.map((m) => ({ label: `${m.fullName} (${m.teamName})`, count: m.count }))}
        />
      ) : null}
      <p>
        <a href={TEAMS_PATH}>{ctx.t('stats.assisted.registryLink')}</a>
      </p>
    </section>
  );
}

function LatenessSection({
  ctx,
  lateness,
  heads,
}: {
  ctx: PageContext;
  lateness: LatenessResult;
  heads: BreakdownResult | null;
}) {
  const name = (row: { name: string; nameEn: string }) => (ctx.locale === 'en' ? row.nameEn : row.name);
  return (
    <section>
      <h2 id="lateness-title">{ctx.t('stats.dashboard.latenessTitle')}</h2>
      <p class="hint">{ctx.t('stats.dashboard.latenessIntro')}</p>
      {lateness.total === 0 ? (
        <p>{ctx.t('stats.dashboard.noLate')}</p>
      ) : (
        <>
          <CountTable
            ctx={ctx}
            caption={ctx.t('stats.dashboard.step')}
            header={ctx.t('stats.dashboard.step')}
            rows={lateness.byStep.map((s) => ({ label: ctx.t(`stats.steps.${s.step}`), count: s.count }))}
          />
          <CountTable
            ctx={ctx}
            caption={ctx.t('stats.dashboard.agency')}
            header={ctx.t('stats.dashboard.agency')}
            rows={lateness.byAgency
              .filter((a) => a.count > 0)
              .map((a) => ({ label: name(a), count: a.count }))}
          />
          {lateness.byOfficer ? (
            <CountTable
              ctx={ctx}
              caption={ctx.t('stats.dashboard.officer')}
              header={ctx.t('stats.dashboard.officer')}
              rows={lateness.byOfficer.map((o) => ({ label: o.name, count: o.count }))}
            />
          ) : null}
        </>
      )}
      {heads && heads.rows.length > 0 ? (
        <section class="table-wrap" tabindex="0" aria-label={ctx.t('stats.dashboard.headsTitle')}>
          <table class="stat-table">
            <caption>{ctx.t('stats.dashboard.headsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('stats.dashboard.head')}</th>
                <th scope="col" class="num">
                  {ctx.t('stats.figures.processed')}
                </th>
                <th scope="col" class="num">
                  {ctx.t('stats.figures.processedLate')}
                </th>
                <th scope="col" class="num">
                  {ctx.t('stats.figures.inProcessPastDeadline')}
                </th>
                <th scope="col" class="num">
                  {ctx.t('stats.figures.onTimeRate')}
                </th>
              </tr>
            </thead>
            <tbody>
              {heads.rows.map((row) => (
                <tr>
                  <th scope="row">{row.label}</th>
                  <td class="num">{num(ctx, row.figures.processed)}</td>
                  <td class="num">{num(ctx, row.figures.processedLate)}</td>
                  <td class="num">{num(ctx, row.figures.inProcessPastDeadline)}</td>
                  <td class="num">{pct(ctx, row.figures.onTimeRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </section>
  );
}

/** The tables a visitor can download; personal ones only on the leaders' dashboard. */
const PUBLIC_TABLES = [
  'summary',
  'month',
  'unit',
  'agency',
  'field',
  'procedure',
  'channel',
  'index',
  'ranking',
  'teams',
];
const LEADER_TABLES = ['step', 'officer', 'head', 'members'];

function Downloads({ ctx, view }: { ctx: PageContext; view: DashboardView }) {
  const tables = view.leader ? [...PUBLIC_TABLES, ...LEADER_TABLES] : PUBLIC_TABLES;
  return (
    <section>
      <h2 id="downloads-title">{ctx.t('stats.dashboard.downloads')}</h2>
      <p class="hint">{ctx.t('stats.dashboard.downloadsIntro')}</p>
      <p>
        <a class="button button-secondary" href={`${REPORT_PATH}?${statsQuery(view.values)}`}>
          {ctx.t('stats.dashboard.report')}
        </a>
      </p>
      <ul class="download-list">
        {tables.map((table) => (
          <li>
            <span>{ctx.t(`stats.dashboard.tables.${table}`)}</span>{' '}
            <a href={`${EXPORT_PATH}?${statsQuery(view.values, { table, format: 'xlsx' })}`}>
              XLSX<span class="visually-hidden"> – {ctx.t(`stats.dashboard.tables.${table}`)}</span>
            </a>{' '}
            ·{' '}
            <a href={`${EXPORT_PATH}?${statsQuery(view.values, { table, format: 'csv' })}`}>
              CSV<span class="visually-hidden"> – {ctx.t(`stats.dashboard.tables.${table}`)}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function FilterForm({ ctx, view }: { ctx: PageContext; view: DashboardView }) {
  const errors = view.errors;
  const field = (name: 'from' | 'to') => {
    const id = `field-${name}`;
    const error = errors?.[name];
    return (
      <div class={error ? 'field field-error' : 'field'}>
        <label for={id}>{ctx.t(`stats.dashboard.${name}`)}</label>
        <p class="hint" id={`${id}-hint`}>
          {ctx.t('stats.dashboard.dateHint')}
        </p>
        {error ? (
          <p class="error-message" id={`${id}-error`}>
            <span class="visually-hidden">{ctx.t('common.errorPrefix')}</span>{' '}
            {ctx.t(error.key, error.params)}
          </p>
        ) : null}
        <input
          id={id}
          name={name}
          type="date"
          value={view.values[name]}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          aria-invalid={error ? 'true' : undefined}
        />
      </div>
    );
  };
  const unitError = errors?.unit;
  return (
    <form method="get" action={view.leader ? DASHBOARD_PATH : TRANSPARENCY_PATH} class="stat-filter">
      <fieldset>
        <legend>{ctx.t('stats.dashboard.choose')}</legend>
        <div class="filter-grid">
          <div class={unitError ? 'field field-error field-wide' : 'field field-wide'}>
            <label for="field-unit">{ctx.t('stats.dashboard.unit')}</label>
            {unitError ? (
              <p class="error-message" id="field-unit-error">
                <span class="visually-hidden">{ctx.t('common.errorPrefix')}</span>{' '}
                {ctx.t(unitError.key, unitError.params)}
              </p>
            ) : null}
            <select
              id="field-unit"
              name="unit"
              aria-describedby={unitError ? 'field-unit-error' : undefined}
              aria-invalid={unitError ? 'true' : undefined}
            >
              {view.units.map((u) => (
                <option value={u.code} selected={u.code === view.values.unit}>
                  {`${'\u00a0\u00a0'.repeat(u.depth)}${ctx.locale === 'en' ? u.nameEn : u.name}`}
                </option>
              ))}
            </select>
          </div>
          {field('from')}
          {field('to')}
        </div>
        <button type="submit" class="button">
          {ctx.t('stats.dashboard.show')}
        </button>
      </fieldset>
    </form>
  );
}

export function DashboardPage({ ctx, view }: { ctx: PageContext; view: DashboardView }) {
  const title = ctx.t(view.leader ? 'stats.dashboard.leaderTitle' : 'stats.dashboard.title');
  const data = view.data;
  const unitName = (row: { label: string; labelEn: string }) =>
    ctx.locale === 'en' ? row.labelEn : row.label;
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumbs items={[{ href: '/', label: ctx.t('nav.home') }, { label: title }]} />
      <ErrorSummary ctx={ctx} errors={view.errors} />
      <h1>{title}</h1>
      {data ? (
        <p class="lead">
          {ctx.locale === 'en' ? data.summary.unitNameEn : data.summary.unitName} ·{' '}
          {ctx.t('stats.dashboard.period', { from: isoDay(data.summary.from), to: isoDay(data.summary.to) })}
        </p>
      ) : null}
      <p>{ctx.t(view.leader ? 'stats.dashboard.leaderIntro' : 'stats.dashboard.intro')}</p>
      <p>
        {view.leader ? (
          <a href={`${TRANSPARENCY_PATH}?${statsQuery(view.values)}`}>
            {ctx.t('stats.dashboard.transparencyLink')}
          </a>
        ) : ctx.actor?.grants.some((g) => g.role !== 'citizen' && g.role !== 'team_member') ? (
          <a href={`${DASHBOARD_PATH}?${statsQuery(view.values)}`}>{ctx.t('stats.dashboard.leaderLink')}</a>
        ) : null}
      </p>
      <FilterForm ctx={ctx} view={view} />
      {data ? (
        <>
          <p class="hint">
            {ctx.t('stats.dashboard.asOf', {
              moment: `${formatDateTime(data.summary.asOf)}`,
            })}
          </p>
          <Headline ctx={ctx} view={view} s={data.summary} index={data.index} />
          {data.targets?.progress.some((p) => p.target !== null && p.source !== 'default') ? (
            <Targets ctx={ctx} targets={data.targets} />
          ) : null}
          <BreakdownTable
            ctx={ctx}
            view={view}
            id="by-month"
            title={ctx.t('stats.dashboard.byMonth')}
            keyHeader={ctx.t('stats.dashboard.month')}
            result={data.byMonth}
            rowLabel={(row) => `${row.key.slice(5, 7)}/${row.key.slice(0, 4)}`}
            rowFilter={(row) => {
              const first = `${row.key}-01`;
              const last = lastDayOfMonth(row.key);
              return {
                from: first < view.values.from ? view.values.from : first,
                to: last > view.values.to ? view.values.to : last,
              };
            }}
          />
          <BreakdownTable
            ctx={ctx}
            view={view}
            id="by-unit"
            title={ctx.t('stats.dashboard.byUnit')}
            keyHeader={ctx.t('stats.dashboard.unit')}
            result={data.byUnit}
            rowLabel={unitName}
            // The first row is the unit's own work, without the units below.
            rowFilter={(row) => (row.key === view.values.unit ? { descendants: 'false' } : { unit: row.key })}
          />
          <BreakdownTable
            ctx={ctx}
            view={view}
            id="by-field"
            title={ctx.t('stats.dashboard.byField')}
            keyHeader={ctx.t('stats.dashboard.field')}
            result={data.byField}
            rowLabel={unitName}
            rowFilter={(row) => ({ field: row.key })}
            limit={15}
          />
          <IndexSection ctx={ctx} index={data.index} ranking={data.ranking} />
          {data.assisted ? (
            <AssistedSection
              ctx={ctx}
              leader={view.leader}
              report={data.assisted}
              online={data.summary.receivedOnline}
            />
          ) : null}
          {data.lateness ? <LatenessSection ctx={ctx} lateness={data.lateness} heads={data.heads} /> : null}
          <Downloads ctx={ctx} view={view} />
        </>
      ) : null}
    </Layout>
  );
}

function lastDayOfMonth(month: string): string {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}
