// The life of an application: the national portal's ten statuses, and for each the actions that may
// happen next. The server refuses anything else (409) and the pages draw their buttons from here.

/** Status codes of the national portal. */
export const STATUS = {
  SUBMITTED: 1, // Mới đăng ký: submitted online, awaiting reception
  ACCEPTED: 2, // Được tiếp nhận: due date fixed, receipt issued
  REFUSED: 3, // Không được tiếp nhận
  IN_PROCESS: 4, // Đang xử lý
  SUPPLEMENT_REQUESTED: 5, // Yêu cầu bổ sung
  FEE_DUE: 6, // Yêu cầu thực hiện nghĩa vụ tài chính
  WITHDRAWAL_REQUESTED: 7, // Công dân yêu cầu rút hồ sơ
  STOPPED: 8, // Dừng xử lý
  DONE: 9, // Đã xử lý xong
  RETURNED: 10, // Đã trả kết quả
} as const;
export type Status = (typeof STATUS)[keyof typeof STATUS];
export const STATUSES = Object.values(STATUS) as Status[];

/** Where an application in process stands inside its handling unit. */
export const STEPS = ['assignment', 'proposal', 'review', 'approval'] as const;
export type Step = (typeof STEPS)[number];

export const ACTIONS = [
  'accept',
  'refuse',
  'forward',
  'assign',
  'propose',
  'review',
  'approve',
  'send_back',
  'transfer',
  'request_supplement',
  'receive_supplement',
  'request_fee',
  'record_fee_paid',
  'exempt_fee',
  'request_withdrawal',
  'stop',
  'return_result',
  'issue_apology',
] as const;
export type Action = (typeof ACTIONS)[number];

/** The one table: what may happen in each status. */
export const ALLOWED_ACTIONS = {
  1: ['accept', 'refuse', 'request_withdrawal'],
  2: ['forward', 'request_withdrawal', 'issue_apology'],
  3: [],
  4: [
    'assign',
    'propose',
    'review',
    'approve',
    'send_back',
    'transfer',
    'request_supplement',
    'request_fee',
    'request_withdrawal',
    'issue_apology',
  ],
  5: ['receive_supplement', 'request_withdrawal', 'issue_apology'],
  6: ['record_fee_paid', 'exempt_fee', 'request_withdrawal', 'issue_apology'],
  7: ['stop'],
  8: [],
  9: ['return_result'],
  10: [],
} as const satisfies Record<Status, readonly Action[]>;

/** Inside status 4, the step decides which processing actions apply. */
export const STEP_ACTIONS = {
  assignment: ['assign', 'transfer', 'request_supplement', 'request_fee'],
  proposal: ['propose', 'send_back', 'transfer', 'request_supplement', 'request_fee'],
  review: ['review', 'send_back', 'request_supplement'],
  approval: ['approve', 'send_back'],
} as const satisfies Record<Step, readonly Action[]>;

/** Actions a citizen (the applicant) takes; all others are officers'. */
export const CITIZEN_ACTIONS: readonly Action[] = ['request_withdrawal'];

/** Officer roles that may take each officer action (unit scope is checked separately). */
export const ACTION_ROLES = {
  accept: ['counter_officer'],
  refuse: ['counter_officer'],
  forward: ['counter_officer'],
  assign: ['unit_head'],
  propose: ['specialist'],
  review: ['unit_head'],
  approve: ['signing_leader'],
  send_back: ['unit_head', 'signing_leader'],
  transfer: ['unit_head', 'specialist'],
  request_supplement: ['specialist', 'unit_head'],
  receive_supplement: ['counter_officer', 'specialist'],
  request_fee: ['specialist', 'unit_head'],
  record_fee_paid: ['counter_officer'],
  exempt_fee: ['counter_officer', 'unit_head'],
  request_withdrawal: ['counter_officer'],
  stop: ['unit_head', 'signing_leader', 'counter_officer'],
  return_result: ['counter_officer'],
  issue_apology: ['unit_head', 'signing_leader'],
} as const satisfies Record<Action, readonly string[]>;

/** The status an action leads to (the same status when it only moves the step or records a fact). */
export const NEXT_STATUS: Record<Action, (from: Status) => Status> = {
  accept: () => STATUS.ACCEPTED,
  refuse: () => STATUS.REFUSED,
  forward: () => STATUS.IN_PROCESS,
  assign: (s) => s,
  propose: (s) => s,
  review: (s) => s,
  approve: () => STATUS.DONE,
  send_back: (s) => s,
  transfer: (s) => s,
  request_supplement: () => STATUS.SUPPLEMENT_REQUESTED,
  receive_supplement: () => STATUS.IN_PROCESS,
  request_fee: () => STATUS.FEE_DUE,
  record_fee_paid: () => STATUS.IN_PROCESS,
  exempt_fee: () => STATUS.IN_PROCESS,
  request_withdrawal: () => STATUS.WITHDRAWAL_REQUESTED,
  stop: () => STATUS.STOPPED,
  return_result: () => STATUS.RETURNED,
  issue_apology: (s) => s,
};

/** The step after an action inside a handling unit; undefined leaves it as it is. */
export function nextStep(action: Action, step: Step | null): Step | null | undefined {
  switch (action) {
    case 'forward':
    case 'transfer':
      return 'assignment';
    case 'assign':
      return 'proposal';
    case 'propose':
      return 'review';
    case 'review':
      return 'approval';
    case 'send_back':
      return step === 'approval' ? 'review' : step === 'review' ? 'proposal' : 'assignment';
    case 'approve':
      return null;
    default:
      return undefined;
  }
}

/** Statuses in which the legal clock runs, stands still, or is over. */
export const CLOCK_RUNNING: readonly Status[] = [2, 4, 6];
export const CLOCK_PAUSED: readonly Status[] = [5, 7];
export const FINISHED: readonly Status[] = [3, 8, 9, 10];

/** The actions the status and step allow, before any question of who asks. */
export function actionsFor(status: Status, step: Step | null): Action[] {
  const byStatus: readonly Action[] = ALLOWED_ACTIONS[status];
  if (status !== STATUS.IN_PROCESS) return [...byStatus];
  const byStep: readonly Action[] = step ? STEP_ACTIONS[step] : [];
  return byStatus.filter((a) => byStep.includes(a) || a === 'request_withdrawal' || a === 'issue_apology');
}

export function isAllowed(status: Status, step: Step | null, action: Action): boolean {
  return actionsFor(status, step).includes(action);
}

export function isStatus(value: unknown): value is Status {
  return typeof value === 'number' && (STATUSES as number[]).includes(value);
}

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && (ACTIONS as readonly string[]).includes(value);
}
