import type { Db } from '../../../server/store/db.ts';
import { BACKOFF_BASE_MS, RETRY_FOR_MS } from '../../../server/domain/webhooks/delivery.ts';
import { resendDelivery, resendFailedDeliveries } from '../../../server/domain/webhooks/deliveries.ts';
import { startWebhookWorkers } from '../../../server/domain/webhooks/webhook-jobs.ts';
import type { JobQueue } from '../../../server/domain/jobs/job-queue.ts';
import { createEndpoint } from '../../../server/domain/webhooks/endpoints.ts';
import { integrationStateChanged } from '../../../server/domain/webhooks/events.ts';
import { recordEvent } from '../../../server/domain/webhooks/record-event.ts';
import { getIntegration } from '../../../server/domain/integrations.ts';
import type { Store } from '../../../server/store/db.ts';
import { TEST_ACTOR, TEST_SECRET, createTestTenant, testDeps, type TestTenant } from '../../helpers/app.ts';
import { freePort } from '../../helpers/cli.ts';
import { testClock } from '../../helpers/clock.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { type Receiver, startReceiver } from './receiver.ts';
import { eventually } from './wait.ts';

describe.each(STORE_NAMES)('webhook delivery (%s)', (storeName) => {
  const clock = testClock('2026-06-01T08:00:00.000Z');
  let store: Store;
  let stop: () => Promise<void>;
  let tenant: TestTenant;
  let secret: string;
  const receivers: Receiver[] = [];
  /** A job queue of this file's own (its own schema): only this file's endpoints are drained by its workers. */
  let jobs: JobQueue;
  const deps = () => ({ db: store.db, clock, secret: TEST_SECRET, jobs });

  beforeAll(async () => {
    store = await sharedStore(storeName);
    ({ jobs } = await testDeps(store, { clock }));
    // Receivers answer within 1 s or count as timed out; the clock never moves by itself, so no retry happens unless a
    // test advances it (waiting drains look again every 100 ms to notice).
    stop = await startWebhookWorkers({ ...deps(), timeoutMs: 1_000, random: () => 0.5 }, { maxWaitMs: 100, resumeOnStart: false, retentionCron: null });
  });
  afterAll(async () => {
    await stop();
    await jobs.stop({ graceMs: 1_000 });
    await Promise.all(receivers.map((r) => r.close()));
  });
  beforeEach(async () => {
    tenant = await createTestTenant(store);
  });
  afterEach(() => {
    for (const r of receivers) expect(r.problems).toStrictEqual([]);
  });

  async function receiverEndpoint(port?: number): Promise<{ receiver: Receiver; endpointId: string }> {
    // Each receiver verifies with its own tenant's secret, also for retries that happen during later tests.
    let own = '';
    const receiver = await startReceiver(() => own, { port });
    receivers.push(receiver);
    const created = await createEndpoint(deps(), TEST_ACTOR, { tenantId: tenant.id, environment: 'development', url: receiver.url, eventTypes: [] });
    secret = created.secret ?? secret;
    own = secret;
    return { receiver, endpointId: created.endpoint.id };
  }

  /** Records `count` state-changed events of one integration, each in its own transaction, in order; returns their IDs. */
  async function changes(integrationId: string, count: number): Promise<string[]> {
    const record = await getIntegration(store.db, { tenantId: tenant.id }, integrationId);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await store.db.transaction().execute((trx: Db) => recordEvent(trx, integrationStateChanged(record), clock(), { jobs })));
    return ids;
  }

  const deliveryRows = (endpointId: string) =>
    store.db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId).orderBy('event_seq').execute();

  describe('to a healthy receiver', () => {
    it('delivers each event once, in order, recording status code, latency and the answer', async () => {
      const { receiver, endpointId } = await receiverEndpoint();
      const integrationId = await createTestIntegration(deps(), tenant);
      const ids = await changes(integrationId, 5);
      await eventually(() => receiver.delivered.length === 5, 'five deliveries');
      expect(receiver.requests.map((e) => e.id)).toStrictEqual(ids);
      // The receiver notes an event before its answer reaches the dispatcher: wait for the last outcome to be recorded.
      await waitForRow(endpointId, ids[4]!, (r) => r.status === 'DELIVERED');
      const rows = await deliveryRows(endpointId);
      expect(rows.map((r) => [r.status, r.attempts, r.last_status_code, r.last_response])).toStrictEqual(ids.map(() => ['DELIVERED', 1, 200, 'ok']));
      expect(rows.every((r) => typeof r.last_latency_ms === 'number')).toBe(true);
    });
  });

  describe('resendDelivery of a delivered event', () => {
    it("sends the same event ID again; another tenant cannot", async () => {
      const { receiver, endpointId } = await receiverEndpoint();
      const integrationId = await createTestIntegration(deps(), tenant);
      const [id] = await changes(integrationId, 1);
      const row = await waitForRow(endpointId, id!, (r) => r.status === 'DELIVERED');
      await resendDelivery(deps(), TEST_ACTOR, tenant.id, row.id);
      await eventually(() => receiver.delivered.length === 2, 'the second delivery');
      expect(receiver.delivered.map((e) => e.id)).toStrictEqual([id, id]);
      const other = await createTestTenant(store);
      await expect(resendDelivery(deps(), TEST_ACTOR, other.id, row.id)).rejects.toMatchObject({ code: 'PLATFORM.INPUT_INVALID' });
    });
  });

  describe('to a receiver that fails, then recovers', () => {
    it('retries with exponential backoff and jitter, keeping the order of the integration', async () => {
      const { receiver, endpointId } = await receiverEndpoint();
      receiver.behave(() => ({ status: 500, body: 'x'.repeat(1000) }));
      const integrationId = await createTestIntegration(deps(), tenant);
      const ids = await changes(integrationId, 3);
      await eventually(() => receiver.requests.length === 1, 'first attempt');
      const afterOne = await waitForRow(endpointId, ids[0]!, (r) => r.attempts === 1 && r.status === 'PENDING');
      expect(afterOne.last_status_code).toBe(500);
      expect(afterOne.last_response).toHaveLength(256);
      // random() = 0.5: three quarters of the base delay.
      expect(afterOne.next_attempt_at.getTime() - clock().getTime()).toBe((BACKOFF_BASE_MS * 3) / 4);
      // The later events of the integration wait for the first; nothing else was tried.
      expect(receiver.requests.map((e) => e.id)).toStrictEqual([ids[0]]);

      clock.advance(BACKOFF_BASE_MS);
      const afterTwo = await waitForRow(endpointId, ids[0]!, (r) => r.attempts === 2 && r.status === 'PENDING');
      expect(afterTwo.next_attempt_at.getTime() - clock().getTime()).toBe((BACKOFF_BASE_MS * 2 * 3) / 4);

      receiver.behave(() => ({ status: 204 }));
      clock.advance(BACKOFF_BASE_MS * 2);
      await eventually(() => receiver.delivered.length === 3, 'all three after recovery');
      expect(receiver.delivered.map((e) => e.id)).toStrictEqual(ids);
      expect(new Set(receiver.requests.map((e) => e.id))).toStrictEqual(new Set(ids));
    });

    it("never holds back another integration's events behind a failing one", async () => {
      const { receiver } = await receiverEndpoint();
      const stuck = await createTestIntegration(deps(), tenant);
      const other = await createTestIntegration(deps(), tenant);
      receiver.behave((e) => ({ status: e.data.integration_id === stuck ? 503 : 200 }));
      await changes(stuck, 2);
      const otherIds = await changes(other, 2);
      await eventually(() => receiver.delivered.length === 2, 'the other integration');
      expect(receiver.delivered.map((e) => e.id)).toStrictEqual(otherIds);
    });
  });

  describe('to a slow receiver (no answer in time)', () => {
    it('counts the attempt as failed and delivers once the receiver is fast again', async () => {
      const { receiver, endpointId } = await receiverEndpoint();
      receiver.behave((_e, attempt) => (attempt === 1 ? { status: 200, delayMs: 2_000 } : { status: 200 }));
      const integrationId = await createTestIntegration(deps(), tenant);
      const [id] = await changes(integrationId, 1);
      const row = await waitForRow(endpointId, id!, (r) => r.attempts === 1 && r.status === 'PENDING');
      expect([row.last_status_code, row.last_error]).toStrictEqual([null, 'no answer within 1000 ms']);
      clock.advance(BACKOFF_BASE_MS);
      await waitForRow(endpointId, id!, (r) => r.status === 'DELIVERED');
      expect(receiver.requests.map((e) => e.id)).toStrictEqual([id, id]);
    });
  });

  describe('to a receiver that is down for a while', () => {
    it('delivers every event, in order, once it is back', async () => {
      const port = await freePort();
      const created = await createEndpoint(deps(), TEST_ACTOR, { tenantId: tenant.id, environment: 'development', url: `http://127.0.0.1:${port}/webhooks`, eventTypes: [] });
      secret = created.secret ?? secret;
        const integrationId = await createTestIntegration(deps(), tenant);
      const ids = await changes(integrationId, 4);
      const row = await waitForRow(created.endpoint.id, ids[0]!, (r) => r.attempts === 1 && r.status === 'PENDING');
      expect(row.last_error).toContain('ECONNREFUSED');
      const own = secret;
      const receiver = await startReceiver(() => own, { port });
      receivers.push(receiver);
      clock.advance(BACKOFF_BASE_MS);
      await eventually(() => receiver.delivered.length === 4, 'all four');
      expect(receiver.requests.map((e) => e.id)).toStrictEqual(ids);
    });
  });

  describe('to a receiver failing for more than 24 hours', () => {
    it('marks the delivery FAILED, and resend-failed sends it again with the same event ID', async () => {
      const { receiver, endpointId } = await receiverEndpoint();
      receiver.behave(() => ({ status: 500 }));
      const integrationId = await createTestIntegration(deps(), tenant);
      const [id] = await changes(integrationId, 1);
      await waitForRow(endpointId, id!, (r) => r.attempts === 1);
      const since = clock();
      let row = await waitForRow(endpointId, id!, (r) => r.status === 'PENDING' && r.lease_until === null);
      while (row.status !== 'FAILED') {
        clock.set(row.next_attempt_at);
        const attempts = row.attempts;
        row = await waitForRow(endpointId, id!, (r) => r.attempts > attempts && r.lease_until === null);
      }
      expect(clock().getTime() - since.getTime()).toBeGreaterThanOrEqual(RETRY_FOR_MS);
      receiver.behave(() => ({ status: 200 }));
      expect(await resendFailedDeliveries(deps(), TEST_ACTOR, tenant.id, since)).toBe(1);
      await waitForRow(endpointId, id!, (r) => r.status === 'DELIVERED');
      expect(receiver.delivered.map((e) => e.id)).toStrictEqual([id]);
    });
  });

  describe('to a dead endpoint beside a healthy one', () => {
    it('delivers to the healthy one without waiting for the dead one', async () => {
      const dead = await receiverEndpoint();
      dead.receiver.behave(() => 'hang');
      const healthy = await receiverEndpoint();
      const integrationId = await createTestIntegration(deps(), tenant);
      const started = performance.now();
      const ids = await changes(integrationId, 10);
      await eventually(() => healthy.receiver.delivered.length === 10, 'healthy endpoint');
      expect(healthy.receiver.delivered.map((e) => e.id)).toStrictEqual(ids);
      // Each of the dead endpoint's attempts takes the full 1 s timeout; the healthy one never waits for them.
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(dead.receiver.requests.map((e) => e.id)).toStrictEqual([ids[0]]);
    });
  });

  async function waitForRow(endpointId: string, eventId: string, check: (row: Awaited<ReturnType<typeof deliveryRows>>[number]) => boolean) {
    const start = Date.now();
    for (;;) {
      const row = await store.db
        .selectFrom('webhook_deliveries')
        .innerJoin('webhook_events', 'webhook_events.seq', 'webhook_deliveries.event_seq')
        .selectAll('webhook_deliveries')
        .where('webhook_deliveries.endpoint_id', '=', endpointId)
        .where('webhook_events.id', '=', eventId)
        .executeTakeFirstOrThrow();
      if (check(row)) return row;
      if (Date.now() - start > 10_000) throw new Error(`delivery of ${eventId} never matched: ${JSON.stringify(row)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
});
