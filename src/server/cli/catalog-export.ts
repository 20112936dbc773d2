// npm run catalog:export -- FILE.json|FILE.csv|FILE.xlsx [--include-retired] [--lang vi|en]
// Writes the catalogue in the same formats the importer reads; re-importing the file changes nothing.
// XLSX leaves out (and lists, on a second sheet and here) procedures with a cell longer than Excel
// allows; the command then exits with status 1 so a script notices.
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { CATALOGUE_FILE_FORMAT, CATALOGUE_FILE_FORMAT_VERSION } from '../../shared/catalog/schema.js';
import { isLocale, translate } from '../../shared/i18n/index.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createDeps } from '../deps.js';
import { exportProcedures } from '../modules/catalog/catalog.service.js';
import { catalogueToCsv } from '../modules/catalog/formats/flat.js';
import { catalogueFileToJson } from '../modules/catalog/formats/write.js';
import { catalogueToXlsx } from '../modules/catalog/formats/xlsx.js';

async function main() {
  const args = process.argv.slice(2);
  const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--lang');
  const extension = file ? extname(file).toLowerCase() : '';
  if (!file || !['.json', '.csv', '.xlsx'].includes(extension)) {
    process.stderr.write(
      'Usage: npm run catalog:export -- FILE.json|FILE.csv|FILE.xlsx [--include-retired] [--lang vi|en]\n',
    );
    process.exit(2);
  }
  const langArg = args[args.indexOf('--lang') + 1];
  const lang = args.includes('--lang') && isLocale(langArg) ? langArg : 'vi';
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await migrate(database);
    const records = await exportProcedures(createDeps(config, database), {
      includeRetired: args.includes('--include-retired'),
    });
    if (extension === '.xlsx') {
      const describe = (issue: { key: string; params?: Record<string, string | number> }) =>
        translate(lang, issue.key, issue.params);
      const { bytes, skipped } = await catalogueToXlsx(records, { describe });
      writeFileSync(file, bytes);
      process.stdout.write(`Wrote ${records.length - skipped.length} procedures to ${file}.\n`);
      for (const issue of skipped) process.stderr.write(`  left out ${issue.code}: ${describe(issue)}\n`);
      if (skipped.length > 0) process.exitCode = 1;
      return;
    }
    const text =
      extension === '.csv'
        ? catalogueToCsv(records)
        : catalogueFileToJson({
            format: CATALOGUE_FILE_FORMAT,
            formatVersion: CATALOGUE_FILE_FORMAT_VERSION,
            title: null,
            source: null,
            notes: [],
            fields: [],
            agencies: [],
            procedures: records,
          });
    writeFileSync(file, text);
    process.stdout.write(`Wrote ${records.length} procedures to ${file}.\n`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Export failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
