// Request and instance decorations shared by every plugin and module.
import type { Locale, MessageParams } from '../shared/i18n/index.js';
import type { Actor, AppDeps } from './context.js';
import type { SafeHtml } from './jsx/jsx-runtime.js';
import type { PageContext } from './views/page-context.js';

export type SessionState = 'none' | 'valid' | 'expired';

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    locale: Locale;
    t: (key: string, params?: MessageParams) => string;
    actor: Actor | null;
    sessionState: SessionState;
    csrfToken: string;
    isApi: boolean;
    /** For officers on HTML pages: what waits for them and what is overdue (the header's counts). */
    workCounts: { waiting: number; overdue: number } | null;
  }
  interface FastifyReply {
    /** Renders a full page in the site layout. */
    page(render: (ctx: PageContext) => SafeHtml, status?: number): FastifyReply;
  }
}
