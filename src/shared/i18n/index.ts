import { catalogMessagesEn, catalogMessagesVi } from '../catalog/messages.js';
import adminEn from './admin.en.json' with { type: 'json' };
import adminVi from './admin.vi.json' with { type: 'json' };
import applicationsEn from './applications.en.json' with { type: 'json' };
import applicationsVi from './applications.vi.json' with { type: 'json' };
import calendarEn from './calendar.en.json' with { type: 'json' };
import calendarVi from './calendar.vi.json' with { type: 'json' };
import capacityEn from './capacity.en.json' with { type: 'json' };
import capacityVi from './capacity.vi.json' with { type: 'json' };
import commentsEn from './comments.en.json' with { type: 'json' };
import commentsVi from './comments.vi.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import evaluationsEn from './evaluations.en.json' with { type: 'json' };
import evaluationsVi from './evaluations.vi.json' with { type: 'json' };
import feedbackEn from './feedback.en.json' with { type: 'json' };
import feedbackVi from './feedback.vi.json' with { type: 'json' };
import hotlinesEn from './hotlines.en.json' with { type: 'json' };
import hotlinesVi from './hotlines.vi.json' with { type: 'json' };
import newsEn from './news.en.json' with { type: 'json' };
import newsVi from './news.vi.json' with { type: 'json' };
import notificationsEn from './notifications.en.json' with { type: 'json' };
import notificationsVi from './notifications.vi.json' with { type: 'json' };
import paymentsEn from './payments.en.json' with { type: 'json' };
import paymentsVi from './payments.vi.json' with { type: 'json' };
import staffScoresEn from './staff-scores.en.json' with { type: 'json' };
import staffScoresVi from './staff-scores.vi.json' with { type: 'json' };
import statsEn from './stats.en.json' with { type: 'json' };
import statsVi from './stats.vi.json' with { type: 'json' };
import statsExportEn from './stats-export.en.json' with { type: 'json' };
import statsExportVi from './stats-export.vi.json' with { type: 'json' };
import teamsEn from './teams.en.json' with { type: 'json' };
import teamsVi from './teams.vi.json' with { type: 'json' };
import vi from './vi.json' with { type: 'json' };
import workbenchEn from './workbench.en.json' with { type: 'json' };
import workbenchVi from './workbench.vi.json' with { type: 'json' };

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';

type Catalogue = { [key: string]: string | Catalogue };
// One file per feature and language (`<feature>.vi.json`, or a typed `messages.ts` beside the
// feature's schema), each under its own top-level key, so features can be written side by side;
// `vi.json`/`en.json` hold the app-wide messages.
const catalogues: Record<Locale, Catalogue> = {
  vi: {
    ...vi,
    ...applicationsVi,
    ...calendarVi,
    ...catalogMessagesVi,
    ...workbenchVi,
    ...notificationsVi,
    ...teamsVi,
    ...adminVi,
    ...statsVi,
    ...statsExportVi,
    ...feedbackVi,
    ...newsVi,
    ...commentsVi,
    ...hotlinesVi,
    ...evaluationsVi,
    ...capacityVi,
    ...staffScoresVi,
    ...paymentsVi,
  },
  en: {
    ...en,
    ...applicationsEn,
    ...calendarEn,
    ...catalogMessagesEn,
    ...workbenchEn,
    ...notificationsEn,
    ...teamsEn,
    ...adminEn,
    ...statsEn,
    ...statsExportEn,
    ...feedbackEn,
    ...newsEn,
    ...commentsEn,
    ...hotlinesEn,
    ...evaluationsEn,
    ...capacityEn,
    ...staffScoresEn,
    ...paymentsEn,
  },
};

export type MessageParams = Record<string, string | number>;

function lookup(catalogue: Catalogue, key: string): string | undefined {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Whether the catalogue of `locale` has `key`. */
export function hasMessage(key: string, locale: Locale = DEFAULT_LOCALE): boolean {
  return lookup(catalogues[locale], key) !== undefined;
}

/** Translates `key`, filling `{name}` placeholders; an unknown key shows itself so it is noticed. */
export function translate(locale: Locale, key: string, params: MessageParams = {}): string {
  const template = lookup(catalogues[locale], key) ?? lookup(catalogues[DEFAULT_LOCALE], key) ?? key;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    params[name] === undefined ? match : String(params[name]),
  );
}

/** Every key of a catalogue, dotted; used by the completeness test. */
export function messageKeys(locale: Locale): string[] {
  const keys: string[] = [];
  const walk = (node: Catalogue, prefix: string) => {
    for (const [k, v] of Object.entries(node)) {
      if (typeof v === 'string') keys.push(prefix + k);
      else walk(v, `${prefix}${k}.`);
    }
  };
  walk(catalogues[locale], '');
  return keys.sort();
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Picks the first supported language of an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.lang && Number.isFinite(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((entry) => entry.lang).find(isLocale);
}

/** Formats a number with Vietnamese thousands separators (1.234.567) or English ones. */
export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB').format(value);
}

/** dd/MM/yyyy in Vietnam's time zone. */
export function formatDate(value: Date): string {
  const d = new Date(value.getTime() + 7 * 3600_000);
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${d.getUTCFullYear()}`;
}

/** dd/MM/yyyy HH:mm in Vietnam's time zone. */
export function formatDateTime(value: Date): string {
  const d = new Date(value.getTime() + 7 * 3600_000);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mi = String(d.getUTCMinutes()).padStart(2, '0');
  return `${formatDate(value)} ${hh}:${mi}`;
}
