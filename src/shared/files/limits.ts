// Limits on uploads, shared by the server and the pages that explain them.
export const ACCEPTED_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AcceptedMediaType = (typeof ACCEPTED_MEDIA_TYPES)[number];
/** One file: a scanned A4 page at 300 dpi is well under this. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** All files of one application. */
export const MAX_APPLICATION_BYTES = 50 * 1024 * 1024;
export const MAX_FILES_PER_APPLICATION = 30;
export const MAX_FILE_NAME_LENGTH = 200;

/** The media type from the first bytes of the content, never from the name. */
export function sniffMediaType(bytes: Uint8Array): AcceptedMediaType | null {
  const starts = (signature: number[]) => signature.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  return null;
}
