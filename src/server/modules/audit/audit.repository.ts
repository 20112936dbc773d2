import type { ActionContext, Queryable } from '../../context.js';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | number | null;
  details?: Record<string, unknown>;
}

/** Appends one audit row; call it inside the transaction of the change it records. */
export async function appendAudit(
  db: Queryable,
  context: ActionContext,
  at: Date,
  entry: AuditEntry,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at,
      actor_id: context.actor?.userId ?? null,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId),
      request_id: context.requestId,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

export async function listAuditEntries(
  db: Queryable,
  filter: { targetType?: string; targetId?: string; limit?: number },
) {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100);
  if (filter.targetType) query = query.where('target_type', '=', filter.targetType);
  if (filter.targetId) query = query.where('target_id', '=', filter.targetId);
  return query.execute();
}
