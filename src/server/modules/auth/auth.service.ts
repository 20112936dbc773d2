import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../../shared/auth/roles.js';
import { PHONE_PATTERN, type TLogin, type TRegister } from '../../../shared/auth/schema.js';
import { AppError } from '../../../shared/errors.js';
import type { ActionContext, Actor, AppDeps, Queryable } from '../../context.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { SessionState } from '../../types.js';
import { appendAudit } from '../audit/audit.repository.js';
import { countAgainst, type RateLimit, retryAfterSeconds } from '../rate-limit/rate-limit.service.js';
import {
  deleteSession,
  deleteSessionsExpiredBefore,
  extendSession,
  findSessionWithUser,
  findUserByLogin,
  insertRole,
  insertSession,
  insertUser,
  loadGrants,
  loginTaken,
} from './auth.repository.js';
import { hashPassword, verifyPassword } from './passwords.js';

// At least 10 failures a minute are allowed before a block, as the brief asks; an address may be a
// whole commune office behind one NAT, so it gets more room than a single account.
export const LOGIN_LIMIT_ACCOUNT: RateLimit = { bucket: 'login-account', max: 10, windowMs: 60_000 };
export const LOGIN_LIMIT_ADDRESS: RateLimit = { bucket: 'login-address', max: 30, windowMs: 60_000 };
// Refresh a session's expiry at most this often, so reading pages does not write on every request.
const SESSION_TOUCH_MS = 5 * 60_000;

const sessionId = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginResult {
  token: string;
  expiresAt: Date;
  actor: Actor;
}

async function startSession(
  deps: AppDeps,
  db: Queryable,
  user: { id: number; username: string; full_name: string },
  client: { ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const now = deps.clock.now();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + deps.config.sessionTtlMs);
  const id = sessionId(token);
  await insertSession(db, {
    id,
    userId: user.id,
    now,
    expiresAt,
    ip: client.ip,
    userAgent: client.userAgent,
  });
  const grants = await loadGrants(db, user.id);
  return {
    token,
    expiresAt,
    actor: { userId: user.id, username: user.username, fullName: user.full_name, grants, sessionId: id },
  };
}

/** Checks credentials under per-account and per-address limits and opens a session. */
export async function login(
  deps: AppDeps,
  context: ActionContext,
  input: TLogin & { ip: string; userAgent: string | null },
): Promise<LoginResult> {
  const account = input.username.trim().toLowerCase();
  const wait = Math.max(
    await retryAfterSeconds(deps, LOGIN_LIMIT_ACCOUNT, account),
    await retryAfterSeconds(deps, LOGIN_LIMIT_ADDRESS, input.ip),
  );
  if (wait > 0) throw new AppError('LOGIN_RATE_LIMITED', { retryAfter: wait, params: { seconds: wait } });

  const user = await findUserByLogin(deps.database.db, account);
  const ok = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !ok || user.status !== 'active') {
    await countAgainst(deps, LOGIN_LIMIT_ACCOUNT, account);
    await countAgainst(deps, LOGIN_LIMIT_ADDRESS, input.ip);
    throw new AppError('INVALID_CREDENTIALS');
  }
  return deps.database.db.transaction().execute(async (tx) => {
    const result = await startSession(deps, tx, user, { ip: input.ip, userAgent: input.userAgent });
    await appendAudit(tx, { ...context, actor: result.actor }, deps.clock.now(), {
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
    });
    return result;
  });
}

export async function logout(deps: AppDeps, context: ActionContext): Promise<void> {
  const actor = context.actor;
  if (!actor) return;
  await deps.database.db.transaction().execute(async (tx) => {
    await deleteSession(tx, actor.sessionId);
    await appendAudit(tx, context, deps.clock.now(), {
      action: 'auth.logout',
      targetType: 'user',
      targetId: actor.userId,
    });
  });
}

/** Finds the person behind a session cookie, sliding its expiry forward while it is in use. */
export async function resolveSession(
  deps: AppDeps,
  token: string | undefined,
): Promise<{ state: SessionState; actor: Actor | null }> {
  if (!token || token.length > 200) return { state: 'none', actor: null };
  const id = sessionId(token);
  const row = await findSessionWithUser(deps.database.db, id);
  if (!row) return { state: 'expired', actor: null };
  const now = deps.clock.now();
  if (row.expires_at.getTime() <= now.getTime() || row.status !== 'active')
    return { state: 'expired', actor: null };
  if (now.getTime() - row.last_seen_at.getTime() > SESSION_TOUCH_MS) {
    await extendSession(deps.database.db, id, now, new Date(now.getTime() + deps.config.sessionTtlMs));
  }
  const grants = await loadGrants(deps.database.db, row.user_id);
  return {
    state: 'valid',
    actor: { userId: row.user_id, username: row.username, fullName: row.full_name, grants, sessionId: id },
  };
}

export async function pruneSessions(deps: AppDeps): Promise<void> {
  await deleteSessionsExpiredBefore(deps.database.db, deps.clock.now());
}

/** Normalises a Vietnamese phone number to 0XXXXXXXXX. */
export function normalizePhone(value: string): string {
  const digits = value.replace(/[\s.-]/g, '');
  return digits.startsWith('+84') ? `0${digits.slice(3)}` : digits;
}

/** Creates an account with its roles (used by registration, the demo seed and test factories). */
export async function createUser(
  db: Queryable,
  input: {
    username: string;
    password?: string;
    passwordHash?: string;
    fullName: string;
    email?: string | null;
    phone?: string | null;
    roles?: { role: Role; unitId: number | null; agencyId?: number | null }[];
  },
): Promise<number> {
  const passwordHash =
    input.passwordHash ?? (await hashPassword(input.password ?? randomBytes(16).toString('hex')));
  const userId = await insertUser(db, {
    username: input.username.trim().toLowerCase(),
    passwordHash,
    fullName: input.fullName,
    email: input.email?.toLowerCase() ?? null,
    phone: input.phone ?? null,
  });
  for (const role of input.roles ?? []) await insertRole(db, { userId, ...role });
  return userId;
}

/** A citizen signs up with an e-mail address or a phone number, then is signed in. */
export async function registerCitizen(
  deps: AppDeps,
  context: ActionContext,
  input: TRegister & { ip: string; userAgent: string | null },
): Promise<LoginResult> {
  const contact = input.contact.trim().toLowerCase();
  const isPhone = PHONE_PATTERN.test(contact.replace(/[\s.-]/g, ''));
  const login = isPhone ? normalizePhone(contact) : contact;
  const passwordHash = await hashPassword(input.password);
  const taken = () =>
    new AppError('ACCOUNT_EXISTS', { fields: { contact: { key: 'auth.errors.contactTaken' } } });
  return deps.database.db.transaction().execute(async (tx) => {
    if (await loginTaken(tx, [login])) throw taken();
    const userId = await createUser(tx, {
      username: login,
      passwordHash,
      fullName: input.fullName,
      email: isPhone ? null : login,
      phone: isPhone ? login : null,
      roles: [{ role: 'citizen', unitId: null }],
    }).catch((error: unknown) => {
      // Two sign-ups with one contact at once: the database's unique index decides.
      throw isUniqueViolation(error) ? taken() : error;
    });
    const result = await startSession(
      deps,
      tx,
      { id: userId, username: login, full_name: input.fullName },
      input,
    );
    await appendAudit(tx, { ...context, actor: result.actor }, deps.clock.now(), {
      action: 'auth.register',
      targetType: 'user',
      targetId: userId,
    });
    return result;
  });
}
