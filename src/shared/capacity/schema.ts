// Capacity tests of civil servants (kiểm tra năng lực công chức): topics, question and campaign
// requests, answers, and the grading rule. Every message is an i18n key under `capacity.errors` or
// `validation`. Used by the API routes, the forms and the OpenAPI document alike.
import { z } from 'zod';

/** What a bank is about: administrative procedure law, one-stop rules, digital skills, the unit's own field. */
export const TOPICS = ['procedure_law', 'one_stop', 'digital_skills', 'unit_field'] as const;
export type Topic = (typeof TOPICS)[number];

/** Single choice: exactly one correct option. Multiple choice: one or more, every one to be chosen. */
export const QUESTION_KINDS = ['single', 'multiple'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Option keys, in the order the author wrote the options (shown shuffled to candidates). */
export const OPTION_KEYS = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = OPTION_KEYS.length;

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 2000;
export const PROMPT_MAX = 2000;
export const OPTION_MAX = 500;
export const EXPLANATION_MAX = 2000;
export const MAX_DRAW_PER_TOPIC = 100;
export const MAX_DURATION_MINUTES = 600;
/** Rows one import file may hold. */
export const MAX_IMPORT_ROWS = 2000;
/** Bytes one import file may have. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** Roles a campaign may call on: the officers of the one-stop system. */
export const AUDIENCE_ROLES = ['counter_officer', 'specialist', 'unit_head', 'signing_leader'] as const;
export type AudienceRole = (typeof AUDIENCE_ROLES)[number];

export const BANK_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$/;
export const QUESTION_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
export const CAMPAIGN_CODE_PATTERN = BANK_CODE_PATTERN;
const UNIT_CODE_PATTERN = /^[0-9A-Za-z.]{1,20}$/;

// One line of text for titles and options; prompts and explanations may have line breaks. Other
// control characters (a NUL byte above all) are refused.
const ONE_LINE = /^\P{Cc}*$/u;
const MULTI_LINE = /^(?:\P{Cc}|[\n\r\t])*$/u;

/** A prompt as compared for duplicates: NFC, lower case, one space between words, no end punctuation. */
export function promptKey(prompt: string): string {
  return prompt
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/\s+/g, ' ')
    .replace(/[\s?.:…]+$/u, '')
    .trim();
}

/** Whether a candidate's choice is right: the set chosen is exactly the set of correct options. */
export function isCorrectChoice(correctKeys: readonly string[], selected: readonly string[]): boolean {
  const chosen = new Set(selected);
  return chosen.size === correctKeys.length && correctKeys.every((key) => chosen.has(key));
}

/** A score in percent with two decimals (what the database keeps). */
export function scorePercent(correct: number, total: number): number {
  if (total <= 0) return 0;
  return Math.round((correct * 10000) / total) / 100;
}

const text = (max: number, pattern = ONE_LINE) =>
  z.string().trim().min(1).max(max).regex(pattern, 'capacity.errors.characters');
const optionalText = (max: number, pattern = MULTI_LINE) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(pattern, 'capacity.errors.characters')
    .nullish()
    .transform((value) => (value ? value : null));

export const ZTopic = z.enum(TOPICS).meta({
  description:
    'procedure_law (administrative procedure law), one_stop (one-stop rules), digital_skills, unit_field (the unit’s own field).',
});
export const ZQuestionKind = z.enum(QUESTION_KINDS).meta({
  description: 'single: exactly one correct option; multiple: one or more, all to be chosen.',
});

export const ZBankCode = z
  .string()
  .trim()
  .min(1)
  .regex(BANK_CODE_PATTERN, 'capacity.errors.codeFormat')
  .meta({ description: 'Letters, digits, dot, dash or underscore; 2-40 characters.', example: 'MC-TTHC' });
export const ZQuestionCode = z
  .string()
  .trim()
  .min(1)
  .regex(QUESTION_CODE_PATTERN, 'capacity.errors.codeFormat')
  .meta({ description: 'Unique in its bank; 1-40 characters.', example: 'Q001' });
/** Words the candidate pages' addresses use after /can-bo/kiem-tra/, which no campaign may be called. */
export const RESERVED_CAMPAIGN_CODES = ['bai', 'dot', 'ngan-hang'];
export const ZCampaignCode = ZBankCode.refine(
  (code) => !RESERVED_CAMPAIGN_CODES.includes(code.toLowerCase()),
  'capacity.errors.codeReserved',
).meta({ example: 'KTNL-2025' });
const ZUnitCode = z.string().trim().min(1).regex(UNIT_CODE_PATTERN, 'validation.invalidFormat');

export const ZBankCreate = z
  .object({
    code: ZBankCode,
    title: text(TITLE_MAX),
    topic: ZTopic,
    unit: ZUnitCode.optional().meta({
      description: 'The owning unit’s code; the deploying unit when left out.',
    }),
    description: optionalText(DESCRIPTION_MAX),
  })
  .strict();
export type TBankCreate = z.output<typeof ZBankCreate>;

export const ZOptionInput = z
  .object({ text: text(OPTION_MAX), correct: z.boolean() })
  .strict()
  .meta({ description: 'An option and whether it is correct.' });

/** A question as an author writes it; the checks an import row gets too. */
export const ZQuestionInput = z
  .object({
    code: ZQuestionCode.optional().meta({ description: 'Generated (Q001, Q002…) when left out.' }),
    kind: ZQuestionKind,
    prompt: text(PROMPT_MAX, MULTI_LINE),
    options: z.array(ZOptionInput).min(MIN_OPTIONS).max(MAX_OPTIONS),
    explanation: optionalText(EXPLANATION_MAX),
    active: z.boolean().default(true),
  })
  .strict()
  .superRefine((question, ctx) => {
    if (!Array.isArray(question.options) || !question.options.every((o) => o && typeof o.text === 'string'))
      return;
    const correct = question.options.filter((o) => o.correct).length;
    if (correct === 0)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'capacity.errors.noAnswer' });
    else if (question.kind === 'single' && correct > 1)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'capacity.errors.singleHasMany' });
    const seen = new Set<string>();
    question.options.forEach((option, index) => {
      const key = promptKey(option.text);
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['options', index, 'text'],
          message: 'capacity.errors.duplicateOption',
        });
      seen.add(key);
    });
  });
export type TQuestionInput = z.output<typeof ZQuestionInput>;

/** Questions drawn per topic; a topic left out (or 0) is not asked. */
export const ZDraw = z
  .object(
    Object.fromEntries(TOPICS.map((t) => [t, z.number().int().min(0).max(MAX_DRAW_PER_TOPIC).optional()])),
  )
  .strict()
  .refine((draw) => Object.values(draw).some((n) => (n ?? 0) > 0), 'capacity.errors.drawEmpty')
  .meta({ description: 'Questions drawn per topic.', example: { procedure_law: 5, one_stop: 5 } })
  .transform((draw) => {
    const out: Partial<Record<Topic, number>> = {};
    for (const topic of TOPICS) if ((draw[topic] ?? 0) > 0) out[topic] = draw[topic]!;
    return out;
  });

const ZMoment = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value))
  .meta({ description: 'ISO 8601 with a zone, e.g. 2025-10-01T08:00:00+07:00.' });

const ZCampaignFields = z
  .object({
    code: ZCampaignCode,
    title: text(TITLE_MAX),
    description: optionalText(DESCRIPTION_MAX),
    unit: ZUnitCode.optional().meta({
      description: 'The organising unit’s code; the deploying unit when left out.',
    }),
    opensAt: ZMoment,
    closesAt: ZMoment,
    durationMinutes: z.number().int().min(1).max(MAX_DURATION_MINUTES),
    passMark: z.number().min(0).max(100).meta({ description: 'Lowest passing score, in percent.' }),
    draw: ZDraw,
    audience: z
      .object({
        units: z.array(ZUnitCode).min(1).max(50).meta({
          description: 'Unit codes; each with the units below it. Within the organising unit.',
        }),
        roles: z.array(z.enum(AUDIENCE_ROLES)).min(1).max(AUDIENCE_ROLES.length),
      })
      .strict(),
  })
  .strict();

// Zod runs an object's refinements even when a field failed: each checks what it reads.
const closesAfterOpens = (campaign: { opensAt: Date; closesAt: Date }, ctx: z.RefinementCtx) => {
  if (!(campaign.opensAt instanceof Date) || !(campaign.closesAt instanceof Date)) return;
  if (campaign.closesAt.getTime() <= campaign.opensAt.getTime())
    ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'capacity.errors.closesBeforeOpens' });
};
export const ZCampaignInput = ZCampaignFields.superRefine(closesAfterOpens);
export type TCampaignInput = z.output<typeof ZCampaignInput>;
/** A draft's new fields: everything but its code. */
export const ZCampaignUpdate = ZCampaignFields.omit({ code: true }).superRefine(closesAfterOpens);
export type TCampaignUpdate = z.output<typeof ZCampaignUpdate>;

export const ZAnswerInput = z
  .object({
    selected: z
      .array(z.enum(OPTION_KEYS))
      .max(MAX_OPTIONS)
      .meta({ description: 'The option keys chosen; an empty list clears the answer.' }),
  })
  .strict();
export type TAnswerInput = z.output<typeof ZAnswerInput>;

export const ZGrantInput = z
  .object({
    username: z.string().trim().min(1).max(100).regex(ONE_LINE, 'capacity.errors.characters'),
    reason: text(500),
  })
  .strict();

export const ZBankParams = z.object({ bank: ZBankCode });
export const ZQuestionParams = z.object({ bank: ZBankCode, question: ZQuestionCode });
export const ZCampaignParams = z.object({ campaign: ZCampaignCode });
export const ZAttemptParams = z.object({
  attempt: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 53 - 1),
});
export const ZAnswerParams = ZAttemptParams.extend({
  position: z.coerce.number().int().min(1).max(1000),
});

// ------------------------------------------------------------------------------------------------
// Responses (the OpenAPI document)
// ------------------------------------------------------------------------------------------------

export const ZBankSummary = z.object({
  code: z.string(),
  title: z.string(),
  topic: ZTopic,
  unit: z.string(),
  description: z.string().nullable(),
  questions: z.number().int(),
  activeQuestions: z.number().int(),
});

export const ZQuestion = z.object({
  code: z.string(),
  kind: ZQuestionKind,
  prompt: z.string(),
  options: z.array(z.object({ key: z.string(), text: z.string(), correct: z.boolean() })),
  explanation: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});

export const ZBankDetail = ZBankSummary.extend({ items: z.array(ZQuestion) });

export const ZImportReport = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});

export const ZCampaign = z.object({
  code: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  unit: z.string(),
  status: z.enum(['draft', 'published']),
  state: z.enum(['draft', 'upcoming', 'open', 'closed']),
  opensAt: z.string(),
  closesAt: z.string(),
  durationMinutes: z.number().int(),
  passMark: z.number(),
  draw: z.record(z.string(), z.number().int()),
  questionCount: z.number().int(),
  audience: z.object({ units: z.array(z.string()), roles: z.array(z.string()) }),
  candidates: z.number().int(),
  mine: z
    .object({
      attemptsAllowed: z.number().int(),
      attemptsUsed: z.number().int(),
      inProgress: z.number().int().nullable(),
      lastScore: z.number().nullable(),
      passed: z.boolean().nullable(),
    })
    .nullable()
    .meta({ description: 'The caller’s standing when they are a candidate.' }),
});

export const ZAttempt = z.object({
  id: z.number().int(),
  campaign: z.string(),
  attemptNo: z.number().int(),
  status: z.enum(['in_progress', 'submitted']),
  startedAt: z.string(),
  deadline: z.string(),
  remainingSeconds: z.number().int(),
  questions: z.array(
    z.object({
      position: z.number().int(),
      topic: ZTopic,
      kind: ZQuestionKind,
      prompt: z.string(),
      options: z.array(z.object({ key: z.string(), text: z.string() })),
      selected: z.array(z.string()),
    }),
  ),
});

export const ZSavedAnswer = z.object({
  position: z.number().int(),
  selected: z.array(z.string()),
  savedAt: z.string(),
  remainingSeconds: z.number().int(),
});

export const ZAttemptResult = z.object({
  id: z.number().int(),
  campaign: z.string(),
  attemptNo: z.number().int(),
  submittedAt: z.string(),
  submittedBy: z.enum(['candidate', 'deadline']),
  correct: z.number().int(),
  questions: z.number().int(),
  score: z.number(),
  passMark: z.number(),
  passed: z.boolean(),
  byTopic: z.array(z.object({ topic: ZTopic, correct: z.number().int(), questions: z.number().int() })),
  review: z
    .array(
      z.object({
        position: z.number().int(),
        topic: ZTopic,
        kind: ZQuestionKind,
        prompt: z.string(),
        options: z.array(z.object({ key: z.string(), text: z.string(), correct: z.boolean() })),
        selected: z.array(z.string()),
        correct: z.boolean(),
        explanation: z.string().nullable(),
      }),
    )
    .nullable()
    .meta({ description: 'The questions with the right answers: only once the campaign has closed.' }),
});

export const ZCampaignReport = z.object({
  campaign: z.string(),
  candidates: z.number().int(),
  submitted: z.number().int(),
  passed: z.number().int(),
  averageScore: z.number().nullable(),
  byUnit: z.array(
    z.object({
      unit: z.string(),
      agency: z.string().nullable(),
      name: z.string(),
      candidates: z.number().int(),
      submitted: z.number().int(),
      passed: z.number().int(),
      averageScore: z.number().nullable(),
    }),
  ),
  byTopic: z.array(
    z.object({
      topic: ZTopic,
      answers: z.number().int(),
      correct: z.number().int(),
      correctRate: z.number().nullable(),
    }),
  ),
  people: z.array(
    z.object({
      username: z.string(),
      fullName: z.string(),
      unit: z.string(),
      agency: z.string().nullable(),
      role: z.string(),
      attemptsAllowed: z.number().int(),
      attemptsUsed: z.number().int(),
      status: z.enum(['not_started', 'in_progress', 'submitted']),
      score: z.number().nullable(),
      passed: z.boolean().nullable(),
      submittedAt: z.string().nullable(),
    }),
  ),
});
