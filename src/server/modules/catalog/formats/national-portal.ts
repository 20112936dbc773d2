// One record of the National Public Service Portal (dichvucong.gov.vn) as its public crawlers publish it,
// turned into our canonical record. The portal does not say at which level a tenant handles the
// procedure, nor how far it is online there: the caller assigns both. Nothing the portal leaves out is
// made up here: a missing fee, time limit or legal basis stays null or empty, with a warning.
import type { z } from 'zod';
import {
  type CatalogIssue,
  issuesFromZod,
  MAX_LABEL_LENGTH,
  type TAgencyRef,
  type TChannel,
  type TChannelKind,
  type TComponent,
  type TDemoAssigned,
  type TFee,
  type TFeeKind,
  type TLegalBasis,
  type TOnlineLevel,
  type TProcedureLevel,
  type TProcedureRecord,
  type TStep,
  type TTimeLimit,
  type TTimeLimitUnit,
  ZProcedureRecord,
  ZSource,
  ZTimeLimit,
} from '../../../../shared/catalog/schema.js';
import { inlineOrNull, multilineOrNull } from './text.js';

export const PORTAL_ERRORS = {
  notAnObject: 'catalog.errors.portal.notAnObject',
  missingCode: 'catalog.errors.portal.missingCode',
  missingName: 'catalog.errors.portal.missingName',
  missingField: 'catalog.errors.portal.missingField',
  notAList: 'catalog.errors.portal.notAList',
  negativeFee: 'catalog.errors.negativeFee',
  feeNotInteger: 'catalog.errors.feeNotInteger',
  copiesInvalid: 'catalog.errors.copiesInvalid',
} as const;

export const PORTAL_WARNINGS = {
  unknownChannel: 'catalog.warnings.portal.unknownChannel',
  unknownFeeType: 'catalog.warnings.portal.unknownFeeType',
  feeAmountUnreadable: 'catalog.warnings.portal.feeAmountUnreadable',
  timeLimitUnitUnknown: 'catalog.warnings.portal.timeLimitUnitUnknown',
  timeLimitInWords: 'catalog.warnings.portal.timeLimitInWords',
  timeLimitNotPositive: 'catalog.warnings.portal.timeLimitNotPositive',
  timeLimitUnusable: 'catalog.warnings.portal.timeLimitUnusable',
  componentSkipped: 'catalog.warnings.portal.componentSkipped',
  unknownState: 'catalog.warnings.portal.unknownState',
  noLegalBasis: 'catalog.warnings.portal.noLegalBasis',
  sourceDetailDropped: 'catalog.warnings.portal.sourceDetailDropped',
} as const;

/** What the national record cannot tell and the importing administrator (or the demo) decides. */
export interface PortalAssignment {
  level: TProcedureLevel;
  onlineLevel: TOnlineLevel;
  /** Local agencies; by default the portal's implementing agencies, split at semicolons. */
  agencies?: TAgencyRef[];
  /** Used when the record has no field (lĩnh vực), e.g. taken from the catalogue row of the same code. */
  fallbackField?: { name: string; code: string | null };
  demoAssigned?: TDemoAssigned | null;
}

export type PortalConversion =
  | { ok: true; record: TProcedureRecord; warnings: CatalogIssue[] }
  | { ok: false; reasons: CatalogIssue[] };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayAt(record: Json, key: string, reasons: CatalogIssue[]): unknown[] {
  const value = record[key];
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  reasons.push({ key: PORTAL_ERRORS.notAList, path: key, params: { property: key } });
  return [];
}

function uniqueInline(values: unknown[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const cleaned = inlineOrNull(value);
    if (cleaned !== null && !seen.has(cleaned)) {
      seen.add(cleaned);
      out.push(cleaned);
    }
  }
  return out;
}

/** Whether a value has the shape of a national-portal record (used by format detection). */
export function looksLikePortalRecord(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (
    'steps_raw' in value ||
    'checklist_raw' in value ||
    'processing_cases' in value ||
    'source_id' in value
  ) {
    return true;
  }
  const channels = value.channels;
  return Array.isArray(channels) && channels.some((ch) => isObject(ch) && typeof ch.method === 'string');
}

// ---------------------------------------------------------------------------------------------
// Time limits
// ---------------------------------------------------------------------------------------------

const PORTAL_UNITS: Record<string, TTimeLimitUnit> = {
  WORKING_DAY: 'working_days',
  DAY: 'calendar_days',
  // The portal's "Giờ" is counted in office hours at the counter, as the deadline maths does.
  HOUR: 'working_hours',
};

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^\s*\d+(?:[.,]\d+)?\s*$/.test(value))
    return Number(value.trim().replace(',', '.'));
  return null;
}

const WORDED_LIMIT =
  /^(?:không quá|tối đa|trong (?:vòng|thời hạn)(?: không quá)?)?\s*(\d+(?:[.,]\d+)?)\s*(ngày làm việc|ngày|giờ làm việc)(?:\s*,?\s*kể từ (?:ngày|khi|thời điểm) nhận (?:được |đủ )?hồ sơ(?: đầy đủ,?)?(?: hợp lệ)?)?\s*\.?$/;
const WORDED_SAME_DAY =
  /^(?:thực hiện |giải quyết |trả kết quả )?(?:ngay )?trong ngày(?: làm việc)? (?:nhận|tiếp nhận)/;

/**
 * Reads a time limit the portal wrote in words, only when the words say nothing more than a number
 * and a unit ("Không quá 10 ngày làm việc."). Anything longer, such as extra days for remote communes,
 * is left to the note for a person to read.
 */
export function parseWordedTimeLimit(words: string): TTimeLimit | null {
  const lower = words.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  if (WORDED_SAME_DAY.test(lower) && !/\d+(?:[.,]\d+)? ngày/.test(lower))
    return { amount: null, unit: 'same_day' };
  const match = WORDED_LIMIT.exec(lower);
  if (!match) return null;
  const amount = Number((match[1] ?? '').replace(',', '.'));
  const unit: TTimeLimitUnit =
    match[2] === 'ngày làm việc'
      ? 'working_days'
      : match[2] === 'giờ làm việc'
        ? 'working_hours'
        : 'calendar_days';
  const parsed = ZTimeLimit.safeParse({ amount, unit });
  return parsed.success ? parsed.data : null;
}

interface ConvertedLimit {
  timeLimit: TTimeLimit | null;
  /** The limit in words when the portal gave words (or a unit we cannot count). */
  note: string | null;
}

function convertTimeLimit(processing: unknown, path: string, warnings: CatalogIssue[]): ConvertedLimit {
  if (!isObject(processing)) return { timeLimit: null, note: null };
  const { qty, unit } = processing;
  const unitName = typeof unit === 'string' ? unit.trim().toUpperCase() : '';
  const amount = toNumber(qty);
  const mapped = PORTAL_UNITS[unitName];

  if (amount === null) {
    const words = multilineOrNull(qty);
    if (words === null) return { timeLimit: null, note: null };
    const timeLimit = parseWordedTimeLimit(words);
    if (timeLimit === null) warnings.push({ key: PORTAL_WARNINGS.timeLimitInWords, path });
    return { timeLimit, note: words };
  }
  if (amount <= 0) {
    warnings.push({ key: PORTAL_WARNINGS.timeLimitNotPositive, path, params: { value: amount } });
    return { timeLimit: null, note: null };
  }
  if (mapped === undefined) {
    // MONTH is a real unit we cannot count in days, so it is kept in words; a number with OTHER has
    // no unit at all and would mislead, so it is dropped.
    warnings.push({
      key: PORTAL_WARNINGS.timeLimitUnitUnknown,
      path,
      params: { value: amount, unit: unitName || '?' },
    });
    return { timeLimit: null, note: unitName === 'MONTH' ? `${amount} tháng` : null };
  }
  const parsed = ZTimeLimit.safeParse({ amount, unit: mapped });
  if (!parsed.success) {
    warnings.push({
      key: PORTAL_WARNINGS.timeLimitUnusable,
      path,
      params: { value: amount, unit: unitName },
    });
    return { timeLimit: null, note: null };
  }
  return { timeLimit: parsed.data, note: null };
}

// ---------------------------------------------------------------------------------------------
// Channels and fees
// ---------------------------------------------------------------------------------------------

const PORTAL_CHANNELS: Record<string, TChannelKind> = {
  ONLINE: 'online',
  POSTAL: 'postal',
  DIRECT: 'direct',
};
// The portal's texts show FEE carrying "Phí …" and SERVICE_FEE carrying "Lệ phí …".
const PORTAL_FEE_KINDS: Record<string, TFeeKind> = {
  FEE: 'fee',
  SERVICE_FEE: 'charge',
  PRICE_LEVEL: 'price',
};
const CHANNEL_ORDER: Record<TChannelKind, number> = { online: 0, postal: 1, direct: 2 };

function convertFee(
  raw: unknown,
  path: string,
  reasons: CatalogIssue[],
  warnings: CatalogIssue[],
): TFee | null {
  if (!isObject(raw)) return null;
  const typeName = typeof raw.type === 'string' ? raw.type.trim().toUpperCase() : '';
  const kind = PORTAL_FEE_KINDS[typeName];
  if (kind === undefined) {
    warnings.push({ key: PORTAL_WARNINGS.unknownFeeType, path, params: { type: typeName || '?' } });
    return null;
  }
  const value = raw.value_vnd;
  let amountVnd: number | null = null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) {
      reasons.push({ key: PORTAL_ERRORS.negativeFee, path: `${path}.value_vnd`, params: { value } });
      return null;
    }
    if (!Number.isInteger(value)) {
      reasons.push({ key: PORTAL_ERRORS.feeNotInteger, path: `${path}.value_vnd`, params: { value } });
      return null;
    }
    amountVnd = value;
  } else if (typeof value === 'string' && value.trim() !== '') {
    const digits = value.trim();
    if (/^\d+$/.test(digits)) amountVnd = Number(digits);
    else
      warnings.push({
        key: PORTAL_WARNINGS.feeAmountUnreadable,
        path: `${path}.value_vnd`,
        params: { value: digits },
      });
  }
  const description = multilineOrNull(raw.text);
  // A fee with neither amount nor words says nothing; keeping it would show an empty line.
  if (amountVnd === null && description === null) return null;
  return { kind, amountVnd, description };
}

function convertChannels(raw: unknown[], reasons: CatalogIssue[], warnings: CatalogIssue[]): TChannel[] {
  const channels: TChannel[] = [];
  raw.forEach((entry, index) => {
    const path = `channels.${index}`;
    if (!isObject(entry)) return;
    const methodName = typeof entry.method === 'string' ? entry.method.trim().toUpperCase() : '';
    const kind = PORTAL_CHANNELS[methodName];
    if (kind === undefined) {
      warnings.push({ key: PORTAL_WARNINGS.unknownChannel, path, params: { method: methodName || '?' } });
      return;
    }
    const limit = convertTimeLimit(entry.processing, `${path}.processing`, warnings);
    const fees: TFee[] = [];
    const rawFees = Array.isArray(entry.fees) ? entry.fees : [];
    rawFees.forEach((fee, feeIndex) => {
      const converted = convertFee(fee, `${path}.fees.${feeIndex}`, reasons, warnings);
      if (converted) fees.push(converted);
    });
    channels.push({
      kind,
      timeLimit: limit.timeLimit,
      timeLimitNote: limit.note,
      fees,
      note: multilineOrNull(entry.note),
    });
  });
  // The portal lists channels in varying order; a stable order keeps exports diffable. Entries of the
  // same kind (variants such as "for houses" / "for other works") keep their published order.
  return channels
    .map((channel, position) => ({ channel, position }))
    .sort((a, b) => CHANNEL_ORDER[a.channel.kind] - CHANNEL_ORDER[b.channel.kind] || a.position - b.position)
    .map((entry) => entry.channel);
}

// ---------------------------------------------------------------------------------------------
// Components (thành phần hồ sơ)
// ---------------------------------------------------------------------------------------------

// Conditional documents are not required of everyone: "Trường hợp …", "Nếu …", "Đối với trường hợp …",
// possibly after a bullet or an item letter ("- ", "+ ", "a) ").
const CONDITIONAL_START =
  /^(?:[-+*•·–]\s*)*(?:\(?[a-zđ0-9]{1,3}[).]\s*)?(?:trường hợp|trong trường hợp|đối với trường hợp|nếu|riêng)(?=\s|$|,)/;

/** The rule by which a portal checklist item is marked required; documented in docs/catalog-format.md. */
export function isComponentRequired(
  name: string,
  group: string | null,
  originals: number,
  copies: number,
): boolean {
  if (originals + copies === 0) return false;
  if (group !== null && /lưu ý/i.test(group)) return false;
  const lower = name.toLowerCase();
  if (CONDITIONAL_START.test(lower)) return false;
  if (lower.includes('(nếu có)')) return false;
  return true;
}

function countOf(value: unknown): number | null {
  if (value === undefined || value === null || value === '') return 0;
  const n = toNumber(value);
  return n !== null && Number.isInteger(n) && n >= 0 ? n : null;
}

function convertComponents(
  groups: unknown[],
  reasons: CatalogIssue[],
  warnings: CatalogIssue[],
): TComponent[] {
  const components: TComponent[] = [];
  groups.forEach((groupEntry, groupIndex) => {
    if (!isObject(groupEntry)) return;
    const group = inlineOrNull(groupEntry.group);
    const items = Array.isArray(groupEntry.items) ? groupEntry.items : [];
    items.forEach((item, itemIndex) => {
      const path = `checklist_raw.${groupIndex}.items.${itemIndex}`;
      if (!isObject(item)) return;
      const name = inlineOrNull(item.name);
      // Items flagged as processing results, and nameless items, are not documents the applicant brings.
      if (name === null || item.is_processing_result === true) {
        warnings.push({ key: PORTAL_WARNINGS.componentSkipped, path });
        return;
      }
      const originals = countOf(item.original_qty);
      const copies = countOf(item.copy_qty);
      if (originals === null || copies === null) {
        reasons.push({ key: PORTAL_ERRORS.copiesInvalid, path });
        return;
      }
      const attachments = Array.isArray(item.attachments) ? item.attachments : [];
      const templates = attachments
        .map((attachment) => (isObject(attachment) ? inlineOrNull(attachment.fileName) : null))
        .filter((fileName): fileName is string => fileName !== null)
        // The crawl keeps storage paths, not public links, so no URL is made up.
        .map((fileName) => ({ fileName, url: null }));
      components.push({
        // Positions in the published checklist: stable for a given version of the record.
        id: `g${groupIndex + 1}-${itemIndex + 1}`,
        caseId: null,
        group,
        name,
        required: isComponentRequired(name, group, originals, copies),
        originals,
        copies,
        electronicForm: item.has_electronic_form === true,
        code: inlineOrNull(item.code),
        templates,
      });
    });
  });
  return components;
}

// ---------------------------------------------------------------------------------------------
// The record
// ---------------------------------------------------------------------------------------------

function splitAgencies(published: string | null): TAgencyRef[] {
  if (published === null) return [];
  return uniqueInline(published.split(';'))
    .filter((name) => name.length <= MAX_LABEL_LENGTH)
    .map((name) => ({ name, role: 'implementing' as const }));
}

/** Converts one national-portal record; returns the reasons it cannot be imported instead of throwing. */
export function fromNationalPortal(raw: unknown, assign: PortalAssignment): PortalConversion {
  if (!isObject(raw)) return { ok: false, reasons: [{ key: PORTAL_ERRORS.notAnObject }] };
  const reasons: CatalogIssue[] = [];
  const warnings: CatalogIssue[] = [];

  const code = inlineOrNull(raw.code);
  if (code === null) reasons.push({ key: PORTAL_ERRORS.missingCode, path: 'code' });
  const name = inlineOrNull(raw.name);
  if (name === null) reasons.push({ key: PORTAL_ERRORS.missingName, path: 'name' });
  const category = isObject(raw.category) ? raw.category : null;
  const publishedField = inlineOrNull(category?.name);
  // The code belongs to the field it came with: the record's own, or the fallback's.
  const field = publishedField ?? inlineOrNull(assign.fallbackField?.name);
  const fieldCode =
    publishedField !== null ? inlineOrNull(category?.code) : inlineOrNull(assign.fallbackField?.code);
  if (field === null) reasons.push({ key: PORTAL_ERRORS.missingField, path: 'category' });

  const channels = convertChannels(arrayAt(raw, 'channels', reasons), reasons, warnings);
  const components = convertComponents(arrayAt(raw, 'checklist_raw', reasons), reasons, warnings);

  const cases = arrayAt(raw, 'processing_cases', reasons)
    .filter(isObject)
    .map((entry, index) => ({ entry, index, code: inlineOrNull(entry.case_code) }))
    // Published in no particular order; sorting by case code gives c1 = .01.
    .sort((a, b) => compareNullableText(a.code, b.code) || a.index - b.index)
    .map(({ entry, index, code: caseCode }, position) => ({
      id: `c${position + 1}`,
      code: caseCode,
      name: null,
      timeLimit: convertTimeLimit(entry, `processing_cases.${index}`, warnings).timeLimit,
    }));

  const steps: TStep[] = arrayAt(raw, 'steps_raw', reasons)
    .filter(isObject)
    .map((entry) => {
      const title = inlineOrNull(entry.name);
      // "Mặc định" (default) is the portal's placeholder for an untitled step.
      return {
        title: title !== null && /^mặc định$/i.test(title) ? null : title,
        description: multilineOrNull(entry.text),
      };
    })
    .filter((step) => step.title !== null || step.description !== null);

  const legalBasis: TLegalBasis[] = [];
  const seenBasis = new Set<string>();
  for (const entry of arrayAt(raw, 'legal_basis', reasons)) {
    if (!isObject(entry)) continue;
    const basis = { code: inlineOrNull(entry.code), title: inlineOrNull(entry.name) };
    const key = `${basis.code ?? ''}\u0000${basis.title ?? ''}`;
    if ((basis.code === null && basis.title === null) || seenBasis.has(key)) continue;
    seenBasis.add(key);
    legalBasis.push(basis);
  }
  if (legalBasis.length === 0) warnings.push({ key: PORTAL_WARNINGS.noLegalBasis, path: 'legal_basis' });

  const state = typeof raw.state === 'string' ? raw.state.trim().toUpperCase() : '';
  // ACTIVE and UPDATED are both in force on the portal; anything else means it no longer applies.
  const status = state === '' || state === 'ACTIVE' || state === 'UPDATED' ? 'active' : 'retired';
  if (status === 'retired')
    warnings.push({ key: PORTAL_WARNINGS.unknownState, path: 'state', params: { state } });

  const source = isObject(raw.source) ? raw.source : {};
  const publishedAgency = multilineOrNull(raw.executing_agency);
  const targetSubjects = uniqueInline(arrayAt(raw, 'subject_types', reasons));
  const results = uniqueInline(arrayAt(raw, 'results', reasons));
  const sourceUrl = checked(ZSource.shape.url, inlineOrNull(source.url), 'source.url', warnings);
  const sourceUpdatedAt = checked(
    ZSource.shape.updatedAt,
    inlineOrNull(source.updated_at),
    'source.updated_at',
    warnings,
  );

  if (reasons.length > 0) return { ok: false, reasons };

  const candidate = {
    code,
    name,
    field,
    fieldCode,
    level: assign.level,
    onlineLevel: assign.onlineLevel,
    status,
    version: 1,
    dataCompleteness: 'full',
    agencies: assign.agencies ?? splitAgencies(publishedAgency),
    promulgatingAgency: inlineOrNull(raw.promulgating_agency),
    targetSubjects,
    conditions: multilineOrNull(raw.requirements),
    results,
    legalBasis,
    steps,
    cases,
    components,
    channels,
    announcingDecision: null,
    effectiveFrom: null,
    effectiveTo: null,
    demoAssigned: assign.demoAssigned ?? null,
    source: {
      kind: 'national_portal',
      id: inlineOrNull(raw.source_id),
      url: sourceUrl,
      updatedAt: sourceUpdatedAt,
      publishedAgency,
    },
  };
  const parsed = ZProcedureRecord.safeParse(candidate);
  if (!parsed.success) return { ok: false, reasons: issuesFromZod(parsed.error.issues) };
  return { ok: true, record: parsed.data, warnings };
}

// Provenance details that do not parse are dropped with a warning: they must not block the import.
function checked(
  schema: z.ZodType,
  value: string | null,
  path: string,
  warnings: CatalogIssue[],
): string | null {
  if (value === null) return null;
  if (schema.safeParse(value).success) return value;
  warnings.push({ key: PORTAL_WARNINGS.sourceDetailDropped, path });
  return null;
}

function compareNullableText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
