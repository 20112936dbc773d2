// What the statistics downloads take: the filter of every statistics request, which table and which
// file format. Shared by the export routes and the pages that link to them.
import { z } from 'zod';
import { BREAKDOWNS, type Breakdown, PERSONAL_BREAKDOWNS } from './definitions.js';
import { ZStatsQuery } from './schema.js';

/**
 * Every table a unit's statistics can be downloaded as: the four aggregates, each breakdown, then the
 * assisted submissions per community digital team and per team member.
 */
export const EXPORT_TABLES = [
  'summary',
  'index',
  'ranking',
  'targets',
  ...BREAKDOWNS,
  'teams',
  'members',
] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Tables that name people: staff of the unit (or above) and administrators only. */
export function isPersonalTable(table: ExportTable): boolean {
  return table === 'members' || (PERSONAL_BREAKDOWNS as readonly string[]).includes(table);
}

export function isBreakdownTable(table: ExportTable): table is Breakdown {
  return (BREAKDOWNS as readonly string[]).includes(table);
}

/** GET /thong-ke/xuat: the filter, the table and the format (XLSX when left out). */
export const ZStatsExportQuery = ZStatsQuery.extend({
  table: z
    .enum(EXPORT_TABLES)
    .meta({ description: 'Which table: summary, index, ranking, targets or a breakdown.' }),
  format: z.enum(EXPORT_FORMATS).default('xlsx').meta({ description: 'xlsx (the default) or csv.' }),
});
export type TStatsExportQuery = z.output<typeof ZStatsExportQuery>;

/** GET /thong-ke/bao-cao.pdf: the filter of every statistics request. */
export const ZStatsReportQuery = ZStatsQuery;
export type TStatsReportQuery = z.output<typeof ZStatsReportQuery>;
