import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { createDeps } from './deps.js';
import { JobRunner } from './jobs/runner.js';
import { startJobs } from './jobs/workers.js';
import { startMaintenance } from './maintenance.js';
import { skipPastEvents } from './modules/notifications/notifications.service.js';
import { DEMO_ACCOUNTS, loadDemoIfEmpty } from './seed/demo.js';

async function main() {
  const config = loadConfig();
  const database = await openDatabase(config);
  const jobs = new JobRunner({ database, connectionString: config.databaseUrl });
  const deps = { ...createDeps(config, database), jobs };
  const migrations = await migrate(database);
  const demoLoaded = config.loadDemo ? await loadDemoIfEmpty(deps) : false;
  // The demo's made-up history is not announced to its made-up applicants.
  if (demoLoaded) await skipPastEvents(deps);
  const app = await buildApp(deps);
  const stopMaintenance = startMaintenance(deps, app.log);
  // pg-boss creates (or upgrades) its own schema `pgboss` here, after the app's migrations.
  const stopJobs = await startJobs(deps, jobs, { log: app.log });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    stopMaintenance();
    // Stop taking requests, let those in flight finish, then close the database so every
    // committed write is flushed to disk.
    await app.close();
    await stopJobs().catch((error: unknown) => app.log.warn({ err: error }, 'stopping the jobs failed'));
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const where =
    database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}/pglite` : 'PostgreSQL (DATABASE_URL)';
  const lines = [
    '',
    `  MotCua is running at http://localhost:${port}  (listening on ${config.host}:${port})`,
    `  Database: ${database.kind}, ${where}; ${migrations} migrations applied${demoLoaded ? '; Mộc Châu demo data loaded' : ''}`,
    `  API documentation: http://localhost:${port}/docs`,
    `  Demo logins (password: ${config.demoPassword === 'motcua-demo' ? 'motcua-demo' : 'the DEMO_PASSWORD you set'}):`,
    ...DEMO_ACCOUNTS.map((a) => `    ${a.username.padEnd(11)} ${a.role}`),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`MotCua failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
