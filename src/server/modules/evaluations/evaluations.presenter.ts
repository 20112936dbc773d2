// What leaves the server about evaluations: codes and labels in the request's language, no row ids.
import type { z } from 'zod';
import type {
  ZCriterion,
  ZEvaluationResponse,
  ZSummaryResponse,
} from '../../../shared/evaluations/schema.js';
import type { Locale } from '../../../shared/i18n/index.js';
import type { CriterionRow } from './evaluations.repository.js';
import type { EvaluationSummary, RecordedEvaluation } from './evaluations.service.js';

export const criterionLabel = (row: Pick<CriterionRow, 'label_vi' | 'label_en'>, locale: Locale) =>
  locale === 'vi' ? row.label_vi : row.label_en;

export function presentCriterion(row: CriterionRow, locale: Locale): z.output<typeof ZCriterion> {
  return { code: row.code, label: criterionLabel(row, locale), position: row.position };
}

export function presentEvaluation(recorded: RecordedEvaluation): z.output<typeof ZEvaluationResponse> {
  const { evaluation } = recorded;
  return {
    code: recorded.code,
    channel: evaluation.channel,
    level: evaluation.level,
    answers: recorded.answers.map((a) => ({ criterion: a.code, level: a.level })),
    comment: evaluation.comment,
    submittedAt: evaluation.submitted_at.toISOString(),
  };
}

export function presentSummary(
  summary: EvaluationSummary,
  locale: Locale,
): z.output<typeof ZSummaryResponse> {
  return {
    from: summary.from,
    to: summary.to,
    unit: summary.unit,
    total: summary.total,
    units: summary.units.map((u) => ({
      code: u.code,
      name: locale === 'vi' ? u.name : u.nameEn,
      counts: u.counts,
    })),
    officers: summary.officers,
    criteria: summary.criteria.map((c) => ({
      code: c.code,
      label: locale === 'vi' ? c.labelVi : c.labelEn,
      counts: c.counts,
    })),
  };
}
