// Requests and answers of the statistics API, one schema per request, shared by the routes (and so
// the OpenAPI document) and the pages. Every message is an i18n key under `stats.errors` or `validation`.
import { z } from 'zod';
import { parseLocalDate } from '../calendar/index.js';
import {
  BREAKDOWNS,
  COUNT_FIGURES,
  GRADES,
  LISTABLE_FIGURES,
  MEASURE_FIGURES,
  RATE_FIGURES,
  STAT_CHANNELS,
  STATS_PAGE_SIZE_MAX,
  TARGET_INDICATORS,
} from './definitions.js';

const UNIT_CODE = /^[0-9A-Za-z.]{1,20}$/;

/** A day, 'YYYY-MM-DD', that exists. */
export const ZStatsDate = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const parsed = parseLocalDate(text);
    if (!parsed.ok) {
      ctx.addIssue({
        code: 'custom',
        message: parsed.error === 'invalid_format' ? 'stats.errors.dateFormat' : 'stats.errors.dateInvalid',
      });
      return z.NEVER;
    }
    return parsed.value;
  })
  .meta({ description: 'A day, YYYY-MM-DD (inclusive).' });

export const ZUnitCode = z
  .string()
  .trim()
  .regex(UNIT_CODE, 'stats.errors.unitCode')
  .meta({ description: 'Administrative code of the unit: 14 for Sơn La, 123 for Mộc Châu.' });

/** GET /api/v1/stats/summary and /index: which unit, period and applications. */
export const ZStatsQuery = z.object({
  unit: ZUnitCode.optional(),
  from: ZStatsDate.optional().meta({
    description: 'First day (inclusive); 1 January of the year of `to` when left out.',
  }),
  to: ZStatsDate.optional().meta({
    description: 'Last day (inclusive); today when left out. Periods: from 2000, at most 10 years.',
  }),
  descendants: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true'))
    .meta({ description: 'With every unit below (true, the default) or the unit alone.' }),
  procedure: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .optional()
    .meta({ description: 'Only this procedure (its code).' }),
  field: z.string().trim().min(1).max(200).optional().meta({ description: 'Only procedures of this field.' }),
  channel: z.enum(STAT_CHANNELS).optional().meta({ description: 'Only applications of this channel.' }),
});
export type TStatsQuery = z.output<typeof ZStatsQuery>;

const ZPage = z.coerce.number().int().min(1).max(100_000).optional();
const ZPageSize = z.coerce.number().int().min(1).max(STATS_PAGE_SIZE_MAX).optional();

export const ZBreakdownQuery = ZStatsQuery.extend({
  by: z
    .enum(BREAKDOWNS)
    .meta({ description: 'What to split the figures by (officer and head: staff only).' }),
  page: ZPage,
  pageSize: ZPageSize,
});
export type TBreakdownQuery = z.output<typeof ZBreakdownQuery>;

export const ZBehindQuery = ZStatsQuery.extend({
  figure: z.enum(LISTABLE_FIGURES).meta({ description: 'The figure whose applications to list.' }),
  page: ZPage,
  pageSize: ZPageSize,
});
export type TBehindQuery = z.output<typeof ZBehindQuery>;

const ZYearText = z
  .string()
  .trim()
  .regex(/^\d{4}$/, 'stats.errors.year')
  .transform(Number)
  .pipe(z.number().int().min(2000, 'stats.errors.year').max(2199, 'stats.errors.year'));

export const ZTargetsQuery = z.object({
  unit: ZUnitCode.optional(),
  year: ZYearText.optional().meta({ description: 'The year; the current one when left out.' }),
});
export type TTargetsQuery = z.output<typeof ZTargetsQuery>;

export const ZTargetValue = z
  .number()
  .min(0, 'stats.errors.target')
  .max(100, 'stats.errors.target')
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, 'stats.errors.target');

export const ZSetTargets = z.object({
  unit: ZUnitCode,
  year: z.number().int().min(2000, 'stats.errors.year').max(2199, 'stats.errors.year'),
  targets: z
    .record(z.string().max(60), ZTargetValue.nullable())
    .refine(
      (t) => Object.keys(t).length > 0 && Object.keys(t).length <= TARGET_INDICATORS.length,
      'validation.required',
    )
    .meta({
      description: `Percent per indicator (${TARGET_INDICATORS.join(', ')}); null clears the unit's own.`,
    }),
});
export type TSetTargets = z.output<typeof ZSetTargets>;

// -------------------------------------------------------------------------------------------------
// Answers
// -------------------------------------------------------------------------------------------------

const figureShape = Object.fromEntries(
  [...COUNT_FIGURES, ...RATE_FIGURES, ...MEASURE_FIGURES].map((k) => [k, z.number().nullable()]),
) as Record<
  (typeof COUNT_FIGURES)[number] | (typeof RATE_FIGURES)[number] | (typeof MEASURE_FIGURES)[number],
  z.ZodNullable<z.ZodNumber>
>;

export const ZFigures = z.object(figureShape);

const ZHeader = {
  unit: z.string(),
  unitName: z.string(),
  includeDescendants: z.boolean(),
  from: z.string(),
  to: z.string(),
  asOf: z.string().meta({ description: 'The moment in-process figures describe (end of `to`, or now).' }),
  procedure: z.string().nullable(),
  field: z.string().nullable(),
  channel: z.enum(STAT_CHANNELS).nullable(),
};

export const ZSummary = z
  .object({
    ...ZHeader,
    ...figureShape,
    onlinePayment: z
      .object({
        proceduresCharging: z.number().int(),
        proceduresPaidOnline: z.number().int(),
        proceduresRate: z.number().nullable(),
        applicationsCharged: z.number().int(),
        applicationsPaidOnline: z.number().int(),
        applicationsRate: z.number().nullable(),
      })
      .nullable()
      .meta({
        description:
          'Fee-charging procedures in remit and those paid online in the period; applications of the period whose fees did not come to zero and those paid online. Null until the platform takes payments.',
      }),
    onlinePaymentApplicable: z.boolean(),
  })
  .meta({
    description:
      'Every figure as one flat object: counts, rates in percent (null without a denominator), days.',
  });

export const ZIndicator = z.object({
  key: z.string(),
  name: z.string(),
  kind: z.enum(['rate', 'measure']),
  points: z.number(),
  applicable: z.boolean(),
  reason: z.enum(['no_data', 'no_denominator']).nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  rate: z.number().nullable().meta({ description: 'Percent (a rate) or days (the average handling time).' }),
  target: z.number().nullable(),
  targetSource: z.enum(['unit', 'inherited', 'default']).nullable(),
  earned: z.number().nullable(),
  extras: z.record(z.string(), z.number().nullable()),
});

export const ZIndexGroup = z.object({
  key: z.string(),
  name: z.string(),
  points: z.number(),
  applicablePoints: z.number(),
  earned: z.number(),
  applicable: z.boolean(),
  indicators: z.array(ZIndicator),
});

const ZGrade = z.enum(GRADES.map((g) => g.grade) as [string, ...string[]]);

export const ZIndex = z.object({
  ...ZHeader,
  points: z.number(),
  applicablePoints: z
    .number()
    .meta({ description: 'Points of the sub-indicators with data; the score is out of these.' }),
  earned: z.number(),
  score: z.number().nullable().meta({ description: 'Points earned per 100 applicable points.' }),
  grade: ZGrade.nullable(),
  gradeName: z.string().nullable(),
  groups: z.array(ZIndexGroup),
});

export const ZBreakdown = z.object({
  ...ZHeader,
  by: z.enum(BREAKDOWNS),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  rows: z.array(z.object({ key: z.string(), label: z.string(), figures: ZFigures })),
});

export const ZRanking = z.object({
  ...ZHeader,
  rows: z.array(
    z.object({
      rank: z.number().int().nullable(),
      unit: z.string(),
      name: z.string(),
      earned: z.number(),
      applicablePoints: z.number(),
      score: z.number().nullable(),
      grade: ZGrade.nullable(),
      gradeName: z.string().nullable(),
    }),
  ),
});

export const ZBehind = z.object({
  ...ZHeader,
  figure: z.enum(LISTABLE_FIGURES),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(
    z.object({
      code: z.string(),
      procedureCode: z.string(),
      procedureName: z.string(),
      channel: z.string(),
      status: z.number().int(),
      at: z
        .string()
        .nullable()
        .meta({ description: 'When it counted (the event, or its last event before the moment).' }),
      dueAt: z.string().nullable(),
    }),
  ),
});

export const ZTargets = z.object({
  unit: z.string(),
  unitName: z.string(),
  year: z.number().int(),
  targets: z.array(
    z.object({
      indicator: z.string(),
      name: z.string(),
      own: z.number().nullable(),
      effective: z.number().nullable(),
      source: z.enum(['unit', 'inherited', 'default']),
      updatedAt: z.string().nullable(),
      updatedBy: z.string().nullable(),
    }),
  ),
});

export const ZTargetProgress = z.object({
  unit: z.string(),
  year: z.number().int(),
  from: z.string(),
  to: z.string(),
  progress: z.array(
    z.object({
      indicator: z.string(),
      name: z.string(),
      target: z.number().nullable(),
      source: z.enum(['unit', 'inherited', 'default']),
      rate: z.number().nullable(),
      numerator: z.number().nullable(),
      denominator: z.number().nullable(),
      met: z.boolean().nullable(),
    }),
  ),
});
