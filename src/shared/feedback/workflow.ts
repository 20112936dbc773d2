// The life of a feedback item (phản ánh, kiến nghị), one table shared by the server (which refuses any
// other action with 409) and the staff pages (which draw only the allowed forms).
//
//   received --triage--> triaged --triage--> triaged (moved on to another unit or agency)
//   received|triaged --answer--> answered (the answer, upheld or not; published if the sender agreed)
//   received|triaged --close--> closed (dismissed without an answer: duplicate, not a feedback...)

export const FEEDBACK_STATUSES = ['received', 'triaged', 'answered', 'closed'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const FEEDBACK_ACTIONS = ['triage', 'answer', 'close'] as const;
export type FeedbackAction = (typeof FEEDBACK_ACTIONS)[number];

export const ALLOWED_FEEDBACK_ACTIONS = {
  received: ['triage', 'answer', 'close'],
  triaged: ['triage', 'answer', 'close'],
  answered: [],
  closed: [],
} as const satisfies Record<FeedbackStatus, readonly FeedbackAction[]>;

/** Where each action leads. */
export const FEEDBACK_ACTION_TARGET = {
  triage: 'triaged',
  answer: 'answered',
  close: 'closed',
} as const satisfies Record<FeedbackAction, FeedbackStatus>;

/** Who may take each action, within the units they serve (see the service for the scope rule). */
export const FEEDBACK_ACTION_ROLES = {
  triage: ['counter_officer', 'specialist', 'unit_head', 'signing_leader', 'administrator'],
  answer: ['specialist', 'unit_head', 'signing_leader', 'administrator'],
  close: ['unit_head', 'signing_leader', 'administrator'],
} as const satisfies Record<FeedbackAction, readonly string[]>;

/** The statuses in which the time limit runs (the item still waits for its answer). */
export const FEEDBACK_OPEN_STATUSES = ['received', 'triaged'] as const satisfies readonly FeedbackStatus[];

export function isFeedbackOpen(status: FeedbackStatus): boolean {
  return (FEEDBACK_OPEN_STATUSES as readonly FeedbackStatus[]).includes(status);
}

export function feedbackActionAllowed(status: FeedbackStatus, action: FeedbackAction): boolean {
  return (ALLOWED_FEEDBACK_ACTIONS[status] as readonly FeedbackAction[]).includes(action);
}

/** GeoReport v2 knows two statuses: open while the item waits, closed once answered or dismissed. */
export const OPEN311_STATUS = {
  received: 'open',
  triaged: 'open',
  answered: 'closed',
  closed: 'closed',
} as const satisfies Record<FeedbackStatus, 'open' | 'closed'>;
