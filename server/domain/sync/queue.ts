import { findActiveRun, insertQueuedRun } from '../../store/queries/hris-sync-runs.ts';
import type { DomainDeps } from '../deps.ts';
import { newId } from '../ids.ts';

export type SyncType = 'FULL' | 'DELTA';
export type SyncTrigger = 'INITIAL' | 'SCHEDULED' | 'FORCED';

/** The answer of `POST /v1/force-sync`. */
export interface SyncRequestResult {
  alreadyQueued: boolean;
  syncId: string;
  type: SyncType;
}

/**
 * Queues a sync unless one is already queued or running for the integration; then the existing one's
 * ID and type come back with `alreadyQueued: true` (the requested type may differ from the returned).
 */
export async function requestSync(deps: DomainDeps, integrationId: string, type: SyncType, trigger: SyncTrigger): Promise<SyncRequestResult> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const inserted = await insertQueuedRun(deps.db, { id: newId(), integrationId, type, trigger, queuedAt: deps.clock() });
    if (inserted) return { alreadyQueued: false, syncId: inserted.id, type: inserted.type };
    const active = await findActiveRun(deps.db, integrationId);
    // The active run may have finished between the two statements: then try to queue again.
    if (active) return { alreadyQueued: true, syncId: active.id, type: active.type };
  }
  throw new Error(`Could not queue a sync for ${integrationId}.`);
}
