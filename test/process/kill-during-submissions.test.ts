// Reliability: SIGKILL the server in the middle of a burst of online submissions, start it again,
// and check that every application whose code was returned is there with its file, and that no
// code was issued twice. On the embedded database, where durability is the app's own concern.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function start(dataDir: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: ROOT, env });
  let out = '';
  child.stdout?.on('data', (c) => {
    out += String(c);
  });
  child.stderr?.on('data', (c) => {
    out += String(c);
  });
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /running at (http:\/\/localhost:\d+)/.exec(out);
      if (match?.[1]) {
        clearInterval(timer);
        resolve({ child, baseUrl: match[1] });
      }
    }, 100);
    child.on('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`server exited with ${code}: ${out}`));
    });
  });
}

async function login(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'citizen', password: 'motcua-demo' }),
  });
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

// The process tests always use the embedded database; the PostgreSQL run skips them as repeats.
describe.skipIf(Boolean(process.env.DATABASE_URL))('a crash during a burst of submissions', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-kill-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loses no acknowledged application and issues no code twice', async () => {
    const first = await start(dataDir);
    const cookie = await login(first.baseUrl);
    const procedures = await (
      await fetch(`${first.baseUrl}/api/v1/procedures?level=district&onlineLevel=full&pageSize=100`)
    ).json();
    let target: { code: string; components: { id: string; required: boolean }[] } | undefined;
    for (const item of procedures.items as { code: string; dataCompleteness: string }[]) {
      if (item.dataCompleteness !== 'full') continue;
      const detail = await (await fetch(`${first.baseUrl}/api/v1/procedures/${item.code}`)).json();
      const form = await (await fetch(`${first.baseUrl}/api/v1/procedures/${item.code}/form`)).json();
      target = { code: item.code, components: detail.components };
      (target as { form?: unknown }).form = form;
      break;
    }
    if (!target) throw new Error('no full-online district procedure in the demo');
    const form = (target as unknown as { form: { properties: Record<string, { examples: unknown[] }> } })
      .form;
    const formData = Object.fromEntries(Object.entries(form.properties).map(([k, v]) => [k, v.examples[0]]));
    const acknowledged: { code: string; fileIds: string[] }[] = [];
    let stop = false;
    const client = async () => {
      while (!stop) {
        try {
          const documents = [];
          for (const component of target!.components.filter((c) => c.required)) {
            const body = new FormData();
            body.append('file', new Blob([PDF], { type: 'application/pdf' }), 'doc.pdf');
            const uploaded = await fetch(`${first.baseUrl}/api/v1/files`, {
              method: 'POST',
              headers: { cookie },
              body,
            });
            if (uploaded.status !== 201) throw new Error(`upload ${uploaded.status}`);
            documents.push({ componentId: component.id, fileId: (await uploaded.json()).id });
          }
          const response = await fetch(`${first.baseUrl}/api/v1/applications`, {
            method: 'POST',
            headers: { cookie, 'content-type': 'application/json' },
            body: JSON.stringify({
              procedureCode: target!.code,
              applicant: { fullName: 'Nguyễn Văn An', idNumber: '014090001234', phone: '0912345678' },
              formData,
              documents,
            }),
          });
          if (response.status === 201) {
            acknowledged.push({
              code: (await response.json()).code,
              fileIds: documents.map((d) => d.fileId),
            });
          }
        } catch {
          return; // the server is gone
        }
      }
    };
    const clients = [client(), client(), client(), client()];
    // Let the burst run, then pull the plug without warning.
    while (acknowledged.length < 12) await new Promise((r) => setTimeout(r, 50));
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(clients);
    expect(acknowledged.length).toBeGreaterThanOrEqual(12);

    const second = await start(dataDir);
    const again = await login(second.baseUrl);
    for (const { code, fileIds } of acknowledged) {
      const response = await fetch(`${second.baseUrl}/api/v1/applications/${code}`, {
        headers: { cookie: again },
      });
      expect(response.status, code).toBe(200);
      const view = await response.json();
      expect(view.documents.map((d: { fileId: string }) => d.fileId).sort()).toEqual([...fileIds].sort());
      for (const fileId of fileIds) {
        const file = await fetch(`${second.baseUrl}/api/v1/files/${fileId}`, { headers: { cookie: again } });
        expect(file.status).toBe(200);
        expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
      }
    }
    expect(new Set(acknowledged.map((a) => a.code)).size).toBe(acknowledged.length);
    second.child.kill('SIGTERM');
  }, 240_000);
});
