// Load sessions with autocannon: a bare Fastify hello world (bench/hello.ts) and the app
// (bench/serve.ts) each in their own process, started one after the other, warmed up, then measured
// in interleaved rounds (the order rotates every round) so that each figure has a baseline measured
// moments before or after it. Ratios are taken round by round, then the median is reported.
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { type Child, ROOT, startChild } from './process.js';

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  /** Write a CPU profile of the app process (READY to stop) under .tmp/bench-profiles/. */
  profile?: boolean;
}

export interface LoadTarget {
  name: string;
  label: string;
  /** `hello` is the baseline process; `app` is MotCua. The first target must be the baseline. */
  server: 'hello' | 'app';
  path: string;
  /** Throws when the first response is not what the target is supposed to measure. */
  check?: (body: string, response: Response) => void;
}

export interface Sample {
  round: number;
  rps: number;
  latencyP50: number;
  latencyP99: number;
  latencyMean: number;
  bytesPerResponse: number;
}

export interface TargetSummary {
  label: string;
  path: string;
  rps: number;
  latencyP50: number;
  latencyP99: number;
  latencyMean: number;
  bytesPerResponse: number;
  /** Median over rounds of (this target's req/s ÷ the baseline's req/s in the same round). */
  ratio: number;
  samples: Sample[];
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
export const round1 = (n: number) => Math.round(n * 10) / 10;
export const log = (line: string) => process.stderr.write(`${line}\n`);

export async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function fire(url: string, connections: number, duration: number): Promise<Result> {
  const result = await autocannon({ url, connections, duration });
  if (result.errors || result.timeouts || result.non2xx)
    throw new Error(
      `${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx responses`,
    );
  return result;
}

/** Runs one session: both servers on `database` ('pglite' or 'postgresql' at `postgresUrl`). */
export async function runLoadSession(
  database: string,
  postgresUrl: string,
  targets: LoadTarget[],
  options: LoadOptions,
  appEnv: Record<string, string> = {},
): Promise<Record<string, TargetSummary>> {
  if (targets[0]?.server !== 'hello') throw new Error('the first target must be the hello world baseline');
  const children: Child[] = [];
  try {
    log(`\n[${database}] starting the hello world and the app (fresh database, demo data)…`);
    const hello = await startChild('bench/hello.ts');
    children.push(hello);
    const app = await startChild('bench/serve.ts', {
      env: {
        ...appEnv,
        DATABASE_URL: database === 'postgresql' ? postgresUrl : undefined,
        BENCH_CPU_PROFILE: options.profile
          ? `${ROOT}.tmp/bench-profiles/session-${database}-${Date.now()}.cpuprofile`
          : undefined,
      },
    });
    children.push(app);
    if (app.database !== database) throw new Error(`expected ${database}, the server runs ${app.database}`);
    const urlOf = (t: LoadTarget) => `${t.server === 'hello' ? hello.url : app.url}${t.path}`;

    for (const target of targets) {
      const response = await fetch(urlOf(target));
      const body = await response.text();
      if (response.status !== 200) throw new Error(`${urlOf(target)} answered ${response.status}`);
      target.check?.(body, response);
    }

    log(`[${database}] warming up ${options.warmupSeconds} s each…`);
    for (const target of targets) await fire(urlOf(target), options.connections, options.warmupSeconds);

    const samples = new Map<string, Sample[]>(targets.map((t) => [t.name, []]));
    for (let round = 1; round <= options.rounds; round++) {
      // Rotate the order each round so no target always runs first (or last) after a pause.
      const order = targets.map((_, i) => targets[(i + round - 1) % targets.length]!);
      for (const target of order) {
        const r = await fire(urlOf(target), options.connections, options.durationSeconds);
        const sample: Sample = {
          round,
          rps: round1(r.requests.average),
          latencyP50: r.latency.p50,
          latencyP99: r.latency.p99,
          latencyMean: round1(r.latency.average),
          bytesPerResponse: Math.round(r.throughput.total / Math.max(1, r.requests.total)),
        };
        samples.get(target.name)!.push(sample);
        log(
          `[${database}] round ${round} ${target.name.padEnd(16)} ${String(sample.rps).padStart(8)} req/s  p50 ${sample.latencyP50} ms  p99 ${sample.latencyP99} ms`,
        );
      }
    }

    const baseline = new Map(samples.get(targets[0].name)!.map((s) => [s.round, s.rps]));
    const summary: Record<string, TargetSummary> = {};
    for (const target of targets) {
      const list = samples.get(target.name)!;
      summary[target.name] = {
        label: target.label,
        path: target.path,
        rps: round1(median(list.map((s) => s.rps))),
        latencyP50: median(list.map((s) => s.latencyP50)),
        latencyP99: median(list.map((s) => s.latencyP99)),
        latencyMean: round1(median(list.map((s) => s.latencyMean))),
        bytesPerResponse: median(list.map((s) => s.bytesPerResponse)),
        ratio: Number(median(list.map((s) => s.rps / baseline.get(s.round)!)).toFixed(3)),
        samples: list,
      };
    }
    return summary;
  } finally {
    for (const child of children.reverse()) await child.stop();
  }
}

/** The markdown table of one or more sessions. */
export function loadTable(sessions: Record<string, Record<string, TargetSummary>>): string[] {
  const lines = [
    '| database | endpoint | req/s (median) | p50 ms | p99 ms | bytes/resp | ratio to hello world |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const [database, summary] of Object.entries(sessions))
    for (const s of Object.values(summary))
      lines.push(
        `| ${database} | ${s.label} | ${s.rps} | ${s.latencyP50} | ${s.latencyP99} | ${s.bytesPerResponse} | ${s.ratio.toFixed(3)} |`,
      );
  return lines;
}
