import type { AppDeps } from '../../context.js';
import { countHits, deleteHitsBefore, recordHit } from './rate-limit.repository.js';

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

/** Forgets events older than a day; run periodically. */
export async function pruneRateLimits(deps: AppDeps): Promise<void> {
  await deleteHitsBefore(deps.database.db, new Date(deps.clock.now().getTime() - 24 * 3600_000));
}
