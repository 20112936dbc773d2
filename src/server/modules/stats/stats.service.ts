// Statistics and the national service index, per unit (with or without its descendants), procedure,
// field, channel and period. Every number comes from the roll-ups (rollup.ts) or, for evaluations,
// feedback and the catalogue, from their own small tables. Pages, exports and the API call these:
//
//   const figures = await summary(deps, { unit: '123', from: '2025-01-01', to: '2025-06-30' });
//   const rows = await breakdown(deps, actor, { unit: '123', by: 'unit' });
//   const index = await serviceIndex(deps, { unit: '123', from: '2025-01-01', to: '2025-12-31' });
//   const ranked = await ranking(deps, { unit: '123' });
//   const page = await listApplicationsBehind(deps, actor, { unit: '123', figure: 'processedLate' });
//
// Aggregates are public (the transparency page shows them to anyone); whatever names people or lists
// applications is for staff of the unit or above and administrators. Definitions: docs/statistics.md.

import { grantsAllow } from '../../../shared/auth/roles.js';
import { addDays, parseLocalDate } from '../../../shared/calendar/index.js';
import { vietnamDate } from '../../../shared/clock.js';
import { AppError, type FieldErrors } from '../../../shared/errors.js';
import {
  BREAKDOWNS,
  type Breakdown,
  COUNT_FIGURES,
  type Grade,
  gradeFor,
  INDEX_GROUPS,
  type IndicatorDefinition,
  LATENESS_STEPS,
  type LatenessStep,
  type ListableFigure,
  MEASURE_FIGURES,
  PERSONAL_BREAKDOWNS,
  percent,
  pointsFor,
  RATE_FIGURES,
  STATS_MAX_PERIOD_YEARS,
  STATS_MIN_DATE,
  STATS_PAGE_SIZE_MAX,
  type StatChannel,
  type SummaryFigures,
  TARGET_INDICATORS,
} from '../../../shared/stats/definitions.js';
import { requireAccess } from '../../auth/access.js';
import type { ActionContext, Actor, AppDeps, Queryable } from '../../context.js';
import type { Database } from '../../db/database.js';
import { findDescendantUnitIds } from '../applications/applications.repository.js';
import { appendAudit } from '../audit/audit.repository.js';
import { type OnlinePaymentFigures, onlinePaymentFigures } from '../payments/payments.stats.js';
import { findAncestorIds, findUnitIdsByCode } from '../units/units.repository.js';
import { ensureStatistics } from './rollup.js';
import { COUNTERS, type Counter } from './rollup.model.js';
import { findMeta } from './rollup.repository.js';
import {
  type BehindItem,
  type BehindKind,
  type CounterSums,
  countFeedbackByOfficer,
  countLatenessAhead,
  deleteTarget,
  EVENT_CONDITIONS,
  type FeedbackSums,
  findAgencies,
  findBranches,
  findChildUnits,
  findProcedureIds,
  findProcedures,
  findTargets,
  findUnitName,
  findUnitNames,
  findUsers,
  type Grouping,
  listBehind,
  listProceduresUsedOnline,
  listRemit,
  listUnitHeads,
  type Period,
  type RemitRow,
  type Scope,
  type Stocks,
  sumCounts,
  sumEvaluationsByOfficer,
  sumFeedback,
  sumLateness,
  sumOfficers,
  upsertTarget,
} from './stats.repository.js';

// -------------------------------------------------------------------------------------------------
// Input: which unit, which period, which applications
// -------------------------------------------------------------------------------------------------

/** What every statistics call takes; all optional (the home unit, 1 January to today). */
export interface StatsFilter {
  /** Administrative code of the unit ('14' Sơn La, '123' Mộc Châu); the deploying unit when left out. */
  unit?: string | undefined;
  /** With everything below the unit (true, the default) or the unit alone. */
  includeDescendants?: boolean | undefined;
  /** First and last day, 'YYYY-MM-DD', both inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  procedureCode?: string | undefined;
  field?: string | undefined;
  channel?: StatChannel | undefined;
}

export interface ResolvedFilter {
  unit: { id: number; code: string; name: string; nameEn: string };
  includeDescendants: boolean;
  from: string;
  to: string;
  scope: Scope;
  period: Period;
  cache: CatalogCache;
}

const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
const nextMonthStart = (day: string) => {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};
/** Midnight starting a day in Vietnam. */
const startOfDay = (day: string) => new Date(`${day}T00:00:00+07:00`);

/** The period's days and the moments its figures are read at. */
export function periodOf(from: string, to: string, now: Date): Period {
  const today = vietnamDate(now);
  const asOf = to < today ? to : today;
  const fullFrom = from.endsWith('-01') ? from : nextMonthStart(from);
  const fullTo = nextMonthStart(asOf) === addDays(asOf, 1) ? nextMonthStart(asOf) : monthStart(asOf);
  const isToday = asOf === today;
  return {
    from,
    asOf,
    fullFrom,
    fullTo,
    afterMonth: nextMonthStart(asOf),
    start: startOfDay(from),
    end: isToday ? new Date(now.getTime() + 1) : startOfDay(addDays(asOf, 1)),
    moment: isToday ? now : startOfDay(addDays(asOf, 1)),
    isToday,
    today,
    now,
  };
}

function checkDate(value: string | undefined, field: string, fields: FieldErrors): string | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = parseLocalDate(value.trim());
  if (!parsed.ok) {
    fields[field] = {
      key: parsed.error === 'invalid_format' ? 'stats.errors.dateFormat' : 'stats.errors.dateInvalid',
    };
    return undefined;
  }
  return parsed.value;
}

/** The period asked for, checked: not before 2000, not reversed, at most 10 years, not starting after today. */
export function checkPeriod(
  input: { from?: string | undefined; to?: string | undefined },
  now: Date,
): { from: string; to: string } {
  const fields: FieldErrors = {};
  const today = vietnamDate(now);
  const givenFrom = checkDate(input.from, 'from', fields);
  const givenTo = checkDate(input.to, 'to', fields);
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
  const to = givenTo ?? today;
  // By default the year of the period's end (today's, for a period reaching past it) from 1 January.
  const from = givenFrom ?? `${[to, today].sort()[0]!.slice(0, 4)}-01-01`;
  if (from < STATS_MIN_DATE) fields.from = { key: 'stats.errors.beforeMinimum' };
  if (to < STATS_MIN_DATE) fields.to = { key: 'stats.errors.beforeMinimum' };
  if (!fields.from && !fields.to) {
    if (from > to) fields.to = { key: 'stats.errors.reversed' };
    else if (to >= `${Number(from.slice(0, 4)) + STATS_MAX_PERIOD_YEARS}${from.slice(4)}`)
      fields.to = { key: 'stats.errors.tooLong', params: { years: STATS_MAX_PERIOD_YEARS } };
    else if (from > today) fields.from = { key: 'stats.errors.future' };
  }
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
  return { from, to };
}

/**
 * Runs a statistics read, once the roll-ups are known to be complete. The reads are independent
 * queries (in parallel on PostgreSQL's pool), not one transaction: an event committed between two of
 * them shows in one and not the other, as it would a moment later in both.
 */
export async function reading<T>(deps: AppDeps, work: (db: Queryable) => Promise<T>): Promise<T> {
  await ensureStatistics(deps);
  return work(deps.database.db);
}

// What depends only on the catalogue and the organisation (a unit's subtree, the procedures of a set of
// units) is cached while they stay as they were: triggers move stat_meta.catalog_version on every change
// to procedures, their agencies, agencies and the unit tree. These are the costliest reads of a summary
// and the same for every period.
const CACHE_ENTRIES = 500;
interface CatalogCache {
  version: string;
  units: Map<string, { id: number; name: string; nameEn: string; unitIds: number[] }>;
  remit: Map<string, RemitRow[]>;
}
const catalogCaches = new WeakMap<Database, CatalogCache>();

async function catalogCache(deps: AppDeps, db: Queryable): Promise<CatalogCache> {
  const version = (await findMeta(db, 'catalog_version')) ?? '';
  let cache = catalogCaches.get(deps.database);
  if (!cache || cache.version !== version) {
    cache = { version, units: new Map(), remit: new Map() };
    catalogCaches.set(deps.database, cache);
  }
  return cache;
}

function remember<V>(map: Map<string, V>, key: string, value: V): V {
  if (map.size >= CACHE_ENTRIES) map.clear();
  map.set(key, value);
  return value;
}

/** A unit by its code, its name and the ids of its subtree (or itself) on a date; 404 when unknown. */
async function unitScope(
  db: Queryable,
  cache: CatalogCache,
  code: string,
  date: string,
  includeDescendants: boolean,
): Promise<{ id: number; name: string; nameEn: string; unitIds: number[] }> {
  const key = `${code}|${date}|${includeDescendants}`;
  const cached = cache.units.get(key);
  if (cached) return cached;
  const unitId = (await findUnitIdsByCode(db, [code])).get(code);
  if (unitId === undefined) throw new AppError('UNIT_NOT_FOUND');
  const [name, unitIds] = await Promise.all([
    findUnitName(db, unitId, date),
    includeDescendants ? findDescendantUnitIds(db, [unitId], date) : Promise.resolve([unitId]),
  ]);
  return remember(cache.units, key, {
    id: unitId,
    name: name?.full_name ?? code,
    nameEn: name?.full_name_en ?? code,
    unitIds,
  });
}

/** Resolves a filter to unit ids, procedure ids and the period; 404 for an unknown unit, 400 for the rest. */
export async function resolveFilter(
  deps: AppDeps,
  db: Queryable,
  input: StatsFilter,
): Promise<ResolvedFilter> {
  const now = deps.clock.now();
  const { from, to } = checkPeriod(input, now);
  const period = periodOf(from, to, now);
  const code = input.unit ?? deps.config.homeUnitCode;
  const includeDescendants = input.includeDescendants ?? true;
  const cache = await catalogCache(deps, db);
  const unit = await unitScope(db, cache, code, period.asOf, includeDescendants);
  let procedures: { id: number; code: string }[] | null = null;
  if (input.procedureCode || input.field) {
    const fields: FieldErrors = {};
    if (input.procedureCode && (await findProcedureIds(db, { code: input.procedureCode })).length === 0)
      fields.procedure = { key: 'stats.errors.unknownProcedure' };
    if (input.field && (await findProcedureIds(db, { field: input.field })).length === 0)
      fields.field = { key: 'stats.errors.unknownField' };
    if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
    // A procedure outside the field asked for leaves nothing to count.
    procedures = await findProcedureIds(db, { code: input.procedureCode, field: input.field });
  }
  return {
    unit: { id: unit.id, code, name: unit.name, nameEn: unit.nameEn },
    includeDescendants,
    from,
    to,
    period,
    cache,
    scope: {
      unitIds: unit.unitIds,
      procedureIds: procedures ? procedures.map((p) => p.id) : null,
      procedureCodes: procedures ? procedures.map((p) => p.code) : null,
      channel: input.channel ?? null,
    },
  };
}

/** Staff of the unit or of a unit above it, and administrators, may see who did what. */
async function requireStaffOf(
  db: Queryable,
  actor: Actor | null,
  unitId: number,
  date: string,
): Promise<Actor> {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const path = await findAncestorIds(db, unitId, date);
  if (!grantsAllow(actor.grants, 'staff.workspace', path)) throw new AppError('FORBIDDEN');
  return actor;
}

// -------------------------------------------------------------------------------------------------
// Raw sums and the figures made from them
// -------------------------------------------------------------------------------------------------

const zeroCounters = (): CounterSums => Object.fromEntries(COUNTERS.map((c) => [c, 0])) as CounterSums;

/** Everything the figures of one group are made from. */
interface Raw {
  byChannel: Record<StatChannel, CounterSums>;
  stocks: Stocks;
  /** Deadlines scheduled later today: in today's went_late row, not yet passed. */
  wentLateAhead: number;
  remit: Map<number, Pick<RemitRow, 'level' | 'onlineLevel' | 'complete'>>;
  usedOnline: Set<number>;
  feedback: FeedbackSums;
  /** The online payment group's counts (modules/payments), once the platform takes payments; else null. */
  payments?: OnlinePaymentFigures | null;
}

const emptyRaw = (): Raw => ({
  byChannel: { online: zeroCounters(), direct: zeroCounters(), postal: zeroCounters() },
  stocks: { inProcess: 0, late: 0, lateAhead: 0 },
  wentLateAhead: 0,
  remit: new Map(),
  usedOnline: new Set(),
  feedback: {
    received: 0,
    answeredOnTime: 0,
    answeredLate: 0,
    pendingWithin: 0,
    pendingOverdue: 0,
    complaints: 0,
  },
});

/** Adds every number of `source` to the same key of `target`. */
function addInto<T extends object>(target: T, source: T): void {
  const into = target as Record<string, number>;
  for (const [key, value] of Object.entries(source)) into[key] = (into[key] ?? 0) + (value as number);
}

/** Adds raw sums of one group into another (units into a branch, procedures into a field). */
function mergeRaw(target: Raw, source: Raw): void {
  for (const channel of Object.keys(source.byChannel) as StatChannel[])
    addInto(target.byChannel[channel], source.byChannel[channel]);
  addInto(target.stocks, source.stocks);
  target.wentLateAhead += source.wentLateAhead;
  for (const [id, p] of source.remit) target.remit.set(id, p);
  for (const id of source.usedOnline) target.usedOnline.add(id);
  addInto(target.feedback, source.feedback);
}

/**
 * Reads every source once, grouped by `group`, and files the rows under buckets: `bucketOf` maps a
 * group key to the bucket it belongs to (undefined drops it).
 */
async function collect(
  db: Queryable,
  resolved: ResolvedFilter,
  group: Exclude<Grouping, 'month'>,
  bucketOf: (key: string) => string | undefined = (key) => key,
  options: { usedOnline?: boolean } = {},
): Promise<Map<string, Raw>> {
  const { scope, period } = resolved;
  const buckets = new Map<string, Raw>();
  const bucket = (key: string) => {
    const name = bucketOf(key);
    if (name === undefined) return undefined;
    let raw = buckets.get(name);
    if (!raw) {
      raw = emptyRaw();
      buckets.set(name, raw);
    }
    return raw;
  };
  // Independent reads: in parallel on PostgreSQL (PGlite queues them on its one connection).
  const [counts, ahead, remit, usedOnline, feedback] = await Promise.all([
    sumCounts(db, scope, period, group),
    countLatenessAhead(db, scope, period, group),
    remitOf(db, resolved, group),
    options.usedOnline ? listProceduresUsedOnline(db, scope, period, group) : Promise.resolve([]),
    sumFeedback(db, scope, period, group),
  ]);
  for (const row of counts.flows) {
    const raw = bucket(row.g);
    if (raw) addInto(raw.byChannel[row.channel], row.sums);
  }
  for (const [key, stocks] of counts.stocks) {
    const raw = bucket(key);
    if (raw) addInto(raw.stocks, stocks);
  }
  for (const [key, n] of ahead) {
    const raw = bucket(key);
    if (raw) raw.wentLateAhead += n;
  }
  for (const row of remit) {
    const raw = bucket(row.g);
    if (raw)
      raw.remit.set(row.procedureId, {
        level: row.level,
        onlineLevel: row.onlineLevel,
        complete: row.complete,
      });
  }
  for (const row of usedOnline) bucket(row.g)?.usedOnline.add(row.procedureId);
  for (const [key, sums] of feedback) {
    const raw = bucket(key);
    if (raw) addInto(raw.feedback, sums);
  }
  return buckets;
}

/** The procedures a scope's units implement (their remit), from the catalogue cache. */
async function remitOf(db: Queryable, resolved: ResolvedFilter, group: Grouping): Promise<RemitRow[]> {
  const { scope, cache } = resolved;
  const key = `${group}|${scope.procedureIds?.join(',') ?? '*'}|${[...scope.unitIds].sort((a, b) => a - b).join(',')}`;
  return cache.remit.get(key) ?? remember(cache.remit, key, await listRemit(db, scope, group));
}

const DAY_SECONDS = 86_400;
const round2 = (n: number) => Math.round(n * 100) / 100;

function total(raw: Raw, counter: Counter): number {
  return raw.byChannel.online[counter] + raw.byChannel.direct[counter] + raw.byChannel.postal[counter];
}

/** The named figures of one group, from its raw sums. */
export function figuresOf(raw: Raw): SummaryFigures {
  const sum = (c: Counter) => total(raw, c);
  const received = sum('received');
  const processed = sum('processed');
  const processedWithin = sum('processed_early') + sum('processed_on_time');
  const inProcess = raw.stocks.inProcess;
  const late = raw.stocks.late;
  const carriedOver = inProcess - sum('in_process_delta');
  const remit = [...raw.remit.values()];
  const inRemit = remit.length;
  const full = remit.filter((p) => p.onlineLevel === 'full').length;
  const partial = remit.filter((p) => p.onlineLevel === 'partial').length;
  const ev = {
    total: sum('evaluations'),
    verySatisfied: sum('evaluations_very_satisfied'),
    satisfied: sum('evaluations_satisfied'),
    notSatisfied: sum('evaluations_not_satisfied'),
  };
  const fb = raw.feedback;
  const handlingSeconds = sum('handling_seconds');
  const figures: SummaryFigures = {
    submitted: sum('submitted'),
    received,
    receivedOnline: raw.byChannel.online.received,
    receivedDirect: raw.byChannel.direct.received,
    receivedPostal: raw.byChannel.postal.received,
    receivedFullOnline: sum('received_full_online'),
    receivedDigitised: sum('received_digitised'),
    refused: sum('refused'),
    withdrawnBeforeReceipt: sum('withdrawn_before_receipt'),
    carriedOver,
    transferredIn: sum('transferred_in'),
    transferredOut: sum('transferred_out'),
    toHandle: carriedOver + received + sum('transferred_in'),
    processed,
    processedEarly: sum('processed_early'),
    processedOnTime: sum('processed_on_time'),
    processedWithinDeadline: processedWithin,
    processedLate: sum('processed_late'),
    stopped: sum('stopped'),
    inProcess,
    inProcessWithinDeadline: inProcess - late,
    inProcessPastDeadline: late,
    wentLate: sum('went_late') - raw.wentLateAhead,
    assigned: null,
    returned: sum('returned'),
    returnedElectronic: sum('returned_electronic'),
    proceduresInRemit: inRemit,
    proceduresProvince: remit.filter((p) => p.level === 'province').length,
    proceduresDistrict: remit.filter((p) => p.level === 'district').length,
    proceduresCommune: remit.filter((p) => p.level === 'commune').length,
    proceduresVertical: remit.filter((p) => p.level === 'vertical').length,
    proceduresOnline: full + partial,
    proceduresFullOnline: full,
    proceduresPartialOnline: partial,
    proceduresComplete: remit.filter((p) => p.complete).length,
    evaluations: ev.total,
    evaluationsVerySatisfied: ev.verySatisfied,
    evaluationsSatisfied: ev.satisfied,
    evaluationsNotSatisfied: ev.notSatisfied,
    feedbackReceived: fb.received,
    feedbackAnsweredOnTime: fb.answeredOnTime,
    feedbackAnsweredLate: fb.answeredLate,
    feedbackPendingWithinLimit: fb.pendingWithin,
    feedbackPendingOverdue: fb.pendingOverdue,
    complaints: fb.complaints,
    onlineRate: percent(raw.byChannel.online.received, received),
    fullOnlineRate: percent(sum('received_full_online'), received),
    directRate: percent(raw.byChannel.direct.received, received),
    postalRate: percent(raw.byChannel.postal.received, received),
    onTimeRate: percent(processedWithin, processed),
    inProcessOnTimeRate: percent(inProcess - late, inProcess),
    handledOnTimeRate: percent(processedWithin + inProcess - late, processed + inProcess),
    onlineServiceRate: percent(full + partial, inRemit),
    fullOnlineServiceRate: percent(full, inRemit),
    satisfiedRate: percent(ev.verySatisfied + ev.satisfied, ev.total),
    feedbackOnTimeRate: percent(fb.answeredOnTime + fb.pendingWithin, fb.received),
    electronicResultRate: percent(sum('returned_electronic'), sum('returned')),
    digitisedRate: percent(sum('received_digitised'), received),
    averageHandlingDays: processed > 0 ? round2(handlingSeconds / processed / DAY_SECONDS) : null,
    handlingDaysTotal: round2(handlingSeconds / DAY_SECONDS),
  };
  return figures;
}

/** Figures that only make sense for a whole unit: null elsewhere (a channel has no remit). */
function blank(figures: SummaryFigures, keys: readonly (keyof SummaryFigures)[]): SummaryFigures {
  const copy = { ...figures };
  for (const key of keys) copy[key] = null;
  return copy;
}

const REMIT_FIGURES = [
  'proceduresInRemit',
  'proceduresProvince',
  'proceduresDistrict',
  'proceduresCommune',
  'proceduresVertical',
  'proceduresOnline',
  'proceduresFullOnline',
  'proceduresPartialOnline',
  'proceduresComplete',
  'onlineServiceRate',
  'fullOnlineServiceRate',
] as const;
const FEEDBACK_FIGURES = [
  'feedbackReceived',
  'feedbackAnsweredOnTime',
  'feedbackAnsweredLate',
  'feedbackPendingWithinLimit',
  'feedbackPendingOverdue',
  'complaints',
  'feedbackOnTimeRate',
] as const;

export interface Summary extends SummaryFigures {
  unit: string;
  unitName: string;
  unitNameEn: string;
  includeDescendants: boolean;
  from: string;
  to: string;
  /** The moment in-process figures describe: the end of `to`, or now when the period reaches today. */
  asOf: Date;
  procedureCode: string | null;
  field: string | null;
  channel: StatChannel | null;
  /** Online payment (modules/payments): null, and not applicable, until the platform takes payments. */
  onlinePayment: OnlinePaymentSummary | null;
  onlinePaymentApplicable: boolean;
}

/** The online payment figures (modules/payments) with their rates in percent. */
export interface OnlinePaymentSummary extends OnlinePaymentFigures {
  proceduresRate: number | null;
  applicationsRate: number | null;
}

function header(resolved: ResolvedFilter, input: StatsFilter) {
  return {
    unit: resolved.unit.code,
    unitName: resolved.unit.name,
    unitNameEn: resolved.unit.nameEn,
    includeDescendants: resolved.includeDescendants,
    from: resolved.from,
    to: resolved.to,
    asOf: resolved.period.moment,
    procedureCode: input.procedureCode ?? null,
    field: input.field ?? null,
    channel: input.channel ?? null,
  };
}

/**
 * The filter resolved into the header every table carries (unit, names, period), without computing a
 * figure; `staffOnly` also requires staff of the unit or above (401 signed out, 403 otherwise).
 */
export async function statsHeader(
  deps: AppDeps,
  actor: Actor | null,
  input: StatsFilter & { staffOnly?: boolean },
): Promise<ReturnType<typeof header>> {
  return reading(deps, async (db) => {
    const resolved = await resolveFilter(deps, db, input);
    if (input.staffOnly) await requireStaffOf(db, actor, resolved.unit.id, resolved.period.asOf);
    return header(resolved, input);
  });
}

/** Every figure of a unit over a period, as one flat object. Public: aggregates only. */
export async function summary(deps: AppDeps, input: StatsFilter = {}): Promise<Summary> {
  return reading(deps, async (db) => {
    const resolved = await resolveFilter(deps, db, input);
    const raw = (await collect(db, resolved, 'none')).get('') ?? emptyRaw();
    const payments = await onlinePaymentFigures(db, paymentScope(resolved, raw));
    return {
      ...header(resolved, input),
      ...figuresOf(raw),
      onlinePayment: payments && {
        ...payments,
        proceduresRate: percent(payments.proceduresPaidOnline, payments.proceduresCharging),
        applicationsRate: percent(payments.applicationsPaidOnline, payments.applicationsCharged),
      },
      onlinePaymentApplicable: payments !== null,
    };
  });
}

// -------------------------------------------------------------------------------------------------
// Breakdowns
// -------------------------------------------------------------------------------------------------

export interface BreakdownRow {
  /** What the row is: a month 'YYYY-MM', a unit or agency code, a procedure code, a field, a channel, a step, a username. */
  key: string;
  label: string;
  labelEn: string;
  figures: SummaryFigures;
}

export interface BreakdownResult {
  by: Breakdown;
  header: ReturnType<typeof header>;
  rows: BreakdownRow[];
  total: number;
  page: number;
  pageSize: number;
}

export interface BreakdownInput extends StatsFilter {
  by: Breakdown;
  page?: number | undefined;
  pageSize?: number | undefined;
}

const nullFigures = (): SummaryFigures =>
  Object.fromEntries(
    [...COUNT_FIGURES, ...RATE_FIGURES, ...MEASURE_FIGURES].map((k) => [k, null]),
  ) as SummaryFigures;

function checkPage(input: { page?: number | undefined; pageSize?: number | undefined }) {
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 50;
  const fields: FieldErrors = {};
  if (!Number.isInteger(page) || page < 1 || page > 100_000) fields.page = { key: 'stats.errors.page' };
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > STATS_PAGE_SIZE_MAX)
    fields.pageSize = { key: 'stats.errors.pageSize', params: { maximum: STATS_PAGE_SIZE_MAX } };
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
  return { page, pageSize };
}

/**
 * A unit's figures split by month, unit (the unit itself, then each unit directly under it with
 * everything below), agency, field, procedure, channel, step (where applications went late), officer
 * or unit head. Officers and heads are named: staff of the unit or above and administrators only.
 */
export async function breakdown(
  deps: AppDeps,
  actor: Actor | null,
  input: BreakdownInput,
): Promise<BreakdownResult> {
  if (!(BREAKDOWNS as readonly string[]).includes(input.by))
    throw new AppError('VALIDATION_FAILED', { fields: { by: { key: 'validation.invalidOption' } } });
  const { page, pageSize } = checkPage(input);
  return reading(deps, async (db) => {
    const resolved = await resolveFilter(deps, db, input);
    if (PERSONAL_BREAKDOWNS.includes(input.by))
      await requireStaffOf(db, actor, resolved.unit.id, resolved.period.asOf);
    const rows = await breakdownRows(db, resolved, input.by);
    return {
      by: input.by,
      header: header(resolved, input),
      rows: rows.slice((page - 1) * pageSize, page * pageSize),
      total: rows.length,
      page,
      pageSize,
    };
  });
}

async function breakdownRows(
  db: Queryable,
  resolved: ResolvedFilter,
  by: Breakdown,
): Promise<BreakdownRow[]> {
  switch (by) {
    case 'month':
      return monthRows(db, resolved);
    case 'unit': {
      const branches = await findBranches(db, resolved.unit.id, resolved.period.asOf);
      const inScope = new Set(resolved.scope.unitIds);
      const branchOf = new Map(
        branches.filter((b) => inScope.has(b.unitId)).map((b) => [String(b.unitId), String(b.branch)]),
      );
      const raws = await collect(db, resolved, 'unit', (key) => branchOf.get(key));
      const children = await findChildUnits(db, resolved.unit.id, resolved.period.asOf);
      const own = {
        id: resolved.unit.id,
        code: resolved.unit.code,
        full_name: resolved.unit.name,
        full_name_en: resolved.unit.nameEn,
      };
      const units = resolved.includeDescendants ? [own, ...children] : [own];
      return units.map((u) => ({
        key: u.code,
        label: u.full_name,
        labelEn: u.full_name_en,
        figures: figuresOf(raws.get(String(u.id)) ?? emptyRaw()),
      }));
    }
    case 'agency': {
      const raws = await collect(db, resolved, 'agency');
      const agencies = await findAgencies(db, [...raws.keys()].map(Number));
      return agencies
        .map((a) => ({
          key: a.code,
          label: a.name,
          labelEn: a.name_en,
          figures: figuresOf(raws.get(String(a.id))!),
        }))
        .sort(byReceived);
    }
    case 'procedure': {
      const raws = await collect(db, resolved, 'procedure');
      const procedures = await findProcedures(
        db,
        [...raws.keys()].map(Number).filter((id) => id > 0),
      );
      return procedures
        .map((p) => ({
          key: p.code,
          label: p.name,
          labelEn: p.name,
          figures: figuresOf(raws.get(String(p.id))!),
        }))
        .sort(byReceived);
    }
    case 'field': {
      const raws = await collect(db, resolved, 'procedure');
      const procedures = await findProcedures(
        db,
        [...raws.keys()].map(Number).filter((id) => id > 0),
      );
      const fields = new Map<string, Raw>();
      for (const p of procedures) {
        let raw = fields.get(p.field);
        if (!raw) {
          raw = emptyRaw();
          fields.set(p.field, raw);
        }
        mergeRaw(raw, raws.get(String(p.id))!);
      }
      return [...fields.entries()]
        .map(([field, raw]) => ({ key: field, label: field, labelEn: field, figures: figuresOf(raw) }))
        .sort(byReceived);
    }
    case 'channel': {
      const raws = await collect(db, resolved, 'channel');
      const channels = resolved.scope.channel
        ? [resolved.scope.channel]
        : (['online', 'direct', 'postal'] as const);
      return channels.map((c) => ({
        key: c,
        label: c,
        labelEn: c,
        figures: blank(figuresOf(raws.get(c) ?? emptyRaw()), [...REMIT_FIGURES, ...FEEDBACK_FIGURES]),
      }));
    }
    case 'step': {
      const late = await sumLateness(db, resolved.scope, resolved.period);
      return LATENESS_STEPS.map((step) => ({
        key: step,
        label: step,
        labelEn: step,
        figures: {
          ...nullFigures(),
          wentLate: late.filter((r) => r.step === step).reduce((n, r) => n + r.n, 0),
        },
      }));
    }
    case 'officer':
      return officerRows(db, resolved);
    case 'head':
      return headRows(db, resolved);
  }
}

const byReceived = (a: BreakdownRow, b: BreakdownRow) =>
  (b.figures.received ?? 0) - (a.figures.received ?? 0) ||
  (b.figures.inProcess ?? 0) - (a.figures.inProcess ?? 0) ||
  (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** One row per month of the period: its flows, and the stocks at the end of each month. */
async function monthRows(db: Queryable, resolved: ResolvedFilter): Promise<BreakdownRow[]> {
  const { scope, period } = resolved;
  const months: string[] = [];
  for (let m = monthStart(period.from); m <= period.asOf; m = nextMonthStart(m)) months.push(m.slice(0, 7));
  const { flows } = await sumCounts(db, scope, period, 'month', { stocks: false });
  const whole = (await collect(db, resolved, 'none')).get('') ?? emptyRaw();
  const raws = new Map(months.map((m) => [m, emptyRaw()]));
  for (const row of flows) {
    const raw = raws.get(row.g);
    if (raw) addInto(raw.byChannel[row.channel], row.sums);
  }
  for (const [key, sums] of await sumFeedback(db, scope, period, 'month')) {
    const raw = raws.get(key);
    if (raw) addInto(raw.feedback, sums);
  }
  // Stocks at each month's end, walking back from the period's end through each month's deltas.
  let inProcess = whole.stocks.inProcess;
  let late = whole.stocks.late + whole.stocks.lateAhead;
  for (let i = months.length - 1; i >= 0; i--) {
    const raw = raws.get(months[i]!)!;
    const last = i === months.length - 1;
    raw.stocks = { inProcess, late: last ? whole.stocks.late : late, lateAhead: 0 };
    if (last) raw.wentLateAhead = whole.wentLateAhead;
    raw.remit = whole.remit;
    inProcess -= total(raw, 'in_process_delta');
    late -= total(raw, 'late_delta');
  }
  return months.map((m) => ({ key: m, label: m, labelEn: m, figures: figuresOf(raws.get(m)!) }));
}

/** Per officer: what they received, were assigned, handled (on time or late), returned, let go late, how they were rated. */
async function officerRows(db: Queryable, resolved: ResolvedFilter): Promise<BreakdownRow[]> {
  const { scope, period } = resolved;
  const [officers, late, evaluations, feedback] = await Promise.all([
    sumOfficers(db, scope.unitIds, period),
    sumLateness(db, { ...scope, procedureIds: null, channel: null }, period),
    sumEvaluationsByOfficer(db, scope.unitIds, period),
    countFeedbackByOfficer(db, scope.unitIds, period),
  ]);
  const ids = new Set<number>([
    ...officers.map((o) => o.userId),
    ...late.filter((r) => r.userId !== null).map((r) => r.userId!),
    ...evaluations.keys(),
    ...feedback.keys(),
  ]);
  const users = await findUsers(db, [...ids]);
  return users
    .map((u) => {
      const o = officers.find((x) => x.userId === u.id);
      const ev = evaluations.get(u.id);
      const processed = o?.processed ?? 0;
      const processedLate = o?.processed_late ?? 0;
      return {
        key: u.username,
        label: u.full_name,
        labelEn: u.full_name,
        figures: {
          ...nullFigures(),
          received: o?.received ?? 0,
          assigned: o?.assigned ?? 0,
          processed,
          processedLate,
          processedWithinDeadline: processed - processedLate,
          onTimeRate: percent(processed - processedLate, processed),
          returned: o?.returned ?? 0,
          wentLate: late.filter((r) => r.userId === u.id).reduce((n, r) => n + r.n, 0),
          evaluations: ev?.total ?? 0,
          evaluationsVerySatisfied: ev?.verySatisfied ?? 0,
          evaluationsSatisfied: ev?.satisfied ?? 0,
          evaluationsNotSatisfied: ev?.notSatisfied ?? 0,
          satisfiedRate: ev ? percent(ev.verySatisfied + ev.satisfied, ev.total) : null,
          feedbackReceived: feedback.get(u.id) ?? 0,
        },
      };
    })
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.key < b.key ? -1 : 1));
}

/**
 * Per unit head: the figures of the agency their role names (or of their unit), so every head answers
 * for the procedures of their unit, including what went late at any step there.
 */
async function headRows(db: Queryable, resolved: ResolvedFilter): Promise<BreakdownRow[]> {
  const heads = await listUnitHeads(db, resolved.scope.unitIds);
  const byAgency = await collect(db, resolved, 'agency');
  const agencyUnit = new Map(
    (await findAgencies(db, [...byAgency.keys()].map(Number))).map((a) => [a.id, a.unit_id]),
  );
  return heads.map((h) => {
    const raw = emptyRaw();
    for (const [key, r] of byAgency) {
      const agencyId = Number(key);
      if (h.agency_id !== null ? agencyId === h.agency_id : agencyUnit.get(agencyId) === h.unit_id)
        mergeRaw(raw, r);
    }
    return { key: h.username, label: h.full_name, labelEn: h.full_name, figures: figuresOf(raw) };
  });
}

// -------------------------------------------------------------------------------------------------
// Lateness attribution
// -------------------------------------------------------------------------------------------------

export interface LatenessResult {
  header: ReturnType<typeof header>;
  total: number;
  byStep: { step: LatenessStep; count: number }[];
  byAgency: { agency: string; name: string; nameEn: string; count: number }[];
  /** Null unless the caller may see names (staff of the unit or above, administrators). */
  byOfficer: { username: string; name: string; count: number }[] | null;
}

/** Where applications went past their deadline: at which step, in which agency, with whom. */
export async function lateness(
  deps: AppDeps,
  actor: Actor | null,
  input: StatsFilter = {},
): Promise<LatenessResult> {
  return reading(deps, async (db) => {
    const resolved = await resolveFilter(deps, db, input);
    const rows = await sumLateness(db, resolved.scope, resolved.period);
    const agencies = await findAgencies(db, [...new Set(rows.map((r) => r.agencyId))]);
    let mayName = false;
    if (actor) {
      const path = await findAncestorIds(db, resolved.unit.id, resolved.period.asOf);
      mayName = grantsAllow(actor.grants, 'staff.workspace', path);
    }
    const users = mayName
      ? await findUsers(db, [...new Set(rows.flatMap((r) => (r.userId ? [r.userId] : [])))])
      : [];
    const count = (filter: (r: (typeof rows)[number]) => boolean) =>
      rows.filter(filter).reduce((n, r) => n + r.n, 0);
    return {
      header: header(resolved, input),
      total: count(() => true),
      byStep: LATENESS_STEPS.map((step) => ({ step, count: count((r) => r.step === step) })),
      byAgency: agencies
        .map((a) => ({
          agency: a.code,
          name: a.name,
          nameEn: a.name_en,
          count: count((r) => r.agencyId === a.id),
        }))
        .sort((a, b) => b.count - a.count || (a.agency < b.agency ? -1 : 1)),
      byOfficer: mayName
        ? users
            .map((u) => ({ username: u.username, name: u.full_name, count: count((r) => r.userId === u.id) }))
            .sort((a, b) => b.count - a.count || (a.username < b.username ? -1 : 1))
        : null,
    };
  });
}

// -------------------------------------------------------------------------------------------------
// The service index (Decision 766/QĐ-TTg) and the ranking of units
// -------------------------------------------------------------------------------------------------

export interface IndicatorResult {
  key: string;
  kind: 'rate' | 'measure';
  points: number;
  applicable: boolean;
  /** Why it is not applicable: the platform has no data for it, or nothing to divide by in the period. */
  reason: 'no_data' | 'no_denominator' | null;
  numerator: number | null;
  denominator: number | null;
  /** Percent for a rate; days for the average handling time. */
  value: number | null;
  target: number | null;
  targetSource: 'unit' | 'inherited' | 'default' | null;
  earned: number | null;
  /** Beside the rate, for reading it (counter and postal shares beside the online rate). */
  extras: Record<string, number | null>;
}

export interface GroupResult {
  key: string;
  points: number;
  applicablePoints: number;
  earned: number;
  applicable: boolean;
  indicators: IndicatorResult[];
}

export interface IndexResult {
  points: number;
  applicablePoints: number;
  earned: number;
  /** Points earned per 100 applicable points; null when nothing is applicable. */
  score: number | null;
  grade: Grade | null;
  groups: GroupResult[];
}

interface Ratio {
  numerator: number;
  denominator: number;
  extras?: Record<string, number | null>;
}

/** Numerator and denominator of each sub-indicator the platform has data for. */
function ratios(raw: Raw, f: SummaryFigures): Record<string, Ratio> {
  const n = (v: number | null) => v ?? 0;
  const handled = n(f.processed) + n(f.inProcess);
  const lateApps = n(f.processedLate) + n(f.inProcessPastDeadline);
  const unhappy = n(f.evaluationsNotSatisfied) + n(f.complaints);
  const onlineInRemit = [...raw.remit.entries()].filter(([, p]) => p.onlineLevel !== 'none');
  return {
    procedures_published_complete: {
      numerator: n(f.proceduresComplete),
      denominator: n(f.proceduresInRemit),
    },
    handled_on_time: {
      numerator: n(f.processedWithinDeadline) + n(f.inProcessWithinDeadline),
      denominator: handled,
      extras: { processedLate: f.processedLate, inProcessPastDeadline: f.inProcessPastDeadline },
    },
    average_handling_days: { numerator: n(f.handlingDaysTotal), denominator: n(f.processed) },
    procedures_online: { numerator: n(f.proceduresOnline), denominator: n(f.proceduresInRemit) },
    procedures_full_online: { numerator: n(f.proceduresFullOnline), denominator: n(f.proceduresInRemit) },
    online_services_used: {
      numerator: onlineInRemit.filter(([id]) => raw.usedOnline.has(id)).length,
      denominator: onlineInRemit.length,
    },
    applications_online: {
      numerator: n(f.receivedOnline),
      denominator: n(f.received),
      extras: { directRate: f.directRate, postalRate: f.postalRate, fullOnlineRate: f.fullOnlineRate },
    },
    feedback_on_time: {
      numerator: n(f.feedbackAnsweredOnTime) + n(f.feedbackPendingWithinLimit),
      denominator: n(f.feedbackReceived),
    },
    service_satisfaction: {
      numerator: Math.max(0, handled - lateApps - unhappy),
      denominator: handled,
      extras: { lateApplications: lateApps, notSatisfiedOrComplaints: unhappy },
    },
    electronic_results: { numerator: n(f.returnedElectronic), denominator: n(f.returned) },
    applications_digitised: { numerator: n(f.receivedDigitised), denominator: n(f.received) },
    ...(raw.payments
      ? {
          procedures_paid_online: {
            numerator: raw.payments.proceduresPaidOnline,
            denominator: raw.payments.proceduresCharging,
          },
          applications_paid_online: {
            numerator: raw.payments.applicationsPaidOnline,
            denominator: raw.payments.applicationsCharged,
          },
        }
      : {}),
  };
}

/** What the online payment group reads: the units, the procedures in remit, the filters, the period. */
function paymentScope(resolved: ResolvedFilter, raw: Raw, unitIds = resolved.scope.unitIds) {
  return {
    unitIds,
    remitProcedureIds: [...raw.remit.keys()],
    procedureIds: resolved.scope.procedureIds,
    channel: resolved.scope.channel,
    start: resolved.period.start,
    end: resolved.period.end,
  };
}

export type TargetSource = 'unit' | 'inherited' | 'default';
export type EffectiveTargets = Map<string, { target: number | null; source: TargetSource }>;

/** The targets in force for a unit in a year: its own, else the nearest unit above's, else the defaults. */
export async function effectiveTargets(
  db: Queryable,
  unitId: number,
  year: number,
  date: string,
): Promise<EffectiveTargets> {
  const path = await findAncestorIds(db, unitId, date);
  return targetsAlong(path, await findTargets(db, path, year));
}

/** The targets in force along a path (the unit first, then the units above it), from the rows set on it. */
function targetsAlong(
  path: readonly number[],
  rows: readonly { unit_id: number; indicator: string; target: number }[],
): EffectiveTargets {
  const result: EffectiveTargets = new Map();
  for (const group of INDEX_GROUPS)
    for (const indicator of group.indicators as readonly IndicatorDefinition[]) {
      let chosen: { target: number | null; source: TargetSource } = {
        target: indicator.defaultTarget,
        source: 'default',
      };
      for (const [depth, id] of path.entries()) {
        const row = rows.find((r) => r.unit_id === id && r.indicator === indicator.key);
        if (row) {
          chosen = { target: Number(row.target), source: depth === 0 ? 'unit' : 'inherited' };
          break;
        }
      }
      result.set(indicator.key, chosen);
    }
  return result;
}

/** Scores raw sums against targets: each rate earns its points in proportion up to its target. */
export function scoreIndex(raw: Raw, targets: EffectiveTargets): IndexResult {
  const f = figuresOf(raw);
  const r = ratios(raw, f);
  const groups: GroupResult[] = INDEX_GROUPS.map((group) => {
    const indicators = (group.indicators as readonly IndicatorDefinition[]).map((def): IndicatorResult => {
      const ratio = r[def.key];
      const target = targets.get(def.key) ?? { target: def.defaultTarget, source: 'default' as const };
      const base = {
        key: def.key,
        kind: def.kind,
        points: def.points,
        target: def.kind === 'rate' ? target.target : null,
        targetSource: def.kind === 'rate' ? target.source : null,
        extras: ratio?.extras ?? {},
      };
      if (!def.hasData || !ratio)
        return {
          ...base,
          applicable: false,
          reason: 'no_data',
          numerator: null,
          denominator: null,
          value: null,
          earned: null,
        };
      const value =
        def.kind === 'measure'
          ? ratio.denominator > 0
            ? round2(ratio.numerator / ratio.denominator)
            : null
          : percent(ratio.numerator, ratio.denominator);
      if (value === null)
        return {
          ...base,
          applicable: false,
          reason: 'no_denominator',
          numerator: ratio.numerator,
          denominator: ratio.denominator,
          value,
          earned: null,
        };
      const earned =
        def.kind === 'rate' && def.points > 0
          ? round2(pointsFor(value, target.target ?? 100, def.points))
          : 0;
      return {
        ...base,
        applicable: def.points > 0,
        reason: null,
        numerator: ratio.numerator,
        denominator: ratio.denominator,
        value,
        earned: def.points > 0 ? earned : null,
      };
    });
    const applicable = indicators.filter((i) => i.applicable);
    return {
      key: group.key,
      points: group.points,
      applicablePoints: applicable.reduce((n, i) => n + i.points, 0),
      earned: round2(applicable.reduce((n, i) => n + (i.earned ?? 0), 0)),
      applicable: applicable.length > 0,
      indicators,
    };
  });
  const applicablePoints = groups.reduce((n, g) => n + g.applicablePoints, 0);
  const earned = round2(groups.reduce((n, g) => n + g.earned, 0));
  const score = applicablePoints > 0 ? round2((earned / applicablePoints) * 100) : null;
  return {
    points: INDEX_GROUPS.reduce((n, g) => n + g.points, 0),
    applicablePoints,
    earned,
    score,
    grade: score === null ? null : gradeFor(score),
    groups,
  };
}

export interface ServiceIndex extends IndexResult {
  header: ReturnType<typeof header>;
}

/** The service index of a unit over a period, with the numerator, denominator and target behind every rate. */
export async function serviceIndex(deps: AppDeps, input: StatsFilter = {}): Promise<ServiceIndex> {
  return reading(deps, async (db) => {
    const resolved = await resolveFilter(deps, db, input);
    const [raws, targets] = await Promise.all([
      collect(db, resolved, 'none', undefined, { usedOnline: true }),
      effectiveTargets(db, resolved.unit.id, Number(resolved.period.asOf.slice(0, 4)), resolved.period.asOf),
    ]);
    const raw = raws.get('') ?? emptyRaw();
    raw.payments = await onlinePaymentFigures(db, paymentScope(resolved, raw));
    return { header: header(resolved, input), ...scoreIndex(raw, targets) };
  });
}

export interface RankingRow {
  rank: number | null;
  unit: string;
  name: string;
  nameEn: string;
  earned: number;
  applicablePoints: number;
  score: number | null;
  grade: Grade | null;
}

/**
 * The units directly under a unit (communes and wards under a district, districts under a province),
 * each with everything below it, ranked by their index score (points per 100 applicable points).
 */
export async function ranking(
  deps: AppDeps,
  input: StatsFilter = {},
): Promise<{ header: ReturnType<typeof header>; rows: RankingRow[] }> {
  return reading(deps, async (db) => {
    const resolved = await resolveFilter(deps, db, { ...input, includeDescendants: true });
    const date = resolved.period.asOf;
    const [children, branches, above] = await Promise.all([
      findChildUnits(db, resolved.unit.id, date),
      findBranches(db, resolved.unit.id, date),
      findAncestorIds(db, resolved.unit.id, date),
    ]);
    const branchOf = new Map(
      branches.filter((b) => b.branch !== resolved.unit.id).map((b) => [String(b.unitId), String(b.branch)]),
    );
    const year = Number(date.slice(0, 4));
    const [raws, targetRows] = await Promise.all([
      collect(db, resolved, 'unit', (key) => branchOf.get(key), { usedOnline: true }),
      findTargets(db, [...children.map((c) => c.id), ...above], year),
    ]);
    for (const child of children) {
      const raw = raws.get(String(child.id));
      const unitIds = branches.filter((b) => b.branch === child.id).map((b) => b.unitId);
      if (raw) raw.payments = await onlinePaymentFigures(db, paymentScope(resolved, raw, unitIds));
    }
    const scored: RankingRow[] = children.map((child) => {
      const result = scoreIndex(
        raws.get(String(child.id)) ?? emptyRaw(),
        targetsAlong([child.id, ...above], targetRows),
      );
      return {
        rank: null,
        unit: child.code,
        name: child.full_name,
        nameEn: child.full_name_en,
        earned: result.earned,
        applicablePoints: result.applicablePoints,
        score: result.score,
        grade: result.grade,
      };
    });
    scored.sort(
      (a, b) =>
        (b.score ?? -1) - (a.score ?? -1) ||
        b.earned - a.earned ||
        (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0),
    );
    let rank = 0;
    let previous: RankingRow | undefined;
    for (const [i, row] of scored.entries()) {
      if (row.score === null) continue;
      if (!previous || previous.score !== row.score || previous.earned !== row.earned) rank = i + 1;
      row.rank = rank;
      previous = row;
    }
    return { header: header(resolved, input), rows: scored };
  });
}

// -------------------------------------------------------------------------------------------------
// The applications behind a figure
// -------------------------------------------------------------------------------------------------

const BEHIND: Record<ListableFigure, BehindKind | ((scope: Scope) => { kind: BehindKind; scope: Scope })> = {
  submitted: { kind: 'event', condition: EVENT_CONDITIONS.submitted },
  received: { kind: 'event', condition: EVENT_CONDITIONS.received },
  receivedOnline: (scope) => ({
    kind: { kind: 'event', condition: EVENT_CONDITIONS.received },
    scope: { ...scope, channel: 'online' },
  }),
  receivedDirect: (scope) => ({
    kind: { kind: 'event', condition: EVENT_CONDITIONS.received },
    scope: { ...scope, channel: 'direct' },
  }),
  receivedPostal: (scope) => ({
    kind: { kind: 'event', condition: EVENT_CONDITIONS.received },
    scope: { ...scope, channel: 'postal' },
  }),
  receivedFullOnline: { kind: 'event', condition: EVENT_CONDITIONS.receivedFullOnline },
  refused: { kind: 'event', condition: EVENT_CONDITIONS.refused },
  carriedOver: { kind: 'stock', at: 'start', late: null },
  processed: { kind: 'event', condition: EVENT_CONDITIONS.processed },
  processedEarly: { kind: 'event', condition: EVENT_CONDITIONS.processedEarly },
  processedOnTime: { kind: 'event', condition: EVENT_CONDITIONS.processedOnTime },
  processedWithinDeadline: { kind: 'event', condition: EVENT_CONDITIONS.processedWithinDeadline },
  processedLate: { kind: 'event', condition: EVENT_CONDITIONS.processedLate },
  stopped: { kind: 'event', condition: EVENT_CONDITIONS.stopped },
  inProcess: { kind: 'stock', at: 'end', late: null },
  inProcessWithinDeadline: { kind: 'stock', at: 'end', late: false },
  inProcessPastDeadline: { kind: 'stock', at: 'end', late: true },
  wentLate: { kind: 'went_late' },
  returned: { kind: 'event', condition: EVENT_CONDITIONS.returned },
  returnedElectronic: { kind: 'event', condition: EVENT_CONDITIONS.returnedElectronic },
};

export interface BehindInput extends StatsFilter {
  figure: ListableFigure;
  page?: number | undefined;
  pageSize?: number | undefined;
}

/** The application codes behind a number of the summary, a page at a time. Staff of the unit or above only. */
export async function listApplicationsBehind(
  deps: AppDeps,
  actor: Actor | null,
  input: BehindInput,
): Promise<{
  header: ReturnType<typeof header>;
  figure: ListableFigure;
  total: number;
  page: number;
  pageSize: number;
  items: BehindItem[];
}> {
  const spec = BEHIND[input.figure];
  if (!spec)
    throw new AppError('VALIDATION_FAILED', { fields: { figure: { key: 'validation.invalidOption' } } });
  const { page, pageSize } = checkPage(input);
  return reading(deps, async (db) => {
    const resolved = await resolveFilter(deps, db, input);
    await requireStaffOf(db, actor, resolved.unit.id, resolved.period.asOf);
    const { kind, scope } =
      typeof spec === 'function' ? spec(resolved.scope) : { kind: spec, scope: resolved.scope };
    if (resolved.scope.channel && scope.channel !== resolved.scope.channel)
      return { header: header(resolved, input), figure: input.figure, total: 0, page, pageSize, items: [] };
    const result = await listBehind(db, scope, resolved.period, kind, {
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { header: header(resolved, input), figure: input.figure, page, pageSize, ...result };
  });
}

// -------------------------------------------------------------------------------------------------
// Targets
// -------------------------------------------------------------------------------------------------

export interface TargetsView {
  unit: string;
  unitName: string;
  unitNameEn: string;
  year: number;
  targets: {
    indicator: string;
    /** Set for this unit. */
    own: number | null;
    /** In force: its own, else the nearest unit above's, else the default. */
    effective: number | null;
    source: TargetSource;
    updatedAt: Date | null;
    updatedBy: string | null;
  }[];
}

function checkYear(year: number | undefined, now: Date): number {
  const value = year ?? Number(vietnamDate(now).slice(0, 4));
  if (!Number.isInteger(value) || value < 2000 || value > 2199)
    throw new AppError('VALIDATION_FAILED', { fields: { year: { key: 'stats.errors.year' } } });
  return value;
}

async function unitByCode(deps: AppDeps, db: Queryable, code: string | undefined, date: string) {
  const unitCode = code ?? deps.config.homeUnitCode;
  const id = (await findUnitIdsByCode(db, [unitCode])).get(unitCode);
  if (id === undefined) throw new AppError('UNIT_NOT_FOUND');
  const name = await findUnitName(db, id, date);
  return { id, code: unitCode, name: name?.full_name ?? unitCode, nameEn: name?.full_name_en ?? unitCode };
}

/** A unit's targets for a year: its own and those in force. Public, like the figures they are read against. */
export async function getTargets(
  deps: AppDeps,
  input: { unit?: string | undefined; year?: number | undefined },
): Promise<TargetsView> {
  const now = deps.clock.now();
  const year = checkYear(input.year, now);
  const date = vietnamDate(now);
  return reading(deps, async (db) => {
    const unit = await unitByCode(deps, db, input.unit, date);
    const own = await findTargets(db, [unit.id], year);
    const effective = await effectiveTargets(db, unit.id, year, date);
    return {
      unit: unit.code,
      unitName: unit.name,
      unitNameEn: unit.nameEn,
      year,
      targets: TARGET_INDICATORS.map((indicator) => {
        const mine = own.find((r) => r.indicator === indicator);
        const inForce = effective.get(indicator)!;
        return {
          indicator,
          own: mine ? Number(mine.target) : null,
          effective: inForce.target,
          source: inForce.source,
          updatedAt: mine?.updated_at ?? null,
          updatedBy: mine?.updated_by ?? null,
        };
      }),
    };
  });
}

/**
 * Sets (or clears, with null) a unit's targets for a year, in one transaction with its audit entry.
 * Administrators of the unit or of a unit above it only. Values are percentages, 0 to 100.
 */
export async function setTargets(
  deps: AppDeps,
  context: ActionContext,
  input: { unit?: string | undefined; year?: number | undefined; targets: Record<string, number | null> },
): Promise<TargetsView> {
  const now = deps.clock.now();
  const date = vietnamDate(now);
  if (!context.actor) throw new AppError('UNAUTHENTICATED');
  const year = checkYear(input.year, now);
  const unit = await unitByCode(deps, deps.database.db, input.unit, date);
  const actor = requireAccess(
    context.actor,
    'stats.targets',
    await findAncestorIds(deps.database.db, unit.id, date),
  );
  const fields: FieldErrors = {};
  const entries = Object.entries(input.targets);
  if (entries.length === 0) fields.targets = { key: 'validation.required' };
  for (const [indicator, value] of entries) {
    if (!TARGET_INDICATORS.includes(indicator))
      fields[`targets.${indicator}`] = { key: 'stats.errors.unknownIndicator' };
    else if (
      value !== null &&
      (!Number.isFinite(value) ||
        value < 0 ||
        value > 100 ||
        Math.abs(Math.round(value * 100) - value * 100) > 1e-6)
    )
      fields[`targets.${indicator}`] = { key: 'stats.errors.target' };
  }
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
  await deps.database.db.transaction().execute(async (tx) => {
    const before = new Map(
      (await findTargets(tx, [unit.id], year)).map((r) => [r.indicator, Number(r.target)]),
    );
    const changes: Record<string, { from: number | null; to: number | null }> = {};
    for (const [indicator, value] of entries) {
      const previous = before.get(indicator) ?? null;
      if (previous === value) continue;
      if (value === null) await deleteTarget(tx, unit.id, year, indicator);
      else
        await upsertTarget(tx, {
          unitId: unit.id,
          year,
          indicator,
          target: value,
          userId: actor.userId,
          at: now,
        });
      changes[indicator] = { from: previous, to: value };
    }
    if (Object.keys(changes).length > 0)
      await appendAudit(tx, context, now, {
        action: 'stats.targets.set',
        targetType: 'unit',
        targetId: unit.code,
        details: { year, changes },
      });
  });
  return getTargets(deps, { unit: unit.code, year });
}

export interface TargetProgress {
  indicator: string;
  target: number | null;
  source: TargetSource;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** True once the rate reaches the target; null without data. */
  met: boolean | null;
}

/** Progress of a unit (with everything below it) towards its targets, from 1 January of the year to its end or today. */
export async function targetProgress(
  deps: AppDeps,
  input: { unit?: string | undefined; year?: number | undefined },
): Promise<{ unit: string; year: number; from: string; to: string; progress: TargetProgress[] }> {
  const now = deps.clock.now();
  const year = checkYear(input.year, now);
  const today = vietnamDate(now);
  const from = `${year}-01-01`;
  if (from > today)
    throw new AppError('VALIDATION_FAILED', { fields: { year: { key: 'stats.errors.future' } } });
  const to = `${year}-12-31` < today ? `${year}-12-31` : today;
  const index = await serviceIndex(deps, { unit: input.unit, from, to });
  const progress: TargetProgress[] = [];
  for (const group of index.groups)
    for (const i of group.indicators) {
      if (i.kind !== 'rate') continue;
      progress.push({
        indicator: i.key,
        target: i.target,
        source: i.targetSource ?? 'default',
        value: i.value,
        numerator: i.numerator,
        denominator: i.denominator,
        met: i.value === null || i.target === null ? null : i.value >= i.target,
      });
    }
  return { unit: index.header.unit, year, from, to, progress };
}

/** The units an administrator may set targets for: the units of their grants and everything below. */
export async function listTargetUnits(deps: AppDeps, actor: Actor | null): Promise<UnitChoice[]> {
  const admin = requireAccess(actor, 'stats.targets');
  const roots = admin.grants
    .filter((g) => g.role === 'administrator' && g.unitId !== null)
    .map((g) => g.unitId!);
  return unitChoices(deps.database.db, roots, vietnamDate(deps.clock.now()));
}

export interface UnitChoice {
  code: string;
  name: string;
  nameEn: string;
  /** 0 for a root, 1 for the units directly under it, 2 below. */
  depth: number;
}

/**
 * The units the statistics pages offer on a day: the deploying unit with the units above it (the
 * province first) and every unit below it. Anyone may read their aggregates.
 */
export async function listStatsUnits(deps: AppDeps, day?: string): Promise<UnitChoice[]> {
  const db = deps.database.db;
  const date = day ?? vietnamDate(deps.clock.now());
  const home = (await findUnitIdsByCode(db, [deps.config.homeUnitCode])).get(deps.config.homeUnitCode);
  if (home === undefined) return [];
  const above = (await findAncestorIds(db, home, date)).slice(1).reverse();
  const names = await findUnitNames(db, above, date);
  const upper = above.flatMap((id, depth) => {
    const n = names.find((row) => row.id === id);
    return n ? [{ code: n.code, name: n.full_name, nameEn: n.full_name_en, depth }] : [];
  });
  const below = await unitChoices(db, [home], date);
  return [...upper, ...below.map((u) => ({ ...u, depth: u.depth + upper.length }))];
}

/** Roots and everything below them, each with its depth under its root: a root, then each branch in code order. */
async function unitChoices(db: Queryable, roots: number[], date: string): Promise<UnitChoice[]> {
  const place = new Map<number, { depth: number; branch: number }>();
  for (const root of roots)
    for (const b of await findBranches(db, root, date))
      if (!place.has(b.unitId))
        place.set(b.unitId, {
          depth: b.unitId === root ? 0 : b.branch === b.unitId ? 1 : 2,
          branch: b.branch,
        });
  const names = await findUnitNames(db, [...place.keys()], date);
  const codes = new Map(names.map((n) => [n.id, n.code]));
  const key = (id: number) => {
    const { depth, branch } = place.get(id) ?? { depth: 2, branch: id };
    return depth === 0 ? [0, '', 0, ''] : [1, codes.get(branch) ?? '', depth, codes.get(id) ?? ''];
  };
  const compare = (a: number, b: number) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] ?? 0) < (y[i] ?? 0) ? -1 : 1;
    return 0;
  };
  return [...names]
    .sort((a, b) => compare(a.id, b.id))
    .map((n) => ({
      code: n.code,
      name: n.full_name,
      nameEn: n.full_name_en,
      depth: place.get(n.id)?.depth ?? 2,
    }));
}
