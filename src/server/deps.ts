import { type Clock, systemClock } from '../shared/clock.js';
import type { AppConfig } from './config.js';
import type { AppDeps } from './context.js';
import type { Database } from './db/database.js';
import { noJobQueue } from './jobs/queue.js';
import { LocalDiskStorage } from './storage/storage.js';

/** The app's dependencies as the configuration asks: files under DATA_DIR/files by default. */
export function createDeps(config: AppConfig, database: Database, clock: Clock = systemClock): AppDeps {
  return {
    config,
    database,
    clock,
    storage: new LocalDiskStorage(`${config.dataDir}/files`),
    jobs: noJobQueue,
  };
}
