// `npm start` as a user runs it: a real process on the embedded database, stopped with a signal.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

function start(dataDir: string): Promise<{ child: ChildProcess; baseUrl: string; output: () => string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL; // what must survive a signal is the embedded database's own files
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: ROOT, env });
  let out = '';
  child.stdout?.on('data', (chunk) => {
    out += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    out += String(chunk);
  });
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /running at (http:\/\/localhost:\d+)/.exec(out);
      if (match?.[1]) {
        clearInterval(timer);
        resolve({ child, baseUrl: match[1], output: () => out });
      }
    }, 100);
    child.on('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`server exited with ${code}: ${out}`));
    });
  });
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

// The process tests always use the embedded database; the PostgreSQL run skips them as repeats.
describe.skipIf(Boolean(process.env.DATABASE_URL))('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints the URL, the database and the demo logins, and answers /healthz', async () => {
    const server = await start(dataDir);
    const text = server.output();
    expect(text).toContain('Database: pglite');
    expect(text).toContain('Mộc Châu demo data loaded');
    for (const login of ['admin', 'counter', 'specialist', 'head', 'leader', 'team', 'citizen'])
      expect(text).toContain(login);
    const health = await fetch(`${server.baseUrl}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'pglite' });

    // A committed write, then SIGTERM: the process exits cleanly and the write is still there.
    const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'citizen', password: 'motcua-demo' }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(await stop(server.child, 'SIGTERM')).toBe(0);

    // The session written just before the signal still signs the citizen in after a restart.
    const again = await start(dataDir);
    expect(again.output()).not.toContain('demo data loaded');
    const me = await fetch(`${again.baseUrl}/api/v1/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect((await me.json()).username).toBe('citizen');
    expect(await stop(again.child, 'SIGINT')).toBe(0);
  }, 120_000);
});
