// Feedback through the Open311 GeoReport v2 API: services are the subjects feedback can be about, a
// service request is a feedback item (its id the item's public code), and POST requests receives one
// exactly as the web form does (submitFeedback). What GET requests shows follows the web's rule: an
// item's texts and location only once its answer is published with the sender's consent; otherwise its
// standing, with the responsible unit's address standing in for the location.
import { formatVietnamIso, parseLocalDate, parseMoment } from '../../../shared/calendar/index.js';
import { AppError, type FieldErrors, isAppError } from '../../../shared/errors.js';
import {
  OPEN311_ATTRIBUTES,
  OPEN311_BASE,
  OPEN311_DEFAULT_DAYS,
  OPEN311_MAX_REQUESTS,
  OPEN311_SERVICES,
  OPEN311_SPEC_URL,
  type Open311AttributeCode,
  type TOpen311Attribute,
  type TOpen311Created,
  type TOpen311Discovery,
  type TOpen311Request,
  type TOpen311Service,
  type TOpen311ServiceDefinition,
} from '../../../shared/feedback/open311.js';
import {
  FEEDBACK_CODE_PATTERN,
  FEEDBACK_KINDS,
  type FeedbackLocation,
  type FeedbackSubject,
  normalizePhone,
  ZFeedbackSubmit,
} from '../../../shared/feedback/schema.js';
import { type FeedbackStatus, OPEN311_STATUS } from '../../../shared/feedback/workflow.js';
import { formatDateTime, type Locale, type MessageParams } from '../../../shared/i18n/index.js';
import { fieldErrorsFromIssues } from '../../../shared/validation.js';
import type { ActionContext, AppDeps } from '../../context.js';
import type { FeedbackStatus as DbFeedbackStatus, FeedbackSubjectType } from '../../db/schema.js';
import { agencyOf, responsibleName, unitOf } from './feedback.presenter.js';
import { findFeedbackByCode, listFeedbackForOpen311 } from './feedback.repository.js';
import { type FeedbackView, listFeedbackUnits, submitFeedback } from './feedback.service.js';

/** When this endpoint's definition last changed (the discovery document's changeset). */
export const OPEN311_CHANGESET = '2026-03-01 00:00';

type Translate = (key: string, params?: MessageParams) => string;

const isService = (code: string): code is FeedbackSubject =>
  (OPEN311_SERVICES as readonly string[]).includes(code);

/** A 400 (or another status) naming the spec's field, so the error's description says which one. */
const open311Error = (
  code: 'VALIDATION_FAILED' | 'NOT_FOUND',
  field: string,
  key: string,
  params?: Record<string, string | number>,
) => new AppError(code, { fields: { [field]: params ? { key, params } : { key } } });

/** The jurisdiction is the deploying unit: its administrative code, when a client names one. */
export function checkJurisdiction(deps: AppDeps, jurisdictionId: string | undefined): void {
  if (
    jurisdictionId !== undefined &&
    jurisdictionId.trim() !== '' &&
    jurisdictionId.trim() !== deps.config.homeUnitCode
  )
    throw open311Error('NOT_FOUND', 'jurisdiction_id', 'feedback.open311.errors.jurisdiction');
}

export function open311Discovery(deps: AppDeps, t: Translate): TOpen311Discovery {
  return {
    changeset: OPEN311_CHANGESET,
    contact: t('feedback.open311.contact', { site: deps.config.siteName.vi, hotline: deps.config.hotline }),
    key_service: t('feedback.open311.keyService'),
    endpoints: [
      {
        specification: OPEN311_SPEC_URL,
        url: `${deps.config.publicUrl}${OPEN311_BASE}`,
        changeset: OPEN311_CHANGESET,
        type: 'production',
        formats: ['application/json', 'text/xml'],
      },
    ],
  };
}

export function open311Services(t: Translate): TOpen311Service[] {
  return OPEN311_SERVICES.map((code) => ({
    service_code: code,
    service_name: t(`feedback.open311.services.${code}.name`),
    description: t(`feedback.open311.services.${code}.description`),
    metadata: true,
    type: 'realtime',
    keywords: t(`feedback.open311.services.${code}.keywords`),
    group: t('feedback.open311.group'),
  }));
}

/** The attributes a service takes: the kind, the unit, what it is about, the consent to publish. */
export async function open311ServiceDefinition(
  deps: AppDeps,
  serviceCode: string,
  t: Translate,
  locale: Locale,
): Promise<TOpen311ServiceDefinition> {
  if (!isService(serviceCode))
    throw open311Error('NOT_FOUND', 'service_code', 'feedback.open311.errors.unknownService', {
      code: serviceCode,
    });
  const units = await listFeedbackUnits(deps);
  const attributes: TOpen311Attribute[] = [
    {
      variable: true,
      code: 'kind',
      datatype: 'singlevaluelist',
      required: false,
      datatype_description: null,
      order: 1,
      description: t('feedback.open311.attributes.kind'),
      values: FEEDBACK_KINDS.map((kind) => ({ key: kind, name: t(`feedback.kinds.${kind}`) })),
    },
    {
      variable: true,
      code: 'unit',
      datatype: 'singlevaluelist',
      required: false,
      datatype_description: null,
      order: 2,
      description: t('feedback.open311.attributes.unit'),
      values: units.map((u) => ({ key: u.code, name: locale === 'en' ? u.nameEn : u.name })),
    },
  ];
  if (serviceCode === 'procedure')
    attributes.push({
      variable: true,
      code: 'procedure_code',
      datatype: 'string',
      required: true,
      datatype_description: t('feedback.open311.attributes.procedureCodeFormat'),
      order: 3,
      description: t('feedback.open311.attributes.procedureCode'),
    });
  if (serviceCode === 'officer')
    attributes.push({
      variable: true,
      code: 'officer_name',
      datatype: 'string',
      required: true,
      datatype_description: null,
      order: 3,
      description: t('feedback.open311.attributes.officerName'),
    });
  attributes.push({
    variable: true,
    code: 'publish',
    datatype: 'singlevaluelist',
    required: false,
    datatype_description: null,
    order: 4,
    description: t('feedback.open311.attributes.publish'),
    values: [
      { key: 'true', name: t('feedback.open311.attributes.publishYes') },
      { key: 'false', name: t('feedback.open311.attributes.publishNo') },
    ],
  });
  return { service_code: serviceCode, attributes };
}

/** A field of the body as text: absent is undefined; a number is written out; anything else is refused. */
function textOf(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string') return value.normalize('NFC');
  throw open311Error('VALIDATION_FAILED', field, 'feedback.open311.errors.notText');
}

/** attribute[code]=value (form) or attribute: { code: value } (JSON), one value per code. */
function attributesOf(body: Record<string, unknown>): Map<Open311AttributeCode, string> {
  const found = new Map<string, unknown>();
  for (const [key, value] of Object.entries(body)) {
    const match = /^attribute\[([^\]]*)\](\[\])?$/.exec(key);
    if (match) found.set(match[1] ?? '', value);
  }
  const nested = body.attribute;
  if (nested !== undefined) {
    if (typeof nested !== 'object' || nested === null || Array.isArray(nested))
      throw open311Error('VALIDATION_FAILED', 'attribute', 'feedback.open311.errors.attributes');
    for (const [key, value] of Object.entries(nested)) found.set(key, value);
  }
  const attributes = new Map<Open311AttributeCode, string>();
  for (const [code, raw] of found) {
    const field = `attribute[${code}]`;
    if (!(OPEN311_ATTRIBUTES as readonly string[]).includes(code))
      throw open311Error('VALIDATION_FAILED', field, 'feedback.open311.errors.unknownAttribute', {
        code: code.slice(0, 40),
      });
    const value = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
    if (typeof value !== 'string')
      throw open311Error('VALIDATION_FAILED', field, 'feedback.open311.errors.singleValue');
    attributes.set(code as Open311AttributeCode, value.normalize('NFC').trim());
  }
  return attributes;
}

function coordinate(text: string | undefined, field: 'lat' | 'long'): number | null {
  if (text === undefined || text.trim() === '') return null;
  const value = Number(text.trim());
  const limit = field === 'lat' ? 90 : 180;
  if (!/^-?\d{1,3}(\.\d{1,15})?$/.test(text.trim()) || !Number.isFinite(value) || Math.abs(value) > limit)
    throw open311Error('VALIDATION_FAILED', field, 'feedback.open311.errors.coordinate');
  return value;
}

const OPEN311_PHONE = /^\+?\d{6,15}$/;

// Field names of the web's schema and the spec's names for them, so an error names what the client sent.
const SPEC_FIELD: Record<string, string> = {
  kind: 'attribute[kind]',
  subjectType: 'service_code',
  procedureCode: 'attribute[procedure_code]',
  officerName: 'attribute[officer_name]',
  unitCode: 'attribute[unit]',
  body: 'description',
  senderName: 'first_name',
  senderEmail: 'email',
  senderPhone: 'phone',
  senderAddress: 'address_string',
  publishConsent: 'attribute[publish]',
  attachments: 'media_url',
};

const renameFields = (fields: FieldErrors): FieldErrors =>
  Object.fromEntries(Object.entries(fields).map(([name, error]) => [SPEC_FIELD[name] ?? name, error]));

/**
 * POST requests: the spec's fields checked one by one (each problem a 400 naming its field, an unknown
 * service a 404), then received like a web submission. Nothing is stored when anything is wrong.
 */
export async function createOpen311Request(
  deps: AppDeps,
  context: ActionContext,
  body: Record<string, unknown>,
  input: { ip: string; locale: Locale; t: Translate },
): Promise<TOpen311Created> {
  checkJurisdiction(deps, textOf(body, 'jurisdiction_id'));
  const serviceCode = textOf(body, 'service_code')?.trim();
  if (!serviceCode)
    throw open311Error('VALIDATION_FAILED', 'service_code', 'feedback.open311.errors.serviceRequired');
  if (!isService(serviceCode))
    throw open311Error('NOT_FOUND', 'service_code', 'feedback.open311.errors.unknownService', {
      code: serviceCode.slice(0, 40),
    });
  const description = textOf(body, 'description');
  if (description === undefined || description.trim() === '')
    throw open311Error('VALIDATION_FAILED', 'description', 'feedback.errors.textRequired');
  const attributes = attributesOf(body);
  const lat = coordinate(textOf(body, 'lat'), 'lat');
  const long = coordinate(textOf(body, 'long'), 'long');
  if ((lat === null) !== (long === null))
    throw open311Error(
      'VALIDATION_FAILED',
      lat === null ? 'lat' : 'long',
      'feedback.open311.errors.bothCoordinates',
    );
  const mediaUrl = textOf(body, 'media_url')?.trim() || null;
  if (
    mediaUrl !== null &&
    (mediaUrl.length > 500 || !/^https?:\/\/[^\s<>"]+$/i.test(mediaUrl) || !URL.canParse(mediaUrl))
  )
    throw open311Error('VALIDATION_FAILED', 'media_url', 'feedback.open311.errors.mediaUrl');
  const address = textOf(body, 'address_string')?.trim() || null;
  if (address !== null && (address.length > 250 || /\p{Cc}/u.test(address)))
    throw open311Error('VALIDATION_FAILED', 'address_string', 'feedback.open311.errors.address');
  const addressId = textOf(body, 'address_id')?.trim() || null;
  if (addressId !== null && (addressId.length > 100 || /\p{Cc}/u.test(addressId)))
    throw open311Error('VALIDATION_FAILED', 'address_id', 'feedback.open311.errors.address');
  const rawPhone = textOf(body, 'phone')?.trim() || null;
  const phone = rawPhone === null ? null : normalizePhone(rawPhone);
  if (phone !== null && !OPEN311_PHONE.test(phone))
    throw open311Error('VALIDATION_FAILED', 'phone', 'feedback.errors.phone');
  const publish = attributes.get('publish');
  if (publish !== undefined && publish !== 'true' && publish !== 'false')
    throw open311Error('VALIDATION_FAILED', 'attribute[publish]', 'feedback.open311.errors.publish');
  // Vietnamese names are written family name first.
  const name = [textOf(body, 'last_name'), textOf(body, 'first_name')]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');

  const parsed = ZFeedbackSubmit.safeParse({
    kind: attributes.get('kind') || 'complaint',
    subjectType: serviceCode,
    procedureCode: attributes.get('procedure_code') ?? null,
    officerName: attributes.get('officer_name') ?? null,
    unitCode: attributes.get('unit') || null,
    body: description,
    senderName: name || null,
    senderEmail: textOf(body, 'email') ?? null,
    senderPhone: null,
    senderAddress: null,
    publishConsent: publish === 'true',
  });
  if (!parsed.success)
    throw new AppError('VALIDATION_FAILED', {
      fields: renameFields(fieldErrorsFromIssues(parsed.error.issues)),
    });
  const location: FeedbackLocation = { lat, long, address, addressId, mediaUrl };
  try {
    const { item, accessKey } = await submitFeedback(deps, context, {
      values: { ...parsed.data, senderPhone: phone },
      channel: 'open311',
      location,
      locale: input.locale,
      ip: input.ip,
    });
    return {
      service_request_id: item.code,
      service_notice: input.t('feedback.open311.notice', {
        dueAt: formatDateTime(item.due_at),
        responsible: responsibleName(item, input.locale),
        key: accessKey,
      }),
      account_id: null,
    };
  } catch (error) {
    if (isAppError(error) && error.options.fields)
      throw new AppError(error.code, { ...error.options, fields: renameFields(error.options.fields) });
    throw error;
  }
}

/** The address that stands in when an item's own location is not shown: its responsible office's. */
function standInAddress(item: FeedbackView, locale: Locale): string {
  return (
    item.agency_address ?? item.unit_address ?? agencyOf(item, locale)?.name ?? unitOf(item, locale).name
  );
}

function statusNotes(item: FeedbackView, published: boolean, t: Translate, locale: Locale): string {
  if (published && item.answer) return item.answer;
  switch (item.status as FeedbackStatus) {
    case 'received':
      return t('feedback.open311.notes.received');
    case 'triaged':
      return t('feedback.open311.notes.triaged', { responsible: responsibleName(item, locale) });
    case 'answered':
      return t('feedback.open311.notes.answered');
    case 'closed':
      return t('feedback.open311.notes.closed');
  }
}

export function presentOpen311Request(item: FeedbackView, t: Translate, locale: Locale): TOpen311Request {
  const published = item.published_at !== null;
  const open = OPEN311_STATUS[item.status as FeedbackStatus] === 'open';
  return {
    service_request_id: item.code,
    status: OPEN311_STATUS[item.status as FeedbackStatus],
    status_notes: statusNotes(item, published, t, locale),
    service_name: t(`feedback.open311.services.${item.subject_type}.name`),
    service_code: item.subject_type,
    description: published ? item.body : null,
    agency_responsible: responsibleName(item, locale),
    service_notice: open ? t('feedback.open311.expected', { dueAt: formatDateTime(item.due_at) }) : null,
    requested_datetime: formatVietnamIso(item.received_at),
    updated_datetime: formatVietnamIso(item.updated_at),
    expected_datetime: formatVietnamIso(item.due_at),
    address: published && item.address ? item.address : standInAddress(item, locale),
    address_id: published ? item.address_id : null,
    zipcode: null,
    lat: published ? item.lat : null,
    long: published ? item.long : null,
    media_url: published ? item.media_url : null,
  };
}

function moment(text: string | undefined, field: 'start_date' | 'end_date'): Date | null {
  if (text === undefined || text.trim() === '') return null;
  const value = text.trim();
  const asMoment = parseMoment(value);
  if (asMoment.ok) return asMoment.value;
  const asDate = parseLocalDate(value);
  if (asDate.ok) {
    const parsed = parseMoment(`${value}T${field === 'start_date' ? '00:00:00' : '23:59:59'}+07:00`);
    if (parsed.ok) return parsed.value;
  }
  throw open311Error('VALIDATION_FAILED', field, 'feedback.open311.errors.date');
}

const DAY_MS = 24 * 3600_000;

/** GET requests: by ids, or by services, statuses and dates (the last 90 days by default), newest first. */
export async function listOpen311Requests(
  deps: AppDeps,
  query: {
    jurisdiction_id?: string | undefined;
    service_request_id?: string | undefined;
    service_code?: string | undefined;
    start_date?: string | undefined;
    end_date?: string | undefined;
    status?: string | undefined;
  },
  t: Translate,
  locale: Locale,
): Promise<TOpen311Request[]> {
  checkJurisdiction(deps, query.jurisdiction_id);
  const db = deps.database.db;
  const split = (text: string | undefined) =>
    (text ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
  let rows: FeedbackView[];
  if (query.service_request_id !== undefined && query.service_request_id.trim() !== '') {
    // The spec: with ids, the other filters are ignored. Ids that cannot be codes are simply not found.
    const codes = split(query.service_request_id)
      .map((id) => id.toUpperCase())
      .filter((id) => FEEDBACK_CODE_PATTERN.test(id))
      .slice(0, OPEN311_MAX_REQUESTS);
    rows = await listFeedbackForOpen311(db, { codes, limit: OPEN311_MAX_REQUESTS });
  } else {
    const services = split(query.service_code);
    for (const code of services)
      if (!isService(code))
        throw open311Error('NOT_FOUND', 'service_code', 'feedback.open311.errors.unknownService', {
          code: code.slice(0, 40),
        });
    const statuses = split(query.status);
    for (const status of statuses)
      if (status !== 'open' && status !== 'closed')
        throw open311Error('VALIDATION_FAILED', 'status', 'feedback.open311.errors.status');
    const start = moment(query.start_date, 'start_date');
    const end = moment(query.end_date, 'end_date');
    const to = end ?? (start ? new Date(start.getTime() + OPEN311_DEFAULT_DAYS * DAY_MS) : deps.clock.now());
    const from = start ?? new Date(to.getTime() - OPEN311_DEFAULT_DAYS * DAY_MS);
    if (from.getTime() > to.getTime())
      throw open311Error('VALIDATION_FAILED', 'end_date', 'feedback.open311.errors.dateOrder');
    const wanted = new Set(statuses);
    const dbStatuses: DbFeedbackStatus[] | null =
      wanted.size === 0 || wanted.size === 2
        ? null
        : wanted.has('open')
          ? ['received', 'triaged']
          : ['answered', 'closed'];
    rows = await listFeedbackForOpen311(db, {
      subjects: services.length > 0 ? (services as FeedbackSubjectType[]) : null,
      statuses: dbStatuses,
      from,
      to,
      limit: OPEN311_MAX_REQUESTS,
    });
  }
  return rows.map((row) => presentOpen311Request(row, t, locale));
}

/** GET requests/{id}: one item, in a list as the spec shows it; 404 when there is none. */
export async function getOpen311Request(
  deps: AppDeps,
  id: string,
  query: { jurisdiction_id?: string | undefined },
  t: Translate,
  locale: Locale,
): Promise<TOpen311Request[]> {
  checkJurisdiction(deps, query.jurisdiction_id);
  const code = id.trim().toUpperCase();
  const item = FEEDBACK_CODE_PATTERN.test(code)
    ? await findFeedbackByCode(deps.database.db, code)
    : undefined;
  if (!item) throw open311Error('NOT_FOUND', 'service_request_id', 'feedback.open311.errors.unknownRequest');
  return [presentOpen311Request(item, t, locale)];
}
