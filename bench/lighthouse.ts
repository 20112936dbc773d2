// Lighthouse 12 (mobile, default simulated throttling) against a running server, in Debian's
// Chromium started by chrome-launcher. Run alone: `npx tsx bench/lighthouse.ts http://127.0.0.1:3000/`.
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';

export const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
export const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LighthouseRun {
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  /** Milliseconds (CLS: unitless), as Lighthouse simulates them for a mid-range phone on slow 4G. */
  metrics: { fcp: number; lcp: number; tbt: number; cls: number; speedIndex: number };
  /** Bytes over the wire (compressed if the server compressed them), headers included. */
  scriptTransferBytes: number;
  totalTransferBytes: number;
  scripts: { url: string; transferBytes: number; resourceBytes: number }[];
  /** Audits that cost points: performance or accessibility audits scoring below 1. */
  imperfect: string[];
  /** Lighthouse's measure of this machine's CPU at the time (lower: slower or busier host). */
  benchmarkIndex: number;
  warnings: string[];
}

export interface LighthouseSummary {
  url: string;
  runs: LighthouseRun[];
  /** The run with the median performance score. */
  median: LighthouseRun;
}

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

function summarise(lhr: Lhr): LighthouseRun {
  const score = (id: string) => lhr.categories[id]?.score ?? 0;
  const numeric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  const items = (id: string) =>
    ((lhr.audits[id]?.details as { items?: Record<string, unknown>[] } | undefined)?.items ?? []) as Record<
      string,
      unknown
    >[];
  const summary = items('resource-summary');
  const bytesOf = (type: string) =>
    Number(summary.find((row) => row.resourceType === type)?.transferSize ?? Number.NaN);
  const scripts = items('network-requests')
    .filter((row) => row.resourceType === 'Script')
    .map((row) => ({
      url: new URL(String(row.url)).pathname,
      transferBytes: Number(row.transferSize),
      resourceBytes: Number(row.resourceSize),
    }));
  const imperfect: string[] = [];
  for (const category of ['performance', 'accessibility']) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (audit && audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative')
        imperfect.push(`${category}/${ref.id} (${audit.score})`);
    }
  }
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    metrics: {
      fcp: Math.round(numeric('first-contentful-paint')),
      lcp: Math.round(numeric('largest-contentful-paint')),
      tbt: Math.round(numeric('total-blocking-time')),
      cls: Number(numeric('cumulative-layout-shift').toFixed(3)),
      speedIndex: Math.round(numeric('speed-index')),
    },
    scriptTransferBytes: bytesOf('script'),
    totalTransferBytes: bytesOf('total'),
    scripts,
    imperfect,
    benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
    warnings: lhr.runWarnings.map(String),
  };
}

/** Audits each URL `runs` times (bounded) in one Chromium; Lighthouse resets cache and storage per run. */
export async function runLighthouse(urls: string[], runs = 3): Promise<LighthouseSummary[]> {
  const chrome = await launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS, logLevel: 'error' });
  try {
    const summaries: LighthouseSummary[] = [];
    for (const url of urls) {
      const results: LighthouseRun[] = [];
      let failures = 0;
      // A busy host sometimes spoils a trace (NO_NAVSTART…): such a run is repeated, at most 3 times.
      while (results.length < runs) {
        const result = await lighthouse(url, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
        });
        const error = result ? result.lhr.runtimeError : { message: 'no result' };
        if (error) {
          process.stderr.write(`  Lighthouse on ${url}: ${error.message}\n`);
          if (++failures > 3) throw new Error(`Lighthouse on ${url} failed ${failures} times`);
          continue;
        }
        results.push(summarise(result!.lhr));
      }
      const sorted = [...results].sort((a, b) => a.performance - b.performance);
      summaries.push({ url, runs: results, median: sorted[Math.floor(sorted.length / 2)]! });
    }
    return summaries;
  } finally {
    chrome.kill();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const urls = process.argv.slice(2);
  if (urls.length === 0) {
    process.stderr.write('usage: npx tsx bench/lighthouse.ts URL…\n');
    process.exit(2);
  }
  for (const s of await runLighthouse(urls, 1))
    process.stdout.write(`${JSON.stringify(s.median, null, 2)}\n`);
}
