import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { withDatabase } from '../../../test/helpers/template.js';
import { FixedClock } from '../../shared/clock.js';
import type { AppDeps } from '../context.js';
import { SmtpMailer } from '../modules/notifications/mailer.js';
import { listNotifications } from '../modules/notifications/notifications.repository.js';
import { skipPastEvents } from '../modules/notifications/notifications.service.js';
import { LogSmsSender } from '../modules/notifications/sms.js';
import { type SmtpSink, startSmtpSink } from '../modules/notifications/smtp-sink.js';
import { createOffice, TEST_PASSWORD } from '../seed/factories.js';
import { jobIdFor, noJobQueue } from './queue.js';
import { JOBS_SCHEMA, JobRunner } from './runner.js';
import { startJobs } from './workers.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const silent = { info: () => {}, warn: () => {}, error: () => {} };

/** Polls until `check` returns something truthy (the workers run on their own schedule). */
async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the job runner (pg-boss) on this engine', () => {
  const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));
  let t: TestApp;
  let deps: AppDeps;
  let runner: JobRunner;
  let stop: () => Promise<void>;
  let sink: SmtpSink;
  let office: Awaited<ReturnType<typeof createOffice>>;
  let citizen: string;

  const submit = async () => {
    const boundary = '----motcua-jobs-test';
    const file = await t.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { cookie: citizen, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        PDF,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { cookie: citizen },
      payload: {
        procedureCode: office.procedure.code,
        applicant: {
          fullName: 'Trần Thị Hoa',
          idNumber: '014090005678',
          phone: '0912345678',
          email: 'hoa@example.vn',
        },
        formData: { requestSummary: 'Đề nghị giải quyết.' },
        documents: [{ componentId: 'g1-1', fileId: file.json().id }],
      },
    });
    expect(response.statusCode).toBe(201);
    return response.json().code as string;
  };

  beforeAll(async () => {
    t = await buildTestApp({ clock, config: { homeUnitCode: '123' } });
    office = await createOffice(t.deps);
    citizen = await t.login(office.staff.citizen.username, TEST_PASSWORD);
    await skipPastEvents(t.deps);
    sink = await startSmtpSink();
    // On PostgreSQL, as main.ts does: pg-boss on its own pool, from the connection string.
    const url = process.env.DATABASE_URL;
    const connectionString = url
      ? withDatabase(
          url,
          (await sql<{ name: string }>`select current_database() as name`.execute(t.deps.database.db))
            .rows[0]!.name,
        )
      : undefined;
    runner = new JobRunner({ database: t.deps.database, connectionString, pollingIntervalSeconds: 0.5 });
    deps = { ...t.deps, jobs: runner };
    stop = await startJobs(deps, runner, {
      log: silent,
      senders: { mailer: new SmtpMailer(sink.url, deps.config.mailFrom), sms: new LogSmsSender(silent) },
      queues: { 'send-notification': { retryDelaySeconds: 1, retryBackoff: false, retryLimit: 4 } },
      dispatchEverySeconds: 1,
      deadlineCron: null,
    });
  });
  afterAll(async () => {
    await stop?.();
    await sink?.close();
    await t?.close();
  });

  it('creates its own schema beside the migrated tables, leaving the app’s migrations alone', async () => {
    const { rows } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = ${JOBS_SCHEMA} and table_name in ('job', 'queue', 'version')
      order by 1`.execute(t.deps.database.db);
    expect(rows.map((r) => r.name)).toEqual(['job', 'queue', 'version']);
    const migrations = await t.deps.database.db.selectFrom('schema_migrations').select('name').execute();
    expect(migrations.map((m) => m.name)).toContain('0005_notifications.sql');
    expect(migrations.some((m) => m.name.includes('pgboss'))).toBe(false);
  });

  it('delivers the e-mail of a submission through the queue, with no call from the applications service', async () => {
    const code = await submit();
    const [mail] = (await sink.waitFor(1)).filter((m) => m.subject.includes(code));
    expect(mail).toMatchObject({ to: ['hoa@example.vn'], subject: `Đã nhận hồ sơ trực tuyến ${code}` });
  });

  it('retries a message the SMTP server refuses until it takes it, and sends it once', async () => {
    sink.failNext(2);
    const before = sink.messages.length;
    const code = await submit();
    await sink.waitFor(before + 1);
    expect(sink.refused).toBe(2);
    expect(sink.messages.filter((m) => m.subject.includes(code))).toHaveLength(1);
    const id = (
      await t.deps.database.db
        .selectFrom('applications')
        .select('id')
        .where('code', '=', code)
        .executeTakeFirstOrThrow()
    ).id;
    // The server has the message a moment before the worker hears its answer and records it.
    const email = await eventually(async () => {
      const [row] = await listNotifications(t.deps.database.db, id);
      return row?.status === 'sent' && row;
    });
    expect(email).toMatchObject({ channel: 'email', status: 'sent', attempts: 3, last_error: null });
  });

  it('ignores a job queued twice for the same notification', async () => {
    const first = await runner.send(
      'send-notification',
      { notificationId: 999_999 },
      { id: jobIdFor(999_999) },
    );
    const again = await runner.send(
      'send-notification',
      { notificationId: 999_999 },
      { id: jobIdFor(999_999) },
    );
    expect(first).toBe(jobIdFor(999_999));
    expect(again).toBeNull();
  });

  it('stops, after which it takes no more jobs', async () => {
    await stop();
    await expect(runner.send('dispatch-notifications', {})).rejects.toThrow(/not started/);
    expect(await noJobQueue.send('dispatch-notifications', {})).toBeNull();
  });
});
