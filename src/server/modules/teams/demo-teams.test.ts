import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { DEMO_UNITS_DATE, DEMO_UNITS_FILE, loadDemo } from '../../seed/demo.js';
import {
  DEMO_MEMBER_COUNT,
  DEMO_TEAM_COUNT,
  distribute,
  loadDemoTeams,
  MAX_MEMBERS,
  MIN_MEMBERS,
  MIN_TEAMS_PER_UNIT,
  planDemoTeams,
} from '../../seed/demo-teams.js';
import { parseUnitSnapshot } from '../units/units.format.js';
import { importUnitSnapshot } from '../units/units.service.js';
import { teamsOfMember } from './teams.service.js';

const UNITS = Array.from({ length: 15 }, (_, i) => ({
  code: String(3979 + i).padStart(5, '0'),
  kind: i % 2 === 0 ? ('ward' as const) : ('commune' as const),
}));

describe('the demo team plan', () => {
  it('has exactly 195 teams and 1,181 members, every unit at least 8 teams, every team 5 to 7 members and one leader', () => {
    const plan = planDemoTeams(UNITS);
    expect(plan).toHaveLength(DEMO_TEAM_COUNT);
    expect(plan.reduce((n, team) => n + team.members.length, 0)).toBe(DEMO_MEMBER_COUNT);
    for (const unit of UNITS)
      expect(plan.filter((team) => team.unitCode === unit.code).length).toBeGreaterThanOrEqual(
        MIN_TEAMS_PER_UNIT,
      );
    for (const team of plan) {
      expect(team.members.length).toBeGreaterThanOrEqual(MIN_MEMBERS);
      expect(team.members.length).toBeLessThanOrEqual(MAX_MEMBERS);
      expect(team.members.filter((m) => m.isLeader).map((m) => m.fullName)).toEqual([team.leaderName]);
      expect(new Set(team.members.map((m) => m.fullName)).size).toBe(team.members.length);
    }
    expect(new Set(plan.map((team) => team.code)).size).toBe(plan.length);
  });

  it('is the same on every run, with villages named by the kind of unit and fictitious numbers', () => {
    expect(planDemoTeams(UNITS)).toEqual(planDemoTeams(UNITS));
    const plan = planDemoTeams(UNITS);
    expect(plan[0]).toMatchObject({ code: 'TCNS-03979-01', village: 'Tiểu khu 1' });
    expect(plan.find((team) => team.unitCode === '03980')?.village).toBe('Bản 1');
    for (const team of plan) expect(team.phone).toMatch(/^0200\d{7}$/);
  });

  it('splits a total by weights with a minimum each, giving remainders to the largest fractions', () => {
    expect(distribute(10, [1, 1, 1], 2)).toEqual([4, 3, 3]);
    expect(distribute(195, Array(15).fill(1), 8)).toEqual(Array(15).fill(13));
    expect(() => distribute(10, [1, 1], 6)).toThrow();
  });
});

describe('the Mộc Châu demo’s teams', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ config: { demoPassword: 'motcua-demo' } });
    await loadDemo(t.deps);
  }, 120_000);
  afterAll(() => t.close());

  it('carries the article’s 195 teams with 1,181 members over the 15 wards and communes', async () => {
    const db = t.deps.database.db;
    const teams = await db.selectFrom('digital_teams').select(['id', 'unit_id']).execute();
    const members = await db.selectFrom('digital_team_members').select('id').execute();
    expect(teams).toHaveLength(195);
    expect(members).toHaveLength(1181);
    const units = await db
      .selectFrom('unit_versions as v')
      .innerJoin('units as p', 'p.id', 'v.parent_id')
      .select('v.unit_id')
      .where('p.code', '=', '123')
      .execute();
    expect(units).toHaveLength(15);
    for (const unit of units) expect(teams.some((team) => team.unit_id === unit.unit_id)).toBe(true);
    const page = await t.inject({ method: 'GET', url: '/to-cong-nghe-so' });
    expect(page.body).toContain('195 tổ với 1.181 thành viên ở 15 xã, phường.');
    const english = await t.inject({
      method: 'GET',
      url: '/api/v1/teams?pageSize=1',
      headers: { 'accept-language': 'en' },
    });
    expect(english.json().total).toBe(195);
  });

  it('links the demo team member to a Mộc Sơn team, without changing the totals', async () => {
    const user = await t.deps.database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'team')
      .executeTakeFirstOrThrow();
    const teams = await teamsOfMember(t.deps, user.id);
    expect(teams).toHaveLength(1);
    expect(teams[0]).toMatchObject({ unitCode: '03979', unitName: 'Phường Mộc Sơn', isLeader: false });
    const cookie = await t.login('team', 'motcua-demo');
    const page = await t.inject({ method: 'GET', url: '/to-cong-nghe-so/cua-toi', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(teams[0]?.name);
  });

  it('loads only once, and fast', async () => {
    expect(await loadDemoTeams(t.deps)).toBe(0);
    const fresh = await buildTestApp({ config: { demoPassword: 'motcua-demo' } });
    try {
      const parsed = parseUnitSnapshot(JSON.parse(readFileSync(DEMO_UNITS_FILE, 'utf8')));
      if (!parsed.ok) throw new Error('demo units');
      await importUnitSnapshot(
        fresh.deps,
        { actor: null, requestId: 'test' },
        {
          provinces: parsed.provinces,
          validFrom: DEMO_UNITS_DATE,
        },
      );
      const started = performance.now();
      expect(await loadDemoTeams(fresh.deps)).toBe(195);
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      await fresh.close();
    }
  }, 60_000);
});
