import type { TComponent, TProcedureRecord } from '../../../shared/catalog/schema.js';
import type { Locale } from '../../../shared/i18n/index.js';
import type { getProcedure, searchProcedures } from './catalog.service.js';

type ListRow = Awaited<ReturnType<typeof searchProcedures>>['items'][number];
type Detail = Awaited<ReturnType<typeof getProcedure>>;

export function presentProcedureListItem(row: ListRow) {
  return {
    code: row.code,
    name: row.name,
    field: row.field,
    level: row.level,
    onlineLevel: row.online_level,
    status: row.status,
    dataCompleteness: row.data_completeness,
  };
}

/** The components of the default processing case: those of every case, plus the first case's own. */
export function defaultCaseComponents(record: TProcedureRecord): TComponent[] {
  const firstCase = record.cases[0]?.id ?? null;
  return record.components.filter((c) => c.caseId === null || c.caseId === firstCase);
}

export function presentProcedureDetail(detail: Detail, locale: Locale) {
  const record = detail.record;
  return {
    code: record.code,
    name: record.name,
    field: record.field,
    level: record.level,
    onlineLevel: record.onlineLevel,
    status: detail.status,
    version: detail.version,
    dataCompleteness: record.dataCompleteness,
    components: defaultCaseComponents(record).map((c) => ({
      id: c.id,
      name: c.name,
      required: c.required,
      originals: c.originals,
      copies: c.copies,
    })),
    handlingAgencies: detail.agencies.map((a) => ({
      code: a.code,
      name: locale === 'vi' ? a.name : a.name_en,
      role: a.role,
    })),
    record: record as unknown as Record<string, unknown>,
    updatedAt: detail.updated_at.toISOString(),
  };
}

/** What the public detail and print pages show: the record, its local agencies by name, no internal ids. */
export function presentProcedurePage(detail: Detail, locale: Locale) {
  return {
    record: detail.record,
    status: detail.status,
    version: detail.version,
    updatedAt: detail.updated_at,
    localAgencies: detail.agencies.map((a) => ({
      code: a.code,
      name: locale === 'vi' ? a.name : a.name_en,
      role: a.role,
      phone: a.phone,
    })),
  };
}
export type ProcedurePageView = ReturnType<typeof presentProcedurePage>;
