import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { BODY_LIMIT } from '../app.js';

describe('errors and the page shell', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('answers malformed JSON with a translated 400 and no internals', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      payload: '{"username": "admin", ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: { code: 'INVALID_JSON', message: 'The request body is not valid JSON.' },
    });
  });

  it('answers a body over the size limit with 413', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'a'.repeat(BODY_LIMIT), password: 'x' }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unsupported content type with 415', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<login/>',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers unknown API routes and methods with a JSON 404', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nothing-here'],
      ['DELETE', '/api/v1/auth/me'],
    ] as const) {
      const response = await t.inject({ method, url });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
  });

  it('shows a translated 404 page for unknown pages', async () => {
    const vi = await t.inject({ method: 'GET', url: '/khong-co-trang-nay' });
    expect(vi.statusCode).toBe(404);
    expect(vi.headers['content-type']).toContain('text/html');
    expect(vi.body).toContain('Không tìm thấy trang');
    const en = await t.inject({ method: 'GET', url: '/no-such-page?lang=en' });
    expect(en.body).toContain('Page not found');
    expect(en.body).toContain('<html lang="en">');
  });

  it('sets the security headers and a CSP without inline scripts, and hides X-Powered-By', async () => {
    const response = await t.inject({ method: 'GET', url: '/' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-request-id']).toBeTruthy();
    expect(response.body).not.toMatch(/<script>(?!<\/script>)/);
    expect(response.body).not.toMatch(/ style="/);
  });

  it('renders pages with a skip link, landmarks and the page language', async () => {
    const response = await t.inject({ method: 'GET', url: '/' });
    expect(response.body).toMatch(/^<!doctype html><html lang="vi">/);
    expect(response.body).toContain('href="#main"');
    expect(response.body).toContain('<main id="main"');
    expect(response.body).toContain('<header');
    expect(response.body).toContain('<footer');
  });

  it('switches language with ?lang= and remembers it in a cookie', async () => {
    const switched = await t.inject({ method: 'GET', url: '/?lang=en' });
    expect(switched.body).toContain('<html lang="en">');
    const lang = switched.cookies.find((c) => c.name === 'lang');
    expect(lang?.value).toBe('en');
    const later = await t.inject({ method: 'GET', url: '/', headers: { cookie: 'lang=en' } });
    expect(later.body).toContain('Online public services');
  });

  it('takes Accept-Language as the first guess', async () => {
    const response = await t.inject({
      method: 'GET',
      url: '/',
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(response.body).toContain('<html lang="en">');
  });

  it('serves the OpenAPI document generated from the route schemas, and the documentation page', async () => {
    const doc = await t.inject({ method: 'GET', url: '/docs/json' });
    expect(doc.statusCode).toBe(200);
    const json = doc.json();
    expect(json.openapi).toMatch(/^3\./);
    expect(Object.keys(json.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/units/{code}',
        '/healthz',
        '/api/v1/stats/summary',
        '/api/v1/stats/index',
        '/api/v1/payments/vnpay/ipn',
        '/api/v1/payments/reconciliation',
        '/api/v1/capacity-tests/banks',
        '/api/v1/capacity-tests/attempts/{attempt}/answers/{position}',
        '/api/v1/staff-scores',
        '/api/v1/staff-scores/method',
      ]),
    );
    // Every operation has a summary and its answers.
    for (const [path, operations] of Object.entries(json.paths as Record<string, Record<string, unknown>>))
      for (const [method, operation] of Object.entries(
        operations as Record<string, { summary?: string; responses?: object }>,
      ))
        expect([path, method, Boolean(operation.summary), Boolean(operation.responses)]).toEqual([
          path,
          method,
          true,
          true,
        ]);
    expect(json.paths['/login']).toBeUndefined();
    const page = await t.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(page.statusCode);
  });

  it('serves static assets with long caching', async () => {
    const response = await t.inject({ method: 'GET', url: '/assets/app.css' });
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['cache-control'])).toContain('immutable');
  });
});
