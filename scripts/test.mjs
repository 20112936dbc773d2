#!/usr/bin/env node
// `npm test`: typecheck, lint, every unit and route test, then the browser tests in Chromium.
// Where Chromium is missing it is installed with apt when possible; otherwise the browser tests
// are skipped with instructions, except under CI=true, where a missing browser fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ci = process.env.CI === 'true';
const extra = process.argv.slice(2);

function run(label, command, args, env = {}) {
  process.stdout.write(`\n> ${label}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    process.stderr.write(`\n${label} failed.\n`);
    process.exit(result.status ?? 1);
  }
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    process.stdout.write("\n> Chromium is missing: installing Debian's chromium with apt-get\n");
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  return existsSync(CHROMIUM);
}

run('Typecheck (tsc --noEmit)', 'npx', ['tsc', '--noEmit']);
run('Lint (biome)', 'npx', ['biome', 'check', '.']);
run('Unit and route tests (vitest)', 'npx', ['vitest', 'run', ...extra]);

if (ensureChromium()) {
  run('Browser tests (Playwright in Chromium, with axe)', 'npx', [
    'vitest',
    'run',
    '--config',
    'vitest.e2e.config.ts',
  ]);
} else if (ci) {
  process.stderr.write(`\nChromium is required under CI=true but was not found at ${CHROMIUM}.\n`);
  process.exit(1);
} else {
  process.stdout.write(
    `\nBrowser tests SKIPPED: Chromium was not found at ${CHROMIUM} and could not be installed.\n` +
      'Install it with `sudo apt-get install chromium` (or set CHROMIUM_PATH) and run `npm test` again.\n',
  );
}
