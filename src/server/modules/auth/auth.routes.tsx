import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { safeNextPath, ZActor, ZLogin, ZLoginResponse, ZRegister } from '../../../shared/auth/schema.js';
import { AppError, isAppError } from '../../../shared/errors.js';
import { parseWith } from '../../../shared/validation.js';
import type { AppDeps } from '../../context.js';
import { SESSION_COOKIE } from '../../plugins/session.js';
import { presentActor } from './auth.presenter.js';
import { type LoginResult, login, logout, registerCitizen } from './auth.service.js';
import { LoginPage, RegisterPage } from './views/login-page.js';

function setSessionCookie(deps: AppDeps, reply: FastifyReply, result: LoginResult) {
  reply.setCookie(SESSION_COOKIE, result.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.cookieSecure,
    expires: result.expiresAt,
  });
}

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const context = (request: { actor: import('../../context.js').Actor | null; id: string }) => ({
    actor: request.actor,
    requestId: request.id,
  });

  app.get('/login', { schema: { hide: true } }, async (request, reply) => {
    const next = safeNextPath((request.query as Record<string, unknown>).next);
    return reply.page((ctx) => <LoginPage ctx={ctx} next={next} />);
  });

  app.post('/login', { schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const next = safeNextPath(body.next);
    const username = typeof body.username === 'string' ? body.username : '';
    const parsed = parseWith(ZLogin, body);
    if (!parsed.ok)
      return reply.page(
        (ctx) => <LoginPage ctx={ctx} username={username} errors={parsed.fields} next={next} />,
        400,
      );
    try {
      const result = await login(deps, context(request), {
        ...parsed.value,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(deps, reply, result);
      return reply.redirect(next ?? '/', 303);
    } catch (error) {
      if (!isAppError(error) || (error.code !== 'INVALID_CREDENTIALS' && error.code !== 'LOGIN_RATE_LIMITED'))
        throw error;
      if (error.options.retryAfter) reply.header('retry-after', String(error.options.retryAfter));
      const fields = { username: { key: `errors.${error.code}`, params: error.options.params ?? {} } };
      return reply.page(
        (ctx) => <LoginPage ctx={ctx} username={username} errors={fields} next={next} />,
        error.status,
      );
    }
  });

  app.post('/logout', { schema: { hide: true } }, async (request, reply) => {
    await logout(deps, context(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });

  app.get('/register', { schema: { hide: true } }, async (_request, reply) =>
    reply.page((ctx) => <RegisterPage ctx={ctx} />),
  );

  app.post('/register', { schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = {
      fullName: typeof body.fullName === 'string' ? body.fullName : '',
      contact: typeof body.contact === 'string' ? body.contact : '',
    };
    const parsed = parseWith(ZRegister, body);
    if (!parsed.ok)
      return reply.page((ctx) => <RegisterPage ctx={ctx} values={values} errors={parsed.fields} />, 400);
    try {
      const result = await registerCitizen(deps, context(request), {
        ...parsed.value,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(deps, reply, result);
      return reply.redirect('/', 303);
    } catch (error) {
      if (!isAppError(error) || !error.options.fields) throw error;
      const fields = error.options.fields;
      return reply.page((ctx) => <RegisterPage ctx={ctx} values={values} errors={fields} />, error.status);
    }
  });

  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets an HttpOnly session cookie',
        body: ZLogin,
        response: { 200: ZLoginResponse },
      },
    },
    async (request, reply) => {
      const result = await login(deps, context(request), {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(deps, reply, result);
      return { user: presentActor(result.actor), expiresAt: result.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out and end the session', response: { 204: z.null() } } },
    async (request, reply) => {
      await logout(deps, context(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      schema: { tags: ['auth'], summary: 'The signed-in person and their roles', response: { 200: ZActor } },
    },
    async (request) => {
      if (!request.actor)
        throw new AppError(request.sessionState === 'expired' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
      return presentActor(request.actor);
    },
  );
};
