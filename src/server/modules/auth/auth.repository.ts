import type { Role, RoleGrant } from '../../../shared/auth/roles.js';
import type { Queryable } from '../../context.js';

export async function findUserByLogin(db: Queryable, login: string) {
  const normalized = login.trim().toLowerCase();
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) =>
      eb.or([eb('username', '=', normalized), eb('email', '=', normalized), eb('phone', '=', normalized)]),
    )
    .executeTakeFirst();
}

export async function findUserById(db: Queryable, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function loginTaken(db: Queryable, values: string[]): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where((eb) =>
      eb.or([eb('username', 'in', values), eb('email', 'in', values), eb('phone', 'in', values)]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertUser(
  db: Queryable,
  user: {
    username: string;
    passwordHash: string;
    fullName: string;
    email?: string | null;
    phone?: string | null;
    locale?: 'vi' | 'en';
  },
): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      username: user.username,
      password_hash: user.passwordHash,
      full_name: user.fullName,
      email: user.email ?? null,
      phone: user.phone ?? null,
      locale: user.locale ?? 'vi',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertRole(
  db: Queryable,
  grant: { userId: number; role: Role; unitId: number | null; agencyId?: number | null },
): Promise<void> {
  await db
    .insertInto('user_roles')
    .values({
      user_id: grant.userId,
      role: grant.role,
      unit_id: grant.unitId,
      agency_id: grant.agencyId ?? null,
    })
    .execute();
}

export async function loadGrants(db: Queryable, userId: number): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom('user_roles')
    .select(['role', 'unit_id', 'agency_id'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ role: row.role as Role, unitId: row.unit_id, agencyId: row.agency_id }));
}

export async function insertSession(
  db: Queryable,
  session: {
    id: string;
    userId: number;
    now: Date;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      created_at: session.now,
      last_seen_at: session.now,
      expires_at: session.expiresAt,
      ip: session.ip,
      user_agent: session.userAgent,
    })
    .execute();
}

export async function findSessionWithUser(db: Queryable, id: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.user_id',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.username',
      'users.full_name',
      'users.status',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
}

export async function extendSession(db: Queryable, id: string, now: Date, expiresAt: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: Queryable, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsExpiredBefore(db: Queryable, before: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', before).execute();
}
