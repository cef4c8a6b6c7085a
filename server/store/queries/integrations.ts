import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db.ts';
import type { EnvironmentKind, IntegrationsTable } from '../schema.ts';

/** An integration row with the environment it belongs to. */
export type IntegrationRow = Selectable<IntegrationsTable> & { environment_kind: EnvironmentKind; tenant_id: string };

/** Where to look: one environment (API keys) or a whole tenant (operators). */
export type IntegrationScope = { environmentId: string } | { tenantId: string };

function scoped(db: Db, scope: IntegrationScope) {
  const query = db
    .selectFrom('integrations')
    .innerJoin('environments', 'environments.id', 'integrations.environment_id')
    .selectAll('integrations')
    .select(['environments.kind as environment_kind', 'environments.tenant_id']);
  return 'environmentId' in scope
    ? query.where('integrations.environment_id', '=', scope.environmentId)
    : query.where('environments.tenant_id', '=', scope.tenantId);
}

/** One integration by ID, only if it is in `scope`; `forUpdate` locks the row inside a transaction. */
export async function findIntegrationRow(
  db: Db,
  id: string,
  scope: IntegrationScope,
  options: { forUpdate?: boolean } = {},
): Promise<IntegrationRow | undefined> {
  let query = scoped(db, scope).where('integrations.id', '=', id);
  if (options.forUpdate) query = query.forUpdate('integrations');
  return query.executeTakeFirst();
}

/** Integrations in `scope`, newest first, optionally of one environment kind. */
export async function listIntegrationRows(db: Db, scope: IntegrationScope, kind?: EnvironmentKind): Promise<IntegrationRow[]> {
  let query = scoped(db, scope);
  if (kind) query = query.where('environments.kind', '=', kind);
  return query.orderBy('integrations.created_at', 'desc').orderBy('integrations.id').execute();
}

export async function insertIntegrationRow(db: Db, values: Insertable<IntegrationsTable>): Promise<void> {
  await db.insertInto('integrations').values(values).execute();
}

export async function updateIntegrationRow(db: Db, id: string, set: Updateable<IntegrationsTable>): Promise<void> {
  await db.updateTable('integrations').set(set).where('id', '=', id).execute();
}

/** Deletes an integration; links, activation tokens and synced data go with it (ON DELETE CASCADE). */
export async function deleteIntegrationRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('integrations').where('id', '=', id).execute();
}

/** Records an API request for the integration unless one was recorded after `notAfter` already. */
export async function touchIntegrationRow(db: Db, id: string, now: Date, notAfter: Date): Promise<void> {
  await db
    .updateTable('integrations')
    .set({ last_api_request_at: now })
    .where('id', '=', id)
    .where('last_api_request_at', '<=', notAfter)
    .execute();
}

/**
 * Sets ACTIVE development integrations with no API request since `cutoff` to INACTIVE (reason STALE), in one
 * conditional statement, so racing instances agree. `only` narrows it to one integration or one tenant.
 * Returns the IDs it changed.
 */
export async function markStaleRows(db: Db, now: Date, cutoff: Date, only: { id?: string; tenantId?: string } = {}): Promise<string[]> {
  let query = db
    .updateTable('integrations')
    .set({ status: 'INACTIVE', inactive_reason: 'STALE', updated_at: now })
    .where('status', '=', 'ACTIVE')
    .where('last_api_request_at', '<=', cutoff)
    .where('environment_id', 'in', (eb) => {
      const environments = eb.selectFrom('environments').select('id').where('kind', '=', 'development');
      return only.tenantId === undefined ? environments : environments.where('tenant_id', '=', only.tenantId);
    });
  if (only.id !== undefined) query = query.where('id', '=', only.id);
  const rows = await query.returning('id').execute();
  return rows.map((r) => r.id);
}
