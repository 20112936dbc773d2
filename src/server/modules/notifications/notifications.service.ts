// Notifications at every status change, without coupling the services that change a status to mail:
//
//   application_events (written in the action's own transaction) is the outbox
//     -> dispatchNotifications(): reads the events after a cursor and, in one transaction, records one
//        notification per recipient and channel (unique key: a re-run never records one twice) and
//        moves the cursor; then queues a `send-notification` job per new notification
//     -> sendNotification(): sends one (SMTP or SMS driver) and marks it sent; a failure is retried by
//        the job queue with back-off, and marked failed after the last attempt.
//
// checkDeadlines() records each running application's due-soon/overdue flag and, when it changes,
// e-mails the assignee and the unit heads of the handling agency, once per change.
import { CLOCK_RUNNING, isStatus } from '../../../shared/applications/workflow.js';
import { classifyInProgress } from '../../../shared/calendar/index.js';
import { isLocale, type Locale } from '../../../shared/i18n/index.js';
import type { AppConfig } from '../../config.js';
import type { AppDeps } from '../../context.js';
import type { DeadlineFlag } from '../../db/schema.js';
import { jobIdFor } from '../../jobs/queue.js';
import { loadCalendarSettings, loadWorkingCalendar } from '../calendar/calendar.service.js';
import { fillEvaluationLink } from '../evaluations/evaluations.service.js';
import { paymentMessages, paymentReceiptAttachments } from '../payments/payments.notify.js';
import { PAYMENT_RECEIVED_KIND } from '../payments/payments.templates.js';
import type { Mailer } from './mailer.js';
import {
  countEventsAfter,
  type EventForNotification,
  findDeadlineRecipients,
  findEventsAfter,
  findLastReadableEvent,
  findNotification,
  findPendingIds,
  findRunningWithDueDates,
  findUnqueued,
  insertNotifications,
  lockCursor,
  markAttemptFailed,
  markQueued,
  markSent,
  moveCursor,
  type NewNotification,
  readCursor,
  recordFlag,
} from './notifications.repository.js';
import { deadlineEmail, STATUS_TEMPLATES, statusEmail, statusSms } from './notifications.templates.js';
import type { SmsSender } from './sms.js';

/** Where messages go out. */
export interface Senders {
  mailer: Mailer;
  sms: SmsSender;
}

const localeOf = (value: unknown): Locale => (isLocale(value) ? value : 'vi');

/** The notifications one event calls for: none unless the status changed; e-mail and SMS to the applicant. */
export function notificationsFor(
  config: AppConfig,
  event: EventForNotification,
  now: Date,
): NewNotification[] {
  const status = event.to_status;
  const locale = localeOf(event.locale);
  // An online payment credited (modules/payments) has its own message, with the receipt attached.
  const paid = paymentMessages(config, event, locale);
  if ((!paid && event.from_status === status) || !isStatus(status)) return [];
  const amount = event.details.amountVnd;
  const input = {
    status,
    code: event.code,
    procedure: event.procedure_name,
    dueAt: event.due_at,
    note: event.note,
    amountVnd: typeof amount === 'number' ? amount : null,
  };
  const common = {
    event_id: event.id,
    application_id: event.application_id,
    kind: paid?.kind ?? STATUS_TEMPLATES[status],
    audience: 'applicant' as const,
    user_id: event.applicant_user_id,
    locale,
    created_at: now,
  };
  const rows: NewNotification[] = [];
  if (event.applicant_email) {
    const email = paid?.email ?? statusEmail(locale, config, input);
    rows.push({
      ...common,
      dedupe_key: `event:${event.id}:email:applicant`,
      channel: 'email',
      address: event.applicant_email,
      subject: email.subject,
      body_text: email.text,
      body_html: email.html,
    });
  }
  if (event.applicant_phone) {
    rows.push({
      ...common,
      dedupe_key: `event:${event.id}:sms:applicant`,
      channel: 'sms',
      address: event.applicant_phone,
      body_text: paid?.sms ?? statusSms(locale, config, input),
    });
  }
  return rows;
}

export interface DispatchResult {
  /** Events read (whether or not they called for a message). */
  events: number;
  /** Notifications recorded by this run. */
  notifications: number[];
}

/**
 * Reads the events after the cursor and records their notifications, in batches, each batch in one
 * transaction with the cursor's move; then queues the sending jobs. Safe to run twice or concurrently:
 * the cursor row is locked and every notification has a unique key.
 */
export async function dispatchNotifications(
  deps: AppDeps,
  options: { batch?: number; maxBatches?: number } = {},
): Promise<DispatchResult> {
  const batch = options.batch ?? 200;
  const result: DispatchResult = { events: 0, notifications: [] };
  for (let i = 0; i < (options.maxBatches ?? 20); i++) {
    const read = await deps.database.db.transaction().execute(async (tx) => {
      const cursor = await lockCursor(tx);
      const events = await findEventsAfter(tx, cursor, batch);
      const last = events.at(-1);
      if (!last) return { events: 0, ids: [] };
      const now = deps.clock.now();
      const ids = await insertNotifications(
        tx,
        events.flatMap((event) => notificationsFor(deps.config, event, now)),
      );
      await moveCursor(tx, last.tx_id, last.id, now);
      return { events: events.length, ids };
    });
    result.events += read.events;
    result.notifications.push(...read.ids);
    if (read.events < batch) break;
  }
  await enqueueNotifications(deps);
  return result;
}

/** Moves the cursor past every event written so far, announcing none of them (the demo's history). */
export async function skipPastEvents(deps: AppDeps): Promise<void> {
  await deps.database.db.transaction().execute(async (tx) => {
    await lockCursor(tx);
    const last = await findLastReadableEvent(tx);
    if (last) await moveCursor(tx, last.tx_id, last.id, deps.clock.now());
  });
}

/**
 * How many committed events the dispatcher has not read yet (including those it holds back while an
 * older transaction is still running).
 */
export async function undispatchedEvents(deps: AppDeps): Promise<number> {
  return countEventsAfter(deps.database.db, await readCursor(deps.database.db));
}

/**
 * Queues a `send-notification` job for each pending notification that has none yet. The job id comes
 * from the notification's id, so queuing one twice is harmless.
 */
export async function enqueueNotifications(deps: AppDeps): Promise<number> {
  let queued = 0;
  for (;;) {
    const ids = await findUnqueued(deps.database.db, 200);
    const sent: number[] = [];
    for (const id of ids) {
      const jobId = await deps.jobs.send('send-notification', { notificationId: id }, { id: jobIdFor(id) });
      if (jobId) sent.push(id);
    }
    await markQueued(deps.database.db, sent, deps.clock.now());
    queued += sent.length;
    // Ids the queue did not take (already queued, or no job runner) stay for the next run.
    if (ids.length < 200 || sent.length < ids.length) return queued;
  }
}

export type SendOutcome = 'sent' | 'skipped';

/**
 * Sends one notification. Already sent (or given up): nothing happens. A failure is counted on the row
 * and thrown, so the job queue retries it; on the last attempt the row is marked failed.
 */
export async function sendNotification(
  deps: AppDeps,
  senders: Senders,
  id: number,
  attempt: { last: boolean } = { last: false },
): Promise<SendOutcome> {
  const db = deps.database.db;
  const notification = await findNotification(db, id);
  if (notification?.status !== 'pending') return 'skipped';
  try {
    if (notification.channel === 'email') {
      // The result e-mail's evaluation link gets its single-use token only now (never stored in full).
      const stored = { text: notification.body_text, html: notification.body_html ?? undefined };
      const body =
        notification.application_id === null
          ? stored
          : await fillEvaluationLink(deps, notification.application_id, stored);
      const attachments =
        notification.kind === PAYMENT_RECEIVED_KIND && notification.event_id !== null
          ? await paymentReceiptAttachments(deps, notification.event_id)
          : [];
      await senders.mailer.send({
        to: notification.address,
        subject: notification.subject ?? '',
        text: body.text,
        html: body.html,
        ...(attachments.length ? { attachments } : {}),
      });
    } else {
      await senders.sms.send(notification.address, notification.body_text);
    }
  } catch (error) {
    await markAttemptFailed(db, id, error instanceof Error ? error.message : String(error), attempt.last);
    throw error;
  }
  await markSent(db, id, deps.clock.now());
  return 'sent';
}

/** Sends every pending notification now, one after the other (tests, tools); failures stay pending. */
export async function sendPendingNotifications(
  deps: AppDeps,
  senders: Senders,
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (const id of await findPendingIds(deps.database.db, 1000)) {
    try {
      if ((await sendNotification(deps, senders, id)) === 'sent') sent++;
    } catch {
      failed++;
    }
  }
  return { sent, failed };
}

export interface DeadlineCheck {
  checked: number;
  /** Applications whose flag changed in this run. */
  changed: number;
  notifications: number[];
}

/**
 * Classifies every application whose legal clock runs (on time, due soon, overdue) with the
 * deployment's calendar and threshold; when the flag changes to due soon or overdue, e-mails its
 * assignee and the unit heads of the handling agency (those with an e-mail address), once per change.
 */
export async function checkDeadlines(deps: AppDeps): Promise<DeadlineCheck> {
  const db = deps.database.db;
  const calendar = await loadWorkingCalendar(deps);
  const { officeHours, dueSoon } = await loadCalendarSettings(deps);
  const now = deps.clock.now();
  const result: DeadlineCheck = { checked: 0, changed: 0, notifications: [] };
  for (const application of await findRunningWithDueDates(db, CLOCK_RUNNING)) {
    const dueAt = application.due_at;
    if (!dueAt) continue;
    result.checked++;
    const flag: DeadlineFlag = classifyInProgress({ now, dueAt, threshold: dueSoon }, calendar, officeHours);
    if (flag === application.flag) continue;
    const ids = await db.transaction().execute(async (tx) => {
      const change = await recordFlag(tx, { applicationId: application.id, flag, dueAt, at: now });
      if (change === undefined) return [];
      result.changed++;
      if (flag === 'on_time') return [];
      const { assignee, heads } = await findDeadlineRecipients(tx, {
        assigneeId: application.assignee_id,
        agencyId: application.handling_agency_id,
        unitId: application.handling_unit_id,
      });
      const seen = new Set<number>();
      const rows: NewNotification[] = [];
      for (const officer of [...assignee, ...heads]) {
        if (!officer.email || seen.has(officer.id)) continue;
        seen.add(officer.id);
        const locale = localeOf(officer.locale);
        const email = deadlineEmail(locale, deps.config, {
          flag,
          code: application.code,
          procedure: application.procedure_name,
          dueAt,
        });
        rows.push({
          dedupe_key: `deadline:${application.id}:${change}:email:${officer.id}`,
          event_id: null,
          application_id: application.id,
          kind: flag,
          channel: 'email',
          audience: officer.audience,
          user_id: officer.id,
          address: officer.email,
          locale,
          subject: email.subject,
          body_text: email.text,
          body_html: email.html,
          created_at: now,
        });
      }
      return insertNotifications(tx, rows);
    });
    result.notifications.push(...ids);
  }
  await enqueueNotifications(deps);
  return result;
}
