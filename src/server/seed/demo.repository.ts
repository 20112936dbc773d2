import { formForProcedure } from '../../shared/applications/forms.js';
import type { TProcedureRecord } from '../../shared/catalog/schema.js';
import type { Actor, AppDeps, Queryable } from '../context.js';
import { findUserByLogin, loadGrants } from '../modules/auth/auth.repository.js';

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
  return rows.map((row) => ({ code: row.code, ...exampleApplication(row.record as TProcedureRecord) }));
}

/** What a demo or scenario applicant sends for a procedure: its first case's required papers, the form's examples. */
export function exampleApplication(record: TProcedureRecord) {
  const form = formForProcedure(record);
  const firstCase = record.cases[0]?.id ?? null;
  return {
    requiredComponents: record.components
      .filter((c) => c.required && (c.caseId === null || c.caseId === firstCase))
      .map((c) => c.id),
    formExample: Object.fromEntries(Object.entries(form.properties).map(([k, v]) => [k, v.examples[0]])),
  };
}

/** A one-page PDF: every document the demo and the scenario upload. */
export const DEMO_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A demo or scenario account as the services see a signed-in person. */
export async function demoActor(deps: AppDeps, username: string): Promise<Actor> {
  const user = await findUserByLogin(deps.database.db, username);
  if (!user) throw new Error(`demo user ${username} is missing`);
  return {
    userId: user.id,
    username,
    fullName: user.full_name,
    grants: await loadGrants(deps.database.db, user.id),
    sessionId: 'demo',
  };
}
