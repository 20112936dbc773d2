import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { createOffice, createUser, TEST_PASSWORD } from '../../seed/factories.js';
import { ADMIN_SECTIONS } from '../../views/admin-sections.js';

describe('the administrators’ hub', () => {
  let t: TestApp;
  let admin: string;
  let counter: string;
  beforeAll(async () => {
    t = await buildTestApp({ config: { homeUnitCode: '123' } });
    const office = await createOffice(t.deps);
    const user = await createUser(t.deps.database.db, { role: 'administrator', unitId: office.unit.id });
    admin = await t.login(user.username, TEST_PASSWORD);
    counter = await t.login(office.staff.counter.username, TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('lists every administration page, each of which answers, and links the hub from the header', async () => {
    const hub = await t.inject({ method: 'GET', url: '/quan-tri', headers: { cookie: admin } });
    expect(hub.statusCode).toBe(200);
    expect(hub.body).toContain('<h1>Quản trị hệ thống</h1>');
    expect(hub.body).toContain('href="/quan-tri" aria-current="page">Quản trị</a>');
    for (const section of ADMIN_SECTIONS) {
      expect(hub.body).toContain(`<a href="${section.href}">`);
      const page = await t.inject({ method: 'GET', url: section.href, headers: { cookie: admin } });
      expect(page.statusCode, section.href).toBe(200);
    }
  });

  it('is not offered to officers without administration rights, and sends visitors to sign in', async () => {
    const denied = await t.inject({ method: 'GET', url: '/quan-tri', headers: { cookie: counter } });
    expect(denied.statusCode).toBe(403);
    const home = await t.inject({ method: 'GET', url: '/', headers: { cookie: counter } });
    expect(home.body).not.toContain('href="/quan-tri"');
    const anonymous = await t.inject({ method: 'GET', url: '/quan-tri' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Fquan-tri');
  });
});
