// The e-mails of feedback: the answer (or the closing) to a sender who left an address, and the
// reminders to the responsible unit's heads. Texts live in src/shared/i18n/feedback.<locale>.json.
import { formatDateTime, type Locale, translate } from '../../../shared/i18n/index.js';
import type { AppConfig } from '../../config.js';
import { type RenderedEmail, textToHtml } from '../notifications/notifications.templates.js';
import { FEEDBACK_LOOKUP_PATH, staffFeedbackPath } from './views/paths.js';

export const feedbackLookupUrl = (config: AppConfig, code: string) =>
  `${config.publicUrl}${FEEDBACK_LOOKUP_PATH}?code=${encodeURIComponent(code)}`;
export const staffFeedbackUrl = (config: AppConfig, code: string) =>
  `${config.publicUrl}${staffFeedbackPath(code)}`;

function compose(locale: Locale, config: AppConfig, greetingKey: string, parts: string[]): string {
  return [
    translate(locale, greetingKey),
    ...parts,
    translate(locale, 'notifications.common.signature', {
      site: config.siteName[locale],
      hotline: config.hotline,
    }),
    translate(locale, 'notifications.common.automatic'),
  ].join('\n\n');
}

/** To the sender: the answer (and whether the feedback was upheld), or why the item was closed. */
export function feedbackMessageEmail(
  locale: Locale,
  config: AppConfig,
  input: {
    kind: 'answered' | 'closed';
    feedbackKind: 'complaint' | 'recommendation';
    code: string;
    text: string;
    upheld: boolean | null;
  },
): RenderedEmail {
  const key = `feedback.mail.${input.kind}`;
  const params = {
    code: input.code,
    site: config.siteName[locale],
    link: feedbackLookupUrl(config, input.code),
    verdict:
      input.upheld === null
        ? ''
        : translate(locale, `feedback.upheld.${input.feedbackKind}.${input.upheld ? 'yes' : 'no'}`),
  };
  const text = compose(locale, config, 'notifications.common.greeting', [
    translate(locale, `${key}.body`, params),
    input.text,
    translate(locale, 'feedback.mail.lookup', params),
  ]);
  return { subject: translate(locale, `${key}.subject`, params), text, html: textToHtml(text, locale) };
}

/** To the heads of the responsible unit: an item turns due soon, or is overdue. */
export function feedbackReminderEmail(
  locale: Locale,
  config: AppConfig,
  input: { flag: 'due_soon' | 'overdue'; code: string; kind: 'complaint' | 'recommendation'; dueAt: Date },
): RenderedEmail {
  const key = `feedback.mail.${input.flag === 'due_soon' ? 'dueSoon' : 'overdue'}`;
  const params = {
    code: input.code,
    kind: translate(locale, `feedback.kinds.${input.kind}`),
    dueAt: formatDateTime(input.dueAt),
    link: staffFeedbackUrl(config, input.code),
  };
  const text = compose(locale, config, 'notifications.common.officerGreeting', [
    translate(locale, `${key}.body`, params),
  ]);
  return { subject: translate(locale, `${key}.subject`, params), text, html: textToHtml(text, locale) };
}
