// What the proposed changes to the units page would buy, measured over HTTP like the foundation
// benchmark: GET /don-vi as it is, the same page from one SQL statement, and the same page from a
// tree kept in memory (bench-only routes, variant-routes.ts), next to the hello world and the app's
// database-free /login. `npx tsx bench/variants.ts` (same BENCH_* settings as foundation.ts).
import { loadavg } from 'node:os';
import {
  type LoadOptions,
  type LoadTarget,
  loadTable,
  log,
  postgresReachable,
  round1,
  runLoadSession,
  type TargetSummary,
} from './load.js';
import { ROOT, writeResult } from './process.js';

const env = process.env;
const DATABASES = (env.BENCH_DATABASES ?? 'pglite,postgresql').split(',').filter(Boolean);
const POSTGRES_URL =
  env.BENCH_POSTGRES_URL || env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const OPTIONS: LoadOptions = {
  connections: Number(env.BENCH_CONNECTIONS ?? 10),
  durationSeconds: Number(env.BENCH_DURATION ?? 10),
  warmupSeconds: Number(env.BENCH_WARMUP ?? 3),
  rounds: Math.min(Number(env.BENCH_ROUNDS ?? 3), 10),
};

const samePage = (body: string) => {
  if (!body.includes('Mộc Châu') || !body.includes('/don-vi/')) throw new Error('not the units page');
};
const TARGETS: LoadTarget[] = [
  { name: 'hello', label: 'bare Fastify `GET /` (baseline)', server: 'hello', path: '/' },
  {
    name: 'don-vi',
    label: '`GET /don-vi` as it is (4 queries)',
    server: 'app',
    path: '/don-vi',
    check: samePage,
  },
  {
    name: 'one-query',
    label: 'units page, 1 statement (proposal)',
    server: 'app',
    path: '/bench/don-vi-one-query',
    check: samePage,
  },
  {
    name: 'memory',
    label: 'units page, tree in memory (no query)',
    server: 'app',
    path: '/bench/don-vi-memory',
    check: samePage,
  },
  { name: 'login', label: '`GET /login` (no database)', server: 'app', path: '/login' },
];

const load: Record<string, Record<string, TargetSummary>> = {};
const loadAverageAtStart = loadavg().map(round1);
for (const database of DATABASES) {
  if (database === 'postgresql' && !(await postgresReachable(POSTGRES_URL))) {
    log('[postgresql] skipped: not reachable');
    continue;
  }
  load[database] = await runLoadSession(database, POSTGRES_URL, TARGETS, OPTIONS, { BENCH_VARIANTS: '1' });
}
process.stdout.write(`\n${loadTable(load).join('\n')}\n`);
const file = process.env.BENCH_OUTPUT ?? `${ROOT}bench/results/variants.json`;
writeResult(file, {
  benchmark: 'units page variants',
  date: new Date().toISOString(),
  loadAverageAtStart,
  loadAverageAtEnd: loadavg().map(round1),
  method: OPTIONS,
  load,
});
log(`\nwritten: ${file.replace(ROOT, '')}`);
