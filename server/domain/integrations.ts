import type { Db } from '../store/db.ts';
import {
  deleteIntegrationRow,
  findIntegrationRow,
  type IntegrationRow,
  type IntegrationScope,
  listIntegrationRows,
  updateIntegrationRow,
} from '../store/queries/integrations.ts';
import type { EnvironmentKind, IntegrationStatus, SetupStatus } from '../store/schema.ts';
import { appendAudit } from './audit.ts';
import { openCredentials } from './credentials-crypto.ts';
import type { Actor, DomainDeps } from './deps.ts';
import { AppError } from './errors.ts';
import { CredentialsUnreadableError, type HealthLogger, markIntegrationInvalid } from './integration-health.ts';
import { derivedId } from './ids.ts';
import { integrationDeleted } from './webhooks/events.ts';
import { recordEvent, recordIntegrationStateChanged } from './webhooks/record-event.ts';

export type { IntegrationScope };

/** An integration as the domain sees it: never its credentials. */
export interface IntegrationRecord {
  id: string;
  tenantId: string;
  environmentId: string;
  environment: EnvironmentKind;
  tool: string;
  category: 'HRIS' | 'ATS' | 'ASSESSMENT' | 'LMS';
  status: IntegrationStatus;
  inactiveReason: 'MANUAL' | 'STALE' | null;
  setupStatus: SetupStatus;
  endUser: { email: string | null; organizationName: string; originId: string | null };
  scopeConfigId: string;
  remoteEnvironment: string | null;
  createdAt: Date;
  updatedAt: Date;
  lastApiRequestAt: Date;
  dataExpiredAt: Date | null;
}

/** Maps a stored row to the domain record (drops the sealed credentials). */
export function toIntegrationRecord(row: IntegrationRow): IntegrationRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    environmentId: row.environment_id,
    environment: row.environment_kind,
    tool: row.tool,
    category: row.category as IntegrationRecord['category'],
    status: row.status,
    inactiveReason: row.inactive_reason,
    setupStatus: row.setup_status,
    endUser: { email: row.end_user_email, organizationName: row.end_user_organization_name, originId: row.end_user_origin_id },
    scopeConfigId: row.scope_config_id,
    remoteEnvironment: row.remote_environment,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastApiRequestAt: row.last_api_request_at,
    dataExpiredAt: row.data_expired_at,
  };
}

/** The one scope config every environment has until scope configs become configurable. */
export const DEFAULT_SCOPE_CONFIG_NAME = 'Default';

/** The stable ID of an environment's default scope config. */
export const defaultScopeConfigId = (environmentId: string): string => derivedId('scope-config', environmentId, 'default');

/** INTEGRATION_NOT_FOUND: also the answer for integrations of another environment or tenant. */
export const integrationNotFound = (id: string, scope: IntegrationScope): AppError =>
  new AppError(
    'PLATFORM.INTEGRATION_NOT_FOUND',
    `No integration with ID '${id}' exists in this ${'environmentId' in scope ? 'environment' : 'tenant'}.`,
  );

/** One integration in `scope`, or INTEGRATION_NOT_FOUND. */
export async function getIntegration(db: Db, scope: IntegrationScope, id: string): Promise<IntegrationRecord> {
  const row = await findIntegrationRow(db, id, scope);
  if (!row) throw integrationNotFound(id, scope);
  return toIntegrationRecord(row);
}

/** Integrations in `scope`, newest first, optionally of one environment kind. */
export async function listIntegrations(db: Db, scope: IntegrationScope, kind?: EnvironmentKind): Promise<IntegrationRecord[]> {
  return (await listIntegrationRows(db, scope, kind)).map(toIntegrationRecord);
}

/** The decrypted credentials of an integration, for the code that talks to its tool (never for a response). */
export async function loadIntegrationCredentials(deps: DomainDeps & { logger?: HealthLogger }, integrationId: string): Promise<Record<string, string>> {
  const row = await deps.db
    .selectFrom('integrations')
    .select(['credentials_key_id', 'credentials_ciphertext'])
    .where('id', '=', integrationId)
    .executeTakeFirst();
  if (!row) throw new AppError('PLATFORM.INTEGRATION_NOT_FOUND', `No integration with ID '${integrationId}' exists.`);
  try {
    return openCredentials(deps.secret, integrationId, { keyId: row.credentials_key_id, ciphertext: row.credentials_ciphertext });
  } catch {
    // The crypto error says nothing useful to a caller and must not reach a response, a sync status or a log.
    await markIntegrationInvalid(deps, integrationId, 'credentials_unreadable');
    throw new CredentialsUnreadableError(integrationId);
  }
}

/** What the audit log keeps of an integration: its state, never credentials or end-user contact data. */
const auditView = (r: IntegrationRecord) => ({
  tool: r.tool,
  environment: r.environment,
  status: r.status,
  inactive_reason: r.inactiveReason,
  end_user_organization_name: r.endUser.organizationName,
});

/**
 * Enables (`true`: INACTIVE becomes ACTIVE and the staleness clock restarts) or disables (`false`:
 * INACTIVE, reason MANUAL) an integration, with an audit row when its state changes. INVALID stays
 * INVALID on enable: only a relink with working credentials fixes it.
 */
export async function setIntegrationEnabled(
  deps: DomainDeps,
  by: Actor,
  scope: IntegrationScope,
  id: string,
  value: boolean,
): Promise<IntegrationRecord> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await findIntegrationRow(trx, id, scope, { forUpdate: true });
    if (!row) throw integrationNotFound(id, scope);
    const before = toIntegrationRecord(row);
    const now = deps.clock();
    const status: IntegrationStatus = value ? (before.status === 'INACTIVE' ? 'ACTIVE' : before.status) : 'INACTIVE';
    const inactiveReason = status === 'INACTIVE' ? 'MANUAL' : null;
    const changed = status !== before.status || inactiveReason !== before.inactiveReason;
    await updateIntegrationRow(trx, id, {
      status,
      inactive_reason: inactiveReason,
      last_api_request_at: now,
      ...(changed ? { updated_at: now } : {}),
    });
    const after: IntegrationRecord = {
      ...before,
      status,
      inactiveReason,
      lastApiRequestAt: now,
      updatedAt: changed ? now : before.updatedAt,
    };
    if (changed) {
      await recordIntegrationStateChanged(trx, id, now, deps.jobs);
      await appendAudit(trx, by, {
        tenantId: before.tenantId,
        environmentId: before.environmentId,
        action: value ? 'integration.enabled' : 'integration.disabled',
        targetType: 'integration',
        targetId: id,
        before: auditView(before),
        after: auditView(after),
        at: now,
      }, deps.secret);
    }
    return after;
  });
}

/**
 * Deletes an integration for good: its sealed credentials, links, activation tokens and synced data
 * (cascading foreign keys), with an audit row in the same transaction.
 */
export async function deleteIntegration(deps: DomainDeps, by: Actor, scope: IntegrationScope, id: string): Promise<IntegrationRecord> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await findIntegrationRow(trx, id, scope, { forUpdate: true });
    if (!row) throw integrationNotFound(id, scope);
    const before = toIntegrationRecord(row);
    const now = deps.clock();
    await deleteIntegrationRow(trx, id);
    await recordEvent(trx, integrationDeleted(before, now), now, { jobs: deps.jobs });
    await appendAudit(trx, by, {
      tenantId: before.tenantId,
      environmentId: before.environmentId,
      action: 'integration.deleted',
      targetType: 'integration',
      targetId: id,
      before: auditView(before),
      after: null,
      at: now,
    }, deps.secret);
    return before;
  });
}
