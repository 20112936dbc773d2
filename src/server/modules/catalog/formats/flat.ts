// The flat row format for CSV and XLSX: one row per procedure, one column per fact, so a clerk can
// edit the catalogue in a spreadsheet. Lists live in one cell, one item per line (Alt+Enter in
// Excel); the parts of an item are separated by " | ". Inside a part, a backslash escapes: `\|` is a
// pipe, `\n` a line break, `\\` a backslash. Export then import gives back exactly the same record.
// The columns and item layouts are documented in docs/catalog-format.md; keep the two in step.
import {
  AGENCY_ROLES,
  CATALOG_ERRORS,
  type CatalogIssue,
  CHANNEL_KINDS,
  DATA_COMPLETENESS,
  FEE_KINDS,
  issuesFromZod,
  ONLINE_LEVELS,
  PROCEDURE_LEVELS,
  PROCEDURE_STATUSES,
  SOURCE_KINDS,
  SUPPLEMENT_CLOCKS,
  type TChannel,
  TIME_LIMIT_UNITS,
  type TProcedureRecord,
  type TTimeLimit,
  ZProcedureRecord,
} from '../../../../shared/catalog/schema.js';
import { type CsvDelimiter, decodeUtf8, parseCsv, writeCsv } from './csv.js';

export const FLAT_COLUMNS = [
  'code',
  'name',
  'field',
  'fieldCode',
  'level',
  'onlineLevel',
  'status',
  'version',
  'dataCompleteness',
  'supplementClock',
  'agencies',
  'promulgatingAgency',
  'targetSubjects',
  'conditions',
  'results',
  'legalBasis',
  'steps',
  'cases',
  'components',
  'componentTemplates',
  'channels',
  'fees',
  'announcingDecisionNumber',
  'announcingDecisionDate',
  'effectiveFrom',
  'effectiveTo',
  'demoAssigned',
  'demoNote',
  'sourceKind',
  'sourceId',
  'sourceUrl',
  'sourceUpdatedAt',
  'sourcePublishedAgency',
] as const;
export type FlatColumn = (typeof FLAT_COLUMNS)[number];
export type FlatRow = Record<FlatColumn, string>;

/** Columns a sheet must have; every other column may be left out and then means "empty". */
export const REQUIRED_FLAT_COLUMNS = [
  'code',
  'name',
  'field',
  'level',
  'onlineLevel',
] as const satisfies readonly FlatColumn[];

/** The parts of one line of each list column, in order; trailing parts may be left out. */
export const FLAT_ITEM_PARTS = {
  agencies: ['name', 'role'],
  targetSubjects: ['subject'],
  results: ['result'],
  legalBasis: ['code', 'title'],
  steps: ['description', 'title'],
  cases: ['id', 'code', 'timeLimit', 'name'],
  components: ['id', 'name', 'required', 'originals', 'copies', 'group', 'caseId', 'electronicForm', 'code'],
  componentTemplates: ['componentId', 'fileName', 'url'],
  channels: ['kind', 'timeLimit', 'timeLimitNote', 'note'],
  fees: ['channel', 'kind', 'amountVnd', 'description'],
} as const satisfies Partial<Record<FlatColumn, readonly string[]>>;
type ListColumn = keyof typeof FLAT_ITEM_PARTS;

/** Excel refuses longer cells; the XLSX writer has to check, CSV has no such limit. */
export const EXCEL_MAX_CELL_LENGTH = 32_767;

export const FLAT_ERRORS = {
  missingColumn: 'catalog.errors.flat.missingColumn',
  unknownColumn: 'catalog.errors.flat.unknownColumn',
  duplicateColumn: 'catalog.errors.flat.duplicateColumn',
  emptyHeader: 'catalog.errors.flat.emptyHeader',
  extraCells: 'catalog.errors.flat.extraCells',
  tooManyParts: 'catalog.errors.flat.tooManyParts',
  missingPart: 'catalog.errors.flat.missingPart',
  timeLimitFormat: 'catalog.errors.flat.timeLimitFormat',
  unknownChannelRef: 'catalog.errors.flat.unknownChannelRef',
  unknownComponentRef: 'catalog.errors.flat.unknownComponentRef',
  unknownDemoFlag: 'catalog.errors.flat.unknownDemoFlag',
  noRows: 'catalog.errors.flat.noRows',
} as const;

export const FLAT_WARNINGS = {
  codeLooksTruncated: 'catalog.warnings.flat.codeLooksTruncated',
} as const;

const E = CATALOG_ERRORS;

// ---------------------------------------------------------------------------------------------
// Cell encoding
// ---------------------------------------------------------------------------------------------

function escapePart(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll('\n', '\\n');
}

/** One list item as a line: parts joined by " | ", trailing empty parts left out. */
export function encodeItem(parts: readonly (string | null)[]): string {
  const encoded = parts.map((part) => (part === null ? '' : escapePart(part)));
  while (encoded.length > 1 && encoded[encoded.length - 1] === '') encoded.pop();
  return encoded.join(' | ');
}

/** Splits a line at unescaped pipes and undoes the escapes; each part is trimmed. */
export function decodeItem(line: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i] as string;
    if (ch === '\\' && i + 1 < line.length) {
      const next = line[i + 1] as string;
      if (next === '|' || next === '\\') {
        current += next;
        i += 1;
        continue;
      }
      if (next === 'n') {
        current += '\n';
        i += 1;
        continue;
      }
      // Any other backslash is kept as typed, so a clerk's "C:\Mẫu" survives.
      current += ch;
      continue;
    }
    if (ch === '|') {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts.map((part) => part.trim());
}

interface CellLine {
  parts: string[];
  /** 1-based line number inside the cell, blank lines counted, as a clerk sees them. */
  line: number;
}

function cellLines(cell: string): CellLine[] {
  return cell
    .split('\n')
    .map((raw, index) => ({ raw, line: index + 1 }))
    .filter(({ raw }) => raw.trim() !== '')
    .map(({ raw, line }) => ({ parts: decodeItem(raw), line }));
}

function formatTimeLimit(limit: TTimeLimit | null): string | null {
  if (limit === null) return null;
  return limit.unit === 'same_day' ? 'same_day' : `${limit.amount} ${limit.unit}`;
}

// Vietnamese words a clerk may type instead of the tokens the export writes.
const TIME_UNIT_ALIASES: Record<string, (typeof TIME_LIMIT_UNITS)[number]> = {
  'ngày làm việc': 'working_days',
  'giờ làm việc': 'working_hours',
  ngày: 'calendar_days',
  'trong ngày': 'same_day',
};

// ---------------------------------------------------------------------------------------------
// Record -> row
// ---------------------------------------------------------------------------------------------

function lines(items: readonly (readonly (string | null)[])[]): string {
  return items.map(encodeItem).join('\n');
}

/** How the fees column names a channel: its kind, and `kind#2` for a second entry of the same kind. */
function channelRefs(channels: readonly Pick<TChannel, 'kind'>[]): string[] {
  const seen = new Map<string, number>();
  return channels.map((channel) => {
    const count = (seen.get(channel.kind) ?? 0) + 1;
    seen.set(channel.kind, count);
    return count === 1 ? channel.kind : `${channel.kind}#${count}`;
  });
}

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

/** The flat row of a record; every column present, empty where the record has nothing. */
export function recordToRow(record: TProcedureRecord): FlatRow {
  const refs = channelRefs(record.channels);
  const demo = record.demoAssigned;
  const demoFlags = demo ? (['level', 'onlineLevel', 'agencies'] as const).filter((flag) => demo[flag]) : [];
  return {
    code: record.code,
    name: record.name,
    field: record.field,
    fieldCode: record.fieldCode ?? '',
    level: record.level,
    onlineLevel: record.onlineLevel,
    status: record.status,
    version: String(record.version),
    dataCompleteness: record.dataCompleteness,
    supplementClock: record.supplementClock,
    agencies: lines(record.agencies.map((a) => [a.name, a.role])),
    promulgatingAgency: record.promulgatingAgency ?? '',
    targetSubjects: lines(record.targetSubjects.map((s) => [s])),
    conditions: record.conditions ?? '',
    results: lines(record.results.map((r) => [r])),
    legalBasis: lines(record.legalBasis.map((b) => [b.code, b.title])),
    steps: lines(record.steps.map((s) => [s.description, s.title])),
    cases: lines(record.cases.map((c) => [c.id, c.code, formatTimeLimit(c.timeLimit), c.name])),
    components: lines(
      record.components.map((c) => [
        c.id,
        c.name,
        yesNo(c.required),
        String(c.originals),
        String(c.copies),
        c.group,
        c.caseId,
        yesNo(c.electronicForm),
        c.code,
      ]),
    ),
    componentTemplates: lines(
      record.components.flatMap((c) => c.templates.map((t) => [c.id, t.fileName, t.url])),
    ),
    channels: lines(
      record.channels.map((ch) => [ch.kind, formatTimeLimit(ch.timeLimit), ch.timeLimitNote, ch.note]),
    ),
    fees: lines(
      record.channels.flatMap((ch, index) =>
        ch.fees.map((fee) => [
          refs[index] ?? ch.kind,
          fee.kind,
          fee.amountVnd === null ? null : String(fee.amountVnd),
          fee.description,
        ]),
      ),
    ),
    announcingDecisionNumber: record.announcingDecision?.number ?? '',
    announcingDecisionDate: record.announcingDecision?.date ?? '',
    effectiveFrom: record.effectiveFrom ?? '',
    effectiveTo: record.effectiveTo ?? '',
    demoAssigned: demoFlags.join(', '),
    demoNote: demo?.note ?? '',
    sourceKind: record.source?.kind ?? '',
    sourceId: record.source?.id ?? '',
    sourceUrl: record.source?.url ?? '',
    sourceUpdatedAt: record.source?.updatedAt ?? '',
    sourcePublishedAgency: record.source?.publishedAgency ?? '',
  };
}

// ---------------------------------------------------------------------------------------------
// Row -> record
// ---------------------------------------------------------------------------------------------

export type RowConversion =
  | { ok: true; record: TProcedureRecord; warnings: CatalogIssue[] }
  | { ok: false; issues: CatalogIssue[] };

/** Reads cells of one row; collects problems with their column and line instead of stopping at the first. */
class RowReader {
  readonly issues: CatalogIssue[] = [];
  // Record paths (dotted) and where in the sheet they came from, to place zod's findings.
  readonly locations: { path: string; column: FlatColumn; line?: number }[] = [];

  constructor(private readonly row: Readonly<Record<string, string | undefined>>) {}

  raw(column: FlatColumn): string {
    // Spreadsheets on Windows may store line breaks as CRLF; records only know LF.
    return (this.row[column] ?? '').replace(/\r\n?/g, '\n');
  }

  text(column: FlatColumn): string | null {
    const value = this.raw(column).trim();
    return value === '' ? null : value;
  }

  fail(column: FlatColumn, key: string, line?: number, params?: Record<string, string | number>): void {
    const issue: CatalogIssue = { key, column };
    if (line !== undefined) issue.line = line;
    if (params) issue.params = params;
    this.issues.push(issue);
  }

  locate(path: string, column: FlatColumn, line?: number): void {
    this.locations.push(line === undefined ? { path, column } : { path, column, line });
  }

  /** The items of a list column; lines with more parts than the layout has are reported. */
  items(column: ListColumn): CellLine[] {
    const max = FLAT_ITEM_PARTS[column].length;
    return cellLines(this.raw(column)).filter((item) => {
      if (item.parts.length <= max) return true;
      this.fail(column, FLAT_ERRORS.tooManyParts, item.line, { expected: max, found: item.parts.length });
      return false;
    });
  }
}

function part(item: CellLine, index: number): string | null {
  const value = item.parts[index];
  return value === undefined || value === '' ? null : value;
}

function parseBoolean(value: string | null): boolean | null | 'invalid' {
  if (value === null) return null;
  const lower = value.toLowerCase();
  if (['yes', 'true', '1', 'có', 'x'].includes(lower)) return true;
  if (['no', 'false', '0', 'không'].includes(lower)) return false;
  return 'invalid';
}

/** Parses a whole number of đồng; accepts thousands separators ("50.000", "1 200 000") and a trailing "đ". */
export function parseVnd(value: string): number | { error: string } {
  const cleaned = value
    .trim()
    .replace(/\s*(?:đồng|đ|vnd|vnđ)$/i, '')
    .trim();
  if (/^-/.test(cleaned)) return { error: E.negativeFee };
  if (/^\d+$/.test(cleaned)) return Number(cleaned);
  if (/^\d{1,3}(?:([.,\s\u00a0])\d{3})(?:\1\d{3})*$/.test(cleaned)) return Number(cleaned.replace(/\D/g, ''));
  if (/^\d+[.,]\d+$/.test(cleaned)) return { error: E.feeNotInteger };
  return { error: E.notANumber };
}

function parseTimeLimit(value: string | null): TTimeLimit | null | 'invalid' {
  if (value === null) return null;
  const lower = value.toLowerCase().replace(/\s+/g, ' ').trim();
  const sameDay = TIME_UNIT_ALIASES[lower];
  if (lower === 'same_day' || sameDay === 'same_day') return { amount: null, unit: 'same_day' };
  const match = /^(\d+(?:[.,]\d+)?) (.+)$/.exec(lower);
  if (!match) return 'invalid';
  const amount = Number((match[1] ?? '').replace(',', '.'));
  const unitText = match[2] ?? '';
  const unit = (TIME_LIMIT_UNITS as readonly string[]).includes(unitText)
    ? (unitText as TTimeLimit['unit'])
    : TIME_UNIT_ALIASES[unitText];
  if (unit === undefined || unit === 'same_day') return 'invalid';
  return { amount, unit };
}

function parseDate(value: string | null): string | null {
  if (value === null) return null;
  // Excel turns ISO dates into the local dd/mm/yyyy when it saves; both are accepted.
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (vn) return `${vn[3]}-${(vn[2] ?? '').padStart(2, '0')}-${(vn[1] ?? '').padStart(2, '0')}`;
  return value;
}

// An empty count means none; anything but digits goes to the schema, which names the problem.
function parseCount(value: string | null): number | string {
  if (value === null) return 0;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** Ids given by the sheet stay; empty ids get the first free `<prefix><n>`, in line order. */
function assignIds(given: (string | null)[], prefix: string): string[] {
  const taken = new Set(given.filter((id): id is string => id !== null));
  let next = 1;
  return given.map((id) => {
    if (id !== null) return id;
    while (taken.has(`${prefix}${next}`)) next += 1;
    const fresh = `${prefix}${next}`;
    taken.add(fresh);
    return fresh;
  });
}

function enumValue(
  reader: RowReader,
  column: FlatColumn,
  value: string | null,
  allowed: readonly string[],
  key: string,
  line?: number,
): string | null {
  if (value === null) return null;
  if (allowed.includes(value)) return value;
  reader.fail(column, key, line, { value, allowed: allowed.join(', ') });
  return null;
}

/**
 * Reads one flat row (column name -> cell text) into a record. Problems come back per column, with
 * the line inside the cell for list columns; nothing is guessed to make a row pass.
 */
export function rowToRecord(row: Readonly<Record<string, string | undefined>>): RowConversion {
  const r = new RowReader(row);
  const warnings: CatalogIssue[] = [];

  const code = r.text('code');
  if (code !== null && /^\d\.\d{1,5}$/.test(code)) {
    // "1.000080" opened in Excel becomes the number 1.00008: warn before it overwrites the wrong procedure.
    warnings.push({ key: FLAT_WARNINGS.codeLooksTruncated, column: 'code', params: { value: code } });
  }

  const version = r.text('version');
  let versionNumber: number | string | undefined;
  if (version !== null) versionNumber = /^\d+$/.test(version) ? Number(version) : version;

  const agencies = r.items('agencies').map((item, index) => {
    r.locate(`agencies.${index}`, 'agencies', item.line);
    return {
      name: part(item, 0),
      role:
        enumValue(r, 'agencies', part(item, 1), AGENCY_ROLES, E.unknownAgencyRole, item.line) ??
        'implementing',
    };
  });

  const simpleList = (column: 'targetSubjects' | 'results') =>
    r.items(column).map((item, index) => {
      r.locate(`${column}.${index}`, column, item.line);
      return part(item, 0);
    });

  const legalBasis = r.items('legalBasis').map((item, index) => {
    r.locate(`legalBasis.${index}`, 'legalBasis', item.line);
    return { code: part(item, 0), title: part(item, 1) };
  });

  const steps = r.items('steps').map((item, index) => {
    r.locate(`steps.${index}`, 'steps', item.line);
    return { description: part(item, 0), title: part(item, 1) };
  });

  const caseItems = r.items('cases');
  const caseIds = assignIds(
    caseItems.map((item) => part(item, 0)),
    'c',
  );
  const cases = caseItems.map((item, index) => {
    r.locate(`cases.${index}`, 'cases', item.line);
    const limit = parseTimeLimit(part(item, 2));
    if (limit === 'invalid')
      r.fail('cases', FLAT_ERRORS.timeLimitFormat, item.line, { value: part(item, 2) ?? '' });
    return {
      id: caseIds[index],
      code: part(item, 1),
      timeLimit: limit === 'invalid' ? null : limit,
      name: part(item, 3),
    };
  });

  const componentItems = r.items('components');
  const componentIds = assignIds(
    componentItems.map((item) => part(item, 0)),
    'n',
  );
  const components = componentItems.map((item, index) => {
    r.locate(`components.${index}`, 'components', item.line);
    const required = parseBoolean(part(item, 2));
    if (required === null) r.fail('components', FLAT_ERRORS.missingPart, item.line, { part: 'required' });
    if (required === 'invalid')
      r.fail('components', E.notABoolean, item.line, { value: part(item, 2) ?? '' });
    const electronicForm = parseBoolean(part(item, 7));
    if (electronicForm === 'invalid')
      r.fail('components', E.notABoolean, item.line, { value: part(item, 7) ?? '' });
    return {
      id: componentIds[index] ?? '',
      name: part(item, 1),
      required: typeof required === 'boolean' ? required : false,
      originals: parseCount(part(item, 3)),
      copies: parseCount(part(item, 4)),
      group: part(item, 5),
      caseId: part(item, 6),
      electronicForm: typeof electronicForm === 'boolean' ? electronicForm : false,
      code: part(item, 8),
      templates: [] as { fileName: string | null; url: string | null }[],
    };
  });
  for (const item of r.items('componentTemplates')) {
    const componentId = part(item, 0);
    const owner = components.find((c) => c.id === componentId);
    if (!owner) {
      r.fail('componentTemplates', FLAT_ERRORS.unknownComponentRef, item.line, { value: componentId ?? '' });
      continue;
    }
    r.locate(
      `components.${components.indexOf(owner)}.templates.${owner.templates.length}`,
      'componentTemplates',
      item.line,
    );
    owner.templates.push({ fileName: part(item, 1), url: part(item, 2) });
  }

  const channelItems = r.items('channels');
  const channels = channelItems.map((item, index) => {
    r.locate(`channels.${index}`, 'channels', item.line);
    const limit = parseTimeLimit(part(item, 1));
    if (limit === 'invalid')
      r.fail('channels', FLAT_ERRORS.timeLimitFormat, item.line, { value: part(item, 1) ?? '' });
    return {
      kind: enumValue(r, 'channels', part(item, 0), CHANNEL_KINDS, E.unknownChannel, item.line) as
        | TChannel['kind']
        | null,
      timeLimit: limit === 'invalid' ? null : limit,
      timeLimitNote: part(item, 2),
      note: part(item, 3),
      fees: [] as { kind: string | null; amountVnd: number | null; description: string | null }[],
    };
  });
  const knownChannels = channels.filter(
    (ch): ch is (typeof channels)[number] & { kind: TChannel['kind'] } => ch.kind !== null,
  );
  const refs = channelRefs(knownChannels);
  for (const item of r.items('fees')) {
    const ref = part(item, 0);
    const target = knownChannels[refs.indexOf(ref ?? '')];
    if (!target) {
      r.fail('fees', FLAT_ERRORS.unknownChannelRef, item.line, {
        value: ref ?? '',
        allowed: refs.join(', '),
      });
      continue;
    }
    let amountVnd: number | null = null;
    const amountText = part(item, 2);
    if (amountText !== null) {
      const parsed = parseVnd(amountText);
      if (typeof parsed === 'number') amountVnd = parsed;
      else r.fail('fees', parsed.error, item.line, { value: amountText });
    }
    r.locate(`channels.${channels.indexOf(target)}.fees.${target.fees.length}`, 'fees', item.line);
    target.fees.push({
      kind: enumValue(r, 'fees', part(item, 1), FEE_KINDS, E.unknownFeeKind, item.line),
      amountVnd,
      description: part(item, 3),
    });
  }

  const demoFlags = (r.text('demoAssigned') ?? '').split(/[,;\s]+/).filter((flag) => flag !== '');
  for (const flag of demoFlags) {
    if (!['level', 'onlineLevel', 'agencies'].includes(flag))
      r.fail('demoAssigned', FLAT_ERRORS.unknownDemoFlag, undefined, { value: flag });
  }
  const demoNote = r.text('demoNote');
  const demoAssigned =
    demoFlags.length === 0 && demoNote === null
      ? null
      : {
          level: demoFlags.includes('level'),
          onlineLevel: demoFlags.includes('onlineLevel'),
          agencies: demoFlags.includes('agencies'),
          note: demoNote,
        };

  const sourceKind = r.text('sourceKind');
  const sourceColumns = ['sourceId', 'sourceUrl', 'sourceUpdatedAt', 'sourcePublishedAgency'] as const;
  const hasSource = sourceKind !== null || sourceColumns.some((column) => r.text(column) !== null);
  const source = hasSource
    ? {
        kind: enumValue(r, 'sourceKind', sourceKind ?? 'manual', SOURCE_KINDS, E.unknownSourceKind),
        id: r.text('sourceId'),
        url: r.text('sourceUrl'),
        updatedAt: r.text('sourceUpdatedAt'),
        publishedAgency: r.text('sourcePublishedAgency'),
      }
    : null;

  const decisionNumber = r.text('announcingDecisionNumber');
  const decisionDate = parseDate(r.text('announcingDecisionDate'));

  const candidate = {
    code,
    name: r.text('name'),
    field: r.text('field'),
    fieldCode: r.text('fieldCode'),
    level: enumValue(r, 'level', r.text('level'), PROCEDURE_LEVELS, E.unknownLevel),
    onlineLevel: enumValue(r, 'onlineLevel', r.text('onlineLevel'), ONLINE_LEVELS, E.unknownOnlineLevel),
    status: enumValue(r, 'status', r.text('status'), PROCEDURE_STATUSES, E.unknownStatus) ?? 'active',
    version: versionNumber ?? 1,
    dataCompleteness:
      enumValue(
        r,
        'dataCompleteness',
        r.text('dataCompleteness'),
        DATA_COMPLETENESS,
        E.unknownCompleteness,
      ) ?? 'full',
    supplementClock:
      enumValue(
        r,
        'supplementClock',
        r.text('supplementClock'),
        SUPPLEMENT_CLOCKS,
        E.unknownSupplementClock,
      ) ?? 'restart',
    agencies,
    promulgatingAgency: r.text('promulgatingAgency'),
    targetSubjects: simpleList('targetSubjects'),
    conditions: r.text('conditions'),
    results: simpleList('results'),
    legalBasis,
    steps,
    cases,
    components,
    channels,
    // A decision date without a number is reported on the number column by the schema.
    announcingDecision:
      decisionNumber === null && decisionDate === null
        ? null
        : { number: decisionNumber, date: decisionDate },
    effectiveFrom: parseDate(r.text('effectiveFrom')),
    effectiveTo: parseDate(r.text('effectiveTo')),
    demoAssigned,
    source,
  };

  // Cell-level problems first: a value that could not be read would only echo as a second, vaguer error.
  if (r.issues.length > 0) return { ok: false, issues: r.issues };

  const parsed = ZProcedureRecord.safeParse(candidate);
  if (parsed.success) return { ok: true, record: parsed.data, warnings };
  return {
    ok: false,
    issues: issuesFromZod(parsed.error.issues).map((issue) => placeIssue(issue, r.locations)),
  };
}

const SCALAR_COLUMNS: Record<string, FlatColumn> = {
  'announcingDecision.number': 'announcingDecisionNumber',
  'announcingDecision.date': 'announcingDecisionDate',
  announcingDecision: 'announcingDecisionNumber',
  'demoAssigned.note': 'demoNote',
  demoAssigned: 'demoAssigned',
  'source.kind': 'sourceKind',
  'source.id': 'sourceId',
  'source.url': 'sourceUrl',
  'source.updatedAt': 'sourceUpdatedAt',
  'source.publishedAgency': 'sourcePublishedAgency',
};

function placeIssue(issue: CatalogIssue, locations: RowReader['locations']): CatalogIssue {
  const path = issue.path ?? '';
  let best: RowReader['locations'][number] | undefined;
  for (const location of locations) {
    if (
      (path === location.path || path.startsWith(`${location.path}.`)) &&
      (!best || location.path.length > best.path.length)
    ) {
      best = location;
    }
  }
  if (best) {
    const placed: CatalogIssue = { ...issue, column: best.column };
    if (best.line !== undefined) placed.line = best.line;
    return placed;
  }
  const scalar = Object.entries(SCALAR_COLUMNS)
    .filter(([prefix]) => path === prefix || path.startsWith(`${prefix}.`))
    .sort((a, b) => b[0].length - a[0].length)[0];
  if (scalar) return { ...issue, column: scalar[1] };
  const head = path.split('.')[0] ?? '';
  return (FLAT_COLUMNS as readonly string[]).includes(head) ? { ...issue, column: head } : issue;
}

// ---------------------------------------------------------------------------------------------
// Tables (header row + rows)
// ---------------------------------------------------------------------------------------------

/** Problems with a header row: missing required, unknown, duplicate or empty column names. */
export function checkHeader(header: readonly string[]): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const seen = new Set<string>();
  header.forEach((raw, index) => {
    const name = raw.trim();
    if (name === '') {
      issues.push({ key: FLAT_ERRORS.emptyHeader, row: 1, params: { position: index + 1 } });
      return;
    }
    if (!(FLAT_COLUMNS as readonly string[]).includes(name)) {
      issues.push({ key: FLAT_ERRORS.unknownColumn, column: name, row: 1, params: { value: name } });
    } else if (seen.has(name)) {
      issues.push({ key: FLAT_ERRORS.duplicateColumn, column: name, row: 1, params: { value: name } });
    }
    seen.add(name);
  });
  for (const required of REQUIRED_FLAT_COLUMNS) {
    if (!seen.has(required))
      issues.push({ key: FLAT_ERRORS.missingColumn, column: required, row: 1, params: { value: required } });
  }
  return issues;
}

/** Header and one row per record, cells in FLAT_COLUMNS order. */
export function recordsToTable(records: readonly TProcedureRecord[]): string[][] {
  return [
    [...FLAT_COLUMNS],
    ...records.map((record) => FLAT_COLUMNS.map((column) => recordToRow(record)[column])),
  ];
}

export interface TableReadResult {
  records: TProcedureRecord[];
  issues: CatalogIssue[];
  warnings: CatalogIssue[];
}

/**
 * Reads a table whose first row is the header. Rows whose cells are all empty are skipped (spreadsheets
 * keep them); each issue carries its spreadsheet row number (header = 1) and the record's code.
 */
export function tableToRecords(table: readonly (readonly string[])[]): TableReadResult {
  const [header, ...rows] = table;
  if (!header) return { records: [], issues: [{ key: FLAT_ERRORS.noRows }], warnings: [] };
  const headerIssues = checkHeader(header);
  if (headerIssues.length > 0) return { records: [], issues: headerIssues, warnings: [] };
  const names = header.map((name) => name.trim());
  const records: TProcedureRecord[] = [];
  const issues: CatalogIssue[] = [];
  const warnings: CatalogIssue[] = [];
  const codes = new Map<string, number>();
  rows.forEach((cells, index) => {
    const rowNumber = index + 2;
    if (cells.every((cell) => cell.trim() === '')) return;
    if (cells.length > names.length && cells.slice(names.length).some((cell) => cell.trim() !== '')) {
      issues.push({
        key: FLAT_ERRORS.extraCells,
        row: rowNumber,
        params: { expected: names.length, found: cells.length },
      });
      return;
    }
    const row: Record<string, string> = {};
    names.forEach((name, position) => {
      row[name] = cells[position] ?? '';
    });
    const code = (row.code ?? '').trim();
    const result = rowToRecord(row);
    const tag = (issue: CatalogIssue): CatalogIssue =>
      code === '' ? { ...issue, row: rowNumber } : { ...issue, row: rowNumber, code };
    if (!result.ok) {
      issues.push(...result.issues.map(tag));
      return;
    }
    warnings.push(...result.warnings.map(tag));
    const firstRow = codes.get(result.record.code);
    if (firstRow !== undefined) {
      issues.push(
        tag({ key: E.duplicateCode, column: 'code', params: { value: result.record.code, firstRow } }),
      );
      return;
    }
    codes.set(result.record.code, rowNumber);
    records.push(result.record);
  });
  if (records.length === 0 && issues.length === 0) issues.push({ key: FLAT_ERRORS.noRows });
  return { records, issues, warnings };
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

// Excel runs a cell starting with = + - @ as a formula (and steps often start with "- "). An
// apostrophe in front keeps it text; the reader removes one leading apostrophe, so the value survives.
const FORMULA_START = /^[=+\-@\t\r']/;

/** The catalogue as CSV: UTF-8 with a byte-order mark, CRLF, a header of FLAT_COLUMNS. */
export function catalogueToCsv(
  records: readonly TProcedureRecord[],
  options: { delimiter?: CsvDelimiter } = {},
): string {
  const table = recordsToTable(records).map((row, index) =>
    index === 0 ? row : row.map((cell) => (FORMULA_START.test(cell) ? `'${cell}` : cell)),
  );
  return writeCsv(table, { bom: true, ...options });
}

/** Reads catalogue CSV bytes (or already-decoded text); all-or-nothing is the caller's choice. */
export function catalogueFromCsv(input: Uint8Array | string): TableReadResult {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    const decoded = decodeUtf8(input);
    if (!decoded.ok) return { records: [], issues: [decoded.error], warnings: [] };
    text = decoded.text;
  }
  const parsed = parseCsv(text);
  if (!parsed.ok) return { records: [], issues: [parsed.error], warnings: [] };
  const [header, ...rows] = parsed.rows;
  const unguarded = rows.map((row) => row.map((cell) => (cell.startsWith("'") ? cell.slice(1) : cell)));
  return tableToRecords(header ? [header, ...unguarded] : []);
}
