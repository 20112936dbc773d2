import { vietnamDate } from '../../../shared/clock.js';
import type { Actor, AppDeps } from '../../context.js';
import { findVersionsOn } from '../units/units.repository.js';
import { findUnitCodesByIds } from './home.repository.js';

/** What the home page shows: the deploying unit, and for a signed-in person where their roles apply. */
export async function getHomeSummary(deps: AppDeps, actor: Actor | null) {
  const date = vietnamDate(deps.clock.now());
  const [home] = await findVersionsOn(deps.database.db, date, [deps.config.homeUnitCode]);
  const unitIds = [
    ...new Set((actor?.grants ?? []).map((g) => g.unitId).filter((id): id is number => id !== null)),
  ];
  const codes = await findUnitCodesByIds(deps.database.db, unitIds);
  const units = new Map(
    (await findVersionsOn(deps.database.db, date, [...codes.values()])).map((u) => [u.unitId, u]),
  );
  return {
    home: home ?? null,
    roles: (actor?.grants ?? []).map((g) => ({
      role: g.role,
      unit: g.unitId === null ? null : (units.get(g.unitId) ?? null),
    })),
  };
}
