import { formForProcedure } from '../../shared/applications/forms.js';
import type { TProcedureRecord } from '../../shared/catalog/schema.js';
import type { Queryable } from '../context.js';

/** Online procedures of one agency with recorded documents and time limits, for demo applications. */
export async function findDemoProcedures(db: Queryable, agencyCode: string, limit: number) {
  const rows = await db
    .selectFrom('procedures as p')
    .innerJoin('procedure_agencies as pa', 'pa.procedure_id', 'p.id')
    .innerJoin('agencies as a', 'a.id', 'pa.agency_id')
    .select(['p.code', 'p.record'])
    .where('a.code', '=', agencyCode)
    .where('p.online_level', '!=', 'none')
    .where('p.data_completeness', '=', 'full')
    .where('p.status', '=', 'active')
    .orderBy('p.code')
    .limit(limit)
    .execute();
  return rows.map((row) => {
    const record = row.record as TProcedureRecord;
    const form = formForProcedure(record);
    const firstCase = record.cases[0]?.id ?? null;
    return {
      code: row.code,
      requiredComponents: record.components
        .filter((c) => c.required && (c.caseId === null || c.caseId === firstCase))
        .map((c) => c.id),
      formExample: Object.fromEntries(Object.entries(form.properties).map(([k, v]) => [k, v.examples[0]])),
    };
  });
}
