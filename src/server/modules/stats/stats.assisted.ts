// Submissions by community digital teams for the statistics pages and downloads: the teams of the
// ward or commune chosen, or of every ward and commune when the deploying unit (or one above it) is
// chosen; none for another unit.
import type { AppDeps } from '../../context.js';
import { type AssistedReport, assistedReport, listTeamUnits } from '../teams/teams.service.js';
import { listStatsUnits } from './stats.service.js';

/** How many teams and members the page lists (the downloads have them all). */
export const ASSISTED_TOP = 10;

const vietnamMidnight = (day: string) => new Date(Date.parse(`${day}T00:00:00+07:00`));

/** The report for a unit over [from, to] (inclusive days), or null when no team can be in scope. */
export async function assistedInPeriod(
  deps: AppDeps,
  input: { unit: string; from: string; to: string; top?: number },
): Promise<AssistedReport | null> {
  const own = (await listTeamUnits(deps)).some((u) => u.code === input.unit);
  const units = await listStatsUnits(deps);
  const home = units.findIndex((u) => u.code === deps.config.homeUnitCode);
  const above = units.slice(0, home + 1).some((u) => u.code === input.unit);
  if (!own && !above) return null;
  return assistedReport(deps, {
    unitCode: own ? input.unit : undefined,
    from: vietnamMidnight(input.from),
    to: new Date(vietnamMidnight(input.to).getTime() + 86_400_000),
    top: input.top ?? ASSISTED_TOP,
  });
}
