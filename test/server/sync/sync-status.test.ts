import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from '../../../server/connectors/data-source.ts';
import { sandboxDataSource } from '../../../server/connectors/sandbox/company/source.ts';
import { requestSync } from '../../../server/domain/sync/queue.ts';
import type { Store } from '../../../server/store/db.ts';
import { call, createTestKey, createTestTenant, errorEnvelope, LOG_URL, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { testClock, type TestClock } from '../../helpers/clock.ts';
import { integrationHeader, runQueuedSync, syncedIntegration } from '../../helpers/hris.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

const notFound = (syncId: string) => errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', `No sync '${syncId}' for this integration.`);

describe.each(STORE_NAMES)('GET /v1/force-sync/{sync_id} (%s)', (storeName) => {
  let app: TestApp;
  let clock: TestClock;
  let tenant: TestTenant;
  let key: string;
  let store: Store;

  const syncStatus = (integrationId: string | null, syncId: string, apiKey = key) =>
    call(`${app.url}/v1/force-sync/${encodeURIComponent(syncId)}`, apiKey, { headers: integrationId ? integrationHeader(integrationId) : {} });

  beforeAll(async () => {
    store = await sharedStore(storeName);
    clock = testClock();
    app = await startApp(store, { clock });
    tenant = await createTestTenant(store);
    ({ key } = await createTestKey(app.deps, tenant));
  });
  afterAll(() => app.close());

  describe('with a queued sync', () => {
    it('answers QUEUED with only the queue time set', async () => {
      const id = await syncedIntegration(app.deps, tenant);
      const { syncId } = await requestSync(app.deps, id, 'DELTA', 'FORCED');
      const res = await syncStatus(id, syncId);
      expect([res.status, res.body]).toStrictEqual([
        200,
        {
          status: 'success',
          data: { sync_id: syncId, type: 'DELTA', state: 'QUEUED', queued_at: clock().toISOString(), started_at: null, finished_at: null, duration_ms: null, error: null },
        },
      ]);
      await runQueuedSync(app.deps, syncId);
    });
  });

  describe('with a sync the worker finished', () => {
    it('answers SUCCEEDED with start, finish and duration', async () => {
      const id = await syncedIntegration(app.deps, tenant);
      const { syncId } = await requestSync(app.deps, id, 'FULL', 'FORCED');
      const queuedAt = clock().toISOString();
      clock.advance(5_000);
      await runQueuedSync(app.deps, syncId);
      const res = await syncStatus(id, syncId);
      expect(res.body).toStrictEqual({
        status: 'success',
        data: {
          sync_id: syncId,
          type: 'FULL',
          state: 'SUCCEEDED',
          queued_at: queuedAt,
          started_at: clock().toISOString(),
          finished_at: clock().toISOString(),
          duration_ms: expect.any(Number),
          error: null,
        },
      });
    });
  });

  describe('with a sync whose source failed', () => {
    it('answers FAILED with the failure message', async () => {
      const id = await syncedIntegration(app.deps, tenant);
      const failing: DataSource = {
        readModels: sandboxDataSource.readModels,
        readHris: async () => Promise.reject(new Error('HR system answered 502\n    at readHris (source.ts:1:1)')),
      };
      const { syncId } = await requestSync(app.deps, id, 'FULL', 'FORCED');
      await runQueuedSync(app.deps, syncId, { sourceFor: () => failing });
      const res = await syncStatus(id, syncId);
      expect(res.body.data).toStrictEqual({
        sync_id: syncId,
        type: 'FULL',
        state: 'FAILED',
        queued_at: expect.any(String),
        started_at: clock().toISOString(),
        finished_at: clock().toISOString(),
        duration_ms: expect.any(Number),
        error: 'HR system answered 502',
      });
    });
  });

  describe('with a sync of another integration of the same environment', () => {
    it('answers 404 PLATFORM.INPUT_INVALID', async () => {
      const mine = await createTestIntegration(app.deps, tenant);
      const other = await syncedIntegration(app.deps, tenant);
      const { syncId } = await requestSync(app.deps, other, 'FULL', 'FORCED');
      const res = await syncStatus(mine, syncId);
      expect([res.status, res.body]).toStrictEqual([404, notFound(syncId)]);
      await runQueuedSync(app.deps, syncId);
    });
  });

  describe('with a sync of an integration in another environment', () => {
    it('answers 404 PLATFORM.INPUT_INVALID', async () => {
      const mine = await createTestIntegration(app.deps, tenant);
      const production = await syncedIntegration(app.deps, tenant, { environment: 'production' });
      const { syncId } = await requestSync(app.deps, production, 'FULL', 'FORCED');
      const res = await syncStatus(mine, syncId);
      expect([res.status, res.body]).toStrictEqual([404, notFound(syncId)]);
      await runQueuedSync(app.deps, syncId);
    });
  });

  describe('with a sync of another tenant', () => {
    it('answers 404 PLATFORM.INPUT_INVALID', async () => {
      const mine = await createTestIntegration(app.deps, tenant);
      const stranger = await createTestTenant(store);
      const theirs = await syncedIntegration(app.deps, stranger);
      const { syncId } = await requestSync(app.deps, theirs, 'FULL', 'FORCED');
      const res = await syncStatus(mine, syncId);
      expect([res.status, res.body]).toStrictEqual([404, notFound(syncId)]);
      await runQueuedSync(app.deps, syncId);
    });
  });

  describe('with an unknown sync ID', () => {
    it('answers 404 PLATFORM.INPUT_INVALID', async () => {
      const id = await createTestIntegration(app.deps, tenant);
      const res = await syncStatus(id, 'nosuchsync');
      expect([res.status, res.body]).toStrictEqual([404, notFound('nosuchsync')]);
    });
  });

  describe('without X-Integration-Id', () => {
    it('answers what POST /v1/force-sync answers', async () => {
      const id = await syncedIntegration(app.deps, tenant);
      const { syncId } = await requestSync(app.deps, id, 'FULL', 'FORCED');
      const res = await syncStatus(null, syncId);
      const post = await call(`${app.url}/v1/force-sync`, key, { method: 'POST', body: {} });
      expect(res.status).toBe(400);
      // Each error's log_url leads to its own request's log entry; everything else is the same.
      const withoutLogUrl = (body: { error: Record<string, unknown> }) => ({ ...body, error: { ...body.error, log_url: undefined } });
      expect([res.status, withoutLogUrl(res.body)]).toStrictEqual([post.status, withoutLogUrl(post.body)]);
      expect([res.body.error.log_url, post.body.error.log_url]).toStrictEqual([expect.stringMatching(LOG_URL), expect.stringMatching(LOG_URL)]);
      await runQueuedSync(app.deps, syncId);
    });
  });
});
