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
