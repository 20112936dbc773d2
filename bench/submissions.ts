// Online applications benchmark (issue 5): submission throughput and public tracking, each against
// a baseline measured in the same run, round after round, interleaved (the order rotates):
//   - PostgreSQL: `POST /api/v1/applications` with 8 clients against `pgbench -c 8 -j 2` (after
//     `pgbench -i -s 10`) on the same server. Target: submissions ≥ 0.5 × pgbench's tps.
//   - PGlite: the same submissions against a raw loop of single-row inserts into a table like
//     `applications`, on the same PGlite engine, in one process (the issue sets no number; read
//     against the same 0.5).
//   - `GET /api/v1/track/{code}?verify=NNNN` (valid codes) against a bare Fastify hello world
//     (bench/hello.ts). Target, on PostgreSQL: ≥ 0.25 × hello world.
//   - Diagnostics: the same submissions spread over the 15 communes' counters (commune-level
//     procedures, so the daily code sequence is not one row that every submission locks), and
//     `POST /api/v1/files` (one document upload), which a complete submission repeats once per
//     required document before it submits.
//
//   npm run bench:submissions
//
// Settings: BENCH_DATABASES=postgresql,pglite  BENCH_POSTGRES_URL (else DATABASE_URL, else local
// trust; `?host=/socket/dir` for a Unix socket)  BENCH_CONNECTIONS=8  BENCH_DURATION=30
// BENCH_WARMUP=5  BENCH_ROUNDS=3  BENCH_DIAGNOSTICS=1 (0 leaves the two diagnostics out)
// BENCH_PROFILE=1 (V8 CPU profiles of the app during the last round's submissions and tracking,
// under .tmp/bench-profiles/)  BENCH_OUTPUT=bench/results/submissions.json.
// The app runs in a child process (this file with SUBMISSIONS_BENCH_SERVE=1) on a fresh database:
// PGlite in memory from the migrated template, or the PostgreSQL database `motcua_bench` cloned from
// the template, with the app's own pool (10); pgbench uses `pgbench_bench`. Both databases are
// dropped at the end.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { PGlite } from '@electric-sql/pglite';
import autocannon, { type Request, type Result } from 'autocannon';
import pg from 'pg';
import type { TProcedureRecord } from '../src/shared/catalog/schema.js';
import { log, median, postgresReachable, round1 } from './load.js';
import { type Child, ROOT, startChild, writeResult } from './process.js';
import { summariseProfile } from './profile-summary.js';

const DAY_MS = 24 * 3600_000;
const BENCH_DATABASE = 'motcua_bench';
const PGBENCH_DATABASE = 'pgbench_bench';
const PGBENCH = process.env.PGBENCH ?? '/usr/bin/pgbench';

/** A clock's ticks per second for /proc/<pid>/stat (`getconf CLK_TCK`; 100 on Linux). */
const CLOCK_TICKS = 100;

/** CPU time (ms) of a process so far, from /proc; 0 when it is gone. */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

// -------------------------------------------------------------------------------------------------
// The app (child process)
// -------------------------------------------------------------------------------------------------

interface Stats {
  applications: number;
  /** Rate-limit rows of the tracking buckets: failed guesses only, so 0 when every lookup is valid. */
  trackHits: number;
  /** SQL statements sent to the database since start-up (BEGIN and COMMIT included). */
  statements: number;
}

interface Kits {
  procedures: { code: string; components: string[]; formData: Record<string, unknown> }[];
  /** Commune-level kits: kit i goes to the counter of units[i % units.length]. */
  units: string[] | null;
  /** Kit i submits procedure i % procedures.length with these uploaded file ids, in component order. */
  files: string[][];
}

async function serve(): Promise<void> {
  const { buildApp } = await import('../src/server/app.js');
  const { testConfig } = await import('../src/server/config.js');
  const { createDeps } = await import('../src/server/deps.js');
  const { openPGlite, openPostgres } = await import('../src/server/db/database.js');
  const { loadDemo } = await import('../src/server/seed/demo.js');
  const { findDemoProcedures } = await import('../src/server/seed/demo.repository.js');
  const { formForProcedure } = await import('../src/shared/applications/forms.js');
  const { findUserByLogin } = await import('../src/server/modules/auth/auth.repository.js');
  const { vietnamDate } = await import('../src/shared/clock.js');
  const { preparePGliteTemplate, readPGliteTemplate } = await import('../test/helpers/template.js');
  const { sql } = await import('kysely');
  const { Session } = await import('node:inspector/promises');

  // Every statement the app sends, counted where it leaves for the database.
  let statements = 0;
  const url = process.env.DATABASE_URL;
  let database: Awaited<ReturnType<typeof openPGlite>> | ReturnType<typeof openPostgres>;
  if (url) {
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      statements++;
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    database = openPostgres(url); // the app's own pool size, as `npm start` opens it
  } else {
    await preparePGliteTemplate();
    const opened = await openPGlite({ loadDataDir: readPGliteTemplate() });
    const { query, exec } = opened.pglite;
    opened.pglite.query = ((...args: Parameters<typeof query>) => {
      statements++;
      return query.apply(opened.pglite, args);
    }) as typeof query;
    opened.pglite.exec = ((...args: Parameters<typeof exec>) => {
      statements++;
      return exec.apply(opened.pglite, args);
    }) as typeof exec;
    database = opened;
  }
  // Each measured window starts a new day (see /bench/next-day): the daily sequence of a receiving
  // agency stops at 9,999 codes, which a 30-second window could otherwise reach. Sessions last long
  // enough to survive the days the bench skips.
  let offsetMs = 0;
  const clock = { now: () => new Date(Date.now() + offsetMs) };
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-bench-'));
  const deps = createDeps(
    testConfig({ dataDir, logLevel: 'silent', sessionTtlMs: 30 * DAY_MS }),
    database,
    clock,
  );
  await loadDemo(deps);
  const db = deps.database.db;
  const citizen = await findUserByLogin(db, 'citizen');
  if (!citizen) throw new Error('the demo has no citizen account');
  // The procedures the demo's own online applications use (Phòng Tư pháp, 5–7 documents each).
  const procedures = (await findDemoProcedures(db, 'MC-TP', 6)).map((p) => ({
    code: p.code,
    components: p.requiredComponents,
    formData: p.formExample,
  }));
  // Commune-level procedures that every commune of the demo handles, each commune with its counter.
  const communeRows = await db
    .selectFrom('procedures as p')
    .innerJoin('procedure_agencies as pa', 'pa.procedure_id', 'p.id')
    .innerJoin('agencies as a', 'a.id', 'pa.agency_id')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['p.code', 'p.record', 'u.code as unit_code'])
    .where('pa.role', '=', 'implementing')
    .where('p.online_level', '!=', 'none')
    .where('p.data_completeness', '=', 'full')
    .where('p.status', '=', 'active')
    .where(sql<string>`p.record->>'level'`, '=', 'commune')
    .orderBy('p.code')
    .orderBy('u.code')
    .execute();
  const byCode = new Map<string, { record: TProcedureRecord; units: string[] }>();
  for (const row of communeRows) {
    const entry = byCode.get(row.code) ?? { record: row.record as TProcedureRecord, units: [] };
    entry.units.push(row.unit_code);
    byCode.set(row.code, entry);
  }
  const widest = Math.max(...[...byCode.values()].map((e) => e.units.length));
  const spreadEntries = [...byCode].filter(([, e]) => e.units.length === widest).slice(0, 6);
  const spread = {
    units: spreadEntries[0]?.[1].units ?? [],
    procedures: spreadEntries.map(([code, { record }]) => {
      const form = formForProcedure(record);
      const firstCase = record.cases[0]?.id ?? null;
      return {
        code,
        components: record.components
          .filter((c) => c.required && (c.caseId === null || c.caseId === firstCase))
          .map((c) => c.id),
        formData: Object.fromEntries(Object.entries(form.properties).map(([k, v]) => [k, v.examples[0]])),
      };
    }),
  };

  const app = await buildApp(deps, { logger: false });
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const session = profileDir ? new Session() : null;
  session?.connect();
  await app.register(async (bench) => {
    const hidden = { schema: { hide: true } };
    bench.get('/bench/next-day', hidden, async () => {
      offsetMs += DAY_MS;
      return { today: vietnamDate(clock.now()) };
    });
    // The documents of `n` submissions, owned by the demo citizen and not yet attached: file rows
    // written in bulk (a submission reads the rows, never the bytes), so that preparing them costs
    // seconds and stays out of the measured window.
    bench.get<{ Querystring: { n?: string; spread?: string } }>('/bench/kits', hidden, async (request) => {
      const n = Math.min(Number(request.query.n ?? 100), 200_000);
      const now = clock.now();
      const kits: Kits =
        request.query.spread === '1'
          ? { procedures: spread.procedures, units: spread.units, files: [] }
          : { procedures, units: null, files: [] };
      let rows: {
        id: string;
        owner_id: number;
        storage_key: string;
        sha256: string;
        size_bytes: number;
        media_type: 'application/pdf';
        original_name: string;
        created_at: Date;
      }[] = [];
      const flush = async () => {
        if (rows.length > 0) await db.insertInto('files').values(rows).execute();
        rows = [];
      };
      for (let i = 0; i < n; i++) {
        const procedure = kits.procedures[i % kits.procedures.length]!;
        const ids = procedure.components.map((component) => {
          const id = randomUUID();
          rows.push({
            id,
            owner_id: citizen.id,
            storage_key: `bench/${id}`,
            sha256: '0'.repeat(64),
            size_bytes: 180,
            media_type: 'application/pdf',
            original_name: `${component}.pdf`,
            created_at: now,
          });
          return id;
        });
        kits.files.push(ids);
        if (rows.length >= 1000) await flush();
      }
      await flush();
      return kits;
    });
    // Valid lookups: the demo's applications (1–8 events each) and as many recent submissions.
    bench.get('/bench/tracking', hidden, async () => {
      const pick = (order: 'asc' | 'desc') =>
        db
          .selectFrom('applications')
          .select(['code', 'applicant_phone'])
          .orderBy('id', order)
          .limit(24)
          .execute();
      const rows = [...(await pick('asc')), ...(await pick('desc'))];
      return rows.map((r) => ({ code: r.code, verify: r.applicant_phone.slice(-4) }));
    });
    bench.get('/bench/stats', hidden, async (): Promise<Stats> => {
      const before = statements;
      const applications = await db
        .selectFrom('applications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const trackHits = await db
        .selectFrom('rate_limit_hits')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('bucket', 'in', ['track-code', 'track-address'])
        .executeTakeFirstOrThrow();
      statements = before; // the bench's own statements are not the app's
      return { applications: Number(applications.n), trackHits: Number(trackHits.n), statements: before };
    });
    bench.get('/bench/profile/start', hidden, async () => {
      await session?.post('Profiler.enable');
      await session?.post('Profiler.start');
      return { profiling: session !== null };
    });
    bench.get<{ Querystring: { name?: string } }>('/bench/profile/stop', hidden, async (request) => {
      if (!session || !profileDir) return { file: null };
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(profileDir, { recursive: true });
      const file = join(
        profileDir,
        `${(request.query.name ?? 'app').replace(/[^a-z0-9-]/gi, '-')}.cpuprofile`,
      );
      writeFileSync(file, JSON.stringify(profile));
      return { file };
    });
  });
  await app.ready();

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    try {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  process.stdin.on('end', () => void shutdown());
  process.stdin.on('close', () => void shutdown());
  process.stdin.resume();
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`READY ${JSON.stringify({ url: address, database: database.kind })}\n`);
}

// -------------------------------------------------------------------------------------------------
// The baselines
// -------------------------------------------------------------------------------------------------

/**
 * `pgbench -c 8 -j 2 -T seconds` on the bench's pgbench database: transactions per second, and the
 * CPU time of pgbench itself (the shell's `times` after it).
 */
async function runPgbench(url: URL, seconds: number, clients: number) {
  const { connection, env } = pgbenchConnection(url);
  const args = [
    '-c',
    '"$0" "$@"; times',
    PGBENCH,
    ...connection,
    ...['-c', String(clients), '-j', '2', '-T', String(seconds), PGBENCH_DATABASE],
  ];
  const { stdout } = await promisify(execFile)('/bin/sh', args, { env, maxBuffer: 1 << 20 });
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1];
  const latency = /latency average = ([\d.]+) ms/.exec(stdout)?.[1];
  const failed = /number of failed transactions: (\d+)/.exec(stdout)?.[1];
  const processed = /number of transactions actually processed: (\d+)/.exec(stdout)?.[1];
  if (!tps || !processed) throw new Error(`pgbench printed no tps:\n${stdout}`);
  if (failed && Number(failed) > 0) throw new Error(`pgbench: ${failed} failed transactions`);
  // `times`: the shell's user and system time, then its children's.
  const children =
    stdout
      .trim()
      .split('\n')
      .at(-1)
      ?.match(/(\d+)m([\d.]+)s/g) ?? [];
  const clientMs = children
    .map((t) => /(\d+)m([\d.]+)s/.exec(t)!)
    .reduce((ms, m) => ms + (Number(m[1]) * 60 + Number(m[2])) * 1000, 0);
  return {
    rps: round1(Number(tps)),
    latencyMean: Number(latency ?? Number.NaN),
    requests: Number(processed),
    clientMs,
  };
}

/** pgbench's connection options for the server of `url`, whose `?host=` may name a socket directory. */
function pgbenchConnection(url: URL) {
  const connection = [
    ...['-h', url.searchParams.get('host') ?? url.hostname, '-p', url.port || '5432'],
    ...['-U', decodeURIComponent(url.username || 'postgres')],
  ];
  const env = { ...process.env, ...(url.password ? { PGPASSWORD: decodeURIComponent(url.password) } : {}) };
  return { connection, env };
}

/** `pgbench -i -s 10` into the (new, empty) pgbench database. */
async function initPgbench(url: URL): Promise<void> {
  const { connection, env } = pgbenchConnection(url);
  await promisify(execFile)(PGBENCH, [...connection, '-i', '-s', '10', '-q', PGBENCH_DATABASE], {
    env,
    maxBuffer: 1 << 20,
  });
}

const RAW_COLUMNS = [
  'code',
  'procedure_code',
  'channel',
  'status',
  'applicant_name',
  'applicant_id_number',
  'applicant_phone',
  'form_data',
  'submitted_at',
  'created_at',
  'updated_at',
] as const;
const RAW_INSERT = `insert into bench_applications (${RAW_COLUMNS.join(', ')}) values (${RAW_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;

/** The PGlite baseline: a table like `applications`, on the app's own PGlite set-up, in this process. */
async function openRawPGlite(): Promise<PGlite> {
  const { openPGlite } = await import('../src/server/db/database.js');
  const { pglite } = await openPGlite({});
  await pglite.exec(`
    create table bench_applications (
      id bigint generated always as identity primary key,
      code text not null unique,
      procedure_code text not null,
      channel text not null,
      status smallint not null,
      applicant_name text not null,
      applicant_id_number text not null,
      applicant_phone text not null,
      form_data jsonb not null,
      submitted_at timestamptz not null,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index bench_applications_submitted on bench_applications (submitted_at);`);
  return pglite;
}

let rawSequence = 0;
/** Single-row inserts, one statement (and transaction) at a time, for `seconds`: rows per second. */
async function runRawLoop(pglite: PGlite, seconds: number) {
  const formData = JSON.stringify({
    childFullName: 'Nguyễn Thị Mai',
    childBirthDate: '2025-01-15',
    birthPlace: 'Trung tâm Y tế Mộc Châu',
    relationship: 'Mẹ',
  });
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let rows = 0;
  while (performance.now() < deadline) {
    const i = ++rawSequence;
    const now = new Date();
    await pglite.query(RAW_INSERT, [
      `RAW-${String(i).padStart(9, '0')}`,
      '1.000893',
      'online',
      1,
      'Nguyễn Văn Dân',
      `0140900${String(i % 100000).padStart(5, '0')}`,
      `09${String(i % 100000000).padStart(8, '0')}`,
      formData,
      now,
      now,
      now,
    ]);
    rows++;
  }
  const elapsed = (performance.now() - started) / 1000;
  return { rps: round1(rows / elapsed), latencyMean: round1((elapsed * 1000) / rows), requests: rows };
}

// -------------------------------------------------------------------------------------------------
// The load (parent process)
// -------------------------------------------------------------------------------------------------

const env = process.env;
const DATABASES = (env.BENCH_DATABASES ?? 'postgresql,pglite').split(',').filter(Boolean);
const POSTGRES_URL =
  env.BENCH_POSTGRES_URL || env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 8);
const DURATION = Number(env.BENCH_DURATION ?? 30);
const WARMUP = Number(env.BENCH_WARMUP ?? 5);
const ROUNDS = Math.min(Number(env.BENCH_ROUNDS ?? 3), 10);
const DIAGNOSTICS = env.BENCH_DIAGNOSTICS !== '0';
const PROFILE = env.BENCH_PROFILE === '1';
const OUTPUT = env.BENCH_OUTPUT ?? `${ROOT}bench/results/submissions.json`;
const RUN_ID = randomUUID().slice(0, 8);

type TargetName = 'baseline' | 'submit' | 'spread' | 'hello' | 'track' | 'upload';

/** CPU time per request, ms: the server process, the PostgreSQL backends, the load generator. */
interface Cpu {
  server?: number;
  postgres?: number;
  client?: number;
}

interface Sample {
  round: number;
  rps: number;
  latencyP50?: number;
  latencyP99?: number;
  latencyMean: number;
  statementsPerRequest?: number;
  cpuMsPerRequest: Cpu;
  loadAverage: number;
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const BOUNDARY = '----motcua-bench-boundary';
const UPLOAD_BODY = Buffer.concat([
  Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="to-khai.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  ),
  PDF,
  Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
]);

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (response.status !== 200)
    throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function login(appUrl: string): Promise<string> {
  const response = await fetch(`${appUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'citizen', password: 'motcua-demo' }),
  });
  const sid = response.headers
    .getSetCookie()
    .map((c) => /^sid=([^;]+)/.exec(c)?.[1])
    .find(Boolean);
  if (response.status !== 200 || !sid) throw new Error(`login failed: ${response.status}`);
  return `sid=${sid}`;
}

/**
 * CPU time over a window of one process and of the PostgreSQL backends of one database: backends
 * are looked up every half second (a pool may open one mid-window; one that closes loses at most
 * its last half second).
 */
function meterCpu(admin: pg.Client | null, database: string | null, pid: number | undefined) {
  const base = new Map<number, number>();
  const last = new Map<number, number>();
  const processStart = pid ? processCpuMs(pid) : 0;
  const sample = async (first: boolean) => {
    if (!admin || !database) return;
    const { rows } = await admin.query<{ pid: number }>(
      `select pid from pg_stat_activity where datname = $1 and backend_type = 'client backend'`,
      [database],
    );
    for (const row of rows) {
      const ms = processCpuMs(row.pid);
      if (ms === 0) continue;
      if (!base.has(row.pid)) base.set(row.pid, first ? ms : 0);
      last.set(row.pid, ms);
    }
  };
  let running = true;
  const ready = sample(true);
  const loop = (async () => {
    await ready;
    while (running) {
      await new Promise((r) => setTimeout(r, 500));
      await sample(false);
    }
  })();
  return {
    ready,
    async stop(): Promise<{ server: number; postgres: number }> {
      running = false;
      await loop;
      await sample(false);
      let postgres = 0;
      for (const [backend, ms] of last) postgres += ms - (base.get(backend) ?? 0);
      return { server: pid ? processCpuMs(pid) - processStart : 0, postgres };
    },
  };
}

const perRequest = (ms: number, requests: number) => Number((ms / requests).toFixed(3));

interface SessionResult {
  database: string;
  baseline: string;
  loadAverage: { start: number[]; end: number[] };
  started: string;
  ended: string;
  targets: Record<
    TargetName,
    {
      label: string;
      rps: number;
      latencyP50?: number;
      latencyP99?: number;
      latencyMean: number;
      statementsPerRequest?: number;
      cpuMsPerRequest: Cpu;
      ratio?: number;
      samples: Sample[];
    }
  >;
  documentsPerSubmission: number;
  /** Submissions per second of the complete flow (upload every document, then submit), from the medians. */
  completeSubmissionsPerSecond?: number;
  trackHits: number;
}

async function benchDatabase(database: string): Promise<SessionResult> {
  const startedAt = new Date().toISOString();
  const loadStart = loadavg().map(round1);
  const postgres = database === 'postgresql';
  const serverUrl = new URL(POSTGRES_URL);
  const children: Child[] = [];
  let raw: PGlite | null = null;
  let admin: pg.Client | null = null;
  const { preparePostgresTemplate, postgresTemplateName, withDatabase } = await import(
    '../test/helpers/template.js'
  );
  try {
    if (postgres) {
      log(`\n[${database}] pgbench -i -s 10 on ${PGBENCH_DATABASE}; ${BENCH_DATABASE} from the template…`);
      admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      await admin.query(`drop database if exists "${PGBENCH_DATABASE}" with (force)`);
      await admin.query(`create database "${PGBENCH_DATABASE}"`);
      await initPgbench(serverUrl);
      await preparePostgresTemplate(POSTGRES_URL);
      await admin.query(`drop database if exists "${BENCH_DATABASE}" with (force)`);
      await admin.query(`create database "${BENCH_DATABASE}" template "${postgresTemplateName()}"`);
    } else {
      log(`\n[${database}] opening the raw PGlite…`);
      raw = await openRawPGlite();
    }
    log(`[${database}] starting the hello world and the app (demo data)…`);
    const hello = await startChild('bench/hello.ts');
    children.push(hello);
    const app = (await startChild('bench/submissions.ts', {
      env: {
        SUBMISSIONS_BENCH_SERVE: '1',
        DATABASE_URL: postgres ? withDatabase(POSTGRES_URL, BENCH_DATABASE) : undefined,
        BENCH_PROFILE_DIR: PROFILE ? `${ROOT}.tmp/bench-profiles` : undefined,
      },
      timeoutMs: 10 * 60_000,
    })) as Child & { database: string };
    children.push(app);
    if (app.database !== database) throw new Error(`expected ${database}, the app runs ${app.database}`);
    const cookies: string[] = [];
    for (let i = 0; i < CONNECTIONS; i++) cookies.push(await login(app.url));

    /** One autocannon window against `server`, with statements and CPU per request around it. */
    const measured = async (
      server: Child,
      options: Parameters<typeof autocannon>[0],
      what: string,
      round: number,
      countRequests?: (before: Stats, after: Stats, result: Result) => number,
    ) => {
      const isApp = server === app;
      const before = isApp ? await getJson<Stats>(`${app.url}/bench/stats`) : undefined;
      const meter = meterCpu(admin, isApp ? BENCH_DATABASE : null, server.pid);
      await meter.ready;
      const clientBefore = process.cpuUsage();
      const result = await autocannon(options);
      const client = process.cpuUsage(clientBefore);
      const cpu = await meter.stop();
      if (result.errors || result.timeouts || result.non2xx)
        throw new Error(
          `${what}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx responses`,
        );
      const after = isApp ? await getJson<Stats>(`${app.url}/bench/stats`) : undefined;
      const requests =
        before && after && countRequests ? countRequests(before, after, result) : result['2xx'];
      const sample: Sample = {
        round,
        rps: round1(result.requests.average),
        latencyP50: result.latency.p50,
        latencyP99: result.latency.p99,
        latencyMean: round1(result.latency.average),
        ...(before && after
          ? { statementsPerRequest: round1((after.statements - before.statements) / requests) }
          : {}),
        cpuMsPerRequest: {
          server: perRequest(cpu.server, requests),
          ...(isApp && postgres ? { postgres: perRequest(cpu.postgres, requests) } : {}),
          client: perRequest((client.user + client.system) / 1000, requests),
        },
        loadAverage: round1(loadavg()[0] ?? 0),
      };
      return { sample, result, before, after };
    };

    // ---- the windows ----
    let rateEstimate = 50;
    let kitsUsed = 0;
    let documentsPerSubmission = 0;
    const submitWindow = async (seconds: number, round: number, spread = false) => {
      let wanted = Math.ceil(Math.max(rateEstimate, 20) * seconds * 1.6) + 200;
      for (let attempt = 1; attempt <= 4; attempt++) {
        await getJson(`${app.url}/bench/next-day`);
        const kits = await getJson<Kits>(`${app.url}/bench/kits?n=${wanted}${spread ? '&spread=1' : ''}`);
        const bodies = kits.files.map((files, i) => {
          const procedure = kits.procedures[i % kits.procedures.length]!;
          const n = kitsUsed + i;
          return JSON.stringify({
            procedureCode: procedure.code,
            ...(kits.units ? { unitCode: kits.units[i % kits.units.length] } : {}),
            applicant: {
              fullName: 'Nguyễn Văn Dân',
              idNumber: `0140900${String(n % 100000).padStart(5, '0')}`,
              phone: `09${String(n % 100000000).padStart(8, '0')}`,
            },
            formData: procedure.formData,
            documents: procedure.components.map((componentId, j) => ({ componentId, fileId: files[j] })),
          });
        });
        if (!spread)
          documentsPerSubmission =
            kits.procedures.reduce((n, p) => n + p.components.length, 0) / kits.procedures.length;
        let next = 0;
        let exhausted = false;
        const request: Request = {
          method: 'POST',
          path: '/api/v1/applications',
          setupRequest: (req) => {
            const i = next++;
            const body = bodies[i];
            if (body === undefined) {
              exhausted = true;
              return { ...req, method: 'GET', path: '/bench/kits-exhausted', body: '' };
            }
            return {
              ...req,
              body,
              headers: {
                ...req.headers,
                'content-type': 'application/json',
                cookie: cookies[i % cookies.length]!,
                'idempotency-key': `bench-${RUN_ID}-${kitsUsed + i}`,
              },
            };
          },
        };
        try {
          const { sample, result, before, after } = await measured(
            app,
            { url: app.url, connections: CONNECTIONS, duration: seconds, requests: [request] },
            'POST /api/v1/applications',
            round,
            (b, a) => a.applications - b.applications,
          );
          kitsUsed += bodies.length;
          rateEstimate = Math.max(rateEstimate, sample.rps);
          const made = after!.applications - before!.applications;
          if (made < result['2xx'] || made > result['2xx'] + CONNECTIONS)
            throw new Error(`${made} applications made for ${result['2xx']} answers`);
          return sample;
        } catch (error) {
          kitsUsed += bodies.length;
          if (!exhausted) throw error;
          wanted *= 2;
          log(`  (the documents ran out; again with ${wanted})`);
        }
      }
      throw new Error('the submissions outran every pool of documents');
    };
    let tracking: { code: string; verify: string }[] = [];
    const trackWindow = async (seconds: number, round: number) => {
      let next = 0;
      const request: Request = {
        method: 'GET',
        setupRequest: (req) => {
          const t = tracking[next++ % tracking.length]!;
          return { ...req, path: `/api/v1/track/${t.code}?verify=${t.verify}` };
        },
      };
      const options = { url: app.url, connections: CONNECTIONS, duration: seconds, requests: [request] };
      return (await measured(app, options, 'GET /api/v1/track', round)).sample;
    };
    const helloWindow = async (seconds: number, round: number) =>
      (await measured(hello, { url: hello.url, connections: CONNECTIONS, duration: seconds }, 'hello', round))
        .sample;
    const uploadWindow = async (seconds: number, round: number) => {
      const options = {
        url: `${app.url}/api/v1/files`,
        connections: CONNECTIONS,
        duration: seconds,
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, cookie: cookies[0]! },
        body: UPLOAD_BODY,
      };
      return (await measured(app, options, 'POST /api/v1/files', round)).sample;
    };
    const baselineWindow = async (seconds: number, round: number): Promise<Sample> => {
      if (postgres) {
        const meter = meterCpu(admin, PGBENCH_DATABASE, undefined);
        await meter.ready;
        const result = await runPgbench(serverUrl, seconds, CONNECTIONS);
        const cpu = await meter.stop();
        return {
          round,
          rps: result.rps,
          latencyMean: result.latencyMean,
          cpuMsPerRequest: {
            postgres: perRequest(cpu.postgres, result.requests),
            client: perRequest(result.clientMs, result.requests),
          },
          loadAverage: round1(loadavg()[0] ?? 0),
        };
      }
      const before = process.cpuUsage();
      const result = await runRawLoop(raw!, seconds);
      const cpu = process.cpuUsage(before);
      return {
        round,
        rps: result.rps,
        latencyMean: result.latencyMean,
        cpuMsPerRequest: { server: perRequest((cpu.user + cpu.system) / 1000, result.requests) },
        loadAverage: round1(loadavg()[0] ?? 0),
      };
    };

    // ---- checks and warm-up ----
    log(`[${database}] warming up ${WARMUP} s each…`);
    const first = await submitWindow(WARMUP, 0);
    log(`  submissions ${first.rps}/s`);
    tracking = await getJson<{ code: string; verify: string }[]>(`${app.url}/bench/tracking`);
    const check = await fetch(`${app.url}/api/v1/track/${tracking[0]!.code}?verify=${tracking[0]!.verify}`);
    const checkBody = await check.text();
    if (check.status !== 200 || !checkBody.includes(tracking[0]!.code))
      throw new Error(`tracking answered ${check.status}: ${checkBody.slice(0, 200)}`);
    if (checkBody.includes('Nguyễn Văn Dân')) throw new Error('tracking shows the applicant name');
    await trackWindow(WARMUP, 0);
    await helloWindow(WARMUP, 0);
    if (DIAGNOSTICS) {
      await submitWindow(WARMUP, 0, true);
      await uploadWindow(WARMUP, 0);
    }
    await baselineWindow(WARMUP, 0);

    // ---- rounds ----
    const windows: Record<TargetName, (seconds: number, round: number) => Promise<Sample>> = {
      baseline: baselineWindow,
      submit: submitWindow,
      spread: (seconds, round) => submitWindow(seconds, round, true),
      hello: helloWindow,
      track: trackWindow,
      upload: uploadWindow,
    };
    const names: TargetName[] = [
      'baseline',
      'submit',
      'hello',
      'track',
      ...(DIAGNOSTICS ? (['spread', 'upload'] as const) : []),
    ];
    const samples = new Map<TargetName, Sample[]>(names.map((n) => [n, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      const order = names.map((_, i) => names[(i + round - 1) % names.length]!);
      for (const name of order) {
        const profiled = PROFILE && round === ROUNDS && (name === 'submit' || name === 'track');
        if (profiled) await getJson(`${app.url}/bench/profile/start`);
        const sample = await windows[name](DURATION, round);
        if (profiled) {
          const { file } = await getJson<{ file: string | null }>(
            `${app.url}/bench/profile/stop?name=submissions-${database}-${name}`,
          );
          if (file) log(summariseProfile(file, 25));
        }
        samples.get(name)!.push(sample);
        const cpu = sample.cpuMsPerRequest;
        log(
          `[${database}] round ${round} ${name.padEnd(8)} ${String(sample.rps).padStart(8)}/s  mean ${sample.latencyMean} ms` +
            (sample.statementsPerRequest !== undefined ? `  ${sample.statementsPerRequest} statements` : '') +
            `  CPU ms/request: server ${cpu.server ?? '–'}, postgres ${cpu.postgres ?? '–'}, client ${cpu.client ?? '–'}` +
            `  (load ${sample.loadAverage})`,
        );
      }
    }
    const stats = await getJson<Stats>(`${app.url}/bench/stats`);

    const labels: Record<TargetName, string> = {
      baseline: postgres
        ? '`pgbench -c 8 -j 2` (after `pgbench -i -s 10`), transactions (baseline)'
        : 'raw loop of single-row inserts, same PGlite, one process (baseline)',
      submit: '`POST /api/v1/applications`',
      spread: '`POST /api/v1/applications`, spread over the 15 commune counters (diagnostic)',
      hello: 'bare Fastify `GET /` (baseline)',
      track: '`GET /api/v1/track/{code}?verify=…`',
      upload: '`POST /api/v1/files` (one document; diagnostic)',
    };
    const ratioTo = (name: TargetName, base: TargetName) => {
      const baseByRound = new Map(samples.get(base)!.map((s) => [s.round, s.rps]));
      return Number(median(samples.get(name)!.map((s) => s.rps / baseByRound.get(s.round)!)).toFixed(3));
    };
    const targets = Object.fromEntries(
      names.map((name) => {
        const list = samples.get(name)!;
        const med = (pick: (s: Sample) => number | undefined) => {
          const values = list.map(pick).filter((v): v is number => v !== undefined);
          return values.length > 0 ? Number(median(values).toFixed(3)) : undefined;
        };
        const cpu: Cpu = {};
        for (const part of ['server', 'postgres', 'client'] as const) {
          const value = med((s) => s.cpuMsPerRequest[part]);
          if (value !== undefined) cpu[part] = value;
        }
        return [
          name,
          {
            label: labels[name],
            rps: round1(median(list.map((s) => s.rps))),
            latencyP50: med((s) => s.latencyP50),
            latencyP99: med((s) => s.latencyP99),
            latencyMean: med((s) => s.latencyMean)!,
            statementsPerRequest: med((s) => s.statementsPerRequest),
            cpuMsPerRequest: cpu,
            ratio:
              name === 'submit' || name === 'spread'
                ? ratioTo(name, 'baseline')
                : name === 'track'
                  ? ratioTo('track', 'hello')
                  : name === 'baseline' || name === 'hello'
                    ? 1
                    : undefined,
            samples: list,
          },
        ];
      }),
    ) as SessionResult['targets'];
    const upload = targets.upload?.rps;
    return {
      database,
      baseline: postgres ? 'pgbench' : 'raw PGlite inserts',
      loadAverage: { start: loadStart, end: loadavg().map(round1) },
      started: startedAt,
      ended: new Date().toISOString(),
      targets,
      documentsPerSubmission: round1(documentsPerSubmission),
      ...(upload
        ? {
            completeSubmissionsPerSecond: round1(
              1 / (documentsPerSubmission / upload + 1 / targets.submit.rps),
            ),
          }
        : {}),
      trackHits: stats.trackHits,
    };
  } finally {
    for (const child of children.reverse()) await child.stop();
    await raw?.close();
    if (admin) {
      await admin.query(`drop database if exists "${BENCH_DATABASE}" with (force)`).catch(() => {});
      await admin.query(`drop database if exists "${PGBENCH_DATABASE}" with (force)`).catch(() => {});
      await admin.end();
    }
  }
}

async function main() {
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: round1(totalmem() / 2 ** 30),
    node: process.version,
    loadAverageAtStart: loadavg().map(round1),
  };
  log(
    `MotCua online applications benchmark: ${CONNECTIONS} connections, ${ROUNDS} rounds × ${DURATION} s, warm-up ${WARMUP} s; ${machine.cpus} CPUs, load ${machine.loadAverageAtStart.join(' ')}`,
  );
  const sessions: SessionResult[] = [];
  const skipped: string[] = [];
  for (const database of DATABASES) {
    if (database === 'postgresql' && !(await postgresReachable(POSTGRES_URL))) {
      log(`PostgreSQL at ${POSTGRES_URL} is not reachable: skipped.`);
      skipped.push(database);
      continue;
    }
    sessions.push(await benchDatabase(database));
  }

  const lines = [
    `Online applications: ${CONNECTIONS} connections, ${ROUNDS} rounds × ${DURATION} s; medians over rounds; ratios taken round by round.`,
    '',
    '| database | endpoint | per s (median) | p50 ms | p99 ms | mean ms | statements/req | CPU ms/req: server | postgres | client | ratio |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const verdicts: string[] = [];
  let met = true;
  for (const s of sessions) {
    for (const t of Object.values(s.targets)) {
      const cpu = t.cpuMsPerRequest;
      lines.push(
        `| ${s.database} | ${t.label} | ${t.rps} | ${t.latencyP50 ?? '–'} | ${t.latencyP99 ?? '–'} | ${t.latencyMean} | ${t.statementsPerRequest ?? '–'} | ${cpu.server ?? '–'} | ${cpu.postgres ?? '–'} | ${cpu.client ?? '–'} | ${t.ratio?.toFixed(3) ?? '–'} |`,
      );
    }
    const submit = s.targets.submit.ratio ?? 0;
    const submitMet = submit >= 0.5;
    verdicts.push(
      `- ${s.database}: submissions ÷ ${s.baseline} = ${submit.toFixed(3)} — ${submitMet ? 'met' : 'NOT MET'} (≥ 0.5${s.database === 'pglite' ? '; the issue sets no number for PGlite' : ''})`,
    );
    const track = s.targets.track.ratio ?? 0;
    if (s.database === 'postgresql') {
      if (!submitMet || track < 0.25) met = false;
      verdicts.push(
        `- ${s.database}: tracking ÷ hello world = ${track.toFixed(3)} — ${track >= 0.25 ? 'met' : 'NOT MET'} (≥ 0.25)`,
      );
    } else verdicts.push(`- ${s.database}: tracking ÷ hello world = ${track.toFixed(3)} (not a target)`);
    if (s.completeSubmissionsPerSecond)
      verdicts.push(
        `- ${s.database}: a complete submission (${s.documentsPerSubmission} uploads on average, then the submit): about ${s.completeSubmissionsPerSecond}/s`,
      );
    if (s.trackHits > 0)
      verdicts.push(`- ${s.database}: ${s.trackHits} tracking lookups counted as failed guesses!`);
    verdicts.push(
      `- ${s.database}: load average ${s.loadAverage.start.join(' ')} at the start, ${s.loadAverage.end.join(' ')} at the end`,
    );
  }
  for (const name of skipped) verdicts.push(`- skipped: ${name} (not reachable)`);
  process.stdout.write(`\n${[...lines, '', ...verdicts].join('\n')}\n`);
  writeResult(OUTPUT, {
    benchmark: 'submissions',
    date: new Date().toISOString(),
    machine,
    settings: { connections: CONNECTIONS, durationSeconds: DURATION, warmupSeconds: WARMUP, rounds: ROUNDS },
    sessions,
    met,
    skipped,
  });
  log(`\nwritten: ${OUTPUT.replace(ROOT, '')}`);
  if (!met) process.exitCode = 1;
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain && process.env.SUBMISSIONS_BENCH_SERVE === '1') {
  serve().catch((error: unknown) => {
    process.stderr.write(
      `submissions bench server failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  });
} else if (isMain) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
