// The administrators' procedure form: the main facts as form fields, lists as text areas in the flat
// format of docs/catalog-format.md (one item per line, parts separated by " | "), and the time limit
// and fee of each channel as plain inputs. Whatever the form does not show (cases, channel variants,
// notes, other fees, provenance…) is taken unchanged from the stored record, so saving an unchanged
// form changes nothing.
import {
  CATALOG_ERRORS,
  type CatalogIssue,
  CHANNEL_KINDS,
  issuesFromZod,
  type TChannel,
  type TChannelKind,
  type TFee,
  TIME_LIMIT_UNITS,
  type TProcedureRecord,
  type TTimeLimit,
  ZProcedureRecord,
} from '../../../shared/catalog/schema.js';
import {
  FLAT_COLUMNS,
  type FlatColumn,
  type FlatRow,
  parseVnd,
  recordToRow,
  rowToRecord,
} from './formats/flat.js';

/** Columns of the flat row the form edits as they are (text inputs, selects and text areas). */
export const FORM_COLUMNS = [
  'code',
  'name',
  'field',
  'level',
  'onlineLevel',
  'status',
  'dataCompleteness',
  'supplementClock',
  'agencies',
  'targetSubjects',
  'conditions',
  'results',
  'legalBasis',
  'steps',
  'components',
  'componentTemplates',
] as const satisfies readonly FlatColumn[];
export type FormColumn = (typeof FORM_COLUMNS)[number];

/** Per channel kind: whether it is offered, its time limit (amount and unit) and its fee in đồng. */
export const CHANNEL_INPUTS = ['Offered', 'Amount', 'Unit', 'Fee'] as const;
export const channelField = (kind: TChannelKind, input: (typeof CHANNEL_INPUTS)[number]) => `${kind}${input}`;

export const FORM_ERRORS = {
  channelNotOffered: 'catalog.admin.errors.channelNotOffered',
  unitRequired: 'catalog.admin.errors.unitRequired',
  amountRequired: 'catalog.errors.timeLimitAmountRequired',
} as const;

/** Every field of the form as the text it shows or was sent. */
export type ProcedureFormValues = Record<string, string>;

/** A problem with one field of the form; `line` is the line inside a text area. */
export interface FormIssue {
  field: string;
  key: string;
  params?: Record<string, string | number>;
  line?: number;
}

function emptyRow(): FlatRow {
  return Object.fromEntries(FLAT_COLUMNS.map((column) => [column, ''])) as FlatRow;
}

function amountText(amount: number | null): string {
  return amount === null ? '' : String(amount);
}

/** The form as it opens: empty for a new procedure, the stored record's facts for an edit. */
export function formValuesFromRecord(record: TProcedureRecord | null): ProcedureFormValues {
  const row = record
    ? recordToRow(record)
    : { ...emptyRow(), status: 'active', dataCompleteness: 'full', supplementClock: 'restart' };
  const values: ProcedureFormValues = {};
  for (const column of FORM_COLUMNS) values[column] = row[column];
  for (const kind of CHANNEL_KINDS) {
    const channel = record?.channels.find((c) => c.kind === kind);
    values[channelField(kind, 'Offered')] = channel ? 'on' : '';
    values[channelField(kind, 'Amount')] = amountText(channel?.timeLimit?.amount ?? null);
    values[channelField(kind, 'Unit')] = channel?.timeLimit?.unit ?? '';
    const fee = channel?.fees[0];
    values[channelField(kind, 'Fee')] =
      fee?.amountVnd === null || fee === undefined ? '' : String(fee.amountVnd);
  }
  return values;
}

/** The fields of a posted form as text; anything else (a repeated field, nothing) becomes ''. */
export function formValuesFromBody(body: unknown): ProcedureFormValues {
  const source = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const values: ProcedureFormValues = {};
  const names = [
    ...FORM_COLUMNS,
    ...CHANNEL_KINDS.flatMap((kind) => CHANNEL_INPUTS.map((i) => channelField(kind, i))),
  ];
  for (const name of names) {
    const value = source[name];
    // Browsers send text-area line breaks as CRLF; records know LF only.
    values[name] = typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : '';
  }
  return values;
}

export interface ChannelInput {
  kind: TChannelKind;
  offered: boolean;
  timeLimit: TTimeLimit | null;
  /** undefined: the fee field was empty. */
  feeVnd: number | undefined;
}

function readChannelInputs(values: ProcedureFormValues, issues: FormIssue[]): ChannelInput[] {
  return CHANNEL_KINDS.map((kind) => {
    const offered = values[channelField(kind, 'Offered')] !== '';
    const amountRaw = (values[channelField(kind, 'Amount')] ?? '').trim();
    const unitRaw = (values[channelField(kind, 'Unit')] ?? '').trim();
    const feeRaw = (values[channelField(kind, 'Fee')] ?? '').trim();
    if (!offered && (amountRaw || unitRaw || feeRaw)) {
      issues.push({ field: channelField(kind, 'Offered'), key: FORM_ERRORS.channelNotOffered });
    }
    let timeLimit: TTimeLimit | null = null;
    const unit = (TIME_LIMIT_UNITS as readonly string[]).includes(unitRaw)
      ? (unitRaw as TTimeLimit['unit'])
      : null;
    if (unitRaw && !unit) {
      issues.push({ field: channelField(kind, 'Unit'), key: CATALOG_ERRORS.unknownTimeUnit });
    } else if (unit === 'same_day') {
      if (amountRaw)
        issues.push({ field: channelField(kind, 'Amount'), key: CATALOG_ERRORS.timeLimitSameDayAmount });
      timeLimit = { amount: null, unit };
    } else if (amountRaw) {
      const amount = /^\d+(?:[.,]\d+)?$/.test(amountRaw) ? Number(amountRaw.replace(',', '.')) : Number.NaN;
      if (Number.isNaN(amount))
        issues.push({ field: channelField(kind, 'Amount'), key: CATALOG_ERRORS.notANumber });
      else if (!unit) issues.push({ field: channelField(kind, 'Unit'), key: FORM_ERRORS.unitRequired });
      else timeLimit = { amount, unit };
    } else if (unit) {
      issues.push({ field: channelField(kind, 'Amount'), key: FORM_ERRORS.amountRequired });
    }
    let feeVnd: number | undefined;
    if (feeRaw) {
      const parsed = parseVnd(feeRaw);
      if (typeof parsed === 'number') feeVnd = parsed;
      else issues.push({ field: channelField(kind, 'Fee'), key: parsed.error, params: { value: feeRaw } });
    }
    return { kind, offered, timeLimit, feeVnd };
  });
}

function mergeFees(fees: readonly TFee[], feeVnd: number | undefined): TFee[] {
  const result = [...fees];
  const first = result[0];
  if (feeVnd !== undefined) {
    result[0] = first
      ? { ...first, amountVnd: feeVnd }
      : { kind: 'charge', amountVnd: feeVnd, description: null };
  } else if (first && first.amountVnd !== null) {
    // An emptied fee keeps its words, if it had any; without them nothing is left of it.
    if (first.description === null) result.shift();
    else result[0] = { ...first, amountVnd: null };
  }
  return result;
}

/**
 * Applies the channel inputs to the record's channels, in their order: the first channel of each kind
 * takes the time limit, and its first fee the amount; other channels of that kind, notes and other
 * fees stay as they were. A kind no longer offered loses its channels; a newly offered one is added.
 */
export function mergeChannels(channels: readonly TChannel[], inputs: readonly ChannelInput[]): TChannel[] {
  const byKind = new Map(inputs.map((input) => [input.kind, input]));
  const seen = new Set<TChannelKind>();
  const result: TChannel[] = [];
  for (const channel of channels) {
    const input = byKind.get(channel.kind);
    if (!input?.offered) continue;
    if (seen.has(channel.kind)) {
      result.push(channel);
      continue;
    }
    seen.add(channel.kind);
    result.push({ ...channel, timeLimit: input.timeLimit, fees: mergeFees(channel.fees, input.feeVnd) });
  }
  for (const input of inputs) {
    if (!input.offered || seen.has(input.kind)) continue;
    result.push({
      kind: input.kind,
      timeLimit: input.timeLimit,
      timeLimitNote: null,
      fees: mergeFees([], input.feeVnd),
      note: null,
    });
  }
  return result;
}

/** Which form field a problem at a record path belongs to. */
function fieldOfPath(path: string, channels: readonly TChannel[]): string {
  const [head, index, part] = path.split('.');
  if (head === 'channels' && index !== undefined) {
    const channel = channels[Number(index)];
    if (!channel) return channelField('online', 'Offered');
    const isFirst = channels.findIndex((c) => c.kind === channel.kind) === Number(index);
    if (isFirst && part === 'timeLimit') return channelField(channel.kind, 'Amount');
    if (isFirst && part === 'fees') return channelField(channel.kind, 'Fee');
    return channelField(channel.kind, 'Offered');
  }
  return (FORM_COLUMNS as readonly string[]).includes(head ?? '') ? (head as string) : 'name';
}

function fromCatalogIssue(issue: CatalogIssue, channels: readonly TChannel[]): FormIssue {
  const field =
    issue.column && (FORM_COLUMNS as readonly string[]).includes(issue.column)
      ? issue.column
      : fieldOfPath(issue.path ?? '', channels);
  const result: FormIssue = { field, key: issue.key };
  if (issue.params) result.params = issue.params;
  if (issue.line !== undefined) result.line = issue.line;
  return result;
}

export type FormResult = { ok: true; record: TProcedureRecord } | { ok: false; issues: FormIssue[] };

/**
 * The record a submitted form describes. `base` is the stored record when editing (its code is kept,
 * whatever the form says); null when creating.
 */
export function recordFromForm(values: ProcedureFormValues, base: TProcedureRecord | null): FormResult {
  const issues: FormIssue[] = [];
  const row: FlatRow = base ? recordToRow(base) : emptyRow();
  for (const column of FORM_COLUMNS) {
    if (column === 'code' && base) continue;
    row[column] = values[column] ?? '';
  }
  const inputs = readChannelInputs(values, issues);
  const converted = rowToRecord(row);
  if (!converted.ok) {
    // A list that cannot be read stops the reader before the schema looks at the rest: read the
    // single-value fields on their own, so the form names every problem at once.
    const scalars = emptyRow();
    for (const column of ['code', 'name', 'field'] as const) scalars[column] = row[column];
    // Choices already reported (or valid) stand in as a valid value, so the texts get checked.
    scalars.level = 'commune';
    scalars.onlineLevel = 'none';
    const scalar = rowToRecord(scalars);
    const more = scalar.ok ? [] : scalar.issues;
    issues.unshift(
      ...[...converted.issues, ...more].map((issue) => fromCatalogIssue(issue, base?.channels ?? [])),
    );
    return { ok: false, issues };
  }
  if (issues.length > 0) return { ok: false, issues };
  const channels = mergeChannels(converted.record.channels, inputs);
  const parsed = ZProcedureRecord.safeParse({ ...converted.record, channels });
  if (!parsed.success) {
    return {
      ok: false,
      issues: issuesFromZod(parsed.error.issues).map((issue) => fromCatalogIssue(issue, channels)),
    };
  }
  return { ok: true, record: parsed.data };
}
