// Queries of the catalogue's pages: what the GET forms of /thu-tuc and /quan-tri/thu-tuc send. A
// form sends every select, chosen or not, so an empty value means "no filter".
import { z } from 'zod';
import {
  MAX_LABEL_LENGTH,
  MAX_PROCEDURE_CODE_LENGTH,
  MAX_SEARCH_LENGTH,
  ONLINE_LEVELS,
  PROCEDURE_LEVELS,
  PROCEDURE_STATUSES,
} from './schema.js';

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** Results per page on the public search page and the administrators' list. */
export const PAGE_SIZE = 20;
export const MAX_PAGE = 100_000;

export const ZProcedureSearchPage = z.object({
  q: optional(z.string().trim().max(MAX_SEARCH_LENGTH)),
  level: optional(z.enum(PROCEDURE_LEVELS)),
  field: optional(z.string().trim().max(MAX_LABEL_LENGTH)),
  agency: optional(z.string().trim().max(MAX_PROCEDURE_CODE_LENGTH)),
  onlineLevel: optional(z.enum(ONLINE_LEVELS)),
  page: optional(z.coerce.number().int().min(1).max(MAX_PAGE)),
});
export type TProcedureSearchPage = z.output<typeof ZProcedureSearchPage>;

/** The administrators' list also shows retired procedures, or only them. */
export const ADMIN_STATUS_FILTERS = ['all', ...PROCEDURE_STATUSES] as const;
export const ZProcedureAdminSearchPage = ZProcedureSearchPage.extend({
  status: optional(z.enum(ADMIN_STATUS_FILTERS)),
});
export type TProcedureAdminSearchPage = z.output<typeof ZProcedureAdminSearchPage>;

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type TExportFormat = (typeof EXPORT_FORMATS)[number];
export const ZProcedureExportQuery = z.object({
  format: z.enum(EXPORT_FORMATS),
  includeRetired: optional(z.enum(['1'])),
});

/** Names of the query parameters the search pages keep in their links (pagination, filters). */
export const SEARCH_PARAMS = ['q', 'level', 'field', 'agency', 'onlineLevel', 'status'] as const;
