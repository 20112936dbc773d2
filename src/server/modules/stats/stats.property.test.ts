// Property: on any workload (random applications moved through random allowed actions by the right
// officers at random moments, through the real services), the roll-ups equal a recomputation from the
// raw events, and so do the summaries read from them, for any unit and period.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import type { TApplicationAction } from '../../../shared/applications/schema.js';
import { type Action, actionsFor, type Status, type Step } from '../../../shared/applications/workflow.js';
import { addDays } from '../../../shared/calendar/index.js';
import { FixedClock, vietnamDate } from '../../../shared/clock.js';
import { isAppError } from '../../../shared/errors.js';
import { createAgency, createUser } from '../../seed/factories.js';
import { findApplicationByCode } from '../applications/applications.repository.js';
import {
  act,
  createStatsWorld,
  intake,
  resultFile,
  type StatsWorld,
  submitOnline,
} from './stats.fixtures.js';
import { summary } from './stats.service.js';
import { compareWithRollups, recompute } from './stats.verify.js';

type User = { id: number; username: string };

const command = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('new' as const), how: fc.nat(4) }) },
  {
    weight: 10,
    arbitrary: fc.record({ kind: fc.constant('act' as const), which: fc.nat(), choice: fc.nat() }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('wait' as const),
      minutes: fc.oneof(fc.integer({ min: 5, max: 240 }), fc.integer({ min: 240, max: 3 * 24 * 60 })),
    }),
  },
);

/** Actions that move an application on are picked more often than those that stop or pause it. */
const FORWARD: readonly Action[] = [
  'accept',
  'forward',
  'assign',
  'propose',
  'review',
  'approve',
  'return_result',
  'receive_supplement',
  'record_fee_paid',
];

describe('roll-ups on random workloads', () => {
  // Monday 26 January 2026: runs cross into February and March, and Tết (17 February).
  const clock = new FixedClock(new Date('2026-01-26T02:00:00Z'));
  let t: TestApp;
  let w: StatsWorld;
  let second: { id: number; code: string; head: User; specialist: User };

  beforeAll(async () => {
    t = await buildTestApp({ clock, config: { homeUnitCode: '123' } });
    w = await createStatsWorld(t.deps);
    const db = t.deps.database.db;
    const agency = await createAgency(db, {
      unitId: w.office.unit.id,
      kind: 'department',
      name: 'Phòng thử hai',
    });
    second = {
      ...agency,
      head: await createUser(db, { role: 'unit_head', unitId: w.office.unit.id, agencyId: agency.id }),
      specialist: await createUser(db, { role: 'specialist', unitId: w.office.unit.id, agencyId: agency.id }),
    };
  });
  afterAll(() => t.close());

  /** The officer who takes `action`: the receiving counter's, or the handling agency's by the workflow's roles. */
  function actorFor(
    action: Action,
    application: { receiving_unit_id: number; handling_agency_id: number | null },
  ): User {
    const receiving = application.receiving_unit_id === w.ward.id ? w.wardStaff : w.office.staff;
    const handling =
      application.handling_agency_id === second.id
        ? { ...w.office.staff, head: second.head, specialist: second.specialist }
        : application.handling_agency_id === w.wardCommittee.id
          ? w.wardStaff
          : w.office.staff;
    switch (action) {
      case 'accept':
      case 'refuse':
      case 'forward':
      case 'receive_supplement':
      case 'record_fee_paid':
      case 'request_withdrawal':
      case 'return_result':
      case 'stop':
        return receiving.counter;
      case 'assign':
      case 'review':
      case 'send_back':
      case 'exempt_fee':
      case 'issue_apology':
        return handling.head;
      case 'approve':
        return handling.leader;
      default:
        return handling.specialist;
    }
  }

  async function run(commands: (typeof command extends fc.Arbitrary<infer C> ? C : never)[]) {
    const deps = t.deps;
    for (const c of commands) {
      if (c.kind === 'wait') {
        clock.advance(c.minutes * 60_000);
        continue;
      }
      try {
        if (c.kind === 'new') {
          const { staff, procedure } = w.office;
          if (c.how === 0) await submitOnline(deps, staff.citizen, procedure.code);
          else if (c.how === 1) await intake(deps, staff.counter, procedure.code);
          else if (c.how === 2) await intake(deps, w.wardStaff.counter, w.wardProcedure.code);
          else if (c.how === 3) await intake(deps, staff.counter, procedure.code, 'refuse');
          else await submitOnline(deps, staff.citizen, w.wardProcedure.code, '04000');
          continue;
        }
        const open = await deps.database.db
          .selectFrom('applications')
          .select('code')
          .where('status', 'not in', [3, 8, 10])
          .orderBy('id')
          .execute();
        if (open.length === 0) continue;
        const code = open[c.which % open.length]!.code;
        const application = (await findApplicationByCode(deps.database.db, code))!;
        const allowed = actionsFor(application.status as Status, application.step as Step | null).flatMap(
          (a) => (FORWARD.includes(a) ? Array<Action>(12).fill(a) : [a]),
        );
        if (allowed.length === 0) continue;
        const action = allowed[c.choice % allowed.length]!;
        const user = actorFor(action, application);
        const extra: Partial<TApplicationAction> = { note: 'Ghi chú cho thao tác thử.' };
        if (action === 'assign') extra.assignee = actorFor('propose', application).username;
        if (action === 'transfer')
          extra.toAgency =
            application.handling_agency_id === second.id ? w.office.department.code : second.code;
        if (action === 'request_fee') extra.amountVnd = 50_000;
        if (action === 'record_fee_paid')
          Object.assign(extra, { paymentMethod: 'cash', receiptNumber: 'BL-0001' });
        if (action === 'issue_apology' && application.due_at)
          extra.newDueAt = new Date(application.due_at.getTime() + 2 * 86_400_000).toISOString();
        if (action === 'return_result' && c.choice % 2 === 0) extra.fileIds = [await resultFile(deps, user)];
        await act(deps, user, code, action, extra);
      } catch (error) {
        // A refused action (not this officer's, a deadline already passed...) changes nothing.
        if (!isAppError(error)) throw error;
      }
    }
  }

  const COMPARED = [
    'received',
    'refused',
    'processed',
    'processedEarly',
    'processedLate',
    'stopped',
    'returned',
    'transferredIn',
    'inProcess',
    'inProcessPastDeadline',
    'carriedOver',
    'wentLate',
  ] as const;

  /** The same figures summed straight from the recomputation. */
  function bruteSummary(
    expected: Awaited<ReturnType<typeof recompute>>,
    units: Set<number>,
    from: string,
    to: string,
    now: Date,
  ) {
    const today = vietnamDate(now);
    const asOf = to < today ? to : today;
    const end = asOf === today ? now.getTime() : new Date(`${addDays(asOf, 1)}T00:00:00+07:00`).getTime();
    const flow = (counter: string) => {
      let n = 0;
      for (const [key, values] of expected.flows) {
        const [day, unit] = key.split('|');
        if (day! >= from && day! <= asOf && units.has(Number(unit))) n += values[counter] ?? 0;
      }
      return n;
    };
    const stock = (day: string, which: 'inProcess' | 'late') => {
      let n = 0;
      for (const [key, values] of expected.stocks) {
        const [d, unit] = key.split('|');
        if (d === day && units.has(Number(unit))) n += values[which];
      }
      return n;
    };
    return {
      received: flow('received'),
      refused: flow('refused'),
      processed: flow('processed'),
      processedEarly: flow('processed_early'),
      processedLate: flow('processed_late'),
      stopped: flow('stopped'),
      returned: flow('returned'),
      transferredIn: flow('transferred_in'),
      inProcess: stock(asOf, 'inProcess'),
      inProcessPastDeadline: stock(asOf, 'late'),
      carriedOver: stock(addDays(from, -1), 'inProcess'),
      wentLate: expected.occurrences.filter(
        (o) => o.day >= from && o.day <= asOf && o.at < end && units.has(o.unitId),
      ).length,
    };
  }

  it('equal a recomputation from the raw events, and so do the summaries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 20, maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(60), fc.nat(60)), { minLength: 3, maxLength: 3 }),
        async (commands, periods) => {
          await run(commands);
          const now = clock.now();
          expect(await compareWithRollups(t.deps.database.db, now)).toEqual([]);
          const expected = await recompute(t.deps.database.db, now);
          const first = '2026-01-26';
          const today = vietnamDate(now);
          const scopes = [
            { unit: '123', includeDescendants: true, ids: [w.office.unit.id, w.ward.id] },
            { unit: '123', includeDescendants: false, ids: [w.office.unit.id] },
            { unit: '04000', includeDescendants: true, ids: [w.ward.id] },
            { unit: '14', includeDescendants: true, ids: [w.office.unit.id, w.ward.id] },
          ];
          for (const [i, [a, b]] of periods.entries()) {
            const span = Math.max(0, (Date.parse(today) - Date.parse(first)) / 86_400_000);
            const from = addDays(first, Math.min(a, span));
            const to = i === 0 ? today : addDays(from, Math.min(b, 40));
            const scope = scopes[(a + b) % scopes.length]!;
            const s = await summary(t.deps, {
              unit: scope.unit,
              includeDescendants: scope.includeDescendants,
              from,
              to,
            });
            const wanted = bruteSummary(expected, new Set(scope.ids), from, to, now);
            const got = Object.fromEntries(COMPARED.map((k) => [k, s[k]]));
            expect(got, `${scope.unit} ${from}..${to}`).toEqual(wanted);
          }
        },
      ),
      { numRuns: 10, endOnFailure: true },
    );
  }, 600_000);
});
