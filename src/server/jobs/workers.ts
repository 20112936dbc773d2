// The app's workers: which function runs for each job, how each queue retries, and what runs on a
// timer. main.ts starts them after the migrations and stops them before closing the database.
import type { AppDeps } from '../context.js';
import { closeExpiredAttempts } from '../modules/capacity-tests/capacity-tests.service.js';
import { checkFeedbackDeadlines } from '../modules/feedback/feedback.service.js';
import { createMailer } from '../modules/notifications/mailer.js';
import {
  checkDeadlines,
  dispatchNotifications,
  type Senders,
  sendNotification,
} from '../modules/notifications/notifications.service.js';
import { createSmsSender } from '../modules/notifications/sms.js';
import type { JobName } from './queue.js';
import type { JobLog, JobRunner, QueueSettings } from './runner.js';

export const QUEUES: Record<JobName, QueueSettings> = {
  // Periodic and idempotent: a failed run is simply followed by the next one.
  'dispatch-notifications': {
    policy: 'stately',
    retryLimit: 0,
    retryDelaySeconds: 0,
    retryBackoff: false,
    expireInSeconds: 300,
    batchSize: 1,
  },
  // Retries after about 30 s to 1 min, then twice as long each time (with jitter): ten retries span
  // roughly half a day to a day before the notification is marked failed.
  'send-notification': {
    policy: 'standard',
    retryLimit: 10,
    retryDelaySeconds: 30,
    retryBackoff: true,
    expireInSeconds: 300,
    batchSize: 10,
  },
  'check-deadlines': {
    policy: 'stately',
    retryLimit: 0,
    retryDelaySeconds: 0,
    retryBackoff: false,
    expireInSeconds: 600,
    batchSize: 1,
  },
  'check-feedback-deadlines': {
    policy: 'stately',
    retryLimit: 0,
    retryDelaySeconds: 0,
    retryBackoff: false,
    expireInSeconds: 600,
    batchSize: 1,
  },
  'close-capacity-attempts': {
    policy: 'stately',
    retryLimit: 0,
    retryDelaySeconds: 0,
    retryBackoff: false,
    expireInSeconds: 300,
    batchSize: 1,
  },
};

export interface StartJobsOptions {
  log: JobLog;
  /** Where messages go; by default SMTP_URL (or the log) and SMS_DRIVER. */
  senders?: Senders;
  /** Overrides of the queues' retry settings (tests retry after a second). */
  queues?: Partial<Record<JobName, Partial<QueueSettings>>>;
  /** How often new events are looked for (seconds). */
  dispatchEverySeconds?: number;
  /** When deadlines are checked (cron, Vietnam time); null: only when asked. */
  deadlineCron?: string | null;
}

/**
 * Starts pg-boss and the workers. `deps.jobs` must be `runner`, so that what the workers queue (a
 * notification's sending) reaches it. Returns the function that stops them.
 */
export async function startJobs(
  deps: AppDeps,
  runner: JobRunner,
  options: StartJobsOptions,
): Promise<() => Promise<void>> {
  if (deps.jobs !== runner) throw new Error('deps.jobs must be the job runner being started');
  const { log } = options;
  const senders = options.senders ?? {
    mailer: createMailer(deps.config, log),
    sms: createSmsSender(deps.config, log),
  };
  const settings = (name: JobName): QueueSettings => ({ ...QUEUES[name], ...options.queues?.[name] });

  await runner.start(log);
  try {
    await runner.register('dispatch-notifications', settings('dispatch-notifications'), async () => {
      await dispatchNotifications(deps);
    });
    await runner.register('send-notification', settings('send-notification'), async (data, attempt) => {
      await sendNotification(deps, senders, data.notificationId, attempt);
    });
    await runner.register('check-deadlines', settings('check-deadlines'), async () => {
      await checkDeadlines(deps);
    });
    await runner.register('check-feedback-deadlines', settings('check-feedback-deadlines'), async () => {
      await checkFeedbackDeadlines(deps);
    });
    await runner.register('close-capacity-attempts', settings('close-capacity-attempts'), async () => {
      await closeExpiredAttempts(deps, { actor: null, requestId: 'job:close-capacity-attempts' });
    });
    runner.every('dispatch-notifications', options.dispatchEverySeconds ?? 10, {});
    const cron = options.deadlineCron === undefined ? '*/5 * * * *' : options.deadlineCron;
    if (cron) {
      await runner.schedule('check-deadlines', cron, {});
      await runner.send('check-deadlines', {});
      await runner.schedule('check-feedback-deadlines', cron, {});
      await runner.send('check-feedback-deadlines', {});
      // Every minute: an attempt's time is up within a minute of its deadline even if nobody looks.
      await runner.schedule('close-capacity-attempts', '* * * * *', {});
    }
  } catch (error) {
    await runner.stop();
    throw error;
  }
  log.info({ mail: senders.mailer.kind, sms: senders.sms.kind }, 'job workers started');
  return async () => {
    await runner.stop();
    senders.mailer.close();
  };
}
