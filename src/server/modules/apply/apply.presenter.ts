// What the citizen's pages show: view models built from rows, never the rows themselves.
import { STATUS } from '../../../shared/applications/workflow.js';
import type { TComponent, TProcedureRecord, TTimeLimit } from '../../../shared/catalog/schema.js';
import type { ApplicationRow, listDocuments, listEvents } from '../applications/applications.repository.js';
import type { Counter } from './apply.service.js';

type EventRow = Awaited<ReturnType<typeof listEvents>>[number];
type DocumentRow = Awaited<ReturnType<typeof listDocuments>>[number];

export interface TimelineEntry {
  at: Date;
  action: string;
  status: number;
  /** Officers' notes are the applicant's to read (reasons, what to supplement); never on public pages. */
  note: string | null;
}

export type Awaiting =
  | { kind: 'reception' }
  | { kind: 'processing' }
  | { kind: 'supplement'; note: string | null; sent: boolean }
  | { kind: 'fee'; amountVnd: number | null }
  | { kind: 'withdrawal' }
  | { kind: 'collection' }
  | null;

export interface DocumentView {
  fileId: string;
  componentId: string;
  name: string;
  componentName: string | null;
  purpose: string;
  sizeBytes: number;
}

export interface ApplicationView {
  code: string;
  procedureCode: string;
  procedureName: string;
  status: number;
  version: number;
  channel: string;
  submittedAt: Date;
  receivedAt: Date | null;
  dueAt: Date | null;
  finishedAt: Date | null;
  timeLimit: TTimeLimit | null;
  onlineLevel: string | null;
  applicant: { fullName: string; phone: string; email: string | null; address: string | null };
  receivingAgency: string;
  counter: Counter | null;
  documents: DocumentView[];
  timeline: TimelineEntry[];
  awaiting: Awaiting;
  canWithdraw: boolean;
  canSupplement: boolean;
  results: string[];
}

/** What the application waits for now, from its status and the events that led there. */
export function awaitingOf(
  status: number,
  events: Pick<EventRow, 'action' | 'note' | 'details'>[],
): Awaiting {
  const last = (action: string) => [...events].reverse().find((e) => e.action === action);
  switch (status) {
    case STATUS.SUBMITTED:
      return { kind: 'reception' };
    case STATUS.ACCEPTED:
    case STATUS.IN_PROCESS:
      return { kind: 'processing' };
    case STATUS.SUPPLEMENT_REQUESTED: {
      const requested = [...events].reverse().findIndex((e) => e.action === 'request_supplement');
      const sent = [...events].reverse().findIndex((e) => e.action === 'supplement_submitted');
      return {
        kind: 'supplement',
        note: last('request_supplement')?.note ?? null,
        sent: sent !== -1 && (requested === -1 || sent < requested),
      };
    }
    case STATUS.FEE_DUE: {
      const details = last('request_fee')?.details as { amountVnd?: unknown } | undefined;
      return { kind: 'fee', amountVnd: typeof details?.amountVnd === 'number' ? details.amountVnd : null };
    }
    case STATUS.WITHDRAWAL_REQUESTED:
      return { kind: 'withdrawal' };
    case STATUS.DONE:
      return { kind: 'collection' };
    default:
      return null;
  }
}

export function presentTimeline(events: EventRow[], withNotes: boolean): TimelineEntry[] {
  return events.map((e) => ({
    at: e.at,
    action: e.action,
    status: e.to_status,
    note: withNotes ? e.note : null,
  }));
}

function componentName(components: TComponent[], id: string): string | null {
  return components.find((c) => c.id === id)?.name ?? null;
}

export function presentDocuments(documents: DocumentRow[], record: TProcedureRecord | null): DocumentView[] {
  const components = record?.components ?? [];
  return documents.map((d) => ({
    fileId: d.file_id,
    componentId: d.component_id,
    name: d.original_name,
    componentName: d.purpose === 'submission' ? componentName(components, d.component_id) : null,
    purpose: d.purpose,
    sizeBytes: d.size_bytes,
  }));
}

export function presentApplicationView(input: {
  application: ApplicationRow;
  details: {
    procedureName: string;
    receivingAgency: string;
    documents: DocumentRow[];
    events: EventRow[];
    allowedActions: string[];
  };
  record: TProcedureRecord | null;
  counter: Counter | null;
  isApplicant: boolean;
}): ApplicationView {
  const { application, details, record } = input;
  return {
    code: application.code,
    procedureCode: application.procedure_code,
    procedureName: details.procedureName,
    status: application.status,
    version: application.version,
    channel: application.channel,
    submittedAt: application.submitted_at,
    receivedAt: application.received_at,
    dueAt: application.due_at,
    finishedAt: application.finished_at,
    timeLimit: (application.time_limit as TTimeLimit | null) ?? null,
    onlineLevel: record?.onlineLevel ?? null,
    applicant: {
      fullName: application.applicant_name,
      phone: application.applicant_phone,
      email: application.applicant_email,
      address: application.applicant_address,
    },
    receivingAgency: details.receivingAgency,
    counter: input.counter,
    documents: presentDocuments(details.documents, record),
    timeline: presentTimeline(details.events, true),
    awaiting: awaitingOf(application.status, details.events),
    canWithdraw: input.isApplicant && details.allowedActions.includes('request_withdrawal'),
    canSupplement: input.isApplicant && application.status === STATUS.SUPPLEMENT_REQUESTED,
    results: record?.results ?? [],
  };
}

/** Public tracking: the status and its history, never a name, a number or an officer's note. */
export function presentPublicTracking(
  application: ApplicationRow,
  procedureName: string,
  events: EventRow[],
) {
  const awaiting = awaitingOf(application.status, events);
  return {
    code: application.code,
    procedureName,
    status: application.status,
    submittedAt: application.submitted_at,
    dueAt: application.due_at,
    awaiting:
      awaiting?.kind === 'supplement'
        ? { kind: 'supplement' as const, note: null, sent: awaiting.sent }
        : awaiting,
    timeline: presentTimeline(events, false),
  };
}
export type PublicTrackingView = ReturnType<typeof presentPublicTracking>;
