import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DEMO_ACCOUNTS, loadDemoIfEmpty } from './demo.js';

describe('the Mộc Châu demo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ config: { demoPassword: 'motcua-demo' } });
  }, 120_000);
  afterAll(() => t.close());

  it('loads once into an empty database and never again', async () => {
    expect(await loadDemoIfEmpty(t.deps)).toBe(true);
    expect(await loadDemoIfEmpty(t.deps)).toBe(false);
  }, 180_000);

  it('has a login for every role with the demo password', async () => {
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.role)).size).toBe(7);
    for (const account of DEMO_ACCOUNTS) {
      const cookie = await t.login(account.username, 'motcua-demo');
      const me = await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
      expect(me.json().roles[0].role).toBe(account.role);
    }
  });

  it('shows Mộc Châu with its 15 wards and communes and their counters on the public page', async () => {
    const page = await t.inject({ method: 'GET', url: '/don-vi' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Thị xã Mộc Châu');
    expect(page.body).toContain('15 đơn vị trực thuộc, 16 nơi có Bộ phận Một cửa.');
    expect(page.body).toContain('Phường Mộc Lỵ');
    expect(page.body).toContain('Xã Lóng Sập');
    expect(page.body).toContain('Chi nhánh Văn phòng Đăng ký đất đai thị xã Mộc Châu');
    const api = await t.inject({ method: 'GET', url: '/api/v1/units/123' });
    expect(api.json().children).toHaveLength(15);
    expect(api.json().type).toBe('town');
  });

  it("carries the article's catalogue: 299 district, 142 commune and 95 vertical procedures; 265 full and 30 partial online", async () => {
    const count = async (query: string) =>
      (await t.inject({ method: 'GET', url: `/api/v1/procedures?pageSize=1&${query}` })).json().total;
    expect(await count('level=district')).toBe(299);
    expect(await count('level=commune')).toBe(142);
    expect(await count('level=vertical')).toBe(95);
    expect(await count('onlineLevel=full')).toBe(265);
    expect(await count('onlineLevel=partial')).toBe(30);
    const unlinked = await t.deps.database.db
      .selectFrom('procedures as p')
      .leftJoin('procedure_agencies as pa', 'pa.procedure_id', 'p.id')
      .select('p.code')
      .where('pa.agency_id', 'is', null)
      .execute();
    expect(unlinked).toEqual([]);
  });

  it('greets a signed-in officer on the home page with their role and unit', async () => {
    const cookie = await t.login('counter', 'motcua-demo');
    const home = await t.inject({ method: 'GET', url: '/', headers: { cookie } });
    expect(home.body).toContain('Bạn đang đăng nhập với tên Lò Thị Hoa');
    expect(home.body).toContain('Cán bộ Bộ phận Một cửa – Thị xã Mộc Châu');
  });
});

describe('the demo office', () => {
  it('has applications in every status, waiting in the counter, specialist, head and leader queues', async () => {
    const t = await buildTestApp({ config: { demoPassword: 'motcua-demo' } });
    await loadDemoIfEmpty(t.deps);
    const statuses = await t.deps.database.db
      .selectFrom('applications')
      .select('status')
      .distinct()
      .execute();
    expect(statuses.map((s) => s.status).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const [user, queue] of [
      ['counter', 'new'],
      ['specialist', 'mine'],
      ['head', 'new'],
      ['leader', 'new'],
    ] as const) {
      const cookie = await t.login(user, 'motcua-demo');
      const response = await t.inject({
        method: 'GET',
        url: `/api/v1/workbench?queue=${queue}`,
        headers: { cookie },
      });
      expect(response.json().total, `${user} ${queue}`).toBeGreaterThan(0);
    }
    await t.close();
  }, 180_000);
});
