import type { Kysely, Transaction } from 'kysely';
import type { RoleGrant } from '../shared/auth/roles.js';
import type { Clock } from '../shared/clock.js';
import type { AppConfig } from './config.js';
import type { Database } from './db/database.js';
import type { DB } from './db/schema.js';
import type { JobQueue } from './jobs/queue.js';
import type { FileStorage } from './storage/storage.js';

/** What every service function may use; passed explicitly, never imported as a global. */
export interface AppDeps {
  database: Database;
  config: AppConfig;
  clock: Clock;
  storage: FileStorage;
  /** Background jobs (pg-boss); a no-op queue unless the job runner was started (main.ts). */
  jobs: JobQueue;
}

/** A query runner: the database itself or an open transaction. */
export type Queryable = Kysely<DB> | Transaction<DB>;

/** The signed-in person acting on a request. */
export interface Actor {
  userId: number;
  username: string;
  fullName: string;
  grants: RoleGrant[];
  sessionId: string;
}

/** Who did it and under which request; services pass it to the audit log. */
export interface ActionContext {
  actor: Actor | null;
  requestId: string | null;
}
