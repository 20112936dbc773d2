import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  DEFAULT_LOCALE,
  isLocale,
  type Locale,
  localeFromAcceptLanguage,
  translate,
} from '../../shared/i18n/index.js';

export const LANG_COOKIE = 'lang';

/** Picks the language: `?lang=` (remembered in a cookie), then the cookie, then Accept-Language. */
export function resolveLocale(request: FastifyRequest): { locale: Locale; remember: boolean } {
  const query = request.query as Record<string, unknown> | undefined;
  const requested = query?.lang;
  if (isLocale(requested)) return { locale: requested, remember: request.cookies[LANG_COOKIE] !== requested };
  const cookie = request.cookies[LANG_COOKIE];
  if (isLocale(cookie)) return { locale: cookie, remember: false };
  return {
    locale: localeFromAcceptLanguage(request.headers['accept-language']) ?? DEFAULT_LOCALE,
    remember: false,
  };
}

export const i18nPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('locale', DEFAULT_LOCALE);
  app.decorateRequest(
    't',
    function (this: FastifyRequest, key: string, params?: Record<string, string | number>) {
      return translate(this.locale, key, params);
    },
  );
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const { locale, remember } = resolveLocale(request);
    request.locale = locale;
    if (remember) {
      reply.setCookie(LANG_COOKIE, locale, {
        path: '/',
        sameSite: 'lax',
        httpOnly: true,
        maxAge: 365 * 24 * 3600,
        secure: app.deps.config.cookieSecure,
      });
    }
    reply.header('content-language', locale);
  });
});
