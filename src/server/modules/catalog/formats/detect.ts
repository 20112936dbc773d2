// Which import format an uploaded file is in. Content decides; the extension only breaks ties and,
// when it disagrees with the content, earns a warning (a ".csv" that is really JSON is read as JSON).
import { CATALOGUE_FILE_FORMAT, type CatalogIssue } from '../../../../shared/catalog/schema.js';
import { decodeUtf8 } from './csv.js';
import { looksLikePortalRecord } from './national-portal.js';

export const CATALOGUE_FORMATS = ['canonical-json', 'national-portal-json', 'csv', 'xlsx'] as const;
export type CatalogueFormat = (typeof CATALOGUE_FORMATS)[number];

export const DETECT_ERRORS = {
  empty: 'catalog.errors.detect.empty',
  invalidJson: 'catalog.errors.detect.invalidJson',
  invalidJsonAt: 'catalog.errors.detect.invalidJsonAt',
  unknownJson: 'catalog.errors.detect.unknownJson',
  mixedJson: 'catalog.errors.detect.mixedJson',
  unsupportedBinary: 'catalog.errors.detect.unsupportedBinary',
} as const;

export const DETECT_WARNINGS = {
  extensionMismatch: 'catalog.warnings.detect.extensionMismatch',
} as const;

export type Detection =
  | { ok: true; format: 'xlsx'; warnings: CatalogIssue[] }
  | { ok: true; format: 'csv'; text: string; warnings: CatalogIssue[] }
  | { ok: true; format: 'canonical-json' | 'national-portal-json'; json: unknown; warnings: CatalogIssue[] }
  | { ok: false; error: CatalogIssue };

type JsonKind = 'canonical' | 'portal' | 'unknown';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a value looks like one canonical record (not whether it is valid: the schema says that). */
export function looksLikeCanonicalRecord(value: unknown): boolean {
  if (!isObject(value) || looksLikePortalRecord(value)) return false;
  return (
    typeof value.code === 'string' &&
    typeof value.name === 'string' &&
    ('level' in value || 'onlineLevel' in value)
  );
}

function jsonKind(value: unknown): JsonKind | 'mixed' {
  if (isObject(value) && value.format === CATALOGUE_FILE_FORMAT) return 'canonical';
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) return 'unknown';
  const kinds = new Set<JsonKind>(
    items.map((item) =>
      looksLikePortalRecord(item) ? 'portal' : looksLikeCanonicalRecord(item) ? 'canonical' : 'unknown',
    ),
  );
  if (kinds.size > 1) return 'mixed';
  return [...kinds][0] ?? 'unknown';
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Detects the format of an uploaded catalogue file from its name and bytes. */
export function detectFormat(fileName: string, bytes: Uint8Array): Detection {
  const extension = extensionOf(fileName);
  const warnings: CatalogIssue[] = [];
  const mismatch = (expected: string) => {
    if (
      extension !== '' &&
      extension !== expected &&
      !(expected === 'csv' && (extension === 'txt' || extension === 'tsv'))
    ) {
      warnings.push({ key: DETECT_WARNINGS.extensionMismatch, params: { extension, format: expected } });
    }
  };

  if (bytes.length === 0) return { ok: false, error: { key: DETECT_ERRORS.empty } };
  if (ZIP_MAGIC.every((byte, index) => bytes[index] === byte)) {
    // XLSX is a ZIP; other ZIP-based files (ODS, DOCX) are not catalogue formats.
    if (extension === 'xlsx') return { ok: true, format: 'xlsx', warnings };
    return { ok: false, error: { key: DETECT_ERRORS.unsupportedBinary, params: { extension } } };
  }

  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { ok: false, error: decoded.error };
  const text = decoded.text.startsWith('\ufeff') ? decoded.text.slice(1) : decoded.text;
  const firstChar = text.trimStart()[0];
  if (firstChar === undefined) return { ok: false, error: { key: DETECT_ERRORS.empty } };

  if (firstChar === '{' || firstChar === '[') {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      // The parser's message is English; only the position is passed on, for a translated message.
      const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
      return {
        ok: false,
        error: position
          ? { key: DETECT_ERRORS.invalidJsonAt, params: { position: Number(position) } }
          : { key: DETECT_ERRORS.invalidJson },
      };
    }
    const kind = jsonKind(json);
    if (kind === 'mixed') return { ok: false, error: { key: DETECT_ERRORS.mixedJson } };
    if (kind === 'unknown') return { ok: false, error: { key: DETECT_ERRORS.unknownJson } };
    mismatch('json');
    return {
      ok: true,
      format: kind === 'portal' ? 'national-portal-json' : 'canonical-json',
      json,
      warnings,
    };
  }

  if (extension === 'json') {
    return { ok: false, error: { key: DETECT_ERRORS.invalidJson } };
  }
  mismatch('csv');
  return { ok: true, format: 'csv', text, warnings };
}
