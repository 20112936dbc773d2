import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from './context.js';
import { pruneSessions } from './modules/auth/auth.service.js';
import { pruneRateLimits } from './modules/rate-limit/rate-limit.service.js';

/** Periodic housekeeping: forgets expired sessions and old rate-limit counts. Returns a stop function. */
export function startMaintenance(deps: AppDeps, log: FastifyBaseLogger, everyMs = 15 * 60_000): () => void {
  const run = async () => {
    try {
      await pruneSessions(deps);
      await pruneRateLimits(deps);
    } catch (error) {
      log.warn({ err: error }, 'maintenance failed');
    }
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
