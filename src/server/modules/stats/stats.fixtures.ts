// For the statistics tests: a province (14) over Mộc Châu (123, with its counter, a department and an
// officer of each role) over a ward (04000, with its People's Committee and staff), a procedure for
// each level, and helpers that move applications through the real service functions.
import type { TApplicationAction } from '../../../shared/applications/schema.js';
import type { ActionContext, Actor, AppDeps } from '../../context.js';
import { createAgency, createOffice, createProcedure, createUnit, createUser } from '../../seed/factories.js';
import { findApplicationByCode } from '../applications/applications.repository.js';
import { performAction, submitApplication } from '../applications/applications.service.js';
import { receiveAtCounter } from '../applications/intake.service.js';
import { loadGrants } from '../auth/auth.repository.js';
import { uploadFile } from '../files/files.service.js';

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
export const APPLICANT = { fullName: 'Lò Văn Thắng', idNumber: '014085001101', phone: '0912000101' };

export type StatsWorld = Awaited<ReturnType<typeof createStatsWorld>>;

export async function createStatsWorld(deps: AppDeps) {
  const db = deps.database.db;
  const province = await createUnit(db, { code: '14', typeCode: 'province', name: 'Tỉnh Sơn La' });
  const office = await createOffice(deps);
  await db
    .updateTable('unit_versions')
    .set({ parent_id: province.id })
    .where('unit_id', '=', office.unit.id)
    .execute();
  const ward = await createUnit(db, {
    code: '04000',
    typeCode: 'ward',
    name: 'Phường Thử',
    parentId: office.unit.id,
    hasCounter: true,
  });
  const wardCommittee = await createAgency(db, {
    unitId: ward.id,
    kind: 'peoples_committee',
    name: 'UBND phường Thử',
    hasCounter: true,
  });
  const wardStaff = {
    counter: await createUser(db, { role: 'counter_officer', unitId: ward.id, agencyId: wardCommittee.id }),
    specialist: await createUser(db, { role: 'specialist', unitId: ward.id, agencyId: wardCommittee.id }),
    head: await createUser(db, { role: 'unit_head', unitId: ward.id, agencyId: wardCommittee.id }),
    leader: await createUser(db, { role: 'signing_leader', unitId: ward.id, agencyId: wardCommittee.id }),
  };
  const admin = await createUser(db, { role: 'administrator', unitId: office.unit.id });
  const wardProcedure = await createProcedure(deps, {
    record: { level: 'commune', onlineLevel: 'partial' },
    agencyNames: ['UBND phường Thử'],
  });
  return { province, office, ward, wardCommittee, wardStaff, admin, wardProcedure };
}

export async function contextOf(
  deps: AppDeps,
  user: { id: number; username: string },
): Promise<ActionContext> {
  const actor: Actor = {
    userId: user.id,
    username: user.username,
    fullName: user.username,
    grants: await loadGrants(deps.database.db, user.id),
    sessionId: 'test',
  };
  return { actor, requestId: 'stats-test' };
}

/** Takes an action as `user`, at the version the application stands at. */
export async function act(
  deps: AppDeps,
  user: { id: number; username: string },
  code: string,
  action: TApplicationAction['action'],
  extra: Partial<TApplicationAction> = {},
) {
  const application = await findApplicationByCode(deps.database.db, code);
  if (!application) throw new Error(`no application ${code}`);
  return performAction(deps, await contextOf(deps, user), {
    code,
    action,
    expectedVersion: application.version,
    ...extra,
  } as TApplicationAction & { code: string });
}

/** A counter officer receives a complete file in person: accepted at once. */
export async function intake(
  deps: AppDeps,
  counter: { id: number; username: string },
  procedureCode: string,
  decision: 'accept' | 'refuse' = 'accept',
) {
  const result = await receiveAtCounter(deps, await contextOf(deps, counter), {
    procedureCode,
    applicant: APPLICANT,
    formData: {},
    checkedComponents: ['g1-1'],
    documents: [],
    decision,
    ...(decision === 'refuse' ? { note: 'Không thuộc thẩm quyền giải quyết' } : {}),
  });
  return result.application!.code;
}

/** A citizen submits online, with the form's one document. */
export async function submitOnline(
  deps: AppDeps,
  citizen: { id: number; username: string },
  procedureCode: string,
  unitCode?: string,
) {
  const context = await contextOf(deps, citizen);
  const file = await uploadFile(deps, context, { bytes: PDF, name: 'to-khai.pdf' });
  const result = await submitApplication(deps, context, {
    procedureCode,
    applicant: APPLICANT,
    formData: { requestSummary: 'Đề nghị giải quyết.' },
    documents: [{ componentId: 'g1-1', fileId: file.id }],
    ...(unitCode ? { unitCode } : {}),
  });
  return result.application.code;
}

/** Uploads a result file as `user` (a counter officer returning the result), for an electronic result. */
export async function resultFile(deps: AppDeps, user: { id: number; username: string }) {
  return (await uploadFile(deps, await contextOf(deps, user), { bytes: PDF, name: 'ket-qua.pdf' })).id;
}
