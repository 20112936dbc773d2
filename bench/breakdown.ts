// Where the time of GET /don-vi goes, measured in one process, one request at a time (no network,
// no concurrency): the whole request through app.inject() next to a bare Fastify hello world and a
// database-free page of the app, each database round trip of the page, and the presenter and
// render. Also times two single-statement alternatives (proposals, not used by the app).
// Steps are interleaved over rounds and reported as medians and as multiples of the hello world
// measured in the same round, since the machine is noisy.
//   npx tsx bench/breakdown.ts                            PGlite
//   DATABASE_URL=postgres://… npx tsx bench/breakdown.ts  PostgreSQL
import Fastify from 'fastify';
import { sql } from 'kysely';
import { renderDocument } from '../src/server/jsx/jsx-runtime.js';
import { countAppliedMigrations } from '../src/server/modules/health/health.repository.js';
import { presentUnitNode } from '../src/server/modules/units/units.presenter.js';
import {
  findAgenciesOfUnits,
  findSubtreeOn,
  findVersionsOn,
} from '../src/server/modules/units/units.repository.js';
import { getUnitTree } from '../src/server/modules/units/units.service.js';
import { UnitsPage } from '../src/server/modules/units/views/units-page.js';
import type { PageContext } from '../src/server/views/page-context.js';
import { vietnamDate } from '../src/shared/clock.js';
import { translate } from '../src/shared/i18n/index.js';
import { startBenchApp } from './app-setup.js';
import { ROOT, writeResult } from './process.js';

const MIN_MS = Number(process.env.BENCH_BREAKDOWN_MS ?? 1000);
const ROUNDS = Math.min(Number(process.env.BENCH_ROUNDS ?? 3), 10);
const MAX_ITERATIONS = 20_000;

/** Mean microseconds per call, after a warm-up, over at least MIN_MS (bounded by MAX_ITERATIONS). */
async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < 100; i++) await fn();
  const start = process.hrtime.bigint();
  let n = 0;
  let elapsed = 0;
  while (n < MAX_ITERATIONS && elapsed < MIN_MS * 1e6) {
    await fn();
    n++;
    elapsed = Number(process.hrtime.bigint() - start);
  }
  return elapsed / n / 1000;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const bench = await startBenchApp();
const label = bench.deps.database.kind;
const results: { step: string; us: number; timesHello: number }[] = [];
try {
  const { app, deps } = bench;
  const db = deps.database.db;
  const date = vietnamDate(new Date());
  const root = deps.config.homeUnitCode;

  const hello = Fastify({ logger: false });
  hello.get('/', async () => ({ hello: 'world' }));
  await hello.ready();

  const walk = (code: string) => sql<{ unit_id: number }>`
    with recursive tree(unit_id) as (
      select u.id from units u where u.code = ${code}
      union
      select v.unit_id from unit_versions v join tree t on v.parent_id = t.unit_id
      where v.valid_from <= ${date}::date and (v.valid_to is null or v.valid_to > ${date}::date)
    ) select unit_id from tree`;
  const unitIds = (await walk(root).execute(db)).rows.map((r) => r.unit_id);
  const codes = (await db.selectFrom('units').select('code').where('id', 'in', unitIds).execute()).map(
    (c) => c.code,
  );
  const tree = await getUnitTree(deps, { rootCode: root, date });
  const ctx: PageContext = {
    locale: 'vi',
    t: (key, params) => translate('vi', key, params),
    actor: null,
    csrfToken: 'x'.repeat(43),
    now: new Date(),
    path: '/don-vi',
    siteName: deps.config.siteName.vi,
    hotline: deps.config.hotline,
  };
  const VERSION_COLUMNS = sql`u.id as "unitId", v.id as "versionId", u.code, v.parent_id as "parentId",
    p.code as "parentCode", v.type_code as "typeCode", v.name, v.name_en as "nameEn",
    v.full_name as "fullName", v.full_name_en as "fullNameEn", v.valid_from as "validFrom",
    v.valid_to as "validTo", u.has_counter as "hasCounter", u.address, u.phone`;
  // Proposal A: what getUnitTree loads (the whole subtree and every unit's agencies), in one statement.
  const subtreeInOne = sql`
    with recursive tree(unit_id) as (
      select u.id from units u where u.code = ${root}
      union
      select v.unit_id from unit_versions v join tree t on v.parent_id = t.unit_id
      where v.valid_from <= ${date}::date and (v.valid_to is null or v.valid_to > ${date}::date)
    )
    select ${VERSION_COLUMNS},
      coalesce((select json_agg(a order by a.kind, a.name) from agencies a where a.unit_id = u.id), '[]') as agencies
    from tree t
    join units u on u.id = t.unit_id
    join unit_versions v on v.unit_id = u.id
      and v.valid_from <= ${date}::date and (v.valid_to is null or v.valid_to > ${date}::date)
    left join units p on p.id = v.parent_id
    order by u.code`;
  // Proposal B: only what the page shows (the unit, its direct children, the unit's own agencies).
  const pageInOne = sql`
    select ${VERSION_COLUMNS},
      case when u.code = ${root} then coalesce(
        (select json_agg(a order by a.kind, a.name) from agencies a where a.unit_id = u.id), '[]') end as agencies
    from unit_versions v
    join units u on u.id = v.unit_id
    left join units p on p.id = v.parent_id
    where (u.code = ${root} or p.code = ${root})
      and v.valid_from <= ${date}::date and (v.valid_to is null or v.valid_to > ${date}::date)
    order by u.code`;
  const a = await subtreeInOne.execute(db);
  const b = await pageInOne.execute(db);
  if (a.rows.length !== codes.length) throw new Error('proposal A disagrees with findSubtreeOn');
  if (b.rows.length !== tree.children.length + 1) throw new Error('proposal B disagrees with getUnitTree');

  const steps: [string, () => Promise<unknown> | unknown][] = [
    ['bare Fastify hello world (inject)', () => hello.inject({ url: '/' })],
    ['app: GET /login, no database (inject)', () => app.inject({ url: '/login' })],
    ['app: GET /healthz (inject)', () => app.inject({ url: '/healthz' })],
    ['app: GET /don-vi (inject)', () => app.inject({ url: '/don-vi' })],
    ['round trip: select 1', () => sql`select 1`.execute(db)],
    ['/healthz query: count(schema_migrations)', () => countAppliedMigrations(db)],
    ['/don-vi query 1: recursive walk → unit ids', () => walk(root).execute(db)],
    [
      '/don-vi query 2: ids → codes',
      () => db.selectFrom('units').select('code').where('id', 'in', unitIds).execute(),
    ],
    ['/don-vi query 3: codes → versions (findVersionsOn)', () => findVersionsOn(db, date, codes)],
    ['/don-vi query 4: agencies of every unit of the subtree', () => findAgenciesOfUnits(db, unitIds)],
    ['getUnitTree (queries 1–4, tree, sort)', () => getUnitTree(deps, { rootCode: root, date })],
    [
      'presentUnitNode + render the page (no database)',
      () => renderDocument(UnitsPage({ ctx, root: presentUnitNode(tree, 'vi'), date })),
    ],
    ['proposal A: getUnitTree’s data in one statement', () => subtreeInOne.execute(db)],
    ['proposal B: only what the page shows, one statement', () => pageInOne.execute(db)],
    ['(for reference) findSubtreeOn', () => findSubtreeOn(db, root, date)],
  ];
  const samples = new Map<string, number[]>(steps.map(([name]) => [name, []]));
  const ratios = new Map<string, number[]>(steps.map(([name]) => [name, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    let helloUs = Number.NaN;
    for (const [name, fn] of steps) {
      const us = await time(fn);
      if (name.startsWith('bare Fastify')) helloUs = us;
      samples.get(name)!.push(us);
      ratios.get(name)!.push(us / helloUs);
      process.stderr.write(`[${label}] round ${round} ${name.padEnd(56)} ${us.toFixed(1).padStart(8)} µs\n`);
    }
  }
  for (const [name] of steps)
    results.push({ step: name, us: median(samples.get(name)!), timesHello: median(ratios.get(name)!) });
  await hello.close();
} finally {
  await bench.close();
}

process.stdout.write(`\n| step (${label}) | µs per call (median) | × hello world |\n|---|---:|---:|\n`);
for (const r of results)
  process.stdout.write(`| ${r.step} | ${r.us.toFixed(0)} | ${r.timesHello.toFixed(1)} |\n`);
const file = process.env.BENCH_OUTPUT ?? `${ROOT}bench/results/breakdown-${label}.json`;
writeResult(file, { date: new Date().toISOString(), database: label, rounds: ROUNDS, results });
process.stderr.write(`written: ${file.replace(ROOT, '')}\n`);
