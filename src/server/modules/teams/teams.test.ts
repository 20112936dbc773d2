import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { FixedClock } from '../../../shared/clock.js';
import { createOffice, createUnit, createUser, TEST_PASSWORD } from '../../seed/factories.js';
import { assistedSubmissionCounts, teamsOfMember } from './teams.service.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

// Monday 2 March 2026, 09:00 in Vietnam.
const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));

let t: TestApp;
let office: Awaited<ReturnType<typeof createOffice>>;
let admin: string;
let specialist: string;
const wards = { a: '90001', b: '90002' };
let helper: Awaited<ReturnType<typeof createUser>>;
let helperCookie: string;

const json = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, cookie?: string, payload?: unknown) =>
  t.inject({
    method,
    url,
    ...(cookie ? { headers: { cookie } } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

const audits = (targetId: string) =>
  t.deps.database.db
    .selectFrom('audit_log')
    .select(['action', 'actor_id', 'details'])
    .where('target_type', '=', 'digital_team')
    .where('target_id', '=', targetId)
    .orderBy('id')
    .execute();

const teamCount = async () =>
  Number(
    (
      await t.deps.database.db
        .selectFrom('digital_teams')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function createTeamAsAdmin(body: Record<string, unknown>) {
  const response = await json('POST', '/api/v1/teams', admin, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

/** A page's form posted with the browser's CSRF token and cookie. */
async function postForm(path: string, cookie: string, fields: Record<string, string>, formPage = path) {
  const csrf = await t.csrf(formPage, cookie);
  return t.inject({
    method: 'POST',
    url: path,
    headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...fields, _csrf: csrf.token }).toString(),
  });
}

beforeAll(async () => {
  t = await buildTestApp({ clock, config: { homeUnitCode: '123' } });
  const db = t.deps.database.db;
  office = await createOffice(t.deps, { unitCode: '123' });
  await createUnit(db, { code: wards.a, name: 'Phường Thử Một', typeCode: 'ward', parentId: office.unit.id });
  await createUnit(db, { code: wards.b, name: 'Xã Thử Hai', typeCode: 'commune', parentId: office.unit.id });
  await createUnit(db, { code: '99999', name: 'Tỉnh Khác', typeCode: 'province' });
  const a = await createUser(db, { role: 'administrator', unitId: office.unit.id });
  admin = await t.login(a.username, TEST_PASSWORD);
  specialist = await t.login(office.staff.specialist.username, TEST_PASSWORD);
  helper = await createUser(db, { role: 'citizen', fullName: 'Lò Văn Giúp' });
  helperCookie = await t.login(helper.username, TEST_PASSWORD);
});
afterAll(() => t.close());

describe('the team registry API', () => {
  it('creates a team with its leader as the first member and audits it in the same transaction', async () => {
    const team = await createTeamAsAdmin({
      code: 'tcns-90001-01',
      unitCode: wards.a,
      name: 'Tổ công nghệ số Tiểu khu 1',
      village: 'Tiểu khu 1',
      phone: '0212 3866 001',
      leaderName: 'Cầm Thị Hoa',
    });
    expect(team).toEqual({
      code: 'TCNS-90001-01',
      name: 'Tổ công nghệ số Tiểu khu 1',
      village: 'Tiểu khu 1',
      unit: { code: wards.a, name: 'Phường Thử Một' },
      leaderName: 'Cầm Thị Hoa',
      phone: '02123866001',
      memberCount: 1,
      assistedSubmissions: 0,
      members: [{ id: expect.any(Number), fullName: 'Cầm Thị Hoa', isLeader: true }],
    });
    const rows = await audits('TCNS-90001-01');
    expect(rows.map((r) => r.action)).toEqual(['teams.team.create']);
    expect(rows[0]?.details).toMatchObject({ unitCode: wards.a, leaderName: 'Cầm Thị Hoa' });
  });

  it('lists teams of one unit or all, in code order, with member counts and a total', async () => {
    await createTeamAsAdmin({ code: 'TCNS-90001-02', unitCode: wards.a, name: 'Tổ Tiểu khu 2' });
    await createTeamAsAdmin({ code: 'TCNS-90002-01', unitCode: wards.b, name: 'Tổ Bản 1', village: 'Bản 1' });
    const all = (await json('GET', '/api/v1/teams')).json();
    expect(all.total).toBe(3);
    expect(all.items.map((i: { code: string }) => i.code)).toEqual([
      'TCNS-90001-01',
      'TCNS-90001-02',
      'TCNS-90002-01',
    ]);
    const ofB = (await json('GET', `/api/v1/teams?unit=${wards.b}`)).json();
    expect(ofB).toMatchObject({
      total: 1,
      items: [{ code: 'TCNS-90002-01', memberCount: 0, leaderName: null }],
    });
    const paged = (await json('GET', '/api/v1/teams?page=2&pageSize=2')).json();
    expect(paged).toMatchObject({ total: 3, items: [{ code: 'TCNS-90002-01' }] });
    const english = await t.inject({
      method: 'GET',
      url: '/api/v1/teams/tcns-90001-01',
      headers: { 'accept-language': 'en' },
    });
    expect(english.statusCode).toBe(200);
    expect(english.json().code).toBe('TCNS-90001-01');
  });

  it('refuses a duplicate code with a 409 naming the code, and changes nothing', async () => {
    const before = await teamCount();
    const response = await json('POST', '/api/v1/teams', admin, {
      code: 'TCNS-90001-01',
      unitCode: wards.b,
      name: 'Tổ trùng mã',
      leaderName: 'Người Thử',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.fields.code).toBe('Đã có tổ mang mã TCNS-90001-01');
    expect(await teamCount()).toBe(before);
    const team = (await json('GET', '/api/v1/teams/TCNS-90001-01')).json();
    expect(team.members).toHaveLength(1);
  });

  it('refuses an unknown unit, a unit outside the deploying unit, oversized names and a bad phone, field by field, in both languages', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ unitCode: '00000' }, 'unitCode', 'Không có xã, phường này trong danh sách'],
      [{ unitCode: '99999' }, 'unitCode', 'Không có xã, phường này trong danh sách'],
      [{ unitCode: '123' }, 'unitCode', 'Không có xã, phường này trong danh sách'],
      [{ unitCode: 'x'.repeat(21) }, 'unitCode', 'Không có xã, phường này trong danh sách'],
      [{ name: 'T'.repeat(151) }, 'name', 'Không được quá 150 ký tự'],
      [{ name: '   ' }, 'name', 'Vui lòng nhập thông tin này'],
      [{ name: 'Tổ\u0000 mới' }, 'name', 'Có ký tự không hợp lệ (ký tự điều khiển)'],
      [{ leaderName: 'L'.repeat(151) }, 'leaderName', 'Không được quá 150 ký tự'],
      [{ village: 'V'.repeat(101) }, 'village', 'Không được quá 100 ký tự'],
      [{ phone: '12345' }, 'phone', 'Nhập số di động 10 chữ số hoặc số cố định 11 chữ số (có mã vùng)'],
      [
        { code: 'mã có dấu' },
        'code',
        'Mã tổ gồm 2 đến 40 ký tự: chữ cái không dấu, chữ số, dấu chấm hoặc gạch ngang',
      ],
      [
        { code: 'C'.repeat(41) },
        'code',
        'Mã tổ gồm 2 đến 40 ký tự: chữ cái không dấu, chữ số, dấu chấm hoặc gạch ngang',
      ],
    ];
    const before = await teamCount();
    for (const [change, field, message] of cases) {
      const body = { code: 'TCNS-NEW', unitCode: wards.a, name: 'Tổ mới', ...change };
      const response = await json('POST', '/api/v1/teams', admin, body);
      expect(response.statusCode, JSON.stringify(change)).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      expect(response.json().error.fields[field], JSON.stringify(change)).toBe(message);
    }
    const english = await t.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: { cookie: admin, 'accept-language': 'en' },
      payload: { code: 'TCNS-NEW', unitCode: '00000', name: 'Tổ mới' },
    });
    expect(english.json().error.fields.unitCode).toBe('This ward or commune is not in the list');
    expect(await teamCount()).toBe(before);
  });

  it('refuses people who are not administrators: 401 signed out, 403 for an officer or a citizen', async () => {
    const body = { code: 'TCNS-NOPE', unitCode: wards.a, name: 'Tổ không được tạo' };
    expect((await json('POST', '/api/v1/teams', undefined, body)).statusCode).toBe(401);
    expect((await json('POST', '/api/v1/teams', specialist, body)).statusCode).toBe(403);
    expect((await json('POST', '/api/v1/teams', helperCookie, body)).statusCode).toBe(403);
    expect(
      (await json('POST', '/api/v1/teams/TCNS-90001-01/members', specialist, { fullName: 'Ai Đó' }))
        .statusCode,
    ).toBe(403);
    expect((await json('DELETE', '/api/v1/teams/TCNS-90001-01/members/1', specialist)).statusCode).toBe(403);
    expect(
      (await json('PUT', '/api/v1/teams/TCNS-90001-01', specialist, { name: 'Đổi tên' })).statusCode,
    ).toBe(403);
    expect(await teamCount()).toBe(3);
  });

  it('links a member to an account by username and gives them the team_member role at the team’s unit, once', async () => {
    const response = await json('POST', '/api/v1/teams/TCNS-90001-01/members', admin, {
      username: helper.username.toUpperCase(),
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toEqual({ id: expect.any(Number), fullName: 'Lò Văn Giúp', isLeader: false });
    const roles = () =>
      t.deps.database.db
        .selectFrom('user_roles')
        .select(['role', 'unit_id'])
        .where('user_id', '=', helper.id)
        .orderBy('id')
        .execute();
    const unitId = (
      await t.deps.database.db
        .selectFrom('units')
        .select('id')
        .where('code', '=', wards.a)
        .executeTakeFirstOrThrow()
    ).id;
    expect(await roles()).toEqual([
      { role: 'citizen', unit_id: null },
      { role: 'team_member', unit_id: unitId },
    ]);
    // A second team in the same unit: no second grant.
    const again = await json('POST', '/api/v1/teams/TCNS-90001-02/members', admin, {
      username: helper.username,
      fullName: 'Lò V. Giúp',
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().fullName).toBe('Lò V. Giúp');
    expect(await roles()).toHaveLength(2);
    const rows = await audits('TCNS-90001-01');
    expect(rows.at(-1)).toMatchObject({
      action: 'teams.member.add',
      details: { username: helper.username, roleGranted: true },
    });
  });

  it('refuses an unknown username, linking the same account twice, and a member with neither name nor account', async () => {
    const unknown = await json('POST', '/api/v1/teams/TCNS-90001-01/members', admin, {
      username: 'no-such-user',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.username).toBe('Không có tài khoản với tên đăng nhập no-such-user');
    const twice = await json('POST', '/api/v1/teams/TCNS-90001-01/members', admin, {
      username: helper.username,
      isLeader: true,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.fields.username).toBe(`Tài khoản ${helper.username} đã là thành viên của tổ`);
    const team = (await json('GET', '/api/v1/teams/TCNS-90001-01')).json();
    expect(team.leaderName).toBe('Cầm Thị Hoa');
    expect(team.members.filter((m: { isLeader: boolean }) => m.isLeader)).toHaveLength(1);
    const empty = await json('POST', '/api/v1/teams/TCNS-90001-01/members', admin, {
      fullName: '  ',
      phone: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields.fullName).toBe('Nhập họ và tên, hoặc tên đăng nhập của tài khoản');
    const missing = await json('POST', '/api/v1/teams/NO-SUCH-TEAM/members', admin, { fullName: 'Ai Đó' });
    expect(missing.statusCode).toBe(404);
  });

  it('makes a member added as leader the team’s one leader and its named leader', async () => {
    const response = await json('POST', '/api/v1/teams/TCNS-90001-02/members', admin, {
      fullName: 'Sa Văn Trưởng',
      phone: '0912 000 999',
      isLeader: true,
    });
    expect(response.statusCode).toBe(201);
    const team = (await json('GET', '/api/v1/teams/TCNS-90001-02')).json();
    expect(team.leaderName).toBe('Sa Văn Trưởng');
    expect(team.members[0]).toMatchObject({ fullName: 'Sa Văn Trưởng', isLeader: true });
    expect(team.members.filter((m: { isLeader: boolean }) => m.isLeader)).toHaveLength(1);
  });

  it('publishes members’ names but never their phone numbers', async () => {
    const api = await json('GET', '/api/v1/teams/TCNS-90001-02');
    expect(api.body).toContain('Sa Văn Trưởng');
    expect(api.body).not.toContain('0912000999');
    const page = await json('GET', '/to-cong-nghe-so/TCNS-90001-02');
    expect(page.body).toContain('Sa Văn Trưởng');
    expect(page.body).not.toContain('0912000999');
    expect(page.body).not.toContain('0912 000 999');
  });

  it('edits a team’s name, village and contact, audited with before and after', async () => {
    const response = await json('PUT', '/api/v1/teams/TCNS-90002-01', admin, {
      name: 'Tổ Bản Một',
      village: 'Bản 1',
      phone: '0912345678',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ name: 'Tổ Bản Một', phone: '0912345678' });
    const rows = await audits('TCNS-90002-01');
    expect(rows.at(-1)).toMatchObject({
      action: 'teams.team.update',
      details: { before: { name: 'Tổ Bản 1' }, after: { name: 'Tổ Bản Một' } },
    });
    expect((await json('PUT', '/api/v1/teams/NOPE', admin, { name: 'X' })).statusCode).toBe(404);
  });

  it('removes a member with a 204, audited, and answers 404 for a member of another team or none', async () => {
    const added = (
      await json('POST', '/api/v1/teams/TCNS-90002-01/members', admin, { fullName: 'Vì Thị Tạm' })
    ).json();
    expect((await json('DELETE', `/api/v1/teams/TCNS-90001-01/members/${added.id}`, admin)).statusCode).toBe(
      404,
    );
    expect((await json('DELETE', '/api/v1/teams/TCNS-90002-01/members/999999999', admin)).statusCode).toBe(
      404,
    );
    expect((await json('DELETE', `/api/v1/teams/TCNS-90002-01/members/${added.id}`, admin)).statusCode).toBe(
      204,
    );
    expect((await json('DELETE', `/api/v1/teams/TCNS-90002-01/members/${added.id}`, admin)).statusCode).toBe(
      404,
    );
    const rows = await audits('TCNS-90002-01');
    expect(rows.at(-1)).toMatchObject({ action: 'teams.member.remove', details: { fullName: 'Vì Thị Tạm' } });
  });

  it('answers bad input with a 4xx and a translated error, never a 5xx', async () => {
    const samples = fc.sample(fc.anything({ maxDepth: 2 }), { numRuns: 60, seed: 1181 });
    const strings = fc.sample(fc.string({ unit: 'binary', maxLength: 60 }), { numRuns: 40, seed: 195 });
    const bodies: unknown[] = [
      ...samples,
      null,
      [],
      'text',
      { code: ['A'], unitCode: { $ne: 1 }, name: 42 },
      { code: 'A', unitCode: wards.a, name: 'x' },
      { code: "X'; drop table digital_teams; --", unitCode: wards.a, name: 'x' },
      { code: 'OK-CODE', unitCode: wards.a, name: '\u0000' },
      ...strings.map((s) => ({ code: s, unitCode: s, name: s, village: s, phone: s, leaderName: s })),
    ];
    for (const body of bodies) {
      const response = await t.inject({
        method: 'POST',
        url: '/api/v1/teams',
        headers: { cookie: admin, 'content-type': 'application/json' },
        payload: JSON.stringify(body) ?? '',
      });
      expect(response.statusCode, JSON.stringify(body)).toBeLessThan(500);
      if (response.statusCode >= 400) expect(response.json().error.message).toBeTruthy();
    }
    for (const body of bodies.slice(0, 40)) {
      const response = await t.inject({
        method: 'POST',
        url: '/api/v1/teams/TCNS-90002-01/members',
        headers: { cookie: admin, 'content-type': 'application/json' },
        payload: JSON.stringify(body) ?? '',
      });
      expect(response.statusCode, JSON.stringify(body)).toBeLessThan(500);
    }
    const urls = [
      '/api/v1/teams?page=0',
      '/api/v1/teams?page=abc',
      '/api/v1/teams?page=1e400',
      '/api/v1/teams?pageSize=101',
      '/api/v1/teams?unit=00000',
      '/api/v1/teams?unit=%27%3B--',
      '/api/v1/teams?unit=a&unit=b',
      `/api/v1/teams/${'X'.repeat(199)}`,
      '/api/v1/teams/%00',
      '/to-cong-nghe-so?unit=%00',
      '/to-cong-nghe-so?page=-1',
      '/to-cong-nghe-so?page=99999999999999999999',
      '/to-cong-nghe-so?unit=a&unit=b',
      `/to-cong-nghe-so/${'%E1'.repeat(60)}`,
      '/to-cong-nghe-so/cua-toi?page=abc',
      ...strings
        .slice(0, 20)
        .map((s) => `/to-cong-nghe-so?unit=${encodeURIComponent(s)}&page=${encodeURIComponent(s)}`),
      ...strings.slice(0, 20).map((s) => `/to-cong-nghe-so/${encodeURIComponent(s) || 'x'}`),
    ];
    for (const url of urls) {
      const response = await t.inject({ method: 'GET', url, headers: { cookie: admin } });
      expect(response.statusCode, url).toBeLessThan(500);
    }
    for (const id of ['0', '-1', 'abc', '1.5', '9'.repeat(16), '9'.repeat(400), '%00']) {
      const response = await json('DELETE', `/api/v1/teams/TCNS-90002-01/members/${id}`, admin);
      // 400 for what cannot be an id, 404 for none, 414 past the router's longest parameter.
      expect([400, 404, 414], id).toContain(response.statusCode);
    }
  });

  it('documents every route in the OpenAPI document', async () => {
    const doc = (await json('GET', '/docs/json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/teams',
        '/api/v1/teams/{code}',
        '/api/v1/teams/{code}/members',
        '/api/v1/teams/{code}/members/{id}',
      ]),
    );
    expect(doc.paths['/api/v1/teams'].post).toBeDefined();
    expect(doc.paths['/api/v1/teams/{code}/members/{id}'].delete).toBeDefined();
  });
});

describe('the public pages', () => {
  it('shows counts per ward and commune, then each team with its village, leader and phone as a tel: link', async () => {
    const page = await json('GET', '/to-cong-nghe-so');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Tổ công nghệ số cộng đồng</h1>');
    expect(page.body).toMatch(/3 tổ với \d+ thành viên ở 2 xã, phường\./);
    expect(page.body).toContain('Phường Thử Một');
    expect(page.body).toContain('Tiểu khu 1');
    expect(page.body).toContain('Cầm Thị Hoa');
    expect(page.body).toContain('<a href="tel:02123866001">0212 3866 001</a>');
    expect(page.body).toContain('href="/to-cong-nghe-so/TCNS-90001-01"');
    expect(page.body).toContain('href="/to-cong-nghe-so"');
  });

  it('filters by ward or commune with a GET form and pages by links', async () => {
    const page = await json('GET', `/to-cong-nghe-so?unit=${wards.b}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Các tổ ở Xã Thử Hai');
    expect(page.body).toContain('Tổ Bản Một');
    expect(page.body).not.toContain('href="/to-cong-nghe-so/TCNS-90001-01"');
    expect(page.body).toContain('<form method="get" action="/to-cong-nghe-so"');
    for (let i = 3; i <= 22; i++)
      await createTeamAsAdmin({
        code: `TCNS-90001-${String(i).padStart(2, '0')}`,
        unitCode: wards.a,
        name: `Tổ Tiểu khu ${i}`,
      });
    const first = await json('GET', `/to-cong-nghe-so?unit=${wards.a}`);
    expect(first.body).toContain('Tổ thứ 1 đến 20 trong 22 tổ');
    expect(first.body).toContain(`href="/to-cong-nghe-so?unit=${wards.a}&amp;page=2"`);
    const second = await json('GET', `/to-cong-nghe-so?unit=${wards.a}&page=2`);
    expect(second.body).toContain('Tổ thứ 21 đến 22 trong 22 tổ');
    const beyond = await json('GET', '/to-cong-nghe-so?page=50');
    expect(beyond.statusCode).toBe(200);
    expect(beyond.body).toContain('Trang 50 không có mục nào.');
  });

  it('explains an unknown ward or commune with a 400 and an error summary, in English too', async () => {
    const page = await json('GET', '/to-cong-nghe-so?unit=00000');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('class="error-summary"');
    expect(page.body).toContain('<a href="#field-unit">Không có xã, phường này trong danh sách</a>');
    const english = await json('GET', '/to-cong-nghe-so?unit=00000&lang=en');
    expect(english.body).toContain('This ward or commune is not in the list');
    const badPage = await json('GET', '/to-cong-nghe-so?page=abc');
    expect(badPage.statusCode).toBe(400);
  });

  it('shows a team’s members with the leader marked, and 404 for a team that does not exist', async () => {
    const page = await json('GET', '/to-cong-nghe-so/TCNS-90001-01');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Tổ công nghệ số Tiểu khu 1</h1>');
    expect(page.body).toContain('Lò Văn Giúp');
    expect(page.body).toMatch(/Cầm Thị Hoa <span class="tag tag-green">Tổ trưởng<\/span>/);
    expect(page.body).not.toContain('Quản lý tổ này');
    const asAdmin = await json('GET', '/to-cong-nghe-so/tcns-90001-01', admin);
    expect(asAdmin.body).toContain('Quản lý tổ này');
    expect((await json('GET', '/to-cong-nghe-so/KHONG-CO')).statusCode).toBe(404);
  });
});

describe('the administrators’ pages', () => {
  it('send a signed-out person to sign in and refuse anyone else but administrators with 403', async () => {
    for (const path of [
      '/quan-tri/to-cong-nghe-so',
      '/quan-tri/to-cong-nghe-so/moi',
      '/quan-tri/to-cong-nghe-so/TCNS-90001-01',
    ]) {
      const out = await json('GET', path);
      expect(out.statusCode, path).toBe(303);
      expect(out.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
      expect((await json('GET', path, specialist)).statusCode, path).toBe(403);
      expect((await json('GET', path, admin)).statusCode, path).toBe(200);
    }
    const post = await postForm(
      '/quan-tri/to-cong-nghe-so/moi',
      specialist,
      { code: 'X-1', unitCode: wards.a, name: 'X' },
      '/to-cong-nghe-so',
    );
    expect(post.statusCode).toBe(403);
  });

  it('refuse a form posted without its CSRF token with 403 and change nothing', async () => {
    const before = await teamCount();
    const response = await t.inject({
      method: 'POST',
      url: '/quan-tri/to-cong-nghe-so/moi',
      headers: { cookie: admin, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        code: 'TCNS-CSRF',
        unitCode: wards.a,
        name: 'Tổ không token',
      }).toString(),
    });
    expect(response.statusCode).toBe(403);
    expect(await teamCount()).toBe(before);
  });

  it('create a team through the form, re-rendering its errors with a 400 and the values typed', async () => {
    const bad = await postForm('/quan-tri/to-cong-nghe-so/moi', admin, {
      code: 'TCNS 90002 02',
      unitCode: '00000',
      name: 'Tổ Bản 2',
      village: 'Bản 2',
      phone: '12',
      leaderName: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('class="error-summary"');
    expect(bad.body).toContain('href="#field-code"');
    expect(bad.body).toContain('href="#field-phone"');
    expect(bad.body).toContain('value="Bản 2"');
    const unknownUnit = await postForm('/quan-tri/to-cong-nghe-so/moi', admin, {
      code: 'TCNS-90002-02',
      unitCode: '00000',
      name: 'Tổ Bản 2',
    });
    expect(unknownUnit.statusCode).toBe(400);
    expect(unknownUnit.body).toContain(
      '<a href="#field-unitCode">Không có xã, phường này trong danh sách</a>',
    );
    const taken = await postForm('/quan-tri/to-cong-nghe-so/moi', admin, {
      code: 'TCNS-90001-01',
      unitCode: wards.b,
      name: 'Tổ trùng',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('Đã có tổ mang mã TCNS-90001-01');
    const good = await postForm('/quan-tri/to-cong-nghe-so/moi', admin, {
      code: 'TCNS-90002-02',
      unitCode: wards.b,
      name: 'Tổ Bản 2',
      village: 'Bản 2',
      phone: '0212 3866 002',
      leaderName: 'Mùa A Páo',
    });
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe('/quan-tri/to-cong-nghe-so/TCNS-90002-02?da=created');
    const shown = await json('GET', good.headers.location as string, admin);
    expect(shown.body).toContain('Đã thêm tổ Tổ Bản 2.');
    expect(shown.body).toContain('Mùa A Páo');
  });

  it('add a member, make another the leader and remove one through the forms', async () => {
    const path = '/quan-tri/to-cong-nghe-so/TCNS-90002-02';
    const missing = await postForm(
      `${path}/thanh-vien`,
      admin,
      { memberName: '', memberUsername: 'khong-co', memberPhone: '' },
      path,
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain(
      '<a href="#field-memberUsername">Không có tài khoản với tên đăng nhập khong-co</a>',
    );
    const added = await postForm(
      `${path}/thanh-vien`,
      admin,
      { memberName: 'Giàng Thị Mỷ', memberPhone: '0912 111 222', memberLeader: 'on' },
      path,
    );
    expect(added.statusCode).toBe(303);
    const detail = (await json('GET', '/api/v1/teams/TCNS-90002-02')).json();
    expect(detail.leaderName).toBe('Giàng Thị Mỷ');
    const previous = detail.members.find((m: { fullName: string }) => m.fullName === 'Mùa A Páo');
    const adminPage = await json('GET', path, admin);
    expect(adminPage.body).toContain('0912 111 222');
    const leader = await postForm(`${path}/thanh-vien/${previous.id}/to-truong`, admin, {}, path);
    expect(leader.statusCode).toBe(303);
    expect((await json('GET', '/api/v1/teams/TCNS-90002-02')).json().leaderName).toBe('Mùa A Páo');
    const removed = await postForm(`${path}/thanh-vien/${previous.id}/xoa`, admin, {}, path);
    expect(removed.statusCode).toBe(303);
    const after = (await json('GET', '/api/v1/teams/TCNS-90002-02')).json();
    expect(after.leaderName).toBeNull();
    expect(after.members.map((m: { fullName: string }) => m.fullName)).toEqual(['Giàng Thị Mỷ']);
    const edit = await postForm(path, admin, { name: '', village: 'Bản 2', phone: '' });
    expect(edit.statusCode).toBe(400);
    expect(edit.body).toContain('href="#field-name"');
    const saved = await postForm(path, admin, { name: 'Tổ Bản Hai', village: 'Bản 2', phone: '' });
    expect(saved.statusCode).toBe(303);
    expect((await json('GET', '/api/v1/teams/TCNS-90002-02')).json()).toMatchObject({
      name: 'Tổ Bản Hai',
      phone: null,
    });
    const actions = (await audits('TCNS-90002-02')).map((r) => r.action);
    expect(actions).toEqual([
      'teams.team.create',
      'teams.member.add',
      'teams.member.leader',
      'teams.member.remove',
      'teams.team.update',
    ]);
  });
});

describe('assisted submissions', () => {
  const upload = async (cookie: string) => {
    const boundary = '----teams-test';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="to-khai.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([Buffer.from(head), PDF, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  const submitFor = async (cookie: string, teamCode: string | null) => {
    const fileId = await upload(cookie);
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { cookie },
      payload: {
        procedureCode: office.procedure.code,
        applicant: { fullName: 'Hà Thị Dân', idNumber: '014090001234', phone: '0912 345 678' },
        formData: { requestSummary: 'Đề nghị giải quyết.' },
        documents: [{ componentId: 'g1-1', fileId }],
        ...(teamCode ? { assistedBy: { teamCode } } : {}),
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().code as string;
  };

  it('offers a member the teams they can submit on behalf of', async () => {
    const teams = await teamsOfMember(t.deps, helper.id);
    expect(teams.map((team) => [team.code, team.unitName, team.isLeader])).toEqual([
      ['TCNS-90001-01', 'Phường Thử Một', false],
      ['TCNS-90001-02', 'Phường Thử Một', false],
    ]);
    expect(await teamsOfMember(t.deps, office.staff.citizen.id)).toEqual([]);
  });

  it('counts assisted submissions per team and per member, by unit and period', async () => {
    // Sessions last 8 hours: the second batch is submitted the same afternoon.
    await submitFor(helperCookie, 'TCNS-90001-01');
    await submitFor(helperCookie, 'TCNS-90001-01');
    clock.set(new Date('2026-03-02T06:00:00Z'));
    await submitFor(helperCookie, 'TCNS-90001-02');
    await submitFor(helperCookie, null);
    const all = await assistedSubmissionCounts(t.deps);
    expect(all.total).toBe(3);
    expect(all.teams.map((c) => [c.teamCode, c.unitCode, c.count])).toEqual([
      ['TCNS-90001-01', wards.a, 2],
      ['TCNS-90001-02', wards.a, 1],
    ]);
    expect(all.members.map((m) => [m.teamCode, m.fullName, m.userId, m.count])).toEqual([
      ['TCNS-90001-01', 'Lò Văn Giúp', helper.id, 2],
      ['TCNS-90001-02', 'Lò V. Giúp', helper.id, 1],
    ]);
    const monday = await assistedSubmissionCounts(t.deps, {
      from: new Date('2026-03-02T01:00:00Z'),
      to: new Date('2026-03-02T04:00:00Z'),
    });
    expect(monday.teams.map((c) => [c.teamCode, c.count])).toEqual([['TCNS-90001-01', 2]]);
    expect((await assistedSubmissionCounts(t.deps, { unitCode: wards.b })).total).toBe(0);
    await expect(assistedSubmissionCounts(t.deps, { unitCode: '00000' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('shows the counts per team and per unit on the public page, with no applicant’s details', async () => {
    const page = await json('GET', `/to-cong-nghe-so?unit=${wards.a}`);
    expect(page.body).toContain(
      'Phường Thử Một</a></th><td class="num">22</td><td class="num">4</td><td class="num">3</td>',
    );
    const team = (await json('GET', '/api/v1/teams/TCNS-90001-01')).json();
    expect(team.assistedSubmissions).toBe(2);
    expect(page.body).not.toContain('Hà Thị Dân');
    expect(page.body).not.toContain('014090001234');
  });

  it('shows a signed-in member their teams and the applications they submitted, with a count', async () => {
    const page = await json('GET', '/to-cong-nghe-so/cua-toi', helperCookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Bạn đã nộp hộ 3 hồ sơ.');
    expect(page.body).toContain('href="/to-cong-nghe-so/TCNS-90001-01"');
    expect((page.body.match(/<a class="code" href="\/ho-so\//g) ?? []).length).toBe(3);
    expect(page.body).toContain('Mới đăng ký');
    expect(page.body).toContain(office.procedure.name);
    const other = await json('GET', '/to-cong-nghe-so/cua-toi', specialist);
    expect(other.body).toContain('chưa được liên kết với tổ công nghệ số nào');
    expect(other.body).toContain('Bạn đã nộp hộ 0 hồ sơ.');
    const out = await json('GET', '/to-cong-nghe-so/cua-toi');
    expect(out.statusCode).toBe(303);
  });
});
