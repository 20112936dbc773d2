// Factories create what they need, parents included; the demo seed and the tests share them.
import { randomBytes } from 'node:crypto';
import type { Role } from '../../shared/auth/roles.js';
import type { Queryable } from '../context.js';
import type { AgencyKind } from '../db/schema.js';
import { createUser as insertUserWithRoles } from '../modules/auth/auth.service.js';
import { hashPassword } from '../modules/auth/passwords.js';
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
