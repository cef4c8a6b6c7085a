import type { Job } from '../jobs/job-queue.ts';
import { SYNC_QUEUE, SYNC_SCHEDULE_QUEUE } from '../jobs/queues.ts';
import { beatRun, claimRun, lastSucceededFullSyncAt, listDueIntegrations } from '../../store/queries/hris-sync-runs.ts';
import { requestSync, requeueInterruptedSyncs, SYNC_STALE_SECONDS } from './queue.ts';
import { executeRun } from './run-sync.ts';
import type { SyncDeps } from './sync-deps.ts';
import { queueIntegrationDrains } from '../webhooks/drain-endpoint.ts';

/** How often a running sync records that its worker is alive. @default 5 seconds */
export const SYNC_HEARTBEAT_MS = 5_000;

const workerName = (deps: SyncDeps) => deps.workerId ?? `pid-${process.pid}`;

/**
 * The handler of a sync job: claims its run (a run already started or finished is left alone, so a
 * retried or duplicated job never runs a sync twice), keeps its heartbeat fresh while it runs, and
 * executes it. However long the sync takes, no other instance takes it over while the heartbeat lives.
 */
export async function runSyncJob(deps: SyncDeps, job: Job<{ runId: string }>, heartbeatMs = SYNC_HEARTBEAT_MS): Promise<void> {
  const worker = workerName(deps);
  const run = await claimRun(deps.db, job.data.runId, worker, job.id, deps.clock());
  if (!run) return;
  const timer = setInterval(() => {
    beatRun(deps.db, run.id, worker).catch((err: unknown) => deps.logger?.error({ err, syncId: run.id }, 'sync heartbeat failed'));
  }, heartbeatMs);
  try {
    await executeRun(deps, run);
  } finally {
    clearInterval(timer);
  }
  // The success commit writes its webhook events without the job queue: their delivery starts here.
  await queueIntegrationDrains(deps, run.integration_id);
}

/**
 * How long scheduled syncs stay DELTA after a successful FULL one. Sources read only what a change feed
 * names on DELTA syncs; a daily FULL sync is the safety net for anything a feed missed (or events older
 * than its reach). @default 24 hours
 */
export const SCHEDULED_FULL_EVERY_MS = 24 * 60 * 60 * 1000;

/**
 * Queues a SCHEDULED sync for every ACTIVE integration of a syncable tool not synced within
 * `intervalMs` (of the given environments, when given): DELTA, or FULL when no FULL sync succeeded
 * within `fullEveryMs`. Returns how many were queued.
 */
export async function queueScheduledSyncs(deps: SyncDeps, intervalMs: number, environmentIds?: string[], fullEveryMs = SCHEDULED_FULL_EVERY_MS): Promise<number> {
  const tools = deps.connectors.list().filter((c) => c.source).map((c) => c.tool.id);
  const due = await listDueIntegrations(deps.db, tools, new Date(deps.clock().getTime() - intervalMs), environmentIds);
  let queued = 0;
  for (const id of due) {
    const lastFull = await lastSucceededFullSyncAt(deps.db, id);
    const type = lastFull && deps.clock().getTime() - lastFull.getTime() < fullEveryMs ? 'DELTA' : 'FULL';
    if (!(await requestSync(deps, id, type, 'SCHEDULED')).alreadyQueued) queued++;
  }
  return queued;
}

export interface SyncWorkerOptions {
  /** How often each ACTIVE integration syncs. @default 3 hours */
  intervalMs?: number;
  /** Cron of the look for due syncs. @default every 5 minutes */
  scheduleCron?: string | null;
  /** See SYNC_HEARTBEAT_MS. */
  heartbeatMs?: number;
  /** See SYNC_STALE_SECONDS. */
  staleSeconds?: number;
  /** How often this process looks for syncs whose worker died. @default 10 seconds */
  sweepMs?: number;
  /** Seconds between polls of the sync queue. @default 1 */
  pollingIntervalSeconds?: number;
  /** Only schedule integrations of these environments. @default all */
  environmentIds?: string[];
  /**
   * Re-queue every RUNNING sync at start, without waiting for its heartbeat to go stale: right when
   * this process is the store's only user (the embedded store), so any RUNNING sync is a dead one's.
   * @default false
   */
  resumeAllOnStart?: boolean;
}

/**
 * Runs syncs in this process: the sync queue (one at a time), the scheduled syncs, and the sweep
 * that re-queues syncs of dead workers (a restarted server or any other instance takes them up within
 * `staleSeconds + sweepMs`). Resolves with the function that stops taking new work.
 */
export async function startSyncWorkers(deps: SyncDeps, options: SyncWorkerOptions = {}): Promise<() => Promise<void>> {
  const intervalMs = options.intervalMs ?? 3 * 60 * 60 * 1000;
  const staleSeconds = options.staleSeconds ?? SYNC_STALE_SECONDS;
  const stops = [
    await deps.jobs.work<{ runId: string }>(SYNC_QUEUE, (job) => runSyncJob(deps, job, options.heartbeatMs), {
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1,
    }),
    await deps.jobs.work(SYNC_SCHEDULE_QUEUE, async () => {
      await queueScheduledSyncs(deps, intervalMs, options.environmentIds);
    }),
  ];
  const cron = options.scheduleCron === undefined ? '*/5 * * * *' : options.scheduleCron;
  if (cron) await deps.jobs.schedule(SYNC_SCHEDULE_QUEUE, cron);
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweep = (after = staleSeconds) => {
    sweeping = requeueInterruptedSyncs(deps, after)
      .then((n) => n > 0 && deps.logger?.info({ syncs: n }, 'interrupted syncs queued again'))
      .catch((err: unknown) => deps.logger?.error({ err }, 'interrupted-sync sweep failed'));
  };
  sweep(options.resumeAllOnStart ? 0 : staleSeconds);
  const timer = setInterval(() => sweep(), options.sweepMs ?? 10_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await sweeping;
    for (const stop of stops) await stop();
  };
}
