import type { listWorkbench } from './workbench.service.js';

type Item = Awaited<ReturnType<typeof listWorkbench>>['items'][number];

export function presentWorkbenchItem(item: Item) {
  return {
    code: item.code,
    procedureCode: item.procedure_code,
    procedureName: item.procedure_name,
    applicantName: item.applicant_name,
    status: item.status,
    step: item.step,
    version: item.version,
    channel: item.channel,
    submittedAt: item.submitted_at.toISOString(),
    dueAt: item.due_at?.toISOString() ?? null,
    progress: item.progress,
    stepDueAt: item.step_due_at?.toISOString() ?? null,
    stepLate: item.stepLate,
  };
}
