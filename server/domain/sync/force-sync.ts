import type { Db } from '../../store/db.ts';
import type { DomainDeps } from '../deps.ts';
import { inputInvalid } from '../errors.ts';
import { requestSync, type SyncRequestResult, type SyncType } from './queue.ts';

/**
 * `POST /v1/force-sync`: queues a sync of an integration whose tool has a data source (INPUT_INVALID
 * otherwise), or answers the one already queued or running.
 */
export async function forceSync(
  deps: DomainDeps,
  integration: { id: string; tool: string },
  type: SyncType,
  onQueued?: (trx: Db, queued: SyncRequestResult) => Promise<void>,
): Promise<SyncRequestResult> {
  if (!deps.connectors.get(integration.tool)?.source) throw inputInvalid(`Integrations of tool '${integration.tool}' cannot be synced.`);
  return requestSync(deps, integration.id, type, 'FORCED', undefined, onQueued);
}
