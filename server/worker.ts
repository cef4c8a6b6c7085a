import { createDeps } from './composition-root.ts';
import { loadConfig } from './config.ts';
import { startWorkers } from './jobs/workers.ts';
import { createLogger } from './logger.ts';
import { stopOnSignals } from './shutdown.ts';
import { SYNC_GRACE_MS } from './start.ts';
import { limitHeapGrowth } from './threads/heap-growth.ts';

/**
 * `npm run worker`: the background workers only (syncs, schedules, sweeps, webhook deliveries), no API. On PostgreSQL any
 * number of these run beside any number of API servers; SIGTERM lets running syncs finish (up to
 * SYNC_GRACE_MS) and leaves the rest to be resumed by another worker.
 */
async function main(): Promise<void> {
  limitHeapGrowth();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const { deps, store, close } = await createDeps(config, logger);
  const stopWorkers = await startWorkers(deps);
  logger.info({ store: store.kind }, 'Plugboard worker running');
  stopOnSignals(logger, 'the Plugboard worker', async () => {
    await stopWorkers();
    await close({ graceMs: SYNC_GRACE_MS });
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
