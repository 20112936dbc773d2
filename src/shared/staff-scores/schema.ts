// Requests and answers of the staff scores (chấm điểm cán bộ): the method a unit configures, the
// scores of a unit for a period, the review and the sign-off. Messages are i18n keys under
// `staffScores.errors` or `validation`.
import { z } from 'zod';
import { CRITERIA, type Criterion, LEVELS, PERIOD_PATTERN } from './scoring.js';

export const NOTE_MAX = 2000;
const UNIT_CODE_PATTERN = /^[0-9A-Za-z.]{1,20}$/;
const MULTI_LINE = /^(?:\P{Cc}|[\n\r\t])*$/u;

export const ZPeriodCode = z
  .string()
  .trim()
  .regex(PERIOD_PATTERN, 'staffScores.errors.period')
  .meta({ description: 'A month (2025-06), a quarter (2025-Q2) or a year (2025).', example: '2025-06' });
const ZUnitCode = z
  .string()
  .trim()
  .min(1)
  .regex(UNIT_CODE_PATTERN, 'validation.invalidFormat')
  .meta({ description: 'Administrative code of the unit; the deploying unit when left out.' });

const ZPercent = z.number().int().min(0).max(100);

export const ZMethodInput = z
  .object({
    unit: ZUnitCode.optional(),
    weights: z
      .object(Object.fromEntries(CRITERIA.map((c) => [c, ZPercent])) as Record<Criterion, typeof ZPercent>)
      .strict()
      .meta({
        description:
          'Percent per criterion, summing to 100: on_time, workload, satisfaction, feedback (upheld against the officer), test (capacity-test score), leader (the leader’s assessment).',
        example: { on_time: 30, workload: 15, satisfaction: 15, feedback: 10, test: 10, leader: 20 },
      }),
    thresholds: z
      .object({ excellent: ZPercent, good: ZPercent, completed: ZPercent })
      .strict()
      .meta({
        description: 'The lowest total of each level.',
        example: { excellent: 90, good: 70, completed: 50 },
      }),
    upheldPenalty: ZPercent.default(20).meta({
      description: 'Points each upheld feedback item takes off the feedback criterion (out of 100).',
    }),
  })
  .strict()
  .superRefine((method, ctx) => {
    // Zod runs this even when a field failed: each check reads only what is well-formed.
    const weights = method.weights as Partial<Record<Criterion, unknown>> | undefined;
    if (weights && CRITERIA.every((c) => typeof weights[c] === 'number')) {
      const sum = CRITERIA.reduce((total, c) => total + (weights[c] as number), 0);
      if (sum !== 100)
        ctx.addIssue({ code: 'custom', path: ['weights'], message: 'staffScores.errors.weightsSum' });
    }
    const thresholds = method.thresholds as Partial<Record<string, unknown>> | undefined;
    if (!thresholds) return;
    const { excellent, good, completed } = thresholds;
    if (typeof excellent !== 'number' || typeof good !== 'number' || typeof completed !== 'number') return;
    if (!(excellent > good && good > completed && completed > 0))
      ctx.addIssue({ code: 'custom', path: ['thresholds'], message: 'staffScores.errors.thresholdsOrder' });
  });
export type TMethodInput = z.output<typeof ZMethodInput>;

export const ZScoresQuery = z.object({ unit: ZUnitCode.optional(), period: ZPeriodCode }).strict();
export type TScoresQuery = z.output<typeof ZScoresQuery>;

export const ZMethodQuery = z.object({ unit: ZUnitCode.optional() }).strict();

export const ZOfficerParams = z.object({ username: z.string().trim().min(1).max(100) });

export const ZReviewInput = z
  .object({
    unit: ZUnitCode.optional(),
    period: ZPeriodCode,
    leaderScore: z.number().min(0).max(100).meta({ description: 'The leader’s assessment, 0-100.' }),
    note: z
      .string()
      .trim()
      .max(NOTE_MAX)
      .regex(MULTI_LINE, 'staffScores.errors.characters')
      .nullish()
      .transform((value) => (value ? value : null)),
  })
  .strict();
export type TReviewInput = z.output<typeof ZReviewInput>;

export const ZSignInput = z.object({ unit: ZUnitCode.optional(), period: ZPeriodCode }).strict();
export type TSignInput = z.output<typeof ZSignInput>;

// ------------------------------------------------------------------------------------------------
// Answers
// ------------------------------------------------------------------------------------------------

const ZLevel = z.enum(LEVELS).meta({
  description:
    'excellent (hoàn thành xuất sắc nhiệm vụ), good (hoàn thành tốt nhiệm vụ), completed (hoàn thành nhiệm vụ), not_completed (không hoàn thành nhiệm vụ).',
});

export const ZMethod = z.object({
  unit: z.string(),
  source: z.enum(['unit', 'inherited', 'default']).meta({
    description: 'Set for this unit, inherited from a unit above, or the platform’s default.',
  }),
  from: z.string().nullable().meta({ description: 'The unit whose method this is (when not the default).' }),
  weights: z.record(z.string(), z.number()),
  thresholds: z.object({ excellent: z.number(), good: z.number(), completed: z.number() }),
  upheldPenalty: z.number(),
  version: z.number().int().nullable(),
});

export const ZCriterionResult = z.object({
  criterion: z.enum(CRITERIA),
  weight: z.number(),
  applicable: z.boolean(),
  score: z.number().nullable(),
  points: z.number().nullable(),
});

export const ZOfficerScore = z.object({
  username: z.string(),
  fullName: z.string(),
  role: z.string(),
  agency: z.string().nullable(),
  agencyName: z.string().nullable(),
  status: z.enum(['draft', 'reviewed', 'signed']),
  total: z.number().nullable(),
  level: ZLevel.nullable(),
  criteria: z.array(ZCriterionResult),
  inputs: z.record(z.string(), z.union([z.number(), z.string(), z.null()])).meta({
    description: 'Every figure the score was computed from (at sign-off, as they were then).',
  }),
  leaderNote: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  signedBy: z.string().nullable(),
  signedAt: z.string().nullable(),
  version: z.number().int().nullable(),
});

export const ZUnitScores = z.object({
  unit: z.string(),
  unitName: z.string(),
  period: z.string(),
  from: z.string(),
  to: z.string(),
  method: ZMethod,
  summary: z.object({
    officers: z.number().int(),
    scored: z.number().int(),
    signed: z.number().int(),
    average: z.number().nullable(),
    level: ZLevel.nullable(),
    byLevel: z.record(z.string(), z.number().int()),
  }),
  officers: z.array(ZOfficerScore),
});
