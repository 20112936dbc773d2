// The online payment group of the national service index (Decision 766/QĐ-TTg, group 4, 10 points),
// computed from the payments tables for the statistics module (modules/stats), which scores it:
//
//   procedures_paid_online   fee-charging procedures in the unit's remit with at least one payment
//                            confirmed by the gateway in the period / fee-charging procedures in remit
//   applications_paid_online applications of the period of fee-charging procedures, less those whose
//                            fees came to zero, that were paid online and credited / those applications
//
// A procedure charges a fee when its catalogue record lists an amount above zero on any channel. An
// application's fees came to zero when it was exempted, or when its own channel lists no fee above
// zero, no officer asked for one and nothing was paid (say, free when submitted online). "Of the
// period": received (or, not yet received, submitted) between its first and last day.
// Online payment counts only once the platform uses it: before any payment attempt exists, the group
// stays "not applicable" (null here) rather than scoring zero.
import type { Queryable } from '../../context.js';
import { anyPayment, countFeeApplications, countFeeProcedures } from './payments.repository.js';

export interface OnlinePaymentFigures {
  proceduresCharging: number;
  proceduresPaidOnline: number;
  applicationsCharged: number;
  applicationsPaidOnline: number;
}

export async function onlinePaymentFigures(
  db: Queryable,
  input: {
    /** The units counted (a unit with or without everything below it). */
    unitIds: number[];
    /** The procedures in the unit's remit (the statistics' own list). */
    remitProcedureIds: number[];
    /** A procedure filter, when the figures are for some procedures only. */
    procedureIds: number[] | null;
    channel: string | null;
    start: Date;
    end: Date;
  },
): Promise<OnlinePaymentFigures | null> {
  if (!(await anyPayment(db))) return null;
  const remit = input.procedureIds
    ? input.remitProcedureIds.filter((id) => input.procedureIds!.includes(id))
    : input.remitProcedureIds;
  const [procedures, applications] = await Promise.all([
    countFeeProcedures(db, {
      procedureIds: remit,
      unitIds: input.unitIds,
      start: input.start,
      end: input.end,
    }),
    countFeeApplications(db, input),
  ]);
  return {
    proceduresCharging: procedures.charging,
    proceduresPaidOnline: procedures.paidOnline,
    applicationsCharged: applications.charged,
    applicationsPaidOnline: applications.paidOnline,
  };
}
