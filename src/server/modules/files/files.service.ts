import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors.js';
import { MAX_FILE_BYTES, MAX_FILE_NAME_LENGTH, sniffMediaType } from '../../../shared/files/limits.js';
import type { ActionContext, AppDeps, Queryable } from '../../context.js';
import type { MediaType } from '../../db/schema.js';
import { findFile, findFileAttachment, insertFile } from './files.repository.js';

export interface StoredFile {
  id: string;
  mediaType: string;
  size: number;
  sha256: string;
  name: string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const cleaned = base.normalize('NFC').replace(CONTROL_CHARACTERS, '').trim();
  return (cleaned || 'file').slice(0, MAX_FILE_NAME_LENGTH);
}

/** An upload whose bytes are written (and synced) but whose row is not recorded yet. */
export interface WrittenUpload extends StoredFile {
  storageKey: string;
}

/**
 * Checks an upload (PDF, JPEG or PNG by its content, within the size limit) and writes its bytes.
 * For callers that record the row in their own transaction (recordUpload) and remove the bytes again
 * (discardUpload) if that transaction fails.
 */
export async function writeUpload(
  deps: AppDeps,
  input: { bytes: Uint8Array; name: string; truncated?: boolean },
): Promise<WrittenUpload> {
  if (input.truncated || input.bytes.length > MAX_FILE_BYTES) {
    throw new AppError('FILE_TOO_LARGE', { params: { maxMb: MAX_FILE_BYTES / 1024 / 1024 } });
  }
  if (input.bytes.length === 0) throw new AppError('FILE_EMPTY');
  const mediaType = sniffMediaType(input.bytes);
  if (!mediaType) throw new AppError('FILE_TYPE_NOT_ALLOWED');
  const id = randomUUID();
  const now = deps.clock.now();
  const storageKey = `files/${now.toISOString().slice(0, 7).replace('-', '/')}/${id}`;
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const name = cleanName(input.name);
  await deps.storage.put(storageKey, input.bytes);
  return { id, mediaType, size: input.bytes.length, sha256, name, storageKey };
}

/** The row of a written upload, inside the caller's transaction. */
export async function recordUpload(
  db: Queryable,
  upload: WrittenUpload,
  input: { ownerId: number | null; at: Date },
): Promise<void> {
  await insertFile(db, {
    id: upload.id,
    ownerId: input.ownerId,
    storageKey: upload.storageKey,
    sha256: upload.sha256,
    size: upload.size,
    mediaType: upload.mediaType as MediaType,
    name: upload.name,
    at: input.at,
  });
}

/** Removes the bytes of an upload whose row could not be recorded. */
export async function discardUpload(deps: AppDeps, upload: WrittenUpload): Promise<void> {
  await deps.storage.delete(upload.storageKey);
}

/**
 * Keeps an uploaded file: PDF, JPEG or PNG by its content, within the size limit. The bytes are
 * written (and synced) before the row, and removed again if the row cannot be written, so a file is
 * never half-stored.
 */
export async function uploadFile(
  deps: AppDeps,
  context: ActionContext,
  input: { bytes: Uint8Array; name: string; truncated?: boolean },
): Promise<StoredFile> {
  if (!context.actor) throw new AppError('UNAUTHENTICATED');
  const upload = await writeUpload(deps, input);
  try {
    await recordUpload(deps.database.db, upload, { ownerId: context.actor.userId, at: deps.clock.now() });
  } catch (error) {
    await discardUpload(deps, upload);
    throw error;
  }
  const { storageKey: _key, ...stored } = upload;
  return stored;
}

/**
 * A file's bytes, only for someone who may see them: its owner, or an officer who may see the
 * application it is attached to (`canSeeApplication` decides that).
 */
export async function readFileFor(
  deps: AppDeps,
  context: ActionContext,
  input: { id: string; canSeeApplication: (applicationId: number) => Promise<boolean> },
) {
  if (!context.actor) throw new AppError('UNAUTHENTICATED');
  const file = await findFile(deps.database.db, input.id);
  if (!file) throw new AppError('FILE_NOT_FOUND');
  if (file.owner_id !== context.actor.userId) {
    const attachment = await findFileAttachment(deps.database.db, file.id);
    if (!attachment || !(await input.canSeeApplication(attachment.id))) throw new AppError('FILE_NOT_FOUND');
  }
  return { file, bytes: await deps.storage.get(file.storage_key) };
}
