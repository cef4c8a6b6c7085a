import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from '../../../server/connectors/data-source.ts';
import { sandboxDataSource } from '../../../server/connectors/sandbox/company/source.ts';
import { sandboxConnector } from '../../../server/connectors/sandbox/index.ts';
import type { AppDeps } from '../../../server/deps.ts';
import { requestSync } from '../../../server/domain/sync/queue.ts';
import { startSyncWorkers } from '../../../server/domain/sync/sync-jobs.ts';
import { claimRun, findRun, listRuns } from '../../../server/store/queries/hris-sync-runs.ts';
import { call, createTestKey, createTestTenant, startApp, testDeps, type TestApp } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { finishedRun, integrationHeader } from '../../helpers/hris.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

/** Options that make a silent worker stale within a second, and sweep for stale ones five times a second. */
const FAST = { heartbeatMs: 150, staleSeconds: 1, sweepMs: 200, pollingIntervalSeconds: 0.5, scheduleCron: null };

describe.each(STORE_NAMES)('a sync longer than the stale timeout (%s)', (storeName) => {
  let a: AppDeps;
  let b: AppDeps;
  const reads: string[] = [];
  /** Takes 3 s (three stale timeouts) before answering. */
  const slow: DataSource = {
    // A plain DataSource (no paged `read`), so the sync goes through the wrapped readHris.
    readModels: sandboxDataSource.readModels,
    readHris: async (ctx) => {
      reads.push(ctx.integrationId);
      await new Promise((r) => setTimeout(r, 3000));
      return sandboxDataSource.readHris(ctx);
    },
  };

  beforeAll(async () => {
    const store = await sharedStore(storeName);
    const jobSchema = `pgboss_${crypto.randomBytes(6).toString('hex')}`;
    // Two instances on one queue; on PGlite both live in this process, on PostgreSQL too (same database).
    a = await testDeps(store, { clock: testClock(), jobSchema, workerName: 'a' });
    b = await testDeps(store, { clock: testClock(), jobSchema, workerName: 'b' });
  });
  afterAll(async () => {
    await Promise.all([a.jobs.stop({ graceMs: 1000 }), b.jobs.stop({ graceMs: 1000 })]);
  });

  describe('while its worker lives', () => {
    it('is neither failed nor run again by the other instance', async () => {
      const tenant = await createTestTenant(await sharedStore(storeName));
      const id = await createTestIntegration(a, tenant);
      const { syncId } = await requestSync(a, id, 'FULL', 'FORCED');
      const stopA = await startSyncWorkers({ ...a, sourceFor: () => slow }, FAST);
      // b starts once a has the run, so it can only take it over through the sweep.
      for (let i = 0; i < 200 && (await findRun(a.db, syncId))?.status !== 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 25));
      const stopB = await startSyncWorkers({ ...b, sourceFor: () => slow }, FAST);
      try {
        expect(await finishedRun(a, syncId)).toMatchObject({ status: 'SUCCEEDED', worker: 'a' });
      } finally {
        await stopB();
        await stopA();
      }
      expect(reads.filter((r) => r === id)).toHaveLength(1);
      expect(await listRuns(a.db, id)).toHaveLength(1);
    });
  });
});

describe.each(STORE_NAMES)('POST /v1/force-sync with a sync whose worker died (%s)', (storeName) => {
  let app: TestApp;
  let key: string;

  beforeAll(async () => {
    const store = await sharedStore(storeName);
    app = await startApp(store, { clock: testClock(), workers: { pollingIntervalSeconds: 0.5, sweepMs: 60_000 } });
    ({ key } = await createTestKey(app.deps, await createTestTenant(store)));
  });
  afterAll(() => app.close());

  it('queues that sync again instead of answering with a dead run, and it completes', async () => {
    const tenant = await createTestTenant(await sharedStore(storeName));
    ({ key } = await createTestKey(app.deps, tenant));
    const id = await createTestIntegration(app.deps, tenant);
    // A run claimed by a worker that has been silent for an hour (its process was killed).
    const { syncId } = await requestSync({ ...app.deps, jobs: { ...app.deps.jobs, send: async () => null } }, id, 'FULL', 'FORCED');
    await claimRun(app.deps.db, syncId, 'dead-worker', crypto.randomUUID(), new Date());
    await sql`update sync_runs set heartbeat_at = now() - interval '1 hour' where id = ${syncId}`.execute(app.deps.db);

    const res = await call(`${app.url}/v1/force-sync`, key, { method: 'POST', body: {}, headers: integrationHeader(id) });
    expect(res.body.data).toStrictEqual({ already_queued: true, sync_id: syncId, type: 'FULL' });
    expect(await finishedRun(app.deps, syncId)).toMatchObject({ status: 'SUCCEEDED' });
  });
});
