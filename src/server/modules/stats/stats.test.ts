import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { FixedClock } from '../../../shared/clock.js';
import { TEST_PASSWORD } from '../../seed/factories.js';
import { rebuildStatistics } from './rollup.js';
import {
  act,
  contextOf,
  createStatsWorld,
  intake,
  resultFile,
  type StatsWorld,
  submitOnline,
} from './stats.fixtures.js';
import {
  breakdown,
  lateness,
  listApplicationsBehind,
  ranking,
  serviceIndex,
  summary,
} from './stats.service.js';
import { compareWithRollups } from './stats.verify.js';

// Monday 2 March 2026, 09:00 in Vietnam. A three-working-day procedure received then is due on
// Thursday 5 March at 17:30.
const MONDAY_9 = new Date('2026-03-02T02:00:00Z');
const at = (iso: string) => new Date(`${iso}+07:00`);

describe('statistics on a hand-built week in Mộc Châu', () => {
  const clock = new FixedClock(MONDAY_9);
  let t: TestApp;
  let w: StatsWorld;
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp({ clock, config: { homeUnitCode: '123' } });
    w = await createStatsWorld(t.deps);
    const deps = t.deps;
    const { staff, procedure } = w.office;
    const ward = w.wardStaff;
    // Monday 09:00: eight applications come in.
    codes.A = await intake(deps, staff.counter, procedure.code);
    codes.B = await submitOnline(deps, staff.citizen, procedure.code);
    codes.C = await intake(deps, staff.counter, procedure.code);
    codes.D = await submitOnline(deps, staff.citizen, procedure.code);
    codes.E = await intake(deps, ward.counter, w.wardProcedure.code);
    codes.F = await intake(deps, staff.counter, procedure.code);
    codes.G = await submitOnline(deps, staff.citizen, procedure.code);
    codes.H = await intake(deps, staff.counter, procedure.code);
    clock.set(at('2026-03-02T09:30'));
    await act(deps, staff.counter, codes.B, 'accept');
    await act(deps, staff.counter, codes.D, 'refuse', { note: 'Hồ sơ không thuộc thẩm quyền.' });
    clock.set(at('2026-03-02T10:00'));
    for (const c of [codes.A, codes.B, codes.C, codes.H]) await act(deps, staff.counter, c!, 'forward');
    await act(deps, ward.counter, codes.E!, 'forward');
    clock.set(at('2026-03-02T10:30'));
    for (const c of [codes.A, codes.B, codes.H])
      await act(deps, staff.head, c!, 'assign', { assignee: staff.specialist.username });
    await act(deps, ward.head, codes.E!, 'assign', { assignee: ward.specialist.username });
    clock.set(at('2026-03-02T11:00'));
    await act(deps, staff.specialist, codes.A!, 'propose', { note: 'Đủ điều kiện, đề nghị duyệt.' });
    await act(deps, staff.specialist, codes.H!, 'request_supplement', { note: 'Bổ sung bản sao giấy tờ.' });
    await act(deps, ward.specialist, codes.E!, 'propose', { note: 'Đủ điều kiện, đề nghị duyệt.' });
    await act(deps, staff.counter, codes.F!, 'request_withdrawal');
    clock.set(at('2026-03-02T11:30'));
    await act(deps, staff.head, codes.A!, 'review');
    await act(deps, ward.head, codes.E!, 'review');
    await act(deps, staff.counter, codes.F!, 'stop', { note: 'Công dân đề nghị rút hồ sơ.' });
    // Tuesday: A is approved and its result returned as a file.
    clock.set(at('2026-03-03T09:00'));
    await act(deps, staff.leader, codes.A!, 'approve');
    await act(deps, staff.counter, codes.A!, 'return_result', {
      fileIds: [await resultFile(deps, staff.counter)],
    });
    // An evaluation of A, two feedback items (one answered on time, one complaint left overdue).
    const db = deps.database.db;
    const a = await db
      .selectFrom('applications')
      .selectAll()
      .where('code', '=', codes.A!)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('evaluations')
      .values({
        application_id: a.id,
        agency_id: w.office.department.id,
        unit_id: w.office.unit.id,
        officer_id: staff.specialist.id,
        counter_officer_id: staff.counter.id,
        channel: 'online',
        level: 'satisfied',
        comment: null,
        submitted_at: at('2026-03-03T10:00'),
      })
      .execute();
    const feedback = (code: string, kind: 'complaint' | 'recommendation', answered: boolean) => ({
      code,
      kind,
      subject_type: 'unit' as const,
      unit_id: w.office.unit.id,
      channel: 'web' as const,
      body: 'Phản ánh về thời gian giải quyết.',
      publish_consent: false,
      access_key_hash: 'x'.repeat(64),
      status: answered ? ('answered' as const) : ('received' as const),
      received_at: at('2026-03-02T09:00'),
      time_limit_days: 3,
      due_at: at('2026-03-05T17:30'),
      answer: answered ? 'Đã xử lý.' : null,
      answered_at: answered ? at('2026-03-03T09:00') : null,
      upheld: answered ? true : null,
      created_at: at('2026-03-02T09:00'),
      updated_at: at('2026-03-02T09:00'),
    });
    await db
      .insertInto('feedback_items')
      .values([
        feedback('PA-260302-0001', 'recommendation', true),
        feedback('PA-260302-0002', 'complaint', false),
      ])
      .execute();
  });
  afterAll(() => t.close());

  const march = { unit: '123', from: '2026-03-01', to: '2026-03-31' };

  it('before the deadline passes, counts nothing as late: "past deadline" means past it now', async () => {
    clock.set(at('2026-03-05T10:00'));
    const s = await summary(t.deps, march);
    expect(s).toMatchObject({
      inProcess: 4,
      inProcessPastDeadline: 0,
      inProcessWithinDeadline: 4,
      wentLate: 0,
    });
    expect(s.asOf).toEqual(at('2026-03-05T10:00'));
  });

  it('counts received, processed early and late, stopped, refused and in process, which add up', async () => {
    clock.set(at('2026-03-06T09:00'));
    await act(t.deps, w.wardStaff.leader, codes.E!, 'approve');
    clock.set(at('2026-03-06T10:00'));
    const s = await summary(t.deps, march);
    expect(s).toMatchObject({
      submitted: 8,
      received: 6,
      receivedOnline: 1,
      receivedDirect: 5,
      receivedPostal: 0,
      receivedFullOnline: 1,
      receivedDigitised: 1,
      refused: 1,
      stopped: 1,
      carriedOver: 0,
      toHandle: 6,
      processed: 2,
      processedEarly: 1,
      processedOnTime: 0,
      processedWithinDeadline: 1,
      processedLate: 1,
      inProcess: 3,
      inProcessPastDeadline: 2,
      inProcessWithinDeadline: 1,
      wentLate: 3,
      returned: 1,
      returnedElectronic: 1,
      onlineRate: 16.67,
      onTimeRate: 50,
      handledOnTimeRate: 40,
      electronicResultRate: 100,
      averageHandlingDays: 2.5,
      onlinePayment: null,
      onlinePaymentApplicable: false,
    });
    // Everything to handle ends processed, stopped or still in process.
    expect(s.toHandle).toBe((s.processed ?? 0) + (s.stopped ?? 0) + (s.inProcess ?? 0));
  });

  it('counts a unit alone or with its descendants, and the province above it', async () => {
    const alone = await summary(t.deps, { ...march, includeDescendants: false });
    expect(alone).toMatchObject({ received: 5, processed: 1, processedLate: 0, inProcess: 3, wentLate: 2 });
    const ward = await summary(t.deps, { ...march, unit: '04000' });
    expect(ward).toMatchObject({ received: 1, processed: 1, processedLate: 1, inProcess: 0, wentLate: 1 });
    const province = await summary(t.deps, { ...march, unit: '14' });
    expect(province).toMatchObject({ received: 6, processed: 2, inProcess: 3, unitName: 'Tỉnh Sơn La' });
  });

  it('reads the stocks at the end of any past day from the roll-ups', async () => {
    const wednesday = await summary(t.deps, { unit: '123', from: '2026-03-01', to: '2026-03-04' });
    expect(wednesday).toMatchObject({ inProcess: 4, inProcessPastDeadline: 0, processed: 1, wentLate: 0 });
    const thursday = await summary(t.deps, { unit: '123', from: '2026-03-01', to: '2026-03-05' });
    expect(thursday).toMatchObject({ inProcess: 4, inProcessPastDeadline: 3, wentLate: 3 });
    const friday = await summary(t.deps, { unit: '123', from: '2026-03-06', to: '2026-03-06' });
    expect(friday).toMatchObject({ carriedOver: 4, received: 0, processed: 1, inProcess: 3 });
  });

  it('filters by procedure, field and channel', async () => {
    const online = await summary(t.deps, { ...march, channel: 'online' });
    expect(online).toMatchObject({ received: 1, inProcess: 1, inProcessPastDeadline: 1, onlineRate: 100 });
    const wardProcedure = await summary(t.deps, { ...march, procedureCode: w.wardProcedure.code });
    expect(wardProcedure).toMatchObject({
      received: 1,
      processedLate: 1,
      proceduresInRemit: 1,
      proceduresOnline: 1,
    });
    const field = await summary(t.deps, { ...march, field: 'Hộ tịch' });
    expect(field).toMatchObject({ received: 6, proceduresInRemit: 2 });
  });

  it('counts the remit, evaluations and feedback', async () => {
    const s = await summary(t.deps, march);
    expect(s).toMatchObject({
      proceduresInRemit: 2,
      proceduresProvince: 0,
      proceduresDistrict: 1,
      proceduresCommune: 1,
      proceduresVertical: 0,
      proceduresOnline: 2,
      proceduresFullOnline: 1,
      proceduresPartialOnline: 1,
      onlineServiceRate: 100,
      fullOnlineServiceRate: 50,
      evaluations: 1,
      evaluationsSatisfied: 1,
      satisfiedRate: 100,
      feedbackReceived: 2,
      feedbackAnsweredOnTime: 1,
      feedbackPendingOverdue: 1,
      complaints: 1,
      feedbackOnTimeRate: 50,
    });
  });

  it('attributes each late application to the step, unit and person holding it when its deadline passed', async () => {
    const head = await contextOf(t.deps, w.office.staff.head);
    const steps = await breakdown(t.deps, null, { ...march, by: 'step' });
    expect(Object.fromEntries(steps.rows.map((r) => [r.key, r.figures.wentLate]))).toEqual({
      reception: 0,
      assignment: 1,
      proposal: 1,
      review: 0,
      approval: 1,
    });
    const result = await lateness(t.deps, head.actor, march);
    expect(result.total).toBe(3);
    expect(result.byOfficer).toEqual([
      { username: w.office.staff.specialist.username, name: expect.any(String), count: 1 },
    ]);
    expect((await lateness(t.deps, null, march)).byOfficer).toBeNull();
    const officers = await breakdown(t.deps, head.actor, { ...march, by: 'officer' });
    const specialist = officers.rows.find((r) => r.key === w.office.staff.specialist.username)!;
    expect(specialist.figures).toMatchObject({
      assigned: 3,
      processed: 1,
      processedLate: 0,
      wentLate: 1,
      evaluations: 1,
      satisfiedRate: 100,
    });
    const counter = officers.rows.find((r) => r.key === w.office.staff.counter.username)!;
    expect(counter.figures).toMatchObject({ received: 5, returned: 1 });
    const wardSpecialist = officers.rows.find((r) => r.key === w.wardStaff.specialist.username)!;
    expect(wardSpecialist.figures).toMatchObject({
      assigned: 1,
      processed: 1,
      processedLate: 1,
      wentLate: 0,
    });
    const heads = await breakdown(t.deps, head.actor, { ...march, by: 'head' });
    expect(heads.rows.find((r) => r.key === w.office.staff.head.username)!.figures).toMatchObject({
      received: 5,
      wentLate: 2,
      inProcessPastDeadline: 2,
    });
    expect(heads.rows.find((r) => r.key === w.wardStaff.head.username)!.figures).toMatchObject({
      received: 1,
      processedLate: 1,
      wentLate: 1,
    });
  });

  it('lists the application codes behind a figure', async () => {
    const head = (await contextOf(t.deps, w.office.staff.head)).actor;
    const codesOf = async (figure: Parameters<typeof listApplicationsBehind>[2]['figure'], extra = {}) =>
      (await listApplicationsBehind(t.deps, head, { ...march, figure, ...extra })).items
        .map((i) => i.code)
        .sort();
    expect(await codesOf('inProcessPastDeadline')).toEqual([codes.B, codes.C].sort());
    expect(await codesOf('inProcessWithinDeadline')).toEqual([codes.H]);
    expect(await codesOf('processedLate')).toEqual([codes.E]);
    expect(await codesOf('processedEarly')).toEqual([codes.A]);
    expect(await codesOf('receivedOnline')).toEqual([codes.B]);
    expect(await codesOf('refused')).toEqual([codes.D]);
    expect(await codesOf('stopped')).toEqual([codes.F]);
    expect(await codesOf('wentLate')).toEqual([codes.B, codes.C, codes.E].sort());
    expect(await codesOf('returnedElectronic')).toEqual([codes.A]);
    expect(await codesOf('carriedOver', { from: '2026-03-06', to: '2026-03-06' })).toEqual(
      [codes.B, codes.C, codes.E, codes.H].sort(),
    );
    expect(await codesOf('inProcessPastDeadline', { to: '2026-03-04' })).toEqual([]);
    expect(await codesOf('inProcessPastDeadline', { to: '2026-03-05' })).toEqual(
      [codes.B, codes.C, codes.E].sort(),
    );
    const paged = await listApplicationsBehind(t.deps, head, {
      ...march,
      figure: 'received',
      pageSize: 2,
      page: 2,
    });
    expect(paged).toMatchObject({ total: 6, page: 2, pageSize: 2 });
    expect(paged.items).toHaveLength(2);
  });

  it('scores the service index with the numerator and denominator behind every rate', async () => {
    const index = await serviceIndex(t.deps, march);
    const find = (key: string) => index.groups.flatMap((g) => g.indicators).find((i) => i.key === key)!;
    expect(find('applications_online')).toMatchObject({
      numerator: 1,
      denominator: 6,
      value: 16.67,
      target: 50,
      targetSource: 'default',
      earned: 1,
      applicable: true,
    });
    expect(find('handled_on_time')).toMatchObject({ numerator: 2, denominator: 5, value: 40, earned: 8 });
    expect(find('service_satisfaction')).toMatchObject({ numerator: 1, denominator: 5, value: 20 });
    expect(find('average_handling_days')).toMatchObject({
      numerator: 5,
      denominator: 2,
      value: 2.5,
      earned: null,
    });
    expect(find('procedures_paid_online')).toMatchObject({ applicable: false, reason: 'no_data' });
    const payment = index.groups.find((g) => g.key === 'online_payment')!;
    expect(payment).toMatchObject({ applicable: false, applicablePoints: 0, earned: 0 });
    expect(index.points).toBe(100);
    // Transparency (4 of 18 with data), payment (0), satisfaction (12 of 18), digitisation (10 of 22).
    expect(index.applicablePoints).toBe(4 + 20 + 12 + 0 + 12 + 10);
    expect(index.score).toBe(Math.round((index.earned / index.applicablePoints) * 10_000) / 100);
  });

  it('ranks the units under a unit by their score', async () => {
    const district = await ranking(t.deps, march);
    expect(district.rows).toEqual([expect.objectContaining({ rank: 1, unit: '04000' })]);
    const province = await ranking(t.deps, { ...march, unit: '14' });
    expect(province.rows).toEqual([expect.objectContaining({ rank: 1, unit: '123' })]);
  });

  it('breaks the figures down by month, unit, agency, field, procedure and channel', async () => {
    const months = await breakdown(t.deps, null, {
      unit: '123',
      from: '2026-02-01',
      to: '2026-03-31',
      by: 'month',
    });
    expect(
      months.rows.map((r) => [r.key, r.figures.received, r.figures.inProcess, r.figures.carriedOver]),
    ).toEqual([
      ['2026-02', 0, 0, 0],
      ['2026-03', 6, 3, 0],
    ]);
    const units = await breakdown(t.deps, null, { ...march, by: 'unit' });
    expect(units.rows.map((r) => [r.key, r.figures.received])).toEqual([
      ['123', 5],
      ['04000', 1],
    ]);
    const channels = await breakdown(t.deps, null, { ...march, by: 'channel' });
    expect(channels.rows.map((r) => [r.key, r.figures.received, r.figures.proceduresInRemit])).toEqual([
      ['online', 1, null],
      ['direct', 5, null],
      ['postal', 0, null],
    ]);
    const procedures = await breakdown(t.deps, null, { ...march, by: 'procedure' });
    expect(procedures.rows.map((r) => [r.key, r.figures.received])).toEqual([
      [w.office.procedure.code, 5],
      [w.wardProcedure.code, 1],
    ]);
    const fields = await breakdown(t.deps, null, { ...march, by: 'field' });
    expect(fields.rows).toHaveLength(1);
    expect(fields.rows[0]!.figures).toMatchObject({ received: 6, inProcess: 3 });
  });

  it('keeps names and application codes from anyone but staff of the unit or above', async () => {
    const wardHead = (await contextOf(t.deps, w.wardStaff.head)).actor;
    await expect(breakdown(t.deps, null, { ...march, by: 'officer' })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(breakdown(t.deps, wardHead, { ...march, by: 'officer' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const citizen = (await contextOf(t.deps, w.office.staff.citizen)).actor;
    await expect(
      listApplicationsBehind(t.deps, citizen, { ...march, figure: 'received' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // The ward's own head sees the ward's officers.
    const own = await breakdown(t.deps, wardHead, { ...march, unit: '04000', by: 'officer' });
    expect(own.rows.map((r) => r.key)).toContain(w.wardStaff.specialist.username);
  });

  it('agrees with a recomputation from the raw events, and a rebuild from the facts changes nothing', async () => {
    const db = t.deps.database.db;
    expect(await compareWithRollups(db, clock.now())).toEqual([]);
    const snapshot = async () => ({
      counts: (await db.selectFrom('stat_counts').selectAll().execute())
        .filter((r) =>
          Object.entries(r).some(([k, v]) => typeof v === 'number' && v !== 0 && !k.endsWith('_id')),
        )
        .map((r) => JSON.stringify(r))
        .sort(),
      officers: (await db.selectFrom('stat_officer_counts').selectAll().execute())
        .map((r) => JSON.stringify(r))
        .sort(),
      late: (await db.selectFrom('stat_went_late').selectAll().execute())
        .map(({ id: _id, ...r }) => JSON.stringify(r))
        .sort(),
      states: (await db.selectFrom('stat_app_state').selectAll().execute())
        .map((r) => JSON.stringify(r))
        .sort(),
    });
    const before = await snapshot();
    await db.transaction().execute((tx) => rebuildStatistics(tx));
    expect(await snapshot()).toEqual(before);
  });

  describe('the API', () => {
    let admin: string;
    let head: string;
    beforeAll(async () => {
      admin = await t.login(w.admin.username, TEST_PASSWORD);
      head = await t.login(w.office.staff.head.username, TEST_PASSWORD);
    });

    it('answers the summary as one flat object of named figures, by administrative code', async () => {
      const response = await t.inject({
        method: 'GET',
        url: '/api/v1/stats/summary?unit=14&from=2026-03-01&to=2026-03-31',
      });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({
        unit: '14',
        from: '2026-03-01',
        to: '2026-03-31',
        asOf: '2026-03-06T10:00:00+07:00',
        received: 6,
        processedLate: 1,
        inProcessPastDeadline: 2,
        onlineRate: 16.67,
        onlinePayment: null,
      });
      expect(Object.values(body).every((v) => v === null || typeof v !== 'object')).toBe(true);
    });

    it('answers the index as groups of sub-indicators with numerators, denominators, rates, targets and points', async () => {
      const response = await t.inject({
        method: 'GET',
        url: '/api/v1/stats/index?unit=123&from=2026-03-01&to=2026-03-31',
        headers: { 'accept-language': 'vi' },
      });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.groups).toHaveLength(6);
      expect(body.groups[2]).toMatchObject({ key: 'online_service', name: 'Cung cấp dịch vụ trực tuyến' });
      expect(body.groups[2].indicators[3]).toMatchObject({
        key: 'applications_online',
        numerator: 1,
        denominator: 6,
        rate: 16.67,
        target: 50,
        points: 3,
        earned: 1,
      });
    });

    it('sets targets for administrators only, audited; the index then reads them, units below inherit them', async () => {
      const payload = { unit: '123', year: 2026, targets: { applications_online: 10 } };
      const denied = await t.inject({
        method: 'PUT',
        url: '/api/v1/stats/targets',
        headers: { cookie: head },
        payload,
      });
      expect(denied.statusCode).toBe(403);
      const anonymous = await t.inject({ method: 'PUT', url: '/api/v1/stats/targets', payload });
      expect(anonymous.statusCode).toBe(401);
      const saved = await t.inject({
        method: 'PUT',
        url: '/api/v1/stats/targets',
        headers: { cookie: admin },
        payload,
      });
      expect(saved.statusCode).toBe(200);
      expect(
        saved.json().targets.find((r: { indicator: string }) => r.indicator === 'applications_online'),
      ).toMatchObject({
        own: 10,
        effective: 10,
        source: 'unit',
      });
      const audit = await t.deps.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'stats.targets.set')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.details).toMatchObject({
        year: 2026,
        changes: { applications_online: { from: null, to: 10 } },
      });
      const index = (
        await t.inject({ method: 'GET', url: '/api/v1/stats/index?unit=123&from=2026-03-01&to=2026-03-31' })
      ).json();
      expect(index.groups[2].indicators[3]).toMatchObject({ target: 10, targetSource: 'unit', earned: 3 });
      const ward = (
        await t.inject({ method: 'GET', url: '/api/v1/stats/targets?unit=04000&year=2026' })
      ).json();
      expect(
        ward.targets.find((r: { indicator: string }) => r.indicator === 'applications_online'),
      ).toMatchObject({
        own: null,
        effective: 10,
        source: 'inherited',
      });
      const progress = (
        await t.inject({ method: 'GET', url: '/api/v1/stats/targets/progress?unit=123&year=2026' })
      ).json();
      expect(
        progress.progress.find((p: { indicator: string }) => p.indicator === 'applications_online'),
      ).toMatchObject({
        target: 10,
        rate: 16.67,
        met: true,
      });
    });

    it('answers every bad input with a clear 4xx and changes nothing', async () => {
      const get = (url: string, cookie?: string) =>
        t.inject({ method: 'GET', url, ...(cookie ? { headers: { cookie } } : {}) });
      const cases: [string, number, string?][] = [
        ['/api/v1/stats/summary?from=2026-03-31&to=2026-03-01', 400, 'to'],
        ['/api/v1/stats/summary?from=2010-01-01&to=2020-01-01', 400, 'to'],
        ['/api/v1/stats/summary?from=1999-12-31&to=2000-01-31', 400, 'from'],
        ['/api/v1/stats/summary?from=2026-02-30', 400, 'from'],
        ['/api/v1/stats/summary?from=01/03/2026', 400, 'from'],
        ['/api/v1/stats/summary?from=2027-01-01&to=2027-02-01', 400, 'from'],
        ['/api/v1/stats/summary?unit=99999', 404],
        ['/api/v1/stats/summary?unit=%27%3B%20drop', 400, 'unit'],
        ['/api/v1/stats/summary?procedure=9.999999', 400, 'procedure'],
        ['/api/v1/stats/summary?field=Kh%C3%B4ng%20c%C3%B3', 400, 'field'],
        ['/api/v1/stats/summary?channel=fax', 400, 'channel'],
        ['/api/v1/stats/index?to=2026-13-01', 400, 'to'],
        ['/api/v1/stats/breakdown?by=everything', 400, 'by'],
        ['/api/v1/stats/breakdown?by=procedure&pageSize=100000', 400, 'pageSize'],
        ['/api/v1/stats/breakdown?by=officer', 401],
        ['/api/v1/stats/applications?figure=received', 401],
        ['/api/v1/stats/targets?year=1999', 400, 'year'],
        ['/api/v1/stats/targets?unit=99999', 404],
      ];
      for (const [url, status, field] of cases) {
        const response = await get(url);
        expect(response.statusCode, url).toBe(status);
        expect(response.json().error.message, url).toBeTruthy();
        if (field) expect(Object.keys(response.json().error.fields ?? {}), url).toContain(field);
      }
      const wardHead = await t.login(w.wardStaff.head.username, TEST_PASSWORD);
      expect((await get('/api/v1/stats/breakdown?unit=123&by=officer', wardHead)).statusCode).toBe(403);
      expect((await get('/api/v1/stats/applications?unit=123&figure=received', wardHead)).statusCode).toBe(
        403,
      );
      expect((await get('/api/v1/stats/applications?figure=received&pageSize=1000', head)).statusCode).toBe(
        400,
      );
      expect((await get('/api/v1/stats/applications?figure=nothing', head)).statusCode).toBe(400);
      const message = (await get('/api/v1/stats/summary?from=2026-03-31&to=2026-03-01&lang=en')).json();
      expect(message.error.fields.to).toBe('The last day must be on or after the first day.');

      const before = await t.deps.database.db.selectFrom('stat_targets').selectAll().execute();
      const audits = await t.deps.database.db.selectFrom('audit_log').select('id').execute();
      for (const payload of [
        { unit: '123', year: 2026, targets: { applications_online: 101 } },
        { unit: '123', year: 2026, targets: { applications_online: 50.123 } },
        { unit: '123', year: 2026, targets: { no_such_indicator: 50 } },
        { unit: '123', year: 1999, targets: { applications_online: 50 } },
        { unit: '123', year: 2026, targets: {} },
      ]) {
        const response = await t.inject({
          method: 'PUT',
          url: '/api/v1/stats/targets',
          headers: { cookie: admin },
          payload,
        });
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      }
      const unknown = await t.inject({
        method: 'PUT',
        url: '/api/v1/stats/targets',
        headers: { cookie: admin },
        payload: { unit: '99999', year: 2026, targets: { applications_online: 50 } },
      });
      expect(unknown.statusCode).toBe(404);
      expect(await t.deps.database.db.selectFrom('stat_targets').selectAll().execute()).toEqual(before);
      expect(await t.deps.database.db.selectFrom('audit_log').select('id').execute()).toHaveLength(
        audits.length,
      );
    });

    it('lets staff of the unit list the codes behind a figure', async () => {
      const response = await t.inject({
        method: 'GET',
        url: '/api/v1/stats/applications?unit=123&from=2026-03-01&to=2026-03-31&figure=inProcessPastDeadline',
        headers: { cookie: head },
      });
      expect(response.statusCode).toBe(200);
      expect(
        response
          .json()
          .items.map((i: { code: string }) => i.code)
          .sort(),
      ).toEqual([codes.B, codes.C].sort());
    });

    it('serves the administrators’ targets page: a form that saves, re-renders bad values with a 400, and is closed to others', async () => {
      const page = await t.inject({
        method: 'GET',
        url: '/quan-tri/chi-tieu?unit=123&year=2026',
        headers: { cookie: admin },
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('name="targets.applications_online"');
      expect(
        (await t.inject({ method: 'GET', url: '/quan-tri/chi-tieu', headers: { cookie: head } })).statusCode,
      ).toBe(403);
      expect((await t.inject({ method: 'GET', url: '/quan-tri/chi-tieu' })).statusCode).toBe(303);
      const { token, cookie } = await t.csrf('/quan-tri/chi-tieu?unit=123&year=2026', admin);
      const bad = await t.inject({
        method: 'POST',
        url: '/quan-tri/chi-tieu',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${token}&unit=123&year=2026&targets.applications_online=120`,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('error-summary');
      expect(bad.body).toContain('value="120"');
      const good = await t.inject({
        method: 'POST',
        url: '/quan-tri/chi-tieu',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${token}&unit=04000&year=2026&targets.applications_online=85%2C5&targets.handled_on_time=95`,
      });
      expect(good.statusCode).toBe(303);
      expect(good.headers.location).toBe('/quan-tri/chi-tieu?unit=04000&year=2026&saved=1');
      const targets = (
        await t.inject({ method: 'GET', url: '/api/v1/stats/targets?unit=04000&year=2026' })
      ).json();
      expect(
        targets.targets.find((r: { indicator: string }) => r.indicator === 'applications_online').own,
      ).toBe(85.5);
      const noCsrf = await t.inject({
        method: 'POST',
        url: '/quan-tri/chi-tieu',
        headers: { cookie: admin, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'unit=123&year=2026&targets.applications_online=10',
      });
      expect(noCsrf.statusCode).toBe(403);
    });
  });
});
