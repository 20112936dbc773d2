import type { Locale, MessageParams } from '../../shared/i18n/index.js';
import type { Actor } from '../context.js';

/** What a page template knows about the request that renders it. */
export interface PageContext {
  locale: Locale;
  t: (key: string, params?: MessageParams) => string;
  actor: Actor | null;
  csrfToken: string;
  /** The current path and query, without the language switch. */
  path: string;
  siteName: string;
  hotline: string;
  /** The moment of the request, from the app's clock (what is late, what is published). */
  now: Date;
  /** For officers: applications waiting for them and overdue ones, shown in the header. */
  workCounts?: { waiting: number; overdue: number } | null;
}
