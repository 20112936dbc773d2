// Requests and answers of feedback and recommendations (phản ánh, kiến nghị), one schema per request,
// shared by the JSON API (and so the OpenAPI document), the web form and the staff pages. Messages are
// i18n keys under `feedback.errors` or `validation`.
import { z } from 'zod';
import { PHONE_PATTERN } from '../auth/schema.js';
import { FEEDBACK_STATUSES } from './workflow.js';

export const FEEDBACK_KINDS = ['complaint', 'recommendation'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
export const FEEDBACK_SUBJECTS = ['procedure', 'officer', 'unit', 'other'] as const;
export type FeedbackSubject = (typeof FEEDBACK_SUBJECTS)[number];
export const FEEDBACK_CHANNELS = ['web', 'open311', 'counter', 'hotline'] as const;
export type FeedbackChannel = (typeof FEEDBACK_CHANNELS)[number];
/** What staff record on a sender's behalf: what came to the counter or the hotline (or by post, on paper, as web). */
export const STAFF_CHANNELS = ['counter', 'hotline', 'web'] as const;

/** Open311's limit for a description; long enough for any feedback. */
export const FEEDBACK_BODY_MAX = 4000;
export const FEEDBACK_BODY_MIN = 10;
export const ANSWER_MAX = 4000;
export const ANSWER_MIN = 10;
export const REASON_MAX = 1000;
export const REASON_MIN = 5;
export const NOTE_MAX = 1000;
export const SENDER_NAME_MAX = 150;
export const SENDER_ADDRESS_MAX = 250;
export const EMAIL_MAX = 200;
export const OFFICER_NAME_MAX = 150;
export const MAX_FEEDBACK_FILES = 3;
export const FEEDBACK_PAGE_SIZE = 20;
export const MAX_FEEDBACK_PAGE_SIZE = 100;
export const TIME_LIMIT_DAYS_MAX = 60;
export const DEFAULT_TIME_LIMIT_DAYS = 10;

/** PA-yyMMdd-NNNN: "phản ánh", the day received, the day's sequence. */
export const FEEDBACK_CODE_PATTERN = /^PA-\d{6}-\d{4,6}$/;
/** The key shown once to the sender: eight letters and digits without look-alikes, grouped 4-4. */
export const ACCESS_KEY_PATTERN = /^[A-HJ-NP-Z2-9]{4}-?[A-HJ-NP-Z2-9]{4}$/;
const UNIT_CODE = /^[0-9A-Za-z.]{1,20}$/;
const AGENCY_CODE = /^[0-9A-Za-z.-]{1,40}$/;
const PROCEDURE_CODE = /^[0-9A-Za-z.\-_]{1,40}$/;

// One line of printable text: control characters (a NUL byte above all) are refused. Long texts may
// have line breaks and tabs.
const ONE_LINE = /^\P{Cc}*$/u;
const MULTI_LINE = /^(?:[^\p{Cc}]|[\n\t])*$/u;

/** An optional one-line text: blank (or null) means none. */
const optionalLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(ONE_LINE, 'feedback.errors.characters')
    .nullish()
    .transform((value) => (value ? value : null));

/** A text of several lines, line breaks normalised to \n. */
const longText = (min: number, max: number, tooShort: string) =>
  z
    .string()
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(1, 'feedback.errors.textRequired')
        .min(min, tooShort)
        .max(max)
        .regex(MULTI_LINE, 'feedback.errors.characters'),
    );

/** A contact number: Vietnamese mobile or landline; spaces, dots and dashes are for reading. */
export const normalizePhone = (value: string) => value.replace(/[\s.()-]/g, '');
const LANDLINE_OR_MOBILE = /^(0\d{9,10}|\+84\d{9,10})$/;

const ZOptionalPhone = z
  .string()
  .trim()
  .max(30, 'feedback.errors.phone')
  .nullish()
  .transform((value, ctx) => {
    if (!value) return null;
    const phone = normalizePhone(value);
    if (!LANDLINE_OR_MOBILE.test(phone) && !PHONE_PATTERN.test(phone)) {
      ctx.addIssue({ code: 'custom', message: 'feedback.errors.phone' });
      return z.NEVER;
    }
    return phone;
  })
  .meta({ description: 'Contact number: a 10-digit mobile or an 11-digit landline; spaces allowed.' });

const ZOptionalEmail = z
  .string()
  .trim()
  .max(EMAIL_MAX)
  .nullish()
  .transform((value, ctx) => {
    if (!value) return null;
    if (!z.email().safeParse(value).success) {
      ctx.addIssue({ code: 'custom', message: 'validation.email' });
      return z.NEVER;
    }
    return value.toLowerCase();
  });

const ZOptionalCode = (pattern: RegExp, message: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, message)
    .nullish()
    .transform((value, ctx) => {
      if (!value) return null;
      if (!pattern.test(value)) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return value;
    });

/** Feedback as the web form or the API sends it; contact details are all optional (anonymous). */
export const ZFeedbackSubmit = z
  .object({
    kind: z.enum(FEEDBACK_KINDS, 'feedback.errors.kind').meta({
      description: 'complaint (phản ánh: something wrong that happened) or recommendation (kiến nghị).',
    }),
    subjectType: z.enum(FEEDBACK_SUBJECTS, 'feedback.errors.subjectType').meta({
      description: 'What it is about: a procedure, an officer, a unit or agency, or something else.',
    }),
    procedureCode: ZOptionalCode(PROCEDURE_CODE, 'feedback.errors.unknownProcedure', 40).meta({
      description: 'The procedure it is about (code in the catalogue, e.g. 1.001193).',
    }),
    officerName: optionalLine(OFFICER_NAME_MAX).meta({
      description: 'The officer it is about, as the sender knows them (name, desk, role).',
    }),
    unitCode: ZOptionalCode(UNIT_CODE, 'feedback.errors.unknownUnit', 20).meta({
      description:
        'The unit concerned (administrative code of the town or one of its wards/communes); the deploying unit when not given.',
    }),
    body: longText(FEEDBACK_BODY_MIN, FEEDBACK_BODY_MAX, 'feedback.errors.bodyTooShort').meta({
      description: `The feedback itself, ${FEEDBACK_BODY_MIN} to ${FEEDBACK_BODY_MAX} characters.`,
    }),
    senderName: optionalLine(SENDER_NAME_MAX),
    senderPhone: ZOptionalPhone,
    senderEmail: ZOptionalEmail.meta({ description: 'The answer is e-mailed here when given.' }),
    senderAddress: optionalLine(SENDER_ADDRESS_MAX),
    publishConsent: z
      .boolean()
      .default(false)
      .meta({ description: 'The sender agrees that the feedback and its answer are published.' }),
    channel: z
      .enum(STAFF_CHANNELS, 'feedback.errors.channel')
      .optional()
      .meta({ description: 'Staff recording feedback received at the counter or on the hotline.' }),
  })
  .superRefine((value, ctx) => {
    if (value.subjectType === 'procedure' && !value.procedureCode)
      ctx.addIssue({ code: 'custom', path: ['procedureCode'], message: 'feedback.errors.procedureRequired' });
    if (value.subjectType === 'officer' && !value.officerName)
      ctx.addIssue({ code: 'custom', path: ['officerName'], message: 'feedback.errors.officerRequired' });
  });
export type TFeedbackSubmit = z.output<typeof ZFeedbackSubmit>;

/** Where the problem is (Open311 clients send it; the web form does not ask). */
export interface FeedbackLocation {
  lat: number | null;
  long: number | null;
  address: string | null;
  addressId: string | null;
  mediaUrl: string | null;
}

const ZExpectedVersion = z.coerce
  .number()
  .int()
  .min(1)
  .max(1_000_000)
  .meta({ description: 'The version the caller saw (409 when someone acted in between).' });

/** Routing an item to the unit (and optionally agency) responsible for it. */
export const ZFeedbackTriage = z.object({
  expectedVersion: ZExpectedVersion,
  unitCode: z
    .string()
    .trim()
    .min(1)
    .max(20, 'feedback.errors.unknownUnit')
    .regex(UNIT_CODE, 'feedback.errors.unknownUnit'),
  agencyCode: ZOptionalCode(AGENCY_CODE, 'feedback.errors.unknownAgency', 40),
  officerUsername: optionalLine(100).meta({
    description: 'The account of the officer the feedback is about, once identified.',
  }),
  note: optionalLine(NOTE_MAX),
});
export type TFeedbackTriage = z.output<typeof ZFeedbackTriage>;

/** The answer, and whether the feedback was upheld (đúng / không đúng). */
export const ZFeedbackAnswer = z.object({
  expectedVersion: ZExpectedVersion,
  answer: longText(ANSWER_MIN, ANSWER_MAX, 'feedback.errors.answerTooShort'),
  upheld: z.boolean('feedback.errors.upheld'),
  publish: z
    .boolean()
    .default(true)
    .meta({ description: 'Publish the item and its answer; only when the sender agreed (else ignored).' }),
});
export type TFeedbackAnswer = z.output<typeof ZFeedbackAnswer>;

/** Dismissing an item without an answer, with the reason. */
export const ZFeedbackClose = z.object({
  expectedVersion: ZExpectedVersion,
  reason: longText(REASON_MIN, REASON_MAX, 'feedback.errors.reasonTooShort'),
});
export type TFeedbackClose = z.output<typeof ZFeedbackClose>;

export const ZFeedbackSettings = z.object({
  timeLimitDays: z.coerce
    .number('feedback.errors.timeLimit')
    .int('feedback.errors.timeLimit')
    .min(1, 'feedback.errors.timeLimit')
    .max(TIME_LIMIT_DAYS_MAX, 'feedback.errors.timeLimit')
    .meta({ description: 'Working days within which new feedback is to be answered.' }),
});
export type TFeedbackSettings = z.output<typeof ZFeedbackSettings>;

export const FEEDBACK_QUEUES = ['new', 'open', 'due_soon', 'overdue', 'answered', 'closed', 'all'] as const;
export type FeedbackQueue = (typeof FEEDBACK_QUEUES)[number];

const ZPage = z.coerce.number().int().min(1).max(100_000).default(1);

export const ZFeedbackStaffQuery = z.object({
  queue: z.enum(FEEDBACK_QUEUES).default('open'),
  q: z.string().trim().max(100).optional(),
  page: ZPage,
  pageSize: z.coerce.number().int().min(1).max(MAX_FEEDBACK_PAGE_SIZE).default(FEEDBACK_PAGE_SIZE),
});
export type TFeedbackStaffQuery = z.output<typeof ZFeedbackStaffQuery>;

export const ZFeedbackPublicQuery = z.object({
  kind: z.enum(FEEDBACK_KINDS).optional(),
  q: z.string().trim().max(100).optional(),
  page: ZPage,
  pageSize: z.coerce.number().int().min(1).max(MAX_FEEDBACK_PAGE_SIZE).default(FEEDBACK_PAGE_SIZE),
});
export type TFeedbackPublicQuery = z.output<typeof ZFeedbackPublicQuery>;

export const ZFeedbackCodeParams = z.object({
  code: z.string().trim().toUpperCase().regex(FEEDBACK_CODE_PATTERN, 'feedback.errors.code'),
});

/** The sender's look-up key, in any case, with or without its dash. */
export const ZAccessKey = z
  .string()
  .trim()
  .toUpperCase()
  .max(20, 'feedback.errors.key')
  .optional()
  .transform((value, ctx) => {
    if (!value) return undefined;
    if (!ACCESS_KEY_PATTERN.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'feedback.errors.key' });
      return z.NEVER;
    }
    return value.replace('-', '');
  })
  .meta({ description: 'The look-up key given to the sender (e.g. ABCD-2345).' });

export const ZFeedbackLookup = z.object({
  code: z.string().trim().toUpperCase().regex(FEEDBACK_CODE_PATTERN, 'feedback.errors.code'),
  key: ZAccessKey,
});
export type TFeedbackLookup = z.output<typeof ZFeedbackLookup>;

// ---------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------

const ZNamed = z.object({ code: z.string(), name: z.string() });

/** What anyone may see of an item whose sender agreed to publish it (and whose answer is out). */
export const ZFeedbackPublic = z.object({
  code: z.string(),
  kind: z.enum(FEEDBACK_KINDS),
  subjectType: z.enum(FEEDBACK_SUBJECTS),
  procedure: ZNamed.nullable(),
  unit: ZNamed,
  agency: ZNamed.nullable(),
  body: z.string(),
  receivedAt: z.string(),
  answer: z.string(),
  answeredAt: z.string(),
  upheld: z.boolean(),
});
export type TFeedbackPublic = z.output<typeof ZFeedbackPublic>;

export const ZFeedbackPublicList = z.object({
  items: z.array(ZFeedbackPublic),
  total: z.number().int(),
});

/** What a look-up by code shows: the standing always; the texts with the sender's key or once published. */
export const ZFeedbackStanding = z.object({
  code: z.string(),
  kind: z.enum(FEEDBACK_KINDS),
  status: z.enum(FEEDBACK_STATUSES),
  unit: ZNamed,
  agency: ZNamed.nullable(),
  receivedAt: z.string(),
  dueAt: z.string(),
  answeredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Whether the texts below are shown (the right key, or a published item). */
  full: z.boolean(),
  body: z.string().nullable(),
  answer: z.string().nullable(),
  upheld: z.boolean().nullable(),
  closeReason: z.string().nullable(),
});
export type TFeedbackStanding = z.output<typeof ZFeedbackStanding>;

export const ZFeedbackReceipt = z.object({
  code: z.string(),
  /** Shown once: with the code, it opens the item and its answer on the look-up page. */
  accessKey: z.string(),
  status: z.enum(FEEDBACK_STATUSES),
  receivedAt: z.string(),
  dueAt: z.string(),
  unit: ZNamed,
});
export type TFeedbackReceipt = z.output<typeof ZFeedbackReceipt>;

/** An item as the staff of the responsible unit see it. */
export const ZFeedbackStaff = z.object({
  code: z.string(),
  version: z.number().int(),
  kind: z.enum(FEEDBACK_KINDS),
  subjectType: z.enum(FEEDBACK_SUBJECTS),
  channel: z.enum(FEEDBACK_CHANNELS),
  status: z.enum(FEEDBACK_STATUSES),
  procedure: ZNamed.nullable(),
  officerName: z.string().nullable(),
  officer: z.object({ username: z.string(), fullName: z.string() }).nullable(),
  unit: ZNamed,
  agency: ZNamed.nullable(),
  body: z.string(),
  sender: z.object({
    name: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    address: z.string().nullable(),
    anonymous: z.boolean(),
  }),
  publishConsent: z.boolean(),
  location: z.object({
    lat: z.number().nullable(),
    long: z.number().nullable(),
    address: z.string().nullable(),
    addressId: z.string().nullable(),
    mediaUrl: z.string().nullable(),
  }),
  receivedAt: z.string(),
  timeLimitDays: z.number().int(),
  dueAt: z.string(),
  progress: z.enum(['on_time', 'due_soon', 'overdue']).nullable(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  upheld: z.boolean().nullable(),
  publishedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
  attachments: z.array(
    z.object({ id: z.string(), name: z.string(), mediaType: z.string(), size: z.number() }),
  ),
  allowedActions: z.array(z.enum(['triage', 'answer', 'close'])),
});
export type TFeedbackStaff = z.output<typeof ZFeedbackStaff>;

export const ZFeedbackStaffList = z.object({
  queue: z.enum(FEEDBACK_QUEUES),
  items: z.array(ZFeedbackStaff.omit({ allowedActions: true, attachments: true })),
  total: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
});

export const ZFeedbackSettingsView = z.object({
  timeLimitDays: z.number().int(),
  updatedAt: z.string(),
});
