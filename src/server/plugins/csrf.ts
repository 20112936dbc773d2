import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../shared/errors.js';

export const CSRF_COOKIE = 'csrf';
export const CSRF_FIELD = '_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Double-submit CSRF protection for HTML forms: an HttpOnly cookie holds a random token that
 * every form repeats in a hidden field. `/api/v1` JSON and multipart calls rely on the SameSite=Lax
 * session cookie (or a bearer token) instead, so they need no token.
 */
export const csrfPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('csrfToken', '');
  app.addHook('onRequest', async (request, reply) => {
    if (request.isApi || request.url.startsWith('/assets/') || request.url.startsWith('/docs')) return;
    const existing = request.cookies[CSRF_COOKIE];
    if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) {
      request.csrfToken = existing;
      return;
    }
    request.csrfToken = randomBytes(32).toString('base64url');
    reply.setCookie(CSRF_COOKIE, request.csrfToken, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: app.deps.config.cookieSecure,
    });
  });
  app.addHook('preValidation', async (request) => {
    if (request.isApi || !UNSAFE.has(request.method)) return;
    const body = request.body as Record<string, unknown> | undefined;
    const sent =
      typeof body?.[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : request.headers['x-csrf-token'];
    const cookie = request.cookies[CSRF_COOKIE];
    if (typeof sent !== 'string' || !cookie || !equal(sent, cookie)) throw new AppError('CSRF_TOKEN_INVALID');
  });
});
