// What leaves the server: codes instead of ids, moments in Vietnam time, names in the reader's language.
import { formatVietnamIso } from '../../../shared/calendar/index.js';
import type { Locale, MessageParams } from '../../../shared/i18n/index.js';
import type { BehindItem } from './stats.repository.js';
import type {
  BreakdownResult,
  RankingRow,
  ServiceIndex,
  Summary,
  TargetProgress,
  TargetsView,
} from './stats.service.js';

type T = (key: string, params?: MessageParams) => string;

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

export function presentHeader(header: Header, locale: Locale) {
  return {
    unit: header.unit,
    unitName: locale === 'en' ? header.unitNameEn : header.unitName,
    includeDescendants: header.includeDescendants,
    from: header.from,
    to: header.to,
    asOf: formatVietnamIso(header.asOf),
    procedure: header.procedureCode,
    field: header.field,
    channel: header.channel,
  };
}

export function presentSummary(summary: Summary, locale: Locale) {
  const { unitName: _vi, unitNameEn: _en, asOf: _asOf, procedureCode: _p, ...figures } = summary;
  return { ...figures, ...presentHeader(summary, locale) };
}

export function presentIndex(index: ServiceIndex, locale: Locale, t: T) {
  return {
    ...presentHeader(index.header, locale),
    points: index.points,
    applicablePoints: index.applicablePoints,
    earned: index.earned,
    score: index.score,
    grade: index.grade,
    gradeName: index.grade ? t(`stats.grades.${index.grade}`) : null,
    groups: index.groups.map((g) => ({
      key: g.key,
      name: t(`stats.index.groups.${g.key}`),
      points: g.points,
      applicablePoints: g.applicablePoints,
      earned: g.earned,
      applicable: g.applicable,
      indicators: g.indicators.map((i) => ({
        key: i.key,
        name: t(`stats.index.indicators.${i.key}`),
        kind: i.kind,
        points: i.points,
        applicable: i.applicable,
        reason: i.reason,
        numerator: i.numerator,
        denominator: i.denominator,
        rate: i.value,
        target: i.target,
        targetSource: i.targetSource,
        earned: i.earned,
        extras: i.extras,
      })),
    })),
  };
}

export function presentBreakdown(result: BreakdownResult, locale: Locale, t: T) {
  const translated = result.by === 'channel' || result.by === 'step';
  return {
    ...presentHeader(result.header, locale),
    by: result.by,
    total: result.total,
    page: result.page,
    pageSize: result.pageSize,
    rows: result.rows.map((r) => ({
      key: r.key,
      label: translated
        ? t(`stats.${result.by === 'channel' ? 'channels' : 'steps'}.${r.key}`)
        : locale === 'en'
          ? r.labelEn
          : r.label,
      figures: r.figures,
    })),
  };
}

export function presentRanking(result: { header: Header; rows: RankingRow[] }, locale: Locale, t: T) {
  return {
    ...presentHeader(result.header, locale),
    rows: result.rows.map((r) => ({
      rank: r.rank,
      unit: r.unit,
      name: locale === 'en' ? r.nameEn : r.name,
      earned: r.earned,
      applicablePoints: r.applicablePoints,
      score: r.score,
      grade: r.grade,
      gradeName: r.grade ? t(`stats.grades.${r.grade}`) : null,
    })),
  };
}

export function presentBehindItem(item: BehindItem) {
  return {
    code: item.code,
    procedureCode: item.procedureCode,
    procedureName: item.procedureName,
    channel: item.channel,
    status: item.status,
    at: item.at ? formatVietnamIso(item.at) : null,
    dueAt: item.dueAt ? formatVietnamIso(item.dueAt) : null,
  };
}

export function presentTargets(view: TargetsView, locale: Locale, t: T) {
  return {
    unit: view.unit,
    unitName: locale === 'en' ? view.unitNameEn : view.unitName,
    year: view.year,
    targets: view.targets.map((row) => ({
      indicator: row.indicator,
      name: t(`stats.index.indicators.${row.indicator}`),
      own: row.own,
      effective: row.effective,
      source: row.source,
      updatedAt: row.updatedAt ? formatVietnamIso(row.updatedAt) : null,
      updatedBy: row.updatedBy,
    })),
  };
}

export function presentProgress(
  result: { unit: string; year: number; from: string; to: string; progress: TargetProgress[] },
  t: T,
) {
  return {
    unit: result.unit,
    year: result.year,
    from: result.from,
    to: result.to,
    progress: result.progress.map((p) => ({
      indicator: p.indicator,
      name: t(`stats.index.indicators.${p.indicator}`),
      target: p.target,
      source: p.source,
      rate: p.value,
      numerator: p.numerator,
      denominator: p.denominator,
      met: p.met,
    })),
  };
}
