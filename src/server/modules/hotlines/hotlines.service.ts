// The hotline directory: the chairperson's, the unit leaders' and each unit's numbers for feedback
// about procedures, kept by administrators; every change is audited in its own transaction.
import { AppError } from '../../../shared/errors.js';
import type { THotlineInput } from '../../../shared/hotlines/schema.js';
import { requireAccess } from '../../auth/access.js';
import type { ActionContext, Actor, AppDeps } from '../../context.js';
import { appendAudit } from '../audit/audit.repository.js';
import {
  deleteHotline as deleteHotlineRow,
  findHotline,
  findHotlines,
  type HotlineRow,
  insertHotline,
  updateHotline as updateHotlineRow,
} from './hotlines.repository.js';

export type { HotlineRow };

/** The whole directory, in reading order. */
export async function listHotlines(deps: AppDeps): Promise<HotlineRow[]> {
  return findHotlines(deps.database.db);
}

export async function getHotline(deps: AppDeps, id: number): Promise<HotlineRow> {
  const row = await findHotline(deps.database.db, id);
  if (!row) throw new AppError('HOTLINE_NOT_FOUND');
  return row;
}

/** Administrators only: the directory's management pages call this first. */
export function requireHotlinesManager(actor: Actor | null): Actor {
  return requireAccess(actor, 'hotlines.manage');
}

const auditDetails = (input: THotlineInput) => ({
  kind: input.kind,
  position: input.position,
  personName: input.personName,
  phone: input.phone,
  note: input.note,
  sortOrder: input.sortOrder,
});

export async function createHotline(
  deps: AppDeps,
  context: ActionContext,
  input: THotlineInput,
): Promise<HotlineRow> {
  requireAccess(context.actor, 'hotlines.manage');
  const now = deps.clock.now();
  const id = await deps.database.db.transaction().execute(async (tx) => {
    const id = await insertHotline(tx, input, now);
    await appendAudit(tx, context, now, {
      action: 'hotlines.create',
      targetType: 'hotline',
      targetId: id,
      details: auditDetails(input),
    });
    return id;
  });
  return getHotline(deps, id);
}

export async function updateHotline(
  deps: AppDeps,
  context: ActionContext,
  id: number,
  input: THotlineInput,
): Promise<HotlineRow> {
  requireAccess(context.actor, 'hotlines.manage');
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (tx) => {
    const before = await findHotline(tx, id);
    if (!before || !(await updateHotlineRow(tx, id, input, now))) throw new AppError('HOTLINE_NOT_FOUND');
    await appendAudit(tx, context, now, {
      action: 'hotlines.update',
      targetType: 'hotline',
      targetId: id,
      details: { before: { phone: before.phone, position: before.position }, ...auditDetails(input) },
    });
  });
  return getHotline(deps, id);
}

export async function deleteHotline(deps: AppDeps, context: ActionContext, id: number): Promise<void> {
  requireAccess(context.actor, 'hotlines.manage');
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (tx) => {
    const before = await findHotline(tx, id);
    if (!before || !(await deleteHotlineRow(tx, id))) throw new AppError('HOTLINE_NOT_FOUND');
    await appendAudit(tx, context, now, {
      action: 'hotlines.delete',
      targetType: 'hotline',
      targetId: id,
      details: {
        kind: before.kind,
        position: before.position,
        personName: before.person_name,
        phone: before.phone,
      },
    });
  });
}
