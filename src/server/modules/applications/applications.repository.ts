import type { Expression, ExpressionBuilder, Insertable, Selectable, SqlBool, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { Queryable } from '../../context.js';
import type { ApplicationsTable, DB } from '../../db/schema.js';
import { applyEvent } from '../stats/rollup.js';

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

/** An application by its code together with its procedure's name (public tracking), in one statement. */
export async function findApplicationWithProcedureName(
  db: Queryable,
  code: string,
): Promise<{ application: ApplicationRow; procedureName: string } | undefined> {
  const row = await db
    .selectFrom('applications as a')
    .innerJoin('procedures as p', 'p.id', 'a.procedure_id')
    .selectAll('a')
    .select('p.name as tracked_procedure_name')
    .where('a.code', '=', code)
    .executeTakeFirst();
  if (!row) return undefined;
  const { tracked_procedure_name: procedureName, ...application } = row;
  return { application, procedureName };
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
  const row = await db
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
    .returning(['id', 'application_id', 'at', 'action', 'actor_id', 'to_status'])
    .executeTakeFirstOrThrow();
  // The statistics count the event in its own transaction (src/server/modules/stats/rollup.ts).
  await applyEvent(db, row);
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

/** The files among `ids`, each with whether an application already holds it: one statement. */
export async function findFilesForAttaching(db: Queryable, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('files as f')
    .leftJoin('application_documents as d', 'd.file_id', 'f.id')
    .select(['f.id', 'f.owner_id', 'f.size_bytes'])
    .select((eb) => eb('d.file_id', 'is not', null).as('attached'))
    .where('f.id', 'in', ids)
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
/** The specialists an application handled by `agencyId` may be assigned to (the rule of isSpecialistOf). */
export async function listSpecialistsOf(db: Queryable, agencyId: number | null) {
  return db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.username', 'u.full_name'])
    .distinct()
    .where('r.role', '=', 'specialist')
    .where('u.status', '=', 'active')
    .where((eb) =>
      agencyId === null
        ? eb('r.agency_id', 'is', null)
        : eb.or([eb('r.agency_id', '=', agencyId), eb('r.agency_id', 'is', null)]),
    )
    .orderBy('u.full_name')
    .orderBy('u.username')
    .limit(500)
    .execute();
}

/** Agencies an application may be transferred to: every other one, by kind and name. */
export async function listTransferAgencies(db: Queryable, exceptAgencyId: number | null) {
  let query = db.selectFrom('agencies').select(['code', 'name', 'kind']);
  if (exceptAgencyId !== null) query = query.where('id', '!=', exceptAgencyId);
  return query.orderBy('kind').orderBy('name').limit(2000).execute();
}

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

type ApplicationsEb = ExpressionBuilder<DB & { a: DB['applications'] }, 'a'>;

interface QueueInput {
  scope: QueueScope;
  now: Date;
  dueSoonBefore: Date;
}

const orNone = (ids: number[]) => (ids.length ? ids : [-1]);

/** The applications an officer's scope reaches: by counter, handling agency or overseen unit. */
function inScope(eb: ApplicationsEb, scope: QueueScope): Expression<SqlBool> {
  const sides: Expression<SqlBool>[] = [];
  if (scope.receivingAgencyIds.length)
    sides.push(eb('a.receiving_agency_id', 'in', scope.receivingAgencyIds));
  if (scope.handlingAgencyIds.length) sides.push(eb('a.handling_agency_id', 'in', scope.handlingAgencyIds));
  if (scope.overseenUnitIds.length) {
    sides.push(eb('a.receiving_unit_id', 'in', scope.overseenUnitIds));
    sides.push(eb('a.handling_unit_id', 'in', scope.overseenUnitIds));
  }
  return sides.length ? eb.or(sides) : eb.val(false);
}

/** One queue's condition, scope included: the one definition the list and the counts share. */
function queueFilter(eb: ApplicationsEb, queue: QueueName, input: QueueInput): Expression<SqlBool> {
  const { scope } = input;
  if (queue === 'mine')
    return eb.and([eb('a.assignee_id', '=', scope.userId), eb('a.status', 'in', [4, 5, 6])]);
  const reached = inScope(eb, scope);
  const inProcess = eb('a.status', 'in', [2, 4, 6]);
  switch (queue) {
    case 'new':
      // What waits for this officer's hand: reception and forwarding at the counter, assignment and
      // review in the handling agency, approval by the leader overseeing the unit.
      return eb.and([
        reached,
        eb.or([
          eb.and([
            eb('a.status', 'in', [1, 2]),
            eb('a.receiving_agency_id', 'in', orNone(scope.receivingAgencyIds)),
          ]),
          eb.and([
            eb('a.status', '=', 4),
            eb('a.step', 'in', ['assignment', 'review']),
            eb('a.handling_agency_id', 'in', orNone(scope.handlingAgencyIds)),
          ]),
          eb.and([
            eb('a.status', '=', 4),
            eb('a.step', '=', 'approval'),
            eb('a.handling_unit_id', 'in', orNone(scope.overseenUnitIds)),
          ]),
        ]),
      ]);
    case 'due_soon':
      return eb.and([
        reached,
        inProcess,
        eb('a.due_at', '>=', input.now),
        eb('a.due_at', '<=', input.dueSoonBefore),
      ]);
    case 'overdue':
      return eb.and([reached, inProcess, eb('a.due_at', '<', input.now)]);
    case 'supplement':
      return eb.and([reached, eb('a.status', '=', 5)]);
    case 'to_return':
      return eb.and([reached, eb('a.status', '=', 9)]);
    case 'all':
      return reached;
  }
}

/** How many applications wait in each queue, in one statement. */
export async function countQueues(
  db: Queryable,
  input: QueueInput & { queues: readonly QueueName[] },
): Promise<Record<QueueName, number>> {
  const row = await db
    .selectFrom('applications as a')
    .where((eb) => eb.or([inScope(eb, input.scope), eb('a.assignee_id', '=', input.scope.userId)]))
    .select((eb) =>
      input.queues.map((queue) =>
        eb.fn
          .countAll<string>()
          .filterWhere(queueFilter(eb, queue, input))
          .as(queue),
      ),
    )
    .executeTakeFirstOrThrow();
  const counts = row as unknown as Record<QueueName, string | number>;
  return Object.fromEntries(input.queues.map((q) => [q, Number(counts[q] ?? 0)])) as Record<
    QueueName,
    number
  >;
}

/** Applications of a workbench queue for one officer, newest deadline pressure first. */
export async function listQueue(
  db: Queryable,
  input: QueueInput & {
    queue: QueueName;
    q?: string | undefined;
    status?: number | undefined;
    procedureCode?: string | undefined;
    limit: number;
    offset: number;
    countOnly?: boolean;
  },
) {
  let query = db
    .selectFrom('applications as a')
    .where((eb) => queueFilter(eb, input.queue, input))
    .innerJoin('procedures as p', 'p.id', 'a.procedure_id');
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
      'a.step_due_at',
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
