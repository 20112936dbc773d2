import type { AppDeps, Queryable } from '../../context.js';
import { countHits, deleteHitsBefore, lockKey, recordHit } from './rate-limit.repository.js';

/** A sliding-window limit: at most `max` counted events per `windowMs` for one key. */
export interface RateLimit {
  bucket: string;
  max: number;
  windowMs: number;
}

/** Seconds until the key may try again, or 0 when it is under its limit. */
export async function retryAfterSeconds(deps: AppDeps, limit: RateLimit, key: string): Promise<number> {
  const now = deps.clock.now();
  const count = await countHits(
    deps.database.db,
    limit.bucket,
    key,
    new Date(now.getTime() - limit.windowMs),
  );
  return count >= limit.max ? Math.ceil(limit.windowMs / 1000) : 0;
}

export async function countAgainst(deps: AppDeps, limit: RateLimit, key: string): Promise<void> {
  await recordHit(deps.database.db, limit.bucket, key, deps.clock.now());
}

/**
 * Counts one event against every limit inside the caller's transaction, or none when one of them is
 * already reached: returns the seconds to wait (0 when the event was counted). Each key is locked
 * until the transaction ends, so concurrent requests cannot both take the last place, and a rolled
 * back transaction gives its place back.
 */
export async function takeSlots(
  tx: Queryable,
  now: Date,
  slots: readonly { limit: RateLimit; key: string }[],
): Promise<number> {
  const ordered = [...slots].sort((a, b) =>
    `${a.limit.bucket}:${a.key}`.localeCompare(`${b.limit.bucket}:${b.key}`),
  );
  let wait = 0;
  for (const { limit, key } of ordered) {
    await lockKey(tx, limit.bucket, key);
    const count = await countHits(tx, limit.bucket, key, new Date(now.getTime() - limit.windowMs));
    if (count >= limit.max) wait = Math.max(wait, Math.ceil(limit.windowMs / 1000));
  }
  if (wait > 0) return wait;
  for (const { limit, key } of ordered) await recordHit(tx, limit.bucket, key, now);
  return 0;
}

/** Forgets events older than a day; run periodically. */
export async function pruneRateLimits(deps: AppDeps): Promise<void> {
  await deleteHitsBefore(deps.database.db, new Date(deps.clock.now().getTime() - 24 * 3600_000));
}
