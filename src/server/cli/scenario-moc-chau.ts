// npm run scenario:moc-chau [-- --scale 0.1]
// Lives the first six months of 2025 in Mộc Châu through the real service functions, into an empty
// database (DATA_DIR, ./data by default, or DATABASE_URL), then prints what the statistics show.
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createDeps } from '../deps.js';
import { countUnits } from '../modules/units/units.repository.js';
import { MOC_CHAU_BEHAVIOURS } from '../scenario/behaviours.js';
import { scenarioFigures } from '../scenario/figures.js';
import { runScenario } from '../scenario/scenario.js';
import { progressBar } from './progress.js';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const minutes = (ms: number) => {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
};

async function main() {
  const args = process.argv.slice(2);
  const scaleAt = args.indexOf('--scale');
  const scale = scaleAt >= 0 ? Number(args[scaleAt + 1]) : 1;
  if (!(scale > 0 && scale <= 1))
    fail(
      'Usage: npm run scenario:moc-chau -- [--scale S], S above 0 and at most 1 (1 = the whole district).',
    );

  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await migrate(database);
    if ((await countUnits(database.db)) > 0) {
      const where = database.kind === 'pglite' ? `${config.dataDir}/pglite` : 'the DATABASE_URL database';
      fail(
        `The database in ${where} is not empty. The scenario needs an empty one: move that folder away, ` +
          'or run with DATA_DIR=./data-scenario npm run scenario:moc-chau (then start the app with the same DATA_DIR).',
      );
    }
    const deps = createDeps(config, database);
    const bar = progressBar(`Mộc Châu, ${MOC_CHAU_BEHAVIOURS.period.from} → 2025-06-30`);
    const started = performance.now();
    const run = await runScenario(deps, {
      scale,
      onProgress: (p) => {
        const elapsed = performance.now() - started;
        const left = p.daysDone > 0 ? (elapsed / p.daysDone) * (p.days - p.daysDone) : 0;
        bar.update(
          p.daysDone,
          p.days,
          `${p.day} · ${p.submitted.toLocaleString('en')} applications, ${p.actions.toLocaleString('en')} actions · ${minutes(elapsed)} (about ${minutes(left)} left)`,
        );
      },
    });
    const elapsed = performance.now() - started;
    const figures = await scenarioFigures(deps, run.period);
    const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const lines = [
      '',
      `Simulated ${run.period.from} to 2025-06-30 at scale ${scale} on ${database.kind} in ${minutes(elapsed)} (peak memory ${peakMb} MB):`,
      `  ${run.submitted.toLocaleString('en')} applications submitted, ${run.actions.toLocaleString('en')} workflow actions, ${run.evaluations.toLocaleString('en')} evaluations, ${run.feedback} feedback items${run.jobs ? `, ${run.jobs} jobs recorded (not run)` : ''}; nothing was announced to the made-up applicants.`,
      '',
      'What the statistics show for Mộc Châu (all its wards and communes), 2025-01-01 to 2025-06-30:',
      `  received ${figures.received.toLocaleString('en')} (online ${figures.onlineRate}%), processed ${figures.processed.toLocaleString('en')}, in process at the end ${figures.inProcess.toLocaleString('en')}`,
      `  evaluations ${figures.evaluations.toLocaleString('en')} (satisfied ${figures.satisfiedRate}%), assisted by digital teams ${figures.assisted.toLocaleString('en')}`,
      `  ${figures.teams} digital teams with ${figures.members.toLocaleString('en')} members across ${figures.teamUnits} wards and communes`,
      `  catalogue: ${figures.catalogue.district} district, ${figures.catalogue.commune} commune, ${figures.catalogue.vertical} vertical procedures; ${figures.catalogue.fullOnline} full and ${figures.catalogue.partialOnline} partial online`,
      '',
      `Look at it: ${config.dataDir === loadConfig({}).dataDir ? '' : `DATA_DIR=${process.env.DATA_DIR} `}npm start, then open`,
      '  http://localhost:3000/thong-ke?unit=123&from=2025-01-01&to=2025-06-30',
      '  (sign in as leader / motcua-demo for the dashboard behind every figure: /can-bo/thong-ke?unit=123&from=2025-01-01&to=2025-06-30)',
      '',
    ];
    process.stdout.write(lines.join('\n'));
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The scenario failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
