// What the scenario's database shows for the period, read through the same services as the
// statistics, teams and catalogue pages (so the CLI, the test and the pages cannot disagree).
import type { AppDeps } from '../context.js';
import { countProceduresByShape } from '../modules/catalog/catalog.repository.js';
import { summary } from '../modules/stats/stats.service.js';
import { assistedSubmissionCounts, summarizeRegistry } from '../modules/teams/teams.service.js';
import { MOC_CHAU_CODE } from '../seed/demo.js';

export interface ScenarioFigures {
  received: number;
  receivedOnline: number;
  onlineRate: number | null;
  processed: number;
  inProcess: number;
  evaluations: number;
  satisfiedRate: number | null;
  assisted: number;
  teams: number;
  members: number;
  teamUnits: number;
  catalogue: {
    district: number;
    commune: number;
    vertical: number;
    fullOnline: number;
    partialOnline: number;
  };
}

/** Mộc Châu with its wards and communes over the period ('to' is the day after the last one). */
export async function scenarioFigures(
  deps: AppDeps,
  period: { from: string; to: string },
): Promise<ScenarioFigures> {
  const last = new Date(Date.parse(`${period.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const s = await summary(deps, { unit: MOC_CHAU_CODE, from: period.from, to: last });
  const registry = await summarizeRegistry(deps);
  const assisted = await assistedSubmissionCounts(deps, {
    from: new Date(Date.parse(`${period.from}T00:00:00+07:00`)),
    to: new Date(Date.parse(`${period.to}T00:00:00+07:00`)),
  });
  const shapes = await countProceduresByShape(deps.database.db);
  const count = (pick: (row: (typeof shapes)[number]) => boolean) =>
    shapes.filter(pick).reduce((n, row) => n + Number(row.n), 0);
  return {
    received: s.received ?? 0,
    receivedOnline: s.receivedOnline ?? 0,
    onlineRate: s.onlineRate,
    processed: s.processed ?? 0,
    inProcess: s.inProcess ?? 0,
    evaluations: s.evaluations ?? 0,
    satisfiedRate: s.satisfiedRate,
    assisted: assisted.total,
    teams: registry.totals.teams,
    members: registry.totals.members,
    teamUnits: registry.totals.units,
    catalogue: {
      district: count((r) => r.level === 'district'),
      commune: count((r) => r.level === 'commune'),
      vertical: count((r) => r.level === 'vertical'),
      fullOnline: count((r) => r.online_level === 'full'),
      partialOnline: count((r) => r.online_level === 'partial'),
    },
  };
}
