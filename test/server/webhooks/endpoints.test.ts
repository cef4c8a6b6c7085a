import crypto from 'node:crypto';
import { listAudit } from '../../../server/domain/audit.ts';
import type { WebhookRequest } from '../../../server/domain/webhooks/delivery.ts';
import { startWebhookWorkers } from '../../../server/domain/webhooks/webhook-jobs.ts';
import type { JobQueue } from '../../../server/domain/jobs/job-queue.ts';
import { createEndpoint, rotateSecret } from '../../../server/domain/webhooks/endpoints.ts';
import { connectionFlowFailed } from '../../../server/domain/webhooks/events.ts';
import { recordEvent } from '../../../server/domain/webhooks/record-event.ts';
import { sendTestEvent } from '../../../server/domain/webhooks/test-event.ts';
import { ROTATION_WINDOW_MS } from '../../../server/domain/webhooks/webhook-secrets.ts';
import type { ResolveHost } from '../../../server/domain/webhooks/url-safety.ts';
import type { Store } from '../../../server/store/db.ts';
import { TEST_ACTOR, TEST_SECRET, createTestTenant, testDeps, type TestTenant } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

/** The documented check, independent of the server's code: HMAC-SHA256 over the raw body, base64url. */
const sign = (secret: string, body: string) => crypto.createHmac('sha256', secret).update(body).digest('base64url');

/** A name server the test controls: each host name maps to the addresses given. */
function fakeDns(map: Record<string, string[]>): ResolveHost {
  return async (host) => {
    const addresses = map[host];
    if (!addresses) throw new Error(`ENOTFOUND ${host}`);
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

describe.each(STORE_NAMES)('webhook endpoints (%s)', (storeName) => {
  const clock = testClock('2026-07-01T12:00:00.000Z');
  const dns: Record<string, string[]> = {};
  const sent: WebhookRequest[] = [];
  /** A job queue of this file's own (its own schema): only this file's endpoints are drained by its workers. */
  let jobs: JobQueue;
  let store: Store;
  let tenant: TestTenant;
  let stop: () => Promise<void>;
  const deps = () => ({ db: store.db, clock, secret: TEST_SECRET, resolve: fakeDns(dns), jobs });

  beforeAll(async () => {
    store = await sharedStore(storeName);
    ({ jobs } = await testDeps(store, { clock }));
    // A transport that records what would go on the wire; the real one is exercised by the other webhook tests.
    stop = await startWebhookWorkers(
      { ...deps(), transport: async (request) => (sent.push(request), { status: 200, bodyStart: '' }) },
      { maxWaitMs: 100, resumeOnStart: false, retentionCron: null },
    );
  });
  afterAll(async () => {
    await stop();
    await jobs.stop({ graceMs: 1_000 });
  });
  beforeEach(async () => {
    tenant = await createTestTenant(store);
    sent.length = 0;
  });

  const create = async (environment: 'production' | 'development', url: string) => {
    const created = await createEndpoint(deps(), TEST_ACTOR, { tenantId: tenant.id, environment, url, eventTypes: [] });
    return created;
  };
  const emit = async (environment: 'production' | 'development', origin: string) => {
    const event = connectionFlowFailed({
      environmentId: tenant.environments[environment],
      linkId: 'link',
      tool: 'sandbox',
      category: 'HRIS',
      endUser: { email: null, organizationName: 'Org', originId: origin },
    });
    return store.db.transaction().execute((trx) => recordEvent(trx, event, clock(), { jobs }));
  };
  const deliveryOf = (eventId: string) =>
    store.db
      .selectFrom('webhook_deliveries')
      .innerJoin('webhook_events', 'webhook_events.seq', 'webhook_deliveries.event_seq')
      .selectAll('webhook_deliveries')
      .where('webhook_events.id', '=', eventId)
      .executeTakeFirst();

  describe('createEndpoint in production', () => {
    beforeAll(() => {
      Object.assign(dns, {
        'hooks.example.com': ['93.184.216.34'],
        'internal.example.com': ['10.1.2.3'],
        'mixed.example.com': ['93.184.216.34', '127.0.0.1'],
        'metadata.example.com': ['169.254.169.254'],
      });
    });

    it.each([
      ['http://hooks.example.com/in', 'Production webhook URLs must use https.'],
      ['https://127.0.0.1/in', "The host '127.0.0.1' resolves to a loopback, private, link-local or otherwise non-public address."],
      ['https://10.0.0.5/in', "The host '10.0.0.5' resolves to a loopback, private, link-local or otherwise non-public address."],
      ['https://169.254.169.254/latest/meta-data', "The host '169.254.169.254' resolves to a loopback, private, link-local or otherwise non-public address."],
      ['https://[::1]/in', "The host '::1' resolves to a loopback, private, link-local or otherwise non-public address."],
      ['https://[fd00:ec2::254]/in', "The host 'fd00:ec2::254' resolves to a loopback, private, link-local or otherwise non-public address."],
      ['https://internal.example.com/in', "The host 'internal.example.com' resolves to a loopback, private, link-local or otherwise non-public address."],
      ['https://mixed.example.com/in', "The host 'mixed.example.com' resolves to a loopback, private, link-local or otherwise non-public address."],
      ['https://metadata.example.com/in', "The host 'metadata.example.com' resolves to a loopback, private, link-local or otherwise non-public address."],
      ['https://nowhere.example.com/in', "The host 'nowhere.example.com' could not be resolved."],
      ['https://user:pw@hooks.example.com/in', 'Webhook URLs may not contain credentials.'],
      ['ftp://hooks.example.com/in', 'Webhook URLs must use https (or http in development).'],
    ])('refuses %s with INPUT_INVALID', async (url, message) => {
      await expect(create('production', url)).rejects.toMatchObject({ code: 'PLATFORM.INPUT_INVALID', message });
      expect(await store.db.selectFrom('webhook_endpoints').select('id').where('environment_id', '=', tenant.environments.production).execute()).toStrictEqual([]);
    });

    it('accepts a public https URL, creating the secret with the first endpoint only, audited', async () => {
      const first = await create('production', 'https://hooks.example.com/in');
      const second = await create('production', 'https://hooks.example.com/other');
      expect(first.secret).toMatch(/^whsec_[0-9A-Za-z]{40}$/);
      expect(second.secret).toBeNull();
      const actions = (await listAudit(store.db, tenant.id)).map((a) => [a.action, a.targetId]);
      expect(actions).toStrictEqual([
        ['webhook_endpoint.created', first.endpoint.id],
        ['webhook_secret.created', tenant.environments.production],
        ['webhook_endpoint.created', second.endpoint.id],
      ]);
      expect(JSON.stringify(await listAudit(store.db, tenant.id))).not.toContain(first.secret);
    });
  });

  describe('createEndpoint in development', () => {
    it('accepts plain http to a local receiver', async () => {
      const { endpoint } = await create('development', 'http://127.0.0.1:4000/in');
      expect(endpoint.url).toBe('http://127.0.0.1:4000/in');
    });
  });

  describe('delivery to a production host that now resolves to a private address (DNS rebinding)', () => {
    it('sends nothing and records the refusal as a failed attempt', async () => {
      dns['rebind.example.com'] = ['93.184.216.34'];
      await create('production', 'https://rebind.example.com/in');
      dns['rebind.example.com'] = ['127.0.0.1'];
      const eventId = await emit('production', 'rebind');
      const delivery = await pollDelivery(eventId, (d) => d.attempts === 1 && d.status === 'PENDING');
      expect(delivery.last_error).toBe("The host 'rebind.example.com' resolves to a loopback, private, link-local or otherwise non-public address.");
      expect(sent).toStrictEqual([]);
    });

    it('connects to the address it checked, keeping the host name in the URL', async () => {
      dns['pinned.example.com'] = ['93.184.216.35'];
      await create('production', 'https://pinned.example.com/in');
      const eventId = await emit('production', 'pinned');
      await pollDelivery(eventId, (d) => d.status === 'DELIVERED');
      expect(sent.map((r) => [r.target.url.hostname, r.target.address])).toStrictEqual([['pinned.example.com', '93.184.216.35']]);
    });
  });

  describe('sendTestEvent', () => {
    it('sends one endpoint, even a disabled one, an integration-created event about a made-up integration', async () => {
      const { endpoint } = await create('development', 'http://127.0.0.1:4000/test');
      await create('development', 'http://127.0.0.1:4000/other');
      await store.db.updateTable('webhook_endpoints').set({ enabled: false }).where('id', '=', endpoint.id).execute();
      const eventId = await sendTestEvent(deps(), TEST_ACTOR, tenant.id, endpoint.id);
      await pollDelivery(eventId, (d) => d.status === 'DELIVERED');
      expect(sent.map((r) => [r.target.url.pathname, JSON.parse(r.body)])).toStrictEqual([
        [
          '/test',
          {
            id: eventId,
            type: 'integration-created',
            data: {
              id: 'sandbox:TestEventTestEventTestEv',
              tool: 'sandbox',
              category: 'HRIS',
              end_user: { organization_name: 'Webhook test', creator_email: 'test@example.com', origin_id: 'webhook-test' },
            },
          },
        ],
      ]);
      expect((await listAudit(store.db, tenant.id)).at(-1)).toMatchObject({ action: 'webhook_endpoint.tested', targetId: endpoint.id, after: { event_id: eventId } });
    });
  });

  describe('rotateSecret', () => {
    it('signs with both secrets during the window and with the new one alone after it, audited', async () => {
      const { secret: old } = await create('development', 'http://127.0.0.1:4000/in');
      const fresh = await rotateSecret(deps(), TEST_ACTOR, tenant.id, 'development');
      expect(fresh).not.toBe(old);

      await pollDelivery(await emit('development', 'during'), (d) => d.status === 'DELIVERED');
      const during = sent.at(-1)!;
      expect(during.headers['X-Kombo-Signature']).toBe(`${sign(fresh, during.body)},${sign(old!, during.body)}`);

      clock.advance(ROTATION_WINDOW_MS);
      await pollDelivery(await emit('development', 'after'), (d) => d.status === 'DELIVERED');
      const after = sent.at(-1)!;
      expect(after.headers['X-Kombo-Signature']).toBe(sign(fresh, after.body));

      const actions = (await listAudit(store.db, tenant.id)).map((a) => a.action);
      expect(actions.at(-1)).toBe('webhook_secret.rotated');
    });

    it('refuses an environment without a secret yet', async () => {
      await expect(rotateSecret(deps(), TEST_ACTOR, tenant.id, 'production')).rejects.toMatchObject({ code: 'PLATFORM.INPUT_INVALID' });
    });
  });

  async function pollDelivery(eventId: string, check: (row: NonNullable<Awaited<ReturnType<typeof deliveryOf>>>) => boolean) {
    const start = Date.now();
    for (;;) {
      const row = await deliveryOf(eventId);
      if (row && check(row)) return row;
      if (Date.now() - start > 10_000) throw new Error(`delivery of ${eventId} never matched: ${JSON.stringify(row)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
});
