import { getIntegration } from '../../../server/domain/integrations.ts';
import crypto from 'node:crypto';
import type { AppDeps } from '../../../server/deps.ts';
import { startWebhookWorkers } from '../../../server/domain/webhooks/webhook-jobs.ts';
import { createEndpoint } from '../../../server/domain/webhooks/endpoints.ts';
import { integrationStateChanged } from '../../../server/domain/webhooks/events.ts';
import { recordEvent } from '../../../server/domain/webhooks/record-event.ts';
import type { Store } from '../../../server/store/db.ts';
import { TEST_ACTOR, TEST_SECRET, createTestTenant, testDeps } from '../../helpers/app.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { STORE_NAMES, separatePostgresStore } from '../../helpers/stores.ts';
import { type Receiver, startReceiver } from './receiver.ts';
import { eventually } from './wait.ts';

describe.runIf(STORE_NAMES.includes('postgres'))('webhook workers of two server instances on one PostgreSQL', () => {
  let a: Store;
  let b: Store;
  /** Each instance's deps: both over one job queue schema, as two servers of one deployment. */
  let instances: AppDeps[];
  let receiver: Receiver;
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    [a, b] = await Promise.all([separatePostgresStore(), separatePostgresStore()]);
    const jobSchema = `pgboss_${crypto.randomBytes(6).toString('hex')}`;
    instances = [await testDeps(a, { jobSchema }), await testDeps(b, { jobSchema })];
  });
  afterAll(async () => {
    await Promise.all(stops.map((stop) => stop()));
    await Promise.all(instances.map((deps) => deps.jobs.stop({ graceMs: 1_000 })));
    await receiver?.close();
    await Promise.all([a.close(), b.close()]);
  });

  describe('claiming the same outbox at the same time', () => {
    it('delivers every event exactly once, in order per integration', async () => {
      let secret = '';
      receiver = await startReceiver(() => secret);
      const deps = { db: a.db, clock: () => new Date(), secret: TEST_SECRET };
      const tenant = await createTestTenant(a);
      const created = await createEndpoint(deps, TEST_ACTOR, { tenantId: tenant.id, environment: 'development', url: receiver.url, eventTypes: [] });
      secret = created.secret!;
      const integrations = await Promise.all([1, 2, 3, 4].map(() => createTestIntegration(deps, tenant)));
      const expected = new Map<string, string[]>(integrations.map((id) => [id, []]));
      // Small answers in random order of time, so both instances hold claims at once.
      receiver.behave(() => ({ status: 200, delayMs: Math.floor(Math.random() * 20) }));
      for (const instance of instances) stops.push(await startWebhookWorkers({ ...deps, db: instance.db, jobs: instance.jobs }, { perEndpoint: 2, resumeOnStart: false, retentionCron: null }));
      for (let i = 0; i < 60; i++) {
        const id = integrations[i % integrations.length]!;
        const record = await getIntegration(a.db, { tenantId: tenant.id }, id);
        expected.get(id)!.push(await a.db.transaction().execute((trx) => recordEvent(trx, integrationStateChanged(record), new Date(), { jobs: instances[i % 2]!.jobs })));
      }
      await eventually(() => receiver.delivered.length >= 60, 'sixty deliveries', 30_000);
      await new Promise((r) => setTimeout(r, 200));
      expect(receiver.requests).toHaveLength(60);
      for (const [id, ids] of expected) {
        expect(receiver.delivered.filter((e) => e.data.integration_id === id).map((e) => e.id)).toStrictEqual(ids);
      }
      expect(receiver.problems).toStrictEqual([]);
    });
  });
});
