import { failStaleRuns, queueDueRuns } from '../../store/queries/hris-sync-runs.ts';
import { newId } from '../ids.ts';
import type { SyncDeps } from './sync-deps.ts';
import { drainSyncQueue } from './worker.ts';

export interface SchedulerOptions {
  /** How often each ACTIVE integration syncs. @default 3 hours */
  intervalMs?: number;
  /** How often this process looks for due syncs and queued runs. @default 30 seconds */
  pollMs?: number;
  /** A RUNNING sync whose worker has been silent this long is failed so it can run again. @default 15 minutes */
  staleAfterMs?: number;
  /** Only schedule integrations of these environments (e.g. an instance dedicated to some tenants). @default all */
  environmentIds?: string[];
}

/**
 * Starts periodic syncing in this process: every `pollMs` it fails runs of crashed workers, queues a
 * sync for each integration not synced within `intervalMs`, and runs the queue. Every server process
 * may run one; on PostgreSQL the queue hands each run to exactly one of them.
 * Returns a stop function that clears the timer and waits for the sync in progress.
 */
export function startSyncScheduler(deps: SyncDeps, options: SchedulerOptions = {}): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 3 * 60 * 60 * 1000;
  const staleAfterMs = options.staleAfterMs ?? 15 * 60 * 1000;
  const tools = () => deps.connectors.list().filter((c) => c.source).map((c) => c.tool.id);
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    running = (async () => {
      const now = deps.clock();
      await failStaleRuns(deps.db, new Date(now.getTime() - staleAfterMs), now);
      await queueDueRuns(deps.db, tools(), new Date(now.getTime() - intervalMs), now, newId, options.environmentIds);
      await drainSyncQueue(deps);
    })().catch((err: unknown) => deps.logger?.error({ err }, 'sync scheduler tick failed'));
  };
  const timer = setInterval(tick, options.pollMs ?? 30_000);
  timer.unref();
  tick();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
