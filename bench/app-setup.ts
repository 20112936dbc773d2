// The app for the benchmarks, built the way the tests build it (test/helpers), so it follows
// whatever the app needs as it grows: a fresh database from the migrated template (PGlite in memory,
// or a new PostgreSQL database cloned from the template when DATABASE_URL is set) with the Mộc Châu
// demo, and no logger.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import type { AppDeps } from '../src/server/context.js';
import { loadDemo } from '../src/server/seed/demo.js';
import { buildTestApp } from '../test/helpers/app.js';
import { preparePGliteTemplate, preparePostgresTemplate } from '../test/helpers/template.js';

export interface BenchApp {
  app: FastifyInstance;
  deps: AppDeps;
  close(): Promise<void>;
}

/** The app on a fresh database with the demo; `extend` registers extra (bench-only) routes. */
export async function startBenchApp(
  options: { extend?: (app: FastifyInstance) => Promise<void> } = {},
): Promise<BenchApp> {
  if (process.env.DATABASE_URL) await preparePostgresTemplate(process.env.DATABASE_URL);
  else await preparePGliteTemplate();
  const t = await buildTestApp({ config: { logLevel: 'silent' } });
  await loadDemo(t.deps);
  if (!options.extend) return { app: t.app, deps: t.deps, close: () => t.close() };
  // Routes cannot be added to an app that is ready: build a second one on the same dependencies.
  const app = await buildApp(t.deps, { logger: false });
  await options.extend(app);
  await app.ready();
  return {
    app,
    deps: t.deps,
    async close() {
      await app.close();
      await t.close();
    },
  };
}
