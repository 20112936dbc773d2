import type { Queryable } from '../../context.js';
import type { MediaType } from '../../db/schema.js';

export async function insertFile(
  db: Queryable,
  file: {
    id: string;
    ownerId: number | null;
    storageKey: string;
    sha256: string;
    size: number;
    mediaType: MediaType;
    name: string;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('files')
    .values({
      id: file.id,
      owner_id: file.ownerId,
      storage_key: file.storageKey,
      sha256: file.sha256,
      size_bytes: file.size,
      media_type: file.mediaType,
      original_name: file.name,
      created_at: file.at,
    })
    .execute();
}

export async function findFile(db: Queryable, id: string) {
  return db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findFiles(db: Queryable, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('files').selectAll().where('id', 'in', ids).execute();
}

/** The application a file is attached to, if any. */
export async function findFileAttachment(db: Queryable, fileId: string) {
  return db
    .selectFrom('application_documents as d')
    .innerJoin('applications as a', 'a.id', 'd.application_id')
    .select(['a.id', 'a.code', 'd.purpose'])
    .where('d.file_id', '=', fileId)
    .executeTakeFirst();
}
