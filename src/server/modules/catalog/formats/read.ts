// One entry point for an uploaded catalogue file: detect the format, read every record, and report
// every problem with where it is. Nothing here touches the database; the import service decides
// (all or nothing) what to do with the result.
import {
  type CatalogIssue,
  issuesFromZod,
  type TCatalogueFile,
  type TProcedureRecord,
  ZCatalogueFile,
  ZProcedureRecord,
} from '../../../../shared/catalog/schema.js';
import { type CatalogueFormat, detectFormat } from './detect.js';
import { catalogueFromCsv } from './flat.js';
import { fromNationalPortal, type PortalAssignment } from './national-portal.js';
import { catalogueFromXlsx } from './xlsx.js';

export const READ_ERRORS = {
  assignmentRequired: 'catalog.errors.read.assignmentRequired',
  duplicateCode: 'catalog.errors.duplicateCode',
} as const;

export interface ReadOptions {
  /** National-portal records carry no level or online level: the importing administrator picks them. */
  portalAssignment?: PortalAssignment;
}

export interface CatalogueRead {
  format: CatalogueFormat | null;
  records: TProcedureRecord[];
  /** Anything here means the file must not be imported as it is. */
  issues: CatalogIssue[];
  warnings: CatalogIssue[];
  /** The header of a canonical catalogue file (title, source, fields, agencies), when it had one. */
  header: Omit<TCatalogueFile, 'procedures'> | null;
}

function codeOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('code' in value)) return undefined;
  const code = (value as { code: unknown }).code;
  return typeof code === 'string' && code.trim() !== '' ? code.trim() : undefined;
}

function locate(issue: CatalogIssue, index: number, item: unknown): CatalogIssue {
  const code = codeOf(item);
  return code === undefined ? { ...issue, index } : { ...issue, index, code };
}

/** Records of a JSON array (or one record), each validated on its own, with duplicate codes reported. */
function readRecordList(
  items: readonly unknown[],
  read: (item: unknown, index: number) => CatalogIssue[] | TProcedureRecord,
) {
  const records: TProcedureRecord[] = [];
  const issues: CatalogIssue[] = [];
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    const result = read(item, index);
    if (Array.isArray(result)) {
      issues.push(...result.map((issue) => locate(issue, index, item)));
      return;
    }
    const first = firstIndex.get(result.code);
    if (first !== undefined) {
      issues.push({
        key: READ_ERRORS.duplicateCode,
        index,
        code: result.code,
        path: 'code',
        params: { value: result.code, first },
      });
      return;
    }
    firstIndex.set(result.code, index);
    records.push(result);
  });
  return { records, issues };
}

/** Reads an uploaded catalogue file of any supported format (asynchronous: XLSX is unzipped). */
export async function readCatalogueFile(
  fileName: string,
  bytes: Uint8Array,
  options: ReadOptions = {},
): Promise<CatalogueRead> {
  const detection = detectFormat(fileName, bytes);
  if (!detection.ok)
    return { format: null, records: [], issues: [detection.error], warnings: [], header: null };
  const base = { format: detection.format, warnings: [...detection.warnings], header: null };

  switch (detection.format) {
    case 'xlsx':
    case 'csv': {
      const table =
        detection.format === 'xlsx' ? await catalogueFromXlsx(bytes) : catalogueFromCsv(detection.text);
      return {
        ...base,
        records: table.records,
        issues: table.issues,
        warnings: [...base.warnings, ...table.warnings],
      };
    }
    case 'national-portal-json': {
      const assignment = options.portalAssignment;
      if (!assignment) return { ...base, records: [], issues: [{ key: READ_ERRORS.assignmentRequired }] };
      const items = Array.isArray(detection.json) ? detection.json : [detection.json];
      const warnings = [...base.warnings];
      const { records, issues } = readRecordList(items, (item, index) => {
        const converted = fromNationalPortal(item, assignment);
        if (!converted.ok) return converted.reasons;
        warnings.push(...converted.warnings.map((warning) => locate(warning, index, item)));
        return converted.record;
      });
      return { ...base, records, issues, warnings };
    }
    case 'canonical-json': {
      const json = detection.json;
      if (!Array.isArray(json) && typeof json === 'object' && json !== null && 'procedures' in json) {
        // The header is checked as a whole; each procedure on its own, so one bad record never
        // stops the good ones.
        const rawProcedures = (json as { procedures?: unknown }).procedures;
        const headerParsed = ZCatalogueFile.safeParse({ ...json, procedures: [] });
        if (!headerParsed.success || !Array.isArray(rawProcedures)) {
          const issues = headerParsed.success
            ? [{ key: 'catalog.errors.notAList', path: 'procedures' }]
            : issuesFromZod(headerParsed.error.issues);
          return { ...base, records: [], issues };
        }
        const { procedures: _none, ...header } = headerParsed.data;
        const { records, issues } = readRecordList(rawProcedures, (item) => {
          const parsed = ZProcedureRecord.safeParse(item);
          return parsed.success ? parsed.data : issuesFromZod(parsed.error.issues);
        });
        return { ...base, records, issues, header };
      }
      const items = Array.isArray(json) ? json : [json];
      const { records, issues } = readRecordList(items, (item) => {
        const parsed = ZProcedureRecord.safeParse(item);
        return parsed.success ? parsed.data : issuesFromZod(parsed.error.issues);
      });
      return { ...base, records, issues };
    }
  }
}
