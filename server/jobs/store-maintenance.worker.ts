import type { AppDeps } from '../deps.ts';
import { STORE_MAINTENANCE_KEY, STORE_MAINTENANCE_QUEUE } from '../domain/jobs/queues.ts';
import { maintainEmbeddedStore } from '../domain/store-maintenance.ts';

/** How often the embedded store's tables are checked: every 5 minutes. */
export const STORE_MAINTENANCE_CRON = '*/5 * * * *';

/**
 * The embedded store's autovacuum job (PostgreSQL has its daemon): every 5 minutes, and once at start so a
 * server that was just filled does not wait for the first tick. Resolves with its stop.
 */
export async function startStoreMaintenanceWorker(deps: AppDeps): Promise<() => Promise<void>> {
  const stop = await deps.jobs.work(STORE_MAINTENANCE_QUEUE, async () => {
    const done = await maintainEmbeddedStore(deps.db);
    if (done.length) deps.logger.debug({ tables: done }, 'embedded store: tables vacuumed or analyzed');
  });
  await deps.jobs.schedule(STORE_MAINTENANCE_QUEUE, STORE_MAINTENANCE_CRON);
  await deps.jobs.send(STORE_MAINTENANCE_QUEUE, {}, { singletonKey: STORE_MAINTENANCE_KEY });
  return stop;
}
