import { listAudit } from '../../../server/domain/audit.ts';
import { startWebhookWorkers } from '../../../server/domain/webhooks/webhook-jobs.ts';
import { createTestTenant, errorEnvelope, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { type Receiver, startReceiver } from '../webhooks/receiver.ts';
import { eventually } from '../webhooks/wait.ts';
import { type ConsoleClient, addConsoleUser, signedIn } from './console-client.ts';

const DEV = '/environments/development/webhooks';
const PROD = '/environments/production/webhooks';

describe.each(STORE_NAMES)('webhooks in the console (%s)', (storeName) => {
  let app: TestApp;
  let stopWebhooks: () => Promise<void>;
  let receiver: Receiver;
  let secret = '';

  beforeAll(async () => {
    app = await startApp(await sharedStore(storeName), { config: { trustProxy: ['loopback'] } });
    // The app's job queue has a schema of its own: these workers deliver only this app's events.
    stopWebhooks = await startWebhookWorkers(app.deps, { resumeOnStart: false, retentionCron: null });
    receiver = await startReceiver(() => secret);
  });
  afterAll(async () => {
    await stopWebhooks();
    await receiver.close();
    await app.close();
  });
  afterEach(() => expect(receiver.problems).toStrictEqual([]));

  async function admin(): Promise<{ tenant: TestTenant; client: ConsoleClient }> {
    const tenant = await createTestTenant(await sharedStore(storeName));
    const user = await addConsoleUser(app.deps, tenant.id, 'admin');
    return { tenant, client: await signedIn(app.url, user.email, tenant.id) };
  }

  describe(`POST /dashboard/api${DEV}, then a test event`, () => {
    it('answers the secret once, lists the endpoint without it, and shows the delivery with its status code', async () => {
      const { tenant, client } = await admin();
      const created = await client.request('POST', DEV, { url: receiver.url, event_types: ['integration-created', 'sync-finished'] });
      expect(created.status).toBe(200);
      expect(created.body.data.secret).toMatch(/^whsec_[0-9A-Za-z]{40}$/);
      secret = created.body.data.secret;
      const endpoint = created.body.data.endpoint;
      expect(endpoint).toStrictEqual({
        id: expect.any(String),
        environment: 'development',
        url: receiver.url,
        event_types: ['integration-created', 'sync-finished'],
        enabled: true,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      const second = await client.request('POST', DEV, { url: `${receiver.url}?second`, event_types: [] });
      expect(second.body.data.secret).toBeNull();
      const listed = await client.request('GET', DEV);
      expect(listed.body.data.results.map((e: { id: string }) => e.id)).toStrictEqual([endpoint.id, second.body.data.endpoint.id]);
      expect(listed.body.data.event_types).toContain('data-changed');
      expect(JSON.stringify(listed.body)).not.toContain('whsec_');

      const tested = await client.request('POST', `${DEV}/${endpoint.id}/test`);
      const eventId = tested.body.data.event_id;
      await eventually(() => receiver.delivered.some((e) => e.id === eventId), 'the test event');
      let delivery: any;
      await eventuallyAsync(async () => {
        [delivery] = (await client.request('GET', `${DEV}/${endpoint.id}/deliveries`)).body.data.results;
        return delivery?.status === 'DELIVERED';
      }, 'the delivery to be recorded');
      expect(delivery).toMatchObject({ event_id: eventId, event_type: 'integration-created', attempts: 1, last_status_code: 200, last_response: 'ok', next_attempt_at: null });
      expect(typeof delivery.last_latency_ms).toBe('number');
      const actions = (await listAudit(app.deps.db, tenant.id)).map((r) => r.action);
      expect(actions).toEqual(expect.arrayContaining(['webhook_endpoint.created', 'webhook_secret.created', 'webhook_endpoint.tested']));
    });
  });

  describe(`POST /dashboard/api${DEV}/rotate-secret`, () => {
    it('answers the new secret once; events are signed with it (and the old one during the overlap)', async () => {
      const { client } = await admin();
      const created = await client.request('POST', DEV, { url: receiver.url });
      const old = created.body.data.secret;
      const rotated = await client.request('POST', `${DEV}/rotate-secret`);
      expect(rotated.body.data).toStrictEqual({ secret: expect.stringMatching(/^whsec_/), previous_secret_valid_until: expect.any(String) });
      expect(rotated.body.data.secret).not.toBe(old);
      // The receiver checks with the old secret first, then the new one: both signatures are on the request.
      for (const s of [old, rotated.body.data.secret]) {
        secret = s;
        const { event_id } = (await client.request('POST', `${DEV}/${created.body.data.endpoint.id}/test`)).body.data;
        await eventually(() => receiver.delivered.some((e) => e.id === event_id), 'the test event');
      }
    });
  });

  describe(`POST /dashboard/api${PROD} with a URL production refuses`, () => {
    it.each([
      ['plain http', 'http://93.184.215.14/hooks', 'Production webhook URLs must use https.'],
      ['a loopback address', 'https://127.0.0.1/hooks', "The host '127.0.0.1' resolves to a loopback, private, link-local or otherwise non-public address."],
      ['the cloud metadata address', 'https://169.254.169.254/latest', "The host '169.254.169.254' resolves to a loopback, private, link-local or otherwise non-public address."],
    ])('answers 400 INPUT_INVALID for %s and creates nothing', async (_what, url, message) => {
      const { client } = await admin();
      const res = await client.request('POST', PROD, { url });
      expect([res.status, res.body]).toStrictEqual([400, errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', message)]);
      expect((await client.request('GET', PROD)).body.data.results).toStrictEqual([]);
    });
  });

  describe(`PATCH and DELETE /dashboard/api${DEV}/:id`, () => {
    it('changes the URL, events and enabled flag, then deletes the endpoint', async () => {
      const { client } = await admin();
      const { id } = (await client.request('POST', DEV, { url: receiver.url })).body.data.endpoint;
      const patched = await client.request('PATCH', `${DEV}/${id}`, { url: `${receiver.url}?v=2`, event_types: ['data-changed'], enabled: false });
      expect(patched.body.data.endpoint).toMatchObject({ url: `${receiver.url}?v=2`, event_types: ['data-changed'], enabled: false });
      const unknown = await client.request('PATCH', `${DEV}/${id}`, { event_types: ['no-such-event'] });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toContain('Unknown event type(s): no-such-event.');
      expect((await client.request('DELETE', `${DEV}/${id}`)).status).toBe(200);
      expect((await client.request('GET', DEV)).body.data.results).toStrictEqual([]);
    });
  });

  describe(`/dashboard/api${PROD}/:id with an endpoint of development`, () => {
    it('answers 400 as for an unknown endpoint and leaves it alone', async () => {
      const { client } = await admin();
      const { id } = (await client.request('POST', DEV, { url: receiver.url })).body.data.endpoint;
      const res = await client.request('DELETE', `${PROD}/${id}`);
      expect([res.status, res.body]).toStrictEqual([400, errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', `No webhook endpoint with ID '${id}'.`)]);
      expect((await client.request('GET', DEV)).body.data.results).toHaveLength(1);
    });
  });

  describe(`POST /dashboard/api${DEV}/:id/resend-failed`, () => {
    it('answers 400 for a period that ends before it starts', async () => {
      const { client } = await admin();
      const { id } = (await client.request('POST', DEV, { url: receiver.url })).body.data.endpoint;
      const res = await client.request('POST', `${DEV}/${id}/resend-failed`, { since: '2026-01-02T00:00:00Z', until: '2026-01-01T00:00:00Z' });
      expect([res.status, res.body]).toStrictEqual([400, errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', 'Invalid request body: until must be after since.')]);
    });

    it('sends the failed deliveries of the period again, with their event IDs', async () => {
      const { client } = await admin();
      const created = await client.request('POST', DEV, { url: receiver.url });
      secret = created.body.data.secret;
      const { id } = created.body.data.endpoint;
      const { event_id } = (await client.request('POST', `${DEV}/${id}/test`)).body.data;
      await eventually(() => receiver.delivered.some((e) => e.id === event_id), 'the test event');
      await eventuallyAsync(async () => (await client.request('GET', `${DEV}/${id}/deliveries`)).body.data.results[0]?.status === 'DELIVERED', 'the delivery');
      // As if it had failed for a day: finally FAILED.
      await app.deps.db.updateTable('webhook_deliveries').set({ status: 'FAILED' }).where('endpoint_id', '=', id).execute();
      const res = await client.request('POST', `${DEV}/${id}/resend-failed`, { since: new Date(Date.now() - 60_000).toISOString() });
      expect(res.body.data).toStrictEqual({ resent: 1 });
      await eventually(() => receiver.delivered.filter((e) => e.id === event_id).length === 2, 'the re-sent event');
    });
  });
});

/** Polls a check that reads the app until it holds. */
async function eventuallyAsync(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
