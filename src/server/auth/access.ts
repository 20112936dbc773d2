import { grantsAllow, type Permission } from '../../shared/auth/roles.js';
import { AppError } from '../../shared/errors.js';
import type { Actor } from '../context.js';

/**
 * The first line of every service that needs a permission: throws 401 when nobody is signed in,
 * 403 when the person's roles (within `unitPath`, the unit and its ancestors, when given) do not allow it.
 */
export function requireAccess(
  actor: Actor | null,
  permission: Permission,
  unitPath?: readonly number[],
): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (!grantsAllow(actor.grants, permission, unitPath)) throw new AppError('FORBIDDEN');
  return actor;
}
