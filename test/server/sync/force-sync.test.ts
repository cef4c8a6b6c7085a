import { Kombo } from '@kombo-api/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestSync } from '../../../server/domain/sync/queue.ts';
import { findRun } from '../../../server/store/queries/hris-sync-runs.ts';
import { call, createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { integrationHeader, runQueuedSync, syncedIntegration } from '../../helpers/hris.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { hrisSchemaErrors } from '../hris/hris-schemas.ts';

describe.each(STORE_NAMES)('POST /v1/force-sync (%s)', (storeName) => {
  let app: TestApp;
  let tenant: TestTenant;
  let key: string;

  const forceSync = (id: string, body: unknown = {}) => call(`${app.url}/v1/force-sync`, key, { method: 'POST', body, headers: integrationHeader(id) });
  /** Waits (real time) until a run has finished; the route runs it in the background. */
  async function finished(syncId: string) {
    for (let i = 0; i < 200; i++) {
      const run = await findRun(app.deps.db, syncId);
      if (run && (run.status === 'SUCCEEDED' || run.status === 'FAILED')) return run;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`sync ${syncId} did not finish`);
  }

  beforeAll(async () => {
    const store = await sharedStore(storeName);
    // Workers in the app, as in a server: a forced sync runs in the background.
    app = await startApp(store, { clock: testClock(), workers: true });
    tenant = await createTestTenant(store);
    ({ key } = await createTestKey(app.deps, tenant));
  });
  afterAll(() => app.close());

  describe('with no sync queued', () => {
    it('queues a FULL sync and runs it', async () => {
      const id = await syncedIntegration(app.deps, tenant);
      const res = await forceSync(id);
      expect(res.status).toBe(200);
      expect(res.body).toStrictEqual({ status: 'success', data: { already_queued: false, sync_id: expect.any(String), type: 'FULL' } });
      expect(hrisSchemaErrors('/force-sync', res.body)).toStrictEqual([]);
      const run = await finished(res.body.data.sync_id);
      expect(run).toMatchObject({ status: 'SUCCEEDED', trigger: 'FORCED', type: 'FULL', error: null });
      expect(run.counts).toMatchObject({ employees: { created: 0, updated: 0, deleted: 0, unchanged: expect.any(Number) } });
    });

    it('queues the requested DELTA type', async () => {
      const id = await syncedIntegration(app.deps, tenant);
      const res = await forceSync(id, { type: 'DELTA' });
      expect(res.body.data).toStrictEqual({ already_queued: false, sync_id: expect.any(String), type: 'DELTA' });
      await finished(res.body.data.sync_id);
    });
  });

  describe('with a sync already queued', () => {
    it('answers already_queued with that sync and its type', async () => {
      // An app without workers, so the queued sync stays queued while we ask.
      const idle = await startApp(await sharedStore(storeName), { clock: testClock() });
      try {
        const id = await syncedIntegration(idle.deps, tenant);
        const queued = await requestSync(idle.deps, id, 'FULL', 'SCHEDULED');
        const res = await call(`${idle.url}/v1/force-sync`, key, { method: 'POST', body: { type: 'DELTA' }, headers: integrationHeader(id) });
        expect(res.body).toStrictEqual({ status: 'success', data: { already_queued: true, sync_id: queued.syncId, type: 'FULL' } });
        await runQueuedSync(idle.deps, queued.syncId);
      } finally {
        await idle.close();
      }
    });
  });

  describe('with an invalid type', () => {
    it('answers 400 PLATFORM.INPUT_INVALID naming type', async () => {
      const id = await syncedIntegration(app.deps, tenant);
      const res = await forceSync(id, { type: 'PARTIAL' });
      expect(res.status).toBe(400);
      expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', expect.stringContaining('type')));
    });
  });

  describe('through the official SDK', () => {
    it('returns the queued sync', async () => {
      const id = await syncedIntegration(app.deps, tenant);
      const kombo = new Kombo({ api_key: key, integration_id: id, server_url: `${app.url}/v1` });
      const result = await kombo.general.triggerSync({ type: 'FULL' });
      expect(result.data).toStrictEqual({ already_queued: false, sync_id: expect.any(String), type: 'FULL' });
      await finished(result.data.sync_id);
    });
  });
});
