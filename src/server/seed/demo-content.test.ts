import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { FixedClock } from '../../shared/clock.js';
import { HOTLINE_PHONE_PATTERN } from '../../shared/hotlines/schema.js';
import { loadDemoContent } from './demo-content.js';
import { createProcedure, createUnit, createUser } from './factories.js';

const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));

describe('the demo’s news, comments and hotlines', () => {
  let t: TestApp;
  let loaded: Awaited<ReturnType<typeof loadDemoContent>>;
  beforeAll(async () => {
    t = await buildTestApp({ clock, config: { homeUnitCode: '123' } });
    const db = t.deps.database.db;
    const town = await createUnit(db, {
      code: '123',
      typeCode: 'town',
      name: 'Thị xã Mộc Châu',
      validFrom: '2025-03-01',
    });
    for (const [code, name] of [
      ['03979', 'Phường Mộc Sơn'],
      ['04045', 'Xã Lóng Sập'],
    ])
      await createUnit(db, { code, name, typeCode: 'ward', parentId: town.id, validFrom: '2025-03-01' });
    await createUser(db, {
      username: 'admin',
      role: 'administrator',
      unitId: town.id,
      fullName: 'Quản trị hệ thống',
    });
    await createUser(db, { username: 'citizen', role: 'citizen', fullName: 'Nguyễn Văn An' });
    for (const code of ['1.001193', '1.000894', '1.001612'])
      await createProcedure(t.deps, { record: { code } });
    loaded = await loadDemoContent(t.deps);
  }, 120_000);
  afterAll(() => t.close());

  it('publishes four articles from the seed text, schedules one and keeps one as a draft', async () => {
    expect(loaded.articles).toBe(6);
    const news = (await t.inject({ method: 'GET', url: '/api/v1/news' })).json();
    expect(news.total).toBe(4);
    expect(news.items[0]).toMatchObject({
      title: 'Tỷ lệ hồ sơ nộp trực tuyến đạt 84,7%',
      image: { alt: expect.any(String) },
    });
    const page = await t.inject({ method: 'GET', url: news.items[0].url });
    expect(page.body).toContain('84,7%');
    const image = await t.inject({ method: 'GET', url: news.items[0].image.url });
    expect(image.headers['content-type']).toBe('image/png');
    const states = await t.deps.database.db
      .selectFrom('news_articles')
      .select(['status', 'published_at'])
      .execute();
    expect(states.filter((s) => s.status === 'draft')).toHaveLength(1);
    expect(states.filter((s) => s.published_at && s.published_at > clock.now())).toHaveLength(1);
  });

  it('has comments in every moderation status, the published ones on their pages', async () => {
    const rows = await t.deps.database.db.selectFrom('comments').select('status').execute();
    const by = (status: string) => rows.filter((r) => r.status === status).length;
    expect([by('pending'), by('published'), by('rejected')]).toEqual([3, 5, 1]);
    const page = await t.inject({ method: 'GET', url: '/thu-tuc/1.001193' });
    expect(page.body).toContain('Bình luận (2)');
    expect(page.body).toContain('Nguyễn Văn An');
    expect(page.body).not.toContain('Bán chè Mộc Châu giá rẻ');
  });

  it('lists the chairperson, the leaders and every ward’s one-stop counter, with demo numbers only', async () => {
    const directory = (await t.inject({ method: 'GET', url: '/api/v1/hotlines' })).json();
    expect(directory.items).toHaveLength(loaded.hotlines);
    expect(directory.items[0]).toMatchObject({ kind: 'chairperson' });
    expect(directory.items.filter((i: { kind: string }) => i.kind === 'unit')).toHaveLength(3);
    for (const item of directory.items as { phone: string }[]) {
      expect(item.phone).toMatch(HOTLINE_PHONE_PATTERN);
      expect(item.phone.startsWith('0200')).toBe(true); // an unassigned area code: no real number
    }
    const page = await t.inject({ method: 'GET', url: '/duong-day-nong' });
    expect(page.body).toContain('Bộ phận Một cửa Ủy ban nhân dân Phường Mộc Sơn');
  });
});
