import { PLAN_STEPS, type StepPlan } from '../../../shared/applications/steps.js';
import type { Action } from '../../../shared/applications/workflow.js';
import type { ApplicationRow, listDocuments, listEvents } from './applications.repository.js';

/** Masks all but the last digits: personal numbers never leave whole where they need not. */
export function maskDigits(value: string, keep = 3): string {
  return value.length <= keep ? value : `${'•'.repeat(value.length - keep)}${value.slice(-keep)}`;
}

/** The plan with its stages in process order (JSONB keeps keys in its own order). */
function orderedPlan(plan: StepPlan | null): StepPlan | null {
  if (!plan) return null;
  return Object.fromEntries(PLAN_STEPS.filter((s) => plan[s]).map((s) => [s, plan[s]]));
}

export function presentSubmitted(application: ApplicationRow) {
  return {
    code: application.code,
    status: application.status,
    version: application.version,
    receivedAt: (application.received_at ?? application.submitted_at).toISOString(),
    ...(application.due_at ? { dueAt: application.due_at.toISOString() } : {}),
  };
}

export function presentApplication(
  application: ApplicationRow,
  extra: {
    procedureName: string;
    receivingAgency: string;
    handlingAgency: string | null;
    assignee: string | null;
    assisted: { by: string; team: string | null } | null;
    documents: Awaited<ReturnType<typeof listDocuments>>;
    events: Awaited<ReturnType<typeof listEvents>>;
    allowedActions: Action[];
  },
) {
  return {
    code: application.code,
    procedureCode: application.procedure_code,
    procedureName: extra.procedureName,
    channel: application.channel,
    status: application.status,
    step: application.step,
    version: application.version,
    submittedAt: application.submitted_at.toISOString(),
    receivedAt: application.received_at?.toISOString() ?? null,
    dueAt: application.due_at?.toISOString() ?? null,
    stepDueAt: application.step_due_at?.toISOString() ?? null,
    stepPlan: orderedPlan(application.step_plan as StepPlan | null),
    finishedAt: application.finished_at?.toISOString() ?? null,
    applicant: {
      fullName: application.applicant_name,
      idNumber: application.applicant_id_number,
      phone: application.applicant_phone,
      email: application.applicant_email,
    },
    receivingAgency: extra.receivingAgency,
    handlingAgency: extra.handlingAgency,
    assignee: extra.assignee,
    assisted: extra.assisted,
    formData: application.form_data as Record<string, unknown>,
    documents: extra.documents.map((d) => ({
      componentId: d.component_id,
      fileId: d.file_id,
      name: d.original_name,
      purpose: d.purpose,
    })),
    allowedActions: extra.allowedActions,
    events: extra.events.map((e) => ({
      at: e.at.toISOString(),
      action: e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      note: e.note,
    })),
  };
}

/** What anyone with the code and the verification digits may see: no personal data. */
export function presentTracking(
  application: ApplicationRow,
  procedureName: string,
  events: Awaited<ReturnType<typeof listEvents>>,
) {
  const last = [...events]
    .reverse()
    .find((e) => e.action === 'request_supplement' || e.action === 'request_fee');
  const awaiting =
    application.status === 5
      ? 'supplement'
      : application.status === 6
        ? 'fee'
        : application.status === 9
          ? 'collection'
          : null;
  return {
    code: application.code,
    procedureName,
    status: application.status,
    submittedAt: application.submitted_at.toISOString(),
    dueAt: application.due_at?.toISOString() ?? null,
    awaiting: awaiting && last?.note && awaiting !== 'collection' ? `${awaiting}: ${last.note}` : awaiting,
    timeline: events.map((e) => ({ at: e.at.toISOString(), status: e.to_status, action: e.action })),
  };
}
