// Factories create what they need, parents included; the demo seed and the tests share them.
import { randomBytes } from 'node:crypto';
import type { Role } from '../../shared/auth/roles.js';
import { type TProcedureRecordInput, ZProcedureRecord } from '../../shared/catalog/schema.js';
import type { AppDeps, Queryable } from '../context.js';
import type { AgencyKind } from '../db/schema.js';
import { createUser as insertUserWithRoles } from '../modules/auth/auth.service.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { importProcedures } from '../modules/catalog/catalog.service.js';
import {
  insertAgency,
  insertUnit,
  insertUnitVersion,
  updateUnitDetails,
} from '../modules/units/units.repository.js';

let sequence = 0;
const next = () => `${Date.now().toString(36)}${(++sequence).toString(36)}${randomBytes(2).toString('hex')}`;

export async function createUnit(
  db: Queryable,
  input: {
    code?: string;
    name?: string;
    typeCode?: string;
    parentId?: number | null;
    hasCounter?: boolean;
    validFrom?: string;
  } = {},
) {
  const code = input.code ?? String(90000 + Math.floor(Math.random() * 9_999_999)).slice(0, 7);
  const name = input.name ?? `Đơn vị ${code}`;
  const unitId = await insertUnit(db, code);
  await insertUnitVersion(db, {
    unitId,
    parentId: input.parentId ?? null,
    typeCode: input.typeCode ?? 'commune',
    name,
    nameEn: name,
    fullName: name,
    fullNameEn: name,
    validFrom: input.validFrom ?? '2000-01-01',
    validTo: null,
  });
  if (input.hasCounter) await updateUnitDetails(db, unitId, { hasCounter: true });
  return { id: unitId, code };
}

export async function createAgency(
  db: Queryable,
  input: {
    unitId?: number;
    code?: string;
    kind?: AgencyKind;
    name?: string;
    nameEn?: string;
    hasCounter?: boolean;
  } = {},
) {
  const unitId = input.unitId ?? (await createUnit(db)).id;
  const code = input.code ?? `AG-${next()}`;
  const id = await insertAgency(db, {
    unitId,
    code,
    kind: input.kind ?? 'department',
    name: input.name ?? `Cơ quan ${code}`,
    nameEn: input.nameEn ?? input.name ?? `Agency ${code}`,
    hasCounter: input.hasCounter ?? false,
  });
  return { id, code, unitId };
}

let cachedHash: { password: string; hash: Promise<string> } | undefined;

/** One argon2 hash per password per process: factories stay fast while still storing real hashes. */
export function hashFor(password: string): Promise<string> {
  if (cachedHash?.password !== password) cachedHash = { password, hash: hashPassword(password) };
  return cachedHash.hash;
}

export const TEST_PASSWORD = 'correct horse battery';

export async function createUser(
  db: Queryable,
  input: {
    username?: string;
    password?: string;
    fullName?: string;
    email?: string | null;
    phone?: string | null;
    role?: Role;
    unitId?: number | null;
    agencyId?: number | null;
  } = {},
) {
  const username = input.username ?? `user-${next()}`;
  const password = input.password ?? TEST_PASSWORD;
  const role = input.role ?? 'citizen';
  const unitId = role === 'citizen' ? (input.unitId ?? null) : (input.unitId ?? (await createUnit(db)).id);
  const id = await insertUserWithRoles(db, {
    username,
    passwordHash: await hashFor(password),
    fullName: input.fullName ?? `Người dùng ${username}`,
    email: input.email ?? null,
    phone: input.phone ?? null,
    roles: [{ role, unitId, agencyId: input.agencyId ?? null }],
  });
  return { id, username, password, unitId };
}

/** A procedure, linked to the given agencies; the record may be partial (sensible defaults). */
export async function createProcedure(
  deps: AppDeps,
  input: { record?: Partial<TProcedureRecordInput>; agencyNames?: string[] } = {},
) {
  const code = input.record?.code ?? `T.${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`;
  const record = ZProcedureRecord.parse({
    code,
    name: `Thủ tục thử ${code}`,
    field: 'Hộ tịch',
    level: 'district',
    onlineLevel: 'full',
    agencies: (input.agencyNames ?? []).map((name) => ({ name, role: 'implementing' })),
    components: [{ id: 'g1-1', name: 'Tờ khai', required: true, originals: 1, copies: 0 }],
    channels: [
      { kind: 'online', timeLimit: { amount: 3, unit: 'working_days' }, fees: [] },
      {
        kind: 'direct',
        timeLimit: { amount: 3, unit: 'working_days' },
        fees: [{ kind: 'charge', amountVnd: 8000 }],
      },
    ],
    ...input.record,
  });
  const report = await importProcedures(deps, { actor: null, requestId: 'factory' }, { records: [record] });
  if (report.rejected.length > 0) throw new Error(`createProcedure: ${JSON.stringify(report.rejected)}`);
  return record;
}

/**
 * A working one-stop office: a district unit with its counter (receipt code), a handling department
 * and one officer of each role, plus a citizen. `homeUnitCode` in the config must be `unitCode`.
 */
export async function createOffice(
  deps: AppDeps,
  input: { unitCode?: string; procedure?: Partial<TProcedureRecordInput> } = {},
) {
  const db = deps.database.db;
  const unit = await createUnit(db, {
    code: input.unitCode ?? deps.config.homeUnitCode,
    typeCode: 'district',
    hasCounter: true,
  });
  const counter = await createAgency(db, {
    unitId: unit.id,
    kind: 'office',
    name: 'Bộ phận Một cửa',
    hasCounter: true,
  });
  await db
    .updateTable('agencies')
    .set({ receipt_code: '000.00.01.H14' })
    .where('id', '=', counter.id)
    .execute();
  const department = await createAgency(db, {
    unitId: unit.id,
    kind: 'department',
    name: `Phòng thử ${unit.code}`,
  });
  const committee = await createAgency(db, {
    unitId: unit.id,
    kind: 'peoples_committee',
    name: `UBND thử ${unit.code}`,
  });
  const staff = {
    counter: await createUser(db, {
      role: 'counter_officer',
      unitId: unit.id,
      agencyId: counter.id,
      fullName: 'Cán bộ một cửa',
    }),
    specialist: await createUser(db, {
      role: 'specialist',
      unitId: unit.id,
      agencyId: department.id,
      fullName: 'Chuyên viên',
    }),
    head: await createUser(db, {
      role: 'unit_head',
      unitId: unit.id,
      agencyId: department.id,
      fullName: 'Trưởng phòng',
    }),
    leader: await createUser(db, {
      role: 'signing_leader',
      unitId: unit.id,
      agencyId: committee.id,
      fullName: 'Lãnh đạo',
    }),
    citizen: await createUser(db, { role: 'citizen', fullName: 'Nguyễn Văn Dân' }),
  };
  const procedure = await createProcedure(deps, {
    agencyNames: [`Phòng thử ${unit.code}`],
    record: input.procedure,
  });
  return { unit, counter, department, committee, staff, procedure };
}
