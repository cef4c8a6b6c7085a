import { type MessagePort, parentPort, threadId, workerData } from 'node:worker_threads';
import { createDeps, type DepsConfig } from '../composition-root.ts';
import type { SyncWorkerOptions } from '../domain/sync/sync-jobs.ts';
import { createLogger, logDestination } from '../logger.ts';
import { openStoreOverPort } from '../store/db.ts';
import { lowerThreadPriority } from '../threads/thread-priority.ts';
import { startWorkers } from './workers.ts';

// The sync thread of `npm start`: the background workers (syncs, schedules, sweeps) with a dependency
// graph of their own (their own PostgreSQL pool, or a port to the embedded store's thread), so that a
// sync's fetching, mapping, hashing, rendering and writing never run on the API's event loop.

/** What the server hands to its sync thread (all of it survives structured cloning). */
export interface SyncThreadData {
  config: DepsConfig;
  log: { level: string; format: 'json' | 'pretty' | undefined; isTTY: boolean };
  /** The server's secret (so the thread never generates or reads one of its own). */
  secret: Uint8Array;
  /** Embedded store: a port to the thread that owns it. Absent on PostgreSQL (the thread opens its own pool). */
  storePort?: MessagePort;
  workers: SyncWorkerOptions;
}

/** From the server to the thread. */
export type SyncThreadCommand = { type: 'stop'; graceMs: number };
/** From the thread to the server. */
export type SyncThreadStatus = { type: 'running' } | { type: 'stopped' };

/** The sync workers' pool on PostgreSQL: a sync holds one connection at a time, the sweeps and queue a few. */
const SYNC_THREAD_POOL_SIZE = 4;

async function main(): Promise<void> {
  const data = workerData as SyncThreadData;
  // Syncs are background work beside the API: under load the API's thread gets the CPU first. The bench's
  // check-api-key p99 during a 10k sync, with / without, on the embedded store: 1.52x and 0.94x / 2.18x
  // and 1.70x of idle. On PostgreSQL, where the sync thread now does most of a sync's work (rendering,
  // encoding its COPY data): 1.34x and 1.07x / 1.58x and 1.94x, during p99 43-45 ms against 60-63 ms,
  // runs alternated (before COPY, when the database did most of it, lowering measured worse there).
  lowerThreadPriority();
  const control = parentPort!;
  const logger = createLogger(data.log.level, logDestination(data.log.format, data.log.isTTY)).child({ thread: 'sync' });
  const store = data.storePort ? openStoreOverPort(data.storePort) : undefined;
  const { deps, close } = await createDeps(data.config, logger, { store, secret: Buffer.from(data.secret), poolSize: SYNC_THREAD_POOL_SIZE });
  // Runs name their worker thread too: a restarted thread is another worker, whose sweep resumes the old one's syncs.
  deps.workerId = `pid-${process.pid}-sync-thread-${threadId}`;
  const stopWorkers = await startWorkers(deps, data.workers);
  control.on('message', (command: SyncThreadCommand) => {
    if (command.type !== 'stop') return;
    void (async () => {
      try {
        await stopWorkers();
        await close({ graceMs: command.graceMs });
        await store?.close();
      } finally {
        control.postMessage({ type: 'stopped' } satisfies SyncThreadStatus);
        // Ends this thread only (pg-boss and pool timers would otherwise keep it alive).
        process.exit(0);
      }
    })();
  });
  control.postMessage({ type: 'running' } satisfies SyncThreadStatus);
}

// A failure to start surfaces as the Worker's 'error' event: the server logs it and starts the thread again.
void main();
