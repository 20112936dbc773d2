import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { FixedClock } from '../../shared/clock.js';
import { loadDemoCapacity } from './demo-capacity.js';
import { createAgency, createUnit, createUser, TEST_PASSWORD } from './factories.js';

// The middle of March 2026: "last month" is February.
const clock = new FixedClock(new Date('2026-03-16T03:00:00Z'));

describe('the demo’s capacity tests and staff scores', () => {
  let t: TestApp;
  const get = async (url: string, username: string) =>
    t.inject({ method: 'GET', url, headers: { cookie: await t.login(username, TEST_PASSWORD) } });

  beforeAll(async () => {
    t = await buildTestApp({ clock, config: { homeUnitCode: '123' } });
    const db = t.deps.database.db;
    const town = await createUnit(db, { code: '123', typeCode: 'town', name: 'Thị xã Mộc Châu' });
    const counter = await createAgency(db, {
      unitId: town.id,
      kind: 'office',
      name: 'Bộ phận Một cửa',
      hasCounter: true,
    });
    const justice = await createAgency(db, { unitId: town.id, kind: 'department', name: 'Phòng Tư pháp' });
    const committee = await createAgency(db, {
      unitId: town.id,
      kind: 'peoples_committee',
      name: 'UBND thị xã',
    });
    await createUser(db, { username: 'admin', role: 'administrator', unitId: town.id });
    await createUser(db, {
      username: 'counter',
      role: 'counter_officer',
      unitId: town.id,
      agencyId: counter.id,
    });
    await createUser(db, {
      username: 'specialist',
      role: 'specialist',
      unitId: town.id,
      agencyId: justice.id,
    });
    await createUser(db, { username: 'head', role: 'unit_head', unitId: town.id, agencyId: justice.id });
    await createUser(db, {
      username: 'leader',
      role: 'signing_leader',
      unitId: town.id,
      agencyId: committee.id,
    });
    await loadDemoCapacity(t.deps);
  }, 180_000);
  afterAll(() => t.close());

  it('has four banks of ten questions, one per topic', async () => {
    const banks = (await get('/api/v1/capacity-tests/banks', 'admin')).json().items;
    expect(banks.map((b: { topic: string }) => b.topic).sort()).toEqual([
      'digital_skills',
      'one_stop',
      'procedure_law',
      'unit_field',
    ]);
    expect(banks.every((b: { activeQuestions: number }) => b.activeQuestions === 10)).toBe(true);
  });

  it('has this year’s test open for the counter officer, the specialist and the head, none of them started', async () => {
    const mine = (await get('/api/v1/capacity-tests/campaigns', 'counter')).json().mine;
    const open = mine.find((c: { code: string }) => c.code === 'KTNL-2026');
    expect(open).toMatchObject({
      state: 'open',
      candidates: 3,
      questionCount: 10,
      mine: { attemptsUsed: 0 },
    });
  });

  it('has last month’s test closed with the three officers’ results', async () => {
    const report = (await get('/api/v1/capacity-tests/campaigns/KT-2026-02/results', 'leader')).json();
    expect(report).toMatchObject({ candidates: 3, submitted: 3, passed: 3 });
    expect(report.people.map((p: { score: number }) => p.score).sort()).toEqual([62.5, 87.5, 87.5]);
  });

  it('has the town’s method and last month’s scores reviewed, two signed off', async () => {
    const scores = (await get('/api/v1/staff-scores?unit=123&period=2026-02', 'leader')).json();
    expect(scores.method.source).toBe('unit');
    const status = Object.fromEntries(
      scores.officers.map((o: { username: string; status: string }) => [o.username, o.status]),
    );
    expect(status).toEqual({ counter: 'signed', specialist: 'signed', head: 'reviewed' });
    const specialist = scores.officers.find((o: { username: string }) => o.username === 'specialist');
    expect(specialist.inputs).toMatchObject({ testScore: 87.5, leaderScore: 92 });
  });
});
