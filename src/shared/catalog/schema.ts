// The canonical procedure record (thủ tục hành chính) as the national database describes it: what the
// importers produce, the exporters write, the API serves and the database stores. Every message is an
// i18n key (see messages.ts), so server, forms and import reports translate the same way.
import { z } from 'zod';
import { MAX_AMOUNT } from '../calendar/constants.js';
import type { TimeLimit } from '../calendar/deadline.js';

// ---------------------------------------------------------------------------------------------
// Limits (named so that forms, importers and the API agree on them)
// ---------------------------------------------------------------------------------------------

/** National codes look like `1.001193`; local and legacy codes are longer, never this long. */
export const MAX_PROCEDURE_CODE_LENGTH = 40;
/** The longest real name on the national portal is about 1,200 characters. */
export const MAX_PROCEDURE_NAME_LENGTH = 2000;
/** Single-line labels: field, agency, subject, result, document and legal-basis titles. */
export const MAX_LABEL_LENGTH = 1000;
/** Document names and checklist headings: the portal has paragraphs of several thousand characters. */
export const MAX_DOCUMENT_NAME_LENGTH = 6000;
/** Multi-line texts: steps, conditions, notes, fee descriptions. */
export const MAX_TEXT_LENGTH = 20_000;
/** Items in any list of a record (subjects, results, steps, cases, channels, fees, legal basis). */
export const MAX_LIST_ITEMS = 200;
/** Application components of one procedure, across all its cases. */
export const MAX_COMPONENTS = 500;
/** Template files attached to one component. */
export const MAX_TEMPLATES_PER_COMPONENT = 10;
/** Originals or copies of one component. */
export const MAX_DOCUMENT_COPIES = 99;
/** Fees are whole đồng; one trillion is far above any administrative fee. */
export const MAX_FEE_VND = 1_000_000_000_000;
/** Same bound as the deadline maths, so every stored time limit can be counted. */
export const MAX_TIME_LIMIT_AMOUNT = MAX_AMOUNT;
export const MAX_PROCEDURE_VERSION = 100_000;
export const MAX_PROCEDURES_PER_FILE = 20_000;
export const MAX_URL_LENGTH = 2000;
/** Component and case ids are short slugs so they can appear in URLs and spreadsheet cells. */
export const MAX_LOCAL_ID_LENGTH = 40;

// ---------------------------------------------------------------------------------------------
// Vocabularies
// ---------------------------------------------------------------------------------------------

/** The level that handles the procedure for a tenant; 'vertical' = agencies of a ministry (tax, police, land registration). */
export const PROCEDURE_LEVELS = ['province', 'district', 'commune', 'vertical'] as const;
export type TProcedureLevel = (typeof PROCEDURE_LEVELS)[number];

/** Dịch vụ công trực tuyến toàn trình / một phần / none. */
export const ONLINE_LEVELS = ['full', 'partial', 'none'] as const;
export type TOnlineLevel = (typeof ONLINE_LEVELS)[number];

export const CHANNEL_KINDS = ['online', 'postal', 'direct'] as const;
export type TChannelKind = (typeof CHANNEL_KINDS)[number];

/** Same names as the deadline maths (shared/calendar/deadline.ts). */
export const TIME_LIMIT_UNITS = ['working_days', 'working_hours', 'calendar_days', 'same_day'] as const;
export type TTimeLimitUnit = (typeof TIME_LIMIT_UNITS)[number];

/** phí (fee), lệ phí (charge), giá (price of a public service). */
export const FEE_KINDS = ['fee', 'charge', 'price'] as const;
export type TFeeKind = (typeof FEE_KINDS)[number];

export const PROCEDURE_STATUSES = ['active', 'retired'] as const;
export type TProcedureStatus = (typeof PROCEDURE_STATUSES)[number];

/**
 * 'full': taken from a full record (documents, fees, time limits as published);
 * 'catalogue_only': taken from a catalogue row alone, so documents, fees and time limits are not recorded.
 */
export const DATA_COMPLETENESS = ['full', 'catalogue_only'] as const;
/**
 * What a supplement request does to the time limit: it always stops the clock; when the complete
 * supplement arrives the limit either starts again from zero (`restart`, the default) or goes on
 * with what was left (`resume`).
 */
export const SUPPLEMENT_CLOCKS = ['restart', 'resume'] as const;
export type TSupplementClock = (typeof SUPPLEMENT_CLOCKS)[number];
export type TDataCompleteness = (typeof DATA_COMPLETENESS)[number];

/** cơ quan thực hiện / cơ quan có thẩm quyền quyết định / cơ quan phối hợp. */
export const AGENCY_ROLES = ['implementing', 'deciding', 'coordinating'] as const;
export type TAgencyRole = (typeof AGENCY_ROLES)[number];

export const SOURCE_KINDS = ['national_portal', 'catalogue_row', 'manual'] as const;
export type TSourceKind = (typeof SOURCE_KINDS)[number];

// ---------------------------------------------------------------------------------------------
// Message keys
// ---------------------------------------------------------------------------------------------

export const CATALOG_ERRORS = {
  invalid: 'catalog.errors.invalid',
  required: 'catalog.errors.required',
  notText: 'catalog.errors.notText',
  blank: 'catalog.errors.blank',
  tooLong: 'catalog.errors.tooLong',
  singleLine: 'catalog.errors.singleLine',
  controlCharacters: 'catalog.errors.controlCharacters',
  notAnObject: 'catalog.errors.notAnObject',
  unknownProperty: 'catalog.errors.unknownProperty',
  notAList: 'catalog.errors.notAList',
  tooManyItems: 'catalog.errors.tooManyItems',
  codeFormat: 'catalog.errors.codeFormat',
  unknownLevel: 'catalog.errors.unknownLevel',
  unknownOnlineLevel: 'catalog.errors.unknownOnlineLevel',
  unknownChannel: 'catalog.errors.unknownChannel',
  unknownTimeUnit: 'catalog.errors.unknownTimeUnit',
  unknownFeeKind: 'catalog.errors.unknownFeeKind',
  unknownStatus: 'catalog.errors.unknownStatus',
  unknownCompleteness: 'catalog.errors.unknownCompleteness',
  unknownSupplementClock: 'catalog.errors.unknownSupplementClock',
  unknownAgencyRole: 'catalog.errors.unknownAgencyRole',
  unknownAgencyKind: 'catalog.errors.unknownAgencyKind',
  unknownSourceKind: 'catalog.errors.unknownSourceKind',
  notANumber: 'catalog.errors.notANumber',
  negativeFee: 'catalog.errors.negativeFee',
  feeNotInteger: 'catalog.errors.feeNotInteger',
  feeTooLarge: 'catalog.errors.feeTooLarge',
  feeEmpty: 'catalog.errors.feeEmpty',
  timeLimitNotPositive: 'catalog.errors.timeLimitNotPositive',
  timeLimitTooLarge: 'catalog.errors.timeLimitTooLarge',
  timeLimitPrecision: 'catalog.errors.timeLimitPrecision',
  timeLimitWholeDays: 'catalog.errors.timeLimitWholeDays',
  timeLimitAmountRequired: 'catalog.errors.timeLimitAmountRequired',
  timeLimitSameDayAmount: 'catalog.errors.timeLimitSameDayAmount',
  copiesInvalid: 'catalog.errors.copiesInvalid',
  versionInvalid: 'catalog.errors.versionInvalid',
  notABoolean: 'catalog.errors.notABoolean',
  dateFormat: 'catalog.errors.dateFormat',
  dateTimeFormat: 'catalog.errors.dateTimeFormat',
  urlFormat: 'catalog.errors.urlFormat',
  localIdFormat: 'catalog.errors.localIdFormat',
  duplicateComponentId: 'catalog.errors.duplicateComponentId',
  duplicateCaseId: 'catalog.errors.duplicateCaseId',
  unknownCaseId: 'catalog.errors.unknownCaseId',
  duplicateCode: 'catalog.errors.duplicateCode',
  effectiveRange: 'catalog.errors.effectiveRange',
  legalBasisEmpty: 'catalog.errors.legalBasisEmpty',
  stepEmpty: 'catalog.errors.stepEmpty',
  demoAssignedEmpty: 'catalog.errors.demoAssignedEmpty',
  catalogueOnlyHasDetails: 'catalog.errors.catalogueOnlyHasDetails',
  fileFormat: 'catalog.errors.fileFormat',
  fileFormatVersion: 'catalog.errors.fileFormatVersion',
} as const;
const E = CATALOG_ERRORS;

// A missing value (absent, or null where a value is required) is "required", not "wrong type".
function requiredOr(input: unknown, key: string): string {
  return input === undefined || input === null ? E.required : key;
}

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

// Labels must stay on one line: spreadsheets and search index them as one line, and the flat
// format relies on it. Multi-line texts may hold line breaks but no other control characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const SINGLE_LINE = /^[^\u0000-\u001f\u007f]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const MULTI_LINE = /^[^\u0000-\u0009\u000b-\u001f\u007f]*$/;

/** A trimmed, non-empty, single-line string of at most `max` characters. */
export function label(max: number = MAX_LABEL_LENGTH) {
  return z
    .string({ error: (issue) => requiredOr(issue.input, E.notText) })
    .trim()
    .min(1, { error: E.blank })
    .max(max, { error: E.tooLong })
    .regex(SINGLE_LINE, { error: E.singleLine });
}

/** A trimmed, non-empty text that may span lines. Absent values are null, never the empty string. */
export function text(max: number = MAX_TEXT_LENGTH) {
  return z
    .string({ error: (issue) => requiredOr(issue.input, E.notText) })
    .trim()
    .min(1, { error: E.blank })
    .max(max, { error: E.tooLong })
    .regex(MULTI_LINE, { error: E.controlCharacters });
}

function list<T extends z.ZodType>(item: T, max: number = MAX_LIST_ITEMS) {
  return z
    .array(item, { error: (issue) => requiredOr(issue.input, E.notAList) })
    .max(max, { error: E.tooManyItems });
}

function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? E.unknownProperty : requiredOr(issue.input, E.notAnObject),
  });
}

/** yyyy-mm-dd, a real calendar date. */
export const ZIsoDate = z.iso.date({ error: E.dateFormat });
/** An ISO 8601 timestamp with an offset or Z, as the national portal publishes them. */
export const ZIsoDateTime = z.iso.datetime({ offset: true, error: E.dateTimeFormat });
const ZUrl = z.url({ protocol: /^https?$/, error: E.urlFormat }).max(MAX_URL_LENGTH, { error: E.tooLong });

/** Letters, digits, dots, dashes, underscores: `1.001193`, `2.000527`, `1.014955-Xoa`, `SL-001`. */
export const PROCEDURE_CODE_PATTERN = /^[0-9A-Za-z][0-9A-Za-z._-]*$/;
export const ZProcedureCode = z
  .string({ error: (issue) => requiredOr(issue.input, E.notText) })
  .trim()
  .min(1, { error: E.blank })
  .max(MAX_PROCEDURE_CODE_LENGTH, { error: E.tooLong })
  .regex(PROCEDURE_CODE_PATTERN, { error: E.codeFormat });

/** Ids of cases and components inside one procedure: `c1`, `g2-3`, `to-khai`. */
export const LOCAL_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
export const ZLocalId = z
  .string({ error: (issue) => requiredOr(issue.input, E.notText) })
  .min(1, { error: E.blank })
  .max(MAX_LOCAL_ID_LENGTH, { error: E.tooLong })
  .regex(LOCAL_ID_PATTERN, { error: E.localIdFormat });

function enumOf<const T extends readonly [string, ...string[]]>(values: T, key: string) {
  return z.enum(values, { error: (issue) => requiredOr(issue.input, key) });
}

const ZBoolean = z.boolean({ error: (issue) => requiredOr(issue.input, E.notABoolean) });

// Time limits are counted by shared/calendar; fractions (7.5, 6.25 working days) exist in the national
// database, so hundredths are allowed, except for calendar days, which have no office hours to split.
function isHundredths(value: number): boolean {
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-9;
}

export const ZTimeLimit = strict({
  amount: z
    .number({ error: (issue) => requiredOr(issue.input, E.notANumber) })
    .positive({ error: E.timeLimitNotPositive })
    .max(MAX_TIME_LIMIT_AMOUNT, { error: E.timeLimitTooLarge })
    .refine(isHundredths, { error: E.timeLimitPrecision })
    .nullable()
    .default(null),
  unit: enumOf(TIME_LIMIT_UNITS, E.unknownTimeUnit),
}).superRefine((limit, ctx) => {
  if (limit.unit === 'same_day') {
    if (limit.amount !== null)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: E.timeLimitSameDayAmount });
    return;
  }
  if (limit.amount === null) {
    ctx.addIssue({ code: 'custom', path: ['amount'], message: E.timeLimitAmountRequired });
  } else if (limit.unit === 'calendar_days' && !Number.isInteger(limit.amount)) {
    ctx.addIssue({ code: 'custom', path: ['amount'], message: E.timeLimitWholeDays });
  }
});
export type TTimeLimit = z.output<typeof ZTimeLimit>;

/** The same limit for the deadline maths, which ignores the amount of a same-day limit. */
export function toCalendarTimeLimit(limit: TTimeLimit): TimeLimit {
  return { amount: limit.amount ?? 0, unit: limit.unit };
}

export const ZFee = strict({
  kind: enumOf(FEE_KINDS, E.unknownFeeKind),
  /** Whole đồng; null when the source states the fee only in words ("set by the provincial council"). */
  amountVnd: z
    .number({ error: (issue) => requiredOr(issue.input, E.notANumber) })
    .int({ error: E.feeNotInteger })
    .min(0, { error: E.negativeFee })
    .max(MAX_FEE_VND, { error: E.feeTooLarge })
    .nullable(),
  description: text().nullable().default(null),
}).refine((fee) => fee.amountVnd !== null || fee.description !== null, {
  error: E.feeEmpty,
  path: ['amountVnd'],
});
export type TFee = z.output<typeof ZFee>;

/** One way to submit (trực tuyến, bưu chính, trực tiếp); a kind may appear twice when variants differ. */
export const ZChannel = strict({
  kind: enumOf(CHANNEL_KINDS, E.unknownChannel),
  timeLimit: ZTimeLimit.nullable().default(null),
  /** The time limit in the source's words, kept when it says more than a number and a unit. */
  timeLimitNote: text().nullable().default(null),
  fees: list(ZFee).default(() => []),
  note: text().nullable().default(null),
});
export type TChannel = z.output<typeof ZChannel>;

/** A processing case (trường hợp giải quyết) with its own time limit. */
export const ZCase = strict({
  id: ZLocalId,
  code: label(MAX_PROCEDURE_CODE_LENGTH).nullable().default(null),
  name: label().nullable().default(null),
  timeLimit: ZTimeLimit.nullable().default(null),
});
export type TCase = z.output<typeof ZCase>;

export const ZTemplate = strict({
  fileName: label(),
  url: ZUrl.nullable().default(null),
});
export type TTemplate = z.output<typeof ZTemplate>;

/** An application component (thành phần hồ sơ). */
export const ZComponent = strict({
  id: ZLocalId,
  /** The case it belongs to; null = every case. */
  caseId: ZLocalId.nullable().default(null),
  /** The heading it is listed under in the source ("Giấy tờ phải nộp", "Giấy tờ phải xuất trình"). */
  group: label(MAX_DOCUMENT_NAME_LENGTH).nullable().default(null),
  name: label(MAX_DOCUMENT_NAME_LENGTH),
  required: ZBoolean,
  originals: z
    .number({ error: (issue) => requiredOr(issue.input, E.notANumber) })
    .int({ error: E.copiesInvalid })
    .min(0, { error: E.copiesInvalid })
    .max(MAX_DOCUMENT_COPIES, { error: E.copiesInvalid }),
  copies: z
    .number({ error: (issue) => requiredOr(issue.input, E.notANumber) })
    .int({ error: E.copiesInvalid })
    .min(0, { error: E.copiesInvalid })
    .max(MAX_DOCUMENT_COPIES, { error: E.copiesInvalid }),
  /** The national portal offers an electronic form (tờ khai điện tử) for it. */
  electronicForm: ZBoolean.default(false),
  /** Its code in the national database, e.g. `000.00.00.G15-KQ003208`. */
  code: label(MAX_PROCEDURE_CODE_LENGTH).nullable().default(null),
  templates: list(ZTemplate, MAX_TEMPLATES_PER_COMPONENT).default(() => []),
});
export type TComponent = z.output<typeof ZComponent>;

export const ZStep = strict({
  title: label(MAX_DOCUMENT_NAME_LENGTH).nullable().default(null),
  description: text().nullable().default(null),
}).refine((step) => step.title !== null || step.description !== null, {
  error: E.stepEmpty,
  path: ['description'],
});
export type TStep = z.output<typeof ZStep>;

/** A legal document the procedure rests on (căn cứ pháp lý): its number and/or its title. */
export const ZLegalBasis = strict({
  code: label().nullable().default(null),
  title: label().nullable().default(null),
}).refine((basis) => basis.code !== null || basis.title !== null, {
  error: E.legalBasisEmpty,
  path: ['title'],
});
export type TLegalBasis = z.output<typeof ZLegalBasis>;

/** An agency named in the record; the importer links it to the tenant's agency of that name. */
export const ZAgencyRef = strict({
  name: label(),
  role: enumOf(AGENCY_ROLES, E.unknownAgencyRole).default('implementing'),
});
export type TAgencyRef = z.output<typeof ZAgencyRef>;

/** The decision that announced the procedure (quyết định công bố). */
export const ZAnnouncingDecision = strict({
  number: label(),
  date: ZIsoDate.nullable().default(null),
});
export type TAnnouncingDecision = z.output<typeof ZAnnouncingDecision>;

/** Which facts of the record were assigned for a demo rather than taken from the source. */
export const ZDemoAssigned = strict({
  level: ZBoolean.default(false),
  onlineLevel: ZBoolean.default(false),
  agencies: ZBoolean.default(false),
  note: text().nullable().default(null),
}).refine((demo) => demo.level || demo.onlineLevel || demo.agencies || demo.note !== null, {
  error: E.demoAssignedEmpty,
});
export type TDemoAssigned = z.output<typeof ZDemoAssigned>;

/** Where the record came from, so it can be traced and refreshed. */
export const ZSource = strict({
  kind: enumOf(SOURCE_KINDS, E.unknownSourceKind),
  /** The source's own id (the national portal's UUID). */
  id: label(200).nullable().default(null),
  url: ZUrl.nullable().default(null),
  updatedAt: ZIsoDateTime.nullable().default(null),
  /** The implementing agency exactly as the source published it, before local assignment. */
  publishedAgency: text(5000).nullable().default(null),
});
export type TSource = z.output<typeof ZSource>;

// ---------------------------------------------------------------------------------------------
// The record
// ---------------------------------------------------------------------------------------------

export const ZProcedureRecord = strict({
  code: ZProcedureCode,
  name: label(MAX_PROCEDURE_NAME_LENGTH),
  /** lĩnh vực */
  field: label(),
  /** The field's code in the national database, e.g. `G15-TP07`. */
  fieldCode: label(MAX_PROCEDURE_CODE_LENGTH).nullable().default(null),
  level: enumOf(PROCEDURE_LEVELS, E.unknownLevel),
  onlineLevel: enumOf(ONLINE_LEVELS, E.unknownOnlineLevel),
  status: enumOf(PROCEDURE_STATUSES, E.unknownStatus).default('active'),
  version: z
    .number({ error: (issue) => requiredOr(issue.input, E.notANumber) })
    .int({ error: E.versionInvalid })
    .min(1, { error: E.versionInvalid })
    .max(MAX_PROCEDURE_VERSION, { error: E.versionInvalid })
    .default(1),
  dataCompleteness: enumOf(DATA_COMPLETENESS, E.unknownCompleteness).default('full'),
  supplementClock: enumOf(SUPPLEMENT_CLOCKS, E.unknownSupplementClock).default('restart'),
  agencies: list(ZAgencyRef).default(() => []),
  /** cơ quan ban hành */
  promulgatingAgency: label().nullable().default(null),
  /** đối tượng thực hiện */
  targetSubjects: list(label()).default(() => []),
  /** yêu cầu, điều kiện thực hiện */
  conditions: text().nullable().default(null),
  results: list(label()).default(() => []),
  legalBasis: list(ZLegalBasis).default(() => []),
  steps: list(ZStep).default(() => []),
  cases: list(ZCase).default(() => []),
  components: list(ZComponent, MAX_COMPONENTS).default(() => []),
  channels: list(ZChannel).default(() => []),
  announcingDecision: ZAnnouncingDecision.nullable().default(null),
  effectiveFrom: ZIsoDate.nullable().default(null),
  effectiveTo: ZIsoDate.nullable().default(null),
  demoAssigned: ZDemoAssigned.nullable().default(null),
  source: ZSource.nullable().default(null),
}).superRefine((record, ctx) => {
  const caseIds = new Set<string>();
  record.cases.forEach((c, index) => {
    if (caseIds.has(c.id))
      ctx.addIssue({ code: 'custom', path: ['cases', index, 'id'], message: E.duplicateCaseId });
    caseIds.add(c.id);
  });
  const componentIds = new Set<string>();
  record.components.forEach((component, index) => {
    if (componentIds.has(component.id)) {
      ctx.addIssue({ code: 'custom', path: ['components', index, 'id'], message: E.duplicateComponentId });
    }
    componentIds.add(component.id);
    if (component.caseId !== null && !caseIds.has(component.caseId)) {
      ctx.addIssue({ code: 'custom', path: ['components', index, 'caseId'], message: E.unknownCaseId });
    }
  });
  if (record.effectiveFrom && record.effectiveTo && record.effectiveTo < record.effectiveFrom) {
    ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: E.effectiveRange });
  }
  // The flag promises readers that nothing below was recorded; a record that has them is 'full'.
  if (record.dataCompleteness === 'catalogue_only') {
    const hasDetails =
      record.components.length > 0 ||
      record.cases.some((c) => c.timeLimit !== null) ||
      record.channels.some((ch) => ch.fees.length > 0 || ch.timeLimit !== null);
    if (hasDetails)
      ctx.addIssue({ code: 'custom', path: ['dataCompleteness'], message: E.catalogueOnlyHasDetails });
  }
});
/** What a producer may send: defaults fill the optional parts. */
export type TProcedureRecordInput = z.input<typeof ZProcedureRecord>;
export type TProcedureRecord = z.output<typeof ZProcedureRecord>;

// ---------------------------------------------------------------------------------------------
// A catalogue file: the canonical JSON export and the demo seed
// ---------------------------------------------------------------------------------------------

export const CATALOGUE_FILE_FORMAT = 'motcua.catalogue';
export const CATALOGUE_FILE_FORMAT_VERSION = 1;

export const ZCatalogueField = strict({
  name: label(),
  code: label(MAX_PROCEDURE_CODE_LENGTH).nullable().default(null),
});
export type TCatalogueField = z.output<typeof ZCatalogueField>;

/** Same kinds as the agencies table (migrations/0001_foundation.sql). */
export const AGENCY_KINDS = [
  'peoples_committee',
  'office',
  'department',
  'vertical',
  'public_service',
] as const;
export type TAgencyKind = (typeof AGENCY_KINDS)[number];

/**
 * An agency the procedures refer to by name. `level` is the level of the unit it hangs off: a
 * 'commune' agency ("UBND cấp xã") stands for the agency of that name in every commune of the tenant.
 */
export const ZCatalogueAgency = strict({
  name: label(),
  nameEn: label().nullable().default(null),
  level: enumOf(PROCEDURE_LEVELS, E.unknownLevel),
  kind: enumOf(AGENCY_KINDS, E.unknownAgencyKind).nullable().default(null),
  note: text().nullable().default(null),
});
export type TCatalogueAgency = z.output<typeof ZCatalogueAgency>;

export const ZCatalogueFile = strict({
  format: z.literal(CATALOGUE_FILE_FORMAT, { error: E.fileFormat }),
  formatVersion: z.literal(CATALOGUE_FILE_FORMAT_VERSION, { error: E.fileFormatVersion }),
  title: label().nullable().default(null),
  /** Where the data comes from, in words: kept with the file so the provenance travels with it. */
  source: text().nullable().default(null),
  notes: list(text()).default(() => []),
  fields: list(ZCatalogueField, 2000).default(() => []),
  agencies: list(ZCatalogueAgency, 2000).default(() => []),
  procedures: list(ZProcedureRecord, MAX_PROCEDURES_PER_FILE),
}).superRefine((file, ctx) => {
  const seen = new Set<string>();
  file.procedures.forEach((record, index) => {
    if (seen.has(record.code)) {
      ctx.addIssue({
        code: 'custom',
        path: ['procedures', index, 'code'],
        message: E.duplicateCode,
        params: { value: record.code },
      });
    }
    seen.add(record.code);
  });
});
export type TCatalogueFileInput = z.input<typeof ZCatalogueFile>;
export type TCatalogueFile = z.output<typeof ZCatalogueFile>;

// ---------------------------------------------------------------------------------------------
// Issues
// ---------------------------------------------------------------------------------------------

/** One problem found while reading or validating catalogue data; `key` is an i18n key. */
export interface CatalogIssue {
  key: string;
  params?: Record<string, string | number>;
  /** Path inside the record, dotted: `channels.0.fees.1.amountVnd`. */
  path?: string;
  /** Flat format: the column, and the line inside a multi-line cell (1-based). */
  column?: string;
  line?: number;
  /** File position: row number of a spreadsheet (1-based, header = 1) or index in a JSON array (0-based). */
  row?: number;
  index?: number;
  /** The procedure code, when known, so a report can name the record. */
  code?: string;
}

interface ZodIssueLike {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  minimum?: unknown;
  maximum?: unknown;
  keys?: readonly string[];
  values?: readonly unknown[];
  params?: Record<string, unknown>;
}

/** Turns zod issues into catalogue issues; a message that is not a key (zod's default) becomes a generic key. */
export function issuesFromZod(issues: readonly ZodIssueLike[]): CatalogIssue[] {
  return issues.map((issue) => {
    const isKey = /^[a-z]+\.[A-Za-z0-9_.]+$/.test(issue.message);
    const result: CatalogIssue = {
      key: isKey ? issue.message : E.invalid,
      path: issue.path.map(String).join('.'),
    };
    const params: Record<string, string | number> = {};
    if (typeof issue.maximum === 'number' || typeof issue.maximum === 'bigint')
      params.maximum = Number(issue.maximum);
    if (typeof issue.minimum === 'number' || typeof issue.minimum === 'bigint')
      params.minimum = Number(issue.minimum);
    if (issue.keys?.length) params.keys = issue.keys.join(', ');
    if (issue.values?.length) params.allowed = issue.values.map(String).join(', ');
    for (const [name, value] of Object.entries(issue.params ?? {})) {
      if (typeof value === 'string' || typeof value === 'number') params[name] = value;
    }
    if (Object.keys(params).length > 0) result.params = params;
    return result;
  });
}

export type ParseRecordResult =
  | { ok: true; record: TProcedureRecord }
  | { ok: false; issues: CatalogIssue[] };

/** Validates one record, returning issues with message keys instead of throwing. */
export function parseProcedureRecord(input: unknown): ParseRecordResult {
  const result = ZProcedureRecord.safeParse(input);
  if (result.success) return { ok: true, record: result.data };
  return { ok: false, issues: issuesFromZod(result.error.issues) };
}

// ---------------------------------------------------------------------------------------------
// API requests and answers
// ---------------------------------------------------------------------------------------------

export const MAX_SEARCH_LENGTH = 200;
export const MAX_PAGE_SIZE = 100;

export const ZProcedureSearch = z.object({
  q: z.string().max(MAX_SEARCH_LENGTH).optional(),
  level: z.enum(PROCEDURE_LEVELS).optional(),
  field: z.string().max(MAX_LABEL_LENGTH).optional(),
  agency: z.string().max(MAX_PROCEDURE_CODE_LENGTH).optional(),
  onlineLevel: z.enum(ONLINE_LEVELS).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});
export type TProcedureSearch = z.output<typeof ZProcedureSearch>;

export const ZProcedureListItem = z.object({
  code: z.string(),
  name: z.string(),
  field: z.string(),
  level: z.enum(PROCEDURE_LEVELS),
  onlineLevel: z.enum(ONLINE_LEVELS),
  status: z.enum(PROCEDURE_STATUSES),
  dataCompleteness: z.enum(DATA_COMPLETENESS),
});
export const ZProcedureList = z.object({ items: z.array(ZProcedureListItem), total: z.number().int() });

export const ZProcedureCodeParams = z.object({ code: ZProcedureCode });

export const ZProcedureComponentSummary = z.object({
  id: z.string(),
  name: z.string(),
  required: z.boolean(),
  originals: z.number().int(),
  copies: z.number().int(),
});

export const ZProcedureDetail = z.object({
  code: z.string(),
  name: z.string(),
  field: z.string(),
  level: z.enum(PROCEDURE_LEVELS),
  onlineLevel: z.enum(ONLINE_LEVELS),
  status: z.enum(PROCEDURE_STATUSES),
  version: z.number().int(),
  dataCompleteness: z.enum(DATA_COMPLETENESS),
  /** Components of the default processing case. */
  components: z.array(ZProcedureComponentSummary),
  handlingAgencies: z.array(z.object({ code: z.string(), name: z.string(), role: z.enum(AGENCY_ROLES) })),
  record: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
});

export const ZProcedureUpdate = z.object({
  expectedVersion: z.number().int().min(1),
  record: z.record(z.string(), z.unknown()),
});
export const ZProcedureRetire = z.object({ expectedVersion: z.number().int().min(1) });
