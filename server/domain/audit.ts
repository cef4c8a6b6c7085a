import type { Selectable } from 'kysely';
import type { Db } from '../store/db.ts';
import type { AuditLogTable } from '../store/schema.ts';
import type { Actor } from './deps.ts';
import { advanceChain, chainHash, lockChainHead } from './audit-chain.ts';
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

/** What the audit chain hashes of a row: everything it says, in a fixed shape. */
export const auditContent = (row: {
  id: string;
  tenant_id: string;
  environment_id: string | null;
  actor: string;
  source: string;
  action: string;
  target_type: string;
  target_id: string;
  before: unknown;
  after: unknown;
  created_at: Date;
}) => [
  row.id,
  row.tenant_id,
  row.environment_id,
  row.actor,
  row.source,
  row.action,
  row.target_type,
  row.target_id,
  row.before ?? null,
  row.after ?? null,
  row.created_at.toISOString(),
];

/**
 * Appends one audit row, chained to the previous one by a keyed hash (see audit-chain.ts). Always pass
 * the transaction of the change it records; the chain head's lock orders concurrent appends.
 */
export async function appendAudit(trx: Db, by: Actor, entry: AuditEntry, secret: Buffer): Promise<void> {
  const row = {
    id: newId(),
    tenant_id: entry.tenantId,
    environment_id: entry.environmentId,
    actor: by.actor,
    source: by.source,
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId,
    before: entry.before,
    after: entry.after,
    created_at: entry.at,
  };
  const prevHash = await lockChainHead(trx, 'audit_log');
  const hash = chainHash(secret, 'audit_log', prevHash, auditContent(row));
  await trx
    .insertInto('audit_log')
    .values({
      ...row,
      before: entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === null ? null : JSON.stringify(entry.after),
      prev_hash: prevHash,
      hash,
    })
    .execute();
  await advanceChain(trx, 'audit_log', hash);
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
  return rows.reverse().map(toAuditRecord);
}

/** An audit row as the rest of Plugboard reads it. */
export const toAuditRecord = (r: Selectable<AuditLogTable>): AuditRecord => ({
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
});
