// Báo cáo kết quả giải quyết thủ tục hành chính: a unit's report for a period as PDF, on the national
// header of the official slips (../../pdf/document.ts): the headline figures, the service index by
// group with its points and grade, and the results by unit and by month. Tables run across pages
// with their header repeated (../../export/pdf-table.ts). Public, like the figures it is made of.
import { formatDateTime, type Locale, translate } from '../../../shared/i18n/index.js';
import type { AppDeps } from '../../context.js';
import { drawTable } from '../../export/pdf-table.js';
import type { Cell, Table } from '../../export/table.js';
import { createSlip, MARGINS } from '../../pdf/document.js';
import { allBreakdownRows, breakdownTable, dayText, type Figure, figureKind } from './stats.exports.js';
import { presentIndex } from './stats.presenter.js';
import { type StatsFilter, serviceIndex, summary } from './stats.service.js';

type T = (key: string, params?: Record<string, string | number>) => string;

/** The headline figures, in the order a reader asks for them. */
export const HEADLINE_FIGURES = [
  'toHandle',
  'carriedOver',
  'received',
  'receivedOnline',
  'onlineRate',
  'processed',
  'processedWithinDeadline',
  'processedLate',
  'onTimeRate',
  'inProcess',
  'inProcessPastDeadline',
  'returned',
  'electronicResultRate',
  'averageHandlingDays',
  'evaluations',
  'satisfiedRate',
  'feedbackReceived',
  'feedbackOnTimeRate',
] as const satisfies readonly Figure[];

/** The columns of the tables by unit and by month: narrow enough for A4 portrait. */
export const REPORT_TABLE_FIGURES = [
  'toHandle',
  'carriedOver',
  'received',
  'processed',
  'processedWithinDeadline',
  'processedLate',
  'inProcess',
  'inProcessPastDeadline',
  'onTimeRate',
] as const satisfies readonly Figure[];

const ADMINISTRATIVE_TYPES =
  /(?:^|\s)(?:tỉnh|thành phố|thị xã|huyện|quận|phường|xã|thị trấn|đặc khu)\s+(.+)$/iu;

/** "Mộc Châu" of "Ủy ban nhân dân thị xã Mộc Châu": the place in "Mộc Châu, ngày … tháng … năm …". */
export function placeOf(siteName: string): string {
  return ADMINISTRATIVE_TYPES.exec(siteName.normalize('NFC'))?.[1]?.trim() ?? siteName;
}

/** Starts a new page unless `points` are left above the bottom margin. */
function keep(doc: PDFKit.PDFDocument, points: number): void {
  if (doc.y + points > doc.page.height - MARGINS.bottom) doc.addPage();
}

export interface StatsReport {
  pdf: Buffer;
  unit: string;
  from: string;
  to: string;
}

/** The report of a unit over a period, as PDF, in `locale` (Vietnamese unless asked otherwise). */
export async function buildStatsReport(
  deps: AppDeps,
  input: { filter: StatsFilter; locale?: Locale },
): Promise<StatsReport> {
  const locale = input.locale ?? 'vi';
  const t: T = (key, params) => translate(locale, key, params);
  // The summary checks the filter first, so a bad one fails once, before the other reads.
  const figures = await summary(deps, input.filter);
  const [index, byUnit, byMonth] = await Promise.all([
    serviceIndex(deps, input.filter),
    allBreakdownRows(deps, null, { ...input.filter, by: 'unit' }),
    allBreakdownRows(deps, null, { ...input.filter, by: 'month' }),
  ]);
  const unitName = locale === 'en' ? figures.unitNameEn : figures.unitName;
  const title = t('statsExport.report.title');
  const siteName = deps.config.siteName[locale];

  const slip = createSlip({
    issuer: { name: siteName.toLocaleUpperCase('vi') },
    place: placeOf(deps.config.siteName.vi),
    date: deps.clock.now(),
    title: title.toLocaleUpperCase(locale),
    subtitle: t(
      figures.includeDescendants ? 'statsExport.report.unitWithDescendants' : 'statsExport.report.unit',
      {
        unit: unitName,
      },
    ),
    metadata: {
      title,
      subject: t('statsExport.report.subject', {
        unit: unitName,
        from: dayText(figures.from),
        to: dayText(figures.to),
      }),
      author: siteName,
    },
  });
  const doc = slip.doc;
  slip.paragraph(t('statsExport.report.period', { from: dayText(figures.from), to: dayText(figures.to) }), {
    align: 'center',
  });
  // The filters and the moment the figures describe, as in the downloads' notes (less the unit and period).
  const notes = [
    ...(figures.procedureCode
      ? [t('statsExport.notes.procedure', { procedure: figures.procedureCode })]
      : []),
    ...(figures.field ? [t('statsExport.notes.field', { field: figures.field })] : []),
    ...(figures.channel
      ? [t('statsExport.notes.channel', { channel: t(`stats.channels.${figures.channel}`) })]
      : []),
  ];
  for (const note of notes) slip.paragraph(note, { align: 'center' });
  slip.space(0.5);

  const section = (heading: string) => {
    // A heading keeps the table's header and first rows with it.
    keep(doc, 90);
    slip.space(0.4).heading(heading);
    doc.moveDown(0.3);
  };

  // I. The headline figures.
  section(t('statsExport.report.headline'));
  const headline: Table = {
    title: t('statsExport.report.headline'),
    columns: [
      { header: t('statsExport.columns.figure'), kind: 'text' },
      { header: t('statsExport.columns.value'), kind: 'decimal' },
    ],
    rows: HEADLINE_FIGURES.map((f): Cell[] => [
      t(`stats.figures.${f}`),
      { value: figures[f], kind: figureKind(f) },
    ]),
  };
  drawTable(doc, headline, { locale, fontSize: 9.5, weights: [3, 1] });

  // II. The service index: points per group, the score and the grade.
  section(t('statsExport.report.index'));
  const presented = presentIndex(index, locale, t);
  drawTable(
    doc,
    {
      title: t('statsExport.report.index'),
      columns: [
        { header: t('statsExport.columns.group'), kind: 'text' },
        { header: t('statsExport.columns.points'), kind: 'int' },
        { header: t('statsExport.columns.applicablePoints'), kind: 'int' },
        { header: t('statsExport.columns.earned'), kind: 'decimal' },
      ],
      rows: presented.groups.map((g) => [g.name, g.points, g.applicablePoints, g.earned]),
      totals: [t('statsExport.report.total'), index.points, index.applicablePoints, index.earned],
    },
    { locale, fontSize: 9.5, weights: [5, 1.3, 1.3, 1.3] },
  );
  slip.paragraph(
    index.score === null
      ? t('statsExport.report.noScore')
      : t('statsExport.report.score', {
          earned: formatted(index.earned, locale),
          applicable: formatted(index.applicablePoints, locale),
          score: formatted(index.score, locale),
          grade: presented.gradeName ?? '',
        }),
    { bold: true },
  );
  slip.paragraph(t('statsExport.report.notApplicable'), { italic: true });

  // III and IV. The results by unit and by month.
  section(t('statsExport.report.byUnit'));
  // The whole period is the last row of both: the unit's rows add up to it, the months' flows too,
  // and its stocks are those at the ends of the period.
  const withTotals = (table: Table): Table => {
    const labels = table.columns.length - REPORT_TABLE_FIGURES.length;
    return {
      ...table,
      totals: [
        t('statsExport.report.total'),
        ...Array.from({ length: labels - 1 }, () => ''),
        ...REPORT_TABLE_FIGURES.map((f) => figures[f]),
      ],
    };
  };
  drawTable(doc, withTotals(breakdownTable(byUnit, REPORT_TABLE_FIGURES, locale, t)), {
    locale,
    fontSize: 7.5,
  });
  section(t('statsExport.report.byMonth'));
  drawTable(doc, withTotals(breakdownTable(byMonth, REPORT_TABLE_FIGURES, locale, t)), {
    locale,
    fontSize: 7.5,
  });
  slip.paragraph(t('statsExport.notes.asOf', { moment: formatDateTime(figures.asOf) }), { italic: true });

  slip.signatures([
    { title: t('statsExport.report.preparer'), hint: t('statsExport.report.signHint') },
    { title: t('statsExport.report.chief'), hint: t('statsExport.report.sealHint') },
  ]);
  return { pdf: await slip.finish(), unit: figures.unit, from: figures.from, to: figures.to };
}

function formatted(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 2 }).format(
    value,
  );
}

/** bao-cao-thong-ke-123-2025-01-01-2025-06-30.pdf */
export function reportFileName(report: { unit: string; from: string; to: string }): string {
  return `bao-cao-thong-ke-${report.unit.replace(/[^0-9A-Za-z.-]/g, '-')}-${report.from}-${report.to}.pdf`;
}
