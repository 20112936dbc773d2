// Bench-only variants of GET /don-vi, registered on the real app (same hooks, same schema, same
// presenter and view) so their cost can be compared with the page as it is. Not used by the app:
// they measure what the changes proposed in docs/benchmarks.md would buy.
//   /bench/don-vi-one-query  what the page shows (the unit, its direct children, the unit's own
//                            agencies) in one SQL statement, instead of getUnitTree's four
//   /bench/don-vi-memory     the unit tree loaded once per date and kept in memory: no database
//                            work at all, still presented and rendered on every request
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { presentUnitNode } from '../src/server/modules/units/units.presenter.js';
import type { UnitVersionRow } from '../src/server/modules/units/units.repository.js';
import { getUnitTree, type UnitNode } from '../src/server/modules/units/units.service.js';
import { UnitsPage } from '../src/server/modules/units/views/units-page.js';
import { vietnamDate } from '../src/shared/clock.js';
import { AppError } from '../src/shared/errors.js';
import { ZUnitQuery } from '../src/shared/units/schema.js';

type Agency = UnitNode['agencies'][number];
type PageRow = UnitVersionRow & { agencies: Agency[] | null };

/** One statement: the unit and its direct children on `date`, with the unit's own agencies. */
export async function loadUnitPage(app: FastifyInstance, rootCode: string, date: string): Promise<UnitNode> {
  const { rows } = await sql<PageRow>`
    select u.id as "unitId", v.id as "versionId", u.code, v.parent_id as "parentId",
      p.code as "parentCode", v.type_code as "typeCode", v.name, v.name_en as "nameEn",
      v.full_name as "fullName", v.full_name_en as "fullNameEn", v.valid_from as "validFrom",
      v.valid_to as "validTo", u.has_counter as "hasCounter", u.address, u.phone,
      case when u.code = ${rootCode} then coalesce((
        select json_agg(json_build_object('id', a.id, 'unit_id', a.unit_id, 'code', a.code, 'kind', a.kind,
          'name', a.name, 'name_en', a.name_en, 'has_counter', a.has_counter, 'address', a.address,
          'phone', a.phone) order by a.kind, a.name)
        from agencies a where a.unit_id = u.id), '[]') end as agencies
    from unit_versions v
    join units u on u.id = v.unit_id
    left join units p on p.id = v.parent_id
    where (u.code = ${rootCode} or p.code = ${rootCode})
      and v.valid_from <= ${date}::date and (v.valid_to is null or v.valid_to > ${date}::date)`.execute(
    app.deps.database.db,
  );
  const rootRow = rows.find((r) => r.code === rootCode);
  if (!rootRow) throw new AppError('UNIT_NOT_FOUND');
  const node = (row: PageRow): UnitNode => ({ unit: row, agencies: row.agencies ?? [], children: [] });
  const root = node(rootRow);
  root.children = rows
    .filter((r) => r !== rootRow)
    .map(node)
    .sort((a, b) => a.unit.name.localeCompare(b.unit.name, 'vi'));
  return root;
}

export async function registerVariantRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const rootCode = deps.config.homeUnitCode;
  const today = () => vietnamDate(deps.clock.now());
  const schema = { hide: true, querystring: ZUnitQuery };

  typed.get('/bench/don-vi-one-query', { schema }, async (request, reply) => {
    const date = request.query.date ?? today();
    const root = presentUnitNode(await loadUnitPage(app, rootCode, date), request.locale);
    return reply.page((ctx) => UnitsPage({ ctx, root, date }));
  });

  const trees = new Map<string, Promise<UnitNode>>();
  typed.get('/bench/don-vi-memory', { schema }, async (request, reply) => {
    const date = request.query.date ?? today();
    if (!trees.has(date)) trees.set(date, getUnitTree(deps, { rootCode, date }));
    const root = presentUnitNode(await trees.get(date)!, request.locale);
    return reply.page((ctx) => UnitsPage({ ctx, root, date }));
  });
}
