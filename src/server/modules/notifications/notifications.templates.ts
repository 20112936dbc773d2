// The messages themselves: texts live in src/shared/i18n/notifications.<locale>.json; this file picks
// the template for a status, fills it, and lays it out as plain text, simple HTML and an SMS.
import { STATUS, type Status } from '../../../shared/applications/workflow.js';
import { formatDateTime, formatNumber, type Locale, translate } from '../../../shared/i18n/index.js';
import type { AppConfig } from '../../config.js';
import { EVALUATION_TOKEN_PLACEHOLDER, evaluateLinkPath } from '../evaluations/views/paths.js';

/** The template of each status an application can move into. */
export const STATUS_TEMPLATES = {
  [STATUS.SUBMITTED]: 'submitted',
  [STATUS.ACCEPTED]: 'accepted',
  [STATUS.REFUSED]: 'refused',
  [STATUS.IN_PROCESS]: 'inProcess',
  [STATUS.SUPPLEMENT_REQUESTED]: 'supplementRequested',
  [STATUS.FEE_DUE]: 'feeDue',
  [STATUS.WITHDRAWAL_REQUESTED]: 'withdrawalRequested',
  [STATUS.STOPPED]: 'stopped',
  [STATUS.DONE]: 'done',
  [STATUS.RETURNED]: 'returned',
} as const satisfies Record<Status, string>;

export type StatusTemplate = (typeof STATUS_TEMPLATES)[Status];

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

// Links into the pages: public tracking and the applicant's own page (citizen pages, modules/apply),
// and the officer's page (back office, modules/workbench). Keep in step with their paths.
export const trackUrl = (config: AppConfig, code: string) =>
  `${config.publicUrl}/tra-cuu?code=${encodeURIComponent(code)}`;
// The evaluation link carries a single-use token, filled in only when the e-mail is sent (see
// modules/evaluations: fillEvaluationLink); the stored message keeps the placeholder.
export const evaluateUrl = (config: AppConfig) =>
  `${config.publicUrl}${evaluateLinkPath(EVALUATION_TOKEN_PLACEHOLDER)}`;
export const officerUrl = (config: AppConfig, code: string) =>
  `${config.publicUrl}/can-bo/ho-so/${encodeURIComponent(code)}`;

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Paragraphs (blank-line separated) as <p>, lines as <br>, addresses as links; everything escaped. */
export function textToHtml(text: string, lang: Locale): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .map(
      (p) =>
        `<p>${escapeHtml(p)
          .replace(/https?:\/\/[^\s<]+[^\s<.,;:)]/g, (url) => `<a href="${url}">${url}</a>`)
          .replaceAll('\n', '<br>\n')}</p>`,
    )
    .join('\n');
  return `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"></head><body style="font-family: sans-serif; line-height: 1.5">\n${paragraphs}\n</body></html>`;
}

function layout(locale: Locale, config: AppConfig, greetingKey: string, parts: string[]): string {
  const site = config.siteName[locale];
  return [
    translate(locale, greetingKey),
    ...parts,
    translate(locale, 'notifications.common.signature', { site, hotline: config.hotline }),
    translate(locale, 'notifications.common.automatic'),
  ].join('\n\n');
}

export interface StatusMessageInput {
  status: Status;
  code: string;
  procedure: string;
  dueAt: Date | null;
  /** The officer's note: reasons for a refusal or a stop, what to supplement. */
  note: string | null;
  amountVnd: number | null;
}

function statusParams(locale: Locale, config: AppConfig, input: StatusMessageInput) {
  return {
    code: input.code,
    procedure: input.procedure,
    site: config.siteName[locale],
    dueAt: input.dueAt ? formatDateTime(input.dueAt) : translate(locale, 'notifications.common.noDueDate'),
    reason: input.note?.trim() || translate(locale, 'notifications.common.noReason'),
    amount: input.amountVnd === null ? '—' : formatNumber(locale, input.amountVnd),
    trackUrl: trackUrl(config, input.code),
    evaluateUrl: evaluateUrl(config),
  };
}

/** The e-mail to the applicant when the application moves into `input.status`. */
export function statusEmail(locale: Locale, config: AppConfig, input: StatusMessageInput): RenderedEmail {
  const key = `notifications.status.${STATUS_TEMPLATES[input.status]}`;
  const params = statusParams(locale, config, input);
  const text = layout(locale, config, 'notifications.common.greeting', [
    translate(locale, `${key}.body`, params),
    translate(locale, 'notifications.common.track', params),
  ]);
  return { subject: translate(locale, `${key}.subject`, params), text, html: textToHtml(text, locale) };
}

/** The SMS to the applicant for the same change. */
export function statusSms(locale: Locale, config: AppConfig, input: StatusMessageInput): string {
  const key = `notifications.status.${STATUS_TEMPLATES[input.status]}.sms`;
  return translate(locale, key, statusParams(locale, config, input));
}

/** The e-mail to an officer when an application turns due soon or overdue. */
export function deadlineEmail(
  locale: Locale,
  config: AppConfig,
  input: { flag: 'due_soon' | 'overdue'; code: string; procedure: string; dueAt: Date },
): RenderedEmail {
  const key = `notifications.deadline.${input.flag === 'due_soon' ? 'dueSoon' : 'overdue'}`;
  const params = {
    code: input.code,
    procedure: input.procedure,
    dueAt: formatDateTime(input.dueAt),
    link: officerUrl(config, input.code),
  };
  const text = layout(locale, config, 'notifications.common.officerGreeting', [
    translate(locale, `${key}.body`, params),
  ]);
  return { subject: translate(locale, `${key}.subject`, params), text, html: textToHtml(text, locale) };
}
