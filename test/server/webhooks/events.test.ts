import { sandboxDataSource } from '../../../server/connectors/sandbox/company/source.ts';
import type { DataSource } from '../../../server/connectors/data-source.ts';
import { runQueuedSync, syncNow } from '../../helpers/hris.ts';
import { STALE_AFTER_MS, markStaleIntegrations } from '../../../server/domain/lifecycle.ts';
import { startWebhookWorkers } from '../../../server/domain/webhooks/webhook-jobs.ts';
import { createEndpoint } from '../../../server/domain/webhooks/endpoints.ts';
import { WEBHOOK_DRAIN_QUEUE } from '../../../server/domain/jobs/queues.ts';
import type { Store } from '../../../server/store/db.ts';
import { TEST_ACTOR, call, createTestKey, createTestTenant, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { connectSandbox, createLinkToken, createSandboxIntegration, flowCall, sandboxCredentials, tokenOf } from '../connect/connect-helpers.ts';
import { type Receiver, startReceiver } from './receiver.ts';
import { eventually } from './wait.ts';

const END_USER = { organization_name: 'Acme GmbH', creator_email: 'hr@acme.example', origin_id: 'cust-7' };
const ISO = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
const EVENT_ID = expect.stringMatching(/^[1-9A-HJ-NP-Za-km-z]{24}$/);

describe.each(STORE_NAMES)('webhook events from their real causes (%s)', (storeName) => {
  let store: Store;
  let app: TestApp;
  let tenant: TestTenant;
  let key: string;
  let receiver: Receiver;
  let secret = '';
  let endpointId = '';
  let stopWebhooks: () => Promise<void>;

  beforeAll(async () => {
    store = await sharedStore(storeName);
    app = await startApp(store);
    tenant = await createTestTenant(store);
    key = (await createTestKey(app.deps, tenant, 'development')).key;
    receiver = await startReceiver(() => secret);
    const created = await createEndpoint(app.deps, TEST_ACTOR, { tenantId: tenant.id, environment: 'development', url: receiver.url, eventTypes: [] });
    secret = created.secret!;
    endpointId = created.endpoint.id;
    // The app's job queue has a schema of its own: its workers deliver only the events of this app.
    stopWebhooks = await startWebhookWorkers(app.deps, { resumeOnStart: false, retentionCron: null });
  });
  afterAll(async () => {
    await stopWebhooks();
    await receiver.close();
    await app.close();
  });
  afterEach(() => expect(receiver.problems).toStrictEqual([]));

  const received = (type: string, match: (data: Record<string, any>) => boolean) =>
    eventually(() => receiver.delivered.find((e) => e.type === type && match(e.data)), type);
  const connect = () => createSandboxIntegration(app, key, { end_user_origin_id: END_USER.origin_id });

  describe('POST /flow/v1/connect completing a flow', () => {
    it('sends integration-created with the new integration and its end user, signed', async () => {
      const id = await connect();
      const event = await received('integration-created', (d) => d.id === id);
      expect({ id: event.id, data: event.data }).toStrictEqual({ id: EVENT_ID, data: { id, tool: 'sandbox', category: 'HRIS', end_user: END_USER } });
    });
  });

  describe('POST /flow/v1/connect with credentials the tool rejects', () => {
    it('sends connection-flow-failed naming the tool and end user', async () => {
      const token = await createLinkToken(app, key, { end_user_origin_id: 'cust-fail' });
      const res = await flowCall(app, '/connect', token, { method: 'POST', body: { tool: 'sandbox', credentials: sandboxCredentials({ api_key: 'invalid' }) } });
      expect(res.body.data.outcome).toBe('invalid_credentials');
      const event = await received('connection-flow-failed', (d) => d.end_user.origin_id === 'cust-fail');
      expect(event.data).toStrictEqual({
        integration_tool: 'sandbox',
        integration_category: 'HRIS',
        end_user: { ...END_USER, origin_id: 'cust-fail' },
        log_url: expect.stringMatching(/^urn:plugboard:flow:/),
      });
    });
  });

  /** Runs the first sync that connecting queued, and waits for it. */
  async function runFirstSync(id: string): Promise<void> {
    const run = await store.db.selectFrom('sync_runs').select('id').where('integration_id', '=', id).where('status', '=', 'QUEUED').executeTakeFirstOrThrow();
    await runQueuedSync(app.deps, run.id);
  }

  describe('a sync of the integration', () => {
    it('sends sync-finished, then data-changed naming the changed models', async () => {
      const id = await connect();
      await runFirstSync(id);
      const run = await store.db.selectFrom('sync_runs').selectAll().where('integration_id', '=', id).executeTakeFirstOrThrow();
      const finished = await received('sync-finished', (d) => d.integration_id === id);
      expect(finished.data).toStrictEqual({
        sync_id: run.id,
        sync_state: 'SUCCEEDED',
        sync_started_at: ISO,
        sync_ended_at: ISO,
        sync_duration_seconds: expect.any(Number),
        integration_id: id,
        integration_tool: 'sandbox',
        integration_category: 'HRIS',
        end_user: END_USER,
        log_url: `urn:plugboard:sync:${run.id}`,
      });
      const changed = await received('data-changed', (d) => d.integration_id === id);
      expect(changed.data.changed_models).toContainEqual({ name: 'hris_employees' });
      expect(changed.data.changed_models).toContainEqual({ name: 'hris_teams' });
      const order = receiver.delivered.filter((e) => e.data.id === id || e.data.integration_id === id).map((e) => e.type);
      expect(order).toStrictEqual(['integration-created', 'sync-finished', 'data-changed']);
    });

    it('sends sync-finished with sync_state FAILED, and no data-changed, when the sync fails', async () => {
      const id = await connect();
      const failing: DataSource = { readModels: sandboxDataSource.readModels, readHris: async () => Promise.reject(new Error('HR system answered 502')) };
      await syncNow(app.deps, id, { sourceFor: () => failing });
      const finished = await received('sync-finished', (d) => d.integration_id === id);
      expect(finished.data.sync_state).toBe('FAILED');
      expect(receiver.delivered.filter((e) => e.type === 'data-changed' && e.data.integration_id === id)).toStrictEqual([]);
    });

    it('sends no data-changed when a second sync changed nothing', async () => {
      const id = await connect();
      await runFirstSync(id);
      await syncNow(app.deps, id);
      await eventually(() => receiver.delivered.filter((e) => e.type === 'sync-finished' && e.data.integration_id === id).length === 2, 'second sync-finished');
      expect(receiver.delivered.filter((e) => e.type === 'data-changed' && e.data.integration_id === id)).toHaveLength(1);
    });
  });

  describe('PUT /v1/integrations/{id}/enabled', () => {
    it('sends integration-state-changed with the new state', async () => {
      const id = await connect();
      const res = await call(`${app.url}/v1/integrations/${id}/enabled`, key, { method: 'PUT', body: { value: false } });
      expect(res.status).toBe(200);
      const event = await received('integration-state-changed', (d) => d.integration_id === id);
      expect(event.data).toStrictEqual({
        integration_tool: 'sandbox',
        integration_id: id,
        integration_category: 'HRIS',
        end_user: END_USER,
        qa_status: 'PASSED',
        setup_status: 'FINAL_SYNC_PENDING',
        state: 'INACTIVE',
        updated_at: ISO,
      });
    });
  });

  describe('the staleness sweep', () => {
    it('sends integration-state-changed INACTIVE for a development integration unused for 14 days', async () => {
      const id = await connect();
      await store.db.updateTable('integrations').set({ last_api_request_at: new Date(Date.now() - STALE_AFTER_MS - 1000) }).where('id', '=', id).execute();
      expect(await markStaleIntegrations(app.deps, { tenantId: tenant.id })).toStrictEqual([id]);
      const event = await received('integration-state-changed', (d) => d.integration_id === id);
      expect(event.data.state).toBe('INACTIVE');
    });
  });

  describe('POST /flow/v1/connect through a relink link of a disabled integration', () => {
    it('sends integration-state-changed with the integration ACTIVE again, and no integration-created', async () => {
      const id = await connect();
      await call(`${app.url}/v1/integrations/${id}/enabled`, key, { method: 'PUT', body: { value: false } });
      const relink = await call(`${app.url}/v1/integrations/${id}/relink`, key, { method: 'POST', body: {} });
      await connectSandbox(app, tokenOf(relink.body.data.link));
      await received('integration-state-changed', (d) => d.integration_id === id && d.state === 'ACTIVE');
      const types = receiver.delivered.filter((e) => e.data.id === id || e.data.integration_id === id).map((e) => [e.type, e.data.state ?? null]);
      expect(types).toStrictEqual([
        ['integration-created', null],
        ['integration-state-changed', 'INACTIVE'],
        ['integration-state-changed', 'ACTIVE'],
      ]);
    });
  });

  describe('DELETE /v1/integrations/{id}', () => {
    it('sends integration-deleted with the deletion time', async () => {
      const id = await connect();
      expect((await call(`${app.url}/v1/integrations/${id}`, key, { method: 'DELETE' })).status).toBe(200);
      const event = await received('integration-deleted', (d) => d.id === id);
      expect(event.data).toStrictEqual({ id, tool: 'sandbox', category: 'HRIS', end_user: END_USER, deleted_at: ISO });
    });

    it('queues the drain of its endpoints in the deletion itself, not waiting for another event to bring it', async () => {
      const id = await connect();
      await received('integration-created', (d) => d.id === id);
      const send = vi.spyOn(app.deps.jobs, 'send');
      try {
        expect((await call(`${app.url}/v1/integrations/${id}`, key, { method: 'DELETE' })).status).toBe(200);
        const drains = send.mock.calls.filter(([queue]) => queue === WEBHOOK_DRAIN_QUEUE);
        expect(drains.map(([, data, options]) => [data, options?.trx?.isTransaction])).toStrictEqual([[{ endpointId }, true]]);
      } finally {
        send.mockRestore();
      }
    });
  });
});
