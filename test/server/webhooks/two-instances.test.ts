import { getIntegration } from '../../../server/domain/integrations.ts';
import { type StopDispatcher, startWebhookDispatcher } from '../../../server/domain/webhooks/dispatcher.ts';
import { createEndpoint } from '../../../server/domain/webhooks/endpoints.ts';
import { integrationStateChanged } from '../../../server/domain/webhooks/events.ts';
import { recordEvent } from '../../../server/domain/webhooks/record-event.ts';
import type { Store } from '../../../server/store/db.ts';
import { TEST_ACTOR, TEST_SECRET, createTestTenant } from '../../helpers/app.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { STORE_NAMES, separatePostgresStore } from '../../helpers/stores.ts';
import { type Receiver, startReceiver } from './receiver.ts';
import { eventually } from './wait.ts';

describe.runIf(STORE_NAMES.includes('postgres'))('webhook dispatchers of two server instances on one PostgreSQL', () => {
  let a: Store;
  let b: Store;
  let receiver: Receiver;
  const stops: StopDispatcher[] = [];

  beforeAll(async () => {
    [a, b] = await Promise.all([separatePostgresStore(), separatePostgresStore()]);
  });
  afterAll(async () => {
    await Promise.all(stops.map((stop) => stop()));
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
      const accept = (id: string) => id === created.endpoint.id;
      const integrations = await Promise.all([1, 2, 3, 4].map(() => createTestIntegration(deps, tenant)));
      const expected = new Map<string, string[]>(integrations.map((id) => [id, []]));
      // Small answers in random order of time, so both instances hold claims at once.
      receiver.behave(() => ({ status: 200, delayMs: Math.floor(Math.random() * 20) }));
      stops.push(startWebhookDispatcher({ ...deps, db: a.db }, { pollMs: 5, perEndpoint: 2, accept }));
      stops.push(startWebhookDispatcher({ ...deps, db: b.db }, { pollMs: 5, perEndpoint: 2, accept }));
      for (let i = 0; i < 60; i++) {
        const id = integrations[i % integrations.length]!;
        const record = await getIntegration(a.db, { tenantId: tenant.id }, id);
        expected.get(id)!.push(await a.db.transaction().execute((trx) => recordEvent(trx, integrationStateChanged(record), new Date())));
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
