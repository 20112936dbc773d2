import { describe, expect, it } from 'vitest';
import {
  classify,
  computeScore,
  criterionScore,
  DEFAULT_METHOD,
  type Method,
  parsePeriod,
  previousMonth,
  recentPeriods,
  type ScoreInputs,
} from './scoring.js';

const inputs = (extra: Partial<ScoreInputs> = {}): ScoreInputs => ({
  received: 0,
  processed: 0,
  returned: 0,
  wentLate: 0,
  roleAverageWorkload: null,
  evaluations: 0,
  satisfied: 0,
  upheldFeedback: 0,
  testScore: null,
  testCampaign: null,
  leaderScore: null,
  ...extra,
});

describe('criterion scores', () => {
  it('count on-time work as tasks minus those that went late in the officer’s hands', () => {
    expect(
      criterionScore('on_time', inputs({ received: 6, processed: 4, wentLate: 1 }), DEFAULT_METHOD),
    ).toBe(90);
    expect(criterionScore('on_time', inputs({ wentLate: 2 }), DEFAULT_METHOD)).toBe(0);
    expect(criterionScore('on_time', inputs(), DEFAULT_METHOD)).toBeNull();
  });

  it('compare workload with the role’s average, capped at 100', () => {
    expect(criterionScore('workload', inputs({ received: 5, roleAverageWorkload: 10 }), DEFAULT_METHOD)).toBe(
      50,
    );
    expect(
      criterionScore('workload', inputs({ received: 30, roleAverageWorkload: 10 }), DEFAULT_METHOD),
    ).toBe(100);
    expect(criterionScore('workload', inputs({ received: 3 }), DEFAULT_METHOD)).toBeNull();
  });

  it('take satisfaction from evaluations, feedback from upheld items, the test and the leader as given', () => {
    expect(criterionScore('satisfaction', inputs({ evaluations: 3, satisfied: 2 }), DEFAULT_METHOD)).toBe(
      66.67,
    );
    expect(criterionScore('feedback', inputs({ upheldFeedback: 2 }), DEFAULT_METHOD)).toBe(60);
    expect(criterionScore('feedback', inputs({ upheldFeedback: 9 }), DEFAULT_METHOD)).toBe(0);
    expect(criterionScore('test', inputs({ testScore: 87.5 }), DEFAULT_METHOD)).toBe(87.5);
    expect(criterionScore('leader', inputs({ leaderScore: 90 }), DEFAULT_METHOD)).toBe(90);
  });
});

describe('the total', () => {
  it('is the weighted mean of the criteria that have data, the others’ weight shared among them', () => {
    const result = computeScore(inputs({ testScore: 80, leaderScore: 90 }), DEFAULT_METHOD);
    // feedback 100 (10%), test 80 (10%), leader 90 (20%): (1000 + 800 + 1800) / 40.
    expect(result.applicableWeight).toBe(40);
    expect(result.total).toBe(90);
    expect(result.level).toBe('excellent');
    expect(result.criteria.find((c) => c.criterion === 'leader')).toMatchObject({
      applicable: true,
      points: 45,
    });
    expect(result.criteria.find((c) => c.criterion === 'on_time')).toMatchObject({
      applicable: false,
      points: null,
    });
  });

  it('leaves out a criterion weighted 0, and has no total when nothing applies', () => {
    const method: Method = {
      ...DEFAULT_METHOD,
      weights: { on_time: 50, workload: 0, satisfaction: 0, feedback: 0, test: 0, leader: 50 },
    };
    expect(computeScore(inputs({ received: 10, leaderScore: 60 }), method).total).toBe(80);
    expect(computeScore(inputs({ upheldFeedback: 1 }), method)).toMatchObject({ total: null, level: null });
  });

  it('is classified at the thresholds, each threshold included', () => {
    const t = DEFAULT_METHOD.thresholds;
    expect([90, 89.99, 70, 69.99, 50, 49.99].map((n) => classify(n, t))).toEqual([
      'excellent',
      'good',
      'good',
      'completed',
      'completed',
      'not_completed',
    ]);
  });
});

describe('periods', () => {
  it('are months, quarters and years with their first and last days', () => {
    expect(parsePeriod('2024-02')).toEqual({
      code: '2024-02',
      kind: 'month',
      from: '2024-02-01',
      to: '2024-02-29',
    });
    expect(parsePeriod('2025-Q4')).toEqual({
      code: '2025-Q4',
      kind: 'quarter',
      from: '2025-10-01',
      to: '2025-12-31',
    });
    expect(parsePeriod('2025')).toEqual({ code: '2025', kind: 'year', from: '2025-01-01', to: '2025-12-31' });
    for (const bad of ['2025-13', '2025-Q5', '25', '2025-6', '1999', ''] as const)
      expect(parsePeriod(bad)).toBeNull();
  });

  it('step back across the new year, and list recent ones newest first', () => {
    expect(previousMonth('2026-01-15')).toBe('2025-12');
    const recent = recentPeriods('2026-02-10');
    expect(recent.months.slice(0, 3)).toEqual(['2026-02', '2026-01', '2025-12']);
    expect(recent.quarters.slice(0, 2)).toEqual(['2026-Q1', '2025-Q4']);
    expect(recent.years).toEqual(['2026', '2025', '2024']);
  });
});
