// The canonical JSON layout of a catalogue file, shaped for review in a diff: the file and each
// procedure are spread over lines, and each item of a procedure's lists (a component, a step, a
// channel with its fees, a legal basis) sits on one line of its own. Used by the export and by the
// demo seed, so the seed is byte for byte what an export of the same data writes.
import type { TCatalogueFile, TProcedureRecord } from '../../../../shared/catalog/schema.js';

// Depth at which values are written on one line: file (0) -> procedures (1) -> procedure (2) ->
// property (3) -> list item (4). Header lists (fields, agencies) inline their items at depth 2.
const INLINE_DEPTH = 4;

function write(value: unknown, depth: number, indent: string, inlineAt: number): string {
  if (value === null || typeof value !== 'object' || depth >= inlineAt) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + write(item, depth + 1, inner, inlineAt)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${write(v, depth + 1, inner, inlineAt)}`).join(',\n')}\n${indent}}`;
}

/** A catalogue file as diff-friendly JSON text, ending with a newline. */
export function catalogueFileToJson(file: TCatalogueFile): string {
  const { procedures, ...header } = file;
  const head = Object.entries(header).map(
    ([key, value]) => `  ${JSON.stringify(key)}: ${write(value, 1, '  ', 2)}`,
  );
  const body = procedures.map((record) => `    ${write(record, 2, '    ', INLINE_DEPTH)}`);
  const proceduresText = body.length === 0 ? '[]' : `[\n${body.join(',\n')}\n  ]`;
  return `{\n${[...head, `  "procedures": ${proceduresText}`].join(',\n')}\n}\n`;
}

/** Records alone (a JSON array), in the same layout. */
export function recordsToJson(records: readonly TProcedureRecord[]): string {
  if (records.length === 0) return '[]\n';
  return `[\n${records.map((record) => `  ${write(record, 1, '  ', INLINE_DEPTH - 1)}`).join(',\n')}\n]\n`;
}
