import type { AppDeps } from '../deps.ts';
import { STALE_INTEGRATIONS_QUEUE } from '../domain/jobs/queues.ts';
import { markStaleIntegrations } from '../domain/lifecycle.ts';
import { startSyncWorkers, type SyncWorkerOptions } from '../domain/sync/sync-jobs.ts';
import { startWebhookWorkers } from '../domain/webhooks/webhook-jobs.ts';
import { startLogRetentionWorker } from './log-retention.worker.ts';
import { startStoreMaintenanceWorker } from './store-maintenance.worker.ts';

/**
 * Every background worker of a process: syncs (queued, scheduled, interrupted ones re-queued), the
 * hourly stale-integrations sweep, webhook deliveries with their outbox retention, the request log
 * retention and, on the embedded store, its autovacuum. `npm start` runs them beside the API; `npm run worker` runs only
 * them. Resolves with the function that stops taking new jobs (running ones are left to the queue's
 * stop, which waits for them).
 */
export async function startWorkers(deps: AppDeps, options: SyncWorkerOptions = {}): Promise<() => Promise<void>> {
  const stopSyncs = await startSyncWorkers(deps, options);
  const stopSweep = await deps.jobs.work(STALE_INTEGRATIONS_QUEUE, async () => {
    const ids = await markStaleIntegrations(deps);
    if (ids.length) deps.logger.info({ integrations: ids.length }, 'development integrations unused for 14 days marked INACTIVE');
  });
  await deps.jobs.schedule(STALE_INTEGRATIONS_QUEUE, '17 * * * *');
  // Webhook deliveries (drain jobs) and the hourly outbox retention sweep.
  const stopWebhooks = await startWebhookWorkers(deps);
  // The hourly request log retention sweep.
  const stopLogRetention = await startLogRetentionWorker(deps);
  // PostgreSQL's own autovacuum daemon does this on a server; PGlite has none.
  const stopMaintenance = deps.storeKind === 'pglite' ? await startStoreMaintenanceWorker(deps) : async () => {};
  return async () => {
    await stopMaintenance();
    await stopLogRetention();
    await stopWebhooks();
    await stopSweep();
    await stopSyncs();
  };
}
