import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { APPLICATION_CODE_PATTERN } from '../../../shared/applications/schema.js';
import { FixedClock } from '../../../shared/clock.js';
import { createAgency, createOffice, createUnit, createUser, TEST_PASSWORD } from '../../seed/factories.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

function multipart(name: string, bytes: Buffer, contentType = 'application/pdf') {
  const boundary = '----motcua-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('online applications through the API', () => {
  // Monday 2 March 2026, 09:00 in Vietnam: inside office hours.
  const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));
  let t: TestApp;
  let office: Awaited<ReturnType<typeof createOffice>>;
  let citizen: string;

  const upload = async (cookie: string, name = 'to-khai.pdf', bytes = PDF) => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/files',
      ...multipart(name, bytes),
      headers: { ...multipart(name, bytes).headers, cookie },
    });
    return response;
  };
  const submit = async (
    cookie: string,
    extra: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) => {
    const file = (await upload(cookie)).json();
    return t.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { cookie, ...headers },
      payload: {
        procedureCode: office.procedure.code,
        applicant: { fullName: 'Nguyễn Văn Dân', idNumber: '014090001234', phone: '0912 345 678' },
        formData: { requestSummary: 'Đề nghị giải quyết.' },
        documents: [{ componentId: 'g1-1', fileId: file.id }],
        ...extra,
      },
    });
  };

  beforeAll(async () => {
    t = await buildTestApp({ clock, config: { homeUnitCode: '123' } });
    office = await createOffice(t.deps);
    citizen = await t.login(office.staff.citizen.username, TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('takes a PDF by its content, keeps its hash, and serves it only to its owner', async () => {
    const response = await upload(citizen);
    expect(response.statusCode).toBe(201);
    const file = response.json();
    expect(file).toMatchObject({ mediaType: 'application/pdf', size: PDF.length, name: 'to-khai.pdf' });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    const own = await t.inject({
      method: 'GET',
      url: `/api/v1/files/${file.id}`,
      headers: { cookie: citizen },
    });
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(PDF)).toBe(true);
    const stranger = await t.login((await createUser(t.deps.database.db)).username, TEST_PASSWORD);
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/files/${file.id}`, headers: { cookie: stranger } }))
        .statusCode,
    ).toBe(404);
    expect((await t.inject({ method: 'GET', url: `/api/v1/files/${file.id}` })).statusCode).toBe(401);
  });

  it('refuses a faked extension, an empty file and an oversized one, storing nothing', async () => {
    const before = await t.deps.database.db.selectFrom('files').select('id').execute();
    const faked = await upload(citizen, 'scan.pdf', Buffer.from('MZ this is really an executable'));
    expect(faked.statusCode).toBe(415);
    expect(faked.json().error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect((await upload(citizen, 'empty.pdf', Buffer.alloc(0))).statusCode).toBe(400);
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await upload(citizen, 'big.png', big);
    expect(tooBig.statusCode).toBe(413);
    const after = await t.deps.database.db.selectFrom('files').select('id').execute();
    expect(after.length).toBe(before.length);
  });

  it('submits: status 1 and a code in the national format, with the submission event', async () => {
    const response = await submit(citizen);
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.code).toMatch(APPLICATION_CODE_PATTERN);
    expect(body.code).toMatch(/^000\.00\.01\.H14-260302-\d{4}$/);
    expect(body).toMatchObject({ status: 1, version: 1 });
    const view = await t.inject({
      method: 'GET',
      url: `/api/v1/applications/${body.code}`,
      headers: { cookie: citizen },
    });
    expect(view.json()).toMatchObject({
      status: 1,
      events: [{ action: 'submit', toStatus: 1 }],
      allowedActions: ['request_withdrawal'],
    });
    expect(view.json().documents).toHaveLength(1);
  });

  it('returns the same application for a retry with the same Idempotency-Key, and 409 for another body', async () => {
    const file = (await upload(citizen)).json();
    const payload = {
      procedureCode: office.procedure.code,
      applicant: { fullName: 'Nguyễn Văn Dân', idNumber: '014090001234', phone: '0912345678' },
      formData: { requestSummary: 'Lần một' },
      documents: [{ componentId: 'g1-1', fileId: file.id }],
    };
    const headers = { cookie: citizen, 'idempotency-key': 'retry-key-0001' };
    const first = await t.inject({ method: 'POST', url: '/api/v1/applications', headers, payload });
    const again = await t.inject({ method: 'POST', url: '/api/v1/applications', headers, payload });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().code).toBe(first.json().code);
    const other = await t.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers,
      payload: { ...payload, formData: { requestSummary: 'Khác' } },
    });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const count = await t.deps.database.db
      .selectFrom('applications')
      .select('id')
      .where('idempotency_key', '=', 'retry-key-0001')
      .execute();
    expect(count).toHaveLength(1);
  });

  it('gives concurrent submissions unique codes without gaps', async () => {
    const responses = await Promise.all(Array.from({ length: 8 }, () => submit(citizen)));
    expect(responses.every((r) => r.statusCode === 201)).toBe(true);
    const all = await t.deps.database.db
      .selectFrom('applications')
      .select('code')
      .where('code', 'like', '000.00.01.H14-260302-%')
      .execute();
    const numbers = all.map((a) => Number(a.code.slice(-4))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
  });

  it('refuses bad submissions with per-field reasons and leaves nothing behind', async () => {
    const before = (await t.deps.database.db.selectFrom('applications').select('id').execute()).length;
    const missingDoc = await t.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { cookie: citizen, 'accept-language': 'en' },
      payload: {
        procedureCode: office.procedure.code,
        applicant: { fullName: 'A', idNumber: '123', phone: '12' },
        formData: { requestSummary: '', unknown: 'x' },
        documents: [],
      },
    });
    expect(missingDoc.statusCode).toBe(400);
    expect(Object.keys(missingDoc.json().error.fields)).toEqual(
      expect.arrayContaining(['applicant.fullName', 'applicant.idNumber', 'applicant.phone']),
    );
    const formErrors = await submit(citizen, { formData: { requestSummary: '', extra: 'x' } });
    expect(formErrors.statusCode).toBe(400);
    expect(Object.keys(formErrors.json().error.fields)).toEqual(
      expect.arrayContaining(['formData.requestSummary', 'formData.extra']),
    );
    const noDocs = await submit(citizen, { documents: [] });
    expect(noDocs.json().error.fields['documents.g1-1']).toContain('Tờ khai');
    const unknown = await submit(citizen, { procedureCode: '9.999999' });
    expect(unknown.statusCode).toBe(400);
    const after = (await t.deps.database.db.selectFrom('applications').select('id').execute()).length;
    expect(after).toBe(before);
    const anonymous = await t.inject({
      method: 'POST',
      url: '/api/v1/applications',
      payload: {
        procedureCode: office.procedure.code,
        applicant: { fullName: 'Nguyễn Văn Dân', idNumber: '014090001234', phone: '0912345678' },
        formData: { requestSummary: 'x' },
      },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses a document already attached to an application, or uploaded by someone else', async () => {
    const file = (await upload(citizen)).json();
    const documents = [{ componentId: 'g1-1', fileId: file.id }];
    expect((await submit(citizen, { documents })).statusCode).toBe(201);
    const before = (await t.deps.database.db.selectFrom('applications').select('id').execute()).length;
    const again = await submit(citizen, { documents });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields['documents.0.fileId']).toBeTruthy();
    const stranger = await t.login((await createUser(t.deps.database.db)).username, TEST_PASSWORD);
    const theirs = (await upload(stranger)).json();
    const foreign = await submit(citizen, { documents: [{ componentId: 'g1-1', fileId: theirs.id }] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields['documents.0.fileId']).toBeTruthy();
    const after = (await t.deps.database.db.selectFrom('applications').select('id').execute()).length;
    expect(after).toBe(before);
  });

  it('tracks publicly with the last four digits, shows no personal data, and rate limits guesses', async () => {
    const code = (await submit(citizen)).json().code;
    const ok = await t.inject({ method: 'GET', url: `/api/v1/track/${code}?verify=5678` });
    expect(ok.statusCode).toBe(200);
    expect(JSON.stringify(ok.json())).not.toContain('Nguyễn Văn Dân');
    expect(JSON.stringify(ok.json())).not.toContain('0912345678');
    expect(ok.json()).toMatchObject({ code, status: 1, timeline: [{ status: 1, action: 'submit' }] });
    const wrong = await t.inject({
      method: 'GET',
      url: `/api/v1/track/${code}?verify=0000`,
      remoteAddress: '10.1.1.1',
    });
    const unknown = await t.inject({
      method: 'GET',
      url: '/api/v1/track/000.00.01.H14-260302-9999?verify=0000',
      remoteAddress: '10.1.1.2',
    });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json()).toEqual(unknown.json());
    for (let i = 0; i < 9; i++)
      await t.inject({
        method: 'GET',
        url: `/api/v1/track/${code}?verify=11${i}1`,
        remoteAddress: `10.2.0.${i}`,
      });
    const blocked = await t.inject({
      method: 'GET',
      url: `/api/v1/track/${code}?verify=5678`,
      remoteAddress: '10.3.0.1',
    });
    expect(blocked.statusCode).toBe(429);
    expect((await t.inject({ method: 'GET', url: '/api/v1/track/not-a-code?verify=1234' })).statusCode).toBe(
      400,
    );
    expect((await t.inject({ method: 'GET', url: `/api/v1/track/${code}?verify=12` })).statusCode).toBe(400);
    clock.advance(61_000);
  });

  it('walks the whole workflow: accept, forward, assign, propose, review, approve, return', async () => {
    const code = (await submit(citizen)).json().code;
    const as = async (who: keyof typeof office.staff) => t.login(office.staff[who].username, TEST_PASSWORD);
    let version = 1;
    const act = async (cookie: string, action: string, extra: Record<string, unknown> = {}) => {
      const response = await t.inject({
        method: 'POST',
        url: `/api/v1/applications/${code}/actions`,
        headers: { cookie },
        payload: { action, expectedVersion: version, ...extra },
      });
      if (response.statusCode === 200) version = response.json().version;
      return response;
    };
    const counter = await as('counter');
    const accepted = await act(counter, 'accept');
    expect(accepted.statusCode).toBe(200);
    // Received Monday 2 March 09:00, 3 working days: due Thursday 5 March at the close of office hours.
    expect(accepted.json()).toMatchObject({ status: 2, dueAt: '2026-03-05T10:30:00.000Z' });
    expect((await act(counter, 'forward')).json()).toMatchObject({ status: 4, step: 'assignment' });
    const head = await as('head');
    expect((await act(head, 'propose')).statusCode).toBe(409);
    expect((await act(head, 'assign', { assignee: office.staff.specialist.username })).json().step).toBe(
      'proposal',
    );
    const specialist = await as('specialist');
    expect((await act(specialist, 'propose', { note: 'Đủ điều kiện, đề nghị phê duyệt' })).json().step).toBe(
      'review',
    );
    expect((await act(head, 'review')).json().step).toBe('approval');
    const leader = await as('leader');
    expect((await act(leader, 'approve')).json()).toMatchObject({ status: 9 });
    const returned = await act(counter, 'return_result');
    expect(returned.json()).toMatchObject({ status: 10, allowedActions: [] });
    const events = returned.json().events.map((e: { action: string }) => e.action);
    expect(events).toEqual([
      'submit',
      'accept',
      'forward',
      'assign',
      'propose',
      'review',
      'approve',
      'return_result',
    ]);
    const tracked = await t.inject({ method: 'GET', url: `/api/v1/track/${code}?verify=1234` });
    expect(tracked.json().status).toBe(10);
  });

  it('answers a stale version with 409 and lets exactly one of two conflicting actions win', async () => {
    const code = (await submit(citizen)).json().code;
    const counter = await t.login(office.staff.counter.username, TEST_PASSWORD);
    const action = (name: string) =>
      t.inject({
        method: 'POST',
        url: `/api/v1/applications/${code}/actions`,
        headers: { cookie: counter },
        payload: { action: name, expectedVersion: 1, note: 'Hồ sơ không hợp lệ theo quy định' },
      });
    const [a, b] = await Promise.all([action('accept'), action('refuse')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const view = await t.inject({
      method: 'GET',
      url: `/api/v1/applications/${code}`,
      headers: { cookie: counter },
    });
    expect(view.json().version).toBe(2);
    expect(view.json().events).toHaveLength(2);
  });

  it('keeps officers of another unit out, and citizens out of officers’ actions', async () => {
    const code = (await submit(citizen)).json().code;
    const elsewhere = await createUnit(t.deps.database.db, { code: '999', typeCode: 'district' });
    const agency = await createAgency(t.deps.database.db, { unitId: elsewhere.id, hasCounter: true });
    const foreign = await createUser(t.deps.database.db, {
      role: 'counter_officer',
      unitId: elsewhere.id,
      agencyId: agency.id,
    });
    const foreignCookie = await t.login(foreign.username, TEST_PASSWORD);
    const seen = await t.inject({
      method: 'GET',
      url: `/api/v1/applications/${code}`,
      headers: { cookie: foreignCookie },
    });
    expect(seen.statusCode).toBe(404);
    const acted = await t.inject({
      method: 'POST',
      url: `/api/v1/applications/${code}/actions`,
      headers: { cookie: foreignCookie },
      payload: { action: 'accept', expectedVersion: 1 },
    });
    expect(acted.statusCode).toBe(404);
    const byCitizen = await t.inject({
      method: 'POST',
      url: `/api/v1/applications/${code}/actions`,
      headers: { cookie: citizen },
      payload: { action: 'accept', expectedVersion: 1 },
    });
    expect(byCitizen.statusCode).toBe(403);
    const withdrawn = await t.inject({
      method: 'POST',
      url: `/api/v1/applications/${code}/actions`,
      headers: { cookie: citizen },
      payload: { action: 'request_withdrawal', expectedVersion: 1 },
    });
    expect(withdrawn.json().status).toBe(7);
  });

  it('refuses a refusal without reasons and an action not allowed in the status, changing nothing', async () => {
    const code = (await submit(citizen)).json().code;
    const counter = await t.login(office.staff.counter.username, TEST_PASSWORD);
    const noReason = await t.inject({
      method: 'POST',
      url: `/api/v1/applications/${code}/actions`,
      headers: { cookie: counter },
      payload: { action: 'refuse', expectedVersion: 1 },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields.note).toBeTruthy();
    const notAllowed = await t.inject({
      method: 'POST',
      url: `/api/v1/applications/${code}/actions`,
      headers: { cookie: counter },
      payload: { action: 'return_result', expectedVersion: 1 },
    });
    expect(notAllowed.statusCode).toBe(409);
    expect(notAllowed.json().error.code).toBe('ACTION_NOT_ALLOWED');
    const view = await t.inject({
      method: 'GET',
      url: `/api/v1/applications/${code}`,
      headers: { cookie: counter },
    });
    expect(view.json()).toMatchObject({ status: 1, version: 1 });
  });

  it('serves a form definition whose examples are themselves valid', async () => {
    const response = await t.inject({
      method: 'GET',
      url: `/api/v1/procedures/${office.procedure.code}/form`,
    });
    expect(response.statusCode).toBe(200);
    const form = response.json();
    const examples = Object.fromEntries(
      Object.entries(form.properties).map(([k, v]) => [k, (v as { examples: unknown[] }).examples[0]]),
    );
    const valid = await submit(citizen, { formData: examples });
    expect(valid.statusCode).toBe(201);
  });
});

describe('pauses in processing', () => {
  // Accepted Monday 2 March 09:00 with 3 working days; the supplement is asked for on Tuesday 09:00
  // (one working day used) and arrives complete on Wednesday 09:00: a restart gives 3 days again
  // (due Monday 9 March at closing time), a resume the 2 that were left (Friday 6 March).
  it.each([
    ['restart', '2026-03-09T10:30:00.000Z'],
    ['resume', '2026-03-06T10:30:00.000Z'],
  ] as const)(
    'resumes at the step it stood at after a supplement or a fee, the clock per the procedure (%s)',
    async (supplementClock, dueAfterSupplement) => {
      const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));
      const t = await buildTestApp({ clock, config: { homeUnitCode: '123' } });
      const office = await createOffice(t.deps, { procedure: { supplementClock } });
      const cookie = (who: keyof typeof office.staff) => t.login(office.staff[who].username, TEST_PASSWORD);
      const counter = await cookie('counter');
      const head = await cookie('head');
      const intake = await t.inject({
        method: 'POST',
        url: '/api/v1/applications/intake',
        headers: { cookie: counter },
        payload: {
          procedureCode: office.procedure.code,
          applicant: { fullName: 'Tòng Văn Hải', idNumber: '014090007777', phone: '0915777888' },
          checkedComponents: ['g1-1'],
          decision: 'accept',
        },
      });
      const code = intake.json().code;
      let version = 1;
      const act = async (who: string, action: string, extra: Record<string, unknown> = {}) => {
        const response = await t.inject({
          method: 'POST',
          url: `/api/v1/applications/${code}/actions`,
          headers: { cookie: who },
          payload: { action, expectedVersion: version, ...extra },
        });
        expect(response.statusCode, `${action}: ${response.body}`).toBe(200);
        version = response.json().version;
        return response.json();
      };
      await act(counter, 'forward');
      await act(head, 'assign', { assignee: office.staff.specialist.username });
      clock.set(new Date('2026-03-03T02:00:00Z')); // Tuesday 09:00 (sessions are signed in again: a day passed)
      expect(
        (await act(await cookie('specialist'), 'request_supplement', { note: 'Bổ sung bản sao sổ hộ khẩu' }))
          .status,
      ).toBe(5);
      clock.set(new Date('2026-03-04T02:00:00Z')); // Wednesday 09:00: the complete supplement arrives
      const counterAgain = await t.login(office.staff.counter.username, TEST_PASSWORD);
      const resumed = await act(counterAgain, 'receive_supplement');
      expect(resumed).toMatchObject({ status: 4, step: 'proposal', dueAt: dueAfterSupplement });
      const specialistAgain = await t.login(office.staff.specialist.username, TEST_PASSWORD);
      expect((await act(specialistAgain, 'request_fee', { amountVnd: 50000 })).status).toBe(6);
      const paid = await act(counterAgain, 'record_fee_paid', {
        paymentMethod: 'cash',
        receiptNumber: 'BL-0001',
      });
      expect(paid).toMatchObject({ status: 4, step: 'proposal' });
      expect((await act(specialistAgain, 'propose', { note: 'Đủ điều kiện' })).step).toBe('review');
      await t.close();
    },
    // Five sign-ins (argon2) and a fresh database: a few seconds alone, far more on a busy machine.
    120_000,
  );
});

describe('per-step time limits inside the total', () => {
  it('plans a deadline for each step at acceptance, follows the step, stops while paused and replans after', async () => {
    const clock = new FixedClock(new Date('2026-03-02T00:30:00Z')); // Monday 07:30
    const t = await buildTestApp({ clock, config: { homeUnitCode: '123' } });
    const office = await createOffice(t.deps, {
      procedure: {
        channels: [{ kind: 'direct', timeLimit: { amount: 10, unit: 'working_days' }, fees: [] }],
      },
    });
    const cookie = (who: keyof typeof office.staff) => t.login(office.staff[who].username, TEST_PASSWORD);
    const counter = await cookie('counter');
    const intake = await t.inject({
      method: 'POST',
      url: '/api/v1/applications/intake',
      headers: { cookie: counter },
      payload: {
        procedureCode: office.procedure.code,
        applicant: { fullName: 'Lò Thị Mai', idNumber: '014090008888', phone: '0915888999' },
        checkedComponents: ['g1-1'],
        decision: 'accept',
      },
    });
    expect(intake.statusCode, intake.body).toBe(201);
    const code = intake.json().code;
    // Signed in afresh each time: sessions expire while the clock runs on for days.
    const view = async () =>
      (
        await t.inject({
          method: 'GET',
          url: `/api/v1/applications/${code}`,
          headers: { cookie: await cookie('counter') },
        })
      ).json();
    // Ten working days counted from the day after receipt: due Monday 16 March 17:30, 88 working
    // hours after Monday 2 March 07:30, shared 5/5/60/15/15.
    const accepted = await view();
    expect(accepted.dueAt).toBe('2026-03-16T10:30:00.000Z');
    expect(accepted.stepPlan).toEqual({
      forwarding: '2026-03-02T06:54:00.000Z', // 4.4 hours: Monday 13:54 (no work 11:30-13:30)
      assignment: '2026-03-03T01:18:00.000Z', // 8.8 hours: Tuesday 08:18
      proposal: '2026-03-11T08:06:00.000Z', // 61.6 hours: Wednesday 11 March 15:06
      review: '2026-03-13T03:18:00.000Z', // 74.8 hours: Friday 13 March 10:18
      approval: '2026-03-16T10:30:00.000Z', // the due date
    });
    expect(accepted.stepDueAt).toBe(accepted.stepPlan.forwarding);

    let version = accepted.version;
    const act = async (who: string, action: string, extra: Record<string, unknown> = {}) => {
      const response = await t.inject({
        method: 'POST',
        url: `/api/v1/applications/${code}/actions`,
        headers: { cookie: who },
        payload: { action, expectedVersion: version, ...extra },
      });
      expect(response.statusCode, `${action}: ${response.body}`).toBe(200);
      version = response.json().version;
      return view();
    };
    clock.set(new Date('2026-03-02T06:00:00Z')); // Monday 13:00, inside the forwarding step's time
    const forwarded = await act(counter, 'forward');
    expect(forwarded.stepDueAt).toBe(accepted.stepPlan.assignment);
    const events = forwarded.events as { action: string; details?: Record<string, unknown> }[];
    expect(events.at(-1)?.action).toBe('forward');

    // The workbench flags the step late while the whole is still in time.
    const head = await cookie('head');
    await act(head, 'assign', { assignee: office.staff.specialist.username });
    clock.set(new Date('2026-03-12T02:00:00Z')); // Thursday 12 March 09:00: the proposal step is late
    const specialist = await cookie('specialist');
    const list = await t.inject({
      method: 'GET',
      url: '/api/v1/workbench?queue=all',
      headers: { cookie: specialist },
    });
    const item = list.json().items.find((i: { code: string }) => i.code === code);
    expect(item).toMatchObject({
      stepDueAt: accepted.stepPlan.proposal,
      stepLate: true,
      progress: 'on_time',
    });
    const page = await t.inject({
      method: 'GET',
      url: `/can-bo/ho-so/${code}`,
      headers: { cookie: specialist },
    });
    expect(page.body).toContain('Thời hạn từng bước');
    expect(page.body).toContain('Chuyên viên thẩm định, đề xuất');
    expect(page.body).toContain('Trễ hạn bước');

    const paused = await act(specialist, 'request_supplement', { note: 'Bổ sung giấy xác nhận cư trú' });
    expect(paused.stepDueAt).toBeNull();
    clock.set(new Date('2026-03-13T00:30:00Z')); // Friday 07:30: the complete supplement arrives
    const resumed = await act(await cookie('counter'), 'receive_supplement');
    // The limit restarts: ten working days again, shared among the steps still ahead.
    expect(resumed.dueAt).toBe('2026-03-27T10:30:00.000Z');
    expect(Object.keys(resumed.stepPlan)).toEqual(['proposal', 'review', 'approval']);
    expect(resumed.stepDueAt).toBe(resumed.stepPlan.proposal);
    expect(new Date(resumed.stepDueAt).getTime()).toBeGreaterThan(clock.now().getTime());
    await t.close();
  });
});
