import { findIntegrationRow, markStaleRows, touchIntegrationRow } from '../store/queries/integrations.ts';
import { appendAudit } from './audit.ts';
import type { Actor, DomainDeps } from './deps.ts';
import { AppError } from './errors.ts';
import { integrationNotFound, type IntegrationRecord, toIntegrationRecord } from './integrations.ts';
import type { EnvironmentRef } from './tools.ts';
import { recordIntegrationStateChanged } from './webhooks/record-event.ts';

/** A development integration with no API request for this long becomes INACTIVE (reason STALE). */
export const STALE_AFTER_MS = 14 * 24 * 60 * 60 * 1000;

/** `last_api_request_at` is written at most this often per integration, keeping reads cheap. */
export const LAST_REQUEST_RESOLUTION_MS = 60_000;

/**
 * Every API request that names an integration goes through here: finds it in the caller's environment
 * (another environment's or tenant's integration is "not found"), applies the development staleness
 * rule, and records the request. Returns the integration as it is after that (maybe just made INACTIVE).
 */
export async function accessIntegration(deps: DomainDeps, env: EnvironmentRef, id: string): Promise<IntegrationRecord> {
  const scope = { environmentId: env.environmentId };
  const row = await findIntegrationRow(deps.db, id, scope);
  if (!row) throw integrationNotFound(id, scope);
  const record = toIntegrationRecord(row);
  const now = deps.clock();
  const idle = now.getTime() - record.lastApiRequestAt.getTime();
  if (record.environment === 'development' && record.status === 'ACTIVE' && idle >= STALE_AFTER_MS) {
    await markStale(deps, now, { id });
    return { ...record, status: 'INACTIVE', inactiveReason: 'STALE', updatedAt: now };
  }
  if (idle >= LAST_REQUEST_RESOLUTION_MS) {
    await touchIntegrationRow(deps.db, id, now, new Date(now.getTime() - LAST_REQUEST_RESOLUTION_MS));
    return { ...record, lastApiRequestAt: now };
  }
  return record;
}

/** The answer for an INACTIVE integration on integration-scoped endpoints, saying how to bring it back. */
export function inactiveMessage(record: IntegrationRecord): string {
  const why =
    record.inactiveReason === 'STALE'
      ? 'it received no API request for 14 days (development integrations go inactive when unused)'
      : 'it was disabled';
  return `Integration '${record.id}' is inactive because ${why}. Re-enable it with PUT /v1/integrations/{integration_id}/enabled {"value": true}.`;
}

/** INTEGRATION.INACTIVE for a record that is not ACTIVE-or-INVALID; nothing otherwise. */
export function assertNotInactive(record: IntegrationRecord): void {
  if (record.status === 'INACTIVE') throw new AppError('INTEGRATION.INACTIVE', inactiveMessage(record));
}

/**
 * The periodic sweep (run hourly by the server): every ACTIVE development integration without an API
 * request for 14 days becomes INACTIVE (reason STALE). Production integrations never go stale.
 * `tenantId` limits the sweep to one tenant. Returns the IDs it deactivated.
 */
export async function markStaleIntegrations(deps: DomainDeps, options: { tenantId?: string } = {}): Promise<string[]> {
  return markStale(deps, deps.clock(), options);
}

/** Who makes an integration stale: nobody did, time did. */
export const SYSTEM_ACTOR: Actor = { actor: 'system', source: 'system' };

/** Marks stale integrations INACTIVE with an integration-state-changed event and an audit row each, in one transaction. */
async function markStale({ db, secret, jobs }: DomainDeps, now: Date, only: { id?: string; tenantId?: string }): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const ids = await markStaleRows(trx, now, new Date(now.getTime() - STALE_AFTER_MS), only);
    if (ids.length === 0) return ids;
    for (const id of ids) await recordIntegrationStateChanged(trx, id, now, jobs);
    const rows = await trx
      .selectFrom('integrations')
      .innerJoin('environments', 'environments.id', 'integrations.environment_id')
      .select(['integrations.id', 'integrations.environment_id', 'environments.tenant_id'])
      .where('integrations.id', 'in', ids)
      .execute();
    for (const row of rows) {
      await appendAudit(trx, SYSTEM_ACTOR, {
        tenantId: row.tenant_id,
        environmentId: row.environment_id,
        action: 'integration.stale',
        targetType: 'integration',
        targetId: row.id,
        before: { status: 'ACTIVE', inactive_reason: null },
        after: { status: 'INACTIVE', inactive_reason: 'STALE', idle_for_days: STALE_AFTER_MS / 86_400_000 },
        at: now,
      }, secret);
    }
    return ids;
  });
}
