// News and announcements (tin tức, thông báo): one schema per request, shared by the API (and so the
// OpenAPI document) and the administrators' form. Every message is an i18n key under `news.errors`
// or `validation`.
import { z } from 'zod';
import { parseMoment } from '../calendar/format.js';
import { foldVietnamese } from '../text/fold.js';

export const NEWS_TITLE_MAX = 200;
export const NEWS_SUMMARY_MAX = 600;
export const NEWS_BODY_MAX = 50_000;
export const NEWS_IMAGE_ALT_MAX = 250;
export const NEWS_SLUG_MAX = 80;
export const NEWS_PAGE_SIZE = 10;
export const MAX_NEWS_PAGE_SIZE = 100;
/** How many articles the home page shows. */
export const HOME_NEWS_COUNT = 3;
/** Pictures only: a PDF is a document, not an article's image. */
export const NEWS_IMAGE_TYPES = ['image/jpeg', 'image/png'] as const;

/** Draft, or published; a published article dated in the future is scheduled. */
export const NEWS_STATES = ['draft', 'scheduled', 'published'] as const;
export type TNewsState = (typeof NEWS_STATES)[number];

/** The words of a title without diacritics, for the address: "Mộc Châu đẩy mạnh…" -> "moc-chau-day-manh…". */
export function newsSlug(title: string): string {
  const words = foldVietnamese(title).split(' ').filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > NEWS_SLUG_MAX) break;
    slug = next;
  }
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) ? slug : 'tin';
}

// One line of printable text; control characters other than line breaks are refused in the body.
const PRINTABLE_LINE = /^\P{Cc}*$/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

const line = (max: number) =>
  z
    .string()
    .transform((value) => value.normalize('NFC').trim().replace(/\s+/g, ' '))
    .pipe(z.string().min(1).max(max).regex(PRINTABLE_LINE, 'news.errors.characters'));

const ZNewsBody = z
  .string()
  .transform((value) => value.normalize('NFC').replace(/\r\n?/g, '\n').trim())
  .pipe(
    z
      .string()
      .min(1)
      .max(NEWS_BODY_MAX)
      .refine((value) => !CONTROL.test(value), 'news.errors.characters'),
  )
  .meta({ description: 'Plain text; a blank line starts a new paragraph.' });

const ZImageAlt = z
  .string()
  .nullish()
  .transform((value) => {
    const alt = (value ?? '').normalize('NFC').trim().replace(/\s+/g, ' ');
    return alt ? alt : null;
  })
  .pipe(z.string().max(NEWS_IMAGE_ALT_MAX).regex(PRINTABLE_LINE, 'news.errors.characters').nullable())
  .meta({ description: 'What the image shows, for people who cannot see it; required with an image.' });

/** A publication moment: ISO-8601 with an offset, or a form's 'YYYY-MM-DDTHH:mm' read as Vietnam time. */
export const ZPublishAt = z
  .string()
  .max(40, 'news.errors.publishAt')
  .nullish()
  .transform((value, ctx) => {
    const text = (value ?? '').trim();
    if (!text) return null;
    const parsed = parseMoment(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: 'news.errors.publishAt' });
      return z.NEVER;
    }
    return parsed.value;
  })
  .meta({
    description:
      'Publication time, ISO-8601 (e.g. 2026-03-02T08:00:00+07:00). Blank: when the article is published. In the future: scheduled.',
  });

const ZNewsFields = {
  title: line(NEWS_TITLE_MAX),
  summary: line(NEWS_SUMMARY_MAX),
  body: ZNewsBody,
  imageAlt: ZImageAlt,
  publishAt: ZPublishAt,
};

const requireAlt = (
  value: { imageFileId?: string | null | undefined; imageAlt: string | null },
  ctx: z.RefinementCtx,
) => {
  if (value.imageFileId && !value.imageAlt)
    ctx.addIssue({ code: 'custom', path: ['imageAlt'], message: 'news.errors.altRequired' });
};

/** Creating an article through the API; the image is a file uploaded first (POST /api/v1/files). */
export const ZNewsCreate = z
  .object({
    ...ZNewsFields,
    imageFileId: z
      .uuid('news.errors.image')
      .nullish()
      .transform((value) => value ?? null),
    publish: z.boolean().default(false),
  })
  .superRefine(requireAlt);
export type TNewsCreate = z.output<typeof ZNewsCreate>;

/** Changing an article through the API: every field, as on the form; a null image removes it. */
export const ZNewsUpdate = z
  .object({
    ...ZNewsFields,
    imageFileId: z
      .uuid('news.errors.image')
      .nullish()
      .transform((value) => value ?? null),
  })
  .superRefine(requireAlt);
export type TNewsUpdate = z.output<typeof ZNewsUpdate>;

/**
 * The administrators' form (multipart): the text fields; the uploaded image is checked beside it.
 * `hasImage` says whether the article will have an image (a new upload, or the current one kept).
 */
export function newsFormSchema(hasImage: boolean) {
  return z.object({
    ...ZNewsFields,
    // Checked on the field itself, so it is reported together with any other field's problem.
    imageAlt: hasImage ? ZImageAlt.refine((alt) => alt !== null, 'news.errors.altRequired') : ZImageAlt,
  });
}

export type TNewsForm = z.output<ReturnType<typeof newsFormSchema>>;

export const ZNewsQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_NEWS_PAGE_SIZE).default(NEWS_PAGE_SIZE),
  scope: z
    .enum(['published', 'all'], 'news.errors.scope')
    .default('published')
    .meta({ description: '"all" (administrators): drafts and scheduled articles too.' }),
});

export const ZNewsParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, 'news.errors.id')
    .transform(Number),
});

// ---------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------

export const ZNewsSummary = z.object({
  id: z.number().int(),
  slug: z.string(),
  url: z.string().meta({ description: 'The public page of the article.' }),
  title: z.string(),
  summary: z.string(),
  image: z.object({ url: z.string(), alt: z.string() }).nullable(),
  state: z.enum(NEWS_STATES),
  publishedAt: z
    .string()
    .nullable()
    .meta({ description: 'ISO-8601 in Vietnam time; null for an undated draft.' }),
});
export type TNewsSummary = z.output<typeof ZNewsSummary>;

export const ZNewsList = z.object({ items: z.array(ZNewsSummary), total: z.number().int() });

export const ZNewsDetail = ZNewsSummary.extend({ body: z.string(), updatedAt: z.string() });
export type TNewsDetail = z.output<typeof ZNewsDetail>;
