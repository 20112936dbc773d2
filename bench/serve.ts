// The app for the load benchmarks, in its own process (see app-setup.ts for what it runs on):
// listens on a free loopback port, prints one line `READY {"url":…,"database":…}`, and stops on
// SIGTERM, SIGINT or when its stdin closes. With BENCH_CPU_PROFILE=FILE it records a V8 CPU profile
// from READY to the stop (start-up, migrations and the demo load left out) and writes it to FILE.
// With BENCH_VARIANTS=1 it also serves the bench-only variants of /don-vi (variant-routes.ts).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { startBenchApp } from './app-setup.js';
import { registerVariantRoutes } from './variant-routes.js';

try {
  const bench = await startBenchApp({
    ...(process.env.BENCH_VARIANTS === '1' ? { extend: registerVariantRoutes } : {}),
  });
  const profileFile = process.env.BENCH_CPU_PROFILE;
  const session = profileFile ? new Session() : null;
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    try {
      if (session && profileFile) {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(profileFile, JSON.stringify(profile));
        session.disconnect();
      }
      await bench.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  process.stdin.on('end', () => void shutdown());
  process.stdin.on('close', () => void shutdown());
  process.stdin.resume();
  const url = await bench.app.listen({ port: 0, host: '127.0.0.1' });
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  process.stdout.write(`READY ${JSON.stringify({ url, database: bench.deps.database.kind })}\n`);
} catch (error) {
  process.stderr.write(`bench server failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
}
