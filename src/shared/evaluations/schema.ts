// Satisfaction evaluations (đánh giá sự hài lòng): the three levels, the requests of the API and of
// the forms, and the answers. Every message is an i18n key under `evaluations.errors` or `validation`.
import { z } from 'zod';
import { APPLICATION_CODE_PATTERN } from '../applications/schema.js';
import { ZCalendarDate } from '../calendar/schema.js';

/** The levels, best first (Rất hài lòng, Hài lòng, Không hài lòng). */
export const EVALUATION_LEVELS = ['very_satisfied', 'satisfied', 'not_satisfied'] as const;
export type EvaluationLevel = (typeof EVALUATION_LEVELS)[number];

export const EVALUATION_CHANNELS = ['online', 'email', 'kiosk'] as const;
export type EvaluationChannel = (typeof EVALUATION_CHANNELS)[number];

export const COMMENT_MAX = 1000;
export const CRITERION_LABEL_MAX = 200;
export const MAX_CRITERIA = 30;
export const CRITERION_CODE_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;
/** A single-use link's token: 32 random bytes, base64url. */
export const EVALUATION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** The last four digits of the applicant's phone or ID number, as on the tracking page. */
export const VERIFY_PATTERN = /^\d{4}$/;

/** The overall level of an evaluation: the lowest level given over its criteria. */
export function lowestLevel(levels: readonly EvaluationLevel[]): EvaluationLevel {
  let worst = 0;
  for (const level of levels) worst = Math.max(worst, EVALUATION_LEVELS.indexOf(level));
  return EVALUATION_LEVELS[worst] ?? 'very_satisfied';
}

export const ZEvaluationLevel = z.enum(EVALUATION_LEVELS).meta({
  description: 'very_satisfied (Rất hài lòng), satisfied (Hài lòng) or not_satisfied (Không hài lòng).',
});

// One line of text for labels; a comment may also have line breaks. Other control characters (a NUL
// byte above all) are refused.
const ONE_LINE = /^\P{Cc}*$/u;
const MULTI_LINE = /^(?:\P{Cc}|[\n\r\t])*$/u;

export const ZCriterionCode = z
  .string()
  .trim()
  .min(1)
  .max(40, 'evaluations.errors.codeFormat')
  .regex(CRITERION_CODE_PATTERN, 'evaluations.errors.codeFormat')
  .meta({
    description: 'Criterion code: lower-case letters, digits and _, 2-40 characters (e.g. attitude).',
  });

/** Answers: the level given for each criterion, by criterion code. Every active criterion is asked. */
export const ZAnswers = z
  .record(z.string().regex(CRITERION_CODE_PATTERN, 'evaluations.errors.unknownCriterion'), ZEvaluationLevel)
  .refine((answers) => Object.keys(answers).length <= MAX_CRITERIA, 'validation.tooManyItems')
  .meta({
    description: 'The level for each active criterion, by its code (GET /api/v1/evaluations/criteria).',
    example: { attitude: 'very_satisfied', guidance: 'satisfied' },
  });

const ZComment = z
  .string()
  .trim()
  .max(COMMENT_MAX)
  .regex(MULTI_LINE, 'evaluations.errors.characters')
  .nullish()
  .transform((value) => (value ? value : null));

/**
 * An evaluation sent through the API: a single-use link's token, or the application's code with the
 * last four digits of the applicant's phone or ID number (what the tracking page asks for).
 */
export const ZEvaluationSubmit = z
  .object({
    token: z
      .string()
      .regex(EVALUATION_TOKEN_PATTERN, 'evaluations.errors.linkInvalid')
      .optional()
      .meta({ description: 'The token of the link /danh-gia/{token} (result e-mail).' }),
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(APPLICATION_CODE_PATTERN, 'applications.track.codeInvalid')
      .optional()
      .meta({ description: 'Application code, with verify.' }),
    verify: z
      .string()
      .trim()
      .regex(VERIFY_PATTERN, 'applications.errors.verify')
      .optional()
      .meta({ description: 'Last four digits of the applicant’s phone or ID number, with code.' }),
    answers: ZAnswers,
    comment: ZComment.meta({ description: `Optional comment, at most ${COMMENT_MAX} characters.` }),
  })
  .superRefine((value, ctx) => {
    const byCode = value.code !== undefined || value.verify !== undefined;
    if (value.token !== undefined && byCode) {
      ctx.addIssue({ code: 'custom', path: ['token'], message: 'evaluations.errors.proofBoth' });
    } else if (value.token === undefined) {
      if (value.code === undefined)
        ctx.addIssue({ code: 'custom', path: ['code'], message: 'evaluations.errors.proofRequired' });
      if (value.verify === undefined)
        ctx.addIssue({ code: 'custom', path: ['verify'], message: 'evaluations.errors.proofRequired' });
    }
  });
export type TEvaluationSubmit = z.output<typeof ZEvaluationSubmit>;

/** The form of the pages (link, tracking, kiosk): answers and the comment; the proof is the address. */
export const ZEvaluationForm = z.object({ answers: ZAnswers, comment: ZComment });
export type TEvaluationForm = z.output<typeof ZEvaluationForm>;

/** The tracking page's "Đánh giá" button: the code and the digits it was opened with. */
export const ZEvaluationStart = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .min(1)
    .regex(APPLICATION_CODE_PATTERN, 'applications.track.codeInvalid'),
  verify: z.string().trim().regex(VERIFY_PATTERN, 'applications.errors.verify'),
});

export const ZEvaluationTokenParams = z.object({ token: z.string().regex(EVALUATION_TOKEN_PATTERN) });

const countsShape = {
  verySatisfied: z.number().int(),
  satisfied: z.number().int(),
  notSatisfied: z.number().int(),
  total: z.number().int(),
};
export const ZLevelCounts = z.object(countsShape);
export type TLevelCounts = z.output<typeof ZLevelCounts>;

export const ZEvaluationResponse = z.object({
  code: z.string().meta({ description: 'The application evaluated.' }),
  channel: z.enum(EVALUATION_CHANNELS),
  level: ZEvaluationLevel.meta({ description: 'Overall: the lowest level given.' }),
  answers: z.array(z.object({ criterion: z.string(), level: ZEvaluationLevel })),
  comment: z.string().nullable(),
  submittedAt: z.string(),
});

export const ZCriterion = z.object({
  code: z.string(),
  label: z.string().meta({ description: 'In the language of the request.' }),
  position: z.number().int(),
});
export const ZCriteriaResponse = z.object({ items: z.array(ZCriterion) });

const ZUnitCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z.]{1,20}$/, 'evaluations.errors.unknownUnit')
  .meta({ description: 'Administrative code of a unit; its evaluations and those of the units below it.' });

export const ZSummaryQuery = z
  .object({
    unit: ZUnitCode.optional(),
    from: ZCalendarDate.optional().meta({ description: 'First day (Vietnam time), YYYY-MM-DD.' }),
    to: ZCalendarDate.optional().meta({ description: 'Last day, included, YYYY-MM-DD.' }),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.from > value.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'evaluations.errors.range' });
  });
export type TSummaryQuery = z.output<typeof ZSummaryQuery>;

export const ZSummaryResponse = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  unit: z.string().nullable(),
  total: ZLevelCounts,
  units: z.array(z.object({ code: z.string(), name: z.string(), counts: ZLevelCounts })),
  officers: z.array(z.object({ username: z.string(), fullName: z.string(), counts: ZLevelCounts })),
  criteria: z.array(z.object({ code: z.string(), label: z.string(), counts: ZLevelCounts })),
});

export const ZCriterionLabels = z.object({
  labelVi: z.string().trim().min(1).max(CRITERION_LABEL_MAX).regex(ONE_LINE, 'evaluations.errors.characters'),
  labelEn: z.string().trim().min(1).max(CRITERION_LABEL_MAX).regex(ONE_LINE, 'evaluations.errors.characters'),
});
export type TCriterionLabels = z.output<typeof ZCriterionLabels>;

export const ZCriterionCreate = ZCriterionLabels.extend({ code: ZCriterionCode });
export type TCriterionCreate = z.output<typeof ZCriterionCreate>;

export const ZCriterionParams = z.object({ code: ZCriterionCode });
