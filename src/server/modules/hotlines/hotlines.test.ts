import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { FixedClock } from '../../../shared/clock.js';
import { formatPhoneNumber, telHref } from '../../../shared/hotlines/schema.js';
import { createUnit, createUser, TEST_PASSWORD } from '../../seed/factories.js';

const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));
let t: TestApp;
let admin: string;
let citizen: string;

const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, cookie?: string, payload?: unknown) =>
  t.inject({
    method,
    url,
    ...(cookie ? { headers: { cookie } } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

const entry = (extra: Record<string, unknown> = {}) => ({
  kind: 'chairperson',
  position: 'Chủ tịch Ủy ban nhân dân thị xã',
  personName: 'Lường Văn Thành',
  phone: '0200 3866 001',
  note: 'Giờ hành chính',
  ...extra,
});

const countHotlines = async () =>
  Number(
    (
      await t.deps.database.db
        .selectFrom('hotlines')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const audits = (id: number) =>
  t.deps.database.db
    .selectFrom('audit_log')
    .select(['action', 'details'])
    .where('target_type', '=', 'hotline')
    .where('target_id', '=', String(id))
    .orderBy('id')
    .execute();

/** A page's form posted with the browser's CSRF token and cookie. */
async function postForm(path: string, fields: Record<string, string>) {
  const csrf = await t.csrf('/quan-tri/duong-day-nong/moi', admin);
  return t.inject({
    method: 'POST',
    url: path,
    headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...fields, _csrf: csrf.token }).toString(),
  });
}

beforeAll(async () => {
  t = await buildTestApp({ clock, config: { homeUnitCode: '123', hotline: '1800 1096' } });
  const db = t.deps.database.db;
  const home = await createUnit(db, { code: '123', typeCode: 'town' });
  admin = await t.login(
    (await createUser(db, { role: 'administrator', unitId: home.id })).username,
    TEST_PASSWORD,
  );
  citizen = await t.login((await createUser(db, { role: 'citizen' })).username, TEST_PASSWORD);
});
afterAll(() => t.close());

describe('phone numbers', () => {
  it('are written for reading and dialled without spaces', () => {
    expect(formatPhoneNumber('02003866001')).toBe('0200 3866 001');
    expect(formatPhoneNumber('0912345678')).toBe('0912 345 678');
    expect(formatPhoneNumber('18001096')).toBe('1800 1096');
    expect(telHref('1800 1096')).toBe('tel:18001096');
    expect(telHref('+84 212 3866 001')).toBe('tel:+842123866001');
  });
});

describe('the hotline directory API', () => {
  let chair: number;

  it('adds entries (administrators), normalising the number, and audits each', async () => {
    const response = await api('POST', '/api/v1/hotlines', admin, entry());
    expect(response.statusCode, response.body).toBe(201);
    chair = response.json().id;
    expect(response.json()).toEqual({
      id: chair,
      kind: 'chairperson',
      position: 'Chủ tịch Ủy ban nhân dân thị xã',
      personName: 'Lường Văn Thành',
      phone: '02003866001',
      note: 'Giờ hành chính',
      sortOrder: 0,
    });
    expect((await audits(chair)).map((a) => a.action)).toEqual(['hotlines.create']);
    await api('POST', '/api/v1/hotlines', admin, {
      kind: 'unit',
      position: 'Bộ phận Một cửa UBND Phường Mộc Lỵ',
      phone: '0200.3866.101',
      sortOrder: 2,
    });
    await api('POST', '/api/v1/hotlines', admin, {
      kind: 'leader',
      position: 'Trưởng phòng Tư pháp',
      personName: 'Đinh Thị Lan',
      phone: '0912345678',
    });
    await api('POST', '/api/v1/hotlines', admin, {
      kind: 'unit',
      position: 'Bộ phận Một cửa thị xã',
      phone: '18001096',
      sortOrder: 1,
    });
  });

  it('lists the general hotline and every entry: chairperson, leaders, then units in their order', async () => {
    const response = await api('GET', '/api/v1/hotlines');
    expect(response.json().general).toBe('1800 1096');
    expect(response.json().items.map((i: { position: string }) => i.position)).toEqual([
      'Chủ tịch Ủy ban nhân dân thị xã',
      'Trưởng phòng Tư pháp',
      'Bộ phận Một cửa thị xã',
      'Bộ phận Một cửa UBND Phường Mộc Lỵ',
    ]);
  });

  it('changes and removes an entry, auditing the old and the new number', async () => {
    const changed = await api(
      'PUT',
      `/api/v1/hotlines/${chair}`,
      admin,
      entry({ phone: '0200 3866 009', note: '' }),
    );
    expect(changed.json()).toMatchObject({ phone: '02003866009', note: null });
    expect((await api('DELETE', `/api/v1/hotlines/${chair}`, admin)).statusCode).toBe(204);
    expect((await api('DELETE', `/api/v1/hotlines/${chair}`, admin)).statusCode).toBe(404);
    const log = await audits(chair);
    expect(log.map((a) => a.action)).toEqual(['hotlines.create', 'hotlines.update', 'hotlines.delete']);
    expect(log[1]?.details).toMatchObject({ before: { phone: '02003866001' }, phone: '02003866009' });
    expect(log[2]?.details).toMatchObject({ phone: '02003866009' });
  });

  for (const [name, payload, field, message] of [
    [
      'a number too short',
      entry({ phone: '12345' }),
      'phone',
      'Số điện thoại không hợp lệ (di động 10 số, số cố định 11 số kèm mã vùng, hoặc số 1800/1900)',
    ],
    [
      'letters for a number',
      entry({ phone: 'gọi tôi' }),
      'phone',
      'Số điện thoại không hợp lệ (di động 10 số, số cố định 11 số kèm mã vùng, hoặc số 1800/1900)',
    ],
    ['no number', entry({ phone: '   ' }), 'phone', 'Vui lòng nhập thông tin này'],
    ['an unknown group', entry({ kind: 'mayor' }), 'kind', 'Vui lòng chọn nhóm'],
    ['no office or unit', entry({ position: '' }), 'position', 'Vui lòng nhập thông tin này'],
    ['an order out of range', entry({ sortOrder: 10000 }), 'sortOrder', 'Giá trị không được lớn hơn 9999'],
    [
      'a control character in the name',
      entry({ personName: 'A\u0007B' }),
      'personName',
      'Có ký tự điều khiển không được phép',
    ],
  ] as const) {
    it(`refuses ${name} with a translated 400, storing nothing`, async () => {
      const before = await countHotlines();
      const response = await api('POST', '/api/v1/hotlines', admin, payload);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.fields[field]).toBe(message);
      expect(await countHotlines()).toBe(before);
    });
  }

  it('lets only administrators change the directory', async () => {
    expect((await api('POST', '/api/v1/hotlines', undefined, entry())).statusCode).toBe(401);
    expect((await api('POST', '/api/v1/hotlines', citizen, entry())).statusCode).toBe(403);
    expect((await api('PUT', '/api/v1/hotlines/999999', admin, entry())).statusCode).toBe(404);
    expect((await api('DELETE', '/api/v1/hotlines/abc', admin)).statusCode).toBe(400);
  });
});

describe('the hotline pages', () => {
  it('shows every number as a tel: link, grouped, with the general hotline of the footer first', async () => {
    const page = await t.inject({ method: 'GET', url: '/duong-day-nong' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Đường dây nóng</h1>');
    expect(page.body).toContain(
      'href="tel:18001096" aria-label="Gọi Đường dây nóng chung: 1800 1096">1800 1096</a>',
    );
    expect(page.body).toContain(
      'href="tel:0912345678" aria-label="Gọi Trưởng phòng Tư pháp, Đinh Thị Lan: 0912 345 678">0912 345 678</a>',
    );
    expect(page.body).toContain('href="tel:02003866101"');
    expect(page.body).toContain('Lãnh đạo các cơ quan, đơn vị');
    expect(page.body.indexOf('Trưởng phòng Tư pháp')).toBeLessThan(
      page.body.indexOf('Bộ phận Một cửa thị xã'),
    );
  });

  it('is linked from the footer of every page, beside the general hotline', async () => {
    for (const path of ['/', '/thu-tuc', '/tin-tuc', '/duong-day-nong', '/khong-co-trang-nay']) {
      const page = await t.inject({ method: 'GET', url: path });
      expect(page.body, path).toMatch(
        /<footer class="site-footer">.*<a href="tel:18001096">1800 1096<\/a> · <a href="\/duong-day-nong">Danh bạ đường dây nóng<\/a>/s,
      );
    }
    const english = await t.inject({ method: 'GET', url: '/?lang=en' });
    expect(english.body).toContain('<a href="/duong-day-nong">Hotline directory</a>');
  });

  it('lets an administrator add, change and remove numbers with forms, showing errors first', async () => {
    const bad = await postForm('/quan-tri/duong-day-nong/moi', {
      kind: '',
      position: 'Phó Chủ tịch UBND thị xã',
      personName: '',
      phone: '123',
      note: '',
      sortOrder: '0',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<a href="#field-kind">Vui lòng chọn nhóm</a>');
    expect(bad.body).toContain('<a href="#field-phone">Số điện thoại không hợp lệ');
    expect(bad.body).toContain('value="Phó Chủ tịch UBND thị xã"');
    const before = await countHotlines();
    const created = await postForm('/quan-tri/duong-day-nong/moi', {
      kind: 'leader',
      position: 'Phó Chủ tịch UBND thị xã',
      personName: 'Sa Văn Minh',
      phone: '0200 3866 002',
      note: '',
      sortOrder: '0',
    });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/quan-tri/duong-day-nong?da=created');
    expect(await countHotlines()).toBe(before + 1);
    const list = await t.inject({
      method: 'GET',
      url: '/quan-tri/duong-day-nong?da=created',
      headers: { cookie: admin },
    });
    expect(list.body).toContain('Đã thêm số điện thoại vào danh bạ.');
    const id = Number(
      /href="\/quan-tri\/duong-day-nong\/(\d+)">Phó Chủ tịch UBND thị xã</.exec(list.body)?.[1],
    );
    const edited = await postForm(`/quan-tri/duong-day-nong/${id}`, {
      kind: 'leader',
      position: 'Phó Chủ tịch UBND thị xã',
      personName: 'Sa Văn Minh',
      phone: '0200 3866 003',
      note: 'Phụ trách cải cách hành chính',
      sortOrder: '1',
    });
    expect(edited.headers.location).toBe('/quan-tri/duong-day-nong?da=updated');
    expect((await api('GET', '/api/v1/hotlines')).json().items).toContainEqual(
      expect.objectContaining({ id, phone: '02003866003', note: 'Phụ trách cải cách hành chính' }),
    );
    const removed = await postForm(`/quan-tri/duong-day-nong/${id}/xoa`, {});
    expect(removed.headers.location).toBe('/quan-tri/duong-day-nong?da=deleted');
    expect(await countHotlines()).toBe(before);
  });

  it('keeps the administration to administrators', async () => {
    const out = await t.inject({ method: 'GET', url: '/quan-tri/duong-day-nong' });
    expect(out.headers.location).toBe('/login?next=%2Fquan-tri%2Fduong-day-nong');
    expect(
      (await t.inject({ method: 'GET', url: '/quan-tri/duong-day-nong', headers: { cookie: citizen } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.inject({ method: 'GET', url: '/quan-tri/duong-day-nong/999999', headers: { cookie: admin } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.inject({ method: 'GET', url: '/quan-tri/duong-day-nong/x', headers: { cookie: admin } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.inject({ method: 'GET', url: '/duong-day-nong', headers: { cookie: admin } })).body,
    ).toContain('href="/quan-tri/duong-day-nong"');
  });
});
