// A recomputation of the statistics straight from the raw events, written independently of the
// roll-up: instead of applying deltas as events arrive, it replays each application's history and
// asks, for every day, what state the application was in at that day's end. The property test
// (stats.property.test.ts) checks that the roll-ups equal it on random workloads.
import { classifyFinished } from '../../../shared/calendar/index.js';
import { vietnamDate } from '../../../shared/clock.js';
import type { Queryable } from '../../context.js';

interface ReplayFact {
  eventId: number;
  applicationId: number;
  at: Date;
  action: string;
  actorId: number | null;
  status: number;
  step: string | null;
  dueAt: Date | null;
  receivedAt: Date | null;
  handlingUnitId: number | null;
  handlingAgencyId: number | null;
  assigneeId: number | null;
  electronicResult: boolean;
  hasDocuments: boolean;
  fullOnline: boolean;
  procedureId: number;
  channel: string;
  receivingUnitId: number;
  receivingAgencyId: number;
}

export interface ExpectedOccurrence {
  applicationId: number;
  at: number;
  day: string;
  step: string;
  unitId: number;
  agencyId: number;
  userId: number | null;
}

export interface Expected {
  /** key `day|unit|agency|procedure|channel` -> counter -> value (flows only). */
  flows: Map<string, Record<string, number>>;
  /** key `day|unit|agency|procedure|channel` -> stocks at the end of the day (now, for today). */
  stocks: Map<string, { inProcess: number; late: number }>;
  occurrences: ExpectedOccurrence[];
  /** key `day|unit|user|agency` -> counter -> value. */
  officer: Map<string, Record<string, number>>;
  days: string[];
}

/** What an application looked like after one of its events. */
interface ReplayStep {
  f: ReplayFact;
  received: boolean;
  receivedBy: number | null;
  inProcess: boolean;
  running: boolean;
  paused: boolean;
  pauseStart: Date | null;
  dims: string;
  unitId: number;
  agencyId: number;
}

const DAY = 86_400_000;
const startOf = (day: string) => new Date(`${day}T00:00:00+07:00`);
const nextDay = (day: string) => vietnamDate(new Date(startOf(day).getTime() + DAY + 3_600_000));

async function loadFacts(db: Queryable): Promise<ReplayFact[]> {
  const rows = await db
    .selectFrom('stat_event_facts as f')
    .innerJoin('application_events as e', 'e.id', 'f.event_id')
    .innerJoin('applications as a', 'a.id', 'f.application_id')
    .select([
      'f.event_id',
      'f.application_id',
      'e.at',
      'e.action',
      'e.actor_id',
      'e.to_status',
      'e.to_step',
      'f.due_at',
      'f.received_at',
      'f.handling_unit_id',
      'f.handling_agency_id',
      'f.assignee_id',
      'f.electronic_result',
      'f.has_documents',
      'f.full_online',
      'a.procedure_id',
      'a.channel',
      'a.receiving_unit_id',
      'a.receiving_agency_id',
    ])
    .orderBy('f.application_id')
    .orderBy('f.event_id')
    .execute();
  return rows.map((r) => ({
    eventId: r.event_id,
    applicationId: r.application_id,
    at: r.at,
    action: r.action,
    actorId: r.actor_id,
    status: r.to_status,
    step: r.to_step,
    dueAt: r.due_at,
    receivedAt: r.received_at,
    handlingUnitId: r.handling_unit_id,
    handlingAgencyId: r.handling_agency_id,
    assigneeId: r.assignee_id,
    electronicResult: r.electronic_result,
    hasDocuments: r.has_documents,
    fullOnline: r.full_online,
    procedureId: r.procedure_id,
    channel: r.channel,
    receivingUnitId: r.receiving_unit_id,
    receivingAgencyId: r.receiving_agency_id,
  }));
}

/** Everything the roll-ups should hold, recomputed from the events and their facts. */
export async function recompute(db: Queryable, now: Date): Promise<Expected> {
  const facts = await loadFacts(db);
  const today = vietnamDate(now);
  const flows = new Map<string, Record<string, number>>();
  const stocks = new Map<string, { inProcess: number; late: number }>();
  const officer = new Map<string, Record<string, number>>();
  const occurrences: ExpectedOccurrence[] = [];
  const bump = (map: Map<string, Record<string, number>>, key: string, counter: string, n = 1) => {
    const row = map.get(key) ?? {};
    row[counter] = (row[counter] ?? 0) + n;
    map.set(key, row);
  };
  let firstDay = today;
  let lastDay = today;

  const byApplication = new Map<number, ReplayFact[]>();
  for (const f of facts)
    byApplication.set(f.applicationId, [...(byApplication.get(f.applicationId) ?? []), f]);

  const histories: { steps: ReplayStep[]; lateAt: (s: ReplayStep, moment: Date) => boolean }[] = [];
  for (const list of byApplication.values()) {
    const steps: ReplayStep[] = [];
    let received = false;
    let receivedAt: Date | null = null;
    let receivedBy: number | null = null;
    let pausedTotal = 0;
    for (const [i, f] of list.entries()) {
      const prev = steps[i - 1];
      const receipt = f.status === 2 && (!prev || prev.f.status === 1);
      if (receipt) {
        received = true;
        receivedAt = f.receivedAt ?? f.at;
        receivedBy = f.actorId;
      }
      const handling = f.handlingAgencyId !== null && f.handlingUnitId !== null;
      const unitId = handling ? f.handlingUnitId! : f.receivingUnitId;
      const agencyId = handling ? f.handlingAgencyId! : f.receivingAgencyId;
      const dims = `${unitId}|${agencyId}|${f.procedureId}|${f.channel}`;
      const inProcess = received && [2, 4, 5, 6, 7].includes(f.status);
      const paused = inProcess && [5, 7].includes(f.status);
      const pauseStart = paused ? (prev?.paused ? prev.pauseStart : f.at) : null;
      if (prev?.paused && !paused && prev.pauseStart)
        pausedTotal += Math.round((f.at.getTime() - prev.pauseStart.getTime()) / 1000);
      const step: ReplayStep = {
        f,
        received,
        receivedBy,
        inProcess,
        running: inProcess && [2, 4, 6].includes(f.status),
        paused,
        pauseStart,
        dims,
        unitId,
        agencyId,
      };
      steps.push(step);
      const d = vietnamDate(f.at);
      if (d < firstDay) firstDay = d;

      // Flows.
      if (!prev) bump(flows, `${d}|${dims}`, 'submitted');
      if (receipt) {
        bump(flows, `${d}|${dims}`, 'received');
        if (f.channel === 'online' && f.fullOnline) bump(flows, `${d}|${dims}`, 'received_full_online');
        if (f.hasDocuments) bump(flows, `${d}|${dims}`, 'received_digitised');
        if (f.actorId !== null)
          bump(officer, `${d}|${f.receivingUnitId}|${f.actorId}|${f.receivingAgencyId}`, 'received');
      }
      if (f.status === 3 && prev?.f.status !== 3) bump(flows, `${d}|${dims}`, 'refused');
      if (f.status === 8 && prev?.f.status !== 8)
        bump(
          flows,
          `${d}|${prev?.inProcess ? prev.dims : dims}`,
          prev?.inProcess ? 'stopped' : 'withdrawn_before_receipt',
        );
      if (f.status === 9 && prev?.f.status !== 9 && prev?.inProcess) {
        const due = prev.f.dueAt;
        const standing = due === null ? 'on_time' : classifyFinished(f.at, due);
        bump(flows, `${d}|${prev.dims}`, 'processed');
        bump(flows, `${d}|${prev.dims}`, `processed_${standing}`);
        const seconds = receivedAt
          ? Math.max(0, Math.round((f.at.getTime() - receivedAt.getTime()) / 1000) - pausedTotal)
          : 0;
        bump(flows, `${d}|${prev.dims}`, 'handling_seconds', seconds);
        if (f.assigneeId !== null) {
          bump(officer, `${d}|${prev.unitId}|${f.assigneeId}|${prev.agencyId}`, 'processed');
          if (standing === 'late')
            bump(officer, `${d}|${prev.unitId}|${f.assigneeId}|${prev.agencyId}`, 'processed_late');
        }
      }
      if (f.status === 10 && prev?.f.status !== 10) {
        bump(flows, `${d}|${dims}`, 'returned');
        if (f.electronicResult) bump(flows, `${d}|${dims}`, 'returned_electronic');
        if (f.actorId !== null)
          bump(officer, `${d}|${f.receivingUnitId}|${f.actorId}|${f.receivingAgencyId}`, 'returned');
      }
      if (f.action === 'assign' && f.assigneeId !== null)
        bump(officer, `${d}|${unitId}|${f.assigneeId}|${agencyId}`, 'assigned');
      if (
        prev?.inProcess &&
        inProcess &&
        prev.dims.split('|').slice(0, 2).join() !== dims.split('|').slice(0, 2).join()
      ) {
        bump(flows, `${d}|${prev.dims}`, 'transferred_out');
        bump(flows, `${d}|${dims}`, 'transferred_in');
      }
    }

    // Late at a moment: running past the due moment, or paused after having gone past it.
    const lateAt = (s: ReplayStep, moment: Date) =>
      s.inProcess &&
      s.f.dueAt !== null &&
      ((s.running && s.f.dueAt < moment) || (s.paused && s.pauseStart !== null && s.pauseStart > s.f.dueAt));
    const holder = (s: ReplayStep) =>
      s.f.status === 2
        ? {
            step: 'reception',
            unitId: s.f.receivingUnitId,
            agencyId: s.f.receivingAgencyId,
            userId: s.receivedBy,
          }
        : {
            step: s.f.step ?? 'assignment',
            unitId: s.unitId,
            agencyId: s.agencyId,
            userId: (s.f.step ?? 'assignment') === 'proposal' ? s.f.assigneeId : null,
          };

    // Going late: in each running stretch between two events, the due moment passing; or an event
    // that leaves the application past its due moment when it was not before.
    for (const [i, s] of steps.entries()) {
      if (!s.running || s.f.dueAt === null) continue;
      const next = steps[i + 1]?.f.at ?? null;
      const prev = steps[i - 1];
      const due = s.f.dueAt;
      let at: Date | null = null;
      if (due >= s.f.at && (next === null || due < next)) at = due;
      else if (due < s.f.at && !(prev && lateAt(prev, s.f.at))) at = s.f.at;
      if (!at) continue;
      const h = holder(s);
      const day = vietnamDate(at);
      occurrences.push({ applicationId: s.f.applicationId, at: at.getTime(), day, ...h });
      bump(flows, `${day}|${h.unitId}|${h.agencyId}|${s.f.procedureId}|${s.f.channel}`, 'went_late');
      if (day > lastDay) lastDay = day;
    }
    for (const s of steps)
      if (s.f.dueAt && vietnamDate(s.f.dueAt) > lastDay) lastDay = vietnamDate(s.f.dueAt);

    histories.push({ steps, lateAt });
  }

  // Stocks at the end of every day (now, for today), once the last day anything is scheduled for is known.
  for (const { steps, lateAt } of histories) {
    const first = vietnamDate(steps[0]!.f.at);
    for (let day = first; day <= lastDay; day = nextDay(day)) {
      // Today: what happened up to now, judged now; another day: what happened before its end.
      const moment = day === today ? now : startOf(nextDay(day));
      let s: (typeof steps)[number] | undefined;
      for (const candidate of steps)
        if (day === today ? candidate.f.at <= now : candidate.f.at < moment) s = candidate;
      if (!s?.inProcess) continue;
      const key = `${day}|${s.dims}`;
      const stock = stocks.get(key) ?? { inProcess: 0, late: 0 };
      stock.inProcess++;
      if (lateAt(s, moment)) stock.late++;
      stocks.set(key, stock);
    }
  }
  const days: string[] = [];
  for (let day = firstDay; day <= lastDay; day = nextDay(day)) days.push(day);
  return { flows, stocks, occurrences, officer, days };
}

const FLOW_COUNTERS = [
  'submitted',
  'received',
  'received_full_online',
  'received_digitised',
  'refused',
  'withdrawn_before_receipt',
  'processed',
  'processed_early',
  'processed_on_time',
  'processed_late',
  'handling_seconds',
  'stopped',
  'returned',
  'returned_electronic',
  'transferred_in',
  'transferred_out',
  'went_late',
] as const;

/**
 * Compares the roll-up tables with the recomputation; returns the differences (empty when they agree).
 * Stocks are compared at the end of every day, as the running sums of their day deltas.
 */
export async function compareWithRollups(db: Queryable, now: Date): Promise<string[]> {
  const expected = await recompute(db, now);
  const problems: string[] = [];
  const rows = await db.selectFrom('stat_counts').selectAll().execute();
  const dayRows = rows.filter((r) => r.grain === 'day' && r.procedure_id !== 0);

  // Flows, per day and dims.
  const actualFlows = new Map<string, Record<string, number>>();
  for (const r of dayRows) {
    const key = `${r.period}|${r.unit_id}|${r.agency_id}|${r.procedure_id}|${r.channel}`;
    const values: Record<string, number> = {};
    for (const c of FLOW_COUNTERS) if (Number(r[c]) !== 0) values[c] = Number(r[c]);
    if (Object.keys(values).length) actualFlows.set(key, values);
  }
  for (const key of new Set([...actualFlows.keys(), ...expected.flows.keys()])) {
    const a = actualFlows.get(key) ?? {};
    const e = Object.fromEntries(Object.entries(expected.flows.get(key) ?? {}).filter(([, v]) => v !== 0));
    for (const c of FLOW_COUNTERS)
      if ((a[c] ?? 0) !== (e[c] ?? 0))
        problems.push(`flow ${c} at ${key}: roll-up ${a[c] ?? 0}, events ${e[c] ?? 0}`);
  }

  // Stocks: running sums of the day deltas, at the end of every day.
  const byDims = new Map<string, { day: string; ip: number; late: number }[]>();
  for (const r of dayRows) {
    const dims = `${r.unit_id}|${r.agency_id}|${r.procedure_id}|${r.channel}`;
    byDims.set(dims, [
      ...(byDims.get(dims) ?? []),
      { day: r.period, ip: Number(r.in_process_delta), late: Number(r.late_delta) },
    ]);
  }
  const allDims = new Set([
    ...byDims.keys(),
    ...[...expected.stocks.keys()].map((k) => k.split('|').slice(1).join('|')),
  ]);
  const today = vietnamDate(now);
  for (const dims of allDims) {
    const deltas = (byDims.get(dims) ?? []).sort((x, y) => (x.day < y.day ? -1 : 1));
    let ip = 0;
    let late = 0;
    let i = 0;
    for (const day of expected.days) {
      while (i < deltas.length && deltas[i]!.day <= day) {
        ip += deltas[i]!.ip;
        late += deltas[i]!.late;
        i++;
      }
      let lateNow = late;
      if (day === today) {
        // Deadlines scheduled for later today have not passed yet.
        const [unitId, agencyId, procedureId, channel] = dims.split('|');
        const ahead = await db
          .selectFrom('stat_app_state')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('in_process', '=', true)
          .where('late_from', '=', today)
          .where('due_at', '>=', now)
          .where('unit_id', '=', Number(unitId))
          .where('agency_id', '=', Number(agencyId))
          .where('procedure_id', '=', Number(procedureId))
          .where('channel', '=', channel as 'online')
          .executeTakeFirstOrThrow();
        lateNow -= Number(ahead.n);
      }
      const e = expected.stocks.get(`${day}|${dims}`) ?? { inProcess: 0, late: 0 };
      if (ip !== e.inProcess)
        problems.push(`in process at end of ${day} for ${dims}: roll-up ${ip}, events ${e.inProcess}`);
      if (lateNow !== e.late)
        problems.push(`past deadline at end of ${day} for ${dims}: roll-up ${lateNow}, events ${e.late}`);
    }
  }

  // Months, all time and the all-procedures rows are sums of the day rows.
  const sums = new Map<string, Record<string, number>>();
  for (const r of dayRows) {
    for (const [grain, period] of [
      ['day', r.period],
      ['month', `${r.period.slice(0, 7)}-01`],
      ['all', '1970-01-01'],
    ] as const) {
      for (const procedure of grain === 'day' ? [0] : [r.procedure_id, 0]) {
        const key = `${grain}|${period}|${r.unit_id}|${r.agency_id}|${procedure}|${r.channel}`;
        const row = sums.get(key) ?? {};
        for (const c of [...FLOW_COUNTERS, 'in_process_delta', 'late_delta'] as const)
          row[c] = (row[c] ?? 0) + Number(r[c]);
        sums.set(key, row);
      }
    }
  }
  for (const r of rows) {
    if (r.grain === 'day' && r.procedure_id !== 0) continue;
    const key = `${r.grain}|${r.period}|${r.unit_id}|${r.agency_id}|${r.procedure_id}|${r.channel}`;
    const e = sums.get(key) ?? {};
    for (const c of [...FLOW_COUNTERS, 'in_process_delta', 'late_delta'] as const)
      if (Number(r[c]) !== (e[c] ?? 0))
        problems.push(`${key} ${c}: ${r[c]} is not the sum of its days, ${e[c] ?? 0}`);
    sums.delete(key);
  }
  for (const [key, values] of sums)
    if (Object.values(values).some((v) => v !== 0)) problems.push(`${key}: missing row`);

  // Lateness, occurrence by occurrence.
  const occurrences = await db.selectFrom('stat_went_late').selectAll().execute();
  const describe = (o: ExpectedOccurrence) =>
    `${o.applicationId}@${new Date(o.at).toISOString()} ${o.day} ${o.step} ${o.unitId}/${o.agencyId}/${o.userId}`;
  const actual = occurrences
    .map((o) =>
      describe({
        applicationId: o.application_id,
        at: o.at.getTime(),
        day: o.day,
        step: o.step,
        unitId: o.unit_id,
        agencyId: o.agency_id,
        userId: o.user_id,
      }),
    )
    .sort();
  const wanted = expected.occurrences.map(describe).sort();
  if (actual.join('\n') !== wanted.join('\n'))
    problems.push(`lateness rows differ:\n roll-up: ${actual.join('; ')}\n events: ${wanted.join('; ')}`);

  // Officers.
  const officerRows = await db
    .selectFrom('stat_officer_counts')
    .selectAll()
    .where('grain', '=', 'day')
    .execute();
  const actualOfficer = new Map<string, Record<string, number>>();
  for (const r of officerRows) {
    const values: Record<string, number> = {};
    for (const c of ['received', 'assigned', 'processed', 'processed_late', 'returned'] as const)
      if (Number(r[c]) !== 0) values[c] = Number(r[c]);
    actualOfficer.set(`${r.period}|${r.unit_id}|${r.user_id}|${r.agency_id}`, values);
  }
  for (const key of new Set([...actualOfficer.keys(), ...expected.officer.keys()])) {
    const a = JSON.stringify(Object.entries(actualOfficer.get(key) ?? {}).sort());
    const e = JSON.stringify(Object.entries(expected.officer.get(key) ?? {}).sort());
    if (a !== e) problems.push(`officer ${key}: roll-up ${a}, events ${e}`);
  }
  return problems;
}
