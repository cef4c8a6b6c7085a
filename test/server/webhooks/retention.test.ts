import type { JobQueue } from '../../../server/domain/jobs/job-queue.ts';
import { WEBHOOK_RETENTION_QUEUE } from '../../../server/domain/jobs/queues.ts';
import { getIntegration } from '../../../server/domain/integrations.ts';
import { createEndpoint } from '../../../server/domain/webhooks/endpoints.ts';
import { integrationStateChanged } from '../../../server/domain/webhooks/events.ts';
import { OUTBOX_RETENTION_MS, deleteExpiredOutboxRows } from '../../../server/domain/webhooks/outbox-retention.ts';
import { recordEvent } from '../../../server/domain/webhooks/record-event.ts';
import { startWebhookWorkers } from '../../../server/domain/webhooks/webhook-jobs.ts';
import type { WebhookDeliveryStatus } from '../../../server/store/schema.ts';
import type { Store } from '../../../server/store/db.ts';
import { TEST_ACTOR, TEST_SECRET, createTestTenant, testDeps, type TestTenant } from '../../helpers/app.ts';
import { DAY_MS, testClock } from '../../helpers/clock.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

// Test files share a database and the sweep is global: this file's events are dated long before any
// other file's clock, so that its sweeps (cut-off in January 2001) only ever reach its own.
const START = '2001-01-01T00:00:00.000Z';

describe.each(STORE_NAMES)('webhook outbox retention (%s)', (storeName) => {
  const clock = testClock(START);
  let store: Store;
  let tenant: TestTenant;
  let jobs: JobQueue;
  let endpointId: string;
  let integrationId: string;
  const deps = () => ({ db: store.db, clock, secret: TEST_SECRET, jobs });

  beforeAll(async () => {
    store = await sharedStore(storeName);
    ({ jobs } = await testDeps(store, { clock }));
    tenant = await createTestTenant(store);
    // No drain runs in this file (no worker; the endpoint never receives): deliveries change only as each test sets them.
    endpointId = (await createEndpoint(deps(), TEST_ACTOR, { tenantId: tenant.id, environment: 'development', url: 'http://127.0.0.1:9/unused', eventTypes: [] })).endpoint.id;
    integrationId = await createTestIntegration(deps(), tenant);
  });
  afterAll(() => jobs.stop({ graceMs: 1_000 }));

  /** Writes an event at the clock's time, with its delivery in `status`; returns the event ID. */
  async function eventWith(status: WebhookDeliveryStatus): Promise<string> {
    const record = await getIntegration(store.db, { tenantId: tenant.id }, integrationId);
    const id = await recordEvent(store.db, integrationStateChanged(record), clock());
    await store.db.updateTable('webhook_deliveries').set({ status }).where('endpoint_id', '=', endpointId)
      .where('event_seq', '=', (eb) => eb.selectFrom('webhook_events').select('seq').where('id', '=', id)).execute();
    return id;
  }
  const remaining = async (ids: string[]) =>
    (await store.db.selectFrom('webhook_events').select('id').where('id', 'in', ids).execute()).map((r) => r.id).sort();
  const deliveriesOf = async (ids: string[]) =>
    (await store.db.selectFrom('webhook_deliveries').innerJoin('webhook_events', 'webhook_events.seq', 'webhook_deliveries.event_seq')
      .select('webhook_events.id').where('webhook_events.id', 'in', ids).execute()).length;

  describe('deleteExpiredOutboxRows', () => {
    it('deletes finished events older than the retention with their deliveries, batch after batch; keeps unfinished and recent ones', async () => {
      clock.set(START);
      const old = [
        await eventWith('DELIVERED'),
        await eventWith('FAILED'),
        await eventWith('DELIVERED'),
        await eventWith('FAILED'),
        await eventWith('DELIVERED'),
      ];
      const stillPending = await eventWith('PENDING');
      const stillDelivering = await eventWith('DELIVERING');
      clock.advance(10 * DAY_MS);
      const recent = await eventWith('DELIVERED');
      clock.set(new Date(new Date(START).getTime() + OUTBOX_RETENTION_MS + DAY_MS));

      expect(await deleteExpiredOutboxRows(deps(), { batchSize: 2 })).toBe(5);
      expect(await remaining([...old, stillPending, stillDelivering, recent])).toStrictEqual([stillPending, stillDelivering, recent].sort());
      expect(await deliveriesOf(old)).toBe(0);
      expect(await deliveriesOf([stillPending, stillDelivering, recent])).toBe(3);
    });
  });

  describe('the retention job on the job queue', () => {
    it('runs the sweep with the injected clock', async () => {
      clock.set('2001-01-05T00:00:00.000Z');
      const expired = await eventWith('DELIVERED');
      clock.advance(OUTBOX_RETENTION_MS - DAY_MS);
      const kept = await eventWith('FAILED');
      clock.advance(2 * DAY_MS);
      const stop = await startWebhookWorkers(deps(), { resumeOnStart: false, retentionCron: null });
      try {
        await jobs.send(WEBHOOK_RETENTION_QUEUE, {});
        await eventuallyAsync(async () => (await remaining([expired, kept])).length === 1, 'the expired event to go');
        expect(await remaining([expired, kept])).toStrictEqual([kept]);
      } finally {
        await stop();
      }
    });
  });
});

/** Like `eventually`, for a check that reads the store. */
async function eventuallyAsync(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
