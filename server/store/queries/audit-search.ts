import { type Selectable, sql } from 'kysely';
import type { Db } from '../db.ts';
import type { AuditLogTable } from '../schema.ts';

/** What the audit page filters on; every field optional, all of them combined. */
export interface AuditFilter {
  /** Part of the actor (`user:<id>`, `cli:...`, `system`), case-insensitive. */
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  /** Only rows older than this `seq` (the keyset cursor). */
  beforeSeq?: number;
}

/** A tenant's audit rows matching `filter`, newest first, at most `limit`. */
export async function searchAuditRows(db: Db, tenantId: string, filter: AuditFilter, limit: number): Promise<Selectable<AuditLogTable>[]> {
  let q = db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId);
  // strpos, not LIKE: the user's text is matched literally, `%` and `_` included.
  if (filter.actor) q = q.where(sql<boolean>`strpos(lower(actor), ${filter.actor.toLowerCase()}) > 0`);
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.targetType) q = q.where('target_type', '=', filter.targetType);
  if (filter.targetId) q = q.where('target_id', '=', filter.targetId);
  if (filter.from) q = q.where('created_at', '>=', filter.from);
  if (filter.to) q = q.where('created_at', '<', filter.to);
  if (filter.beforeSeq !== undefined) q = q.where('seq', '<', filter.beforeSeq);
  return q.orderBy('seq', 'desc').limit(limit).execute();
}
