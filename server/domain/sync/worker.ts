import { claimQueuedRun } from '../../store/queries/hris-sync-runs.ts';
import { requestSync } from './queue.ts';
import { executeRun } from './run-sync.ts';
import type { SyncDeps } from './sync-deps.ts';

/** One drain at a time per deps object (i.e. per app/server): more would only contend for the store. */
const draining = new WeakMap<object, Promise<number>>();

const workerName = (deps: SyncDeps) => deps.workerId ?? `pid-${process.pid}`;

/**
 * Runs queued syncs until the queue is empty and resolves with how many ran. Safe to call from any
 * number of processes on PostgreSQL: each run is claimed by exactly one worker. Calls while a drain
 * is in progress join it.
 */
export function drainSyncQueue(deps: SyncDeps): Promise<number> {
  const current = draining.get(deps);
  if (current) return current;
  const run = (async () => {
    let ran = 0;
    try {
      for (;;) {
        const claimed = await claimQueuedRun(deps.db, workerName(deps), deps.clock());
        if (!claimed) return ran;
        await executeRun(deps, claimed);
        ran++;
      }
    } finally {
      draining.delete(deps);
    }
  })();
  draining.set(deps, run);
  return run;
}

/**
 * The hook for a freshly connected (or relinked) integration: queues its sync and runs the queue
 * right away; the first successful sync moves setup_status FINAL_SYNC_PENDING -> COMPLETED.
 */
export async function runInitialSync(deps: SyncDeps, integrationId: string): Promise<void> {
  await requestSync(deps, integrationId, 'FULL', 'INITIAL');
  // A drain already in progress may have claimed its last run before ours was queued: drain again.
  await drainSyncQueue(deps);
  await drainSyncQueue(deps);
}
