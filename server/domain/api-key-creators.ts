import { sql } from 'kysely';
import type { Db } from '../store/db.ts';

/**
 * Who created each of these keys, from the audit rows of their creation (keys keep no creator column):
 * a console user's email, else the actor as audited (`cli`, `api-key:<id>`). Keys without such a row
 * are absent from the map.
 */
export async function apiKeyCreators(db: Db, tenantId: string, keyIds: readonly string[]): Promise<Map<string, string>> {
  if (keyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('audit_log')
    // Console users act as `user:<id>` (userActor).
    .leftJoin('console_users', (join) => join.onRef('console_users.tenant_id', '=', 'audit_log.tenant_id').on(sql<boolean>`audit_log.actor = 'user:' || console_users.id`))
    .select(['audit_log.target_id', 'audit_log.actor', 'console_users.email'])
    .where('audit_log.tenant_id', '=', tenantId)
    .where('audit_log.action', '=', 'api_key.created')
    .where('audit_log.target_id', 'in', keyIds)
    .execute();
  return new Map(rows.map((r) => [r.target_id, r.email ?? r.actor]));
}
