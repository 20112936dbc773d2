// What the catalogue's pages read from a request and load for their forms, shared by the public
// and the administrators' pages.
import type { FastifyRequest } from 'fastify';
import { ZProcedureCode } from '../../../shared/catalog/schema.js';
import { vietnamDate } from '../../../shared/clock.js';
import { AppError, isAppError } from '../../../shared/errors.js';
import type { TUnitNode } from '../../../shared/units/schema.js';
import type { AppDeps } from '../../context.js';
import { presentUnitNode } from '../units/units.presenter.js';
import { getUnitTree } from '../units/units.service.js';
import { listFields } from './catalog.service.js';
import type { FilterOptions, SearchFilters } from './views/search-page.js';

/** Longer addresses are refused outright: no form of these pages makes one. */
export const MAX_PAGE_URL_LENGTH = 2048;

/** A query value as text: anything else (a repeated parameter, nothing) becomes ''. */
export const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export const queryRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};

/** The fields with their procedure counts, and the agencies of the deploying unit grouped by unit. */
export async function loadFilterOptions(deps: AppDeps, request: FastifyRequest): Promise<FilterOptions> {
  const fields = (await listFields(deps)).map((row) => ({ field: row.field, count: Number(row.n) }));
  let agencies: FilterOptions['agencies'] = [];
  try {
    const root = presentUnitNode(
      await getUnitTree(deps, { rootCode: deps.config.homeUnitCode, date: vietnamDate(deps.clock.now()) }),
      request.locale,
    );
    const walk = (node: TUnitNode): FilterOptions['agencies'] => [
      ...(node.agencies.length > 0
        ? [{ label: node.fullName, options: node.agencies.map((a) => ({ value: a.code, label: a.name })) }]
        : []),
      ...node.children.flatMap(walk),
    ];
    agencies = walk(root);
  } catch (error) {
    // A deployment whose home unit is not loaded yet still has a catalogue to search.
    if (!isAppError(error) || error.code !== 'UNIT_NOT_FOUND') throw error;
  }
  return { fields, agencies };
}

/** The filters as the form shows them, whatever was sent. */
export function filtersOf(query: Record<string, unknown>): SearchFilters {
  return {
    q: text(query.q),
    level: text(query.level),
    field: text(query.field),
    agency: text(query.agency),
    onlineLevel: text(query.onlineLevel),
  };
}

/** The procedure a page address names, or 404 for one that cannot be a code. */
export function codeParam(params: unknown): string {
  const parsed = ZProcedureCode.safeParse(queryRecord(params).code);
  if (!parsed.success) throw new AppError('PROCEDURE_NOT_FOUND');
  return parsed.data;
}
