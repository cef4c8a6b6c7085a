import { appendAudit } from '../audit.ts';
import type { Actor, DomainDeps } from '../deps.ts';
import { inputInvalid } from '../errors.ts';
import { deleteIntegration, getIntegration, type IntegrationRecord, type IntegrationScope } from '../integrations.ts';
import { assertNotInactive } from '../lifecycle.ts';
import { forceSync } from '../sync/force-sync.ts';
import type { SyncRequestResult } from '../sync/queue.ts';

/**
 * Deletes an integration once the user has typed its organisation name or its ID: the console's typed
 * confirmation, checked here too so no client can skip it. A wrong confirmation changes nothing.
 */
export async function deleteIntegrationConfirmed(
  deps: DomainDeps,
  by: Actor,
  scope: IntegrationScope,
  id: string,
  confirmation: string,
): Promise<IntegrationRecord> {
  const integration = await getIntegration(deps.db, scope, id);
  if (confirmation !== integration.endUser.organizationName && confirmation !== integration.id) {
    throw inputInvalid('To delete this integration, type its organisation name or its ID exactly as shown.');
  }
  return deleteIntegration(deps, by, scope, id);
}

/**
 * Queues a full sync now for an integration of `scope` that is not inactive (as `POST /v1/force-sync`
 * does); a newly queued run is audited in the same transaction (asking again while it waits is not).
 */
export async function forceSyncFromConsole(deps: DomainDeps, by: Actor, scope: IntegrationScope, id: string): Promise<SyncRequestResult> {
  const integration = await getIntegration(deps.db, scope, id);
  assertNotInactive(integration);
  return forceSync(deps, integration, 'FULL', (trx, queued) =>
    appendAudit(
      trx,
      by,
      {
        tenantId: integration.tenantId,
        environmentId: integration.environmentId,
        action: 'integration.sync_forced',
        targetType: 'integration',
        targetId: integration.id,
        before: null,
        after: { sync_id: queued.syncId, type: queued.type },
        at: deps.clock(),
      },
      deps.secret,
    ),
  );
}
