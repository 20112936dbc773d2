import type { Insertable, Selectable, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { Queryable } from '../../context.js';
import type { ApplicationsTable } from '../../db/schema.js';

export type ApplicationRow = Selectable<ApplicationsTable>;

/** The next number of a receiving agency's daily sequence; rolled back with its transaction. */
export async function nextDailyNumber(db: Queryable, prefix: string, day: string): Promise<number> {
  const row = await db
    .insertInto('application_code_counters')
    .values({ prefix, day, last_value: 1 })
    .onConflict((oc) =>
      oc
        .columns(['prefix', 'day'])
        .doUpdateSet({ last_value: sql`application_code_counters.last_value + 1` }),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}

export async function insertApplication(
  db: Queryable,
  values: Insertable<ApplicationsTable>,
): Promise<ApplicationRow> {
  return db.insertInto('applications').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findApplicationByCode(
  db: Queryable,
  code: string,
): Promise<ApplicationRow | undefined> {
  return db.selectFrom('applications').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findApplicationById(db: Queryable, id: number): Promise<ApplicationRow | undefined> {
  return db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the application for the rest of the transaction: concurrent actions on it queue up. */
export async function lockApplicationByCode(
  db: Queryable,
  code: string,
): Promise<ApplicationRow | undefined> {
  return db.selectFrom('applications').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
}

export async function findByIdempotencyKey(db: Queryable, submitterId: number, key: string) {
  return db
    .selectFrom('applications')
    .selectAll()
    .where('submitter_id', '=', submitterId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

/** Writes the change only if nobody changed the row since `version`; returns whether it did. */
export async function updateApplication(
  db: Queryable,
  id: number,
  version: number,
  changes: Updateable<ApplicationsTable>,
): Promise<ApplicationRow | undefined> {
  return db
    .updateTable('applications')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function insertEvent(
  db: Queryable,
  event: {
    applicationId: number;
    at: Date;
    actorId: number | null;
    actorRole: string | null;
    action: string;
    fromStatus: number | null;
    toStatus: number;
    fromStep: string | null;
    toStep: string | null;
    fromAgencyId?: number | null;
    toAgencyId?: number | null;
    assigneeId?: number | null;
    note?: string | null;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto('application_events')
    .values({
      application_id: event.applicationId,
      at: event.at,
      actor_id: event.actorId,
      actor_role: event.actorRole,
      action: event.action,
      from_status: event.fromStatus,
      to_status: event.toStatus,
      from_step: event.fromStep,
      to_step: event.toStep,
      from_agency_id: event.fromAgencyId ?? null,
      to_agency_id: event.toAgencyId ?? null,
      assignee_id: event.assigneeId ?? null,
      note: event.note ?? null,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}

export async function listEvents(db: Queryable, applicationId: number) {
  return db
    .selectFrom('application_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select([
      'e.id',
      'e.at',
      'e.action',
      'e.actor_role',
      'e.from_status',
      'e.to_status',
      'e.from_step',
      'e.to_step',
      'e.from_agency_id',
      'e.to_agency_id',
      'e.note',
      'e.details',
      'u.full_name as actor_name',
    ])
    .where('e.application_id', '=', applicationId)
    .orderBy('e.id')
    .execute();
}

export async function attachDocuments(
  db: Queryable,
  applicationId: number,
  documents: { componentId: string; fileId: string }[],
  purpose: 'submission' | 'supplement' | 'result',
  at: Date,
): Promise<void> {
  if (documents.length === 0) return;
  await db
    .insertInto('application_documents')
    .values(
      documents.map((d) => ({
        application_id: applicationId,
        component_id: d.componentId,
        file_id: d.fileId,
        purpose,
        added_at: at,
      })),
    )
    .execute();
}

export async function listDocuments(db: Queryable, applicationId: number) {
  return db
    .selectFrom('application_documents as d')
    .innerJoin('files as f', 'f.id', 'd.file_id')
    .select(['d.component_id', 'd.file_id', 'd.purpose', 'f.original_name', 'f.media_type', 'f.size_bytes'])
    .where('d.application_id', '=', applicationId)
    .orderBy('d.added_at')
    .execute();
}

/** Files already attached to some application, among `ids`. */
export async function findAttachedFileIds(db: Queryable, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('application_documents')
    .select('file_id')
    .where('file_id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.file_id));
}

export async function findAgency(db: Queryable, id: number) {
  return db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAgencyByCode(db: Queryable, code: string) {
  return db.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The counter agency of a unit: where applications to it are received. */
export async function findCounterAgency(db: Queryable, unitId: number) {
  return db
    .selectFrom('agencies')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('has_counter', '=', true)
    .orderBy('id')
    .executeTakeFirst();
}

/** The agencies linked to a procedure, with the unit each belongs to. */
export async function findProcedureHandlers(db: Queryable, procedureId: number) {
  return db
    .selectFrom('procedure_agencies as pa')
    .innerJoin('agencies as a', 'a.id', 'pa.agency_id')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.id', 'a.code', 'a.name', 'a.unit_id', 'u.code as unit_code', 'pa.role'])
    .where('pa.procedure_id', '=', procedureId)
    .execute();
}

export async function findUserByUsername(db: Queryable, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'full_name', 'username'])
    .where('username', '=', username.toLowerCase())
    .executeTakeFirst();
}

export async function findUserNames(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.full_name]));
}

export async function findTeamByCode(db: Queryable, code: string) {
  return db.selectFrom('digital_teams').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function isTeamMember(db: Queryable, teamId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('digital_team_members')
    .select('id')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function listApplicationsOfApplicant(
  db: Queryable,
  userId: number,
  limit: number,
  offset: number,
) {
  return db
    .selectFrom('applications as a')
    .innerJoin('procedures as p', 'p.id', 'a.procedure_id')
    .select(['a.code', 'a.status', 'a.submitted_at', 'a.due_at', 'a.channel', 'p.name as procedure_name'])
    .where((eb) => eb.or([eb('a.applicant_user_id', '=', userId), eb('a.submitter_id', '=', userId)]))
    .orderBy('a.submitted_at', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function findProcedureName(db: Queryable, procedureId: number): Promise<string> {
  const row = await db
    .selectFrom('procedures')
    .select('name')
    .where('id', '=', procedureId)
    .executeTakeFirstOrThrow();
  return row.name;
}

export async function findTeamName(db: Queryable, teamId: number): Promise<string | undefined> {
  const row = await db.selectFrom('digital_teams').select('name').where('id', '=', teamId).executeTakeFirst();
  return row?.name;
}

/** Whether the user is a specialist of the agency (or of their whole unit). */
export async function isSpecialistOf(
  db: Queryable,
  userId: number,
  agencyId: number | null,
): Promise<boolean> {
  const row = await db
    .selectFrom('user_roles')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', 'specialist')
    .where((eb) =>
      agencyId === null
        ? eb('agency_id', 'is', null)
        : eb.or([eb('agency_id', '=', agencyId), eb('agency_id', 'is', null)]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

export interface QueueScope {
  /** Agencies whose counter receives applications (counter officers). */
  receivingAgencyIds: number[];
  /** Agencies that handle applications (specialists, unit heads). */
  handlingAgencyIds: number[];
  /** Units overseen with everything below them (signing leaders). */
  overseenUnitIds: number[];
  userId: number;
}

export type QueueName = 'new' | 'mine' | 'due_soon' | 'overdue' | 'supplement' | 'to_return' | 'all';

/** Applications of a workbench queue for one officer, newest deadline pressure first. */
export async function listQueue(
  db: Queryable,
  input: {
    queue: QueueName;
    scope: QueueScope;
    now: Date;
    dueSoonBefore: Date;
    q?: string | undefined;
    status?: number | undefined;
    procedureCode?: string | undefined;
    limit: number;
    offset: number;
    countOnly?: boolean;
  },
) {
  const { scope } = input;
  let query = db.selectFrom('applications as a').innerJoin('procedures as p', 'p.id', 'a.procedure_id');
  query = query.where((eb) => {
    const sides = [];
    if (scope.receivingAgencyIds.length)
      sides.push(eb('a.receiving_agency_id', 'in', scope.receivingAgencyIds));
    if (scope.handlingAgencyIds.length) sides.push(eb('a.handling_agency_id', 'in', scope.handlingAgencyIds));
    if (scope.overseenUnitIds.length) {
      sides.push(eb('a.receiving_unit_id', 'in', scope.overseenUnitIds));
      sides.push(eb('a.handling_unit_id', 'in', scope.overseenUnitIds));
    }
    if (input.queue === 'mine') return eb('a.assignee_id', '=', scope.userId);
    return sides.length ? eb.or(sides) : eb.val(false);
  });
  switch (input.queue) {
    case 'new':
      query = query.where((eb) =>
        eb.or([
          eb.and([
            eb('a.status', '=', 1),
            eb(
              'a.receiving_agency_id',
              'in',
              scope.receivingAgencyIds.length ? scope.receivingAgencyIds : [-1],
            ),
          ]),
          eb.and([
            eb('a.status', '=', 2),
            eb(
              'a.receiving_agency_id',
              'in',
              scope.receivingAgencyIds.length ? scope.receivingAgencyIds : [-1],
            ),
          ]),
          eb.and([
            eb('a.status', '=', 4),
            eb('a.step', '=', 'assignment'),
            eb('a.handling_agency_id', 'in', scope.handlingAgencyIds.length ? scope.handlingAgencyIds : [-1]),
          ]),
          eb.and([
            eb('a.status', '=', 4),
            eb('a.step', '=', 'review'),
            eb('a.handling_agency_id', 'in', scope.handlingAgencyIds.length ? scope.handlingAgencyIds : [-1]),
          ]),
          eb.and([
            eb('a.status', '=', 4),
            eb('a.step', '=', 'approval'),
            eb('a.handling_unit_id', 'in', scope.overseenUnitIds.length ? scope.overseenUnitIds : [-1]),
          ]),
        ]),
      );
      break;
    case 'mine':
      query = query.where('a.status', 'in', [4, 5, 6]);
      break;
    case 'due_soon':
      query = query
        .where('a.status', 'in', [2, 4, 6])
        .where('a.due_at', '>=', input.now)
        .where('a.due_at', '<=', input.dueSoonBefore);
      break;
    case 'overdue':
      query = query.where('a.status', 'in', [2, 4, 6]).where('a.due_at', '<', input.now);
      break;
    case 'supplement':
      query = query.where('a.status', '=', 5);
      break;
    case 'to_return':
      query = query.where('a.status', '=', 9);
      break;
    case 'all':
      break;
  }
  if (input.status !== undefined) query = query.where('a.status', '=', input.status);
  if (input.procedureCode) query = query.where('a.procedure_code', '=', input.procedureCode);
  if (input.q) {
    const q = input.q;
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb('a.code', 'like', pattern), eb('a.applicant_name', 'ilike', pattern)]),
    );
  }
  const total = Number(
    (await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  );
  if (input.countOnly) return { total, items: [] };
  const items = await query
    .select([
      'a.code',
      'a.status',
      'a.step',
      'a.version',
      'a.channel',
      'a.applicant_name',
      'a.submitted_at',
      'a.due_at',
      'a.assignee_id',
      'p.name as procedure_name',
      'p.code as procedure_code',
    ])
    .orderBy(sql`a.due_at is null`)
    .orderBy('a.due_at')
    .orderBy('a.submitted_at')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return { total, items };
}

export async function findDescendantUnitIds(
  db: Queryable,
  unitIds: number[],
  date: string,
): Promise<number[]> {
  if (unitIds.length === 0) return [];
  const rows = await sql<{ unit_id: number }>`
    with recursive tree(unit_id) as (
      select unnest(${sql.val(unitIds)}::bigint[])
      union
      select v.unit_id from unit_versions v join tree t on v.parent_id = t.unit_id
      where v.valid_from <= ${date}::date and (v.valid_to is null or v.valid_to > ${date}::date)
    )
    select unit_id from tree`.execute(db);
  return rows.rows.map((r) => Number(r.unit_id));
}

/** Agencies of the given units that have a counter (for counter officers without an agency). */
export async function findCounterAgencyIds(db: Queryable, unitIds: number[]): Promise<number[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('agencies')
    .select('id')
    .where('unit_id', 'in', unitIds)
    .where('has_counter', '=', true)
    .execute();
  return rows.map((r) => r.id);
}

export async function findAgencyIdsOfUnits(db: Queryable, unitIds: number[]): Promise<number[]> {
  if (unitIds.length === 0) return [];
  const rows = await db.selectFrom('agencies').select('id').where('unit_id', 'in', unitIds).execute();
  return rows.map((r) => r.id);
}

export async function countApplicationsOfApplicant(db: Queryable, userId: number): Promise<number> {
  const row = await db
    .selectFrom('applications as a')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.or([eb('a.applicant_user_id', '=', userId), eb('a.submitter_id', '=', userId)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The units whose agencies implement a procedure (where a commune-level application may go), named as on `date`. */
export async function listUnitsHandlingProcedure(db: Queryable, procedureId: number, date: string) {
  return db
    .selectFrom('procedure_agencies as pa')
    .innerJoin('agencies as a', 'a.id', 'pa.agency_id')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .innerJoin('unit_versions as v', 'v.unit_id', 'u.id')
    .select(['u.code', 'v.full_name', 'v.full_name_en'])
    .distinct()
    .where('pa.procedure_id', '=', procedureId)
    .where('pa.role', '=', 'implementing')
    .where('v.valid_from', '<=', date)
    .where((eb) => eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>', date)]))
    .orderBy('v.full_name')
    .orderBy('u.code')
    .execute();
}
