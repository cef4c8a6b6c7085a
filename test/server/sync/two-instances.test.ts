import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectorRegistry } from '../../../server/connectors/registry.ts';
import { requestSync } from '../../../server/domain/sync/queue.ts';
import { drainSyncQueue } from '../../../server/domain/sync/worker.ts';
import type { Store } from '../../../server/store/db.ts';
import { listRuns } from '../../../server/store/queries/hris-sync-runs.ts';
import { TEST_SECRET, createTestTenant } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { testSyncDeps } from '../../helpers/hris.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { STORE_NAMES, separatePostgresStore } from '../../helpers/stores.ts';

describe.runIf(STORE_NAMES.includes('postgres'))('two server instances on one PostgreSQL', () => {
  let a: Store;
  let b: Store;
  const clock = testClock();

  beforeAll(async () => {
    [a, b] = await Promise.all([separatePostgresStore(), separatePostgresStore()]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  const instance = (store: Store, name: string) => testSyncDeps({ db: store.db, clock, secret: TEST_SECRET, connectors: createConnectorRegistry() }, { workerId: name });

  describe('draining the queue at the same time', () => {
    it('runs each queued sync exactly once', async () => {
      const tenant = await createTestTenant(a);
      const ids = await Promise.all([1, 2, 3].map(() => createTestIntegration(instance(a, 'a'), tenant, { credentials: { company_size: '250' } })));
      for (const id of ids) await requestSync(instance(a, 'a'), id, 'FULL', 'INITIAL');
      const [ranA, ranB] = await Promise.all([drainSyncQueue(instance(a, 'a')), drainSyncQueue(instance(b, 'b'))]);
      // Other test files share this database and may queue runs too: count only ours.
      expect(ranA + ranB).toBeGreaterThanOrEqual(3);
      for (const id of ids) {
        const runs = await listRuns(a.db, id);
        expect(runs.map((r) => [r.status, ['a', 'b'].includes(r.worker ?? '')])).toStrictEqual([['SUCCEEDED', true]]);
        const rows = await a.db.selectFrom('hris_records').select((eb) => eb.fn.countAll<number>().as('n')).where('integration_id', '=', id).executeTakeFirstOrThrow();
        expect(Number(rows.n)).toBeGreaterThan(500);
      }
    });
  });

  describe('forcing a sync from both at the same time', () => {
    it('queues one sync and answers both with its ID', async () => {
      const tenant = await createTestTenant(a);
      const id = await createTestIntegration(instance(a, 'a'), tenant);
      const [fromA, fromB] = await Promise.all([
        requestSync(instance(a, 'a'), id, 'FULL', 'FORCED'),
        requestSync(instance(b, 'b'), id, 'FULL', 'FORCED'),
      ]);
      expect(fromA.syncId).toBe(fromB.syncId);
      expect([fromA.alreadyQueued, fromB.alreadyQueued].sort()).toStrictEqual([false, true]);
      expect(await listRuns(a.db, id)).toHaveLength(1);
    });
  });
});
