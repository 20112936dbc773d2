// What the citizen's pages read from forms and keep in a draft. The draft holds what was typed (as
// text), so a half-finished application comes back exactly as it was left; the submission schema
// (shared/applications/schema.ts) checks it again when it is sent.
import { z } from 'zod';
import { NOTE_MAX } from '../../../shared/applications/schema.js';
import { MAX_FILE_NAME_LENGTH } from '../../../shared/files/limits.js';

/** Longest value kept for any one typed field of a draft (the longest form field takes 2,000). */
export const MAX_DRAFT_VALUE = 2000;
/** Drafts one person may keep at once. */
export const MAX_DRAFTS_PER_OWNER = 20;
/** Applications per page on "Hồ sơ của tôi". */
export const MY_APPLICATIONS_PAGE_SIZE = 10;
/** The highest page number a link may ask for; beyond it the list is empty anyway. */
export const MAX_PAGE = 10_000;

/** Codes of applications as the pages accept them; lookups decide whether one exists. */
export const PAGE_APPLICATION_CODE = /^[0-9A-Za-z.-]{3,60}$/;

const value = z.string().max(MAX_DRAFT_VALUE);

export const ZDraftDocument = z.object({
  componentId: z.string().min(1).max(40),
  fileId: z.uuid(),
  name: z.string().max(MAX_FILE_NAME_LENGTH),
  size: z.number().int().min(0),
  mediaType: z.string().max(100),
});
export type TDraftDocument = z.output<typeof ZDraftDocument>;

export const ZDraftApplicant = z.object({
  fullName: value.default(''),
  idNumber: value.default(''),
  phone: value.default(''),
  email: value.default(''),
  address: value.default(''),
});
export type TDraftApplicant = z.output<typeof ZDraftApplicant>;

export const ZDraftData = z.object({
  applicant: ZDraftApplicant.default({ fullName: '', idNumber: '', phone: '', email: '', address: '' }),
  unitCode: z.string().max(20).default(''),
  formData: z.record(z.string().max(100), value).default({}),
  documents: z.array(ZDraftDocument).max(500).default([]),
  /** The details step was completed (valid) at least once. */
  detailsDone: z.boolean().default(false),
  /** The documents step was completed at least once. */
  documentsDone: z.boolean().default(false),
});
export type TDraftData = z.output<typeof ZDraftData>;

/** A stored draft's data; anything unreadable starts afresh rather than failing the page. */
export function readDraftData(data: unknown): TDraftData {
  const parsed = ZDraftData.safeParse(data ?? {});
  return parsed.success ? parsed.data : ZDraftData.parse({});
}

export const ZDraftId = z.uuid();

/** The page number of a `?trang=` link: 1 for anything that is not a sensible page. */
export function pageNumber(raw: unknown): number {
  const n = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return n >= 1 && n <= MAX_PAGE ? n : 1;
}

const ZVersion = z.coerce.number().int().min(1).max(1_000_000_000);

/** The withdrawal form: the version the applicant saw and, if they give one, their reason. */
export const ZWithdrawForm = z.object({
  expectedVersion: ZVersion,
  reason: z.string().trim().max(NOTE_MAX).optional(),
});

/** The text fields of the supplement form (its files travel beside them). */
export const ZSupplementForm = z.object({
  expectedVersion: ZVersion,
  note: z.string().trim().max(NOTE_MAX).optional(),
});
