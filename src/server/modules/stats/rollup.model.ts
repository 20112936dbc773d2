// The shapes the roll-up works with: counters, facts, states, deltas (shared by the writer, its SQL
// and the verifier).
import type { LatenessStep, StatChannel } from '../../../shared/stats/definitions.js';

/** Counters of stat_counts, as its columns are named. */
export const COUNTERS = [
  'submitted',
  'received',
  'received_full_online',
  'received_digitised',
  'refused',
  'withdrawn_before_receipt',
  'processed',
  'processed_early',
  'processed_on_time',
  'processed_late',
  'handling_seconds',
  'stopped',
  'returned',
  'returned_electronic',
  'transferred_in',
  'transferred_out',
  'in_process_delta',
  'late_delta',
  'went_late',
  // Written by the evaluations trigger (migrations/0010_statistics.sql), never by the transition.
  'evaluations',
  'evaluations_very_satisfied',
  'evaluations_satisfied',
  'evaluations_not_satisfied',
] as const;
export type Counter = (typeof COUNTERS)[number];

export const OFFICER_COUNTERS = ['received', 'assigned', 'processed', 'processed_late', 'returned'] as const;
export type OfficerCounter = (typeof OFFICER_COUNTERS)[number];

/** What one event left the application looking like, with the application's fixed columns. */
export interface StatFact {
  eventId: number;
  applicationId: number;
  at: Date;
  action: string;
  actorId: number | null;
  status: number;
  step: string | null;
  dueAt: Date | null;
  receivedAt: Date | null;
  pausedAt: Date | null;
  handlingUnitId: number | null;
  handlingAgencyId: number | null;
  assigneeId: number | null;
  electronicResult: boolean;
  hasDocuments: boolean;
  fullOnline: boolean;
  /** Derived: the state's lateFrom after this event (written with the fact, recomputed by a rebuild). */
  lateFrom?: string | null;
  procedureId: number;
  channel: StatChannel;
  receivingUnitId: number;
  receivingAgencyId: number;
}

export interface Dims {
  unitId: number;
  agencyId: number;
  procedureId: number;
  channel: StatChannel;
}

export interface Holder {
  step: LatenessStep;
  unitId: number;
  agencyId: number;
  userId: number | null;
}

/** The statistical state of an application after its last event (a row of stat_app_state). */
export interface StatState {
  applicationId: number;
  lastEventId: number;
  procedureId: number;
  channel: StatChannel;
  unitId: number;
  agencyId: number;
  status: number;
  received: boolean;
  receivedAt: Date | null;
  receivedBy: number | null;
  fullOnline: boolean;
  inProcess: boolean;
  dueAt: Date | null;
  /** First day at whose end it counts as in process past deadline (may be scheduled ahead); null: not counting. */
  lateFrom: string | null;
  holder: Holder | null;
  pausedSince: Date | null;
  pausedSeconds: number;
  enteredAt: Date | null;
  leftAt: Date | null;
}

export interface CountDelta extends Dims {
  day: string;
  counter: Counter;
  n: number;
}

export interface OfficerDelta {
  day: string;
  unitId: number;
  agencyId: number;
  userId: number;
  counter: OfficerCounter;
  n: number;
}

export interface LateOccurrence {
  applicationId: number;
  at: Date;
  day: string;
  step: LatenessStep;
  unitId: number;
  agencyId: number;
  userId: number | null;
  procedureId: number;
  channel: StatChannel;
}

export interface Transition {
  state: StatState;
  counts: CountDelta[];
  officer: OfficerDelta[];
  /** Scheduled lateness of this application at or after this moment is cancelled. */
  cancelScheduledFrom: Date | null;
  occurrence: LateOccurrence | null;
}

export const ALL_TIME = '1970-01-01';

export interface CountRow {
  grain: 'day' | 'month' | 'all';
  period: string;
  unitId: number;
  agencyId: number;
  procedureId: number;
  channel: StatChannel;
  values: Partial<Record<Counter, number>>;
}

export interface OfficerRow {
  grain: 'day' | 'month';
  period: string;
  unitId: number;
  userId: number;
  agencyId: number;
  values: Partial<Record<OfficerCounter, number>>;
}
