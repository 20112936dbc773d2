// SQL of the roll-up writer: reading what an event left behind, writing states, deltas and lateness.
import { sql } from 'kysely';
import type { StatChannel } from '../../../shared/stats/definitions.js';
import type { Queryable } from '../../context.js';
import {
  COUNTERS,
  type CountRow,
  type Holder,
  type LateOccurrence,
  OFFICER_COUNTERS,
  type OfficerRow,
  type StatFact,
  type StatState,
} from './rollup.model.js';

const stateFromRow = (row: {
  application_id: number;
  last_event_id: number;
  procedure_id: number;
  channel: StatChannel;
  unit_id: number;
  agency_id: number;
  status: number;
  received: boolean;
  received_at: Date | null;
  received_by: number | null;
  full_online: boolean;
  in_process: boolean;
  due_at: Date | null;
  late_from: string | null;
  holder_step: string | null;
  holder_unit_id: number | null;
  holder_agency_id: number | null;
  holder_user_id: number | null;
  paused_since: Date | null;
  paused_seconds: number;
  entered_at: Date | null;
  left_at: Date | null;
}): StatState => ({
  applicationId: row.application_id,
  lastEventId: row.last_event_id,
  procedureId: row.procedure_id,
  channel: row.channel,
  unitId: row.unit_id,
  agencyId: row.agency_id,
  status: row.status,
  received: row.received,
  receivedAt: row.received_at,
  receivedBy: row.received_by,
  fullOnline: row.full_online,
  inProcess: row.in_process,
  dueAt: row.due_at,
  lateFrom: row.late_from,
  holder:
    row.holder_step && row.holder_unit_id !== null && row.holder_agency_id !== null
      ? {
          step: row.holder_step as Holder['step'],
          unitId: row.holder_unit_id,
          agencyId: row.holder_agency_id,
          userId: row.holder_user_id,
        }
      : null,
  pausedSince: row.paused_since,
  pausedSeconds: row.paused_seconds,
  enteredAt: row.entered_at,
  leftAt: row.left_at,
});

/** The application as the event left it, its procedure's online level, its documents, its last state. */
export async function findFactSource(db: Queryable, applicationId: number) {
  const row = await db
    .selectFrom('applications as a')
    .innerJoin('procedures as p', 'p.id', 'a.procedure_id')
    .leftJoin('stat_app_state as s', 's.application_id', 'a.id')
    .select((eb) => [
      'a.step',
      'a.due_at',
      'a.received_at as app_received_at',
      'a.paused_at',
      'a.handling_unit_id',
      'a.handling_agency_id',
      'a.assignee_id',
      'a.procedure_id as app_procedure_id',
      'a.channel as app_channel',
      'a.receiving_unit_id',
      'a.receiving_agency_id',
      'p.online_level',
      eb
        .exists(
          eb
            .selectFrom('application_documents as d')
            .select('d.file_id')
            .whereRef('d.application_id', '=', 'a.id')
            .where('d.purpose', '=', 'result'),
        )
        .as('electronic_result'),
      eb
        .exists(
          eb
            .selectFrom('application_documents as d')
            .select('d.file_id')
            .whereRef('d.application_id', '=', 'a.id')
            .where('d.purpose', '=', 'submission'),
        )
        .as('has_documents'),
      's.application_id',
      's.last_event_id',
      's.procedure_id',
      's.channel',
      's.unit_id',
      's.agency_id',
      's.status',
      's.received',
      's.received_at',
      's.received_by',
      's.full_online',
      's.in_process',
      's.due_at as state_due_at',
      's.late_from',
      's.holder_step',
      's.holder_unit_id',
      's.holder_agency_id',
      's.holder_user_id',
      's.paused_since',
      's.paused_seconds',
      's.entered_at',
      's.left_at',
    ])
    .where('a.id', '=', applicationId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    step: row.step,
    dueAt: row.due_at,
    receivedAt: row.app_received_at,
    pausedAt: row.paused_at,
    handlingUnitId: row.handling_unit_id,
    handlingAgencyId: row.handling_agency_id,
    assigneeId: row.assignee_id,
    procedureId: row.app_procedure_id,
    channel: row.app_channel,
    receivingUnitId: row.receiving_unit_id,
    receivingAgencyId: row.receiving_agency_id,
    fullOnline: row.online_level === 'full',
    electronicResult: Boolean(row.electronic_result),
    hasDocuments: Boolean(row.has_documents),
    state:
      row.application_id === null
        ? null
        : stateFromRow({
            application_id: row.application_id,
            last_event_id: row.last_event_id!,
            procedure_id: row.procedure_id!,
            channel: row.channel!,
            unit_id: row.unit_id!,
            agency_id: row.agency_id!,
            status: row.status!,
            received: row.received!,
            received_at: row.received_at,
            received_by: row.received_by,
            full_online: row.full_online!,
            in_process: row.in_process!,
            due_at: row.state_due_at,
            late_from: row.late_from,
            holder_step: row.holder_step,
            holder_unit_id: row.holder_unit_id,
            holder_agency_id: row.holder_agency_id,
            holder_user_id: row.holder_user_id,
            paused_since: row.paused_since,
            paused_seconds: Number(row.paused_seconds ?? 0),
            entered_at: row.entered_at,
            left_at: row.left_at,
          }),
  };
}

export async function insertFact(db: Queryable, fact: StatFact): Promise<void> {
  await db
    .insertInto('stat_event_facts')
    .values({
      event_id: fact.eventId,
      application_id: fact.applicationId,
      at: fact.at,
      status: fact.status,
      step: fact.step,
      due_at: fact.dueAt,
      received_at: fact.receivedAt,
      paused_at: fact.pausedAt,
      handling_unit_id: fact.handlingUnitId,
      handling_agency_id: fact.handlingAgencyId,
      assignee_id: fact.assigneeId,
      electronic_result: fact.electronicResult,
      has_documents: fact.hasDocuments,
      full_online: fact.fullOnline,
      late_from: fact.lateFrom ?? null,
    })
    .execute();
}

/** Corrects the derived late_from of replayed facts. */
export async function updateFactsLateFrom(
  db: Queryable,
  changes: readonly { eventId: number; lateFrom: string | null }[],
): Promise<void> {
  for (let i = 0; i < changes.length; i += 1000) {
    const chunk = changes.slice(i, i + 1000);
    const values = sql.join(chunk.map((c) => sql`(${c.eventId}::bigint, ${c.lateFrom}::date)`));
    await sql`update stat_event_facts f set late_from = v.late_from
      from (values ${values}) as v(event_id, late_from) where f.event_id = v.event_id`.execute(db);
  }
}

export async function saveState(db: Queryable, state: StatState): Promise<void> {
  const values = {
    application_id: state.applicationId,
    last_event_id: state.lastEventId,
    procedure_id: state.procedureId,
    channel: state.channel,
    unit_id: state.unitId,
    agency_id: state.agencyId,
    status: state.status,
    received: state.received,
    received_at: state.receivedAt,
    received_by: state.receivedBy,
    full_online: state.fullOnline,
    in_process: state.inProcess,
    due_at: state.dueAt,
    late_from: state.lateFrom,
    holder_step: state.holder?.step ?? null,
    holder_unit_id: state.holder?.unitId ?? null,
    holder_agency_id: state.holder?.agencyId ?? null,
    holder_user_id: state.holder?.userId ?? null,
    paused_since: state.pausedSince,
    paused_seconds: state.pausedSeconds,
    entered_at: state.enteredAt,
    left_at: state.leftAt,
  };
  const { application_id: _id, ...changes } = values;
  await db
    .insertInto('stat_app_state')
    .values(values)
    .onConflict((oc) => oc.column('application_id').doUpdateSet(changes))
    .execute();
}

/** Adds the rows' values to the roll-ups (rows sorted by key, so concurrent writers lock in one order). */
export async function upsertCounts(db: Queryable, rows: readonly CountRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await db
      .insertInto('stat_counts')
      .values(
        chunk.map((row) => ({
          grain: row.grain,
          period: row.period,
          unit_id: row.unitId,
          agency_id: row.agencyId,
          procedure_id: row.procedureId,
          channel: row.channel,
          ...Object.fromEntries(COUNTERS.map((c) => [c, row.values[c] ?? 0])),
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['grain', 'procedure_id', 'unit_id', 'period', 'agency_id', 'channel'])
          .doUpdateSet(
            Object.fromEntries(
              COUNTERS.map((c) => [c, sql<number>`stat_counts.${sql.ref(c)} + excluded.${sql.ref(c)}`]),
            ),
          ),
      )
      .execute();
  }
}

export async function upsertOfficerCounts(db: Queryable, rows: readonly OfficerRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await db
      .insertInto('stat_officer_counts')
      .values(
        chunk.map((row) => ({
          grain: row.grain,
          period: row.period,
          unit_id: row.unitId,
          user_id: row.userId,
          agency_id: row.agencyId,
          ...Object.fromEntries(OFFICER_COUNTERS.map((c) => [c, row.values[c] ?? 0])),
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['grain', 'unit_id', 'period', 'user_id', 'agency_id'])
          .doUpdateSet(
            Object.fromEntries(
              OFFICER_COUNTERS.map((c) => [
                c,
                sql<number>`stat_officer_counts.${sql.ref(c)} + excluded.${sql.ref(c)}`,
              ]),
            ),
          ),
      )
      .execute();
  }
}

/** Cancels the lateness scheduled for an application at or after `from` (it moved on in time). */
export async function deleteScheduledLateness(
  db: Queryable,
  applicationId: number,
  from: Date,
): Promise<void> {
  await db
    .deleteFrom('stat_went_late')
    .where('application_id', '=', applicationId)
    .where('at', '>=', from)
    .execute();
}

export async function insertLateness(db: Queryable, occurrences: readonly LateOccurrence[]): Promise<void> {
  for (let i = 0; i < occurrences.length; i += 1000) {
    await db
      .insertInto('stat_went_late')
      .values(
        occurrences.slice(i, i + 1000).map((o) => ({
          application_id: o.applicationId,
          at: o.at,
          day: o.day,
          step: o.step,
          unit_id: o.unitId,
          agency_id: o.agencyId,
          user_id: o.userId,
          procedure_id: o.procedureId,
          channel: o.channel,
        })),
      )
      .execute();
  }
}

export async function clearDerivedTables(db: Queryable): Promise<void> {
  await db.deleteFrom('stat_counts').execute();
  await db.deleteFrom('stat_officer_counts').execute();
  await db.deleteFrom('stat_went_late').execute();
  await db.deleteFrom('stat_app_state').execute();
  // Evaluations are counted by their trigger; counted again here from their table.
  await sql`select stat_count_all_evaluations()`.execute(db);
}

/** Facts of the next `limit` applications after `afterApplication`, each application's in event order. */
export async function listFactsForReplay(
  db: Queryable,
  afterApplication: number,
  limit: number,
): Promise<StatFact[]> {
  const rows = await db
    .selectFrom('stat_event_facts as f')
    .innerJoin('application_events as e', 'e.id', 'f.event_id')
    .innerJoin('applications as a', 'a.id', 'f.application_id')
    .select([
      'f.event_id',
      'f.application_id',
      'f.at',
      'e.action',
      'e.actor_id',
      'f.status',
      'f.step',
      'f.due_at',
      'f.received_at',
      'f.paused_at',
      'f.handling_unit_id',
      'f.handling_agency_id',
      'f.assignee_id',
      'f.electronic_result',
      'f.has_documents',
      'f.full_online',
      'f.late_from',
      'a.procedure_id',
      'a.channel',
      'a.receiving_unit_id',
      'a.receiving_agency_id',
    ])
    .where('f.application_id', 'in', (eb) =>
      eb
        .selectFrom('stat_event_facts')
        .select('application_id')
        .distinct()
        .where('application_id', '>', afterApplication)
        .orderBy('application_id')
        .limit(limit),
    )
    .orderBy('f.application_id')
    .orderBy('f.event_id')
    .execute();
  return rows.map((r) => ({
    eventId: r.event_id,
    applicationId: r.application_id,
    at: r.at,
    action: r.action,
    actorId: r.actor_id,
    status: r.status,
    step: r.step,
    dueAt: r.due_at,
    receivedAt: r.received_at,
    pausedAt: r.paused_at,
    handlingUnitId: r.handling_unit_id,
    handlingAgencyId: r.handling_agency_id,
    assigneeId: r.assignee_id,
    electronicResult: r.electronic_result,
    hasDocuments: r.has_documents,
    fullOnline: r.full_online,
    lateFrom: r.late_from,
    procedureId: r.procedure_id,
    channel: r.channel,
    receivingUnitId: r.receiving_unit_id,
    receivingAgencyId: r.receiving_agency_id,
  }));
}

export async function findMeta(db: Queryable, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('stat_meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function deleteMeta(db: Queryable, key: string): Promise<void> {
  await db.deleteFrom('stat_meta').where('key', '=', key).execute();
}
