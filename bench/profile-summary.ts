// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per package or source folder and
// per function, idle time left out. `npx tsx bench/profile-summary.ts FILE [TOP]`.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function area(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : `(native) ${name}`;
  if (url.startsWith('wasm://')) return 'PGlite WebAssembly (Postgres itself)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node core';
  const src = /\/(src\/[^/]+\/[^/]+|bench)\//.exec(url);
  return src ? src[1]! : url;
}

export function summariseProfile(file: string, top = 25): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const fns = new Map<string, number>();
  const areas = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    busy += us;
    const name = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    fns.set(name, (fns.get(name) ?? 0) + us);
    const where = area(url, functionName);
    areas.set(where, (areas.get(where) ?? 0) + us);
  }
  const lines = [`${file}: ${(busy / 1e6).toFixed(1)} s of CPU sampled (idle left out)`];
  const list = (title: string, map: Map<string, number>) => {
    lines.push('', title);
    for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
      lines.push(`${((100 * us) / busy).toFixed(1).padStart(6)} %  ${name}`);
  };
  list('self time by package or folder', areas);
  list('self time by function', fns);
  return `${lines.join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, topArg] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: npx tsx bench/profile-summary.ts FILE.cpuprofile [TOP]\n');
    process.exit(2);
  }
  process.stdout.write(summariseProfile(file, Number(topArg ?? 25)));
}
