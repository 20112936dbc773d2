import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { renderDocument, type SafeHtml } from '../jsx/jsx-runtime.js';
import type { PageContext } from '../views/page-context.js';

/** Builds what a template may know about this request. */
export function pageContext(app: FastifyInstance, request: FastifyRequest): PageContext {
  const url = new URL(request.url, 'http://local');
  url.searchParams.delete('lang');
  const query = url.searchParams.toString();
  return {
    locale: request.locale,
    t: request.t.bind(request),
    actor: request.actor,
    csrfToken: request.csrfToken,
    path: `${url.pathname}${query ? `?${query}` : ''}`,
    siteName: app.deps.config.siteName[request.locale],
    hotline: app.deps.config.hotline,
    now: app.deps.clock.now(),
    workCounts: request.workCounts,
  };
}

export const viewsPlugin = fp(async (app: FastifyInstance) => {
  app.decorateReply(
    'page',
    function (this: FastifyReply, render: (ctx: PageContext) => SafeHtml, status = 200) {
      const html = renderDocument(render(pageContext(app, this.request)));
      return this.status(status)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(html);
    },
  );
});
