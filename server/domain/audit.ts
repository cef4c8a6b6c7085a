import type { Db } from '../store/db.ts';
import type { Actor } from './deps.ts';
import { newId } from './ids.ts';

export interface AuditEntry {
  tenantId: string;
  environmentId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: Date;
}

/** Appends one audit row. Always pass the transaction of the change it records. */
export async function appendAudit(trx: Db, by: Actor, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      id: newId(),
      tenant_id: entry.tenantId,
      environment_id: entry.environmentId,
      actor: by.actor,
      source: by.source,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      before: entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === null ? null : JSON.stringify(entry.after),
      created_at: entry.at,
    })
    .execute();
}

export interface AuditRecord {
  id: string;
  at: Date;
  actor: string;
  source: string;
  action: string;
  environmentId: string | null;
  targetType: string;
  targetId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The tenant's audit trail, oldest first, optionally only the last `limit` entries. */
export async function listAudit(db: Db, tenantId: string, limit = 100): Promise<AuditRecord[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse().map((r) => ({
    id: r.id,
    at: r.created_at,
    actor: r.actor,
    source: r.source,
    action: r.action,
    environmentId: r.environment_id,
    targetType: r.target_type,
    targetId: r.target_id,
    before: r.before,
    after: r.after,
  }));
}
