// Multipart HTML forms: the app-wide CSRF hook cannot read a streamed body, so a handler marked
// CSRF_CHECKED_IN_HANDLER reads the whole form with readMultipartForm, checks `_csrf`, and only then
// stores what was uploaded (checked by uploadProblem first).
import type { FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../shared/errors.js';
import { MAX_FILE_BYTES, sniffMediaType } from '../../shared/files/limits.js';

export interface Upload {
  name: string;
  bytes: Buffer;
  truncated: boolean;
}

/**
 * Reads a whole multipart form: its text fields and its files (each at most MAX_FILE_BYTES, cut
 * short and marked `truncated` beyond). A malformed body is a 400, too many parts a 413.
 */
/** The form's text fields (first value of each) and its files, read into memory within the plugin's limits. */
export async function readMultipartForm(
  request: FastifyRequest,
): Promise<{ fields: Record<string, string>; files: Upload[] }> {
  const fields: Record<string, string> = {};
  const files: Upload[] = [];
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.filename || bytes.length > 0)
          files.push({ name: part.filename, bytes, truncated: part.file.truncated });
      } else if (typeof part.value === 'string' && !Object.hasOwn(fields, part.fieldname)) {
        fields[part.fieldname] = part.value.normalize('NFC');
      }
    }
  } catch (error) {
    if (isAppError(error)) throw error;
    const status = (error as { statusCode?: unknown }).statusCode;
    throw new AppError(status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST');
  }
  return { fields, files };
}

/** The first problem of an upload, checked before anything is stored: type by content, size, emptiness. */
export function uploadProblem(
  upload: Upload,
): { code: 'FILE_TOO_LARGE' | 'FILE_EMPTY' | 'FILE_TYPE_NOT_ALLOWED'; status: number } | null {
  if (upload.truncated || upload.bytes.length > MAX_FILE_BYTES)
    return { code: 'FILE_TOO_LARGE', status: 413 };
  if (upload.bytes.length === 0) return { code: 'FILE_EMPTY', status: 400 };
  if (!sniffMediaType(upload.bytes)) return { code: 'FILE_TYPE_NOT_ALLOWED', status: 415 };
  return null;
}
