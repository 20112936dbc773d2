// Per-step time limits inside the total: the one-stop office's internal process (quy trình nội
// bộ) shares the working time between receipt and the due date among the steps, the way the
// processing control slip (phiếu kiểm soát quá trình giải quyết hồ sơ) lists a deadline for each
// hand-over. Each step's deadline is cumulative: forwarding ends by the first, the leader's
// approval by the application's due date.
import {
  addWorkingMinutes,
  DEFAULT_OFFICE_HOURS,
  type HolidayCalendar,
  type OfficeHours,
  workingMinutesBetween,
} from '../calendar/index.js';
import { STATUS, type Status, type Step } from './workflow.js';

/** The planned stages of an accepted application: the counter forwards it, then the handling steps. */
export const PLAN_STEPS = ['forwarding', 'assignment', 'proposal', 'review', 'approval'] as const;
export type PlanStep = (typeof PLAN_STEPS)[number];

/** Percent of the working time each stage gets; they add up to 100. */
export type StepShares = Record<PlanStep, number>;

/**
 * Default shares, after the internal processes provinces publish for a typical procedure: half a day
 * of ten to forward, half a day to assign, six days for the specialist, a day and a half each for
 * the head's review and the leader's signature.
 */
export const DEFAULT_STEP_SHARES: StepShares = {
  forwarding: 5,
  assignment: 5,
  proposal: 60,
  review: 15,
  approval: 15,
};

/** Each planned stage's deadline, as ISO-8601 instants. */
export type StepPlan = Partial<Record<PlanStep, string>>;

/** The stage an application stands at, or null when no stage runs (not accepted, paused, finished). */
export function planStepOf(status: Status, step: Step | null): PlanStep | null {
  if (status === STATUS.ACCEPTED) return 'forwarding';
  if (status === STATUS.IN_PROCESS) return step;
  return null;
}

/** The stage work resumes at after a pause: the step it stood at, or forwarding before it had one. */
export function resumeStepOf(step: Step | null): PlanStep {
  return step ?? 'forwarding';
}

/**
 * Shares the working time from `from` to `dueAt` among `start` and the stages after it, in
 * proportion to their shares; the last stage ends exactly at `dueAt`. A due date already passed
 * gives every remaining stage the due date.
 */
export function planSteps(
  from: Date,
  dueAt: Date,
  start: PlanStep,
  calendar: HolidayCalendar,
  office: OfficeHours = DEFAULT_OFFICE_HOURS,
  shares: StepShares = DEFAULT_STEP_SHARES,
): StepPlan {
  const stages = PLAN_STEPS.slice(PLAN_STEPS.indexOf(start));
  const total = Math.max(0, workingMinutesBetween(from, dueAt, calendar, office));
  const weight = stages.reduce((sum, stage) => sum + shares[stage], 0);
  const plan: StepPlan = {};
  let used = 0;
  stages.forEach((stage, index) => {
    used += shares[stage];
    const last = index === stages.length - 1;
    const at =
      last || total === 0 || weight === 0
        ? dueAt
        : addWorkingMinutes(from, Math.round((total * used) / weight), calendar, office);
    plan[stage] = (at.getTime() > dueAt.getTime() ? dueAt : at).toISOString();
  });
  return plan;
}

/** The deadline of the stage an application stands at, from its plan. */
export function stepDueAt(plan: StepPlan | null, status: Status, step: Step | null): Date | null {
  const stage = planStepOf(status, step);
  const at = stage && plan ? plan[stage] : undefined;
  return at ? new Date(at) : null;
}
