import type { TCounterIntake } from '../../../shared/applications/intake.js';
import { STATUS } from '../../../shared/applications/workflow.js';
import { vietnamDate } from '../../../shared/clock.js';
import { AppError } from '../../../shared/errors.js';
import type { ActionContext, AppDeps } from '../../context.js';
import { appendAudit } from '../audit/audit.repository.js';
import { computeDueDate } from '../calendar/calendar.service.js';
import { defaultCaseComponents } from '../catalog/catalog.presenter.js';
import { findProcedureByCode } from '../catalog/catalog.repository.js';
import { findFiles } from '../files/files.repository.js';
import { findUnitIdsByCode } from '../units/units.repository.js';
import {
  type ApplicationRow,
  attachDocuments,
  findAgency,
  findAttachedFileIds,
  findCounterAgency,
  findProcedureHandlers,
  insertApplication,
  insertEvent,
  nextDailyNumber,
} from './applications.repository.js';
import { effectiveReceipt, planStagesFrom, receiptPrefix, timeLimitFor } from './applications.service.js';

export interface IntakeResult {
  decision: TCounterIntake['decision'];
  application: ApplicationRow | null;
  missing: { id: string; name: string }[];
}

/**
 * A counter officer receives an application in person. A complete file is accepted at once (status 2,
 * code, due date from the calendar); a refused one is recorded with its reasons (status 3); an
 * incomplete one gets the guidance slip and no application: no clock starts.
 */
export async function receiveAtCounter(
  deps: AppDeps,
  context: ActionContext,
  input: TCounterIntake,
): Promise<IntakeResult> {
  const actor = context.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const grant = actor.grants.find((g) => g.role === 'counter_officer' && g.unitId !== null);
  if (!grant) throw new AppError('FORBIDDEN');
  const procedure = await findProcedureByCode(deps.database.db, input.procedureCode);
  if (!procedure)
    throw new AppError('VALIDATION_FAILED', {
      fields: { procedureCode: { key: 'errors.PROCEDURE_NOT_FOUND' } },
    });
  if (procedure.status === 'retired') throw new AppError('PROCEDURE_RETIRED');
  const components = defaultCaseComponents(procedure.record);
  const unknown = input.checkedComponents.filter((id) => !components.some((c) => c.id === id));
  if (unknown.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      fields: { checkedComponents: { key: 'applications.errors.unknownComponent' } },
    });
  }
  const missing = components
    .filter((c) => c.required && !input.checkedComponents.includes(c.id))
    .map((c) => ({ id: c.id, name: c.name }));
  if (input.decision === 'incomplete') {
    await appendAudit(deps.database.db, context, deps.clock.now(), {
      action: 'counter.guidance',
      targetType: 'procedure',
      targetId: procedure.code,
      details: { missing: missing.map((m) => m.id) },
    });
    return { decision: 'incomplete', application: null, missing };
  }
  if (input.decision === 'accept' && missing.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      fields: {
        checkedComponents: {
          key: 'applications.errors.documentMissing',
          params: { name: missing.map((m) => m.name.slice(0, 80)).join('; ') },
        },
      },
    });
  }
  const note = input.note?.trim() ?? '';
  if (input.decision === 'refuse' && note.length < 5) {
    throw new AppError('VALIDATION_FAILED', {
      fields: { note: { key: 'applications.errors.reasonRequired' } },
    });
  }

  return deps.database.db.transaction().execute(async (tx) => {
    // The officer's own counter receives it; a commune-level procedure is handled by that commune.
    const receivingUnitId = grant.unitId!;
    const counter = grant.agencyId
      ? await findAgency(tx, grant.agencyId)
      : await findCounterAgency(tx, receivingUnitId);
    if (!counter?.has_counter) throw new AppError('FORBIDDEN');
    const handlers = (await findProcedureHandlers(tx, procedure.id)).filter((h) => h.role === 'implementing');
    const unitId = input.unitCode
      ? (await findUnitIdsByCode(tx, [input.unitCode])).get(input.unitCode)
      : receivingUnitId;
    const handler =
      handlers.find((h) => h.unit_id === unitId) ??
      handlers.find((h) => h.unit_id === receivingUnitId) ??
      null;

    const files = await findFiles(
      tx,
      input.documents.map((d) => d.fileId),
    );
    const attached = await findAttachedFileIds(
      tx,
      input.documents.map((d) => d.fileId),
    );
    if (
      files.length !== input.documents.length ||
      files.some((f) => f.owner_id !== actor.userId || attached.has(f.id))
    ) {
      throw new AppError('VALIDATION_FAILED', {
        fields: { documents: { key: 'applications.errors.fileNotUsable' } },
      });
    }
    const now = deps.clock.now();
    const prefix = receiptPrefix(counter);
    const day = vietnamDate(now).slice(2).replaceAll('-', '');
    const sequence = await nextDailyNumber(tx, prefix, day);
    if (sequence > 9999) throw new AppError('SERVICE_UNAVAILABLE');
    const limit = timeLimitFor(procedure.record, 'direct');
    const accepted = input.decision === 'accept';
    let receivedAt: Date | null = null;
    let dueAt: Date | null = null;
    if (accepted) {
      if (limit) {
        const deadline = await computeDueDate(
          deps,
          { receivedAt: now, unit: limit.unit, ...(limit.amount === null ? {} : { amount: limit.amount }) },
          { db: tx },
        );
        receivedAt = deadline.effectiveReceivedAt;
        dueAt = deadline.dueAt;
      } else {
        receivedAt = await effectiveReceipt(deps, tx, now);
      }
    }
    const status = accepted ? STATUS.ACCEPTED : STATUS.REFUSED;
    const plan = receivedAt && dueAt ? await planStagesFrom(deps, tx, receivedAt, dueAt, 'forwarding') : null;
    const application = await insertApplication(tx, {
      code: `${prefix}-${day}-${String(sequence).padStart(4, '0')}`,
      procedure_id: procedure.id,
      procedure_code: procedure.code,
      procedure_version: procedure.version,
      case_id: procedure.record.cases[0]?.id ?? null,
      channel: 'direct',
      status,
      step: null,
      receiving_unit_id: receivingUnitId,
      receiving_agency_id: counter.id,
      handling_unit_id: handler?.unit_id ?? null,
      handling_agency_id: handler?.id ?? null,
      applicant_user_id: null,
      applicant_name: input.applicant.fullName,
      applicant_id_number: input.applicant.idNumber,
      applicant_phone: input.applicant.phone,
      applicant_email: input.applicant.email ?? null,
      applicant_address: input.applicant.address ?? null,
      form_data: JSON.stringify(input.formData),
      submitted_at: now,
      received_at: receivedAt,
      due_at: dueAt,
      finished_at: accepted ? null : now,
      time_limit: JSON.stringify(limit),
      clock_mode: procedure.record.supplementClock,
      step_plan: plan ? JSON.stringify(plan) : null,
      step_due_at: plan?.forwarding ? new Date(plan.forwarding) : null,
      submitter_id: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await attachDocuments(tx, application.id, input.documents, 'submission', now);
    await insertEvent(tx, {
      applicationId: application.id,
      at: now,
      actorId: actor.userId,
      actorRole: 'counter_officer',
      action: accepted ? 'accept' : 'refuse',
      fromStatus: null,
      toStatus: status,
      fromStep: null,
      toStep: null,
      toAgencyId: counter.id,
      note: note || null,
      details: {
        channel: 'direct',
        checkedComponents: input.checkedComponents,
        ...(plan?.forwarding ? { stepDueAt: plan.forwarding } : {}),
      },
    });
    return { decision: input.decision, application, missing };
  });
}
