import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { FixedClock } from '../../../shared/clock.js';
import { createUser, TEST_PASSWORD } from '../../seed/factories.js';

describe('signing in and out', () => {
  const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));
  let t: TestApp;
  let officer: { username: string };
  beforeAll(async () => {
    t = await buildTestApp({ clock });
    officer = await createUser(t.deps.database.db, { role: 'counter_officer', fullName: 'Lò Thị Hoa' });
  });
  afterAll(() => t.close());

  it('issues an HttpOnly, SameSite session cookie for the right password', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: officer.username, password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const sid = response.cookies.find((c) => c.name === 'sid');
    expect(sid?.httpOnly).toBe(true);
    expect(sid?.sameSite).toBe('Lax');
    expect(response.json().user.roles[0].role).toBe('counter_officer');
    const me = await t.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: `sid=${sid?.value}` },
    });
    expect(me.json().fullName).toBe('Lò Thị Hoa');
  });

  it('accepts the session token as a bearer token too', async () => {
    const cookie = await t.login(officer.username, TEST_PASSWORD);
    const me = await t.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${cookie.slice(4)}` },
    });
    expect(me.statusCode).toBe(200);
  });

  it('refuses a wrong password with a translated 401 and writes no session', async () => {
    const before = await t.deps.database.db.selectFrom('sessions').select('id').execute();
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'en' },
      payload: { username: officer.username, password: 'wrong password' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toEqual({
      code: 'INVALID_CREDENTIALS',
      message: 'The username or password is not right.',
    });
    const after = await t.deps.database.db.selectFrom('sessions').select('id').execute();
    expect(after.length).toBe(before.length);
  });

  it('answers an unknown account exactly like a wrong password', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody-here', password: 'whatever-it-is' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('allows ten failures a minute on one account, then blocks it even for the right password', async () => {
    const target = await createUser(t.deps.database.db, { role: 'specialist' });
    const attempt = (password: string) =>
      t.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: target.username, password },
      });
    for (let i = 0; i < 10; i++) expect((await attempt(`wrong-${i}`)).statusCode).toBe(401);
    const blocked = await attempt(TEST_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('60');
    expect(blocked.json().error.code).toBe('LOGIN_RATE_LIMITED');
    clock.advance(61_000);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('blocks an address after many failures across accounts', async () => {
    const tries = [];
    for (let i = 0; i < 30; i++) {
      tries.push(
        await t.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: '10.9.8.7',
          payload: { username: `someone-${i}`, password: 'nope-nope' },
        }),
      );
    }
    expect(tries.every((r) => r.statusCode === 401)).toBe(true);
    const blocked = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '10.9.8.7',
      payload: { username: officer.username, password: TEST_PASSWORD },
    });
    expect(blocked.statusCode).toBe(429);
    clock.advance(61_000);
  });

  it('ends the session on logout; the old cookie then counts as expired', async () => {
    const cookie = await t.login(officer.username, TEST_PASSWORD);
    const out = await t.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const me = await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('expires sessions after their lifetime', async () => {
    const cookie = await t.login(officer.username, TEST_PASSWORD);
    clock.advance(t.deps.config.sessionTtlMs + 1000);
    const me = await t.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie, 'accept-language': 'vi' },
    });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.message).toBe('Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.');
  });

  it('answers 401 without a session', async () => {
    const me = await t.inject({ method: 'GET', url: '/api/v1/auth/me' });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('rejects a login body of the wrong shape with per-field messages', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'en' },
      payload: { username: 42 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(response.json().error.fields).toEqual({
      username: 'The value has the wrong type',
      password: 'Enter this information',
    });
  });
});

describe('the login and registration pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('signs in through the form with a CSRF token and redirects to a safe next page', async () => {
    const user = await createUser(t.deps.database.db, { role: 'unit_head' });
    const { token, cookie } = await t.csrf('/login');
    const response = await t.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie },
      payload: { _csrf: token, username: user.username, password: TEST_PASSWORD, next: '/don-vi' },
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/don-vi');
    expect(response.cookies.some((c) => c.name === 'sid')).toBe(true);
  });

  it('never redirects to another site after sign-in', async () => {
    const user = await createUser(t.deps.database.db);
    const { token, cookie } = await t.csrf('/login');
    const response = await t.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie },
      payload: { _csrf: token, username: user.username, password: TEST_PASSWORD, next: '//evil.example/' },
    });
    expect(response.headers.location).toBe('/');
  });

  it('refuses a form without its CSRF token and signs nobody in', async () => {
    const user = await createUser(t.deps.database.db);
    const response = await t.inject({
      method: 'POST',
      url: '/login',
      payload: { username: user.username, password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('Biểu mẫu đã hết hạn');
    expect(response.cookies.some((c) => c.name === 'sid')).toBe(false);
  });

  it('re-renders the form with an error summary when fields are missing', async () => {
    const { token, cookie } = await t.csrf('/login');
    const response = await t.inject({
      method: 'POST',
      url: '/login?lang=en',
      headers: { cookie },
      payload: { _csrf: token, username: '', password: '' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('There is a problem');
    expect(response.body).toContain('href="#field-username"');
    expect(response.body).toContain('Enter this information');
  });

  it('shows a wrong password on the form, not on an error page', async () => {
    const { token, cookie } = await t.csrf('/login');
    const response = await t.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie },
      payload: { _csrf: token, username: 'ghost', password: 'not-the-password' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(response.body).toContain('value="ghost"');
  });

  it('lets a citizen register with a phone number, then sign in with it', async () => {
    const { token, cookie } = await t.csrf('/register');
    const response = await t.inject({
      method: 'POST',
      url: '/register',
      headers: { cookie },
      payload: {
        _csrf: token,
        fullName: 'Lường Văn Bình',
        contact: '+84 912 345 678',
        password: 'mật khẩu dài',
        confirmPassword: 'mật khẩu dài',
      },
    });
    expect(response.statusCode).toBe(303);
    const sid = await t.login('0912345678', 'mật khẩu dài');
    const me = await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: sid } });
    expect(me.json().roles).toEqual([{ role: 'citizen', unitId: null, agencyId: null }]);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'auth.register')
      .execute();
    expect(audit.length).toBe(1);
  });

  it('refuses a second account with the same e-mail address and keeps the first', async () => {
    const register = async (fullName: string) => {
      const { token, cookie } = await t.csrf('/register');
      return t.inject({
        method: 'POST',
        url: '/register',
        headers: { cookie },
        payload: {
          _csrf: token,
          fullName,
          contact: 'Mai@Example.vn',
          password: 'abcdefgh1',
          confirmPassword: 'abcdefgh1',
        },
      });
    };
    expect((await register('Người thứ nhất')).statusCode).toBe(303);
    const second = await register('Người thứ hai');
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('đã được dùng cho một tài khoản khác');
    const users = await t.deps.database.db
      .selectFrom('users')
      .select('full_name')
      .where('email', '=', 'mai@example.vn')
      .execute();
    expect(users.map((u) => u.full_name)).toEqual(['Người thứ nhất']);
  });

  it('explains an invalid contact and mismatched passwords', async () => {
    const { token, cookie } = await t.csrf('/register');
    const response = await t.inject({
      method: 'POST',
      url: '/register',
      headers: { cookie },
      payload: {
        _csrf: token,
        fullName: 'Ai Đó',
        contact: 'not a contact',
        password: 'abcdefgh',
        confirmPassword: 'abcdefgx',
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Nhập địa chỉ thư điện tử hoặc số điện thoại di động hợp lệ');
    expect(response.body).toContain('Hai mật khẩu không khớp nhau');
  });
});
