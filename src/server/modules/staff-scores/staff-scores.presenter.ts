// What leaves the server about staff scores: usernames and unit codes, the inputs by name, ISO times.
import type { Locale } from '../../../shared/i18n/index.js';
import type { EffectiveMethod, OfficerScore, UnitScores } from './staff-scores.service.js';

export function presentMethod(method: EffectiveMethod) {
  return {
    unit: method.unitCode,
    source: method.source,
    from: method.fromUnitCode,
    weights: { ...method.method.weights },
    thresholds: { ...method.method.thresholds },
    upheldPenalty: method.method.upheldPenalty,
    version: method.version,
  };
}

export function presentOfficerScore(score: OfficerScore, locale: Locale) {
  const { officer, row } = score;
  return {
    username: officer.username,
    fullName: officer.fullName,
    role: officer.role,
    agency: officer.agencyCode,
    agencyName: locale === 'vi' ? officer.agencyName : officer.agencyNameEn,
    status: score.status,
    total: score.result.total,
    level: score.result.level,
    criteria: score.result.criteria.map((c) => ({ ...c })),
    inputs: { ...score.inputs },
    leaderNote: row?.leader_note ?? null,
    reviewedBy: score.reviewedBy,
    reviewedAt: row?.reviewed_at?.toISOString() ?? null,
    signedBy: score.signedBy,
    signedAt: row?.signed_at?.toISOString() ?? null,
    version: row?.version ?? null,
  };
}

export function presentUnitScores(scores: UnitScores, locale: Locale) {
  return {
    unit: scores.unit.code,
    unitName: locale === 'vi' ? scores.unit.name : scores.unit.nameEn,
    period: scores.period.code,
    from: scores.period.from,
    to: scores.period.to,
    method: presentMethod(scores.method),
    summary: scores.summary,
    officers: scores.officers.map((o) => presentOfficerScore(o, locale)),
  };
}
