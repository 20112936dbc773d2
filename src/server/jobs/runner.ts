// pg-boss on either engine, always through its `db` option (an `executeSql(text, values)`), so that
// this runner sees every statement it sends and can wait for the last one before the database closes.
// On PostgreSQL with a connection string, pg-boss gets its own small pool on DATABASE_URL; on PGlite
// (or without a URL) its SQL goes through Database.raw, which on PGlite takes the same lock as Kysely,
// so a job's statement never lands inside a request's transaction. pg-boss creates its tables in the
// schema `pgboss` when it starts; the app's migrations do not know about them.
import type { FastifyBaseLogger } from 'fastify';
import PgBoss from 'pg-boss';
import { type Database, openPostgres } from '../db/database.js';
import type { JobName, JobPayloads, JobQueue, SendJobOptions } from './queue.js';

export const JOBS_SCHEMA = 'pgboss';

export type JobLog = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;

/** How a queue retries and how long a job may run. */
export interface QueueSettings {
  /** Retries after the first attempt. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** Doubles the delay at each retry (with jitter). */
  retryBackoff: boolean;
  expireInSeconds: number;
  /** 'stately': at most one job waiting and one running (periodic jobs); 'standard': no limit. */
  policy: 'standard' | 'stately';
  /** Jobs fetched per poll; each is completed or failed on its own. */
  batchSize: number;
}

export interface JobAttempt {
  /** 0 on the first attempt. */
  retryCount: number;
  retryLimit: number;
  /** Whether a failure now is final (no retry follows). */
  last: boolean;
}

export type JobHandler<N extends JobName> = (data: JobPayloads[N], attempt: JobAttempt) => Promise<void>;

export interface JobRunnerOptions {
  database: Database;
  /** PostgreSQL only: pg-boss gets its own pool on this URL instead of sharing the app's. */
  connectionString?: string | undefined;
  /** How often an idle worker looks for jobs (pg-boss allows 0.5 s at least). */
  pollingIntervalSeconds?: number;
}

export class JobRunner implements JobQueue {
  private boss: PgBoss | null = null;
  private log: JobLog | null = null;
  private stopping = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly workers = new Map<JobName, string>();
  private readonly running = new Set<Promise<unknown>>();
  private ownPool: Database | null = null;
  private statements = 0;

  constructor(private readonly options: JobRunnerOptions) {}

  get started(): boolean {
    return this.boss !== null;
  }

  /** Creates pg-boss's schema when missing (or migrates it) and starts its maintenance and clock. */
  async start(log: JobLog): Promise<void> {
    if (this.boss) return;
    const { database, connectionString } = this.options;
    this.ownPool =
      database.kind === 'postgresql' && connectionString ? openPostgres(connectionString, { max: 3 }) : null;
    const target = this.ownPool ?? database;
    // pg-boss does not await every statement it sends (it completes a job without waiting), so the
    // runner counts them, to let the last ones finish before stop() returns.
    const executeSql = async (text: string, values?: unknown[]) => {
      this.statements++;
      try {
        return await target.raw(text, values ?? []);
      } finally {
        this.statements--;
      }
    };
    const boss = new PgBoss({
      db: { executeSql },
      schema: JOBS_SCHEMA,
      pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2,
      archiveCompletedAfterSeconds: 3600,
      deleteAfterDays: 7,
    });
    boss.on('error', (error: unknown) => {
      if (!this.stopping) log.warn({ err: error }, 'job system error');
    });
    this.log = log;
    this.stopping = false;
    await boss.start();
    this.boss = boss;
  }

  /** Creates (or updates) a queue and starts one worker on it. */
  async register<N extends JobName>(name: N, settings: QueueSettings, handler: JobHandler<N>): Promise<void> {
    const boss = this.require();
    const queue: PgBoss.Queue = {
      name,
      policy: settings.policy,
      retryLimit: settings.retryLimit,
      retryDelay: settings.retryDelaySeconds,
      retryBackoff: settings.retryBackoff,
      expireInSeconds: settings.expireInSeconds,
    };
    if (await boss.getQueue(name)) await boss.updateQueue(name, queue);
    else await boss.createQueue(name, queue);
    const workerId = await boss.work<JobPayloads[N]>(
      name,
      { includeMetadata: true, batchSize: settings.batchSize },
      async (jobs) => {
        for (const job of jobs) {
          const run = this.runOne(boss, name, job, handler);
          this.running.add(run);
          await run.finally(() => this.running.delete(run));
        }
      },
    );
    this.workers.set(name, workerId);
  }

  // Each job of a batch succeeds or fails on its own: a failure is recorded here (pg-boss then retries
  // it), and pg-boss completes the others when the batch returns.
  private async runOne<N extends JobName>(
    boss: PgBoss,
    name: N,
    job: PgBoss.JobWithMetadata<JobPayloads[N]>,
    handler: JobHandler<N>,
  ): Promise<void> {
    const attempt = {
      retryCount: job.retryCount,
      retryLimit: job.retryLimit,
      last: job.retryCount >= job.retryLimit,
    };
    try {
      if (this.stopping) throw new Error('the job runner is stopping');
      await handler(job.data, attempt);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!this.stopping)
        this.log?.warn(
          { job: name, jobId: job.id, attempt: attempt.retryCount + 1, error: message },
          'job failed',
        );
      await boss.fail(name, job.id, { message }).catch(() => {});
    }
  }

  /** Queues `name` every `seconds` (and once now). Its queue should be 'stately', so runs never pile up. */
  every<N extends JobName>(name: N, seconds: number, data: JobPayloads[N]): void {
    const tick = () => {
      if (this.stopping) return;
      this.send(name, data).catch((error: unknown) =>
        this.log?.warn({ err: error, job: name }, 'enqueue failed'),
      );
    };
    tick();
    const timer = setInterval(tick, seconds * 1000);
    timer.unref();
    this.timers.push(timer);
  }

  /** Queues `name` on a cron schedule (pg-boss's clock: one instance queues it per minute slot). */
  async schedule<N extends JobName>(name: N, cron: string, data: JobPayloads[N]): Promise<void> {
    await this.require().schedule(name, cron, data, { tz: 'Asia/Ho_Chi_Minh' });
  }

  async send<N extends JobName>(
    name: N,
    data: JobPayloads[N],
    options: SendJobOptions = {},
  ): Promise<string | null> {
    const boss = this.require();
    const id = await boss.send(name, data, {
      ...(options.id ? { id: options.id } : {}),
      ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
    });
    // Wake the local worker rather than waiting for its next poll.
    const workerId = this.workers.get(name);
    if (id && workerId && !options.startAfterSeconds) boss.notifyWorker(workerId);
    return id;
  }

  /** Stops polling, lets running jobs finish (up to `timeoutMs`), and leaves the database open. */
  async stop(timeoutMs = 10_000): Promise<void> {
    const boss = this.boss;
    if (!boss || this.stopping) return;
    this.stopping = true;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    const deadline = Date.now() + timeoutMs;
    await boss.stop({ graceful: true, wait: true, close: true, timeout: timeoutMs });
    // A worker may have been fetching when asked to stop: the job it gets is refused (and failed, so
    // it is retried later), then pg-boss completes the batch without awaiting it. Wait for quiet.
    let quiet = 0;
    while (quiet < 3 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      quiet = this.statements === 0 && this.running.size === 0 ? quiet + 1 : 0;
    }
    await this.ownPool?.close();
    this.ownPool = null;
    this.workers.clear();
    this.boss = null;
  }

  private require(): PgBoss {
    if (!this.boss || this.stopping) throw new Error('The job runner is not started');
    return this.boss;
  }
}
