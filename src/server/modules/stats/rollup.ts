// The roll-ups behind every figure, kept up to date in the transaction of each application event:
// applications.repository.ts insertEvent() calls applyEvent() right after writing the event row, so a
// committed event is always counted and a rolled-back one never is.
//
// Each application has a statistical state (stat_app_state). An event moves it to a new state; the
// difference between the two becomes day deltas (stat_counts, by unit, agency, procedure and channel,
// summed into months and into one all-time row), a per-officer delta (stat_officer_counts), and the
// scheduling or cancelling of the moment the application will go past its deadline (stat_went_late).
// The transition itself is a pure function, so the same code replays history (rebuildStatistics).
import { sql } from 'kysely';
import { classifyFinished } from '../../../shared/calendar/index.js';
import { vietnamDate } from '../../../shared/clock.js';
import type { LatenessStep } from '../../../shared/stats/definitions.js';
import type { AppDeps, Queryable } from '../../context.js';
import type { Database } from '../../db/database.js';
import {
  ALL_TIME,
  type CountDelta,
  type Counter,
  type CountRow,
  type Dims,
  type Holder,
  type LateOccurrence,
  type OfficerCounter,
  type OfficerDelta,
  type OfficerRow,
  type StatFact,
  type StatState,
  type Transition,
} from './rollup.model.js';
import {
  clearDerivedTables,
  deleteMeta,
  deleteScheduledLateness,
  findFactSource,
  findMeta,
  insertFact,
  insertLateness,
  listFactsForReplay,
  saveState,
  updateFactsLateFrom,
  upsertCounts,
  upsertOfficerCounts,
} from './rollup.repository.js';

/** Statuses in which an application counts as in process once received (its clock runs or is paused). */
const IN_PROCESS = new Set([2, 4, 5, 6, 7]);
const RUNNING = new Set([2, 4, 6]);
const PAUSED = new Set([5, 7]);

const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
const laterDay = (a: string, b: string) => (a > b ? a : b);

/** The side that answers for an application: its handling agency, else the counter that received it. */
export function responsibleSide(fact: StatFact): { unitId: number; agencyId: number } {
  return fact.handlingAgencyId !== null && fact.handlingUnitId !== null
    ? { unitId: fact.handlingUnitId, agencyId: fact.handlingAgencyId }
    : { unitId: fact.receivingUnitId, agencyId: fact.receivingAgencyId };
}

/** Who holds a running application: the receiving counter before it is forwarded, then its step in the handling agency. */
export function holderOf(fact: StatFact, receivedBy: number | null): Holder | null {
  if (fact.status === 2)
    return {
      step: 'reception',
      unitId: fact.receivingUnitId,
      agencyId: fact.receivingAgencyId,
      userId: receivedBy,
    };
  if (fact.status === 4 || fact.status === 6) {
    const side = responsibleSide(fact);
    const step = (fact.step ?? 'assignment') as LatenessStep;
    return { step, ...side, userId: step === 'proposal' ? fact.assigneeId : null };
  }
  return null;
}

const sameHolder = (a: Holder | null, b: Holder | null) =>
  a !== null &&
  b !== null &&
  a.step === b.step &&
  a.unitId === b.unitId &&
  a.agencyId === b.agencyId &&
  a.userId === b.userId;

/**
 * The new state an event leads to, and the deltas between the two. `old` is null for the first
 * event of an application. Pure: the live roll-up and the replay both run it.
 */
export function transition(old: StatState | null, fact: StatFact): Transition {
  const t = fact.at;
  const d = vietnamDate(t);
  const side = responsibleSide(fact);
  const dimsNew: Dims = { ...side, procedureId: fact.procedureId, channel: fact.channel };
  const dimsOld: Dims = old
    ? { unitId: old.unitId, agencyId: old.agencyId, procedureId: old.procedureId, channel: old.channel }
    : dimsNew;
  const counts: CountDelta[] = [];
  const officer: OfficerDelta[] = [];
  const add = (day: string, dims: Dims, counter: Counter, n = 1) => {
    if (n !== 0) counts.push({ day, ...dims, counter, n });
  };
  const credit = (
    userId: number | null,
    where: { unitId: number; agencyId: number },
    counter: OfficerCounter,
  ) => {
    if (userId !== null) officer.push({ day: d, ...where, userId, counter, n: 1 });
  };

  const oldStatus = old?.status ?? null;
  const isReceipt = fact.status === 2 && (oldStatus === null || oldStatus === 1);
  const received = (old?.received ?? false) || isReceipt;
  const receivedAt = isReceipt ? (fact.receivedAt ?? t) : (old?.receivedAt ?? null);
  const receivedBy = isReceipt ? fact.actorId : (old?.receivedBy ?? null);
  const fullOnline = isReceipt || !old ? fact.fullOnline : old.fullOnline;
  const inProcess = received && IN_PROCESS.has(fact.status);
  const wasInProcess = old?.inProcess ?? false;
  const running = RUNNING.has(fact.status);
  const paused = PAUSED.has(fact.status);
  const receiving = { unitId: fact.receivingUnitId, agencyId: fact.receivingAgencyId };

  // Flows of the day.
  if (old === null) add(d, dimsNew, 'submitted');
  if (isReceipt) {
    add(d, dimsNew, 'received');
    if (fact.channel === 'online' && fullOnline) add(d, dimsNew, 'received_full_online');
    if (fact.hasDocuments) add(d, dimsNew, 'received_digitised');
    credit(fact.actorId, receiving, 'received');
  }
  if (fact.status === 3 && oldStatus !== 3) add(d, dimsNew, 'refused');
  if (fact.status === 8 && oldStatus !== 8)
    add(d, wasInProcess ? dimsOld : dimsNew, wasInProcess ? 'stopped' : 'withdrawn_before_receipt');

  let pausedSince = old?.pausedSince ?? null;
  let pausedSeconds = old?.pausedSeconds ?? 0;
  if (fact.status === 9 && oldStatus !== 9 && wasInProcess) {
    const due = old?.dueAt ?? null;
    const standing = due === null ? 'on_time' : classifyFinished(t, due);
    add(d, dimsOld, 'processed');
    add(
      d,
      dimsOld,
      standing === 'early' ? 'processed_early' : standing === 'late' ? 'processed_late' : 'processed_on_time',
    );
    const stood = pausedSeconds + (pausedSince ? seconds(pausedSince, t) : 0);
    add(d, dimsOld, 'handling_seconds', receivedAt ? Math.max(0, seconds(receivedAt, t) - stood) : 0);
    credit(fact.assigneeId, dimsOld, 'processed');
    if (standing === 'late') credit(fact.assigneeId, dimsOld, 'processed_late');
  }
  if (fact.status === 10 && oldStatus !== 10) {
    add(d, dimsNew, 'returned');
    if (fact.electronicResult) add(d, dimsNew, 'returned_electronic');
    credit(fact.actorId, receiving, 'returned');
  }
  if (fact.action === 'assign') credit(fact.assigneeId, side, 'assigned');

  // The in-process stock, and moves between agencies while in process.
  const moved =
    wasInProcess && inProcess && (dimsOld.unitId !== dimsNew.unitId || dimsOld.agencyId !== dimsNew.agencyId);
  if (wasInProcess && (!inProcess || moved)) add(d, dimsOld, 'in_process_delta', -1);
  if (inProcess && (!wasInProcess || moved)) add(d, dimsNew, 'in_process_delta', 1);
  if (moved) {
    add(d, dimsOld, 'transferred_out');
    add(d, dimsNew, 'transferred_in');
  }

  // Time the applicant holds the file (supplement, withdrawal request) is not handling time.
  if (paused && received) {
    if (pausedSince === null) pausedSince = t;
  } else if (pausedSince !== null) {
    pausedSeconds += seconds(pausedSince, t);
    pausedSince = null;
  }

  // Past the deadline: from the due day while the clock runs; a pause keeps an application that was
  // already late late, and stops the count for one that was not.
  const oldFired = old !== null && old.lateFrom !== null && old.dueAt !== null && old.dueAt < t;
  let lateFrom: string | null = null;
  if (inProcess) {
    if (running && fact.dueAt) {
      if (fact.dueAt >= t) lateFrom = vietnamDate(fact.dueAt);
      else lateFrom = oldFired ? old!.lateFrom : d;
    } else if (paused && oldFired) lateFrom = old!.lateFrom;
  }
  if (old?.lateFrom) add(laterDay(d, old.lateFrom), dimsOld, 'late_delta', -1);
  if (lateFrom) add(laterDay(d, lateFrom), dimsNew, 'late_delta', 1);

  // Going late: attributed to whoever holds the application when its due moment passes.
  const holder = running && inProcess ? holderOf(fact, receivedBy) : null;
  const oldScheduled = old !== null && old.lateFrom !== null && !oldFired;
  const newFired = lateFrom !== null && fact.dueAt !== null && fact.dueAt < t;
  const newScheduled = lateFrom !== null && !newFired && holder !== null;
  let cancelScheduledFrom: Date | null = null;
  let occurrence: LateOccurrence | null = null;
  const unchanged =
    oldScheduled &&
    newScheduled &&
    old!.dueAt!.getTime() === fact.dueAt!.getTime() &&
    sameHolder(old!.holder, holder) &&
    old!.procedureId === fact.procedureId;
  if (!unchanged) {
    if (oldScheduled && old!.holder) {
      cancelScheduledFrom = t;
      const h = old!.holder;
      add(old!.lateFrom!, { ...h, procedureId: old!.procedureId, channel: old!.channel }, 'went_late', -1);
    }
    if (holder && lateFrom !== null && (newScheduled || (newFired && !oldFired))) {
      const at = newScheduled ? fact.dueAt! : t;
      occurrence = {
        applicationId: fact.applicationId,
        at,
        day: newScheduled ? lateFrom : d,
        step: holder.step,
        unitId: holder.unitId,
        agencyId: holder.agencyId,
        userId: holder.userId,
        procedureId: fact.procedureId,
        channel: fact.channel,
      };
      add(
        occurrence.day,
        { ...holder, procedureId: fact.procedureId, channel: fact.channel },
        'went_late',
        1,
      );
    }
  }

  const state: StatState = {
    applicationId: fact.applicationId,
    lastEventId: fact.eventId,
    procedureId: fact.procedureId,
    channel: fact.channel,
    unitId: side.unitId,
    agencyId: side.agencyId,
    status: fact.status,
    received,
    receivedAt,
    receivedBy,
    fullOnline,
    inProcess,
    dueAt: fact.dueAt,
    lateFrom,
    // Who holds it now; when its lateness is scheduled, whose it will be (cancelling finds that row).
    holder,
    pausedSince,
    pausedSeconds,
    enteredAt: inProcess && !wasInProcess ? t : (old?.enteredAt ?? null),
    leftAt: wasInProcess && !inProcess ? t : (old?.leftAt ?? null),
  };
  return { state, counts, officer, cancelScheduledFrom, occurrence };
}

// -------------------------------------------------------------------------------------------------
// Rows: a day delta also counts in its month and in the all-time row, for its procedure and for all
// procedures (procedure_id 0).
// -------------------------------------------------------------------------------------------------

const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

/** Day deltas merged into the rows they change; rows that net to nothing are dropped. Sorted by key. */
export function countRows(deltas: readonly CountDelta[]): CountRow[] {
  const rows = new Map<string, CountRow>();
  for (const delta of deltas) {
    const targets: [CountRow['grain'], string][] = [
      ['day', delta.day],
      ['month', monthOf(delta.day)],
      ['all', ALL_TIME],
    ];
    for (const [grain, period] of targets) {
      for (const procedureId of [delta.procedureId, 0]) {
        const key = `${grain}|${procedureId}|${delta.unitId}|${period}|${delta.agencyId}|${delta.channel}`;
        let row = rows.get(key);
        if (!row) {
          row = {
            grain,
            period,
            unitId: delta.unitId,
            agencyId: delta.agencyId,
            procedureId,
            channel: delta.channel,
            values: {},
          };
          rows.set(key, row);
        }
        row.values[delta.counter] = (row.values[delta.counter] ?? 0) + delta.n;
      }
    }
  }
  return [...rows.entries()]
    .filter(([, row]) => Object.values(row.values).some((v) => v !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row);
}

export function officerRows(deltas: readonly OfficerDelta[]): OfficerRow[] {
  const rows = new Map<string, OfficerRow>();
  for (const delta of deltas) {
    for (const [grain, period] of [
      ['day', delta.day],
      ['month', monthOf(delta.day)],
    ] as const) {
      const key = `${grain}|${delta.unitId}|${period}|${delta.userId}|${delta.agencyId}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          grain,
          period,
          unitId: delta.unitId,
          userId: delta.userId,
          agencyId: delta.agencyId,
          values: {},
        };
        rows.set(key, row);
      }
      row.values[delta.counter] = (row.values[delta.counter] ?? 0) + delta.n;
    }
  }
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

/**
 * Counts one application event. Called inside the event's transaction, right after its row is
 * written and the application updated; reads and writes only through `tx`.
 */
export async function applyEvent(
  tx: Queryable,
  event: {
    id: number;
    application_id: number;
    at: Date;
    action: string;
    actor_id: number | null;
    to_status: number;
  },
): Promise<void> {
  const source = await findFactSource(tx, event.application_id);
  if (!source) return;
  const fact: StatFact = {
    eventId: event.id,
    applicationId: event.application_id,
    at: event.at,
    action: event.action,
    actorId: event.actor_id,
    status: event.to_status,
    step: source.step,
    dueAt: source.dueAt,
    receivedAt: source.receivedAt,
    pausedAt: source.pausedAt,
    handlingUnitId: source.handlingUnitId,
    handlingAgencyId: source.handlingAgencyId,
    assigneeId: source.assigneeId,
    electronicResult: source.electronicResult,
    hasDocuments: source.hasDocuments,
    fullOnline: source.fullOnline,
    procedureId: source.procedureId,
    channel: source.channel,
    receivingUnitId: source.receivingUnitId,
    receivingAgencyId: source.receivingAgencyId,
  };
  const change = transition(source.state, fact);
  await insertFact(tx, { ...fact, lateFrom: change.state.lateFrom });
  await writeTransition(tx, change);
}

async function writeTransition(tx: Queryable, change: Transition): Promise<void> {
  await saveState(tx, change.state);
  await upsertCounts(tx, countRows(change.counts));
  await upsertOfficerCounts(tx, officerRows(change.officer));
  if (change.cancelScheduledFrom)
    await deleteScheduledLateness(tx, change.state.applicationId, change.cancelScheduledFrom);
  if (change.occurrence) await insertLateness(tx, [change.occurrence]);
}

/**
 * Rebuilds every roll-up from the event facts, in one transaction: what the live roll-up would hold
 * had it counted every event. Used once for applications written before the statistics existed.
 */
export async function rebuildStatistics(tx: Queryable): Promise<{ applications: number; events: number }> {
  await clearDerivedTables(tx);
  let afterApplication = 0;
  let applications = 0;
  let events = 0;
  const BATCH = 2000;
  for (;;) {
    const facts = await listFactsForReplay(tx, afterApplication, BATCH);
    if (facts.length === 0) break;
    const counts: CountDelta[] = [];
    const officer: OfficerDelta[] = [];
    const occurrences: LateOccurrence[] = [];
    let state: StatState | null = null;
    let current = -1;
    const states: StatState[] = [];
    const lateFrom: { eventId: number; lateFrom: string | null }[] = [];
    for (const fact of facts) {
      if (fact.applicationId !== current) {
        if (state) states.push(state);
        state = null;
        current = fact.applicationId;
        applications++;
      }
      const change = transition(state, fact);
      counts.push(...change.counts);
      officer.push(...change.officer);
      if (change.cancelScheduledFrom) {
        const from = change.cancelScheduledFrom.getTime();
        for (let i = occurrences.length - 1; i >= 0; i--) {
          const o = occurrences[i]!;
          if (o.applicationId === fact.applicationId && o.at.getTime() >= from) occurrences.splice(i, 1);
        }
      }
      if (change.occurrence) occurrences.push(change.occurrence);
      state = change.state;
      if ((fact.lateFrom ?? null) !== change.state.lateFrom)
        lateFrom.push({ eventId: fact.eventId, lateFrom: change.state.lateFrom });
      events++;
    }
    if (state) states.push(state);
    for (const s of states) await saveState(tx, s);
    await upsertCounts(tx, countRows(counts));
    await upsertOfficerCounts(tx, officerRows(officer));
    await insertLateness(tx, occurrences);
    await updateFactsLateFrom(tx, lateFrom);
    afterApplication = current;
  }
  return { applications, events };
}

const checked = new WeakMap<Database, Promise<void>>();

/**
 * Rebuilds the roll-ups once if the migration found applications written before they existed
 * (stat_meta.needs_rebuild). Cheap after the first call of a process.
 */
export function ensureStatistics(deps: AppDeps): Promise<void> {
  let pending = checked.get(deps.database);
  if (!pending) {
    pending = (async () => {
      if (!(await findMeta(deps.database.db, 'needs_rebuild'))) return;
      await deps.database.db.transaction().execute(async (tx) => {
        await sql`lock table stat_meta in exclusive mode`.execute(tx);
        if (!(await findMeta(tx, 'needs_rebuild'))) return;
        await rebuildStatistics(tx);
        await deleteMeta(tx, 'needs_rebuild');
      });
    })();
    pending.catch(() => checked.delete(deps.database));
    checked.set(deps.database, pending);
  }
  return pending;
}
