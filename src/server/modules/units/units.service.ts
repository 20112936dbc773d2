import { AppError } from '../../../shared/errors.js';
import { requireAccess } from '../../auth/access.js';
import type { ActionContext, AppDeps } from '../../context.js';
import { appendAudit } from '../audit/audit.repository.js';
import type { SnapshotProvince, SnapshotUnit } from './units.format.js';
import {
  closeUnitVersion,
  deleteUnitVersion,
  findAgenciesOfUnits,
  findEarliestVersionStart,
  findSubtreeOn,
  findUnitIdsByCode,
  findVersionsOn,
  insertUnit,
  insertUnitVersion,
  type UnitVersionRow,
} from './units.repository.js';

export interface ImportReport {
  created: number;
  changed: number;
  closed: number;
  unchanged: number;
}

const sameFacts = (row: UnitVersionRow, unit: SnapshotUnit) =>
  row.parentCode === unit.parentCode &&
  row.typeCode === unit.typeCode &&
  row.name === unit.name &&
  row.nameEn === unit.nameEn &&
  row.fullName === unit.fullName &&
  row.fullNameEn === unit.fullNameEn;

/**
 * Loads a snapshot of the administrative tree as it stands from `validFrom`. Each province is one
 * transaction. Units that changed get a new version; units of a province that the snapshot no longer
 * lists are closed. Importing the same snapshot again changes nothing.
 */
export async function importUnitSnapshot(
  deps: AppDeps,
  context: ActionContext,
  input: {
    provinces: SnapshotProvince[];
    validFrom: string;
    /** The snapshot lists the whole country: top-level units it omits (merged provinces) end too. */
    complete?: boolean;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ImportReport> {
  if (context.actor) requireAccess(context.actor, 'units.import');
  const report: ImportReport = { created: 0, changed: 0, closed: 0, unchanged: 0 };
  const total = input.provinces.reduce((n, p) => n + 1 + p.descendants.length, 0);
  let done = 0;
  for (const { province, descendants } of input.provinces) {
    const units = [province, ...descendants];
    const part = await deps.database.db.transaction().execute(async (tx) => {
      const counts: ImportReport = { created: 0, changed: 0, closed: 0, unchanged: 0 };
      const current = new Map(
        (
          await findVersionsOn(
            tx,
            input.validFrom,
            units.map((u) => u.code),
          )
        ).map((row) => [row.code, row]),
      );
      const ids = await findUnitIdsByCode(
        tx,
        units.map((u) => u.code),
      );
      for (const unit of units) {
        const existing = current.get(unit.code);
        if (existing && sameFacts(existing, unit)) {
          counts.unchanged++;
          continue;
        }
        let unitId = ids.get(unit.code);
        if (unitId === undefined) {
          unitId = await insertUnit(tx, unit.code);
          ids.set(unit.code, unitId);
          counts.created++;
        } else {
          counts.changed++;
        }
        const parentId = unit.parentCode === null ? null : (ids.get(unit.parentCode) ?? null);
        let validTo: string | null = null;
        if (existing) {
          validTo = existing.validTo;
          // Same snapshot date with new facts: the newer file corrects the older one.
          if (existing.validFrom === input.validFrom) await deleteUnitVersion(tx, existing.versionId);
          else await closeUnitVersion(tx, existing.versionId, input.validFrom);
        } else {
          // An older snapshot loaded after a newer one fills the gap before the first version.
          const first = await findEarliestVersionStart(tx, unitId);
          if (first !== undefined && first > input.validFrom) validTo = first;
        }
        await insertUnitVersion(tx, { unitId, parentId, ...unit, validFrom: input.validFrom, validTo });
      }
      // Units of this province in force on that date but absent from the snapshot end there.
      const listed = new Set(units.map((u) => u.code));
      for (const row of await findSubtreeOn(tx, province.code, input.validFrom)) {
        if (listed.has(row.code)) continue;
        if (row.validFrom < input.validFrom) {
          await closeUnitVersion(tx, row.versionId, input.validFrom);
          counts.closed++;
        }
      }
      if (counts.created + counts.changed + counts.closed > 0) {
        await appendAudit(tx, context, deps.clock.now(), {
          action: 'units.import',
          targetType: 'unit',
          targetId: province.code,
          details: { validFrom: input.validFrom, ...counts },
        });
      }
      return counts;
    });
    report.created += part.created;
    report.changed += part.changed;
    report.closed += part.closed;
    report.unchanged += part.unchanged;
    done += units.length;
    input.onProgress?.(done, total);
  }
  if (input.complete) {
    const listed = new Set(input.provinces.map((p) => p.province.code));
    const absent = (await findVersionsOn(deps.database.db, input.validFrom)).filter(
      (row) => row.parentId === null && !listed.has(row.code),
    );
    for (const top of absent) {
      await deps.database.db.transaction().execute(async (tx) => {
        const rows = (await findSubtreeOn(tx, top.code, input.validFrom)).filter(
          (r) => r.validFrom < input.validFrom,
        );
        for (const row of rows) await closeUnitVersion(tx, row.versionId, input.validFrom);
        report.closed += rows.length;
        await appendAudit(tx, context, deps.clock.now(), {
          action: 'units.close',
          targetType: 'unit',
          targetId: top.code,
          details: { validFrom: input.validFrom, closed: rows.length },
        });
      });
    }
  }
  return report;
}

export interface UnitNode {
  unit: UnitVersionRow;
  agencies: Awaited<ReturnType<typeof findAgenciesOfUnits>>;
  children: UnitNode[];
}

/** The tree below `rootCode` on `date`, with each unit's agencies. */
export async function getUnitTree(
  deps: AppDeps,
  input: { rootCode: string; date: string },
): Promise<UnitNode> {
  const rows = await findSubtreeOn(deps.database.db, input.rootCode, input.date);
  const root = rows.find((r) => r.code === input.rootCode);
  if (!root) throw new AppError('UNIT_NOT_FOUND');
  const agencies = await findAgenciesOfUnits(
    deps.database.db,
    rows.map((r) => r.unitId),
  );
  const nodes = new Map<number, UnitNode>(
    rows.map((unit) => [
      unit.unitId,
      { unit, agencies: agencies.filter((a) => a.unit_id === unit.unitId), children: [] },
    ]),
  );
  for (const node of nodes.values()) {
    if (node.unit.code === input.rootCode || node.unit.parentId === null) continue;
    nodes.get(node.unit.parentId)?.children.push(node);
  }
  for (const node of nodes.values())
    node.children.sort((a, b) => a.unit.name.localeCompare(b.unit.name, 'vi'));
  return nodes.get(root.unitId)!;
}

/** The top-level units (provinces) on `date`. */
export async function listTopUnits(deps: AppDeps, date: string): Promise<UnitVersionRow[]> {
  const rows = await findVersionsOn(deps.database.db, date);
  return rows.filter((r) => r.parentId === null);
}
