// Comments on procedure and news pages (bình luận): one schema per request, shared by the API (and
// so the OpenAPI document), the page form and the moderation queue. Every message is an i18n key
// under `comments.errors` or `validation`.
//
// Length is counted in user-perceived characters after NFC (src/shared/text/graphemes.ts), exactly as
// the live counter in the browser counts it; the limits come from the configuration.
import { z } from 'zod';
import { countCommentCharacters, maxStackedMarks } from '../text/graphemes.js';

export const COMMENT_TARGET_TYPES = ['procedure', 'news'] as const;
export type TCommentTargetType = (typeof COMMENT_TARGET_TYPES)[number];

export const COMMENT_STATUSES = ['pending', 'published', 'rejected'] as const;
export type TCommentStatus = (typeof COMMENT_STATUSES)[number];

export const MODERATION_ACTIONS = ['publish', 'reject'] as const;
export type TModerationAction = (typeof MODERATION_ACTIONS)[number];

/**
 * What a moderator may do to a comment in each status: publish or reject a pending one, take a
 * published one down, publish one rejected by mistake. Anything else is a 409.
 */
export const ALLOWED_MODERATION = {
  pending: ['publish', 'reject'],
  published: ['reject'],
  rejected: ['publish'],
} as const satisfies Record<TCommentStatus, readonly TModerationAction[]>;

export const MODERATION_RESULT = {
  publish: 'published',
  reject: 'rejected',
} as const satisfies Record<TModerationAction, TCommentStatus>;

export function moderationAllowed(status: TCommentStatus, action: TModerationAction): boolean {
  return (ALLOWED_MODERATION[status] as readonly TModerationAction[]).includes(action);
}

/** The defaults of COMMENT_MIN_CHARS and COMMENT_MAX_CHARS. */
export const DEFAULT_COMMENT_LIMITS = { minChars: 5, maxChars: 500 } as const;
/** The configurable range of both limits. */
export const COMMENT_LIMIT_BOUNDS = { min: 1, max: 5000 } as const;
export interface CommentLimits {
  minChars: number;
  maxChars: number;
}

/** More marks than this on one character is "Zalgo" text, not writing (Vietnamese needs at most two). */
export const MAX_STACKED_MARKS = 4;
/**
 * Code units allowed per counted character: a family emoji with skin tones takes 19, so 32 leaves room
 * for any real text while bounding what a few hundred characters can weigh.
 */
export const CODE_UNITS_PER_CHARACTER = 32;
export const AUTHOR_NAME_MAX = 100;
export const COMMENTS_PAGE_SIZE = 20;
export const MAX_COMMENTS_PAGE_SIZE = 100;
/** Procedure codes and news ids: what a target's address may hold. */
export const TARGET_ID_MAX = 40;

// Line breaks and tabs are writing; any other control character (a NUL byte above all) is refused.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// Nothing visible: only white space, invisible format characters (zero-width space, joiners) and marks.
const INVISIBLE = /^[\p{White_Space}\p{Cf}\p{M}]*$/u;

/**
 * The comment body: NFC, trimmed, line breaks as \n, then checked in this order, so each problem has
 * its own message: nothing visible, control characters, too few characters, too many characters,
 * stacked marks.
 */
export function commentBodySchema(limits: CommentLimits) {
  return z
    .string()
    .max(limits.maxChars * CODE_UNITS_PER_CHARACTER, 'comments.errors.tooHeavy')
    .transform((value, ctx) => {
      const body = value.normalize('NFC').replace(/\r\n?/g, '\n').trim();
      const count = countCommentCharacters(body);
      const problem = (message: string) => {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      };
      if (INVISIBLE.test(body)) return problem('comments.errors.blank');
      if (CONTROL.test(body)) return problem('comments.errors.characters');
      if (count < limits.minChars) {
        ctx.addIssue({
          code: 'too_small',
          origin: 'string',
          minimum: limits.minChars,
          inclusive: true,
          input: body,
          message: 'comments.errors.tooShort',
        });
        return z.NEVER;
      }
      if (count > limits.maxChars) {
        ctx.addIssue({
          code: 'too_big',
          origin: 'string',
          maximum: limits.maxChars,
          inclusive: true,
          input: body,
          message: 'comments.errors.tooLong',
        });
        return z.NEVER;
      }
      if (maxStackedMarks(body) > MAX_STACKED_MARKS) return problem('comments.errors.stackedMarks');
      return body;
    })
    .meta({
      description: `The comment: ${limits.minChars} to ${limits.maxChars} characters, counted as people see them (grapheme clusters after NFC normalisation), not as UTF-16 code units.`,
    });
}

const PRINTABLE_LINE = /^\P{Cc}*$/u;

/** The name shown with an anonymous comment; signed-in people comment under their account's name. */
export const ZAuthorName = z
  .string()
  .max(AUTHOR_NAME_MAX * CODE_UNITS_PER_CHARACTER, 'comments.errors.nameTooLong')
  .nullish()
  .transform((value, ctx) => {
    const name = (value ?? '').normalize('NFC').trim().replace(/\s+/g, ' ');
    if (!name) return null;
    if (!PRINTABLE_LINE.test(name) || INVISIBLE.test(name)) {
      ctx.addIssue({ code: 'custom', message: 'comments.errors.nameCharacters' });
      return z.NEVER;
    }
    if (countCommentCharacters(name) > AUTHOR_NAME_MAX) {
      ctx.addIssue({
        code: 'too_big',
        origin: 'string',
        maximum: AUTHOR_NAME_MAX,
        inclusive: true,
        input: name,
        message: 'comments.errors.nameTooLong',
      });
      return z.NEVER;
    }
    return name;
  })
  .meta({
    description: `Required when nobody is signed in: the name shown with the comment (at most ${AUTHOR_NAME_MAX} characters).`,
  });

export const ZCommentTargetType = z.enum(COMMENT_TARGET_TYPES, 'comments.errors.targetType');

/** A procedure code ('1.001193') or a news article's id ('12'). */
export const ZCommentTargetId = z
  .string()
  .trim()
  .min(1, 'comments.errors.unknownTarget')
  .max(TARGET_ID_MAX, 'comments.errors.unknownTarget')
  .regex(/^[0-9A-Za-z][0-9A-Za-z._-]*$/, 'comments.errors.unknownTarget')
  .meta({ description: 'The procedure code (targetType "procedure") or the news article id ("news").' });

/** Posting a comment, through the API or the page form. */
export function commentCreateSchema(limits: CommentLimits) {
  return z.object({
    targetType: ZCommentTargetType,
    targetId: ZCommentTargetId,
    // In the form's order, so the error summary lists problems as the fields come.
    authorName: ZAuthorName,
    body: commentBodySchema(limits),
  });
}
export type TCommentCreate = z.output<ReturnType<typeof commentCreateSchema>>;

/** The page form: the same, and a name is required when nobody is signed in. */
export function commentFormSchema(limits: CommentLimits, signedIn: boolean) {
  const schema = commentCreateSchema(limits);
  if (signedIn) return schema;
  return schema.extend({
    authorName: ZAuthorName.refine((name) => name !== null, 'comments.errors.nameRequired'),
  });
}

export const ZCommentsQuery = z.object({
  targetType: ZCommentTargetType,
  targetId: ZCommentTargetId,
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_COMMENTS_PAGE_SIZE).default(COMMENTS_PAGE_SIZE),
});

export const ZModerationQuery = z.object({
  status: z.enum(COMMENT_STATUSES, 'comments.errors.status').default('pending'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_COMMENTS_PAGE_SIZE).default(COMMENTS_PAGE_SIZE),
});
export type TModerationQuery = z.output<typeof ZModerationQuery>;

export const ZCommentParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, 'comments.errors.id')
    .transform(Number),
});

/** A moderator's decision; `expectedStatus` is what the moderator saw (409 when it has changed since). */
export const ZModeration = z.object({
  action: z.enum(MODERATION_ACTIONS, 'comments.errors.action'),
  expectedStatus: z.enum(COMMENT_STATUSES, 'comments.errors.status').optional(),
});
export type TModeration = z.output<typeof ZModeration>;

// ---------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------

export const ZComment = z.object({
  id: z.number().int(),
  targetType: z.enum(COMMENT_TARGET_TYPES),
  targetId: z.string(),
  authorName: z.string(),
  body: z.string(),
  status: z.enum(COMMENT_STATUSES),
  createdAt: z.string().meta({ description: 'ISO-8601 in Vietnam time.' }),
});
export type TComment = z.output<typeof ZComment>;

export const ZCommentList = z.object({ items: z.array(ZComment), total: z.number().int() });

export const ZQueuedComment = ZComment.extend({
  targetTitle: z.string(),
  targetUrl: z.string().meta({ description: 'The public page the comment belongs to.' }),
  /** Whether the author was signed in (their account's name is shown) or typed a name. */
  authorSignedIn: z.boolean(),
  moderatedAt: z.string().nullable(),
});
export type TQueuedComment = z.output<typeof ZQueuedComment>;

export const ZModerationQueue = z.object({
  items: z.array(ZQueuedComment),
  total: z.number().int(),
  counts: z.object({ pending: z.number().int(), published: z.number().int(), rejected: z.number().int() }),
});
