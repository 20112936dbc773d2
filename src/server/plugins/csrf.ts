import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
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

/** Whether `sent` is this browser's CSRF token (the `csrf` cookie), compared in constant time. */
export function csrfTokenMatches(request: FastifyRequest, sent: unknown): boolean {
  const cookie = request.cookies[CSRF_COOKIE];
  return typeof sent === 'string' && !!cookie && equal(sent, cookie);
}

/**
 * Route config of a multipart form whose handler checks the `_csrf` field itself (with
 * csrfTokenMatches) before using anything it uploaded: the hook below runs before a streamed body is
 * read, so it cannot see the field. Multipart posts to any other route are refused as before.
 */
export const CSRF_CHECKED_IN_HANDLER = { csrfCheckedInHandler: true } as const;

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
    const config = request.routeOptions.config as { csrfCheckedInHandler?: boolean };
    if (config.csrfCheckedInHandler && request.headers['content-type']?.startsWith('multipart/form-data'))
      return;
    const body = request.body as Record<string, unknown> | undefined;
    const sent =
      typeof body?.[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : request.headers['x-csrf-token'];
    const cookie = request.cookies[CSRF_COOKIE];
    if (typeof sent !== 'string' || !cookie || !equal(sent, cookie)) throw new AppError('CSRF_TOKEN_INVALID');
  });
});
