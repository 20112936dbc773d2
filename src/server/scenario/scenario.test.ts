// The Mộc Châu scenario at 2% of the district: the proportions the article reports come out of the
// behaviours, through the real services, and the statistics pages show them with the digital teams'
// assisted submissions (per team in public, per member for leaders).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { FixedClock } from '../../shared/clock.js';
import { summarizeRegistry } from '../modules/teams/teams.service.js';
import { type ScenarioFigures, scenarioFigures } from './figures.js';
import { runScenario, type ScenarioProgress, type ScenarioRun } from './scenario.js';

const SCALE = 0.02;
const PERIOD = 'unit=123&from=2025-01-01&to=2025-06-30';

let t: TestApp;
let run: ScenarioRun;
let figures: ScenarioFigures;
const progress: ScenarioProgress[] = [];

beforeAll(async () => {
  t = await buildTestApp({ clock: new FixedClock(new Date('2025-07-01T03:00:00Z')) });
  run = await runScenario(t.deps, { scale: SCALE, onProgress: (p) => progress.push(p) });
  figures = await scenarioFigures(t.deps, run.period);
}, 600_000);

afterAll(async () => {
  await t?.close();
});

describe('the Mộc Châu scenario at 2%', () => {
  it('lives every day of the first half of 2025 and reports its progress', () => {
    expect(progress).toHaveLength(181);
    expect(progress[0]?.day).toBe('2025-01-01');
    expect(progress.at(-1)).toMatchObject({ day: '2025-06-30', daysDone: 181, days: 181 });
    expect(progress.at(-1)?.submitted).toBe(run.submitted);
  });

  it('receives about 58,000 × 2% applications, 84.7% of them online', () => {
    expect(figures.received).toBeGreaterThan(58_000 * SCALE * 0.96);
    expect(figures.received).toBeLessThan(58_000 * SCALE * 1.04);
    expect(figures.onlineRate).toBeGreaterThan(84.7 - 2.5);
    expect(figures.onlineRate).toBeLessThan(84.7 + 2.5);
    // Every received application is either processed, still in process, or stopped on request.
    expect(figures.processed + figures.inProcess).toBeLessThanOrEqual(figures.received);
    expect(figures.processed + figures.inProcess).toBeGreaterThan(figures.received * 0.99);
  });

  it('ends the period with about 1.6% of what it received still in process', () => {
    const share = figures.inProcess / figures.received;
    expect(share).toBeGreaterThan(0.005);
    expect(share).toBeLessThan(0.03);
  });

  it('gets an evaluation from about 3.7% of applicants, all satisfied', () => {
    const share = figures.evaluations / figures.processed;
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.055);
    expect(figures.satisfiedRate).toBe(100);
    expect(figures.evaluations).toBe(run.evaluations);
  });

  it('counts the digital teams and the catalogue of the article', () => {
    expect(figures).toMatchObject({
      teams: 195,
      members: 1181,
      teamUnits: 15,
      catalogue: { district: 299, commune: 142, vertical: 95, fullOnline: 265, partialOnline: 30 },
    });
    expect(figures.assisted).toBeGreaterThan(0);
    expect(figures.assisted).toBeLessThan(figures.receivedOnline);
  });

  it('shows the assisted submissions per ward and team on the public page, without names', async () => {
    const page = await t.inject({ method: 'GET', url: `/thong-ke?${PERIOD}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Tổ công nghệ số cộng đồng hỗ trợ nộp hồ sơ');
    expect(page.body).toContain(`${figures.assisted.toLocaleString('vi-VN')} hồ sơ do thành viên`);
    expect(page.body).toContain('tổ hỗ trợ nhiều hồ sơ nhất');
    expect(page.body).not.toContain('thành viên hỗ trợ nhiều hồ sơ nhất');
    expect(page.body).toMatch(/href="\/to-cong-nghe-so\/TCNS-\d+-\d+"/);
    expect(page.body).toContain(
      'Cấp huyện 299 · cấp xã 142 · ngành dọc 95. Dịch vụ công trực tuyến: toàn trình 265, một phần 30',
    );
    expect(page.body).toContain(`/195 tổ và`);
    expect(page.body).toContain(`/1.181 thành viên`);
  });

  it('downloads every team and, for leaders, every member with their assisted submissions', async () => {
    const rows = (body: string) =>
      body
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .filter(Boolean)
        .slice(1)
        .map((line) => Number(line.slice(line.lastIndexOf(',') + 1)));
    const teams = await t.inject({ method: 'GET', url: `/thong-ke/xuat?table=teams&format=csv&${PERIOD}` });
    expect(teams.statusCode).toBe(200);
    expect(rows(teams.body).reduce((a, b) => a + b, 0)).toBe(figures.assisted);
    const cookie = await t.login('leader', 'motcua-demo');
    const members = await t.inject({
      method: 'GET',
      url: `/thong-ke/xuat?table=members&format=csv&${PERIOD}`,
      headers: { cookie },
    });
    expect(members.statusCode).toBe(200);
    expect(rows(members.body).reduce((a, b) => a + b, 0)).toBe(figures.assisted);
  });

  it('shows leaders the members who submitted most, and one ward alone', async () => {
    const cookie = await t.login('leader', 'motcua-demo');
    const page = await t.inject({ method: 'GET', url: `/can-bo/thong-ke?${PERIOD}`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('thành viên hỗ trợ nhiều hồ sơ nhất');
    const ward = await t.inject({
      method: 'GET',
      url: '/thong-ke?unit=03979&from=2025-01-01&to=2025-06-30',
    });
    expect(ward.statusCode).toBe(200);
    // Only that ward's teams are counted.
    const own = (await summarizeRegistry(t.deps)).units.find((u) => u.code === '03979')!;
    expect(own.teams).toBeGreaterThan(0);
    expect(ward.body).toContain(`/${own.teams} tổ và`);
    expect(ward.body).not.toContain('/195 tổ');
  });
});
