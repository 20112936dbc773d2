// Profiles the app serving one path under load: starts bench/serve.ts with BENCH_CPU_PROFILE (PGlite,
// or PostgreSQL with DATABASE_URL), runs autocannon against the path (10 connections), stops the
// server so the profile is written, and prints where the server's CPU time went.
//   npx tsx bench/profile.ts [/don-vi] [seconds]     profiles land in .tmp/bench-profiles/
import { mkdirSync } from 'node:fs';
import autocannon from 'autocannon';
import { ROOT, startChild } from './process.js';
import { summariseProfile } from './profile-summary.js';

const path = process.argv[2] ?? '/don-vi';
const seconds = Math.min(Number(process.argv[3] ?? 15), 120);
const kind = process.env.DATABASE_URL ? 'postgresql' : 'pglite';
mkdirSync(`${ROOT}.tmp/bench-profiles`, { recursive: true });
const file = `${ROOT}.tmp/bench-profiles/${kind}${path.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`;

const app = await startChild('bench/serve.ts', { env: { BENCH_CPU_PROFILE: file } });
try {
  const r = await autocannon({ url: `${app.url}${path}`, connections: 10, duration: seconds });
  process.stdout.write(
    `${kind} ${path}: ${r.requests.average} req/s, p50 ${r.latency.p50} ms, ${r.non2xx} non-2xx\n`,
  );
} finally {
  await app.stop();
}
process.stdout.write(summariseProfile(file, 30));
