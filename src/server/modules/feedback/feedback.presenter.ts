// What leaves the server about feedback. The public sees an item's texts only when its sender agreed
// and the answer is out (or, on the look-up page, with the sender's key); the sender's contact details
// and attachments are shown to the staff who serve the item, never published.
import type {
  TFeedbackPublic,
  TFeedbackReceipt,
  TFeedbackStaff,
  TFeedbackStanding,
} from '../../../shared/feedback/schema.js';
import type { FeedbackAction } from '../../../shared/feedback/workflow.js';
import type { Locale } from '../../../shared/i18n/index.js';
import type { FeedbackView, Progress, StaffFeedbackDetail } from './feedback.service.js';

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export function unitOf(item: FeedbackView, locale: Locale) {
  return {
    code: item.unit_code,
    name: (locale === 'en' ? item.unit_name_en : item.unit_name) ?? item.unit_name ?? item.unit_code,
  };
}

export function agencyOf(item: FeedbackView, locale: Locale) {
  if (!item.agency_code) return null;
  return {
    code: item.agency_code,
    name: (locale === 'en' ? item.agency_name_en : item.agency_name) ?? item.agency_name ?? item.agency_code,
  };
}

function procedureOf(item: FeedbackView) {
  if (!item.procedure_code) return null;
  return { code: item.procedure_code, name: item.procedure_name ?? item.procedure_code };
}

/** Who is responsible now: the agency when routed to one, else the unit. */
export function responsibleName(item: FeedbackView, locale: Locale): string {
  return agencyOf(item, locale)?.name ?? unitOf(item, locale).name;
}

/** A published item (callers check that it is). */
export function presentPublic(item: FeedbackView, locale: Locale): TFeedbackPublic {
  return {
    code: item.code,
    kind: item.kind,
    subjectType: item.subject_type,
    procedure: procedureOf(item),
    unit: unitOf(item, locale),
    agency: agencyOf(item, locale),
    body: item.body,
    receivedAt: iso(item.received_at),
    answer: item.answer ?? '',
    answeredAt: iso(item.answered_at ?? item.updated_at),
    upheld: item.upheld ?? false,
  };
}

export function presentStanding(item: FeedbackView, full: boolean, locale: Locale): TFeedbackStanding {
  return {
    code: item.code,
    kind: item.kind,
    status: item.status,
    unit: unitOf(item, locale),
    agency: agencyOf(item, locale),
    receivedAt: iso(item.received_at),
    dueAt: iso(item.due_at),
    answeredAt: isoOrNull(item.answered_at),
    closedAt: isoOrNull(item.closed_at),
    full,
    body: full ? item.body : null,
    answer: full ? item.answer : null,
    upheld: full ? item.upheld : null,
    closeReason: full ? item.close_reason : null,
  };
}

export function presentReceipt(item: FeedbackView, accessKey: string, locale: Locale): TFeedbackReceipt {
  return {
    code: item.code,
    accessKey,
    status: item.status,
    receivedAt: iso(item.received_at),
    dueAt: iso(item.due_at),
    unit: unitOf(item, locale),
  };
}

type StaffSummary = Omit<TFeedbackStaff, 'allowedActions' | 'attachments'>;

export function presentStaffSummary(
  item: FeedbackView,
  progress: Progress | null,
  locale: Locale,
): StaffSummary {
  const anonymous = !item.sender_name && !item.sender_phone && !item.sender_email && !item.sender_address;
  return {
    code: item.code,
    version: item.version,
    kind: item.kind,
    subjectType: item.subject_type,
    channel: item.channel,
    status: item.status,
    procedure: procedureOf(item),
    officerName: item.officer_name,
    officer:
      item.officer_username && item.officer_full_name
        ? { username: item.officer_username, fullName: item.officer_full_name }
        : null,
    unit: unitOf(item, locale),
    agency: agencyOf(item, locale),
    body: item.body,
    sender: {
      name: item.sender_name,
      phone: item.sender_phone,
      email: item.sender_email,
      address: item.sender_address,
      anonymous,
    },
    publishConsent: item.publish_consent,
    location: {
      lat: item.lat,
      long: item.long,
      address: item.address,
      addressId: item.address_id,
      mediaUrl: item.media_url,
    },
    receivedAt: iso(item.received_at),
    timeLimitDays: item.time_limit_days,
    dueAt: iso(item.due_at),
    progress,
    answer: item.answer,
    answeredAt: isoOrNull(item.answered_at),
    upheld: item.upheld,
    publishedAt: isoOrNull(item.published_at),
    closedAt: isoOrNull(item.closed_at),
    closeReason: item.close_reason,
  };
}

export function presentStaffDetail(detail: StaffFeedbackDetail, locale: Locale): TFeedbackStaff {
  return {
    ...presentStaffSummary(detail.item, detail.progress, locale),
    attachments: detail.attachments.map((a) => ({
      id: a.id,
      name: a.original_name,
      mediaType: a.media_type,
      size: a.size_bytes,
    })),
    allowedActions: detail.allowedActions as FeedbackAction[],
  };
}
