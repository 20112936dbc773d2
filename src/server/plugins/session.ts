import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { resolveSession } from '../modules/auth/auth.service.js';

export const SESSION_COOKIE = 'sid';

/** Reads the session cookie (or a bearer token) and puts the signed-in person on the request. */
export const sessionPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionState', 'none');
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/assets/')) return;
    const auth = request.headers.authorization;
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
    const { state, actor } = await resolveSession(app.deps, bearer ?? request.cookies[SESSION_COOKIE]);
    request.sessionState = state;
    request.actor = actor;
  });
});
