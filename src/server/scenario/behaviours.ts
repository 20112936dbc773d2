// What the Mộc Châu scenario is made of: how citizens and officers behave, never the figures the
// statistics pages should show. The run (scenario.ts) draws every application, channel and delay from
// these rates with a fixed seed; the figures (received, online rate, processed, in process,
// evaluations) are whatever the real service functions and the statistics roll-ups make of them.
import type { EvaluationLevel } from '../../shared/evaluations/schema.js';

export type ProcedureLevel = 'district' | 'commune' | 'vertical';
export type OnlineLevel = 'full' | 'partial' | 'none';

/** A delay before someone acts, in working minutes: lognormal around `median`, never above `max`. */
export interface Delay {
  median: number;
  /** The spread of the lognormal (sigma of its logarithm). */
  spread: number;
  max: number;
}

export interface ScenarioBehaviours {
  /** First day simulated and the day after the last one (Vietnam dates). */
  period: { from: string; to: string };
  /** The seed of every random draw: the same seed makes the same six months. */
  seed: number;
  /** Applications a normal working day brings to the whole town, by the level that handles them. */
  arrivalsPerWorkingDay: Record<ProcedureLevel, number>;
  /** Online submissions on a weekend or holiday, as a share of a working day's. */
  dayOffOnlineShare: number;
  /** How demand rises through the half-year (January's rate × this by June), linearly. */
  growthByEnd: number;
  /** Popularity of procedures within a level: Zipf's law with this exponent over a seeded order. */
  popularityExponent: number;
  /**
   * How much more a procedure is asked for, by its online level: the procedures in most demand (civil
   * status, certification, residence) are those the province put online first.
   */
  demandWeight: Record<OnlineLevel, number>;
  /** Of the applications for a procedure, the share citizens submit online, by its online level. */
  onlineShare: Record<OnlineLevel, number>;
  /** Of online submissions for a ward or commune, the share a community digital team member makes. */
  assistedShare: number;
  /** Online submissions the counter refuses (wrong place, not the procedure they needed). */
  refusedShare: number;
  /** Received applications the applicant withdraws before a decision. */
  withdrawnShare: number;
  /** Applications the specialist finds incomplete and asks to be supplemented. */
  supplementShare: number;
  /** Calendar days before the applicant brings the missing papers: uniform between. */
  supplementDays: [number, number];
  /** Delays before each officer acts on an application waiting for them. */
  delays: {
    accept: Delay;
    forward: Delay;
    assign: Delay;
    review: Delay;
    approve: Delay;
  };
  /** The specialist proposes after this share of the working time left before the due date: uniform. */
  proposeShareOfRemaining: [number, number];
  /** Applications without a time limit get this many working minutes to be proposed. */
  noLimitMinutes: number;
  /** Calendar days between the decision and the applicant collecting the result: uniform. */
  collectDays: [number, number];
  /** Of the applicants who collect their result, the share who fill in an evaluation form. */
  evaluationShare: number;
  /** How evaluators answer each criterion. */
  ratings: Record<EvaluationLevel, number>;
  /** Of the applicants, the share who also send feedback (a recommendation) about the procedure. */
  feedbackShare: number;
  /** Citizens with an account who submit online (each submits many applications over the period). */
  citizenAccounts: number;
}

/**
 * Mộc Châu in the first half of 2025, as the article describes its people and offices: most demand is
 * at the wards and communes (civil status, certification), the town's divisions take land, business and
 * construction, vertical agencies (police, social insurance) the rest; citizens submit online where the
 * procedure allows it, helped by the community digital teams; officers act within hours, specialists
 * within the time limit; few complain; a few percent of those collecting a result fill in the form,
 * satisfied.
 */
export const MOC_CHAU_BEHAVIOURS: ScenarioBehaviours = {
  period: { from: '2025-01-01', to: '2025-07-01' },
  seed: 20_250_101,
  arrivalsPerWorkingDay: { commune: 257.5, district: 125, vertical: 40 },
  dayOffOnlineShare: 0.25,
  growthByEnd: 1.1,
  popularityExponent: 1.05,
  demandWeight: { full: 6, partial: 3, none: 1 },
  onlineShare: { full: 0.94, partial: 0.82, none: 0 },
  assistedShare: 0.18,
  refusedShare: 0.012,
  withdrawnShare: 0.0006,
  supplementShare: 0.02,
  supplementDays: [1, 6],
  delays: {
    accept: { median: 45, spread: 0.9, max: 480 },
    forward: { median: 20, spread: 0.8, max: 240 },
    assign: { median: 40, spread: 0.9, max: 480 },
    review: { median: 45, spread: 0.8, max: 480 },
    approve: { median: 60, spread: 0.8, max: 480 },
  },
  proposeShareOfRemaining: [0.02, 0.53],
  noLimitMinutes: 3 * 480,
  collectDays: [0, 4],
  evaluationShare: 0.037,
  ratings: { very_satisfied: 0.72, satisfied: 0.28, not_satisfied: 0 },
  feedbackShare: 0.0015,
  citizenAccounts: 400,
};
