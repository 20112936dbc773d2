import { describe, expect, it } from 'vitest';
import {
  ACTION_ROLES,
  ACTIONS,
  ALLOWED_ACTIONS,
  actionsFor,
  isAllowed,
  NEXT_STATUS,
  nextStep,
  STATUS,
  STATUSES,
  STEP_ACTIONS,
  STEPS,
} from './workflow.js';

describe('the workflow table', () => {
  it('lists every one of the national portal statuses, 1 to 10', () => {
    expect(STATUSES).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(Object.keys(ALLOWED_ACTIONS).map(Number)).toEqual(STATUSES);
  });

  it('lets nothing happen to a refused, stopped or returned application', () => {
    for (const status of [STATUS.REFUSED, STATUS.STOPPED, STATUS.RETURNED]) {
      for (const step of [null, ...STEPS]) expect(actionsFor(status, step)).toEqual([]);
    }
  });

  it('follows the reception, processing and return path of the portal', () => {
    expect(NEXT_STATUS.accept(1)).toBe(2);
    expect(NEXT_STATUS.refuse(1)).toBe(3);
    expect(NEXT_STATUS.forward(2)).toBe(4);
    expect(NEXT_STATUS.request_supplement(4)).toBe(5);
    expect(NEXT_STATUS.receive_supplement(5)).toBe(4);
    expect(NEXT_STATUS.request_fee(4)).toBe(6);
    expect(NEXT_STATUS.record_fee_paid(6)).toBe(4);
    expect(NEXT_STATUS.exempt_fee(6)).toBe(4);
    expect(NEXT_STATUS.request_withdrawal(4)).toBe(7);
    expect(NEXT_STATUS.stop(7)).toBe(8);
    expect(NEXT_STATUS.approve(4)).toBe(9);
    expect(NEXT_STATUS.return_result(9)).toBe(10);
  });

  it('walks a handling unit through assignment, proposal, review and approval', () => {
    let step = nextStep('forward', null) ?? null;
    expect(step).toBe('assignment');
    for (const [action, expected] of [
      ['assign', 'proposal'],
      ['propose', 'review'],
      ['review', 'approval'],
    ] as const) {
      expect(isAllowed(4, step, action)).toBe(true);
      step = nextStep(action, step) ?? null;
      expect(step).toBe(expected);
    }
    expect(isAllowed(4, 'approval', 'approve')).toBe(true);
    expect(nextStep('send_back', 'approval')).toBe('review');
    expect(nextStep('send_back', 'review')).toBe('proposal');
  });

  it('refuses actions out of order: no approval before review, no proposal at approval', () => {
    expect(isAllowed(4, 'proposal', 'approve')).toBe(false);
    expect(isAllowed(4, 'approval', 'propose')).toBe(false);
    expect(isAllowed(1, null, 'approve')).toBe(false);
    expect(isAllowed(9, null, 'accept')).toBe(false);
  });

  it('gives every action at least one status, at least one role, and a next status', () => {
    for (const action of ACTIONS) {
      expect(
        STATUSES.some((s) => (ALLOWED_ACTIONS[s] as readonly string[]).includes(action)),
        action,
      ).toBe(true);
      expect(ACTION_ROLES[action].length, action).toBeGreaterThan(0);
      expect(typeof NEXT_STATUS[action]).toBe('function');
    }
  });

  it('keeps every step action within what status 4 allows', () => {
    for (const step of STEPS) {
      for (const action of STEP_ACTIONS[step])
        expect(ALLOWED_ACTIONS[4] as readonly string[]).toContain(action);
    }
  });
});
