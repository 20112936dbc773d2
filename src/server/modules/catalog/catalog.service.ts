import { isDeepStrictEqual } from 'node:util';
import {
  type CatalogIssue,
  type TProcedureRecord,
  type TProcedureRecordInput,
  ZProcedureRecord,
} from '../../../shared/catalog/schema.js';
import { vietnamDate } from '../../../shared/clock.js';
import { AppError, type FieldErrors } from '../../../shared/errors.js';
import { foldVietnamese } from '../../../shared/text/fold.js';
import { requireAccess } from '../../auth/access.js';
import type { ActionContext, AppDeps, Queryable } from '../../context.js';
import { isUniqueViolation } from '../../db/errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import { findSubtreeOn } from '../units/units.repository.js';
import {
  findAgenciesForLinking,
  findProcedureAgencies,
  findProcedureByCode,
  insertProcedure,
  insertProcedureVersion,
  listAllProcedureRecords,
  listFieldCounts,
  lockProcedureByCode,
  type ProcedureFilter,
  replaceProcedureAgencies,
  searchProcedureRows,
  updateProcedureRow,
} from './catalog.repository.js';

export interface RejectedRow {
  code?: string;
  row?: number;
  index?: number;
  issues: CatalogIssue[];
}

export interface CatalogImportReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  rejected: RejectedRow[];
  /** Agency names no local agency answers to: the procedure is stored, but not linked. */
  unlinkedAgencies: string[];
}

type AgencyIndex = Map<string, number[]>;

/** Agencies of the deploying unit and everything below it, found by name or catalogue name. */
async function agencyIndex(deps: AppDeps, db: Queryable): Promise<AgencyIndex> {
  const units = await findSubtreeOn(db, deps.config.homeUnitCode, vietnamDate(deps.clock.now()));
  const agencies = await findAgenciesForLinking(
    db,
    units.map((u) => u.unitId),
  );
  const index: AgencyIndex = new Map();
  for (const agency of agencies) {
    for (const name of [agency.name, agency.catalog_name]) {
      if (!name) continue;
      const key = foldVietnamese(name);
      index.set(key, [...(index.get(key) ?? []), agency.id]);
    }
  }
  return index;
}

function withoutVersion(record: TProcedureRecord): Omit<TProcedureRecord, 'version'> {
  const { version: _version, ...rest } = record;
  return rest;
}

/**
 * Creates or updates one procedure by its code, inside the caller's transaction: a changed record
 * gets the next version and keeps the old one in procedure_versions; an identical one changes nothing.
 */
async function upsertRecord(
  deps: AppDeps,
  tx: Queryable,
  context: ActionContext,
  incoming: TProcedureRecord,
  agencies: AgencyIndex,
  unlinked: Set<string>,
): Promise<'created' | 'updated' | 'unchanged'> {
  const now = deps.clock.now();
  const existing = await lockProcedureByCode(tx, incoming.code);
  if (existing && isDeepStrictEqual(withoutVersion(existing.record), withoutVersion(incoming)))
    return 'unchanged';
  const version = existing ? Math.max(existing.version + 1, incoming.version) : incoming.version;
  const record: TProcedureRecord = { ...incoming, version };
  const searchName = foldVietnamese(record.name);
  let id: number;
  if (existing) {
    id = existing.id;
    await updateProcedureRow(tx, id, record, searchName, now);
  } else {
    id = await insertProcedure(tx, record, searchName, now);
  }
  await insertProcedureVersion(tx, {
    procedureId: id,
    version,
    record,
    at: now,
    by: context.actor?.userId ?? null,
  });
  const links = record.agencies.flatMap((ref) => {
    const ids = agencies.get(foldVietnamese(ref.name));
    if (!ids) unlinked.add(ref.name);
    return (ids ?? []).map((agencyId) => ({ agencyId, role: ref.role }));
  });
  await replaceProcedureAgencies(tx, id, links);
  await appendAudit(tx, context, now, {
    action: existing ? 'catalog.update' : 'catalog.create',
    targetType: 'procedure',
    targetId: record.code,
    details: { version },
  });
  return existing ? 'updated' : 'created';
}

/**
 * Imports records one transaction each: a bad record never stops the good ones and never leaves
 * half a procedure. `rejected` carries the problems the reader found, plus any the database raised.
 */
export async function importProcedures(
  deps: AppDeps,
  context: ActionContext,
  input: {
    records: TProcedureRecord[];
    issues?: CatalogIssue[];
    onProgress?: (done: number, total: number) => void;
  },
): Promise<CatalogImportReport> {
  if (context.actor) requireAccess(context.actor, 'catalog.manage');
  const report: CatalogImportReport = {
    created: [],
    updated: [],
    unchanged: [],
    rejected: [],
    unlinkedAgencies: [],
  };
  const grouped = new Map<string, RejectedRow>();
  for (const issue of input.issues ?? []) {
    const key = `${issue.row ?? ''}:${issue.index ?? ''}:${issue.code ?? ''}`;
    const row = grouped.get(key) ?? {
      ...(issue.code === undefined ? {} : { code: issue.code }),
      ...(issue.row === undefined ? {} : { row: issue.row }),
      ...(issue.index === undefined ? {} : { index: issue.index }),
      issues: [],
    };
    row.issues.push(issue);
    grouped.set(key, row);
  }
  report.rejected.push(...grouped.values());
  const agencies = await agencyIndex(deps, deps.database.db);
  const unlinked = new Set<string>();
  let done = 0;
  for (const record of input.records) {
    try {
      const outcome = await deps.database.db
        .transaction()
        .execute((tx) => upsertRecord(deps, tx, context, record, agencies, unlinked));
      report[outcome].push(record.code);
    } catch (error) {
      if (isUniqueViolation(error)) {
        report.rejected.push({
          code: record.code,
          issues: [{ key: 'catalog.errors.duplicateCode', code: record.code }],
        });
      } else {
        throw error;
      }
    }
    done++;
    input.onProgress?.(done, input.records.length);
  }
  report.unlinkedAgencies = [...unlinked].sort();
  return report;
}

function fieldErrorsOf(issues: CatalogIssue[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path || '_';
    if (!fields[key]) fields[key] = { key: issue.key, ...(issue.params ? { params: issue.params } : {}) };
  }
  return fields;
}

/** Validates a record from an administrator, with per-field message keys. */
export function validateProcedureInput(
  input: unknown,
): { ok: true; record: TProcedureRecord } | { ok: false; fields: FieldErrors } {
  const parsed = ZProcedureRecord.safeParse(input);
  if (parsed.success) return { ok: true, record: parsed.data };
  const issues = parsed.error.issues.map((issue) => ({
    key: /^[a-z]+\.[\w.]+$/.test(issue.message) ? issue.message : 'catalog.errors.invalid',
    path: issue.path.map(String).join('.'),
  }));
  return { ok: false, fields: fieldErrorsOf(issues) };
}

/** An administrator creates a procedure; its code must be new. */
export async function createProcedure(deps: AppDeps, context: ActionContext, input: TProcedureRecordInput) {
  requireAccess(context.actor, 'catalog.manage');
  const checked = validateProcedureInput(input);
  if (!checked.ok) throw new AppError('VALIDATION_FAILED', { fields: checked.fields });
  const agencies = await agencyIndex(deps, deps.database.db);
  const record = { ...checked.record, version: 1 };
  try {
    await deps.database.db.transaction().execute(async (tx) => {
      if (await findProcedureByCode(tx, record.code))
        throw new AppError('PROCEDURE_EXISTS', {
          fields: { code: { key: 'catalog.errors.duplicateCode', params: { value: record.code } } },
        });
      await upsertRecord(deps, tx, context, record, agencies, new Set());
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('PROCEDURE_EXISTS');
    throw error;
  }
  return getProcedure(deps, record.code, { includeRetired: true });
}

/** An administrator replaces a procedure's record; `expectedVersion` guards against lost updates. */
export async function updateProcedure(
  deps: AppDeps,
  context: ActionContext,
  input: { code: string; expectedVersion: number; record: TProcedureRecordInput },
) {
  requireAccess(context.actor, 'catalog.manage');
  const checked = validateProcedureInput({ ...input.record, code: input.code });
  if (!checked.ok) throw new AppError('VALIDATION_FAILED', { fields: checked.fields });
  const agencies = await agencyIndex(deps, deps.database.db);
  await deps.database.db.transaction().execute(async (tx) => {
    const existing = await lockProcedureByCode(tx, input.code);
    if (!existing) throw new AppError('PROCEDURE_NOT_FOUND');
    if (existing.version !== input.expectedVersion) throw new AppError('VERSION_CONFLICT');
    await upsertRecord(
      deps,
      tx,
      context,
      { ...checked.record, version: existing.version },
      agencies,
      new Set(),
    );
  });
  return getProcedure(deps, input.code, { includeRetired: true });
}

/** Retires a procedure: it leaves the public catalogue and takes no new applications, but keeps its history. */
export async function retireProcedure(
  deps: AppDeps,
  context: ActionContext,
  input: { code: string; expectedVersion: number },
) {
  requireAccess(context.actor, 'catalog.manage');
  await deps.database.db.transaction().execute(async (tx) => {
    const existing = await lockProcedureByCode(tx, input.code);
    if (!existing) throw new AppError('PROCEDURE_NOT_FOUND');
    if (existing.version !== input.expectedVersion) throw new AppError('VERSION_CONFLICT');
    if (existing.status === 'retired') return;
    const agencies = await agencyIndex(deps, tx);
    await upsertRecord(deps, tx, context, { ...existing.record, status: 'retired' }, agencies, new Set());
  });
  return getProcedure(deps, input.code, { includeRetired: true });
}

/** A procedure with its linked agencies; retired ones only when asked for. */
export async function getProcedure(deps: AppDeps, code: string, options: { includeRetired?: boolean } = {}) {
  const row = await findProcedureByCode(deps.database.db, code);
  if (!row || (row.status === 'retired' && !options.includeRetired))
    throw new AppError('PROCEDURE_NOT_FOUND');
  const agencies = await findProcedureAgencies(deps.database.db, row.id);
  return { ...row, agencies };
}

export const MAX_PAGE_SIZE = 100;

export async function searchProcedures(
  deps: AppDeps,
  input: Omit<ProcedureFilter, 'offset' | 'limit'> & { page: number; pageSize: number },
) {
  const pageSize = Math.min(input.pageSize, MAX_PAGE_SIZE);
  const q = input.q ? foldVietnamese(input.q) : undefined;
  return searchProcedureRows(deps.database.db, {
    ...input,
    q: q || undefined,
    offset: (input.page - 1) * pageSize,
    limit: pageSize,
  });
}

export async function listFields(deps: AppDeps) {
  return listFieldCounts(deps.database.db);
}

/** Every record, for export. */
export async function exportProcedures(deps: AppDeps, options: { includeRetired: boolean }) {
  return listAllProcedureRecords(deps.database.db, options.includeRetired);
}
