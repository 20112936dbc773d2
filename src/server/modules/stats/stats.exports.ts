// Every statistics table as a downloadable Table (../../export/table.ts): the summary, the service
// index, the ranking, the progress towards the year's targets, and each breakdown. The figures come
// from the same service functions and presenters as the JSON API, so a download and the API agree;
// the labels are in the reader's language. Officer and head breakdowns name people: `breakdown`
// refuses them to anyone but staff of the unit (or above), and so do the downloads.
import { vietnamDate } from '../../../shared/clock.js';
import { formatDateTime, type Locale, translate } from '../../../shared/i18n/index.js';
import {
  type Breakdown,
  COUNT_FIGURES,
  type CountFigure,
  MEASURE_FIGURES,
  type MeasureFigure,
  RATE_FIGURES,
  type RateFigure,
  STATS_PAGE_SIZE_MAX,
  type SummaryFigures,
} from '../../../shared/stats/definitions.js';
import {
  type ExportFormat,
  type ExportTable,
  isBreakdownTable,
  isPersonalTable,
} from '../../../shared/stats/export-schema.js';
import type { Actor, AppDeps } from '../../context.js';
import type { Cell, ColumnKind, Table, TableColumn, TypedCell } from '../../export/table.js';
import { assistedInPeriod } from './stats.assisted.js';
import { presentBreakdown, presentIndex, presentProgress, presentRanking } from './stats.presenter.js';
import {
  type BreakdownResult,
  breakdown,
  checkPeriod,
  getTargets,
  ranking,
  type StatsFilter,
  serviceIndex,
  statsHeader,
  summary,
  targetProgress,
} from './stats.service.js';

export type Figure = CountFigure | RateFigure | MeasureFigure;
type T = (key: string, params?: Record<string, string | number>) => string;

/**
 * The columns of the standard results table (as in the reporting forms: to handle, of which carried
 * over and received, processed early, on time and late, in process within and past the deadline).
 */
export const MAIN_FIGURES = [
  'toHandle',
  'carriedOver',
  'received',
  'receivedOnline',
  'processed',
  'processedEarly',
  'processedOnTime',
  'processedLate',
  'inProcess',
  'inProcessWithinDeadline',
  'inProcessPastDeadline',
  'wentLate',
  'returned',
  'onlineRate',
  'onTimeRate',
  'handledOnTimeRate',
  'averageHandlingDays',
] as const satisfies readonly Figure[];

/** The figures each breakdown's table shows: the main ones, or those its rows have. */
export const BREAKDOWN_FIGURES: Record<Breakdown, readonly Figure[]> = {
  month: MAIN_FIGURES,
  unit: MAIN_FIGURES,
  agency: MAIN_FIGURES,
  field: MAIN_FIGURES,
  procedure: MAIN_FIGURES,
  channel: MAIN_FIGURES,
  head: MAIN_FIGURES,
  // Only where applications went late is known per step.
  step: ['wentLate'],
  officer: [
    'received',
    'assigned',
    'processed',
    'processedWithinDeadline',
    'processedLate',
    'onTimeRate',
    'returned',
    'wentLate',
    'evaluations',
    'evaluationsNotSatisfied',
    'satisfiedRate',
    'feedbackReceived',
  ],
};

/** How a figure reads: counts whole, rates in percent, days with two decimals. */
export function figureKind(figure: Figure): ColumnKind {
  if ((RATE_FIGURES as readonly string[]).includes(figure)) return 'percent';
  if ((MEASURE_FIGURES as readonly string[]).includes(figure)) return 'decimal';
  return 'int';
}

const typed = (value: number | null, kind: ColumnKind): TypedCell => ({ value, kind });

/** A statistics table, and what its file is named after. */
export interface StatsExport {
  table: Table;
  unit: string;
  from: string;
  to: string;
  /** Names people: never cached, never shared. */
  personal: boolean;
}

interface Header {
  unit: string;
  unitName: string;
  unitNameEn: string;
  includeDescendants: boolean;
  from: string;
  to: string;
  asOf: Date;
  procedureCode: string | null;
  field: string | null;
  channel: 'online' | 'direct' | 'postal' | null;
}

/** 'YYYY-MM-DD' as dd/MM/yyyy. */
export const dayText = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** The lines under a table's title: unit, period, filters, as of when. */
export function headerNotes(header: Header, locale: Locale, t: T): string[] {
  const unit = locale === 'en' ? header.unitNameEn : header.unitName;
  return [
    t(header.includeDescendants ? 'statsExport.notes.withDescendants' : 'statsExport.notes.unit', {
      unit,
      code: header.unit,
    }),
    t('statsExport.notes.period', { from: dayText(header.from), to: dayText(header.to) }),
    ...(header.procedureCode ? [t('statsExport.notes.procedure', { procedure: header.procedureCode })] : []),
    ...(header.field ? [t('statsExport.notes.field', { field: header.field })] : []),
    ...(header.channel
      ? [t('statsExport.notes.channel', { channel: t(`stats.channels.${header.channel}`) })]
      : []),
    t('statsExport.notes.asOf', { moment: formatDateTime(header.asOf) }),
  ];
}

function generatedNote(deps: AppDeps, locale: Locale, t: T): string {
  return t('statsExport.notes.generated', {
    moment: formatDateTime(deps.clock.now()),
    site: deps.config.siteName[locale],
  });
}

/** Every row of a breakdown, page after page (the service answers at most 100 rows at a time). */
export async function allBreakdownRows(
  deps: AppDeps,
  actor: Actor | null,
  input: StatsFilter & { by: Breakdown },
): Promise<BreakdownResult> {
  const first = await breakdown(deps, actor, { ...input, page: 1, pageSize: STATS_PAGE_SIZE_MAX });
  const rows = [...first.rows];
  for (let page = 2; rows.length < first.total; page++) {
    const next = await breakdown(deps, actor, { ...input, page, pageSize: STATS_PAGE_SIZE_MAX });
    if (next.rows.length === 0) break;
    rows.push(...next.rows);
  }
  return { ...first, rows, page: 1, pageSize: rows.length };
}

/** The label columns of a breakdown: a code and a name, or a name alone. */
function labelColumns(by: Breakdown, t: T): TableColumn[] {
  const text = (key: string): TableColumn => ({ header: t(`statsExport.columns.${key}`), kind: 'text' });
  switch (by) {
    case 'unit':
    case 'agency':
    case 'procedure':
      return [text('code'), text(by)];
    case 'officer':
    case 'head':
      return [text('username'), text(by)];
    case 'month':
    case 'field':
    case 'channel':
    case 'step':
      return [text(by)];
  }
}

/** A breakdown as a table: its label columns, then the chosen figures. */
export function breakdownTable(
  result: BreakdownResult,
  figures: readonly Figure[],
  locale: Locale,
  t: T,
  notes: string[] = [],
): Table {
  const presented = presentBreakdown(result, locale, t);
  const label = (row: { key: string; label: string }): string[] => {
    switch (result.by) {
      case 'unit':
      case 'agency':
      case 'procedure':
      case 'officer':
      case 'head':
        return [row.key, row.label];
      case 'month':
        return [t('statsExport.month', { month: row.key.slice(5, 7), year: row.key.slice(0, 4) })];
      case 'field':
      case 'channel':
      case 'step':
        return [row.label];
    }
  };
  return {
    title: t(`statsExport.tables.${result.by}`),
    notes: [
      ...headerNotes(result.header, locale, t),
      ...(isPersonalTable(result.by) ? [t('statsExport.notes.personal')] : []),
      ...notes,
    ],
    columns: [
      ...labelColumns(result.by, t),
      ...figures.map((f): TableColumn => ({ header: t(`stats.figures.${f}`), kind: figureKind(f) })),
    ],
    rows: presented.rows.map((row) => [
      ...label(row),
      ...figures.map((f) => (row.figures as SummaryFigures)[f]),
    ]),
  };
}

/** The figures of the summary in the order of the definitions, with the online payment ones when there are. */
function summaryRows(s: Awaited<ReturnType<typeof summary>>, t: T): Cell[][] {
  const figure = (key: Figure): Cell[] => [key, t(`stats.figures.${key}`), typed(s[key], figureKind(key))];
  const rows: Cell[][] = [
    // Assigned is a figure of officers only.
    ...COUNT_FIGURES.filter((f) => f !== 'assigned').map(figure),
    ...RATE_FIGURES.map(figure),
    ...MEASURE_FIGURES.map(figure),
  ];
  const p = s.onlinePayment;
  if (p) {
    const payment = (key: string, name: string, value: number | null, kind: ColumnKind): Cell[] => [
      `onlinePayment.${key}`,
      t(`statsExport.figures.${name}`),
      typed(value, kind),
    ];
    rows.push(
      payment('proceduresCharging', 'proceduresCharging', p.proceduresCharging, 'int'),
      payment('proceduresPaidOnline', 'proceduresPaidOnline', p.proceduresPaidOnline, 'int'),
      payment('proceduresRate', 'proceduresPaidOnlineRate', p.proceduresRate, 'percent'),
      payment('applicationsCharged', 'applicationsCharged', p.applicationsCharged, 'int'),
      payment('applicationsPaidOnline', 'applicationsPaidOnline', p.applicationsPaidOnline, 'int'),
      payment('applicationsRate', 'applicationsPaidOnlineRate', p.applicationsRate, 'percent'),
    );
  }
  return rows;
}

export interface StatsExportInput extends StatsFilter {
  table: ExportTable;
}

/**
 * One statistics table, ready to write as XLSX or CSV. Aggregates are public; the officer and head
 * breakdowns need staff of the unit or above (401 signed out, 403 otherwise, from `breakdown`).
 */
export async function buildStatsTable(
  deps: AppDeps,
  actor: Actor | null,
  input: StatsExportInput,
  locale: Locale,
): Promise<StatsExport> {
  const t: T = (key, params) => translate(locale, key, params);
  const { table: kind, ...filter } = input;
  const generated = generatedNote(deps, locale, t);
  const col = (key: string, columnKind: ColumnKind): TableColumn => ({
    header: t(`statsExport.columns.${key}`),
    kind: columnKind,
  });

  if (isBreakdownTable(kind)) {
    const result = await allBreakdownRows(deps, actor, { ...filter, by: kind });
    return {
      table: breakdownTable(result, BREAKDOWN_FIGURES[kind], locale, t, [generated]),
      unit: result.header.unit,
      from: result.header.from,
      to: result.header.to,
      personal: isPersonalTable(kind),
    };
  }

  switch (kind) {
    case 'summary': {
      const s = await summary(deps, filter);
      return {
        table: {
          title: t('statsExport.tables.summary'),
          notes: [...headerNotes(s, locale, t), generated],
          columns: [col('figureKey', 'text'), col('figure', 'text'), col('value', 'decimal')],
          rows: summaryRows(s, t),
        },
        unit: s.unit,
        from: s.from,
        to: s.to,
        personal: false,
      };
    }
    case 'index': {
      const index = await serviceIndex(deps, filter);
      const presented = presentIndex(index, locale, t);
      const rows: Cell[][] = presented.groups.flatMap((group) =>
        group.indicators.map((i): Cell[] => [
          group.name,
          i.name,
          typed(i.numerator, i.kind === 'measure' ? 'decimal' : 'int'),
          typed(i.denominator, 'int'),
          typed(i.rate, i.kind === 'measure' ? 'decimal' : 'percent'),
          typed(i.target, 'percent'),
          typed(i.points, 'int'),
          typed(i.earned, 'decimal'),
          i.reason
            ? t(`statsExport.reasons.${i.reason}`)
            : i.kind === 'measure'
              ? t('statsExport.reasons.measure')
              : null,
        ]),
      );
      const score =
        index.score === null
          ? t('statsExport.report.noScore')
          : t('statsExport.report.score', {
              earned: index.earned,
              applicable: index.applicablePoints,
              score: index.score,
              grade: presented.gradeName ?? '',
            });
      return {
        table: {
          title: t('statsExport.tables.index'),
          notes: [...headerNotes(index.header, locale, t), score, generated],
          columns: [
            col('group', 'text'),
            col('indicator', 'text'),
            col('numerator', 'int'),
            col('denominator', 'int'),
            col('rate', 'percent'),
            col('target', 'percent'),
            col('points', 'int'),
            col('earned', 'decimal'),
            col('note', 'text'),
          ],
          rows,
          totals: [
            t('statsExport.report.total'),
            null,
            null,
            null,
            null,
            null,
            typed(index.points, 'int'),
            typed(index.earned, 'decimal'),
            score,
          ],
        },
        unit: index.header.unit,
        from: index.header.from,
        to: index.header.to,
        personal: false,
      };
    }
    case 'ranking': {
      const result = await ranking(deps, filter);
      const presented = presentRanking(result, locale, t);
      return {
        table: {
          title: t('statsExport.tables.ranking'),
          notes: [...headerNotes(result.header, locale, t), generated],
          columns: [
            col('rank', 'int'),
            col('code', 'text'),
            col('unit', 'text'),
            col('earned', 'decimal'),
            col('applicablePoints', 'int'),
            col('score', 'decimal'),
            col('grade', 'text'),
          ],
          rows: presented.rows.map((r) => [
            r.rank,
            r.unit,
            r.name,
            r.earned,
            r.applicablePoints,
            r.score,
            r.gradeName,
          ]),
        },
        unit: result.header.unit,
        from: result.header.from,
        to: result.header.to,
        personal: false,
      };
    }
    case 'targets': {
      // The year of the period's end (today's, for a period reaching past it), as the index reads targets.
      const now = deps.clock.now();
      const period = checkPeriod(filter, now);
      const today = vietnamDate(now);
      const year = Number([period.to, today].sort()[0]!.slice(0, 4));
      const [progress, targets] = await Promise.all([
        targetProgress(deps, { unit: filter.unit, year }),
        getTargets(deps, { unit: filter.unit, year }),
      ]);
      const presented = presentProgress(progress, t);
      const unitName = locale === 'en' ? targets.unitNameEn : targets.unitName;
      return {
        table: {
          title: t('statsExport.tables.targets', { year }),
          notes: [
            t('statsExport.notes.withDescendants', { unit: unitName, code: progress.unit }),
            t('statsExport.notes.year', { from: dayText(progress.from), to: dayText(progress.to) }),
            generated,
          ],
          columns: [
            col('code', 'text'),
            col('indicator', 'text'),
            col('target', 'percent'),
            col('source', 'text'),
            col('progress', 'percent'),
            col('numerator', 'int'),
            col('denominator', 'int'),
            col('met', 'text'),
          ],
          rows: presented.progress.map((p) => [
            p.indicator,
            p.name,
            p.target,
            t(`statsExport.sources.${p.source}`),
            p.rate,
            p.numerator,
            p.denominator,
            t(`statsExport.met.${p.met === null ? 'unknown' : p.met ? 'yes' : 'no'}`),
          ]),
        },
        unit: progress.unit,
        from: progress.from,
        to: progress.to,
        personal: false,
      };
    }
    case 'teams':
    case 'members': {
      const personal = kind === 'members';
      const head = await statsHeader(deps, actor, { ...filter, staffOnly: personal });
      const report = await assistedInPeriod(deps, {
        unit: head.unit,
        from: head.from,
        to: head.to,
        top: Number.POSITIVE_INFINITY,
      });
      const notes = [
        ...headerNotes(head, locale, t),
        ...(personal ? [t('statsExport.notes.personal')] : []),
        generated,
      ];
      const unitName = (code: string, name: string, nameEn: string) =>
        `${locale === 'en' ? nameEn : name} (${code})`;
      const table: Table = personal
        ? {
            title: t('statsExport.tables.members'),
            notes,
            columns: [
              col('member', 'text'),
              col('team', 'text'),
              col('teamName', 'text'),
              col('assisted', 'int'),
            ],
            rows: (report?.topMembers ?? []).map((m) => [m.fullName, m.teamCode, m.teamName, m.count]),
          }
        : {
            title: t('statsExport.tables.teams'),
            notes,
            columns: [
              col('team', 'text'),
              col('teamName', 'text'),
              col('unit', 'text'),
              col('assisted', 'int'),
            ],
            rows: (report?.topTeams ?? []).map((team) => [
              team.teamCode,
              team.teamName,
              unitName(team.unitCode, team.unitName, team.unitNameEn),
              team.count,
            ]),
          };
      return { table, unit: head.unit, from: head.from, to: head.to, personal };
    }
  }
}

const safe = (text: string) => text.replace(/[^0-9A-Za-z.-]/g, '-');

/** thong-ke-123-2025-01-01-2025-06-30-unit.xlsx */
export function exportFileName(result: StatsExport, table: ExportTable, format: ExportFormat): string {
  return `thong-ke-${safe(result.unit)}-${result.from}-${result.to}-${table}.${format}`;
}
