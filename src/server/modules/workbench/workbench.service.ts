import type { Queue, TWorkbenchQuery } from '../../../shared/applications/workbench.js';
import { QUEUES } from '../../../shared/applications/workbench.js';
import { addWorkingMinutes, classifyInProgress } from '../../../shared/calendar/index.js';
import { vietnamDate } from '../../../shared/clock.js';
import { AppError } from '../../../shared/errors.js';
import type { Actor, AppDeps } from '../../context.js';
import {
  countQueues,
  findAgencyIdsOfUnits,
  findCounterAgencyIds,
  findDescendantUnitIds,
  listQueue,
  listSpecialistsOf,
  listTransferAgencies,
  type QueueScope,
} from '../applications/applications.repository.js';
import { loadCalendarSettings, loadWorkingCalendar } from '../calendar/calendar.service.js';
import { storedRecord } from '../catalog/catalog.repository.js';
import { findProcedureRecord } from '../payments/payments.repository.js';

const MINUTES_PER_WORKING_DAY = 8 * 60;

export interface ActionChoices {
  /** Who the head may assign to (the handling agency's specialists). */
  specialists: { username: string; fullName: string }[];
  /** Where it may be transferred (every other agency), grouped by kind on the page. */
  agencies: { code: string; name: string; kind: string }[];
  /** The fees the catalogue lists for the procedure on the application's channel (for "fee due"). */
  fees: { amountVnd: number; description: string | null }[];
}

/** The choices the action forms offer, read only for the actions the officer may take now. */
export async function actionChoices(
  deps: AppDeps,
  application: { handling_agency_id: number | null; procedure_id: number; channel: string },
  allowedActions: readonly string[],
): Promise<ActionChoices> {
  const db = deps.database.db;
  const specialists = allowedActions.includes('assign')
    ? (await listSpecialistsOf(db, application.handling_agency_id)).map((u) => ({
        username: u.username,
        fullName: u.full_name,
      }))
    : [];
  const agencies = allowedActions.includes('transfer')
    ? await listTransferAgencies(db, application.handling_agency_id)
    : [];
  const fees = allowedActions.includes('request_fee') ? await catalogueFees(deps, application) : [];
  return { specialists, agencies, fees };
}

/** The procedure's fees above zero on the application's channel, else on any channel, as the catalogue lists them. */
async function catalogueFees(
  deps: AppDeps,
  application: { procedure_id: number; channel: string },
): Promise<ActionChoices['fees']> {
  const procedure = await findProcedureRecord(deps.database.db, application.procedure_id);
  if (!procedure) return [];
  const channels = storedRecord(procedure.record).channels;
  const own = channels.filter((c) => c.kind === application.channel);
  const listed = (own.some((c) => c.fees.length > 0) ? own : channels).flatMap((c) => c.fees);
  const seen = new Set<number>();
  return listed.flatMap((fee) => {
    if (fee.amountVnd === null || fee.amountVnd <= 0 || seen.has(fee.amountVnd)) return [];
    seen.add(fee.amountVnd);
    return [{ amountVnd: fee.amountVnd, description: fee.description }];
  });
}

/** Which applications an officer's roles reach: counters received at, agencies handled in, units overseen. */
export async function workbenchScope(deps: AppDeps, actor: Actor | null): Promise<QueueScope> {
  const staff =
    actor?.grants.filter((g) => g.role !== 'citizen' && g.role !== 'team_member' && g.unitId !== null) ?? [];
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (staff.length === 0) throw new AppError('FORBIDDEN');
  const db = deps.database.db;
  const scope: QueueScope = {
    receivingAgencyIds: [],
    handlingAgencyIds: [],
    overseenUnitIds: [],
    userId: actor.userId,
  };
  for (const grant of staff) {
    const unitId = grant.unitId!;
    if (grant.role === 'counter_officer') {
      scope.receivingAgencyIds.push(
        ...(grant.agencyId ? [grant.agencyId] : await findCounterAgencyIds(db, [unitId])),
      );
    } else if (grant.role === 'specialist' || grant.role === 'unit_head') {
      scope.handlingAgencyIds.push(
        ...(grant.agencyId ? [grant.agencyId] : await findAgencyIdsOfUnits(db, [unitId])),
      );
    } else {
      scope.overseenUnitIds.push(
        ...(await findDescendantUnitIds(db, [unitId], vietnamDate(deps.clock.now()))),
      );
    }
  }
  return scope;
}

async function thresholds(deps: AppDeps) {
  const now = deps.clock.now();
  const calendar = await loadWorkingCalendar(deps);
  const settings = await loadCalendarSettings(deps);
  const minutes =
    settings.dueSoon.unit === 'working_days'
      ? settings.dueSoon.amount * MINUTES_PER_WORKING_DAY
      : settings.dueSoon.amount * 60;
  return {
    now,
    calendar,
    settings,
    dueSoonBefore: addWorkingMinutes(now, minutes, calendar, settings.officeHours),
  };
}

/** How many applications wait in each queue (one statement), for the queue tabs and the site header. */
export async function queueCounts(deps: AppDeps, actor: Actor | null): Promise<Record<Queue, number>> {
  const scope = await workbenchScope(deps, actor);
  const { now, dueSoonBefore } = await thresholds(deps);
  return countQueues(deps.database.db, { scope, now, dueSoonBefore, queues: QUEUES });
}

/** One page of a queue, each item with its deadline standing (on time, due soon, overdue). */
export async function listWorkbench(deps: AppDeps, actor: Actor | null, query: TWorkbenchQuery) {
  const scope = await workbenchScope(deps, actor);
  const { now, calendar, settings, dueSoonBefore } = await thresholds(deps);
  const result = await listQueue(deps.database.db, {
    queue: query.queue,
    scope,
    now,
    dueSoonBefore,
    q: query.q || undefined,
    status: query.status,
    procedureCode: query.procedure,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const items = result.items.map((item) => ({
    ...item,
    progress:
      item.due_at && [2, 4, 6].includes(item.status)
        ? classifyInProgress(
            { now, dueAt: item.due_at, threshold: settings.dueSoon },
            calendar,
            settings.officeHours,
          )
        : null,
    // The stage's own deadline inside the total: late at its step while the whole may still be in time.
    stepLate: item.step_due_at !== null && item.step_due_at.getTime() < now.getTime(),
  }));
  return { items, total: result.total };
}
