import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_SCHEDULE_QUEUE } from '../../../server/domain/jobs/queues.ts';
import { requestSync } from '../../../server/domain/sync/queue.ts';
import { queueScheduledSyncs } from '../../../server/domain/sync/sync-jobs.ts';
import { listRuns } from '../../../server/store/queries/hris-sync-runs.ts';
import { createTestTenant, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { testClock, type TestClock } from '../../helpers/clock.ts';
import { finishedRun, syncedIntegration } from '../../helpers/hris.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

const HOUR = 3_600_000;

describe.each(STORE_NAMES)('scheduled syncs (%s)', (storeName) => {
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
    tenant = await createTestTenant(store);
    app = await startApp(store, { clock, workers: { intervalMs: 3 * HOUR, environmentIds: [tenant.environments.development] } });
  });
  afterAll(() => app.close());

  const dueNow = () => queueScheduledSyncs(app.deps, 3 * HOUR, [tenant.environments.development]);

  describe('with an integration synced more than three hours ago', () => {
    it('runs a SCHEDULED sync when the schedule job fires', async () => {
      const id = await syncedIntegration(app.deps, tenant);
      clock.advance(3 * HOUR + 1);
      await app.deps.jobs.send(SYNC_SCHEDULE_QUEUE, {});
      const run = await until(async () => (await listRuns(app.deps.db, id)).find((r) => r.trigger === 'SCHEDULED' && r.status !== 'QUEUED' && r.status !== 'RUNNING'));
      expect(run).toMatchObject({ type: 'DELTA', status: 'SUCCEEDED', error: null });
    });
  });

  describe('with an integration whose last FULL sync is more than a day old', () => {
    it('queues a FULL scheduled sync, then DELTA ones again', async () => {
      const id = await syncedIntegration(app.deps, tenant);
      clock.advance(25 * HOUR);
      await dueNow();
      const full = (await listRuns(app.deps.db, id)).find((r) => r.trigger === 'SCHEDULED')!;
      expect(full.type).toBe('FULL');
      await finishedRun(app.deps, full.id);
      clock.advance(3 * HOUR + 1);
      await dueNow();
      expect((await listRuns(app.deps.db, id)).filter((r) => r.trigger === 'SCHEDULED').map((r) => r.type).sort()).toStrictEqual(['DELTA', 'FULL']);
    });
  });

  describe('with an integration synced an hour ago', () => {
    it('leaves it alone', async () => {
      const id = await syncedIntegration(app.deps, tenant);
      clock.advance(HOUR);
      await dueNow();
      expect((await listRuns(app.deps.db, id)).map((r) => r.trigger)).toStrictEqual(['INITIAL']);
    });
  });

  describe('with an inactive integration', () => {
    it('never syncs it', async () => {
      const id = await createTestIntegration(app.deps, tenant, { status: 'INACTIVE' });
      await dueNow();
      expect(await listRuns(app.deps.db, id)).toStrictEqual([]);
    });
  });

  describe('with an integration disabled after its sync was queued', () => {
    it('fails the run instead of syncing', async () => {
      const id = await syncedIntegration(app.deps, tenant);
      const { syncId } = await requestSync(app.deps, id, 'FULL', 'FORCED');
      await app.deps.db.updateTable('integrations').set({ status: 'INACTIVE', inactive_reason: 'MANUAL' }).where('id', '=', id).execute();
      expect(await finishedRun(app.deps, syncId)).toMatchObject({ id: syncId, status: 'FAILED', error: 'The integration is inactive; its syncs are paused.' });
    });
  });
});
