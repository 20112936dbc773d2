import { sql } from 'kysely';
import type { Queryable } from '../../context.js';

export async function countHits(db: Queryable, bucket: string, key: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('rate_limit_hits')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('bucket', '=', bucket)
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function recordHit(db: Queryable, bucket: string, key: string, at: Date): Promise<void> {
  await db.insertInto('rate_limit_hits').values({ bucket, key, at }).execute();
}

export async function deleteHitsBefore(db: Queryable, before: Date): Promise<void> {
  await db.deleteFrom('rate_limit_hits').where('at', '<', before).execute();
}

/** Serialises, until the transaction ends, every transaction counting the same bucket and key. */
export async function lockKey(db: Queryable, bucket: string, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`rate-limit:${bucket}:${key}`}, 0))`.execute(db);
}
