import type { DomainDeps } from '../../server/domain/deps.ts';
import { SYNC_QUEUE } from '../../server/domain/jobs/queues.ts';
import type { SyncDeps } from '../../server/domain/sync/sync-deps.ts';
import { requestSync, type SyncTrigger, type SyncType } from '../../server/domain/sync/queue.ts';
import { runSyncJob } from '../../server/domain/sync/sync-jobs.ts';
import { hrisWireMappers } from '../../server/http/mappers/hris/index.ts';
import { findRun, type SyncRunRow } from '../../server/store/queries/hris-sync-runs.ts';
import type { TestTenant } from './app.ts';
import { type TestIntegrationOptions, createTestIntegration } from './integrations.ts';

/** Sync deps over a test app's (or store's) deps, optionally with a replaced source or worker name. */
export function testSyncDeps(deps: DomainDeps, extra: Partial<SyncDeps> = {}): SyncDeps {
  return { db: deps.db, clock: deps.clock, secret: deps.secret, connectors: deps.connectors, connectorRuntime: deps.connectorRuntime, jobs: deps.jobs, mappers: hrisWireMappers, ...extra };
}

/** Waits (real time) until a run has finished and returns it. */
export async function finishedRun(deps: Pick<DomainDeps, 'db'>, syncId: string, timeoutMs = 30_000): Promise<SyncRunRow> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const run = await findRun(deps.db, syncId);
    if (run && (run.status === 'SUCCEEDED' || run.status === 'FAILED')) return run;
    if (Date.now() > until) throw new Error(`sync ${syncId} did not finish (${run?.status})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Queues a sync through the job queue and runs it with a worker of these deps (plus `extra`, e.g. a
 * replaced source) until it has finished; returns the run.
 */
export async function runSync(deps: DomainDeps, integrationId: string, type: SyncType, trigger: SyncTrigger, extra: Partial<SyncDeps> = {}): Promise<SyncRunRow> {
  const { syncId } = await requestSync(deps, integrationId, type, trigger);
  return runQueuedSync(deps, syncId, extra);
}

/**
 * Runs the queue with a worker of these deps (plus `extra`) until the run `syncId` has finished; returns it
 * once the jobs the worker took have ended too. A run reads as finished when its transaction commits,
 * before its job's last steps (such as dropping its stage), and stopping a worker does not wait for them.
 */
export async function runQueuedSync(deps: DomainDeps, syncId: string, extra: Partial<SyncDeps> = {}): Promise<SyncRunRow> {
  const sync = testSyncDeps(deps, extra);
  const running = new Set<Promise<void>>();
  const stop = await sync.jobs.work<{ runId: string }>(SYNC_QUEUE, (job) => {
    const run = runSyncJob(sync, job);
    const settled = run.then(() => undefined, () => undefined);
    running.add(settled);
    void settled.then(() => running.delete(settled));
    return run;
  }, { pollingIntervalSeconds: 0.5 });
  try {
    return await finishedRun(sync, syncId);
  } finally {
    await stop();
    await Promise.all(running);
  }
}

/** A Sandbox integration (50 employees unless told otherwise) whose first sync has completed. */
export async function syncedIntegration(deps: DomainDeps, tenant: TestTenant, options: TestIntegrationOptions = {}): Promise<string> {
  const id = await createTestIntegration(deps, tenant, options);
  await runSync(deps, id, 'FULL', 'INITIAL');
  return id;
}

/** The headers of an HRIS request. */
export const integrationHeader = (id: string) => ({ 'x-integration-id': id });

/** Runs a forced sync of an integration now (at the deps' clock) and waits for it. */
export async function syncNow(deps: DomainDeps, integrationId: string, extra: Partial<SyncDeps> = {}): Promise<void> {
  await runSync(deps, integrationId, 'FULL', 'FORCED', extra);
}

/**
 * Runs an integration's first sync: the one connecting queued (the flow queues it with the integration),
 * or a new INITIAL one when none is queued; waits for it and returns the run.
 */
export async function runFirstSync(deps: DomainDeps, integrationId: string, extra: Partial<SyncDeps> = {}): Promise<SyncRunRow> {
  const queued = await deps.db.selectFrom('sync_runs').select('id').where('integration_id', '=', integrationId).where('status', '=', 'QUEUED').executeTakeFirst();
  return queued ? runQueuedSync(deps, queued.id, extra) : runSync(deps, integrationId, 'FULL', 'INITIAL', extra);
}
