// The staff scoring method (phương pháp chấm điểm cán bộ): weighted criteria, each scored 0-100 from
// the platform's own data or from the leader's assessment, a total, and the four classification levels
// of Decree 90/2020/NĐ-CP (hoàn thành xuất sắc / tốt / hoàn thành / không hoàn thành nhiệm vụ). Pure
// functions: the server computes with them and the pages explain with them.

/** The criteria, in the order they are shown. */
export const CRITERIA = ['on_time', 'workload', 'satisfaction', 'feedback', 'test', 'leader'] as const;
export type Criterion = (typeof CRITERIA)[number];

/** Best first. */
export const LEVELS = ['excellent', 'good', 'completed', 'not_completed'] as const;
export type Level = (typeof LEVELS)[number];

/** The lowest total of each level above "not completed". */
export type Thresholds = Record<Exclude<Level, 'not_completed'>, number>;

export interface Method {
  /** Percent per criterion, summing to 100; 0 leaves a criterion out. */
  weights: Record<Criterion, number>;
  thresholds: Thresholds;
  /** Points one upheld feedback item about the officer takes off the feedback criterion's 100. */
  upheldPenalty: number;
}

/** The method a unit has until its leaders set one (weights a leader would start from). */
export const DEFAULT_METHOD: Method = {
  weights: { on_time: 30, workload: 15, satisfaction: 15, feedback: 10, test: 10, leader: 20 },
  thresholds: { excellent: 90, good: 70, completed: 50 },
  upheldPenalty: 20,
};

/** Months a test result counts for after it was submitted. */
export const TEST_VALID_MONTHS = 12;

/** The figures a score is computed from, as read at the time (and stored at sign-off). */
export interface ScoreInputs {
  /** Applications the officer received at the counter, processed (as assignee) and returned, in the period. */
  received: number;
  processed: number;
  returned: number;
  /** Applications that went past their deadline while the officer held them (statistics attribution). */
  wentLate: number;
  /** The average of received + processed + returned over the unit's officers of the same role. */
  roleAverageWorkload: number | null;
  /** Satisfaction evaluations of applications the officer handled, and how many were satisfied or very satisfied. */
  evaluations: number;
  satisfied: number;
  /** Feedback about the officer answered in the period and upheld. */
  upheldFeedback: number;
  /** The latest capacity-test score counting for the period, and its campaign. */
  testScore: number | null;
  testCampaign: string | null;
  /** The leader's assessment, 0-100, entered at review. */
  leaderScore: number | null;
}

export interface CriterionResult {
  criterion: Criterion;
  weight: number;
  /** False when the platform has nothing to judge by (no applications, no evaluations, no test…). */
  applicable: boolean;
  score: number | null;
  /** The criterion's share of the total: weight over the applicable weights, times its score. */
  points: number | null;
}

export interface ScoreResult {
  criteria: CriterionResult[];
  /** The weights of the applicable criteria; the others' weight is shared among them. */
  applicableWeight: number;
  total: number | null;
  level: Level | null;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const clamp = (value: number) => Math.min(100, Math.max(0, value));

/** The workload: every step the officer carried out. */
export const workloadOf = (inputs: Pick<ScoreInputs, 'received' | 'processed' | 'returned'>) =>
  inputs.received + inputs.processed + inputs.returned;

/** One criterion's score, or null when it cannot be judged. */
export function criterionScore(criterion: Criterion, inputs: ScoreInputs, method: Method): number | null {
  switch (criterion) {
    case 'on_time': {
      // Tasks = applications received and processed; those that went late in the officer's hands count
      // against them. Without tasks (and nothing late) there is nothing to judge.
      const tasks = inputs.received + inputs.processed;
      const base = Math.max(tasks, inputs.wentLate);
      return base === 0 ? null : round2(clamp((100 * (tasks - inputs.wentLate)) / base));
    }
    case 'workload': {
      const average = inputs.roleAverageWorkload;
      if (average === null || average <= 0) return null;
      return round2(clamp((100 * workloadOf(inputs)) / average));
    }
    case 'satisfaction':
      return inputs.evaluations === 0 ? null : round2((100 * inputs.satisfied) / inputs.evaluations);
    case 'feedback':
      return clamp(100 - method.upheldPenalty * inputs.upheldFeedback);
    case 'test':
      return inputs.testScore === null ? null : round2(clamp(inputs.testScore));
    case 'leader':
      return inputs.leaderScore === null ? null : round2(clamp(inputs.leaderScore));
  }
}

/** The level of a total under the thresholds. */
export function classify(total: number, thresholds: Thresholds): Level {
  if (total >= thresholds.excellent) return 'excellent';
  if (total >= thresholds.good) return 'good';
  if (total >= thresholds.completed) return 'completed';
  return 'not_completed';
}

/**
 * The total: the weighted mean of the criteria that can be judged (a criterion without data leaves its
 * weight to the others, as the national service index leaves out what does not apply).
 */
export function computeScore(inputs: ScoreInputs, method: Method): ScoreResult {
  const scored = CRITERIA.map((criterion) => {
    const weight = method.weights[criterion] ?? 0;
    const score = weight > 0 ? criterionScore(criterion, inputs, method) : null;
    return { criterion, weight, score, applicable: weight > 0 && score !== null };
  });
  const applicableWeight = scored.reduce((sum, c) => sum + (c.applicable ? c.weight : 0), 0);
  const criteria: CriterionResult[] = scored.map((c) => ({
    ...c,
    points: c.applicable && applicableWeight > 0 ? round2((c.weight * c.score!) / applicableWeight) : null,
  }));
  if (applicableWeight === 0) return { criteria, applicableWeight, total: null, level: null };
  const total = round2(
    scored.reduce((sum, c) => sum + (c.applicable ? c.weight * c.score! : 0), 0) / applicableWeight,
  );
  return { criteria, applicableWeight, total, level: classify(total, method.thresholds) };
}

// ------------------------------------------------------------------------------------------------
// Periods: a month (2025-06), a quarter (2025-Q2) or a year (2025)
// ------------------------------------------------------------------------------------------------

export const PERIOD_PATTERN = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;
export type PeriodKind = 'month' | 'quarter' | 'year';

export interface ScorePeriod {
  code: string;
  kind: PeriodKind;
  /** First and last day, 'YYYY-MM-DD', both included. */
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A period's days, or null when the text is not a period. */
export function parsePeriod(code: string): ScorePeriod | null {
  const match = PERIOD_PATTERN.exec(code);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2199) return null;
  if (match[2]) {
    const month = Number(match[2]);
    return {
      code,
      kind: 'month',
      from: `${year}-${pad(month)}-01`,
      to: `${year}-${pad(month)}-${pad(lastDay(year, month))}`,
    };
  }
  if (match[3]) {
    const quarter = Number(match[3]);
    const first = (quarter - 1) * 3 + 1;
    return {
      code,
      kind: 'quarter',
      from: `${year}-${pad(first)}-01`,
      to: `${year}-${pad(first + 2)}-${pad(lastDay(year, first + 2))}`,
    };
  }
  return { code, kind: 'year', from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The month before the one of `today` ('YYYY-MM-DD'), as a period code. */
export function previousMonth(today: string): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${pad(month - 1)}`;
}

/** Periods a leader may pick on the pages, newest first: months, quarters and years up to today. */
export function recentPeriods(today: string): { months: string[]; quarters: string[]; years: string[] } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const months: string[] = [];
  for (let i = 0; i < 24; i++) {
    const m = month - i;
    const y = year + Math.floor((m - 1) / 12);
    const mm = ((((m - 1) % 12) + 12) % 12) + 1;
    months.push(`${y}-${pad(mm)}`);
  }
  const quarters: string[] = [];
  const quarter = Math.floor((month - 1) / 3) + 1;
  for (let i = 0; i < 8; i++) {
    const q = quarter - i;
    const y = year + Math.floor((q - 1) / 4);
    quarters.push(`${y}-Q${((((q - 1) % 4) + 4) % 4) + 1}`);
  }
  return { months, quarters, years: [String(year), String(year - 1), String(year - 2)] };
}
