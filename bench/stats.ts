// Statistics benchmark (issue 8): the median latency of `GET /api/v1/stats/summary` for a province
// over a year, on PostgreSQL, with 100,000, then 1,000,000, then 5,000,000 generated applications.
// Targets: median below 50 ms at 5,000,000, and growing at most twice from 100,000 to 5,000,000.
//
//   npm run bench:stats
//
// The data: Sơn La (14) with 12 districts (116-127, Mộc Châu is 123) and 200 communes, 320 agencies,
// 440 procedures linked to them (31,600 links), applications spread evenly over 2021-2025, all made
// with generate_series in SQL, and the roll-ups built from them set-based with the definitions of
// rollup.ts (the live path counts one event at a time; here there are no events to replay). Each
// scale adds applications to the previous one, so the span of time and the tree stay the same. The
// roll-up rows are written in the order of their days, as the live path writes them (day by day).
//
// Settings: BENCH_POSTGRES_URL (else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_SCALES=100000,1000000,5000000  BENCH_REQUESTS=60  BENCH_KEEP=1 (keep the database)
// BENCH_OUTPUT=bench/results/stats.json. The database motcua_stats_bench is dropped at the end.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { testConfig } from '../src/server/config.js';
import { openPostgres } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { createDeps } from '../src/server/deps.js';
import { COUNTERS } from '../src/server/modules/stats/rollup.model.js';
import { FixedClock } from '../src/shared/clock.js';
import { ROOT } from './process.js';

const NAME = 'motcua_stats_bench';
const ADMIN_URL =
  process.env.BENCH_POSTGRES_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SCALES = (process.env.BENCH_SCALES ?? '100000,1000000,5000000').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 60);
const OUTPUT = resolve(ROOT, process.env.BENCH_OUTPUT ?? 'bench/results/stats.json');
// "Now" for the generated history: mid-January 2026, so 2025 is a whole past year.
const NOW = new Date('2026-01-15T03:00:00Z');

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

const log = (message: string) =>
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** For the bulk loads: memory for sorts and hashes, no waiting on the WAL. */
const BULK = `set work_mem = '512MB'; set maintenance_work_mem = '1GB'; set synchronous_commit = off;`;

/** The secondary indexes of applications: dropped while loading, built again after (faster than row by row). */
const APPLICATION_INDEXES = `select indexname, indexdef from pg_indexes where tablename = 'applications'
  and indexname not in ('applications_pkey', 'applications_code_key', 'applications_submitter_id_idempotency_key_key')`;

/** The Vietnam calendar day of a timestamptz expression. */
const vn = (column: string) => `((${column} at time zone 'UTC') + interval '7 hours')::date`;

const TREE = `
insert into units (code, has_counter) values ('14', false);
insert into units (code, has_counter) select (115 + d)::text, true from generate_series(1, 12) d;
insert into units (code, has_counter) select lpad((3600 + c)::text, 5, '0'), true from generate_series(0, 199) c;
insert into unit_versions (unit_id, parent_id, type_code, name, name_en, full_name, full_name_en, valid_from)
select id, null, 'province', 'Sơn La', 'Son La', 'Tỉnh Sơn La', 'Son La Province', '2000-01-01' from units where code = '14';
insert into unit_versions (unit_id, parent_id, type_code, name, name_en, full_name, full_name_en, valid_from)
select u.id, (select id from units where code = '14'), 'district', 'Huyện ' || u.code, 'District ' || u.code,
  'Huyện ' || u.code, 'District ' || u.code, '2000-01-01'
from units u where length(u.code) = 3;
insert into unit_versions (unit_id, parent_id, type_code, name, name_en, full_name, full_name_en, valid_from)
select u.id, (select id from units where code = (116 + (u.code::int - 3600) % 12)::text), 'commune',
  'Xã ' || u.code, 'Commune ' || u.code, 'Xã ' || u.code, 'Commune ' || u.code, '2000-01-01'
from units u where length(u.code) = 5;

insert into agencies (unit_id, code, kind, name, name_en, has_counter)
select id, 'BK-' || code || '-MC', 'office', 'Bộ phận Một cửa ' || code, 'One-stop counter ' || code, true from units where length(code) = 3;
insert into agencies (unit_id, code, kind, name, name_en)
select u.id, 'BK-' || u.code || '-P' || k, 'department', 'Phòng ' || k || ' ' || u.code, 'Department ' || k || ' ' || u.code
from units u cross join generate_series(1, 8) k where length(u.code) = 3;
insert into agencies (unit_id, code, kind, name, name_en)
select id, 'BK-' || code || '-UB', 'peoples_committee', 'UBND ' || code, 'People''s Committee ' || code from units where length(code) = 3;
insert into agencies (unit_id, code, kind, name, name_en, has_counter)
select id, 'BK-' || code || '-UB', 'peoples_committee', 'UBND xã ' || code, 'Commune People''s Committee ' || code, true
from units where length(code) = 5;

insert into procedures (code, name, field, level, online_level, status, version, data_completeness, record, search_name, created_at, updated_at)
select 'B.' || lpad(n::text, 6, '0'), 'Thủ tục thử ' || n, 'Lĩnh vực ' || (n % 20),
  case when n <= 300 then 'district' else 'commune' end,
  case when n % 20 < 14 then 'full' when n % 20 < 17 then 'partial' else 'none' end,
  'active', 1, case when n % 10 = 0 then 'catalogue_only' else 'full' end, '{}'::jsonb, 'thu tuc thu ' || n, now(), now()
from generate_series(1, 440) n;

create table bench_procedures as
select row_number() over (order by id) - 1 as n, id, code, level, online_level, 3 + (id % 13) as limit_days
from procedures;
create table bench_districts as
select row_number() over (order by u.code) - 1 as n, u.id as unit_id,
  (select a.id from agencies a where a.unit_id = u.id and a.kind = 'office') as counter_id,
  array(select a.id from agencies a where a.unit_id = u.id and a.kind = 'department' order by a.code) as departments
from units u where length(u.code) = 3;
create table bench_communes as
select row_number() over (order by u.code) - 1 as n, u.id as unit_id,
  (select a.id from agencies a where a.unit_id = u.id) as agency_id
from units u where length(u.code) = 5;

insert into procedure_agencies (procedure_id, agency_id, role)
select p.id, d.departments[1 + p.n % 8], 'implementing' from bench_procedures p cross join bench_districts d where p.level = 'district';
insert into procedure_agencies (procedure_id, agency_id, role)
select p.id, c.agency_id, 'implementing' from bench_procedures p cross join bench_communes c where p.level = 'commune';
`;

/**
 * Applications lo..hi: 60% commune-level (one of 200 communes, one of 140 procedures), 40% district-level
 * (one of 12 districts' counters, one of 300 procedures handled by one of its departments); 75% online
 * where the procedure allows it, 2% by post, the rest in person; submitted uniformly over 2021-2025;
 * 0.8% refused, 1% withdrawn and stopped, 6% handled late, those due after "now" still in process.
 */
function applicationsSql(lo: number, hi: number): string {
  return `
insert into applications (code, procedure_id, procedure_code, procedure_version, channel, status, step,
  receiving_unit_id, receiving_agency_id, handling_unit_id, handling_agency_id, applicant_name,
  applicant_id_number, applicant_phone, form_data, submitted_at, received_at, due_at, finished_at,
  returned_at, created_at, updated_at)
select 'BENCH-' || i, p.id, p.code, 1, x.channel,
  case when x.fate < 8 then 3 when x.fate < 18 then 8 when x.finished > '${NOW.toISOString()}'::timestamptz then 4
       when x.finished + interval '1 day' > '${NOW.toISOString()}'::timestamptz then 9 else 10 end,
  case when x.fate >= 18 and x.finished > '${NOW.toISOString()}'::timestamptz then 'proposal' end,
  x.unit_id, x.receiving_agency_id, x.unit_id, x.handling_agency_id, 'Người nộp ' || i,
  lpad((i % 1000000000000)::text, 12, '0'), '09' || lpad((i % 100000000)::text, 8, '0'), '{}'::jsonb,
  x.submitted,
  case when x.fate >= 8 then x.received end,
  case when x.fate >= 8 then x.due end,
  case when x.fate < 8 then x.submitted + interval '1 hour'
       when x.fate < 18 then x.received + interval '1 day'
       when x.finished > '${NOW.toISOString()}'::timestamptz then null else x.finished end,
  case when x.fate >= 18 and x.finished + interval '1 day' <= '${NOW.toISOString()}'::timestamptz then x.finished + interval '1 day' end,
  x.submitted, x.submitted
from generate_series(${lo}, ${hi}) i
cross join lateral (
  select abs(hashint8extended(i, 1)) as h1, abs(hashint8extended(i, 2)) as h2,
         abs(hashint8extended(i, 3)) as h3, abs(hashint8extended(i, 4)) as h4
) h
join bench_procedures p on p.n = case when h.h1 % 100 < 60 then 300 + h.h3 % 140 else h.h3 % 300 end
left join bench_communes c on p.level = 'commune' and c.n = h.h4 % 200
left join bench_districts d on p.level = 'district' and d.n = h.h4 % 12
cross join lateral (
  select
    case when p.online_level <> 'none' and (h.h1 / 100) % 100 < 75 then 'online'
         when (h.h1 / 100) % 100 < 77 then 'postal' else 'direct' end as channel,
    coalesce(c.unit_id, d.unit_id) as unit_id,
    coalesce(c.agency_id, d.counter_id) as receiving_agency_id,
    coalesce(c.agency_id, d.departments[1 + p.n % 8]) as handling_agency_id,
    (h.h2 / 1000) % 1000 as fate,
    timestamptz '2021-01-01 00:00+07' + ((h.h2 % (5 * 365 * 1440)) * interval '1 minute') as submitted
) b
cross join lateral (
  select b.*,
    b.submitted + interval '2 hours' as received,
    b.submitted + interval '2 hours' + p.limit_days * interval '1.4 days' as due,
    b.submitted + interval '2 hours' + p.limit_days * interval '1.4 days'
      * (case when (h.h3 / 1000) % 100 < 6 then 1.05 + ((h.h4 / 1000) % 50) / 100.0
              else 0.2 + ((h.h4 / 1000) % 75) / 100.0 end) as finished
) x;`;
}

/** One branch of the contributions: a day, the application's dims, the counters it adds (others 0). */
function branch(day: string, where: string, values: Record<string, string>): string {
  const columns = COUNTERS.map((c) => `${values[c] ?? '0'}::bigint as ${c}`).join(', ');
  return `select ${vn(day)} as day, a.handling_unit_id as unit_id, a.handling_agency_id as agency_id,
    a.procedure_id, a.channel, ${columns}
    from applications a join procedures p on p.id = a.procedure_id where ${where}`;
}

const late = `a.status <> 3 and a.due_at is not null and (a.finished_at is null or a.finished_at > a.due_at)`;

const ROLLUPS = `
truncate stat_counts, stat_app_state, stat_went_late, stat_officer_counts;
create temp table contributions as
${[
  branch('a.submitted_at', 'true', { submitted: '1' }),
  branch('a.received_at', 'a.status <> 3', {
    received: '1',
    received_full_online: "(a.channel = 'online' and p.online_level = 'full')::int",
    received_digitised: "(a.channel = 'online')::int",
    in_process_delta: '1',
  }),
  branch('a.finished_at', 'a.status = 3', { refused: '1' }),
  branch('a.finished_at', 'a.status = 8', { stopped: '1', in_process_delta: '-1' }),
  branch('a.finished_at', 'a.status in (9, 10)', {
    processed: '1',
    processed_early: `(${vn('a.finished_at')} < ${vn('a.due_at')})::int`,
    processed_late: '(a.finished_at > a.due_at)::int',
    processed_on_time: `(a.finished_at <= a.due_at and ${vn('a.finished_at')} >= ${vn('a.due_at')})::int`,
    handling_seconds: 'extract(epoch from a.finished_at - a.received_at)::bigint',
    in_process_delta: '-1',
  }),
  branch('a.returned_at', 'a.status = 10', {
    returned: '1',
    returned_electronic: "(a.channel = 'online')::int",
  }),
  branch('a.due_at', late, { late_delta: '1', went_late: '1' }),
  branch('a.finished_at', `${late} and a.finished_at is not null`, { late_delta: '-1' }),
].join('\nunion all\n')};

insert into stat_counts (grain, period, unit_id, agency_id, procedure_id, channel, ${COUNTERS.join(', ')})
select 'day', day, unit_id, agency_id, procedure_id, channel, ${COUNTERS.map((c) => `sum(${c})`).join(', ')}
from contributions group by day, unit_id, agency_id, procedure_id, channel order by day;

insert into stat_counts (grain, period, unit_id, agency_id, procedure_id, channel, ${COUNTERS.join(', ')})
select 'month', date_trunc('month', period)::date, unit_id, agency_id, procedure_id, channel, ${COUNTERS.map((c) => `sum(${c})`).join(', ')}
from stat_counts where grain = 'day' group by 2, unit_id, agency_id, procedure_id, channel order by 2;

insert into stat_counts (grain, period, unit_id, agency_id, procedure_id, channel, ${COUNTERS.join(', ')})
select 'all', '1970-01-01', unit_id, agency_id, procedure_id, channel, ${COUNTERS.map((c) => `sum(${c})`).join(', ')}
from stat_counts where grain = 'day' group by unit_id, agency_id, procedure_id, channel;

insert into stat_counts (grain, period, unit_id, agency_id, procedure_id, channel, ${COUNTERS.join(', ')})
select grain, period, unit_id, agency_id, 0, channel, ${COUNTERS.map((c) => `sum(${c})`).join(', ')}
from stat_counts group by grain, period, unit_id, agency_id, channel order by grain, period;

insert into stat_app_state (application_id, last_event_id, procedure_id, channel, unit_id, agency_id, status,
  received, received_at, full_online, in_process, due_at, late_from, holder_step, holder_unit_id,
  holder_agency_id, entered_at)
select a.id, 0, a.procedure_id, a.channel, a.handling_unit_id, a.handling_agency_id, a.status, true,
  a.received_at, p.online_level = 'full', true, a.due_at, ${vn('a.due_at')}, 'proposal', a.handling_unit_id,
  a.handling_agency_id, a.received_at
from applications a join procedures p on p.id = a.procedure_id where a.status = 4;

insert into evaluations (application_id, agency_id, unit_id, channel, level, submitted_at)
select a.id, a.handling_agency_id, a.handling_unit_id, 'online',
  case when abs(hashint8extended(a.id, 9)) % 100 < 70 then 'very_satisfied'
       when abs(hashint8extended(a.id, 9)) % 100 < 98 then 'satisfied' else 'not_satisfied' end,
  a.returned_at + interval '2 hours'
from applications a
where a.status = 10 and abs(hashint8extended(a.id, 8)) % 1000 < 36
  and not exists (select 1 from evaluations e where e.application_id = a.id);
drop table contributions;
`;

/** Feedback: 3 in 1,000 applications lead to one, about their handling unit, answered mostly on time. */
function feedbackSql(lo: number, hi: number): string {
  return `
insert into feedback_items (code, kind, subject_type, unit_id, agency_id, channel, body, access_key_hash,
  status, received_at, time_limit_days, due_at, answer, answered_at, upheld, created_at, updated_at)
select 'PA-B-' || a.id, case when a.id % 3 = 0 then 'complaint' else 'recommendation' end, 'unit',
  a.handling_unit_id, a.handling_agency_id, 'web', 'Phản ánh thử', repeat('0', 64), 'answered',
  a.submitted_at + interval '1 day', 10, a.submitted_at + interval '15 days', 'Đã trả lời',
  a.submitted_at + interval '1 day' + (abs(hashint8extended(a.id, 11)) % 20) * interval '1 day', true,
  a.submitted_at, a.submitted_at
from applications a
where a.id between ${lo} and ${hi} and abs(hashint8extended(a.id, 10)) % 1000 < 3
  and a.submitted_at + interval '25 days' < '${NOW.toISOString()}'::timestamptz;`;
}

/**
 * The machine is shared: before measuring, wait (at most BENCH_QUIET_WAIT seconds, 600 by default) for
 * the one-minute load average to fall below BENCH_QUIET_LOAD (2.5, on 2 cores).
 */
async function quieter(): Promise<void> {
  const limit = Number(process.env.BENCH_QUIET_LOAD ?? 2.5);
  const deadline = Date.now() + Number(process.env.BENCH_QUIET_WAIT ?? 600) * 1000;
  while (loadavg()[0]! > limit && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5000));
  log(
    `measuring at load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}`,
  );
}

interface Measure {
  label: string;
  url: string;
  median: number;
  p95: number;
  min: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;

async function measure(
  app: Awaited<ReturnType<typeof buildApp>>,
  label: string,
  url: string,
): Promise<Measure> {
  for (let i = 0; i < 5; i++) {
    const warm = await app.inject({ method: 'GET', url });
    if (warm.statusCode !== 200) throw new Error(`${url}: ${warm.statusCode} ${warm.body}`);
  }
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const response = await app.inject({ method: 'GET', url });
    times.push(performance.now() - started);
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
  }
  times.sort((a, b) => a - b);
  const result = {
    label,
    url,
    median: Number(percentile(times, 0.5).toFixed(2)),
    p95: Number(percentile(times, 0.95).toFixed(2)),
    min: Number(times[0]!.toFixed(2)),
  };
  log(`  ${label}: median ${result.median} ms, p95 ${result.p95} ms`);
  return result;
}

const TARGETS = [
  ['province 14, 2025 (the target)', '/api/v1/stats/summary?unit=14&from=2025-01-01&to=2025-12-31'],
  [
    'province 14, 2024-07-15..2025-03-10 (partial months)',
    '/api/v1/stats/summary?unit=14&from=2024-07-15&to=2025-03-10',
  ],
  ['province 14, year to date', '/api/v1/stats/summary?unit=14&from=2026-01-01'],
  ['district 123, 2025', '/api/v1/stats/summary?unit=123&from=2025-01-01&to=2025-12-31'],
  ['commune 03607, 2025', '/api/v1/stats/summary?unit=03607&from=2025-01-01&to=2025-12-31'],
  [
    'province 14, 2025, one procedure',
    '/api/v1/stats/summary?unit=14&from=2025-01-01&to=2025-12-31&procedure=B.000301',
  ],
  [
    'province 14, 2025, online only',
    '/api/v1/stats/summary?unit=14&from=2025-01-01&to=2025-12-31&channel=online',
  ],
  ['index, province 14, 2025', '/api/v1/stats/index?unit=14&from=2025-01-01&to=2025-12-31'],
  ['ranking of the districts, 2025', '/api/v1/stats/ranking?unit=14&from=2025-01-01&to=2025-12-31'],
  // How loaded the machine is: one small query through the whole app.
  ['baseline: GET /healthz', '/healthz'],
] as const;

async function main() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${NAME} with (force)`);
  await admin.query(`create database ${NAME}`);
  const database = openPostgres(withDatabase(ADMIN_URL, NAME), { max: 5 });
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-stats-bench-'));
  const results: {
    applications: number;
    rows: Record<string, number>;
    measures: Measure[];
    load: number[];
  }[] = [];
  try {
    await migrate(database);
    await timed('tree, agencies, procedures', () => database.execScript(TREE));
    const app = await buildApp(
      createDeps(testConfig({ dataDir, homeUnitCode: '14' }), database, new FixedClock(NOW)),
      {
        logger: false,
      },
    );
    await app.ready();
    const indexes = (await database.raw(APPLICATION_INDEXES)).rows as {
      indexname: string;
      indexdef: string;
    }[];
    let made = 0;
    for (const scale of SCALES) {
      for (const index of indexes) await database.raw(`drop index if exists ${index.indexname}`);
      for (let lo = made + 1; lo <= scale; lo += 500_000) {
        const hi = Math.min(scale, lo + 499_999);
        await timed(`applications ${lo}..${hi}`, () => database.raw(`${BULK} ${applicationsSql(lo, hi)}`));
        await database.raw(`${BULK} ${feedbackSql(lo, hi)}`);
      }
      made = scale;
      await timed('application indexes', async () => {
        for (const index of indexes) await database.raw(`${BULK} ${index.indexdef};`);
      });
      await timed(`roll-ups for ${scale}`, () => database.execScript(`${BULK} ${ROLLUPS}`));
      await timed('analyze', () => database.execScript('vacuum analyze;'));
      const counts = await database.raw(`select
        (select count(*) from applications) as applications,
        (select count(*) from stat_counts) as stat_counts,
        (select count(*) from stat_counts where procedure_id = 0) as stat_counts_all_procedures,
        (select count(*) from evaluations) as evaluations,
        (select count(*) from feedback_items) as feedback,
        (select count(*) from stat_app_state) as open_applications`);
      const rows = Object.fromEntries(Object.entries(counts.rows[0]!).map(([k, v]) => [k, Number(v)]));
      log(`${scale}: ${JSON.stringify(rows)}`);
      await quieter();
      const measures: Measure[] = [];
      for (const [label, url] of TARGETS) measures.push(await measure(app, label, url));
      results.push({ applications: scale, rows, measures, load: loadavg() });
      log(
        `load average ${loadavg()
          .map((n) => n.toFixed(1))
          .join(' ')}`,
      );
    }
    await app.close();
  } finally {
    await database.close();
    if (!process.env.BENCH_KEEP) await admin.query(`drop database if exists ${NAME} with (force)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const first = results[0]!.measures[0]!.median;
  const last = results.at(-1)!.measures[0]!.median;
  const verdict = {
    medianAtLargest: last,
    growth: Number((last / first).toFixed(2)),
    belowFiftyMs: last < 50,
    atMostTwice: last / first <= 2,
  };
  mkdirSync(dirname(OUTPUT), { recursive: true });
  writeFileSync(
    OUTPUT,
    `${JSON.stringify({ at: new Date().toISOString(), cpus: cpus().length, now: NOW, results, verdict }, null, 2)}\n`,
  );
  log(
    `summary of province 14 over 2025: median ${first} ms at ${SCALES[0]}, ${last} ms at ${SCALES.at(-1)} (×${verdict.growth})`,
  );
  log(`written to ${OUTPUT}`);
  if (!verdict.belowFiftyMs || !verdict.atMostTwice) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
