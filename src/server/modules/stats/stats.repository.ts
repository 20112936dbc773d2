// SQL of the statistics readers: sums of the roll-ups over a period, stocks at its end, the catalogue
// remit, evaluations and feedback, lateness, officers, the applications behind a figure, targets.
import { type RawBuilder, sql } from 'kysely';
import type { LatenessStep, StatChannel } from '../../../shared/stats/definitions.js';
import type { Queryable } from '../../context.js';
import { COUNTERS, type Counter, OFFICER_COUNTERS, type OfficerCounter } from './rollup.model.js';

/** Which applications a figure covers. */
export interface Scope {
  unitIds: number[];
  /** Null: every procedure (the roll-up rows of all procedures). */
  procedureIds: number[] | null;
  procedureCodes: string[] | null;
  channel: StatChannel | null;
}

/** The days a figure covers, and the moment its stocks are read at. */
export interface Period {
  from: string;
  /** The last day counted: the period's end, or today when the period reaches beyond it. */
  asOf: string;
  /** Whole months inside the period: [fullFrom, fullTo), read from the month rows. */
  fullFrom: string;
  fullTo: string;
  /** The first day after asOf's month (rows from there on are after the period). */
  afterMonth: string;
  /** Start of the period (00:00 in Vietnam on `from`). */
  start: Date;
  /** Exclusive bound of what is counted: the end of asOf, or just after now when asOf is today. */
  end: Date;
  /** The moment stocks describe and deadlines are judged at: the end of asOf, or now. */
  moment: Date;
  isToday: boolean;
  today: string;
  now: Date;
}

/** How rows are grouped; '' is the single group. */
export type Grouping = 'none' | 'unit' | 'agency' | 'channel' | 'procedure' | 'month';

export type CounterSums = Record<Counter, number>;

const ids = (values: readonly number[]) => sql`${sql.val(values)}::bigint[]`;
const texts = (values: readonly string[]) => sql`${sql.val(values)}::text[]`;
/** The Vietnam calendar date of a timestamptz column. */
const vnDate = (column: RawBuilder<unknown>) =>
  sql`((${column} at time zone 'UTC') + interval '7 hours')::date`;

function countsGroup(group: Grouping): RawBuilder<unknown> {
  switch (group) {
    case 'none':
      return sql`''`;
    case 'unit':
      return sql`unit_id::text`;
    case 'agency':
      return sql`agency_id::text`;
    case 'channel':
      return sql`channel`;
    case 'procedure':
      return sql`procedure_id::text`;
    case 'month':
      return sql`to_char(period, 'YYYY-MM')`;
  }
}

/**
 * The stat_counts partition of a grain: all procedures (procedure_id 0) or per procedure. Reads name
 * the partition itself, so the planner has nothing to prune.
 */
function countsTable(grain: 'day' | 'month' | 'all', fine: boolean): RawBuilder<unknown> {
  return sql.table(`stat_counts_${grain}_${fine ? 'procedures' : 'all'}`);
}

/**
 * Rows of a scope: joined to the scope's units (a hash join over a period's rows for a province, an
 * index probe per unit for a commune; the planner knows the list's length), then the procedure and
 * channel conditions. Use as `from ${table} ${join} where ${where}`.
 */
function countsScope(scope: Scope): { join: RawBuilder<unknown>; where: RawBuilder<unknown> } {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (scope.procedureIds) parts.push(sql`procedure_id = any(${ids(scope.procedureIds)})`);
  if (scope.channel) parts.push(sql`channel = ${scope.channel}`);
  return {
    join: sql`join unnest(${ids(scope.unitIds)}) as scope_unit(id) on scope_unit.id = unit_id`,
    where: sql.join(parts, sql` and `),
  };
}

const sums = sql.join(
  COUNTERS.map((c) => sql`sum(${sql.ref(c)}) as ${sql.ref(c)}`),
  sql`, `,
);
const columns = sql.join(
  COUNTERS.map((c) => sql.ref(c)),
  sql`, `,
);

export interface FlowRow {
  g: string;
  channel: StatChannel;
  sums: CounterSums;
}

export interface Stocks {
  inProcess: number;
  /** In process past deadline at the end of asOf (now, when asOf is today). */
  late: number;
  /** Of `late` before the correction: deadlines scheduled later today (asOf = today only). */
  lateAhead: number;
}

const dayAfter = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * One read of the roll-ups for a period, per group and channel: the flows (whole months from month
 * rows, the days around them from day rows) and, unless asked not to, the stocks at the end of asOf
 * (the all-time sums of their deltas less those dated after asOf). Only the row ranges that exist
 * are read.
 */
export async function sumCounts(
  db: Queryable,
  scope: Scope,
  period: Period,
  group: Grouping,
  options: { stocks: boolean } = { stocks: true },
): Promise<{ flows: FlowRow[]; stocks: Map<string, Stocks> }> {
  const fine = scope.procedureIds !== null || group === 'procedure';
  const { join, where } = countsScope(scope);
  const g = countsGroup(group);
  // Three scans at most, each row tagged: 'f' a flow of the period, 'a' the all-time sums, 'x' a delta
  // dated after asOf (stocks = a − x). Whole months of the period come from month rows, the days around
  // them from day rows; after asOf, the rest of its month from day rows and later months from month rows.
  const { from: first, asOf, fullFrom, fullTo, afterMonth } = period;
  const wholeMonths = fullFrom < fullTo;
  const withStocks = options.stocks;
  const branches: RawBuilder<unknown>[] = [];
  const branch = (grain: 'day' | 'month' | 'all', part: RawBuilder<unknown>, range: RawBuilder<unknown>) =>
    branches.push(sql`select ${part} as part, ${g} as g, channel, ${columns} from ${countsTable(grain, fine)} ${join}
      where ${where} and ${range}`);
  if (wholeMonths && withStocks)
    branch(
      'month',
      sql`case when period < ${fullTo}::date then 'f' else 'x' end`,
      sql`period >= ${fullFrom}::date and (period < ${fullTo}::date or period >= ${afterMonth}::date)`,
    );
  else if (wholeMonths)
    branch('month', sql`'f'`, sql`period >= ${fullFrom}::date and period < ${fullTo}::date`);
  else if (withStocks) branch('month', sql`'x'`, sql`period >= ${afterMonth}::date`);
  // Day rows: the period's days outside its whole months, and (for stocks) the days after asOf in its
  // month; only ranges that hold days are read.
  const ranges: [string, string][] = wholeMonths
    ? [
        [first, fullFrom],
        [fullTo, dayAfter(asOf)],
      ]
    : [[first, dayAfter(asOf)]];
  if (withStocks) ranges.push([dayAfter(asOf), afterMonth]);
  const dayRanges = ranges
    .filter(([lo, hi]) => lo < hi)
    .map(([lo, hi]) => sql`(period >= ${lo}::date and period < ${hi}::date)`);
  if (dayRanges.length > 0)
    branch(
      'day',
      sql`case when period > ${asOf}::date then 'x' else 'f' end`,
      sql`(${sql.join(dayRanges, sql` or `)})`,
    );
  if (withStocks) branch('all', sql`'a'`, sql`period = '1970-01-01'::date`);
  const result = await sql<CounterSums & { part: string; g: string; channel: StatChannel }>`
    select part, g, channel, ${sums} from (${sql.join(branches, sql` union all `)}) rows
    group by part, g, channel`.execute(db);
  const flows: FlowRow[] = [];
  const stocks = new Map<string, Stocks>();
  for (const { part, g: key, channel, ...rest } of result.rows) {
    const values = numbers(rest) as CounterSums;
    if (part === 'f') flows.push({ g: key, channel, sums: values });
    else {
      const stock = stocks.get(key) ?? { inProcess: 0, late: 0, lateAhead: 0 };
      const sign = part === 'a' ? 1 : -1;
      stock.inProcess += sign * values.in_process_delta;
      stock.late += sign * values.late_delta;
      stocks.set(key, stock);
    }
  }
  if (options.stocks && period.isToday && group !== 'month') {
    // Deadlines scheduled for later today have not passed yet.
    const stateScope = [sql`in_process`, stateScopeWithoutProcedure(scope)];
    if (scope.procedureIds) stateScope.push(sql`procedure_id = any(${ids(scope.procedureIds)})`);
    const ahead = await sql<{ g: string; n: number }>`
      select ${g} as g, count(*)::bigint as n from stat_app_state
      where ${sql.join(stateScope, sql` and `)} and late_from = ${period.today}::date and due_at >= ${period.now}
      group by g`.execute(db);
    for (const row of ahead.rows) {
      const stock = stocks.get(row.g);
      if (stock) {
        stock.late -= Number(row.n);
        stock.lateAhead += Number(row.n);
      }
    }
  }
  return { flows, stocks };
}

function numbers<T extends Record<string, unknown>>(row: T): { [K in keyof T]: number } {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v ?? 0)])) as {
    [K in keyof T]: number;
  };
}

function stateScopeWithoutProcedure(scope: Scope): RawBuilder<unknown> {
  const parts = [sql`unit_id = any(${ids(scope.unitIds)})`];
  if (scope.channel) parts.push(sql`channel = ${scope.channel}`);
  return sql.join(parts, sql` and `);
}

/** Deadlines scheduled to pass later today (counted in today's went_late, not yet happened), per group. */
export async function countLatenessAhead(
  db: Queryable,
  scope: Scope,
  period: Period,
  group: Exclude<Grouping, 'month'>,
): Promise<Map<string, number>> {
  if (!period.isToday) return new Map();
  const parts = [stateScopeWithoutProcedure(scope)];
  if (scope.procedureIds) parts.push(sql`procedure_id = any(${ids(scope.procedureIds)})`);
  const result = await sql<{ g: string; n: number }>`
    select ${countsGroup(group)} as g, count(*)::bigint as n from stat_went_late
    where ${sql.join(parts, sql` and `)} and day = ${period.today}::date and at >= ${period.now}
    group by g`.execute(db);
  return new Map(result.rows.map((r) => [r.g, Number(r.n)]));
}

export interface RemitRow {
  g: string;
  procedureId: number;
  level: 'province' | 'district' | 'commune' | 'vertical';
  onlineLevel: 'full' | 'partial' | 'none';
  complete: boolean;
}

/** Active procedures the scope's agencies implement (their remit), per group. */
export async function listRemit(
  db: Queryable,
  scope: Scope,
  group: Exclude<Grouping, 'month' | 'channel'> | 'channel' | 'month',
): Promise<RemitRow[]> {
  const g =
    group === 'unit'
      ? sql`a.unit_id::text`
      : group === 'agency'
        ? sql`a.id::text`
        : group === 'procedure'
          ? sql`p.id::text`
          : sql`''`;
  const result = await sql<{
    g: string;
    id: number;
    level: RemitRow['level'];
    online_level: RemitRow['onlineLevel'];
    complete: boolean;
  }>`
    select distinct ${g} as g, p.id, p.level, p.online_level, p.data_completeness = 'full' as complete
    from procedure_agencies pa
    join agencies a on a.id = pa.agency_id
    join procedures p on p.id = pa.procedure_id
    where pa.role = 'implementing' and p.status = 'active' and a.unit_id = any(${ids(scope.unitIds)})
      ${scope.procedureIds ? sql`and p.id = any(${ids(scope.procedureIds)})` : sql``}`.execute(db);
  return result.rows.map((r) => ({
    g: r.g,
    procedureId: Number(r.id),
    level: r.level,
    onlineLevel: r.online_level,
    complete: r.complete,
  }));
}

/** Procedures that received at least one online application in the period, per group. */
export async function listProceduresUsedOnline(
  db: Queryable,
  scope: Scope,
  period: Period,
  group: Exclude<Grouping, 'month'>,
): Promise<{ g: string; procedureId: number }[]> {
  if (scope.channel && scope.channel !== 'online') return [];
  const { join, where } = countsScope({ ...scope, channel: 'online' });
  const g = countsGroup(group);
  const result = await sql<{ g: string; procedure_id: number }>`
    select g, procedure_id from (
      select ${g} as g, procedure_id, received from stat_counts_month_procedures ${join}
        where ${where} and period >= ${period.fullFrom}::date and period < ${period.fullTo}::date
      union all
      select ${g} as g, procedure_id, received from stat_counts_day_procedures ${join}
        where ${where} and period >= ${period.from}::date and period <= ${period.asOf}::date
          and (period < ${period.fullFrom}::date or period >= ${period.fullTo}::date)
    ) rows group by g, procedure_id having sum(received) > 0`.execute(db);
  return result.rows.map((r) => ({ g: r.g, procedureId: Number(r.procedure_id) }));
}

export interface EvaluationSums {
  total: number;
  verySatisfied: number;
  satisfied: number;
  notSatisfied: number;
}

export interface FeedbackSums {
  received: number;
  answeredOnTime: number;
  answeredLate: number;
  pendingWithin: number;
  pendingOverdue: number;
  complaints: number;
}

/**
 * Feedback received in the period (dismissed ones left out), and where each stood at the period's
 * end, per group. Feedback has no application channel: grouped by channel it is not counted.
 */
export async function sumFeedback(
  db: Queryable,
  scope: Scope,
  period: Period,
  group: Grouping,
): Promise<Map<string, FeedbackSums>> {
  if (group === 'channel') return new Map();
  const g =
    group === 'unit'
      ? sql`f.unit_id::text`
      : group === 'agency'
        ? sql`coalesce(f.agency_id, 0)::text`
        : group === 'procedure'
          ? sql`coalesce(p.id, 0)::text`
          : group === 'month'
            ? sql`to_char(${vnDate(sql`f.received_at`)}, 'YYYY-MM')`
            : sql`''`;
  const end = period.end;
  const result = await sql<{
    g: string;
    received: number;
    on_time: number;
    late: number;
    within: number;
    overdue: number;
    complaints: number;
  }>`
    select ${g} as g, count(*)::bigint as received,
      count(*) filter (where f.answered_at < ${end} and f.answered_at <= f.due_at)::bigint as on_time,
      count(*) filter (where f.answered_at < ${end} and f.answered_at > f.due_at)::bigint as late,
      count(*) filter (where (f.answered_at is null or f.answered_at >= ${end}) and f.due_at >= ${end})::bigint as within,
      count(*) filter (where (f.answered_at is null or f.answered_at >= ${end}) and f.due_at < ${end})::bigint as overdue,
      count(*) filter (where f.kind = 'complaint')::bigint as complaints
    from feedback_items f left join procedures p on p.code = f.procedure_code
    where f.unit_id = any(${ids(scope.unitIds)}) and f.received_at >= ${period.start} and f.received_at < ${end}
      and not (f.closed_at is not null and f.closed_at < ${end})
      ${scope.procedureCodes ? sql`and f.procedure_code = any(${texts(scope.procedureCodes)})` : sql``}
    group by g`.execute(db);
  return new Map(
    result.rows.map((r) => [
      r.g,
      {
        received: Number(r.received),
        answeredOnTime: Number(r.on_time),
        answeredLate: Number(r.late),
        pendingWithin: Number(r.within),
        pendingOverdue: Number(r.overdue),
        complaints: Number(r.complaints),
      },
    ]),
  );
}

export interface LatenessRow {
  step: LatenessStep;
  unitId: number;
  agencyId: number;
  userId: number | null;
  n: number;
}

/** Applications that went past their deadline in the period, by step, unit, agency and person. */
export async function sumLateness(db: Queryable, scope: Scope, period: Period): Promise<LatenessRow[]> {
  const parts = [stateScopeWithoutProcedure(scope)];
  if (scope.procedureIds) parts.push(sql`procedure_id = any(${ids(scope.procedureIds)})`);
  const result = await sql<{
    step: LatenessStep;
    unit_id: number;
    agency_id: number;
    user_id: number | null;
    n: number;
  }>`
    select step, unit_id, agency_id, user_id, count(*)::bigint as n from stat_went_late
    where ${sql.join(parts, sql` and `)} and day >= ${period.from}::date and day <= ${period.asOf}::date
      and at < ${period.moment}
    group by step, unit_id, agency_id, user_id`.execute(db);
  return result.rows.map((r) => ({
    step: r.step,
    unitId: Number(r.unit_id),
    agencyId: Number(r.agency_id),
    userId: r.user_id === null ? null : Number(r.user_id),
    n: Number(r.n),
  }));
}

export type OfficerSums = Record<OfficerCounter, number> & { userId: number };

/** What each officer did in the period, in the scope's units. */
export async function sumOfficers(db: Queryable, unitIds: number[], period: Period): Promise<OfficerSums[]> {
  const cols = sql.join(
    OFFICER_COUNTERS.map((c) => sql.ref(c)),
    sql`, `,
  );
  const totals = sql.join(
    OFFICER_COUNTERS.map((c) => sql`coalesce(sum(${sql.ref(c)}), 0)::bigint as ${sql.ref(c)}`),
    sql`, `,
  );
  const result = await sql<Record<OfficerCounter, number> & { user_id: number }>`
    select user_id, ${totals} from (
      select user_id, ${cols} from stat_officer_counts
        where grain = 'month' and unit_id = any(${ids(unitIds)}) and period >= ${period.fullFrom}::date and period < ${period.fullTo}::date
      union all
      select user_id, ${cols} from stat_officer_counts
        where grain = 'day' and unit_id = any(${ids(unitIds)}) and period >= ${period.from}::date and period <= ${period.asOf}::date
          and (period < ${period.fullFrom}::date or period >= ${period.fullTo}::date)
    ) rows group by user_id`.execute(db);
  return result.rows.map(({ user_id, ...rest }) => ({ userId: Number(user_id), ...numbers(rest) }));
}

/** Evaluations of each officer (the one who handled the application) in the period. */
export async function sumEvaluationsByOfficer(
  db: Queryable,
  unitIds: number[],
  period: Period,
): Promise<Map<number, EvaluationSums>> {
  const result = await sql<{
    officer_id: number;
    total: number;
    very: number;
    satisfied: number;
    not_satisfied: number;
  }>`
    select officer_id, count(*)::bigint as total,
      count(*) filter (where level = 'very_satisfied')::bigint as very,
      count(*) filter (where level = 'satisfied')::bigint as satisfied,
      count(*) filter (where level = 'not_satisfied')::bigint as not_satisfied
    from evaluations
    where officer_id is not null and unit_id = any(${ids(unitIds)})
      and submitted_at >= ${period.start} and submitted_at < ${period.end}
    group by officer_id`.execute(db);
  return new Map(
    result.rows.map((r) => [
      Number(r.officer_id),
      {
        total: Number(r.total),
        verySatisfied: Number(r.very),
        satisfied: Number(r.satisfied),
        notSatisfied: Number(r.not_satisfied),
      },
    ]),
  );
}

/** Feedback about each officer received in the period (dismissed ones left out). */
export async function countFeedbackByOfficer(
  db: Queryable,
  unitIds: number[],
  period: Period,
): Promise<Map<number, number>> {
  const result = await sql<{ officer_id: number; n: number }>`
    select officer_id, count(*)::bigint as n from feedback_items
    where officer_id is not null and unit_id = any(${ids(unitIds)})
      and received_at >= ${period.start} and received_at < ${period.end}
      and not (closed_at is not null and closed_at < ${period.end})
    group by officer_id`.execute(db);
  return new Map(result.rows.map((r) => [Number(r.officer_id), Number(r.n)]));
}

export async function findUsers(db: Queryable, userIds: number[]) {
  if (userIds.length === 0) return [];
  return db.selectFrom('users').select(['id', 'username', 'full_name']).where('id', 'in', userIds).execute();
}

/** Unit heads of the units (each with the agency their role names, if any). */
export async function listUnitHeads(db: Queryable, unitIds: number[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.username', 'u.full_name', 'r.unit_id', 'r.agency_id'])
    .where('r.role', '=', 'unit_head')
    .where('r.unit_id', 'in', unitIds)
    .where('u.status', '=', 'active')
    .orderBy('u.full_name')
    .orderBy('u.id')
    .execute();
}

export async function findAgencies(db: Queryable, agencyIds: number[]) {
  if (agencyIds.length === 0) return [];
  return db
    .selectFrom('agencies as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.id', 'a.code', 'a.name', 'a.name_en', 'a.unit_id', 'u.code as unit_code'])
    .where('a.id', 'in', agencyIds)
    .execute();
}

export async function findProcedures(db: Queryable, procedureIds: number[]) {
  if (procedureIds.length === 0) return [];
  return db
    .selectFrom('procedures')
    .select(['id', 'code', 'name', 'field'])
    .where('id', 'in', procedureIds)
    .execute();
}

/** Procedures with this code, or in this field; undefined when asked for neither. */
export async function findProcedureIds(
  db: Queryable,
  filter: { code?: string | undefined; field?: string | undefined },
): Promise<{ id: number; code: string }[]> {
  let query = db.selectFrom('procedures').select(['id', 'code']);
  if (filter.code) query = query.where('code', '=', filter.code);
  if (filter.field) query = query.where('field', '=', filter.field);
  return query.orderBy('id').execute();
}

/** The units directly under a unit on a date, with their names then. */
export async function findChildUnits(db: Queryable, unitId: number, date: string) {
  return db
    .selectFrom('unit_versions as v')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .select(['u.id', 'u.code', 'v.name', 'v.name_en', 'v.full_name', 'v.full_name_en', 'v.type_code'])
    .where('v.parent_id', '=', unitId)
    .where('v.valid_from', '<=', date)
    .where((eb) => eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>', date)]))
    .orderBy('u.code')
    .execute();
}

/** Every unit under a unit on a date, each with the child of the unit its branch starts at (the unit itself for itself). */
export async function findBranches(db: Queryable, rootId: number, date: string) {
  const result = await sql<{ unit_id: number; branch: number }>`
    with recursive tree(unit_id, branch) as (
      select ${rootId}::bigint, ${rootId}::bigint
      union
      select v.unit_id, case when t.unit_id = ${rootId}::bigint then v.unit_id else t.branch end
      from unit_versions v join tree t on v.parent_id = t.unit_id
      where v.valid_from <= ${date}::date and (v.valid_to is null or v.valid_to > ${date}::date)
    )
    select unit_id, branch from tree`.execute(db);
  return result.rows.map((r) => ({ unitId: Number(r.unit_id), branch: Number(r.branch) }));
}

/** Names of units on a date (units without a version then are left out). */
export async function findUnitNames(db: Queryable, unitIds: number[], date: string) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('unit_versions as v')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .select(['u.id', 'u.code', 'v.full_name', 'v.full_name_en'])
    .where('v.unit_id', 'in', unitIds)
    .where('v.valid_from', '<=', date)
    .where((eb) => eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>', date)]))
    .execute();
}

/** A unit's name on a date (its latest version when none was in force then). */
export async function findUnitName(db: Queryable, unitId: number, date: string) {
  return db
    .selectFrom('unit_versions as v')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .select(['u.id', 'u.code', 'v.name', 'v.name_en', 'v.full_name', 'v.full_name_en'])
    .where('v.unit_id', '=', unitId)
    .orderBy(
      sql`v.valid_from <= ${date}::date and (v.valid_to is null or v.valid_to > ${date}::date)`,
      'desc',
    )
    .orderBy('v.valid_from', 'desc')
    .executeTakeFirst();
}

// -------------------------------------------------------------------------------------------------
// The applications behind a figure
// -------------------------------------------------------------------------------------------------

export type BehindKind =
  | { kind: 'event'; condition: RawBuilder<unknown> }
  | { kind: 'stock'; at: 'start' | 'end'; late: boolean | null }
  | { kind: 'went_late' };

export interface BehindItem {
  code: string;
  procedureCode: string;
  procedureName: string;
  channel: string;
  status: number;
  at: Date | null;
  dueAt: Date | null;
}

/** The responsible unit of a fact (its handling side, else its receiving side). */
const factUnit = sql`case when f.handling_agency_id is not null and f.handling_unit_id is not null then f.handling_unit_id else a.receiving_unit_id end`;

function applicationScope(scope: Scope): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (scope.procedureIds) parts.push(sql`a.procedure_id = any(${ids(scope.procedureIds)})`);
  if (scope.channel) parts.push(sql`a.channel = ${scope.channel}`);
  return parts.length ? sql`and ${sql.join(parts, sql` and `)}` : sql``;
}

/** Conditions on an event (e) and its fact (f) for each event figure. */
export const EVENT_CONDITIONS = {
  submitted: sql`e.from_status is null`,
  received: sql`e.to_status = 2 and (e.from_status is null or e.from_status = 1)`,
  receivedFullOnline: sql`e.to_status = 2 and (e.from_status is null or e.from_status = 1) and a.channel = 'online' and f.full_online`,
  refused: sql`e.to_status = 3 and e.from_status is distinct from 3`,
  stopped: sql`e.to_status = 8 and e.from_status is distinct from 8 and exists (select 1 from stat_event_facts r where r.application_id = e.application_id and r.event_id < e.id and r.status = 2)`,
  processed: sql`e.to_status = 9 and e.from_status is distinct from 9`,
  processedLate: sql`e.to_status = 9 and e.from_status is distinct from 9 and f.due_at is not null and e.at > f.due_at`,
  processedEarly: sql`e.to_status = 9 and e.from_status is distinct from 9 and f.due_at is not null and ${vnDate(sql`e.at`)} < ${vnDate(sql`f.due_at`)}`,
  processedOnTime: sql`e.to_status = 9 and e.from_status is distinct from 9 and (f.due_at is null or (e.at <= f.due_at and ${vnDate(sql`e.at`)} >= ${vnDate(sql`f.due_at`)}))`,
  processedWithinDeadline: sql`e.to_status = 9 and e.from_status is distinct from 9 and (f.due_at is null or e.at <= f.due_at)`,
  returned: sql`e.to_status = 10 and e.from_status is distinct from 10`,
  returnedElectronic: sql`e.to_status = 10 and e.from_status is distinct from 10 and f.electronic_result`,
} as const;

/** One page of the applications behind a figure, and how many there are. */
export async function listBehind(
  db: Queryable,
  scope: Scope,
  period: Period,
  what: BehindKind,
  page: { limit: number; offset: number },
): Promise<{ total: number; items: BehindItem[] }> {
  let base: RawBuilder<unknown>;
  if (what.kind === 'event') {
    base = sql`
      select a.code, a.procedure_code, p.name as procedure_name, a.channel, a.status, e.at as at, f.due_at
      from application_events e
      join stat_event_facts f on f.event_id = e.id
      join applications a on a.id = e.application_id
      join procedures p on p.id = a.procedure_id
      where e.at >= ${period.start} and e.at < ${period.end} and ${what.condition}
        and ${factUnit} = any(${ids(scope.unitIds)}) ${applicationScope(scope)}`;
  } else if (what.kind === 'went_late') {
    const parts = [sql`w.unit_id = any(${ids(scope.unitIds)})`];
    if (scope.procedureIds) parts.push(sql`w.procedure_id = any(${ids(scope.procedureIds)})`);
    if (scope.channel) parts.push(sql`w.channel = ${scope.channel}`);
    base = sql`
      select a.code, a.procedure_code, p.name as procedure_name, a.channel, a.status, w.at as at, a.due_at
      from stat_went_late w
      join applications a on a.id = w.application_id
      join procedures p on p.id = a.procedure_id
      where ${sql.join(parts, sql` and `)} and w.day >= ${period.from}::date and w.day <= ${period.asOf}::date
        and w.at < ${period.moment}`;
  } else {
    // In process at a moment: received before it, not yet out; its last fact before it says where
    // it stood and whether it was past its deadline (late_from on or before that day).
    const moment = what.at === 'start' ? period.start : period.end;
    const day = what.at === 'start' ? null : period.asOf;
    const lateNow =
      day === null
        ? sql`f.late_from < ${period.from}::date`
        : period.isToday
          ? sql`(f.late_from < ${day}::date or (f.late_from = ${day}::date and f.due_at < ${period.now}))`
          : sql`f.late_from <= ${day}::date`;
    const lateCondition =
      what.late === null
        ? sql``
        : what.late
          ? sql`and f.late_from is not null and ${lateNow}`
          : sql`and not (f.late_from is not null and ${lateNow})`;
    base = sql`
      select a.code, a.procedure_code, p.name as procedure_name, a.channel, f.status, f.at as at, f.due_at
      from stat_app_state s
      join lateral (
        select x.* from stat_event_facts x where x.application_id = s.application_id and x.at < ${moment}
        order by x.event_id desc limit 1
      ) f on true
      join applications a on a.id = s.application_id
      join procedures p on p.id = a.procedure_id
      where s.entered_at < ${moment} and (s.left_at is null or s.left_at >= ${moment})
        and f.status in (2, 4, 5, 6, 7)
        and ${factUnit} = any(${ids(scope.unitIds)}) ${applicationScope(scope)} ${lateCondition}`;
  }
  const total = await sql<{ n: number }>`select count(*)::bigint as n from (${base}) b`.execute(db);
  const rows = await sql<{
    code: string;
    procedure_code: string;
    procedure_name: string;
    channel: string;
    status: number;
    at: Date | null;
    due_at: Date | null;
  }>`select * from (${base}) b order by b.at, b.code limit ${page.limit} offset ${page.offset}`.execute(db);
  return {
    total: Number(total.rows[0]?.n ?? 0),
    items: rows.rows.map((r) => ({
      code: r.code,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name,
      channel: r.channel,
      status: Number(r.status),
      at: r.at,
      dueAt: r.due_at,
    })),
  };
}

// -------------------------------------------------------------------------------------------------
// Targets
// -------------------------------------------------------------------------------------------------

/** Targets set for the units (a unit and its ancestors) in a year. */
export async function findTargets(db: Queryable, unitIds: number[], year: number) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('stat_targets as t')
    .leftJoin('users as u', 'u.id', 't.updated_by')
    .select(['t.unit_id', 't.indicator', 't.target', 't.updated_at', 'u.username as updated_by'])
    .where('t.unit_id', 'in', unitIds)
    .where('t.year', '=', year)
    .execute();
}

export async function upsertTarget(
  db: Queryable,
  row: { unitId: number; year: number; indicator: string; target: number; userId: number; at: Date },
): Promise<void> {
  await db
    .insertInto('stat_targets')
    .values({
      unit_id: row.unitId,
      year: row.year,
      indicator: row.indicator,
      target: row.target,
      updated_by: row.userId,
      updated_at: row.at,
    })
    .onConflict((oc) =>
      oc
        .columns(['unit_id', 'year', 'indicator'])
        .doUpdateSet({ target: row.target, updated_by: row.userId, updated_at: row.at }),
    )
    .execute();
}

export async function deleteTarget(db: Queryable, unitId: number, year: number, indicator: string) {
  await db
    .deleteFrom('stat_targets')
    .where('unit_id', '=', unitId)
    .where('year', '=', year)
    .where('indicator', '=', indicator)
    .execute();
}
