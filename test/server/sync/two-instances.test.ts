import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxDataSource } from '../../../server/connectors/sandbox/company/source.ts';
import { sandboxConnector } from '../../../server/connectors/sandbox/index.ts';
import type { DataSource } from '../../../server/connectors/data-source.ts';
import type { AppDeps } from '../../../server/deps.ts';
import { requestSync } from '../../../server/domain/sync/queue.ts';
import { startSyncWorkers } from '../../../server/domain/sync/sync-jobs.ts';
import type { Store } from '../../../server/store/db.ts';
import { listRuns } from '../../../server/store/queries/hris-sync-runs.ts';
import { createTestTenant, testDeps } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { finishedRun } from '../../helpers/hris.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { STORE_NAMES, separatePostgresStore } from '../../helpers/stores.ts';

describe.runIf(STORE_NAMES.includes('postgres'))('two server instances on one PostgreSQL', () => {
  let a: Store;
  let b: Store;
  let depsA: AppDeps;
  let depsB: AppDeps;
  const clock = testClock();
  /** Every read of the remote system, by integration: a sync run twice would read twice. */
  const reads: string[] = [];
  const counting: DataSource = {
    // A plain DataSource (no paged `read`), so the sync goes through the wrapped readHris.
    readModels: sandboxDataSource.readModels,
    readHris: (ctx) => {
      reads.push(ctx.integrationId);
      return sandboxDataSource.readHris(ctx);
    },
  };

  beforeAll(async () => {
    [a, b] = await Promise.all([separatePostgresStore(), separatePostgresStore()]);
    // One job schema for both: they share one queue, as two servers on one database do.
    const jobSchema = `pgboss_${crypto.randomBytes(6).toString('hex')}`;
    depsA = await testDeps(a, { clock, jobSchema, workerName: 'a' });
    depsB = await testDeps(b, { clock, jobSchema, workerName: 'b' });
  });
  afterAll(async () => {
    await Promise.all([depsA.jobs.stop({ graceMs: 1000 }), depsB.jobs.stop({ graceMs: 1000 })]);
    await Promise.all([a.close(), b.close()]);
  });

  describe('with workers running in both', () => {
    it('runs each queued sync exactly once, forced again from either side meanwhile', async () => {
      const tenant = await createTestTenant(a);
      const ids = await Promise.all([1, 2, 3].map(() => createTestIntegration(depsA, tenant, { credentials: { company_size: '250' } })));
      const syncIds = [];
      for (const id of ids) syncIds.push((await requestSync(depsA, id, 'FULL', 'INITIAL')).syncId);
      const stops = await Promise.all([
        startSyncWorkers({ ...depsA, sourceFor: () => counting }, { scheduleCron: null, pollingIntervalSeconds: 0.5 }),
        startSyncWorkers({ ...depsB, sourceFor: () => counting }, { scheduleCron: null, pollingIntervalSeconds: 0.5 }),
      ]);
      try {
        // Requests while the first syncs are queued or running join them instead of starting another.
        const again = await Promise.all(ids.flatMap((id) => [requestSync(depsA, id, 'FULL', 'FORCED'), requestSync(depsB, id, 'FULL', 'FORCED')]));
        for (const syncId of syncIds) await finishedRun(depsA, syncId);
        for (const r of again) await finishedRun(depsA, r.syncId);
      } finally {
        for (const stop of stops) await stop();
      }
      for (const id of ids) {
        const runs = await listRuns(a.db, id);
        expect(runs.every((r) => r.status === 'SUCCEEDED' && ['a', 'b'].includes(r.worker ?? ''))).toBe(true);
        expect(reads.filter((read) => read === id)).toHaveLength(runs.length);
      }
    });
  });

  describe('forcing a sync from both at the same time', () => {
    it('queues one sync and answers both with its ID', async () => {
      const tenant = await createTestTenant(a);
      const id = await createTestIntegration(depsA, tenant);
      const [fromA, fromB] = await Promise.all([requestSync(depsA, id, 'FULL', 'FORCED'), requestSync(depsB, id, 'FULL', 'FORCED')]);
      expect(fromA.syncId).toBe(fromB.syncId);
      expect([fromA.alreadyQueued, fromB.alreadyQueued].sort()).toStrictEqual([false, true]);
      expect(await listRuns(a.db, id)).toHaveLength(1);
    });
  });
});
