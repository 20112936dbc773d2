// What services see of the job system: a typed `send`. The pg-boss runner (runner.ts) implements it;
// tests and tools that run no workers get the no-op queue.

/** Every job the app knows, with the data it carries. */
export interface JobPayloads {
  /** Reads new application events and records the notifications they call for. */
  'dispatch-notifications': Record<string, never>;
  /** Sends one recorded notification (e-mail or SMS); retried with back-off. */
  'send-notification': { notificationId: number };
  /** Flags applications turning due soon or overdue and e-mails their officers once per change. */
  'check-deadlines': Record<string, never>;
  /** Reminds the responsible units of feedback turning due soon or overdue, once each. */
  'check-feedback-deadlines': Record<string, never>;
  /** Submits capacity-test attempts whose deadline has passed (reads and writes also do it lazily). */
  'close-capacity-attempts': Record<string, never>;
}

export type JobName = keyof JobPayloads;

export const JOB_NAMES = [
  'dispatch-notifications',
  'send-notification',
  'check-deadlines',
  'check-feedback-deadlines',
  'close-capacity-attempts',
] as const satisfies readonly JobName[];

export interface SendJobOptions {
  /** A UUID: sending a job whose id is still queued does nothing (idempotent enqueue). */
  id?: string;
  /** Delay before the job may start. */
  startAfterSeconds?: number;
}

export interface JobQueue {
  /** Queues a job; resolves to its id, or null when an identical job is already queued (or no runner). */
  send<N extends JobName>(name: N, data: JobPayloads[N], options?: SendJobOptions): Promise<string | null>;
}

/** Queues nothing: for tests and command-line tools that run no workers. */
export const noJobQueue: JobQueue = {
  send: async () => null,
};

/** A stable job id for a row id, so enqueuing the same row twice is harmless. */
export function jobIdFor(rowId: number): string {
  if (!Number.isSafeInteger(rowId) || rowId < 0) throw new RangeError('row id must be a whole number');
  return `00000000-0000-4000-8000-${rowId.toString(16).padStart(12, '0')}`;
}
