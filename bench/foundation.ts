// Foundation benchmark (issue 2): GET /healthz and the public units page GET /don-vi against a
// bare Fastify hello world, on PGlite and on PostgreSQL, then Lighthouse on / and /don-vi.
// The machine is small and noisy, so every figure is read as a ratio to the hello world measured
// in the same session, round by round (see load.ts). `npm run bench`; settings:
//   BENCH_DATABASES=pglite,postgresql  BENCH_POSTGRES_URL (else DATABASE_URL, else local trust)
//   BENCH_CONNECTIONS=10 BENCH_DURATION=10 BENCH_WARMUP=3 BENCH_ROUNDS=3 BENCH_LIGHTHOUSE_RUNS=5
//   BENCH_PROFILE=1 (CPU profiles of the app)  BENCH_OUTPUT=bench/results/foundation.json
import { cpus, loadavg, totalmem } from 'node:os';
import { runLighthouse } from './lighthouse.js';
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
import { ROOT, startChild, writeResult } from './process.js';

const env = process.env;
const DATABASES = (env.BENCH_DATABASES ?? 'pglite,postgresql').split(',').filter(Boolean);
const POSTGRES_URL =
  env.BENCH_POSTGRES_URL || env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const LIGHTHOUSE_RUNS = Math.min(Number(env.BENCH_LIGHTHOUSE_RUNS ?? 5), 10);
const OUTPUT = env.BENCH_OUTPUT ?? `${ROOT}bench/results/foundation.json`;
const OPTIONS: LoadOptions = {
  connections: Number(env.BENCH_CONNECTIONS ?? 10),
  durationSeconds: Number(env.BENCH_DURATION ?? 10),
  warmupSeconds: Number(env.BENCH_WARMUP ?? 3),
  rounds: Math.min(Number(env.BENCH_ROUNDS ?? 3), 10),
  profile: env.BENCH_PROFILE === '1',
};

const TARGETS: LoadTarget[] = [
  { name: 'hello', label: 'bare Fastify `GET /` (baseline)', server: 'hello', path: '/' },
  {
    name: 'healthz',
    label: '`GET /healthz`',
    server: 'app',
    path: '/healthz',
    check: (body) => {
      if (!body.includes('"status":"ok"')) throw new Error(`/healthz: ${body}`);
    },
  },
  {
    name: 'don-vi',
    label: '`GET /don-vi`',
    server: 'app',
    path: '/don-vi',
    check: (body, response) => {
      if (!body.includes('Mộc Châu')) throw new Error('/don-vi does not list Mộc Châu');
      if (response.headers.get('cache-control') !== 'no-store') log('  note: /don-vi is not marked no-store');
    },
  },
  // Diagnostic: a page of the app that touches no database for an anonymous visitor, so it shows
  // what the app's hooks, layout and render cost before any query.
  {
    name: 'login',
    label: '`GET /login` (no database; diagnostic)',
    server: 'app',
    path: '/login',
    check: (body) => {
      if (!body.includes('name="_csrf"')) throw new Error('/login shows no form');
    },
  },
];

const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGiB: round1(totalmem() / 2 ** 30),
  node: process.version,
  loadAverageAtStart: loadavg().map(round1),
};
log(`MotCua foundation benchmark: ${JSON.stringify(OPTIONS)}, ${machine.cpus} CPUs (${machine.cpuModel})`);

const load: Record<string, Record<string, TargetSummary>> = {};
const skipped: string[] = [];
for (const database of DATABASES) {
  if (database === 'postgresql' && !(await postgresReachable(POSTGRES_URL))) {
    log(`[postgresql] skipped: nothing answers at ${POSTGRES_URL.replace(/\/\/[^@]*@/, '//…@')}`);
    skipped.push('postgresql');
    continue;
  }
  load[database] = await runLoadSession(database, POSTGRES_URL, TARGETS, OPTIONS);
}

let lighthouse: Awaited<ReturnType<typeof runLighthouse>> | null = null;
let lighthouseError: string | null = null;
if (LIGHTHOUSE_RUNS > 0) {
  log(`\n[lighthouse] mobile, default throttling, ${LIGHTHOUSE_RUNS} runs per page, app on PGlite…`);
  const app = await startChild('bench/serve.ts', { env: { DATABASE_URL: undefined } });
  try {
    lighthouse = await runLighthouse([`${app.url}/`, `${app.url}/don-vi`], LIGHTHOUSE_RUNS);
  } catch (error) {
    // Keep the load figures: report Lighthouse as not measured rather than losing the whole run.
    lighthouseError = error instanceof Error ? error.message : String(error);
    log(`[lighthouse] failed: ${lighthouseError}`);
  } finally {
    await app.stop();
  }
}

// The report: req/s and latency per target, the ratios, and whether the targets are met.
const lines = loadTable(load);
const targets: Record<string, boolean> = {};
for (const [database, summary] of Object.entries(load))
  targets[`GET /don-vi ≥ 0.5 × hello world on ${database}`] = summary['don-vi']!.ratio >= 0.5;
const notes: string[] = [];
if (lighthouse) {
  lines.push(
    '',
    '| page | performance | accessibility | best practices | SEO | FCP ms | LCP ms | TBT ms | CLS | JS bytes | benchmarkIndex |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const page of lighthouse) {
    const m = page.median;
    const path = new URL(page.url).pathname;
    lines.push(
      `| \`${path}\` | ${m.performance} | ${m.accessibility} | ${m.bestPractices} | ${m.seo} | ${m.metrics.fcp} | ${m.metrics.lcp} | ${m.metrics.tbt} | ${m.metrics.cls} | ${m.scriptTransferBytes} | ${m.benchmarkIndex} |`,
    );
    targets[`Lighthouse performance ≥ 0.95 on ${path}`] = m.performance >= 0.95;
    targets[`Lighthouse accessibility = 1 on ${path}`] = m.accessibility === 1;
    targets[`JavaScript over the wire ≤ 30 KB on ${path}`] = m.scriptTransferBytes <= 30 * 1024;
    notes.push(
      `\`${path}\`: performance over ${page.runs.length} runs ${page.runs.map((r) => r.performance).join(', ')}`,
    );
    if (m.imperfect.length) notes.push(`\`${path}\` loses points on: ${m.imperfect.join(', ')}`);
  }
}
if (lighthouseError) {
  notes.push(`Lighthouse failed: ${lighthouseError}`);
  targets['Lighthouse measured'] = false;
}
lines.push('', ...notes, '');
for (const [name, met] of Object.entries(targets)) lines.push(`- ${met ? 'met' : 'NOT MET'}: ${name}`);
for (const name of skipped) lines.push(`- skipped: ${name} (not reachable)`);
process.stdout.write(`\n${lines.join('\n')}\n`);

const result = {
  benchmark: 'foundation',
  date: new Date().toISOString(),
  machine: { ...machine, loadAverageAtEnd: loadavg().map(round1) },
  method: OPTIONS,
  load,
  lighthouse: lighthouse?.map(({ url, ...page }) => ({ path: new URL(url).pathname, ...page })),
  lighthouseError,
  targets,
  skipped,
};
writeResult(OUTPUT, result);
log(`\nwritten: ${OUTPUT.replace(ROOT, '')}`);
if (Object.values(targets).includes(false)) process.exitCode = 1;
