// Child processes for the benchmarks: each server runs in its own Node process (so the load
// generator does not share its event loop), prints `READY {"url":…}` and stops when its stdin closes.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface Child {
  url: string;
  database?: string;
  /** The process id, for reading its CPU time from /proc. */
  pid?: number;
  stop(): Promise<void>;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Starts `node --import tsx <script>` and waits (at most `timeoutMs`) for its READY line. */
export async function startChild(
  script: string,
  options: { env?: Record<string, string | undefined>; nodeArgs?: string[]; timeoutMs?: number } = {},
): Promise<Child> {
  const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'silent', ...options.env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', script], {
    cwd: ROOT,
    env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const stop = async () => {
    child.stdin?.end();
    if (await waitForExit(child, 30_000)) return;
    child.kill('SIGTERM');
    if (await waitForExit(child, 5_000)) return;
    child.kill('SIGKILL');
    await waitForExit(child, 5_000);
  };
  const ready = await new Promise<{ url: string; database?: string }>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(
      () => reject(new Error(`${script} was not ready after ${options.timeoutMs ?? 120_000} ms`)),
      options.timeoutMs ?? 120_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const line = buffer.split('\n').find((l) => l.startsWith('READY '));
      if (!line) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice(6)) as { url: string; database?: string });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { ...ready, ...(child.pid ? { pid: child.pid } : {}), stop };
}

/** Writes a result file as JSON, formatted the way `npm run lint` (Biome) wants it. */
export function writeResult(file: string, data: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  try {
    execFileSync(`${ROOT}node_modules/.bin/biome`, ['format', '--write', file], {
      cwd: ROOT,
      stdio: 'ignore',
    });
  } catch {
    // Unformatted JSON is still a valid result; the linter will say so.
  }
}
