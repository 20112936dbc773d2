// The hotline directory (đường dây nóng): the chairperson's, the unit leaders' and each unit's
// numbers for feedback about procedures. One schema per request, shared by the API (and so the
// OpenAPI document) and the administrators' form. Every message is an i18n key under
// `hotlines.errors` or `validation`.
import { z } from 'zod';

export const HOTLINE_KINDS = ['chairperson', 'leader', 'unit'] as const;
export type THotlineKind = (typeof HOTLINE_KINDS)[number];

export const HOTLINE_POSITION_MAX = 200;
export const HOTLINE_NAME_MAX = 100;
export const HOTLINE_NOTE_MAX = 200;
export const HOTLINE_SORT_MAX = 9999;
/** Mobile (10 digits), landline with area code (11), free or paid short numbers (1800 1096, 1900…). */
export const HOTLINE_PHONE_PATTERN = /^(0\d{9,10}|\+84\d{9,10}|1[89]00\d{4,6}|11[1-5])$/;

/** Spaces, dots, dashes and brackets are for reading: '0212 3866 123' is kept as '02123866123'. */
export const normalizePhone = (value: string) => value.replace(/[\s.()-]/g, '');

/** The digits to dial from a displayed number: what a `tel:` link carries. */
export const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

/** '0912345678' as '0912 345 678', '02123866123' as '0212 3866 123', '18001096' as '1800 1096'. */
export function formatPhoneNumber(phone: string): string {
  if (/^0\d{9}$/.test(phone)) return `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`;
  if (/^0\d{10}$/.test(phone)) return `${phone.slice(0, 4)} ${phone.slice(4, 8)} ${phone.slice(8)}`;
  if (/^1[89]00\d+$/.test(phone)) return `${phone.slice(0, 4)} ${phone.slice(4)}`;
  return phone;
}

const PRINTABLE_LINE = /^\P{Cc}*$/u;

const line = (max: number) =>
  z
    .string()
    .transform((value) => value.normalize('NFC').trim().replace(/\s+/g, ' '))
    .pipe(z.string().min(1).max(max).regex(PRINTABLE_LINE, 'hotlines.errors.characters'));

const optionalLine = (max: number) =>
  z
    .string()
    .nullish()
    .transform((value) => (value ?? '').normalize('NFC').trim().replace(/\s+/g, ' '))
    .pipe(z.string().max(max).regex(PRINTABLE_LINE, 'hotlines.errors.characters'))
    .transform((value) => (value ? value : null));

const ZHotlinePhone = z
  .string()
  .max(30, 'hotlines.errors.phone')
  .transform((value, ctx) => {
    const phone = normalizePhone(value.trim());
    if (!phone) {
      ctx.addIssue({ code: 'custom', message: 'validation.required' });
      return z.NEVER;
    }
    if (!HOTLINE_PHONE_PATTERN.test(phone)) {
      ctx.addIssue({ code: 'custom', message: 'hotlines.errors.phone' });
      return z.NEVER;
    }
    return phone;
  })
  .meta({
    description:
      'A 10-digit mobile, an 11-digit landline with its area code, or a 1800/1900 number; spaces allowed.',
  });

/** Creating or changing a directory entry. */
export const ZHotlineInput = z.object({
  kind: z.enum(HOTLINE_KINDS, 'hotlines.errors.kind'),
  position: line(HOTLINE_POSITION_MAX).meta({
    description: 'The office held or the unit: "Chủ tịch UBND thị xã", "Phường Mộc Lỵ".',
  }),
  personName: optionalLine(HOTLINE_NAME_MAX),
  phone: ZHotlinePhone,
  note: optionalLine(HOTLINE_NOTE_MAX).meta({ description: 'When to call, or what about.' }),
  sortOrder: z.coerce.number().int().min(0).max(HOTLINE_SORT_MAX).default(0),
});
export type THotlineInput = z.output<typeof ZHotlineInput>;

export const ZHotlineParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, 'hotlines.errors.id')
    .transform(Number),
});

export const ZHotline = z.object({
  id: z.number().int(),
  kind: z.enum(HOTLINE_KINDS),
  position: z.string(),
  personName: z.string().nullable(),
  phone: z.string(),
  note: z.string().nullable(),
  sortOrder: z.number().int(),
});
export type THotline = z.output<typeof ZHotline>;

export const ZHotlineDirectory = z.object({
  /** The general hotline of the deploying unit, the number in every page footer. */
  general: z.string(),
  items: z.array(ZHotline),
});
