// What the evaluation tests share: an office with one officer of each role, signed in, and
// applications walked through the workflow (by the API, as officers do) to the status a test needs.
import { expect } from 'vitest';
import type { TestApp } from '../../../../test/helpers/app.js';
import { createOffice, TEST_PASSWORD } from '../../seed/factories.js';

export const APPLICANT = {
  fullName: 'Lường Thị Bích',
  idNumber: '014190001357',
  phone: '0987 654 321',
  email: 'bich@example.vn',
};
/** The last four digits of the applicant's phone. */
export const VERIFY = '4321';

export const ALL_VERY_SATISFIED = {
  attitude: 'very_satisfied',
  guidance: 'very_satisfied',
  timeliness: 'very_satisfied',
  result: 'very_satisfied',
  disclosure: 'very_satisfied',
} as const;

export type Office = Awaited<ReturnType<typeof createOffice>>;

export async function signedInOffice(t: TestApp) {
  const office = await createOffice(t.deps);
  const cookies: Record<keyof Office['staff'], string> = {
    counter: await t.login(office.staff.counter.username, TEST_PASSWORD),
    specialist: await t.login(office.staff.specialist.username, TEST_PASSWORD),
    head: await t.login(office.staff.head.username, TEST_PASSWORD),
    leader: await t.login(office.staff.leader.username, TEST_PASSWORD),
    citizen: await t.login(office.staff.citizen.username, TEST_PASSWORD),
  };

  const act = async (
    who: keyof Office['staff'],
    application: { code: string; version: number },
    action: string,
    extra: Record<string, unknown> = {},
  ) => {
    const response = await t.inject({
      method: 'POST',
      url: `/api/v1/applications/${application.code}/actions`,
      headers: { cookie: cookies[who] },
      payload: { action, expectedVersion: application.version, ...extra },
    });
    expect(response.statusCode, response.body).toBe(200);
    application.version = response.json().version;
  };

  /** Received at the counter (status 2). */
  const received = async (applicant: Record<string, string> = APPLICANT) => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/applications/intake',
      headers: { cookie: cookies.counter },
      payload: {
        procedureCode: office.procedure.code,
        applicant,
        checkedComponents: ['g1-1'],
        decision: 'accept',
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    return { code: body.code as string, version: body.version as number };
  };

  /** Approved (status 9): handled by the specialist, waiting at the counter. */
  const done = async (applicant?: Record<string, string>) => {
    const application = await received(applicant);
    await act('counter', application, 'forward');
    await act('head', application, 'assign', { assignee: office.staff.specialist.username });
    await act('specialist', application, 'propose', { note: 'Đủ điều kiện, đề nghị phê duyệt.' });
    await act('head', application, 'review');
    await act('leader', application, 'approve');
    return application;
  };

  /** Result returned at the counter (status 10). */
  const returned = async (applicant?: Record<string, string>) => {
    const application = await done(applicant);
    await act('counter', application, 'return_result');
    return application;
  };

  const applicationId = async (code: string) =>
    (
      await t.deps.database.db
        .selectFrom('applications')
        .select('id')
        .where('code', '=', code)
        .executeTakeFirstOrThrow()
    ).id;

  const evaluationCount = async () =>
    Number(
      (
        await t.deps.database.db
          .selectFrom('evaluations')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  return { office, cookies, act, received, done, returned, applicationId, evaluationCount };
}
