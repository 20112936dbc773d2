// npm run units:import -- FILE [--date YYYY-MM-DD] [--complete]
// Loads a snapshot of administrative units (three-level or two-level shape) into the database.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseLocalDate } from '../../shared/calendar/index.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createDeps } from '../deps.js';
import { dateFromFileName, parseUnitSnapshot } from '../modules/units/units.format.js';
import { importUnitSnapshot } from '../modules/units/units.service.js';
import { progressBar } from './progress.js';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main() {
  const args = process.argv.slice(2);
  const dateIndex = args.indexOf('--date');
  const file = args.find((a, i) => !a.startsWith('--') && (dateIndex < 0 || i !== dateIndex + 1));
  if (!file) fail('Usage: npm run units:import -- FILE [--date YYYY-MM-DD] [--complete]');
  const date = dateIndex >= 0 ? args[dateIndex + 1] : dateFromFileName(basename(file));
  if (!date || !parseLocalDate(date).ok) {
    fail('The snapshot date is unknown: name the file …-YYYY-MM-DD.json or pass --date YYYY-MM-DD.');
  }
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`Cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseUnitSnapshot(input);
  if (!parsed.ok) fail(`The file is not a unit snapshot:\n  ${parsed.problems.join('\n  ')}`);

  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await migrate(database);
    const bar = progressBar('Importing units');
    const report = await importUnitSnapshot(
      createDeps(config, database),
      { actor: null, requestId: 'cli:units-import' },
      {
        provinces: parsed.provinces,
        validFrom: date,
        complete: args.includes('--complete'),
        onProgress: bar.update,
      },
    );
    process.stdout.write(
      `Units in force from ${date}: ${report.created} created, ${report.changed} changed, ` +
        `${report.closed} closed, ${report.unchanged} unchanged.\n`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Import failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
