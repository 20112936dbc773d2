// What the statistics count and how the national service index (Decision 766/QĐ-TTg, 2022) scores it:
// the figures' names, the six groups and their sub-indicators with points and default targets, the
// grades, and the limits every request shares. Definitions in words: docs/statistics.md.

export const STAT_CHANNELS = ['online', 'direct', 'postal'] as const;
export type StatChannel = (typeof STAT_CHANNELS)[number];

/** The earliest day a period may start on. */
export const STATS_MIN_DATE = '2000-01-01';
/** The longest period, in years. */
export const STATS_MAX_PERIOD_YEARS = 10;
/** Largest page of application codes behind a figure. */
export const STATS_PAGE_SIZE_MAX = 100;

/** How a unit's figures can be broken down. */
export const BREAKDOWNS = [
  'month',
  'unit',
  'agency',
  'field',
  'procedure',
  'channel',
  'step',
  'officer',
  'head',
] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/** Breakdowns that name people: staff of the unit (or above) and administrators only. */
export const PERSONAL_BREAKDOWNS: readonly Breakdown[] = ['officer', 'head'];

/** Steps at which an application can go past its deadline (reception = accepted, not yet forwarded). */
export const LATENESS_STEPS = ['reception', 'assignment', 'proposal', 'review', 'approval'] as const;
export type LatenessStep = (typeof LATENESS_STEPS)[number];

/** Every count of the summary (whole numbers, or null when there is no data at all). */
export const COUNT_FIGURES = [
  'submitted',
  'received',
  'receivedOnline',
  'receivedDirect',
  'receivedPostal',
  'receivedFullOnline',
  'receivedDigitised',
  'refused',
  'withdrawnBeforeReceipt',
  'carriedOver',
  'transferredIn',
  'transferredOut',
  'toHandle',
  'processed',
  'processedEarly',
  'processedOnTime',
  'processedWithinDeadline',
  'processedLate',
  'stopped',
  'inProcess',
  'inProcessWithinDeadline',
  'inProcessPastDeadline',
  'wentLate',
  'assigned',
  'returned',
  'returnedElectronic',
  'proceduresInRemit',
  'proceduresProvince',
  'proceduresDistrict',
  'proceduresCommune',
  'proceduresVertical',
  'proceduresOnline',
  'proceduresFullOnline',
  'proceduresPartialOnline',
  'proceduresComplete',
  'evaluations',
  'evaluationsVerySatisfied',
  'evaluationsSatisfied',
  'evaluationsNotSatisfied',
  'feedbackReceived',
  'feedbackAnsweredOnTime',
  'feedbackAnsweredLate',
  'feedbackPendingWithinLimit',
  'feedbackPendingOverdue',
  'complaints',
] as const;
export type CountFigure = (typeof COUNT_FIGURES)[number];

/** Rates in percent (0-100, two decimals), null when their denominator is 0. */
export const RATE_FIGURES = [
  'onlineRate',
  'fullOnlineRate',
  'directRate',
  'postalRate',
  'onTimeRate',
  'inProcessOnTimeRate',
  'handledOnTimeRate',
  'onlineServiceRate',
  'fullOnlineServiceRate',
  'satisfiedRate',
  'feedbackOnTimeRate',
  'electronicResultRate',
  'digitisedRate',
] as const;
export type RateFigure = (typeof RATE_FIGURES)[number];

/** Other measures: days (two decimals). */
export const MEASURE_FIGURES = ['averageHandlingDays', 'handlingDaysTotal'] as const;
export type MeasureFigure = (typeof MEASURE_FIGURES)[number];

export type SummaryFigures = Record<CountFigure | RateFigure | MeasureFigure, number | null>;

/** Figures whose applications can be listed (listApplicationsBehind). */
export const LISTABLE_FIGURES = [
  'submitted',
  'received',
  'receivedOnline',
  'receivedDirect',
  'receivedPostal',
  'receivedFullOnline',
  'refused',
  'carriedOver',
  'processed',
  'processedEarly',
  'processedOnTime',
  'processedWithinDeadline',
  'processedLate',
  'stopped',
  'inProcess',
  'inProcessWithinDeadline',
  'inProcessPastDeadline',
  'wentLate',
  'returned',
  'returnedElectronic',
] as const satisfies readonly CountFigure[];
export type ListableFigure = (typeof LISTABLE_FIGURES)[number];

// -------------------------------------------------------------------------------------------------
// The service index
// -------------------------------------------------------------------------------------------------

export interface IndicatorDefinition {
  key: string;
  /** Points it carries; 0 for a measure shown without points (average handling time). */
  points: number;
  /** Target in percent when nobody set one. */
  defaultTarget: number | null;
  /** False when the platform has no data for it yet: shown as not applicable, points left out. */
  hasData: boolean;
  kind: 'rate' | 'measure';
}

export interface GroupDefinition {
  key: string;
  points: number;
  indicators: readonly IndicatorDefinition[];
}

const rate = (key: string, points: number, defaultTarget: number, hasData = true): IndicatorDefinition => ({
  key,
  points,
  defaultTarget,
  hasData,
  kind: 'rate',
});

/**
 * The six groups of Decision 766/QĐ-TTg (100 points) as PRODUCT.md describes them. Points per
 * sub-indicator are this platform's reading of the decision (checked against its summary where
 * public: 4 points for procedures announced on time, 20 for the on-time rate, 6 for satisfaction in
 * handling procedures); targets are defaults an administrator can change per unit and year.
 */
export const INDEX_GROUPS = [
  {
    key: 'transparency',
    points: 18,
    indicators: [
      rate('procedures_announced_on_time', 4, 100, false),
      rate('procedures_published_on_time', 4, 100, false),
      rate('procedures_published_complete', 4, 100),
      rate('applications_synced', 6, 100, false),
    ],
  },
  {
    key: 'progress',
    points: 20,
    indicators: [
      rate('handled_on_time', 20, 100),
      { key: 'average_handling_days', points: 0, defaultTarget: null, hasData: true, kind: 'measure' },
    ],
  },
  {
    key: 'online_service',
    points: 12,
    indicators: [
      rate('procedures_online', 3, 80),
      rate('procedures_full_online', 3, 100),
      rate('online_services_used', 3, 100),
      rate('applications_online', 3, 50),
    ],
  },
  {
    key: 'online_payment',
    points: 10,
    indicators: [
      // Computed from the payments (modules/payments/payments.stats.ts) once the platform takes any.
      rate('procedures_paid_online', 5, 80),
      rate('applications_paid_online', 5, 100),
    ],
  },
  {
    key: 'satisfaction',
    points: 18,
    indicators: [
      rate('feedback_on_time', 6, 100),
      rate('feedback_satisfied', 6, 100, false),
      rate('service_satisfaction', 6, 90),
    ],
  },
  {
    key: 'digitisation',
    points: 22,
    indicators: [
      rate('electronic_results', 4, 100),
      rate('applications_digitised', 6, 80),
      rate('data_reused', 4, 80, false),
      rate('personal_data_store', 4, 100, false),
      rate('population_database', 4, 100, false),
    ],
  },
] as const satisfies readonly GroupDefinition[];

export type IndexGroupKey = (typeof INDEX_GROUPS)[number]['key'];

/** Indicators a target can be set for: every rate. */
export const TARGET_INDICATORS: readonly string[] = INDEX_GROUPS.flatMap((g) =>
  (g.indicators as readonly IndicatorDefinition[]).filter((i) => i.kind === 'rate').map((i) => i.key),
);

export function isTargetIndicator(key: string): boolean {
  return TARGET_INDICATORS.includes(key);
}

export function indicatorDefinition(key: string): IndicatorDefinition | undefined {
  for (const group of INDEX_GROUPS)
    for (const indicator of group.indicators as readonly IndicatorDefinition[])
      if (indicator.key === key) return indicator;
  return undefined;
}

/** Grades on the score (points earned per 100 applicable points), highest first. */
export const GRADES = [
  { grade: 'excellent', min: 90 },
  { grade: 'good', min: 80 },
  { grade: 'fair', min: 70 },
  { grade: 'average', min: 50 },
  { grade: 'weak', min: 0 },
] as const;
export type Grade = (typeof GRADES)[number]['grade'];

export function gradeFor(score: number): Grade {
  return (GRADES.find((g) => score >= g.min) ?? GRADES[GRADES.length - 1]!).grade;
}

/**
 * Points a rate earns against its target: all of them when the rate reaches the target, otherwise
 * rate × points / target. A target of 0 is always reached.
 */
export function pointsFor(ratePercent: number, targetPercent: number, points: number): number {
  if (targetPercent <= 0 || ratePercent >= targetPercent) return points;
  return (Math.max(0, ratePercent) * points) / targetPercent;
}

/** A percentage with two decimals, or null without a denominator. */
export function percent(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return Math.round((numerator / denominator) * 10_000) / 100;
}
