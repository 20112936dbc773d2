import type { Queryable } from '../../context.js';
import type { QueueScope } from '../applications/applications.repository.js';

/** Applications submitted in [from, to) on the officer's sides, oldest first. */
export async function listRegisterRows(db: Queryable, input: { scope: QueueScope; from: Date; to: Date }) {
  const { scope } = input;
  return db
    .selectFrom('applications as a')
    .innerJoin('procedures as p', 'p.id', 'a.procedure_id')
    .select([
      'a.code',
      'a.channel',
      'a.status',
      'a.applicant_name',
      'a.submitted_at',
      'a.received_at',
      'a.due_at',
      'a.finished_at',
      'a.returned_at',
      'p.name as procedure_name',
    ])
    .where('a.submitted_at', '>=', input.from)
    .where('a.submitted_at', '<', input.to)
    .where((eb) => {
      const sides = [];
      if (scope.receivingAgencyIds.length)
        sides.push(eb('a.receiving_agency_id', 'in', scope.receivingAgencyIds));
      if (scope.handlingAgencyIds.length)
        sides.push(eb('a.handling_agency_id', 'in', scope.handlingAgencyIds));
      if (scope.overseenUnitIds.length) sides.push(eb('a.receiving_unit_id', 'in', scope.overseenUnitIds));
      return sides.length ? eb.or(sides) : eb.val(false);
    })
    .orderBy('a.submitted_at')
    .limit(50_000)
    .execute();
}
