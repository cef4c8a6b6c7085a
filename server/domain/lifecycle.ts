import { findIntegrationRow, markStaleRows, touchIntegrationRow } from '../store/queries/integrations.ts';
import type { DomainDeps } from './deps.ts';
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
  const now = deps.clock();
  return markStale(deps, now, options);
}

/** Marks stale integrations INACTIVE with an integration-state-changed event each, in one transaction. */
async function markStale(deps: DomainDeps, now: Date, only: { id?: string; tenantId?: string }): Promise<string[]> {
  return deps.db.transaction().execute(async (trx) => {
    const ids = await markStaleRows(trx, now, new Date(now.getTime() - STALE_AFTER_MS), only);
    for (const id of ids) await recordIntegrationStateChanged(trx, id, now);
    return ids;
  });
}
