import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { formForProcedure, validateFormData } from '../../../shared/applications/forms.js';
import {
  NOTE_MAX,
  type TApplicationAction,
  type TSubmitApplication,
} from '../../../shared/applications/schema.js';
import {
  type PlanStep,
  planStepOf,
  planSteps,
  type StepPlan,
  stepDueAt,
} from '../../../shared/applications/steps.js';
import {
  ACTION_ROLES,
  type Action,
  actionsFor,
  CITIZEN_ACTIONS,
  FINISHED,
  NEXT_STATUS,
  nextStep,
  STATUS,
  type Status,
  type Step,
} from '../../../shared/applications/workflow.js';
import type { Role } from '../../../shared/auth/roles.js';
import { addWorkingMinutes, workingMinutesBetween } from '../../../shared/calendar/index.js';
import type { TProcedureRecord, TTimeLimit } from '../../../shared/catalog/schema.js';
import { vietnamDate } from '../../../shared/clock.js';
import { AppError, type FieldErrors } from '../../../shared/errors.js';
import { MAX_APPLICATION_BYTES, MAX_FILES_PER_APPLICATION } from '../../../shared/files/limits.js';
import type { ActionContext, Actor, AppDeps, Queryable } from '../../context.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { DB } from '../../db/schema.js';
import { computeDueDate, loadCalendarSettings, loadWorkingCalendar } from '../calendar/calendar.service.js';
import { findProcedureByCode } from '../catalog/catalog.repository.js';
import { findFiles } from '../files/files.repository.js';
import { countAgainst, type RateLimit, retryAfterSeconds } from '../rate-limit/rate-limit.service.js';
import { findAncestorIds, findUnitIdsByCode } from '../units/units.repository.js';
import {
  type ApplicationRow,
  attachDocuments,
  findAgency,
  findAgencyByCode,
  findApplicationByCode,
  findApplicationWithProcedureName,
  findAttachedFileIds,
  findByIdempotencyKey,
  findCounterAgency,
  findFilesForAttaching,
  findProcedureHandlers,
  findProcedureName,
  findTeamByCode,
  findTeamName,
  findUserByUsername,
  findUserNames,
  insertApplication,
  insertEvent,
  isSpecialistOf,
  isTeamMember,
  listDocuments,
  listEvents,
  lockApplicationByCode,
  nextDailyNumber,
  updateApplication,
} from './applications.repository.js';

const STAFF_ROLES: readonly Role[] = [
  'counter_officer',
  'specialist',
  'unit_head',
  'signing_leader',
  'administrator',
];

/**
 * The first part of an application code: the receiving agency's national code (000.00.01.H29) when
 * it has one, else its own code in the same alphabet (MC-VP becomes MC.VP).
 */
export function receiptPrefix(agency: { receipt_code: string | null; code: string } | undefined): string {
  if (!agency) return 'MOTCUA';
  return (
    agency.receipt_code ??
    agency.code
      .toUpperCase()
      .replace(/[^0-9A-Z.]/g, '.')
      .slice(0, 30)
  );
}

/** yyMMdd of a moment in Vietnam's time. */
function dayStamp(moment: Date): string {
  return vietnamDate(moment).slice(2).replaceAll('-', '');
}

/** The time limit a procedure sets for a channel (the first processing case's when the channel has none). */
export function timeLimitFor(
  record: TProcedureRecord,
  channel: 'online' | 'direct' | 'postal',
): TTimeLimit | null {
  const byChannel = record.channels.find((c) => c.kind === channel && c.timeLimit)?.timeLimit;
  return (
    byChannel ??
    record.channels.find((c) => c.timeLimit)?.timeLimit ??
    record.cases.find((c) => c.timeLimit)?.timeLimit ??
    null
  );
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface SubmitResult {
  application: ApplicationRow;
  /** True when an earlier request with the same Idempotency-Key created it. */
  replayed: boolean;
}

/** Where a procedure's application goes: the receiving counter and the handling agency. */
async function routeApplication(
  tx: Queryable,
  procedureId: number,
  record: TProcedureRecord,
  unitCode: string | undefined,
  homeUnitCode: string,
): Promise<{
  receivingUnitId: number;
  receivingAgencyId: number;
  /** The receiving counter's codes, for the application code's prefix. */
  receiving: { receipt_code: string | null; code: string };
  handlingAgencyId: number | null;
  handlingUnitId: number | null;
}> {
  const handlers = (await findProcedureHandlers(tx, procedureId)).filter((h) => h.role === 'implementing');
  let unitId: number | undefined;
  if (record.level === 'commune') {
    if (!unitCode) {
      const units = [...new Set(handlers.map((h) => h.unit_code))];
      if (units.length !== 1)
        throw new AppError('VALIDATION_FAILED', {
          fields: { unitCode: { key: 'applications.errors.unitRequired' } },
        });
      unitCode = units[0];
    }
    unitId = (await findUnitIdsByCode(tx, [unitCode!])).get(unitCode!);
    if (unitId === undefined || !handlers.some((h) => h.unit_id === unitId)) {
      throw new AppError('VALIDATION_FAILED', {
        fields: { unitCode: { key: 'applications.errors.unitNotHandling' } },
      });
    }
  } else {
    unitId = (await findUnitIdsByCode(tx, [homeUnitCode])).get(homeUnitCode);
  }
  if (unitId === undefined) throw new AppError('UNIT_NOT_FOUND');
  const counter = await findCounterAgency(tx, unitId);
  if (!counter)
    throw new AppError('VALIDATION_FAILED', {
      fields: { unitCode: { key: 'applications.errors.noCounter' } },
    });
  const handler = handlers.find((h) => h.unit_id === unitId) ?? handlers[0];
  return {
    receivingUnitId: unitId,
    receivingAgencyId: counter.id,
    receiving: counter,
    handlingAgencyId: handler?.id ?? null,
    handlingUnitId: handler?.unit_id ?? null,
  };
}

/** Checks uploaded documents: the applicant's own, unattached, of known components, within limits, required ones present. */
async function checkDocuments(
  tx: Queryable,
  actor: Actor,
  record: TProcedureRecord,
  documents: TSubmitApplication['documents'],
): Promise<void> {
  const fields: FieldErrors = {};
  const components = new Map(record.components.map((c) => [c.id, c]));
  const fileIds = documents.map((d) => d.fileId);
  const files = new Map((await findFilesForAttaching(tx, fileIds)).map((f) => [f.id, f]));
  const seen = new Set<string>();
  documents.forEach((doc, index) => {
    const file = files.get(doc.fileId);
    if (!components.has(doc.componentId))
      fields[`documents.${index}.componentId`] = { key: 'applications.errors.unknownComponent' };
    else if (!file || file.owner_id !== actor.userId || file.attached || seen.has(doc.fileId)) {
      fields[`documents.${index}.fileId`] = { key: 'applications.errors.fileNotUsable' };
    }
    seen.add(doc.fileId);
  });
  const firstCase = record.cases[0]?.id ?? null;
  for (const component of record.components) {
    if (!component.required || (component.caseId !== null && component.caseId !== firstCase)) continue;
    if (!documents.some((d) => d.componentId === component.id)) {
      fields[`documents.${component.id}`] = {
        key: 'applications.errors.documentMissing',
        params: { name: component.name.slice(0, 120) },
      };
    }
  }
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
  const total = [...files.values()].reduce((n, f) => n + f.size_bytes, 0);
  if (documents.length > MAX_FILES_PER_APPLICATION || total > MAX_APPLICATION_BYTES)
    throw new AppError('APPLICATION_TOO_LARGE');
}

/**
 * A citizen (or a digital team member for one) submits online: status 1, a code in the national
 * format from a gap-free daily sequence, the event row, all in one transaction. A retry with the same
 * Idempotency-Key returns the first application; the same key with another body is a 409.
 */
export async function submitApplication(
  deps: AppDeps,
  context: ActionContext,
  input: TSubmitApplication & { idempotencyKey?: string | undefined },
): Promise<SubmitResult> {
  const actor = context.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const requestHash = createHash('sha256').update(stableJson(input)).digest('hex');
  const replay = async () => {
    if (!input.idempotencyKey) return undefined;
    const existing = await findByIdempotencyKey(deps.database.db, actor.userId, input.idempotencyKey);
    if (!existing) return undefined;
    if (existing.request_hash !== requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    return { application: existing, replayed: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;

  const procedure = await findProcedureByCode(deps.database.db, input.procedureCode);
  if (!procedure)
    throw new AppError('VALIDATION_FAILED', {
      fields: { procedureCode: { key: 'errors.PROCEDURE_NOT_FOUND' } },
    });
  if (procedure.status === 'retired') throw new AppError('PROCEDURE_RETIRED');
  if (procedure.record.onlineLevel === 'none') throw new AppError('PROCEDURE_NOT_ONLINE');
  const form = validateFormData(formForProcedure(procedure.record), input.formData);
  if (!form.ok) throw new AppError('VALIDATION_FAILED', { fields: form.fields });

  try {
    return await deps.database.db.transaction().execute(async (tx) => {
      let teamId: number | null = null;
      if (input.assistedBy) {
        const team = await findTeamByCode(tx, input.assistedBy.teamCode);
        if (!team || !(await isTeamMember(tx, team.id, actor.userId))) {
          throw new AppError('VALIDATION_FAILED', {
            fields: { 'assistedBy.teamCode': { key: 'applications.errors.notTeamMember' } },
          });
        }
        teamId = team.id;
      }
      await checkDocuments(tx, actor, procedure.record, input.documents);
      const route = await routeApplication(
        tx,
        procedure.id,
        procedure.record,
        input.unitCode,
        deps.config.homeUnitCode,
      );
      const prefix = receiptPrefix(route.receiving);
      const now = deps.clock.now();
      const day = dayStamp(now);
      const sequence = await nextDailyNumber(tx, prefix, day);
      if (sequence > 9999) throw new AppError('SERVICE_UNAVAILABLE');
      const isCitizen = actor.grants.some((g) => g.role === 'citizen');
      const application = await insertApplication(tx, {
        code: `${prefix}-${day}-${String(sequence).padStart(4, '0')}`,
        procedure_id: procedure.id,
        procedure_code: procedure.code,
        procedure_version: procedure.version,
        case_id: procedure.record.cases[0]?.id ?? null,
        channel: 'online',
        status: STATUS.SUBMITTED,
        step: null,
        receiving_unit_id: route.receivingUnitId,
        receiving_agency_id: route.receivingAgencyId,
        handling_unit_id: route.handlingUnitId,
        handling_agency_id: route.handlingAgencyId,
        applicant_user_id: input.assistedBy || !isCitizen ? null : actor.userId,
        applicant_name: input.applicant.fullName,
        applicant_id_number: input.applicant.idNumber,
        applicant_phone: input.applicant.phone,
        applicant_email: input.applicant.email ?? null,
        applicant_address: input.applicant.address ?? null,
        form_data: JSON.stringify(form.value),
        submitted_at: now,
        time_limit: JSON.stringify(timeLimitFor(procedure.record, 'online')),
        clock_mode: procedure.record.supplementClock,
        assisted_by_user_id: input.assistedBy ? actor.userId : null,
        assisted_team_id: teamId,
        submitter_id: actor.userId,
        idempotency_key: input.idempotencyKey ?? null,
        request_hash: requestHash,
        created_at: now,
        updated_at: now,
      });
      await attachDocuments(tx, application.id, input.documents, 'submission', now);
      await insertEvent(tx, {
        applicationId: application.id,
        at: now,
        actorId: actor.userId,
        actorRole: input.assistedBy ? 'team_member' : 'citizen',
        action: 'submit',
        fromStatus: null,
        toStatus: STATUS.SUBMITTED,
        fromStep: null,
        toStep: null,
        toAgencyId: route.receivingAgencyId,
        details: teamId ? { assistedTeamId: teamId } : {},
      });
      return { application, replayed: false };
    });
  } catch (error) {
    // Two retries with one key at the same moment: the unique index lets one in; the other replays it.
    if (isUniqueViolation(error)) {
      const again = await replay();
      if (again) return again;
    }
    throw error;
  }
}

/** The moment an application counts as received, by the receipt rules, without a time limit. */
export async function effectiveReceipt(deps: AppDeps, tx: Queryable, moment: Date): Promise<Date> {
  return (await computeDueDate(deps, { receivedAt: moment, unit: 'same_day' }, { db: tx }))
    .effectiveReceivedAt;
}

async function dueFrom(deps: AppDeps, tx: Queryable, moment: Date, limit: TTimeLimit | null) {
  if (!limit) return { receivedAt: await effectiveReceipt(deps, tx, moment), dueAt: null };
  const deadline = await computeDueDate(
    deps,
    { receivedAt: moment, unit: limit.unit, ...(limit.amount === null ? {} : { amount: limit.amount }) },
    { db: tx },
  );
  return { receivedAt: deadline.effectiveReceivedAt, dueAt: deadline.dueAt };
}

/** Whether the actor is the applicant (or submitted it for them). */
export function isApplicantOf(actor: Actor, application: ApplicationRow): boolean {
  return application.applicant_user_id === actor.userId || application.submitter_id === actor.userId;
}

/** The staff grants of `actor` that cover the application's receiving or handling side. */
export async function coveringGrants(
  deps: AppDeps,
  db: Queryable,
  actor: Actor,
  application: ApplicationRow,
) {
  const date = vietnamDate(deps.clock.now());
  const sides = [
    { unitId: application.receiving_unit_id, agencyId: application.receiving_agency_id },
    ...(application.handling_unit_id
      ? [{ unitId: application.handling_unit_id, agencyId: application.handling_agency_id }]
      : []),
  ];
  // Counter officers, specialists and unit heads serve their own unit (and agency, when their role
  // names one); signing leaders and administrators oversee their unit and everything below it. Only
  // they need the units above each side (one recursive query per side, so skipped for the others).
  const overseeing = (role: Role) => role === 'signing_leader' || role === 'administrator';
  const paths = actor.grants.some((g) => overseeing(g.role))
    ? await Promise.all(sides.map((s) => findAncestorIds(db, s.unitId, date)))
    : sides.map(() => []);
  return actor.grants.filter(
    (grant) =>
      STAFF_ROLES.includes(grant.role) &&
      grant.unitId !== null &&
      sides.some((side, i) =>
        overseeing(grant.role)
          ? paths[i]!.includes(grant.unitId!)
          : grant.unitId === side.unitId && (grant.agencyId === null || grant.agencyId === side.agencyId),
      ),
  );
}

/** Who may see an application: its applicant, or staff of its receiving or handling side. */
export async function canSeeApplication(
  deps: AppDeps,
  actor: Actor | null,
  application: ApplicationRow,
  db: Queryable = deps.database.db,
): Promise<boolean> {
  if (!actor) return false;
  if (isApplicantOf(actor, application)) return true;
  return (await coveringGrants(deps, db, actor, application)).length > 0;
}

/** The actions this actor may take now: the workflow table, narrowed by role, scope and assignment. */
export async function allowedActionsFor(
  deps: AppDeps,
  db: Queryable,
  actor: Actor | null,
  application: ApplicationRow,
): Promise<Action[]> {
  if (!actor) return [];
  const status = application.status as Status;
  const candidates = actionsFor(status, application.step as Step | null);
  const grants = await coveringGrants(deps, db, actor, application);
  const roles = new Set(grants.map((g) => g.role as string));
  const applicant = isApplicantOf(actor, application);
  return candidates.filter((action) => {
    if (CITIZEN_ACTIONS.includes(action) && applicant) return true;
    if (!(ACTION_ROLES[action] as readonly string[]).some((r) => roles.has(r))) return false;
    if (action === 'propose') return application.assignee_id === actor.userId;
    return true;
  });
}

export async function getApplicationFor(
  deps: AppDeps,
  context: ActionContext,
  code: string,
): Promise<ApplicationRow> {
  if (!context.actor) throw new AppError('UNAUTHENTICATED');
  const application = await findApplicationByCode(deps.database.db, code);
  // Someone who may not see it learns nothing, not even that it exists.
  if (!application || !(await canSeeApplication(deps, context.actor, application)))
    throw new AppError('APPLICATION_NOT_FOUND');
  return application;
}

function requireNote(input: { note?: string | undefined }, field = 'note'): string {
  const note = input.note?.trim() ?? '';
  if (note.length < 5)
    throw new AppError('VALIDATION_FAILED', {
      fields: { [field]: { key: 'applications.errors.reasonRequired' } },
    });
  return note;
}

/**
 * The platform itself acting on a fact it verified from outside, not a signed-in person: the payment
 * gateway's signed confirmation (modules/payments). It may take only SYSTEM_ACTIONS; its events carry
 * no actor and the role 'system'.
 */
export interface SystemActor {
  system: 'payment_gateway';
}

/** What the system may do: record a fee the gateway confirmed as paid online. */
const SYSTEM_ACTIONS: readonly Action[] = ['record_fee_paid'];

/** An action's input inside the services: the API's, plus what only the system may give. */
export type ActionInput = Omit<TApplicationAction, 'paymentMethod'> & {
  code: string;
  /** 'online' only from the payment gateway (the API and the forms allow cash and transfer). */
  paymentMethod?: 'cash' | 'transfer' | 'online' | undefined;
  /** record_fee_paid online: the gateway's references, kept in the event's details. */
  payment?: { txnRef: string; transactionNo: string; amountVnd: number } | undefined;
};

/**
 * Any action of the workflow table on one application, in one transaction: the version the actor
 * saw is checked first (409 when stale), then the table, then who may act, then the action's own
 * fields; the change and its event row are written together. Of two conflicting actions, one wins.
 */
export async function performAction(
  deps: AppDeps,
  context: ActionContext,
  input: TApplicationAction & { code: string },
): Promise<ApplicationRow> {
  const actor = context.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  return deps.database.db.transaction().execute((tx) => performActionIn(deps, tx, actor, input));
}

/**
 * performAction inside the caller's transaction (`tx`), for a person or the system: the payment
 * module moves a paid application on in the same transaction that marks the payment applied.
 */
export async function performActionIn(
  deps: AppDeps,
  tx: Transaction<DB>,
  by: Actor | SystemActor,
  input: ActionInput,
): Promise<ApplicationRow> {
  const person = 'system' in by ? null : by;
  const application = await lockApplicationByCode(tx, input.code);
  if (!application || (person && !(await canSeeApplication(deps, person, application, tx))))
    throw new AppError('APPLICATION_NOT_FOUND');
  if (application.version !== input.expectedVersion) throw new AppError('VERSION_CONFLICT');
  const status = application.status as Status;
  const step = application.step as Step | null;
  if (!actionsFor(status, step).includes(input.action)) throw new AppError('ACTION_NOT_ALLOWED');
  if (person) {
    const allowed = await allowedActionsFor(deps, tx, person, application);
    if (!allowed.includes(input.action)) throw new AppError('FORBIDDEN');
  } else if (!SYSTEM_ACTIONS.includes(input.action)) throw new AppError('FORBIDDEN');

  const now = deps.clock.now();
  const action = input.action;
  const toStatus = NEXT_STATUS[action](status);
  const movedStep = nextStep(action, step);
  // The step survives a pause (supplement, fee, withdrawal request), so work resumes where it
  // stood; it ends with the processing (refused, stopped, done, returned).
  const toStep = FINISHED.includes(toStatus) ? null : movedStep === undefined ? step : movedStep;
  const changes: Parameters<typeof updateApplication>[3] = {
    status: toStatus,
    step: toStep,
    updated_at: now,
  };
  const details: Record<string, unknown> = {};
  let note: string | null = input.note?.trim() || null;
  let toAgencyId: number | null = null;
  let assigneeId: number | null = null;
  const limit = application.time_limit as TTimeLimit | null;

  switch (action) {
    case 'accept': {
      const due = await dueFrom(deps, tx, application.submitted_at, limit);
      changes.received_at = due.receivedAt;
      changes.due_at = due.dueAt;
      break;
    }
    case 'refuse':
    case 'stop':
      note = requireNote(input);
      changes.finished_at = now;
      break;
    case 'forward':
      toAgencyId = application.handling_agency_id;
      break;
    case 'assign': {
      const user = input.assignee ? await findUserByUsername(tx, input.assignee) : undefined;
      if (!user)
        throw new AppError('VALIDATION_FAILED', {
          fields: { assignee: { key: 'applications.errors.assigneeUnknown' } },
        });
      if (!(await isSpecialistOf(tx, user.id, application.handling_agency_id)))
        throw new AppError('VALIDATION_FAILED', {
          fields: { assignee: { key: 'applications.errors.assigneeNotSpecialist' } },
        });
      changes.assignee_id = user.id;
      assigneeId = user.id;
      break;
    }
    case 'transfer': {
      const agency = input.toAgency ? await findAgencyByCode(tx, input.toAgency) : undefined;
      if (!agency || agency.id === application.handling_agency_id) {
        throw new AppError('VALIDATION_FAILED', {
          fields: { toAgency: { key: 'applications.errors.agencyUnknown' } },
        });
      }
      note = requireNote(input);
      changes.handling_agency_id = agency.id;
      changes.handling_unit_id = agency.unit_id;
      changes.assignee_id = null;
      toAgencyId = agency.id;
      break;
    }
    case 'send_back':
      note = requireNote(input);
      break;
    case 'request_supplement':
      note = requireNote(input);
      changes.paused_at = now;
      break;
    case 'receive_supplement': {
      const pausedAt = application.paused_at ?? now;
      if (application.clock_mode === 'resume' && application.due_at) {
        const calendar = await loadWorkingCalendar(deps, { db: tx });
        const { officeHours } = await loadCalendarSettings(deps, { db: tx });
        const stood = Math.max(0, workingMinutesBetween(pausedAt, now, calendar, officeHours));
        changes.due_at = addWorkingMinutes(application.due_at, stood, calendar, officeHours);
      } else {
        // By default the time limit starts again from the complete supplement.
        const due = await dueFrom(deps, tx, now, limit);
        changes.received_at = due.receivedAt;
        changes.due_at = due.dueAt;
      }
      changes.paused_at = null;
      break;
    }
    case 'request_fee':
      if (input.amountVnd === undefined)
        throw new AppError('VALIDATION_FAILED', { fields: { amountVnd: { key: 'validation.required' } } });
      details.amountVnd = input.amountVnd;
      break;
    case 'record_fee_paid':
      // Online payments are recorded only by the gateway's verified confirmation, never by hand.
      if (
        !input.paymentMethod ||
        !input.receiptNumber ||
        (input.paymentMethod === 'online') !== (person === null && input.payment !== undefined)
      ) {
        throw new AppError('VALIDATION_FAILED', {
          fields: {
            ...(input.paymentMethod && input.paymentMethod !== 'online'
              ? {}
              : { paymentMethod: { key: 'validation.required' } }),
            ...(input.receiptNumber ? {} : { receiptNumber: { key: 'validation.required' } }),
          },
        });
      }
      details.paymentMethod = input.paymentMethod;
      details.receiptNumber = input.receiptNumber;
      if (input.payment) {
        details.txnRef = input.payment.txnRef;
        details.transactionNo = input.payment.transactionNo;
        details.amountVnd = input.payment.amountVnd;
      }
      break;
    case 'exempt_fee':
      // A legal exemption: the reason (with its legal basis) and the document that grants it.
      note = requireNote(input);
      if (!input.fileIds?.length)
        throw new AppError('VALIDATION_FAILED', {
          fields: { fileIds: { key: 'applications.errors.exemptionDocument' } },
        });
      break;
    case 'request_withdrawal':
      changes.paused_at = now;
      break;
    case 'approve':
      changes.finished_at = now;
      break;
    case 'return_result':
      changes.returned_at = now;
      break;
    case 'issue_apology': {
      if (!application.due_at || now.getTime() >= application.due_at.getTime())
        throw new AppError('ACTION_NOT_ALLOWED');
      const newDue = input.newDueAt ? new Date(input.newDueAt) : undefined;
      if (!newDue || newDue.getTime() <= application.due_at.getTime()) {
        throw new AppError('VALIDATION_FAILED', {
          fields: { newDueAt: { key: 'applications.errors.newDueAfter' } },
        });
      }
      note = requireNote(input);
      details.previousDueAt = application.due_at.toISOString();
      changes.due_at = newDue;
      break;
    }
    case 'propose':
    case 'review':
      break;
  }

  const stageDueAt = await planStages(deps, tx, application, action, changes, now);
  if (stageDueAt) details.stepDueAt = stageDueAt.toISOString();

  if (input.fileIds?.length) {
    const files = await findFiles(tx, input.fileIds);
    const attached = await findAttachedFileIds(tx, input.fileIds);
    if (
      files.length !== input.fileIds.length ||
      files.some((f) => !person || f.owner_id !== person.userId || attached.has(f.id))
    ) {
      throw new AppError('VALIDATION_FAILED', {
        fields: { fileIds: { key: 'applications.errors.fileNotUsable' } },
      });
    }
    const purpose = action === 'return_result' ? 'result' : 'supplement';
    await attachDocuments(
      tx,
      application.id,
      files.map((f) => ({
        componentId: action === 'exempt_fee' ? EXEMPTION_COMPONENT : purpose,
        fileId: f.id,
      })),
      purpose,
      now,
    );
  }

  const updated = await updateApplication(tx, application.id, application.version, changes);
  if (!updated) throw new AppError('VERSION_CONFLICT');
  const role = !person
    ? 'system'
    : CITIZEN_ACTIONS.includes(action) && isApplicantOf(person, application)
      ? 'citizen'
      : (person.grants.find((g) => (ACTION_ROLES[action] as readonly string[]).includes(g.role))?.role ??
        null);
  await insertEvent(tx, {
    applicationId: application.id,
    at: now,
    actorId: person?.userId ?? null,
    actorRole: role,
    action,
    fromStatus: status,
    toStatus,
    fromStep: step,
    toStep,
    fromAgencyId: toAgencyId ? application.handling_agency_id : null,
    toAgencyId,
    assigneeId,
    note,
    details,
  });
  return updated;
}

/** The deadlines of `stage` and the stages after it, sharing the working time from `from` to `dueAt`. */
export async function planStagesFrom(
  deps: AppDeps,
  tx: Queryable,
  from: Date,
  dueAt: Date,
  stage: PlanStep,
): Promise<StepPlan> {
  const calendar = await loadWorkingCalendar(deps, { db: tx });
  const { officeHours } = await loadCalendarSettings(deps, { db: tx });
  return planSteps(from, dueAt, stage, calendar, officeHours);
}

/**
 * Keeps the per-step deadlines: a new plan over the stages still ahead when the clock starts or the
 * due date moves, and after a transfer or a send-back (the work starts that stage again); otherwise
 * the stage the application moves to takes its deadline from the plan. Nothing runs while paused.
 */
async function planStages(
  deps: AppDeps,
  tx: Queryable,
  application: ApplicationRow,
  action: Action,
  changes: Parameters<typeof updateApplication>[3],
  now: Date,
): Promise<Date | null> {
  const status = changes.status as Status;
  const step = (changes.step ?? null) as Step | null;
  const stage = planStepOf(status, step);
  const newDue = changes.due_at;
  const dueAt = newDue === undefined ? application.due_at : newDue === null ? null : new Date(newDue);
  if (!stage || !dueAt) {
    changes.step_due_at = null;
    return null;
  }
  let plan = application.step_plan as StepPlan | null;
  const replan = !plan || changes.due_at !== undefined || action === 'transfer' || action === 'send_back';
  if (replan) {
    plan = await planStagesFrom(
      deps,
      tx,
      changes.received_at ? new Date(changes.received_at) : now,
      dueAt,
      stage,
    );
    changes.step_plan = JSON.stringify(plan);
  }
  const stageDueAt = stepDueAt(plan, status, step);
  changes.step_due_at = stageDueAt;
  return stageDueAt;
}

// No fewer than 10 failed guesses a minute per code and per address before a block.
export const TRACK_LIMIT_CODE: RateLimit = { bucket: 'track-code', max: 10, windowMs: 60_000 };
export const TRACK_LIMIT_ADDRESS: RateLimit = { bucket: 'track-address', max: 30, windowMs: 60_000 };

/**
 * Public tracking: the code and the last four digits of the applicant's phone or ID number. A wrong
 * answer looks exactly like an unknown code; failed guesses count against the code and the address.
 */
export async function trackApplication(deps: AppDeps, input: { code: string; verify: string; ip: string }) {
  const wait = Math.max(
    await retryAfterSeconds(deps, TRACK_LIMIT_CODE, input.code),
    await retryAfterSeconds(deps, TRACK_LIMIT_ADDRESS, input.ip),
  );
  if (wait > 0) throw new AppError('TOO_MANY_REQUESTS', { retryAfter: wait });
  const found = await findApplicationWithProcedureName(deps.database.db, input.code);
  const matches =
    found !== undefined &&
    (found.application.applicant_phone.slice(-4) === input.verify ||
      found.application.applicant_id_number.slice(-4) === input.verify);
  if (!found || !matches) {
    await countAgainst(deps, TRACK_LIMIT_CODE, input.code);
    await countAgainst(deps, TRACK_LIMIT_ADDRESS, input.ip);
    throw new AppError('APPLICATION_NOT_FOUND');
  }
  const { application, procedureName } = found;
  return { application, procedureName, events: await listEvents(deps.database.db, application.id) };
}

/** Everything a page or the API shows about an application, for this actor. */
export async function loadApplicationDetails(
  deps: AppDeps,
  actor: Actor | null,
  application: ApplicationRow,
) {
  const db = deps.database.db;
  const [procedure, receiving, handling, events, documents, allowedActions] = await Promise.all([
    findProcedureName(db, application.procedure_id),
    findAgency(db, application.receiving_agency_id),
    application.handling_agency_id
      ? findAgency(db, application.handling_agency_id)
      : Promise.resolve(undefined),
    listEvents(db, application.id),
    listDocuments(db, application.id),
    allowedActionsFor(deps, db, actor, application),
  ]);
  const names = await findUserNames(
    db,
    [application.assignee_id, application.assisted_by_user_id].filter((id): id is number => id !== null),
  );
  const team = application.assisted_team_id
    ? await findTeamName(db, application.assisted_team_id)
    : undefined;
  return {
    procedureName: procedure,
    receivingAgency: receiving?.name ?? '',
    handlingAgency: handling?.name ?? null,
    assignee: application.assignee_id ? (names.get(application.assignee_id) ?? null) : null,
    assisted: application.assisted_by_user_id
      ? { by: names.get(application.assisted_by_user_id) ?? '', team: team ?? null }
      : null,
    documents,
    events,
    allowedActions,
  };
}

/** The component id of the document that grants a fee exemption (attached by exempt_fee). */
export const EXEMPTION_COMPONENT = 'fee_exemption';

/** Files a supplement (hồ sơ bổ sung) may carry at once. */
export const MAX_SUPPLEMENT_FILES = 5;

/**
 * The applicant sends what a supplement request asked for: the files are attached (purpose
 * 'supplement'), the version moves on and a 'supplement_submitted' event is written, in one
 * transaction. The status stays 5: an officer then takes receive_supplement, which restarts the clock.
 */
export async function submitSupplement(
  deps: AppDeps,
  context: ActionContext,
  input: { code: string; expectedVersion: number; fileIds: string[]; note?: string | undefined },
): Promise<ApplicationRow> {
  const actor = context.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const note = input.note?.trim() || null;
  const fields: FieldErrors = {};
  if (input.fileIds.length === 0) fields.files = { key: 'validation.required' };
  else if (
    input.fileIds.length > MAX_SUPPLEMENT_FILES ||
    new Set(input.fileIds).size !== input.fileIds.length
  )
    fields.files = { key: 'validation.tooManyItems', params: { maximum: MAX_SUPPLEMENT_FILES } };
  if (note && note.length > NOTE_MAX)
    fields.note = { key: 'validation.tooLong', params: { maximum: NOTE_MAX } };
  return deps.database.db.transaction().execute(async (tx) => {
    const application = await lockApplicationByCode(tx, input.code);
    if (!application || !(await canSeeApplication(deps, actor, application, tx)))
      throw new AppError('APPLICATION_NOT_FOUND');
    if (!isApplicantOf(actor, application)) throw new AppError('NOT_APPLICANT');
    if (application.version !== input.expectedVersion) throw new AppError('VERSION_CONFLICT');
    if (application.status !== STATUS.SUPPLEMENT_REQUESTED) throw new AppError('ACTION_NOT_ALLOWED');
    if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
    const files = await findFiles(tx, input.fileIds);
    const attached = await findAttachedFileIds(tx, input.fileIds);
    if (
      files.length !== input.fileIds.length ||
      files.some((f) => f.owner_id !== actor.userId || attached.has(f.id))
    ) {
      throw new AppError('VALIDATION_FAILED', {
        fields: { files: { key: 'applications.errors.fileNotUsable' } },
      });
    }
    const existing = await listDocuments(tx, application.id);
    const bytes = [...existing.map((d) => d.size_bytes), ...files.map((f) => f.size_bytes)].reduce(
      (n, size) => n + size,
      0,
    );
    if (existing.length + files.length > MAX_FILES_PER_APPLICATION || bytes > MAX_APPLICATION_BYTES)
      throw new AppError('APPLICATION_TOO_LARGE');
    const now = deps.clock.now();
    await attachDocuments(
      tx,
      application.id,
      files.map((f) => ({ componentId: 'supplement', fileId: f.id })),
      'supplement',
      now,
    );
    const updated = await updateApplication(tx, application.id, application.version, { updated_at: now });
    if (!updated) throw new AppError('VERSION_CONFLICT');
    await insertEvent(tx, {
      applicationId: application.id,
      at: now,
      actorId: actor.userId,
      actorRole: 'citizen',
      action: 'supplement_submitted',
      fromStatus: application.status,
      toStatus: STATUS.SUPPLEMENT_REQUESTED,
      fromStep: application.step,
      toStep: application.step,
      note,
      details: { fileCount: files.length },
    });
    return updated;
  });
}
