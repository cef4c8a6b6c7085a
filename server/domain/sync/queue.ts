import type { Db } from '../../store/db.ts';
import { findActiveRun, insertQueuedRun, requeueStaleRuns } from '../../store/queries/hris-sync-runs.ts';
import type { DomainDeps } from '../deps.ts';
import { newId } from '../ids.ts';
import { SYNC_QUEUE } from '../jobs/queues.ts';

export type SyncType = 'FULL' | 'DELTA';
export type SyncTrigger = 'INITIAL' | 'SCHEDULED' | 'FORCED';

/** Seconds a RUNNING sync's worker may stay silent before it is presumed dead. @default 30 */
export const SYNC_STALE_SECONDS = 30;

/** The answer of `POST /v1/force-sync`. */
export interface SyncRequestResult {
  alreadyQueued: boolean;
  syncId: string;
  type: SyncType;
}

/**
 * Puts runs whose worker went silent for `staleSeconds` (a killed process) back in the queue: each is
 * QUEUED again with a new job in one transaction, then the dead worker's job is failed so the
 * integration's singleton slot frees at once. `runId` limits it to one run. Returns how many.
 */
export async function requeueInterruptedSyncs(deps: DomainDeps, staleSeconds = SYNC_STALE_SECONDS, runId?: string): Promise<number> {
  const runs = await deps.db.transaction().execute(async (trx) => {
    const stale = await requeueStaleRuns(trx, staleSeconds, runId);
    for (const run of stale) await deps.jobs.send(SYNC_QUEUE, { runId: run.id }, { singletonKey: run.integration_id, trx });
    return stale;
  });
  for (const run of runs) if (run.job_id) await deps.jobs.fail(SYNC_QUEUE, run.job_id);
  return runs.length;
}

/**
 * Queues a sync unless one is already queued or running for the integration; then the existing one's
 * ID and type come back with `alreadyQueued: true` (the requested type may differ from the returned).
 * The run row and its job are written in one transaction (`trx` when the caller has one), so a queued
 * run always has a job. A running sync whose worker died is re-queued first, never answered as is.
 */
export async function requestSync(
  deps: DomainDeps,
  integrationId: string,
  type: SyncType,
  trigger: SyncTrigger,
  trx?: Db,
  /** Runs in the queueing transaction once a new run is queued (e.g. its audit row); not for an already queued one. */
  onQueued?: (trx: Db, queued: SyncRequestResult) => Promise<void>,
): Promise<SyncRequestResult> {
  if (!trx) {
    const active = await findActiveRun(deps.db, integrationId);
    if (active?.status === 'RUNNING') await requeueInterruptedSyncs(deps, SYNC_STALE_SECONDS, active.id);
  }
  const queue = async (db: Db): Promise<SyncRequestResult> => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const inserted = await insertQueuedRun(db, { id: newId(), integrationId, type, trigger, queuedAt: deps.clock() });
      if (inserted) {
        await deps.jobs.send(SYNC_QUEUE, { runId: inserted.id }, { singletonKey: integrationId, trx: db });
        const queued: SyncRequestResult = { alreadyQueued: false, syncId: inserted.id, type: inserted.type };
        await onQueued?.(db, queued);
        return queued;
      }
      const active = await findActiveRun(db, integrationId);
      // The active run may have finished between the two statements: then try to queue again.
      if (active) return { alreadyQueued: true, syncId: active.id, type: active.type };
    }
    throw new Error(`Could not queue a sync for ${integrationId}.`);
  };
  return trx ? queue(trx) : deps.db.transaction().execute(queue);
}
