import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import {
  ACTION_ROLES,
  actionsFor,
  CITIZEN_ACTIONS,
  type Status,
  type Step,
} from '../../../shared/applications/workflow.js';
import { FixedClock } from '../../../shared/clock.js';
import { createAgency, createOffice, createUnit, createUser, TEST_PASSWORD } from '../../seed/factories.js';

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

describe('the back office', () => {
  // Monday 2 March 2026, 09:00 in Vietnam.
  const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));
  let t: TestApp;
  let office: Awaited<ReturnType<typeof createOffice>>;
  const cookies: Record<string, string> = {};
  const applicant = { fullName: 'Lường Thị Bích', idNumber: '014190004321', phone: '0987654321' };

  const submitOnline = async () => {
    const boundary = 'b0undary';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const file = await t.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { cookie: cookies.citizen!, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { cookie: cookies.citizen! },
      payload: {
        procedureCode: office.procedure.code,
        applicant,
        formData: { requestSummary: 'Đề nghị' },
        documents: [{ componentId: 'g1-1', fileId: file.json().id }],
      },
    });
    return response.json().code as string;
  };

  beforeAll(async () => {
    t = await buildTestApp({ clock, config: { homeUnitCode: '123' } });
    office = await createOffice(t.deps);
    for (const [role, user] of Object.entries(office.staff))
      cookies[role] = await t.login(user.username, TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('receives a complete file at the counter: accepted at once with a code and a due date', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/applications/intake',
      headers: { cookie: cookies.counter! },
      payload: {
        procedureCode: office.procedure.code,
        applicant,
        checkedComponents: ['g1-1'],
        decision: 'accept',
      },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      decision: 'accept',
      status: 2,
      dueAt: '2026-03-05T10:30:00.000Z',
      missing: [],
    });
  });

  it('gives an incomplete file the guidance slip list and creates no application; accepting it anyway is refused', async () => {
    const before = await t.deps.database.db.selectFrom('applications').select('id').execute();
    const guided = await t.inject({
      method: 'POST',
      url: '/api/v1/applications/intake',
      headers: { cookie: cookies.counter! },
      payload: {
        procedureCode: office.procedure.code,
        applicant,
        checkedComponents: [],
        decision: 'incomplete',
      },
    });
    expect(guided.statusCode).toBe(200);
    expect(guided.json()).toMatchObject({
      decision: 'incomplete',
      code: null,
      missing: [{ id: 'g1-1', name: 'Tờ khai' }],
    });
    const forced = await t.inject({
      method: 'POST',
      url: '/api/v1/applications/intake',
      headers: { cookie: cookies.counter! },
      payload: { procedureCode: office.procedure.code, applicant, checkedComponents: [], decision: 'accept' },
    });
    expect(forced.statusCode).toBe(400);
    const after = await t.deps.database.db.selectFrom('applications').select('id').execute();
    expect(after.length).toBe(before.length);
  });

  it('refuses at the counter only with reasons, recording status 3', async () => {
    const noReason = await t.inject({
      method: 'POST',
      url: '/api/v1/applications/intake',
      headers: { cookie: cookies.counter! },
      payload: { procedureCode: office.procedure.code, applicant, decision: 'refuse' },
    });
    expect(noReason.statusCode).toBe(400);
    const refused = await t.inject({
      method: 'POST',
      url: '/api/v1/applications/intake',
      headers: { cookie: cookies.counter! },
      payload: {
        procedureCode: office.procedure.code,
        applicant,
        decision: 'refuse',
        note: 'Không thuộc thẩm quyền giải quyết',
      },
    });
    expect(refused.json()).toMatchObject({ status: 3 });
  });

  it('lets only counter officers take applications in', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/applications/intake',
      headers: { cookie: cookies.specialist! },
      payload: {
        procedureCode: office.procedure.code,
        applicant,
        checkedComponents: ['g1-1'],
        decision: 'accept',
      },
    });
    expect(response.statusCode).toBe(403);
  });

  it('shows each officer their queue with counts: new online applications at the counter, then the head, then mine', async () => {
    const code = await submitOnline();
    const counterQueue = await t.inject({
      method: 'GET',
      url: '/api/v1/workbench?queue=new',
      headers: { cookie: cookies.counter! },
    });
    expect(counterQueue.statusCode).toBe(200);
    expect(counterQueue.json().items.map((i: { code: string }) => i.code)).toContain(code);
    expect(counterQueue.json().counts.new).toBeGreaterThanOrEqual(1);
    const act = (cookie: string, action: string, version: number, extra = {}) =>
      t.inject({
        method: 'POST',
        url: `/api/v1/applications/${code}/actions`,
        headers: { cookie },
        payload: { action, expectedVersion: version, ...extra },
      });
    await act(cookies.counter!, 'accept', 1);
    await act(cookies.counter!, 'forward', 2);
    const headQueue = await t.inject({
      method: 'GET',
      url: '/api/v1/workbench?queue=new',
      headers: { cookie: cookies.head! },
    });
    expect(headQueue.json().items.map((i: { code: string }) => i.code)).toContain(code);
    await act(cookies.head!, 'assign', 3, { assignee: office.staff.specialist.username });
    const mine = await t.inject({
      method: 'GET',
      url: '/api/v1/workbench?queue=mine',
      headers: { cookie: cookies.specialist! },
    });
    expect(mine.json().items.map((i: { code: string }) => i.code)).toEqual([code]);
    const search = await t.inject({
      method: 'GET',
      url: `/api/v1/workbench?queue=all&q=${encodeURIComponent('bích')}`,
      headers: { cookie: cookies.specialist! },
    });
    expect(search.json().total).toBeGreaterThanOrEqual(1);
  });

  it('flags due soon and overdue applications from the calendar', async () => {
    const code = await submitOnline();
    await t.inject({
      method: 'POST',
      url: `/api/v1/applications/${code}/actions`,
      headers: { cookie: cookies.counter! },
      payload: { action: 'accept', expectedVersion: 1 },
    });
    clock.set(new Date('2026-03-05T04:00:00Z')); // Thursday 11:00, due at 17:30 the same day
    const counter = await t.login(office.staff.counter.username, TEST_PASSWORD);
    const soon = await t.inject({
      method: 'GET',
      url: '/api/v1/workbench?queue=due_soon',
      headers: { cookie: counter },
    });
    expect(soon.json().items.find((i: { code: string }) => i.code === code)?.progress).toBe('due_soon');
    clock.set(new Date('2026-03-06T02:00:00Z')); // Friday 09:00
    const later = await t.login(office.staff.counter.username, TEST_PASSWORD);
    const overdue = await t.inject({
      method: 'GET',
      url: '/api/v1/workbench?queue=overdue',
      headers: { cookie: later },
    });
    expect(overdue.json().items.find((i: { code: string }) => i.code === code)?.progress).toBe('overdue');
    // The counts (one statement) agree with each queue's own list, for every role.
    for (const who of ['counter', 'specialist', 'head', 'leader'] as const) {
      const cookie = await t.login(office.staff[who].username, TEST_PASSWORD);
      const first = await t.inject({
        method: 'GET',
        url: '/api/v1/workbench?queue=all',
        headers: { cookie },
      });
      const counts = first.json().counts as Record<string, number>;
      for (const queue of ['new', 'mine', 'due_soon', 'overdue', 'supplement', 'to_return', 'all']) {
        const list = await t.inject({
          method: 'GET',
          url: `/api/v1/workbench?queue=${queue}`,
          headers: { cookie },
        });
        expect(counts[queue], `${who} ${queue}`).toBe(list.json().total);
      }
    }
    expect(
      (
        await t.inject({ method: 'GET', url: '/api/v1/workbench?queue=overdue', headers: { cookie: later } })
      ).json().counts.overdue,
    ).toBeGreaterThanOrEqual(1);
    clock.set(new Date('2026-03-02T02:00:00Z'));
  });

  it('refuses the workbench to citizens and signed-out visitors, and bad queue names', async () => {
    expect(
      (await t.inject({ method: 'GET', url: '/api/v1/workbench', headers: { cookie: cookies.citizen! } }))
        .statusCode,
    ).toBe(403);
    expect((await t.inject({ method: 'GET', url: '/api/v1/workbench' })).statusCode).toBe(401);
    expect(
      (
        await t.inject({
          method: 'GET',
          url: '/api/v1/workbench?queue=secret',
          headers: { cookie: cookies.counter! },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await t.inject({
          method: 'GET',
          url: '/api/v1/workbench?pageSize=5000',
          headers: { cookie: cookies.counter! },
        })
      ).statusCode,
    ).toBe(400);
  });

  it('offers every role exactly the actions the table gives it, in every status and step, and nothing in a foreign unit', async () => {
    const elsewhere = await createUnit(t.deps.database.db, { code: '998', typeCode: 'district' });
    const foreignAgency = await createAgency(t.deps.database.db, { unitId: elsewhere.id, hasCounter: true });
    const roles = ['counter_officer', 'specialist', 'unit_head', 'signing_leader'] as const;
    const foreign: Record<string, string> = {};
    for (const role of roles) {
      const user = await createUser(t.deps.database.db, {
        role,
        unitId: elsewhere.id,
        agencyId: foreignAgency.id,
      });
      foreign[role] = await t.login(user.username, TEST_PASSWORD);
    }
    const byRole: Record<(typeof roles)[number], string> = {
      counter_officer: cookies.counter!,
      specialist: cookies.specialist!,
      unit_head: cookies.head!,
      signing_leader: cookies.leader!,
    };
    const states: [Status, Step | null][] = [
      [1, null],
      [2, null],
      [3, null],
      [4, 'assignment'],
      [4, 'proposal'],
      [4, 'review'],
      [4, 'approval'],
      [5, null],
      [6, null],
      [7, null],
      [8, null],
      [9, null],
      [10, null],
    ];
    for (const [status, step] of states) {
      const code = await submitOnline();
      await t.deps.database.db
        .updateTable('applications')
        .set({
          status,
          step,
          assignee_id: office.staff.specialist.id,
          due_at: new Date('2026-03-20T10:30:00Z'),
        })
        .where('code', '=', code)
        .execute();
      for (const role of roles) {
        const view = await t.inject({
          method: 'GET',
          url: `/api/v1/applications/${code}`,
          headers: { cookie: byRole[role] },
        });
        const expected = actionsFor(status, step)
          .filter(
            (a) => !CITIZEN_ACTIONS.includes(a) || (ACTION_ROLES[a] as readonly string[]).includes(role),
          )
          .filter((a) => (ACTION_ROLES[a] as readonly string[]).includes(role));
        expect(view.json().allowedActions.sort(), `${role} in ${status}/${step}`).toEqual(expected.sort());
        const outsider = await t.inject({
          method: 'GET',
          url: `/api/v1/applications/${code}`,
          headers: { cookie: foreign[role]! },
        });
        expect(outsider.statusCode, `foreign ${role}`).toBe(404);
        const forbidden = actionsFor(status, step).find((a) => !expected.includes(a));
        if (forbidden) {
          const attempt = await t.inject({
            method: 'POST',
            url: `/api/v1/applications/${code}/actions`,
            headers: { cookie: byRole[role] },
            payload: { action: forbidden, expectedVersion: 1, note: 'Thử một thao tác không được phép' },
          });
          expect(attempt.statusCode, `${role} ${forbidden} in ${status}/${step}`).toBe(403);
        }
      }
      const citizenView = await t.inject({
        method: 'GET',
        url: `/api/v1/applications/${code}`,
        headers: { cookie: cookies.citizen! },
      });
      expect(citizenView.json().allowedActions).toEqual(
        actionsFor(status, step).filter((a) => CITIZEN_ACTIONS.includes(a)),
      );
    }
  }, 120_000);
});
