// npm run catalog:import -- FILE [--level district|commune|province|vertical] [--online-level full|partial|none] [--lang vi|en]
// Reads a catalogue file (canonical JSON, national-portal JSON, CSV or XLSX) and upserts every good
// record by code, one transaction each; prints what was created, updated, unchanged and rejected.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  ONLINE_LEVELS,
  PROCEDURE_LEVELS,
  type TOnlineLevel,
  type TProcedureLevel,
} from '../../shared/catalog/schema.js';
import { isLocale, translate } from '../../shared/i18n/index.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createDeps } from '../deps.js';
import { importProcedures } from '../modules/catalog/catalog.service.js';
import { readCatalogueFile } from '../modules/catalog/formats/read.js';
import { progressBar } from './progress.js';

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main() {
  const args = process.argv.slice(2);
  const valued = new Set(['--level', '--online-level', '--lang']);
  const file = args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
  if (!file)
    fail('Usage: npm run catalog:import -- FILE [--level LEVEL] [--online-level LEVEL] [--lang vi|en]');
  const langArg = option(args, '--lang') ?? 'vi';
  const lang = isLocale(langArg) ? langArg : 'vi';
  const level = option(args, '--level');
  const onlineLevel = option(args, '--online-level');
  if (level !== undefined && !(PROCEDURE_LEVELS as readonly string[]).includes(level))
    fail(`Unknown --level ${level}`);
  if (onlineLevel !== undefined && !(ONLINE_LEVELS as readonly string[]).includes(onlineLevel)) {
    fail(`Unknown --online-level ${onlineLevel}`);
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    fail(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const read = await readCatalogueFile(basename(file), bytes, {
    ...(level && onlineLevel
      ? { portalAssignment: { level: level as TProcedureLevel, onlineLevel: onlineLevel as TOnlineLevel } }
      : {}),
  });
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await migrate(database);
    const bar = progressBar('Importing procedures');
    const report = await importProcedures(
      createDeps(config, database),
      { actor: null, requestId: 'cli:catalog-import' },
      { records: read.records, issues: read.issues, onProgress: bar.update },
    );
    const say = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
    process.stdout.write(
      `${read.format ?? '?'}: ${report.created.length} created, ${report.updated.length} updated, ` +
        `${report.unchanged.length} unchanged, ${report.rejected.length} rejected.\n`,
    );
    for (const row of report.rejected) {
      const where = [
        row.code,
        row.row === undefined ? '' : `row ${row.row}`,
        row.index === undefined ? '' : `#${row.index}`,
      ]
        .filter(Boolean)
        .join(' ');
      for (const issue of row.issues) {
        const place = [issue.path, issue.column].filter(Boolean).join(' ');
        process.stdout.write(
          `  rejected ${where || '(file)'}${place ? ` [${place}]` : ''}: ${say(issue.key, issue.params)}\n`,
        );
      }
    }
    for (const warning of read.warnings.slice(0, 50)) {
      process.stdout.write(`  warning ${warning.code ?? ''}: ${say(warning.key, warning.params)}\n`);
    }
    if (report.unlinkedAgencies.length > 0) {
      process.stdout.write(
        `  agencies not found locally (procedures kept, not linked): ${report.unlinkedAgencies.join('; ')}\n`,
      );
    }
    if (report.rejected.length > 0) process.exitCode = 1;
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Import failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
