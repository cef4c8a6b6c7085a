import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestSync } from '../../../server/domain/sync/queue.ts';
import { startSyncScheduler } from '../../../server/domain/sync/scheduler.ts';
import { drainSyncQueue } from '../../../server/domain/sync/worker.ts';
import { listRuns } from '../../../server/store/queries/hris-sync-runs.ts';
import { createTestTenant, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { testClock, type TestClock } from '../../helpers/clock.ts';
import { syncedIntegration, testSyncDeps } from '../../helpers/hris.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

const HOUR = 3_600_000;

describe.each(STORE_NAMES)('startSyncScheduler (%s)', (storeName) => {
  let app: TestApp;
  let clock: TestClock;
  let tenant: TestTenant;

  async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
    for (let i = 0; i < 400; i++) {
      const value = await probe();
      if (value !== undefined) return value;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('condition not reached');
  }

  beforeAll(async () => {
    const store = await sharedStore(storeName);
    clock = testClock();
    app = await startApp(store, { clock });
    tenant = await createTestTenant(store);
  });
  afterAll(() => app.close());

  const schedule = () =>
    startSyncScheduler(testSyncDeps(app.deps), { pollMs: 20, intervalMs: 3 * HOUR, environmentIds: [tenant.environments.development] });

  describe('with an integration synced more than three hours ago', () => {
    it('runs a SCHEDULED sync', async () => {
      const id = await syncedIntegration(app.deps, tenant);
      clock.advance(3 * HOUR + 1);
      const stop = schedule();
      const run = await until(async () => (await listRuns(app.deps.db, id)).find((r) => r.trigger === 'SCHEDULED' && r.status !== 'QUEUED' && r.status !== 'RUNNING'));
      await stop();
      expect(run).toMatchObject({ type: 'DELTA', status: 'SUCCEEDED', error: null });
    });
  });

  describe('with an integration synced an hour ago', () => {
    it('leaves it alone', async () => {
      const id = await syncedIntegration(app.deps, tenant);
      clock.advance(HOUR);
      const stop = schedule();
      await new Promise((r) => setTimeout(r, 200));
      await stop();
      expect((await listRuns(app.deps.db, id)).map((r) => r.trigger)).toStrictEqual(['INITIAL']);
    });
  });

  describe('with an inactive integration', () => {
    it('never syncs it', async () => {
      const id = await createTestIntegration(app.deps, tenant, { status: 'INACTIVE' });
      const stop = schedule();
      await new Promise((r) => setTimeout(r, 200));
      await stop();
      expect(await listRuns(app.deps.db, id)).toStrictEqual([]);
    });
  });

  describe('with an integration disabled after its sync was queued', () => {
    it('fails the run instead of syncing', async () => {
      const id = await syncedIntegration(app.deps, tenant);
      const { syncId } = await requestSync(app.deps, id, 'FULL', 'FORCED');
      await app.deps.db.updateTable('integrations').set({ status: 'INACTIVE', inactive_reason: 'MANUAL' }).where('id', '=', id).execute();
      await drainSyncQueue(testSyncDeps(app.deps));
      const [run] = await listRuns(app.deps.db, id, 1);
      expect(run).toMatchObject({ id: syncId, status: 'FAILED', error: 'The integration is inactive; its syncs are paused.' });
    });
  });
});
